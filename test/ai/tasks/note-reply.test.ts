import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from '../../../src/ai/generate.ts';
import { createTemplateProvider } from '../../../src/ai/providers/index.ts';
import { buildSearchIndex, searchPassages } from '../../../src/ai/search/sources.ts';
import { noteReply } from '../../../src/ai/tasks/note-reply.ts';
import { loadLessons } from '../../../src/content/lessons/index.ts';
import { SKILL_IDS } from '../../../src/content/taxonomy.ts';
import { propertySuite } from '../property.ts';

propertySuite('note_reply');

const ctx = { providers: [createTemplateProvider()], search: buildSearchIndex(searchPassages(loadLessons())) };

test('a note about the test itself, written on a skill\'s page, is answered from the guide', async () => {
  // Before: the query mixed the note with the skill's name, the skill's lesson came first, and the reply declined.
  for (const skill of SKILL_IDS) {
    const r = await generate(noteReply, { note: 'What time does the test center open?', skill }, ctx);
    assert.ok(r.passed);
    assert.match(r.text, /doors open at 7:45 a\.m\./, `${skill}: ${r.text}`);
    assert.match(r.text, /the guide "Test-taking habits and test day"/);
  }
  // A note on the skill itself still finds the skill's lesson.
  const own = await generate(noteReply, { note: 'how do I find an arc length?', skill: 'math.geo.circles' }, ctx);
  assert.match(own.text, /the lesson "Circles: arcs, sectors and equations"/, own.text);
});

test('a note with contact details is answered in the thread, on its topic, without repeating them', async () => {
  const r = await generate(noteReply, { note: 'text me at 555-123-4567 about the semicolon part', skill: 'rw.conv.boundaries' }, ctx);
  assert.ok(r.passed, JSON.stringify(r.checks.filter((c) => !c.pass)));
  assert.match(r.text, /^I can(?:'t| only)/, r.text);
  assert.match(r.text, /semicolon/, r.text);
  assert.doesNotMatch(r.text, /555/);
});

test('a note that asks, in texting shorthand ("how do u know … semicolon vs a comma"), is thanked as a question and answered on both', async () => {
  const r = await generate(noteReply, { note: 'how do u know when to use a semicolon vs a comma, i always get these wrong', skill: 'rw.conv.boundaries' }, ctx);
  assert.ok(r.passed, JSON.stringify(r.checks.filter((c) => !c.pass)));
  assert.doesNotMatch(r.text, /^(?:Good thing to write down|Nice observation)/, r.text);
  assert.doesNotMatch(r.text, /can't find|rather not guess|beyond what/, r.text);
  assert.match(r.text, /a semicolon works like a period/i, r.text);
  assert.match(r.text, /a comma alone between two independent clauses is a comma splice/i, r.text);
  // "Mixing up" two things is asking what sets them apart: each one's definition.
  const mixed = await generate(noteReply, { note: 'I keep mixing up mean and median', skill: 'math.psda.one-var-data' }, ctx);
  assert.match(mixed.text, /mean \(average\) of a data set/i, mixed.text);
  assert.match(mixed.text, /median: the middle value/i, mixed.text);
});
