/**
 * Next-item selection for adaptive practice: maximum Fisher information at θ̂ (Lord, 1980;
 * jsCAT's `MFI`), under three kinds of constraint, applied in this order:
 *
 * 1. Content balancing (Kingsbury & Zara, 1989): when several skills or domains are requested,
 *    the next item comes from the area whose administered share lags its target share most.
 * 2. No repeats: items already given in this session are never chosen; items seen in earlier
 *    sessions only when the area has no unseen item left, and then only among the
 *    `recycleWindow` least recently seen ones.
 * 3. Exposure control: randomesque (Kingsbury & Zara, 1989 — draw uniformly among the k most
 *    informative), Sympson–Hetter (1985 — walk down the information order and administer
 *    item i with probability K_i, the exposure-control parameter), or the restricted maximum
 *    exposure rate (Revuelta & Ponsoda, 1998; Barrada, Olea, Ponsoda & Abad, 2008 — the most
 *    informative item among those whose running exposure rate would stay at or under r_max).
 *
 * One call costs O(items of the areas it tries) plus O(n) for the session's used flags; no sorting of the pool.
 */
import { DOMAIN_IDS, SKILL_IDS, type DomainId, type SkillId } from '../content/taxonomy.ts';
import type { Rng } from '../lib/rng.ts';
import { D_NORMAL } from './irt.ts';
import type { AssessItem } from './types.ts';

/** The bank in column form, built once per bank. */
export interface ItemPool {
  readonly items: readonly AssessItem[];
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  readonly skillIdx: Int16Array;
  readonly domainIdx: Int16Array;
  readonly indexOf: ReadonlyMap<string, number>;
  /** Pool indices of each skill's items (by SKILL_IDS order) and each domain's, ascending. */
  readonly bySkill: readonly Int32Array[];
  readonly byDomain: readonly Int32Array[];
}

export function buildPool(items: readonly AssessItem[]): ItemPool {
  const n = items.length;
  const pool = {
    items,
    a: new Float64Array(n),
    b: new Float64Array(n),
    c: new Float64Array(n),
    skillIdx: new Int16Array(n),
    domainIdx: new Int16Array(n),
    indexOf: new Map(items.map((it, i) => [it.id, i])),
  };
  items.forEach((it, i) => {
    pool.a[i] = it.a;
    pool.b[i] = it.b;
    pool.c[i] = it.c;
    pool.skillIdx[i] = SKILL_IDS.indexOf(it.skill);
    pool.domainIdx[i] = DOMAIN_IDS.indexOf(it.domain);
  });
  const members = (col: Int16Array, k: number) => Int32Array.from(col.keys()).filter((i) => col[i] === k);
  return { ...pool, bySkill: SKILL_IDS.map((_, k) => members(pool.skillIdx, k)), byDomain: DOMAIN_IDS.map((_, k) => members(pool.domainIdx, k)) };
}

/** The areas to draw from; shares default to equal and are normalised. */
export type ContentSpec =
  | { readonly by: 'skill'; readonly areas: readonly SkillId[]; readonly shares?: readonly number[] }
  | { readonly by: 'domain'; readonly areas: readonly DomainId[]; readonly shares?: readonly number[] };

export type ExposureControl =
  | { readonly kind: 'none' }
  | { readonly kind: 'randomesque'; readonly k: number }
  /** `k[i]` is the Sympson–Hetter parameter of pool item i (1 = never held back). */
  | { readonly kind: 'sympson-hetter'; readonly k: Float64Array }
  /**
   * Restricted maximum exposure: `given[i]` is how many sessions over this pool so far were
   * given pool item i, `sessions` how many have begun, this one included. Item i stays
   * eligible while given[i] + 1 ≤ rMax · max(sessions, 1/rMax): from the 1/rMax-th session on
   * its rate never passes rMax, and before that it is given at most once.
   * The caller keeps the counts (live counts in production, a running tally in simulation).
   */
  | { readonly kind: 'restricted'; readonly rMax: number; readonly given: ArrayLike<number>; readonly sessions: number };

export interface SelectionState {
  readonly theta: number;
  /** Ids given earlier in this session, in order. */
  readonly administered: readonly string[];
  /** Ids seen in earlier sessions → when last seen (any increasing number, e.g. epoch ms). */
  readonly seen?: ReadonlyMap<string, number>;
  /** Ids that lost a Sympson–Hetter lottery earlier in this session: barred until it ends. */
  readonly heldBack?: readonly string[];
}

