/**
 * Issue 7, acceptance 2: the authorization matrix. Every route the app serves (read from
 * the app, so a new route without a row fails this test) × every role × own / linked /
 * unlinked relation to one student, "the victim".
 *
 * "A" (allow) means a success (2xx/3xx) — the request is valid, so only authorization
 * could stop it. "D" (deny) means 401 or 403, exactly 401 for the anonymous caller, and
 * the body carries none of the victim's data. Callers who may not read the victim never
 * see the victim's data in any reply, allowed or not. A GET row covers its HEAD twin.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { createUser } from '../../src/accounts/users.ts';
import { schema } from '../../src/db/index.ts';
import { getBank } from '../../src/practice/bank.ts';
import { FEATURE_TABLE, FEATURES } from '../../src/sel/skills.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';
import { listRoutes, routeKey, withoutAutoHead } from '../helpers/routes.ts';
import { COLUMNS, type Actor, type Build as PartBuild, type Column, type MatrixEnv, type MatrixPart, type Req, type Row } from './matrix-parts/kit.ts';

/** Later modules' rows: every file in matrix-parts/ but the kit (see its README). */
const PARTS: MatrixPart[] = await Promise.all(
  readdirSync(new URL('./matrix-parts/', import.meta.url))
    .filter((f) => f.endsWith('.ts') && f !== 'kit.ts')
    .sort()
    .map(async (f) => ((await import(`./matrix-parts/${f}`)) as { part: MatrixPart }).part),
);

// prettier-ignore
const BASE_MATRIX: readonly Row[] = [
  //  route                                              anon own stu t+  t-  p+  p-  adm
  ['GET /health',                                       'A   A   A   A   A   A   A   A'],
  ['GET /docs',                                         'A   A   A   A   A   A   A   A'],
  ['GET /docs/',                                        'A   A   A   A   A   A   A   A'],
  ['GET /docs/*',                                       'A   A   A   A   A   A   A   A'],
  ['GET /docs/json',                                    'A   A   A   A   A   A   A   A'],
  ['GET /docs/yaml',                                    'A   A   A   A   A   A   A   A'],
  ['GET /docs/static/index.html',                       'A   A   A   A   A   A   A   A'],
  ['GET /docs/static/swagger-initializer.js',           'A   A   A   A   A   A   A   A'],
  ['POST /auth/signup',                                 'A   A   A   A   A   A   A   A'],
  ['POST /auth/signin',                                 'A   A   A   A   A   A   A   A'],
  ['POST /auth/refresh',                                'A   A   A   A   A   A   A   A'],
  ['POST /auth/signout',                                'A   A   A   A   A   A   A   A'],
  ['GET /auth/me',                                      'D   A   A   A   A   A   A   A'],
  ['GET /ai_data/export/me',                            'D   A   A   A   A   A   A   A'],
  ['POST /ai_data/export',                              'D   D   D   D   D   D   D   A'],
  ['GET /jobs/:id',                                     'D   D   D   D   D   D   D   A'],
  ['GET /links',                                        'D   A   A   A   A   A   A   A'],
  ['POST /links',                                       'D   D   D   A   A   A   A   D'],
  ['POST /links/:id/accept',                            'D   A   D   D   D   A   D   D'],
  ['POST /links/:id/revoke',                            'D   A   D   D   D   A   D   D'],
  ['PUT /students/:id/consent',                         'D   A   D   D   D   A   D   D'],
  ['POST /practice/start',                              'D   A   A   D   D   D   D   D'],
  ['GET /practice/mistakes',                            'D   A   A   D   D   D   D   D'],
  ['POST /practice/mistakes/start',                     'D   A   A   D   D   D   D   D'],
  ['GET /practice/:id',                                 'D   A   D   A   D   A   D   A'],
  ['POST /practice/:id/answer',                         'D   A   D   D   D   D   D   D'],
  ['POST /practice/:id/finish',                         'D   A   D   D   D   D   D   D'],
  ['POST /practice/help/:practice_id/:question_id',     'D   A   D   D   D   D   D   D'],
  ['POST /practice/rate-feedback',                      'D   A   D   D   D   D   D   D'],
  ['POST /diagnostic/start',                            'D   A   A   D   D   D   D   D'],
  ['GET /diagnostic/:id',                               'D   A   D   A   D   A   D   A'],
  ['POST /diagnostic/:id/answer',                       'D   A   D   D   D   D   D   D'],
  ['POST /diagnostic/:id/finish',                       'D   A   D   D   D   D   D   D'],
  ['POST /review/:id',                                  'D   A   D   D   D   D   D   D'],
  ['GET /review/:id',                                   'D   A   D   A   D   A   D   A'],
  ['GET /lessons',                                     'A   A   A   A   A   A   A   A'],
  ['GET /lessons/:id',                                  'A   A   A   A   A   A   A   A'],
  ['POST /lessons/:id/summary',                         'D   A   A   A   A   A   A   A'],
  ['GET /guide',                                        'A   A   A   A   A   A   A   A'],
  ['POST /api/v1/inference/student/:id',                'D   A   D   A   D   A   D   A'],
  // Acts on the caller only; each cell is sent by a throwaway account of the column's role.
  ['DELETE /account',                                   'D   A   A   A   A   A   A   A'],
];

