import path from 'node:path';
import type { Command } from 'commander';
import type { LlmClient, LlmStats } from '../../sel/llm.ts';
import type { EvalResult, OnProgress, StageName } from '../../sel/pipeline.ts';
import type { SelMetrics } from '../../sel/registry.ts';
import { LEVELS, SEL_SKILLS, type SelSkill } from '../../sel/skills.ts';
import type { SkillCv, TrainConfig } from '../../sel/train.ts';
import type { ValidationReport } from '../../sel/validate.ts';
import { createProgress, type Progress } from '../progress.ts';
import { UsageError } from './db.ts';
import { DATA_DIR_HELP, numberIn, positiveInt, wholeNumber } from '../options.ts';

const DEFAULT_SEED = 'sel';
const pipeline = () => import('../../sel/pipeline.ts');

/** Under DATA_DIR by default, where the API looks for an unregistered set (DATA_DIR/sel/models) and backups cover it. */
async function outDir(o: { out?: string }): Promise<string> {
  if (o.out !== undefined) return o.out;
  const { underDataDir } = await import('../context.ts');
  return underDataDir('sel');
}

/** One progress bar per stage, opened on the stage's first event. */
function progressBars(): { onProgress: OnProgress; finish: () => void } {
  const bars = new Map<StageName, Progress>();
  const open = new Set<StageName>();
  let last = 0;
  return {
    onProgress: (p) => {
      let bar = bars.get(p.stage);
      if (!bar) {
        bar = createProgress({ total: p.total, label: `sel ${p.stage}` });
        bars.set(p.stage, bar);
        open.add(p.stage);
        last = 0;
      }
      if (!open.has(p.stage)) return;
      bar.tick(p.done - last, p.note);
      last = p.done;
      if (p.done >= p.total) {
        bar.done(p.note);
        open.delete(p.stage);
      }
    },
    finish: () => {
      for (const stage of open) bars.get(stage)!.done();
      open.clear();
    },
  };
}


async function trainConfig(opts: { folds: string; smoter?: boolean; seed: string }): Promise<TrainConfig> {
  const folds = wholeNumber(opts.folds, '--folds');
  const [{ DEFAULT_TRAIN_CONFIG }, { DEFAULT_SMOTER }] = await Promise.all([import('../../sel/train.ts'), import('../../sel/augment.ts')]);
  return { ...DEFAULT_TRAIN_CONFIG, folds, seed: `${opts.seed}/train`, smoter: opts.smoter ? DEFAULT_SMOTER : null };
}

const pad = (s: string, n = 16) => s.padEnd(n);

function printValidation(r: ValidationReport): void {
  console.log(`validation ${r.ok ? 'passed' : 'FAILED'}: ${r.rows} rows × ${r.columns} columns, ${r.nonFinite} non-finite, ${r.outOfRange} out of range, cells ${r.balance.minCount}–${r.balance.maxCount} per skill × level × grade`);
  console.log(`${pad('level means')}${LEVELS.map((l) => l.padStart(11)).join('')}   margins H−M / M−D`);
  for (const s of SEL_SKILLS) {
    const x = r.separation[s];
    console.log(`${pad(s)}${LEVELS.map((l) => x.means[l].toFixed(3).padStart(11)).join('')}   ${x.marginHighMedium.toFixed(3)} / ${x.marginMediumDeveloping.toFixed(3)}${x.ok ? '' : '  FAIL'}`);
  }
  for (const p of r.problems.slice(0, 10)) console.log(`  ${p}`);
}

function printCv(cv: Record<SelSkill, SkillCv> | null, importance?: Record<SelSkill, { feature: string; share: number }[]>): void {
  if (!cv) return;
  console.log(`${pad('cross-validated')}${'R²'.padStart(8)}${'MAE'.padStart(8)}${'trees'.padStart(8)}   top features (gain share)`);
  for (const s of SEL_SKILLS) {
    const top = importance?.[s].slice(0, 3).map((f) => `${f.feature} ${f.share.toFixed(2)}`).join(', ') ?? '';
    console.log(`${pad(s)}${cv[s].r2.toFixed(3).padStart(8)}${cv[s].mae.toFixed(3).padStart(8)}${cv[s].meanTrees.toFixed(0).padStart(8)}   ${top}`);
  }
}

