/**
 * A PostgreSQL connection that the server ends while a request holds it (a transaction between
 * two statements) must fail that request, not the process: pg emits 'error' on a checked-out
 * client, and with nobody listening Node exits. Seen in the fault test, where a restart of
 * PostgreSQL killed both API processes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { rawRows } from '../../src/db/index.ts';
import { adminQuery, createTestDatabase, hasPostgres } from '../helpers/db.ts';

test('a connection terminated mid-transaction fails that transaction; the process and the pool carry on', { skip: !hasPostgres() && 'needs PostgreSQL (DATABASE_URL)' }, async () => {
  const database = await createTestDatabase({ migrate: false });
  try {
    const outcome = database.db.transaction(async (tx) => {
      const [{ pid }] = await rawRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
      await adminQuery(process.env.DATABASE_URL!, `select pg_terminate_backend(${Number(pid)})`);
      // Give the termination notice time to arrive on the idle, checked-out client.
      await new Promise((r) => setTimeout(r, 300));
      await rawRows(tx, sql`select 1 as one`);
    });
    await assert.rejects(outcome, 'the transaction on the terminated connection fails');
    const [{ one }] = await rawRows<{ one: number }>(database.db, sql`select 1 as one`);
    assert.equal(one, 1, 'the next query gets a fresh connection');
  } finally {
    await database.dispose();
  }
});
