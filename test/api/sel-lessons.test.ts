/** The SEL inference endpoint (authorised like the rest of the API) and the lesson routes. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runPipeline } from '../../src/sel/pipeline.ts';
import { FEATURES } from '../../src/sel/skills.ts';
import { readCsv } from '../../src/sel/csv.ts';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/db/index.ts';
import { as, createTestApp, signUp, type TestApp } from '../helpers/app.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'satprep-sel-api-'));
let t: TestApp;
let features: Record<string, number>;
before(async () => {
  runPipeline({ count: 600, seed: 'api-test', outDir: path.join(dataDir, 'sel'), holdoutCount: 84 });
  const rows = readCsv(path.join(dataDir, 'sel', 'dataset.csv'));
  features = { ...rows[0].features };
  t = await createTestApp({ DATA_DIR: dataDir });
});
after(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a student, a linked parent and nobody else get SEL scores', async () => {
  const student = await signUp(t.app, 'student');
  const parent = await signUp(t.app, 'parent');
  const stranger = await signUp(t.app, 'tutor');
  const link = await as(t.app, parent)({ method: 'POST', url: '/links', payload: { studentEmail: student.email } });
  await as(t.app, student)({ method: 'POST', url: `/links/${link.json().id}/accept` });
  const url = `/api/v1/inference/student/${student.id}`;
  for (const who of [student, parent]) {
    const res = await as(t.app, who)({ method: 'POST', url, payload: { features } });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(Object.keys(body.scores).sort(), ['collaboration', 'communication', 'empathy', 'self_regulation']);
    assert.ok(Object.values(body.scores as Record<string, number>).every((v) => v >= 0 && v <= 1));
    assert.match(body.note, /synthetic/);
  }
  assert.equal((await as(t.app, stranger)({ method: 'POST', url, payload: { features } })).statusCode, 403);
  assert.equal((await as(t.app, null)({ method: 'POST', url, payload: { features } })).statusCode, 401);
});

test('malformed feature vectors are 400s', async () => {
  const student = await signUp(t.app, 'student');
  const url = `/api/v1/inference/student/${student.id}`;
  const first = FEATURES[0];
  const bad = [
    { features: {} },
    { features: { ...features, [first]: 'ten' } },
    { features: { ...features, [first]: -1e9 } },
    { features: { ...features, extra: 1 } },
    { features: Object.fromEntries(Object.entries(features).slice(1)) },
  ];
  for (const payload of bad) {
    const res = await as(t.app, student)({ method: 'POST', url, payload });
    assert.equal(res.statusCode, 400, JSON.stringify(payload).slice(0, 80));
  }
  // No features means "from the stored game data", of which this student has none (test/api/sel.test.ts).
  assert.equal((await as(t.app, student)({ method: 'POST', url, payload: {} })).statusCode, 409);
});

test('lessons are listed and read from the database', async () => {
  const list = await t.app.inject({ method: 'GET', url: '/lessons' });
  assert.equal(list.statusCode, 200);
  assert.equal(list.json().lessons.length, 29);
  const one = await t.app.inject({ method: 'GET', url: '/lessons?skill=math.geo.circles' });
  const [lesson] = one.json().lessons;
  const full = await t.app.inject({ method: 'GET', url: `/lessons/${lesson.id}` });
  assert.equal(full.statusCode, 200);
  assert.match(full.json().body, /## Worked example/);
  assert.equal((await t.app.inject({ method: 'GET', url: '/lessons/nope' })).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: '/lessons?skill=not-a-skill' })).statusCode, 400);
});

test('the test guide is served to anyone, section by section', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/guide' });
  assert.equal(res.statusCode, 200);
  const { sections } = res.json() as { sections: { id: string; title: string; sentences: string[] }[] };
  assert.ok(sections.some((s) => s.id === 'guide.pacing' && s.sentences.some((x) => /seconds/.test(x))));
  assert.ok(sections.every((s) => s.id.startsWith('guide.') && s.title && s.sentences.length > 0));
});

test('a signed-in reader gets an AI summary of a lesson, recorded for them and ratable by them only', async () => {
  const student = await signUp(t.app, 'student');
  const other = await signUp(t.app, 'student');
  const [lesson] = (await t.app.inject({ method: 'GET', url: '/lessons?skill=math.geo.circles' })).json().lessons;
  const res = await as(t.app, student)({ method: 'POST', url: `/lessons/${lesson.id}/summary` });
  assert.equal(res.statusCode, 200, res.body);
  const { summary, aiOutputId } = res.json() as { summary: string; aiOutputId: string };
  assert.match(summary, /Circles/);
  // From "The idea" only: the worked example's answer (r = 5) is another problem's.
  assert.doesNotMatch(summary, /##|\*\*|Answer:/);
  // Read on the lesson's page, it adds what that first paragraph does not say — the traps further
  // down — and sends the reader down the page, not to "the full lesson" they are on.
  assert.match(summary, /(?:Watch out for|Common traps:|The usual slips:) forgetting the square root; sign errors for the center/, summary);
  assert.doesNotMatch(summary, /the full lesson/);
  const [row] = await t.database.db.select().from(schema.aiOutputs).where(eq(schema.aiOutputs.id, aiOutputId));
  assert.equal(row.task, 'lesson_summary');
  assert.equal(row.userId, student.id);
  assert.equal(row.output, summary);
  const rate = (who: typeof student) => as(t.app, who)({ method: 'POST', url: '/practice/rate-feedback', payload: { ai_output_id: aiOutputId, rating: 5 } });
  assert.equal((await rate(other)).statusCode, 403);
  assert.equal((await rate(student)).statusCode, 200);
  // Nobody signed in, no summary; an unknown lesson is a 404 that records nothing.
  assert.equal((await t.app.inject({ method: 'POST', url: `/lessons/${lesson.id}/summary` })).statusCode, 401);
  const before = (await t.database.db.select().from(schema.aiOutputs)).length;
  assert.equal((await as(t.app, student)({ method: 'POST', url: '/lessons/nope/summary' })).statusCode, 404);
  assert.equal((await t.database.db.select().from(schema.aiOutputs)).length, before);
});
