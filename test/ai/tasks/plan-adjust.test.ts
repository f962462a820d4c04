import { propertySuite } from '../property.ts';

propertySuite('plan_adjust');
