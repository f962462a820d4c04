/**
 * The in-house model's place in the chain. The model does not exist yet (model/ trains and
 * registers it later); until one is active, `createInHouseProvider(null)` reports itself
 * unavailable and the chain simply skips it. Nothing here pretends to generate text.
 */
import type { ChatMessage } from '../task.ts';
import { ProviderError, type Provider } from './types.ts';

/** What model/ must hand to ai/ when it promotes a model to active. */
export interface InHouseModel {
  /** Registry version, e.g. `lm-2025-06-01-a1b2`; stored with every output it writes. */
  readonly version: string;
  generate(messages: ChatMessage[], opts: { signal?: AbortSignal }): Promise<string>;
  stream?(messages: ChatMessage[], opts: { signal?: AbortSignal }): AsyncIterable<string>;
}

export function createInHouseProvider(model: InHouseModel | null): Provider {
  const need = (): InHouseModel => {
    if (!model) throw new ProviderError('no in-house model is active', 'inhouse', 'protocol');
    return model;
  };
  return {
    kind: 'inhouse',
    version: model ? `inhouse:${model.version}` : 'inhouse:none',
    available: () => model !== null,
    async complete(req) {
      const m = need();
      return { text: await m.generate(req.messages, { signal: req.signal }), model: m.version };
    },
    stream(req) {
      const m = need();
      const source = m.stream
        ? m.stream(req.messages, { signal: req.signal })
        : (async function* () {
            yield await m.generate(req.messages, { signal: req.signal });
          })();
      return Object.assign(source, { model: m.version });
    },
  };
}
