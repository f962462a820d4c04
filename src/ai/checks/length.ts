import type { CheckResult } from '../task.ts';

/** Words as a reader counts them: whitespace-separated runs holding a letter or digit. */
export function wordCount(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(w)) n++;
  return n;
}

/** Length is a style rule, not a faithfulness one, so it is not critical by default. */
export function lengthBounds(text: string, min: number, max: number, critical = false): CheckResult {
  const n = wordCount(text);
  const pass = n >= min && n <= max;
  return { name: 'length-bounds', pass, critical, reason: pass ? undefined : `${n} words, expected ${min}–${max}` };
}
