/**
 * Full-length adaptive tests on the database: a `full_test` session whose state is the
 * state machine of full-test-state.ts over panels assembled by the engine (assess/mst.ts).
 * Every request first lets the server clock move the test on (a module past its deadline
 * closes and routes, a break ends) in a transaction of its own, so the close persists even
 * when the request itself is then refused. Answers stay hidden until the test ends: the
 * reply to an answer never says whether it was right, since answers may still change.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import { assembleMst } from '../assess/mst.ts';
import { toAssessItem, type AssessItem } from '../assess/types.ts';
import { assertCanReadStudent, type Actor } from '../accounts/access.ts';
import type { AiService } from '../ai/service.ts';
import { logEvent } from '../collect/events.ts';
import { once } from '../collect/idempotency.ts';
import { section as sectionDef, type SectionId } from '../content/taxonomy.ts';
import type { Db, Tx } from '../db/client.ts';
import { aiOutputs, questions, responses, sessions, testResults } from '../db/schema/index.ts';
import { conflict, forbidden, notFound } from '../lib/errors.ts';
import { createRng } from '../lib/rng.ts';
import { suggestPlanAdjustment } from '../plan/adjust.ts';
import { completeFromFullTest, fullTestTaskFor } from '../plan/practice-task.ts';
import { suggestionView } from '../plan/store.ts';
import { afterActivity } from '../progress/gamify.ts';
import { awardPoints } from '../progress/points.ts';
import { getBank, itemOrThrow, type LoadedBank } from './bank.ts';
import { grade } from './engine.ts';
import { pointsFor } from './finish.ts';
import { panelForm, runningEstimate, type ItemLookup, type PanelForm } from './full-test-panel.ts';
import {
  advance, answerableModule, applyAnswer, endBreak, finishNow, isDue, newTest, plannedModules, scoreTest, sectionAnswers, sectionOrder, submitModule,
  type FullTestChoice, type FullTestState, type Step, type Transition,
} from './full-test-state.ts';
import { resultView, testView, type FullTestResult } from './full-test-view.ts';
import { applyAnswers, readState, seedUnmeasured } from './proficiency.ts';

type SessionRow = typeof sessions.$inferSelect;

export interface FullTestSettings {
  /** Test-only: multiplies every module's time and the break (config FULL_TEST_TIME_SCALE). */
  timeScale: number;
  /** Test-only: questions per module, pretest included (config FULL_TEST_ITEMS_PER_MODULE). */
  itemsPerModule?: number;
}

export interface Deps {
  db: Db;
  ai: AiService;
}

const stateOf = (row: SessionRow) => row.state as unknown as FullTestState;
const iso = (ms: number) => new Date(ms).toISOString();

function lookupIn(bank: LoadedBank): ItemLookup {
  return (id) => {
    const item = bank.items.get(id);
    if (!item) throw conflict(`question ${id} of this test is no longer in the bank`);
    return toAssessItem(item);
  };
}

// ── Assembly ────────────────────────────────────────────────────────────────────────

/**
 * One panel per section. Items the student has answered before are left out while the
 * bank can still fill a panel without them (two practice tests should not be one test
 * twice); items in pretest status fill the unscored slots when there are enough.
 */
async function assemblePanels(db: Db, bank: LoadedBank, userId: string, seed: string, sections: SectionId[], itemsPerModule?: number) {
  const pretestIds = new Set((await db.select({ id: questions.id }).from(questions).where(eq(questions.status, 'pretest'))).map((r) => r.id));
  const seen = new Set((await db.selectDistinct({ q: responses.questionId }).from(responses).where(eq(responses.userId, userId))).map((r) => r.q));
  const all = [...bank.items.values()].map(toAssessItem);
  const operational = all.filter((it) => !pretestIds.has(it.id));
  const panels: Partial<Record<SectionId, PanelForm>> = {};
  for (const sec of sections) {
    const def = sectionDef(sec);
    const domains = new Set<string>(def.domains.map((d) => d.id));
    const pretest = all.filter((it) => pretestIds.has(it.id) && domains.has(it.domain));
    const opts = pretest.length >= 3 * def.pretestPerModule ? { pretestPool: pretest } : {};
    const attempt = (pool: AssessItem[]) => {
      try {
        return assembleMst(pool, sec, createRng(`full_test/${seed}/${sec}`), opts);
      } catch {
        return null; // too few items in some domain
      }
    };
    const panel = attempt(operational.filter((it) => !seen.has(it.id))) ?? attempt(operational);
    if (!panel) throw conflict('the item bank is too small to assemble a full-length test', { section: sec });
    panels[sec] = panelForm(panel, itemsPerModule);
  }
  return panels;
}

