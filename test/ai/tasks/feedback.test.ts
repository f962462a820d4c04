import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPrompt } from '../../../src/ai/task.ts';
import { feedback } from '../../../src/ai/tasks/feedback.ts';
import { FB, type SkillCtx } from '../../../src/ai/tasks/feedback-phrases.ts';
import { createRng } from '../../../src/lib/rng.ts';
import { propertySuite } from '../property.ts';

propertySuite('feedback');

test('the prompt states the number missed, so a note that uses it quotes the input rather than subtracting', () => {
  const input = feedback.input.parse({ skills: [{ skill: 'math.geo.circles', correct: 7, total: 10, avgTimeSec: 41.6, predictedProficiency: 4.25 }] });
  assert.match(renderPrompt(feedback.prompt(input)), /- Circles: 7\/10 correct \(70%, 3 missed\), average 42 s per question, predicted proficiency 4\.3 on a 1–7 scale/);
});

test('counts read as English: no "missed 0", "the 1 misses" or "1 seconds", whichever phrasing the template draws', () => {
  const cases = [
    { skill: 'math.geo.circles', correct: 4, total: 4, avgTimeSec: 56, predictedProficiency: 5.9 },
    { skill: 'math.geo.circles', correct: 0, total: 1, avgTimeSec: 1, predictedProficiency: 2.1 },
    { skill: 'rw.info.evidence', correct: 1, total: 2, avgTimeSec: 1.2, predictedProficiency: 3 },
  ];
  for (const skill of cases) {
    const input = feedback.input.parse({ skills: [skill] });
    for (let seed = 0; seed < 300; seed++) {
      const text = feedback.template(input, createRng(`counts/${seed}`));
      assert.doesNotMatch(text, /missed 0\b|\b1 misses|the 1 you missed|\b1 seconds/, text);
    }
  }
});

test('quick with most answers wrong reads as rushing: never "speed is on your side" or "use the spare time to double-check"', () => {
  const rushed = feedback.input.parse({ skills: [{ skill: 'rw.conv.boundaries', correct: 0, total: 5, avgTimeSec: 30, predictedProficiency: 1.2 }] });
  const accurate = feedback.input.parse({ skills: [{ skill: 'rw.conv.boundaries', correct: 5, total: 5, avgTimeSec: 30, predictedProficiency: 5.2 }] });
  const two = feedback.input.parse({ skills: [{ skill: 'rw.conv.boundaries', correct: 1, total: 6, avgTimeSec: 20, predictedProficiency: 2 }, { skill: 'math.geo.circles', correct: 3, total: 4, avgTimeSec: 50, predictedProficiency: 4 }] });
  const praise = /Speed is on your side|super quick|lots of spare time|spare time to double-check|Speed is great/;
  let praised = 0;
  for (let seed = 0; seed < 200; seed++) {
    const text = feedback.template(rushed, createRng(`rushed/${seed}`));
    assert.doesNotMatch(text, praise, text);
    assert.match(text, /longer|slow down|quicker than|time to spare|extra seconds|too quick/i, text);
    assert.match(feedback.template(two, createRng(`two/${seed}`)), /quick, maybe too quick|fast enough to slow down/);
    if (praise.test(feedback.template(accurate, createRng(`accurate/${seed}`)))) praised++;
  }
  // All right at the same pace: speed is still something to praise.
  assert.ok(praised > 0, 'a fast, accurate set is praised for its speed');
});

test('a note that states the numbers right but reads them wrong fails: "100%, a focus area" and "1 s a question, on the slow side"', () => {
  const input = feedback.input.parse({
    skills: [
      { skill: 'rw.conv.form-structure-sense', correct: 1, total: 1, avgTimeSec: 1, predictedProficiency: 4 },
      { skill: 'math.alg.linear-functions', correct: 1, total: 4, avgTimeSec: 75, predictedProficiency: 2.5 },
    ],
  });
  // Seen from the in-house model in a review: every number is the input's, the reading is backwards.
  const backwards =
    'Nice session. Form, Structure, and Sense: 1/1 (100%), a focus area, at 1s a question, on the slow side. ' +
    'Linear functions: 1/4 (25%), really strong, at 75s a question, brisk. Keep practising the basics of Linear functions with its lesson first. Onward!';
  const result = feedback.checks(input, backwards).find((c) => c.name === 'bands-agree')!;
  assert.equal(result.pass, false);
  assert.match(result.reason!, /"a focus area" does not fit Form, Structure, and Sense at 100% and 1s/);
  // The same sentence with the readings the right way round passes, and "Nonlinear" holds no mention of "Linear functions".
  const right = backwards.replace('a focus area', 'nicely done').replace('on the slow side', 'speedy').replace('really strong', 'a focus area').replace('brisk', 'a bit slow');
  assert.ok(feedback.checks(input, right).find((c) => c.name === 'bands-agree')!.pass, right);
});

test('a pace or level said in so many words must be the skill’s own: "worth speeding up" at 2 s a question, "near the top" at 2.0 fail', () => {
  const input = feedback.input.parse({ skills: [{ skill: 'rw.craft.cross-text', correct: 0, total: 4, avgTimeSec: 2, predictedProficiency: 2 }] });
  const reason = (text: string) => feedback.checks(input, text).find((c) => c.name === 'bands-agree')!.reason;
  // What the in-house model wrote in review, all its numbers the input's own.
  const base = 'Fresh results are in. In Cross-Text Connections you scored 0% (0/4), room to grow.';
  const tail = ' Review the lesson, then try a few easy questions to build momentum. Keep going!';
  assert.match(reason(`${base} Your pace of 2s each is worth speeding up a little.${tail}`) ?? '', /"worth speeding up" does not fit/);
  assert.match(reason(`${base} At 2 seconds a question you moved fast. Practising with a timer can help you build pace.${tail}`) ?? '', /"build pace" does not fit/);
  assert.match(reason(`${base} At 2 seconds a question you moved fast. You're headed to a 2.0 proficiency in Cross-Text Connections, near the top of the scale.${tail}`) ?? '', /"near the top of the scale" does not fit Cross-Text Connections at 2.0 of 7/);
  assert.equal(reason(`${base} At 2 seconds a question you moved fast. A predicted 2.0 proficiency means the groundwork matters most right now.${tail}`), undefined);
});

test('every pace, tip and proficiency sentence of the template carries a sign of its own band and none of another', () => {
  const ctx = (over: object) => ({ name: 'Circles', correct: 3, total: 4, missed: 1, pct: 75, time: 30, prof: '4.0', acc: 'solid', speed: 'quick', level: 'building', ...over }) as SkillCtx;
  const signsIn = (text: string, signs: Record<string, string[]>) => Object.entries(signs).filter(([, list]) => list.some((w) => text.toLowerCase().includes(w.toLowerCase()))).map(([band]) => band);
  for (const [band, list] of Object.entries(FB.time)) for (const f of list) assert.deepEqual(signsIn(f(ctx({})), FB.paceSigns), [band], f(ctx({})));
  for (const [band, list] of Object.entries(FB.paceTips)) for (const tip of list) assert.deepEqual(signsIn(tip, FB.paceSigns), [band], tip);
  for (const [band, list] of Object.entries(FB.proficiency)) for (const f of list) assert.deepEqual(signsIn(f(ctx({})), FB.levelSigns), [band], f(ctx({})));
});
