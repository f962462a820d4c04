/**
 * `satprep model train | eval | promote | list | export` and `satprep retrain`: the in-house language model's offline jobs.
 * train registers a candidate; eval writes the side-by-side report and records its summary;
 * promote makes a candidate active only if it beats the active model (the API picks it up
 * within LM_POLL_MS, without a restart).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { PRESETS, type PresetName } from '../../model/config.ts';
import type { EvalOptions } from '../../model/eval/run.ts';
import type { EvalReport } from '../../model/eval/report.ts';
import type { PromotionCriteria } from '../../model/promote.ts';
import type { metricsOf, ModelRow } from '../../model/registry.ts';
import type { TrainProgress } from '../../model/train.ts';
import { DEFAULT_CRITERIA, EVAL_DEFAULTS, numberIn, openFraction, optional, positiveInt, positiveNumber, wholeNumber } from '../options.ts';
import { createProgress, type Progress, type ProgressOptions } from '../progress.ts';
import { UsageError } from './db.ts';

/** A relative gain: 0 (no gain required) up to, not including, 1 (all of it). */
const gainBelowOne = (v: string, flag: string) => {
  const n = numberIn(v, flag, 0, 1);
  if (n === 1) throw new UsageError(`${flag} must be below 1`);
  return n;
};

/** `active`, a registered version, or a model directory. */
async function resolveModelDir(db: Db, ref: string): Promise<string> {
  const { activeLm, getLm } = await import('../../model/registry.ts');
  if (ref === 'active') {
    const row = await activeLm(db);
    if (!row) throw new UsageError('no language model is active');
    return row.path;
  }
  if (/^(lm@)?[0-9a-f]{12}$/.test(ref)) return (await getLm(db, ref)).path;
  if (existsSync(path.join(ref, 'config.json'))) return ref;
  throw new UsageError(`${ref}: not "active", a registered version or a model directory`);
}

/** `active` or a registered version, looked up in the configured database. */
async function registeredModelDir(ref: string): Promise<string> {
  const { withDatabase } = await import('../context.ts');
  return withDatabase((database) => resolveModelDir(database.db, ref));
}

async function hostedFrom(cfg: Config, on: boolean): Promise<EvalOptions['hosted']> {
  if (!on || !cfg.OPENAI_BASE_URL) return null;
  const { createOpenAiProvider } = await import('../../ai/providers/openai.ts');
  return { label: `openai:${cfg.OPENAI_MODEL}`, provider: createOpenAiProvider({ baseUrl: cfg.OPENAI_BASE_URL, apiKey: cfg.OPENAI_API_KEY, model: cfg.OPENAI_MODEL, timeoutMs: 30_000 }) };
}

interface EvalFlags { data?: string; n?: string; pplN?: string; review?: string; seed?: string; maxTokens?: string }
const evalFlags = (c: Command) =>
  c
    .option('--data <jsonl>', 'held-out pairs with structured inputs (default: a heldout.jsonl — eval: the model\'s, promote: the candidate\'s, retrain: the active model\'s)')
    .option('--n <n>', `outputs generated per system, stratified by task × skill (default ${EVAL_DEFAULTS.n})`)
    .option('--ppl-n <n>', `examples for perplexity (default ${EVAL_DEFAULTS.pplN})`)
    .option('--review <n>', `examples in review.md (default ${EVAL_DEFAULTS.reviewN})`)
    .option('--seed <seed>', `example draw (default ${EVAL_DEFAULTS.seed})`)
    .option('--max-tokens <n>', `tokens per output (default ${EVAL_DEFAULTS.maxTokens})`);

/** The checked eval flags; commands call it before opening the database, so a bad number costs nothing. */
function evalOptions(o: EvalFlags): Omit<EvalOptions, 'evalFile' | 'onProgress'> {
  return {
    n: optional(positiveInt, o.n, '--n'), pplN: optional(positiveInt, o.pplN, '--ppl-n'), reviewN: optional(wholeNumber, o.review, '--review'),
    seed: o.seed, maxTokens: optional(positiveInt, o.maxTokens, '--max-tokens'),
  };
}

/** One bar per stage, opened on its first event. */
function stageBars(): { onProgress: NonNullable<EvalOptions['onProgress']> } {
  const bars = new Map<string, { bar: Progress; last: number }>();
  return {
    onProgress(stage, done, total) {
      let b = bars.get(stage);
      if (!b) bars.set(stage, (b = { bar: createProgress({ total, label: stage }), last: 0 }));
      b.bar.tick(done - b.last);
      b.last = done;
      if (done >= total) b.bar.done();
    },
  };
}

