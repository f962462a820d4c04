/**
 * `synth generate`: the pair writer. For each slot of the mix it takes a target skill from the
 * coverage balancer, builds an input from simulated students (pairs.ts), writes the output
 * with the task's template (optionally a curated paraphrase or an LLM-seeded phrasing), and
 * keeps the pair only if it clears every gate, in order of cost: valid input, not an exact
 * duplicate, not a near-duplicate of a kept output, every task check passing. A rejected slot
 * is regenerated from a fresh seed; every rejection is counted by reason. Output streams to
 * JSONL; the same options give the same bytes.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { TASKS } from '../ai/tasks/index.ts';
import { renderPrompt, type AnyAiTask, type CheckResult } from '../ai/task.ts';
import type { Difficulty } from '../content/item.ts';
import type { DomainId, SectionId, SkillId } from '../content/taxonomy.ts';
import { AI_TASKS, type AiTaskName } from '../db/enums.ts';
import { createRng, type Rng } from '../lib/rng.ts';
import { ExactDedup, NearDupIndex } from './dedup.ts';
import { buildDraft, metaOf, type Draft, type PairContext } from './pairs.ts';
import { paraphrase } from './paraphrase.ts';

export type Mix = Partial<Record<AiTaskName, number>>;
/** The origin plan's mix: 20K feedback, 20K explanations, 10K plan adjustments of 50K. */
export const DEFAULT_MIX: Mix = { feedback: 0.4, explain: 0.4, plan_adjust: 0.2 };

export interface PairMeta {
  skill: SkillId | null;
  section: SectionId | null;
  domain: DomainId | null;
  difficulty: Difficulty | null;
  generator: string;
  seed: string;
  synthetic: true;
}

export interface SynthPair {
  id: string;
  task: AiTaskName;
  input: unknown;
  prompt: string;
  output: string;
  meta: PairMeta;
}

/** Extra phrasings (from LLM seeds): an output for the draft, or null when none fits it. */
export interface Phrasing {
  readonly name: string;
  write(draft: Draft, rng: Rng): string | null;
}

export interface SynthOptions {
  pairs: number;
  seed: string;
  mix?: Mix;
  /** Near-duplicate Jaccard threshold on word 5-gram shingles (default 0.8). */
  nearDupThreshold?: number;
  /** Share of pairs offered a paraphrase (default 0.5). */
  paraphraseRate?: number;
  /** Relative weight per skill for coverage; unlisted skills weigh 1 (oversample weak skills here). */
  skillWeights?: Partial<Record<SkillId, number>>;
  /** Tries per slot before it is given up (default 8). */
  maxAttempts?: number;
  phrasings?: readonly Phrasing[];
  /** Share of eligible drafts written by a phrasing when one is given (default 0.3). */
  phrasingRate?: number;
}

export interface TaskStats {
  written: number;
  attempts: number;
  regeneratedSlots: number;
  droppedSlots: number;
  invalidInput: number;
  exactDuplicate: number;
  nearDuplicate: number;
  checkFailed: number;
  paraphrased: number;
  paraphraseRejected: number;
  phrased: number;
}

export interface SynthStats {
  requested: number;
  written: number;
  seed: string;
  mix: Mix;
  nearDupThreshold: number;
  byTask: Partial<Record<AiTaskName, TaskStats>>;
  /** Failed check name → count, over all attempts. */
  failedChecks: Record<string, number>;
  seconds: number;
}

export function parseMix(spec: string): Mix {
  const mix: Mix = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!(AI_TASKS as readonly string[]).includes(k)) throw new Error(`unknown task in --mix: ${k} (tasks: ${AI_TASKS.join(', ')})`);
    const w = Number(v);
    if (!Number.isFinite(w) || w < 0) throw new Error(`bad weight for ${k} in --mix: ${v}`);
    mix[k as AiTaskName] = w;
  }
  const total = Object.values(mix).reduce((a, b) => a + (b ?? 0), 0);
  if (total <= 0) throw new Error('--mix needs at least one positive weight');
  return mix;
}

