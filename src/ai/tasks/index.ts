/** Every task, keyed by its AI_TASKS name: the one place the four consumers look a task up. */
import type { AiTaskName } from '../../db/enums.ts';
import type { AiTask, AnyAiTask } from '../task.ts';
import { explain } from './explain.ts';
import { feedback } from './feedback.ts';
import { help } from './help.ts';
import { lessonSummary } from './lesson-summary.ts';
import { noteReply } from './note-reply.ts';
import { planAdjust } from './plan-adjust.ts';
import { review } from './review.ts';
import { tutorChat } from './tutor-chat.ts';

export const TASKS = {
  feedback,
  explain,
  plan_adjust: planAdjust,
  lesson_summary: lessonSummary,
  help,
  review,
  note_reply: noteReply,
  tutor_chat: tutorChat,
} as const satisfies Record<AiTaskName, AnyAiTask>;

export type TaskInput<K extends AiTaskName> = (typeof TASKS)[K] extends AiTask<infer I> ? I : never;

export function getTask<K extends AiTaskName>(name: K): (typeof TASKS)[K] {
  return TASKS[name];
}

export { explain, feedback, help, lessonSummary, noteReply, planAdjust, review, tutorChat };
