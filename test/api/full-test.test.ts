/**
 * /full_test over inject(): simulated students with known θ take full-length tests
 * (issue 8, acceptance 4: the stored scores are the engine's pure functions applied to the
 * stored responses), routing both ways, the break, and — on a second API process sharing
 * the database, configured with the test-only short clock — a module that times out.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { tokenSettings } from '../../src/accounts/secrets.ts';
import { createAiService } from '../../src/ai/service.ts';
import { prob } from '../../src/assess/irt.ts';
import { route, scoreSection, type MstModule, type MstPanel } from '../../src/assess/mst.ts';
import { buildConversionTable, scaleSection, toScaled, totalScore } from '../../src/assess/scoring.ts';
import { toAssessItem } from '../../src/assess/types.ts';
import { createMemoryCache } from '../../src/cache/index.ts';
import type { Item } from '../../src/content/item.ts';
import { section, type SectionId } from '../../src/content/taxonomy.ts';
import { loadConfig } from '../../src/config.ts';
import { schema } from '../../src/db/index.ts';
import { addDays } from '../../src/lib/days.ts';
import { createRng, type Rng } from '../../src/lib/rng.ts';
import { generatePlan } from '../../src/plan/generate.ts';
import { POINTS } from '../../src/progress/rules.ts';
import { getBank } from '../../src/practice/bank.ts';
import { activeFullTest, testUnderWay } from '../../src/practice/full-test.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
let fast: FastifyInstance;
let items: ReadonlyMap<string, Item>;

before(async () => {
  t = await createTestApp();
  items = (await getBank(t.database.db)).items;
  // A second API process on the same database whose tests run 500× faster, 8 questions a module
  // (with fewer, 2 of them pretest, an all-right stage 1 may not clear the full panel's routing cut).
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: t.config.JWT_SECRET, RATE_LIMIT_PER_MINUTE: '100000', FULL_TEST_TIME_SCALE: '0.002', FULL_TEST_ITEMS_PER_MODULE: '8' });
  const cache = createMemoryCache();
  fast = await buildApp({ database: t.database, cache, config, tokens: tokenSettings(config), ai: createAiService({ config, cache }) });
});
after(async () => {
  await fast.close();
  await t.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function wrongAnswer(item: Item): string {
  if (item.type === 'mcq') return 'ABCD'.replace(item.answer, '')[0];
  return ['9999', '9998'].find((a) => !(item.acceptedAnswers ?? [item.answer]).includes(a))!;
}
const rightAnswer = (item: Item) => (item.type === 'mcq' ? item.answer : item.acceptedAnswers?.[0] ?? item.answer);

interface Taken {
  sessionId: string;
  view: { phase: string; modules: { route: string | null; closeReason: string | null }[]; result: Record<string, any> | null };
  intended: Map<string, boolean>;
}

/** A simulee of ability θ: right with the 3PL probability, drawn from a seeded generator. */
const simulee = (theta: number, rng: Rng) => (item: Item) => rng.next() < prob(theta, item.irt);

/**
 * Take a test answering right where `decide` says, in a shuffled order, sometimes first
 * giving another answer and marking it for review; submit each module; take the break's
 * "resume" when there is one.
 */
