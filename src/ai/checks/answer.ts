/**
 * Reading the answer a text states. MCQ answers are a capital letter after "answer is"
 * (optionally "choice"/"option", optionally in parentheses) or "Choice X is correct"; SPR
 * answers are a number, fraction or decimal after "answer is". Letters are matched only in
 * capitals so the article "a" is never read as choice A.
 */
import type { Item } from '../../content/item.ts';
import type { CheckResult } from '../task.ts';
import { normaliseNumerals } from './numbers.ts';

const LETTER = /\b(?:[Aa]nswer|[Kk]ey)\s+(?:is|was|would be|=|:)\s+(?:[Cc]hoice\s+|[Oo]ption\s+)?\(?([A-D])\)?(?![A-Za-z0-9])|\b[Cc]hoice\s+\(?([A-D])\)?\s+is\s+(?:the\s+)?(?:correct|right|best)/g;
const VALUE = /\b[Aa]nswer\s+(?:is|was|would be|=|:)\s+(-?\d+(?:\.\d+)?(?:\/\d+)?|-?\.\d+)/g;

export interface StatedAnswer { kind: 'letter' | 'value'; text: string; index: number }

export function statedAnswers(text: string): StatedAnswer[] {
  const s = normaliseNumerals(text);
  const out: StatedAnswer[] = [];
  // exec loops over the shared patterns (neither can match empty, so each match advances).
  LETTER.lastIndex = 0;
  for (let m = LETTER.exec(s); m !== null; m = LETTER.exec(s)) out.push({ kind: 'letter', text: m[1] ?? m[2], index: m.index });
  VALUE.lastIndex = 0;
  for (let m = VALUE.exec(s); m !== null; m = VALUE.exec(s)) out.push({ kind: 'value', text: m[1], index: m.index });
  return out.sort((x, y) => x.index - y.index);
}

export function parseValue(s: string): number | null {
  const t = normaliseNumerals(s.trim());
  const frac = /^(-?\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(t);
  if (frac) return Number(frac[2]) === 0 ? null : Number(frac[1]) / Number(frac[2]);
  return /^-?(?:\d+(?:\.\d+)?|\.\d+)$/.test(t) ? Number(t) : null;
}

/** The number an option shows, reading through a currency sign, thousands commas and a unit ("$1,250", "65%", "32°", "18 cm"). */
export function optionValue(option: string): number | null {
  const m = /^\$?(-?[\d,]*\.?\d+(?:\/\d+)?)\s*(?:%|°|[a-z]+(?: [a-z]+)?)?$/i.exec(normaliseNumerals(option.trim()));
  return m ? parseValue(m[1].replace(/,(?=\d{3}\b)/g, '')) : null;
}

type KeyFields = Pick<Item, 'type' | 'answer' | 'options' | 'acceptedAnswers'>;

/** Does a stated answer name the item's key (the letter, or for MCQ the key option's value)? */
export function answerMatchesKey(a: StatedAnswer, item: KeyFields): boolean {
  if (item.type === 'mcq') {
    if (a.kind === 'letter') return a.text === item.answer;
    const idx = 'ABCD'.indexOf(item.answer);
    const keyVal = item.options && idx >= 0 ? optionValue(item.options[idx]) : null;
    const v = parseValue(a.text);
    return keyVal !== null && v !== null && Math.abs(keyVal - v) < 1e-9;
  }
  if (a.kind === 'letter') return false;
  const v = parseValue(a.text);
  const keys = [item.answer, ...(item.acceptedAnswers ?? [])].map(parseValue).filter((x): x is number => x !== null);
  return v !== null && keys.some((k) => Math.abs(k - v) < 1e-6);
}

/**
 * `required`: the text must end by stating the key (explanations). Otherwise it need not
 * state an answer at all, but every answer it does state must be the key.
 */
export function finalAnswerEqualsKey(text: string, item: KeyFields, required: boolean): CheckResult {
  const name = 'final-answer-equals-key';
  const all = statedAnswers(text);
  const wrong = all.filter((a) => !answerMatchesKey(a, item));
  if (wrong.length) {
    return { name, pass: false, critical: true, reason: `states ${wrong.map((w) => w.text).join(', ')}; key is ${item.answer}` };
  }
  if (required) {
    if (statedAnswers(lastSentence(text)).length === 0) return { name, pass: false, critical: true, reason: 'the last sentence states no answer' };
  }
  return { name, pass: true, critical: true };
}

export function lastSentence(text: string): string {
  const parts = splitSentences(text);
  return parts[parts.length - 1] ?? '';
}

/**
 * Sentence split on . ! ? followed by space and a capital/digit/quote; decimals survive, and
 * nothing inside parentheses or quotes is split (a quoted option may hold sentences: "shipyards. She").
 */
const SPACE = /\s/;
/** `/\s/.test(ch)` for the character at i (false past the end), without a regex call for ASCII. */
function spaceAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return i < t.length && SPACE.test(t[i]);
}
/** `/[A-Z0-9"'“(]/` on one character. */
const opensSentence = (c: number) => (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 34 || c === 39 || c === 0x201c || c === 40;

/** A straight or closing curly quote, double or single. */
const closesQuote = (c: number) => c === 34 || c === 0x201d || c === 39 || c === 0x2019;

/** Whether `t` has straight double quotes, an even number of them. */
function pairedStraightQuotes(t: string): boolean {
  let n = 0;
  for (let i = t.indexOf('"'); i !== -1; i = t.indexOf('"', i + 1)) n++;
  return n > 0 && n % 2 === 0;
}

export function splitSentences(text: string): string[] {
  const t = text.trim();
  const out: string[] = [];
  // Straight quotes open and close alike: they are followed only where they pair up, so a stray
  // inch mark does not keep the rest of a text from splitting.
  const straight = pairedStraightQuotes(t);
  let quoted = false;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 40 || c === 0x201c) depth++;
    else if ((c === 41 || c === 0x201d) && depth > 0) depth--;
    else if (c === 34 && straight) quoted = !quoted;
    else if (depth === 0 && (c === 46 || c === 33 || c === 63) && ((!quoted && spaceAt(t, i + 1)) || (closesQuote(t.charCodeAt(i + 1)) && spaceAt(t, i + 2)))) {
      // A sentence may end inside its closing quote: 'like "good" or "careful." Then find …'.
      if (!spaceAt(t, i + 1)) {
        i++;
        if (t.charCodeAt(i) === 34 && straight) quoted = false;
      }
      let j = i + 1;
      while (j < t.length && spaceAt(t, j)) j++;
      if (j < t.length && opensSentence(t.charCodeAt(j))) {
        out.push(t.slice(start, i + 1).trim());
        start = j;
        i = j - 1;
      }
    }
  }
  out.push(t.slice(start).trim());
  return out.filter(Boolean);
}
