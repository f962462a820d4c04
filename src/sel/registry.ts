/**
 * Trained SEL model sets in the `models` table (kind `sel`), the registry the language
 * model uses too. Registering copies a trained `models/` folder into the artifact folder
 * `<root>/<version>/`, so a later pipeline run in the same output folder cannot change a
 * registered set, and records its metrics. The version is the first 12 hex digits of the
 * SHA-256 of the files, so the same training (same seed, same data) registers once.
 *
 * Promotion: a new set becomes the active one when there is none, or when its mean
 * cross-validated R² is at least the active set's; otherwise it stays a candidate until
 * `promoteSelModel` (CLI `satprep sel promote VERSION`). The previous active set is retired.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { models } from '../db/schema/index.ts';
import { notFound } from '../lib/errors.ts';
import { loadModels, type SelManifest, type SelModels } from './models.ts';
import { SEL_SKILLS } from './skills.ts';

export const SEL_MODEL_NAME = 'sel';
export type ModelRow = typeof models.$inferSelect;

export interface SelMetrics {
  cv: SelManifest['cv'];
  /** Mean over the four skills of the cross-validated R²; null when trained without CV. */
  meanCvR2: number | null;
  trainedRows: number;
  labeller: string;
  seed: string;
}

export function meanCvR2(cv: SelManifest['cv']): number | null {
  if (!cv) return null;
  const r2 = SEL_SKILLS.map((s) => cv[s]?.r2);
  return r2.every((x): x is number => typeof x === 'number') ? r2.reduce((a, b) => a + b, 0) / r2.length : null;
}

/** Content hash of a model folder: the manifest and each model file, in manifest order. */
export function modelSetVersion(dir: string, manifest: SelManifest): string {
  const h = createHash('sha256').update(readFileSync(path.join(dir, 'manifest.json')));
  for (const s of SEL_SKILLS) h.update(readFileSync(path.join(dir, manifest.files[s])));
  return h.digest('hex').slice(0, 12);
}

export interface RegisterResult {
  row: ModelRow;
  /** False when this exact set was registered before (nothing written). */
  created: boolean;
  promoted: boolean;
  reason: string;
}

export async function activeSelModel(db: Db): Promise<ModelRow | null> {
  const [row] = await db.select().from(models).where(and(eq(models.kind, 'sel'), eq(models.status, 'active'))).limit(1);
  return row ?? null;
}

export async function listSelModels(db: Db): Promise<ModelRow[]> {
  return db.select().from(models).where(eq(models.kind, 'sel')).orderBy(desc(models.createdAt));
}

/** Makes `version` the active SEL model set; the one active before is retired. */
export async function promoteSelModel(db: Db, version: string): Promise<ModelRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(models).where(and(eq(models.kind, 'sel'), eq(models.version, version)));
    if (!row) throw notFound(`no SEL model set with version ${version} is registered`);
    await tx.update(models).set({ status: 'retired' }).where(and(eq(models.kind, 'sel'), eq(models.status, 'active')));
    const [promoted] = await tx.update(models).set({ status: 'active', promotedAt: new Date() }).where(eq(models.id, row.id)).returning();
    return promoted;
  });
}

export async function registerSelModels(db: Db, opts: { modelsDir: string; artifactRoot: string; datasetId?: string }): Promise<RegisterResult> {
  const set = loadModels(opts.modelsDir);
  const version = modelSetVersion(opts.modelsDir, set.manifest);
  const id = `${SEL_MODEL_NAME}@${version}`;
  const [existing] = await db.select().from(models).where(eq(models.id, id));
  if (existing) return { row: existing, created: false, promoted: false, reason: `already registered (${existing.status})` };

  const target = path.resolve(opts.artifactRoot, version);
  // Copied under a temporary name, then renamed: a copy cut short (a killed worker) never
  // sits under a version's name. A folder already there is this same content (the version
  // is its hash), left by a registration whose transaction rolled back.
  if (!existsSync(target)) {
    const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
    cpSync(opts.modelsDir, tmp, { recursive: true });
    renameSync(tmp, target);
  }
  const metrics: SelMetrics = {
    cv: set.manifest.cv, meanCvR2: meanCvR2(set.manifest.cv), trainedRows: set.manifest.trainedRows, labeller: set.manifest.labeller, seed: set.manifest.seed,
  };
  await db.insert(models).values({ id, name: SEL_MODEL_NAME, version, kind: 'sel', status: 'candidate', path: target, datasetId: opts.datasetId, metrics: { ...metrics } });

  const active = await activeSelModel(db);
  const activeR2 = active ? ((active.metrics as Partial<SelMetrics>).meanCvR2 ?? null) : null;
  let reason: string;
  if (!active) reason = 'no SEL model was active';
  else if (metrics.meanCvR2 !== null && (activeR2 === null || metrics.meanCvR2 >= activeR2)) {
    reason = `mean CV R² ${metrics.meanCvR2.toFixed(4)} ≥ ${activeR2 === null ? 'none' : activeR2.toFixed(4)} of ${active.id}`;
  } else {
    const [row] = await db.select().from(models).where(eq(models.id, id));
    return { row, created: true, promoted: false, reason: `mean CV R² ${metrics.meanCvR2?.toFixed(4) ?? 'unknown'} < ${activeR2?.toFixed(4)} of the active ${active.id}` };
  }
  return { row: await promoteSelModel(db, version), created: true, promoted: true, reason };
}

/**
 * The model set inference serves: the active registered one, else the files a pipeline
 * wrote to `fallbackDir` (DATA_DIR/sel/models), else null. Sets are loaded once per id.
 */
export function createSelModelSource(db: Db, fallbackDir: string) {
  const loaded = new Map<string, SelModels>();
  const load = (key: string, dir: string) => {
    let set = loaded.get(key);
    if (!set) {
      set = loadModels(dir);
      if (loaded.size >= 4) loaded.clear();
      loaded.set(key, set);
    }
    return set;
  };
  return async (): Promise<{ set: SelModels; id: string | null; source: 'registry' | 'data-dir' } | null> => {
    const active = await activeSelModel(db);
    if (active) return { set: load(active.id, active.path), id: active.id, source: 'registry' };
    if (!existsSync(path.join(fallbackDir, 'manifest.json'))) return null;
    return { set: load(`dir:${fallbackDir}`, fallbackDir), id: null, source: 'data-dir' };
  };
}
