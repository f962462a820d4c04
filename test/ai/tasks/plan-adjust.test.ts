import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPrompt } from '../../../src/ai/task.ts';
import { planAdjust } from '../../../src/ai/tasks/plan-adjust.ts';
import { createRng } from '../../../src/lib/rng.ts';
import { propertySuite } from '../property.ts';

propertySuite('plan_adjust');

test('the prompt lists performance weakest first, ties in the input order, so the first line is the skill the template names', () => {
  const input = planAdjust.input.parse({
    plan: { days: [{ day: 3, kind: 'practice', skill: 'math.geo.circles' }] },
    performance: [
      { skill: 'math.geo.circles', correct: 9, total: 10 },
      { skill: 'math.alg.systems', correct: 1, total: 2 },
      { skill: 'math.psda.percentages', correct: 2, total: 4 },
      { skill: 'rw.info.evidence', correct: 3, total: 10 },
    ],
  });
  const prompt = renderPrompt(planAdjust.prompt(input));
  const perf = prompt.slice(prompt.indexOf('Performance, weakest first:\n')).split('\n').slice(1);
  assert.deepEqual(perf.map((l) => /\((\d+)%\)/.exec(l)?.[1]), ['30', '50', '50', '90']);
  assert.ok(perf[1].startsWith('- Systems of two linear equations'), perf[1]);
  assert.match(planAdjust.template(input, createRng('t')), /Command of Evidence/);
});
