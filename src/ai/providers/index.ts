/** The default chain from configuration: in-house model → OpenAI-compatible endpoint → template. */
import type { Config } from '../../config.ts';
import { createInHouseProvider, type InHouseModel, type InHouseSource } from './inhouse.ts';
import { createOpenAiProvider } from './openai.ts';
import { createTemplateProvider } from './template.ts';
import type { Provider } from './types.ts';

export function providersFromConfig(
  config: Pick<Config, 'OPENAI_BASE_URL' | 'OPENAI_API_KEY' | 'OPENAI_MODEL'>,
  opts: { inHouse?: InHouseModel | InHouseSource | null; timeoutMs?: number } = {},
): Provider[] {
  return [
    createInHouseProvider(opts.inHouse ?? null),
    createOpenAiProvider({ baseUrl: config.OPENAI_BASE_URL, apiKey: config.OPENAI_API_KEY, model: config.OPENAI_MODEL, timeoutMs: opts.timeoutMs }),
    createTemplateProvider(),
  ];
}

export { createBreaker, type Breaker } from './breaker.ts';
export { createInHouseProvider, fixedSource, type InHouseModel, type InHouseRequest, type InHouseSource } from './inhouse.ts';
export { createOpenAiProvider, type OpenAiOptions } from './openai.ts';
export { createTemplateProvider } from './template.ts';
export { ProviderError, type Provider, type ProviderKind } from './types.ts';
