/**
 * The one door to every text generator. `generate(task, input, ctx)` validates the input,
 * adds retrieved passages for free-text tasks, then walks the provider chain (in-house model
 * → OpenAI-compatible endpoint → template), skipping providers that are unavailable or whose
 * circuit is open, and falling through when an answer fails a critical check. Answers that
 * pass are cached by task + prompt version + provider version + normalised input. Each call
 * records one ai_outputs row when `ctx.db` is given.
 */
import { createHash } from 'node:crypto';
import type { Cache } from '../cache/index.ts';
import type { Db } from '../db/client.ts';
import type { AiTaskName } from '../db/enums.ts';
import { aiOutputs } from '../db/schema/ai.ts';
import { createRng } from '../lib/rng.ts';
import { createBreaker, type Breaker } from './providers/breaker.ts';
import type { CompletionRequest, Provider, ProviderKind } from './providers/types.ts';
import type { Bm25Index } from './search/bm25.ts';
import { retrieve } from './search/retrieve.ts';
import { criticalFailures, renderPrompt, type AiTask, type ChatMessage, type CheckResult } from './task.ts';

export interface GenerateContext {
  /** The chain, in order of preference. */
  providers: readonly Provider[];
  /** Per-task chains: the provider kinds to try, in order (default: all of `providers`). */
  routes?: Partial<Record<AiTaskName, readonly ProviderKind[]>>;
  cache?: Cache;
  cacheTtlMs?: number;
  /** Defaults to one breaker per process. */
  breaker?: Breaker;
  db?: Db;
  /**
   * Without `db`: keep the ai_outputs row in `result.pending` for `recordOutput`, so a caller
   * can generate first and record inside a short transaction afterwards (no transaction, and
   * on the embedded database no connection, is held while a model writes).
   */
  deferRecord?: boolean;
  /** Lessons and rationales for the free-text tasks; without it they answer from the item alone. */
  search?: Bm25Index;
  searchK?: number;
  /** Seed for the template; by default derived from the input, so the same input reads the same. */
  seed?: string;
  signal?: AbortSignal;
  meta?: { userId?: string; sessionId?: string; questionId?: string };
}

export interface Attempt {
  provider: ProviderKind;
  outcome: 'unavailable' | 'breaker-open' | 'error' | 'rejected' | 'ok' | 'cache-hit';
  detail?: string;
}

export interface GenerateResult {
  text: string;
  provider: ProviderKind;
  model: string;
  latencyMs: number;
  checks: CheckResult[];
  passed: boolean;
  cached: boolean;
  aiOutputId: string | null;
  attempts: Attempt[];
  /** The row to record, when generated with `deferRecord`. */
  pending?: typeof aiOutputs.$inferInsert;
}

/** Records a deferred generation's ai_outputs row (in the caller's transaction); returns its id. */
export async function recordOutput(db: Db, pending: typeof aiOutputs.$inferInsert): Promise<string> {
  const [row] = await db.insert(aiOutputs).values(pending).returning({ id: aiOutputs.id });
  return row.id;
}

export type StreamEvent =
  | { type: 'chunk'; text: string; provider: ProviderKind }
  /** Discard what was shown: the provider failed or its answer failed a critical check. */
  | { type: 'reset'; provider: ProviderKind; reason: string }
  | { type: 'done'; result: GenerateResult };

export class AiUnavailableError extends Error {
  override name = 'AiUnavailableError';
  constructor(readonly attempts: Attempt[]) {
    super(`no provider answered: ${attempts.map((a) => `${a.provider} ${a.outcome}${a.detail ? ` (${a.detail})` : ''}`).join('; ')}`);
  }
}

const processBreaker = createBreaker();

