/**
 * Offline sync: a client that lost its connection keeps a queue of what the student did
 * (answers to an offline pack, finishing a set, ratings, plan actions), each with a
 * sequence number and an idempotency key, and replays the queue when it is back.
 *
 * The server applies the actions in sequence order whatever order they arrive in, each in
 * its own transaction under its own key — so a replay of something already applied returns
 * the first result and changes nothing, a queue sent twice counts once, and a crash half
 * way through a batch loses nothing: the client sends the batch again.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../accounts/access.ts';
import type { AiService } from '../ai/service.ts';
import { logEvent } from '../collect/events.ts';
import { once } from '../collect/idempotency.ts';
import type { Db } from '../db/client.ts';
import { aiOutputs } from '../db/schema/index.ts';
import { AppError, badRequest, forbidden, notFound } from '../lib/errors.ts';
import { applyPlanAction } from '../plan/actions.ts';
import { completeFinish, prepareFinish } from '../practice/finish.ts';
import { rateOutput } from '../practice/help.ts';
import { answerQuestion } from '../practice/sessions.ts';

const key = z.string().min(8).max(100);
const base = { seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), key };
const sessionKinds = ['practice', 'diagnostic'] as const;

export const SYNC_ACTION = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('answer'),
    sessionId: z.uuid(),
    questionId: z.string().min(1).max(200),
    answer: z.string().min(1).max(10),
    timeSpentMs: z.number().int().min(0).max(3_600_000),
  }),
  z.object({ ...base, type: z.literal('finish'), sessionId: z.uuid() }),
  /** Rate an AI text by id, or the feedback of a set finished offline (its id was not known yet). */
  z
    .object({ ...base, type: z.literal('rate'), aiOutputId: z.uuid().optional(), sessionId: z.uuid().optional(), stars: z.number().int().min(1).max(5), comment: z.string().max(2000).optional() })
    .refine((a) => Boolean(a.aiOutputId) !== Boolean(a.sessionId), { message: 'give exactly one of aiOutputId and sessionId' }),
  z.object({
    ...base,
    type: z.literal('plan_action'),
    planId: z.uuid(),
    taskId: z.string().min(1).max(200),
    action: z.enum(['completed', 'skipped']),
    reason: z.string().max(500).optional(),
  }),
]);
export type SyncAction = z.infer<typeof SYNC_ACTION>;

export const MAX_ACTIONS = 500;

export interface ActionResult {
  seq: number;
  type: SyncAction['type'];
  status: number;
  /** Already applied by an earlier request with the same key: nothing changed now. */
  replayed: boolean;
  body?: unknown;
  error?: { error: string; message: string };
}

export interface SyncDeps {
  db: Db;
  ai: AiService;
}

/** Apply one action exactly once under its key. */
async function apply(deps: SyncDeps, actor: Actor, a: SyncAction): Promise<{ body: unknown; replayed: boolean }> {
  const { db, ai } = deps;
  switch (a.type) {
    case 'answer': {
      // answerQuestion claims the key itself, in the same transaction as the answer.
      const { replayed, ...body } = await answerQuestion(db, actor, a.sessionId, sessionKinds, {
        questionId: a.questionId,
        answer: a.answer,
        timeSpentMs: a.timeSpentMs,
        idempotencyKey: a.key,
      });
      return { body, replayed };
    }
    case 'finish': {
      // The feedback is written before the key's transaction opens: a model takes seconds, and
      // the transaction (on the embedded database, its one connection) must not wait on it.
      const prepared = await prepareFinish(db, ai, actor, a.sessionId, sessionKinds);
      const r = await once(db, actor.userId, a.key, `sync:finish:${a.sessionId}`, async (tx) => ({
        status: 200,
        body: await completeFinish(tx, ai, actor, a.sessionId, sessionKinds, prepared),
      }));
      return { body: r.body, replayed: r.replayed };
    }
    case 'rate': {
      const r = await once(db, actor.userId, a.key, 'sync:rate', async (tx) => {
        let aiOutputId = a.aiOutputId;
        if (a.sessionId) {
          const [row] = await tx
            .select({ id: aiOutputs.id })
            .from(aiOutputs)
            .where(and(eq(aiOutputs.sessionId, a.sessionId), eq(aiOutputs.task, 'feedback'), eq(aiOutputs.userId, actor.userId)));
          if (!row) throw notFound('that session has no feedback of yours to rate; finish it first');
          aiOutputId = row.id;
        }
        return { status: 200, body: await rateOutput(tx as unknown as Db, actor, { aiOutputId, stars: a.stars, comment: a.comment }) };
      });
      return { body: r.body, replayed: r.replayed };
    }
    case 'plan_action': {
      const r = await once(db, actor.userId, a.key, `sync:plan_action:${a.planId}`, async (tx) => ({
        status: 200,
        body: await applyPlanAction(tx, ai, actor, a.planId, { action: a.action, taskId: a.taskId, reason: a.reason }),
      }));
      return { body: r.body, replayed: r.replayed };
    }
  }
}

/**
 * Replay a queue. Actions run in `seq` order; one that fails (a 4xx: a late answer, a
 * session of someone else) is reported and the rest still run. An unexpected error stops
 * the batch: what ran is committed, and the client's retry with the same keys resumes it.
 */
export async function replay(deps: SyncDeps, actor: Actor, actions: readonly SyncAction[]): Promise<{ results: ActionResult[]; applied: number; duplicates: number; failed: number }> {
  if (actor.role !== 'student') throw forbidden('only students have practice to sync');
  const seqs = new Set<number>();
  for (const a of actions) {
    if (seqs.has(a.seq)) throw badRequest(`two actions share seq ${a.seq}`);
    seqs.add(a.seq);
  }
  const keys = new Set(actions.map((a) => a.key));
  if (keys.size !== actions.length) throw badRequest('two actions share an idempotency key');
  const ordered = [...actions].sort((x, y) => x.seq - y.seq);
  const results: ActionResult[] = [];
  for (const a of ordered) {
    try {
      const { body, replayed } = await apply(deps, actor, a);
      results.push({ seq: a.seq, type: a.type, status: 200, replayed, body });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ seq: a.seq, type: a.type, status: err.status, replayed: false, error: { error: err.code, message: err.message } });
    }
  }
  const applied = results.filter((r) => r.status === 200 && !r.replayed).length;
  const duplicates = results.filter((r) => r.replayed).length;
  const failed = results.filter((r) => r.status !== 200).length;
  // A queue that was all refused changed nothing, so it leaves no trace either.
  if (applied + duplicates > 0) await logEvent(deps.db, 'sync.replayed', actor.userId, { actions: actions.length, applied, duplicates, failed });
  return { results, applied, duplicates, failed };
}
