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

test('a figure must be the named skill’s own: another skill’s "6 of 7", a made-up percentage or "the biggest gap" at 86% fail, the template passes', () => {
  const input = planAdjust.input.parse({
    plan: { days: [{ day: 2, kind: 'practice', skill: 'math.geo.circles' }, { day: 4, kind: 'lesson', skill: 'rw.craft.words-in-context' }] },
    performance: [
      { skill: 'math.adv.equivalent-expressions', correct: 1, total: 19 },
      { skill: 'math.geo.circles', correct: 6, total: 7 },
      { skill: 'rw.craft.words-in-context', correct: 4, total: 5 },
    ],
  });
  const fails = (text: string) => planAdjust.checks(input, text).filter((c) => !c.pass).map((c) => c.name);
  // What a model wrote, seen in review: every number is somewhere in the input, none is the weak skill's.
  assert.deepEqual(fails('With 6 of 7 right, Equivalent expressions is the biggest gap. Switch day 2 to practice Equivalent expressions instead! Small, targeted practice adds up.'), ['figures-fit-skill']);
  assert.deepEqual(fails('With 4 of 5 right, Equivalent expressions deserves more time. Let’s use day 2 for Equivalent expressions practice. A focused day should lift it quickly.'), ['figures-fit-skill']);
  assert.deepEqual(fails('Equivalent expressions is at 86% and needs work. Switch day 2 to practice Equivalent expressions instead! That gives it the extra reps it needs.'), ['figures-fit-skill']);
  // The right figures, and a comment that fits them, pass.
  assert.deepEqual(fails('With 1 of 19 right, Equivalent expressions is the biggest gap. Switch day 2 to practice Equivalent expressions instead! Small, targeted practice adds up.'), []);
  for (let seed = 0; seed < 20; seed++) assert.deepEqual(fails(planAdjust.template(input, createRng(`fit/${seed}`))), []);
});
