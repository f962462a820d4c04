import type { SkillGenerator } from '../../item.ts';
import { inequalities } from './inequalities.ts';
import { linearFunctions } from './linear-functions.ts';
import { linearOneVar } from './linear-one-var.ts';
import { linearTwoVar } from './linear-two-var.ts';
import { systems } from './systems.ts';

/** Generators of the Algebra skills, in taxonomy order. */
export const GENERATORS: readonly SkillGenerator[] = [linearOneVar, linearFunctions, linearTwoVar, systems, inequalities];
