/**
 * A small SFT set drawn from the AI task templates: random valid inputs (test/ai/inputs.ts),
 * each task's prompt() and template() — the same pairs the synthetic generator makes.
 */
import { renderPrompt } from '../../src/ai/task.ts';
import { TASKS } from '../../src/ai/tasks/index.ts';
import { AI_TASKS } from '../../src/db/enums.ts';
import { createRng } from '../../src/lib/rng.ts';
import type { SftPair } from '../../src/model/data.ts';
import { inputs } from '../ai/inputs.ts';

export function taskPairs(n: number, seed = 'model-pairs'): SftPair[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const task = AI_TASKS[i % AI_TASKS.length];
    const r = rng.fork(i);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const t = TASKS[task] as any;
    const input = t.input.parse(inputs[task](r));
    return { task, prompt: renderPrompt(t.prompt(input)), output: t.template(input, r) as string };
  });
}