export interface SelectOptions {
  readonly rng: Rng;
  readonly content?: ContentSpec;
  readonly exposure?: ExposureControl;
  readonly D?: number;
  /** When an area is exhausted, how many least-recently-seen items compete (default 5). */
  readonly recycleWindow?: number;
}

export interface Selection {
  readonly index: number;
  readonly item: AssessItem;
  readonly info: number;
  /** True when the item was seen in an earlier session (the area's unseen items ran out). */
  readonly recycled: boolean;
  /** Items that lost the Sympson–Hetter lottery on this call; add them to `heldBack`. */
  readonly heldBack: readonly string[];
}

/** Area index of every pool item under the content spec (−1 = outside the request). */
function areaOf(pool: ItemPool, content: ContentSpec): (i: number) => number {
  const ids: readonly string[] = content.by === 'skill' ? SKILL_IDS : DOMAIN_IDS;
  const col = content.by === 'skill' ? pool.skillIdx : pool.domainIdx;
  const map = new Int16Array(ids.length).fill(-1);
  content.areas.forEach((id, k) => (map[ids.indexOf(id)] = k));
  return (i) => map[col[i]];
}

/** Pool indices of area k's items, ascending (every item when there is no content spec). */
function areaMembers(pool: ItemPool, content: ContentSpec | undefined, k: number): Int32Array {
  if (!content) return Int32Array.from(pool.items.keys());
  const ids: readonly string[] = content.by === 'skill' ? SKILL_IDS : DOMAIN_IDS;
  return (content.by === 'skill' ? pool.bySkill : pool.byDomain)[ids.indexOf(content.areas[k])] ?? NO_MEMBERS;
}
const NO_MEMBERS = new Int32Array(0);

/** Kingsbury–Zara: the order in which areas are tried, largest (target − administered) first. */
function areaOrder(pool: ItemPool, content: ContentSpec, administered: readonly number[], area: (i: number) => number): number[] {
  const m = content.areas.length;
  const shares = content.shares ?? new Array(m).fill(1);
  const total = shares.reduce((s, x) => s + x, 0);
  const counts = new Array(m).fill(0);
  for (const i of administered) {
    const k = area(i);
    if (k >= 0) counts[k]++;
  }
  const next = administered.length + 1;
  const deficit = counts.map((n, k) => (shares[k] / total) * next - n);
  return [...deficit.keys()].sort((x, y) => deficit[y] - deficit[x] || x - y);
}

const USED = 1;
const SEEN = 2;
/** selectNext's information buffer, reused across calls (the function never yields mid-call). */
let scratch = new Float64Array(0);

/**
 * Choose the next item, or null when nothing in the requested content is left at all.
 */
export function selectNext(pool: ItemPool, state: SelectionState, opts: SelectOptions): Selection | null {
  const D = opts.D ?? D_NORMAL;
  const n = pool.items.length;
  // Per pool item: USED (given or held back in this session), SEEN (in an earlier session).
  const mark = new Uint8Array(n);
  const adminIdx: number[] = [];
  for (const id of state.administered) {
    const i = pool.indexOf.get(id);
    if (i !== undefined) { mark[i] = USED; adminIdx.push(i); }
  }
  for (const id of state.heldBack ?? []) {
    const i = pool.indexOf.get(id);
    if (i !== undefined) mark[i] = USED;
  }
  const seen = state.seen;
  if (seen) {
    for (const id of seen.keys()) {
      const i = pool.indexOf.get(id);
      if (i !== undefined) mark[i] |= SEEN;
    }
  }
  // Information is computed only for the items of the areas tried, usually just the first:
  // one area is a small part of the pool.
  // Only the entries of the items looked at are written and read, so the buffer is reused as is.
  const info = scratch.length >= n ? scratch : (scratch = new Float64Array(n));
  const theta = state.theta;
  const area = opts.content ? areaOf(pool, opts.content) : () => 0;
  const order = opts.content ? areaOrder(pool, opts.content, adminIdx, area) : [0];
  for (const k of order) {
    const fresh: number[] = [];
    const old: number[] = [];
    const members = areaMembers(pool, opts.content, k);
    for (let m = 0; m < members.length; m++) {
      const i = members[m];
      if (mark[i] & USED) continue;
      const a = pool.a[i], c = pool.c[i];
      const L = 1 / (1 + Math.exp(-D * a * (theta - pool.b[i])));
      const p = c + (1 - c) * L;
      // I = D²a²·(1−P)/P·((P−c)/(1−c))², and (P−c)/(1−c) is the logistic part L.
      info[i] = D * D * a * a * ((1 - p) / p) * L * L;
      if (mark[i] & SEEN) old.push(i);
      else fresh.push(i);
    }
    let candidates = fresh;
    let recycled = false;
    if (fresh.length === 0) {
      if (old.length === 0) continue;
      const lastSeen = (i: number) => seen!.get(pool.items[i].id)!;
      candidates = old.sort((x, y) => lastSeen(x) - lastSeen(y)).slice(0, opts.recycleWindow ?? 5);
      recycled = true;
    }
    const { index, lost } = pickByInfo(candidates, info, opts);
    return { index, item: pool.items[index], info: info[index], recycled, heldBack: lost.map((i) => pool.items[i].id) };
  }
  return null;
}

