import { propertySuite } from '../property.ts';

propertySuite('explain');
