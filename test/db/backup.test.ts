/**
 * The backup and restore commands of docs/OPERATIONS.md, run as written: pg_dump of the two
 * schemas this project owns (`public`, and `drizzle` with the migration journal), then
 * pg_restore into an empty database, which comes back migrated and with the data.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { migrateDatabase, migrationStatus, openDatabase, schema } from '../../src/db/index.ts';
import { adminQuery, hasPostgres } from '../helpers/db.ts';

const hasTools = spawnSync('pg_dump', ['--version']).status === 0 && spawnSync('pg_restore', ['--version']).status === 0;

const admin = (query: string) => adminQuery(process.env.DATABASE_URL!, query);

function run(cmd: string, args: string[]): void {
  const res = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(res.status, 0, `${cmd} ${args.join(' ')}: ${res.stderr}`);
}

test('pg_dump of public + drizzle, pg_restore into an empty database: migrated, with the rows', { skip: (!hasPostgres() && 'DATABASE_URL not set') || (!hasTools && 'pg_dump/pg_restore not installed') }, async () => {
  const suffix = randomBytes(4).toString('hex');
  const [src, dst] = [`satprep_t_bk_src_${suffix}`, `satprep_t_bk_dst_${suffix}`];
  const url = (name: string) => Object.assign(new URL(process.env.DATABASE_URL!), { pathname: `/${name}` }).toString();
  const dir = mkdtempSync(path.join(tmpdir(), 'satprep-backup-'));
  const dump = path.join(dir, 'satprep.dump');
  await admin(`create database "${src}"`);
  await admin(`create database "${dst}"`);
  try {
    const source = await openDatabase({ url: url(src) });
    await migrateDatabase(source);
    await source.db.insert(schema.events).values({ type: 'backup_probe', schemaVersion: 1, payload: { n: 42 } });
    await source.close();

    run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--schema=public', '--schema=drizzle', `--file=${dump}`, url(src)]);
    run('pg_restore', ['--no-owner', '--no-privileges', '--clean', '--if-exists', '--exit-on-error', `--dbname=${url(dst)}`, dump]);

    const restored = await openDatabase({ url: url(dst) });
    try {
      assert.equal((await migrationStatus(restored)).upToDate, true, 'the journal came along: no migration re-runs');
      assert.equal((await migrateDatabase(restored)).applied, 0);
      const rows = await restored.db.select().from(schema.events).where(eq(schema.events.type, 'backup_probe'));
      assert.deepEqual(rows.map((r) => r.payload), [{ n: 42 }]);
    } finally {
      await restored.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin(`drop database if exists "${src}" with (force)`);
    await admin(`drop database if exists "${dst}" with (force)`);
  }
});
