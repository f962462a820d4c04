/**
 * Number references: the in-house model writes a number it takes from its prompt as `⟦k⟧`,
 * "the k-th distinct number of the prompt", and the served text has the number put back.
 *
 * Why: the tasks' faithfulness checks demand that every number in an answer comes from the
 * input, and a small model copies multi-digit tokens it has seen a few times each poorly
 * (our 4-layer model named the right skill but wrote the wrong accuracy). Which *slot* a
 * number fills ("the third number of a feedback prompt is the accuracy") is a pattern it
 * learns quickly; which digits sit there is then exact by construction. This is the
 * delexicalisation used in data-to-text generation, with the slot named by position rather
 * than by a field name so it works for every task's prompt without a schema.
 *
 * The prompt keeps its numbers, so the model still sees the values it phrases around
 * ("75% is solid"). A number in a response that the prompt does not contain stays literal.
 */

/** A number as a word of its own: not glued to a preceding letter or digit ("x2", "e2e" are not numbers). */
const NUMBER = /(?<![\p{L}\p{N}.])\d+(?:\.\d+)?/gu;
const REF = /⟦(\d+)⟧/g;

/**
 * The prompt's distinct numbers in order of first appearance: reference k is `numbers[k - 1]`.
 * Known weakness, kept because the shipped model was trained with it: a repeated value (1/1
 * correct) shifts the index of every later number, so a slot's k depends on values, and the
 * model — which mostly saw prompts without repeats — writes out-of-range or wrong references
 * for the later skills of such a prompt (the checks catch the out-of-range ones and the text
 * falls back). Occurrence order, repeats included, fixes that; it needs a retrained model.
 */
export function promptNumbers(prompt: string): string[] {
  const seen = new Set<string>();
  for (const m of prompt.matchAll(NUMBER)) seen.add(m[0]);
  return [...seen];
}

/** A response as the model learns it: every number the prompt holds becomes its reference. */
export function toNumberRefs(output: string, numbers: readonly string[]): string {
  if (numbers.length === 0) return output;
  const index = new Map(numbers.map((n, i) => [n, i + 1]));
  return output.replace(NUMBER, (n) => (index.has(n) ? `⟦${index.get(n)}⟧` : n));
}

/**
 * A generated text as served: each complete reference becomes its number. A reference past
 * the prompt's numbers is left as written, so the task checks see a non-number and fail
 * the text (and the AI layer falls back) rather than a number being invented.
 */
export function fromNumberRefs(text: string, numbers: readonly string[]): string {
  return text.replace(REF, (ref, k: string) => numbers[Number(k) - 1] ?? ref);
}

/**
 * The part of a growing generation that can be shown already: a trailing reference that is not
 * closed yet (`⟦1` may still become `⟦12⟧`) is held back. Complete references never change,
 * so what was shown stays a prefix of the final text.
 */
export function settledText(text: string, numbers: readonly string[]): string {
  const open = text.lastIndexOf('⟦');
  const cut = open >= 0 && text.indexOf('⟧', open) < 0 ? text.slice(0, open) : text;
  return fromNumberRefs(cut, numbers);
}
