/**
 * Practice and diagnostic sessions against the database: start, answer (one read and one
 * atomic write: response, proficiency, event, next question, session state — or nothing), and state.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { ContentSpec } from '../assess/select.ts';
import { logEvent } from '../collect/events.ts';
import { assertCanReadStudent, type Actor } from '../accounts/access.ts';
import type { Db, Tx } from '../db/client.ts';
import type { SessionKind } from '../db/enums.ts';
import { sessions } from '../db/schema/index.ts';
import { badRequest, conflict, forbidden, notFound } from '../lib/errors.ts';
import { getBank, itemOrThrow, publicQuestion, type LoadedBank } from './bank.ts';
import type { Item } from '../content/item.ts';
import { currentThetas, grade, serveNext, type AdaptiveState } from './engine.ts';
import { cachedSnapshot, forgetSession, rememberAnswer, rememberSession } from './answer-cache.ts';
import { readAnswerSnapshot, writeAnswer, isAnswerRace, type AnswerSnapshot } from './answer-store.ts';
import { initialState, nextState, type SkillState } from './proficiency.ts';
import type { SessionPlanTask } from '../plan/practice-task.ts';

export type SessionRow = typeof sessions.$inferSelect;

export interface StartOptions {
  /** Send every question at once (an offline pack) instead of one at a time. */
  offline?: boolean;
  /** A fixed pack (a tutor's assignment, a retake of a set): these questions, in this order. */
  pack?: readonly string[];
  /** Serve the pack online one question at a time, in order (without `offline`). */
  ordered?: boolean;
  /** The study-plan task this set does (checked by plan/practice-task.ts); finishing the set ticks it off. */
  planTask?: SessionPlanTask;
}

/** A session's state with the plan task it was started from, if any. */
export type SessionState = AdaptiveState & { planTask?: SessionPlanTask };

export async function startSession(
  db: Db,
  actor: Actor,
  kind: Extract<SessionKind, 'practice' | 'diagnostic'>,
  content: ContentSpec,
  length: number,
  section: string | null,
  opts: StartOptions = {},
) {
  if (actor.role !== 'student') throw forbidden('only students practise');
  const bank = await getBank(db);
  if (bank.size === 0) throw conflict('the item bank is still being built; try again in a moment');
  if (opts.pack) for (const id of opts.pack) itemOrThrow(bank, id);
  const started = await db.transaction(async (tx) => {
    const state: SessionState = {
      content,
      length: opts.pack?.length ?? length,
      administered: [],
      heldBack: [],
      current: null,
      answered: 0,
      correct: 0,
      ...(opts.planTask ? { planTask: opts.planTask } : {}),
    };
    const [session] = await tx
      .insert(sessions)
      .values({ userId: actor.userId, kind, section, skills: [...content.areas], state: state as unknown as Record<string, unknown> })
      .returning();
    let first: Item | null = null;
    if (opts.pack || opts.offline) {
      if (opts.pack) state.administered.push(...opts.pack);
      else {
        const thetas = await currentThetas(tx, actor.userId);
        while (state.administered.length < length && (await serveNext(tx, bank, actor.userId, { id: session.id, kind }, state, thetas)));
      }
      if (state.administered.length === 0) throw badRequest('no questions match this request');
      state.pack = [...state.administered];
      state.packAnswered = [];
      state.length = state.pack.length;
      state.current = null;
      if (opts.ordered && !opts.offline) {
        state.packOrdered = true;
        first = nextInPack(bank, state);
      }
    } else {
      first = await serveNext(tx, bank, actor.userId, { id: session.id, kind }, state);
      if (!first) throw badRequest('no questions match this request');
    }
    await tx.update(sessions).set({ state: state as unknown as Record<string, unknown> }).where(eq(sessions.id, session.id));
    await logEvent(tx, 'session.started', actor.userId, { sessionId: session.id, kind, content, length: state.length });
    return {
      stored: { version: session.version, stateJson: JSON.stringify(state) },
      sessionId: session.id,
      kind,
      length: state.length,
      answered: 0,
      planTaskId: state.planTask?.taskId ?? null,
      question: first ? publicQuestion(first) : null,
      ...(isOfflinePack(state) ? { questions: packQuestions(bank, state.pack) } : {}),
    };
  });
  // Committed: the first answer can go straight to the write (answer-cache.ts).
  const { stored, ...reply } = started;
  rememberSession(reply.sessionId, actor.userId, kind, stored.stateJson, stored.version);
  return reply;
}

