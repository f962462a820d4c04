/**
 * A WebSocket test client (the `ws` package: Node 20 has no global client) that queues the
 * server's JSON frames, so a test reads them in order with `next()` and never races them.
 */
import WebSocket from 'ws';

export interface Frame {
  type: string;
  [key: string]: unknown;
}

export interface WsClient {
  ws: WebSocket;
  /** The next frame (optionally: the next of this type, skipping others), or a timeout error. */
  next(type?: string, timeoutMs?: number): Promise<Frame>;
  /** Frames up to and including the first of `type`. */
  until(type: string, timeoutMs?: number): Promise<Frame[]>;
  send(frame: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export type Opened = { ok: true; client: WsClient } | { ok: false; status: number };

/** Opens `url`; a refused upgrade resolves to its HTTP status instead of throwing. */
export function connect(url: string, headers: Record<string, string> = {}): Promise<Opened> {
  const ws = new WebSocket(url, { headers });
  const queue: Frame[] = [];
  let wake: (() => void) | null = null;
  ws.on('message', (data) => {
    queue.push(JSON.parse(data.toString()) as Frame);
    wake?.();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));

  async function next(type?: string, timeoutMs = 15_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = type ? queue.findIndex((f) => f.type === type) : 0;
      if (i >= 0 && queue.length > i) return queue.splice(i, 1)[0];
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type ?? ''} frame within ${timeoutMs} ms; queued: ${JSON.stringify(queue)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  const client: WsClient = {
    ws,
    next,
    async until(type, timeoutMs) {
      const out: Frame[] = [];
      for (;;) {
        const f = await next(undefined, timeoutMs);
        out.push(f);
        if (f.type === type) return out;
      }
    },
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    closed,
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ok: true, client }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ ok: false, status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    // Kept for the socket's life: an 'error' without a listener would throw out of the test process.
    ws.on('error', (err) => reject(err));
  });
}

/** Connects and asserts the upgrade succeeded. */
export async function open(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
  const r = await connect(url, headers);
  if (!r.ok) throw new Error(`upgrade refused with HTTP ${r.status}`);
  return r.client;
}
