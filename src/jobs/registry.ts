/**
 * Every kind of background job, in one table: its parameters (zod, checked at enqueue and at
 * run), attempts, back-off and entry point. POST /admin/jobs, the queues and `satprep worker`
 * all read this table. `model_train` is issue 15's training job (`satprep model train` as a
 * job); `satprep retrain` still records its own `retrain` row (src/model/retrain.ts).
 */
import { datasetBuildKind } from './kinds/dataset-build.ts';
import { exportKind } from './kinds/export.ts';
import { modelTrainKind } from './kinds/model-train.ts';
import { selPipelineKind } from './kinds/sel-pipeline.ts';
import { synthKind } from './kinds/synth.ts';
import type { JobRegistry } from './types.ts';
import { JOB_KIND_NAMES, type JobKindName } from './kind-names.ts';

export const JOB_KINDS = {
  export: exportKind,
  dataset_build: datasetBuildKind,
  sel_pipeline: selPipelineKind,
  synth: synthKind,
  model_train: modelTrainKind,
} as const satisfies JobRegistry & Record<JobKindName, unknown>;

export { JOB_KIND_NAMES, type JobKindName };
