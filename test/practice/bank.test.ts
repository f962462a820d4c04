/**
 * The item bank is read once per database and kept in memory. Work inside a transaction
 * (a /sync finish, generating a review) uses that copy too: reading ~5,800 items again per
 * call held the embedded database's only connection for a third of a second each time.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedContent } from '../../src/content/seed.ts';
import { getBank } from '../../src/practice/bank.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let a: TestDatabase;
let b: TestDatabase;

before(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await seedContent(a.db, { perSkill: 2 });
  await seedContent(b.db, { perSkill: 3 });
});
after(async () => {
  await a?.dispose();
  await b?.dispose();
});

test('a transaction, and one nested in it, read the bank their database already holds', async () => {
  const bank = await getBank(a.db);
  await a.db.transaction(async (tx) => {
    assert.ok((await getBank(tx)) === bank, 'the transaction got the cached bank');
    await tx.transaction(async (inner) => assert.ok((await getBank(inner)) === bank, 'the savepoint got the cached bank'));
  });
});

test('each database keeps its own bank', async () => {
  const [ofA, ofB] = [await getBank(a.db), await getBank(b.db)];
  assert.ok(ofA !== ofB);
  assert.equal(ofB.size * 2, ofA.size * 3);
  await b.db.transaction(async (tx) => assert.ok((await getBank(tx)) === ofB, "a transaction on b got b's bank"));
});
