/** A small SEL model set trained through the real stages, quickly: 168 samples (two per cell), 2 folds, 40 trees. */
import path from 'node:path';
import { FILES, stageFeatures, stageGenerate, stageLabel, stageTrain } from '../../src/sel/pipeline.ts';
import { DEFAULT_TRAIN_CONFIG } from '../../src/sel/train.ts';

/** Runs generate → features → label → train in `dir`; returns the models folder. */
export function trainSmallModels(dir: string, seed = 'small'): string {
  stageGenerate(dir, { count: 168, seed });
  stageFeatures(dir);
  stageLabel(dir);
  stageTrain(dir, { config: { ...DEFAULT_TRAIN_CONFIG, seed, folds: 2, gbdt: { ...DEFAULT_TRAIN_CONFIG.gbdt, nEstimators: 40 } } });
  return path.join(dir, FILES.models);
}
