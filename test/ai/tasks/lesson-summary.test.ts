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
