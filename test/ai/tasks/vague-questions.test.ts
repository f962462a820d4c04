/**
 * What students actually type when they ask for help on a question — "How do I start this
 * one?", "why is my answer wrong", "why not B?", "I'm stuck" — carries no topic words. About
 * an item, the answer is the item's own first step (never its key before the student has
 * answered), not "I'm not sure I can answer that" nor a lesson sentence that shares a stray
 * letter with the question.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from '../../../src/ai/generate.ts';
import { createTemplateProvider } from '../../../src/ai/providers/index.ts';
import { buildSearchIndex, lessonPassages, searchPassages } from '../../../src/ai/search/sources.ts';
import { help } from '../../../src/ai/tasks/help.ts';
import { noteReply } from '../../../src/ai/tasks/note-reply.ts';
import { rationaleSteps, revealsKey } from '../../../src/ai/tasks/item-text.ts';
import { statedAnswers } from '../../../src/ai/checks/answer.ts';
import { tutorChat } from '../../../src/ai/tasks/tutor-chat.ts';
import { buildBank } from '../../../src/content/bank.ts';
import type { Item } from '../../../src/content/item.ts';
import { loadLessons } from '../../../src/content/lessons/index.ts';

const search = buildSearchIndex(searchPassages(loadLessons()));
const bank = buildBank({ perSkill: 4 });
const ctx = { providers: [createTemplateProvider()], search };
const VAGUE = ['How do I start this one?', 'why is my answer wrong', 'what is the first step', "I'm stuck", 'why not B?', 'can you give me a hint', 'what does this question want?', 'is there a shortcut?', 'I got 12 but that is not a choice'];
/** The item's steps as they may be quoted: a reply lower-cases a step's first letter after its lead-in. */
const quotesAStep = (text: string, item: Item) => rationaleSteps(item).some((s) => text.includes(s.slice(1, 40)));
/** A step of the item, or its reason against the choice asked about. */
const aboutTheItem = (text: string, item: Item) => quotesAStep(text, item) || /\bchoice [A-D]\b/i.test(text);

