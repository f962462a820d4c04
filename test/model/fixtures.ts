/**
 * Tiny synthetic pair files for the model's registry, evaluation and serving tests: the real
 * synthetic generator (simulated students on a small bank, task templates, every check) in its
 * JSONL format, and model shapes small enough to train in seconds on a shared 2-core machine.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { PAIRS_FILE, writeSynth, type Mix, type SynthPair } from '../../src/synth/generate.ts';
import { buildContext } from '../../src/synth/pairs.ts';
import { smallBank } from '../synth/bank.ts';

let ctx: ReturnType<typeof buildContext> | undefined;

/** `n` synthetic pairs written to `<dir>/pairs.jsonl`; returns the file. */
export function synthPairsFile(dir: string, n: number, seed: string, mix: Mix = { feedback: 0.4, explain: 0.3, plan_adjust: 0.3 }): string {
  ctx ??= buildContext(smallBank(4), loadLessons());
  writeSynth(dir, ctx, { pairs: n, seed, mix, paraphraseRate: 0 });
  return path.join(dir, PAIRS_FILE);
}

export function readSynth(file: string): SynthPair[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SynthPair);
}

/** The same pair repeated: a model trained on it learns to write exactly that output for exactly that input. */
export function repeatedPairFile(dir: string, pair: SynthPair, copies: number): string {
  const file = path.join(dir, `repeat-${pair.id}.jsonl`);
  writeFileSync(file, Array.from({ length: copies }, (_, i) => JSON.stringify({ ...pair, id: `${pair.id}-${i}` })).join('\n') + '\n');
  return file;
}

/** A model small enough to train in a few seconds: ~40K parameters at a 400-token vocabulary. */
export const TINY = { dim: 32, hidden: 64, heads: 2, layers: 1, vocabSize: 400, maxSeq: 512 } as const;

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
