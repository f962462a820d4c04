/**
 * Issue 8, acceptance 3: offline replay. Two students start from the same state with the
 * same offline packs. "Live" does 200 things online, one request at a time; "Offline"
 * does the same things with no connection and sends the queue through POST /sync —
 * shuffled, then again in another order. Both must end in exactly the same state, and the
 * second replay (and a replay of the live student's own keys) must change nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { asc, eq, sql } from 'drizzle-orm';
import { rawRows, schema } from '../../src/db/index.ts';
import { processRegistry } from '../../src/lib/metrics.ts';
import { createRng } from '../../src/lib/rng.ts';
import { getBank } from '../../src/practice/bank.ts';
import { startSession } from '../../src/practice/sessions.ts';
import type { SyncAction } from '../../src/sync/replay.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
let live: TestUser;
let offline: TestUser;
/** The same queue for both students, with each one's own session and plan ids filled in. */
let queueFor: (u: TestUser) => SyncAction[];

const PACKS = [
  { section: 'math', count: 40 },
  { section: 'rw', count: 40 },
  { section: 'math', count: 40 },
  { section: 'rw', count: 40 },
] as const;
/** Plan tasks acted on after each pack (completed and skipped in turn). */
const PLAN_ACTIONS_PER_PACK = 8;

before(async () => {
  t = await createTestApp();
  live = await signUp(t.app, 'student', { birthDate: '2000-01-01' });
  offline = await signUp(t.app, 'student', { birthDate: '2000-01-01' });
  const bank = await getBank(t.database.db);

  // Both download the same packs: Live's are chosen by the API, Offline gets the same questions.
  const sessionsOf = new Map<string, string[]>();
  const packs: string[][] = [];
  const liveSessions: string[] = [];
  for (const p of PACKS) {
    const res = await as(t.app, live)({ method: 'POST', url: '/practice/start', payload: { ...p, offline: true } });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().questions.length, p.count);
    assert.equal(res.json().question, null, 'a pack sends no single current question');
    liveSessions.push(res.json().sessionId);
    packs.push(res.json().questions.map((q: { id: string }) => q.id));
  }
  const offlineSessions: string[] = [];
  for (const [i, p] of PACKS.entries()) {
    const s = await startSession(t.database.db, { userId: offline.id, role: 'student' }, 'practice', { by: 'skill', areas: [] }, p.count, p.section, { pack: packs[i] });
    offlineSessions.push(s.sessionId);
  }
  sessionsOf.set(live.id, liveSessions);
  sessionsOf.set(offline.id, offlineSessions);

  // Both make the same study plan (same day, same proficiency, same target).
  const testDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const planOf = new Map<string, string>();
  let taskIds: string[] = [];
  for (const u of [live, offline]) {
    const res = await as(t.app, u)({ method: 'POST', url: '/study_plan', payload: { targetScore: 1300, testDate } });
    assert.equal(res.statusCode, 201, res.body);
    planOf.set(u.id, res.json().id);
    const ids = (res.json().phases as { days: { tasks: { id: string }[] }[] }[]).flatMap((p) => p.days.flatMap((d) => d.tasks.map((x) => x.id)));
    if (taskIds.length) assert.deepEqual(ids, taskIds, 'the two plans are the same');
    taskIds = ids;
  }
  assert.ok(taskIds.length >= PACKS.length * PLAN_ACTIONS_PER_PACK);

  // The student's actions, independent of who sends them: every question of each pack in
  // order (right or wrong by a seeded coin), finishing the set, rating its feedback.
  const rng = createRng('sync-test/answers');
  type Step =
    | { kind: 'answer'; pack: number; questionId: string; answer: string; ms: number }
    | { kind: 'finish'; pack: number }
    | { kind: 'rate'; pack: number; stars: number }
    | { kind: 'plan'; taskId: string; action: 'completed' | 'skipped' };
  const steps: Step[] = [];
  for (const [i, pack] of packs.entries()) {
    for (const id of pack) {
      const item = bank.items.get(id)!;
      const right = rng.chance(0.6);
      const answer = item.type === 'mcq' ? (right ? item.answer : 'ABCD'.replace(item.answer, '')[rng.int(0, 2)]) : right ? item.acceptedAnswers![0] : '9999';
      steps.push({ kind: 'answer', pack: i, questionId: id, answer, ms: rng.int(5_000, 90_000) });
    }
    steps.push({ kind: 'finish', pack: i }, { kind: 'rate', pack: i, stars: rng.int(1, 5) });
    for (let k = 0; k < PLAN_ACTIONS_PER_PACK; k++) {
      steps.push({ kind: 'plan', taskId: taskIds[i * PLAN_ACTIONS_PER_PACK + k], action: k % 2 === 0 ? 'completed' : 'skipped' });
    }
  }
  assert.equal(steps.length, 200);
  queueFor = (u) =>
    steps.map((s, seq): SyncAction => {
      const key = `${u.id.slice(0, 8)}-${seq}-${s.kind}`;
      if (s.kind === 'plan') return { type: 'plan_action', seq, key, planId: planOf.get(u.id)!, taskId: s.taskId, action: s.action };
      const sessionId = sessionsOf.get(u.id)![s.pack];
      if (s.kind === 'answer') return { type: 'answer', seq, key, sessionId, questionId: s.questionId, answer: s.answer, timeSpentMs: s.ms };
      if (s.kind === 'finish') return { type: 'finish', seq, key, sessionId };
      return { type: 'rate', seq, key, sessionId, stars: s.stars };
    });
});
after(() => t?.close());