/**
 * `model train`'s progress: one bar over the steps this run makes (a resumed run's earlier steps
 * would skew its rate and eta), each line noting the step's loss and throughput — not a second
 * bar with its own count and eta, as the training loop's own `formatProgress` line would add.
 * `note` is the training loop's `progressNote`, passed in so that this module loads without the loop.
 */
export function trainBar(
  opts: { steps: number; from?: number; label: string; note: (p: TrainProgress) => string } & Omit<ProgressOptions, 'total' | 'label'>,
): { onProgress: (p: TrainProgress) => void; done: () => void } {
  const from = opts.from ?? 0;
  const bar = createProgress({ ...opts, total: Math.max(opts.steps - from, 0), label: from ? `${opts.label}, from step ${from}` : opts.label });
  let last = from;
  return {
    onProgress: (p) => {
      bar.tick(p.step - last, opts.note(p));
      last = p.step;
    },
    done: () => bar.done(),
  };
}

function printReport(r: EvalReport, dir: string): void {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(8);
  console.log(`${'system'.padEnd(10)}${'ppl'.padStart(9)}${'ppl/byte'.padStart(10)}${'pass'.padStart(8)}${'served'.padStart(8)}${'BLEU'.padStart(8)}${'ROUGE-L'.padStart(9)}  label`);
  for (const s of r.systems) {
    console.log(`${s.name.padEnd(10)}${(s.perplexity?.perplexity.toFixed(3) ?? '–').padStart(9)}${(s.perplexity?.bytePerplexity.toFixed(4) ?? '–').padStart(10)}${pct(s.passRate)}${pct(s.servableRate)}${s.bleu.score.toFixed(2).padStart(8)}${(100 * s.rougeL).toFixed(2).padStart(9)}  ${s.label}`);
  }
  console.log(`BLEU signature: ${r.bleuSignature}`);
  console.log(`${r.evalSet.generated} outputs per system from ${r.evalSet.examples} held-out examples; report → ${dir}`);
  // A line the set could not use is said out loud: a broken file must not pass for a smaller one.
  const skipped = Object.entries(r.evalSet.skipped).filter(([, n]) => n > 0);
  if (skipped.length) console.log(`skipped lines of ${r.evalSet.file}: ${skipped.map(([why, n]) => `${n} ${why}`).join(', ')}`);
}

function printRow(r: ModelRow, m: ReturnType<typeof metricsOf>): void {
  const last = Object.values(m.evals ?? {}).sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  const evalText = last ? `ppl ${last.perplexity?.toFixed(3) ?? '–'}  ppl/byte ${last.bytePerplexity?.toFixed(4) ?? '–'}  pass ${(100 * last.passRate).toFixed(1)}%  (eval ${last.key})` : 'not evaluated';
  const train = m.train ? `${m.train.preset} ${m.train.params} params, ${m.train.steps} steps${m.train.warmStart ? ' (warm start)' : ''}` : '';
  console.log(`${r.id}  ${r.status.padEnd(9)}  ${evalText}  ${train}  ${r.createdAt.toISOString()}  ${r.path}`);
}

