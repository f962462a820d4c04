/**
 * Promotion: a candidate becomes the active model only when it beats the active one on the
 * same evaluation (same held-out set and settings — the eval key). The criteria are data:
 *   - the share of outputs passing every task check may drop by at most `maxPassRateDrop`
 *     (0: not lower), overall and, when `maxTaskPassRateDrop` is set, in every task;
 *   - perplexity per byte of response must fall by at least `minPerplexityGain` (relative;
 *     0: strictly lower). Per byte, not per token, so a retrained tokenizer is no advantage.
 * Otherwise it stays a candidate, and the refusal lists every criterion with both numbers.
 * With no active model the candidate is promoted as it is (something must serve first).
 */
import path from 'node:path';
import type { Db } from '../db/client.ts';
import { evaluateModel, evalKey, type EvalOptions } from './eval/run.ts';
import { readEvalSet } from './eval/evalset.ts';
import type { EvalSummary } from './eval/summary.ts';
import { activeLm, getLm, metricsOf, recordEval, setActiveLm, type ModelRow } from './registry.ts';
import { DEFAULT_CRITERIA, type PromotionCriteria } from './promote-criteria.ts';

export { DEFAULT_CRITERIA, type PromotionCriteria };

export interface Verdict { promote: boolean; reasons: string[] }

const f = (x: number | null, d = 4) => (x === null ? 'n/a' : x.toFixed(d));

/** Pure: the criteria applied to two summaries of the same eval key. */
export function judge(candidate: EvalSummary, active: EvalSummary, c: PromotionCriteria = DEFAULT_CRITERIA): Verdict {
  if (candidate.key !== active.key) throw new Error(`eval keys differ (${candidate.key} vs ${active.key}): not the same evaluation`);
  const reasons: string[] = [];
  let ok = true;
  const check = (good: boolean, text: string) => { reasons.push(`${good ? 'ok' : 'FAIL'}: ${text}`); ok &&= good; };

  const floor = active.passRate - c.maxPassRateDrop;
  check(candidate.passRate >= floor - 1e-12, `pass rate ${f(candidate.passRate)} vs active ${f(active.passRate)} (must be ≥ ${f(floor)})`);
  if (c.maxTaskPassRateDrop !== null) {
    for (const [task, a] of Object.entries(active.byTask)) {
      const cand = candidate.byTask[task as keyof typeof candidate.byTask];
      if (!a || !cand) continue;
      const tf = a.passRate - c.maxTaskPassRateDrop;
      check(cand.passRate >= tf - 1e-12, `${task} pass rate ${f(cand.passRate)} vs active ${f(a.passRate)} (must be ≥ ${f(tf)})`);
    }
  }
  const cp = candidate.bytePerplexity, ap = active.bytePerplexity;
  if (cp === null || ap === null) check(false, 'perplexity per byte is missing');
  else {
    const ceiling = ap * (1 - c.minPerplexityGain);
    check(c.minPerplexityGain > 0 ? cp <= ceiling : cp < ap, `perplexity per byte ${f(cp, 5)} vs active ${f(ap, 5)} (must be ${c.minPerplexityGain > 0 ? `≤ ${f(ceiling, 5)}` : 'lower'}); per token ${f(candidate.perplexity, 3)} vs ${f(active.perplexity, 3)}`);
  }
  return { promote: ok, reasons };
}

export interface PromoteOptions {
  /** Held-out set; default the candidate's own heldout.jsonl (its newest data). */
  evalFile?: string;
  eval?: Omit<EvalOptions, 'evalFile'>;
  criteria?: PromotionCriteria;
  /** Promote whatever the verdict (recorded as forced). */
  force?: boolean;
}

export interface PromoteResult {
  promoted: boolean;
  candidate: ModelRow;
  previous: ModelRow | null;
  reasons: string[];
  candidateEval: EvalSummary | null;
  activeEval: EvalSummary | null;
}

/** The stored summary for this key, or a fresh evaluation (recorded in the registry). */
export async function ensureEval(db: Db, row: ModelRow, evalFile: string, opts: Omit<EvalOptions, 'evalFile'> = {}): Promise<EvalSummary> {
  const key = evalKey(readEvalSet(evalFile), opts);
  const stored = metricsOf(row).evals?.[key];
  if (stored) return stored;
  const { summary } = await evaluateModel({ id: row.id, dir: row.path }, path.join(row.path, 'eval'), { ...opts, evalFile });
  await recordEval(db, row.version, summary);
  return summary;
}

export async function promoteIfBetter(db: Db, version: string, opts: PromoteOptions = {}): Promise<PromoteResult> {
  const candidate = await getLm(db, version);
  const previous = await activeLm(db);
  const base = { candidate, previous, candidateEval: null, activeEval: null };
  if (previous?.id === candidate.id) return { ...base, promoted: false, reasons: [`${candidate.id} is already the active model`] };
  if (!previous) {
    const promoted = await setActiveLm(db, candidate.version);
    return { ...base, candidate: promoted, promoted: true, reasons: ['no language model was active'] };
  }
  const evalFile = opts.evalFile ?? path.join(candidate.path, 'heldout.jsonl');
  const candidateEval = await ensureEval(db, candidate, evalFile, opts.eval);
  const activeEval = await ensureEval(db, previous, evalFile, opts.eval);
  const verdict = judge(candidateEval, activeEval, opts.criteria);
  const go = verdict.promote || opts.force === true;
  const reasons = opts.force && !verdict.promote ? ['forced despite:', ...verdict.reasons] : verdict.reasons;
  if (!go) return { ...base, candidate: await getLm(db, version), promoted: false, reasons, candidateEval, activeEval };
  const promoted = await setActiveLm(db, candidate.version);
  return { ...base, candidate: promoted, promoted: true, reasons, candidateEval, activeEval };
}
