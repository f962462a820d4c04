import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { LESSON_HEADINGS, LESSON_WORDS, lessonTraps, loadLessons, parseLesson, wordCount } from '../../src/content/lessons/index.ts';
import { SKILL_IDS, skill } from '../../src/content/taxonomy.ts';
import { ideaSection, lessonSentences, pointsBack } from '../../src/ai/tasks/lesson-text.ts';

const lessons = loadLessons();

const good = `---
skill: math.alg.linear-one-var
title: A test lesson
minutes: 5
video_url:
---

## The idea

${'word '.repeat(100)}

## Worked example

${'word '.repeat(100)}

## Common traps

${'word '.repeat(100)}

## Check yourself

${'word '.repeat(20)}
`;

test('every one of the 29 skills has exactly one lesson, in taxonomy order', () => {
  assert.equal(SKILL_IDS.length, 29);
  assert.deepEqual(
    lessons.map((l) => l.skill),
    SKILL_IDS,
  );
});

test('lesson ids are unique and derive from the skill id', () => {
  const ids = lessons.map((l) => l.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const l of lessons) assert.equal(l.id, `lesson.${l.skill}`);
});

test('every body has 300–800 words and the four headings in order', () => {
  for (const l of lessons) {
    const n = wordCount(l.body);
    assert.ok(n >= LESSON_WORDS.min && n <= LESSON_WORDS.max, `${l.id}: ${n} words`);
    const at = LESSON_HEADINGS.map((h) => l.body.indexOf(`${h}\n`));
    assert.ok(at.every((p) => p >= 0), `${l.id}: missing a heading`);
    assert.deepEqual([...at].sort((a, b) => a - b), at, `${l.id}: headings out of order`);
  }
});

test('each lesson has a title, positive whole minutes and an empty video URL', () => {
  for (const l of lessons) {
    assert.ok(l.title.length > 0);
    assert.ok(Number.isInteger(l.minutes) && l.minutes > 0, `${l.id}: minutes ${l.minutes}`);
    assert.equal(l.videoUrl, null);
    assert.notEqual(l.title, skill(l.skill).name, `${l.id}: give the lesson its own title`);
  }
});

test('each worked example ends in a bold answer and each check-yourself states one', () => {
  for (const l of lessons) {
    const worked = l.body.slice(l.body.indexOf('## Worked example'), l.body.indexOf('## Common traps'));
    assert.match(worked, /Answer[^\n]*\*\*/, `${l.id}: worked example has no bold answer`);
    const check = l.body.slice(l.body.indexOf('## Check yourself'));
    assert.match(check, /\*\*Answer: [^*]+\*\*/, `${l.id}: check-yourself has no answer`);
    const traps = l.body.slice(l.body.indexOf('## Common traps'), l.body.indexOf('## Check yourself'));
    const bullets = traps.split('\n').filter((line) => line.startsWith('- ')).length;
    assert.ok(bullets >= 3 && bullets <= 4, `${l.id}: ${bullets} traps`);
  }
});

test('each lesson opens by naming its subject, so its first sentence can be quoted on its own', () => {
  // "These questions give you a list of numbers…" said nothing about which questions once quoted by the tutor.
  for (const l of lessons) {
    const first = lessonSentences(ideaSection(l.body))[0];
    assert.ok(first && !pointsBack(first), `${l.id}: ${first}`);
  }
  assert.ok(pointsBack('These questions ask which conclusion a study supports.'));
  assert.ok(pointsBack('That is why the mean and median can be far apart.'));
  assert.ok(!pointsBack('Thanks to the slope, the line rises.'));
  assert.ok(!pointsBack('Data questions give you a list of numbers.'));
});

test('wordCount counts words, not punctuation or markdown marks', () => {
  assert.equal(wordCount('## The idea\n\n- one, two — three 4x + 5 = 20.'), 8);
  assert.equal(wordCount('   '), 0);
});