export function registerModel(program: Command): void {
  const model = program.command('model').description('the in-house language model: train, evaluate, promote, list');

  model
    .command('train')
    .description('train on a pairs file (fresh or warm-started) and register the result as a candidate')
    .requiredOption('--data <jsonl>', 'pairs: {task, prompt | input, output} per line (satprep synth output, dataset io lines)')
    .option('--preset <name>', `model size: ${Object.keys(PRESETS).join(', ')}`, 'small')
    .option('--steps <n>', 'optimizer steps', '1000')
    .option('--batch <n>', 'rows per step', '8')
    .option('--seq-len <n>', 'row length in tokens (default min(256, context))')
    .option('--lr <x>', 'peak learning rate', '2e-3')
    .option('--seconds <s>', 'wall-clock cap (the schedule still assumes --steps)')
    .option('--val-fraction <f>', 'share of pairs held out (→ heldout.jsonl)', '0.05')
    .option('--seed <seed>', 'split, data order and init', 'sft')
    .option('--limit <n>', 'use only the first n pairs')
    .option('--warm-start <model>', '"active", a registered version or a model directory to continue from')
    .option('--work <dir>', 'checkpoint folder (default DATA_DIR/models/lm-work/<seed>)')
    .option('--resume', 'continue from the work folder\'s checkpoint; refused when there is none (run without it to start from scratch)')
    .option('--no-register', 'leave the model in the work folder')
    .action(async (o: {
      data: string; preset: string; steps: string; batch: string; seqLen?: string; lr: string; seconds?: string; valFraction: string;
      seed: string; limit?: string; warmStart?: string; work?: string; resume?: boolean; register: boolean;
    }) => {
      if (!(o.preset in PRESETS)) throw new UsageError(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
      const steps = positiveInt(o.steps, '--steps');
      const train = {
        maxSteps: steps, batchSize: positiveInt(o.batch, '--batch'), lr: positiveNumber(o.lr, '--lr'),
        ...(o.seqLen !== undefined ? { seqLen: positiveInt(o.seqLen, '--seq-len') } : {}),
        ...(o.seconds !== undefined ? { maxSeconds: positiveNumber(o.seconds, '--seconds') } : {}),
        evalEvery: Math.max(1, Math.min(100, Math.floor(steps / 5))), checkpointEvery: Math.max(1, Math.min(100, Math.floor(steps / 5))),
      };
      const valFraction = openFraction(o.valFraction, '--val-fraction');
      const limit = optional(positiveInt, o.limit, '--limit');
      if (!existsSync(o.data)) throw new UsageError(`--data ${o.data}: no such file`);
      const [{ lmArtifactRoot, registerLm }, { trainFromFile }, { checkpointStep }, { progressNote }, { folderName, withDatabase }] = await Promise.all([
        import('../../model/registry.ts'), import('../../model/train-run.ts'), import('../../model/checkpoint.ts'), import('../../model/train.ts'), import('../context.ts'),
      ]);
      await withDatabase(async (database, cfg) => {
        const warmStart = o.warmStart ? await resolveModelDir(database.db, o.warmStart) : undefined;
        const work = o.work ?? path.join(cfg.DATA_DIR, 'models', 'lm-work', folderName(o.seed));
        // --resume with nothing to resume from is refused rather than quietly trained from scratch: the
        // folder may be the wrong one (another --seed or --work), and hours of training would start over
        // where the user expected minutes. Without the flag a fresh run is one command away.
        const from = o.resume ? checkpointStep(work) : undefined;
        if (o.resume && from === undefined) {
          throw new UsageError(
            `--resume: no checkpoint in ${work} (a run saves one every ${train.checkpointEvery} steps, so a run stopped before that has none; ` +
              `--work or --seed may also name another run); run without --resume to start from scratch`,
          );
        }
        if (from !== undefined) console.log(`resuming from the checkpoint at step ${from} in ${work}`);
        const bar = trainBar({ steps, from, label: `model train (${warmStart ? 'warm start' : o.preset})`, note: progressNote });
        const r = trainFromFile({
          data: o.data, outDir: work, preset: o.preset as PresetName, seed: o.seed, train, warmStart, resume: o.resume, valFraction, limit,
          onProgress: bar.onProgress,
        });
        bar.done();
        const t = r.meta;
        console.log(`trained ${t.params} parameters for ${t.steps} steps in ${t.seconds.toFixed(1)} s: loss ${t.finalLoss?.toFixed(3)}, validation ${t.valLoss?.toFixed(3) ?? '–'}; ${t.data.train} pairs, ${t.data.heldout} held out → ${work}`);
        if (!o.register) return;
        const { row, created } = await registerLm(database.db, { dir: work, root: lmArtifactRoot(cfg.DATA_DIR), train: t });
        console.log(`${created ? 'registered' : 'already registered'} ${row.id} (${row.status}) → ${row.path}`);
      });
    });

  evalFlags(
    model
      .command('eval [model]')
      .description('held-out perplexity, BLEU, ROUGE-L and task-check pass rates beside the template (and hosted) provider → report.{json,md}, generations.jsonl, review.md')
      .option('--no-hosted', 'leave out the hosted endpoint even when OPENAI_BASE_URL is set'),
  ).action(async (ref: string | undefined, o: EvalFlags & { hosted: boolean }) => {
    const evalOpts = evalOptions(o);
    const [{ activeLm, getLm, listLm, recordEval }, { evaluateModel }, { withDatabase }] = await Promise.all([
      import('../../model/registry.ts'), import('../../model/eval/run.ts'), import('../context.ts'),
    ]);
    await withDatabase(async (database, cfg) => {
      // A model directory (an unregistered run, the shipped models/small) is evaluated in place and nothing is recorded.
      const unregistered = ref !== undefined && ref !== 'active' && !/^(lm@)?[0-9a-f]{12}$/.test(ref);
      const row = unregistered ? null : ref === 'active' ? await activeLm(database.db) : ref ? await getLm(database.db, ref) : ((await activeLm(database.db)) ?? (await listLm(database.db))[0]);
      const model = unregistered ? { id: `dir:${path.basename(path.resolve(ref))}`, dir: await resolveModelDir(database.db, ref) } : row ? { id: row.id, dir: row.path } : null;
      if (!model) {
        throw new UsageError(
          ref === 'active' ? 'no language model is active (promote one with: satprep model promote VERSION; satprep model list shows them)'
            : ref ? `no language model ${ref} is registered (satprep model list shows them)`
            : 'no language model is registered (train one with: satprep model train)',
        );
      }
      const evalFile = o.data ?? path.join(model.dir, 'heldout.jsonl');
      if (!existsSync(evalFile)) throw new UsageError(`${evalFile}: no such file (pass --data)`);
      const bars = stageBars();
      const { report, summary, dir } = await evaluateModel(model, path.join(model.dir, 'eval'), {
        ...evalOpts, onProgress: bars.onProgress, evalFile, hosted: await hostedFrom(cfg, o.hosted),
      });
      if (row) await recordEval(database.db, row.version, summary);
      printReport(report, dir);
    });
  });

  evalFlags(
    model
      .command('promote <version>')
      .description('make a candidate active if it beats the active model on the same evaluation (else it stays a candidate, and the refusal says why)')
      .option('--max-pass-drop <x>', 'allowed drop in the all-checks pass rate, absolute', String(DEFAULT_CRITERIA.maxPassRateDrop))
      .option('--max-task-pass-drop <x>', 'allowed drop in each task\'s pass rate (unset: not checked per task)')
      .option('--min-ppl-gain <x>', 'required relative fall in perplexity per byte (0: strictly lower)', String(DEFAULT_CRITERIA.minPerplexityGain))
      .option('--force', 'promote whatever the comparison says'),
  ).action(async (version: string, o: EvalFlags & { maxPassDrop: string; maxTaskPassDrop?: string; minPplGain: string; force?: boolean }) => {
    const criteria: PromotionCriteria = {
      maxPassRateDrop: numberIn(o.maxPassDrop, '--max-pass-drop', 0, 1),
      maxTaskPassRateDrop: optional((v, f) => numberIn(v, f, 0, 1), o.maxTaskPassDrop, '--max-task-pass-drop') ?? null,
      minPerplexityGain: gainBelowOne(o.minPplGain, '--min-ppl-gain'),
    };
    const evalOpts = evalOptions(o);
    const [{ activeLm }, { promoteIfBetter }, { withDatabase }] = await Promise.all([
      import('../../model/registry.ts'), import('../../model/promote.ts'), import('../context.ts'),
    ]);
    await withDatabase(async (database) => {
      const active = await activeLm(database.db);
      if (active && (active.version === version || active.id === version)) {
        console.log(`${active.id} is already the active model: nothing to do`);
        return;
      }
      const bars = stageBars();
      const r = await promoteIfBetter(database.db, version, { evalFile: o.data, eval: { ...evalOpts, onProgress: bars.onProgress }, criteria, force: o.force });
      for (const line of r.reasons) console.log(`  ${line}`);
      if (r.promoted) console.log(`promoted ${r.candidate.id}${r.previous ? ` (retired ${r.previous.id})` : ''} → ${r.candidate.path}`);
      else {
        console.log(`refused: ${r.candidate.id} stays ${r.candidate.status}${r.previous ? `; ${r.previous.id} stays active` : ''}`);
        process.exitCode = 1;
      }
    });
  });

  evalFlags(
    program
      .command('retrain')
      .description('dataset build → warm-start training → eval → promote if better, recorded as a job (the worker runs it on LM_RETRAIN_CRON)')
      .option('--synth <dir...>', 'synthetic JSONL folders or files to mix in')
      .option('--include-simulated', 'include simulated users (tests and demos, never production)', false)
      .option('--epochs <n>', 'passes over the new training split', '1')
      .option('--batch <n>', 'rows per step', '8')
      .option('--preset <name>', 'model size when no model is active yet', 'small')
      .option('--retrain-seed <seed>', 'dataset split and data order', 'retrain'),
  ).action(async (o: EvalFlags & { synth?: string[]; includeSimulated: boolean; epochs: string; batch: string; preset: string; retrainSeed: string }) => {
    if (!(o.preset in PRESETS)) throw new UsageError(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
    const epochs = positiveNumber(o.epochs, '--epochs');
    const batchSize = positiveInt(o.batch, '--batch');
    const evalOpts = evalOptions(o);
    const [{ resolvePseudonymKey }, { retrainAsJob }, { withDatabase }] = await Promise.all([
      import('../../collect/pseudonym.ts'), import('../../model/retrain.ts'), import('../context.ts'),
    ]);
    await withDatabase(async (database, cfg) => {
      const bar = createProgress({ total: 100, label: 'retrain' });
      let last = 0;
      const { jobId, result: r } = await retrainAsJob(database.db, {
        dataDir: cfg.DATA_DIR, key: resolvePseudonymKey(cfg), seed: o.retrainSeed, synthDirs: o.synth, includeSimulated: o.includeSimulated,
        epochs, train: { batchSize }, preset: o.preset as PresetName, evalFile: o.data, eval: evalOpts,
        progress: (f, note) => { const n = Math.round(100 * f); bar.tick(n - last, note); last = n; },
      }, { epochs: o.epochs, synth: o.synth ?? [], includeSimulated: o.includeSimulated });
      bar.done();
      console.log(`job ${jobId}: dataset ${r.dataset.id} (${r.dataset.trainPairs} training pairs); ${r.candidate.id} trained ${r.candidate.steps} steps from ${r.warmStart ?? 'scratch'} in ${r.candidate.seconds.toFixed(1)} s`);
      for (const line of r.reasons) console.log(`  ${line}`);
      console.log(r.promoted ? `promoted ${r.candidate.id}` : `kept ${r.active} active; ${r.candidate.id} stays a candidate`);
    });
  });

  model
    .command('export <model>')
    .description('write a model ("active", a registered version or a model directory) and its tokenizer as one GGUF file of the llama architecture, for llama.cpp, Ollama and node-llama-cpp')
    .option('--format <format>', 'export format: gguf', 'gguf')
    .option('--gguf', 'same as --format gguf')
    .option('--out <file>', 'output file (default: <model directory>/model.gguf)')
    .action(async (ref: string, o: { format: string; gguf?: boolean; out?: string }) => {
      if (!o.gguf && o.format !== 'gguf') throw new UsageError(`--format ${o.format}: only gguf is supported`);
      // A model directory needs no database; "active" and versions are looked up in the registry.
      const dir = existsSync(path.join(ref, 'config.json')) ? ref : await registeredModelDir(ref);
      const { exportGguf } = await import('../../model/gguf.ts');
      const r = exportGguf(dir, o.out);
      console.log(`wrote ${r.file}: GGUF v3, llama architecture, ${r.tensors} F32 tensors, ${r.metadataKeys} metadata keys, ${(r.bytes / 1e6).toFixed(1)} MB`);
    });

  model
    .command('recheck <eval-dir>')
    .description("an evaluation's stored outputs (generations.jsonl) judged by today's task checks, no model run: the pass rates now, beside the report's")
    .option('--set <file>', 'the held-out set the evaluation used (its inputs, by id)', 'models/small/heldout.jsonl')
    .action(async (dir: string, o: { set: string }) => {
      const generations = path.join(dir, 'generations.jsonl');
      for (const f of [generations, o.set]) if (!existsSync(f)) throw new UsageError(`no such file: ${f}`);
      const [{ readEvalSet }, { recheckFile, recheckTable }] = await Promise.all([import('../../model/eval/evalset.ts'), import('../../model/eval/recheck.ts')]);
      console.log(recheckTable(recheckFile(generations, readEvalSet(o.set))));
    });

  model
    .command('list')
    .description('registered language models, newest first, with their latest evaluation')
    .action(async () => {
      const [{ listLm, metricsOf }, { withDatabase }] = await Promise.all([import('../../model/registry.ts'), import('../context.ts')]);
      await withDatabase(async (database) => {
        const rows = await listLm(database.db);
        if (rows.length === 0) console.log('no language models registered (train one with: satprep model train --data PAIRS.jsonl)');
        for (const r of rows) printRow(r, metricsOf(r));
      });
    });
}
