/**
 * `sel_pipeline`: generate → features → label → validate → train → eval (src/sel/pipeline.ts)
 * in the job's scratch folder, then the trained set is registered (copied under its content
 * hash and inserted into `models`, promoted by the registry's rule) in the job's success
 * transaction. Each stage is synchronous: cancellation and shutdown take effect between stages.
 */
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { z } from 'zod';
import type { StageName } from '../../sel/pipeline.ts';
import { defineKind, PermanentJobError } from '../types.ts';
import { testPause } from './test-pause.ts';

export const selPipelineKind = defineKind({
  description: 'train the SEL models from synthetic samples (all six stages) and register the set in the models table',
  params: z.object({
    count: z.number().int().min(100).max(100_000).default(5000),
    seed: z.string().min(1).max(100).default('sel'),
    folds: z.number().int().min(0).max(10).default(5),
  }),
  maxAttempts: 2,
  backoffMs: 10_000,
  async run(ctx, p) {
    // Loaded when a job runs, not when the API starts.
    const [{ FILES, stageEval, stageFeatures, stageGenerate, stageLabel, stageTrain, stageValidate, STAGES, ValidationFailed }, { registerSelModels }, { DEFAULT_TRAIN_CONFIG }] = await Promise.all([
      import('../../sel/pipeline.ts'),
      import('../../sel/registry.ts'),
      import('../../sel/train.ts'),
    ]);
    const dir = ctx.scratch;
    const pause = testPause(ctx.config);
    const step = async (stage: StageName, fn: () => unknown) => {
      ctx.signal.throwIfAborted();
      ctx.progress(STAGES.indexOf(stage) / STAGES.length, stage);
      fn();
      pause();
      await yieldToLoop(); // lets the cancellation poll and progress writes run between stages
    };
    const train = { config: { ...DEFAULT_TRAIN_CONFIG, folds: p.folds, seed: `${p.seed}/train` } };
    await step('generate', () => stageGenerate(dir, { count: p.count, seed: p.seed }));
    await step('features', () => stageFeatures(dir));
    await step('label', () => stageLabel(dir));
    try {
      await step('validate', () => stageValidate(dir));
    } catch (err) {
      // The same seed fails the same way: retrying cannot help.
      if (err instanceof ValidationFailed) throw new PermanentJobError(`generated data failed validation: ${err.report.problems.slice(0, 3).join('; ')}`);
      throw err;
    }
    let trained: ReturnType<typeof stageTrain> | undefined;
    await step('train', () => (trained = stageTrain(dir, train)));
    let evaluated: ReturnType<typeof stageEval> | undefined;
    await step('eval', () => (evaluated = stageEval(dir, { holdoutCount: Math.max(84, Math.round(p.count / 5)), seed: p.seed })));
    ctx.signal.throwIfAborted();
    return {
      result: {
        rows: trained!.rows,
        heldOut: Object.fromEntries(Object.entries(evaluated!.perSkill).map(([s, m]) => [s, { r2: m.r2, mae: m.mae }])),
      },
      async commit(tx) {
        const r = await registerSelModels(tx, { modelsDir: path.join(dir, FILES.models), artifactRoot: path.resolve(ctx.config.DATA_DIR, 'models', 'sel') });
        return { modelId: r.row.id, path: r.row.path, created: r.created, promoted: r.promoted, reason: r.reason };
      },
    };
  },
});
