import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Provider } from '../../src/ai/providers/types.ts';
import { feedback, type FeedbackInput } from '../../src/ai/tasks/feedback.ts';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { generatePairs, newStats } from '../../src/synth/generate.ts';
import { seedFromLlm, slotPhrasing } from '../../src/synth/llm-seed.ts';
import { buildContext } from '../../src/synth/pairs.ts';
import { smallBank } from './bank.ts';

const ctx = buildContext(smallBank(8), loadLessons());

/** A stand-in endpoint (no network): half its answers are the template's, half are unfaithful. */
function fakeProvider(): Provider {
  let n = 0;
  return {
    kind: 'openai', version: 'fake', available: () => true,
    async complete(req) {
      const input = req.input as FeedbackInput;
      n++;
      return { text: n % 2 ? feedback.template(input, req.rng) : 'You got 99 of 100 right, amazing!', model: 'fake' };
    },
    stream() { throw new Error('not used'); },
  };
}

test('--llm-seed keeps only outputs passing the checks and reuses them as checked phrasings', async () => {
  const seeded = await seedFromLlm(fakeProvider(), ctx, 40, 'llm');
  assert.equal(seeded.asked, 40);
  assert.equal(seeded.passed, 20, 'the unfaithful half is dropped');
  assert.ok(seeded.templates.length > 0);
  const opts = { pairs: 200, seed: 'llm', mix: { feedback: 1 }, phrasings: [slotPhrasing(seeded.templates)], phrasingRate: 1 };
  const stats = newStats(opts);
  const pairs = [...generatePairs(ctx, opts, stats)];
  const phrased = pairs.filter((p) => p.meta.generator.startsWith('llm-seed'));
  assert.ok(phrased.length > 0);
  for (const p of phrased) assert.ok(feedback.checks(p.input as FeedbackInput, p.output).every((r) => r.pass));
});
