/**
 * Phrase references (prompt view 3): skill names and an explanation's key are copied by
 * reference, like numbers, and come back word for word.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromPhraseRefs, promptPhrases, tagPhrases, toPhraseRefs } from '../../src/model/phrase-refs.ts';
import { modelPromptText, modelPromptView, modelResponseText, resolveRefs, settledRefs } from '../../src/model/prompt-view.ts';
import { taskPairs } from './pairs.ts';

const plan = '[user]\nPlan:\n- day 2: practice, Linear equations in two variables\n- day 5: review, Circles\nPerformance, weakest first:\n- Systems of two linear equations in two variables: 3/9 correct (33%)\n- Circles: 8/9 correct (89%)';

test('skill names are phrases, distinct, in order of first appearance; a name inside a longer one is part of it', () => {
  assert.deepEqual(promptPhrases(plan), ['Linear equations in two variables', 'Circles', 'Systems of two linear equations in two variables']);
  assert.match(tagPhrases(plan, promptPhrases(plan)), /- Systems of two linear equations in two variables⟪3⟫: 3\/9/);
});

test('a response names skills by reference; the served text gets the exact names back', () => {
  const phrases = promptPhrases(plan);
  const out = 'Systems of two linear equations in two variables needs work. Move day 5 off Circles.';
  const refs = toPhraseRefs(out, phrases);
  assert.equal(refs, '⟪3⟫ needs work. Move day 5 off ⟪2⟫.');
  assert.equal(fromPhraseRefs(refs, phrases), out);
  assert.equal(fromPhraseRefs('⟪9⟫ is weak', phrases), '⟪9⟫ is weak', 'a reference past the list stays visible, and the checks reject it');
});

test('an explanation refers to its key option as a phrase, and its numbers are left to the phrase', () => {
  const prompt = '[user]\nSkill: Area and volume\nQuestion: q?\nA) 343\nB) 294\nCorrect answer: B (294)\nReference rationale: 6 × 7² = 294.';
  const view = modelPromptView('explain', prompt);
  assert.deepEqual(view.phrases, ['Area and volume', 'B (294)']);
  assert.match(view.text, /Correct answer: B \(294⟦\d+⟧\)⟪2⟫/);
  const out = 'This tests Area and volume. Surface area = 6 × 7² = 294. So the answer is B (294).';
  const refs = modelResponseText('explain', prompt, out);
  assert.ok(refs.endsWith('So the answer is ⟪2⟫.'), refs);
  assert.ok(refs.startsWith('This tests ⟪1⟫. Surface area = ⟦'), refs);
  assert.equal(resolveRefs(refs, view), out);
  // A bare value is no phrase: numbers have references of their own.
  assert.deepEqual(modelPromptView('explain', prompt.replace('B (294)', '294')).phrases, ['Area and volume']);
});

test('while streaming, an unclosed phrase reference is held back', () => {
  const view = modelPromptView('plan_adjust', plan);
  assert.equal(settledRefs('Focus on ⟪', view), 'Focus on ');
  assert.equal(settledRefs('Focus on ⟪3', view), 'Focus on ');
  assert.equal(settledRefs('Focus on ⟪3⟫ on day ⟦1', view), 'Focus on Systems of two linear equations in two variables on day ');
});

test('every task pair survives the round trip: the response as learnt, resolved, is the output', () => {
  for (const p of taskPairs(80)) {
    const learnt = modelResponseText(p.task, p.prompt, p.output);
    assert.equal(resolveRefs(learnt, modelPromptView(p.task, p.prompt)), p.output, p.task);
    assert.equal(modelPromptText(p.task, p.prompt, 2).includes('⟪'), false, 'view 2 has no phrase references');
  }
});
