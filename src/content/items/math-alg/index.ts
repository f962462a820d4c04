import type { SkillGenerator } from '../../item.ts';

/** Generators of this domain's skills (filled in by the domain's work). */
export const GENERATORS: readonly SkillGenerator[] = [];
