/**
 * Phrase references (prompt view 3): what number references (number-refs.ts) do for numbers,
 * for the other facts an answer must copy exactly — the skills' names and, in an explanation,
 * the correct answer as the prompt states it. The prompt the model reads carries `⟪k⟫` after
 * each such phrase; the model writes `⟪k⟫` where the phrase belongs, and the served text has
 * the phrase put back.
 *
 * Why: our 4-layer model, trained with numbers as references, still wrote near-miss copies of
 * long names (the one-variable linear skill for the two-variable one) and stated an option
 * other than the key in an explanation's last sentence. Where a phrase goes is the
 * model's decision; its wording is then exact by construction. This is the copy mechanism of
 * pointer-generator networks (See et al., 2017), done in the data rather than in the network.
 */
import { SKILLS } from '../content/taxonomy.ts';

const OPEN = '⟪', CLOSE = '⟫';
const PHRASE_REF = /⟪(\d+)⟫/g;

const SKILL_NAMES = SKILLS.map((s) => s.name);
const KEY_LINE = /^Correct answer: (.+)$/m;

interface Span { start: number; end: number; phrase: string }

/** Non-overlapping occurrences of `phrases` in `text` (a longer phrase wins over one inside it), in text order. */
function spansOf(text: string, phrases: readonly string[]): Span[] {
  const taken: Span[] = [];
  for (const phrase of [...phrases].sort((a, b) => b.length - a.length)) {
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + phrase.length)) {
      const end = at + phrase.length;
      // Whole words only, and never inside a phrase already taken.
      if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
      if (taken.some((s) => at < s.end && end > s.start)) continue;
      taken.push({ start: at, end, phrase });
    }
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** The phrases a prompt offers for reference, distinct, in order of first appearance: reference k is `phrases[k - 1]`. */
export function promptPhrases(prompt: string): string[] {
  const candidates: string[] = [...SKILL_NAMES];
  const key = KEY_LINE.exec(prompt)?.[1].trim();
  // An option's text, not a bare value: numbers have references of their own.
  if (key && /\p{L}/u.test(key)) candidates.push(key);
  return [...new Set(spansOf(prompt, candidates).map((s) => s.phrase))];
}

/** The prompt as the model reads it: each phrase followed by its reference. */
export function tagPhrases(prompt: string, phrases: readonly string[]): string {
  return replaceSpans(prompt, phrases, (s, k) => `${s.phrase}${OPEN}${k}${CLOSE}`);
}

/** A response as the model learns it: each prompt phrase replaced by its reference. */
export function toPhraseRefs(output: string, phrases: readonly string[]): string {
  return replaceSpans(output, phrases, (_s, k) => `${OPEN}${k}${CLOSE}`);
}

/** Where a response's phrases sit, so number references leave their digits alone. */
export function phraseSpans(output: string, phrases: readonly string[]): [number, number][] {
  return spansOf(output, phrases).map((s) => [s.start, s.end]);
}

function replaceSpans(text: string, phrases: readonly string[], write: (s: Span, k: number) => string): string {
  if (phrases.length === 0) return text;
  const index = new Map(phrases.map((p, i) => [p, i + 1]));
  let out = '', at = 0;
  for (const s of spansOf(text, phrases)) {
    out += text.slice(at, s.start) + write(s, index.get(s.phrase)!);
    at = s.end;
  }
  return out + text.slice(at);
}

/** A generated text as served: each complete phrase reference becomes its phrase; one past the list stays as written, and the checks reject it. */
export function fromPhraseRefs(text: string, phrases: readonly string[]): string {
  return text.replace(PHRASE_REF, (ref, k: string) => phrases[Number(k) - 1] ?? ref);
}
