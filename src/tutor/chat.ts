/**
 * One chat turn: store the student's message, stream the `tutor_chat` reply to every
 * socket of the student through the hub, store the reply with its ai_outputs row.
 *
 * The turn holds no transaction while the reply is written: a hosted model may take
 * seconds, and on the embedded database an open transaction blocks every other query. So
 * the student message (with its event), the ai_outputs row (written by ai/) and the reply
 * message (with its event) are three short writes; a reply that never finishes leaves the
 * question stored without an answer, which is what happened.
 */
import type { Actor } from '../accounts/access.ts';
import type { AiService } from '../ai/service.ts';
import type { Db } from '../db/client.ts';
import { AppError, forbidden } from '../lib/errors.ts';
import { focusInput, loadPerformance, performanceInput, pickFocus } from './context.ts';
import { history, resolveConversation, storeMessage } from './conversations.ts';
import type { MessageFrame } from './frames.ts';
import type { TutorHub } from './hub.ts';

export interface ChatDeps {
  db: Db;
  ai: AiService;
  hub: TutorHub;
  now?: () => Date;
}

export interface TurnResult {
  conversationId: string;
  userMessageId: string;
  assistantMessageId?: string;
  aiOutputId?: string;
  /** A failure after the turn started: already published as an error frame. */
  error?: unknown;
}

/** The chat is the student's own; tutors, parents and admins read it (`interactions`), they do not chat. */
export function assertCanChat(actor: Actor): void {
  if (actor.role !== 'student') throw forbidden('only students chat with the AI tutor');
}

/** Chunks shorter than this are held back and sent with the next one (whole words, ending at a space). */
const MIN_CHUNK_CHARS = 24;

/**
 * Coalesces a token or word stream into phrase-sized chunks: fewer frames (each one a
 * pub/sub message once several processes serve) at no visible cost to the reader.
 */
export function phraseChunker(emit: (text: string) => Promise<void>) {
  let buf = '';
  return {
    async push(piece: string) {
      buf += piece;
      if (buf.length >= MIN_CHUNK_CHARS && /\s$/.test(buf)) await this.flush();
    },
    async flush() {
      if (!buf) return;
      const text = buf;
      buf = '';
      await emit(text);
    },
    drop() {
      buf = '';
    },
  };
}

/** Errors before `start` are thrown to the caller (its own socket); after, they go to every socket of the user. */
export async function chatTurn(deps: ChatDeps, actor: Actor, msg: Omit<MessageFrame, 'type'>): Promise<TurnResult> {
  const { db, ai, hub } = deps;
  const conversationId = await resolveConversation(db, actor.userId, msg.conversationId);
  const earlier = msg.conversationId ? await history(db, conversationId) : [];
  const performance = await loadPerformance(db, actor.userId);
  const focus = await focusInput(db, pickFocus(performance, deps.now?.() ?? new Date()));
  const input = { messages: [...earlier, { role: 'user' as const, content: msg.text }], ...focus, performance: performanceInput(performance) };

  const userMessageId = await storeMessage(db, { userId: actor.userId, conversationId, role: 'user', content: msg.text, inputMode: msg.inputMode });
  const publish = (frame: Parameters<TutorHub['publish']>[1]) => hub.publish(actor.userId, frame);
  await publish({ type: 'start', conversationId, messageId: userMessageId });
  const chunks = phraseChunker((text) => publish({ type: 'chunk', conversationId, text }));
  try {
    for await (const ev of ai.stream('tutor_chat', input, { db, meta: { userId: actor.userId } })) {
      if (ev.type === 'chunk') await chunks.push(ev.text);
      else if (ev.type === 'reset') {
        chunks.drop();
        await publish({ type: 'reset', conversationId, reason: ev.reason });
      } else {
        await chunks.flush();
        const { text, aiOutputId } = ev.result;
        // Without a db the service records nothing; with one it always returns the row id.
        if (!aiOutputId) throw new Error('tutor_chat reply was not recorded');
        const assistantMessageId = await storeMessage(db, { userId: actor.userId, conversationId, role: 'assistant', content: text, inputMode: msg.inputMode, aiOutputId });
        await publish({ type: 'done', conversationId, messageId: assistantMessageId, aiOutputId, text });
        return { conversationId, userMessageId, assistantMessageId, aiOutputId };
      }
    }
    throw new Error('tutor_chat stream ended without a reply');
  } catch (err) {
    const known = err instanceof AppError;
    await publish({
      type: 'error',
      conversationId,
      error: known ? err.code : 'ai_unavailable',
      message: known ? err.message : 'the tutor could not answer just now; please try again',
    }).catch(() => {});
    return { conversationId, userMessageId, error: err };
  }
}
