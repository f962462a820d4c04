/** The pieces the free-text templates build from: lesson cleaning, reason phrasing, rationale steps. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statedAnswers } from '../../../src/ai/checks/answer.ts';
import { joinConnective, rationaleSteps, revealsKey } from '../../../src/ai/tasks/item-text.ts';
import { isQuotable, searchPassages } from '../../../src/ai/search/sources.ts';
import { ideaSection, lessonSentences } from '../../../src/ai/tasks/lesson-text.ts';
import { choiceSentence, youChoseSentence } from '../../../src/ai/tasks/phrasing.ts';
import { help } from '../../../src/ai/tasks/help.ts';
import { createRng } from '../../../src/lib/rng.ts';
import { buildBank } from '../../../src/content/bank.ts';
import { loadLessons } from '../../../src/content/lessons/index.ts';
import type { Item } from '../../../src/content/item.ts';

const LESSON = [
  '## The idea', '', '"Percent" means "per hundred," so 35% = 0.35. Three ideas handle most questions:', '',
  '- **Part = percent × whole.** For example, 35% of 80 is 0.35 × 80 = 28.',
  '- If the x-terms cancel and you get a false statement such as 7 = 3, there is **no solution**.', '',
  '## Worked example', '', 'A jacket costs $84.70 after tax. What was the price?', '', 'Answer: **$110**.', '',
  '## Check yourself', '', '**Answer: 45%.** The increase is 58 − 40 = 18.',
].join('\n');

test('lesson sentences: only "The idea", as plain prose, never an answer, a list lead-in or false arithmetic', () => {
  assert.doesNotMatch(ideaSection(LESSON), /Worked example|\$110|45%/);
  const s = lessonSentences(LESSON);
  assert.ok(s.includes('For example, 35% of 80 is 0.35 × 80 = 28.'), s.join(' | '));
  for (const x of s) {
    assert.doesNotMatch(x, /\*\*|^#|^- |:$|7 = 3|Answer/);
    assert.equal(statedAnswers(x).length, 0);
  }
  assert.deepEqual(lessonSentences('A plain passage without headings. It is used whole.'), ['A plain passage without headings.']);
});

test('every real lesson yields quotable sentences free of Markdown and answers', () => {
  for (const l of loadLessons()) {
    const s = lessonSentences(l.body);
    assert.ok(s.length >= 2, `${l.id}: ${s.length} sentences`);
    for (const x of s) assert.doesNotMatch(x, /\*\*|^#|^\s*[-*]\s|Answer\s*:/, `${l.id}: ${x}`);
  }
});

test('after a lead-in ("Here is the idea:"), every quotable lesson and guide sentence reads on in lower case, its connective dropped', () => {
  // "From the lesson: Without solving, the sum…" read as a slip; a capital survives only on a name or an acronym ("SAT").
  const sentences = searchPassages(loadLessons()).filter(isQuotable).flatMap((p) => lessonSentences(p.text));
  assert.ok(sentences.length > 200, `${sentences.length}`);
  for (const s of sentences) {
    const joined = joinConnective('Here is the idea:', s);
    assert.ok(!/^Here is the idea: [A-Z][a-z]/.test(joined), joined);
  }
  assert.equal(joinConnective('Here is the idea:', 'So the mean moves.'), 'Here is the idea: the mean moves.');
  assert.equal(joinConnective('Here is the idea:', 'SAT scores are scaled.'), 'Here is the idea: SAT scores are scaled.');
});

test("the bank's rationale steps read on in lower case after a lead-in too, but for names and labels", () => {
  // A capital may stay only on a word the bank never writes in lower case (a name: "Felix", "Tomás")
  // or on a label ("Text 1", "Store A") and the names that are also words ("Park", "Wren", "Ada").
  const KEPT = new Set(['Text', 'Store', 'Park', 'Wren', 'Ada']);
  const bank = buildBank({ perSkill: 200 });
  const lower = new Set(bank.flatMap((item) => JSON.stringify(item).match(/\b[a-z][\p{L}'’-]*/gu) ?? []));
  const slips = new Set<string>();
  for (const item of bank) {
    for (const step of rationaleSteps(item)) {
      const first = /^Here is the idea: ([A-Z][\p{L}'’-]*)/u.exec(joinConnective('Here is the idea:', step))?.[1];
      if (first && first !== first.toUpperCase() && !KEPT.has(first) && lower.has(first.toLowerCase())) slips.add(first);
    }
  }
  assert.deepEqual([...slips], []);
});

test('a key option of two sentences ("shipyards. She") stays whole: help quotes no half of it and passes its checks', () => {
  const items = buildBank({ perSkill: 200 }).filter((i) => i.type === 'mcq' && /\. [A-Z]/.test(i.options?.['ABCD'.indexOf(i.answer)] ?? ''));
  assert.ok(items.length >= 20, `${items.length} items`);
  for (const item of items) {
    const key = item.options!['ABCD'.indexOf(item.answer)];
    const [, after] = key.split('. ');
    // Every step either holds the key whole or none of its second sentence's opening quote.
    for (const step of rationaleSteps(item)) assert.ok(!step.startsWith(`${after.split(' ')[0]}"`), `${item.id}: ${step}`);
    for (const message of ["I'm stuck", 'how do I start?', 'why is my comma wrong?', 'what does this correctly?']) {
      const input = help.input.parse({ item, message, studentAnswer: item.answer === 'A' ? 'B' : 'A' });
      const out = help.template(input, createRng(`${item.id}/${message}`));
      assert.ok(!out.includes(`${after.split(' ')[0]}"`), `${item.id} / ${message}: ${out}`);
      assert.deepEqual(help.checks(input, out).filter((c) => !c.pass), [], `${item.id} / ${message}: ${out}`);
    }
  }
});

