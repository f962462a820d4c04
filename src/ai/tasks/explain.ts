/**
 * explain: a 50–100 word step-by-step explanation of an item that ends by stating the key
 * (seeds/02 "Question Explanations"). The template reuses the item's own verified rationale,
 * so its steps are the bank's steps; the checks re-evaluate every numeric equation.
 */
import { z } from 'zod';
import { itemSchema } from '../../content/item.ts';
import { skill } from '../../content/taxonomy.ts';
import type { Rng } from '../../lib/rng.ts';
import { answerMatchesKey, finalAnswerEqualsKey, splitSentences } from '../checks/answer.ts';
import { arithmeticStepsEvaluate } from '../checks/arithmetic.ts';
import { lengthBounds, wordCount } from '../checks/length.ts';
import { numbersDerivable, numbersOf } from '../checks/numbers.ts';
import { noPii } from '../checks/pii.ts';
import { skillNamed } from '../checks/skills.ts';
import { noModelMarkup } from '../checks/markup.ts';
import { noBannedTone } from '../checks/tone.ts';
import { systemMessage, type AiTask } from '../task.ts';
import { itemMaterial } from './grounded.ts';
import { describeItem, itemNumbers, joinConnective, keyText, shortKey } from './item-text.ts';
import { youChoseSentence } from './phrasing.ts';

export const EXPLAIN_WORDS = { min: 50, max: 100 } as const;

export const explainInput = z.object({
  item: itemSchema,
  /** What the student answered, when the explanation follows an attempt. */
  studentAnswer: z.string().min(1).max(20).optional(),
});
export type ExplainInput = z.infer<typeof explainInput>;

const openings = [
  (s: string) => `Let's work through this ${s} question step by step.`,
  (s: string) => `Here's how to reason through this ${s} problem.`,
  (s: string) => `This one tests ${s}, so let's take it one step at a time.`,
  (s: string) => `A clear path through this ${s} question goes like this.`,
  (s: string) => `Good question to review: it's classic ${s}.`,
  (s: string) => `Let's break down this ${s} item together.`,
];
const connectives = ['First,', 'To start,', 'Begin here:'];
const middles = ['Next,', 'Then,', 'After that,', 'Now,'];
const finals = [
  (k: string) => `So the answer is ${k}.`,
  (k: string) => `That means the correct answer is ${k}.`,
  (k: string) => `Therefore, the answer is ${k}.`,
  (k: string) => `Putting it together, the answer is ${k}.`,
];
const pads = [
  'Before starting, restate in your own words what the question asks for.',
  'Checking each step as you go keeps small slips from costing you points.',
  'Underline the key information first so nothing gets missed.',
  'It helps to predict an answer before looking at the choices.',
  'Plan to reread the question at the end, to confirm that you answer what it asks.',
  'The method here works on similar questions too, so it is worth learning.',
];

const stepCache = new Map<string, readonly string[]>();

/** The rationale's sentences without its last line (which states the key), split once per rationale. */
function rationaleSentences(rationale: string): readonly string[] {
  let steps = stepCache.get(rationale);
  if (!steps) {
    // Line by line: a line that ends without a full stop ("… is 0") must not run into the next.
    steps = rationale.split('\n').slice(0, -1).flatMap((line) => splitSentences(line));
    if (stepCache.size >= 8192) stepCache.clear();
    stepCache.set(rationale, steps);
  }
  return steps;
}

/** The text and its word count (parts are joined by spaces, so their counts add up). */
function write(input: ExplainInput, rng: Rng, keepSteps: number, key: string): { text: string; words: number } {
  const { item } = input;
  // The rationale's last line states the key; the template states it in its own words.
  const steps = rationaleSentences(item.rationale).slice(0, keepSteps);
  const parts = [rng.pick(openings)(skill(item.skill).name)];
  const reason = input.studentAnswer ? item.distractorReasons?.[input.studentAnswer] : undefined;
  if (reason && !answerMatchesKey({ kind: 'letter', text: input.studentAnswer ?? '', index: 0 }, item)) {
    parts.push(youChoseSentence(input.studentAnswer ?? '', reason));
  }
  // A step in parentheses ("(Check: y = 29 …)") is an aside and "Here: the text …" points at the
  // item: neither takes a connective. No connective follows itself ("Now, … Now, …").
  let last = '';
  for (const [i, s] of steps.entries()) {
    if (s.startsWith('(') || s.startsWith('Here:')) {
      parts.push(s);
      continue;
    }
    last = rng.pick((i === 0 ? connectives : middles).filter((c) => c !== last));
    parts.push(joinConnective(last, s));
  }
  // "So the blank is … So the answer is …": a last step that opens with "so" takes another ending.
  const lastSo = steps.length > 0 && /^so\b/i.test(steps[steps.length - 1]);
  const final = rng.pick(lastSo ? finals.slice(1) : finals)(key);
  // A typed-answer question has no choices to look at.
  const padPool = rng.shuffle(pads).filter((p) => item.type === 'mcq' || !p.includes('choices'));
  let body = parts.join(' ');
  let words = 0;
  for (const p of parts) words += wordCount(p);
  const finalWords = wordCount(final);
  for (let i = 0; words + finalWords < EXPLAIN_WORDS.min && i < padPool.length; i++) {
    words += wordCount(padPool[i]);
    body = `${parts[0]} ${padPool.slice(0, i + 1).join(' ')} ${parts.slice(1).join(' ')}`;
  }
  return { text: `${body} ${final}`, words: words + finalWords };
}

export const explain: AiTask<ExplainInput> = {
  name: 'explain',
  promptVersion: 'explain/5',
  input: explainInput,
  prompt(input) {
    const tail = input.studentAnswer ? `\nThe student answered: ${input.studentAnswer}` : '';
    return [
      systemMessage(
        `Explain in ${EXPLAIN_WORDS.min}–${EXPLAIN_WORDS.max} words, step by step, how to reach the correct answer. ` +
          'Check every calculation you write. End with one sentence of the form "So the answer is …" stating the correct answer.',
      ),
      { role: 'user', content: describeItem(input.item, true) + tail },
    ];
  },
  template(input, rng) {
    const total = rationaleSentences(input.item.rationale).length;
    // Long rationales are cut from the end, keeping the first steps, until the text fits.
    // If one step is still too long, the key is named by its letter rather than its option's full text.
    let text = '';
    for (let k = 0; k < 2; k++) {
      // The short key is worked out only when no cut of the rationale fits with the full one.
      const key = k === 0 ? keyText(input.item) : shortKey(input.item);
      for (let keep = total; keep >= Math.min(1, total); keep--) {
        const w = write(input, rng.fork('x'), keep, key);
        text = w.text;
        if (w.words <= EXPLAIN_WORDS.max) return text;
      }
    }
    return text;
  },
  checks(input, output) {
    const allowed = [...itemNumbers(input.item), ...numbersOf(input.studentAnswer)];
    return [
      finalAnswerEqualsKey(output, input.item, true),
      arithmeticStepsEvaluate(output),
      numbersDerivable(output, allowed),
      skillNamed(output, [input.item.skill], { requireOne: false }),
      lengthBounds(output, EXPLAIN_WORDS.min, EXPLAIN_WORDS.max),
      noPii(output),
      noBannedTone(output, () => itemMaterial(input.item).join('\n')),
      noModelMarkup(output),
    ];
  },
};
