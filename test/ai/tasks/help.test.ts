import { propertySuite } from '../property.ts';

propertySuite('help');
