/**
 * Writing one answer: the response, the skill's new proficiency, its history row, the
 * interaction event and the session's new state — as ONE statement (data-modifying CTEs)
 * inside the caller's transaction. Same rows as five separate inserts/updates, a fifth of
 * the round trips: the answer route's throughput is bound by database round trips.
 */
import { sql } from 'drizzle-orm';
import { EVENT_SCHEMAS, type EventPayload } from '../collect/events.ts';
import type { Tx } from '../db/client.ts';
import { rawRows } from '../db/client.ts';
import type { SkillState } from './proficiency.ts';

export interface AnswerRecord {
  sessionId: string;
  sessionVersion: number;
  sessionState: unknown;
  userId: string;
  questionId: string;
  skill: string;
  answer: string;
  correct: boolean;
  timeSpentMs: number;
  idempotencyKey: string | null;
  before: SkillState;
  after: SkillState;
  event: EventPayload<'question.answered'>;
}

/** Returns the new response id; throws if the session changed underneath (version check). */
export async function recordAnswer(tx: Tx, r: AnswerRecord): Promise<string> {
  const ev = EVENT_SCHEMAS['question.answered'];
  const payload = JSON.stringify(ev.payload.parse(r.event));
  const rows = await rawRows<{ id: string; updated: number }>(
    tx as never,
    sql`
      with r as (
        insert into responses (session_id, user_id, question_id, answer, correct, time_spent_ms, theta_before, theta_after, se_after, idempotency_key)
        values (${r.sessionId}, ${r.userId}, ${r.questionId}, ${r.answer}, ${r.correct}, ${r.timeSpentMs}, ${r.before.theta}, ${r.after.theta}, ${r.after.se}, ${r.idempotencyKey})
        returning id
      ), p as (
        insert into proficiency (user_id, skill, theta, se, mastery, n_responses, updated_at)
        values (${r.userId}, ${r.skill}, ${r.after.theta}, ${r.after.se}, ${r.after.mastery}, ${r.after.n}, now())
        on conflict (user_id, skill) do update
          set theta = excluded.theta, se = excluded.se, mastery = excluded.mastery, n_responses = excluded.n_responses, updated_at = excluded.updated_at
      ), h as (
        insert into proficiency_history (user_id, skill, theta, se, mastery, response_id)
        select ${r.userId}, ${r.skill}, ${r.after.theta}, ${r.after.se}, ${r.after.mastery}, id from r
      ), e as (
        insert into events (user_id, type, schema_version, payload)
        values (${r.userId}, 'question.answered', ${ev.version}, ${payload}::jsonb)
      ), s as (
        update sessions set state = ${JSON.stringify(r.sessionState)}::jsonb, version = version + 1, updated_at = now()
        where id = ${r.sessionId} and version = ${r.sessionVersion}
        returning 1
      )
      select (select id from r) as id, (select count(*)::int from s) as updated`,
  );
  if (rows[0]?.updated !== 1) throw new Error('session changed during the answer; retry');
  return rows[0].id;
}
