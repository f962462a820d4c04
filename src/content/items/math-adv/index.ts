import type { SkillGenerator } from '../../item.ts';
import { equivalentExpressions } from './equivalent-expressions.ts';
import { nonlinearEquations } from './nonlinear-equations.ts';
import { nonlinearFunctions } from './nonlinear-functions.ts';

/** Generators of the Advanced Math skills, in taxonomy order. */
export const GENERATORS: readonly SkillGenerator[] = [equivalentExpressions, nonlinearEquations, nonlinearFunctions];