const packQuestions = (bank: LoadedBank, pack: readonly string[]) => pack.map((id) => publicQuestion(itemOrThrow(bank, id)));

/** A pack sent whole, answered in any order (offline), rather than served in order. */
const isOfflinePack = (state: AdaptiveState): state is AdaptiveState & { pack: string[] } => state.pack !== undefined && !state.packOrdered;

/** An ordered pack's next question: the first not yet answered, made current; null when all are. */
function nextInPack(bank: LoadedBank, state: AdaptiveState): Item | null {
  const id = state.pack?.find((q) => !state.packAnswered?.includes(q));
  state.current = id ? { questionId: id, servedAt: new Date().toISOString() } : null;
  return id ? itemOrThrow(bank, id) : null;
}

/** Load a session for its owner (locked for update inside a transaction when asked). */
export async function ownSession(tx: Tx | Db, actor: Actor, sessionId: string, kinds: readonly SessionKind[], lock = false): Promise<SessionRow> {
  const q = tx.select().from(sessions).where(eq(sessions.id, sessionId));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !kinds.includes(row.kind)) throw notFound('no such session');
  if (row.userId !== actor.userId) throw forbidden('not your session');
  return row;
}

export const stateOf = (row: SessionRow) => row.state as unknown as SessionState;

export interface AnswerInput {
  questionId: string;
  answer: string;
  timeSpentMs: number;
  idempotencyKey?: string;
}

/** Tries of an answer whose write lost a race (a concurrent answer or finish changed what it read). */
const ANSWER_TRIES = 5;

/**
 * One answer: read (answer-store.ts; skipped when this process wrote the session's previous
 * answer, answer-cache.ts), grade and take the adaptive step in memory, write all of it in
 * one statement. A write that lost a race, or one from a stale copy, is redone from a fresh
 * read, so a retried request with the same Idempotency-Key finds the first one's reply and
 * changes nothing.
 */
export async function answerQuestion(db: Db, actor: Actor, sessionId: string, kinds: readonly SessionKind[], input: AnswerInput) {
  const bank = await getBank(db);
  const route = `answer:${sessionId}`;
  for (let attempt = 1; ; attempt++) {
    const cached = attempt === 1 ? cachedSnapshot(sessionId, actor.userId, kinds) : null;
    const snap = cached ?? (await readAnswerSnapshot(db, sessionId, actor.userId, input.idempotencyKey ?? null));
    if (!cached) {
      if (!snap || !kinds.includes(snap.kind)) throw notFound('no such session');
      if (snap.userId !== actor.userId) throw forbidden('not your session');
      if (snap.prior) {
        if (snap.prior.route !== route) throw conflict('this Idempotency-Key was used for a different request');
        return { ...(snap.prior.response as AnswerReply), replayed: true };
      }
    }
    let step: AnswerStep;
    try {
      step = answerStep(bank, snap!, input, Date.now());
    } catch (err) {
      // A copy that does not fit (a retry of an answer already stored) is no verdict: the read
      // path decides, and replays or refuses.
      if (!cached) throw err;
      forgetSession(sessionId);
      continue;
    }
    const next = step.state.packOrdered
      ? nextInPack(bank, step.state)
      : step.state.answered < step.state.length && !step.state.pack
        ? await serveNext(db, bank, actor.userId, { id: sessionId, kind: snap!.kind }, step.state, step.thetas)
        : ((step.state.current = null), null);
    const reply = answerReply(step, next);
    const stateJson = JSON.stringify(step.state);
    try {
      const rowVersion = await writeAnswer(db, {
        responseId: reply.responseId,
        sessionId,
        sessionVersion: snap!.version,
        sessionStateJson: stateJson,
        userId: actor.userId,
        questionId: step.item.id,
        skill: step.item.skill,
        answer: step.answer,
        correct: step.correct,
        timeSpentMs: step.timeSpentMs,
        before: step.before,
        skillRowVersion: snap!.skills.get(step.item.skill)?.rowVersion ?? null,
        after: step.after,
        event: {
          sessionId,
          sessionKind: snap!.kind,
          questionId: step.item.id,
          skill: step.item.skill,
          questionType: step.item.type,
          answer: step.answer,
          correct: step.correct,
          timeSpentMs: step.timeSpentMs,
          thetaBefore: step.before.theta,
          thetaAfter: step.after.theta,
          seAfter: step.after.se,
          masteryAfter: step.after.mastery,
        },
        idempotency: input.idempotencyKey ? { key: input.idempotencyKey, route, reply } : null,
      });
      rememberAnswer(sessionId, snap!, stateJson, step.item.skill, step.after, rowVersion);
      return { ...reply, replayed: false };
    } catch (err) {
      forgetSession(sessionId);
      if (!isAnswerRace(err)) throw err;
      if (attempt >= ANSWER_TRIES) throw conflict('the session kept changing during this answer; send it again');
    }
  }
}

