import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPrompt } from '../../../src/ai/task.ts';
import { feedback } from '../../../src/ai/tasks/feedback.ts';
import { propertySuite } from '../property.ts';

propertySuite('feedback');

test('the prompt states the number missed, so a note that uses it quotes the input rather than subtracting', () => {
  const input = feedback.input.parse({ skills: [{ skill: 'math.geo.circles', correct: 7, total: 10, avgTimeSec: 41.6, predictedProficiency: 4.25 }] });
  assert.match(renderPrompt(feedback.prompt(input)), /- Circles: 7\/10 correct \(70%, 3 missed\), average 42 s per question, predicted proficiency 4\.3 on a 1–7 scale/);
});
