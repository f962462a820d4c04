/**
 * Curated student-side text for the free-text tasks: what students type in help requests,
 * notes and chats. Topic words are borrowed from the item or lesson at hand so questions are
 * on-topic; a few forms are vague, off-topic or carry contact details, as real ones do, so the
 * data teaches the model to decline and never to echo personal data.
 */
import type { Item } from '../content/item.ts';
import type { Lesson } from '../content/lessons/index.ts';
import type { SkillId } from '../content/taxonomy.ts';
import type { Rng } from '../lib/rng.ts';
import { SKILL_QUESTIONS, SKILL_TERMS, TEST_QUESTIONS } from './questions.ts';

/** Invented first and last names for the optional studentName field. */
export const STUDENT_NAMES = [
  'Amara Okonkwo', 'Diego Salazar', 'Priya Raman', 'Noah Fischer', 'Mei Tanaka', 'Jalen Brooks', 'Sofia Marquez',
  'Elias Haddad', 'Hana Kim', 'Tomas Novak', 'Zara Ahmed', 'Lucas Moreau', 'Ife Adeyemi', 'Chloe Bennett',
  'Ravi Iyer', 'Nadia Petrova', 'Owen Gallagher', 'Leila Farouk', 'Mateo Rossi', 'Grace Nguyen',
] as const;

/** Short assistant turns earlier in a chat (the history a tutor_chat input carries). */
export const TUTOR_TURNS = [
  'Let us take it one step at a time.',
  'Good start. What do you notice first?',
  'Try writing down what the question gives you.',
  'Which part feels unclear?',
  'Nice. What would you do next?',
  'Look again at the key sentence.',
];

const STOP = new Set(['which', 'their', 'there', 'these', 'those', 'would', 'about', 'because', 'answer', 'question', 'choice', 'following', 'based', 'value', 'what']);

function topicWords(item?: Item, lesson?: Lesson): string[] {
  const text = item ? `${item.stem} ${item.rationale}` : lesson ? lesson.body : '';
  const words = text.split(/[^A-Za-z]+/).map((w) => w.toLowerCase()).filter((w) => w.length > 4 && !STOP.has(w));
  return words.length ? words : ['equation', 'passage', 'evidence', 'slope'];
}

type Form = (w: () => string, rng: Rng) => string;

/** Built from a word of the item at hand ("the part about the tank"): what a student points at. */
const ABOUT_A_WORD: Form[] = [
  (w) => `I don't get the part about the ${w()}.`,
  (w) => `Can you explain the ${w()} step again?`,
  (w) => `why does the ${w()} matter here`,
  (w) => `where does the ${w()} come from`,
  (w) => `Could you walk me through the ${w()} part?`,
  (_w, rng) => `Why is choice ${rng.pick(['A', 'B', 'C', 'D'])} wrong?`,
  (_w, rng) => `I picked ${rng.pick(['A', 'B', 'C', 'D'])}, what did I miss?`,
];
/** Built from the skill's own terms (questions.ts): what a student names ("I keep mixing up slope and y-intercept"). */
const ABOUT_A_TERM: Form[] = [
  (t) => `I keep mixing up ${t()} and ${t()}.`,
  (t) => `can you explain ${t()} again?`,
  (t) => `I don't get ${t()}.`,
  (t) => `any tips for ${t()}?`,
  (t) => `What's the trick with ${t()}?`,
  (t) => `I keep getting ${t()} wrong`,
  (t) => `confused about ${t()}, can you help?`,
  (t) => `wait how does ${t()} work`,
  (t) => `How do I know when to use ${t()}?`,
  (t) => `What should I look for first with ${t()}?`,
];
const VAGUE: Form[] = [() => "I'm stuck.", () => 'help pls', () => 'this one makes no sense', () => 'How do I even start?'];
const TEST_FORMS: Form[] = TEST_QUESTIONS.map((q) => () => q);
const OFF_TOPIC: Form[] = [
  () => 'Can you recommend a good movie tonight?',
  () => 'Who won the game last night?',
  () => "What's the weather going to be like tomorrow?",
  () => 'Can you write my history essay for me?',
];
const WITH_CONTACT: Form[] = [
  (w, rng) => `my email is student${rng.int(10, 99)}@example.com, can you send notes on ${w()}?`,
  (w, rng) => `text me at 555-${rng.int(100, 999)}-${rng.int(1000, 9999)} about the ${w()} part`,
];

/**
 * One student message: mostly on-topic — a question students ask about the skill (questions.ts),
 * one naming the skill's terms, or one pointing at a word of the item or lesson — now and then
 * about the test itself, vague, off-topic or with contact details.
 */
export function studentMessage(rng: Rng, item?: Item, lesson?: Lesson, skill?: SkillId): string {
  const r = rng.next();
  const asked = skill ?? item?.skill ?? lesson?.skill;
  if (r < 0.3 && asked) return rng.pick(SKILL_QUESTIONS[asked]);
  if (r < 0.75) {
    if (asked && (!item || rng.chance(0.55))) {
      // Two different terms where a form takes two: "mixing up slope and slope" is no question.
      const terms = SKILL_TERMS[asked];
      let last = '';
      const t = () => (last = rng.pick(terms.filter((x) => x !== last)));
      return rng.pick(ABOUT_A_TERM)(t, rng);
    }
    const words = topicWords(item, lesson);
    return rng.pick(ABOUT_A_WORD)(() => rng.pick(words), rng);
  }
  const words = topicWords(item, lesson);
  const w = () => rng.pick(words);
  const forms = r < 0.8 ? TEST_FORMS : r < 0.9 ? VAGUE : r < 0.96 ? OFF_TOPIC : WITH_CONTACT;
  return rng.pick(forms)(w, rng);
}