/** Key order and incidental whitespace do not make two inputs different. */
export function normaliseInput(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (typeof v === 'string') return v.trim().replace(/\s+/g, ' ');
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, norm((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(norm(value));
}

interface Prepared<I> {
  task: AiTask<I>;
  input: I;
  messages: ChatMessage[];
  prompt: string;
  inputHash: string;
  chain: Provider[];
  started: number;
  attempts: Attempt[];
}

function prepare<I>(task: AiTask<I>, rawInput: unknown, ctx: GenerateContext): Prepared<I> {
  const started = performance.now();
  const parsed = task.input.parse(rawInput);
  const input = ctx.search ? retrieve(task, parsed, ctx.search, ctx.searchK ?? 3) : parsed;
  const messages = task.prompt(input);
  const route = ctx.routes?.[task.name];
  const chain = route ? route.flatMap((k) => ctx.providers.filter((p) => p.kind === k)) : [...ctx.providers];
  const inputHash = createHash('sha256').update(normaliseInput(input)).digest('hex').slice(0, 32);
  return { task, input, messages, prompt: renderPrompt(messages), inputHash, chain, started, attempts: [] };
}

/** Keyed by the version that answers this request, so an A/B split never serves one variant's answer as the other's. */
const cacheKey = (p: Prepared<unknown>, provider: Provider, req: CompletionRequest) =>
  `ai:${p.task.name}:${p.task.promptVersion}:${provider.versionFor?.(req) ?? provider.version}:${p.inputHash}`;

function request<I>(p: Prepared<I>, ctx: GenerateContext): CompletionRequest {
  return {
    task: p.task, input: p.input, messages: p.messages, rng: createRng(ctx.seed ?? `${p.task.name}:${p.inputHash}`), signal: ctx.signal,
    assignKey: ctx.meta?.userId ?? p.inputHash,
  };
}

function available(p: Prepared<unknown>, provider: Provider, req: CompletionRequest): boolean {
  if (provider.available(req)) return true;
  p.attempts.push({ provider: provider.kind, outcome: 'unavailable' });
  return false;
}

function circuitClosed(p: Prepared<unknown>, provider: Provider, breaker: Breaker): boolean {
  if (breaker.allow(provider.version)) return true;
  p.attempts.push({ provider: provider.kind, outcome: 'breaker-open' });
  return false;
}

async function cached(p: Prepared<unknown>, provider: Provider, req: CompletionRequest, ctx: GenerateContext) {
  // The template is cheaper to rerun than a round-trip to Redis, so only model answers are cached.
  if (!ctx.cache || provider.kind === 'template') return null;
  const hit = await ctx.cache.get(cacheKey(p, provider, req)).catch(() => undefined);
  if (!hit) return null;
  const { text, model } = JSON.parse(hit) as { text: string; model: string };
  return { text, model };
}

async function finish<I>(
  p: Prepared<I>, provider: Provider, req: CompletionRequest, text: string, model: string, checks: CheckResult[], wasCached: boolean, ctx: GenerateContext,
): Promise<GenerateResult> {
  const latencyMs = performance.now() - p.started;
  const passed = checks.every((c) => c.pass);
  if (ctx.cache && !wasCached && passed && provider.kind !== 'template') {
    await ctx.cache.set(cacheKey(p, provider, req), JSON.stringify({ text, model }), ctx.cacheTtlMs ?? 7 * 24 * 3600_000).catch(() => {});
  }
  const row: typeof aiOutputs.$inferInsert = {
    task: p.task.name,
    promptVersion: p.task.promptVersion,
    input: p.input as Record<string, unknown>,
    prompt: p.prompt,
    output: text,
    provider: provider.kind,
    modelVersion: model,
    latencyMs: Math.round(latencyMs),
    checks,
    passed,
    userId: ctx.meta?.userId,
    sessionId: ctx.meta?.sessionId,
    questionId: ctx.meta?.questionId,
  };
  const aiOutputId = ctx.db ? await recordOutput(ctx.db, row) : null;
  return {
    text, provider: provider.kind, model, latencyMs, checks, passed, cached: wasCached, aiOutputId, attempts: p.attempts,
    ...(!ctx.db && ctx.deferRecord ? { pending: row } : {}),
  };
}

export async function generate<I>(task: AiTask<I>, rawInput: unknown, ctx: GenerateContext): Promise<GenerateResult> {
  const p = prepare(task, rawInput, ctx);
  const breaker = ctx.breaker ?? processBreaker;
  for (const [i, provider] of p.chain.entries()) {
    const req = request(p, ctx);
    if (!available(p, provider, req)) continue;
    const isLast = i === p.chain.length - 1;
    // A cached answer is served even while the provider's circuit is open: it needs no call.
    const hit = await cached(p, provider, req, ctx);
    let text: string;
    let model: string;
    if (hit) {
      ({ text, model } = hit);
    } else {
      if (!circuitClosed(p, provider, breaker)) continue;
      try {
        ({ text, model } = await provider.complete(req));
        breaker.success(provider.version);
      } catch (err) {
        breaker.failure(provider.version);
        p.attempts.push({ provider: provider.kind, outcome: 'error', detail: (err as Error).message });
        continue;
      }
    }
    const checks = task.checks(p.input, text);
    const critical = criticalFailures(checks);
    // The template is the floor: its answer is returned (and recorded as failing) rather than nothing.
    if (critical.length && !isLast) {
      p.attempts.push({ provider: provider.kind, outcome: 'rejected', detail: critical.map((c) => c.name).join(', ') });
      continue;
    }
    p.attempts.push({ provider: provider.kind, outcome: hit ? 'cache-hit' : 'ok' });
    return finish(p, provider, req, text, model, checks, Boolean(hit), ctx);
  }
  throw new AiUnavailableError(p.attempts);
}

/**
 * Streaming for tutor_chat (any task works): chunks are passed on as they arrive. If the
 * provider fails mid-stream or its finished answer fails a critical check, a `reset` event
 * tells the client to discard the shown text, and the next provider streams instead.
 */
export async function* generateStream<I>(task: AiTask<I>, rawInput: unknown, ctx: GenerateContext): AsyncGenerator<StreamEvent> {
  const p = prepare(task, rawInput, ctx);
  const breaker = ctx.breaker ?? processBreaker;
  for (const [i, provider] of p.chain.entries()) {
    const req = request(p, ctx);
    if (!available(p, provider, req)) continue;
    const isLast = i === p.chain.length - 1;
    const hit = await cached(p, provider, req, ctx);
    if (hit) {
      p.attempts.push({ provider: provider.kind, outcome: 'cache-hit' });
      yield { type: 'chunk', text: hit.text, provider: provider.kind };
      yield { type: 'done', result: await finish(p, provider, req, hit.text, hit.model, task.checks(p.input, hit.text), true, ctx) };
      return;
    }
    if (!circuitClosed(p, provider, breaker)) continue;
    let text = '';
    const stream = provider.stream(req);
    try {
      for await (const chunk of stream) {
        text += chunk;
        yield { type: 'chunk', text: chunk, provider: provider.kind };
      }
      if (!text.trim()) throw new Error('empty stream');
      breaker.success(provider.version);
    } catch (err) {
      breaker.failure(provider.version);
      p.attempts.push({ provider: provider.kind, outcome: 'error', detail: (err as Error).message });
      if (text) yield { type: 'reset', provider: provider.kind, reason: (err as Error).message };
      continue;
    }
    text = text.trim();
    const checks = task.checks(p.input, text);
    const critical = criticalFailures(checks);
    if (critical.length && !isLast) {
      const detail = critical.map((c) => c.name).join(', ');
      p.attempts.push({ provider: provider.kind, outcome: 'rejected', detail });
      yield { type: 'reset', provider: provider.kind, reason: `failed critical checks: ${detail}` };
      continue;
    }
    p.attempts.push({ provider: provider.kind, outcome: 'ok' });
    yield { type: 'done', result: await finish(p, provider, req, text, stream.model, checks, false, ctx) };
    return;
  }
  throw new AiUnavailableError(p.attempts);
}
