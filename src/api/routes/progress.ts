import { recentSessions } from '../../progress/activity.ts';
import { recentHelpRequests } from '../../progress/help-requests.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assertCanReadStudent } from '../../accounts/access.ts';
import { isTimeZone } from '../../lib/days.ts';
import { keysetCursor } from '../../lib/keyset.ts';
import { planOverview } from '../../plan/read.ts';
import { BADGES } from '../../progress/badges.ts';
import { progressSummary } from '../../progress/summary.ts';
import { testUnderWay } from '../../practice/full-test.ts';

const security = [{ bearer: [] }];
const tags = ['progress'];
const query = z.object({
  /** IANA time zone for streaks and per-day figures (the student's own); UTC by default. */
  tz: z.string().min(1).max(64).refine(isTimeZone, { message: 'an IANA time zone such as America/New_York' }).default('UTC'),
  /** Days of history to include, counting today. */
  days: z.coerce.number().int().min(1).max(730).default(90),
});

/** Progress and gamification: one request gives a dashboard everything, plan included. */
export async function progressRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  const summary = async (userId: string, q: z.infer<typeof query>) => {
    const s = await progressSummary(db, userId, q);
    // A full-length test left under way: the dashboard offers to resume it, a tutor sees it.
    return { ...s, plan: await planOverview(db, userId, s.today), testInProgress: await testUnderWay(db, userId) };
  };

  /** The badge catalogue is public: rules as data, nobody's progress. */
  app.get('/progress/badges', { schema: { tags } }, async () => ({ badges: BADGES }));

  app.get('/progress/me', { schema: { tags, security, querystring: query }, preHandler: app.authenticate }, async (req) => summary(req.actor.userId, req.query));

  // What the student did, session by session: for their tutors and parents (and themselves) to open each review.
  app.get(
    '/progress/:user_id/sessions',
    {
      schema: {
        tags,
        security,
        params: z.object({ user_id: z.uuid() }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().min(1).max(200).optional() }),
      },
      preHandler: app.authenticate,
    },
    async (req) => {
      await assertCanReadStudent(db, req.actor, req.params.user_id);
      return recentSessions(db, req.params.user_id, req.query);
    },
  );

  // The help the student asked for in practice, with what the AI answered: where they got stuck, in their words.
  app.get(
    '/progress/:user_id/help',
    {
      schema: {
        tags,
        security,
        description: 'The help requests the student made during practice, newest first: the question and its skill, their message, the AI reply (null if none was recorded). Page on with `cursor` = the `next` of the previous page.',
        params: z.object({ user_id: z.uuid() }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: keysetCursor.optional() }),
      },
      preHandler: app.authenticate,
    },
    async (req) => {
      await assertCanReadStudent(db, req.actor, req.params.user_id);
      return recentHelpRequests(db, req.params.user_id, req.query);
    },
  );

  app.get(
    '/progress/:user_id',
    { schema: { tags, security, params: z.object({ user_id: z.uuid() }), querystring: query }, preHandler: app.authenticate },
    async (req) => {
      await assertCanReadStudent(db, req.actor, req.params.user_id);
      return summary(req.params.user_id, req.query);
    },
  );
}
