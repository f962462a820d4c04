import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arithmeticStepsEvaluate, evaluate, numericEquations } from '../../../src/ai/checks/arithmetic.ts';
import { finalAnswerEqualsKey, splitSentences, statedAnswers } from '../../../src/ai/checks/answer.ts';
import { extractNumbers, numbersDerivable } from '../../../src/ai/checks/numbers.ts';
import { noPii } from '../../../src/ai/checks/pii.ts';
import { skillNamed, skillsMentioned } from '../../../src/ai/checks/skills.ts';
import { noBannedTone } from '../../../src/ai/checks/tone.ts';
import { skill } from '../../../src/content/taxonomy.ts';
import { FIXTURE_ITEMS } from '../fixtures.ts';

test('the evaluator handles precedence, parentheses, powers, implicit products and typographic operators', () => {
  assert.equal(evaluate('2 + 3 × 4'), 14);
  assert.equal(evaluate('2(3) + 1'), 7);
  assert.equal(evaluate('(1 + 2)^2 ÷ 3'), 3);
  assert.equal(evaluate('2 +'), null);
});

test('only whole numeric equations are judged; algebra is left alone', () => {
  assert.deepEqual(numericEquations('First, 13 − 4 = 9. Then 3x = 9, and x - 2 = 5, so f(2) = 7.').map((e) => e.left), ['13 - 4']);
  assert.equal(arithmeticStepsEvaluate('Multiply: 7 × 4 = 28. So 1/3 = 0.33.').pass, true);
  const bad = arithmeticStepsEvaluate('Subtract: 13 - 4 = 8.');
  assert.equal(bad.pass, false);
  assert.match(bad.reason ?? '', /13 - 4 = 8/);
});

test('numbers: thousands separators and decimals are read; anything not in the input is named', () => {
  assert.deepEqual(extractNumbers('1,250 students scored 5.2 and 70%'), [1250, 5.2, 70]);
  const r = numbersDerivable('You got 7/10 (70%) in 45s.', [7, 10, 70]);
  assert.equal(r.pass, false);
  assert.match(r.reason ?? '', /45/);
});

test('stated answers: letters only in capitals, values for SPR, and the last sentence must state the key', () => {
  assert.deepEqual(statedAnswers('The answer is a fraction. So the answer is (B).').map((a) => a.text), ['B']);
  const mcq = FIXTURE_ITEMS[0];
  assert.equal(finalAnswerEqualsKey('Work it out. So the answer is B.', mcq, true).pass, true);
  assert.equal(finalAnswerEqualsKey('Work it out. So the answer is 3.', mcq, true).pass, true, 'the key option\'s value counts');
  assert.equal(finalAnswerEqualsKey('So the answer is C.', mcq, true).pass, false);
  assert.equal(finalAnswerEqualsKey('The answer is B. Then we check it.', mcq, true).pass, false);
  const spr = FIXTURE_ITEMS[1];
  assert.equal(finalAnswerEqualsKey('Thus the answer is 60.0.', spr, true).pass, true);
});

test('sentences end at . ! ? before a capital, inside a closing quote too, but not inside brackets or after an abbreviation-like decimal', () => {
  assert.deepEqual(splitSentences('Put a word in the blank, like "good" or "careful." Then find the choice.'), ['Put a word in the blank, like "good" or "careful."', 'Then find the choice.']);
  assert.deepEqual(splitSentences("He said 'wait.' Then he left."), ["He said 'wait.'", 'Then he left.']);
  assert.deepEqual(splitSentences('Use 3.5 cups (about 0.8 L. Yes.) here. Done.'), ['Use 3.5 cups (about 0.8 L. Yes.) here.', 'Done.']);
  // A quote that goes on after its full stop is not an end: '"Stop." is short' keeps one sentence.
  assert.deepEqual(splitSentences('The word "stop." is short.'), ['The word "stop." is short.']);
  // A quoted option that holds two sentences is one piece of its sentence: the key is not cut in half.
  assert.deepEqual(splitSentences('Two clauses need a period. "shipyards. She" does this correctly. Done.'), ['Two clauses need a period.', '"shipyards. She" does this correctly.', 'Done.']);
  // A lone inch mark is no quote: the rest still splits.
  assert.deepEqual(splitSentences('The board is 12" long. Cut it. Then sand it.'), ['The board is 12" long.', 'Cut it.', 'Then sand it.']);
});

