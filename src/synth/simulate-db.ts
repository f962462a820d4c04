/**
 * Stores a simulation as clearly flagged simulated users: `users.is_simulated = true`,
 * emails under the reserved `.invalid` TLD (RFC 2606: never deliverable), a password hash
 * that no password can match, so a simulated account can never sign in or pass as real.
 * Rows go in batched multi-row inserts, one transaction per group of students.
 */
import { randomUUID } from 'node:crypto';
import { like } from 'drizzle-orm';
import { feedback } from '../ai/tasks/feedback.ts';
import { allPass, renderPrompt } from '../ai/task.ts';
import type { Item } from '../content/item.ts';
import { writeItems } from '../content/store.ts';
import type { Db } from '../db/client.ts';
import { aiOutputs, feedbackRatings } from '../db/schema/ai.ts';
import { planActions, proficiency, responses, sessions, studyPlans } from '../db/schema/learning.ts';
import { users } from '../db/schema/people.ts';
import { createRng } from '../lib/rng.ts';
import type { SimResult } from './simulate.ts';

/** Not a valid hash of any scheme the accounts module accepts: sign-in always fails. */
export const SIMULATED_PASSWORD_HASH = '!simulated';
export const SIMULATED_EMAIL_DOMAIN = 'sim.invalid';
/** Simulated day 0; every row's timestamp is this plus its simulated day. */
const EPOCH = Date.UTC(2025, 0, 6);
const DAY_MS = 86_400_000;

export interface WriteOptions {
  /** Students per transaction. */
  batchStudents?: number;
  /** Rows per INSERT statement. */
  rowsPerInsert?: number;
  onBatch?: (studentsWritten: number) => void;
}

export interface WriteCounts { users: number; sessions: number; responses: number; proficiency: number; plans: number; planActions: number; aiOutputs: number; ratings: number; questions: number }

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'seed';
export const simulatedEmail = (seed: string, userKey: string) => `sim-${slug(seed)}-${userKey}@${SIMULATED_EMAIL_DOMAIN}`;

