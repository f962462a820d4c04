import { propertySuite } from '../property.ts';

propertySuite('tutor_chat');
