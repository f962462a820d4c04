import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { describeSchema, migrateDatabase, rawRows, schema } from '../../src/db/index.ts';
import { createTestDatabase, hasPostgres, type TestDatabase } from '../helpers/db.ts';

const opened: TestDatabase[] = [];
after(async () => {
  for (const d of opened) await d.dispose();
});

async function fresh(driver: 'pglite' | 'postgres') {
  const d = await createTestDatabase({ driver, migrate: false });
  opened.push(d);
  return d;
}

/** The column listing the schema code promises, computed from the Drizzle tables (a different path than SQL). */
function expectedTables(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const value of Object.values(schema)) {
    if (typeof value !== 'object' || value === null || !(Symbol.for('drizzle:IsDrizzleTable') in value)) continue;
    const cfg = getTableConfig(value as PgTable);
    out.set(cfg.name, cfg.columns.map((c) => c.name).sort());
  }
  return out;
}

test('migrations apply cleanly to an empty PGlite and create every table of the schema code', async () => {
  const db = await fresh('pglite');
  const { applied } = await migrateDatabase(db);
  assert.ok(applied >= 1);
  const listing = await describeSchema(db);
  const actual = new Map<string, string[]>();
  for (const line of listing) {
    const [tc] = line.split(' ');
    const [table, column] = tc.split('.');
    actual.set(table, [...(actual.get(table) ?? []), column].sort());
  }
  assert.deepEqual(new Map([...actual].sort()), new Map([...expectedTables()].sort()));
  const again = await migrateDatabase(db);
  assert.equal(again.applied, 0, 'a second migrate is a no-op');
});

test('PGlite and PostgreSQL end up with identical schemas', { skip: !hasPostgres() && 'DATABASE_URL not set' }, async () => {
  const lite = await fresh('pglite');
  const pg = await fresh('postgres');
  await migrateDatabase(lite);
  await migrateDatabase(pg);
  const [a, b] = [await describeSchema(lite), await describeSchema(pg)];
  assert.ok(a.length > 100);
  assert.deepEqual(a, b);
});

test('a transaction that fails midway leaves nothing behind', async () => {
  const db = opened[0] ?? (await fresh('pglite'));
  await migrateDatabase(db);
  await assert.rejects(
    db.db.transaction(async (tx) => {
      await tx.insert(schema.events).values({ type: 'probe', schemaVersion: 1, payload: { n: 1 } });
      throw new Error('crash between two writes');
    }),
    /crash/,
  );
  const rows = await rawRows<{ n: number }>(db.db, sql`select count(*)::int as n from events where type = 'probe'`);
  assert.equal(rows[0].n, 0);
});

test('the database refuses a rating outside 1–5', async () => {
  const db = opened[0];
  await assert.rejects(
    db.db.execute(sql`insert into feedback_ratings (ai_output_id, user_id, stars) values (gen_random_uuid(), gen_random_uuid(), 9)`),
  );
});
