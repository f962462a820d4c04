import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate } from '../../../src/ai/generate.ts';
import { createTemplateProvider } from '../../../src/ai/providers/index.ts';
import { buildSearchIndex, searchPassages } from '../../../src/ai/search/sources.ts';
import { rationaleSteps, revealsKey } from '../../../src/ai/tasks/item-text.ts';
import { askedWord, expandQuestion, mathKind, questionParts, withoutContact } from '../../../src/ai/tasks/grounded.ts';
import { tutorChat, turnQuestion } from '../../../src/ai/tasks/tutor-chat.ts';
import { buildBank } from '../../../src/content/bank.ts';
import { loadLessons } from '../../../src/content/lessons/index.ts';
import { skill, type SkillId } from '../../../src/content/taxonomy.ts';
import { propertySuite } from '../property.ts';

propertySuite('tutor_chat');

const lessons = loadLessons();
const ctx = { providers: [createTemplateProvider()], search: buildSearchIndex(searchPassages(lessons)) };
const lessonFor = (id: SkillId) => lessons.find((l) => l.skill === id)!;
type Turn = { role: 'user' | 'assistant'; content: string };

/** The conversation as the student has it: each reply added before the next question. */
async function converse(questions: string[], extra: Record<string, unknown> = {}): Promise<string[]> {
  const messages: Turn[] = [];
  const replies: string[] = [];
  for (const content of questions) {
    messages.push({ role: 'user', content });
    const r = await generate(tutorChat, { messages: [...messages], ...extra }, ctx);
    assert.ok(r.passed, `${content}: ${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
    replies.push(r.text);
    messages.push({ role: 'assistant', content: r.text });
  }
  return replies;
}

test('a follow-up is about the question before it: "what about two changes in a row?" after percent change stays on percentages', async () => {
  const [, next] = await converse(['how do I calculate percent change', 'what about two changes in a row?']);
  assert.match(next, /the lesson "Percentages, percent change and multipliers"/);
  assert.match(next, /repeated changes|multipl/i);
});

test('"explain more" and "can you give an example?" continue the topic with sentences not said yet', async () => {
  for (const [first, more, lesson] of [
    ['how do i solve systems of equations', 'explain more', 'Solving systems of two linear equations'],
    ['What is a comma splice?', 'can you give an example?', 'Punctuating where sentences and clauses meet'],
  ]) {
    const [a, b] = await converse([first, more]);
    assert.ok(b.includes(`the lesson "${lesson}"`), b);
    // No quoted sentence of the first reply comes back in the second.
    const quoted = (t: string) => t.split(/(?<=[.!?])\s+/).filter((s) => s.split(' ').length >= 6 && !/lesson "/.test(s));
    for (const s of quoted(b)) assert.ok(!a.includes(s.slice(s.indexOf(':') + 2, s.length - 1)), `repeated: ${s}`);
  }
});

test('greetings, thanks, "who are you?" and "quiz me" get a friendly word (and where to go), not a lesson search', async () => {
  const [hi, who, thanks] = await converse(['hi', 'who are you?', 'thanks!'], { studentName: 'Priya Raman' });
  assert.equal(hi, "Hi Priya! I'm your SAT tutor. Ask me about a skill, a question you're stuck on, or how the test works.");
  assert.match(who, /an AI that answers from this platform's lessons and test guide/);
  assert.match(thanks, /^You're welcome, Priya!/);
  for (const t of [hi, who, thanks]) assert.doesNotMatch(t, /can't find|beyond what I can answer/);
  for (const ask of ['Can you give me a practice question?', 'quiz me on circles', 'give me another problem']) {
    const [reply] = await converse([ask]);
    assert.match(reply, /Practice can: pick a skill there/, ask);
  }
});

test('a reply quotes one passage: a second sentence from another lesson that shares a word does not tag along', async () => {
  // Before: "What counts as a good score depends on your goals… A good inference is modest."
  const [score] = await converse(["what's a good score"]);
  assert.match(score, /good score depends on your goals/);
  assert.doesNotMatch(score, /inference/);
  // Before: "…spread short practice sessions over many days… These questions ask which conclusion a study actually supports."
  const [study] = await converse(['how do I study for the sat']);
  assert.match(study, /spread short practice sessions/);
  assert.doesNotMatch(study, /conclusion/);
});

test('a lesson whose title does not name its skill is found by the skill name, and a sentence by its lesson title', async () => {
  const notes = lessonFor('rw.expr.rhetorical-synthesis');
  const [reply] = await converse([`how do I approach ${skill('rw.expr.rhetorical-synthesis').name.toLowerCase()} questions`]);
  assert.ok(reply.includes(`the lesson "${notes.title}"`), reply);
  assert.doesNotMatch(reply, /can't find|beyond what I can answer|rather not guess/);
  // "circle" is in the circles lesson's title, not in its sentence that gives the area; the
  // area lesson's line of areas names both.
  const [area] = await converse(['how do I find the area of a circle']);
  assert.match(area, /A = πr²/);
});

test('"help" or "I\'m stuck" with nothing in focus asks what it is about, rather than pointing to no lesson in particular', async () => {
  for (const ask of ['help', "I'm stuck", 'help me please', 'I am confused', 'help pls', 'How do I even start?', 'this one makes no sense', 'what did I miss?']) {
    const [reply] = await converse([ask]);
    assert.match(reply, /What are you working on\?/, ask);
    assert.doesNotMatch(reply, /the lesson on this topic|can't find/, ask);
  }
});

test('"can you give me an example?" about a question: its lesson\'s worked example once answered; before that, a first step and no key', async () => {
  const items = [...new Map(buildBank({ perSkill: 2 }).map((i) => [i.skill, i])).values()];
  for (const item of items) {
    const ask = { messages: [{ role: 'user' as const, content: 'can you give me an example?' }], item, skill: item.skill };
    const after = await generate(tutorChat, { ...ask, revealAnswer: true }, ctx);
    assert.ok(after.passed, `${item.skill}: ${JSON.stringify(after.checks.filter((c) => !c.pass))}`);
    // The worked example's first line (its problem), from the question's own lesson.
    const example = lessonFor(item.skill).body.split('## Worked example')[1].trim().split('\n')[0].replace(/[*_]/g, '').slice(0, 30);
    // One with a table is pointed to in its lesson rather than cut mid-table.
    const pointed = `The worked example in the lesson "${lessonFor(item.skill).title}" reads best in the lesson itself`;
    assert.ok(after.text.includes(example) || after.text.startsWith(pointed), `${item.skill}: ${after.text}\nexpected: ${example}`);
    const before = await generate(tutorChat, { ...ask, revealAnswer: false }, ctx);
    assert.ok(before.passed, `${item.skill}: ${JSON.stringify(before.checks.filter((c) => !c.pass))}`);
    assert.match(before.text, /^Once you have answered this question, I can show the lesson's worked example/);
    assert.ok(!before.text.includes(example) && !revealsKey(before.text, item), `${item.skill}: ${before.text}`);
  }
});

test('"What should I work on next?" before any practice says so, and with results names the weakest skill', async () => {
  for (const ask of ['What should I work on next?', 'how am I doing']) {
    const [reply] = await converse([ask]);
    assert.match(reply, /^I don't have any practice results from you yet/, ask);
  }
  const [withResults] = await converse(['What should I work on next?'], {
    performance: [{ skill: 'math.geo.circles', mastery: 0.2, recentCorrect: 1, recentAnswered: 5 }],
  });
  assert.ok(withResults.startsWith(`From your recent practice, ${skill('math.geo.circles').name} is the skill to work on next`), withResults);
  // "This week" is when, not what: the answer is the progress and where to start, not a search for "week".
  const [week] = await converse(['What should I focus on this week?'], {
    performance: [{ skill: 'math.geo.circles', mastery: 0.2, recentCorrect: 1, recentAnswered: 5 }],
  });
  assert.ok(week.startsWith(`From your recent practice, ${skill('math.geo.circles').name} is the skill to work on next`), week);
  assert.match(week, /the (lesson "Circles: arcs, sectors and equations"|Circles lesson)/);
  assert.doesNotMatch(week, /can't find|beyond what|rather not guess/);
  // A question with a topic is about the topic.
  const [circles] = await converse(['how do I improve on circles']);
  assert.match(circles, /circle/i);
  assert.doesNotMatch(circles, /practice results/);
});

test('a question the material does not cover names no lesson at random, not even the skill just practised', async () => {
  const [reply] = await converse(['how do I get a scholarship']);
  assert.match(reply, /I can't find this in the lessons or the test guide|beyond what I can answer reliably/);
  assert.doesNotMatch(reply, /the lesson "/);
  // The circles practised a minute ago have nothing to say about scholarships.
  const [focused] = await converse(['how do I get a scholarship'], { skill: 'math.geo.circles' });
  assert.match(focused, /I can't find this in the lessons or the test guide|beyond what I can answer reliably/);
  assert.doesNotMatch(focused, /the lesson "/i);
  // "Help me with this" with circles in focus is about circles.
  const [help] = await converse(['help me with this'], { skill: 'math.geo.circles' });
  assert.match(help, /the lesson "Circles: arcs, sectors and equations"/i);
});

test('the question just missed is no focus for a question about something else: "what is a comma splice?" is answered from its own lesson', async () => {
  const item = buildBank({ perSkill: 5 }).find((i) => i.skill === 'math.alg.systems')!;
  const focus = { item, skill: item.skill, revealAnswer: true };
  for (const [ask, lesson] of [
    ['How do I calculate percent change?', 'Percentages, percent change and multipliers'],
    ['What is a comma splice?', 'Punctuating where sentences and clauses meet'],
    ['whats the diffrence between a semicolon and a colon', 'Punctuating where sentences and clauses meet'],
    ['what is the quadratic formula', 'Quadratics and other nonlinear equations'],
  ]) {
    const [reply] = await converse([ask], focus);
    assert.match(reply, new RegExp(`the lesson "${lesson}"`), `${ask} → ${reply}`);
    assert.doesNotMatch(reply, /can't find|beyond what|rather not guess/, `${ask} → ${reply}`);
  }
  // Off the lessons' ground, no lesson is named: not the systems one either.
  const [chemistry] = await converse(['can you help me with my chemistry homework? what is a mole'], focus);
  assert.doesNotMatch(chemistry, /the lesson "/i, chemistry);
  // About the question, or a method of its skill's lesson, the focus holds.
  const [why] = await converse(['why is x 7?'], focus);
  assert.match(why, /the lesson "Solving systems of two linear equations"/, why);
  const [elimination] = await converse(['how do I use elimination'], focus);
  assert.match(elimination, /elimination: add or subtract the equations/i, elimination);
});

test('"the difference between a colon and a semicolon" says what each one does, not a sentence that lists them both', async () => {
  for (const ask of ["what's the difference between a colon and a semicolon", 'semicolon vs colon']) {
    const [reply] = await converse([ask]);
    assert.match(reply, /a colon must come after a complete independent clause/i, `${ask} → ${reply}`);
    assert.match(reply, /a semicolon works like a period/i, `${ask} → ${reply}`);
  }
  const [stats] = await converse(["what's the difference between mean and median"]);
  assert.match(stats, /mean \(average\) of a data set/i, stats);
  assert.match(stats, /median: the middle value/i, stats);
});

test('"its or it\'s?" and its cousins are questions about possessives, though every word of them is a stop word', async () => {
  for (const ask of ["what is the difference between its and it's", "when do I use their vs they're", "your or you're", 'its or it’s?']) {
    const [reply] = await converse([ask]);
    assert.match(reply, /possessive pronouns take no apostrophe/i, ask);
    assert.ok(reply.includes(`the lesson "${lessonFor('rw.conv.form-structure-sense').title}"`), reply);
  }
  // One of the pair alone is just a word: "is there a penalty…" stays a question about guessing.
  const [guess] = await converse(['is there a penalty for guessing']);
  assert.match(guess, /no penalty for a wrong answer/);
});

test('a list item quoted from a lesson ends as a sentence, so two do not run together', async () => {
  const [reply] = await converse(['how do I use the transitions however and therefore']);
  assert.match(reply, /on the other hand\. /);
});

test('turnQuestion: a standalone question is itself; a short follow-up carries the last real question', () => {
  const q = (...contents: string[]) => turnQuestion({ messages: contents.map((content, i) => ({ role: i % 2 ? 'assistant' : 'user', content })) as Turn[] });
  assert.equal(q('What is a comma splice?'), 'What is a comma splice?');
  assert.equal(q('What is a comma splice?', 'A comma alone…', 'can you give an example?'), 'What is a comma splice? can you give an example?');
  assert.equal(q('What is a comma splice?', '…', 'explain more', '…', 'and another?'), 'What is a comma splice? and another?');
  assert.equal(q('What is a comma splice?', '…', 'How do I find the slope of a line from two points on a graph?'), 'How do I find the slope of a line from two points on a graph?');
  // A follow-up in form that names a new topic is a new question; one that names the same topic, or leans on the last ("what about"), is not.
  assert.equal(q('how does an outlier change the mean?', '…', 'can you explain standard deviation again?'), 'can you explain standard deviation again?');
  assert.equal(q('any tips for y-intercept?', '…', 'Could you walk me through the slope part?'), 'Could you walk me through the slope part?');
  assert.equal(q('how does an outlier change the mean?', '…', 'can you explain the mean again?'), 'how does an outlier change the mean? can you explain the mean again?');
  assert.equal(q('how do I calculate percent change', '…', 'what about two changes in a row?'), 'how do I calculate percent change what about two changes in a row?');
  assert.equal(q('how do I solve 2x + 3 = 11', '…', 'can you explain the second step again?'), 'how do I solve 2x + 3 = 11 can you explain the second step again?');
});

test('a new topic asked like a follow-up ("can you explain standard deviation again?") is answered about that topic', async () => {
  // Before: the outlier sentence, answering the question before instead.
  const messages: Turn[] = [
    { role: 'user', content: 'how does an outlier change the mean?' },
    { role: 'assistant', content: 'Look again at the key sentence.' },
    { role: 'user', content: 'can you explain standard deviation again?' },
  ];
  const r = await generate(tutorChat, { messages, skill: 'math.psda.one-var-data' }, ctx);
  assert.ok(r.passed);
  assert.match(r.text, /^[^.]+\. [^:]*\bstandard deviation: roughly, the typical distance of the values from the mean/i, r.text);
  assert.doesNotMatch(r.text, /outlier/, r.text);
});

test('"can you give me an example?" with nothing asked before and nothing in focus asks of what, rather than showing any lesson\'s example', async () => {
  for (const ask of ['can you give me an example?', 'show me one', 'example please']) {
    const [reply] = await converse([ask]);
    assert.match(reply, /An example of what\?/, ask);
  }
  // An email address is not a request for an example ("example.com").
  const [mail] = await converse(['what does john@example.com mean']);
  assert.doesNotMatch(mail, /worked example|An example of what/);
});

test('"can you give an example?" gets the worked example of the lesson the question found, once', async () => {
  const lessons = loadLessons();
  for (const [first, skill] of [
    ['how do i solve systems of equations', 'math.alg.systems'],
    ['What is a comma splice?', 'rw.conv.boundaries'],
    ['how do I calculate percent change', 'math.psda.percentages'],
  ] as const) {
    const [, example, again] = await converse([first, 'can you give an example?', 'another example?']);
    const lesson = lessons.find((l) => l.skill === skill)!;
    // The example's problem, as the lesson states it, and the lesson named whole.
    const problem = lesson.body.split('## Worked example')[1].trim().split('\n')[0].replace(/\*\*/g, '').slice(0, 40);
    assert.ok(example.includes(problem), `${first} → ${example}`);
    assert.ok(example.includes(`the lesson "${lesson.title}"`), example);
    assert.ok(!again.includes(problem), `the same example twice: ${again}`);
  }
});

test('"x^2" typed on a keyboard is the lessons\' x²: "how do I solve x^2 = 49" is answered with square roots', async () => {
  const [reply] = await converse(['how do I solve x^2 = 49']);
  assert.match(reply, /square root of both sides/, reply);
  assert.equal(expandQuestion('is x^2 the same as x^ 3?'), 'is x² the same as x³?');
  assert.equal(expandQuestion('2^10 = 1024'), '2^10 = 1024'); // a power of ten stays as typed
});

test('a quadratic with an x term is solved by factoring; a bare square, by square roots', async () => {
  assert.equal(mathKind('x² - 5x + 6 = 0'), 'quadratic factoring');
  assert.equal(mathKind('x² + x = 6'), 'quadratic factoring');
  for (const bare of ['x² = 49', '(x − 3)² = 16', 'what is x if x² = 49', 'x² + y² = 25']) assert.equal(mathKind(bare), '', bare);
  // Before: the square-root sentence (x² = k) answered x² − 5x + 6 = 0, which it cannot solve.
  const [reply] = await converse(['how do I solve x^2 - 5x + 6 = 0']);
  assert.match(reply, /factoring: find two numbers that multiply to c and add to b/i, reply);
});

test('a time frame is when, not what: "how do I study for the SAT in a month?" is answered from the study habits', async () => {
  for (const ask of ['how do I study for the sat in a month', 'how should I study with only 3 weeks left before the test?']) {
    const [reply] = await converse([ask]);
    assert.match(reply, /the guide "Study habits that pay off"/, `${ask} → ${reply}`);
  }
  assert.doesNotMatch(expandQuestion('how do I study in a month'), /month/);
  // "Is the SAT hard?" is answered by how to prepare, not with "what are you working on?".
  const [hard] = await converse(['is the SAT hard?']);
  assert.match(hard, /the guide "Study habits that pay off"/, hard);
});

test('questions about the test in a student\'s own words find the guide sentence that answers them', async () => {
  // Each once got a sentence beside the point (a scatterplot's "2.5 points", the whole test's length) or a refusal.
  const cases: [string, RegExp][] = [
    ['how many points is each question worth', /not each worth a fixed number of points/],
    ['how long is the break', /10-minute break/],
    ['can i go back to previous questions', /within a module you can go back to any earlier question/i],
    ["what's the score range", /totals range from 400 to 1600/],
    ['what is a good score for ivy league', /colleges publish the range of scores of the students they admit/],
  ];
  for (const [ask, want] of cases) {
    const [reply] = await converse([ask]);
    assert.match(reply, want, `${ask} → ${reply}`);
  }
});

test('a formula or notation asked about by name finds the line that gives it', async () => {
  const [triangle] = await converse(['how do i find the area of a triangle']);
  assert.match(triangle, /a triangle's A = ½bh/, triangle);
  const [notation] = await converse(['what is f(x)']);
  assert.match(notation, /function notation just means "plug in\."/i, notation);
  assert.equal(expandQuestion('find g(3)'), 'find g(3) function notation');
});

test('common questions each find the lesson line that answers them (each once declined or answered beside the point)', async () => {
  const cases: [string, RegExp, string][] = [
    ['how do i find the mean if one value is missing', /the sum is the mean times the number of values/, 'Center and spread of a data set'],
    ['how do i find the midpoint', /the midpoint of two points/, 'Lines and equations in two variables'],
    ['how do i find the distance between two points', /the distance between them is √/, 'Lines and equations in two variables'],
    ['how do I complete the square', /completing the square turns any quadratic into this form/i, 'Quadratics and other nonlinear equations'],
    ['what is a sample size', /a larger sample size gives a smaller margin of error/, 'From a sample to a population: margin of error'],
    // "mean" here asks for a meaning, and a word problem is a real-world one.
    ['what does the slope mean in a word problem', /in a real-world problem \(a word problem\), the slope is a rate/, 'Linear functions: slope, intercept and rate'],
    // Once declined: no lesson said them.
    ["what's the difference between affect and effect", /affect is usually a verb .* effect is usually a noun/, 'Picking the precise word from context'],
    ['how do I convert a percent to a decimal', /to convert a percent to a decimal, divide by 100/, 'Percentages, percent change and multipliers'],
    ['what is mean absolute deviation', /mean absolute deviation: the mean of the distances of the values from the mean/i, 'Center and spread of a data set'],
    // Once the scatterplot's line of best fit: it has a line and a slope, but two typed points ask for the formula.
    ['what is the slope of a line through (1,2) and (3,8)', /given two points \(x₁, y₁\) and \(x₂, y₂\), the slope is/i, 'Linear functions: slope, intercept and rate'],
    ['how far apart are the points (0,0) and (3,4)', /the distance between them is √/, 'Lines and equations in two variables'],
    ['what is a box plot', /box plot: a picture of the spread, with a box from the first quartile to the third/i, 'Center and spread of a data set'],
    ['how do I read a histogram', /histogram: bars whose heights count the values/i, 'Center and spread of a data set'],
    ['what is a radian', /180° = π radians, so one radian is about 57°/, 'Circles: arcs, sectors and equations'],
    // "Percent increase" is the lesson's percent change, not its multipliers.
    ['how do I find the percent increase', /percent change = \(new − old\) \/ old × 100%/, 'Percentages, percent change and multipliers'],
    // Once "Do not open with a dash and close with a comma", as if that said when to use one; then
    // the single dash with the generic boundaries sentence: now the pair rule, then the single dash.
    ['when do I use a dash', /dashes, commas or parentheses in a matching pair set off extra, removable information: .* A single dash can also set off an addition at the end of a sentence/, 'Punctuating where sentences and clauses meet'],
  ];
  for (const [ask, want, lesson] of cases) {
    const [reply] = await converse([ask]);
    assert.match(reply, want, `${ask} → ${reply}`);
    assert.ok(reply.includes(`the lesson "${lesson}"`), `${ask} → ${reply}`);
  }
  // A span of days in a problem is part of the problem, not a time frame to drop.
  assert.match(expandQuestion('a train goes 300 miles in 5 days'), /in 5 days/);
});

test('asked how to pace Math, the reply neither restates its figures nor turns to Reading and Writing', async () => {
  // Before: the Math sentence, then the general one with the same 95 seconds and 35 minutes for 22 questions, and Reading and Writing's.
  const [math] = await converse(['How should I pace myself on the Math module?']);
  assert.match(math, /to pace a Math module, allow about 95 seconds a question/, math);
  assert.equal(math.match(/95 seconds/g)?.length, 1, math);
  assert.doesNotMatch(math, /Reading and Writing/, math);
  // Asked about both, or neither, both sections' figures still come.
  const [both] = await converse(['how much time per question']);
  assert.match(both, /71 seconds in Reading and Writing .* 95 seconds in Math/, both);
});

test('"what is a dangling modifier?" finds the modifiers rule of its lesson', async () => {
  const [reply] = await converse(['what is a dangling modifier']);
  assert.match(reply, /describing phrase at the start of a sentence/, reply);
  assert.match(reply, /the lesson "Making words agree: verbs, pronouns and modifiers"/);
});

test('a question off the lessons\' ground is declined, not answered with a sentence that shares one word with it', async () => {
  // "who won the world cup" once got the linear-functions sentence on real-world slopes; "fix my car", a biased sample that "cannot be fixed".
  for (const ask of ['who won the world cup', 'how do I fix my car', 'what is the meaning of life', "what's bitcoin price", 'how do I bake sourdough bread']) {
    const [reply] = await converse([ask]);
    assert.match(reply, /I can't find this in the lessons or the test guide|beyond what I can answer reliably/, `${ask} → ${reply}`);
    assert.doesNotMatch(reply, /the lesson "|the guide "/, ask);
    // Handed on to people through a note, never to "your tutor": the student may have none, and this chat is the tutor.
    assert.match(reply, /\bnote\b.*tutors and other students|tutors and other students.*\bnote\b/i, `${ask} → ${reply}`);
    assert.doesNotMatch(reply, /your tutor/i, ask);
  }
});

test('pasted math is named by its kind, and its numbers are the student\'s own, not search words', async () => {
  assert.equal(mathKind('how do I solve 2x + 3 = 11'), 'linear equation in one variable');
  assert.equal(mathKind('solve 2x + y = 7 and x - y = 2'), 'system of two linear equations');
  assert.equal(mathKind('y = 3x + 2'), 'linear equation in two variables');
  assert.equal(mathKind('what if 3x - 4 > 11'), 'linear inequality');
  assert.equal(mathKind('is 2 + 2 = 4'), '');
  assert.equal(mathKind('I got a 5 = not sure'), '');
  // Before: "2x" found the systems lesson's "y = 2x − 1", and "f(3)" of function notation answered "the mean of 3, 5, 10".
  const [linear] = await converse(['how do I solve 2x + 3 = 11']);
  assert.match(linear, /a linear equation in one variable is an equation/i);
  assert.match(linear, /the lesson "Solving linear equations in one variable"/);
  const [mean] = await converse(['how do I find the mean of 3, 5, 10']);
  assert.match(mean, /add all the values and divide/);
  const [slope] = await converse(['how do I find the slope between (1,2) and (3,8)']);
  assert.match(slope, /given two points \(x₁, y₁\) and \(x₂, y₂\), the slope is/i);
});

test('the word a question asks for outweighs the words that say of what: "the slope of a line from two points"', async () => {
  // Before: the systems lesson's "the point (x, y) … where the two lines cross" (a line, two, points, but no slope).
  const [slope] = await converse(['How do I find the slope of a line from two points on a graph?']);
  assert.match(slope, /the slope is \(y₂ − y₁\) \/ \(x₂ − x₁\)/);
  // "What does slope mean?" is about slope, not the mean of a data set; "how do I find the mean" still is.
  const [means] = await converse(['what does slope mean?']);
  assert.match(means, /slope/);
  assert.doesNotMatch(means, /average/);
  const [average] = await converse(['how do I find the mean?']);
  assert.match(average, /add all the values and divide/);
  // How one goes about it is not the topic: "read a scatterplot" is about scatterplots.
  const [scatter] = await converse(['how do I read a scatterplot']);
  assert.match(scatter, /scatterplot/);
  assert.doesNotMatch(scatter, /can't find|beyond what/);
  // A college by name is a question about score ranges, which the guide answers without naming it.
  const [college] = await converse(['What score do I need for Harvard?']);
  assert.match(college, /many colleges publish the range of scores/);
});

test('"what does X mean?" about a word no lesson uses says so and points to meaning from context; about a word the lessons use, it answers', async () => {
  for (const ask of ['what does "notwithstanding" mean', 'define ubiquitous', 'what is the meaning of the word laconic?']) {
    const [reply] = await converse([ask]);
    assert.ok(askedWord(ask));
    assert.ok(reply.startsWith("I can't find that word in my lessons, so a dictionary is the place to check what it means."), reply);
    assert.match(reply, /the lesson "Picking the precise word from context"/);
  }
  // Before: "notwithstanding … mean" was answered with the mean of a data set.
  const [slope] = await converse(['what does slope mean?']);
  assert.match(slope, /slope/);
  assert.doesNotMatch(slope, /dictionary|average/);
  const [median] = await converse(['what does median mean']);
  assert.match(median, /median: the middle value/i);
  // The word is not echoed: "what does stupid mean" must not put "stupid" in the tutor's mouth.
  const [rude] = await converse(['what does stupid mean']);
  assert.doesNotMatch(rude, /stupid/);
  assert.equal(askedWord('what does it mean'), null);
  assert.equal(askedWord('what is the definition of a function'), null);
});

test('a sentence that points back ("That is why…", "It goes…") is quoted only after the sentence it points to, and comes with it', async () => {
  // Before: "on median: the middle value … That is why the mean and median of a skewed data set … can be far apart": why what?
  const [median] = await converse(['what is the median']);
  assert.match(median, /median: the middle value/i, median);
  assert.doesNotMatch(median, /That is why/, median);
  // After the outlier sentence it explains, it belongs.
  const [both] = await converse(['how does an outlier affect the mean and median']);
  assert.match(both, /barely moves the median\. That is why the mean and median of a skewed data set/, both);
  // "It goes one small step past the text" has none of the question's words, but finishes its sentence's thought.
  const [inference] = await converse(['what is a good inference']);
  assert.match(inference, /a good inference is modest\. It goes one small step past the text, not ten\./, inference);
});

test('a score to reach ("how do I get a 1500?", "30 more points") is answered from the study habits, not asked what it is about', async () => {
  for (const ask of ['how do I get a 1500', 'I want to break 1200', 'how do i get 30 more points']) {
    const [reply] = await converse([ask]);
    assert.match(reply, /to raise your score, spend most of your practice on your weakest skills/i, `${ask} → ${reply}`);
    assert.match(reply, /the guide "Study habits that pay off"/, ask);
  }
  // A number in a problem is no goal: "I got 12" still asks what the student is working on.
  assert.doesNotMatch(expandQuestion('I got 12 but the answer is 15'), /raise score/);
  assert.doesNotMatch(expandQuestion('how many points per question'), /raise score/);
});

test('a message with an email or phone number, or asking to be emailed, is answered here: no details repeated, the topic still answered', async () => {
  // Before: "my email is …, can you send notes on slope?" was declined, and "send" once found the guide's "sending scores".
  const cases: [string, RegExp][] = [
    ['my email is student14@example.com, can you send notes on slope?', /the slope/],
    ['text me at 555-123-4567 about the semicolon part', /a semicolon works like a period/],
    ['can you email me the lesson on circles', /the lesson "Circles: arcs, sectors and equations"/],
  ];
  for (const [ask, topic] of cases) {
    const [reply] = await converse([ask]);
    assert.match(reply, /^I can(?:'t| only) (?:send emails or texts|reply here, not by email or text)/, reply);
    assert.match(reply, topic, reply);
    assert.doesNotMatch(reply, /student14|555|@/, reply);
  }
  // With nothing else to go on, it asks what the student is working on.
  const [bare] = await converse(['my number is 555 123 4567']);
  assert.match(bare, /What are you working on\?/);
  assert.doesNotMatch(bare, /555/);
  assert.equal(withoutContact('my email is a.b@example.com, can you send notes on slope?'), 'slope?');
  assert.equal(withoutContact('text me at 555-123-4567 about the semicolon part'), 'about the semicolon part');
  assert.equal(withoutContact('what does the message in the text mean?'), 'what does the message in the text mean?');
});

test('"how many questions are on the SAT?" gets the whole test\'s count; one section\'s count stays with the section', async () => {
  for (const ask of ['how many questions are on the sat', 'How many questions does the test have?', 'how many questions are on the SAT in total']) {
    const [reply] = await converse([ask]);
    assert.match(reply, /in all, the test has \d+ questions/i, `${ask} → ${reply}`);
  }
  const [section] = await converse(['how many questions are in the reading section']);
  assert.match(section, /a Reading and Writing module has \d+ questions/, section);
});

test('grammar is the conventions questions: "work on grammar" and "the grammar rules" are answered from their lessons or the guide, not declined', async () => {
  for (const ask of ['how do i get better at grammar', 'my teacher says I need to work on grammar, where do I start?', 'what are the grammar rules on the sat']) {
    const [reply] = await converse([ask]);
    assert.doesNotMatch(reply, /can't find|beyond what|rather not guess/, `${ask} → ${reply}`);
    assert.match(reply, /grammar/i, `${ask} → ${reply}`);
    assert.match(reply, /the lesson "(?:Punctuating where sentences and clauses meet|Making words agree[^"]*)"|the guide "How the digital SAT is laid out"/, `${ask} → ${reply}`);
  }
});

test('"why is my reading score lower than my math score?" is answered from how scores work: section scores are separate, and the weak skills are where practice pays', async () => {
  for (const ask of ['why is my reading score lower than my math score', 'why is my math score so low?']) {
    const [reply] = await converse([ask]);
    assert.match(reply, /section scores are separate/, `${ask} → ${reply}`);
    assert.match(reply, /the guide "How scores work"/, `${ask} → ${reply}`);
  }
});

test('"what is a quadratic equation?" opens on the quadratic, not on the absolute value equations beside it', async () => {
  const [reply] = await converse(['what is a quadratic equation']);
  assert.match(reply, /a quadratic equation, ax² \+ bx \+ c = 0/i, reply);
  assert.doesNotMatch(reply, /absolute value equation such as/, reply);
});

test('"when do you use parentheses" finds the punctuation rule, though three Math traps (which stand in by lessons that never say it) match the word better', async () => {
  const [reply] = await converse(['when do you use parentheses']);
  assert.match(reply, /parentheses in a matching pair set off extra, removable information/);
  assert.match(reply, /the lesson "Punctuating where sentences and clauses meet"/);
});

test('how much to do each day is answered from the study habits, and asking about practice questions is not asking for one', async () => {
  for (const q of ['how many questions should I do each day', 'how many practice questions a day', 'how long should I study every day']) {
    const [reply] = await converse([q]);
    assert.match(reply, /the guide "Study habits that pay off"/, q);
    assert.doesNotMatch(reply, /can't set questions/, q);
  }
  const [each] = await converse(['how many questions should I do each day']);
  assert.match(each, /matters less than how well you review them/);
  const [ask] = await converse(['practice questions on circles please']);
  assert.match(ask, /can't set questions in this chat, but Practice can/);
});

test('"what\'s the unit circle?" is answered from the trig lesson that defines it; a term the lessons never name ("a z-score") is declined, not matched word by word', async () => {
  const [unit] = await converse(["what's the unit circle"]);
  assert.match(unit, /the unit circle is the circle of radius 1 centered at the origin/, unit);
  assert.doesNotMatch(unit, /square units/, unit);
  for (const ask of ['what is a z-score', 'what is a z score?']) {
    const [reply] = await converse([ask]);
    assert.match(reply, /can't find this|beyond what I can answer/, `${ask} → ${reply}`);
    // A reply that cannot answer does not open by promising to.
    assert.doesNotMatch(reply, /Happy to explain|Let's look at that/, `${ask} → ${reply}`);
  }
  // Words that are not one adjacent term are not held to it: the vertex is "of a parabola".
  const [vertex] = await converse(["what's the vertex of a parabola"]);
  assert.match(vertex, /vertex/i);
  assert.doesNotMatch(vertex, /can't find this|beyond what I can answer/, vertex);
});

test('a follow-up continues the conversation’s topic, not the question in focus: "an example of one" after "what is a comma splice?" is punctuation', async () => {
  const item = buildBank({ perSkill: 5 }).find((i) => i.skill === 'math.adv.equivalent-expressions')!;
  const [, example, , simpler] = await converse(
    ['what is a comma splice?', 'can you give me an example of one', 'What is the difference between a semicolon and a colon', 'explain that more simply please'],
    { item, revealAnswer: true },
  );
  for (const reply of [example, simpler]) {
    assert.match(reply, /the lesson "Punctuating where sentences and clauses meet"/, reply);
    assert.doesNotMatch(reply, /Rewriting expressions|algebra/, reply);
  }
  // Pointing at the question itself still means the question.
  const [, start] = await converse(['what is a comma splice?', 'ok, how do I start this question?'], { item, revealAnswer: true });
  assert.match(start, /Rewriting expressions without changing their value/, start);
});

test('"what about the second step?" about a question quotes that step of its solution, and holds one that gives the answer away until it is answered', async () => {
  const item = buildBank({ perSkill: 5 }).find((i) => i.skill === 'math.alg.systems')!;
  const steps = rationaleSteps(item);
  const [after] = await converse(['what about the second step'], { item, revealAnswer: true });
  assert.ok(after.includes(steps[1].slice(-25)), `${after}\n— expected step 2: ${steps[1]}`);
  assert.doesNotMatch(after, /seconds in Reading and Writing/);
  const [before] = await converse(['explain the last step'], { item, revealAnswer: false });
  assert.ok(!revealsKey(before, item), before);
  assert.match(before, /The last step gives the answer away, so I'll hold it until you have answered\./);
});

test('"idk", "ok" and "hmm" are asked what the student is working on; a decline of a statement does not call it a good question', async () => {
  for (const filler of ['idk', 'dunno', 'ok', 'hmm', 'not sure']) {
    const [reply] = await converse([filler]);
    assert.match(reply, /What are you working on\?/, `${filler} → ${reply}`);
  }
  const [pizza] = await converse(['I love pizza']);
  assert.match(pizza, /can't find this|beyond what I can answer/, pizza);
  assert.doesNotMatch(pizza, /Good question|Thanks for asking/, pizza);
  // A filler word beside a topic leaves the topic: "not sure how to factor" is about factoring.
  const [factor] = await converse(['not sure how to factor']);
  assert.doesNotMatch(factor, /What are you working on/, factor);
});

test('a message that asks two things gets an answer to each; a part the lessons do not cover is said to be left', async () => {
  // Before: "how long is the math section and can I use a calculator" was answered on the calculator only.
  const [both] = await converse(['how long is the math section and can I use a calculator']);
  assert.match(both, /\d+ (?:hours|minutes)/);
  assert.match(both, /calculator \(Desmos\)/);
  const [marks] = await converse(['what is a semicolon and when do I use a colon']);
  assert.match(marks, /a semicolon works like a period/i);
  assert.match(marks, /A colon must come after a complete independent clause/);
  // One part answered, the other not: the reply says which and hands the rest on.
  const [half] = await converse(['can I use a calculator and what is bitcoin']);
  assert.match(half, /calculator \(Desmos\)/);
  assert.match(half, /The other part of your question|the other part of your question/);
  assert.match(half, /\bnote\b/);
  assert.doesNotMatch(half, /bitcoin/i, 'the unanswered words are not echoed');
});

test('questionParts splits independent questions only: a part that leans on the one before, or has no topic, keeps the message whole', () => {
  assert.deepEqual(questionParts('how long is the math section and can I use a calculator'), ['how long is the math section', 'can I use a calculator']);
  assert.deepEqual(questionParts('How do I find the slope? And what is the y-intercept?'), ['How do I find the slope?', 'And what is the y-intercept?']);
  assert.deepEqual(questionParts('what is a comma splice and how do I fix it'), ['what is a comma splice and how do I fix it']);
  assert.deepEqual(questionParts('what is a semicolon and can you help'), ['what is a semicolon and can you help']);
  assert.deepEqual(questionParts('what is the difference between mean and median'), ['what is the difference between mean and median']);
});
