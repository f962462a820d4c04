/**
 * Migrations run once, by one process at a time: every process migrates at start-up, and
 * on PostgreSQL an advisory lock makes concurrent starts take turns — the second finds
 * nothing left to do instead of racing the first into "relation already exists".
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { migrateDatabase, migrationStatus, openDatabase } from '../../src/db/index.ts';
import { adminQuery, createTestDatabase, hasPostgres } from '../helpers/db.ts';

const admin = (query: string) => adminQuery(process.env.DATABASE_URL!, query);

test('four processes migrating one empty PostgreSQL database at once: all succeed, each migration applied once', { skip: !hasPostgres() && 'DATABASE_URL not set' }, async () => {
  const name = `satprep_t_lock_${randomBytes(4).toString('hex')}`;
  await admin(`create database "${name}"`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  const handles = await Promise.all([1, 2, 3, 4].map(() => openDatabase({ url: url.toString(), poolSize: 2 })));
  try {
    const results = await Promise.all(handles.map((h) => migrateDatabase(h)));
    const status = await migrationStatus(handles[0]);
    assert.ok(status.upToDate);
    assert.equal(status.applied, status.shipped);
    assert.equal(results.reduce((n, r) => n + r.applied, 0), status.shipped, `applied per process: ${results.map((r) => r.applied)}`);
    assert.equal(results.filter((r) => r.applied > 0).length, 1, 'one process did the work');
  } finally {
    for (const h of handles) await h.close();
    await admin(`drop database if exists "${name}" with (force)`);
  }
});

test('migrationStatus: nothing applied on an empty database, up to date after migrating', async () => {
  const db = await createTestDatabase({ migrate: false });
  try {
    assert.deepEqual({ ...(await migrationStatus(db)), shipped: 0 }, { upToDate: false, applied: 0, shipped: 0 });
    await migrateDatabase(db);
    const after = await migrationStatus(db);
    assert.equal(after.upToDate, true);
    assert.equal(after.applied, after.shipped);
  } finally {
    await db.dispose();
  }
});
