/**
 * Issue 7, acceptance 3: thousands of generated malformed requests across every route the
 * app serves (read from the app; a route without a generator fails the test). Each
 * request is built so that it must be rejected — an invalid field, an unknown or foreign
 * id, a wrong password, no or a forged token, broken JSON, a wrong content type, a body
 * over the limit — so the database must be exactly as it was afterwards: every table's
 * row count and a digest of its contents are compared. Only the read-only public routes
 * (/health, /docs) may accept a request; they write nothing. No reply may be a 5xx, and
 * every 4xx carries the `{ error, message, details }` body.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { signAccess } from '../../src/accounts/tokens.ts';
import { tokenSettings } from '../../src/accounts/secrets.ts';
import { DOMAIN_IDS, SKILL_IDS } from '../../src/content/taxonomy.ts';
import { rawRows, schema } from '../../src/db/index.ts';
import { createRng, type Rng } from '../../src/lib/rng.ts';
import { FEATURE_TABLE, FEATURES } from '../../src/sel/skills.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';
import { listRoutes, routeKey, withoutAutoHead } from '../helpers/routes.ts';
import { SQL, SCRIPT, ODD, WRONG_TYPES, NUMBERS, MALFORMED_JSON, CONTENT_TYPES, OVER_LIMIT, enc, huge, text, uuid, badUuid, junkScalar, req, json, bodyCase, universal, mutate, forged, type Case, type Spec, type BadInputEnv, type BadInputPart, type Who } from './bad-input-parts/kit.ts';

/** Later modules' generators: every file in bad-input-parts/ but the kit (see its README). */
const PARTS: BadInputPart[] = await Promise.all(
  readdirSync(new URL('./bad-input-parts/', import.meta.url))
    .filter((f) => f.endsWith('.ts') && f !== 'kit.ts')
    .sort()
    .map(async (f) => ((await import(`./bad-input-parts/${f}`)) as { part: BadInputPart }).part),
);

const validFeatures = (): Record<string, number> => Object.fromEntries(FEATURES.map((f) => [f, FEATURE_TABLE[f].range[0]]));

const SEED = 'bad-input/v1';
/** At least 2,200 requests, and at least 60 a route however many routes there are. */
const perRouteMin = 60;

let t: TestApp;
let me: TestUser;
let victim: TestUser;
let tutor: TestUser;
const ids: Record<string, string> = {};

const own = (key: string) => () => ids[key];
const answerBad = { questionId: [...WRONG_TYPES, ''], answer: [...WRONG_TYPES, '', 'ABCDEFGHIJK'], timeSpentMs: NUMBERS, idempotencyKey: [...WRONG_TYPES, 'short', 'k'.repeat(101)] };
/**
 * Routes on one session id. `open`: a session of mine the universal makers may name (they
 * are refused before the handler); `victim`: another student's; `wrongKind`: mine, but
 * of the other kind, so the route does not know it.
 */
const sessionRoute = (kind: string, suffix: string, method: string, keys: { open: string; victim: string; wrongKind?: string }, extra: ((rng: Rng) => Case)[]): Spec => {
  const path = (id: string) => `/${kind}/${id}${suffix}`;
  return {
    auth: true,
    makers: [
      ...universal(method, (rng) => path(rng.chance(0.5) ? uuid(rng) : ids[keys.open]), true, suffix === '/answer'),
      (rng) => req(method, path(badUuid(rng))),
      (rng) => req(method, path(uuid(rng))), // unknown id: 404
      () => req(method, path(ids[keys.victim])), // another student's session: 403
      ...(keys.wrongKind ? [() => req(method, path(ids[keys.wrongKind!]))] : []), // 404
      ...extra,
    ],
  };
};
const keysOf = (kind: 'practice' | 'diagnostic') => ({ open: `${kind}Open`, victim: `victim_${kind}`, wrongKind: kind === 'practice' ? 'diagnosticOpen' : 'practiceOpen' });
const answerSpec = (kind: 'practice' | 'diagnostic'): Spec =>
  sessionRoute(kind, '/answer', 'POST', keysOf(kind), [
    bodyCase('POST', () => `/${kind}/${ids[`${kind}Open`]}/answer`, () => ({ questionId: 'q', answer: 'A', timeSpentMs: 1000 }), answerBad, ['questionId', 'answer', 'timeSpentMs']),
    // Well-formed, but not the current question (409) or a finished session (409).
    (rng) => json('POST', `/${kind}/${ids[`${kind}Open`]}/answer`, { questionId: text(rng), answer: 'A', timeSpentMs: rng.int(0, 100_000), idempotencyKey: `key-${uuid(rng)}` }),
    (rng) => json('POST', `/${kind}/${ids[`${kind}Done`]}/answer`, { questionId: text(rng), answer: 'B', timeSpentMs: 5 }, { headers: { 'idempotency-key': `key-${uuid(rng)}` } }),
    // Overlong or too-short idempotency keys in the header.
    (rng) => json('POST', `/${kind}/${ids[`${kind}Open`]}/answer`, { questionId: text(rng), answer: 'A', timeSpentMs: 1 }, { headers: { 'idempotency-key': rng.chance(0.5) ? 'short' : Array.from({ length: rng.int(101, 120_000) }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[rng.int(0, 35)]).join('') } }),
  ]);
