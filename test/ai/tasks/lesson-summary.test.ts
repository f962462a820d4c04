import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from '../../../src/ai/generate.ts';
import { createTemplateProvider } from '../../../src/ai/providers/index.ts';
import { lessonPassages } from '../../../src/ai/search/sources.ts';
import { lessonSummary } from '../../../src/ai/tasks/lesson-summary.ts';
import { loadLessons } from '../../../src/content/lessons/index.ts';
import { propertySuite } from '../property.ts';

propertySuite('lesson_summary');

test('a summary of each lesson\'s idea, as the lesson page asks for it, reads as prose: no Markdown, no bare list numbers, no questions', async () => {
  const ctx = { providers: [createTemplateProvider()] };
  for (const l of loadLessons()) {
    const [idea] = lessonPassages(l);
    const r = await generate(lessonSummary, { lesson: { id: l.id, title: l.title, skill: l.skill, text: idea.text } }, ctx);
    assert.ok(r.passed, `${l.id}: ${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
    assert.doesNotMatch(r.text, /\*|#|`/, `${l.id}: ${r.text}`);
    // "… a run-on. 2. 4. Try a few …": a list number left alone as a sentence.
    assert.doesNotMatch(r.text, /(?:^|[.!?] )\d+\.(?= |$)/, `${l.id}: ${r.text}`);
    assert.doesNotMatch(r.text, /\?/, `${l.id}: ${r.text}`);
  }
});

test('a summary prefers a lesson\'s prose over its formula lines, and opens on no sentence that leans on one left out', async () => {
  const ctx = { providers: [createTemplateProvider()] };
  const lessons = loadLessons();
  const functions = lessons.find((l) => l.skill === 'math.adv.nonlinear-functions')!;
  const [idea] = lessonPassages(functions);
  const r = await generate(lessonSummary, { lesson: { id: functions.id, title: functions.title, skill: functions.skill, text: idea.text } }, ctx);
  // Before: "The y-intercept is c, and the vertex has x-coordinate −b/(2a). Vertex: f(x) = a(x − h)² + k. Factored: …"
  assert.match(r.text, /Most nonlinear functions on the SAT are quadratic/);
  assert.doesNotMatch(r.text, /Vertex: f\(x\)|Factored: f\(x\)/);
  for (const l of lessons) {
    const [first] = lessonPassages(l);
    const s = await generate(lessonSummary, { lesson: { id: l.id, title: l.title, skill: l.skill, text: first.text } }, ctx);
    // The sentence after the opening line: "Then they ask …" once opened the cross-text summary.
    const body = s.text.replace(/^.*?(?:ideas\.|lesson\.|nutshell:|[^:]+:)\s/, '');
    assert.doesNotMatch(body, /^(?:Then|And|So|Now|This|These|It|They)\b/, `${l.skill}: ${s.text}`);
  }
});