async function takeTest(app: FastifyInstance, user: TestUser, sections: 'rw' | 'math' | 'both', decide: (item: Item) => boolean, rng: Rng, planTaskId?: string): Promise<Taken> {
  const call = as(app, user);
  const start = await call({ method: 'POST', url: '/full_test/start', payload: { sections, ...(planTaskId ? { planTaskId } : {}) } });
  assert.equal(start.statusCode, 201, start.body);
  let view = start.json();
  const sessionId = view.sessionId as string;
  const intended = new Map<string, boolean>();
  let n = 0;
  while (view.phase !== 'done') {
    if (view.phase === 'break') {
      assert.ok(view.break.remainingMs > 0);
      view = (await call({ method: 'POST', url: `/full_test/${sessionId}/resume` })).json();
      continue;
    }
    const cur = view.current;
    for (const q of rng.shuffle(cur.questions as { id: string }[])) {
      const item = items.get(q.id)!;
      const right = decide(item);
      intended.set(q.id, right);
      if (rng.chance(0.1)) {
        const first = await call({ method: 'POST', url: `/full_test/${sessionId}/answer`, payload: { questionId: q.id, answer: right ? wrongAnswer(item) : rightAnswer(item), marked: true, timeSpentMs: 20_000 } });
        assert.equal(first.statusCode, 200, first.body);
      }
      const res = await call({
        method: 'POST',
        url: `/full_test/${sessionId}/answer`,
        headers: { 'idempotency-key': `sim-${sessionId}-${n++}` },
        payload: { questionId: q.id, answer: right ? rightAnswer(item) : wrongAnswer(item), marked: false, timeSpentMs: 30_000 },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().marked, false);
    }
    const sub = await call({ method: 'POST', url: `/full_test/${sessionId}/submit-module`, payload: { moduleIndex: cur.index } });
    assert.equal(sub.statusCode, 200, sub.body);
    view = sub.json();
  }
  return { sessionId, view, intended };
}

/** The engine's scoring applied to the stored responses, on the panel the session stored. */
async function engineScores(sessionId: string) {
  const db = t.database.db;
  const [row] = await db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId));
  const state = row.state as { panels: Record<SectionId, { cut: number; D: number } & Record<'stage1' | 'easier' | 'harder', { items: string[]; pretest: boolean[] }>> };
  const rows = await db.select().from(schema.responses).where(eq(schema.responses.sessionId, sessionId));
  const correct = new Map(rows.map((r) => [r.questionId, r.correct]));
  const table = buildConversionTable();
  const out: Partial<Record<SectionId, { score: ReturnType<typeof scaleSection>; module: string; theta: number }>> = {};
  for (const [sec, p] of Object.entries(state.panels) as [SectionId, (typeof state.panels)[SectionId]][]) {
    const mod = (m: { items: string[]; pretest: boolean[] }): MstModule => ({ items: m.items.map((id) => toAssessItem(items.get(id)!)), pretest: m.pretest, minutes: section(sec).minutesPerModule });
    const panel: MstPanel = { section: sec, cut: p.cut, D: p.D, stage1: mod(p.stage1), easier: mod(p.easier), harder: mod(p.harder) };
    const s1 = p.stage1.items.map((id) => correct.get(id) ?? false);
    const routed = route(panel, s1).module;
    const est = scoreSection(panel, s1, routed, p[routed].items.map((id) => correct.get(id) ?? false));
    out[sec] = { score: scaleSection(table, est.theta, est.se), module: routed, theta: est.theta };
  }
  return { out, rows, table };
}

test('acceptance 4: a full-length test of both sections by a simulee scores exactly as the engine scores the same responses', async () => {
  const theta = 1.2;
  const ana = await signUp(t.app, 'student');
  // A study plan, so finishing the test brings plan advice.
  const today = new Date().toISOString().slice(0, 10);
  await generatePlan(t.database.db, { userId: ana.id, role: 'student' }, { targetScore: 1400, testDate: addDays(today, 40) }, today);

  const { sessionId, view, intended } = await takeTest(t.app, ana, 'both', simulee(theta, createRng('simulee')), createRng('simulee-order'));
  const { out, rows, table } = await engineScores(sessionId);

  // Every question answered once (changes update the row), graded as the simulee intended.
  assert.equal(rows.length, 2 * (section('rw').questionsPerModule + section('math').questionsPerModule));
  assert.equal(rows.filter((r) => r.isPretest).length, 2 * (section('rw').pretestPerModule + section('math').pretestPerModule));
  for (const r of rows) assert.equal(r.correct, intended.get(r.questionId), r.questionId);

  // Routing: stage 2 was the module the engine routes these stage-1 responses to.
  assert.equal(view.modules[1].route, out.rw!.module);
  assert.equal(view.modules[3].route, out.math!.module);

  const [stored] = await t.database.db.select().from(schema.testResults).where(eq(schema.testResults.sessionId, sessionId));
  const total = totalScore(out.rw!.score, out.math!.score);
  assert.deepEqual([stored.rwScore, stored.mathScore, stored.total], [out.rw!.score.score, out.math!.score.score, total.score]);
  assert.deepEqual([stored.rwSe, stored.mathSe], [out.rw!.score.csem, out.math!.score.csem]);
  const result = view.result!;
  assert.deepEqual(result.rw.band, out.rw!.score.band);
  assert.deepEqual(result.math.band, out.math!.score.band);
  assert.deepEqual(result.total, { ...total, band: [...total.band] });
  assert.equal(result.rw.theta, out.rw!.theta);
  assert.ok(result.planSuggestion, 'the study-plan hook ran on finishing');

  // The known θ, as a gross check of sign and scale (within 3 CSEM all but ~0.5% of the time; 5 here, so it never flakes).
  for (const s of ['rw', 'math'] as const) {
    const truth = toScaled(table, theta);
    assert.ok(Math.abs(result[s].score - truth) <= 5 * result[s].csem, `${s}: ${result[s].score} vs true ${truth} (csem ${result[s].csem})`);
    assert.equal(result[s].domains.length, section(s).domains.length);
    assert.equal(result[s].domains.reduce((n: number, d: { total: number }) => n + d.total, 0), result[s].scored);
  }

  // Finishing again returns the same stored result.
  const again = await as(t.app, ana)({ method: 'POST', url: `/full_test/${sessionId}/finish` });
  assert.equal(again.statusCode, 200);
  assert.equal(again.json().testResultId, stored.id);
  assert.equal(again.json().total.score, total.score);
  const [points] = await t.database.db.select().from(schema.pointsLedger).where(eq(schema.pointsLedger.sourceId, sessionId));
  assert.equal(points.points, result.points);
  const badges = await t.database.db.select().from(schema.userBadges).where(eq(schema.userBadges.userId, ana.id));
  assert.ok(badges.some((b) => b.badgeId === 'full-test-1'), 'finishing a full test earns its badge');
});

