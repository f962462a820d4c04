import type { SkillGenerator } from '../../item.ts';
import { crossText } from './cross-text.ts';
import { textStructure } from './text-structure.ts';
import { wordsInContext } from './words-in-context.ts';

/** Generators of this domain's skills, in taxonomy order. */
export const GENERATORS: readonly SkillGenerator[] = [wordsInContext, textStructure, crossText];
