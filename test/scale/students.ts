/**
 * Simulated students for the scale tests and bench/scale: each signs up, then practises
 * sessions of up to 50 questions back to back, answering the question the last reply served.
 * Every answer carries an Idempotency-Key (the API's exactly-once contract, src/collect/
 * idempotency.ts); on a connection error or a 5xx the same answer, same key, is sent again to
 * the next process, so a reply lost with a killed process is either replayed or done once.
 * Answers are right or wrong by a seeded coin.
 *
 * `checkConsistency` then reads the database: every acknowledged answer is there exactly
 * once, and nothing is half-applied — each response has its proficiency-history row, its
 * event and its share of the session state, and each student's θ chain per skill runs
 * unbroken from the prior to the stored proficiency.
 */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { rawRows } from '../../src/db/index.ts';
import { createRng, type Rng } from '../../src/lib/rng.ts';
import { answerFor, call, isConnectionError, sleep, type Json } from './cluster.ts';

export interface Target {
  url: string;
  name: string;
}

export interface LoadOptions {
  students: number;
  /** Stop once this many answers were acknowledged (2xx) in all… */
  answers?: number;
  /** …or at this time (ms since the epoch), whichever comes first. */
  deadline?: number;
  /** The process for the next request (round-robin over the live ones). */
  next: () => Target;
  seed: string;
  /** Answers per second for all students together (open pacing for the soak); unset: as fast as replies come. */
  rate?: number;
  /** Give up on one answer after this many tries (each on the next process)… */
  maxTries?: number;
  /** …or at this time (ms since the epoch): the retries of an answer stop too, so a test that fails with the service down cannot leave its load retrying for hours. */
  giveUpAt?: number;
  /** A reply's status, for a caller that wants to watch (a fault test: 503 during an outage). */
  onReply?: (r: { status: number | 'connection'; ms: number; route: 'answer' | 'other'; at: number }) => void;
}

export interface Acked {
  key: string;
  userId: string;
  responseId: string;
  replayed: boolean;
}

export interface LoadResult {
  acked: Acked[];
  /** Answers abandoned after maxTries (never acknowledged). */
  abandoned: { key: string; userId: string; last: string }[];
  /** Latency of each acknowledged answer request (the final, successful try), ms. */
  latencies: number[];
  /** Every reply by status (`connection` for a connection error). */
  statuses: Record<string, number>;
  retries: number;
  seconds: number;
  users: string[];
}

const TRANSIENT = (s: number | 'connection') => s === 'connection' || s === 429 || s >= 500;

interface Student {
  token: string;
  userId: string;
  session: string | null;
  question: Json | null;
  seq: number;
  rng: Rng;
}

/** Signs `n` students up (spread over the processes), retrying transient failures. */
async function signUpAll(n: number, o: LoadOptions, track: (s: number | 'connection', ms: number) => void): Promise<Student[]> {
  const rng = createRng(`${o.seed}/signup`);
  const tag = rng.int(0, 1e9).toString(36);
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const body = { email: `load-${tag}-${i}@scale.test`, password: 'load password 1', displayName: `Load ${i}`, role: 'student' };
      for (let t = 0; ; t++) {
        const r = await request(o.next(), 'POST', '/auth/signup', null, body, {}, track);
        if (r.status === 201) return { token: r.body.accessToken, userId: r.body.user.id, session: null, question: null, seq: 0, rng: createRng(`${o.seed}/student/${i}`) };
        // A sign-up that committed but lost its reply: sign in instead.
        if (r.status === 409) {
          const s = await request(o.next(), 'POST', '/auth/signin', null, { email: body.email, password: body.password }, {}, track);
          if (s.status === 200) {
            const me = await request(o.next(), 'GET', '/auth/me', s.body.accessToken, undefined, {}, track);
            if (me.status === 200) return { token: s.body.accessToken, userId: me.body.id, session: null, question: null, seq: 0, rng: createRng(`${o.seed}/student/${i}`) };
          }
        }
        if (t > 50) throw new Error(`sign-up ${i} kept failing: ${r.status} ${JSON.stringify(r.body)}`);
        await sleep(100);
      }
    }),
  );
}

async function request(
  to: Target, method: string, route: string, token: string | null, body: unknown, headers: Record<string, string>,
  track: (s: number | 'connection', ms: number) => void,
): Promise<{ status: number | 'connection'; body: Json; ms: number }> {
  const t0 = performance.now();
  try {
    const r = await call(to, method, route, token, body, headers);
    const ms = performance.now() - t0;
    track(r.status, ms);
    return { ...r, ms };
  } catch (err) {
    if (!isConnectionError(err) && (err as Error).name !== 'TimeoutError') throw err;
    const ms = performance.now() - t0;
    track('connection', ms);
    return { status: 'connection', body: String((err as Error).cause ?? err), ms };
  }
}

