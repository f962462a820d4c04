/**
 * One `fetch` wrapper for every call: JSON in and out, the bearer token, one silent token
 * refresh on a 401 (shared by concurrent calls, since the server rotates refresh tokens and
 * a second use of the old one would revoke the family), and the API's error body turned into
 * an `ApiError`; `errorMessage` words its message as a sentence for the student.
 */
import { asSentence } from '../lib/sentence.ts';
import { sessionStore } from './session.ts';
import type { ApiErrorBody, TokenPair } from './types.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface CallOptions {
  body?: unknown;
  /** Default true: send the signed-in user's token (and fail fast when there is none). */
  auth?: boolean;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const OFFLINE = 'Cannot reach the server. Check your connection and try again.';

async function send(method: string, path: string, opts: CallOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', OFFLINE);
  }
}

async function errorFrom(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as Partial<ApiErrorBody>;
    return new ApiError(res.status, body.error ?? 'error', body.message ?? res.statusText, body.details ?? null);
  } catch {
    return new ApiError(res.status, 'error', res.status >= 500 ? 'Something went wrong on our side. Please try again.' : res.statusText);
  }
}

let refreshing: Promise<boolean> | null = null;

/** Trade the refresh token for a new pair; false (and signed out) when it is no longer valid. */
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = sessionStore.get();
    if (!session) return false;
    const res = await send('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } }, null).catch(() => null);
    if (!res) return false; // offline: keep the session, the call fails with the network error
    if (!res.ok) {
      sessionStore.set(null);
      return false;
    }
    const pair = (await res.json()) as TokenPair;
    sessionStore.set({ ...session, accessToken: pair.accessToken, refreshToken: pair.refreshToken });
    return true;
  })().finally(() => (refreshing = null));
  return refreshing;
}

export async function call<T>(method: string, path: string, opts: CallOptions = {}): Promise<T> {
  const auth = opts.auth ?? true;
  const token = auth ? (sessionStore.get()?.accessToken ?? null) : null;
  if (auth && !token) throw new ApiError(401, 'unauthorized', 'Please sign in.');
  let res = await send(method, path, opts, token);
  if (res.status === 401 && auth && (await refresh())) res = await send(method, path, opts, sessionStore.get()?.accessToken ?? null);
  if (!res.ok) throw await errorFrom(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A key for a retried write to take effect once; works outside secure contexts too. */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const errorMessage = (err: unknown): string =>
  err instanceof ApiError ? asSentence(err.message) : err instanceof Error ? err.message : 'Something went wrong.';
