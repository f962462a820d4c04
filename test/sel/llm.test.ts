/**
 * The LLM options of `sel generate` and `sel label` against a local server speaking the
 * OpenAI chat-completions protocol, which answers well, in prose, with the wrong keys,
 * out of range or with HTTP 500 depending on the request: every row gets the model's
 * answer or its fallback, and the fallbacks are counted by reason. Then the CLI end to
 * end, and its error when no endpoint is configured.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createOpenAiProvider } from '../../src/ai/providers/openai.ts';
import { readCsv } from '../../src/sel/csv.ts';
import { generateSamples } from '../../src/sel/generate.ts';
import { labelMessages, llmFromProvider, llmLabels, llmUtterances, parseLabels, parseUtterance, type LlmClient } from '../../src/sel/llm.ts';
import { featurise, FILES, labelFeatured, stageFeatures } from '../../src/sel/pipeline.ts';
import { SEL_SKILLS } from '../../src/sel/skills.ts';

type Chat = { model: string; messages: { role: string; content: string }[]; temperature: number };
let requests: Chat[] = [];

/** The same verdict for the same prompt, whatever order concurrent requests arrive in. */
const bucket = (prompt: string) => [...prompt].reduce((a, c) => (a * 31 + c.charCodeAt(0)) % 1_000_003, 7) % 10;

function answerFor(prompt: string): { status: number; content?: string } {
  if (prompt.includes('Write the student')) {
    const grade = /A grade (\d+) student/.exec(prompt)![1];
    if (prompt.includes('self-regulation')) return { status: 200, content: 'Sure! Here is what the student might say: we stayed calm.' }; // prose, not JSON
    if (prompt.includes('communication') && prompt.includes('difficulty')) return { status: 500 };
    if (prompt.includes('collaboration') && prompt.includes('clear strength')) return { status: 200, content: JSON.stringify({ utterance: 'We worked as a team.', skill: 'collaboration' }) }; // an extra key
    const body = JSON.stringify({ utterance: `LLM: my team listened and I tried to help everyone in grade ${grade}.` });
    return { status: 200, content: prompt.includes('empathy') ? `\`\`\`json\n${body}\n\`\`\`` : body }; // a fence is tolerated
  }
  switch (bucket(prompt)) {
    case 0: return { status: 500 };
    case 1: return { status: 200, content: 'I would rate empathy 0.8 and the rest 0.5.' };
    case 2: return { status: 200, content: JSON.stringify({ empathy: 1.5, collaboration: 0.5, communication: 0.5, self_regulation: 0.5 }) };
    case 3: return { status: 200, content: JSON.stringify({ empathy: 0.5, collaboration: 0.5, communication: 0.5 }) };
    default: return { status: 200, content: JSON.stringify({ empathy: 0.11, collaboration: 0.22, communication: 0.33, self_regulation: 0.44 }) };
  }
}

function handle(req: IncomingMessage, res: ServerResponse) {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url !== '/v1/chat/completions' || req.method !== 'POST') return void res.writeHead(404).end();
    const chat = JSON.parse(body) as Chat;
    requests.push(chat);
    const a = answerFor(chat.messages.at(-1)!.content);
    if (a.status !== 200) return void res.writeHead(a.status, { 'content-type': 'application/json' }).end('{"error":"boom"}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ model: 'fake-sel-1', choices: [{ message: { role: 'assistant', content: a.content } }] }));
  });
}

