/**
 * Output formats, one function per format from a finished pair to one JSON record. The
 * SFT formats take positive pairs only; KTO takes both sides with a boolean label.
 *   io    — the origin format `{input, output}` plus metadata columns (no raw ids)
 *   chat  — OpenAI chat fine-tuning `{"messages": [...]}` ending with the assistant turn
 *   trl   — TRL prompt/completion `{"prompt", "completion"}` (plain strings)
 *   kto   — TRL KTO `{"prompt", "completion", "label"}`
 */
import { createHash } from 'node:crypto';
import { renderPrompt, type ChatMessage } from '../ai/task.ts';
import type { Pair } from './types.ts';

export const FORMATS = ['io', 'chat', 'trl', 'kto'] as const;
export type Format = (typeof FORMATS)[number];

export interface IoRecord {
  id: string;
  task: string;
  source: string;
  user: string | null;
  question_id: string | null;
  skill: string | null;
  input: string;
  output: string;
}
export interface ChatRecord { messages: ChatMessage[] }
export interface TrlRecord { prompt: string; completion: string }
export interface KtoRecord { prompt: string; completion: string; label: boolean }

/** The columns of io.parquet, in order, and whether each may be null. */
export const IO_COLUMNS: readonly { name: keyof IoRecord; nullable: boolean }[] = [
  { name: 'id', nullable: false },
  { name: 'task', nullable: false },
  { name: 'source', nullable: false },
  { name: 'user', nullable: true },
  { name: 'question_id', nullable: true },
  { name: 'skill', nullable: true },
  { name: 'input', nullable: false },
  { name: 'output', nullable: false },
];

/** A record id that names the source row without exposing its key. */
export const recordId = (p: Pair) => createHash('sha256').update(p.id).digest('hex').slice(0, 24);

export function toIo(p: Pair): IoRecord {
  return { id: recordId(p), task: p.task, source: p.source, user: p.user, question_id: p.questionId, skill: p.skill, input: renderPrompt(p.messages), output: p.output };
}
export const toChat = (p: Pair): ChatRecord => ({ messages: [...p.messages, { role: 'assistant', content: p.output }] });
export const toTrl = (p: Pair): TrlRecord => ({ prompt: renderPrompt(p.messages), completion: p.output });
export const toKto = (p: Pair): KtoRecord => ({ prompt: renderPrompt(p.messages), completion: p.output, label: p.polarity === 'positive' });

/** The record for a format, or null when the pair does not belong in it. */
export function formatPair(f: Format, p: Pair): object | null {
  if (f === 'kto') return toKto(p);
  if (p.polarity !== 'positive') return null;
  return f === 'io' ? toIo(p) : f === 'chat' ? toChat(p) : toTrl(p);
}

const isStr = (v: unknown) => typeof v === 'string';
const isStrOrNull = (v: unknown) => v === null || typeof v === 'string';
const keysAre = (o: Record<string, unknown>, keys: string[]) => Object.keys(o).sort().join() === [...keys].sort().join();

/** An independent shape check of a parsed record, for read-back: the reason it fails, or null. */
export function validateRecord(f: Format, r: unknown): string | null {
  if (!r || typeof r !== 'object' || Array.isArray(r)) return 'not an object';
  const o = r as Record<string, unknown>;
  switch (f) {
    case 'io':
      if (!keysAre(o, IO_COLUMNS.map((c) => c.name))) return 'io keys';
      return IO_COLUMNS.every((c) => (c.nullable ? isStrOrNull(o[c.name]) : isStr(o[c.name]) && (o[c.name] as string).length > 0)) ? null : 'io types';
    case 'chat': {
      const m = o.messages;
      if (!keysAre(o, ['messages']) || !Array.isArray(m) || m.length < 2) return 'chat messages';
      if (!m.every((x) => x && ['system', 'user', 'assistant'].includes(x.role) && isStr(x.content) && keysAre(x, ['role', 'content']))) return 'chat message shape';
      return m[m.length - 1].role === 'assistant' ? null : 'chat must end with assistant';
    }
    case 'trl':
      return keysAre(o, ['prompt', 'completion']) && isStr(o.prompt) && isStr(o.completion) ? null : 'trl shape';
    case 'kto':
      return keysAre(o, ['prompt', 'completion', 'label']) && isStr(o.prompt) && isStr(o.completion) && typeof o.label === 'boolean' ? null : 'kto shape';
  }
}
