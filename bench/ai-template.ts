/**
 * `npm run bench -- ai-template`: with no model and no endpoint configured, every task
 * answers from its template through the full generate() path (validation, retrieval-free
 * prompt, chain walk, checks). Target: median ≤ 2 ms per call.
 * Baseline: JSON.stringify of the same input, the cheapest thing any path must do with it,
 * so the ratio shows what the whole generation costs in units of one serialisation.
 */
import { generate } from '../src/ai/generate.ts';
import { providersFromConfig } from '../src/ai/providers/index.ts';
import type { AnyAiTask } from '../src/ai/task.ts';
import { TASKS } from '../src/ai/tasks/index.ts';
import { AI_TASKS } from '../src/db/enums.ts';
import { createRng } from '../src/lib/rng.ts';
import { inputs } from '../test/ai/inputs.ts';
import { compare } from './harness.ts';

const providers = providersFromConfig({ OPENAI_MODEL: 'unused' });
const rng = createRng('bench/ai-template');
const TARGET_MS = 2;
const over: string[] = [];

for (const name of AI_TASKS) {
  const task: AnyAiTask = TASKS[name];
  const pool = Array.from({ length: 64 }, () => task.input.parse(inputs[name](rng)));
  let i = 0;
  const r = await compare({
    name: `${name}: template via generate()`,
    baseline: { name: 'JSON.stringify(input)', fn: () => JSON.stringify(pool[i++ % pool.length]) },
    candidate: { name: 'generate() → template', fn: () => generate(task, pool[i++ % pool.length], { providers }) },
    repeats: 15,
    inner: 40,
  });
  if (r.candidate.medianMs > TARGET_MS) over.push(`${name} ${r.candidate.medianMs.toFixed(3)} ms`);
}
console.log(over.length ? `\nOVER ${TARGET_MS} ms: ${over.join(', ')}` : `\nall tasks: median ≤ ${TARGET_MS} ms per call`);
if (over.length) process.exitCode = 1;
