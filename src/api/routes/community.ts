import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { markHelpful } from '../../community/helpful.ts';
import { report, setHidden } from '../../community/moderation.ts';
import { QUEUE_STATUSES, queueCursor, reportQueue } from '../../community/moderation-queue.ts';
import { getNote, listNotes, postNote } from '../../community/notes.ts';
import { postReply, requestAiReply } from '../../community/replies.ts';
import { setVote } from '../../community/votes.ts';
import { SKILL_IDS } from '../../content/taxonomy.ts';
import { NOTE_VISIBILITY, REPORT_TARGETS } from '../../db/enums.ts';
import { forbidden } from '../../lib/errors.ts';
import { idempotencyHeader } from './practice.ts';

const tags = ['community'];
const security = [{ bearer: [] }];
const idParams = z.object({ id: z.uuid() });
const questionId = z.string().min(1).max(200);
const text = z.string().trim().min(1).max(4000);

/**
 * Two shapes: the clean one, and the origin mobile client's (seeds/03:
 * `{ user_id, question_id, note_text }`, posted from its Community screen, which shows
 * the `ai_response` it gets back). A legacy body is therefore a community post with an
 * AI reply; a clean body is private unless it says otherwise, and asks for the AI only
 * with `aiReply: true`.
 */
const noteBody = z
  .object({
    body: text.optional(),
    questionId: questionId.optional(),
    lessonId: z.string().min(1).max(200).optional(),
    skill: z.enum(SKILL_IDS).optional(),
    visibility: z.enum(NOTE_VISIBILITY).optional(),
    aiReply: z.boolean().optional(),
    user_id: z.uuid().optional(),
    question_id: questionId.nullable().optional(),
    note_text: text.optional(),
  })
  .refine((b) => (b.body === undefined) !== (b.note_text === undefined), { message: 'give body (or note_text), not both' })
  .refine((b) => !(b.questionId !== undefined && b.question_id != null), { message: 'give questionId or question_id, not both' });

const feedQuery = z.object({
  questionId: questionId.optional(),
  skill: z.enum(SKILL_IDS).optional(),
  authorId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.uuid().optional(),
});

const idemKey = (req: FastifyRequest) => req.headers['idempotency-key'] as string | undefined;

export async function communityRoutes(plain: FastifyInstance): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { database, ai } = app.deps;
  const db = database.db;

  app.post(
    '/community/note',
    { schema: { tags, security, body: noteBody, headers: idempotencyHeader }, preHandler: app.authenticate },
    async (req, reply) => {
      const b = req.body;
      const legacy = b.note_text !== undefined;
      if (b.user_id !== undefined && b.user_id !== req.actor.userId) throw forbidden('user_id does not match the signed-in user');
      const r = await postNote(db, ai, req.actor, {
        body: (b.body ?? b.note_text)!,
        questionId: b.questionId ?? b.question_id ?? undefined,
        lessonId: b.lessonId,
        skill: b.skill,
        visibility: b.visibility ?? (legacy ? 'community' : 'private'),
        aiReply: b.aiReply ?? legacy,
        idempotencyKey: idemKey(req),
      });
      const out = legacy ? { ...r.body, user_id: req.actor.userId, note_text: r.body.note.body, ai_response: r.body.aiReply?.body ?? null } : r.body;
      return reply.status(r.status).send(out);
    },
  );

  app.get('/community/notes', { schema: { tags, security, querystring: feedQuery }, preHandler: app.authenticate }, async (req) =>
    listNotes(db, req.actor, req.query),
  );
  app.get('/community/notes/:id', { schema: { tags, security, params: idParams }, preHandler: app.authenticate }, async (req) =>
    getNote(db, req.actor, req.params.id),
  );

  app.post(
    '/community/notes/:id/replies',
    { schema: { tags, security, params: idParams, body: z.object({ body: text }), headers: idempotencyHeader }, preHandler: app.authenticate },
    async (req, reply) => {
      const r = await postReply(db, req.actor, req.params.id, req.body.body, idemKey(req));
      return reply.status(r.status).send(r.body);
    },
  );
  app.post('/community/notes/:id/ai_reply', { schema: { tags, security, params: idParams }, preHandler: app.authenticate }, async (req, reply) => {
    const r = await requestAiReply(db, ai, req.actor, req.params.id);
    return reply.status(r.created ? 201 : 200).send(r);
  });

  for (const [path, kind] of [['notes', 'note'], ['replies', 'reply']] as const) {
    app.post(`/community/${path}/:id/upvote`, { schema: { tags, security, params: idParams }, preHandler: app.authenticate }, async (req) =>
      setVote(db, req.actor, kind, req.params.id, true),
    );
    app.delete(`/community/${path}/:id/upvote`, { schema: { tags, security, params: idParams }, preHandler: app.authenticate }, async (req) =>
      setVote(db, req.actor, kind, req.params.id, false),
    );
  }

  app.post('/community/replies/:id/helpful', { schema: { tags, security, params: idParams }, preHandler: app.authenticate }, async (req) =>
    markHelpful(db, req.actor, req.params.id),
  );

  app.post(
    '/community/report',
    {
      schema: {
        tags,
        security,
        body: z.object({ targetKind: z.enum(REPORT_TARGETS), targetId: z.uuid(), reason: z.string().trim().min(1).max(500) }),
      },
      preHandler: app.authenticate,
    },
    async (req) => report(db, req.actor, req.body),
  );

  const moderateParams = z.object({ kind: z.enum(REPORT_TARGETS), id: z.uuid() });
  for (const action of ['hide', 'unhide'] as const) {
    app.post(
      `/community/:kind/:id/${action}`,
      {
        schema: {
          tags,
          security,
          params: moderateParams,
          description: `${action === 'hide' ? 'Hide' : 'Restore'} a note or reply. Also the review of its reports, even when it was already ${action === 'hide' ? 'hidden' : 'visible'} (“keep it as it is”): it leaves the open moderation queue until it is reported again.`,
        },
        preHandler: app.requireRole('admin'),
      },
      async (req) => setHidden(db, req.actor, req.params.kind, req.params.id, action === 'hide'),
    );
  }

  app.get(
    '/admin/reports',
    {
      schema: {
        tags: ['admin', ...tags],
        security,
        description:
          'The moderation queue: reported notes and replies, one entry per target, newest report first, with the report count and reasons (never who reported). `status`: open (reported since the last hide/unhide, the default), hidden (hidden now), all. Page on with `cursor` = the `next` of the previous page.',
        querystring: z.object({
          status: z.enum(QUEUE_STATUSES).default('open'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: queueCursor.optional(),
        }),
      },
      preHandler: app.requireRole('admin'),
    },
    async (req) => reportQueue(db, req.query),
  );
}
