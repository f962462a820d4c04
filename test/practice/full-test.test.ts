/**
 * The full-length test: the pure state machine (routing, deadlines, the break, pretest
 * items) on a synthetic bank, then the database operations with an injected clock, so
 * nothing here sleeps.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { assembleMst, moduleWindow, breakWindow, route } from '../../src/assess/mst.ts';
import type { AssessItem } from '../../src/assess/types.ts';
import { SKILLS, section } from '../../src/content/taxonomy.ts';
import { schema } from '../../src/db/index.ts';
import { AppError } from '../../src/lib/errors.ts';
import { createRng } from '../../src/lib/rng.ts';
import { getBank } from '../../src/practice/bank.ts';
import { answerFullTest, finishFullTest, getFullTest, startFullTest, submitFullTestModule, type Deps } from '../../src/practice/full-test.ts';
import { correctVector, panelForm, panelOf, shortenForm, type PanelForm } from '../../src/practice/full-test-panel.ts';
import {
  advance, answerableModule, applyAnswer, breakDuration, endBreak, finishNow, moduleDuration, newTest, openModule, scoreTest, submitModule, type FullTestState,
} from '../../src/practice/full-test-state.ts';
import { createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

const r = createRng('full-test-bank');
const bank: AssessItem[] = SKILLS.flatMap((s) =>
  Array.from({ length: 30 }, (_, i) => ({ id: `${s.id}/${i}`, skill: s.id, domain: s.domain, a: 0.6 + r.next(), b: r.normal(0, 1.2), c: 0.2 })),
);
const byId = new Map(bank.map((it) => [it.id, it]));
const lookup = (id: string) => byId.get(id)!;
const panels = {
  rw: panelForm(assembleMst(bank, 'rw', createRng('p-rw'))),
  math: panelForm(assembleMst(bank, 'math', createRng('p-math'))),
};
const T0 = Date.UTC(2025, 2, 8, 8, 0);
const timing = { timeScale: 1 };
const RW_MS = section('rw').minutesPerModule * 60_000;
const MATH_MS = section('math').minutesPerModule * 60_000;

/** Answer every question of the open module: right where `right(id)`. */
function answerAll(s: FullTestState, now: number, right: (id: string) => boolean): FullTestState {
  for (const id of openModule(s)!.items) s = applyAnswer(s, { questionId: id, answer: { text: 'A', correct: right(id) }, timeSpentMs: 1000 }, now).state;
  return s;
}

const conflictWith = (re: RegExp) => (e: unknown) => e instanceof AppError && e.status === 409 && re.test(e.message);

