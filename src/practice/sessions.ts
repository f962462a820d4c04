/**
 * Practice and diagnostic sessions against the database: start, answer (one transaction:
 * response, proficiency, event, next question, session state — or nothing), and state.
 */
import { eq } from 'drizzle-orm';
import type { ContentSpec } from '../assess/select.ts';
import { logEvent } from '../collect/events.ts';
import { once } from '../collect/idempotency.ts';
import { assertCanReadStudent, type Actor } from '../accounts/access.ts';
import type { Db, Tx } from '../db/client.ts';
import type { SessionKind } from '../db/enums.ts';
import { sessions } from '../db/schema/index.ts';
import { badRequest, conflict, forbidden, notFound } from '../lib/errors.ts';
import { getBank, itemOrThrow, publicQuestion, type LoadedBank } from './bank.ts';
import type { Item } from '../content/item.ts';
import { currentThetas, grade, serveNext, type AdaptiveState } from './engine.ts';
import { initialState, nextState, readAllLocked } from './proficiency.ts';
import { recordAnswer } from './record-answer.ts';

export type SessionRow = typeof sessions.$inferSelect;

export interface StartOptions {
  /** Send every question at once (an offline pack) instead of one at a time. */
  offline?: boolean;
  /** A fixed pack (a tutor's assignment, a retake of a set): these questions, in this order. */
  pack?: readonly string[];
}

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
  return db.transaction(async (tx) => {
    const state: AdaptiveState = { content, length: opts.pack?.length ?? length, administered: [], heldBack: [], current: null, answered: 0, correct: 0 };
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
    } else {
      first = await serveNext(tx, bank, actor.userId, { id: session.id, kind }, state);
      if (!first) throw badRequest('no questions match this request');
    }
    await tx.update(sessions).set({ state: state as unknown as Record<string, unknown> }).where(eq(sessions.id, session.id));
    await logEvent(tx, 'session.started', actor.userId, { sessionId: session.id, kind, content, length: state.length });
    return {
      sessionId: session.id,
      kind,
      length: state.length,
      answered: 0,
      question: first ? publicQuestion(first) : null,
      ...(state.pack ? { questions: packQuestions(bank, state.pack) } : {}),
    };
  });
}

const packQuestions = (bank: LoadedBank, pack: readonly string[]) => pack.map((id) => publicQuestion(itemOrThrow(bank, id)));

/** Load a session for its owner (locked for update inside a transaction when asked). */
export async function ownSession(tx: Tx | Db, actor: Actor, sessionId: string, kinds: readonly SessionKind[], lock = false): Promise<SessionRow> {
  const q = tx.select().from(sessions).where(eq(sessions.id, sessionId));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !kinds.includes(row.kind)) throw notFound('no such session');
  if (row.userId !== actor.userId) throw forbidden('not your session');
  return row;
}

export const stateOf = (row: SessionRow) => row.state as unknown as AdaptiveState;

export interface AnswerInput {
  questionId: string;
  answer: string;
  timeSpentMs: number;
  idempotencyKey?: string;
}

export async function answerQuestion(db: Db, actor: Actor, sessionId: string, kinds: readonly SessionKind[], input: AnswerInput) {
  const bank = await getBank(db);
  const result = await once(db, actor.userId, input.idempotencyKey, `answer:${sessionId}`, async (tx) => {
    const session = await ownSession(tx, actor, sessionId, kinds, true);
    const state = stateOf(session);
    if (session.status !== 'active') throw conflict(`session is ${session.status}`);
    if (state.pack) {
      if (!state.pack.includes(input.questionId)) throw conflict('this question is not in the session\'s pack');
      if (state.packAnswered?.includes(input.questionId)) throw conflict('this question was already answered');
    } else if (state.current?.questionId !== input.questionId) {
      throw conflict('this is not the current question of the session', { current: state.current?.questionId ?? null });
    }
    const item = itemOrThrow(bank, input.questionId);
    const correct = grade(item, input.answer);
    const states = await readAllLocked(tx, actor.userId);
    const before = states.get(item.skill) ?? initialState(item.skill);
    const after = nextState(before, item, correct);
    states.set(item.skill, after);
    state.answered++;
    if (correct) state.correct++;
    const thetas = new Map([...states].map(([k, v]) => [k, v.theta]));
    if (state.pack) (state.packAnswered ??= []).push(item.id);
    const next =
      state.answered < state.length && !state.pack ? await serveNext(tx, bank, actor.userId, { id: sessionId, kind: session.kind }, state, thetas) : ((state.current = null), null);
    const responseId = await recordAnswer(tx, {
      sessionId,
      sessionVersion: session.version,
      sessionState: state,
      userId: actor.userId,
      questionId: item.id,
      skill: item.skill,
      answer: input.answer.trim(),
      correct,
      timeSpentMs: input.timeSpentMs,
      idempotencyKey: input.idempotencyKey ?? null,
      before,
      after,
      event: {
        sessionId,
        sessionKind: session.kind,
        questionId: item.id,
        skill: item.skill,
        questionType: item.type,
        answer: input.answer.trim(),
        correct,
        timeSpentMs: input.timeSpentMs,
        thetaBefore: before.theta,
        thetaAfter: after.theta,
        seAfter: after.se,
        masteryAfter: after.mastery,
      },
    });
    return {
      status: 200,
      body: {
        responseId,
        correct,
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
      },
    };
  });
  return { ...result.body, replayed: result.replayed };
}

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
    ...(state.pack ? { questions: packQuestions(bank, state.pack), answeredIds: state.packAnswered ?? [] } : {}),
  };
}