/** Columns that may read the victim's data (the access rule of src/accounts/access.ts). */
const READERS: ReadonlySet<Column> = new Set(['own', 'tutor+', 'parent+', 'admin']);

interface Ctx {
  users: Record<Actor, TestUser>;
  victimName: string;
  practiceDone: string;
  practiceOpen: string;
  diagnostic: string;
  feedbackId: string;
  helpQuestion: string;
  signinUser: TestUser;
}
type Build = (c: Ctx, col: Column) => Promise<Req>;

let t: TestApp;
let c: Ctx;
const MATRIX: Row[] = [...BASE_MATRIX];
const REQUESTS: Record<string, Build> = {};
const partMarkers: string[] = [];
const call = (actor: TestUser | null, opts: InjectOptions) => as(t.app, actor)(opts);

async function adminUser(): Promise<TestUser> {
  const email = `admin-${Math.random().toString(36).slice(2)}@example.test`;
  const password = 'admin password 123';
  const user = await createUser(t.database.db, { email, password, displayName: 'Ada Admin', role: 'admin' }, { scryptCost: t.config.SCRYPT_COST });
  const res = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email, password } });
  assert.equal(res.statusCode, 200);
  return { id: user.id, email, password, role: 'admin', token: res.json().accessToken, refreshToken: res.json().refreshToken };
}

async function linkTo(requester: TestUser, student: TestUser, accept: boolean): Promise<string> {
  const res = await call(requester, { method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal(res.statusCode, 201, res.body);
  if (accept) assert.equal((await call(student, { method: 'POST', url: `/links/${res.json().id}/accept` })).statusCode, 200);
  return res.json().id;
}

async function currentQuestion(sessionId: string): Promise<string> {
  const [row] = await t.database.db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId));
  const current = (row.state as { current: { questionId: string } | null }).current;
  assert.ok(current, `session ${sessionId} has a current question`);
  return current.questionId;
}

/** A well-formed answer for the question's type (right or wrong does not matter here). */
async function anyAnswer(questionId: string): Promise<string> {
  return (await getBank(t.database.db)).items.get(questionId)?.type === 'spr' ? '7' : 'B';
}

/** Start a session as the victim and answer `n` questions (any answer will do). */
async function session(url: string, body: object, n: number): Promise<string> {
  const start = await call(c.users.own, { method: 'POST', url, payload: body });
  assert.equal(start.statusCode, 201, start.body);
  const id = start.json().sessionId as string;
  const kind = url.split('/')[1];
  for (let i = 0; i < n; i++) {
    const res = await call(c.users.own, { method: 'POST', url: `/${kind}/${id}/answer`, payload: await answerPayload(id) });
    assert.equal(res.statusCode, 200, res.body);
  }
  return id;
}

const roleOf = (col: Column) => (col === 'own' || col === 'student' ? 'student' : col === 'admin' ? 'admin' : col.startsWith('tutor') ? 'tutor' : 'parent');
const freshSignIn = async () => (await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email: c.signinUser.email, password: c.signinUser.password } })).json().refreshToken as string;
const answerPayload = async (id: string) => {
  const questionId = await currentQuestion(id);
  return { questionId, answer: await anyAnswer(questionId), timeSpentMs: 2000 };
};
const answerOn = async (kind: string, id: string): Promise<Req> => ({ method: 'POST', url: `/${kind}/${id}/answer`, payload: await answerPayload(id) });

