/**
 * The provider chain against a local server speaking the OpenAI chat-completions protocol:
 * plain answers, SSE streaming, a timeout, HTTP 500, an answer failing a critical check,
 * the breaker, the cache, and the ai_outputs row each call leaves.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createMemoryCache } from '../../src/cache/index.ts';
import { generate, generateStream, type GenerateContext, type GenerateResult } from '../../src/ai/generate.ts';
import { createBreaker, createInHouseProvider, createOpenAiProvider, createTemplateProvider, providersFromConfig } from '../../src/ai/providers/index.ts';
import { SYSTEM_PREAMBLE } from '../../src/ai/task.ts';
import { feedback } from '../../src/ai/tasks/feedback.ts';
import { tutorChat } from '../../src/ai/tasks/tutor-chat.ts';
import { skill } from '../../src/content/taxonomy.ts';
import { aiOutputs } from '../../src/db/schema/ai.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

type Mode = 'ok' | 'sse' | 'slow' | 'http500' | 'bad' | 'sse-bad' | 'sse-drop';
let mode: Mode = 'ok';
let answer = '';
let requests: { model: string; stream: boolean; messages: { role: string; content: string }[] }[] = [];

function handle(req: IncomingMessage, res: ServerResponse) {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url !== '/v1/chat/completions' || req.method !== 'POST') return void res.writeHead(404).end();
    requests.push(JSON.parse(body));
    if (mode === 'http500') return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"boom"}');
    if (mode === 'slow') return void setTimeout(() => res.writeHead(200).end(JSON.stringify({ choices: [{ message: { content: answer } }] })), 1500);
    if (mode.startsWith('sse')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const words = answer.match(/\S+\s*/g) ?? [];
      const send = (i: number) => words[i] && res.write(`data: ${JSON.stringify({ model: 'local-sse-1', choices: [{ delta: { content: words[i] } }] })}\n\n`);
      if (mode === 'sse-drop') {
        // Three chunks, a pause so they reach the client, then the connection dies mid-answer.
        for (let i = 0; i < 3; i++) send(i);
        setTimeout(() => res.destroy(), 30);
        return;
      }
      words.forEach((_, i) => send(i));
      res.end('data: [DONE]\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ model: 'local-model-1', choices: [{ message: { role: 'assistant', content: answer } }] }));
  });
}

const server = createServer(handle);
let baseUrl = '';
let database: TestDatabase;

before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  database = await createTestDatabase();
});
after(async () => {
  server.close();
  await database.dispose();
});

const fbInput = { skills: [{ skill: 'math.alg.linear-functions', correct: 7, total: 10, avgTimeSec: 45, predictedProficiency: 5.2 }] };
const name = skill('math.alg.linear-functions').name;
const GOOD =
  `Hey! You got 7 of 10 right in ${name}, which is 70%, a decent base to build on. Your average of 45 seconds per question is steady, ` +
  'though aiming for 40 would give you breathing room on test day. With a predicted proficiency of 5.2 out of 7, you are close to strong ' +
  'territory, so try a set of harder questions this week and review each rationale afterwards.';
const WRONG_NUMBER = GOOD.replace('70%', '75%');

/** The endpoint's timeout is generous (a loaded 2-core machine answered a normal request in over 400 ms); the timeout test sets its own. */
function ctx(over: Partial<GenerateContext> = {}, timeoutMs = 3000): GenerateContext {
  return {
    providers: [createInHouseProvider(null), createOpenAiProvider({ baseUrl, apiKey: 'test-key', model: 'local-model-1', timeoutMs }), createTemplateProvider()],
    breaker: createBreaker(),
    db: database.db,
    ...over,
  };
}

async function row(r: GenerateResult) {
  assert.ok(r.aiOutputId, 'an ai_outputs id is returned');
  const [found] = await database.db.select().from(aiOutputs).where(eq(aiOutputs.id, r.aiOutputId));
  return found;
}

