/**
 * The answer route's two statements. An answer is one read and one write, with no open
 * transaction between them (optimistic concurrency instead of row locks):
 *
 * - `readAnswerSnapshot`: the session, the student's skill states with their row versions
 *   (`xmin`), and the stored reply when the Idempotency-Key was used before — one statement.
 * - `writeAnswer`: the response, the skill's new proficiency, its history row, the event, the
 *   session's new state and the idempotency claim — one statement (data-modifying CTEs), so it
 *   commits whole or not at all. Its guards: the session still has the version and status that
 *   was read, the skill's row is still the version that was read (or still absent), the key is
 *   still unclaimed. When one matched no row, `satprep_require` (migration 0004) raises
 *   serialization_failure and the statement rolls back; the caller reads again and retries.
 *
 * Why not `BEGIN; SELECT … FOR UPDATE; …; COMMIT`: that is five round trips, and the answer
 * route's throughput is bound by round trips (bench/api). Both statements are prepared once
 * per connection (`preparedRows`), and a process that wrote a session's last answer usually
 * skips the read for its next one (answer-cache.ts): the guards make a stale copy harmless.
 */
import { EVENT_SCHEMAS, type EventPayload } from '../collect/events.ts';
import type { Db } from '../db/client.ts';
import { preparedRows } from '../db/client.ts';
import type { SESSION_STATUSES, SessionKind } from '../db/enums.ts';
import type { SkillState } from './proficiency.ts';

type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface AnswerSnapshot {
  userId: string;
  kind: SessionKind;
  status: SessionStatus;
  state: unknown;
  version: number;
  /** Skill → its state and the row version it was read at. */
  skills: Map<string, { state: SkillState; rowVersion: string }>;
  /** The reply stored under the Idempotency-Key, when that key was used before. */
  prior: { route: string; status: number; response: unknown } | null;
}

const READ = `
  select s.user_id, s.kind, s.status, s.state, s.version,
    (select coalesce(json_agg(json_build_array(p.skill, p.theta, p.se, p.mastery, p.n_responses, p.xmin::text)), '[]'::json)
       from proficiency p where p.user_id = s.user_id) as skills,
    (select json_build_object('route', k.route, 'status', k.status, 'response', k.response)
       from idempotency_keys k where k.user_id = $2 and k.key = $3) as prior
  from sessions s where s.id = $1`;

type SkillRow = [skill: string, theta: number, se: number, mastery: number, n: number, xmin: string];

/** The session (null when there is none) with what an answer to it needs. */
export async function readAnswerSnapshot(db: Db, sessionId: string, userId: string, idempotencyKey: string | null): Promise<AnswerSnapshot | null> {
  const [row] = await preparedRows<{
    user_id: string; kind: SessionKind; status: SessionStatus; state: unknown; version: number;
    skills: SkillRow[]; prior: AnswerSnapshot['prior'];
  }>(db, 'answer-read', READ, [sessionId, userId, idempotencyKey]);
  if (!row) return null;
  const skills = new Map(row.skills.map(([skill, theta, se, mastery, n, xmin]) => [skill, { state: { theta, se, mastery, n }, rowVersion: xmin }]));
  return { userId: row.user_id, kind: row.kind, status: row.status, state: row.state, version: row.version, skills, prior: row.prior };
}

export interface AnswerWrite {
  responseId: string;
  sessionId: string;
  /** The session version that was read (the write applies only if it still holds) and the new state, as JSON. */
  sessionVersion: number;
  sessionStateJson: string;
  userId: string;
  questionId: string;
  skill: string;
  answer: string;
  correct: boolean;
  timeSpentMs: number;
  before: SkillState;
  /** The skill row's `xmin` when it was read; null when the student had no row for the skill. */
  skillRowVersion: string | null;
  after: SkillState;
  event: EventPayload<'question.answered'>;
  /** Claimed in the same statement, with the reply a retry will get. */
  idempotency: { key: string; route: string; reply: unknown } | null;
}

// Every part is conditional on the session update: a write from a stale snapshot (a cached
// one, answer-cache.ts) fails at its first guard without inserting anything first.
const WRITE = `
  with s as (
    update sessions set state = $4::jsonb, version = version + 1, updated_at = now()
    where id = $1 and version = $3 and status = 'active'
    returning 1
  ), p as (
    insert into proficiency (user_id, skill, theta, se, mastery, n_responses, updated_at)
    select $5::uuid, $7::text, $10::float8, $11::float8, $12::float8, $13::int, now() from s
    on conflict (user_id, skill) do update
      set theta = excluded.theta, se = excluded.se, mastery = excluded.mastery, n_responses = excluded.n_responses, updated_at = excluded.updated_at
      where proficiency.xmin::text = $14::text
    returning xmin::text as row_version
  ), r as (
    insert into responses (id, session_id, user_id, question_id, answer, correct, time_spent_ms, theta_before, theta_after, se_after, idempotency_key)
    select $2::uuid, $1::uuid, $5::uuid, $6::text, $8::text, $9::boolean, $15::int, $16::float8, $10::float8, $11::float8, $17::text from s
    returning id
  ), h as (
    insert into proficiency_history (user_id, skill, theta, se, mastery, response_id)
    select $5::uuid, $7::text, $10::float8, $11::float8, $12::float8, id from r
  ), e as (
    insert into events (user_id, type, schema_version, payload)
    select $5::uuid, 'question.answered', $18::int, $19::jsonb from s
  ), k as (
    insert into idempotency_keys (user_id, key, route, status, response)
    select $5::uuid, $17::text, $20::text, 200, $21::jsonb from s where $17::text is not null
    on conflict do nothing
    returning 1
  )
  select satprep_require(
    (select count(*) from s) = 1 and (select count(*) from p) = 1 and ((select count(*) from k) = 1) = ($17::text is not null),
    'the session or the skill changed during the answer'
  ) as ok, (select row_version from p) as row_version`;

/**
 * Store one answer, all of it or nothing; rejects with SQLSTATE 40001 when a guard failed (see
 * above). Returns the skill row's new version, for the next answer's guard.
 */
export async function writeAnswer(db: Db, w: AnswerWrite): Promise<string> {
  const ev = EVENT_SCHEMAS['question.answered'];
  const [row] = await preparedRows<{ row_version: string }>(db, 'answer-write', WRITE, [
    w.sessionId, w.responseId, w.sessionVersion, w.sessionStateJson,
    w.userId, w.questionId, w.skill, w.answer, w.correct,
    w.after.theta, w.after.se, w.after.mastery, w.after.n, w.skillRowVersion,
    w.timeSpentMs, w.before.theta, w.idempotency?.key ?? null,
    ev.version, JSON.stringify(ev.payload.parse(w.event)),
    w.idempotency?.route ?? null, w.idempotency ? JSON.stringify(w.idempotency.reply) : null,
  ]);
  return row.row_version;
}

/** SQLSTATEs after which reading again and retrying is right: a guard failed, a key or row was taken meanwhile, a deadlock. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
export const isAnswerRace = (err: unknown): boolean => RETRYABLE.has((err as { code?: string } | null)?.code ?? '');