/** Whole counts per task summing to n, by largest remainder. */
export function allocate(n: number, mix: Mix): Partial<Record<AiTaskName, number>> {
  const tasks = AI_TASKS.filter((t) => (mix[t] ?? 0) > 0);
  const total = tasks.reduce((a, t) => a + mix[t]!, 0);
  const exact = tasks.map((t) => (n * mix[t]!) / total);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) if (left-- > 0) counts[i]++;
  return Object.fromEntries(tasks.map((t, i) => [t, counts[i]]));
}

/**
 * Coverage balancer: the next target is the skill whose count lags its weighted share most
 * (the Kingsbury–Zara rule the engine uses for content balancing); ties go to taxonomy order.
 */
class Balancer {
  private readonly counts = new Map<SkillId, number>();
  private total = 0;
  private readonly weightSum: number;
  constructor(private readonly skills: readonly SkillId[], private readonly weights: Partial<Record<SkillId, number>>) {
    this.weightSum = skills.reduce((a, s) => a + (weights[s] ?? 1), 0);
  }
  next(): SkillId {
    let best = this.skills[0], bestDeficit = -Infinity;
    for (const s of this.skills) {
      const d = ((this.weights[s] ?? 1) / this.weightSum) * (this.total + 1) - (this.counts.get(s) ?? 0);
      if (d > bestDeficit + 1e-12) { bestDeficit = d; best = s; }
    }
    return best;
  }
  record(s: SkillId | null): void {
    if (!s) return;
    this.total++;
    this.counts.set(s, (this.counts.get(s) ?? 0) + 1);
  }
}

const emptyStats = (): TaskStats => ({ written: 0, attempts: 0, regeneratedSlots: 0, droppedSlots: 0, invalidInput: 0, exactDuplicate: 0, nearDuplicate: 0, checkFailed: 0, paraphrased: 0, paraphraseRejected: 0, phrased: 0 });

