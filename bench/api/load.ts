/**
 * A small closed-loop load generator on node:http keep-alive sockets: `connections`
 * virtual users each run their scenario back to back until the deadline; every request's
 * latency is recorded. Loopback only.
 */
import http from 'node:http';
import { quantile } from '../harness.ts';

export interface HttpReply {
  status: number;
  body: string;
}

export function makeClient(port: number, connections: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  return (method: string, path: string, token?: string, body?: unknown): Promise<HttpReply> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: {
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
}

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<number, number>;
  seconds: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
}

/**
 * Run `users` loops for `seconds`. Each loop calls `step`, which performs one measured
 * request through `timed` (and may do unmeasured set-up calls directly).
 */
export async function runLoad(
  users: number,
  seconds: number,
  step: (user: number, timed: <T extends HttpReply>(p: () => Promise<T>) => Promise<T>) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const timed = async <T extends HttpReply>(p: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    const r = await p();
    latencies.push(performance.now() - s);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status >= 400) errors++;
    return r;
  };
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      while (performance.now() < deadline) await step(u, timed);
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    statuses,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: quantile(latencies, 0.5),
    p90: quantile(latencies, 0.9),
    p99: quantile(latencies, 0.99),
  };
}
