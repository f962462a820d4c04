/**
 * One tutor socket, independent of the server library: frames in, frames out. Every bad
 * frame — not text, too large, not JSON, the wrong shape, text PostgreSQL cannot store (NUL,
 * half a surrogate pair), an unknown type, too many too fast — gets an error frame and the
 * socket stays usable; only failed authentication closes it (4401, or 4403 for a
 * non-student). Turn frames arrive through the hub, so a turn started from another socket
 * of the same student shows here too.
 */
import type { Actor } from '../accounts/access.ts';
import { rateOutput } from '../practice/help.ts';
import { AppError } from '../lib/errors.ts';
import { assertCanChat, chatTurn, type ChatDeps } from './chat.ts';
import { clientFrame, CLOSE, MAX_FRAME_BYTES, type ClientFrame, type ServerFrame } from './frames.ts';
import { DEFAULT_LIMITS, tokenBucket, type ConnectionLimits } from './limits.ts';

export interface SocketLike {
  send(data: string): void;
  close(code: number, reason: string): void;
}

export interface ConnectionDeps extends ChatDeps {
  /** Verifies an access token and that its account is still active; throws an AppError. */
  authenticate(token: string): Promise<Actor>;
  /** Checked before each action: a deleted account loses its open socket too. */
  isActive(userId: string): Promise<boolean>;
  limits?: ConnectionLimits;
  clock?: () => number;
  /** Faults of ours, not the client's: for the log. */
  onFault?(err: unknown): void;
}

export interface Connection {
  /** Handles one incoming frame; resolves when it has been answered (a chat turn: when it ended). */
  receive(data: string | Buffer, isBinary: boolean): Promise<void>;
  /** The socket closed: stop sending, leave the hub. */
  closed(): void;
}

/** `actor` when the upgrade request already authenticated (header or query token); null waits for an `auth` frame. */
export function openConnection(socket: SocketLike, deps: ConnectionDeps, actor: Actor | null): Connection {
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const frames = tokenBucket(limits.frames, deps.clock);
  const messages = tokenBucket(limits.messages, deps.clock);
  let user: Actor | null = null;
  let unsubscribe = () => {};
  let isClosed = false;
  let busy = false;

  const send = (frame: ServerFrame) => {
    if (isClosed) return;
    try {
      socket.send(JSON.stringify(frame));
    } catch {
      /* the peer went away mid-send; `closed()` follows */
    }
  };
  const fail = (error: string, message: string, details?: unknown) => send({ type: 'error', error, message, ...(details === undefined ? {} : { details }) });
  const shut = (code: number, error: string, message: string) => {
    fail(error, message);
    if (isClosed) return;
    try {
      socket.close(code, error);
    } catch {
      /* already closing */
    }
    conn.closed();
  };
  const attach = (a: Actor) => {
    user = a;
    unsubscribe = deps.hub.subscribe(a.userId, send);
    send({ type: 'ready', userId: a.userId });
  };
  /** An AppError is the client's doing (4xx-like): say so. Anything else is ours: log it, say little. */
  const report = (err: unknown) => {
    if (err instanceof AppError) return fail(err.code, err.message, err.details);
    deps.onFault?.(err);
    fail('internal', 'something went wrong on our side; the connection is still open');
  };

  const authTimer = actor ? null : setTimeout(() => shut(CLOSE.unauthorized, 'unauthorized', 'no auth frame in time'), limits.authTimeoutMs);
  authTimer?.unref?.();
  if (actor) attach(actor);

  async function authenticate(token: string) {
    if (user) return fail('bad_request', 'this connection is already authenticated');
    if (authTimer) clearTimeout(authTimer);
    let a: Actor;
    try {
      a = await deps.authenticate(token);
    } catch (err) {
      return shut(CLOSE.unauthorized, 'unauthorized', err instanceof AppError ? err.message : 'authentication failed');
    }
    try {
      assertCanChat(a);
    } catch (err) {
      return shut(CLOSE.forbidden, 'forbidden', (err as Error).message);
    }
    if (!isClosed) attach(a);
  }

  async function act(a: Actor, frame: Exclude<ClientFrame, { type: 'auth' }>) {
    if (!(await deps.isActive(a.userId))) return shut(CLOSE.unauthorized, 'unauthorized', 'account no longer exists');
    if (frame.type === 'rate') {
      const r = await rateOutput(deps.db, a, { aiOutputId: frame.aiOutputId, stars: frame.stars, comment: frame.comment });
      return send({ type: 'rated', aiOutputId: r.aiOutputId, ratingId: r.ratingId, stars: r.stars, updated: r.updated });
    }
    if (busy) return fail('busy', 'wait for the current reply to finish');
    if (!messages.take()) return fail('rate_limited', 'too many messages; slow down', { retryInMs: messages.waitMs() });
    busy = true;
    try {
      const { error } = await chatTurn(deps, a, frame);
      // Already published to the student as an error frame; only our own faults need the log.
      if (error && !(error instanceof AppError)) deps.onFault?.(error);
    } finally {
      busy = false;
    }
  }

  const conn: Connection = {
    async receive(data, isBinary) {
      if (isClosed) return;
      if (!frames.take()) return fail('rate_limited', 'too many frames; slow down', { retryInMs: frames.waitMs() });
      if (isBinary) return fail('bad_frame', 'send JSON text frames');
      const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
      if (bytes > MAX_FRAME_BYTES) return fail('frame_too_large', `frames are limited to ${MAX_FRAME_BYTES} bytes`);
      const raw = typeof data === 'string' ? data : data.toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return fail('bad_json', 'a frame must be one JSON object');
      }
      const parsed = clientFrame.safeParse(json);
      if (!parsed.success) {
        return fail('bad_frame', 'unexpected frame', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      }
      const frame = parsed.data;
      try {
        if (frame.type === 'auth') return await authenticate(frame.token);
        if (!user) return shut(CLOSE.unauthorized, 'unauthorized', 'send an auth frame first');
        await act(user, frame);
      } catch (err) {
        report(err);
      }
    },
    closed() {
      isClosed = true;
      if (authTimer) clearTimeout(authTimer);
      unsubscribe();
    },
  };
  return conn;
}
