/**
 * Every skill generator, in taxonomy order. Each domain folder exports its own list; a
 * test asserts that together they cover the 29 skills exactly once.
 */
import type { SkillGenerator } from '../item.ts';
import { SKILLS, type SkillId } from '../taxonomy.ts';
import { GENERATORS as mathAdv } from './math-adv/index.ts';
import { GENERATORS as mathAlg } from './math-alg/index.ts';
import { GENERATORS as mathGeo } from './math-geo/index.ts';
import { GENERATORS as mathPsda } from './math-psda/index.ts';
import { GENERATORS as rwConv } from './rw-conv/index.ts';
import { GENERATORS as rwCraft } from './rw-craft/index.ts';
import { GENERATORS as rwExpr } from './rw-expr/index.ts';
import { GENERATORS as rwInfo } from './rw-info/index.ts';

const all = [...rwInfo, ...rwCraft, ...rwExpr, ...rwConv, ...mathAlg, ...mathAdv, ...mathPsda, ...mathGeo];
const order = new Map(SKILLS.map((s, i) => [s.id, i]));

export const GENERATORS: readonly SkillGenerator[] = all.sort((a, b) => order.get(a.skill)! - order.get(b.skill)!);

export function generatorFor(skill: SkillId): SkillGenerator | undefined {
  return GENERATORS.find((g) => g.skill === skill);
}
