import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RawData } from 'ws';
import { z } from 'zod';
import type { Actor } from '../../accounts/access.ts';
import { verifyAccess } from '../../accounts/tokens.ts';
import { findActiveUser } from '../../accounts/users.ts';
import { unauthorized } from '../../lib/errors.ts';
import { assertCanChat } from '../../tutor/chat.ts';
import { openConnection } from '../../tutor/connection.ts';
import { interactions, listConversations } from '../../tutor/conversations.ts';
import { createMemoryHub, type TutorHub } from '../../tutor/hub.ts';
import type { ConnectionLimits } from '../../tutor/limits.ts';
import { bearer } from '../plugins/auth.ts';

const security = [{ bearer: [] }];
const tags = ['ai_tutor'];

const CHAT_DOC = `WebSocket (GET with Upgrade). Authenticate with \`Authorization: Bearer <access token>\`, or \`?token=<access token>\` (browsers cannot set headers; the URL may be logged, so prefer the next), or open without a token and send \`{"type":"auth","token":…}\` first (within 10 s). Students only. Client frames: \`{type:"message", text ≤ 2000, inputMode:"text"|"voice", conversationId?}\`, \`{type:"rate", aiOutputId, stars 1–5, comment?}\`. Server frames: ready, start {conversationId, messageId}, chunk {text}, reset, done {aiOutputId, messageId, text}, rated, error {error, message}. A bad frame gets an error frame and the socket stays open; failed authentication closes it with 4401 (4403: not a student). Without an upgrade: 426.`;

const toBuffer = (data: RawData): Buffer => (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data));

export async function tutorRoutes(plain: FastifyInstance, opts: { hub?: TutorHub; limits?: ConnectionLimits } = {}): Promise<void> {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { database, ai, tokens } = app.deps;
  const db = database.db;
  const hub = opts.hub ?? app.deps.hub ?? createMemoryHub((err) => app.log.warn({ err }, 'tutor frame listener failed'));

  const authenticate = async (token: string): Promise<Actor> => {
    const claims = await verifyAccess(token, tokens);
    const user = await findActiveUser(db, claims.userId);
    if (!user) throw unauthorized('account no longer exists');
    return { userId: user.id, role: user.role };
  };

  app.route({
    method: 'GET',
    url: '/ai_tutor/chat',
    schema: { tags, security, description: CHAT_DOC, querystring: z.object({ token: z.string().min(1).max(4096).optional() }) },
    // A token on the upgrade request is checked before upgrading (a plain 401/403); without one, a socket opens and waits for its auth frame.
    preHandler: async (req) => {
      const token = bearer(req) ?? req.query.token;
      if (!token) {
        if (req.ws) return;
        throw unauthorized('missing bearer token');
      }
      req.actor = await authenticate(token);
      assertCanChat(req.actor);
    },
    handler: async (_req, reply) =>
      reply.status(426).header('upgrade', 'websocket').send({ error: 'upgrade_required', message: 'this route speaks WebSocket; connect with a WebSocket client', details: null }),
    wsHandler: (socket, req) => {
      const conn = openConnection(
        socket,
        {
          db,
          ai,
          hub,
          authenticate,
          isActive: async (userId) => Boolean(await findActiveUser(db, userId)),
          limits: opts.limits,
          onFault: (err) => req.log.error({ err }, 'tutor chat fault'),
        },
        req.actor ?? null,
      );
      socket.on('message', (data, isBinary) => {
        conn.receive(toBuffer(data), isBinary).catch((err) => req.log.error({ err }, 'tutor frame failed'));
      });
      socket.on('close', () => conn.closed());
    },
  });

  app.get(
    '/ai_tutor/interactions/:user_id',
    {
      schema: {
        tags,
        security,
        params: z.object({ user_id: z.uuid() }),
        querystring: z.object({ conversation_id: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      },
      preHandler: app.authenticate,
    },
    async (req) => interactions(db, req.actor, req.params.user_id, { conversationId: req.query.conversation_id, limit: req.query.limit }),
  );

  app.get(
    '/ai_tutor/conversations',
    { schema: { tags, security, querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) }, preHandler: app.authenticate },
    async (req) => ({ conversations: await listConversations(db, req.actor.userId, req.query.limit) }),
  );
}
