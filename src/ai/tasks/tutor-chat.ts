/**
 * tutor_chat: one assistant turn of the tutor chat. The only task whose prompt carries a
 * conversation; generate() can stream it.
 */
import { z } from 'zod';
import { itemSchema } from '../../content/item.ts';
import { SKILL_IDS, skill } from '../../content/taxonomy.ts';
import { lessonIntroId } from '../search/sources.ts';
import { systemMessage, type AiTask } from '../task.ts';
import { freeTextChecks, hasContent, sourcesField } from './grounded.ts';
import { describeItem } from './item-text.ts';
import { writeReply } from './reply.ts';
import { wordCount } from '../checks/length.ts';

export const TUTOR_CHAT_WORDS = { min: 8, max: 150 } as const;

export const tutorChatInput = z.object({
  messages: z
    .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().min(1).max(4000) }))
    .min(1)
    .max(40)
    .refine((m) => m[m.length - 1].role === 'user', { message: 'the last message must be the student’s' }),
  skill: z.enum(SKILL_IDS).optional(),
  item: itemSchema.optional(),
  revealAnswer: z.boolean().default(false),
  studentName: z.string().min(1).max(80).optional(),
  /** The student's standing on the skills practised most recently, weakest first. */
  performance: z
    .array(
      z.object({
        skill: z.enum(SKILL_IDS),
        mastery: z.number().min(0).max(1),
        recentCorrect: z.number().int().min(0),
        recentAnswered: z.number().int().min(0),
      }),
    )
    .max(8)
    .default([]),
  sources: sourcesField,
});
export type TutorChatInput = z.infer<typeof tutorChatInput>;

const lastUser = (input: TutorChatInput) => input.messages[input.messages.length - 1].content;

/** One line per skill, the same words in the prompt, the template and the checks' allowed facts. */
export function performanceLines(input: Pick<TutorChatInput, 'performance'>): string[] {
  return input.performance.map(
    (p) => `${skill(p.skill).name}: mastery ${Math.round(p.mastery * 100)}%, ${p.recentCorrect} of ${p.recentAnswered} right recently`,
  );
}

/** A question about standing or what to do next, which the template answers from the performance. */
const ASKS_ABOUT_PROGRESS = /\b(how am i doing|my progress|progress|what should i (?:work on|practi[cs]e|study|focus on)|work on next|weak(?:est|ness)?|improve|focus on)\b/i;

function progressSentence(input: TutorChatInput): string {
  const weakest = input.performance[0];
  if (!weakest || !ASKS_ABOUT_PROGRESS.test(lastUser(input))) return '';
  const line = `mastery ${Math.round(weakest.mastery * 100)}%, ${weakest.recentCorrect} of ${weakest.recentAnswered} right recently`;
  return `From your recent practice, ${skill(weakest.skill).name} is the skill to work on next (${line}).`;
}

export const tutorChat: AiTask<TutorChatInput> = {
  name: 'tutor_chat',
  promptVersion: 'tutor_chat/4',
  input: tutorChatInput,
  prompt(input) {
    const sources = input.sources.map((s) => `[${s.title}] ${s.text}`).join('\n');
    const context =
      (input.item ? `${describeItem(input.item, input.revealAnswer)}\n` : '') +
      (input.skill ? `Skill: ${skill(input.skill).name}\n` : '') +
      (input.performance.length ? `Recent performance:\n${performanceLines(input).join('\n')}\n` : '') +
      (sources ? `Lesson passages:\n${sources}` : '');
    return [
      systemMessage(
        `Answer the student's last message in at most ${TUTOR_CHAT_WORDS.max} words, from the context below. ` +
          (input.revealAnswer ? '' : 'Do not give away the answer to the item; guide with steps. ') +
          'If the context does not cover it, say so and point to the lesson and a tutor.' +
          (context ? `\n\nContext:\n${context}` : ''),
      ),
      ...input.messages.map((m) => ({ role: m.role, content: m.content })),
    ];
  },
  template(input, rng) {
    const progress = progressSentence(input);
    const reply = writeReply({ ...input, message: lastUser(input) }, 'chat', rng, TUTOR_CHAT_WORDS.max - wordCount(progress));
    return progress ? `${progress} ${reply}` : reply;
  },
  checks(input, output) {
    return freeTextChecks(output, {
      item: input.item,
      revealAnswer: input.revealAnswer,
      inputTexts: [...input.messages.map((m) => m.content), ...input.sources.flatMap((s) => [s.title, s.text]), ...performanceLines(input)],
      skills: [input.skill, input.item?.skill, ...input.performance.map((p) => p.skill)].filter((s) => s !== undefined),
      names: input.studentName ? [input.studentName] : [],
      sourceTexts: input.sources.map((s) => s.text),
      words: TUTOR_CHAT_WORDS,
    });
  },
  retrieval: {
    // The student's words alone first, so a question about the test itself (pacing, guessing)
    // finds the guide even while a skill is in focus; then with the skill, for its lesson.
    // Words without a topic ("I'm stuck", "help") search for the skill in focus, or for nothing.
    query: (input) => {
      const words = lastUser(input);
      const topic = hasContent(words);
      if (!input.skill) return topic ? words : [];
      return topic ? [words, `${words} ${skill(input.skill).name}`] : `${words} ${skill(input.skill).name}`;
    },
    // "Help me with this" with a skill in focus: the skill's lesson intro is the answer.
    pinned: (input) => (input.skill && !input.item && !hasContent(lastUser(input)) ? [lessonIntroId(input.skill)] : []),
    hasSources: (input) => input.sources.length > 0,
    attach: (input, sources) => ({ ...input, sources }),
  },
};