// ── Storing a step ──────────────────────────────────────────────────────────────────

async function lockRow(tx: Tx, sessionId: string): Promise<SessionRow> {
  const [row] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).for('update');
  return row;
}

async function logTransitions(tx: Tx, row: { id: string; userId: string }, transitions: readonly Transition[]) {
  for (const t of transitions) {
    if (t.type === 'module_started') {
      await logEvent(tx, 'full_test.module_started', row.userId, { sessionId: row.id, section: t.section, module: t.module, route: t.route, deadline: iso(t.deadline) });
    } else if (t.type === 'module_closed') {
      await logEvent(tx, 'full_test.module_closed', row.userId, { sessionId: row.id, section: t.section, module: t.module, reason: t.reason, answered: t.answered });
    }
  }
}

/** Scores, the test_results row, points and badges, the finished event and the study-plan advice: one transaction. */
async function finalize(tx: Tx, ai: AiService, row: SessionRow, state: FullTestState, lookup: ItemLookup) {
  const score = scoreTest(state, lookup);
  const answers = state.modules.flatMap((m) => Object.values(m.answers));
  const points = pointsFor(answers.length, answers.filter((a) => a.correct).length);
  const details = { rw: score.rw, math: score.math, total: score.total, complete: state.modules.length === plannedModules(state), points, routing: state.routing };
  const [result] = await tx
    .insert(testResults)
    .values({
      sessionId: row.id,
      userId: row.userId,
      rwScore: score.rw?.score ?? null,
      mathScore: score.math?.score ?? null,
      total: score.total?.score ?? null,
      // Conditional SEMs in scaled points; θ and its SE are in details.
      rwSe: score.rw?.csem ?? null,
      mathSe: score.math?.csem ?? null,
      details: details as unknown as Record<string, unknown>,
    })
    .returning();
  const proficiencyUpdated = await updateProficiency(tx, row, score, lookup);
  await awardPoints(tx, row.userId, 'full_test', row.id, points);
  await logEvent(tx, 'full_test.finished', row.userId, { sessionId: row.id, rwScore: result.rwScore, mathScore: result.mathScore, total: result.total });
  // Before the badges, so a plan task this test ticked off counts towards them.
  const planTask = state.planTask ? await completeFromFullTest(tx, row.userId, row.id, state.planTask, details.complete) : null;
  // Streak milestones and badges (a first full test, a score club) are earned here as after any activity.
  await afterActivity(tx, row.userId);
  const suggestion = await suggestPlanAdjustment(tx, ai, { userId: row.userId, trigger: 'test', testResultId: result.id });
  let planSuggestion = null;
  if (suggestion) {
    const [advice] = suggestion.aiOutputId ? await tx.select({ output: aiOutputs.output }).from(aiOutputs).where(eq(aiOutputs.id, suggestion.aiOutputId)) : [];
    planSuggestion = suggestionView(suggestion, advice?.output ?? null);
  }
  return { ...resultView(result), planSuggestion, proficiencyUpdated, planTask };
}

/**
 * A finished test is evidence like any practice: each section's skills nobody had measured
 * start from the section's θ, then every answered, scored question (pretest items are not
 * calibrated; a blank is not evidence about a skill, only about time) updates its skill in the
 * order it was first answered. The prediction built from the skills then moves with the test.
 */
async function updateProficiency(tx: Tx, row: SessionRow, score: ReturnType<typeof scoreTest>, lookup: ItemLookup) {
  for (const s of [score.rw, score.math]) if (s) await seedUnmeasured(tx, row.userId, s.section, s);
  const answered = await tx
    .select({ id: responses.id, questionId: responses.questionId, correct: responses.correct })
    .from(responses)
    .where(and(eq(responses.sessionId, row.id), eq(responses.isPretest, false)))
    .orderBy(asc(responses.createdAt), asc(responses.id));
  const asItem = (id: string) => {
    const { skill, a, b, c } = lookup(id);
    return { skill, irt: { a, b, c } };
  };
  const states = await applyAnswers(tx, row.userId, answered.map((r) => ({ item: asItem(r.questionId), correct: r.correct, responseId: r.id })));
  await logEvent(tx, 'full_test.proficiency_updated', row.userId, { sessionId: row.id, answers: answered.length, skills: states.size });
  return { answers: answered.length, skills: states.size };
}