/** Send one queued action through the ordinary online route, as a connected client would. */
async function sendLive(u: TestUser, a: SyncAction, feedbackOf: Map<string, string>) {
  const call = as(t.app, u);
  if (a.type === 'answer') {
    return call({ method: 'POST', url: `/practice/${a.sessionId}/answer`, payload: { questionId: a.questionId, answer: a.answer, timeSpentMs: a.timeSpentMs, idempotencyKey: a.key } });
  }
  if (a.type === 'finish') {
    const res = await call({ method: 'POST', url: `/practice/${a.sessionId}/finish` });
    feedbackOf.set(a.sessionId, res.json().feedback.aiOutputId);
    return res;
  }
  if (a.type === 'rate') return call({ method: 'POST', url: '/practice/rate-feedback', payload: { ai_output_id: feedbackOf.get(a.sessionId!), rating: a.stars } });
  return call({ method: 'POST', url: `/study_plan/action/${a.planId}`, payload: { task_id: a.taskId, action: a.action, idempotencyKey: a.key } });
}

/** Everything the student's actions change, with ids and clocks left out so two students compare. */
async function stateOf(u: TestUser) {
  const db = t.database.db;
  const responses = await db
    .select({ q: schema.responses.questionId, a: schema.responses.answer, c: schema.responses.correct, ms: schema.responses.timeSpentMs, tb: schema.responses.thetaBefore, ta: schema.responses.thetaAfter, se: schema.responses.seAfter })
    .from(schema.responses)
    .where(eq(schema.responses.userId, u.id))
    // In the order the student answered: the queue's seq, which both runs carry in the idempotency key
    // (`<user>-<seq>-answer`). Not created_at: replayed transactions can share a millisecond
    // (PGlite's clock), and a tie ordered by question id swapped two answers now and then.
    .orderBy(sql`split_part(${schema.responses.idempotencyKey}, '-', 2)::int`);
  const unkeyed = await rawRows<{ n: number }>(db, sql`select count(*)::int as n from responses where user_id = ${u.id} and idempotency_key is null`);
  assert.equal(unkeyed[0].n, 0, 'every answer carries its queue seq, the order compared');
  const proficiency = await db
    .select({ s: schema.proficiency.skill, th: schema.proficiency.theta, se: schema.proficiency.se, m: schema.proficiency.mastery, n: schema.proficiency.nResponses })
    .from(schema.proficiency)
    .where(eq(schema.proficiency.userId, u.id))
    .orderBy(schema.proficiency.skill);
  const history = await rawRows<{ n: number }>(db, sql`select count(*)::int as n from proficiency_history where user_id = ${u.id}`);
  const sessions = (await db.select({ status: schema.sessions.status }).from(schema.sessions).where(eq(schema.sessions.userId, u.id))).map((s) => s.status).sort();
  const ratings = (await db.select({ stars: schema.feedbackRatings.stars }).from(schema.feedbackRatings).where(eq(schema.feedbackRatings.userId, u.id))).map((r) => r.stars).sort();
  const feedback = await rawRows<{ n: number }>(db, sql`select count(*)::int as n from ai_outputs where user_id = ${u.id} and task = 'feedback'`);
  const points = (await db.select({ r: schema.pointsLedger.reason, p: schema.pointsLedger.points }).from(schema.pointsLedger).where(eq(schema.pointsLedger.userId, u.id)))
    .map((r) => `${r.r}:${r.p}`)
    .sort();
  const badges = (await db.select({ b: schema.userBadges.badgeId }).from(schema.userBadges).where(eq(schema.userBadges.userId, u.id))).map((r) => r.b).sort();
  const planActions = (await db.select({ task: schema.planActions.taskId, action: schema.planActions.action }).from(schema.planActions).where(eq(schema.planActions.userId, u.id)))
    .map((r) => `${r.task}:${r.action}`)
    .sort();
  const suggestions = (
    await db
      .select({ trigger: schema.planSuggestions.trigger, status: schema.planSuggestions.status, changes: schema.planSuggestions.changes })
      .from(schema.planSuggestions)
      .where(eq(schema.planSuggestions.userId, u.id))
      .orderBy(asc(schema.planSuggestions.createdAt))
  ).map((r) => JSON.stringify(r));
  const events = await rawRows<{ type: string; n: number }>(
    db,
    sql`select type, count(*)::int as n from events where user_id = ${u.id} and type not in ('sync.replayed', 'account.signed_up') group by type order by type`,
  );
  return { responses, proficiency, history: history[0].n, sessions, ratings, feedback: feedback[0].n, points, badges, planActions, suggestions, events };
}

