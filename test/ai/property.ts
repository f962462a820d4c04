/** The property suite every task runs: templates always pass; each corruption fails its check. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnyAiTask } from '../../src/ai/task.ts';
import { TASKS } from '../../src/ai/tasks/index.ts';
import type { AiTaskName } from '../../src/db/enums.ts';
import { createRng } from '../../src/lib/rng.ts';
import { corruptions } from './corrupt.ts';
import { inputs } from './inputs.ts';

export const N_INPUTS = 1000;

export function propertySuite(name: AiTaskName): void {
  const task: AnyAiTask = TASKS[name];
  const rng = createRng(`property/${name}`);
  const cases = Array.from({ length: N_INPUTS }, (_, i) => {
    const input = task.input.parse(inputs[name](rng));
    return { input, output: task.template(input, rng.fork(i)) };
  });

  test(`${name}: ${N_INPUTS} random valid inputs → every template output passes every check`, () => {
    const failing = cases
      .map(({ input, output }) => ({ output, failed: task.checks(input, output).filter((c) => !c.pass) }))
      .filter((c) => c.failed.length > 0);
    assert.deepEqual(failing.slice(0, 3), [], `${failing.length}/${N_INPUTS} outputs failed`);
  });

  test(`${name}: ≥ ${N_INPUTS} corrupted outputs each fail the check named for the corruption`, () => {
    const perKind = new Map<string, number>();
    const missed: { kind: string; expect: string; text: string; failed: string[] }[] = [];
    let total = 0;
    for (const [i, { input, output }] of cases.entries()) {
      for (const c of corruptions(task, input, output, rng.fork(`c${i}`))) {
        const text = c.apply();
        if (text === null || text === output) continue;
        total++;
        perKind.set(c.kind, (perKind.get(c.kind) ?? 0) + 1);
        const failed = task.checks(input, text).filter((r) => !r.pass).map((r) => r.name);
        if (!failed.includes(c.expect)) missed.push({ kind: c.kind, expect: c.expect, text, failed });
      }
    }
    console.log(`# ${name}: ${total} corrupted outputs ${JSON.stringify(Object.fromEntries(perKind))}`);
    assert.ok(total >= N_INPUTS, `only ${total} corruptions applied`);
    for (const kind of ['changed-number', 'wrong-skill', 'email', 'phone', 'banned-tone', 'stray-reference']) assert.ok((perKind.get(kind) ?? 0) >= 100, `${kind} applied too rarely`);
    assert.deepEqual(missed.slice(0, 3), [], `${missed.length} corruptions were not caught by the right check`);
  });
}
