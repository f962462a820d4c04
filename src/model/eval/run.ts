/**
 * `model eval`, top to bottom: read the held-out set, draw the stratified examples, measure
 * the in-house model's response perplexity, generate with every system (the model, the
 * template writer, a hosted endpoint when configured), run the checks, summarise, write the
 * report. The eval key names the set and the settings, so two models evaluated under the same
 * key saw exactly the same inputs — which is what promotion compares.
 */
import { createHash } from 'node:crypto';
import { EVAL_DEFAULTS } from './defaults.ts';
import path from 'node:path';
import { createInHouseProvider } from '../../ai/providers/inhouse.ts';
import { createTemplateProvider } from '../../ai/providers/template.ts';
import type { Provider } from '../../ai/providers/types.ts';
import { renderPrompt } from '../../ai/task.ts';
import { generate, loadOnce } from '../generate.ts';
import { readEvalSet, stratifiedExamples, type EvalSet } from './evalset.ts';
import { responsePerplexity } from './perplexity.ts';
import { writeReport, type EvalReport } from './report.ts';
import { generateAll, type EvalSystem } from './suite.ts';
import { summarizeSystem, type EvalSummary } from './summary.ts';

export { EVAL_DEFAULTS };

export interface EvalOptions {
  evalFile: string;
  n?: number; // generations per system, stratified by task × skill
  pplN?: number; // examples for perplexity (teacher-forced, much cheaper per example than generating)
  reviewN?: number; // examples in review.md
  seed?: string;
  maxTokens?: number; // per generated output; capped by the model's context
  /** Side by side with the model; the template writer always runs unless false. */
  template?: boolean;
  hosted?: { label: string; provider: Provider } | null;
  onProgress?: (stage: string, done: number, total: number) => void;
}


const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function evalKey(set: Pick<EvalSet, 'sha256'>, o: Pick<EvalOptions, 'n' | 'pplN' | 'seed' | 'maxTokens'>): string {
  const s = { ...EVAL_DEFAULTS, ...defined(o) };
  return createHash('sha256').update(`${set.sha256}|${s.n}|${s.pplN}|${s.seed}|${s.maxTokens}`).digest('hex').slice(0, 12);
}

/** The in-house model as a chain provider, in this thread (the CLI has no event loop to protect). */
export function localModelProvider(id: string, dir: string, maxTokens: number): Provider {
  const lm = loadOnce(dir);
  const cap = Math.min(maxTokens, lm.model.config.maxSeq - 1);
  return createInHouseProvider({
    version: id,
    generate: async (req) => (await generate(lm, req.task, renderPrompt(req.messages), { maxTokens: cap })).text,
  });
}

export async function evaluateModel(
  model: { id: string; dir: string }, outRoot: string, opts: EvalOptions,
): Promise<{ report: EvalReport; summary: EvalSummary; dir: string }> {
  const o = { ...EVAL_DEFAULTS, ...defined(opts) } as Required<EvalOptions>;
  const set = readEvalSet(o.evalFile);
  if (set.examples.length === 0) throw new Error(`${o.evalFile}: no usable examples (${JSON.stringify(set.skipped)})`);
  const key = evalKey(set, o);
  const dir = path.join(outRoot, key);
  const picked = stratifiedExamples(set.examples, o.n, o.seed);
  const pplSet = stratifiedExamples(set.examples, o.pplN, `${o.seed}/ppl`);

  o.onProgress?.('perplexity', 0, pplSet.length);
  const lm = loadOnce(model.dir);
  const ppl = responsePerplexity(lm, pplSet.map((e) => ({ task: e.task, prompt: e.prompt, output: e.reference })));
  o.onProgress?.('perplexity', pplSet.length, pplSet.length);

  const systems: EvalSystem[] = [{ name: 'inhouse', label: model.id, provider: localModelProvider(model.id, model.dir, o.maxTokens) }];
  if (opts.template !== false) systems.push({ name: 'template', label: createTemplateProvider().version, provider: createTemplateProvider() });
  if (opts.hosted) systems.push({ name: 'hosted', label: opts.hosted.label, provider: opts.hosted.provider });
  const gens = await generateAll(systems, picked, { seed: o.seed, onProgress: (s, d, t) => o.onProgress?.(`generate ${s}`, d, t) });

  const summaries = systems.map((s) => summarizeSystem(s.name, s.label, gens.filter((g) => g.system === s.name), s.name === 'inhouse' ? ppl : null));
  const report = writeReport(dir, {
    key, model: model.id, createdAt: new Date().toISOString(),
    evalSet: {
      file: set.file, sha256: set.sha256, examples: set.examples.length, skipped: set.skipped, generated: picked.length,
      perplexityExamples: pplSet.length, seed: o.seed, maxTokens: o.maxTokens,
    },
    systems: summaries,
  }, gens, picked, o.reviewN);

  const own = summaries[0];
  const summary: EvalSummary = {
    key, at: report.createdAt, evalFile: set.file, evalSha256: set.sha256, generated: picked.length,
    perplexity: Number.isFinite(ppl.perplexity) ? ppl.perplexity : null,
    bytePerplexity: Number.isFinite(ppl.bytePerplexity) ? ppl.bytePerplexity : null,
    passRate: own.passRate, servableRate: own.servableRate,
    byTask: Object.fromEntries(Object.entries(own.byTask).map(([t, s]) => [t, { n: s.n, passRate: s.passRate }])),
    bleu: own.bleu.score, rougeL: own.rougeL, reportDir: dir,
  };
  return { report, summary, dir };
}
