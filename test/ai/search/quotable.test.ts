/**
 * What a tutor reply may quote from the lessons: only a lesson's intro ("The idea") speaks
 * about its topic in general. The worked example, traps and self-check are about their own
 * problems — quoted in a reply to "What is a comma splice?" they read "a uses a comma alone, a
 * comma splice. D is a comma splice…". A search hit on one of them finds its lesson, and the
 * reply is given that lesson's intro.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from '../../../src/ai/generate.ts';
import { createTemplateProvider } from '../../../src/ai/providers/index.ts';
import { retrieve } from '../../../src/ai/search/retrieve.ts';
import { buildSearchIndex, isQuotable, lessonPassages, searchPassages } from '../../../src/ai/search/sources.ts';
import { lessonSentences } from '../../../src/ai/tasks/lesson-text.ts';
import { tutorChat } from '../../../src/ai/tasks/tutor-chat.ts';
import { loadLessons } from '../../../src/content/lessons/index.ts';

const lessons = loadLessons();
const search = buildSearchIndex(searchPassages(lessons));
const ctx = { providers: [createTemplateProvider()], search };
const QUESTIONS = [
  'What is a comma splice?', 'When do I use a semicolon?', 'how do i find the vertex of a parabola', 'What does margin of error mean?',
  'what is the difference between mean and median', 'is the SAT hard?', 'What score do I need for Harvard?', 'how do I calculate percent change',
  'what is SOH CAH TOA', 'how do i solve systems of equations', 'why does the sign flip in an inequality', 'what is a transition word',
];

test('only lesson intros, the guide and plain passages are quotable', () => {
  const [intro, example, traps, check] = lessonPassages(lessons[0]);
  assert.ok(isQuotable(intro));
  for (const section of [example, traps, check]) assert.ok(!isQuotable(section), section.id);
  assert.ok(isQuotable({ id: 'guide.pacing' }));
  assert.ok(!isQuotable({ id: 'item:abc' }));
});

test('tutor replies to common questions quote no sentence of a worked example, trap list or self-check, and every one passes its checks', async () => {
  const elsewhere = lessons.flatMap((l) => lessonPassages(l).filter((p) => !isQuotable(p))).flatMap((p) => lessonSentences(p.text));
  assert.ok(elsewhere.length > 100);
  let quotedIntro = 0;
  for (const content of QUESTIONS) {
    const r = await generate(tutorChat, { messages: [{ role: 'user', content }] }, ctx);
    assert.ok(r.passed, `${content}: ${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
    const stray = elsewhere.find((s) => r.text.includes(s.slice(1)));
    assert.equal(stray, undefined, `${content} → ${r.text}`);
    // Every passage the reply was given may be quoted.
    const { sources } = retrieve(tutorChat, tutorChat.input.parse({ messages: [{ role: 'user', content }] }), search);
    assert.ok(sources.every(isQuotable), `${content}: ${sources.map((s) => s.id).join(', ')}`);
    if (/Here is the idea|The main point|From the lesson|Worth remembering/.test(r.text)) quotedIntro++;
  }
  assert.ok(quotedIntro >= QUESTIONS.length - 1, `${quotedIntro} of ${QUESTIONS.length} replies quote a lesson or the guide`);
  const splice = await generate(tutorChat, { messages: [{ role: 'user', content: 'What is a comma splice?' }] }, ctx);
  assert.match(splice.text, /a comma alone between two independent clauses is a comma splice/);
});