/** Store a step (events, the finish when it ends the test, the new state) under the session's version. */
async function commit(tx: Tx, ai: AiService, row: SessionRow, step: Step, lookup: ItemLookup) {
  await logTransitions(tx, row, step.transitions);
  const ends = step.transitions.find((t) => t.type === 'finished');
  const finished = ends ? await finalize(tx, ai, row, step.state, lookup) : null;
  const [updated] = await tx
    .update(sessions)
    .set({
      state: step.state as unknown as Record<string, unknown>,
      version: row.version + 1,
      updatedAt: new Date(),
      ...(ends ? { status: 'completed' as const, endedAt: new Date(ends.at) } : {}),
    })
    .where(and(eq(sessions.id, row.id), eq(sessions.version, row.version)))
    .returning();
  if (!updated) throw new Error('session changed during the update; retry');
  return { row: updated, finished };
}

/** Let the clock move the test on (deadlines, the break), in a transaction of its own; a no-op read when nothing is due. */
async function settle({ db, ai }: Deps, row: SessionRow, now: number) {
  if (row.status !== 'active' || !isDue(stateOf(row), now)) return { row, finished: null };
  const lookup = lookupIn(await getBank(db));
  return db.transaction(async (tx) => {
    const locked = await lockRow(tx, row.id);
    const step = advance(stateOf(locked), now, lookup);
    return step.transitions.length ? commit(tx, ai, locked, step, lookup) : { row: locked, finished: null };
  });
}

/** The session, for its owner only: every change to a test is the student's. */
async function ownTest(db: Db, actor: Actor, sessionId: string): Promise<SessionRow> {
  const row = await readTest(db, sessionId);
  if (row.userId !== actor.userId) throw forbidden('not your test');
  return row;
}

async function readTest(db: Db, sessionId: string): Promise<SessionRow> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
  if (!row || row.kind !== 'full_test') throw notFound('no such full-length test');
  return row;
}

/** Settle, then apply `op` to the settled state under the lock: submit, resume, finish. */
async function act(deps: Deps, actor: Actor, sessionId: string, now: number, op: (s: FullTestState, lookup: ItemLookup) => Step) {
  const settled = await settle(deps, await ownTest(deps.db, actor, sessionId), now);
  const bank = await getBank(deps.db);
  const lookup = lookupIn(bank);
  const out = settled.finished
    ? settled
    : await deps.db.transaction(async (tx) => {
        const row = await lockRow(tx, sessionId);
        const step = op(stateOf(row), lookup);
        return step.transitions.length ? commit(tx, deps.ai, row, step, lookup) : { row, finished: null };
      });
  return { ...out, bank };
}

// ── Views ───────────────────────────────────────────────────────────────────────────

async function readResult(db: Db | Tx, sessionId: string): Promise<FullTestResult | null> {
  const [r] = await db.select().from(testResults).where(eq(testResults.sessionId, sessionId));
  return r ? resultView(r) : null;
}

async function viewAfter(db: Db, out: { row: SessionRow; finished: (FullTestResult & { planSuggestion: unknown }) | null }, bank: LoadedBank, now: number) {
  const result = out.finished ?? (out.row.status === 'completed' ? await readResult(db, out.row.id) : null);
  return testView(out.row, bank, now, result);
}

// ── Operations ──────────────────────────────────────────────────────────────────────

/** `planTaskId`: the study-plan task this test does (a full-test task asking for these sections), ticked off when it is sat in full. */
export async function startFullTest({ db }: Deps, actor: Actor, choice: FullTestChoice, settings: FullTestSettings, now = Date.now(), planTaskId?: string) {
  if (actor.role !== 'student') throw forbidden('only students take tests');
  const planTask = planTaskId ? await fullTestTaskFor(db, actor, planTaskId, sectionOrder(choice)) : undefined;
  const bank = await getBank(db);
  if (bank.size === 0) throw conflict('the item bank is still being built; try again in a moment');
  const sessionId = randomUUID();
  const panels = await assemblePanels(db, bank, actor.userId, sessionId, sectionOrder(choice), settings.itemsPerModule);
  const step = newTest(choice, panels, settings, now);
  if (planTask) step.state.planTask = planTask;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sessions)
      .values({ id: sessionId, userId: actor.userId, kind: 'full_test', section: choice === 'both' ? null : choice, state: step.state as unknown as Record<string, unknown>, startedAt: new Date(now) })
      .returning();
    await logTransitions(tx, row, step.transitions);
    return testView(row, bank, now, null);
  });
}

