/**
 * help: answers a student's question about the item in front of them, from the item's own
 * rationale and distractor reasons and the retrieved lesson passages. Until the student has
 * answered (`revealAnswer` false) it gives steps, never the key.
 */
import { z } from 'zod';
import { itemSchema } from '../../content/item.ts';
import { skill } from '../../content/taxonomy.ts';
import type { Rng } from '../../lib/rng.ts';
import { lessonIntroId } from '../search/sources.ts';
import { systemMessage, type AiTask } from '../task.ts';
import { firstItemStep, firstName, freeTextChecks, hasContent, lessonPointer, longestPointer, relevantPassages, sourcesField, type Passage } from './grounded.ts';
import { describeItem, joinConnective, quoteAfterLead, shortKey } from './item-text.ts';
import { wordCount } from '../checks/length.ts';
import { crisisChecks, crisisReply, feelingFacts } from './wellbeing.ts';

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
const leadIns = ['Here is the idea:', 'Start from this:', 'Think of it this way:', 'One step to focus on:'];
const lessonLines = [
  (t: string) => `For more, see ${t}.`,
  (t: string) => `${t[0].toUpperCase()}${t.slice(1)} covers this in more depth.`,
  (t: string) => `If it still feels shaky, revisit ${t}.`,
];
const keyLines = [(k: string) => `So the answer is ${k}.`, (k: string) => `That is why the answer is ${k}.`, (k: string) => `This shows the answer is ${k}.`];
const nudges = ['Give it another try with that in mind.', 'Try the next step on your own now.', 'See if that unlocks it.', ''];

export const help: AiTask<HelpInput> = {
  name: 'help',
  promptVersion: 'help/17',
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
    const crisis = crisisReply(input.message);
    if (crisis) return crisis;
    const { item } = input;
    const material = { item, studentAnswer: input.studentAnswer, sources: input.sources, revealAnswer: input.revealAnswer, rng: rng.fork('p') };
    const hello = greet(firstName(input.studentName), rng);
    const lessonLine = rng.pick(lessonLines);
    const nudge = rng.pick(nudges);
    const leadIn = rng.pick(leadIns);
    const keyLine = input.revealAnswer ? rng.pick(keyLines)(shortKey(item)) : '';
    // Quoted material gets what the fixed parts leave of the word limit.
    const budget = HELP_WORDS.max - wordCount([hello, lessonLine(longestPointer(input.sources, item.skill)), nudge, leadIn, keyLine].join(' '));
    let picked = relevantPassages(input.message, material, 2, budget);
    if (picked.length === 0 && hasContent(input.message)) {
      const pointer = lessonPointer(input.sources, item.skill);
      return `${hello} I'm not sure I can answer that from the material I have for this ${skill(item.skill).name} question. ` +
        `Have a look at ${pointer}; if it still isn't clear, a note on this question reaches tutors and other students.`;
    }
    // No topic ("how do I start?", "a hint?"): the item's first step.
    if (picked.length === 0) picked = firstItemStep(material, budget);
    const parts = [hello];
    if (picked.length === 0) parts.push(`Start by pinning down exactly what the question asks, then work through this ${skill(item.skill).name} question one step at a time.`);
    // A lesson's sentence is told as the lesson's ("From the lesson: factor: x² − 5x + 6 = 0 …"), not as a step of this question.
    const lead = (p: Passage) => (p.origin !== 'source' ? leadIn : p.sourceId?.startsWith('guide.') ? 'From the guide:' : 'From the lesson:');
    for (const [i, p] of picked.entries()) parts.push(i === 0 && p.origin !== 'distractor' ? (p.origin === 'source' ? quoteAfterLead(lead(p), p.text) : joinConnective(lead(p), p.text)) : p.text);
    // Once the student has answered, a reply built on the item's own reasoning ends on its key.
    if (keyLine && picked.some((p) => p.origin !== 'source')) parts.push(keyLine);
    parts.push(lessonLine(lessonPointer(input.sources, item.skill, picked)));
    if (nudge && !input.revealAnswer) parts.push(nudge);
    return parts.join(' ');
  },
  checks(input, output) {
    return [...crisisChecks(input.message, output), ...freeTextChecks(output, {
      item: input.item,
      revealAnswer: input.revealAnswer,
      inputTexts: [input.message, input.studentAnswer, ...input.sources.flatMap((s) => [s.title, s.text]), ...feelingFacts(input.message)],
      skills: [input.item.skill],
      names: input.studentName ? [input.studentName] : [],
      words: HELP_WORDS,
      sourceTexts: input.sources.map((s) => s.text),
    })];
  },
  retrieval: {
    query: (input) => `${input.message} ${skill(input.item.skill).name}`,
    // The question's own lesson, the only one a reply may quote about it (grounded.ts), is always at hand.
    pinned: (input) => [lessonIntroId(input.item.skill)],
    hasSources: (input) => input.sources.length > 0,
    attach: (input, sources) => ({ ...input, sources }),
  },
};
