/**
 * Random valid inputs for every task, drawn from the fixture items (the bank later), the
 * taxonomy and random performance figures. Free-text inputs get their sources from a BM25
 * index over the fixture lessons and rationales, as generate() would attach them.
 */
import { buildSearchIndex } from '../../src/ai/search/sources.ts';
import type { SourceDoc } from '../../src/ai/task.ts';
import { PLAN_DAY_KINDS } from '../../src/ai/tasks/plan-adjust.ts';
import type { Item } from '../../src/content/item.ts';
import { SKILL_IDS, skill } from '../../src/content/taxonomy.ts';
import type { Rng } from '../../src/lib/rng.ts';
import { buildBank } from '../../src/content/bank.ts';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { FIXTURE_ITEMS, FIXTURE_LESSONS } from './fixtures.ts';

/**
 * Inputs are drawn from the real bank (8 items a skill, all 29 skills, built from the
 * default seed) plus the hand-written fixtures, and the real lessons; the fixtures keep a few
 * shapes (e.g. fractions in answers) present whatever the bank holds.
 */
export const ITEMS: Item[] = [...buildBank({ perSkill: 8 }), ...FIXTURE_ITEMS];
export const INDEX = buildSearchIndex(
  [...loadLessons().map((l) => ({ id: l.id, title: l.title, text: l.body })), ...FIXTURE_LESSONS],
  ITEMS,
);
const NAMES = ['Maya Rivera', 'Jordan Okafor', 'Li Wei Chen', 'Sam Patel', 'Ana Lucia Gomez'];

const retrieve = (q: string): SourceDoc[] => INDEX.search(q, 3).map(({ id, title, text }) => ({ id, title, text }));
const maybe = <T>(rng: Rng, p: number, v: () => T): T | undefined => (rng.chance(p) ? v() : undefined);

function answerFor(rng: Rng, item: Item): string {
  if (item.type === 'mcq') return rng.pick(['A', 'B', 'C', 'D']);
  return rng.chance(0.5) ? item.answer : String(rng.int(0, 120));
}

/** Student words: on-topic (borrowing the item's and lessons' own words), vague, off-topic, or carrying PII. */
function studentMessage(rng: Rng, item?: Item): string {
  const words = (item ? `${item.stem} ${item.rationale}` : rng.pick(FIXTURE_LESSONS).text).split(/\W+/).filter((w) => w.length > 4);
  const w = () => rng.pick(words).toLowerCase();
  return rng.pick([
    () => `Why is choice ${rng.pick(['A', 'B', 'C', 'D'])} wrong?`,
    () => `How do I know when to ${w()} the ${w()}?`,
    () => `I don't get the part about ${w()}.`,
    () => `can you explain ${w()} and ${w()} again`,
    () => "I'm stuck, help",
    () => 'What is the capital of Mongolia?',
    () => `My email is maya.r${rng.int(1, 99)}@example.com, can you send me ${w()} notes?`,
    () => `text me at 555-${rng.int(100, 999)}-${rng.int(1000, 9999)} about ${w()}`,
    () => `Is ${w()} always about ${w()}?`,
    () => `why did the ${w()} step work`,
  ])();
}

export const inputs = {
  feedback(rng: Rng) {
    const skills = rng.sample(SKILL_IDS, rng.int(1, 3)).map((id) => {
      const total = rng.int(1, 40);
      return {
        skill: id,
        total,
        correct: rng.int(0, total),
        avgTimeSec: rng.chance(0.7) ? rng.int(5, 180) : Math.round(rng.next() * 1800) / 10 + 5,
        predictedProficiency: Math.round((1 + 6 * rng.next()) * 10) / 10,
      };
    });
    return { skills, studentName: maybe(rng, 0.4, () => rng.pick(NAMES)) };
  },
  explain(rng: Rng) {
    const item = rng.pick(ITEMS);
    return { item, studentAnswer: maybe(rng, 0.6, () => answerFor(rng, item)) };
  },
  plan_adjust(rng: Rng) {
    const skills = rng.sample(SKILL_IDS, rng.int(2, 8));
    const days = rng.sample(Array.from({ length: 28 }, (_, i) => i + 1), rng.int(1, 10)).sort((a, b) => a - b);
    const plan = { days: days.map((day) => ({ day, kind: rng.pick(PLAN_DAY_KINDS), skill: rng.pick(skills) })) };
    const performance = rng.sample(skills, rng.int(1, Math.min(6, skills.length))).map((s) => {
      const total = rng.int(1, 30);
      return { skill: s, total, correct: rng.int(0, total) };
    });
    return { plan, performance };
  },
  lesson_summary(rng: Rng) {
    const base = rng.pick(FIXTURE_LESSONS);
    const extra = rng.sample(FIXTURE_LESSONS, rng.int(0, 2)).map((l) => l.text);
    const sentences = rng.shuffle([base.text, ...extra].join(' ').split(/(?<=\.)\s+/));
    const traps = rng.chance(0.5) ? rng.sample(['Forgetting the negative root', 'Mixing units', 'The comma splice', 'True but irrelevant'], rng.int(1, 4)) : [];
    return { lesson: { id: base.id, title: base.title, skill: rng.pick(SKILL_IDS), text: sentences.slice(0, rng.int(2, sentences.length)).join(' '), traps } };
  },
  help(rng: Rng) {
    const item = rng.pick(ITEMS);
    const message = studentMessage(rng, item);
    return {
      item,
      message,
      studentAnswer: maybe(rng, 0.5, () => answerFor(rng, item)),
      revealAnswer: rng.chance(0.4),
      studentName: maybe(rng, 0.4, () => rng.pick(NAMES)),
      sources: rng.chance(0.8) ? retrieve(`${message} ${skill(item.skill).name}`) : [],
    };
  },
  review(rng: Rng) {
    const responses = Array.from({ length: rng.int(1, 8) }, () => {
      const item = rng.pick(ITEMS);
      return { item, studentAnswer: rng.chance(0.4) ? item.answer : answerFor(rng, item) };
    });
    return { responses, studentName: maybe(rng, 0.3, () => rng.pick(NAMES)), sources: rng.chance(0.8) ? retrieve(responses.map((r) => r.item.stem).join(' ')) : [] };
  },
  note_reply(rng: Rng) {
    const item = maybe(rng, 0.6, () => rng.pick(ITEMS));
    const note = studentMessage(rng, item);
    return {
      note,
      item,
      skill: maybe(rng, 0.5, () => item?.skill ?? rng.pick(SKILL_IDS)),
      revealAnswer: rng.chance(0.7),
      studentName: maybe(rng, 0.4, () => rng.pick(NAMES)),
      sources: rng.chance(0.8) ? retrieve(note) : [],
    };
  },
  tutor_chat(rng: Rng) {
    const item = maybe(rng, 0.5, () => rng.pick(ITEMS));
    const turns = rng.int(0, 2);
    const messages: { role: 'user' | 'assistant'; content: string }[] = [];
    for (let i = 0; i < turns; i++) messages.push({ role: 'user', content: studentMessage(rng, item) }, { role: 'assistant', content: 'Let us take it one step at a time.' });
    messages.push({ role: 'user', content: studentMessage(rng, item) });
    return {
      messages,
      item,
      skill: maybe(rng, 0.4, () => item?.skill ?? rng.pick(SKILL_IDS)),
      revealAnswer: rng.chance(0.3),
      studentName: maybe(rng, 0.4, () => rng.pick(NAMES)),
      sources: rng.chance(0.8) ? retrieve(messages[messages.length - 1].content) : [],
    };
  },
} as const;
