/**
 * review: a recap of a finished practice set: the score, what went wrong on up to three
 * missed questions (from each item's distractor reasons and rationale), and where to study.
 * Questions are numbered 1..n in the order given; every "Question N … answer is X" must
 * name item N's key.
 */
import { z } from 'zod';
import { itemSchema, type Item } from '../../content/item.ts';
import { skill } from '../../content/taxonomy.ts';
import { answerMatchesKey, parseValue, statedAnswers } from '../checks/answer.ts';
import { lengthBounds, wordCount } from '../checks/length.ts';
import { normaliseNumerals, numbersDerivable, numbersOf } from '../checks/numbers.ts';
import { noPii } from '../checks/pii.ts';
import { skillNamed, skillsMentioned } from '../checks/skills.ts';
import { noModelMarkup } from '../checks/markup.ts';
import { noBannedTone } from '../checks/tone.ts';
import { arithmeticStepsEvaluate } from '../checks/arithmetic.ts';
import { lessonIntroId } from '../search/sources.ts';
import { systemMessage, type AiTask, type CheckResult } from '../task.ts';
import type { Rng } from '../../lib/rng.ts';
import { itemMaterial, lessonPointer, sourcesField, textFacts } from './grounded.ts';
import { describeItem, itemNumbers, joinConnective, keyText, rationaleSteps, shortKey } from './item-text.ts';
import { choiceSentence } from './phrasing.ts';

export const REVIEW_WORDS = { min: 15, max: 220 } as const;
const MAX_DETAILED = 3;

export const reviewInput = z.object({
  responses: z.array(z.object({ item: itemSchema, studentAnswer: z.string().min(1).max(20) })).min(1).max(10),
  studentName: z.string().min(1).max(80).optional(),
  sources: sourcesField,
});
export type ReviewInput = z.infer<typeof reviewInput>;

const isRight = (item: Item, answer: string) =>
  answerMatchesKey({ kind: /^[A-D]$/.test(answer) && item.type === 'mcq' ? 'letter' : 'value', text: answer, index: 0 }, item);

const scoreLines = [
  (k: number, n: number) => `You answered ${k} of ${n} correctly.`,
  (k: number, n: number) => `That set ended at ${k}/${n}.`,
  (k: number, n: number) => `Final tally: ${k} right out of ${n}.`,
];
const perfect = [
  'Every answer was right, so this is a great moment to step up the difficulty and try a harder set next time.',
  'A clean sweep! Keep the streak going by mixing in some harder questions on the same skills next session.',
  'Nothing to fix this time. A harder set, or a timed one, would be a good way to stretch yourself next.',
];
const missIntro = ['Here is what to look at:', 'A few to revisit:', 'Where points slipped:'];

const givenFrames = [
  (a: string) => `${a} is one of the numbers the question gives you, not the result of working with them.`,
  (a: string) => `${a} comes straight from the question; the answer takes a step or more beyond it.`,
];
const workingFrames = [
  (a: string) => `Your ${a} turns up in the working, but the solution goes on from there:`,
  (a: string) => `${a} is a step on the way, not the end of it:`,
];

/**
 * The numbers of texts with their signs: "y = −2" holds −2, so a typed 2 is not "a step on
 * the way" there. A minus sign counts only when it touches the digits and follows no letter or
 * digit ("x − 2" and "x-2" are subtractions of 2); the claim is made only on an exact match.
 */
function signedNumbers(...texts: (string | undefined)[]): number[] {
  const out: number[] = [];
  for (const t of texts) {
    if (!t) continue;
    for (const m of normaliseNumerals(t).matchAll(/(?<![\p{L}\p{N}.])(-?)(\d+(?:\.\d+)?)/gu)) out.push(Number(m[2]) * (m[1] ? -1 : 1));
  }
  return out;
}

/**
 * Why the student's answer tempted: the distractor reason, as a sentence; for a typed number,
 * where it comes from when it can be found — a number the question gives, or a value met on the
 * way in the worked solution (the step is quoted); else the rationale's first step.
 */
function whyMissed(item: Item, answer: string, rng: Rng): string {
  const reason = item.distractorReasons?.[answer];
  if (reason) return choiceSentence(answer, reason, rng);
  const steps = rationaleSteps(item).filter((s) => statedAnswers(s).length === 0);
  const value = item.type === 'mcq' ? null : parseValue(answer);
  if (value !== null) {
    const same = (n: number) => Math.abs(n - value) < 1e-9;
    // A number the question gives, sign and all or with its sign dropped: either way it was copied, not worked out.
    if (numbersOf(item.stem, item.passage).some((n) => same(n) || same(-n))) return `${rng.pick(givenFrames)(answer)} ${steps[0] ?? ''}`.trim();
    const step = steps.find((s) => signedNumbers(s).some(same));
    if (step) return `${rng.pick(workingFrames)(answer)} ${step}`;
  }
  return steps[0] ?? '';
}

