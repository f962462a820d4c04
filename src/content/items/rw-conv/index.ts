import type { SkillGenerator } from '../../item.ts';
import { boundaries } from './boundaries.ts';
import { formStructureSense } from './form-structure-sense.ts';

/** Generators of this domain's skills. */
export const GENERATORS: readonly SkillGenerator[] = [boundaries, formStructureSense];
