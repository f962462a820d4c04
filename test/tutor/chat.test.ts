import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { AiService } from '../../src/ai/service.ts';
import { schema } from '../../src/db/index.ts';
import { getBank } from '../../src/practice/bank.ts';
import { chatTurn, phraseChunker, type ChatDeps } from '../../src/tutor/chat.ts';
import type { ServerFrame } from '../../src/tutor/frames.ts';
import { createMemoryHub } from '../../src/tutor/hub.ts';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app.ts';

let t: TestApp;
let student: TestUser;
before(async () => {
  t = await createTestApp();
  student = await signUp(t.app, 'student');
});
after(() => t.close());

const actor = () => ({ userId: student.id, role: 'student' as const });

function deps(ai: AiService = t.app.deps.ai) {
  const hub = createMemoryHub();
  const frames: ServerFrame[] = [];
  hub.subscribe(student.id, (f) => frames.push(f));
  return { deps: { db: t.database.db, ai, hub } satisfies ChatDeps, frames };
}

test('phrase chunks: short pieces are held back until a phrase ends at a space; the rest is flushed', async () => {
  const out: string[] = [];
  const c = phraseChunker(async (s) => void out.push(s));
  for (const w of 'The slope is the rate of change of y with respect to x.'.split(/(?<= )/)) await c.push(w);
  await c.flush();
  assert.ok(out.length >= 2);
  assert.equal(out.join(''), 'The slope is the rate of change of y with respect to x.');
  assert.ok(out.slice(0, -1).every((s) => s.length >= 24 && s.endsWith(' ')));
});

test('a turn right after a missed question discusses that question, its key allowed (it was answered)', async () => {
  const start = await as(t.app, student)({ method: 'POST', url: '/practice/start', payload: { section: 'math', count: 3 } });
  assert.equal(start.statusCode, 201, start.body);
  const { sessionId, question } = start.json();
  const item = (await getBank(t.database.db)).items.get(question.id)!;
  const wrong = item.type === 'mcq' ? 'ABCD'.replace(item.answer, '')[0] : item.answer === '9999' ? '9998' : '9999';
  const ans = await as(t.app, student)({ method: 'POST', url: `/practice/${sessionId}/answer`, payload: { questionId: question.id, answer: wrong, timeSpentMs: 20_000 } });
  assert.equal(ans.statusCode, 200, ans.body);

  const { deps: d, frames } = deps();
  const r = await chatTurn(d, actor(), { text: 'Why was my answer wrong?', inputMode: 'text' });
  assert.equal(r.error, undefined);
  const [out] = await t.database.db.select().from(schema.aiOutputs).where(eq(schema.aiOutputs.id, r.aiOutputId!));
  const input = out.input as { item?: { id: string }; skill?: string; revealAnswer: boolean };
  assert.equal(input.item?.id, item.id);
  assert.equal(input.skill, item.skill);
  assert.equal(input.revealAnswer, true);
  assert.deepEqual(
    frames.map((f) => f.type).filter((x, i, a) => a.indexOf(x) === i),
    ['start', 'chunk', 'done'],
  );
});

test('a provider withdrawn mid-stream shows as reset; only the final text is stored', async () => {
  const real = t.app.deps.ai;
  const flaky: AiService = {
    ...real,
    async *stream(task, input, call) {
      yield { type: 'chunk', text: 'Something unchecked and wrong ', provider: 'openai' };
      yield { type: 'reset', provider: 'openai', reason: 'failed critical checks: numbers' };
      yield* real.stream(task, input, call);
    },
  };
  const { deps: d, frames } = deps(flaky);
  const r = await chatTurn(d, actor(), { text: 'What is a linear function?', inputMode: 'text' });
  const types = frames.map((f) => f.type);
  assert.equal(types[0], 'start');
  assert.ok(types.indexOf('reset') > 0 && types.indexOf('reset') < types.lastIndexOf('chunk'));
  const done = frames.at(-1) as Extract<ServerFrame, { type: 'done' }>;
  assert.equal(done.type, 'done');
  assert.ok(!done.text.includes('unchecked'));
  const [msg] = await t.database.db.select().from(schema.tutorMessages).where(eq(schema.tutorMessages.id, r.assistantMessageId!));
  assert.equal(msg.content, done.text);
});

test('a reply that fails after the start is reported to the student; the question stays stored, nothing else', async () => {
  const broken: AiService = {
    ...t.app.deps.ai,
    async *stream() {
      throw new Error('every provider is down');
    },
  };
  const { deps: d, frames } = deps(broken);
  const before = (await t.database.db.select().from(schema.aiOutputs)).length;
  const r = await chatTurn(d, actor(), { text: 'Are you there?', inputMode: 'voice' });
  assert.equal((r.error as Error).message, 'every provider is down');
  assert.deepEqual(
    frames.map((f) => f.type),
    ['start', 'error'],
  );
  assert.equal((frames[1] as { error: string }).error, 'ai_unavailable');
  const rows = await t.database.db.select().from(schema.tutorMessages).where(eq(schema.tutorMessages.conversationId, r.conversationId));
  assert.deepEqual(
    rows.map((m) => [m.role, m.content]),
    [['user', 'Are you there?']],
  );
  assert.equal((await t.database.db.select().from(schema.aiOutputs)).length, before);
  const events = (await t.database.db.select().from(schema.events).where(eq(schema.events.type, 'tutor.message'))).filter(
    (e) => e.payload.conversationId === r.conversationId,
  );
  assert.equal(events.length, 1);
});

test("an unknown or someone else's conversation is refused before anything is stored or sent", async () => {
  const other = await signUp(t.app, 'student');
  const { deps: d, frames } = deps();
  const mine = await chatTurn(d, actor(), { text: 'Start a conversation', inputMode: 'text' });
  await assert.rejects(
    chatTurn(d, { userId: other.id, role: 'student' }, { text: 'hijack', inputMode: 'text', conversationId: mine.conversationId }),
    (e: Error & { code?: string }) => e.code === 'not_found',
  );
  await assert.rejects(
    chatTurn(d, actor(), { text: 'ghost', inputMode: 'text', conversationId: '00000000-0000-4000-8000-000000000000' }),
    (e: Error & { code?: string }) => e.code === 'not_found',
  );
  const texts = (await t.database.db.select().from(schema.tutorMessages)).map((m) => m.content);
  assert.ok(!texts.includes('hijack') && !texts.includes('ghost'));
  assert.ok(frames.every((f) => f.type !== 'error'));
});
