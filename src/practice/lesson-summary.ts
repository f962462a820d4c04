/**
 * "Sum up this lesson": the lesson_summary task over the lesson's idea section and its traps, written for the
 * signed-in reader who asked. Like every AI text it is recorded in ai_outputs with its input and
 * can be rated (`rateOutput` in help.ts), which is what lets lesson summaries join the training data.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../accounts/access.ts';
import { lessonPassages } from '../ai/search/sources.ts';
import type { AiService } from '../ai/service.ts';
import type { Db } from '../db/client.ts';
import { lessons } from '../db/schema/index.ts';
import { lessonTraps } from '../content/lessons/index.ts';
import { notFound } from '../lib/errors.ts';

export async function summarizeLesson(db: Db, ai: AiService, actor: Actor, lessonId: string) {
  const [lesson] = await db.select().from(lessons).where(eq(lessons.id, lessonId));
  if (!lesson) throw notFound('no such lesson');
  // "The idea", and the names of the common traps: the worked example and the self-check are
  // other problems with their own answers.
  const [idea] = lessonPassages(lesson);
  const result = await ai.run(
    'lesson_summary',
    { lesson: { id: lesson.id, title: lesson.title, skill: lesson.skill, text: idea.text, traps: lessonTraps(lesson.body) } },
    { db, meta: { userId: actor.userId } },
  );
  return { lessonId: lesson.id, aiOutputId: result.aiOutputId, summary: result.text, provider: result.provider };
}
