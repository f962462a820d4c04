import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/db/index.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
before(async () => (t = await createTestApp()));
after(() => t.close());

test('sign up, sign in, and read my profile; the password hash never leaves the server', async () => {
  const s = await signUp(t.app, 'student', { birthDate: '2009-03-01' });
  const signin = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email: s.email.toUpperCase(), password: s.password } });
  assert.equal(signin.statusCode, 200);
  const me = await as(t.app, { ...s, token: signin.json().accessToken })({ method: 'GET', url: '/auth/me' });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json().email, s.email);
  assert.ok(!('passwordHash' in me.json()));
});

test('a wrong password, a duplicate email, an admin sign-up and a short password are refused', async () => {
  const s = await signUp(t.app, 'student');
  const wrong = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email: s.email, password: 'nope nope nope' } });
  assert.equal(wrong.statusCode, 401);
  const dup = await t.app.inject({ method: 'POST', url: '/auth/signup', payload: { email: s.email, password: 'longenough1', displayName: 'x', role: 'student' } });
  assert.equal(dup.statusCode, 409);
  const admin = await t.app.inject({ method: 'POST', url: '/auth/signup', payload: { email: 'a@b.test', password: 'longenough1', displayName: 'x', role: 'admin' } });
  assert.equal(admin.statusCode, 400);
  const short = await t.app.inject({ method: 'POST', url: '/auth/signup', payload: { email: 'c@d.test', password: 'short', displayName: 'x', role: 'student' } });
  assert.equal(short.statusCode, 400);
  assert.deepEqual(Object.keys(short.json()).sort(), ['details', 'error', 'message']);
});

test('a birth date that cannot be real, or a name with nothing visible, is refused with a 400 saying why', async () => {
  let n = 0;
  const signup = (fields: { displayName?: string; birthDate?: string }) =>
    t.app.inject({ method: 'POST', url: '/auth/signup', payload: { email: `plausible${++n}@example.test`, password: 'longenough1', displayName: 'Sam', role: 'student', ...fields } });
  const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  for (const [birthDate, why] of [['2999-01-01', /future/], [day(2), /future/], ['0001-01-01', /1900-01-01 or later/], ['1899-12-31', /1900-01-01 or later/]] as const) {
    const res = await signup({ birthDate });
    assert.equal(res.statusCode, 400, `${birthDate}: ${res.body}`);
    assert.match(res.json().message, why);
  }
  for (const displayName of ['\u200b\u200b', '\u2060\u200d', '\u3164']) {
    const res = await signup({ displayName });
    assert.equal(res.statusCode, 400, `${JSON.stringify(displayName)}: ${res.body}`);
    assert.match(res.json().message, /visible character/);
  }
  // The edges, and names in any script, still sign up.
  for (const fields of [{ birthDate: '1900-01-01' }, { birthDate: day(0) }, { displayName: '李' }, { displayName: '\u200bZoë' }, { displayName: '🙂' }]) {
    assert.equal((await signup(fields)).statusCode, 201, JSON.stringify(fields));
  }
});

test('refresh tokens rotate, and replaying a rotated one revokes the whole family', async () => {
  const s = await signUp(t.app, 'tutor');
  const r1 = await t.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: s.refreshToken } });
  assert.equal(r1.statusCode, 200);
  const next = r1.json().refreshToken;
  assert.notEqual(next, s.refreshToken);
  const replay = await t.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: s.refreshToken } });
  assert.equal(replay.statusCode, 401);
  const afterReplay = await t.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: next } });
  assert.equal(afterReplay.statusCode, 401, 'the stolen chain is dead');
});

test('sign-out revokes the refresh token', async () => {
  const s = await signUp(t.app, 'parent');
  assert.equal((await t.app.inject({ method: 'POST', url: '/auth/signout', payload: { refreshToken: s.refreshToken } })).statusCode, 204);
  assert.equal((await t.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: s.refreshToken } })).statusCode, 401);
});

