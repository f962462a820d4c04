/**
 * One generation per (example, system) through the same `Provider` interface the AI chain
 * uses — the in-house model, the template writer, a hosted endpoint — and the task's own
 * checks on each output against its input. A provider error is recorded as an empty output
 * (which fails its checks) with the error, so a flaky endpoint cannot look better by skipping.
 */
import type { Provider } from '../../ai/providers/types.ts';
import { criticalFailures, type CheckResult } from '../../ai/task.ts';
import { getTask } from '../../ai/tasks/index.ts';
import type { AiTaskName } from '../../db/enums.ts';
import { createRng } from '../../lib/rng.ts';
import type { EvalExample } from './evalset.ts';

export interface EvalSystem {
  /** `inhouse`, `template`, `openai` — one column of the report. */
  name: string;
  /** What exactly ran: the model id, the template engine, the hosted model. */
  label: string;
  provider: Provider;
}

export interface Generation {
  id: string;
  task: AiTaskName;
  skill: string | null;
  system: string;
  output: string;
  reference: string;
  checks: CheckResult[];
  /** Every check passed. */
  pass: boolean;
  /** No critical check failed: the chain would have served it. */
  servable: boolean;
  ms: number;
  error?: string;
}

export async function generateAll(
  systems: readonly EvalSystem[], examples: readonly EvalExample[], opts: { seed: string; onProgress?: (system: string, done: number, total: number) => void },
): Promise<Generation[]> {
  const out: Generation[] = [];
  for (const sys of systems) {
    for (const [k, e] of examples.entries()) {
      const task = getTask(e.task);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const t = task as any;
      const t0 = performance.now();
      let output = '', error: string | undefined;
      try {
        ({ text: output } = await sys.provider.complete({
          task, input: e.input, messages: t.prompt(e.input), rng: createRng(`eval/${opts.seed}/${e.id}`), assignKey: e.id,
        }));
      } catch (err) {
        error = (err as Error).message;
      }
      const checks: CheckResult[] = t.checks(e.input, output);
      out.push({
        id: e.id, task: e.task, skill: e.skill, system: sys.name, output, reference: e.reference, checks,
        pass: checks.every((c) => c.pass), servable: criticalFailures(checks).length === 0, ms: performance.now() - t0,
        ...(error ? { error } : {}),
      });
      opts.onProgress?.(sys.name, k + 1, examples.length);
    }
  }
  return out;
}
