/**
 * The trained SEL model set on disk: `manifest.json` (features, the labeller version, the
 * training feature ranges used for the inference confidence note, CV metrics) plus one
 * `<skill>.json` GBDT per skill. Loading re-validates every file.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SelRow } from './csv.ts';
import { parseModel, serializeModel, type GbdtModel } from './gbdt.ts';
import { FEATURES, SEL_SKILLS, type FeatureName, type SelSkill } from './skills.ts';

const metricSchema = z.object({ r2: z.number().nullable(), mae: z.number() });

export const manifestSchema = z.object({
  format: z.literal('satprep-sel-models'),
  version: z.literal(1),
  labeller: z.string(),
  seed: z.string(),
  trainedRows: z.number().int(),
  features: z.array(z.string()),
  ranges: z.record(z.string(), z.tuple([z.number(), z.number()])),
  cv: z.record(z.string(), metricSchema).nullable(),
  files: z.record(z.string(), z.string()),
});
export type SelManifest = z.infer<typeof manifestSchema>;

export interface SelModels {
  manifest: SelManifest;
  models: Record<SelSkill, GbdtModel>;
}

/** Min and max of every feature over the training rows. */
export function featureRanges(rows: readonly SelRow[]): Record<FeatureName, [number, number]> {
  const out = {} as Record<FeatureName, [number, number]>;
  for (const f of FEATURES) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      lo = Math.min(lo, r.features[f]);
      hi = Math.max(hi, r.features[f]);
    }
    out[f] = [lo, hi];
  }
  return out;
}

export function saveModels(dir: string, set: SelModels): void {
  mkdirSync(dir, { recursive: true });
  for (const s of SEL_SKILLS) writeFileSync(path.join(dir, set.manifest.files[s]), serializeModel(set.models[s]));
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(set.manifest, null, 2)}\n`);
}

export function loadModels(dir: string): SelModels {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
  if (manifest.features.join(',') !== FEATURES.join(',')) throw new Error(`${dir}: models were trained on a different feature list`);
  const models = {} as Record<SelSkill, GbdtModel>;
  for (const s of SEL_SKILLS) {
    const file = manifest.files[s];
    if (!file) throw new Error(`${dir}: manifest lists no model for ${s}`);
    models[s] = parseModel(readFileSync(path.join(dir, file), 'utf8'));
  }
  return { manifest, models };
}
