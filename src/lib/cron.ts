/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), evaluated in UTC
 * so a schedule fires at the same instant on every server. Each field takes `*`, a number or
 * a range `a-b`, either followed by a step `/n`, and comma lists of those; day-of-week 0 and 7
 * are both Sunday. As in Vixie cron, when both day fields are restricted a day matches either.
 */

export interface Cron {
  readonly source: string;
  readonly minute: ReadonlySet<number>;
  readonly hour: ReadonlySet<number>;
  readonly dom: ReadonlySet<number>;
  readonly month: ReadonlySet<number>;
  readonly dow: ReadonlySet<number>;
  readonly domAny: boolean;
  readonly dowAny: boolean;
}

const FIELDS = [
  { name: 'minute', lo: 0, hi: 59 },
  { name: 'hour', lo: 0, hi: 23 },
  { name: 'day of month', lo: 1, hi: 31 },
  { name: 'month', lo: 1, hi: 12 },
  { name: 'day of week', lo: 0, hi: 7 },
] as const;

function parseField(text: string, f: (typeof FIELDS)[number]): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`cron ${f.name}: cannot read "${part}"`);
    const lo = m[1] === '*' ? f.lo : Number(m[2]);
    const hi = m[1] === '*' ? f.hi : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? f.hi : lo;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (lo < f.lo || hi > f.hi || lo > hi || step < 1) throw new Error(`cron ${f.name}: "${part}" is outside ${f.lo}–${f.hi}`);
    for (let v = lo; v <= hi; v += step) out.add(f.name === 'day of week' && v === 7 ? 0 : v);
  }
  return out;
}

export function parseCron(expr: string): Cron {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron: expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`);
  const [minute, hour, dom, month, dow] = parts.map((p, i) => parseField(p, FIELDS[i]));
  return { source: expr.trim(), minute, hour, dom, month, dow, domAny: parts[2] === '*', dowAny: parts[4] === '*' };
}

function dayMatches(c: Cron, d: Date): boolean {
  const dom = c.dom.has(d.getUTCDate()), dow = c.dow.has(d.getUTCDay());
  if (c.domAny && c.dowAny) return true;
  if (c.domAny) return dow;
  if (c.dowAny) return dom;
  return dom || dow;
}

/** The first instant strictly after `after` that the expression matches (whole minutes, UTC). */
export function nextRun(c: Cron, after: Date): Date {
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  // Skip whole months, days and hours that cannot match; bounded, because some expressions
  // (30 February) never match at all.
  const limit = after.getTime() + 8 * 366 * 86_400_000;
  while (t.getTime() <= limit) {
    if (!c.month.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(c, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!c.hour.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!c.minute.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return t;
  }
  throw new Error(`cron "${c.source}" never matches`);
}

export interface CronClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: CronClock = {
  now: Date.now,
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(), // a schedule alone never keeps a process alive
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Longest single wait: timers overflow past 2³¹ − 1 ms (~24.8 days), so longer waits are re-armed. */
const MAX_WAIT = 2 ** 31 - 1;

/**
 * Runs `fire` at every instant the expression matches, one run at a time: instants that pass
 * while a run is still going are skipped, never queued. A run's failure goes to `onError` and
 * the schedule carries on. `clock` is a fake in tests.
 */
export function scheduleCron(
  cron: Cron, fire: (at: Date) => Promise<unknown>, opts: { clock?: CronClock; onError?: (err: unknown) => void } = {},
): { next(): Date | null; stop(): void } {
  const clock = opts.clock ?? realClock;
  let due: Date | null = nextRun(cron, new Date(clock.now()));
  let handle: unknown;
  let stopped = false;
  const arm = () => {
    if (stopped || !due) return;
    handle = clock.setTimeout(tick, Math.min(MAX_WAIT, Math.max(0, due.getTime() - clock.now())));
  };
  const tick = () => {
    if (stopped || !due) return;
    if (clock.now() < due.getTime()) return arm();
    const at = due;
    due = null;
    fire(at).catch((err) => opts.onError?.(err)).finally(() => {
      due = nextRun(cron, new Date(Math.max(clock.now(), at.getTime())));
      arm();
    });
  };
  arm();
  return {
    next: () => due,
    stop() {
      stopped = true;
      clock.clearTimeout(handle);
    },
  };
}