test('a normal answer from the endpoint passes its checks and is recorded', async () => {
  mode = 'ok'; answer = GOOD; requests = [];
  const r = await generate(feedback, fbInput, ctx());
  assert.equal(r.provider, 'openai');
  assert.equal(r.model, 'local-model-1');
  assert.equal(r.text, GOOD);
  assert.ok(r.passed, JSON.stringify(r.checks));
  assert.deepEqual(r.attempts.map((a) => `${a.provider}:${a.outcome}`), ['inhouse:unavailable', 'openai:ok']);
  assert.equal(requests.length, 1);
  assert.equal(requests[0].messages[0].role, 'system');
  assert.ok(requests[0].messages[0].content.startsWith(SYSTEM_PREAMBLE));
  const saved = await row(r);
  assert.equal(saved.task, 'feedback');
  assert.equal(saved.provider, 'openai');
  assert.equal(saved.modelVersion, 'local-model-1');
  assert.equal(saved.output, GOOD);
  assert.equal(saved.promptVersion, feedback.promptVersion);
  assert.ok(saved.prompt.includes(`${name}: 7/10 correct (70%, 3 missed)`));
  assert.deepEqual(saved.input, feedback.input.parse(fbInput));
  assert.equal(saved.passed, true);
  assert.deepEqual(saved.checks.map((c) => c.name).sort(), r.checks.map((c) => c.name).sort());
});

test('the cache answers a repeated input without calling the endpoint', async () => {
  mode = 'ok'; answer = GOOD; requests = [];
  const c = ctx({ cache: createMemoryCache() });
  const first = await generate(feedback, fbInput, c);
  const second = await generate(feedback, { skills: [{ ...fbInput.skills[0] }] }, c);
  assert.equal(requests.length, 1);
  assert.equal(first.cached, false);
  assert.equal(second.cached, true);
  assert.equal(second.text, GOOD);
  assert.notEqual(second.aiOutputId, first.aiOutputId, 'every call is its own row');
});

test('an answer failing a critical check falls through to the template', async () => {
  mode = 'ok'; answer = WRONG_NUMBER;
  const r = await generate(feedback, fbInput, ctx());
  assert.equal(r.provider, 'template');
  assert.ok(r.passed);
  const rejected = r.attempts.find((a) => a.provider === 'openai');
  assert.equal(rejected?.outcome, 'rejected');
  assert.match(rejected?.detail ?? '', /numbers-derivable/);
  assert.equal((await row(r)).provider, 'template');
});

test('HTTP 500 and a timeout fall through to the template', async () => {
  mode = 'http500'; answer = GOOD;
  const a = await generate(feedback, fbInput, ctx());
  assert.equal(a.provider, 'template');
  assert.match(a.attempts.find((x) => x.provider === 'openai')?.detail ?? '', /HTTP 500/);

  mode = 'slow';
  const t0 = performance.now();
  const b = await generate(feedback, fbInput, ctx({}, 400));
  assert.equal(b.provider, 'template');
  assert.match(b.attempts.find((x) => x.provider === 'openai')?.detail ?? '', /no answer within 400 ms/);
  // Under a loaded 2-core CI machine a normal answer can take a few hundred ms: 400 ms of timeout
  // against a 1,500 ms server keeps the two cases apart.
  assert.ok(performance.now() - t0 < 1300, 'the timeout, not the server, ended the wait');
});

test('the breaker opens after repeated failures, then lets one trial through after the cooldown', async () => {
  let clock = 0;
  const breaker = createBreaker({ threshold: 2, cooldownMs: 1000, now: () => clock });
  const c = ctx({ breaker });
  mode = 'http500'; requests = [];
  await generate(feedback, fbInput, c);
  await generate(feedback, fbInput, c);
  assert.equal(requests.length, 2);
  const skipped = await generate(feedback, fbInput, c);
  assert.equal(requests.length, 2, 'an open circuit makes no request');
  assert.deepEqual(skipped.attempts.map((a) => `${a.provider}:${a.outcome}`), ['inhouse:unavailable', 'openai:breaker-open', 'template:ok']);

  clock = 1000;
  mode = 'ok'; answer = GOOD;
  const trial = await generate(feedback, fbInput, c);
  assert.equal(trial.provider, 'openai');
  assert.equal(requests.length, 3);
  assert.equal(breaker.state(c.providers[1].version), 'closed');
});

test('fall-through order: an active in-house model answers first; the endpoint is not called', async () => {
  mode = 'ok'; answer = GOOD; requests = [];
  const model = { version: 'lm-test-1', generate: async () => GOOD };
  const r = await generate(feedback, fbInput, ctx({ providers: [createInHouseProvider(model), ...ctx().providers.slice(1)] }));
  assert.equal(r.provider, 'inhouse');
  assert.equal(r.model, 'lm-test-1');
  assert.equal(requests.length, 0);

  const badModel = { version: 'lm-test-2', generate: async () => WRONG_NUMBER };
  const r2 = await generate(feedback, fbInput, ctx({ providers: [createInHouseProvider(badModel), ...ctx().providers.slice(1)] }));
  assert.deepEqual(r2.attempts.map((a) => `${a.provider}:${a.outcome}`), ['inhouse:rejected', 'openai:ok']);
});