describe('state machine', () => {
  test('durations are the SAT’s, as the engine’s module and break windows state them', () => {
    assert.equal(moduleDuration('rw', timing), moduleWindow('rw', T0, T0).endsAtMs - T0);
    assert.equal(moduleDuration('math', timing), moduleWindow('math', T0, T0).endsAtMs - T0);
    assert.equal(breakDuration(timing), breakWindow(T0, T0).endsAtMs - T0);
    assert.equal(moduleDuration('rw', { timeScale: 0.001 }), Math.round(RW_MS * 0.001));
  });

  test('stage 1 routes to the harder module after strong answers and to the easier one after weak ones, as mst.route does', () => {
    for (const [right, expected] of [[true, 'harder'], [false, 'easier']] as const) {
      let s = newTest('math', { math: panels.math }, timing, T0).state;
      s = answerAll(s, T0 + 1000, () => right);
      const step = submitModule(s, 0, T0 + 60_000, lookup);
      const m2 = openModule(step.state)!;
      assert.equal(m2.form, expected);
      assert.equal(m2.stage, 2);
      assert.equal(m2.startedAt, T0 + 60_000, 'stage 2 starts when stage 1 is submitted');
      assert.deepEqual(m2.items, panels.math[expected].items);
      const engine = route(panelOf(panels.math, lookup), correctVector(panels.math.stage1.items, s.modules[0].answers));
      assert.equal(engine.module, expected);
      assert.equal(step.state.routing.math!.theta, engine.estimate.theta);
      assert.deepEqual(step.transitions.map((t) => t.type), ['module_closed', 'module_started']);
    }
  });

  test('a module past its deadline closes at the deadline, routes on, and refuses late answers', () => {
    let s = newTest('rw', { rw: panels.rw }, timing, T0).state;
    const q = s.modules[0].items[3];
    s = applyAnswer(s, { questionId: q, answer: { text: 'B', correct: true }, timeSpentMs: 500 }, T0 + 1000).state;
    // One millisecond before the deadline the module is still open.
    assert.equal(advance(s, T0 + RW_MS - 1, lookup).transitions.length, 0);
    assert.throws(() => answerableModule(s, q, T0 + RW_MS), conflictWith(/time is up/));
    const late = T0 + RW_MS + 5 * 60_000;
    const step = advance(s, late, lookup);
    const [closed] = step.state.modules;
    assert.equal(closed.closeReason, 'timed_out');
    assert.equal(closed.closedAt, T0 + RW_MS, 'closed at its deadline, not when noticed');
    const m2 = openModule(step.state)!;
    assert.equal(m2.startedAt, T0 + RW_MS);
    assert.equal(m2.deadline, T0 + 2 * RW_MS);
    assert.throws(() => answerableModule(step.state, q, late), conflictWith(/closed \(its time ran out/));
    assert.deepEqual(step.transitions.map((t) => t.type), ['module_closed', 'module_started']);
    assert.equal(s.modules[0].closedAt, null, 'the input state is not mutated');
  });

  test('a test left alone runs its course: every module times out, the break passes, the test ends', () => {
    const s = newTest('both', panels, timing, T0).state;
    const step = advance(s, T0 + 24 * 3_600_000, lookup);
    assert.equal(step.state.phase, 'done');
    const ends = step.state.modules.map((m) => [m.section, m.stage, m.closedAt! - T0]);
    const brk = breakDuration(timing);
    assert.deepEqual(ends, [['rw', 1, RW_MS], ['rw', 2, 2 * RW_MS], ['math', 1, 2 * RW_MS + brk + MATH_MS], ['math', 2, 2 * RW_MS + brk + 2 * MATH_MS]]);
    assert.equal(step.state.finishedAt, T0 + 2 * RW_MS + brk + 2 * MATH_MS);
    assert.equal(step.transitions.at(-1)!.type, 'finished');
    // Nothing answered: both sections routed easier and score low, but are scored.
    const score = scoreTest(step.state, lookup);
    assert.equal(score.rw!.route, 'easier');
    assert.ok(score.total!.score < 700);
  });

  test('the break sits between the sections: no answers during it; it ends on time or when resumed', () => {
    let s = newTest('both', panels, timing, T0).state;
    s = submitModule(s, 0, T0 + 1000, lookup).state;
    s = submitModule(s, 1, T0 + 2000, lookup).state;
    assert.equal(s.phase, 'break');
    assert.equal(s.breakEndsAt, T0 + 2000 + breakDuration(timing));
    const mathQ = panels.math.stage1.items[0];
    assert.throws(() => answerableModule(s, mathQ, T0 + 3000), conflictWith(/break/));
    assert.equal(advance(s, s.breakEndsAt! - 1, lookup).state.phase, 'break');
    const onTime = advance(s, s.breakEndsAt! + 10, lookup).state;
    assert.equal(openModule(onTime)!.section, 'math');
    assert.equal(openModule(onTime)!.startedAt, s.breakEndsAt);
    const early = endBreak(s, T0 + 60_000).state;
    assert.equal(openModule(early)!.startedAt, T0 + 60_000);
    assert.throws(() => endBreak(early, T0 + 61_000), conflictWith(/no break/));
  });

  test('answers change and marks toggle within the open module; submitting a closed module again changes nothing', () => {
    let s = newTest('math', { math: panels.math }, timing, T0).state;
    const [a, b] = s.modules[0].items;
    s = applyAnswer(s, { questionId: b, answer: { text: 'A', correct: false }, marked: true, timeSpentMs: 1000 }, T0 + 1).state;
    s = applyAnswer(s, { questionId: a, answer: { text: 'C', correct: true }, timeSpentMs: 2000 }, T0 + 2).state;
    s = applyAnswer(s, { questionId: b, answer: { text: 'D', correct: true }, marked: false, timeSpentMs: 3000 }, T0 + 3).state;
    assert.deepEqual(s.modules[0].answers[b], { answer: 'D', correct: true, timeSpentMs: 4000 });
    assert.deepEqual(s.modules[0].marked, []);
    const once = submitModule(s, 0, T0 + 10, lookup);
    const twice = submitModule(once.state, 0, T0 + 20, lookup);
    assert.equal(twice.transitions.length, 0);
    assert.deepEqual(twice.state, once.state);
    assert.throws(() => submitModule(once.state, 3, T0 + 20, lookup), conflictWith(/not started/));
  });

  test('pretest answers are unscored: flipping them leaves every score as it was', () => {
    let s = newTest('math', { math: panels.math }, timing, T0).state;
    const g = createRng('pretest');
    const right = new Map(bank.map((it) => [it.id, g.chance(0.6)]));
    s = answerAll(s, T0 + 1, (id) => right.get(id)!);
    s = submitModule(s, 0, T0 + 2, lookup).state;
    s = answerAll(s, T0 + 3, (id) => right.get(id)!);
    const done = submitModule(s, 1, T0 + 4, lookup).state;
    const flipped = structuredClone(done);
    for (const m of flipped.modules) m.items.forEach((id, i) => m.pretest[i] && (m.answers[id].correct = !m.answers[id].correct));
    assert.deepEqual(scoreTest(flipped, lookup), scoreTest(done, lookup));
    const score = scoreTest(done, lookup).math!;
    assert.equal(score.scored, 2 * (section('math').questionsPerModule - section('math').pretestPerModule));
    assert.equal(score.domains.reduce((n, d) => n + d.total, 0), score.scored);
  });

  test('finishing early closes the open module; a section never started is not scored', () => {
    let s = newTest('both', panels, timing, T0).state;
    s = answerAll(s, T0 + 1, () => true);
    const step = finishNow(s, T0 + 100);
    assert.equal(step.state.phase, 'done');
    assert.deepEqual(step.transitions.map((t) => t.type), ['module_closed', 'finished']);
    const score = scoreTest(step.state, lookup);
    assert.equal(score.math, null);
    assert.equal(score.total, null);
    assert.equal(score.rw!.modulesTaken, 1);
  });

  test('shortened modules (test-only) keep the pretest slots and the order', () => {
    const f = panels.rw.stage1;
    const short = shortenForm(f, 5, 2);
    assert.equal(short.items.length, 5);
    assert.equal(short.pretest.filter(Boolean).length, 2);
    assert.deepEqual(short.items, f.items.filter((id) => short.items.includes(id)));
    assert.equal(shortenForm(f, 1, 2).pretest.filter(Boolean).length, 0, 'at least one scored item');
  });
});

describe('on the database, with an injected clock', () => {
  let t: TestApp;
  let deps: Deps;
  let ana: TestUser;
  const actor = () => ({ userId: ana.id, role: 'student' as const });
  before(async () => {
    t = await createTestApp();
    deps = { db: t.database.db, ai: t.app.deps.ai };
    ana = await signUp(t.app, 'student');
  });
  after(() => t.close());

  test('start → answer → a late answer is refused and the module closes itself → pretest recorded → finish', async () => {
    const db = t.database.db;
    const items = (await getBank(db)).items;
    const start = await startFullTest(deps, actor(), 'rw', { timeScale: 1 }, T0);
    const id = start.sessionId;
    assert.equal(start.current!.questions.length, section('rw').questionsPerModule);
    assert.equal(start.current!.remainingMs, RW_MS);
    // What the student sees: no key, rationale, parameters or pretest flag; their own answer and mark only.
    assert.deepEqual(Object.keys(start.current!.questions[0]).sort(), ['answer', 'difficulty', 'domain', 'id', 'marked', 'options', 'passage', 'position', 'section', 'skill', 'stem', 'type']);
    assert.ok(start.current!.questions.every((q) => q.answer === null && q.marked === false));

    const [row] = await db.select().from(schema.sessions).where(eq(schema.sessions.id, id));
    const state = row.state as unknown as FullTestState;
    const form = state.panels.rw as PanelForm;
    const pre = form.stage1.items.find((_, i) => form.stage1.pretest[i])!;
    const op = form.stage1.items.find((q, i) => !form.stage1.pretest[i] && items.get(q)!.type === 'mcq')!;
    const key = (qid: string) => items.get(qid)!.answer;

    const wrong = 'ABCD'.replace(key(op), '')[0];
    const first = await answerFullTest(deps, actor(), id, { questionId: op, answer: wrong, marked: true, timeSpentMs: 1000 }, T0 + 1000);
    assert.equal(first.marked, true);
    assert.ok(!('correct' in first), 'no hint of correctness while answers may change');
    await answerFullTest(deps, actor(), id, { questionId: op, answer: key(op), timeSpentMs: 2000 }, T0 + 3000);
    // A client claiming ten minutes four seconds in: the module holds no more time than has passed (1 s left of 4).
    await answerFullTest(deps, actor(), id, { questionId: pre, answer: key(pre), timeSpentMs: 600_000 }, T0 + 4000);
    const resp = await db.select().from(schema.responses).where(eq(schema.responses.sessionId, id));
    assert.equal(resp.length, 2, 'a changed answer updates its row');
    const opRow = resp.find((x) => x.questionId === op)!;
    assert.deepEqual([opRow.correct, opRow.timeSpentMs, opRow.isPretest], [true, 3000, false]);
    assert.ok(opRow.thetaAfter! > opRow.thetaBefore!);
    const preRow = resp.find((x) => x.questionId === pre)!;
    assert.deepEqual([preRow.isPretest, preRow.thetaAfter], [true, null], 'pretest answers are recorded, unscored');
    assert.equal(preRow.timeSpentMs, 1000, 'capped by the time the module has been open');

    const late = T0 + RW_MS + 1;
    await assert.rejects(answerFullTest(deps, actor(), id, { questionId: op, answer: 'B', timeSpentMs: 10 }, late), conflictWith(/time ran out/));
    const view = await getFullTest(deps, actor(), id, late);
    assert.equal(view.modules[0].closeReason, 'timed_out');
    assert.equal(view.current!.index, 1);
    assert.equal(view.current!.deadline, new Date(T0 + 2 * RW_MS).toISOString());
    const closed = await db.select().from(schema.events).where(and(eq(schema.events.userId, ana.id), eq(schema.events.type, 'full_test.module_closed')));
    assert.deepEqual(closed.map((e) => (e.payload as { reason: string }).reason), ['timed_out'], 'the close persisted although the answer was refused');

    const after2 = await submitFullTestModule(deps, actor(), id, 1, late + 1000);
    assert.equal(after2.phase, 'done');
    assert.ok(after2.result && after2.result.rw);
    const fin = await finishFullTest(deps, actor(), id, late + 2000);
    assert.equal(fin.testResultId, after2.result.testResultId, 'finishing again returns the stored result');
    const [res] = await db.select().from(schema.testResults).where(eq(schema.testResults.sessionId, id));
    assert.equal(res.rwScore, fin.rw!.score);
    assert.equal(res.mathScore, null);
    const [ledger] = await db.select().from(schema.pointsLedger).where(eq(schema.pointsLedger.sourceId, id));
    assert.equal(ledger.reason, 'full_test');
    assert.equal(ledger.points, fin.points);
    const types = (await db.select().from(schema.events).where(eq(schema.events.userId, ana.id))).map((e) => e.type);
    for (const ty of ['full_test.module_started', 'full_test.module_closed', 'full_test.finished', 'question.answered', 'points.awarded']) assert.ok(types.includes(ty), ty);
    assert.equal(types.filter((x) => x === 'question.answered').length, 3, 'each answer, changes included, is logged');
  });
});
