/** The `datasets` table: the versions built, and a reference (`name@vN`, `name` for the latest, or a folder) to a dataset's folder. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { datasets } from '../db/schema/index.ts';

export type DatasetRow = typeof datasets.$inferSelect;

export async function listDatasets(db: Db, name?: string): Promise<DatasetRow[]> {
  const rows = await db.select().from(datasets).where(name ? eq(datasets.name, name) : undefined).orderBy(desc(datasets.createdAt));
  const num = (v: string) => Number(v.replace(/^v/, '')) || 0;
  return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : num(a.version) - num(b.version)));
}

export async function resolveDataset(db: Db, ref: string): Promise<{ label: string; dir: string }> {
  if (ref.includes('@')) {
    const [row] = await db.select().from(datasets).where(eq(datasets.id, ref));
    if (!row) throw new Error(`no dataset ${ref}`);
    return { label: row.id, dir: row.path };
  }
  const versions = await listDatasets(db, ref);
  if (versions.length) {
    const latest = versions[versions.length - 1];
    return { label: latest.id, dir: latest.path };
  }
  if (existsSync(path.join(ref, 'manifest.json'))) return { label: ref, dir: ref };
  throw new Error(`no dataset named ${ref} and no manifest.json in that folder`);
}