const finishSpec = (kind: 'practice' | 'diagnostic'): Spec =>
  sessionRoute(kind, '/finish', 'POST', keysOf(kind), [
    () => req('POST', `/${kind}/${ids[`${kind}Fresh`]}/finish`), // nothing answered yet: 400
    (rng) => json('POST', `/${kind}/${uuid(rng)}/finish`, { [text(rng)]: junkScalar(rng) }),
  ]);

const SPECS: Record<string, Spec> = {
  'GET /health': { auth: false, makers: [(rng) => req('GET', `/health?${enc(text(rng))}=${enc(text(rng))}`, { expect: 'any', headers: { authorization: rng.pick(forged.tokens), 'content-type': rng.pick(CONTENT_TYPES) }, payload: text(rng) })] },
  'GET /docs': { auth: false, makers: [(rng) => req('GET', `/docs?${enc(text(rng))}`, { expect: 'any', who: 'forged', headers: { authorization: rng.pick(forged.tokens) } })] },
  'GET /docs/': { auth: false, makers: [(rng) => req('GET', `/docs/?q=${enc(huge(rng).slice(0, 5000))}`, { expect: 'any' })] },
  'GET /docs/json': { auth: false, makers: [(rng) => req('GET', `/docs/json?${enc(text(rng))}`, { expect: 'any', who: 'anon' })] },
  'GET /docs/yaml': { auth: false, makers: [(rng) => req('GET', `/docs/yaml?x=${enc(text(rng))}`, { expect: 'any', who: 'anon' })] },
  'GET /docs/static/index.html': { auth: false, makers: [(rng) => req('GET', `/docs/static/index.html?${enc(text(rng))}`, { expect: 'any', who: 'anon' })] },
  'GET /docs/static/swagger-initializer.js': { auth: false, makers: [(rng) => req('GET', `/docs/static/swagger-initializer.js?u=${enc(text(rng))}`, { expect: 'any' })] },
  // Unknown files and path traversal out of the static folder are refused.
  'GET /docs/*': { auth: false, makers: [(rng) => req('GET', `/docs/${rng.pick(['..%2f..%2fpackage.json', 'static/..%2f..%2f..%2f.env', '%2e%2e/%2e%2e/package.json', enc(text(rng)), `static/${uuid(rng)}.js`])}`, { who: 'anon' })] },

  'GET /lessons': { auth: false, makers: [(rng) => req('GET', `/lessons?skill=${enc(rng.chance(0.2) ? huge(rng).slice(0, 3000) : text(rng))}`, { who: rng.chance(0.5) ? 'anon' : 'student' })] },
  // No input: junk in the query, headers and body is ignored, never a 5xx.
  'GET /guide': { auth: false, makers: [(rng) => req('GET', `/guide?${enc(text(rng))}=${enc(text(rng))}`, { expect: 'any', who: rng.chance(0.5) ? 'anon' : 'student', headers: { 'content-type': rng.pick(CONTENT_TYPES) }, payload: text(rng) })] },
  'GET /lessons/:id': {
    auth: false,
    makers: [(rng) => req('GET', `/lessons/${rng.chance(0.2) ? 'l'.repeat(rng.int(101, 3000)) : enc(`${text(rng)}${uuid(rng)}`)}`, { who: rng.chance(0.5) ? 'anon' : 'student' })],
  },
  // An unknown or over-long lesson id: 404 or 400, and no ai_outputs row (the bad-input suite checks nothing is written).
  'POST /lessons/:id/summary': {
    auth: true,
    makers: [(rng) => req('POST', `/lessons/${rng.chance(0.2) ? 'l'.repeat(rng.int(101, 3000)) : enc(`${text(rng)}${uuid(rng)}`)}/summary`, { payload: rng.chance(0.5) ? text(rng) : undefined })],
  },
  'POST /api/v1/inference/student/:id': {
    auth: true,
    makers: [
      ...universal('POST', (rng) => `/api/v1/inference/student/${rng.chance(0.5) ? me.id : uuid(rng)}`, true),
      bodyCase('POST', () => `/api/v1/inference/student/${me.id}`, () => ({ features: validFeatures() }), { features: [...WRONG_TYPES, ['word_count'], 'features'] }, ['features']),
      (rng) => {
        const features: Record<string, unknown> = validFeatures();
        const f = rng.pick(FEATURES);
        if (rng.chance(0.3)) delete features[f];
        else if (rng.chance(0.3)) features[text(rng)] = 1; // unknown feature
        else features[f] = rng.pick([...NUMBERS, FEATURE_TABLE[f].range[1] + 1, FEATURE_TABLE[f].range[0] - 1, ...SQL]);
        return json('POST', `/api/v1/inference/student/${me.id}`, { features });
      },
      (rng) => json('POST', `/api/v1/inference/student/${badUuid(rng)}`, { features: validFeatures() }),
      (rng) => json('POST', `/api/v1/inference/student/${rng.chance(0.5) ? victim.id : uuid(rng)}`, { features: validFeatures() }), // not mine: 403
    ],
  },
  'POST /auth/signup': {
    auth: false,
    makers: [
      ...universal('POST', () => '/auth/signup', false),
      bodyCase('POST', () => '/auth/signup', () => ({ email: 'new@example.test', password: 'long enough pw', displayName: 'New', role: 'student' }), {
        email: [...WRONG_TYPES, ...SQL, ...SCRIPT, 'no-at-sign', `${'a'.repeat(250)}@x.test`],
        password: [...WRONG_TYPES, 'short', 'p'.repeat(201)],
        displayName: [...WRONG_TYPES, '', '   ', 'n'.repeat(81)],
        role: [...WRONG_TYPES, 'admin', 'root', 'STUDENT'],
        birthDate: [...WRONG_TYPES, '2020-13-45', 'yesterday', '01/02/2003', ...SQL],
      }, ['email', 'password', 'displayName', 'role']),
      // Well-formed but the email is taken: 409, with hostile text in the other fields.
      (rng) => json('POST', '/auth/signup', { email: me.email, password: 'long enough pw', displayName: text(rng).slice(0, 60) || 'x', role: 'student' }, { who: 'anon' }),
    ],
  },
  'POST /auth/signin': {
    auth: false,
    makers: [
      ...universal('POST', () => '/auth/signin', false),
      bodyCase('POST', () => '/auth/signin', () => ({ email: me.email, password: 'wrong password' }), { email: [...WRONG_TYPES, 'e'.repeat(255)], password: [...WRONG_TYPES, 'p'.repeat(201)] }, ['email', 'password']),
      (rng) => json('POST', '/auth/signin', { email: rng.chance(0.5) ? me.email : text(rng), password: text(rng) }, { who: 'anon' }),
    ],
  },
  'POST /auth/refresh': {
    auth: false,
    makers: [
      ...universal('POST', () => '/auth/refresh', false),
      bodyCase('POST', () => '/auth/refresh', () => ({ refreshToken: 'r'.repeat(20) }), { refreshToken: [...WRONG_TYPES, 'short', 'r'.repeat(201)] }, ['refreshToken']),
      (rng) => json('POST', '/auth/refresh', { refreshToken: `${text(rng)}${uuid(rng)}` }, { who: 'anon' }), // unknown: 401
    ],
  },
  'POST /auth/signout': {
    auth: false,
    makers: [...universal('POST', () => '/auth/signout', false), bodyCase('POST', () => '/auth/signout', () => ({ refreshToken: 'r'.repeat(20) }), { refreshToken: [...WRONG_TYPES, 'short', 'r'.repeat(201)] }, ['refreshToken'])],
  },
  'GET /auth/me': { auth: true, makers: universal('GET', () => '/auth/me', true) },
  'GET /links': { auth: true, makers: universal('GET', () => '/links', true) },
  // Admin-only: any student, anonymous or forged call is refused and starts no job.
  'POST /ai_data/export': { auth: true, makers: universal('POST', () => '/ai_data/export', true) },
  'GET /jobs/:id': { auth: true, makers: universal('GET', (rng) => `/jobs/${rng.chance(0.5) ? uuid(rng) : enc(text(rng))}`, true) },
  'GET /ai_data/export/me': { auth: true, makers: universal('GET', () => '/ai_data/export/me', true) },
  'DELETE /account': {
    auth: true,
    makers: [
      ...universal('DELETE', () => '/account', true),
      bodyCase('DELETE', () => '/account', () => ({ password: 'wrong password' }), { password: [...WRONG_TYPES, 'p'.repeat(201)] }, ['password']),
      (rng) => json('DELETE', '/account', { password: text(rng) }), // wrong password: 401
    ],
  },
  'POST /links': {
    auth: true,
    makers: [
      ...universal('POST', () => '/links', true),
      bodyCase('POST', () => '/links', () => ({ studentEmail: victim.email }), { studentEmail: [...WRONG_TYPES, ...SQL, ...SCRIPT, `${'a'.repeat(250)}@x.test`] }, ['studentEmail']),
      () => json('POST', '/links', { studentEmail: victim.email }), // students do not request links: 403
    ],
  },
  ...Object.fromEntries(
    (['accept', 'revoke'] as const).map((d) => [
      `POST /links/:id/${d}`,
      {
        auth: true,
        makers: [
          ...universal('POST', (rng) => `/links/${rng.chance(0.5) ? uuid(rng) : ids.victimLink}/${d}`, true, false),
          (rng: Rng) => req('POST', `/links/${badUuid(rng)}/${d}`),
          (rng: Rng) => json('POST', `/links/${uuid(rng)}/${d}`, { status: 'accepted', [text(rng)]: junkScalar(rng) }),
          () => req('POST', `/links/${ids.victimLink}/${d}`), // someone else's link: 403
        ],
      } satisfies Spec,
    ]),
  ),
  'PUT /students/:id/consent': {
    auth: true,
    makers: [
      ...universal('PUT', (rng) => `/students/${rng.chance(0.5) ? me.id : uuid(rng)}/consent`, true),
      bodyCase('PUT', () => `/students/${me.id}/consent`, () => ({ granted: false }), { granted: [...WRONG_TYPES.filter((v) => typeof v !== 'boolean'), 'yes', 'false', 1] }, ['granted']),
      (rng) => json('PUT', `/students/${badUuid(rng)}/consent`, { granted: false }),
      (rng) => json('PUT', `/students/${uuid(rng)}/consent`, { granted: rng.chance(0.5) }), // unknown: 404
      (rng) => json('PUT', `/students/${victim.id}/consent`, { granted: rng.chance(0.5) }), // another student: 403
      () => json('PUT', `/students/${tutor.id}/consent`, { granted: false }), // not a student: 400
      () => json('PUT', `/students/${me.id}/consent`, { granted: true }), // a minor cannot grant it alone: 403
    ],
  },
  'POST /practice/start': {
    auth: true,
    makers: [
      ...universal('POST', () => '/practice/start', true),
      bodyCase('POST', () => '/practice/start', () => ({ section: 'math', count: 5 }), {
        section: [...WRONG_TYPES, ...SQL, 'science', 'MATH'],
        domain: [...WRONG_TYPES, ...SCRIPT, 'rw.unknown'],
        skill: [...WRONG_TYPES, ...SQL, ...SCRIPT],
        count: [0, 51, -5, 3.5, '10', 1e9, null],
      }),
      (rng) => json('POST', '/practice/start', { domain: rng.pick(DOMAIN_IDS), skill: rng.pick(SKILL_IDS), count: 3 }), // two of three: 400
    ],
  },
  'GET /practice/mistakes': {
    auth: true,
    makers: [
      ...universal('GET', () => '/practice/mistakes', true),
      (rng) => req('GET', `/practice/mistakes?section=${enc(rng.pick([...SQL, ...SCRIPT, ...ODD, 'science', 'MATH']))}`),
      (rng) => req('GET', `/practice/mistakes?skill=${enc(rng.pick([...SQL, ...SCRIPT, 'rw.unknown']))}`),
      (rng) => req('GET', `/practice/mistakes?section=${rng.pick(['rw', 'math'])}&skill=${rng.pick(SKILL_IDS)}`), // both: 400
    ],
  },
  'POST /practice/mistakes/start': {
    auth: true,
    makers: [
      ...universal('POST', () => '/practice/mistakes/start', true),
      bodyCase('POST', () => '/practice/mistakes/start', () => ({ section: 'math', count: 5 }), {
        section: [...WRONG_TYPES, ...SQL, 'science', 'MATH'],
        skill: [...WRONG_TYPES, ...SQL, ...SCRIPT],
        count: [0, 51, -5, 3.5, '10', 1e9, null],
      }),
      (rng) => json('POST', '/practice/mistakes/start', { section: rng.pick(['rw', 'math']), skill: rng.pick(SKILL_IDS), count: 3 }), // both: 400
    ],
  },
  'POST /diagnostic/start': {
    auth: true,
    makers: [
      ...universal('POST', () => '/diagnostic/start', true),
      bodyCase('POST', () => '/diagnostic/start', () => ({ section: 'rw', count: 8 }), { section: [...WRONG_TYPES, ...SQL, 'science'], count: [5, 31, -1, 6.5, '12', null] }, ['section']),
    ],
  },
  'GET /practice/:id': sessionRoute('practice', '', 'GET', keysOf('practice'), []),
  'GET /diagnostic/:id': sessionRoute('diagnostic', '', 'GET', keysOf('diagnostic'), []),
  'POST /practice/:id/answer': answerSpec('practice'),
  'POST /diagnostic/:id/answer': answerSpec('diagnostic'),
  'POST /practice/:id/finish': finishSpec('practice'),
  'POST /diagnostic/:id/finish': finishSpec('diagnostic'),
  'POST /review/:id': sessionRoute('review', '', 'POST', { open: 'practiceDone', victim: 'victim_practice' }, []),
  'GET /review/:id': sessionRoute('review', '', 'GET', { open: 'practiceDone', victim: 'victim_practice' }, []),
  'POST /practice/help/:practice_id/:question_id': {
    auth: true,
    makers: [
      ...universal('POST', (rng) => `/practice/help/${rng.chance(0.5) ? uuid(rng) : ids.practiceDone}/${enc(ids.helpQuestion)}`, true),
      bodyCase('POST', () => `/practice/help/${ids.practiceDone}/${enc(ids.helpQuestion)}`, () => ({ user_query: 'why?', input_mode: 'text' }), {
        user_query: [...WRONG_TYPES, '', '   '],
        input_mode: [...WRONG_TYPES, 'sms', 'VOICE'],
        user_id: [...WRONG_TYPES, ...SQL],
      }, ['user_query']),
      (rng) => json('POST', `/practice/help/${badUuid(rng)}/${enc(ids.helpQuestion)}`, { user_query: text(rng) }),
      (rng) => json('POST', `/practice/help/${uuid(rng)}/${enc(ids.helpQuestion)}`, { user_query: text(rng) }), // unknown session: 404
      (rng) => json('POST', `/practice/help/${ids.practiceDone}/${enc(text(rng))}`, { user_query: text(rng), input_mode: 'voice' }), // not served: 404
      (rng) => json('POST', `/practice/help/${ids.practiceDone}/${'q'.repeat(rng.int(201, 5000))}`, { user_query: 'why?' }),
      (rng) => json('POST', `/practice/help/${ids.practiceDone}/${enc(ids.helpQuestion)}`, { user_id: victim.id, user_query: text(rng) }), // not me: 403
      (rng) => json('POST', `/practice/help/${ids.victim_practice}/${enc(ids.helpQuestion)}`, { user_query: text(rng) }), // not my session: 403
    ],
  },
  'POST /practice/rate-feedback': {
    auth: true,
    makers: [
      ...universal('POST', () => '/practice/rate-feedback', true),
      bodyCase('POST', () => '/practice/rate-feedback', () => ({ ai_output_id: ids.feedback, rating: 4 }), {
        rating: [0, 6, 3.5, -1, 100, '5', null, true, [5]],
        ai_output_id: [...WRONG_TYPES, ...SQL],
        comment: [...WRONG_TYPES.filter((v) => typeof v !== 'string'), 'c'.repeat(2001)],
        feedback: [...WRONG_TYPES.filter((v) => typeof v !== 'string'), '', 'f'.repeat(5001)],
        user_id: [...WRONG_TYPES, ...SCRIPT],
        performance: ['str', 1, [1, 2]],
      }, ['rating']),
      (rng) => json('POST', '/practice/rate-feedback', { ai_output_id: uuid(rng), rating: rng.int(1, 5) }), // unknown: 404
      (rng) => json('POST', '/practice/rate-feedback', { ai_output_id: ids.victimFeedback, rating: rng.int(1, 5), comment: text(rng) }), // not mine: 403
      (rng) => json('POST', '/practice/rate-feedback', { feedback: text(rng), rating: rng.int(1, 5) }), // no such text of mine: 404
      (rng) => json('POST', '/practice/rate-feedback', { user_id: victim.id, ai_output_id: ids.feedback, rating: rng.int(1, 5) }), // not me: 403
      (rng) => json('POST', '/practice/rate-feedback', { rating: rng.int(1, 5), comment: text(rng) }), // no target: 400
    ],
  },
};