test('routing both ways (short test-only modules): all right routes harder, all wrong easier; one section has no total', async () => {
  for (const [sections, right, expected] of [['rw', true, 'harder'], ['math', false, 'easier']] as const) {
    const bo = await signUp(t.app, 'student');
    const { sessionId, view } = await takeTest(fast, bo, sections, () => right, createRng(`extreme-${sections}`));
    const { out } = await engineScores(sessionId);
    assert.equal(out[sections]!.module, expected);
    assert.equal(view.modules[1].route, expected);
    assert.equal(view.result![sections].score, out[sections]!.score.score);
    assert.equal(view.result![sections === 'rw' ? 'math' : 'rw'], null);
    assert.equal(view.result!.total, null, 'one section: no total');
  }
});

test('a timed-out module: late answers get a 409, the module closes itself and routes on; the break ends on time', async () => {
  const cy = await signUp(t.app, 'student');
  const call = as(fast, cy);
  const start = (await call({ method: 'POST', url: '/full_test/start', payload: { sections: 'both' } })).json();
  const id = start.sessionId as string;
  assert.equal(start.current.questions.length, 8);
  const [q0, q1] = start.current.questions.map((q: { id: string }) => q.id);
  const ok = await call({ method: 'POST', url: `/full_test/${id}/answer`, payload: { questionId: q0, answer: rightAnswer(items.get(q0)!), timeSpentMs: 500 } });
  assert.equal(ok.statusCode, 200, ok.body);
  await sleep(ok.json().remainingMs + 30);

  const late = await call({ method: 'POST', url: `/full_test/${id}/answer`, payload: { questionId: q1, answer: rightAnswer(items.get(q1)!), timeSpentMs: 500 } });
  assert.equal(late.statusCode, 409);
  assert.equal(late.json().error, 'conflict');
  assert.match(late.json().message, /time ran out/);
  const view = (await call({ method: 'GET', url: `/full_test/${id}` })).json();
  assert.equal(view.modules[0].closeReason, 'timed_out');
  assert.equal(view.modules[0].answered, 1);
  assert.equal(view.current.index, 1);
  assert.ok(['easier', 'harder'].includes(view.modules[1].route));

  const brk = (await call({ method: 'POST', url: `/full_test/${id}/submit-module`, payload: { moduleIndex: 1 } })).json();
  assert.equal(brk.phase, 'break');
  assert.ok(brk.break.remainingMs > 0);
  await sleep(brk.break.remainingMs + 30);
  const math = (await call({ method: 'GET', url: `/full_test/${id}` })).json();
  assert.equal(math.phase, 'module');
  assert.equal(math.current.section, 'math');
  assert.equal(math.current.startedAt, brk.break.endsAt, 'the break ended on time by itself');

  await call({ method: 'POST', url: `/full_test/${id}/submit-module`, payload: { moduleIndex: 2 } });
  const done = (await call({ method: 'POST', url: `/full_test/${id}/submit-module`, payload: { moduleIndex: 3 } })).json();
  assert.equal(done.phase, 'done');
  const { rw, math: m, total } = done.result;
  for (const s of [rw, m]) assert.ok(s.band[0] <= s.score && s.score <= s.band[1] && s.score >= 200 && s.score <= 800 && s.csem > 0);
  assert.equal(total.score, rw.score + m.score);
  assert.ok(total.band[0] <= total.score && total.score <= total.band[1]);
  const closes = await t.database.db.select().from(schema.events).where(eq(schema.events.userId, cy.id)).orderBy(schema.events.id);
  assert.deepEqual(
    closes.filter((e) => e.type === 'full_test.module_closed').map((e) => (e.payload as { reason: string }).reason),
    ['timed_out', 'submitted', 'submitted', 'submitted'],
  );
});

