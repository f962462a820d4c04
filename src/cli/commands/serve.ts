import cluster from 'node:cluster';
import type { Command } from 'commander';
import { UsageError } from './db.ts';

/** Set in the environment of each API process that `serve --workers N` forks: its index, 0…N−1. */
const WORKER_INDEX = 'SATPREP_API_PROCESS';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (migrates the database and seeds an empty one first)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .option('--workers <n>', 'API processes sharing the port (node:cluster); more than 1 needs DATABASE_URL and REDIS_URL', '1')
    .option('--no-jobs', 'do not run background jobs in this process (without Redis they run here by default; run `satprep worker`)')
    .action(async (opts: { port?: string; workers: string; jobs: boolean }) => {
      if (opts.port !== undefined) process.env.PORT = opts.port;
      const n = Number(opts.workers);
      if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--workers must be an integer from 1 to 64');
      const runJobs = opts.jobs === false ? false : undefined;
      if (n === 1 || cluster.isWorker) {
        const [{ startServer }, { config }] = await Promise.all([import('../../api/server.ts'), import('../context.ts')]);
        const { url } = await startServer(config(), { runJobs });
        if (cluster.isPrimary) console.error(`satprep listening on ${url}`);
        return;
      }
      await superviseCluster(n);
    });
}

/**
 * The primary of `serve --workers N`: forks N API processes that share the listening port
 * (the primary hands connections round-robin), restarts one that dies, and on SIGTERM/SIGINT
 * passes the signal on and waits for every process to shut down gracefully.
 *
 * The processes share nothing in memory that matters — sessions, adaptive-test state and
 * idempotency in PostgreSQL; cache, rate limits, tutor fan-out and the job queue in Redis —
 * hence the two URLs are required. PGlite in particular is one process's database.
 */
async function superviseCluster(n: number): Promise<void> {
  const { config } = await import('../context.ts');
  const cfg = config();
  if (!cfg.DATABASE_URL || !cfg.REDIS_URL) {
    throw new UsageError('--workers > 1 needs DATABASE_URL (PGlite is one process\'s database) and REDIS_URL (shared cache, rate limits, tutor fan-out, job queue)');
  }
  const { createLogger } = await import('../../lib/log.ts');
  const logger = createLogger(cfg.LOG_LEVEL);
  let shuttingDown = false;
  const byIndex = new Map<number, ReturnType<typeof cluster.fork>>();
  const fork = (index: number) => {
    // One process seeds an empty database; the others would only race it.
    const w = cluster.fork({ [WORKER_INDEX]: String(index), ...(index > 0 ? { SEED_ON_START: 'false' } : {}) });
    byIndex.set(index, w);
    w.on('exit', (code, signal) => {
      byIndex.delete(index);
      if (shuttingDown) return;
      logger.error({ index, pid: w.process.pid, code, signal }, 'API process died; restarting it');
      setTimeout(() => !shuttingDown && fork(index), 1000);
    });
  };
  for (let i = 0; i < n; i++) fork(i);
  logger.info({ processes: n, port: cfg.PORT }, 'API processes starting');

  const stop = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'stopping API processes');
    // SIGTERM even for a terminal's Ctrl-C: the processes got that SIGINT already, and a second SIGINT would cut them short.
    for (const w of byIndex.values()) w.process.kill('SIGTERM');
    const hard = setTimeout(() => process.exit(1), cfg.SHUTDOWN_TIMEOUT_MS + cfg.SHUTDOWN_DRAIN_DELAY_MS + 2000);
    hard.unref();
    const check = setInterval(() => {
      if (byIndex.size === 0) {
        clearInterval(check);
        process.exit(0);
      }
    }, 100);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
