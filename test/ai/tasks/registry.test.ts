import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SYSTEM_PREAMBLE } from '../../../src/ai/task.ts';
import { TASKS } from '../../../src/ai/tasks/index.ts';
import { AI_TASKS } from '../../../src/db/enums.ts';
import { createRng } from '../../../src/lib/rng.ts';
import { inputs } from '../inputs.ts';

test('every AI_TASKS name has exactly one task, registered under its own name, whose prompt opens with the shared preamble', () => {
  assert.deepEqual(Object.keys(TASKS).sort(), [...AI_TASKS].sort());
  for (const name of AI_TASKS) {
    const task = TASKS[name];
    assert.equal(task.name, name);
    assert.match(task.promptVersion, new RegExp(`^${name}/\\d+$`));
    const messages = TASKS[name].prompt(task.input.parse(inputs[name](createRng(name))) as never);
    assert.equal(messages[0].role, 'system');
    assert.ok(messages[0].content.startsWith(SYSTEM_PREAMBLE));
  }
});

test('the same seed gives the same template text', () => {
  for (const name of AI_TASKS) {
    const task = TASKS[name];
    const input = task.input.parse(inputs[name](createRng(`det/${name}`))) as never;
    assert.equal(task.template(input, createRng('s')), task.template(input, createRng('s')));
  }
});
