import type { CheckResult } from '../task.ts';

const SPACE = /\s/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Words as a reader counts them: whitespace-separated runs holding a letter or digit. The
 * same count as `text.split(/\s+/)` and a `[\p{L}\p{N}]` test per run, read in one pass
 * without building the runs: templates count words after every sentence they add, and
 * synth counts every output several times, so this is among the hottest functions there.
 */
export function wordCount(text: string): number {
  let n = 0;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let space: boolean;
    let alnum: boolean;
    if (c < 128) {
      space = c === 32 || (c >= 9 && c <= 13);
      alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    } else {
      let ch = text[i];
      // A surrogate pair is one code point to the u-flag test (and never whitespace).
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { ch = text.slice(i, i + 2); i++; }
      }
      space = SPACE.test(ch);
      alnum = !space && LETTER_OR_DIGIT.test(ch);
    }
    if (space) counted = false;
    else if (alnum && !counted) { n++; counted = true; }
  }
  return n;
}

/** Length is a style rule, not a faithfulness one, so it is not critical by default. */
export function lengthBounds(text: string, min: number, max: number, critical = false): CheckResult {
  const n = wordCount(text);
  const pass = n >= min && n <= max;
  return { name: 'length-bounds', pass, critical, reason: pass ? undefined : `${n} words, expected ${min}–${max}` };
}
