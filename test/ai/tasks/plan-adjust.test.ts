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

test('advice resting on one or two answers says so instead of calling the skill the biggest gap', async () => {
  const input = (correct: number, total: number) =>
    planAdjust.input.parse({
      plan: { days: [{ day: 5, kind: 'practice', skill: 'math.alg.linear-functions' }, { day: 6, kind: 'practice', skill: 'math.geo.circles' }] },
      performance: [{ skill: 'math.alg.linear-functions', correct, total }, { skill: 'math.geo.circles', correct: 8, total: 10 }],
    });
  for (let seed = 0; seed < 20; seed++) {
    const early = planAdjust.template(input(0, 1), createRng(`early/${seed}`));
    assert.match(early, /one answer|0 of 1 right so far/, early);
    assert.doesNotMatch(early, /biggest gap|where points are hiding|needs work/, early);
    assert.ok(planAdjust.checks(input(0, 1), early).every((c) => c.pass), early);
    // With enough answers the verdict stands.
    const firm = planAdjust.template(input(2, 8), createRng(`firm/${seed}`));
    assert.doesNotMatch(firm, /so far|early sign/, firm);
  }
});
