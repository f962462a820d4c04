import { propertySuite } from '../property.ts';

propertySuite('note_reply');