async function anyAnswer(questionId: string): Promise<string> {
  const [row] = await t.database.db.select({ type: schema.questions.type }).from(schema.questions).where(eq(schema.questions.id, questionId));
  return row?.type === 'spr' ? '7' : 'B';
}

/** Start a session as `who`, answer `n` questions, and finish it when asked. */
async function session(who: TestUser, kind: 'practice' | 'diagnostic', count: number, n: number, finish: boolean) {
  const call = as(t.app, who);
  const start = await call({ method: 'POST', url: `/${kind}/start`, payload: { section: 'math', count } });
  assert.equal(start.statusCode, 201, start.body);
  const id = start.json().sessionId as string;
  let q = start.json().question?.id as string;
  for (let i = 0; i < n; i++) {
    const res = await call({ method: 'POST', url: `/${kind}/${id}/answer`, payload: { questionId: q, answer: await anyAnswer(q), timeSpentMs: 1000 } });
    assert.equal(res.statusCode, 200, res.body);
    q = res.json().next?.id;
  }
  const feedback = finish ? ((await call({ method: 'POST', url: `/${kind}/${id}/finish` })).json().feedback.aiOutputId as string) : '';
  return { id, feedback };
}

/** Row count and a digest of the contents of every table, so an UPDATE shows as well as an INSERT. */
async function snapshot(): Promise<Record<string, string>> {
  const db = t.database.db;
  const tables = await rawRows<{ s: string; n: string }>(
    db,
    sql`select table_schema as s, table_name as n from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1, 2`,
  );
  const out: Record<string, string> = {};
  for (const { s, n } of tables) {
    const name = `"${s.replace(/"/g, '""')}"."${n.replace(/"/g, '""')}"`;
    const [row] = await rawRows<{ c: number; h: string }>(db, sql.raw(`select count(*)::int as c, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${name} x`));
    out[`${s}.${n}`] = `${row.c} rows, ${row.h}`;
  }
  return out;
}