const server = createServer(handle);
let baseUrl = '';
let llm: LlmClient;
const dir = mkdtempSync(path.join(tmpdir(), 'sel-llm-'));
before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  llm = llmFromProvider(createOpenAiProvider({ baseUrl, model: 'asked-for', timeoutMs: 5000 }), 'asked-for');
});
after(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('strict parsing: one JSON object with exactly the expected keys and bounded values', () => {
  assert.deepEqual(parseUtterance('{"utterance": "We shared the tools."}'), { ok: true, value: 'We shared the tools.' });
  assert.equal(parseUtterance('```json\n{"utterance": "We shared the tools."}\n```').ok, true);
  for (const [text, reason] of [
    ['Here you go: {"utterance": "We shared."}', 'json'],
    ['{"utterance": "We shared."} Hope this helps!', 'json'],
    ['["We shared the tools."]', 'json'],
    ['{"utterance": "ok"}', 'schema'], // under three words
    ['{"utterance": "We shared {skill} tools."}', 'schema'],
    ['{"utterance": "We shared the tools.", "level": "HIGH"}', 'schema'],
    ['{"text": "We shared the tools."}', 'schema'],
  ] as const) {
    const r = parseUtterance(text);
    assert.equal(r.ok ? 'ok' : r.reason, reason, text);
  }
  const good = { empathy: 0, collaboration: 1, communication: 0.5, self_regulation: 0.25 };
  assert.deepEqual(parseLabels(JSON.stringify(good)), { ok: true, value: good });
  for (const bad of [{ ...good, empathy: -0.1 }, { ...good, empathy: '0.5' }, { ...good, extra: 0 }, { empathy: 0.5 }, { ...good, communication: null }]) {
    const r = parseLabels(JSON.stringify(bad));
    assert.equal(r.ok ? 'ok' : r.reason, 'schema', JSON.stringify(bad));
  }
});

test('generation: model utterances where the answer is good, template ones elsewhere, counted by reason', async () => {
  requests = [];
  const samples = generateSamples({ count: 84, seed: 'llm-gen' }); // one per skill × level × grade
  const { samples: out, stats } = await llmUtterances(samples, llm, { concurrency: 3 });
  assert.equal(requests.length, 84);
  assert.equal(requests[0].messages[0].role, 'system');
  const cells = (skill: string, level?: string) => samples.filter((s) => s.skill === skill && (!level || s.level === level)).length;
  const expected = { json: cells('self_regulation'), error: cells('communication', 'DEVELOPING'), schema: cells('collaboration', 'HIGH') };
  assert.deepEqual(stats.reasons, expected);
  assert.equal(stats.fallback, expected.json + expected.error + expected.schema);
  assert.equal(stats.fromLlm, 84 - stats.fallback);
  assert.equal(stats.model, 'fake-sel-1', 'the model the endpoint named');
  assert.ok(stats.examples.length > 0 && stats.examples.length <= 5);
  for (const [i, s] of out.entries()) {
    const fellBack = s.skill === 'self_regulation' || (s.skill === 'communication' && s.level === 'DEVELOPING') || (s.skill === 'collaboration' && s.level === 'HIGH');
    if (fellBack) assert.equal(s.utterance, samples[i].utterance, 'the template utterance is kept');
    else assert.equal(s.utterance, `LLM: my team listened and I tried to help everyone in grade ${s.grade}.`);
    assert.deepEqual(s.behaviour, samples[i].behaviour, 'telemetry is the generative model’s either way');
  }
});

test('labelling: model scores where the answer is valid, heuristic ones elsewhere, counted by reason', async () => {
  requests = [];
  const rows = labelFeatured(featurise(generateSamples({ count: 60, seed: 'llm-label' })));
  const { labels, stats } = await llmLabels(rows.map((r) => ({ utterance: r.utterance, features: r.features, fallback: r.labels })), llm, { concurrency: 4 });
  const verdicts = rows.map((r) => bucket(labelMessages(r.utterance, r.features).at(-1)!.content));
  const n = (...b: number[]) => verdicts.filter((v) => b.includes(v)).length;
  assert.deepEqual(stats.reasons, { error: n(0), json: n(1), schema: n(2, 3) });
  assert.equal(stats.fromLlm, n(4, 5, 6, 7, 8, 9));
  assert.ok(stats.fromLlm > 0 && stats.fallback > 0, 'both paths were exercised');
  labels.forEach((l, i) => {
    if (verdicts[i] >= 4) assert.deepEqual(l, { empathy: 0.11, collaboration: 0.22, communication: 0.33, self_regulation: 0.44 });
    else assert.deepEqual(l, rows[i].labels);
    for (const s of SEL_SKILLS) assert.ok(l[s] >= 0 && l[s] <= 1);
  });
  assert.ok(requests.every((r) => r.messages.at(-1)!.content.includes('How they played:')));
});

/** The CLI in a child process (async, so this process's server can answer it). */
function satprep(args: string[], env: Record<string, string | undefined>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { DATABASE_URL: _d, REDIS_URL: _r, OPENAI_BASE_URL: _b, OPENAI_API_KEY: _k, OPENAI_MODEL: _m, ...base } = process.env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...base, DATA_DIR: dir, LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('satprep sel generate --llm and sel label --llm through the configured endpoint, with fallback counts', async () => {
  const out = path.join(dir, 'cli');
  const env = { OPENAI_BASE_URL: baseUrl, OPENAI_API_KEY: 'test-key', OPENAI_MODEL: 'asked-for' };
  requests = [];
  const gen = await satprep(['sel', 'generate', '--llm', '--count', '12', '--seed', 'cli-llm', '--out', out], env);
  assert.equal(gen.status, 0, gen.stderr);
  assert.match(gen.stdout, /llm fake-sel-1 \(sel-utterance-v1\): \d+\/12 utterances from the model, \d+ fell back/);
  assert.equal(requests.length, 12);
  assert.equal(requests[0].temperature, 0.9);
  const generation = JSON.parse(readFileSync(path.join(out, FILES.generation), 'utf8'));
  assert.equal(generation.source, 'llm');
  assert.equal(generation.fromLlm + generation.fallback, 12);

  stageFeatures(out);
  requests = [];
  const lab = await satprep(['sel', 'label', '--llm', '--out', out], env);
  assert.equal(lab.status, 0, lab.stderr);
  assert.match(lab.stdout, /\d+\/12 label sets from the model, \d+ fell back/);
  assert.equal(requests[0].temperature, 0);
  const labels = JSON.parse(readFileSync(path.join(out, FILES.labels), 'utf8'));
  assert.equal(labels.labeller, 'llm:fake-sel-1/sel-label-v1+heuristic-v2-fallback');
  assert.equal(readCsv(path.join(out, FILES.dataset)).filter((r) => r.labels.empathy === 0.11).length, labels.fromLlm);
});

test('--llm without an endpoint is a usage error that says what to set', async () => {
  // `sel label --llm` asks the same function for its client.
  const res = await satprep(['sel', 'generate', '--llm', '--count', '5', '--out', path.join(dir, 'none')], {});
  assert.equal(res.status, 2, res.stderr);
  assert.match(res.stderr, /--llm needs a hosted OpenAI-compatible endpoint: set OPENAI_BASE_URL \(and OPENAI_API_KEY, OPENAI_MODEL\); without --llm, sel generate uses the templates/);
});
