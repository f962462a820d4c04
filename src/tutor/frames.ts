/**
 * The tutor chat's wire protocol: JSON text frames, one object each. Client frames are
 * validated here; server frames are the only shapes the hub carries, so a second process
 * (issue 15) can relay them without knowing anything else.
 */
import { z } from 'zod';
import { UNSTORABLE_MESSAGE, unstorable } from '../lib/storable-text.ts';

/** Longest student message: a chat turn, not an essay; the task bounds what it sends on. */
export const MAX_MESSAGE_CHARS = 2000;
export const MAX_COMMENT_CHARS = 2000;
/** Frames above this get an error frame before any parsing (the ws hard limit is larger). */
export const MAX_FRAME_BYTES = 16 * 1024;

export const INPUT_MODES = ['text', 'voice'] as const;
export type InputMode = (typeof INPUT_MODES)[number];

// What PostgreSQL cannot store as sent is refused here as the HTTP text guard refuses it.
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((s, ctx) => {
      const problem = unstorable(s);
      if (problem) ctx.addIssue({ code: 'custom', message: UNSTORABLE_MESSAGE[problem] });
    });

export const clientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: text(4096) }),
  z.object({
    type: z.literal('message'),
    text: text(MAX_MESSAGE_CHARS),
    inputMode: z.enum(INPUT_MODES).default('text'),
    conversationId: z.uuid().optional(),
  }),
  z.object({
    type: z.literal('rate'),
    aiOutputId: z.uuid(),
    stars: z.number().int().min(1).max(5),
    comment: text(MAX_COMMENT_CHARS).optional(),
  }),
]);
export type ClientFrame = z.infer<typeof clientFrame>;
export type MessageFrame = Extract<ClientFrame, { type: 'message' }>;

/**
 * Turn frames carry the conversation id so a client with several tabs (all subscribed to
 * the same user) can tell concurrent turns apart.
 */
export type ServerFrame =
  | { type: 'ready'; userId: string }
  /** `messageId`: the stored student message that opened the turn. */
  | { type: 'start'; conversationId: string; messageId: string }
  | { type: 'chunk'; conversationId: string; text: string }
  /** Discard the chunks shown so far in this turn: the provider failed or its text failed a check; another streams next. */
  | { type: 'reset'; conversationId: string; reason: string }
  /** `text` is the reply as stored and checked; `messageId` is the stored assistant message. */
  | { type: 'done'; conversationId: string; messageId: string; aiOutputId: string; text: string }
  | { type: 'rated'; aiOutputId: string; ratingId: string; stars: number; updated: boolean }
  | { type: 'error'; error: string; message: string; details?: unknown; conversationId?: string };

/** WebSocket close codes in the private range (4000–4999), mirroring the HTTP status. */
export const CLOSE = { unauthorized: 4401, forbidden: 4403 } as const;
