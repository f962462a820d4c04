import { propertySuite } from '../property.ts';

propertySuite('feedback');