test('answers are idempotent; only the student acts, linked readers read, strangers do not', async () => {
  const di = await signUp(t.app, 'student');
  const other = await signUp(t.app, 'student');
  const tutor = await signUp(t.app, 'tutor');
  const start = (await as(t.app, di)({ method: 'POST', url: '/full_test/start', payload: { sections: 'math' } })).json();
  const id = start.sessionId as string;
  const q = start.current.questions[0].id as string;
  const body = { questionId: q, answer: rightAnswer(items.get(q)!), timeSpentMs: 1000 };
  const first = await as(t.app, di)({ method: 'POST', url: `/full_test/${id}/answer`, headers: { 'idempotency-key': 'ft-answer-0001' }, payload: body });
  const again = await as(t.app, di)({ method: 'POST', url: `/full_test/${id}/answer`, headers: { 'idempotency-key': 'ft-answer-0001' }, payload: body });
  assert.deepEqual([first.json().replayed, again.json().replayed], [false, true]);
  const answered = (await t.database.db.select().from(schema.events).where(eq(schema.events.userId, di.id))).filter((e) => e.type === 'question.answered');
  assert.equal(answered.length, 1);

  assert.equal((await as(t.app, other)({ method: 'GET', url: `/full_test/${id}` })).statusCode, 403);
  assert.equal((await as(t.app, other)({ method: 'POST', url: `/full_test/${id}/answer`, payload: body })).statusCode, 403);
  assert.equal((await as(t.app, tutor)({ method: 'GET', url: `/full_test/${id}` })).statusCode, 403);
  const link = await as(t.app, tutor)({ method: 'POST', url: '/links', payload: { studentEmail: di.email } });
  await as(t.app, di)({ method: 'POST', url: `/links/${link.json().id}/accept` });
  const read = await as(t.app, tutor)({ method: 'GET', url: `/full_test/${id}` });
  assert.equal(read.statusCode, 200);
  assert.equal(read.json().current.questions[0].answer, body.answer);
  assert.equal((await as(t.app, tutor)({ method: 'POST', url: `/full_test/${id}/finish` })).statusCode, 403);
  assert.equal((await as(t.app, null)({ method: 'GET', url: `/full_test/${id}` })).statusCode, 401);
  assert.equal((await as(t.app, tutor)({ method: 'POST', url: '/full_test/start', payload: { sections: 'rw' } })).statusCode, 403);
});

