/**
 * A tutor or parent cannot learn from link requests which addresses are students' here: a
 * request to an address that is nobody's — or a tutor's — is kept as an invite and answered,
 * listed, refused, cancelled and logged exactly as a request to a student's address; the
 * student's id reaches the requester only once the student accepts. A student who signs up
 * with an invited address finds the request waiting to accept.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { MAX_WAITING_REQUESTS } from '../../src/accounts/links.ts';
import { schema } from '../../src/db/index.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
let tutor: TestUser;
let student: TestUser;
let otherTutor: TestUser;

before(async () => {
  t = await createTestApp({}, { bank: false });
  tutor = await signUp(t.app, 'tutor', { name: 'Theo Tutor' });
  student = await signUp(t.app, 'student', { name: 'Sara Student' });
  otherTutor = await signUp(t.app, 'tutor');
});
after(() => t?.close());

const request = (who: TestUser, studentEmail: string) => as(t.app, who)({ method: 'POST', url: '/links', payload: { studentEmail } });
const list = async (who: TestUser) => (await as(t.app, who)({ method: 'GET', url: '/links' })).json().links as Record<string, unknown>[];
/** A reply with its ids, address and times taken out: what is left must be the same for any address. */
const shape = (body: Record<string, unknown>) => {
  const { id: _id, createdAt: _c, studentEmail: _e, student, ...rest } = body;
  const s = student as { email?: string } | undefined;
  return { ...rest, ...(s ? { student: { ...s, email: '…' } } : {}) };
};

test("a request reads the same whether the address is a student's, nobody's, or a tutor's", async () => {
  const toStudent = await request(tutor, student.email);
  const toNobody = await request(tutor, 'not-yet-here@example.test');
  const toTutor = await request(tutor, otherTutor.email);
  for (const r of [toStudent, toNobody, toTutor]) assert.equal(r.statusCode, 201, r.body);
  assert.deepEqual(shape(toNobody.json()), shape(toStudent.json()));
  assert.deepEqual(shape(toTutor.json()), shape(toStudent.json()));
  assert.ok(!toStudent.body.includes(student.id), "the reply holds no student id");

  // Listed alike: pending, no name, no id.
  const mine = await list(tutor);
  assert.equal(mine.length, 3);
  const byId = new Map(mine.map((l) => [l.id, l]));
  for (const r of [toStudent, toNobody, toTutor]) {
    const l = byId.get(r.json().id)!;
    assert.equal(l.status, 'pending');
    assert.equal(l.studentId, null);
    assert.deepEqual(shape(l), shape(byId.get(toStudent.json().id)!));
  }

  // Refused alike: asked again, or accepted by the requester.
  const again = [await request(tutor, student.email), await request(tutor, 'NOT-YET-HERE@example.test')];
  assert.deepEqual(again.map((r) => [r.statusCode, r.json().message]), [[409, 'a link already exists (pending)'], [409, 'a link already exists (pending)']]);
  const accepts = [toStudent, toNobody].map((r) => as(t.app, tutor)({ method: 'POST', url: `/links/${r.json().id}/accept` }));
  assert.deepEqual((await Promise.all(accepts)).map((r) => [r.statusCode, r.json().message]), [[403, 'only the student or their parent can accept'], [403, 'only the student or their parent can accept']]);
  // To anyone else an invite does not exist.
  assert.equal((await as(t.app, otherTutor)({ method: 'POST', url: `/links/${toNobody.json().id}/revoke` })).statusCode, 404);

  // The requester's own export: the same events, and no student id anywhere.
  const exported = await as(t.app, tutor)({ method: 'GET', url: '/ai_data/export/me' });
  assert.equal(exported.statusCode, 200);
  assert.ok(!exported.body.includes(student.id));
  const requested = (exported.json().events as { type: string; payload: Record<string, unknown> }[]).filter((e) => e.type === 'link.requested');
  assert.equal(requested.length, 3);
  for (const e of requested) assert.deepEqual(Object.keys(e.payload).sort(), ['kind', 'requestId']);
});

test('a student who signs up with an invited address finds the request and accepts it; then the tutor sees them', async () => {
  // signUp makes up its own address: invite one first, then sign up with it through the API.
  const email = 'late-joiner@example.test';
  const invited = await request(tutor, email);
  assert.equal(invited.statusCode, 201);
  const joined = await t.app.inject({ method: 'POST', url: '/auth/signup', payload: { email, password: 'correct horse battery', displayName: 'Lena Late', role: 'student' } });
  assert.equal(joined.statusCode, 201, joined.body);
  const lena = { id: joined.json().user.id, token: joined.json().accessToken } as TestUser;
  const waiting = (await list(lena)).filter((l) => l.status === 'pending');
  assert.equal(waiting.length, 1);
  assert.deepEqual(waiting[0].requester, { name: 'Theo Tutor', email: tutor.email });
  const ok = await as(t.app, lena)({ method: 'POST', url: `/links/${waiting[0].id}/accept` });
  assert.equal(ok.statusCode, 200, ok.body);
  const seen = (await list(tutor)).find((l) => l.id === waiting[0].id)!;
  assert.equal(seen.status, 'accepted');
  assert.equal(seen.studentId, lena.id);
  assert.equal((seen.student as { name: string }).name, 'Lena Late');
  // The invite itself is gone: it became the link.
  assert.equal((await list(tutor)).some((l) => l.id === invited.json().id), false);
  assert.equal((await t.database.db.select().from(schema.linkInvites).where(eq(schema.linkInvites.email, email))).length, 0);
});

test('a cancelled invite is gone: the address signing up later finds nothing', async () => {
  const email = 'changed-mind@example.test';
  const invited = await request(tutor, email);
  const cancelled = await as(t.app, tutor)({ method: 'POST', url: `/links/${invited.json().id}/revoke` });
  assert.equal(cancelled.statusCode, 200, cancelled.body);
  assert.equal(cancelled.json().status, 'revoked');
  assert.equal(cancelled.json().studentId, null);
  assert.equal((await list(tutor)).some((l) => l.id === invited.json().id), false);
  const joined = await t.app.inject({ method: 'POST', url: '/auth/signup', payload: { email, password: 'correct horse battery', displayName: 'Cam Changed', role: 'student' } });
  assert.equal(joined.statusCode, 201);
  const cam = { token: joined.json().accessToken } as TestUser;
  assert.deepEqual(await list(cam), []);
});

test(`at most ${MAX_WAITING_REQUESTS} requests wait at once, whatever the addresses; deleting the account deletes its invites`, async () => {
  const busy = await signUp(t.app, 'parent');
  for (let i = 0; i < MAX_WAITING_REQUESTS - 1; i++) assert.equal((await request(busy, `nobody-${i}@example.test`)).statusCode, 201);
  assert.equal((await request(busy, student.email)).statusCode, 201, 'the last place goes to a student as to anyone');
  const full = [await request(busy, 'one-more@example.test'), await request(busy, (await signUp(t.app, 'student')).email)];
  assert.deepEqual(full.map((r) => r.statusCode), [409, 409]);
  assert.equal(full[0].json().message, full[1].json().message);

  assert.equal((await as(t.app, busy)({ method: 'DELETE', url: '/account', payload: { password: busy.password } })).statusCode, 204);
  assert.equal((await t.database.db.select().from(schema.linkInvites).where(eq(schema.linkInvites.requesterId, busy.id))).length, 0);
});
