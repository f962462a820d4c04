/**
 * The numbers of a report, computed from the generations alone (plus perplexity for the
 * in-house model): corpus BLEU and mean ROUGE-L against the references, the share of outputs
 * passing every check and the share passing every critical one, overall and per task, and
 * how often each check failed. The test recomputes them from the written files.
 */
import { AI_TASKS, type AiTaskName } from '../../db/enums.ts';
import { corpusBleu, type BleuScore } from './bleu.ts';
import type { PerplexityResult } from './perplexity.ts';
import { corpusRougeL } from './rouge.ts';
import type { Generation } from './suite.ts';

export interface TaskSummary { n: number; passRate: number; servableRate: number; bleu: number; rougeL: number }

export interface SystemSummary {
  name: string;
  label: string;
  n: number;
  errors: number;
  passRate: number;
  servableRate: number;
  bleu: Omit<BleuScore, 'counts' | 'totals'>;
  rougeL: number;
  perplexity: PerplexityResult | null;
  byTask: Partial<Record<AiTaskName, TaskSummary>>;
  /** Check name → outputs that failed it. */
  failedChecks: Record<string, number>;
  msPerOutput: number;
}

/** What the registry keeps per model and eval key: enough to compare two models without the report. */
export interface EvalSummary {
  key: string;
  at: string;
  evalFile: string;
  evalSha256: string;
  generated: number;
  perplexity: number | null;
  bytePerplexity: number | null;
  passRate: number;
  servableRate: number;
  byTask: Partial<Record<AiTaskName, { n: number; passRate: number }>>;
  bleu: number;
  rougeL: number;
  reportDir: string;
}

const rate = (xs: readonly Generation[], f: (g: Generation) => boolean) => (xs.length ? xs.filter(f).length / xs.length : 0);

export function summarizeSystem(name: string, label: string, gens: readonly Generation[], perplexity: PerplexityResult | null): SystemSummary {
  const { counts: _c, totals: _t, ...bleu } = corpusBleu(gens.map((g) => g.output), [gens.map((g) => g.reference)]);
  const byTask: SystemSummary['byTask'] = {};
  for (const task of AI_TASKS) {
    const t = gens.filter((g) => g.task === task);
    if (!t.length) continue;
    byTask[task] = {
      n: t.length, passRate: rate(t, (g) => g.pass), servableRate: rate(t, (g) => g.servable),
      bleu: corpusBleu(t.map((g) => g.output), [t.map((g) => g.reference)]).score,
      rougeL: corpusRougeL(t.map((g) => g.output), t.map((g) => g.reference)),
    };
  }
  const failedChecks: Record<string, number> = {};
  for (const g of gens) for (const c of g.checks) if (!c.pass) failedChecks[c.name] = (failedChecks[c.name] ?? 0) + 1;
  return {
    name, label, n: gens.length, errors: gens.filter((g) => g.error).length,
    passRate: rate(gens, (g) => g.pass), servableRate: rate(gens, (g) => g.servable),
    bleu, rougeL: corpusRougeL(gens.map((g) => g.output), gens.map((g) => g.reference)),
    perplexity, byTask, failedChecks,
    msPerOutput: gens.length ? gens.reduce((a, g) => a + g.ms, 0) / gens.length : 0,
  };
}