/** Readable by the student, their linked tutors and parents, and admins; reading also lets the clock move the test on. */
export async function getFullTest(deps: Deps, actor: Actor, sessionId: string, now = Date.now()) {
  const row = await readTest(deps.db, sessionId);
  await assertCanReadStudent(deps.db, actor, row.userId);
  const out = await settle(deps, row, now);
  return viewAfter(deps.db, out, await getBank(deps.db), now);
}

/** The newest full-length test of `userId` still marked active (its clock not yet consulted). */
async function newestActive(db: Db, userId: string): Promise<SessionRow | undefined> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.kind, 'full_test'), eq(sessions.status, 'active')))
    .orderBy(desc(sessions.startedAt))
    .limit(1);
  return row;
}

/**
 * The student's full-length test under way, if any (the newest, should there be two), as
 * GET /full_test/:id shows it: the app offers to resume it on any device. Reading lets the
 * clock move it on, so a test whose time ran out while the student was away is no longer one.
 */
export async function activeFullTest(deps: Deps, actor: Actor, now = Date.now()) {
  if (actor.role !== 'student') throw forbidden('only students take tests');
  const row = await newestActive(deps.db, actor.userId);
  if (!row) return { test: null };
  const out = await settle(deps, row, now);
  if (out.row.status !== 'active') return { test: null };
  return { test: await viewAfter(deps.db, out, await getBank(deps.db), now) };
}

/**
 * For the progress summary, read by the student and their tutors and parents: the test under
 * way, if its clock, run forward to `now` without writing anything, leaves it unfinished.
 */
export async function testUnderWay(db: Db, userId: string, now = Date.now()): Promise<{ sessionId: string; startedAt: Date } | null> {
  const row = await newestActive(db, userId);
  if (!row) return null;
  if (isDue(stateOf(row), now) && advance(stateOf(row), now, lookupIn(await getBank(db))).state.phase === 'done') return null;
  return { sessionId: row.id, startedAt: row.startedAt };
}

export interface FullTestAnswer {
  questionId: string;
  /** Omitted: only the review mark changes. Null: the answer is cleared (the question is blank again). */
  answer?: string | null;
  marked?: boolean;
  timeSpentMs: number;
  idempotencyKey?: string;
}

/**
 * Answer, change or clear an answer in the open module, and/or flag it for review. Late
 * answers (the module's deadline passed, or it was submitted) are a 409 that says so.
 */
export async function answerFullTest(deps: Deps, actor: Actor, sessionId: string, input: FullTestAnswer, now = Date.now()) {
  const { db } = deps;
  await settle(deps, await ownTest(db, actor, sessionId), now);
  const bank = await getBank(db);
  const lookup = lookupIn(bank);
  const result = await once(db, actor.userId, input.idempotencyKey, `full_test_answer:${sessionId}`, async (tx) => {
    const row = await lockRow(tx, sessionId);
    const state = stateOf(row);
    const module = answerableModule(state, input.questionId, now);
    const timeSpentMs = timeInModule(module, input.timeSpentMs, now);
    const item = itemOrThrow(bank, input.questionId);
    const graded = typeof input.answer === 'string' ? { text: input.answer.trim(), correct: grade(item, input.answer) } : input.answer;
    const form = state.panels[module.section]!;
    const before = runningEstimate(form, lookup, sectionAnswers(state, module.section));
    const next = applyAnswer(state, { questionId: input.questionId, answer: graded, marked: input.marked, timeSpentMs }, now);
    if (graded) {
      const after = runningEstimate(form, lookup, sectionAnswers(next.state, module.section));
      const pretest = module.pretest[module.items.indexOf(item.id)];
      await saveResponse(tx, row, item.id, graded, timeSpentMs, pretest ? null : { before: before.theta, after: after.theta, se: after.se }, pretest, input.idempotencyKey ?? null);
      const { mastery } = await readState(tx, row.userId, item.skill);
      await logEvent(tx, 'question.answered', row.userId, {
        sessionId,
        sessionKind: 'full_test',
        questionId: item.id,
        skill: item.skill,
        questionType: item.type,
        answer: graded.text,
        correct: graded.correct,
        timeSpentMs,
        thetaBefore: before.theta,
        thetaAfter: after.theta,
        seAfter: after.se,
        // Answers may still change: proficiency moves once, on the final answers, when the test ends (updateProficiency).
        masteryAfter: mastery,
      });
    } else if (graded === null) {
      await clearResponse(tx, row, item.id, timeSpentMs);
    }
    await commit(tx, deps.ai, row, { state: next.state, transitions: [] }, lookup);
    const m = next.module;
    return {
      status: 200,
      body: {
        questionId: item.id,
        answer: m.answers[item.id]?.answer ?? null,
        marked: m.marked.includes(item.id),
        moduleIndex: next.index,
        answered: Object.keys(m.answers).length,
        questions: m.items.length,
        deadline: iso(m.deadline),
        remainingMs: Math.max(0, m.deadline - now),
      },
    };
  });
  return { ...result.body, replayed: result.replayed };
}