/** How each route is called: a request that is valid in every respect but who sends it. */
const BASE_REQUESTS: Record<string, Build> = {
  'GET /health': async () => ({ method: 'GET', url: '/health' }),
  'GET /docs': async () => ({ method: 'GET', url: '/docs' }),
  'GET /docs/': async () => ({ method: 'GET', url: '/docs/' }),
  'GET /docs/*': async () => ({ method: 'GET', url: '/docs/static/favicon-32x32.png' }),
  'GET /docs/json': async () => ({ method: 'GET', url: '/docs/json' }),
  'GET /docs/yaml': async () => ({ method: 'GET', url: '/docs/yaml' }),
  'GET /docs/static/index.html': async () => ({ method: 'GET', url: '/docs/static/index.html' }),
  'GET /docs/static/swagger-initializer.js': async () => ({ method: 'GET', url: '/docs/static/swagger-initializer.js' }),
  'POST /auth/signup': async (_c, col) => ({
    method: 'POST',
    url: '/auth/signup',
    payload: { email: `new-${col.replace(/\W/, 'x')}-${Math.random().toString(36).slice(2)}@example.test`, password: 'a long password', displayName: 'New Person', role: 'student' },
  }),
  'POST /auth/signin': async (c) => ({ method: 'POST', url: '/auth/signin', payload: { email: c.signinUser.email, password: c.signinUser.password } }),
  'POST /auth/refresh': async () => ({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: await freshSignIn() } }),
  'POST /auth/signout': async () => ({ method: 'POST', url: '/auth/signout', payload: { refreshToken: await freshSignIn() } }),
  'GET /auth/me': async () => ({ method: 'GET', url: '/auth/me' }),
  'GET /ai_data/export/me': async () => ({ method: 'GET', url: '/ai_data/export/me' }),
  'POST /ai_data/export': async () => ({ method: 'POST', url: '/ai_data/export' }),
  'GET /jobs/:id': async () => {
    const [job] = await t.database.db.insert(schema.jobs).values({ kind: 'probe' }).returning({ id: schema.jobs.id });
    return { method: 'GET', url: `/jobs/${job.id}` };
  },
  'GET /links': async () => ({ method: 'GET', url: '/links' }),
  'POST /links': async () => ({ method: 'POST', url: '/links', payload: { studentEmail: (await signUp(t.app, 'student')).email } }),
  // A fresh pending (or accepted) tutor link to the victim per cell: the first allowed call must not spoil the next.
  'POST /links/:id/accept': async (c) => ({ method: 'POST', url: `/links/${await linkTo(await signUp(t.app, 'tutor'), c.users.own, false)}/accept` }),
  'POST /links/:id/revoke': async (c) => ({ method: 'POST', url: `/links/${await linkTo(await signUp(t.app, 'tutor'), c.users.own, true)}/revoke` }),
  'PUT /students/:id/consent': async (c) => ({ method: 'PUT', url: `/students/${c.users.own.id}/consent`, payload: { granted: false } }),
  'POST /practice/start': async () => ({ method: 'POST', url: '/practice/start', payload: { section: 'math', count: 2 } }),
  'GET /practice/mistakes': async () => ({ method: 'GET', url: '/practice/mistakes' }),
  // A student with no missed questions gets 409 ("nothing to retry"): let in, just nothing to do.
  'POST /practice/mistakes/start': async () => ({ method: 'POST', url: '/practice/mistakes/start', payload: { count: 2 }, alsoAllowed: [409] }),
  'GET /practice/:id': async (c) => ({ method: 'GET', url: `/practice/${c.practiceOpen}` }),
  'POST /practice/:id/answer': async (c) => answerOn('practice', c.practiceOpen),
  'POST /practice/:id/finish': async (c) => ({ method: 'POST', url: `/practice/${c.practiceOpen}/finish` }),
  'POST /practice/help/:practice_id/:question_id': async (c) => ({
    method: 'POST',
    url: `/practice/help/${c.practiceDone}/${encodeURIComponent(c.helpQuestion)}`,
    payload: { user_query: 'Why is B wrong here?', input_mode: 'text' },
  }),
  'POST /practice/rate-feedback': async (c) => ({ method: 'POST', url: '/practice/rate-feedback', payload: { ai_output_id: c.feedbackId, rating: 4 } }),
  'POST /diagnostic/start': async () => ({ method: 'POST', url: '/diagnostic/start', payload: { section: 'rw', count: 6 } }),
  'GET /diagnostic/:id': async (c) => ({ method: 'GET', url: `/diagnostic/${c.diagnostic}` }),
  'POST /diagnostic/:id/answer': async (c) => answerOn('diagnostic', c.diagnostic),
  'POST /diagnostic/:id/finish': async (c) => ({ method: 'POST', url: `/diagnostic/${c.diagnostic}/finish` }),
  'POST /review/:id': async (c) => ({ method: 'POST', url: `/review/${c.practiceDone}` }),
  'GET /review/:id': async (c) => ({ method: 'GET', url: `/review/${c.practiceDone}` }),
  'GET /lessons': async () => ({ method: 'GET', url: '/lessons' }),
  'GET /guide': async () => ({ method: 'GET', url: '/guide' }),
  'GET /lessons/:id': async () => {
    const [lesson] = await t.database.db.select({ id: schema.lessons.id }).from(schema.lessons).limit(1);
    return { method: 'GET', url: `/lessons/${encodeURIComponent(lesson.id)}` };
  },
  'POST /lessons/:id/summary': async () => {
    const [lesson] = await t.database.db.select({ id: schema.lessons.id }).from(schema.lessons).limit(1);
    return { method: 'POST', url: `/lessons/${encodeURIComponent(lesson.id)}/summary` };
  },
  // 409 when no SEL model has been trained in DATA_DIR: past authorization, so still "let in".
  'POST /api/v1/inference/student/:id': async (c) => ({
    method: 'POST',
    url: `/api/v1/inference/student/${c.users.own.id}`,
    payload: { features: Object.fromEntries(FEATURES.map((f) => [f, (FEATURE_TABLE[f].range[0] + FEATURE_TABLE[f].range[1]) / 2])) },
    alsoAllowed: [409],
  }),
  'DELETE /account': async (_c, col) => {
    if (col === 'anon') return { method: 'DELETE', url: '/account', payload: { password: 'whatever it is' }, actor: null };
    const role = roleOf(col);
    const actor = role === 'admin' ? await adminUser() : await signUp(t.app, role);
    return { method: 'DELETE', url: '/account', payload: { password: actor.password }, actor };
  },
};

