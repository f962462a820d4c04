import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from '../../../src/ai/generate.ts';
import { createTemplateProvider } from '../../../src/ai/providers/index.ts';
import { explain } from '../../../src/ai/tasks/explain.ts';
import { joinConnective, quoteAfterLead } from '../../../src/ai/tasks/item-text.ts';
import { buildBank } from '../../../src/content/bank.ts';
import { propertySuite } from '../property.ts';

propertySuite('explain');

test('a step with a connective of its own keeps it and gets no second one; a lead-in drops a bare "so"', () => {
  assert.equal(joinConnective('Then,', 'then he learned the truth.'), 'Then he learned the truth.');
  assert.equal(joinConnective('First,', 'At first Felix finds the box gloomy.'), 'At first Felix finds the box gloomy.');
  assert.equal(joinConnective('Now,', 'So the mean increases.'), 'So the mean increases.');
  assert.equal(joinConnective('Here is the idea:', 'So the population mean is near 1,771.'), 'Here is the idea: the population mean is near 1,771.');
  assert.equal(joinConnective('First,', 'Subtract 3 from both sides.'), 'First, subtract 3 from both sides.');
  assert.equal(joinConnective('First,', 'Renard found the volumes.'), 'First, Renard found the volumes.');
  // A rationale step's ordinary first word is lowered after a connective, with or without its colon.
  assert.equal(joinConnective('Now,', 'Comparing the two columns row by row, each value is lower.'), 'Now, comparing the two columns row by row, each value is lower.');
  assert.equal(joinConnective('Next,', 'Combine like terms: x² + 6x + 5.'), 'Next, combine like terms: x² + 6x + 5.');
  assert.equal(joinConnective('To start,', 'Distribute: 3x + 6 = 21.'), 'To start, distribute: 3x + 6 = 21.');
  assert.equal(joinConnective('First,', 'DE is the hypotenuse.'), 'First, DE is the hypotenuse.');
});

test('a lesson line with a label joins a reply\'s lead-in instead of putting two colons in a row', () => {
  assert.equal(quoteAfterLead('From the lesson:', 'Mode: the value that appears most often.'), 'From the lesson, on mode: the value that appears most often.');
  assert.equal(
    quoteAfterLead('Here is the idea:', 'Subject–verb agreement: a singular subject takes a singular verb.'),
    'Here is the idea, on subject–verb agreement: a singular subject takes a singular verb.',
  );
  // A clause before a colon is not a label; a sentence without one is joined as before.
  assert.equal(quoteAfterLead('From the guide:', 'Each section is split into two modules: a module has 27 questions.'), 'From the guide: each section is split into two modules: a module has 27 questions.');
  assert.equal(quoteAfterLead('Worth remembering:', 'Use a line of best fit: interpret its slope.'), 'Worth remembering: use a line of best fit: interpret its slope.');
  assert.equal(quoteAfterLead('From the lesson:', 'The discriminant tells you how many solutions there are.'), 'From the lesson: the discriminant tells you how many solutions there are.');
  assert.equal(quoteAfterLead('First,', 'Mode: the value that appears most often.'), joinConnective('First,', 'Mode: the value that appears most often.'));
});

test('explanations read as one paragraph: no doubled connective, no line break, no "choices" on a typed-answer question', async () => {
  const ctx = { providers: [createTemplateProvider()] };
  for (const item of buildBank({ perSkill: 6 })) {
    for (const studentAnswer of [undefined, item.type === 'mcq' ? (item.answer === 'A' ? 'B' : 'A') : '7']) {
      const r = await generate(explain, { item, ...(studentAnswer ? { studentAnswer } : {}) }, ctx);
      assert.ok(r.passed, `${item.id}: ${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
      assert.doesNotMatch(r.text, /\b(?:First|To start|Next|Then|After that|Now), (?:then|so|first|at first|next|now|thus|therefore)\b/i, `${item.id}: ${r.text}`);
      assert.ok(!r.text.includes('\n'), `${item.id}: ${JSON.stringify(r.text)}`);
      if (item.type !== 'mcq') assert.doesNotMatch(r.text, /\bchoices\b/, `${item.id}: ${r.text}`);
      // "Now, … Now, …", "Now, (Check: …)", "Next, here: …", "So the blank is …. So the answer is …" read as slips.
      assert.doesNotMatch(r.text, /\b(First|To start|Next|Then|After that|Now), [^.]*\. \1, /, `${item.id}: ${r.text}`);
      assert.doesNotMatch(r.text, /\b(?:First|To start|Begin here|Next|Then|After that|Now)[,:] (?:\(|here:)/i, `${item.id}: ${r.text}`);
      assert.doesNotMatch(r.text, /\. So [^.]*\. So the answer/, `${item.id}: ${r.text}`);
    }
  }
});
