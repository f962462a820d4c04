import type { SkillGenerator } from '../../item.ts';
import { rhetoricalSynthesis } from './rhetorical-synthesis.ts';
import { transitions } from './transitions.ts';

/** Generators of this domain's skills. */
export const GENERATORS: readonly SkillGenerator[] = [rhetoricalSynthesis, transitions];