export async function runStudents(o: LoadOptions): Promise<LoadResult> {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const acked: Acked[] = [];
  const abandoned: LoadResult['abandoned'] = [];
  let retries = 0;
  const trackOther = (s: number | 'connection', ms: number) => {
    statuses[s] = (statuses[s] ?? 0) + 1;
    o.onReply?.({ status: s, ms, route: 'other', at: Date.now() });
  };
  const students = await signUpAll(o.students, o, trackOther);
  const t0 = performance.now();
  const enough = () => (o.answers !== undefined && acked.length >= o.answers) || (o.deadline !== undefined && Date.now() >= o.deadline);
  const maxTries = o.maxTries ?? 200;
  // Open pacing: answer k (over all students) is not sent before t0 + k / rate.
  let ticket = 0;
  const pace = async () => {
    if (!o.rate) return;
    const due = t0 + (ticket++ * 1000) / o.rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
  };

  const loop = async (st: Student) => {
    while (!enough()) {
      if (!st.session) {
        const r = await request(o.next(), 'POST', '/practice/start', st.token, { section: st.rng.pick(['math', 'rw']), count: 50 }, {}, trackOther);
        if (r.status === 201) {
          st.session = r.body.sessionId;
          st.question = r.body.question;
        } else {
          if (!TRANSIENT(r.status)) throw new Error(`practice/start: ${r.status} ${JSON.stringify(r.body)}`);
          await sleep(50);
        }
        continue;
      }
      await pace();
      if (enough()) return;
      const q = st.question;
      const key = `${st.userId.slice(0, 8)}-${st.seq++}`;
      const body = { questionId: q.id, answer: answerFor(q, st.rng.next()), timeSpentMs: st.rng.int(5_000, 90_000) };
      let done = false;
      for (let t = 0; t < maxTries && !done; t++) {
        const last = t === maxTries - 1 || (o.giveUpAt !== undefined && Date.now() >= o.giveUpAt);
        if (t > 0) {
          retries++;
          await sleep(Math.min(1000, 25 * 2 ** Math.min(t, 6)));
        }
        const to = o.next();
        const r = await request(to, 'POST', `/practice/${st.session}/answer`, st.token, body, { 'idempotency-key': key }, (s, ms) => {
          statuses[s] = (statuses[s] ?? 0) + 1;
          o.onReply?.({ status: s, ms, route: 'answer', at: Date.now() });
        });
        if (r.status === 200) {
          latencies.push(r.ms);
          acked.push({ key, userId: st.userId, responseId: r.body.responseId, replayed: r.body.replayed });
          st.question = r.body.done ? null : r.body.next;
          if (!st.question) st.session = null;
          done = true;
        } else if (!TRANSIENT(r.status)) {
          throw new Error(`answer ${key} on ${to.name}: ${r.status} ${JSON.stringify(r.body)}`);
        } else if (last) {
          abandoned.push({ key, userId: st.userId, last: `${r.status} ${JSON.stringify(r.body).slice(0, 200)}` });
          // Unknown outcome: continue from whatever the server holds now.
          st.session = null;
          break;
        }
      }
    }
  };
  await Promise.all(students.map(loop));
  return { acked, abandoned, latencies, statuses, retries, seconds: (performance.now() - t0) / 1000, users: students.map((s) => s.userId) };
}

/**
 * The database after a load: acknowledged answers exactly once, nothing half-applied.
 * Returns the figures it checked.
 */