test('the test under way is found on any device: GET /full_test/active (and the progress summary) give the newest open one, then nothing once it is over or its time ran out', async () => {
  const student = await signUp(t.app, 'student');
  const active = async () => (await as(t.app, student)({ method: 'GET', url: '/full_test/active' })).json().test;
  assert.equal(await active(), null);
  const first = (await as(t.app, student)({ method: 'POST', url: '/full_test/start', payload: { sections: 'rw' } })).json();
  const q = first.current.questions[0].id as string;
  await as(t.app, student)({ method: 'POST', url: `/full_test/${first.sessionId}/answer`, payload: { questionId: q, answer: rightAnswer(items.get(q)!), timeSpentMs: 1000 } });
  const found = await active();
  assert.equal(found.sessionId, first.sessionId);
  assert.equal(found.current.questions[0].answer, rightAnswer(items.get(q)!), 'the view is the one GET /full_test/:id gives');
  // The dashboard's one summary request names it too.
  const progress = async () => (await as(t.app, student)({ method: 'GET', url: '/progress/me' })).json().testInProgress;
  assert.equal((await progress()).sessionId, first.sessionId);
  // Two under way: the newer one is the one to resume.
  const second = (await as(t.app, student)({ method: 'POST', url: '/full_test/start', payload: { sections: 'math' } })).json();
  assert.equal((await active()).sessionId, second.sessionId);
  await as(t.app, student)({ method: 'POST', url: `/full_test/${second.sessionId}/finish` });
  assert.equal((await active()).sessionId, first.sessionId);
  await as(t.app, student)({ method: 'POST', url: `/full_test/${first.sessionId}/finish` });
  assert.equal(await active(), null);
  assert.equal(await progress(), null);
  // A test whose clock ran out while the student was away (three hours later) is over, not under way.
  const timed = (await as(t.app, student)({ method: 'POST', url: '/full_test/start', payload: { sections: 'math' } })).json();
  assert.equal((await active()).sessionId, timed.sessionId);
  const threeHoursOn = Date.now() + 3 * 3600_000;
  // The summary runs the clock forward without writing: for now it is under way, three hours on it is not.
  assert.equal((await testUnderWay(t.database.db, student.id))?.sessionId, timed.sessionId);
  assert.equal(await testUnderWay(t.database.db, student.id, threeHoursOn), null);
  assert.equal((await progress()).sessionId, timed.sessionId);
  const later = await activeFullTest({ db: t.database.db, ai: createAiService({ config: t.config }) }, { userId: student.id, role: 'student' }, threeHoursOn);
  assert.equal(later.test, null);
  assert.equal(await active(), null);
  assert.equal(await progress(), null);
  // Only students take tests.
  const tutor = await signUp(t.app, 'tutor');
  assert.equal((await as(t.app, tutor)({ method: 'GET', url: '/full_test/active' })).statusCode, 403);
});

test('an answer can be cleared (answer: null): the question is blank again in the view, the responses, the review and the score', async () => {
  const ed = await signUp(t.app, 'student');
  const call = as(t.app, ed);
  const start = (await call({ method: 'POST', url: '/full_test/start', payload: { sections: 'math' } })).json();
  const id = start.sessionId as string;
  const questions = start.current.questions as { id: string; type: string }[];
  const spr = questions.find((q) => q.type === 'spr')!.id;
  const mcq = questions.find((q) => q.type === 'mcq')!.id;
  const answer = (questionId: string, value: unknown) => call({ method: 'POST', url: `/full_test/${id}/answer`, payload: { questionId, answer: value, timeSpentMs: 1000 } });
  const shown = async (questionId: string) => (await call({ method: 'GET', url: `/full_test/${id}` })).json().current.questions.find((q: { id: string }) => q.id === questionId).answer;
  const stored = async () => (await t.database.db.select().from(schema.responses).where(eq(schema.responses.sessionId, id))).map((r) => r.questionId).sort();

  for (const [q, value] of [[spr, wrongAnswer(items.get(spr)!)], [mcq, rightAnswer(items.get(mcq)!)]] as const) {
    assert.equal((await answer(q, value)).json().answered, 1);
    assert.equal(await shown(q), value);
    const cleared = await answer(q, null);
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.deepEqual([cleared.json().answer, cleared.json().answered], [null, 0]);
    assert.equal(await shown(q), null);
    assert.deepEqual(await stored(), []);
  }
  // Clearing a blank question changes nothing, and says so the same way.
  assert.deepEqual((await answer(spr, null)).json().answered, 0);
  const events = (await t.database.db.select().from(schema.events).where(eq(schema.events.userId, ed.id))).filter((e) => e.type === 'full_test.answer_cleared');
  assert.deepEqual(events.map((e) => (e.payload as { questionId: string }).questionId), [spr, mcq]);

  // Answered, cleared, then finished: the review has nothing for it and the score counts it blank.
  await answer(spr, rightAnswer(items.get(spr)!));
  await answer(spr, null);
  const done = (await call({ method: 'POST', url: `/full_test/${id}/finish` })).json();
  assert.equal(done.math.scored > 0, true);
  const review = (await call({ method: 'GET', url: `/review/${id}` })).json();
  assert.deepEqual(review.answers, []);
  assert.equal((await answer(spr, null)).statusCode, 409, 'a finished test cannot be cleared either');
});

