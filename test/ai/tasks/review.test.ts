import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from '../../../src/ai/generate.ts';
import { createTemplateProvider } from '../../../src/ai/providers/index.ts';
import { buildSearchIndex, searchPassages } from '../../../src/ai/search/sources.ts';
import { keyText, shortKey } from '../../../src/ai/tasks/item-text.ts';
import { review } from '../../../src/ai/tasks/review.ts';
import { buildBank } from '../../../src/content/bank.ts';
import { loadLessons } from '../../../src/content/lessons/index.ts';
import { propertySuite } from '../property.ts';

propertySuite('review');

test('a review of one question — as the review page shows one under each — has no "Question 1" and no "1 of 1" tally, names the key, and the lesson for a miss', async () => {
  const lessons = loadLessons();
  const ctx = { providers: [createTemplateProvider()], search: buildSearchIndex(searchPassages(lessons)) };
  for (const item of buildBank({ perSkill: 2 })) {
    const wrong = item.type === 'mcq' ? 'ABCD'.replace(item.answer, '')[0] : String(Number(item.answer) + 1);
    for (const studentAnswer of [item.acceptedAnswers?.[0] ?? item.answer, wrong]) {
      const r = await generate(review, { responses: [{ item, studentAnswer }] }, ctx);
      assert.ok(r.passed, `${item.id} ${studentAnswer}: ${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
      assert.doesNotMatch(r.text, /Question \d|1 of 1|1\/1|out of 1\b/, `${item.id}: ${r.text}`);
      assert.ok(r.text.includes(keyText(item)) || r.text.includes(shortKey(item)), `${item.id}: ${r.text}`);
      if (studentAnswer !== wrong) continue;
      assert.ok(r.text.startsWith(`You put ${wrong}, but the answer is`), r.text);
      // The missed skill's lesson, by the title the lessons list shows.
      assert.ok(r.text.endsWith(`Next, study the lesson "${lessons.find((l) => l.skill === item.skill)!.title}".`), r.text);
    }
  }
});

test('a wrong typed number is traced to where it comes from: a number the question gives, or a step of the working, quoted', async () => {
  const ctx = { providers: [createTemplateProvider()] };
  const items = buildBank({ perSkill: 2 }).filter((i) => i.type !== 'mcq');
  let traced = 0;
  for (const item of items) {
    // A number the question states (not the key): "8p + 10 = 66" answered 10.
    const given = (item.stem.match(/\d+/g) ?? []).find((n) => n !== item.answer && !(item.acceptedAnswers ?? []).includes(n));
    if (!given) continue;
    const r = await generate(review, { responses: [{ item, studentAnswer: given }] }, ctx);
    assert.ok(r.passed, `${item.id} ${given}: ${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
    assert.match(r.text, new RegExp(`^You put ${given}, but the answer is .*${given} (is one of the numbers the question gives you|comes straight from the question)`), r.text);
    traced++;
  }
  assert.ok(traced >= 10, `${traced} items traced`);
  // A number met on the way ("38x = 380, so x = 10" answered 380): the step it appears in is quoted.
  const midway = buildBank({ perSkill: 6 }).filter((i) => i.type !== 'mcq' && /= (\d+), so \w = /.test(i.rationale));
  assert.ok(midway.length > 0);
  for (const item of midway) {
    const mid = /= (\d+), so \w = /.exec(item.rationale)![1];
    if (item.stem.includes(mid)) continue;
    const r = await generate(review, { responses: [{ item, studentAnswer: mid }] }, ctx);
    assert.ok(r.passed, `${item.id}: ${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
    assert.match(r.text, new RegExp(`(Your ${mid} turns up in the working, but the solution goes on from there:|${mid} is a step on the way, not the end of it:) .*${mid}`), r.text);
  }
});

test('a typed number whose negative is met on the way ("y = −2", answered 2) is not called a step of the working', async () => {
  const cases = buildBank({ perSkill: 30 }).flatMap((item) => {
    if (item.type === 'mcq') return [];
    const neg = [...item.rationale.matchAll(/(?<![\p{L}\p{N}.])[−-](\d+)\b/gu)].map((m) => m[1]);
    // Its positive form nowhere else: not in the question, not the key, not written unsigned in the working.
    const k = neg.find((n) => n !== item.answer && !(item.acceptedAnswers ?? []).includes(n) && !new RegExp(`(?<![\\p{N}.−-])${n}(?![\\p{N}])`, 'u').test(`${item.stem} ${item.rationale}`));
    return k ? [{ item, k }] : [];
  });
  assert.ok(cases.length >= 3, `${cases.length} items`);
  const ctx = { providers: [createTemplateProvider()] };
  for (const { item, k } of cases) {
    const r = await generate(review, { responses: [{ item, studentAnswer: k }] }, ctx);
    assert.doesNotMatch(r.text, new RegExp(`Your ${k} turns up in the working|${k} is a step on the way`), `${item.id} answered ${k}: ${r.text}`);
  }
});
