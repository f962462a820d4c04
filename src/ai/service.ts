/**
 * The AI door as the platform holds it: the provider chain from configuration, the shared
 * cache, and a search index over the lessons' sections and the test guide, built once from
 * what the database holds. Callers add `db` (their transaction) and `meta` per call.
 */
import type { Cache } from '../cache/index.ts';
import type { Config } from '../config.ts';
import type { Db, Tx } from '../db/client.ts';
import type { AiTaskName } from '../db/enums.ts';
import { generate, generateStream, type GenerateContext, type GenerateResult, type StreamEvent } from './generate.ts';
import { instrumentProvider, observeGeneration, observeStream } from './metrics.ts';
import { providersFromConfig, type InHouseModel, type InHouseSource } from './providers/index.ts';
import { buildSearchIndex } from './search/sources.ts';
import type { Bm25Index } from './search/bm25.ts';
import type { SourceDoc } from './task.ts';
import { getTask } from './tasks/index.ts';

export interface AiService {
  /** `input` is validated against the task's schema (defaults applied) before anything runs. */
  run(task: AiTaskName, input: Record<string, unknown>, call: { db?: Db | Tx; meta?: GenerateContext['meta']; deferRecord?: boolean }): Promise<GenerateResult>;
  /** Like `run`, streamed: chunks as they arrive, `reset` when shown text is withdrawn, then `done`. */
  stream(task: AiTaskName, input: Record<string, unknown>, call: { db?: Db | Tx; meta?: GenerateContext['meta'] }): AsyncGenerator<StreamEvent>;
  /** Rebuild the search index (after the lessons change). */
  setSources(passages: readonly SourceDoc[]): void;
}

/** `inHouse`: one model, or a source that follows the registry's active model (model/serve). */
export function createAiService(opts: { config: Config; cache?: Cache; inHouse?: InHouseModel | InHouseSource | null }): AiService {
  const providers = providersFromConfig(opts.config, { inHouse: opts.inHouse ?? null }).map(instrumentProvider);
  let search: Bm25Index | undefined;
  return {
    run(task, input, call) {
      return observeGeneration(
        task,
        generate(getTask(task) as never, input, {
          providers,
          cache: opts.cache,
          search,
          db: call.db as Db | undefined,
          deferRecord: call.deferRecord,
          meta: call.meta,
        }),
      );
    },
    stream(task, input, call) {
      return observeStream(task, generateStream(getTask(task) as never, input, { providers, cache: opts.cache, search, db: call.db as Db | undefined, meta: call.meta }));
    },
    setSources(passages) {
      search = buildSearchIndex(passages);
    },
  };
}
