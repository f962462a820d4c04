/**
 * The test guide answers what students ask the tutor about the test itself — pacing,
 * guessing, the calculator, typed answers, scores — which no skill lesson covers; and its
 * numbers are the blueprint's, so they agree with the tests the platform gives.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from '../../src/ai/generate.ts';
import { createTemplateProvider } from '../../src/ai/providers/index.ts';
import { buildSearchIndex } from '../../src/ai/search/sources.ts';
import { tutorChat } from '../../src/ai/tasks/tutor-chat.ts';
import { GUIDE } from '../../src/content/guide.ts';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { SKILL_IDS, TAXONOMY } from '../../src/content/taxonomy.ts';
import { moduleDuration } from '../../src/practice/full-test-state.ts';
import { searchPassages } from '../../src/ai/search/sources.ts';

// The index the server searches (ai/search/sources.ts searchPassages): the lessons' sections and the guide's.
const search = buildSearchIndex(searchPassages(loadLessons()));
const ask = (message: string, skill?: (typeof SKILL_IDS)[number]) =>
  generate(tutorChat, { messages: [{ role: 'user', content: message }], ...(skill ? { skill } : {}) }, { providers: [createTemplateProvider()], search });

test('a pacing question is answered from the guide, with the blueprint’s timing, even with a skill in focus', async () => {
  // The focus a student has after practising a skill: before the guide, this question got "I can't find this" and that skill's lesson.
  const r = await ask('How should I pace myself on the Math module?', SKILL_IDS.find((s) => s.startsWith('math.adv.')));
  assert.ok(r.passed, JSON.stringify(r.checks.filter((c) => !c.pass)));
  const math = TAXONOMY.sections.find((s) => s.id === 'math')!;
  const perQuestion = Math.round((math.minutesPerModule * 60) / math.questionsPerModule);
  assert.match(r.text, new RegExp(`${perQuestion} seconds`));
  assert.match(r.text, /the guide "Pacing each module"/);
  assert.doesNotMatch(r.text, /can't find|rather not guess|beyond what I can answer/);
});

test('questions on time, guessing, the adaptive modules, the calculator, typed answers and scores each find their section', async () => {
  const cases: [string, RegExp, string][] = [
    ['Is there a penalty for guessing wrong answers?', /no penalty for a wrong answer/, 'Guessing, marking and reviewing'],
    ['I keep running out of time in reading', /running out of time/i, 'Pacing each module'],
    ['What happens if I do badly on the first module?', /second module is easier or harder/, 'How the digital SAT is laid out'],
    ['Can I use a calculator on the Math section?', /graphing calculator/, 'Calculator, reference sheet and typed answers'],
    ['what is the desmos calculator', /a graphing calculator \(Desmos\) is built into the testing app/, 'Calculator, reference sheet and typed answers'],
    ['Can I type a mixed number like 3 1/2 as my answer?', /mixed numbers are not/, 'Calculator, reference sheet and typed answers'],
    ['How is the total score calculated?', /sum of the two/, 'How scores work'],
    ['what if I run out of time', /running out of time/i, 'Pacing each module'],
    ['should I skip hard questions', /pick your best answer/, 'Pacing each module'],
    ['how much time do I get per question', /average time per question/, 'Pacing each module'],
    ['can I go back to a question', /go back to any earlier question/, 'How the digital SAT is laid out'],
    ['what formulas are given', /reference sheet/, 'Calculator, reference sheet and typed answers'],
    ['When is the SAT?', /College Board/, 'Test dates, registration and colleges'],
    ['when is the next SAT', /College Board/, 'Test dates, registration and colleges'],
    ['when do I get a break during the test', /10-minute break/, 'How the digital SAT is laid out'],
    ['how do I register for the SAT', /[Rr]egister well before the deadline/, 'Test dates, registration and colleges'],
    ['do colleges require the SAT', /each college's own policy/, 'Test dates, registration and colleges'],
    ['is the SAT curved', /not curved/, 'How scores work'], // once a sentence on "volumes with a curve"
    ['how does the adaptive test work', /adaptive by module/, 'How the digital SAT is laid out'],
    ["what's the best way to use process of elimination", /process of elimination/, 'Guessing, marking and reviewing'], // once a line of best fit
    ['what is a grid in question', /student-produced responses/, 'Calculator, reference sheet and typed answers'],
    ['can I use negative answers in the student produced response', /may be negative/, 'Calculator, reference sheet and typed answers'],
    ['should I read the question first or the passage first', /read the question first/, 'Test-taking habits and test day'],
    ['how do I deal with test anxiety', /Test anxiety is common/i, 'Test-taking habits and test day'], // once the registration section
    ['how can I stop making careless mistakes', /avoidable mistakes/, 'Test-taking habits and test day'], // "making" once found a lesson
    ['what should I do the night before the test', /full night of sleep/, 'Test-taking habits and test day'],
    ['is the essay required', /no essay on the digital SAT/, 'How the digital SAT is laid out'], // once "each college's own policy" on SAT scores
    ['how do I stay calm during the test', /stay calm/, 'Test-taking habits and test day'], // once a lesson's "pass the first test and fail the second"
    ['What time does the test center open?', /doors open at 7:45 a\.m\./, 'Test-taking habits and test day'], // once declined
  ];
  for (const [question, expected, title] of cases) {
    const r = await ask(question);
    assert.ok(r.passed, `${question}: ${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
    assert.match(r.text, expected, question);
    assert.ok(r.text.includes(`the guide "${title}"`), `${question} → ${r.text}`);
  }
});

test('"How many questions are on the SAT?" gets the count from the blueprint, by section and in all', async () => {
  const r = await ask('How many questions are on the SAT?');
  assert.ok(r.passed, JSON.stringify(r.checks.filter((c) => !c.pass)));
  const perSection = TAXONOMY.sections.map((s) => s.modules * s.questionsPerModule);
  assert.match(r.text, new RegExp(`the test has ${perSection[0] + perSection[1]} questions: ${perSection[0]} in`));
  assert.ok(r.text.includes('the guide "How the digital SAT is laid out"'), r.text);
  // Before: "spread short practice sessions over many days… And some ask how many solutions an equation has."
  assert.doesNotMatch(r.text, /practice sessions|solutions/);
});

test('a question about a skill still gets its lesson, not the guide', async () => {
  const r = await ask('How do I find the slope of a line from two points?');
  assert.ok(r.passed);
  assert.match(r.text, /the lesson "/);
  assert.doesNotMatch(r.text, /the guide "/);
});

test('every guide sentence can be quoted in a reply: each passes the tutor’s checks when it is the answer', async () => {
  for (const section of GUIDE) {
    for (const sentence of section.sentences) {
      const r = await ask(sentence);
      assert.ok(r.passed, `${section.id}: ${sentence}\n${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
      // A lead-in may lower-case its first letter ("The main point: the digital SAT …").
      assert.ok(r.text.includes(sentence.slice(1)), `${section.id}: the reply does not quote "${sentence}": ${r.text}`);
    }
  }
});

test('the layout the guide describes is the one the full-length test runs', () => {
  const format = GUIDE.find((s) => s.id === 'guide.format')!.sentences.join(' ');
  for (const s of TAXONOMY.sections) {
    assert.ok(format.includes(`${s.questionsPerModule} questions in ${s.minutesPerModule} minutes`), s.id);
    // The test engine's own module clock, at full scale.
    assert.equal(moduleDuration(s.id, { timeScale: 1 }), s.minutesPerModule * 60_000);
  }
  assert.ok(format.includes(`${TAXONOMY.breakMinutes}-minute break`));
});
