/**
 * Leak-free splits. Every student pseudonym and every question id is assigned a split by
 * hashing it with the seed: u = SHA-256(seed ‖ 0 ‖ group key) read as a uniform number in
 * [0, 1), train below `train`, validation below `train + validation`, test above. A pair is
 * placed in its student's split, or its question's, or (carrying neither) its own id's.
 * A pair that carries a student and a question hashed to different splits cannot go in
 * either without joining a group across splits, so it is dropped and counted. This keeps
 * the stage streaming; a union-find over all groups would keep those pairs but needs the
 * whole graph in memory and can fuse most of the data into one component.
 */
import { createHash } from 'node:crypto';
import { drop, filterStage, KEEP, type FilterStage } from './pipeline.ts';
import type { Pair, Split } from './types.ts';

export interface SplitRatios {
  train: number;
  validation: number;
  test: number;
}
export const DEFAULT_SPLITS: SplitRatios = { train: 0.8, validation: 0.1, test: 0.1 };

/** Uniform [0, 1) from the first 48 bits of SHA-256(seed ‖ 0 ‖ key). */
export function unitHash(seed: string, key: string): number {
  const h = createHash('sha256').update(seed).update('\u0000').update(key).digest();
  return h.readUIntBE(0, 6) / 2 ** 48;
}

export function assignSplit(seed: string, key: string, r: SplitRatios = DEFAULT_SPLITS): Split {
  const total = r.train + r.validation + r.test;
  const u = unitHash(seed, key) * total;
  return u < r.train ? 'train' : u < r.train + r.validation ? 'validation' : 'test';
}

/**
 * The one split every group of a record agrees on: its students' (one, or two for a
 * preference pair from two students) and its question's; null when they disagree, the
 * record's own hash when it has none.
 */
export function splitOf(seed: string, ratios: SplitRatios, rec: { id: string; users: readonly string[]; questionId: string | null }): Split | null {
  const groups = [...rec.users.map((u) => `user:${u}`), ...(rec.questionId ? [`question:${rec.questionId}`] : [])];
  if (!groups.length) return assignSplit(seed, `record:${rec.id}`, ratios);
  const first = assignSplit(seed, groups[0], ratios);
  for (let i = 1; i < groups.length; i++) if (assignSplit(seed, groups[i], ratios) !== first) return null;
  return first;
}

export function splitStage(seed: string, ratios: SplitRatios = DEFAULT_SPLITS): FilterStage<Pair> {
  return filterStage('split', (pair) => {
    const split = splitOf(seed, ratios, { id: pair.id, users: pair.user ? [pair.user] : [], questionId: pair.questionId });
    if (!split) return drop('user-question-conflict');
    pair.split = split;
    return KEEP;
  });
}
