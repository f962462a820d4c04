/**
 * Duplicate removal across all sources: exact (SHA-256 of the normalised prompt and
 * output: lower case, whitespace collapsed) and near (MinHash/LSH on word 5-grams from
 * synth/dedup.ts, per task, Jaccard ≥ threshold). The first copy wins, and the build reads
 * real sources before synthetic files, so a real pair is kept over its synthetic twin.
 */
import { createHash } from 'node:crypto';
import { NearDupIndex } from '../synth/dedup.ts';
import type { AiTaskName } from '../db/enums.ts';
import { drop, filterStage, KEEP, type FilterStage } from './pipeline.ts';
import type { Pair } from './types.ts';

export const normalise = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** The part of the prompt that varies between records: everything but the system preamble. */
function promptText(p: Pair): string {
  return p.messages.filter((m) => m.role !== 'system').map((m) => m.content).join('\n');
}

export function dedupStage(opts: { nearThreshold?: number } = {}): FilterStage<Pair> {
  const exact = new Set<string>();
  const near = new Map<AiTaskName, NearDupIndex>();
  return filterStage('dedup', (pair) => {
    const key = createHash('sha256').update(`${pair.polarity}\u0000${normalise(promptText(pair))}\u0000${normalise(pair.output)}`).digest('base64');
    if (exact.has(key)) return drop(pair.synthetic ? 'exact:synthetic' : 'exact:real');
    exact.add(key);
    let idx = near.get(pair.task);
    if (!idx) near.set(pair.task, (idx = new NearDupIndex({ threshold: opts.nearThreshold ?? 0.9 })));
    const prepared = idx.prepare(`${promptText(pair)}\n${pair.output}`);
    if (idx.query(prepared)) return drop(pair.synthetic ? 'near:synthetic' : 'near:real');
    idx.add(prepared);
    return KEEP;
  });
}
