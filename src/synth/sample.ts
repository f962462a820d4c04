/**
 * `synth sample DIR --n 100`: the manual review sample seeds/02 asks for ("manually review
 * 100 samples"). Strata are task × section; each gets a share of N proportional to its size,
 * at least one pair while N allows (largest remainder), drawn by a seeded shuffle, and the
 * pairs are written as readable Markdown with tick boxes for the reviewer.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRng } from '../lib/rng.ts';
import type { SynthPair } from './generate.ts';
import { readPairs } from './report.ts';

/** Indices per stratum, proportional with a floor of one (when n ≥ number of strata). */
export function stratifiedPick(strata: ReadonlyMap<string, number[]>, n: number, seed: string): number[] {
  const keys = [...strata.keys()].sort();
  const total = keys.reduce((a, k) => a + strata.get(k)!.length, 0);
  if (total === 0 || n <= 0) return [];
  const take = Math.min(n, total);
  const floor = take >= keys.length ? 1 : 0;
  const exact = keys.map((k) => floor + ((take - floor * keys.length) * strata.get(k)!.length) / total);
  const counts = exact.map((x, i) => Math.min(Math.floor(x), strata.get(keys[i])!.length));
  let left = take - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  while (left > 0) {
    let moved = false;
    for (const [, i] of order) {
      if (left > 0 && counts[i] < strata.get(keys[i])!.length) { counts[i]++; left--; moved = true; }
    }
    if (!moved) break;
  }
  const rng = createRng(`sample/${seed}`);
  return keys.flatMap((k, i) => rng.shuffle(strata.get(k)!).slice(0, counts[i])).sort((a, b) => a - b);
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)} …` : s);

function renderPair(p: SynthPair, k: number): string {
  const m = p.meta;
  return [
    `## ${k}. ${p.task} · ${m.skill ?? 'no skill'} (${m.section ?? '–'}${m.difficulty ? `, ${m.difficulty}` : ''})`,
    '',
    `id \`${p.id}\` · generator \`${m.generator}\` · seed \`${m.seed}\``,
    '',
    '**Input**',
    '',
    '```json',
    clip(JSON.stringify(p.input, null, 1), 1500),
    '```',
    '',
    '**Output**',
    '',
    ...p.output.split('\n').map((l) => `> ${l}`),
    '',
    '- [ ] coherent  - [ ] faithful to the input  - [ ] SAT-relevant  - [ ] tone',
    '',
  ].join('\n');
}

export async function writeSample(dir: string, n = 100, seed = 'review'): Promise<{ file: string; picked: number }> {
  const all: SynthPair[] = [];
  const strata = new Map<string, number[]>();
  for await (const p of readPairs(dir)) {
    const key = `${p.task}/${p.meta.section ?? '-'}`;
    (strata.get(key) ?? strata.set(key, []).get(key)!).push(all.length);
    all.push(p);
  }
  const picked = stratifiedPick(strata, n, seed);
  const body = [`# Review sample: ${picked.length} of ${all.length} pairs, stratified by task × section`, '', ...picked.map((i, k) => renderPair(all[i], k + 1))].join('\n');
  const file = path.join(dir, 'sample.md');
  writeFileSync(file, body);
  return { file, picked: picked.length };
}
