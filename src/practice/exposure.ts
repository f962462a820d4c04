/**
 * Live counts for the restricted maximum-exposure-rate method (assess/select.ts; Revuelta &
 * Ponsoda, 1998), the exposure control the product runs and bench/cat measures: per pool —
 * one session kind and content request, the unit whose rate the method caps — how many
 * sessions began and how many of them were given each item.
 *
 * A pool's counts are read from the database (sessions of the last WINDOW_DAYS) the first
 * time this process uses it and again every RELOAD_MS; in between, this process adds its
 * own starts and serves in memory. Other processes' activity therefore shows up within
 * RELOAD_MS: exposure control is a statistical guarantee, and a delay of minutes in a
 * 30-day window moves the rates by a hair.
 */
import { sql } from 'drizzle-orm';
import type { ContentSpec, ExposureControl } from '../assess/select.ts';
import type { Db, Tx } from '../db/client.ts';
import { rawRows } from '../db/client.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import type { LoadedBank } from './bank.ts';

/** No item goes to more than a quarter of the sessions of its pool (issue 5's limit). */
export const EXPOSURE_RMAX = 0.25;
const WINDOW_DAYS = 30;
const RELOAD_MS = 10 * 60_000;

interface Tally {
  bank: LoadedBank;
  given: Float64Array;
  sessions: number;
  loadedAt: number;
}

const tallies = new BoundedMap<string, Tally>(500);

const poolKey = (kind: string, content: ContentSpec) => `${kind}|${JSON.stringify(content)}`;

async function load(tx: Tx | Db, bank: LoadedBank, kind: string, content: ContentSpec): Promise<Tally> {
  const spec = JSON.stringify(content);
  const since = sql`now() - make_interval(days => ${WINDOW_DAYS})`;
  const [counted] = await rawRows<{ n: number }>(
    tx as Db,
    sql`select count(*)::int as n from sessions where kind = ${kind} and created_at > ${since} and state->'content' = ${spec}::jsonb`,
  );
  const rows = await rawRows<{ q: string; n: number }>(
    tx as Db,
    sql`select q, count(*)::int as n
        from sessions s, jsonb_array_elements_text(s.state->'administered') as q
        where s.kind = ${kind} and s.created_at > ${since} and s.state->'content' = ${spec}::jsonb
        group by q`,
  );
  const index = new Map(bank.pool.items.map((it, i) => [it.id, i]));
  const given = new Float64Array(bank.pool.items.length);
  for (const r of rows) {
    const i = index.get(r.q);
    if (i !== undefined) given[i] = r.n;
  }
  return { bank, given, sessions: counted?.n ?? 0, loadedAt: Date.now() };
}

/**
 * The exposure control for the next pick of a session. `starting`: this is the session's
 * first pick, so it counts as a session of the pool (its own row is already stored and was
 * counted if the pool was just loaded).
 */
export async function exposureFor(tx: Tx | Db, bank: LoadedBank, kind: string, content: ContentSpec, starting: boolean): Promise<ExposureControl & { kind: 'restricted' }> {
  const key = poolKey(kind, content);
  let tally = tallies.get(key);
  if (!tally || tally.bank !== bank || Date.now() - tally.loadedAt > RELOAD_MS) {
    tally = await load(tx, bank, kind, content);
    tallies.set(key, tally);
  } else if (starting) {
    tally.sessions++;
  }
  return { kind: 'restricted', rMax: EXPOSURE_RMAX, given: tally.given, sessions: Math.max(tally.sessions, 1) };
}

/** Count a served item in its pool's tally. */
export function recordServed(given: Float64Array, index: number): void {
  given[index]++;
}