test('a grid-in answer is up to 5 characters, 6 with a leading minus (the rule of src/content/spr.ts): anything else is a 400, not a wrong answer', async () => {
  const fi = await signUp(t.app, 'student');
  const call = as(t.app, fi);
  const start = (await call({ method: 'POST', url: '/full_test/start', payload: { sections: 'math' } })).json();
  const questions = start.current.questions as { id: string; type: string }[];
  const spr = questions.find((q) => q.type === 'spr')!.id;
  const mcq = questions.find((q) => q.type === 'mcq')!.id;
  const answer = (questionId: string, value: unknown) => call({ method: 'POST', url: `/full_test/${start.sessionId}/answer`, payload: { questionId, answer: value, timeSpentMs: 1000 } });
  for (const ok of ['12345', '-12345', '-1/2', '.5', '9999']) assert.equal((await answer(spr, ok)).statusCode, 200, ok);
  for (const bad of ['123456', '-123456', '1-2', '-', '5e3', 'A', '', ' ', '1 2 3 4 5 6']) {
    const res = await answer(spr, bad);
    assert.equal(res.statusCode, 400, `${JSON.stringify(bad)}: ${res.body}`);
  }
  for (const bad of ['8', 'E', '', 'AB']) assert.equal((await answer(mcq, bad)).statusCode, 400, bad);
  assert.equal((await answer(spr, 12345)).statusCode, 400, 'a number is not a typed answer');
  // The last accepted answer stands.
  const view = (await call({ method: 'GET', url: `/full_test/${start.sessionId}` })).json();
  assert.equal(view.current.questions.find((q: { id: string }) => q.id === spr).answer, '9999');
});

test('a finished test moves the skill estimates and the prediction: strong answers raise it, weak ones lower it; the other section and pretest items are left alone', async () => {
  const predictedMath = async (who: TestUser) => (await as(t.app, who)({ method: 'GET', url: '/progress/me' })).json().predicted.math;
  const finalAnswers = async (sessionId: string) =>
    t.database.db.select().from(schema.responses).where(eq(schema.responses.sessionId, sessionId));
  const scores: number[] = [];
  for (const right of [true, false]) {
    const student = await signUp(t.app, 'student');
    assert.equal(await predictedMath(student), null, 'nothing measured before the test');
    const { sessionId, view } = await takeTest(fast, student, 'math', () => right, createRng(`proficiency-${right}`));
    assert.equal(view.phase, 'done');
    const rows = await t.database.db.select().from(schema.proficiency).where(eq(schema.proficiency.userId, student.id));
    const mathSkills = new Set(section('math').domains.flatMap((d) => d.skills.map((s) => s.id)));
    assert.ok(rows.length > 0 && rows.every((r) => mathSkills.has(r.skill as never)), 'only the section sat is touched');
    assert.equal(rows.length, mathSkills.size, 'every skill of the section has an estimate');
    // Each scored answer counted once toward its skill; pretest answers not at all.
    const answered = await finalAnswers(sessionId);
    const scored = answered.filter((r) => !r.isPretest);
    assert.ok(answered.some((r) => r.isPretest), 'the short test has pretest slots');
    assert.equal(rows.reduce((n, r) => n + r.nResponses, 0), scored.length);
    for (const r of rows) {
      const own = scored.filter((a) => items.get(a.questionId)!.skill === r.skill).length;
      assert.equal(r.nResponses, own, r.skill);
      // A skill answered only right sits above the starting point, only wrong below.
      if (own > 0) assert.ok(right ? r.theta > 0 : r.theta < 0, `${r.skill} θ ${r.theta}`);
    }
    const history = await t.database.db.select().from(schema.proficiencyHistory).where(eq(schema.proficiencyHistory.userId, student.id));
    assert.ok(history.some((h) => h.responseId !== null && scored.some((a) => a.id === h.responseId)), 'history points at the test\'s responses');
    const predicted = await predictedMath(student);
    assert.ok(predicted, 'the test gives a prediction');
    scores.push(predicted.score);
    assert.equal((await as(t.app, student)({ method: 'GET', url: '/progress/me' })).json().predicted.rw, null);
  }
  assert.ok(scores[0] > scores[1] + 200, `all right ${scores[0]} well above all wrong ${scores[1]}`);
});

