/**
 * The admin export of the interaction log: only consenting, living, real students; every
 * user id pseudonymised with the key; the same student keeps one pseudonym; written whole.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createUser } from '../../src/accounts/users.ts';
import { pseudonym } from '../../src/collect/pseudonym.ts';
import { schema } from '../../src/db/index.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-export-'));
const KEY = 'k'.repeat(40);
let t: TestApp;
before(async () => (t = await createTestApp({ DATA_DIR: dataDir, PSEUDONYM_KEY: KEY }, { bank: false })));
after(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function consent(u: TestUser) {
  const r = await as(t.app, u)({ method: 'PUT', url: `/students/${u.id}/consent`, payload: { granted: true } });
  assert.equal(r.statusCode, 200, r.body);
}

test('an admin export holds consenting students only, pseudonymised, and no raw id or email', async () => {
  const yes = await signUp(t.app, 'student', { birthDate: '2000-01-01' });
  const no = await signUp(t.app, 'student', { birthDate: '2000-01-01' });
  const gone = await signUp(t.app, 'student', { birthDate: '2000-01-01' });
  await consent(yes);
  await consent(gone);
  assert.equal((await as(t.app, gone)({ method: 'DELETE', url: '/account', payload: { password: gone.password } })).statusCode, 204);
  await t.database.db.update(schema.users).set({ trainingConsent: true }).where(eq(schema.users.id, no.id)); // then revoke through the API
  await as(t.app, no)({ method: 'PUT', url: `/students/${no.id}/consent`, payload: { granted: false } });

  const admin = await createUser(t.database.db, { email: 'root@example.test', password: 'an admin passphrase', displayName: 'Root', role: 'admin' }, { scryptCost: 1024 });
  const signin = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email: 'root@example.test', password: 'an admin passphrase' } });
  const adminUser = { id: admin.id, token: signin.json().accessToken } as TestUser;

  assert.equal((await as(t.app, yes)({ method: 'POST', url: '/ai_data/export' })).statusCode, 403);
  const started = await as(t.app, adminUser)({ method: 'POST', url: '/ai_data/export' });
  assert.equal(started.statusCode, 202);
  let job: { status: string; result: { file: string; rows: number; students: number } };
  for (;;) {
    job = (await as(t.app, adminUser)({ method: 'GET', url: `/jobs/${started.json().jobId}` })).json();
    if (job.status === 'succeeded' || job.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(job.status, 'succeeded');
  assert.equal(job.result.students, 1);
  assert.ok(!existsSync(`${job.result.file}.partial`));
  const text = readFileSync(job.result.file, 'utf8');
  const lines = text.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.length >= 2, 'sign-up and consent events');
  const key = new TextEncoder().encode(KEY);
  assert.ok(lines.every((l) => l.user === pseudonym(key, yes.id)));
  for (const secret of [yes.id, no.id, gone.id, yes.email, no.email, gone.email]) assert.ok(!text.includes(secret), `leaked ${secret}`);
  const consentEvent = lines.find((l) => l.type === 'consent.changed');
  assert.equal(consentEvent.payload.studentId, pseudonym(key, yes.id), 'ids inside payloads are pseudonymised too');
});

test('pseudonyms are stable per key and differ across keys', () => {
  const a = new TextEncoder().encode('a'.repeat(40));
  const b = new TextEncoder().encode('b'.repeat(40));
  assert.equal(pseudonym(a, 'x'), pseudonym(a, 'x'));
  assert.notEqual(pseudonym(a, 'x'), pseudonym(b, 'x'));
  assert.match(pseudonym(a, 'x'), /^p_[0-9a-f]{32}$/);
});