interface AnswerStep {
  item: Item;
  answer: string;
  correct: boolean;
  before: SkillState;
  after: SkillState;
  /** The session state after this answer (the next question is added by serveNext). */
  state: AdaptiveState;
  thetas: Map<string, number>;
  /** The time on the question as stored: the client's figure, capped by the server's clock. */
  timeSpentMs: number;
}

/**
 * The time a student spent on a question is the client's word, but an online question was
 * served at a moment the server knows: no more time than has passed since is stored, so the
 * minutes a parent reads are real. An offline pack's answers come later, with no such moment.
 */
export function timeOnQuestion(state: Pick<AdaptiveState, 'current' | 'pack' | 'packOrdered'>, claimedMs: number, now: number): number {
  if (!state.current || (state.pack !== undefined && !state.packOrdered)) return claimedMs;
  return Math.max(0, Math.min(claimedMs, now - Date.parse(state.current.servedAt)));
}

/** Pure: check the answer fits the session, grade it, update the skill; 409 or 400 when it does not fit. */
function answerStep(bank: LoadedBank, snap: AnswerSnapshot, input: AnswerInput, now: number): AnswerStep {
  const state = snap.state as AdaptiveState;
  const timeSpentMs = timeOnQuestion(state, input.timeSpentMs, now);
  if (snap.status !== 'active') throw conflict(`session is ${snap.status}`);
  if (isOfflinePack(state)) {
    if (!state.pack.includes(input.questionId)) throw conflict('this question is not in the session\'s pack');
    if (state.packAnswered?.includes(input.questionId)) throw conflict('this question was already answered');
  } else if (state.current?.questionId !== input.questionId) {
    throw conflict('this is not the current question of the session', { current: state.current?.questionId ?? null });
  }
  const item = itemOrThrow(bank, input.questionId);
  const correct = grade(item, input.answer);
  const before = snap.skills.get(item.skill)?.state ?? initialState(item.skill);
  // A retry of missed questions re-asks items whose answers and explanations the student has
  // already seen: a right answer then is recall, not evidence of the skill, so proficiency stays.
  const after = state.packOrdered ? before : nextState(before, item, correct);
  const thetas = new Map([...snap.skills].map(([k, v]) => [k, v.state.theta]));
  thetas.set(item.skill, after.theta);
  state.answered++;
  if (correct) state.correct++;
  if (state.pack) (state.packAnswered ??= []).push(item.id);
  return { item, answer: input.answer.trim(), correct, before, after, state, thetas, timeSpentMs };
}

function answerReply(step: AnswerStep, next: Item | null) {
  const { item, before, after, state } = step;
  return {
    responseId: randomUUID(),
    correct: step.correct,
    correctAnswer: item.answer,
    acceptedAnswers: item.acceptedAnswers ?? null,
    rationale: item.rationale,
    skill: item.skill,
    thetaBefore: before.theta,
    thetaAfter: after.theta,
    se: after.se,
    mastery: after.mastery,
    answered: state.answered,
    length: state.length,
    done: state.answered >= state.length || (next === null && !state.pack),
    next: next ? publicQuestion(next) : null,
  };
}
type AnswerReply = ReturnType<typeof answerReply>;

/** A session's progress, readable by whoever may read the student; acting on it stays the owner's. */
export async function sessionView(db: Db, actor: Actor, sessionId: string, kinds: readonly SessionKind[]) {
  const [session] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
  if (!session || !kinds.includes(session.kind)) throw notFound('no such session');
  await assertCanReadStudent(db, actor, session.userId);
  const state = stateOf(session);
  const bank: LoadedBank = await getBank(db);
  const current = state.current ? bank.items.get(state.current.questionId) : undefined;
  return {
    sessionId: session.id,
    kind: session.kind,
    status: session.status,
    answered: state.answered,
    correct: state.correct,
    length: state.length,
    question: current ? publicQuestion(current) : null,
    /** The study-plan task this set does, if it was started from one. */
    planTaskId: state.planTask?.taskId ?? null,
    ...(isOfflinePack(state) ? { questions: packQuestions(bank, state.pack), answeredIds: state.packAnswered ?? [] } : {}),
  };
}