test('links: a tutor asks, only the student accepts, and then the tutor is linked', async () => {
  const student = await signUp(t.app, 'student');
  const tutor = await signUp(t.app, 'tutor');
  const other = await signUp(t.app, 'student');
  const req = await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal(req.statusCode, 201);
  const id = req.json().id;
  assert.equal((await as(t.app, tutor)({ method: 'POST', url: `/links/${id}/accept` })).statusCode, 403);
  assert.equal((await as(t.app, other)({ method: 'POST', url: `/links/${id}/accept` })).statusCode, 403);
  const ok = await as(t.app, student)({ method: 'POST', url: `/links/${id}/accept` });
  assert.equal(ok.json().status, 'accepted');
  const again = await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal(again.statusCode, 409);
  const students = await as(t.app, student)({ method: 'POST', url: '/links', payload: { studentEmail: other.email } });
  assert.equal(students.statusCode, 403, 'students do not request links');
});

test("consent: a minor cannot grant it alone; a linked parent can; anyone of them can revoke", async () => {
  const minor = await signUp(t.app, 'student', { birthDate: '2012-01-01' });
  const parent = await signUp(t.app, 'parent');
  const stranger = await signUp(t.app, 'parent');
  const self = await as(t.app, minor)({ method: 'PUT', url: `/students/${minor.id}/consent`, payload: { granted: true } });
  assert.equal(self.statusCode, 403);
  const link = await as(t.app, parent)({ method: 'POST', url: '/links', payload: { studentEmail: minor.email } });
  await as(t.app, minor)({ method: 'POST', url: `/links/${link.json().id}/accept` });
  assert.equal((await as(t.app, stranger)({ method: 'PUT', url: `/students/${minor.id}/consent`, payload: { granted: true } })).statusCode, 403);
  const granted = await as(t.app, parent)({ method: 'PUT', url: `/students/${minor.id}/consent`, payload: { granted: true } });
  assert.equal(granted.statusCode, 200);
  const [row] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, minor.id));
  assert.equal(row.trainingConsent, true);
  assert.equal(row.consentGivenBy, parent.id);
  const revoked = await as(t.app, minor)({ method: 'PUT', url: `/students/${minor.id}/consent`, payload: { granted: false } });
  assert.equal(revoked.json().trainingConsent, false);

  const adult = await signUp(t.app, 'student', { birthDate: '2000-01-01' });
  assert.equal((await as(t.app, adult)({ method: 'PUT', url: `/students/${adult.id}/consent`, payload: { granted: true } })).statusCode, 200);
});

test('export returns only my rows; deletion scrubs me and locks me out at once', async () => {
  const me = await signUp(t.app, 'student', { name: 'Zoe Quill' });
  const other = await signUp(t.app, 'student');
  const exp = await as(t.app, me)({ method: 'GET', url: '/ai_data/export/me' });
  assert.equal(exp.statusCode, 200);
  const body = exp.json();
  assert.equal(body.user.id, me.id);
  assert.ok(!('passwordHash' in body.user));
  assert.ok(body.events.every((e: { userId: string }) => e.userId === me.id));
  assert.ok(!JSON.stringify(body).includes(other.id));

  assert.equal((await as(t.app, me)({ method: 'DELETE', url: '/account', payload: { password: 'wrong password' } })).statusCode, 401);
  assert.equal((await as(t.app, me)({ method: 'DELETE', url: '/account', payload: { password: me.password } })).statusCode, 204);
  assert.equal((await as(t.app, me)({ method: 'GET', url: '/auth/me' })).statusCode, 401);
  // Another tab refreshing its session is told the account is gone, not that its token was stolen.
  const refresh = await t.app.inject({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: me.refreshToken } });
  assert.equal(refresh.statusCode, 401);
  assert.match(refresh.json().message, /account no longer exists/);
  const [row] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, me.id));
  assert.ok(row.deletedAt);
  assert.ok(!row.email.includes(me.email) && row.displayName !== 'Zoe Quill');
  const signin = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email: me.email, password: me.password } });
  assert.equal(signin.statusCode, 401);
});

