/**
 * One task's stream of slots: everything the generator decides for a task, in the task's own
 * order. A slot takes a target skill from the task's coverage balancer, builds an input from
 * simulated students (pairs.ts), writes the output with the task's template (optionally a
 * curated paraphrase or an LLM-seeded phrasing), and keeps the pair only if it clears every
 * gate, in order of cost: valid input, not an exact duplicate, not a near-duplicate of a kept
 * output, every task check passing. A rejected attempt is retried from a fresh seed.
 *
 * Nothing here depends on other tasks: the seed of an attempt is (run seed, task, slot of the
 * task, attempt), and the balancer and duplicate indexes are the task's own. So each task's
 * stream is a function of the options alone, and streams can run anywhere — in this thread or
 * in workers — and be interleaved afterwards (generate.ts) into the same bytes.
 */
import { TASKS } from '../ai/tasks/index.ts';
import { retrieve } from '../ai/search/retrieve.ts';
import { renderPrompt, type AnyAiTask } from '../ai/task.ts';
import type { SkillId } from '../content/taxonomy.ts';
import type { AiTaskName } from '../db/enums.ts';
import { createRng } from '../lib/rng.ts';
import { ExactDedup, NearDupIndex } from './dedup.ts';
import type { SynthOptions, SynthPair } from './generate.ts';
import { buildDraft, metaOf, type PairContext } from './pairs.ts';
import { paraphrase } from './paraphrase.ts';

/** A pair before the interleaver numbers it: every field of the JSONL line but `id`. */
export type TaskPair = Omit<SynthPair, 'id'>;

/** What a slot's attempts ran into, by reason (summed into the run's TaskStats). */
export interface SlotTally {
  attempts: number;
  invalidInput: number;
  exactDuplicate: number;
  nearDuplicate: number;
  checkFailed: number;
  paraphrased: number;
  paraphraseRejected: number;
  phrased: number;
}

export const TALLY_KEYS = ['attempts', 'invalidInput', 'exactDuplicate', 'nearDuplicate', 'checkFailed', 'paraphrased', 'paraphraseRejected', 'phrased'] as const satisfies readonly (keyof SlotTally)[];

export interface SlotOutcome {
  /** The kept pair, or null when every attempt was rejected (the slot is dropped). */
  pair: TaskPair | null;
  tally: SlotTally;
  /** Names of the checks that failed, once per failure, in the order they failed. */
  failed: string[];
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

const emptyTally = (): SlotTally => ({ attempts: 0, invalidInput: 0, exactDuplicate: 0, nearDuplicate: 0, checkFailed: 0, paraphrased: 0, paraphraseRejected: 0, phrased: 0 });

/**
 * The slots of one task, until `quota` pairs are kept or `2 × opts.pairs` slots are used
 * (the run's own cap, so a task that keeps failing cannot run on forever).
 */
export function* taskSlots(ctx: PairContext, opts: SynthOptions, task: AiTaskName, quota: number): Generator<SlotOutcome> {
  const def: AnyAiTask = TASKS[task];
  const balancer = new Balancer(ctx.skillsFor[task], opts.skillWeights ?? {});
  const exact = new ExactDedup();
  const near = new NearDupIndex({ threshold: opts.nearDupThreshold ?? 0.8 });
  const maxAttempts = opts.maxAttempts ?? 8;
  const pRate = opts.paraphraseRate ?? 0.5;
  let kept = 0;
  for (let slot = 0; kept < quota && slot < 2 * opts.pairs; slot++) {
    const target = balancer.next();
    const tally = emptyTally();
    const failed: string[] = [];
    let pair: TaskPair | null = null;
    for (let attempt = 0; attempt < maxAttempts && !pair; attempt++) {
      tally.attempts++;
      const pairSeed = `${opts.seed}/${task}/${slot}/${attempt}`;
      const rng = createRng(pairSeed);
      const draft = buildDraft(task, rng.fork('input'), ctx, target);
      const parsed = def.input.safeParse(draft.input);
      if (!parsed.success) { tally.invalidInput++; continue; }
      // The passages the server would attach (ai/search/retrieve.ts), from the same lessons and guide.
      const input = retrieve(def, parsed.data, ctx.index);
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
        const alt = paraphrase(base, wrng, input);
        if (alt !== base) candidates.push({ text: alt, generator: `${generator}+paraphrase`, para: true });
      }
      candidates.push({ text: base, generator, para: false });
      for (const c of candidates) {
        if (exact.has(c.text)) { tally.exactDuplicate++; continue; }
        const shingled = near.prepare(c.text);
        if (near.query(shingled)) { tally.nearDuplicate++; continue; }
        const results = def.checks(input, c.text);
        if (!results.every((r) => r.pass)) {
          for (const r of results) if (!r.pass) failed.push(r.name);
          if (c.para) tally.paraphraseRejected++; else tally.checkFailed++;
          continue;
        }
        exact.add(c.text);
        near.add(shingled);
        if (c.para) tally.paraphrased++;
        if (c.generator.startsWith('llm')) tally.phrased++;
        pair = {
          task,
          input,
          prompt: renderPrompt(def.prompt(input)),
          output: c.text,
          meta: { ...metaOf(draft), generator: c.generator, seed: pairSeed, synthetic: true },
        };
        break;
      }
    }
    if (pair) {
      kept++;
      balancer.record(pair.meta.skill);
    }
    yield { pair, tally, failed };
  }
}