function printEval(e: EvalResult): void {
  console.log(`${pad(`held-out (${e.rows})`)}${'R²'.padStart(8)}${'MAE'.padStart(8)}   predicted mean by level`);
  for (const s of SEL_SKILLS) {
    const x = e.perSkill[s];
    console.log(`${pad(s)}${x.r2.toFixed(3).padStart(8)}${x.mae.toFixed(3).padStart(8)}   ${LEVELS.map((l) => `${l} ${x.predictedMeans[l].toFixed(2)}`).join('  ')}`);
  }
}

/** Runs a stage; a failed validation prints its report and sets a non-zero exit code. */
async function guarded(fn: () => void | Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    // The stage that threw has loaded the pipeline, so this costs nothing.
    const { ValidationFailed } = await pipeline();
    if (!(err instanceof ValidationFailed)) throw err;
    printValidation(err.report);
    process.exitCode = 1;
  }
}

/** The configured OpenAI-compatible endpoint, or a usage error saying what to set. */
async function llmClient(stage: 'generate' | 'label'): Promise<LlmClient> {
  const { config } = await import('../context.ts');
  const cfg = config();
  if (!cfg.OPENAI_BASE_URL) {
    throw new UsageError(
      `--llm needs a hosted OpenAI-compatible endpoint: set OPENAI_BASE_URL (and OPENAI_API_KEY, OPENAI_MODEL); ` +
        `without --llm, sel ${stage} uses the ${stage === 'generate' ? 'templates' : 'heuristic labeller'}`,
    );
  }
  // Variety for writing, consistency for rating.
  const tuning = stage === 'generate' ? { temperature: 0.9, maxTokens: 300 } : { temperature: 0, maxTokens: 120 };
  const [{ createOpenAiProvider }, { llmFromProvider }] = await Promise.all([import('../../ai/providers/openai.ts'), import('../../sel/llm.ts')]);
  const provider = createOpenAiProvider({ baseUrl: cfg.OPENAI_BASE_URL, apiKey: cfg.OPENAI_API_KEY, model: cfg.OPENAI_MODEL, timeoutMs: 30_000, ...tuning });
  return llmFromProvider(provider, cfg.OPENAI_MODEL);
}

function printLlmStats(s: LlmStats, what: string): void {
  const why = Object.entries(s.reasons).filter(([, n]) => n > 0).map(([r, n]) => `${r} ${n}`).join(', ');
  console.log(`llm ${s.model} (${s.promptVersion}): ${s.fromLlm}/${s.asked} ${what} from the model, ${s.fallback} fell back${why ? ` (${why})` : ''}`);
  for (const e of s.examples) console.log(`  ${e}`);
}

/** Adds the trained set in `out/models` to the registry of the configured database. */
async function registerTrained(out: string): Promise<void> {
  const [{ FILES }, { registerSelModels }, { withDatabase }] = await Promise.all([pipeline(), import('../../sel/registry.ts'), import('../context.ts')]);
  await withDatabase(async (database, cfg) => {
    const r = await registerSelModels(database.db, { modelsDir: path.join(out, FILES.models), artifactRoot: path.join(cfg.DATA_DIR, 'models', 'sel') });
    console.log(`${r.created ? 'registered' : 'already registered:'} ${r.row.id} (${r.row.status}) → ${r.row.path}; ${r.reason}`);
  });
}

const concurrencyOpt = ['--concurrency <n>', 'LLM requests in flight at once (with --llm)', '4'] as const;

