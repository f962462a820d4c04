/**
 * A new embedded database starts from the empty-cluster dump made at install
 * (src/db/pglite-template.ts) instead of running initdb; an existing one is never replaced,
 * and without a dump a new one is made by initdb as before.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { clusterTemplate, holdsCluster, TEMPLATE_FILE } from '../../src/db/pglite-template.ts';
import { migrateDatabase, openDatabase, rawRows } from '../../src/db/index.ts';
import { sql } from 'drizzle-orm';

const dir = mkdtempSync(path.join(tmpdir(), 'satprep-template-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A dump with a marker table, standing in for the install's empty cluster so its use can be seen. */
async function markedTemplate(): Promise<string> {
  const pg = new PGlite({ loadDataDir: clusterTemplate() }); // quicker than initdb where the install made one
  await pg.exec('create table template_marker (n int); insert into template_marker values (7);');
  const file = path.join(dir, 'marked.tar');
  writeFileSync(file, Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer()));
  await pg.close();
  return file;
}
const markers = async (db: Awaited<ReturnType<typeof openDatabase>>) =>
  (await rawRows<{ n: number }>(db.db, sql`select count(*)::int as n from pg_tables where tablename = 'template_marker'`))[0].n;

test('a new folder starts from the dump, migrates and keeps its rows across a reopen; an existing folder is left as it is', async () => {
  const template = await markedTemplate();
  const folder = path.join(dir, 'new');
  assert.equal(holdsCluster(folder), false);
  const db = await openDatabase({ dataDir: folder, clusterTemplate: template });
  assert.equal(await markers(db), 1, 'the new cluster came from the dump');
  await migrateDatabase(db);
  await db.db.execute(sql`insert into template_marker values (8)`);
  await db.close();
  assert.equal(holdsCluster(folder), true);
  // Reopened (with a dump at hand): the cluster on disk, with its new row, not the dump again.
  const again = await openDatabase({ dataDir: folder, clusterTemplate: template });
  assert.deepEqual((await rawRows<{ n: number }>(again.db, sql`select n from template_marker order by n`)).map((r) => r.n), [7, 8]);
  await again.close();
});

test('without a dump a new folder is made by initdb, empty and working', async () => {
  const db = await openDatabase({ dataDir: path.join(dir, 'plain'), clusterTemplate: path.join(dir, 'missing.tar') });
  assert.equal(await markers(db), 0);
  await migrateDatabase(db);
  await db.close();
});

test('the install made the dump where new databases look for it (npm install / npm ci, postinstall)', () => {
  assert.match(TEMPLATE_FILE, /node_modules[\\/]\.cache[\\/]satprep[\\/]pglite-cluster-\d+\.\d+\.\d+\.tar$/);
  // CI installs with `npm ci`, whose postinstall runs scripts/pglite-template.ts.
  if (process.env.CI === 'true') assert.ok(existsSync(TEMPLATE_FILE), `${TEMPLATE_FILE} missing after install`);
});
