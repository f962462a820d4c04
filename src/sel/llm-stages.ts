/**
 * The LLM variants of the `generate` and `label` stages: same inputs and output files as
 * the template and heuristic stages in `pipeline.ts`, plus a record of who wrote each part
 * (`generation.json`, `labels.json`: model, prompt version, rows from the model, rows that
 * fell back and why), so any later stage runs on them unchanged.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeCsv } from './csv.ts';
import { generateSamples } from './generate.ts';
import { LABELLER_VERSION } from './label.ts';
import { LABEL_PROMPT_VERSION, llmLabels, llmUtterances, type LlmClient, type LlmStats } from './llm.ts';
import { FILES, labelFeatured, readJsonl, writeJson, writeJsonl, type Featured, type OnProgress } from './pipeline.ts';

export interface LlmStageOptions {
  concurrency?: number;
  onProgress?: OnProgress;
}

export async function stageGenerateLlm(dir: string, opts: { count: number; seed: string | number }, llm: LlmClient, run: LlmStageOptions = {}) {
  mkdirSync(dir, { recursive: true });
  const template = generateSamples(opts);
  const { samples, stats } = await llmUtterances(template, llm, {
    concurrency: run.concurrency,
    onTick: (done, total) => run.onProgress?.({ stage: 'generate', done, total }),
  });
  const file = path.join(dir, FILES.samples);
  writeJsonl(file, samples);
  writeJson(path.join(dir, FILES.generation), { source: 'llm', count: samples.length, seed: String(opts.seed), ...stats });
  return { samples: samples.length, file, stats };
}

/** The labeller name a dataset labelled this way carries into the model manifest. */
export const llmLabeller = (stats: Pick<LlmStats, 'model'>) => `llm:${stats.model}/${LABEL_PROMPT_VERSION}+${LABELLER_VERSION}-fallback`;

export async function stageLabelLlm(dir: string, llm: LlmClient, run: LlmStageOptions = {}) {
  const heuristic = labelFeatured(readJsonl<Featured>(path.join(dir, FILES.features)));
  const { labels, stats } = await llmLabels(
    heuristic.map((r) => ({ utterance: r.utterance, features: r.features, fallback: r.labels })),
    llm,
    { concurrency: run.concurrency, onTick: (done, total) => run.onProgress?.({ stage: 'label', done, total }) },
  );
  const rows = heuristic.map((r, i) => ({ ...r, labels: labels[i] }));
  const file = path.join(dir, FILES.dataset);
  writeCsv(file, rows);
  const labeller = llmLabeller(stats);
  writeJson(path.join(dir, FILES.labels), { labeller, rows: rows.length, ...stats });
  return { rows: rows.length, labeller, file, stats };
}