/** Indices of the k largest `info` values among candidates, most informative first. */
function topK(candidates: readonly number[], info: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (const i of candidates) {
    const v = info[i];
    if (top.length === k && v <= info[top[k - 1]]) continue;
    let j = Math.min(top.length, k - 1);
    while (j > 0 && info[top[j - 1]] < v) j--;
    top.splice(j, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

function pickByInfo(candidates: readonly number[], info: Float64Array, opts: SelectOptions): { index: number; lost: number[] } {
  const ex = opts.exposure ?? { kind: 'none' };
  if (ex.kind === 'none') return { index: topK(candidates, info, 1)[0], lost: [] };
  if (ex.kind === 'randomesque') {
    const top = topK(candidates, info, Math.max(1, ex.k));
    return { index: top[Math.floor(opts.rng.next() * top.length)], lost: [] };
  }
  if (ex.kind === 'restricted') return { index: pickRestricted(candidates, info, ex), lost: [] };
  // Sympson–Hetter: a lottery per item in information order; losers are barred for the rest
  // of the session (the caller keeps them in `heldBack`); the last one is kept if all lose.
  const ranked = topK(candidates, info, Math.min(candidates.length, 64));
  const lost: number[] = [];
  for (const i of ranked) {
    if (opts.rng.next() < ex.k[i]) return { index: i, lost };
    lost.push(i);
  }
  return { index: lost.pop()!, lost };
}

/**
 * The most informative candidate under the exposure cap. A candidate list with none under the
 * cap (an area smaller than length / rMax) falls back to its least given item, so the rates
 * stay as even as the pool allows; ties go to information.
 */
function pickRestricted(candidates: readonly number[], info: Float64Array, ex: Extract<ExposureControl, { kind: 'restricted' }>): number {
  if (!(ex.rMax > 0 && ex.rMax <= 1)) throw new RangeError(`restricted exposure needs 0 < rMax ≤ 1, got ${ex.rMax}`);
  // The tolerance absorbs rMax·sessions rounding (0.1 × 30 = 3.0000000000000004).
  const cap = ex.rMax * Math.max(ex.sessions, 1 / ex.rMax) + 1e-9;
  let best = -1, fallback = -1;
  for (const i of candidates) {
    if (ex.given[i] + 1 <= cap) {
      if (best < 0 || info[i] > info[best]) best = i;
    } else if (fallback < 0 || ex.given[i] < ex.given[fallback] || (ex.given[i] === ex.given[fallback] && info[i] > info[fallback])) {
      fallback = i;
    }
  }
  return best >= 0 ? best : fallback;
}

/**
 * One step of the Sympson–Hetter calibration (Sympson & Hetter, 1985). From a simulation
 * run with parameters K, each item's administration rate P(A_i) gives its selection rate
 * P(S_i) = P(A_i)/K_i; when P(S_i) > rMax the new K_i is rMax / P(S_i). Unlike the classical
 * rule, an item under the target keeps its K instead of going back to 1: the reset makes
 * the iteration oscillate between rounds, and keeping K makes it monotone.
 * Iterate simulate → update until the largest administration rate is at most rMax.
 */
export function sympsonHetterUpdate(k: Float64Array, administeredRate: Float64Array, rMax: number): Float64Array {
  return k.map((ki, i) => {
    const selected = ki > 0 ? administeredRate[i] / ki : 0;
    return selected <= rMax ? ki : rMax / selected;
  });
}