test('skill names: nested names do not count twice and one-word names need their capital', () => {
  const systems = skill('math.alg.systems').name;
  assert.deepEqual(skillsMentioned(`Practice ${systems} today.`), ['math.alg.systems']);
  assert.deepEqual(skillsMentioned('Use transitions between percentages.'), []);
  assert.equal(skillNamed(`Work on ${skill('math.adv.nonlinear-functions').name}.`, ['math.alg.linear-functions']).pass, false);
});

test('PII: emails, phone numbers and the full or family name from the input', () => {
  assert.equal(noPii('Email me at a.b@example.org').pass, false);
  assert.equal(noPii('Call 555-123-4567 or +44 20 7946 0958').reason?.split(';').length, 2);
  assert.equal(noPii('Nice work, Maya!', ['Maya Rivera']).pass, true);
  assert.equal(noPii('Nice work, Ms. Rivera!', ['Maya Rivera']).pass, false);
  assert.equal(noPii('Scores of 13 - 4 = 9 and 2024 are fine.').pass, true);
});

test('tone: insults and sarcasm markers fail, ordinary words that contain them do not', () => {
  assert.equal(noBannedTone('That was a dumb slip.').pass, false);
  assert.equal(noBannedTone('Ask a dumbbell question in the gym.').pass, true);
});

test('tone: a free-text answer may quote a banned word from the item or a lesson, not insert one', async () => {
  const { freeTextChecks } = await import('../../../src/ai/tasks/grounded.ts');
  const base = FIXTURE_ITEMS[0];
  const item = { ...base, distractorReasons: { ...base.distractorReasons, A: '“reckless” means careless of danger; the text calls for a word meaning unwavering.' } };
  const opts = { item, revealAnswer: true, inputTexts: [], skills: [item.skill], names: [], words: { min: 1, max: 200 }, sourceTexts: ['At first Emeka finds the clock useless; later he values it.'] };
  const tone = (text: string) => freeTextChecks(text, opts).find((c) => c.name === 'no-banned-tone')?.pass;
  assert.equal(tone('Why not choice A? “reckless” means careless of danger; the text calls for a word meaning unwavering.'), true);
  assert.equal(tone('At first Emeka finds the clock useless, which changes.'), true);
  assert.equal(tone('That was a careless slip on choice A.'), false);
  assert.equal(tone('Honestly, that answer was useless.'), false);
});

test('answer leak: quoting a long key option (even without its first word) gives the answer away; a short one only in quotation marks', async () => {
  const { noAnswerLeak } = await import('../../../src/ai/tasks/grounded.ts');
  const item = {
    ...FIXTURE_ITEMS[0], options: ['It lists causes.', 'It compares two cities.', 'It describes a widely held assumption and presents research that questions it.', 'It tells a story.'], answer: 'C',
    rationale: 'Label what each sentence does.\nAnswer: C) It describes a widely held assumption and presents research that questions it.',
  };
  assert.equal(noAnswerLeak('Label what each sentence does, in order.', item).pass, true);
  assert.equal(noAnswerLeak('Here the text describes a widely held assumption and presents research that questions it.', item).pass, false);
  assert.equal(noAnswerLeak('So the answer is C.', item).pass, false);
  const short = FIXTURE_ITEMS[0]; // key option "3": a hint may still mention 3 without naming it as the answer
  assert.equal(noAnswerLeak('Divide both sides by 3 next.', short).pass, true);
  // A one-word key in quotation marks is named, not mentioned in passing — unless the question quotes it too.
  const word = { ...FIXTURE_ITEMS[0], stem: 'As used in the text, what does the word “holds” most nearly mean?', options: ['contains', 'grips', 'owns', 'delays'], answer: 'A', rationale: 'Read the sentence around the word.\nAnswer: A) contains' };
  assert.equal(noAnswerLeak('Choice B falls short: the sentence calls for “contains”.', word).pass, false);
  assert.equal(noAnswerLeak('The sentence calls for "Contains."', word).pass, false);
  assert.equal(noAnswerLeak('Read the sentence around “holds” and ask what it must mean; it contains a clue.', word).pass, true);
  assert.equal(noAnswerLeak('What does “holds” mean here?', { ...word, options: ['holds', 'grips', 'owns', 'delays'] }).pass, true);
});