async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function writeSimulation(db: Db, result: SimResult, items: readonly Item[], opts: WriteOptions = {}): Promise<WriteCounts> {
  const prefix = `sim-${slug(result.seed)}-`;
  const clash = await db.select({ id: users.id }).from(users).where(like(users.email, `${prefix}%@${SIMULATED_EMAIL_DOMAIN}`)).limit(1);
  if (clash.length) throw new Error(`simulated users for seed ${JSON.stringify(result.seed)} are already stored; use another seed`);

  const used = new Set(result.responses.map((r) => r.itemId));
  const questions = await writeItems(db, items.filter((it) => used.has(it.id)));
  const counts: WriteCounts = { users: 0, sessions: 0, responses: 0, proficiency: 0, plans: 0, planActions: 0, aiOutputs: 0, ratings: 0, questions };
  const size = opts.rowsPerInsert ?? 500;
  const per = opts.batchStudents ?? 100;
  const at = (day: number, k = 0) => new Date(EPOCH + day * DAY_MS + k * 60_000);
  const rng = createRng(`sim-db/${result.seed}`);

  const byUser = <T extends { userKey: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) (m.get(r.userKey) ?? m.set(r.userKey, []).get(r.userKey)!).push(r);
    return m;
  };
  const sessionsBy = byUser(result.sessions), responsesBy = byUser(result.responses), profBy = byUser(result.proficiencies);
  const plansBy = byUser(result.plans), actionsBy = byUser(result.planActions), feedbackBy = byUser(result.feedback);

  for (let b = 0; b < result.users.length; b += per) {
    const group = result.users.slice(b, b + per);
    await db.transaction(async (tx) => {
      const uid = new Map(group.map((u) => [u.key, randomUUID()]));
      const sid = new Map<string, string>();
      const sessionDay = new Map<string, number>();
      const userRows = group.map((u) => ({
        id: uid.get(u.key)!, email: simulatedEmail(result.seed, u.key), passwordHash: SIMULATED_PASSWORD_HASH,
        displayName: u.displayName, role: 'student' as const, isSimulated: true, trainingConsent: false, createdAt: at(0),
      }));
      const sessionRows = group.flatMap((u) => (sessionsBy.get(u.key) ?? []).map((s, k) => {
        sid.set(s.key, randomUUID());
        sessionDay.set(s.key, s.day);
        return {
          id: sid.get(s.key)!, userId: uid.get(u.key)!, kind: s.kind, status: 'completed' as const, section: s.section, skills: s.skills,
          state: { theta: s.theta, se: s.se, simulated: true }, startedAt: at(s.day, k), updatedAt: at(s.day, k + 1), endedAt: at(s.day, k + 1),
        };
      }));
      const responseRows = group.flatMap((u) => (responsesBy.get(u.key) ?? []).map((r, k) => ({
        sessionId: sid.get(r.sessionKey)!, userId: uid.get(u.key)!, questionId: r.itemId, answer: r.answer, correct: r.correct,
        timeSpentMs: r.timeMs, thetaBefore: r.thetaBefore, thetaAfter: r.thetaAfter, seAfter: r.seAfter, createdAt: at(sessionDay.get(r.sessionKey)!, k % 1000),
      })));
      const profRows = group.flatMap((u) => (profBy.get(u.key) ?? []).map((p) => ({ userId: uid.get(u.key)!, skill: p.skill, theta: p.theta, se: p.se, mastery: p.mastery, nResponses: p.nResponses })));
      const planIds = new Map<string, string>();
      const planRows = group.flatMap((u) => (plansBy.get(u.key) ?? []).map((p) => {
        planIds.set(u.key, randomUUID());
        return { id: planIds.get(u.key)!, userId: uid.get(u.key)!, version: p.version, plan: { phases: [{ name: 'skill_building', days: p.days }] }, createdAt: at(0) };
      }));
      const actionRows = group.flatMap((u) => (actionsBy.get(u.key) ?? []).map((a) => ({
        planId: planIds.get(u.key)!, userId: uid.get(u.key)!, taskId: a.taskId, action: a.action, reason: a.reason, performanceSnapshot: a.snapshot, createdAt: at(a.day),
      })));
      const outRows: (typeof aiOutputs.$inferInsert)[] = [];
      const ratingRows: (typeof feedbackRatings.$inferInsert)[] = [];
      for (const u of group) {
        for (const f of feedbackBy.get(u.key) ?? []) {
          const id = randomUUID();
          const output = feedback.template(f.input, rng.fork(`${f.sessionKey}`));
          const checks = feedback.checks(f.input, output);
          outRows.push({
            id, task: 'feedback', promptVersion: feedback.promptVersion, input: f.input as unknown as Record<string, unknown>,
            prompt: renderPrompt(feedback.prompt(f.input)), output, provider: 'template', modelVersion: 'simulated', latencyMs: 0,
            checks: checks.map(({ name, pass, reason }) => ({ name, pass, ...(reason ? { reason } : {}) })), passed: allPass(checks),
            userId: uid.get(u.key)!, sessionId: sid.get(f.sessionKey)!, createdAt: at(f.day, 59),
          });
          if (f.stars !== null) ratingRows.push({ aiOutputId: id, userId: uid.get(u.key)!, stars: f.stars, createdAt: at(f.day, 59) });
        }
      }
      await insertChunked(userRows, size, (c) => tx.insert(users).values(c));
      await insertChunked(sessionRows, size, (c) => tx.insert(sessions).values(c));
      await insertChunked(responseRows, size, (c) => tx.insert(responses).values(c));
      await insertChunked(profRows, size, (c) => tx.insert(proficiency).values(c));
      await insertChunked(planRows, size, (c) => tx.insert(studyPlans).values(c));
      await insertChunked(actionRows, size, (c) => tx.insert(planActions).values(c));
      await insertChunked(outRows, size, (c) => tx.insert(aiOutputs).values(c));
      await insertChunked(ratingRows, size, (c) => tx.insert(feedbackRatings).values(c));
      counts.users += userRows.length; counts.sessions += sessionRows.length; counts.responses += responseRows.length;
      counts.proficiency += profRows.length; counts.plans += planRows.length; counts.planActions += actionRows.length;
      counts.aiOutputs += outRows.length; counts.ratings += ratingRows.length;
    });
    opts.onBatch?.(Math.min(b + per, result.users.length));
  }
  return counts;
}
