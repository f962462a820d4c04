/**
 * The model a fresh install serves: `models/small/` in the repository, trained by
 * `scripts/train-default-model.sh` on the default synthetic pairs (see its train.json and
 * eval/ report). On start-up, a database that has never registered a language model gets it
 * registered and made active, so AI tasks come from the in-house model from the first
 * request. Once any model has been registered, the registry is the operators' and this does
 * nothing — a retired default is never brought back.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { models } from '../db/schema/index.ts';
import { lmArtifactRoot, registerLm, SERVING_FILES, setActiveLm } from './registry.ts';

export const SHIPPED_MODEL_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../models/small');

export type DefaultModelResult =
  | { installed: true; version: string }
  | { installed: false; reason: 'registry-in-use' | 'not-shipped' };

export async function installDefaultModel(db: Db, opts: { dataDir: string; dir?: string }): Promise<DefaultModelResult> {
  const dir = opts.dir ?? SHIPPED_MODEL_DIR;
  if (!SERVING_FILES.every((f) => existsSync(path.join(dir, f)))) return { installed: false, reason: 'not-shipped' };
  const [any] = await db.select({ id: models.id }).from(models).where(eq(models.kind, 'lm')).limit(1);
  if (any) return { installed: false, reason: 'registry-in-use' };
  const { row } = await registerLm(db, { dir, root: lmArtifactRoot(opts.dataDir) });
  await setActiveLm(db, row.version);
  return { installed: true, version: row.version };
}