before(async () => {
  t = await createTestApp();
  const victimName = `Victoria Vance ${Math.random().toString(36).slice(2, 8)}`;
  const users = {
    own: await signUp(t.app, 'student', { name: victimName, birthDate: '2010-04-04' }),
    student: await signUp(t.app, 'student'),
    'tutor+': await signUp(t.app, 'tutor'),
    'tutor-': await signUp(t.app, 'tutor'),
    'parent+': await signUp(t.app, 'parent'),
    'parent-': await signUp(t.app, 'parent'),
    admin: await adminUser(),
  };
  c = { users, victimName, signinUser: await signUp(t.app, 'student') } as Ctx;
  await linkTo(users['tutor+'], users.own, true);
  await linkTo(users['parent+'], users.own, true);

  c.practiceDone = await session('/practice/start', { section: 'math', count: 2 }, 2);
  const fin = await call(users.own, { method: 'POST', url: `/practice/${c.practiceDone}/finish` });
  assert.equal(fin.statusCode, 200, fin.body);
  c.feedbackId = fin.json().feedback.aiOutputId;
  const [answered] = await t.database.db.select().from(schema.responses).where(eq(schema.responses.sessionId, c.practiceDone));
  c.helpQuestion = answered.questionId;
  c.practiceOpen = await session('/practice/start', { section: 'math', count: 6 }, 1);
  c.diagnostic = await session('/diagnostic/start', { section: 'math', count: 6 }, 1);

  const env: MatrixEnv = { t, users, call, adminUser, linkTo, addMarkers: (...m) => partMarkers.push(...m), roleOf };
  for (const part of PARTS) {
    const builders: Record<string, PartBuild> = await part.setup(env);
    MATRIX.push(...part.rows);
    for (const [route, build] of Object.entries(builders)) {
      assert.ok(!(route in REQUESTS), `${route}: two builders`);
      REQUESTS[route] = (_c, col) => build(col);
    }
  }
});
after(() => t?.close());
Object.assign(REQUESTS, BASE_REQUESTS);

