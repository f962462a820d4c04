/**
 * The contract of each output format as a zod schema, written independently of the
 * functions that produce the records (formats.ts): read-back validates every JSONL line
 * against these, and training code can parse with them. Objects are strict, so an extra
 * or missing field fails.
 */
import { z } from 'zod';
import { AI_TASKS } from '../db/enums.ts';
import type { Format } from './formats.ts';
import { PAIR_SOURCES } from './types.ts';

const text = z.string();
const nonEmpty = z.string().min(1);
const pseudonym = z.string().regex(/^p_[0-9a-f]{32}$/);
const role = z.enum(['system', 'user', 'assistant']);

const outcome = z
  .string()
  .refine((s) => {
    try {
      const o = JSON.parse(s) as Record<string, unknown>;
      return ['accepted', 'dismissed', 'pending'].includes(o.decision as string) && typeof o.completed === 'number' && typeof o.skipped === 'number';
    } catch {
      return false;
    }
  }, 'plan outcome JSON');

export const ioSchema = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{24}$/),
  task: z.enum(AI_TASKS),
  source: z.enum(PAIR_SOURCES),
  user: pseudonym.nullable(),
  question_id: nonEmpty.nullable(),
  skill: nonEmpty.nullable(),
  rating: z.number().min(1).max(5).nullable(),
  outcome: outcome.nullable(),
  input: nonEmpty,
  output: nonEmpty,
});

export const chatSchema = z.strictObject({
  messages: z
    .array(z.strictObject({ role, content: text }))
    .min(2)
    .refine((m) => m[m.length - 1].role === 'assistant', 'ends with the assistant turn')
    .refine((m) => m.slice(1).every((x) => x.role !== 'system'), 'system only first'),
});

export const alpacaSchema = z.strictObject({ instruction: nonEmpty, input: text, output: nonEmpty });

export const shareGptSchema = z.strictObject({
  conversations: z
    .array(z.strictObject({ from: z.enum(['system', 'human', 'gpt']), value: text }))
    .min(2)
    .refine((c) => c[c.length - 1].from === 'gpt', 'ends with gpt'),
});

export const trlSchema = z.strictObject({ prompt: nonEmpty, completion: nonEmpty });
export const ktoSchema = z.strictObject({ prompt: nonEmpty, completion: nonEmpty, label: z.boolean() });
export const preferenceSchema = z
  .strictObject({ prompt: nonEmpty, chosen: nonEmpty, rejected: nonEmpty })
  .refine((r) => r.chosen !== r.rejected, 'chosen differs from rejected');

export const FORMAT_SCHEMAS: Record<Format, z.ZodType> = {
  io: ioSchema,
  chat: chatSchema,
  alpaca: alpacaSchema,
  sharegpt: shareGptSchema,
  trl: trlSchema,
  kto: ktoSchema,
  preference: preferenceSchema,
};