test('per-task routes pick the chain; with nothing configured the template answers', async () => {
  const routed = await generate(feedback, fbInput, ctx({ routes: { feedback: ['template'] } }));
  assert.equal(routed.provider, 'template');
  const bare = await generate(feedback, fbInput, { providers: providersFromConfig({ OPENAI_MODEL: 'x' }) });
  assert.equal(bare.provider, 'template');
  assert.equal(bare.aiOutputId, null, 'no db in the context, nothing recorded');
  assert.deepEqual(bare.attempts.map((a) => a.outcome), ['unavailable', 'unavailable', 'ok']);
});

const chatInput = { messages: [{ role: 'user', content: 'How do I pick a transition word?' }] };
const CHAT = 'Read both sentences first and ask how the second idea relates to the first. If it turns in a new direction, pick a contrast word; if it follows from it, pick a result word.';

async function collect(c: GenerateContext) {
  const events = [];
  for await (const e of generateStream(tutorChat, chatInput, c)) events.push(e);
  return events;
}

test('tutor_chat streams server-sent events chunk by chunk and records the whole answer', async () => {
  mode = 'sse'; answer = CHAT; requests = [];
  const events = await collect(ctx());
  const chunks = events.filter((e) => e.type === 'chunk');
  assert.ok(chunks.length > 5, 'arrives in pieces');
  assert.equal(chunks.map((e) => (e.type === 'chunk' ? e.text : '')).join(''), CHAT);
  assert.equal(requests[0].stream, true);
  const done = events.at(-1);
  assert.ok(done?.type === 'done');
  assert.equal(done.result.provider, 'openai');
  assert.equal(done.result.model, 'local-sse-1');
  const saved = await row(done.result);
  assert.equal(saved.task, 'tutor_chat');
  assert.equal(saved.output, CHAT);
});

test('a streamed answer that fails a critical check, or drops mid-stream, is reset and the template streams instead', async () => {
  for (const m of ['sse-bad', 'sse-drop'] as const) {
    mode = m; answer = m === 'sse-bad' ? 'Honestly, that is a dumb question, but read both sentences first.' : CHAT;
    const events = await collect(ctx());
    const resetAt = events.findIndex((e) => e.type === 'reset');
    assert.ok(resetAt > 0, `${m}: a reset follows the discarded chunks`);
    const after = events.slice(resetAt + 1);
    assert.ok(after.every((e) => e.type !== 'chunk' || e.provider === 'template'));
    const done = events.at(-1);
    assert.ok(done?.type === 'done');
    assert.equal(done.result.provider, 'template');
    assert.equal(after.filter((e) => e.type === 'chunk').map((e) => (e.type === 'chunk' ? e.text : '')).join('').trim(), done.result.text);
  }
});

test('free-text tasks get their sources from the search index, and the stored input carries them', async () => {
  const { buildSearchIndex } = await import('../../src/ai/search/sources.ts');
  const { help } = await import('../../src/ai/tasks/help.ts');
  const { FIXTURE_ITEMS, FIXTURE_LESSONS } = await import('./fixtures.ts');
  const item = FIXTURE_ITEMS.find((i) => i.skill === 'math.alg.linear-functions');
  const r = await generate(help, { item, message: 'how do I get the slope from two points?' }, {
    providers: [createTemplateProvider()],
    db: database.db,
    search: buildSearchIndex(FIXTURE_LESSONS),
  });
  assert.ok(r.passed, JSON.stringify(r.checks));
  const saved = await row(r);
  const sources = (saved.input as { sources: { id: string }[] }).sources;
  assert.equal(sources[0].id, 'lesson/linear-functions');
  assert.match(r.text, /change in y/);
});

test('an in-house answer with a reference it made up (⟪k⟫ past the prompt’s list) is rejected, though no task check of its own faults it', async () => {
  // What the shipped model wrote for a tutor chat before it was kept to its tasks: fluent, no wrong number or skill, one stray reference.
  const stray = 'Let’s work through this ⟪1⟫ question step by step. Read the question again and decide what it asks for before you look at the choices.';
  const model = { version: 'lm-test-3', generate: async () => stray };
  const r = await generate(tutorChat, { messages: [{ role: 'user', content: 'How do I start?' }] }, ctx({ providers: [createInHouseProvider(model), createTemplateProvider()] }));
  assert.deepEqual(r.attempts.map((a) => `${a.provider}:${a.outcome}`), ['inhouse:rejected', 'template:ok']);
  assert.match(r.attempts[0].detail ?? '', /no-model-markup/);
  assert.doesNotMatch(r.text, /⟪/);
});

