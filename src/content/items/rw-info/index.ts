import type { SkillGenerator } from '../../item.ts';
import { centralIdeas } from './central-ideas.ts';
import { evidence } from './evidence.ts';
import { inferences } from './inferences.ts';

/** Generators of this domain's skills, in taxonomy order. */
export const GENERATORS: readonly SkillGenerator[] = [centralIdeas, evidence, inferences];
