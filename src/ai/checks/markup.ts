/**
 * Whatever wrote it, a served text is plain prose. The in-house model writes the prompt's
 * numbers and phrases as references (`⟦k⟧`, `⟪k⟫`, model/number-refs.ts and phrase-refs.ts)
 * that are put back before serving; one it made up (`⟪9⟫` of a prompt with three phrases)
 * stays as written, and so would a decode cut inside a character (U+FFFD). Task-specific
 * checks may not notice either ("Let's work through this ⟪1⟫ question" names no number), so
 * every task runs this one.
 */
import type { CheckResult } from '../task.ts';

const MARKUP = /[⟦⟧⟪⟫\uFFFD]/gu;

export function noModelMarkup(text: string): CheckResult {
  const found = [...new Set(text.match(MARKUP) ?? [])];
  return { name: 'no-model-markup', pass: found.length === 0, critical: true, reason: found.length ? `unresolved model markup: ${found.join(' ')}` : undefined };
}
