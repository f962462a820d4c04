/**
 * What the provider chain does, as Prometheus metrics: how long each provider takes per
 * task, which provider finally answered, and every fallback past a provider with its
 * reason. Wrapping the providers and reading `GenerateResult.attempts` keeps generate.ts
 * free of metrics code.
 */
import { Counter, Histogram } from 'prom-client';
import { processRegistry } from '../lib/metrics.ts';
import { AiUnavailableError, type Attempt, type GenerateResult, type StreamEvent } from './generate.ts';
import type { CompletionRequest, Provider } from './providers/types.ts';

const providerSeconds = new Histogram({
  name: 'satprep_ai_provider_duration_seconds',
  help: 'Time for one provider call (a completion, or a whole stream), by provider, task and outcome',
  labelNames: ['provider', 'task', 'outcome'] as const,
  buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [processRegistry],
});

const fallbacks = new Counter({
  name: 'satprep_ai_fallbacks_total',
  help: 'Times the chain moved past a provider: unavailable, breaker-open, error or rejected (failed a critical check)',
  labelNames: ['task', 'provider', 'reason'] as const,
  registers: [processRegistry],
});

const answers = new Counter({
  name: 'satprep_ai_answers_total',
  help: 'Generated texts served, by task, the provider that wrote them, and whether from cache',
  labelNames: ['task', 'provider', 'cached'] as const,
  registers: [processRegistry],
});

const failures = new Counter({
  name: 'satprep_ai_unanswered_total',
  help: 'Generations where no provider answered at all',
  labelNames: ['task'] as const,
  registers: [processRegistry],
});

const taskOf = (req: CompletionRequest) => req.task.name;

/** The same provider, timed. Everything but the two calls is read through from the original (its version can change). */
export function instrumentProvider(provider: Provider): Provider {
  const timed: Pick<Provider, 'complete' | 'stream'> = {
    async complete(req) {
      const end = providerSeconds.startTimer({ provider: provider.kind, task: taskOf(req) });
      try {
        const out = await provider.complete(req);
        end({ outcome: 'ok' });
        return out;
      } catch (err) {
        end({ outcome: 'error' });
        throw err;
      }
    },
    stream(req) {
      const inner = provider.stream(req);
      return {
        get model() {
          return inner.model;
        },
        async *[Symbol.asyncIterator]() {
          const end = providerSeconds.startTimer({ provider: provider.kind, task: taskOf(req) });
          let outcome = 'error';
          try {
            for await (const chunk of inner) yield chunk;
            outcome = 'ok';
          } finally {
            end({ outcome });
          }
        },
      };
    },
  };
  return Object.assign(Object.create(provider) as Provider, timed);
}

function countFallbacks(task: string, attempts: readonly Attempt[]): void {
  for (const a of attempts) if (a.outcome !== 'ok' && a.outcome !== 'cache-hit') fallbacks.inc({ task, provider: a.provider, reason: a.outcome });
}

function record(task: string, result: GenerateResult): void {
  countFallbacks(task, result.attempts);
  answers.inc({ task, provider: result.provider, cached: String(result.cached) });
}

function recordFailure(task: string, err: unknown): void {
  if (!(err instanceof AiUnavailableError)) return;
  countFallbacks(task, err.attempts);
  failures.inc({ task });
}

export async function observeGeneration(task: string, pending: Promise<GenerateResult>): Promise<GenerateResult> {
  try {
    const result = await pending;
    record(task, result);
    return result;
  } catch (err) {
    recordFailure(task, err);
    throw err;
  }
}

export async function* observeStream(task: string, events: AsyncGenerator<StreamEvent>): AsyncGenerator<StreamEvent> {
  try {
    for await (const event of events) {
      if (event.type === 'done') record(task, event.result);
      yield event;
    }
  } catch (err) {
    recordFailure(task, err);
    throw err;
  }
}