before(async () => {
  t = await createTestApp();
  me = await signUp(t.app, 'student', { birthDate: '2011-02-02' });
  victim = await signUp(t.app, 'student');
  tutor = await signUp(t.app, 'tutor');
  ids.victimLink = (await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: victim.email } })).json().id;
  const vp = await session(victim, 'practice', 2, 2, true);
  ids.victim_practice = vp.id;
  ids.victimFeedback = vp.feedback;
  ids.victim_diagnostic = (await session(victim, 'diagnostic', 6, 1, false)).id;
  const done = await session(me, 'practice', 2, 2, true);
  ids.practiceDone = done.id;
  ids.feedback = done.feedback;
  const [answered] = await t.database.db.select().from(schema.responses).where(eq(schema.responses.sessionId, done.id));
  ids.helpQuestion = answered.questionId;
  ids.practiceOpen = (await session(me, 'practice', 5, 1, false)).id;
  ids.practiceFresh = (await session(me, 'practice', 3, 0, false)).id;
  ids.diagnosticDone = (await session(me, 'diagnostic', 6, 6, true)).id;
  ids.diagnosticOpen = (await session(me, 'diagnostic', 6, 1, false)).id;
  ids.diagnosticFresh = (await session(me, 'diagnostic', 6, 0, false)).id;

  const settings = tokenSettings(t.config);
  const other = { ...settings, secret: new Uint8Array(32).fill(7) };
  const [head, , sig] = me.token.split('.');
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  forged.tokens = [
    'Bearer',
    'Bearer ',
    'Bearer abc.def.ghi',
    'Basic dXNlcjpwYXNzd29yZA==',
    `Bearer ${'x'.repeat(100_000)}`,
    `Bearer ${me.token} ${me.token}`,
    `Bearer ${await signAccess({ userId: me.id, role: 'student' }, other)}`, // wrong key
    `Bearer ${await signAccess({ userId: '00000000-0000-4000-8000-000000000000', role: 'admin' }, settings)}`, // no such account
    `Bearer ${await new SignJWT({ role: 'student' }).setProtectedHeader({ alg: 'HS256' }).setSubject(me.id).setIssuedAt(1_600_000_000).setExpirationTime(1_600_000_600).sign(settings.secret)}`, // expired
    `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: me.id, role: 'admin' })}.`,
    `Bearer ${head}.${b64({ sub: me.id, role: 'admin', exp: 4_000_000_000 })}.${sig}`, // payload swapped under my signature
  ];
  for (const part of PARTS) {
    for (const [route, spec] of Object.entries(await part.setup({ t, me, victim, tutor, ids }))) {
      assert.ok(!(route in SPECS), `${route}: two generators`);
      SPECS[route] = spec;
    }
  }
});
after(() => t?.close());

