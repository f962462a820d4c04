/**
 * Preference pairs (`prompt, chosen, rejected`) from a student's rated outputs of one
 * prompt (read-pref.ts) whose mean ratings differ by at least `margin` stars. Every candidate goes through the same consent,
 * identity and task-check filters as any pair; the chosen side must pass its task checks,
 * the rejected side need not. Both scrubbed prompts must be the same text; the pair's split
 * must be the one its students and question all hash to. At most `maxPerPrompt` pairs a
 * prompt (best against worst first), so one busy prompt cannot dominate.
 */
import { FingerprintSet, fingerprint } from './fingerprint.ts';
import { renderPrompt } from '../ai/task.ts';
import type { FilterStage, PipelineStats } from './pipeline.ts';
import { aiPair } from './read-db.ts';
import type { PreferenceGroup } from './read-pref.ts';
import { splitOf, type SplitRatios } from './split.ts';
import type { Pair, PreferencePair } from './types.ts';

export interface PreferenceConfig {
  /** Minimum difference in mean stars between chosen and rejected (issue: 2). */
  margin: number;
  maxPerPrompt: number;
}
export const DEFAULT_PREFERENCE: PreferenceConfig = { margin: 2, maxPerPrompt: 4 };

const STAGE = 'preference';

export async function* preferencePairs(
  groups: AsyncIterable<PreferenceGroup>,
  filters: readonly FilterStage<Pair>[],
  opts: { seed: string; splits: SplitRatios; config: PreferenceConfig; stats: PipelineStats },
): AsyncIterable<PreferencePair> {
  const seen = new FingerprintSet();
  const tally = opts.stats.stage(STAGE);
  for await (const g of groups) {
    const cands: { pair: Pair; prompt: string; rating: number }[] = [];
    for (const row of g.rows) {
      tally.in++;
      const pair = aiPair(row, row.questionId);
      const failed = filters.map((f) => [f.name, f.filter(pair)] as const).find(([, v]) => !v.keep);
      if (failed) {
        opts.stats.drop(STAGE, `${failed[0]}:${(failed[1] as { reason: string }).reason}`);
        continue;
      }
      cands.push({ pair, prompt: renderPrompt(pair.messages), rating: pair.rating! });
    }
    const best = [...cands].sort((a, b) => b.rating - a.rating || (a.pair.id < b.pair.id ? -1 : 1));
    const worst = [...best].reverse();
    let made = 0;
    for (const c of best) {
      if (c.pair.failedCheck) continue;
      for (const r of worst) {
        if (made >= opts.config.maxPerPrompt || c.rating - r.rating < opts.config.margin) break;
        if (r.pair.output === c.pair.output) continue;
        const id = `pref:${c.pair.id}:${r.pair.id}`;
        if (r.prompt !== c.prompt) { opts.stats.drop(STAGE, 'prompt-differs-after-scrub'); continue; }
        if (!seen.add(fingerprint(`${c.prompt}\u0000${c.pair.output}\u0000${r.pair.output}`))) { opts.stats.drop(STAGE, 'exact-duplicate'); continue; }
        const users = [...new Set([c.pair.user, r.pair.user].filter((u): u is string => u !== null))].sort();
        const questionId = c.pair.questionId ?? r.pair.questionId;
        const split = splitOf(opts.seed, opts.splits, { id, users, questionId });
        if (!split) { opts.stats.drop(STAGE, 'split-conflict'); continue; }
        made++;
        tally.out++;
        yield {
          id, task: g.task, messages: c.pair.messages, chosen: c.pair.output, rejected: r.pair.output,
          chosenRating: c.rating, rejectedRating: r.rating, users, questionId, skill: c.pair.skill ?? r.pair.skill, split,
        };
      }
    }
  }
}
