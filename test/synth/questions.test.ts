import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from '../../src/ai/generate.ts';
import { createTemplateProvider } from '../../src/ai/providers/index.ts';
import { buildSearchIndex, searchPassages } from '../../src/ai/search/sources.ts';
import { tutorChat } from '../../src/ai/tasks/tutor-chat.ts';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { SKILL_IDS } from '../../src/content/taxonomy.ts';
import { SKILL_QUESTIONS, TEST_QUESTIONS } from '../../src/synth/questions.ts';

const lessons = loadLessons();
const ctx = { providers: [createTemplateProvider()], search: buildSearchIndex(searchPassages(lessons)) };
const ask = (content: string) => generate(tutorChat, { messages: [{ role: 'user', content }] }, ctx);
const DECLINED = /can't find|beyond what I can answer|rather not guess|What are you working on/;

test('every skill has its questions, and each is answered from that skill\'s own lesson', async () => {
  const misses: string[] = [];
  for (const id of SKILL_IDS) {
    const lesson = lessons.find((l) => l.skill === id)!;
    assert.ok(SKILL_QUESTIONS[id].length >= 3, id);
    for (const q of SKILL_QUESTIONS[id]) {
      // Asked cold, with nothing in focus: the question alone has to find the lesson.
      const r = await ask(q);
      assert.ok(r.passed, `${q}: ${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
      if (DECLINED.test(r.text) || !r.text.includes(`the lesson "${lesson.title}"`)) misses.push(`${id}: ${q} → ${r.text}`);
    }
  }
  assert.deepEqual(misses, []);
});

test('every question about the test is answered from the test guide', async () => {
  for (const q of TEST_QUESTIONS) {
    const r = await ask(q);
    assert.ok(r.passed, q);
    assert.doesNotMatch(r.text, DECLINED, q);
    assert.match(r.text, /the guide "/, `${q} → ${r.text}`);
  }
});
