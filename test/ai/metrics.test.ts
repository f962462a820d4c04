/**
 * The AI chain's metrics: provider latency per provider and task, each fallback past a
 * provider with its reason, the provider that answered — for generate and for streams —
 * and, when nothing answers, the miss.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instrumentProvider } from '../../src/ai/metrics.ts';
import { createAiService } from '../../src/ai/service.ts';
import { loadConfig } from '../../src/config.ts';
import { processRegistry } from '../../src/lib/metrics.ts';

const input = { skills: [{ skill: 'math.alg.linear-functions', correct: 7, total: 10, avgTimeSec: 45, predictedProficiency: 5.2 }] };

async function value(name: string, labels: Record<string, string>, metricName = name): Promise<number> {
  const metric = processRegistry.getSingleMetric(name);
  assert.ok(metric, `${name} is registered`);
  const { values } = await metric.get();
  const hit = values.find((v) => ((v as { metricName?: string }).metricName ?? name) === metricName && Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want));
  return hit?.value ?? 0;
}

test('a dead OpenAI-compatible endpoint: fallbacks counted with reasons, latency per provider, the template answers', async () => {
  // Port 1 refuses at once: a fast, real network error.
  const ai = createAiService({ config: loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:1/v1', OPENAI_API_KEY: 'k' }) });
  const before = {
    unavailable: await value('satprep_ai_fallbacks_total', { task: 'feedback', provider: 'inhouse', reason: 'unavailable' }),
    error: await value('satprep_ai_fallbacks_total', { task: 'feedback', provider: 'openai', reason: 'error' }),
    answered: await value('satprep_ai_answers_total', { task: 'feedback', provider: 'template', cached: 'false' }),
    openaiCalls: await value('satprep_ai_provider_duration_seconds', { provider: 'openai', task: 'feedback', outcome: 'error' }, 'satprep_ai_provider_duration_seconds_count'),
    templateCalls: await value('satprep_ai_provider_duration_seconds', { provider: 'template', task: 'feedback', outcome: 'ok' }, 'satprep_ai_provider_duration_seconds_count'),
  };
  const result = await ai.run('feedback', input, {});
  assert.equal(result.provider, 'template');
  assert.deepEqual(result.attempts.map((a) => `${a.provider}:${a.outcome}`), ['inhouse:unavailable', 'openai:error', 'template:ok']);

  assert.equal(await value('satprep_ai_fallbacks_total', { task: 'feedback', provider: 'inhouse', reason: 'unavailable' }), before.unavailable + 1);
  assert.equal(await value('satprep_ai_fallbacks_total', { task: 'feedback', provider: 'openai', reason: 'error' }), before.error + 1);
  assert.equal(await value('satprep_ai_answers_total', { task: 'feedback', provider: 'template', cached: 'false' }), before.answered + 1);
  assert.equal(
    await value('satprep_ai_provider_duration_seconds', { provider: 'openai', task: 'feedback', outcome: 'error' }, 'satprep_ai_provider_duration_seconds_count'),
    before.openaiCalls + 1,
  );
  assert.equal(
    await value('satprep_ai_provider_duration_seconds', { provider: 'template', task: 'feedback', outcome: 'ok' }, 'satprep_ai_provider_duration_seconds_count'),
    before.templateCalls + 1,
  );

  // A stream is counted the same way once it is done.
  const streamedBefore = await value('satprep_ai_answers_total', { task: 'feedback', provider: 'template', cached: 'false' });
  let done = false;
  for await (const ev of ai.stream('feedback', input, {})) if (ev.type === 'done') done = true;
  assert.ok(done);
  assert.equal(await value('satprep_ai_answers_total', { task: 'feedback', provider: 'template', cached: 'false' }), streamedBefore + 1);
  const exposed = await processRegistry.metrics();
  assert.match(exposed, /satprep_ai_provider_duration_seconds_bucket\{le="0\.005",provider="template",task="feedback",outcome="ok"\}/);
});

test('an instrumented provider reads everything else through: kind, a version that changes, extra methods', async () => {
  let active = 'lm-1';
  const provider = {
    kind: 'inhouse' as const,
    get version() {
      return `inhouse:${active}`;
    },
    available: () => true,
    versionFor: () => `inhouse:${active}:b`,
    complete: async () => ({ text: 'hi', model: active }),
    stream: () => Object.assign((async function* () {
      yield 'h';
      yield 'i';
    })(), { model: active }),
  };
  const wrapped = instrumentProvider(provider);
  assert.equal(wrapped.kind, 'inhouse');
  assert.equal(wrapped.version, 'inhouse:lm-1');
  active = 'lm-2';
  assert.equal(wrapped.version, 'inhouse:lm-2', 'a promoted model shows through');
  assert.equal((wrapped as typeof provider).versionFor(), 'inhouse:lm-2:b');
  const req = { task: { name: 'explain' } } as unknown as Parameters<typeof wrapped.complete>[0];
  assert.deepEqual(await wrapped.complete(req), { text: 'hi', model: 'lm-2' });
  const stream = wrapped.stream(req);
  let text = '';
  for await (const chunk of stream) text += chunk;
  assert.equal(text, 'hi');
  assert.equal(stream.model, 'lm-2');
  assert.equal(await value('satprep_ai_provider_duration_seconds', { provider: 'inhouse', task: 'explain', outcome: 'ok' }, 'satprep_ai_provider_duration_seconds_count'), 2);
});
