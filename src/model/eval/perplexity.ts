/**
 * Held-out perplexity on response tokens, teacher-forced: exp of the mean negative
 * log-likelihood of each response token (and `<|end|>`) given the prompt and the response so
 * far — the same masking as the training loss, so it is exp(validation loss).
 *
 * Token perplexity depends on the tokenizer (a model with a bigger vocabulary has fewer,
 * harder tokens), so models with different tokenizers are compared by perplexity per UTF-8
 * byte of response text, exp(total NLL / bytes), which does not.
 */
import type { AiTaskName } from '../../db/enums.ts';
import { encodeExample, packRows } from '../data.ts';
import type { LoadedModel } from '../generate.ts';
import { SPECIAL } from '../tokenizer.ts';
import { evaluate } from '../train.ts';

export interface PerplexityResult {
  examples: number;
  tokens: number;
  bytes: number;
  /** Total negative log-likelihood in nats. */
  nll: number;
  perplexity: number;
  bytePerplexity: number;
}

export function responsePerplexity(
  lm: LoadedModel, pairs: readonly { task: AiTaskName; prompt: string; output: string }[], opts: { batch?: number } = {},
): PerplexityResult {
  const { model, tokenizer: tok } = lm;
  const T = model.config.maxSeq, B = opts.batch ?? 8, pad = tok.special(SPECIAL.pad), end = tok.special(SPECIAL.end);
  const examples = pairs.map((p) => encodeExample(tok, { task: p.task, prompt: p.prompt, output: p.output }, T));
  let tokens = 0, bytes = 0;
  for (const e of examples) {
    const resp = e.ids.slice(e.ids.length - e.targets.filter((t) => t >= 0).length);
    tokens += resp.length;
    bytes += Buffer.byteLength(tok.decode(resp.filter((id) => id !== end)), 'utf8');
  }
  if (tokens === 0) return { examples: 0, tokens: 0, bytes: 0, nll: 0, perplexity: NaN, bytePerplexity: NaN };
  const rows = packRows(examples, examples.map((_, i) => i), T, pad);
  const nll = evaluate(model, rows, B, T, pad) * tokens;
  return { examples: examples.length, tokens, bytes, nll, perplexity: Math.exp(nll / tokens), bytePerplexity: Math.exp(nll / Math.max(1, bytes)) };
}