test('distractor reasons become sentences in the frame their shape fits', () => {
  assert.equal(choiceSentence('B', 'adds the $80 fee instead of subtracting it'), 'Choice B is tempting, but it adds the $80 fee instead of subtracting it.');
  assert.equal(choiceSentence('C', 'Stopped at the value of one ratio part.'), 'Choice C is what you get if you stopped at the value of one ratio part.');
  assert.equal(choiceSentence('A', 'Misreads the table: another row has the highest value.'), 'Choice A is tempting, but it misreads the table: another row has the highest value.');
  assert.equal(choiceSentence('D', 'Unsupported: nothing in the text suggests it.'), 'Why not choice D? Unsupported: nothing in the text suggests it.');
  assert.equal(choiceSentence('A', 'A semicolon separates independent clauses.'), 'Why not choice A? A semicolon separates independent clauses.');
  // A reason with a "but" of its own is not put after "tempting, but it".
  assert.equal(choiceSentence('A', 'mentions the topic but reverses the relationship the results show'), 'Choice A mentions the topic but reverses the relationship the results show.');
  assert.equal(youChoseSentence('B', 'counts items instead of their values'), 'You chose B, which counts items instead of their values.');
});

test('rationale steps drop the bank\'s "Answer:" line; revealsKey spots the key option or grid-in value', () => {
  const bank = buildBank({ perSkill: 2 });
  for (const item of bank) {
    const steps = rationaleSteps(item);
    assert.ok(!steps.some((s) => s.includes(item.rationale.split('\n').at(-1) ?? '')), item.id);
    assert.ok(revealsKey(item.rationale.split('\n').at(-1) ?? '', item), `${item.id}: the verdict line reveals the key`);
  }
});

test('revealsKey sees the key however its fraction is written: "y = −(2/7)x + 1" gives a slope of −2/7 away', () => {
  const item = { id: 'x', type: 'mcq', skill: 'math.alg.linear-two-var', stem: 'What is the slope of the graph of -2x - 7y = -7?', options: ['-2/7', '2/7', '-7/2', '7/2'], answer: 'A', rationale: 'Solve for y.' } as unknown as Item;
  for (const leak of ['so y = -(2/7)x + 1.', 'so y = −(2/7)x + 1.', 'the slope is −2 / 7.', 'y = -2/7 x + 1']) assert.ok(revealsKey(leak, item), leak);
  // The other choices' values, and the equation's own numbers, give nothing away.
  for (const safe of ['so y = (2/7)x + 1.', 'solve for y: -7y = 2x - 7.', 'the slope is -7/2 in another line.', 'y = -(2/75)x']) assert.ok(!revealsKey(safe, item), safe);
  const spr = { ...item, type: 'spr', options: undefined, answer: '-2/7' } as unknown as Item;
  assert.ok(revealsKey('so y = −(2/7)x + 1.', spr));
  assert.ok(!revealsKey('so y = (2/7)x + 1.', spr));
});

test('the wrong-answer corruption is a well-formed answer for every item type, and never the key', async () => {
  const { wrongAnswer } = await import('../corrupt.ts');
  const { answerMatchesKey } = await import('../../../src/ai/checks/answer.ts');
  const { createRng } = await import('../../../src/lib/rng.ts');
  const rng = createRng('wrong-answer');
  for (const item of buildBank({ perSkill: 4 })) {
    for (let i = 0; i < 4; i++) {
      const stated = statedAnswers(`The answer is ${wrongAnswer(item, rng)}.`);
      assert.equal(stated.length, 1, item.id);
      assert.equal(answerMatchesKey(stated[0], item), false, `${item.id}: ${stated[0].text}`);
    }
  }
});

test('a step that leaves one division to the key ("6n = 72" for 12) is held back before an answer, as stating it is', async () => {
  const { givesKeyAway } = await import('../../../src/ai/tasks/grounded.ts');
  const spr = { type: 'spr', answer: '12', acceptedAnswers: ['12'] } as unknown as Item;
  assert.equal(givesKeyAway('Subtract 4 from both sides: 6n = 72.', spr), true);
  assert.equal(givesKeyAway('Collect terms, so 72 = 6n.', spr), true);
  // Part of a longer side, or another value: the step still leaves work.
  assert.equal(givesKeyAway('Write 25u + 6n = 72 in cents.', spr), false);
  assert.equal(givesKeyAway('Subtract 4 from both sides: 6n = 70.', spr), false);
  // A choice whose text is the number counts the same; a fraction key too.
  const mcq = { type: 'mcq', answer: 'C', options: ['7', '8', 'y = 9', '10'] } as unknown as Item;
  assert.equal(givesKeyAway('Subtract the equations: 18y = 162.', mcq), true);
  const frac = { type: 'spr', answer: '1/2', acceptedAnswers: ['1/2', '.5'] } as unknown as Item;
  assert.equal(givesKeyAway('Collect terms: -2t = -1.', frac), true);
});