/**
 * The client's time on a question, capped so that a module never holds more time than has
 * passed since it started: the minutes a parent reads are real, whatever a client sends.
 */
export function timeInModule(module: { startedAt: number; answers: Record<string, { timeSpentMs: number }> }, claimedMs: number, now: number): number {
  const spent = Object.values(module.answers).reduce((n, a) => n + a.timeSpentMs, 0);
  return Math.max(0, Math.min(claimedMs, now - module.startedAt - spent));
}

/** One row per question and session: a changed answer updates it, so responses hold the final answers. */
async function saveResponse(
  tx: Tx, row: SessionRow, questionId: string, graded: { text: string; correct: boolean }, timeSpentMs: number,
  theta: { before: number; after: number; se: number } | null, isPretest: boolean, idempotencyKey: string | null,
) {
  const values = {
    answer: graded.text,
    correct: graded.correct,
    thetaBefore: theta?.before ?? null,
    thetaAfter: theta?.after ?? null,
    seAfter: theta?.se ?? null,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  };
  const [prior] = await tx.select({ id: responses.id, ms: responses.timeSpentMs }).from(responses).where(and(eq(responses.sessionId, row.id), eq(responses.questionId, questionId)));
  if (prior) await tx.update(responses).set({ ...values, timeSpentMs: prior.ms + timeSpentMs }).where(eq(responses.id, prior.id));
  else await tx.insert(responses).values({ ...values, sessionId: row.id, userId: row.userId, questionId, timeSpentMs, isPretest });
}

/**
 * A cleared answer leaves no response: responses hold the final answers, which the review
 * and every later read of the test take as what the student answered.
 */
async function clearResponse(tx: Tx, row: SessionRow, questionId: string, timeSpentMs: number) {
  const gone = await tx.delete(responses).where(and(eq(responses.sessionId, row.id), eq(responses.questionId, questionId))).returning({ id: responses.id });
  if (gone.length) await logEvent(tx, 'full_test.answer_cleared', row.userId, { sessionId: row.id, questionId, timeSpentMs });
}

/** Submit module `moduleIndex` before its time is up; the next module (or the break, or the result) follows. */
export async function submitFullTestModule(deps: Deps, actor: Actor, sessionId: string, moduleIndex: number, now = Date.now()) {
  const out = await act(deps, actor, sessionId, now, (s, lookup) => submitModule(s, moduleIndex, now, lookup));
  return viewAfter(deps.db, out, out.bank, now);
}

/** End the break early and start the next section. */
export async function resumeFullTest(deps: Deps, actor: Actor, sessionId: string, now = Date.now()) {
  const out = await act(deps, actor, sessionId, now, (s) => endBreak(s, now));
  return viewAfter(deps.db, out, out.bank, now);
}

/**
 * Finish: whatever is open closes as submitted and the test is scored. Finishing again
 * returns the stored result; the plan advice, the plan task and the proficiency update are
 * reported only by the call that finished it.
 */
export async function finishFullTest(deps: Deps, actor: Actor, sessionId: string, now = Date.now()) {
  const out = await act(deps, actor, sessionId, now, (s) => finishNow(s, now));
  if (out.finished) return out.finished;
  const result = await readResult(deps.db, sessionId);
  if (!result) throw conflict('the test could not be scored; try again');
  return { ...result, planSuggestion: null, proficiencyUpdated: null, planTask: null };
}