export const review: AiTask<ReviewInput> = {
  name: 'review',
  promptVersion: 'review/9',
  input: reviewInput,
  prompt(input) {
    const blocks = input.responses.map((r, i) => `Question ${i + 1}\n${describeItem(r.item, true)}\nStudent answered: ${r.studentAnswer}`);
    const sources = input.sources.map((s) => `[${s.title}] ${s.text}`).join('\n');
    return [
      systemMessage(
        `Review this finished practice set in ${REVIEW_WORDS.min}–${REVIEW_WORDS.max} words: the score, then for up to ${MAX_DETAILED} missed questions ` +
          'write "Question N: … the answer is X" with why the student\'s choice tempts, and one lesson to study.',
      ),
      { role: 'user', content: blocks.join('\n\n') + (sources ? `\n\nLesson passages:\n${sources}` : '') },
    ];
  },
  template(input, rng) {
    // The review page shows one review under each question: no numbering, no "1 of 1" tally.
    if (input.responses.length === 1) return oneQuestion(input, rng);
    const n = input.responses.length;
    const missed = input.responses.map((r, i) => ({ ...r, q: i + 1 })).filter((r) => !isRight(r.item, r.studentAnswer));
    const score = rng.pick(scoreLines)(n - missed.length, n);
    if (missed.length === 0) return `${score} ${rng.pick(perfect)}`;
    const intro = rng.pick(missIntro);
    const next = `Next, study ${lessonPointer(input.sources, missed[0].item.skill)}.`; // the missed skill's own lesson
    let budget = REVIEW_WORDS.max - wordCount(`${score} ${intro} ${next}`);
    const parts = [score, intro];
    for (const m of missed.slice(0, MAX_DETAILED)) {
      // Longest first: the key option in full and why the student's choice tempted; then the
      // key by letter; then the bare correction, so three misses always fit the word limit.
      const why = whyMissed(m.item, m.studentAnswer, rng);
      const head = (key: string) => `Question ${m.q} (${skill(m.item.skill).name}): you put ${m.studentAnswer}, but the answer is ${key}.`;
      const block = [`${head(keyText(m.item))} ${why}`, `${head(shortKey(m.item))} ${why}`, head(shortKey(m.item))].find((b) => wordCount(b) <= budget);
      if (!block) break;
      parts.push(block);
      budget -= wordCount(block);
    }
    parts.push(next);
    return parts.join(' ');
  },
  checks(input, output) {
    const items = input.responses.map((r) => r.item);
    const sourceText = input.sources.flatMap((s) => [s.title, s.text]);
    const right = input.responses.filter((r) => isRight(r.item, r.studentAnswer)).length;
    const facts = sourceText.map(textFacts);
    const numbers = [right, input.responses.length, ...input.responses.map((_, i) => i + 1), ...items.flatMap(itemNumbers), ...facts.flatMap((f) => f.numbers)];
    for (const r of input.responses) numbers.push(...numbersOf(r.studentAnswer));
    const skills = items.map((i) => i.skill);
    return [
      answersMatchKeys(output, items),
      arithmeticStepsEvaluate(output),
      numbersDerivable(output, numbers),
      skillNamed(output, skills, { requireOne: false, allowed: [...skills, ...facts.flatMap((f) => f.skills)] }),
      lengthBounds(output, REVIEW_WORDS.min, REVIEW_WORDS.max),
      noPii(output, input.studentName ? [input.studentName] : []),
      noBannedTone(output, () => [...items.flatMap(itemMaterial), ...input.sources.map((s) => s.text)].join('\n')),
      noModelMarkup(output),
    ];
  },
  retrieval: {
    query: (input) => input.responses.map((r) => `${skill(r.item.skill).name} ${r.item.stem}`).join(' '),
    // The lessons of the missed questions, where the review sends the student, named by their titles.
    pinned: (input) => [...new Set(input.responses.filter((r) => !isRight(r.item, r.studentAnswer)).map((r) => lessonIntroId(r.item.skill)))],
    hasSources: (input) => input.sources.length > 0,
    attach: (input, sources) => ({ ...input, sources }),
  },
};

const rightLines = [
  (key: string) => `You got this one right: the answer is ${key}.`,
  (key: string) => `Right answer: ${key}.`,
  (key: string) => `Well done, ${key} is the answer.`,
];
const stepLeads = ['The step that decides it:', 'Why it works:', 'The key step:'];
const rightNext = [
  'A harder question on this skill is a good next step.',
  'Try a timed set on this skill to make it automatic.',
  'Keep it sharp with a few harder questions of this kind.',
];

/** A review of one answered question, as it appears under that question. */
function oneQuestion(input: ReviewInput, rng: Rng): string {
  const [{ item, studentAnswer }] = input.responses;
  if (isRight(item, studentAnswer)) {
    const step = rationaleSteps(item).find((s) => statedAnswers(s).length === 0);
    return [rng.pick(rightLines)(shortKey(item)), step ? joinConnective(rng.pick(stepLeads), step) : '', rng.pick(rightNext)].filter(Boolean).join(' ');
  }
  const next = `Next, study ${lessonPointer(input.sources, item.skill)}.`;
  const why = whyMissed(item, studentAnswer, rng);
  const budget = REVIEW_WORDS.max - wordCount(next);
  const head = (key: string) => `You put ${studentAnswer}, but the answer is ${key}.`;
  const block = [`${head(keyText(item))} ${why}`, `${head(shortKey(item))} ${why}`].find((b) => wordCount(b) <= budget) ?? head(shortKey(item));
  return `${block.trim()} ${next}`;
}

/** Each "Question N … answer is X" span must name item N's key; an answer with no question number must match some item. */
export function answersMatchKeys(output: string, items: Item[]): CheckResult {
  const bad: string[] = [];
  const chunks = output.split(/(?=\bQuestion\s+\d+)/);
  for (const chunk of chunks) {
    const q = /^Question\s+(\d+)/.exec(chunk);
    const item = q ? items[Number(q[1]) - 1] : undefined;
    for (const a of statedAnswers(chunk)) {
      const ok = item ? answerMatchesKey(a, item) : items.some((it) => answerMatchesKey(a, it));
      if (!ok) bad.push(q ? `question ${q[1]}: ${a.text}` : a.text);
    }
    if (q && !item) bad.push(`question ${q[1]} does not exist`);
  }
  return {
    name: 'final-answer-equals-key',
    pass: bad.length === 0,
    critical: true,
    reason: bad.length ? `wrong answers stated: ${bad.join(', ')}` : undefined,
  };
}