test('a vague help request about an item is answered from the item, never with "I am not sure", and never with its key before an answer', async () => {
  // One item a skill across both sections: multiple choice and grid-ins, with and without distractor reasons.
  const items = [...new Map(bank.map((i) => [i.skill, i])).values()];
  let quoted = 0;
  for (const item of items) {
    for (const message of VAGUE) {
      const r = await generate(help, { item, message }, ctx);
      assert.ok(r.passed, `${item.id} "${message}": ${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
      assert.doesNotMatch(r.text, /not sure I can answer/, `${item.id} "${message}"`);
      assert.ok(!revealsKey(r.text, item), `${item.id} "${message}" gives the key away: ${r.text}`);
      if (aboutTheItem(r.text, item)) quoted++;
    }
  }
  // Most replies quote the item; the rest a lesson's method sentence (a step that would state the key is held back, and some items have no other).
  assert.ok(quoted >= 0.8 * items.length * VAGUE.length, `${quoted} of ${items.length * VAGUE.length} replies quote the item`);
});

test('"How do I start?" and "a hint?" get the first step of the solution, not its conclusion', async () => {
  const items = [...new Map(bank.map((i) => [i.skill, i])).values()];
  let checked = 0;
  for (const item of items) {
    const [first] = rationaleSteps(item);
    // A first step that states the key or restates a choice's reason is held back before an answer; those items start elsewhere.
    if (statedAnswers(first).length > 0 || revealsKey(first, item) || Object.values(item.distractorReasons ?? {}).some((r) => first.includes(r.replace(/\.$/, '')))) continue;
    for (const message of ['How do I start this one?', 'can you give me a hint']) {
      const r = await generate(help, { item, message }, ctx);
      assert.ok(r.text.includes(first.replace(/^Here:\s+/, '').slice(1, 40)), `${item.id} "${message}": ${r.text}\nfirst step: ${first}`);
    }
    checked++;
  }
  assert.ok(checked >= items.length / 2, `${checked} items checked`);
});

test('"why not B?" is about choice B: a lesson formula with a b in it is no answer', async () => {
  const item = bank.find((i) => i.skill === 'math.adv.nonlinear-equations')!;
  const r = await generate(help, { item, message: 'why not B?' }, ctx);
  assert.doesNotMatch(r.text, /b² − 4ac|mx \+ b/);
  assert.ok(quotesAStep(r.text, item), r.text);
});

test('a distractor reason that names the key is kept until the student has answered', async () => {
  // A words-in-context item whose reason for a wrong choice says which word the sentence "calls for".
  const item = bank.find((i) => i.type === 'mcq' && Object.entries(i.distractorReasons ?? {}).some(([l, why]) => l !== i.answer && revealsKey(why, i)))!;
  assert.ok(item, 'the bank has such an item');
  const [letter] = Object.entries(item.distractorReasons!).find(([l, why]) => l !== item.answer && revealsKey(why, item))!;
  const before = await generate(help, { item, message: `why not ${letter}?` }, ctx);
  assert.ok(!revealsKey(before.text, item), before.text);
  const after = await generate(help, { item, message: `why not ${letter}?`, revealAnswer: true, studentAnswer: letter }, ctx);
  assert.match(after.text, new RegExp(`choice ${letter}`, 'i'));
});

test('the tutor, with the question just missed in focus, starts from its steps', async () => {
  const item = bank.find((i) => i.skill === 'math.alg.linear-functions')!;
  const r = await generate(tutorChat, { messages: [{ role: 'user', content: 'How do I start this one?' }], item, skill: item.skill, revealAnswer: true }, ctx);
  assert.ok(r.passed);
  assert.ok(quotesAStep(r.text, item), r.text);
});

test('"help me with this" with a skill in focus and no question open: the skill’s lesson intro, and its lesson named by the title students see', async () => {
  const lessons = loadLessons();
  let quoted = 0;
  for (const lesson of lessons) {
    for (const message of ['help me with this', "I'm stuck", "I don't get it"]) {
      const r = await generate(tutorChat, { messages: [{ role: 'user', content: message }], skill: lesson.skill }, ctx);
      assert.ok(r.passed, `${lesson.skill} "${message}": ${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
      // The whole lesson, not one of its sections ("… (check yourself)").
      assert.ok(r.text.includes(`the lesson "${lesson.title}"`), `${lesson.skill}: ${r.text}`);
      const intro = lessonPassages(lesson)[0].text; // "The idea", Markdown stripped
      // A quoted sentence may have its first letter lower-cased after the lead-in ("Worth remembering: every short passage …").
      const sentence = /: (\S.{30,}?[.!?])(?= |$)/.exec(r.text)?.[1];
      if (sentence && intro.includes(sentence.slice(1, 60))) quoted++;
    }
  }
  // A lesson whose intro opens with a list ("three tools solve …: 1.") gets the short reply instead.
  assert.ok(quoted >= 0.85 * lessons.length * 3, `${quoted} of ${lessons.length * 3} replies quote the lesson's intro`);
});

test('a note with no question on a skill gets the same: its lesson intro', async () => {
  const lesson = loadLessons().find((l) => l.skill === 'math.alg.systems')!;
  const r = await generate(noteReply, { note: 'confusing', skill: lesson.skill }, ctx);
  assert.ok(r.passed);
  assert.match(r.text, /a pair of equations that must both be true at the same time/);
  assert.ok(r.text.includes(`the lesson "${lesson.title}"`), r.text);
});

test('about a question, help and note replies quote and name only that question’s own lesson (or the guide)', async () => {
  const lessons = loadLessons();
  const items = [...new Map(bank.map((i) => [i.skill, i])).values()];
  const messages = ['I should have used 180 not 360', 'remember to check the units', 'this one was easy', 'why does the comma go there?'];
  for (const item of items) {
    const own = lessons.find((l) => l.skill === item.skill)!.title;
    for (const message of messages) {
      for (const r of [await generate(help, { item, message }, ctx), await generate(noteReply, { item, note: message }, ctx)]) {
        assert.ok(r.passed, `${item.id} "${message}": ${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
        const named = [...r.text.matchAll(/the lesson "([^"]+)"/g)].map((m) => m[1]);
        assert.ok(named.every((t) => t === own), `${item.skill} "${message}" names ${named.join(', ')}, not "${own}": ${r.text}`);
      }
    }
  }
});

test('when every step of an item gives its key away, "how do I start?" gets the lesson sentence on its method, matched on its words, not its numbers', async () => {
  const more = buildBank({ perSkill: 30 });
  const byTemplate = (t: string) => more.find((i) => i.id.includes(`/${t}/`) && rationaleSteps(i).every((s) => statedAnswers(s).length > 0 || revealsKey(s, i)))!;
  const cases: [string, RegExp][] = [
    ['slope-from-equation', /Slope-intercept form/i], // "4y = 5x − 3" once matched "$4 … $3 tickets"
    ['square-root-property', /square root of both sides/], // "3x² = 108" once got the discriminant
    ['absolute-value-equation', /absolute value equation/],
    ['arc-length', /θ\/360 of the circumference/],
    ['map-scale', /one centimeter on a map/],
  ];
  for (const [template, expected] of cases) {
    const item = byTemplate(template);
    assert.ok(item, `the bank has a ${template} item whose every step states its key`);
    const r = await generate(help, { item, message: 'How do I start this one?' }, ctx);
    assert.ok(r.passed, JSON.stringify(r.checks.filter((c) => !c.pass)));
    assert.match(r.text, expected, `${item.id}: ${r.text}`);
    assert.ok(!revealsKey(r.text, item), r.text);
  }
});
