/** The kinds of background job, by name: the registry (registry.ts) has one entry for each, and the CLI's help lists them without loading any. */
export const JOB_KIND_NAMES = ['export', 'dataset_build', 'sel_pipeline', 'synth', 'model_train'] as const;
export type JobKindName = (typeof JOB_KIND_NAMES)[number];
