/** What every text generator in the chain offers. The chain tries providers in order. */
import type { Rng } from '../../lib/rng.ts';
import type { AnyAiTask, ChatMessage } from '../task.ts';

export type ProviderKind = 'inhouse' | 'openai' | 'template';

export interface CompletionRequest {
  task: AnyAiTask;
  input: unknown;
  messages: ChatMessage[];
  /** Seeded randomness for rule-based writers; model providers ignore it. */
  rng: Rng;
  signal?: AbortSignal;
  /** What A/B assignment hashes: the user when known, else the input, so a repeat gets the same variant. */
  assignKey?: string;
}

export interface Completion {
  text: string;
  /** The model or template version that wrote it, stored as ai_outputs.model_version. */
  model: string;
}

export interface Provider {
  readonly kind: ProviderKind;
  /** Part of the cache key: a new model or template version never reads an old answer. */
  readonly version: string;
  /** The version that will answer this request, when it depends on the request (an A/B split); the cache key uses it. */
  versionFor?(req: CompletionRequest): string;
  /**
   * False when the provider cannot answer at all (no active model, no endpoint) or, given a
   * request, cannot answer that one (an in-house model never trained on its task).
   */
  available(req?: CompletionRequest): boolean;
  complete(req: CompletionRequest): Promise<Completion>;
  /** Text chunks as they arrive; `model` is known once the stream has started. */
  stream(req: CompletionRequest): AsyncIterable<string> & { model: string };
}

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    message: string,
    readonly provider: ProviderKind,
    readonly kind: 'timeout' | 'http' | 'protocol' | 'network',
    readonly status?: number,
  ) {
    super(message);
  }
}