test("a parent sees a tutor's request for their child and may decide it; a deleted account's links end and leave every list", async () => {
  const child = await signUp(t.app, 'student', { birthDate: '2012-05-01', name: 'Mia Minor' });
  const parent = await signUp(t.app, 'parent');
  const tutor = await signUp(t.app, 'tutor', { name: 'Tom Tutor' });
  const otherTutor = await signUp(t.app, 'tutor');
  const parentLink = (await as(t.app, parent)({ method: 'POST', url: '/links', payload: { studentEmail: child.email } })).json();
  await as(t.app, child)({ method: 'POST', url: `/links/${parentLink.id}/accept` });
  const tutorLink = (await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: child.email } })).json();
  const list = async (who: typeof parent) => (await as(t.app, who)({ method: 'GET', url: '/links' })).json().links as { id: string; status: string; forChild?: boolean; requester?: { name: string }; student?: { name: string | null } }[];

  // The parent's own link carries the child's consent and who decides it; the child's profile says the same.
  const own = (await list(parent)).find((l) => l.id === parentLink.id) as { student?: { trainingConsent?: boolean; parentDecidesConsent?: boolean } } | undefined;
  assert.deepEqual([own?.student?.trainingConsent, own?.student?.parentDecidesConsent], [false, true]);
  assert.equal((await as(t.app, child)({ method: 'GET', url: '/auth/me' })).json().parentDecidesConsent, true);
  const seen = (await list(parent)).find((l) => l.id === tutorLink.id);
  assert.ok(seen, "the tutor's request is on the parent's list");
  assert.equal(seen.forChild, true);
  assert.equal(seen.requester?.name, 'Tom Tutor');
  assert.equal(seen.student?.name, 'Mia Minor');
  assert.equal((await as(t.app, parent)({ method: 'POST', url: `/links/${tutorLink.id}/accept` })).json().status, 'accepted');
  // Another parent's view, and a tutor's, hold only their own links.
  assert.ok(!(await list(otherTutor)).some((l) => l.id === tutorLink.id));

  assert.equal((await as(t.app, child)({ method: 'DELETE', url: '/account', payload: { password: child.password } })).statusCode, 204);
  const rows = await t.database.db.select().from(schema.links).where(eq(schema.links.studentId, child.id));
  assert.deepEqual(rows.map((r) => r.status), ['revoked', 'revoked']);
  assert.ok(!(await list(tutor)).some((l) => l.id === tutorLink.id), 'gone from the tutor list');
  assert.ok(!(await list(parent)).some((l) => l.id === parentLink.id), 'gone from the parent list');
});

test('a second "parent" of a child is seen by the first, and a consent change names who made it and when', async () => {
  const child = await signUp(t.app, 'student', { birthDate: '2011-03-01', name: 'Sam Minor' });
  const mum = await signUp(t.app, 'parent', { name: 'Pat Parent' });
  const other = await signUp(t.app, 'parent', { name: 'Totally Mom' });
  const linkUp = async (who: TestUser) => {
    const link = (await as(t.app, who)({ method: 'POST', url: '/links', payload: { studentEmail: child.email } })).json();
    assert.equal((await as(t.app, child)({ method: 'POST', url: `/links/${link.id}/accept` })).statusCode, 200);
    return link.id as string;
  };
  const mumLink = await linkUp(mum);
  const otherLink = await linkUp(other);
  const list = async (who: TestUser) => (await as(t.app, who)({ method: 'GET', url: '/links' })).json().links as any[];
  // Before: a parent's list held the child's tutor links only; another parent acted unseen.
  const seen = (await list(mum)).find((l) => l.id === otherLink);
  assert.ok(seen, "the other parent's link is on the first parent's list");
  assert.deepEqual([seen.kind, seen.forChild, seen.requester.name], ['parent', true, 'Totally Mom']);
  // Read only: a parent decides tutor links for a child, never another parent's.
  assert.equal((await as(t.app, mum)({ method: 'POST', url: `/links/${otherLink}/revoke` })).statusCode, 403);

  const consentOf = async () => (await list(mum)).find((l) => l.id === mumLink).student;
  assert.equal((await consentOf()).consentChanged, null, 'never changed');
  assert.equal((await as(t.app, other)({ method: 'PUT', url: `/students/${child.id}/consent`, payload: { granted: true } })).statusCode, 200);
  const changed = await consentOf();
  assert.equal(changed.trainingConsent, true);
  assert.deepEqual(changed.consentChanged.by, { name: 'Totally Mom', role: 'parent' });
  assert.ok(Date.now() - Date.parse(changed.consentChanged.at) < 60_000);
});

test('protected routes need a valid bearer token', async () => {
  assert.equal((await t.app.inject({ method: 'GET', url: '/auth/me' })).statusCode, 401);
  assert.equal((await t.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: 'Bearer x.y.z' } })).statusCode, 401);
});
