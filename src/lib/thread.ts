/**
 * Worker threads that run one of this project's modules. A worker does not inherit the
 * TypeScript loader that the main thread got from `tsx` on the command line (or from
 * bin/satprep.mjs), so when the sources run as .ts the thread registers it before importing
 * its entry; compiled to .js, the entry is imported as it is.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The code a worker evaluates to load `entry` (a module URL ending in .ts). */
export function threadSource(entry: URL): string {
  const href = entry.href;
  if (!import.meta.url.endsWith('.ts')) return `import(${JSON.stringify(href.replace(/\.ts$/, '.js'))})`;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(href)}); })`;
}

/** A worker thread running the module at `entry`. */
export function startThread(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  return new Worker(threadSource(entry), { ...options, eval: true });
}
