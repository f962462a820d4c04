/** note_reply: an AI reply under a student's note on a question or lesson. */
import { z } from 'zod';
import { itemSchema } from '../../content/item.ts';
import { SKILL_IDS, skill } from '../../content/taxonomy.ts';
import { lessonIntroId } from '../search/sources.ts';
import { systemMessage, type AiTask } from '../task.ts';
import { freeTextChecks, hasContent, searchWords, sourcesField, withoutContact } from './grounded.ts';
import { describeItem } from './item-text.ts';
import { writeReply } from './reply.ts';
import { crisisChecks, crisisReply, feelingFacts } from './wellbeing.ts';

export const NOTE_REPLY_WORDS = { min: 10, max: 150 } as const;

export const noteReplyInput = z.object({
  note: z.string().min(1).max(4000),
  skill: z.enum(SKILL_IDS).optional(),
  item: itemSchema.optional(),
  /** Notes are written after answering, so the key may be discussed. */
  revealAnswer: z.boolean().default(true),
  studentName: z.string().min(1).max(80).optional(),
  sources: sourcesField,
});
export type NoteReplyInput = z.infer<typeof noteReplyInput>;

export const noteReply: AiTask<NoteReplyInput> = {
  name: 'note_reply',
  promptVersion: 'note_reply/18',
  input: noteReplyInput,
  prompt(input) {
    const sources = input.sources.map((s) => `[${s.title}] ${s.text}`).join('\n');
    return [
      systemMessage(
        `Reply to the student's study note in ${NOTE_REPLY_WORDS.min}–${NOTE_REPLY_WORDS.max} words: confirm what is right, correct what is wrong, ` +
          'using only the material given. If the material does not cover it, say so and point to the lesson and a tutor.',
      ),
      {
        role: 'user',
        content:
          (input.item ? `${describeItem(input.item, input.revealAnswer)}\n` : '') +
          (input.skill ? `Skill: ${skill(input.skill).name}\n` : '') +
          (sources ? `Lesson passages:\n${sources}\n` : '') +
          `Student's note: ${input.note}`,
      },
    ];
  },
  template(input, rng) {
    return crisisReply(input.note) ?? writeReply({ ...input, message: input.note }, 'note', rng, NOTE_REPLY_WORDS.max);
  },
  checks(input, output) {
    return [...crisisChecks(input.note, output), ...freeTextChecks(output, {
      item: input.item,
      revealAnswer: input.revealAnswer,
      inputTexts: [input.note, ...input.sources.flatMap((s) => [s.title, s.text]), ...feelingFacts(input.note)],
      skills: [input.skill, input.item?.skill].filter((s) => s !== undefined),
      names: input.studentName ? [input.studentName] : [],
      sourceTexts: input.sources.map((s) => s.text),
      words: NOTE_REPLY_WORDS,
    })];
  },
  retrieval: {
    // As in the tutor chat: the note's words alone first, so a note about the test itself finds
    // the guide, then with the skill in focus, for its lesson.
    query: (input) => {
      const focus = input.skill ?? input.item?.skill;
      const words = searchWords(withoutContact(input.note));
      if (!focus) return words;
      return hasContent(words) ? [words, `${words} ${skill(focus).name}`] : `${words} ${skill(focus).name}`;
    },
    // A note on a question: its skill's lesson, the only one a reply may quote about it (grounded.ts).
    // A note without a question ("confusing") on a skill: the skill's lesson intro is the answer.
    pinned: (input) => (input.item ? [lessonIntroId(input.item.skill)] : input.skill && !hasContent(input.note) ? [lessonIntroId(input.skill)] : []),
    hasSources: (input) => input.sources.length > 0,
    attach: (input, sources) => ({ ...input, sources }),
  },
};
