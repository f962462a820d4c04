/**
 * Any server speaking the OpenAI chat-completions protocol (hosted, vLLM, llama.cpp server,
 * Ollama): POST {base}/chat/completions, plain JSON or server-sent events when streaming.
 * A timeout bounds the whole answer; while streaming it bounds the silence between chunks.
 */
import type { ChatMessage } from '../task.ts';
import { ProviderError, type CompletionRequest, type Provider } from './types.ts';

export interface OpenAiOptions {
  /** e.g. https://api.openai.com/v1 or http://localhost:8000/v1 */
  baseUrl?: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
  temperature?: number;
  maxTokens?: number;
}

export function createOpenAiProvider(opts: OpenAiOptions): Provider {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const url = opts.baseUrl ? `${opts.baseUrl.replace(/\/+$/, '')}/chat/completions` : '';
  const body = (messages: ChatMessage[], stream: boolean) =>
    JSON.stringify({ model: opts.model, messages, stream, temperature: opts.temperature ?? 0.3, max_tokens: opts.maxTokens ?? 400 });

  /** One abort signal for the caller's cancel and our timer; `poke` restarts the timer. */
  function deadline(outer?: AbortSignal) {
    const ctrl = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const poke = () => {
      clearTimeout(timer);
      timer = setTimeout(() => ctrl.abort(new ProviderError(`no answer within ${timeoutMs} ms`, 'openai', 'timeout')), timeoutMs);
    };
    outer?.addEventListener('abort', () => ctrl.abort(outer.reason), { once: true });
    poke();
    return { signal: ctrl.signal, poke, done: () => clearTimeout(timer) };
  }

  async function post(req: CompletionRequest, stream: boolean, signal: AbortSignal): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}) },
        body: body(req.messages, stream),
        signal,
      });
    } catch (err) {
      throw asProviderError(err, signal);
    }
    if (!res.ok) {
      const detail = (await res.text().catch(() => '')).slice(0, 200);
      throw new ProviderError(`HTTP ${res.status} from chat-completions: ${detail}`, 'openai', 'http', res.status);
    }
    return res;
  }

  return {
    kind: 'openai',
    version: `openai:${opts.model}`,
    available: () => Boolean(opts.baseUrl),
    async complete(req) {
      const d = deadline(req.signal);
      try {
        const res = await post(req, false, d.signal);
        const json = (await res.json().catch((err) => { throw asProviderError(err, d.signal); })) as {
          model?: string;
          choices?: { message?: { content?: unknown } }[];
        };
        const text = json.choices?.[0]?.message?.content;
        if (typeof text !== 'string' || !text.trim()) throw new ProviderError('no message content in the response', 'openai', 'protocol');
        return { text: text.trim(), model: json.model ?? opts.model };
      } finally {
        d.done();
      }
    },
    stream(req) {
      const holder = { model: opts.model };
      async function* chunks(): AsyncGenerator<string> {
        const d = deadline(req.signal);
        try {
          const res = await post(req, true, d.signal);
          if (!res.body) throw new ProviderError('streaming response has no body', 'openai', 'protocol');
          const reader = res.body.getReader();
          const decoder = new TextDecoder();
          let buf = '';
          for (;;) {
            let step: ReadableStreamReadResult<Uint8Array>;
            try {
              step = await reader.read();
            } catch (err) {
              throw asProviderError(err, d.signal);
            }
            if (step.done) return;
            d.poke();
            buf += decoder.decode(step.value, { stream: true });
            // SSE events end with a blank line; each carries one or more `data:` lines.
            let cut: number;
            while ((cut = buf.search(/\r?\n\r?\n/)) >= 0) {
              const event = buf.slice(0, cut);
              buf = buf.slice(cut).replace(/^\r?\n\r?\n/, '');
              const data = event.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
              if (!data) continue;
              if (data === '[DONE]') return;
              let parsed: { model?: string; choices?: { delta?: { content?: unknown } }[] };
              try {
                parsed = JSON.parse(data);
              } catch {
                throw new ProviderError('malformed SSE data', 'openai', 'protocol');
              }
              if (parsed.model) holder.model = parsed.model;
              const piece = parsed.choices?.[0]?.delta?.content;
              if (typeof piece === 'string' && piece) yield piece;
            }
          }
        } finally {
          d.done();
        }
      }
      // A getter, because the server names its model only once the stream has started.
      return Object.defineProperty(chunks(), 'model', { get: () => holder.model }) as AsyncGenerator<string> & { model: string };
    },
  };
}

function asProviderError(err: unknown, signal: AbortSignal): ProviderError {
  if (err instanceof ProviderError) return err;
  if (signal.aborted && signal.reason instanceof ProviderError) return signal.reason;
  if (signal.aborted) return new ProviderError('request aborted', 'openai', 'timeout');
  return new ProviderError(`network error: ${(err as Error)?.message ?? String(err)}`, 'openai', 'network');
}
