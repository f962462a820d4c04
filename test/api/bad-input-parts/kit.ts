/**
 * The generators of malformed requests shared by test/api/bad-input.test.ts and the
 * per-module parts in this folder (see README.md here): hostile value pools, a request
 * maker, a body mutator, and the requests every route must refuse.
 */
import type { InjectOptions } from 'fastify';
import type { Rng } from '../../../src/lib/rng.ts';
import type { TestApp, TestUser } from '../../helpers/app.ts';

/** Forged Authorization headers, filled by the test's before() (they need a signed-in user). */
export const forged: { tokens: string[] } = { tokens: [] };

// Value pools: hostile strings, wrong types, and numbers no field accepts.
export const SQL = ["'; drop table users; --", "1' OR '1'='1", '" OR 1=1 --', "'); DELETE FROM sessions; --", "x' UNION SELECT password_hash FROM users --"];
export const SCRIPT = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{7*7}}', '${7*7}'];
export const ODD = ['\u0000', 'a\u0000b', '\ud800', '💥'.repeat(30), '\r\n\t', '%00', '../../etc/passwd'];
export const WRONG_TYPES: unknown[] = [null, true, 0, -1, 3.5, [], ['a'], {}, { $gt: '' }];
export const NUMBERS: unknown[] = [-1, -1e12, 1e15, 3.5, Number.MAX_SAFE_INTEGER + 2, '1000', null, true, [1]];
export const MALFORMED_JSON = ['{', '{"a":', '[1,2', "{'a': 1}", '{"rating": 5,}', 'nul', '{"a":1}}', '\u0000', '{"a":"\\u12"}', ''];
export const CONTENT_TYPES = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png'];
export const OVER_LIMIT = 'x'.repeat(1_100_000); // the app's bodyLimit is 1 MiB

/** Percent-encode; a lone surrogate cannot be, so it goes out as the invalid UTF-8 bytes it would be. */
export const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};
export const huge = (rng: Rng) => rng.pick(['A', '<script>', "'; drop table users; --", 'é', '0']).repeat(100_001);
// One in five carries U+0000, which PostgreSQL text cannot store: it must be refused, not reach SQL.
export const text = (rng: Rng) => (rng.chance(0.2) ? `${rng.pick(['', 'a', ...SQL])}\u0000${rng.pick(['', 'z', ...SCRIPT])}` : rng.pick([...SQL, ...SCRIPT, ...ODD]));
export const uuid = (rng: Rng) => {
  const h = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[rng.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`;
};
export const badUuid = (rng: Rng) =>
  rng.pick(['abc', '1', '-1', '0', 'null', 'undefined', `${uuid(rng)}x`, uuid(rng).slice(1), uuid(rng).replace(/-/g, ''), '00000000-0000-0000-0000-00000000000g', 'z'.repeat(150), ...SQL, ...SCRIPT].map(enc));
export const junkScalar = (rng: Rng): unknown => (rng.chance(0.3) ? huge(rng) : rng.chance(0.5) ? rng.pick(WRONG_TYPES) : text(rng));


export type Who = 'student' | 'anon' | 'forged';
export interface Case extends InjectOptions {
  who: Who;
  /** `reject`: must be a 4xx. `any`: a read-only public route that may answer 2xx. */
  expect: 'reject' | 'any';
}
/** One route: its request makers, each returning a request that must be rejected. */
export interface Spec {
  auth: boolean;
  makers: ((rng: Rng) => Case)[];
}


export const req = (method: string, url: string, extra: Partial<Case> = {}): Case => ({ method: method as 'GET', url, who: 'student', expect: 'reject', ...extra });
export const json = (method: string, url: string, payload: unknown, extra: Partial<Case> = {}) => req(method, url, { payload: payload as object, ...extra });

/** A base body with one field made invalid (wrong type, out of range, huge) or removed, and sometimes hostile noise elsewhere. */
export function mutate(rng: Rng, base: Record<string, unknown>, bad: Record<string, unknown[]>, required: readonly string[]): unknown {
  const body: Record<string, unknown> = { ...base };
  if (rng.chance(0.35)) {
    for (const k of Object.keys(body)) if (typeof body[k] === 'string' && !k.endsWith('id') && rng.chance(0.5)) body[k] = `${text(rng)}`.slice(0, 8);
    body[rng.pick(['extra', '__proto__', 'constructor', 'role', 'user_id2', 'isAdmin'])] = junkScalar(rng);
  }
  if (required.length && rng.chance(0.2)) {
    delete body[rng.pick(required)];
    return body;
  }
  const field = rng.pick(Object.keys(bad));
  const pool = bad[field];
  body[field] = pool[rng.int(0, pool.length)] ?? huge(rng); // one past the end: a 100 KB string
  return rng.chance(0.05) ? rng.pick([[body], JSON.stringify(body), 42, null]) : body;
}

export const bodyCase = (method: string, url: () => string, base: () => Record<string, unknown>, bad: Record<string, unknown[]>, required: readonly string[] = []) => (rng: Rng) =>
  json(method, url(), mutate(rng, base(), bad, required), { who: rng.chance(0.9) ? 'student' : 'anon' });

/** Requests every route with a body (or none) rejects before looking at it. */
export function universal(method: string, url: (rng: Rng) => string, auth: boolean, hasBody = true): ((rng: Rng) => Case)[] {
  const makers: ((rng: Rng) => Case)[] = [];
  if (method !== 'GET') {
    // Fastify parses text/plain itself: a route with a body schema refuses the string, a route without one ignores it.
    const types = hasBody ? CONTENT_TYPES : CONTENT_TYPES.filter((c) => c !== 'text/plain');
    makers.push((rng) => req(method, url(rng), { payload: rng.pick(MALFORMED_JSON), headers: { 'content-type': 'application/json' } }));
    makers.push((rng) => req(method, url(rng), { payload: `${text(rng)}=${text(rng)}`, headers: { 'content-type': rng.pick(types) } }));
    makers.push((rng) => req(method, url(rng), { payload: OVER_LIMIT, headers: { 'content-type': rng.pick(['application/json', 'text/plain']) } }));
  }
  if (auth) {
    makers.push((rng) => req(method, url(rng), { who: 'anon' }));
    makers.push((rng) => req(method, url(rng), { who: 'forged', headers: { authorization: rng.pick(forged.tokens) } }));
  }
  return makers;
}


export interface BadInputEnv {
  t: TestApp;
  /** The caller of every 'student' request. */
  me: TestUser;
  /** Another student, whose rows `me` must not touch. */
  victim: TestUser;
  tutor: TestUser;
  /** Ids made in the shared before(); a part may add its own (prefix them with the part's name). */
  ids: Record<string, string>;
}

export interface BadInputPart {
  /** Runs once after the shared users exist and BEFORE the snapshot; returns a generator per route. */
  setup(env: BadInputEnv): Promise<Record<string, Spec>>;
}
