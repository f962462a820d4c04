import { propertySuite } from '../property.ts';

propertySuite('review');
