/**
 * Number references: the in-house model writes a number it takes from its prompt as `⟦k⟧`,
 * and the served text has the number put back.
 *
 * Why: the tasks' faithfulness checks demand that every number in an answer comes from the
 * input, and a small model copies multi-digit tokens it has seen a few times each poorly
 * (our 4-layer model named the right skill but wrote the wrong accuracy). Which *slot* a
 * number fills ("the accuracy of this skill") is a pattern it learns quickly; which digits sit
 * there is then exact by construction. This is the delexicalisation used in data-to-text
 * generation, with the slot named by position rather than by a field name so it works for
 * every task's prompt without a schema.
 *
 * Two styles, recorded with each model's tokenizer (`Tokenizer.numberRefs`):
 *   - `tagged` (models trained from 2026-11-27 on): k counts *occurrences*, and the prompt the
 *     model reads carries each number's k right after it (`12⟦1⟧/16⟦2⟧ correct`). The model
 *     copies the tag that follows the number it means, which attention does well, instead of
 *     counting numbers, which it does badly; and a repeated value (1/1 correct) shifts nothing.
 *   - `distinct` (the first shipped model): k is the k-th *distinct* value, untagged. A repeated
 *     value shifted every later index, and the model wrote out-of-range references for the
 *     later skills of such prompts. Kept so that models trained with it still serve correctly.
 *
 * The prompt keeps its numbers, so the model still sees the values it phrases around
 * ("75% is solid"). A number in a response that the prompt does not contain stays literal.
 */

export type NumberRefStyle = 'distinct' | 'tagged';
export const NUMBER_REF_STYLES: readonly NumberRefStyle[] = ['distinct', 'tagged'];

/** A number as a word of its own: not glued to a preceding letter, digit or reference bracket ("x2", "e2e", "⟦3⟧", "⟪3⟫" are not numbers). */
const NUMBER = /(?<![\p{L}\p{N}.⟦⟪])\d+(?:\.\d+)?/gu;
const REF = /⟦(\d+)⟧/g;

/** The values references point to: reference k is `numbers[k - 1]`. */
export function promptNumbers(prompt: string, style: NumberRefStyle): string[] {
  const all = [...prompt.matchAll(NUMBER)].map((m) => m[0]);
  return style === 'tagged' ? all : [...new Set(all)];
}

/** The prompt as a `tagged` model reads it: each number followed by its reference. */
export function tagNumbers(prompt: string): string {
  let k = 0;
  return prompt.replace(NUMBER, (n) => `${n}⟦${++k}⟧`);
}

/** Characters shared by `a` and `b` running back from `ai` and `bi` (dir −1) or on from them (dir +1), up to `max`. */
function common(a: string, ai: number, b: string, bi: number, dir: -1 | 1, max: number): number {
  let n = 0;
  const at = (i: number) => (dir < 0 ? -i - 1 : i);
  while (n < max) {
    const x = ai + at(n), y = bi + at(n);
    if (x < 0 || y < 0 || x >= a.length || y >= b.length || a.charCodeAt(x) !== b.charCodeAt(y)) break;
    n++;
  }
  return n;
}

/** How far either side of a number its surroundings are compared when a value occurs more than once. */
const CONTEXT_CHARS = 24;
const WORD = /\p{L}{4,}/gu;
const words = (s: string) => new Set(s.toLowerCase().match(WORD) ?? []);

/** Where a number sits in a text: its line's words and its surroundings. */
interface Site { text: string; start: number; end: number; lineWords: Set<string> }

/**
 * How well a prompt occurrence matches a number written in the response: first by the words
 * its prompt line shares with the response's sentence so far (which skill, which step of the
 * rationale), then by the characters around it ("1/" before, "%" after).
 */
function affinity(out: Site, sentence: Set<string>, p: Site): [number, number] {
  let shared = 0;
  for (const w of sentence) if (p.lineWords.has(w)) shared++;
  const around = common(out.text, out.start, p.text, p.start, -1, CONTEXT_CHARS) + common(out.text, out.end, p.text, p.end, 1, CONTEXT_CHARS);
  return [shared, around];
}

function lineAt(text: string, i: number): string {
  const from = text.lastIndexOf('\n', i - 1) + 1, to = text.indexOf('\n', i);
  return text.slice(from, to < 0 ? text.length : to);
}

/**
 * A response as the model learns it: every number the prompt holds becomes its reference.
 * With `tagged`, a value the prompt holds more than once refers to the occurrence that fits
 * best (`affinity`), the first on a tie: the reference the model learns is then the one a
 * reader would point at ("1/" before the second 1 of "1/1" makes it the total). Numbers inside
 * the `keep` spans (phrases referenced as a whole, phrase-refs.ts) stay as they are.
 */
export function toNumberRefs(output: string, prompt: string, style: NumberRefStyle, keep: readonly [number, number][] = []): string {
  const occurrences = [...prompt.matchAll(NUMBER)];
  if (occurrences.length === 0) return output;
  if (style === 'distinct') {
    const index = new Map(promptNumbers(prompt, 'distinct').map((n, i) => [n, i + 1]));
    return output.replace(NUMBER, (n) => (index.has(n) ? `⟦${index.get(n)}⟧` : n));
  }
  const byValue = new Map<string, number[]>();
  occurrences.forEach((m, i) => { const list = byValue.get(m[0]); if (list) list.push(i); else byValue.set(m[0], [i]); });
  const sites = new Map<number, Site>();
  const siteOf = (i: number): Site => {
    let s = sites.get(i);
    if (!s) {
      const start = occurrences[i].index!;
      s = { text: prompt, start, end: start + occurrences[i][0].length, lineWords: words(lineAt(prompt, start)) };
      sites.set(i, s);
    }
    return s;
  };
  return output.replace(NUMBER, (n, at: number) => {
    const list = byValue.get(n);
    if (!list || keep.some(([a, b]) => at >= a && at < b)) return n;
    if (list.length === 1) return `⟦${list[0] + 1}⟧`;
    const sentenceStart = Math.max(output.lastIndexOf('. ', at), output.lastIndexOf('\n', at), 0);
    const sentence = words(output.slice(sentenceStart, at));
    const site: Site = { text: output, start: at, end: at + n.length, lineWords: new Set() };
    let best = list[0], bestScore = affinity(site, sentence, siteOf(best));
    for (const i of list.slice(1)) {
      const score = affinity(site, sentence, siteOf(i));
      if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) { best = i; bestScore = score; }
    }
    return `⟦${best + 1}⟧`;
  });
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
