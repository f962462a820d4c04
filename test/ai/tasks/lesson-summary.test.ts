import { propertySuite } from '../property.ts';

propertySuite('lesson_summary');