export function registerSel(program: Command): void {
  const sel = program.command('sel').description('social-emotional skill assessment: synthetic data, features, labels, GBDT models');
  const outOpt = ['--out <dir>', `stage output directory (default: DATA_DIR/sel; ${DATA_DIR_HELP})`] as const;

  sel
    .command('generate')
    .description('synthetic utterances + game telemetry, balanced over skill × level × grade → samples.jsonl')
    .option('--count <n>', 'samples', '5000')
    .option('--seed <seed>', 'random seed', DEFAULT_SEED)
    .option('--llm', 'utterances written by the configured OpenAI-compatible endpoint (OPENAI_BASE_URL), templates where it fails')
    .option(...concurrencyOpt)
    .option(...outOpt)
    .action(async (o: { count: string; seed: string; out?: string; llm?: boolean; concurrency: string }) => {
      const count = positiveInt(o.count, '--count');
      // Checked with or without --llm: a bad value is a mistake even where it would go unused.
      const concurrency = positiveInt(o.concurrency, '--concurrency');
      const out = await outDir(o);
      if (o.llm) {
        const llm = await llmClient('generate');
        const { stageGenerateLlm } = await import('../../sel/llm-stages.ts');
        const bars = progressBars();
        const r = await stageGenerateLlm(out, { count, seed: o.seed }, llm, { concurrency, onProgress: bars.onProgress });
        bars.finish();
        printLlmStats(r.stats, 'utterances');
        console.log(`generated ${r.samples} samples → ${r.file}`);
        return;
      }
      const { stageGenerate } = await pipeline();
      const bars = progressBars();
      const r = stageGenerate(out, { count, seed: o.seed }, bars.onProgress);
      console.log(`generated ${r.samples} samples → ${r.file}`);
    });

  sel
    .command('features')
    .description('16 linguistic + 13 telemetry features → features.jsonl')
    .option(...outOpt)
    .action(async (o: { out?: string }) => {
      const out = await outDir(o);
      const { stageFeatures } = await pipeline();
      const bars = progressBars();
      const r = stageFeatures(out, bars.onProgress);
      console.log(`featurised ${r.rows} samples → ${r.file}`);
    });

  sel
    .command('label')
    .description('heuristic skill scores in [0, 1] → the 38-column dataset.csv')
    .option('--llm', 'scores from the configured OpenAI-compatible endpoint (OPENAI_BASE_URL), heuristic ones where it fails')
    .option(...concurrencyOpt)
    .option(...outOpt)
    .action(async (o: { out?: string; llm?: boolean; concurrency: string }) => {
      const concurrency = positiveInt(o.concurrency, '--concurrency');
      const out = await outDir(o);
      if (o.llm) {
        const llm = await llmClient('label');
        const { stageLabelLlm } = await import('../../sel/llm-stages.ts');
        const bars = progressBars();
        const r = await stageLabelLlm(out, llm, { concurrency, onProgress: bars.onProgress });
        bars.finish();
        printLlmStats(r.stats, 'label sets');
        console.log(`labelled ${r.rows} rows (${r.labeller}) → ${r.file}`);
        return;
      }
      const { stageLabel } = await pipeline();
      const r = stageLabel(out);
      console.log(`labelled ${r.rows} rows (${r.labeller}) → ${r.file}`);
    });

  sel
    .command('validate')
    .description('schema, finite values, ranges, level separation, class balance → validation.json')
    .option('--min-margin <x>', 'required gap between level means, from 0 to 1', '0.05')
    .option(...outOpt)
    .action((o: { out?: string; minMargin: string }) => {
      const minMargin = numberIn(o.minMargin, '--min-margin', 0, 1);
      return guarded(async () => {
        const out = await outDir(o);
        const { stageValidate } = await pipeline();
        printValidation(stageValidate(out, { minMargin }));
      });
    });

  sel
    .command('train')
    .description('one GBDT per skill with k-fold CV → models/, cv.json')
    .option('--folds <k>', 'cross-validation folds (0 to skip)', '5')
    .option('--smoter', 'oversample rare label ranges (SMOTER) in training folds')
    .option('--real <csv>', 'real labelled rows (same 38 columns) to mix in')
    .option('--real-fraction <f>', 'share of real rows in the mix, from 0 to 1 (with --real)', '0.2')
    .option('--seed <seed>', 'random seed', DEFAULT_SEED)
    .option('--db', 'register the trained set in the database (models table, kind sel); the API serves the active one')
    .option(...outOpt)
    .action(async (o: { out?: string; folds: string; smoter?: boolean; real?: string; realFraction: string; seed: string; db?: boolean }) => {
      const trainCfg = await trainConfig(o);
      const realFraction = numberIn(o.realFraction, '--real-fraction', 0, 1);
      const out = await outDir(o);
      const { FILES, stageTrain } = await pipeline();
      const bars = progressBars();
      const r = stageTrain(out, { config: trainCfg, realCsv: o.real, realFraction }, bars.onProgress);
      bars.finish();
      console.log(`trained 4 models on ${r.rows} rows in ${r.fitSeconds.toFixed(1)} s → ${path.join(out, FILES.models)}`);
      printCv(r.cv, r.importance);
      if (o.db) await registerTrained(out);
    });

  sel
    .command('eval')
    .description('score the models on a held-out set (fresh seed) or a given CSV → eval.json')
    .option('--data <csv>', 'labelled CSV to evaluate on')
    .option('--holdout <n>', 'held-out samples to generate when no --data', '1000')
    .option('--seed <seed>', 'random seed', DEFAULT_SEED)
    .option(...outOpt)
    .action(async (o: { out?: string; data?: string; holdout: string; seed: string }) => {
      const holdoutCount = positiveInt(o.holdout, '--holdout');
      const out = await outDir(o);
      const { stageEval } = await pipeline();
      printEval(stageEval(out, { data: o.data, holdoutCount, seed: o.seed }));
    });

  sel
    .command('pipeline')
    .description('all stages: generate → features → label → validate → train → eval, with a report')
    .option('--count <n>', 'samples', '5000')
    .option('--seed <seed>', 'random seed', DEFAULT_SEED)
    .option('--folds <k>', 'cross-validation folds', '5')
    .option('--smoter', 'oversample rare label ranges (SMOTER) in training folds')
    .option('--db', 'register the trained set in the database (models table, kind sel); the API serves the active one')
    .option(...outOpt)
    .action(async (o: { count: string; seed: string; folds: string; smoter?: boolean; out?: string; db?: boolean }) => {
      const count = positiveInt(o.count, '--count');
      const trainCfg = await trainConfig(o);
      const out = await outDir(o);
      const { runPipeline } = await pipeline();
      return guarded(async () => {
        const bars = progressBars();
        const report = runPipeline({ count, seed: o.seed, outDir: out, train: { config: trainCfg }, onProgress: bars.onProgress });
        bars.finish();
        printValidation(report.validation);
        printCv(report.cv, report.importance);
        printEval(report.eval);
        console.log(`stages: ${report.stages.map((s) => `${s.name} ${s.seconds.toFixed(1)} s`).join(', ')}`);
        console.log(`total ${report.totalSeconds.toFixed(1)} s → ${out} (dataset.csv, models/, report.json)`);
        if (o.db) await registerTrained(out);
      });
    });

  sel
    .command('models')
    .description('the registered SEL model sets, newest first')
    .action(async () => {
      const [{ listSelModels }, { withDatabase }] = await Promise.all([import('../../sel/registry.ts'), import('../context.ts')]);
      await withDatabase(async (database) => {
        const rows = await listSelModels(database.db);
        if (rows.length === 0) console.log('no SEL model sets registered (train with: satprep sel pipeline --db)');
        for (const r of rows) {
          const m = r.metrics as Partial<SelMetrics>;
          console.log(`${r.version}  ${r.status.padEnd(9)}  mean CV R² ${m.meanCvR2?.toFixed(4) ?? '—'}  ${m.trainedRows ?? '?'} rows  ${m.labeller ?? ''}  ${r.createdAt.toISOString()}  ${r.path}`);
        }
      });
    });

  sel
    .command('promote <version>')
    .description('make a registered SEL model set the active one (the API serves it from the next request)')
    .action(async (version: string) => {
      const [{ promoteSelModel }, { withDatabase }] = await Promise.all([import('../../sel/registry.ts'), import('../context.ts')]);
      await withDatabase(async (database) => {
        const row = await promoteSelModel(database.db, version);
        console.log(`${row.id} is now active → ${row.path}`);
      });
    });
}
