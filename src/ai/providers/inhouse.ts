/**
 * The in-house model's place in the chain. model/ owns the model, its registry and the worker
 * thread it runs in; this side sees only `InHouseModel` (one model) or `InHouseSource` (whatever
 * the registry makes active, possibly two models splitting traffic for an A/B test). With
 * neither, or while no model is active, the provider reports itself unavailable and the chain
 * skips it. Its answers are checked by generate.ts like every other provider's.
 */
import type { AiTaskName } from '../../db/enums.ts';
import type { ChatMessage } from '../task.ts';
import { ProviderError, type CompletionRequest, type Provider } from './types.ts';

export interface InHouseRequest {
  task: AiTaskName;
  messages: ChatMessage[];
  signal?: AbortSignal;
}

/** One servable model. */
export interface InHouseModel {
  /** Registry id, e.g. `lm@3f2a9c1d0b7e`; stored with every output it writes. */
  readonly version: string;
  generate(req: InHouseRequest): Promise<string>;
  stream?(req: InHouseRequest): AsyncIterable<string>;
  /**
   * The tasks its training data held; it is not asked for others (a model trained on
   * feedback, explanations and plans writes fluent nonsense for a tutor chat, and some of
   * it passes the checks). Absent: any task.
   */
  readonly tasks?: ReadonlySet<AiTaskName>;
}

/** A changing choice of models: the active one, and an A/B variant with its traffic share. */
export interface InHouseSource {
  /** Changes whenever `pick` may answer differently; part of the circuit-breaker key. */
  readonly version: string;
  available(): boolean;
  /** The model for a request whose assignment key is `key` (the same key always gets the same model), or null. */
  pick(key: string): InHouseModel | null;
}

const isSource = (m: InHouseModel | InHouseSource): m is InHouseSource => typeof (m as InHouseSource).pick === 'function';

/** A fixed model as a source that always picks it. */
export function fixedSource(model: InHouseModel | null): InHouseSource {
  return { version: model?.version ?? 'none', available: () => model !== null, pick: () => model };
}

export function createInHouseProvider(model: InHouseModel | InHouseSource | null): Provider {
  const source = model === null ? fixedSource(null) : isSource(model) ? model : fixedSource(model);
  const need = (req: CompletionRequest): InHouseModel => {
    const m = source.pick(req.assignKey ?? '');
    if (!m) throw new ProviderError('no in-house model is active', 'inhouse', 'protocol');
    return m;
  };
  const ask = (req: CompletionRequest): InHouseRequest => ({ task: req.task.name, messages: req.messages, signal: req.signal });
  return {
    kind: 'inhouse',
    get version() {
      return `inhouse:${source.version}`;
    },
    versionFor(req) {
      return `inhouse:${source.pick(req.assignKey ?? '')?.version ?? 'none'}`;
    },
    available: (req) => {
      if (!source.available()) return false;
      if (!req) return true;
      const m = source.pick(req.assignKey ?? '');
      return m !== null && (!m.tasks || m.tasks.has(req.task.name));
    },
    async complete(req) {
      const m = need(req);
      return { text: await m.generate(ask(req)), model: m.version };
    },
    stream(req) {
      const m = need(req);
      const chunks = m.stream
        ? m.stream(ask(req))
        : (async function* () {
            yield await m.generate(ask(req));
          })();
      return Object.assign(chunks, { model: m.version });
    },
  };
}
