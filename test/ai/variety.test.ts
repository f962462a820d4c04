/** Phrasing variety of the feedback template: acceptance 2 of issue 6. Prints the figures. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedback } from '../../src/ai/tasks/feedback.ts';
import { createRng } from '../../src/lib/rng.ts';
import { inputs } from './inputs.ts';

/** Unique word 4-grams over all 4-grams in the sample (Li et al. 2016, "distinct-n"). */
export function distinct4(texts: string[]): number {
  const seen = new Set<string>();
  let total = 0;
  for (const t of texts) {
    const w = t.toLowerCase().split(/\s+/).filter(Boolean);
    for (let i = 0; i + 4 <= w.length; i++) {
      seen.add(w.slice(i, i + 4).join(' '));
      total++;
    }
  }
  return seen.size / total;
}

test('feedback: 10,000 outputs are ≥ 95% distinct and 500 of them have distinct-4 ≥ 0.3', () => {
  const rng = createRng('variety');
  const texts = Array.from({ length: 10_000 }, (_, i) => feedback.template(feedback.input.parse(inputs.feedback(rng)), rng.fork(i)));
  const distinctRatio = new Set(texts).size / texts.length;
  const d4 = distinct4(createRng('sample').sample(texts, 500));

  // The same performance figures, 10,000 seeds: the wording alone must vary.
  const fixed = feedback.input.parse(inputs.feedback(createRng('fixed')));
  const sameInput = Array.from({ length: 10_000 }, (_, i) => feedback.template(fixed, createRng(`seed-${i}`)));
  const fixedRatio = new Set(sameInput).size / sameInput.length;
  const fixedD4 = distinct4(sameInput.slice(0, 500));
  console.log(`# feedback variety: distinct ${(distinctRatio * 100).toFixed(2)}% of 10000, distinct-4 ${d4.toFixed(3)} over 500`);
  console.log(`# one fixed input, 10000 seeds: distinct ${(fixedRatio * 100).toFixed(2)}%, distinct-4 ${fixedD4.toFixed(3)} over 500`);
  assert.ok(distinctRatio >= 0.95, `distinct ratio ${distinctRatio}`);
  assert.ok(d4 >= 0.3, `distinct-4 ${d4}`);
});
