/**
 * The process's Prometheus metrics (prom-client). Counters and histograms that describe the
 * process — request latencies, AI provider calls, Node's own runtime figures — live in one
 * registry per process, so several app instances in one process (tests) share them rather
 * than failing to register twice. Gauges read from one app's dependencies (its database
 * pool, its sockets) live in a registry per app and are merged in at scrape time.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

export const processRegistry = new Registry();

let defaultsOn = false;

/** Node's runtime metrics (memory, event-loop lag, GC, handles); started once, by the first scrape target. */
export function collectRuntimeMetrics(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: processRegistry });
}

/** The text a scrape returns: the process registry plus each given per-app registry. */
export async function exposition(...extra: Registry[]): Promise<{ contentType: string; body: string }> {
  const merged = extra.length ? Registry.merge([processRegistry, ...extra]) : processRegistry;
  return { contentType: processRegistry.contentType, body: await merged.metrics() };
}
