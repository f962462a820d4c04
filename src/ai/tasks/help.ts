/**
 * help: answers a student's question about the item in front of them, from the item's own
 * rationale and distractor reasons and the retrieved lesson passages. Until the student has
 * answered (`revealAnswer` false) it gives steps, never the key.
 */
import { z } from 'zod';
import { itemSchema } from '../../content/item.ts';
import { skill } from '../../content/taxonomy.ts';
import type { Rng } from '../../lib/rng.ts';
import { systemMessage, type AiTask } from '../task.ts';
import { firstName, freeTextChecks, hasContent, lessonPointer, relevantPassages, sourcesField } from './grounded.ts';
import { describeItem, joinConnective } from './item-text.ts';

export const HELP_WORDS = { min: 15, max: 150 } as const;

export const helpInput = z.object({
  item: itemSchema,
  message: z.string().min(1).max(2000),
  studentAnswer: z.string().min(1).max(20).optional(),
  revealAnswer: z.boolean().default(false),
  studentName: z.string().min(1).max(80).optional(),
  sources: sourcesField,
});
export type HelpInput = z.infer<typeof helpInput>;

const greet = (n: string | undefined, rng: Rng) =>
  rng.pick(n ? [`Good question, ${n}.`, `Happy to help, ${n}.`, `Let's sort this out, ${n}.`] : ['Good question.', 'Happy to help.', "Let's sort this out.", 'Sure thing.']);
const leadIns = ['Here is the idea:', 'Start from this:', 'The key step:', 'Think of it this way:'];
const lessonLines = [
  (t: string) => `For more, see ${t}.`,
  (t: string) => `${t[0].toUpperCase()}${t.slice(1)} covers this in more depth.`,
  (t: string) => `If it still feels shaky, revisit ${t}.`,
];
const nudges = ['Give it another try with that in mind.', 'Try the next step on your own now.', 'See if that unlocks it.', ''];

export const help: AiTask<HelpInput> = {
  name: 'help',
  promptVersion: 'help/1',
  input: helpInput,
  prompt(input) {
    const rule = input.revealAnswer
      ? 'The student has answered; you may state the correct answer.'
      : 'The student has not answered yet: give a hint or the next step, never the answer.';
    const sources = input.sources.map((s) => `[${s.title}] ${s.text}`).join('\n');
    return [
      systemMessage(
        `Answer the student's question about this SAT item in ${HELP_WORDS.min}–${HELP_WORDS.max} words, using the rationale and lesson passages given. ` +
          `${rule} If the material does not cover the question, say so and point to the lesson and a tutor.`,
      ),
      {
        role: 'user',
        content:
          `${describeItem(input.item, true)}\n` +
          (input.studentAnswer ? `Student's answer: ${input.studentAnswer}\n` : '') +
          (sources ? `Lesson passages:\n${sources}\n` : '') +
          `Student asks: ${input.message}`,
      },
    ];
  },
  template(input, rng) {
    const material = { item: input.item, studentAnswer: input.studentAnswer, sources: input.sources, revealAnswer: input.revealAnswer };
    let picked = relevantPassages(input.message, material, 2);
    const pointer = lessonPointer(input.sources, input.item.skill);
    if (picked.length === 0 && hasContent(input.message)) {
      return `${greet(firstName(input.studentName), rng)} I'm not sure I can answer that from the material I have for this ${skill(input.item.skill).name} question. ` +
        `Have a look at ${pointer}, and ask your tutor if it still isn't clear.`;
    }
    if (picked.length === 0) picked = relevantPassages(input.item.stem + ' ' + input.item.rationale, material, 1);
    const parts = [greet(firstName(input.studentName), rng)];
    for (const [i, p] of picked.entries()) parts.push(i === 0 && p.origin !== 'distractor' ? joinConnective(rng.pick(leadIns), p.text) : p.text);
    parts.push(rng.pick(lessonLines)(pointer));
    const nudge = rng.pick(nudges);
    if (nudge) parts.push(nudge);
    return parts.join(' ');
  },
  checks(input, output) {
    return freeTextChecks(output, {
      item: input.item,
      revealAnswer: input.revealAnswer,
      inputTexts: [input.message, input.studentAnswer, ...input.sources.flatMap((s) => [s.title, s.text])],
      skills: [input.item.skill],
      names: input.studentName ? [input.studentName] : [],
      words: HELP_WORDS,
    });
  },
  retrieval: {
    query: (input) => `${input.message} ${skill(input.item.skill).name}`,
    hasSources: (input) => input.sources.length > 0,
    attach: (input, sources) => ({ ...input, sources }),
  },
};