export async function checkConsistency(db: Db, r: Pick<LoadResult, 'acked' | 'users'>): Promise<{ responses: number; acked: number; unacknowledgedButApplied: number }> {
  const users = r.users;
  const inUsers = sql`(${sql.join(users.map((u) => sql`${u}::uuid`), sql`, `)})`;
  const responses = await rawRows<{ id: string; user_id: string; session_id: string; key: string | null; skill: string; theta_before: number; theta_after: number }>(
    db,
    sql`select r.id, r.user_id, r.session_id, r.idempotency_key as key, q.skill, r.theta_before, r.theta_after
        from responses r join questions q on q.id = r.question_id where r.user_id in ${inUsers}`,
  );
  const byKey = new Map<string, typeof responses>();
  for (const row of responses) {
    assert.ok(row.key, `response ${row.id} has no idempotency key`);
    const k = `${row.user_id}/${row.key}`;
    byKey.set(k, [...(byKey.get(k) ?? []), row]);
  }
  // 1. Every acknowledged answer is in the database exactly once, as the response it was told.
  const ackedKeys = new Set<string>();
  for (const a of r.acked) {
    const k = `${a.userId}/${a.key}`;
    assert.ok(!ackedKeys.has(k), `answer ${a.key} acknowledged twice by the client loop`);
    ackedKeys.add(k);
    const rows = byKey.get(k) ?? [];
    assert.equal(rows.length, 1, `acknowledged answer ${a.key} is stored ${rows.length} times`);
    assert.equal(rows[0].id, a.responseId, `answer ${a.key}: stored response differs from the acknowledged one`);
  }
  for (const [k, rows] of byKey) assert.equal(rows.length, 1, `key ${k} stored ${rows.length} times`);

  // 2. Each response has exactly one proficiency-history row, written with it.
  const history = await rawRows<{ response_id: string; user_id: string; skill: string; theta: number; id: number }>(
    db,
    sql`select h.response_id, h.user_id, h.skill, h.theta, h.id from proficiency_history h where h.user_id in ${inUsers} order by h.id`,
  );
  const histByResponse = new Map<string, (typeof history)[number]>();
  for (const h of history) {
    assert.ok(h.response_id, 'history row without a response');
    assert.ok(!histByResponse.has(h.response_id), `response ${h.response_id} has two history rows`);
    histByResponse.set(h.response_id, h);
  }
  const byId = new Map(responses.map((x) => [x.id, x]));
  for (const x of responses) {
    const h = histByResponse.get(x.id);
    assert.ok(h, `response ${x.id} has no proficiency-history row`);
    assert.equal(h.theta, x.theta_after);
    assert.equal(h.skill, x.skill);
  }
  assert.equal(history.length, responses.length, 'a history row without its response');

  // 3. θ chain: per student and skill, in commit order, each answer starts where the last ended; the stored proficiency is the end.
  const chains = new Map<string, { thetaAfter: number; n: number }>();
  for (const h of history) {
    const x = byId.get(h.response_id)!;
    const k = `${x.user_id}/${x.skill}`;
    const prev = chains.get(k);
    assert.equal(x.theta_before, prev ? prev.thetaAfter : 0, `θ chain broken for ${k} at response ${x.id}`);
    chains.set(k, { thetaAfter: x.theta_after, n: (prev?.n ?? 0) + 1 });
  }
  const prof = await rawRows<{ user_id: string; skill: string; theta: number; n_responses: number }>(
    db,
    sql`select user_id, skill, theta, n_responses from proficiency where user_id in ${inUsers}`,
  );
  assert.equal(prof.length, chains.size, 'a proficiency row without answers, or answers without one');
  for (const p of prof) {
    const ch = chains.get(`${p.user_id}/${p.skill}`);
    assert.ok(ch, `proficiency ${p.user_id}/${p.skill} without answers`);
    assert.equal(p.theta, ch.thetaAfter, `stored θ of ${p.user_id}/${p.skill} is not the last answer's`);
    assert.equal(p.n_responses, ch.n);
  }

  // 4. One question.answered event per response, per student.
  const events = await rawRows<{ user_id: string; n: number }>(
    db,
    sql`select user_id, count(*)::int as n from events where type = 'question.answered' and user_id in ${inUsers} group by user_id`,
  );
  const perUser = new Map<string, number>();
  for (const x of responses) perUser.set(x.user_id, (perUser.get(x.user_id) ?? 0) + 1);
  for (const e of events) assert.equal(e.n, perUser.get(e.user_id) ?? 0, `events of ${e.user_id}`);
  assert.equal(events.reduce((a, e) => a + e.n, 0), responses.length);

  // 5. Each session's state counts exactly its stored answers; each answer's idempotency claim is complete.
  const sessions = await rawRows<{ id: string; answered: number }>(
    db,
    sql`select id, (state->>'answered')::int as answered from sessions where user_id in ${inUsers}`,
  );
  const perSession = new Map<string, number>();
  for (const x of responses) perSession.set(x.session_id, (perSession.get(x.session_id) ?? 0) + 1);
  for (const s of sessions) assert.equal(s.answered, perSession.get(s.id) ?? 0, `session ${s.id} state vs responses`);
  const [claims] = await rawRows<{ n: number; unfinished: number }>(
    db,
    sql`select count(*)::int as n, count(*) filter (where status <> 200)::int as unfinished from idempotency_keys where user_id in ${inUsers} and route like 'answer:%'`,
  );
  assert.equal(claims.unfinished, 0, 'an idempotency claim committed without its reply');
  assert.equal(claims.n, responses.length, 'claims and responses differ');

  return { responses: responses.length, acked: ackedKeys.size, unacknowledgedButApplied: responses.length - ackedKeys.size };
}