test('a test started from the plan\'s full-test task ticks it off when every module is sat, with its points; Done alone, or a test cut short, pays none', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const planFor = async (who: TestUser) => {
    const res = await as(t.app, who)({ method: 'POST', url: '/study_plan', payload: { targetScore: 1300, testDate: addDays(today, 40) } });
    assert.equal(res.statusCode, 201, res.body);
    const tasks = res.json().phases.flatMap((p: any) => p.days.flatMap((d: any) => d.tasks)) as { id: string; kind: string; sections?: string[] }[];
    return { planId: res.json().id as string, tests: tasks.filter((x) => x.kind === 'full_test'), practice: tasks.find((x) => x.kind === 'practice')! };
  };
  const planTaskPoints = (userId: string, taskId: string) =>
    t.database.db.select().from(schema.pointsLedger).where(and(eq(schema.pointsLedger.userId, userId), eq(schema.pointsLedger.reason, 'plan_task'), eq(schema.pointsLedger.sourceId, taskId)));
  const completions = (userId: string, taskId: string) =>
    t.database.db.select().from(schema.planActions).where(and(eq(schema.planActions.userId, userId), eq(schema.planActions.taskId, taskId), eq(schema.planActions.action, 'completed')));

  const student = await signUp(t.app, 'student');
  const plan = await planFor(student);
  assert.ok(plan.tests.length >= 2, 'a 40-day plan has full-length tests');
  const [task, other] = plan.tests;
  assert.deepEqual([...task.sections!].sort(), ['math', 'rw']);
  const start = (body: object) => as(fast, student)({ method: 'POST', url: '/full_test/start', payload: body });
  // The start must be the test the task asks for, of the student's own current plan.
  for (const body of [{ sections: 'math', planTaskId: task.id }, { sections: 'both', planTaskId: plan.practice.id }, { sections: 'both', planTaskId: 'no-such-task' }]) {
    const res = await start(body);
    assert.equal(res.statusCode, 400, JSON.stringify(body));
    assert.match(res.json().message, /plan task|planTaskId/);
  }
  const stranger = await signUp(t.app, 'student');
  assert.equal((await as(fast, stranger)({ method: 'POST', url: '/full_test/start', payload: { sections: 'both', planTaskId: task.id } })).statusCode, 400);

  // A bare Done records the student's word and pays nothing.
  const done = await as(t.app, student)({ method: 'POST', url: `/study_plan/action/${plan.planId}`, payload: { task_id: other.id, action: 'completed' } });
  assert.equal(done.statusCode, 200, done.body);
  assert.equal((await planTaskPoints(student.id, other.id)).length, 0);

  const { sessionId } = await takeTest(fast, student, 'both', () => true, createRng('plan-task'), task.id);
  const [completed] = await completions(student.id, task.id);
  assert.ok(completed, 'the task is ticked off');
  assert.equal((completed.performanceSnapshot as any).fullTest.sessionId, sessionId);
  const paid = await planTaskPoints(student.id, task.id);
  assert.deepEqual(paid.map((p) => p.points), [POINTS.planTask.full_test]);

  // Cut short (finished in the first module): the task stays open and nothing is paid.
  const quitter = await signUp(t.app, 'student');
  const quit = await planFor(quitter);
  const begun = await as(fast, quitter)({ method: 'POST', url: '/full_test/start', payload: { sections: 'both', planTaskId: quit.tests[0].id } });
  assert.equal(begun.statusCode, 201, begun.body);
  assert.equal((await as(fast, quitter)({ method: 'POST', url: `/full_test/${begun.json().sessionId}/finish` })).statusCode, 200);
  assert.equal((await completions(quitter.id, quit.tests[0].id)).length, 0);
  assert.equal((await planTaskPoints(quitter.id, quit.tests[0].id)).length, 0);
});