/** Strings that identify the victim or the victim's rows. */
const victimMarkers = () => [c.users.own.id, c.users.own.email, c.victimName, c.practiceDone, c.practiceOpen, c.diagnostic, c.feedbackId, ...partMarkers];

test('every route the app serves has a row in the matrix, and every row is a served route', async () => {
  const served = withoutAutoHead(await listRoutes(t.app)).map(routeKey);
  const rows = MATRIX.map(([route]) => route);
  assert.deepEqual(served.filter((r) => !rows.includes(r)), [], 'routes without a matrix row');
  assert.deepEqual(rows.filter((r) => !served.includes(r)), [], 'matrix rows for routes the app does not serve');
  assert.deepEqual(Object.keys(REQUESTS).sort(), [...rows].sort(), 'each row has a request builder');
  assert.equal(new Set(rows).size, rows.length, 'no duplicate rows');
  for (const [route, expect] of MATRIX) assert.match(expect, /^[AD](\s+[AD]){7}$/, `${route}: one A or D per column`);
});

test('the matrix: allow and deny per route, role and relation', async (tt) => {
  const heads = new Set((await listRoutes(t.app)).filter((r) => r.method === 'HEAD').map((r) => r.url));
  for (const [route, expect] of MATRIX) {
    await tt.test(route, async () => {
      const cells = expect.split(/\s+/);
      const wrong: string[] = [];
      for (const [i, col] of COLUMNS.entries()) {
        const { actor, alsoAllowed = [], ...opts } = await REQUESTS[route](c, col);
        const sender = actor !== undefined ? actor : col === 'anon' ? null : c.users[col];
        const methods = [opts.method as string, ...(opts.method === 'GET' && heads.has(route.split(' ')[1]) ? ['HEAD'] : [])];
        for (const method of methods) {
          const res = await call(sender, { ...opts, method: method as 'GET' });
          const what = `${col} ${method}: ${res.statusCode} ${res.body.slice(0, 160)}`;
          const allowed = (res.statusCode >= 200 && res.statusCode < 400) || alsoAllowed.includes(res.statusCode);
          const denied = col === 'anon' ? res.statusCode === 401 : res.statusCode === 401 || res.statusCode === 403;
          if (cells[i] === 'A' && !allowed) wrong.push(`expected allow — ${what}`);
          if (cells[i] === 'D' && !denied) wrong.push(`expected deny — ${what}`);
          if (cells[i] === 'D' || !READERS.has(col)) {
            const leaked = victimMarkers().filter((m) => res.body.includes(m));
            if (leaked.length) wrong.push(`victim data in the reply (${leaked.join(', ')}) — ${what}`);
          }
        }
      }
      assert.deepEqual(wrong, []);
    });
  }
});

test('after the matrix the victim and every caller still exist and the links are as they were', async () => {
  for (const user of Object.values(c.users)) assert.equal((await call(user, { method: 'GET', url: '/auth/me' })).statusCode, 200);
  const links = (await call(c.users.own, { method: 'GET', url: '/links' })).json().links as { requesterId: string; status: string }[];
  const statusOf = (u: TestUser) => links.find((l) => l.requesterId === u.id)?.status;
  assert.equal(statusOf(c.users['tutor+']), 'accepted');
  assert.equal(statusOf(c.users['parent+']), 'accepted');
  assert.equal(statusOf(c.users['tutor-']), undefined);
  assert.equal(statusOf(c.users['parent-']), undefined);
});

test('a pending or revoked link grants nothing: those tutors and parents are denied the reads a linked one gets', async () => {
  const pendingTutor = await signUp(t.app, 'tutor');
  await linkTo(pendingTutor, c.users.own, false);
  const revokedParent = await signUp(t.app, 'parent');
  const linkId = await linkTo(revokedParent, c.users.own, true);
  assert.equal((await call(c.users.own, { method: 'POST', url: `/links/${linkId}/revoke` })).statusCode, 200);
  for (const who of [pendingTutor, revokedParent]) {
    for (const url of [`/practice/${c.practiceOpen}`, `/diagnostic/${c.diagnostic}`, `/review/${c.practiceDone}`]) {
      const res = await call(who, { method: 'GET', url });
      assert.equal(res.statusCode, 403, `${who.role} ${url}: ${res.body}`);
    }
    const consent = await call(who, { method: 'PUT', url: `/students/${c.users.own.id}/consent`, payload: { granted: false } });
    assert.equal(consent.statusCode, 403);
  }
});