/** The pairs, one at a time; `stats` is filled in as they come. */
export function* generatePairs(ctx: PairContext, opts: SynthOptions, stats: SynthStats): Generator<SynthPair> {
  const t0 = performance.now();
  const mix = opts.mix ?? DEFAULT_MIX;
  const quota = allocate(opts.pairs, mix);
  const tasks = AI_TASKS.filter((t) => (quota[t] ?? 0) > 0);
  /** Pairs written per task. */
  const made = new Map<AiTaskName, number>(tasks.map((t) => [t, 0]));
  const balancers = new Map(tasks.map((t) => [t, new Balancer(ctx.skillsFor[t], opts.skillWeights ?? {})]));
  const exact = new Map(tasks.map((t) => [t, new ExactDedup()]));
  const near = new Map(tasks.map((t) => [t, new NearDupIndex({ threshold: opts.nearDupThreshold ?? 0.8 })]));
  for (const t of tasks) stats.byTask[t] = emptyStats();
  const maxAttempts = opts.maxAttempts ?? 8;
  const pRate = opts.paraphraseRate ?? 0.5;
  const fail = (results: CheckResult[]) => {
    for (const r of results) if (!r.pass) stats.failedChecks[r.name] = (stats.failedChecks[r.name] ?? 0) + 1;
  };

  // A slot given up is replaced by a new one, up to twice the request in all.
  for (let slot = 0; stats.written < opts.pairs && slot < 2 * opts.pairs; slot++) {
    // Interleave tasks by deficit so any prefix of the file has the mix's proportions.
    let task = tasks[0], best = -Infinity;
    for (const t of tasks) {
      if (made.get(t)! >= quota[t]!) continue;
      const d = (quota[t]! / opts.pairs) * (stats.written + 1) - made.get(t)!;
      if (d > best + 1e-12) { best = d; task = t; }
    }
    const st = stats.byTask[task]!;
    const def: AnyAiTask = TASKS[task];
    const target = balancers.get(task)!.next();
    let pair: SynthPair | null = null;
    for (let attempt = 0; attempt < maxAttempts && !pair; attempt++) {
      st.attempts++;
      const pairSeed = `${opts.seed}/${task}/${slot}/${attempt}`;
      const rng = createRng(pairSeed);
      const draft = buildDraft(task, rng.fork('input'), ctx, target);
      const parsed = def.input.safeParse(draft.input);
      if (!parsed.success) { st.invalidInput++; continue; }
      const input = parsed.data;
      const wrng = rng.fork('write');
      let generator = `template/${def.promptVersion}`;
      let base: string | null = null;
      const phr = opts.phrasings?.length && wrng.chance(opts.phrasingRate ?? 0.3) ? wrng.pick(opts.phrasings) : null;
      if (phr) {
        base = phr.write({ ...draft, input }, wrng);
        if (base !== null) generator = phr.name;
      }
      base ??= def.template(input, wrng);
      const candidates: { text: string; generator: string; para: boolean }[] = [];
      if (wrng.chance(pRate)) {
        const alt = paraphrase(base, wrng);
        if (alt !== base) candidates.push({ text: alt, generator: `${generator}+paraphrase`, para: true });
      }
      candidates.push({ text: base, generator, para: false });
      for (const c of candidates) {
        if (exact.get(task)!.has(c.text)) { st.exactDuplicate++; continue; }
        const shingled = near.get(task)!.prepare(c.text);
        if (near.get(task)!.query(shingled)) { st.nearDuplicate++; continue; }
        const results = def.checks(input, c.text);
        if (!results.every((r) => r.pass)) {
          fail(results);
          if (c.para) st.paraphraseRejected++; else st.checkFailed++;
          continue;
        }
        exact.get(task)!.add(c.text);
        near.get(task)!.add(shingled);
        if (c.para) st.paraphrased++;
        if (c.generator.startsWith('llm')) st.phrased++;
        pair = {
          id: `${opts.seed}:${String(slot).padStart(7, '0')}`,
          task,
          input,
          prompt: renderPrompt(def.prompt(input)),
          output: c.text,
          meta: { ...metaOf(draft), generator: c.generator, seed: pairSeed, synthetic: true },
        };
        break;
      }
      if (attempt > 0 && pair) st.regeneratedSlots++;
    }
    if (!pair) { st.droppedSlots++; continue; }
    made.set(task, made.get(task)! + 1);
    balancers.get(task)!.record(pair.meta.skill);
    st.written++;
    stats.written++;
    yield pair;
  }
  stats.seconds = (performance.now() - t0) / 1000;
}

export function newStats(opts: SynthOptions): SynthStats {
  return { requested: opts.pairs, written: 0, seed: opts.seed, mix: opts.mix ?? DEFAULT_MIX, nearDupThreshold: opts.nearDupThreshold ?? 0.8, byTask: {}, failedChecks: {}, seconds: 0 };
}

export const PAIRS_FILE = 'pairs.jsonl';
export const MANIFEST_FILE = 'manifest.json';

/** Stream the pairs to DIR/pairs.jsonl (flushing every `flushEvery` lines) and write DIR/manifest.json. */
export function writeSynth(dir: string, ctx: PairContext, opts: SynthOptions, onPair?: (n: number) => void, flushEvery = 500): SynthStats {
  mkdirSync(dir, { recursive: true });
  const stats = newStats(opts);
  const fd = openSync(path.join(dir, PAIRS_FILE), 'w');
  try {
    let buf: string[] = [];
    let n = 0;
    for (const p of generatePairs(ctx, opts, stats)) {
      buf.push(JSON.stringify(p));
      if (buf.length >= flushEvery) { writeSync(fd, buf.join('\n') + '\n'); buf = []; }
      onPair?.(++n);
    }
    if (buf.length) writeSync(fd, buf.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
  // Timing varies run to run; it is kept out of the manifest so the same seed gives the same bytes.
  const { seconds: _s, ...stable } = stats;
  writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify(stable, null, 2) + '\n');
  return stats;
}
