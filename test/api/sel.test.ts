/**
 * SEL over HTTP: a student's game data in (utterances, telemetry: who may submit, bounds,
 * idempotency, events), and inference from that stored data with the active registered
 * model set, switching sets without a restart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createUser } from '../../src/accounts/users.ts';
import { schema } from '../../src/db/index.ts';
import { featureVector } from '../../src/sel/features.ts';
import { MAX_UTTERANCES_PER_REQUEST } from '../../src/sel/ingest.ts';
import { promoteSelModel, registerSelModels } from '../../src/sel/registry.ts';
import { SEL_SKILLS } from '../../src/sel/skills.ts';
import { joinUtterances } from '../../src/sel/student-features.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';
import { trainSmallModels } from '../sel/small-models.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'satprep-sel-ingest-'));
let t: TestApp;
let student: TestUser;
let tutor: TestUser;
let admin: TestUser;
let modelsDir: string;

const behaviour = {
  session_minutes: 22.5, tasks_attempted: 14, tasks_completed: 10, help_requests: 2, help_given: 4,
  chat_messages: 30, resources_shared: 3, retries_after_failure: 3, frustration_events: 1,
};
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

before(async () => {
  modelsDir = trainSmallModels(path.join(dir, 'run'), 'api-ingest');
  t = await createTestApp({ DATA_DIR: path.join(dir, 'data') }, { bank: false });
  student = await signUp(t.app, 'student');
  tutor = await signUp(t.app, 'tutor');
  const link = await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  assert.equal((await as(t.app, student)({ method: 'POST', url: `/links/${link.json().id}/accept` })).statusCode, 200);
  const email = `sel-admin-${Date.now()}@example.test`;
  const user = await createUser(t.database.db, { email, password: 'admin password 123', displayName: 'Admin', role: 'admin' }, { scryptCost: t.config.SCRYPT_COST });
  const signin = await t.app.inject({ method: 'POST', url: '/auth/signin', payload: { email, password: 'admin password 123' } });
  admin = { id: user.id, email, password: 'admin password 123', role: 'admin', token: signin.json().accessToken, refreshToken: '' };
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (who: TestUser | null, url: string, payload: unknown) => as(t.app, who)({ method: 'POST', url, payload: payload as object });
const utterancesUrl = (id: string) => `/api/v1/sel/students/${id}/utterances`;
const telemetryUrl = (id: string) => `/api/v1/sel/students/${id}/telemetry`;
const inferUrl = (id: string) => `/api/v1/inference/student/${id}`;
const countRows = async (table: typeof schema.selUtterances | typeof schema.selTelemetry, id: string) =>
  (await t.database.db.select().from(table).where(eq(table.studentId, id))).length;

test('inference with no features and no stored data is a 409 that says what to do', async () => {
  await registerSelModels(t.database.db, { modelsDir, artifactRoot: path.join(dir, 'artifacts') });
  const res = await post(student, inferUrl(student.id), {});
  assert.equal(res.statusCode, 409, res.body);
  assert.match(res.json().message, /no game session of this student has telemetry and at least one utterance stored/);
  assert.match(res.json().message, /\/utterances and \/telemetry/);
  assert.deepEqual(res.json().details, { utterances: 0, roundsWithUtterances: 0, roundsWithTelemetry: 0 });
  // No body at all means the same.
  assert.equal((await as(t.app, student)({ method: 'POST', url: inferUrl(student.id) })).statusCode, 409);
});

test('utterances: stored once per (round, time, text), with one event per request that stored any', async () => {
  const batch = {
    utterances: [
      { gameSessionId: 'round-1', text: 'I helped Maya when she was upset and we shared the tools', spokenAt: minutesAgo(30) },
      { gameSessionId: 'round-1', text: 'We explained our plan to each other step by step.', spokenAt: minutesAgo(29) },
    ],
  };
  const first = await post(student, utterancesUrl(student.id), batch);
  assert.equal(first.statusCode, 201, first.body);
  assert.deepEqual(first.json(), { stored: 2, duplicates: 0 });
  const again = await post(student, utterancesUrl(student.id), batch);
  assert.equal(again.statusCode, 200);
  assert.deepEqual(again.json(), { stored: 0, duplicates: 2 });
  assert.equal(await countRows(schema.selUtterances, student.id), 2);
  const events = await t.database.db.select().from(schema.events).where(eq(schema.events.type, 'sel.utterances_stored'));
  assert.equal(events.length, 1);
  assert.deepEqual(events[0].payload, { studentId: student.id, stored: 2, duplicates: 0, gameSessions: 1 });
});

test('telemetry: stored once per round; the same figures again are a no-op, other figures a 409', async () => {
  const body = { gameSessionId: 'round-1', endedAt: minutesAgo(20), behaviour };
  assert.equal((await post(student, telemetryUrl(student.id), body)).statusCode, 201);
  const same = await post(student, telemetryUrl(student.id), body);
  assert.equal(same.statusCode, 200);
  assert.deepEqual(same.json(), { stored: false });
  const other = await post(student, telemetryUrl(student.id), { ...body, behaviour: { ...behaviour, help_given: 9 } });
  assert.equal(other.statusCode, 409);
  assert.deepEqual(other.json().details.differs, ['help_given']);
  const [row] = await t.database.db.select().from(schema.selTelemetry).where(eq(schema.selTelemetry.studentId, student.id));
  assert.equal(row.helpGiven, 4, 'the stored figures are unchanged');
  assert.equal((await t.database.db.select().from(schema.events).where(eq(schema.events.type, 'sel.telemetry_stored'))).length, 1);
});

test('only the student and admins may submit; a linked tutor may read scores but not submit', async () => {
  const u = { utterances: [{ gameSessionId: 'round-x', text: 'We did it together.', spokenAt: minutesAgo(5) }] };
  const tel = { gameSessionId: 'round-x', endedAt: minutesAgo(5), behaviour };
  const other = await signUp(t.app, 'student');
  for (const [who, status] of [[tutor, 403], [other, 403], [null, 401]] as const) {
    assert.equal((await post(who, utterancesUrl(student.id), u)).statusCode, status);
    assert.equal((await post(who, telemetryUrl(student.id), tel)).statusCode, status);
  }
  assert.equal((await post(admin, utterancesUrl(other.id), u)).statusCode, 201);
  assert.equal((await post(admin, telemetryUrl(other.id), tel)).statusCode, 201);
  const [row] = await t.database.db.select().from(schema.selUtterances).where(eq(schema.selUtterances.studentId, other.id));
  assert.equal(row.submittedBy, admin.id);
  // An admin cannot file game data for an account that is not a student, or for nobody.
  assert.equal((await post(admin, utterancesUrl(tutor.id), u)).statusCode, 404);
  assert.equal((await post(admin, telemetryUrl('00000000-0000-4000-8000-000000000000'), tel)).statusCode, 404);
  assert.equal((await post(tutor, utterancesUrl(tutor.id), u)).statusCode, 404, 'a tutor is not a student');
});

test('bad game data is a 400 and stores nothing', async () => {
  const fresh = await signUp(t.app, 'student');
  const ok = { gameSessionId: 'r', text: 'We won the round.', spokenAt: minutesAgo(1) };
  const badUtterances = [
    { utterances: [] },
    { utterances: Array.from({ length: MAX_UTTERANCES_PER_REQUEST + 1 }, (_, i) => ({ ...ok, text: `Line ${i}` })) },
    { utterances: [{ ...ok, text: '   ' }] },
    { utterances: [{ ...ok, text: 'x'.repeat(2001) }] },
    { utterances: [{ ...ok, spokenAt: new Date(Date.now() + 3_600_000).toISOString() }] }, // an hour in the future
    { utterances: [{ ...ok, spokenAt: '2019-12-31T23:00:00Z' }] },
    { utterances: [{ ...ok, spokenAt: 'yesterday' }] },
    { utterances: [{ ...ok, gameSessionId: 'has space' }] },
    { utterances: [{ ...ok, extra: 1 }] },
  ];
  for (const payload of badUtterances) assert.equal((await post(fresh, utterancesUrl(fresh.id), payload)).statusCode, 400, JSON.stringify(payload).slice(0, 100));
  const tel = { gameSessionId: 'r', endedAt: minutesAgo(1), behaviour };
  const badTelemetry = [
    { ...tel, behaviour: { ...behaviour, tasks_completed: 15 } }, // more completed than attempted
    { ...tel, behaviour: { ...behaviour, retries_after_failure: 15 } },
    { ...tel, behaviour: { ...behaviour, help_given: 2.5 } },
    { ...tel, behaviour: { ...behaviour, session_minutes: 0 } },
    { ...tel, behaviour: { ...behaviour, chat_messages: 1001 } },
    { ...tel, behaviour: { ...behaviour, extra: 1 } },
    { gameSessionId: 'r', endedAt: minutesAgo(1) },
  ];
  for (const payload of badTelemetry) assert.equal((await post(fresh, telemetryUrl(fresh.id), payload)).statusCode, 400, JSON.stringify(payload).slice(0, 100));
  assert.equal(await countRows(schema.selUtterances, fresh.id), 0);
  assert.equal(await countRows(schema.selTelemetry, fresh.id), 0);
});

test('inference without features scores the latest round from stored data, the same as sending its features', async () => {
  // A later round with telemetry but no utterance is skipped; so is one with utterances but no telemetry.
  await post(student, telemetryUrl(student.id), { gameSessionId: 'round-2', endedAt: minutesAgo(2), behaviour: { ...behaviour, help_given: 0 } });
  await post(student, utterancesUrl(student.id), { utterances: [{ gameSessionId: 'round-3', text: 'It was boring.', spokenAt: minutesAgo(1) }] });
  for (const who of [student, tutor, admin]) {
    const res = await post(who, inferUrl(student.id), {});
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.input.source, 'stored');
    assert.equal(body.input.gameSessionId, 'round-1');
    assert.equal(body.input.utterances, 2);
    assert.deepEqual(body.input.clamped, []);
    assert.match(body.model.id, /^sel@/);
    assert.equal(body.model.source, 'registry');
    const text = joinUtterances(['I helped Maya when she was upset and we shared the tools', 'We explained our plan to each other step by step.']);
    assert.deepEqual(body.input.features, featureVector(text, behaviour));
    const direct = await post(who, inferUrl(student.id), { features: body.input.features });
    assert.deepEqual(direct.json().scores, body.scores);
    for (const s of SEL_SKILLS) assert.ok(body.scores[s] >= 0 && body.scores[s] <= 1);
  }
  const named = await post(student, inferUrl(student.id), { gameSessionId: 'round-2' });
  assert.equal(named.statusCode, 409);
  assert.match(named.json().message, /game session round-2 has not both telemetry and at least one utterance/);
  assert.equal((await post(student, inferUrl(student.id), { gameSessionId: 'round-1', features: {} })).statusCode, 400);
  assert.equal((await post(await signUp(t.app, 'tutor'), inferUrl(student.id), {})).statusCode, 403);
});

test('a newly promoted model set is served from the next request, without a restart', async () => {
  const other = await registerSelModels(t.database.db, { modelsDir: trainSmallModels(path.join(dir, 'run2'), 'api-ingest-2'), artifactRoot: path.join(dir, 'artifacts') });
  await promoteSelModel(t.database.db, other.row.version);
  const res = await post(student, inferUrl(student.id), {});
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().model.id, other.row.id);
});

test("a student's game speech is in their data export and is removed when they delete their account", async () => {
  const leaving = await signUp(t.app, 'student');
  const said = 'I listened to Omar and we took turns with the map.';
  assert.equal((await post(leaving, utterancesUrl(leaving.id), { utterances: [{ gameSessionId: 'round-x', text: said, spokenAt: minutesAgo(5) }] })).statusCode, 201);
  const exported = await as(t.app, leaving)({ method: 'GET', url: '/ai_data/export/me' });
  assert.equal(exported.statusCode, 200);
  assert.equal(exported.json().selUtterances[0].text, said);
  const del = await as(t.app, leaving)({ method: 'DELETE', url: '/account', payload: { password: leaving.password } });
  assert.ok(del.statusCode < 300, del.body);
  assert.equal(await countRows(schema.selUtterances, leaving.id), 0);
});