const shuffled = <T>(xs: readonly T[], seed: string) => {
  const rng = createRng(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

test('a queue replayed twice and out of order leaves exactly the state of the live run', async () => {
  const liveQueue = queueFor(live);
  const feedbackOf = new Map<string, string>();
  for (const a of liveQueue) {
    const res = await sendLive(live, a, feedbackOf);
    assert.equal(res.statusCode, 200, `${a.type} #${a.seq}: ${res.body}`);
  }
  const liveState = await stateOf(live);
  assert.equal(liveState.responses.length, 160);
  assert.equal(liveState.ratings.length, 4);
  assert.equal(liveState.planActions.length, 32);
  assert.ok(liveState.suggestions.length > 0, 'skips led to plan advice');
  assert.ok(liveState.points.length > 0, 'points were awarded');

  const queue = queueFor(offline);
  const sync = (actions: SyncAction[]) => as(t.app, offline)({ method: 'POST', url: '/sync', payload: { actions } });

  const first = await sync(shuffled(queue, 'first'));
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual({ applied: first.json().applied, duplicates: first.json().duplicates, failed: first.json().failed }, { applied: queue.length, duplicates: 0, failed: 0 });
  assert.deepEqual(first.json().results.map((r: { seq: number }) => r.seq), queue.map((a) => a.seq), 'applied in the order the student acted');
  const afterFirst = await stateOf(offline);
  assert.deepEqual(afterFirst, liveState);

  const second = await sync(shuffled(queue, 'second'));
  assert.deepEqual({ applied: second.json().applied, duplicates: second.json().duplicates }, { applied: 0, duplicates: queue.length });
  assert.deepEqual(await stateOf(offline), liveState, 'the second replay changed nothing');

  // The live client's own queue, replayed after its requests had all landed, is all duplicates too.
  const relive = await as(t.app, live)({ method: 'POST', url: '/sync', payload: { actions: shuffled(liveQueue.filter((a) => a.type === 'answer'), 'relive') } });
  assert.equal(relive.json().duplicates, 160);
  assert.deepEqual(await stateOf(live), liveState);
});

test('a half-delivered queue resumes: the rest is applied, the delivered part is not repeated', async () => {
  const student = await signUp(t.app, 'student', { birthDate: '2000-01-01' });
  const start = await as(t.app, student)({ method: 'POST', url: '/practice/start', payload: { section: 'math', count: 6, offline: true } });
  const bank = await getBank(t.database.db);
  const actions: SyncAction[] = start.json().questions.map((q: { id: string }, seq: number) => {
    const item = bank.items.get(q.id)!;
    return { type: 'answer', seq, key: `half-${seq}-${student.id}`, sessionId: start.json().sessionId, questionId: q.id, answer: item.type === 'mcq' ? item.answer : item.acceptedAnswers![0], timeSpentMs: 10_000 };
  });
  const sync = (a: SyncAction[]) => as(t.app, student)({ method: 'POST', url: '/sync', payload: { actions: a } });
  assert.equal((await sync(actions.slice(0, 4))).json().applied, 4);
  const resumed = (await sync(shuffled(actions, 'resume'))).json();
  assert.deepEqual([resumed.applied, resumed.duplicates, resumed.failed], [2, 4, 0]);
  const rows = await t.database.db.select().from(schema.responses).where(eq(schema.responses.userId, student.id));
  assert.equal(rows.length, 6);
  assert.ok(rows.every((r) => r.correct));
});

test('refused actions are reported one by one and the rest still apply; a malformed queue changes nothing', async () => {
  const student = await signUp(t.app, 'student', { birthDate: '2000-01-01' });
  const other = await signUp(t.app, 'student', { birthDate: '2000-01-01' });
  const mine = (await as(t.app, student)({ method: 'POST', url: '/practice/start', payload: { section: 'rw', count: 2, offline: true } })).json();
  const theirs = (await as(t.app, other)({ method: 'POST', url: '/practice/start', payload: { section: 'rw', count: 2, offline: true } })).json();
  const sync = (actions: unknown) => as(t.app, student)({ method: 'POST', url: '/sync', payload: { actions } });
  const res = await sync([
    { type: 'answer', seq: 1, key: 'refused-1-abcdef', sessionId: theirs.sessionId, questionId: theirs.questions[0].id, answer: 'A', timeSpentMs: 1 },
    { type: 'answer', seq: 2, key: 'refused-2-abcdef', sessionId: mine.sessionId, questionId: mine.questions[0].id, answer: 'A', timeSpentMs: 1 },
    { type: 'answer', seq: 3, key: 'refused-3-abcdef', sessionId: mine.sessionId, questionId: mine.questions[0].id, answer: 'B', timeSpentMs: 1 },
    { type: 'rate', seq: 4, key: 'refused-4-abcdef', sessionId: mine.sessionId, stars: 5 },
  ]);
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json().results.map((r: { status: number }) => r.status), [403, 200, 409, 404]);

  const count = async () => (await t.database.db.select().from(schema.responses).where(eq(schema.responses.userId, student.id))).length;
  const before = await count();
  for (const bad of [
    [],
    [{ type: 'teleport', seq: 1, key: 'k'.repeat(10) }],
    [{ type: 'finish', seq: 1, key: 'dup-key-123', sessionId: mine.sessionId }, { type: 'finish', seq: 1, key: 'dup-key-456', sessionId: mine.sessionId }],
    [{ type: 'finish', seq: 1, key: 'same-key-12', sessionId: mine.sessionId }, { type: 'finish', seq: 2, key: 'same-key-12', sessionId: mine.sessionId }],
    [{ type: 'rate', seq: 1, key: 'both-ids-12', sessionId: mine.sessionId, aiOutputId: mine.sessionId, stars: 3 }],
  ]) {
    const r = await sync(bad);
    assert.equal(r.statusCode, 400, JSON.stringify(bad));
  }
  assert.equal(await count(), before);
});

/** How often this process has read the whole item bank from a database. */
async function bankLoads(): Promise<number> {
  const metric = processRegistry.getSingleMetric('satprep_item_bank_loads_total');
  assert.ok(metric, 'the bank-load counter is registered');
  return (await metric.get()).values[0]?.value ?? 0;
}

test('a queue of many finishes uses the item bank in memory: no action reads it from the database again', async () => {
  const student = await signUp(t.app, 'student', { birthDate: '2000-01-01' });
  const start = (await as(t.app, student)({ method: 'POST', url: '/practice/start', payload: { section: 'math', count: 2, offline: true } })).json();
  const bank = await getBank(t.database.db);
  const q = bank.items.get(start.questions[0].id)!;
  const missing = '11111111-1111-4111-8111-111111111111';
  const actions: SyncAction[] = [
    { type: 'answer', seq: 0, key: `many-0-${student.id}`, sessionId: start.sessionId, questionId: q.id, answer: q.type === 'mcq' ? q.answer : q.acceptedAnswers![0], timeSpentMs: 5_000 },
    { type: 'finish', seq: 1, key: `many-1-${student.id}`, sessionId: start.sessionId },
    { type: 'rate', seq: 2, key: `many-2-${student.id}`, sessionId: start.sessionId, stars: 4 },
    // What a fuzzer sent: finish after finish of a session that does not exist.
    ...Array.from({ length: 50 }, (_, i): SyncAction => ({ type: 'finish', seq: 3 + i, key: `many-${3 + i}-${student.id}`, sessionId: missing })),
  ];
  const before = await bankLoads();
  const res = await as(t.app, student)({ method: 'POST', url: '/sync', payload: { actions } });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json().results.slice(0, 3).map((r: { status: number }) => r.status), [200, 200, 200]);
  assert.ok(res.json().results.slice(3).every((r: { status: number }) => r.status === 404));
  assert.equal(await bankLoads(), before, 'every action used the bank already in memory');
});