test('parseLesson accepts a well-formed lesson', () => {
  const l = parseLesson(good, 'linear-one-var.md');
  assert.equal(l.id, 'lesson.math.alg.linear-one-var');
  assert.equal(l.minutes, 5);
  assert.equal(l.videoUrl, null);
  assert.ok(l.body.startsWith('## The idea'));
  const withVideo = parseLesson(good.replace('video_url:', 'video_url: https://example.org/v/1'), 'x.md');
  assert.equal(withVideo.videoUrl, 'https://example.org/v/1');
});

test('parseLesson rejects malformed lessons with an error naming the file', () => {
  const bad: [string, string, RegExp][] = [
    ['no front matter', good.replace(/^---\n[\s\S]*?\n---\n/, ''), /missing front matter/],
    ['unclosed front matter', good.replace('video_url:\n---', 'video_url:'), /missing front matter/],
    ['line without a colon', good.replace('title: A test lesson', 'title A test lesson'), /not `key: value`/],
    ['unknown skill', good.replace('math.alg.linear-one-var', 'math.alg.made-up'), /skill/],
    ['minutes not a whole number', good.replace('minutes: 5', 'minutes: 2.5'), /minutes/],
    ['zero minutes', good.replace('minutes: 5', 'minutes: 0'), /minutes/],
    ['missing title', good.replace('title: A test lesson\n', ''), /title/],
    ['empty title', good.replace('title: A test lesson', 'title:'), /title/],
    ['duplicate key', good.replace('minutes: 5', 'minutes: 5\nminutes: 6'), /twice/],
    ['unknown key', good.replace('minutes: 5', 'minutes: 5\nauthor: me'), /unknown front matter key/],
    ['bad video URL', good.replace('video_url:', 'video_url: not a url'), /videoUrl/],
    ['missing heading', good.replace('## Common traps', '## Traps'), /missing heading.*Common traps/],
    ['headings out of order', good.replace('## The idea', '## Tmp').replace('## Worked example', '## The idea').replace('## Tmp', '## Worked example'), /out of order/],
    ['too short', good.replaceAll('word '.repeat(100), 'word '.repeat(10)), /words; expected 300/],
    ['too long', good.replace('word '.repeat(20), 'word '.repeat(600)), /words; expected .*800/],
  ];
  for (const [why, text, pattern] of bad) {
    assert.throws(
      () => parseLesson(text, 'broken.md'),
      (e: Error) => e.message.startsWith('lesson broken.md:') && pattern.test(e.message),
      why,
    );
  }
});

test('loadLessons rejects a file not named after its skill, so no skill can get two lessons', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lessons-'));
  try {
    writeFileSync(path.join(dir, 'wrong-name.md'), good);
    assert.throws(() => loadLessons(dir), /lesson wrong-name\.md: .*should be named linear-one-var\.md/);
    rmSync(path.join(dir, 'wrong-name.md'));
    writeFileSync(path.join(dir, 'linear-one-var.md'), good);
    assert.equal(loadLessons(dir).length, 1);
    writeFileSync(path.join(dir, 'systems.md'), good);
    assert.throws(() => loadLessons(dir), /lesson systems\.md/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("every lesson names its common traps, as a summary lists them: the bold lead of each bullet, without its full stop", () => {
  for (const l of loadLessons()) {
    const traps = lessonTraps(l.body);
    assert.equal(traps.length, 4, `${l.id}: ${traps.join(' | ')}`);
    for (const t of traps) assert.match(t, /^[A-Z"][^*]*[^.:*]$/, `${l.id}: ${t}`);
  }
  assert.deepEqual(lessonTraps('## The idea\n\nText.\n\n## Common traps\n\n- **Mixing units.** Keep them.\n- **The comma splice:** no.\n\n## Check yourself\n\n- **Not a trap.**'), ['Mixing units', 'The comma splice']);
});
