import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { GUIDE } from '../../content/guide.ts';
import { SKILL_IDS } from '../../content/taxonomy.ts';
import { lessons } from '../../db/schema/index.ts';
import { notFound } from '../../lib/errors.ts';
import { readLesson } from '../../plan/lesson-read.ts';
import { summarizeLesson } from '../../practice/lesson-summary.ts';

/** The plan task the lesson was opened from, ticked off by the reading; no body (which Fastify hands on as null) is a plain read. */
const readBody = z.object({ planTaskId: z.string().min(1).max(200).optional() }).nullish();

/**
 * Lessons and the test guide are public study material: read without signing in. An AI summary of one is written for a
 * signed-in reader; a student marks one read, which is what its plan task pays for.
 */
export async function lessonRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { database, ai } = app.deps;
  const db = database.db;

  app.get('/lessons', { schema: { tags: ['lessons'], querystring: z.object({ skill: z.enum(SKILL_IDS).optional() }) } }, async (req) => {
    const rows = await db
      .select({ id: lessons.id, skill: lessons.skill, title: lessons.title, minutes: lessons.minutes })
      .from(lessons)
      .where(req.query.skill ? eq(lessons.skill, req.query.skill) : undefined)
      .orderBy(asc(lessons.id));
    return { lessons: rows };
  });

  // The test guide (content/guide.ts): the test's layout, pacing, guessing, tools and scores, from the blueprint.
  app.get('/guide', { schema: { tags: ['lessons'] } }, async () => ({ sections: GUIDE }));

  app.get('/lessons/:id', { schema: { tags: ['lessons'], params: z.object({ id: z.string().min(1).max(100) }) } }, async (req) => {
    const [row] = await db.select().from(lessons).where(eq(lessons.id, req.params.id));
    if (!row) throw notFound('no such lesson');
    return row;
  });

  // The summary is recorded for the reader who asked (ai_outputs), who may rate it: anonymous readers get none.
  app.post(
    '/lessons/:id/summary',
    { schema: { tags: ['lessons'], security: [{ bearer: [] }], params: z.object({ id: z.string().min(1).max(100) }) }, preHandler: app.authenticate },
    async (req) => summarizeLesson(db, ai, req.actor, req.params.id),
  );

  // A student's "I've read this": what a lesson task's points are paid for (plan/lesson-read.ts).
  app.post(
    '/lessons/:id/read',
    {
      schema: { tags: ['lessons'], security: [{ bearer: [] }], params: z.object({ id: z.string().min(1).max(100) }), body: readBody },
      preHandler: app.requireRole('student'),
    },
    async (req) => readLesson(db, req.actor, req.params.id, req.body?.planTaskId),
  );
}
