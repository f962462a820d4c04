/**
 * The bank the simulation runs on: content/bank.jsonl when it exists (its items' irt
 * params), otherwise a simulated 3PL bank spread over the taxonomy's skills by blueprint share.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SKILLS } from '../../src/content/taxonomy.ts';
import type { Item } from '../../src/content/item.ts';
import { toAssessItem, type AssessItem } from '../../src/assess/types.ts';
import type { Rng } from '../../src/lib/rng.ts';

export interface Bank {
  readonly items: AssessItem[];
  readonly source: string;
}

/**
 * The same number of items for every skill (practice draws from one skill at a time, so each
 * needs depth); a ~ lognormal(0, 0.3) in [0.4, 2.5]; b ~ N(0, 1.1²) in [-3.5, 3.5];
 * c ~ U(0.12, 0.28) for MCQ, 0 for Math student-produced responses (1 in 4).
 */
export function simulatedBank(rng: Rng, size = 4000): AssessItem[] {
  const items: AssessItem[] = [];
  const perSkill = Math.floor(size / SKILLS.length);
  const extra = size - perSkill * SKILLS.length;
  SKILLS.forEach((sk, s) => {
    for (let k = 0; k < perSkill + (s < extra ? 1 : 0); k++) {
      const spr = sk.section === 'math' && rng.chance(0.25);
      items.push({
        id: `sim/${items.length}`,
        skill: sk.id,
        domain: sk.domain,
        a: Math.min(2.5, Math.max(0.4, Math.exp(rng.normal(0, 0.3)))),
        b: Math.min(3.5, Math.max(-3.5, rng.normal(0, 1.1))),
        c: spr ? 0 : 0.12 + 0.16 * rng.next(),
      });
    }
  });
  return items;
}

export function loadBank(rng: Rng, path = 'content/bank.jsonl'): Bank {
  if (existsSync(path)) {
    const items = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => toAssessItem(JSON.parse(l) as Item));
    return { items, source: `${path} (${items.length} items, their irt params)` };
  }
  const items = simulatedBank(rng);
  return { items, source: `SIMULATED 3PL bank of ${items.length} items (${path} not found)` };
}