test('every route the app serves has a bad-input generator, and every generator a route', async () => {
  const served = withoutAutoHead(await listRoutes(t.app)).map(routeKey);
  assert.deepEqual(served.filter((r) => !(r in SPECS)), [], 'routes without a generator');
  assert.deepEqual(Object.keys(SPECS).filter((r) => !served.includes(r)), [], 'generators for routes the app does not serve');
});

test('thousands of malformed requests: no 5xx, the error contract on every 4xx, and no row changed', async () => {
  const routes = withoutAutoHead(await listRoutes(t.app)).map(routeKey);
  const rng = createRng(SEED);
  const before = await snapshot();
  const histogram = new Map<number, number>();
  const perRoute = new Map<string, number>();
  const problems: string[] = [];
  const total = Math.max(2_200, perRouteMin * routes.length);
  for (let i = 0; i < total; i++) {
    const route = routes[i % routes.length];
    const { who, expect, ...opts } = rng.pick(SPECS[route].makers)(rng);
    const headers = { ...(who === 'student' ? { authorization: `Bearer ${me.token}` } : {}), ...(opts.headers ?? {}) };
    const res = await t.app.inject({ ...opts, headers });
    histogram.set(res.statusCode, (histogram.get(res.statusCode) ?? 0) + 1);
    perRoute.set(route, (perRoute.get(route) ?? 0) + 1);
    const what = () => `#${i} ${route} as ${who}: ${opts.method} ${String(opts.url).slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
    if (res.statusCode >= 500) problems.push(`5xx — ${what()}`);
    else if (expect === 'reject' && res.statusCode < 400) problems.push(`accepted — ${what()}`);
    if (res.statusCode >= 400) {
      let body: Record<string, unknown> | null = null;
      try {
        body = res.json();
      } catch {
        /* not JSON: reported below */
      }
      if (!body || typeof body.error !== 'string' || typeof body.message !== 'string' || !('details' in body)) problems.push(`no {error, message, details} — ${what()}`);
    }
  }
  const after = await snapshot();
  const changed = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]).map((k) => `${k}: ${before[k]} → ${after[k]}`);

  const sent = [...perRoute.values()].reduce((a, b) => a + b, 0);
  console.log(`bad-input: ${sent} requests over ${perRoute.size} routes (seed ${SEED}); status histogram: ${JSON.stringify(Object.fromEntries([...histogram].sort((a, b) => a[0] - b[0])))}`);
  assert.ok(sent >= 2_000);
  for (const route of routes) assert.ok((perRoute.get(route) ?? 0) >= perRouteMin - 1, `${route} got ${perRoute.get(route) ?? 0} requests`);
  assert.deepEqual(problems.slice(0, 40), [], `${problems.length} problem replies`);
  assert.deepEqual(changed, [], 'tables changed by rejected requests');
  assert.ok(Object.keys(before).length >= 10, 'the snapshot saw the tables');
});
