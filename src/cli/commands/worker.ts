import type { Command } from 'commander';
import { UsageError } from './db.ts';
import { JOB_KIND_NAMES, positiveInt } from '../options.ts';

/**
 * `satprep worker`: runs background jobs (src/jobs) until SIGTERM/SIGINT, then stops taking
 * jobs and lets the running one finish within SHUTDOWN_TIMEOUT_MS, or hands it back to the
 * queue. BullMQ on REDIS_URL, else the `jobs` table of the configured database.
 */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run background jobs (dataset builds, exports, SEL pipeline, synthetic data) from the queue; BullMQ when REDIS_URL is set, else the jobs table')
    .option('--concurrency <n>', 'jobs run side by side', '1')
    .option('--kinds <list>', `comma-separated kinds to take (jobs table only): ${JOB_KIND_NAMES.join(', ')}`)
    .option('--until-idle', 'exit once no job is waiting or running (a batch run)')
    .option('--poll-ms <ms>', 'jobs table: idle re-check for jobs enqueued elsewhere', '1000')
    .option('--lock-ms <ms>', 'BullMQ: lock duration and stalled-check interval (how soon a dead worker\'s job is taken over)', '60000')
    .action(async (o: { concurrency: string; kinds?: string; untilIdle?: boolean; pollMs: string; lockMs: string }) => {
      const { config } = await import('../context.ts');
      const cfg = config();
      const kinds = o.kinds?.split(',').map((k) => k.trim()).filter(Boolean);
      const unknown = kinds?.filter((k) => !(JOB_KIND_NAMES as readonly string[]).includes(k)) ?? [];
      if (unknown.length) throw new UsageError(`unknown job kind(s): ${unknown.join(', ')} (known: ${JOB_KIND_NAMES.join(', ')})`);
      if (kinds && cfg.REDIS_URL) throw new UsageError('--kinds works on the jobs table only; with REDIS_URL every worker takes every kind');
      const [{ migrateDatabase, openConfiguredDatabase }, { openJobs }, { createLogger }] = await Promise.all([
        import('../../db/index.ts'), import('../../jobs/index.ts'), import('../../lib/log.ts'),
      ]);
      const logger = createLogger(cfg.LOG_LEVEL);
      const database = await openConfiguredDatabase(cfg);
      await migrateDatabase(database);
      const jobs = await openJobs({
        database,
        config: cfg,
        log: logger,
        worker: { concurrency: positiveInt(o.concurrency, '--concurrency'), kinds, pollMs: positiveInt(o.pollMs, '--poll-ms'), lockMs: positiveInt(o.lockMs, '--lock-ms') },
      });
      logger.info({ backend: jobs.queue.backend, database: database.location, kinds: kinds ?? 'all', pid: process.pid }, 'worker ready');

      let stopping: Promise<never> | undefined;
      const stop = (why: string) =>
        (stopping ??= (async () => {
          logger.info({ why, graceMs: cfg.SHUTDOWN_TIMEOUT_MS }, 'worker stopping');
          let code = 0;
          try {
            await jobs.close(cfg.SHUTDOWN_TIMEOUT_MS);
            await database.close();
          } catch (err) {
            logger.error({ err: (err as Error).message }, 'worker shutdown failed');
            code = 1;
          }
          logger.info('worker stopped');
          process.exit(code);
        })());
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(signal));

      if (o.untilIdle) {
        // Idle twice in a row, so a job between a finish and the next claim is not missed.
        let idleChecks = 0;
        for (;;) {
          await new Promise((r) => setTimeout(r, 250));
          const d = await jobs.queue.depth();
          const pending = Object.values(d).reduce((a, b) => a + b, 0) + (jobs.worker?.busy ?? 0);
          idleChecks = pending === 0 ? idleChecks + 1 : 0;
          if (idleChecks >= 2) return void (await stop('idle'));
        }
      }
      await new Promise(() => {}); // runs until a signal
    });
}
