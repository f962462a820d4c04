/**
 * Output formats, one function per format from a finished record to one JSON object, and
 * each format's columns (the Parquet schema and the read-back check derive from them).
 * SFT formats take positive pairs only; KTO takes both sides; preference takes preference pairs.
 *   io         — the origin format `{input, output}` plus metadata columns (no raw ids)
 *   chat       — OpenAI chat fine-tuning `{"messages": [...]}` ending with the assistant turn
 *   alpaca     — `{instruction, input, output}`
 *   sharegpt   — `{"conversations": [{from: system|human|gpt, value}]}`
 *   trl        — TRL prompt/completion `{"prompt", "completion"}` (plain strings)
 *   kto        — TRL KTO `{"prompt", "completion", "label"}`
 *   preference — TRL DPO/reward `{"prompt", "chosen", "rejected"}`
 */
import { createHash } from 'node:crypto';
import { renderPrompt, type ChatMessage } from '../ai/task.ts';
import type { Pair, PreferencePair } from './types.ts';

export const FORMATS = ['io', 'chat', 'alpaca', 'sharegpt', 'trl', 'kto', 'preference'] as const;
export type Format = (typeof FORMATS)[number];
export const isFormat = (s: string): s is Format => (FORMATS as readonly string[]).includes(s);

/** Column kinds: plain and nullable strings, a nullable double, a boolean, and the two message lists. */
export type ColumnKind = 'string' | 'string?' | 'double?' | 'boolean' | 'messages' | 'conversations';
/** `categorical`: few distinct values, worth a Parquet dictionary; other strings are long free text. */
export interface Column { name: string; kind: ColumnKind; categorical?: true }

export const FORMAT_COLUMNS: Record<Format, readonly Column[]> = {
  io: [
    { name: 'id', kind: 'string' },
    { name: 'task', categorical: true, kind: 'string' },
    { name: 'source', categorical: true, kind: 'string' },
    { name: 'user', categorical: true, kind: 'string?' },
    { name: 'question_id', categorical: true, kind: 'string?' },
    { name: 'skill', categorical: true, kind: 'string?' },
    { name: 'rating', kind: 'double?' },
    { name: 'outcome', kind: 'string?' },
    { name: 'input', kind: 'string' },
    { name: 'output', kind: 'string' },
  ],
  chat: [{ name: 'messages', kind: 'messages' }],
  alpaca: [{ name: 'instruction', kind: 'string' }, { name: 'input', kind: 'string' }, { name: 'output', kind: 'string' }],
  sharegpt: [{ name: 'conversations', kind: 'conversations' }],
  trl: [{ name: 'prompt', kind: 'string' }, { name: 'completion', kind: 'string' }],
  kto: [{ name: 'prompt', kind: 'string' }, { name: 'completion', kind: 'string' }, { name: 'label', kind: 'boolean' }],
  preference: [{ name: 'prompt', kind: 'string' }, { name: 'chosen', kind: 'string' }, { name: 'rejected', kind: 'string' }],
};

export interface IoRecord {
  id: string;
  task: string;
  source: string;
  user: string | null;
  question_id: string | null;
  skill: string | null;
  rating: number | null;
  /** JSON of the plan outcome (plan_adjust pairs from the database), else null. */
  outcome: string | null;
  input: string;
  output: string;
}
export interface ChatRecord { messages: ChatMessage[] }
export interface AlpacaRecord { instruction: string; input: string; output: string }
export interface ShareGptRecord { conversations: { from: 'system' | 'human' | 'gpt'; value: string }[] }
export interface TrlRecord { prompt: string; completion: string }
export interface KtoRecord { prompt: string; completion: string; label: boolean }
export interface PreferenceRecord { prompt: string; chosen: string; rejected: string }

/** A record id that names the source row without exposing its key. */
export const recordId = (p: { id: string }) => createHash('sha256').update(p.id).digest('hex').slice(0, 24);

export function toIo(p: Pair, prompt = renderPrompt(p.messages)): IoRecord {
  return {
    id: recordId(p), task: p.task, source: p.source, user: p.user, question_id: p.questionId, skill: p.skill,
    rating: p.rating, outcome: p.outcome ? JSON.stringify(p.outcome) : null, input: prompt, output: p.output,
  };
}
export const toChat = (p: Pair): ChatRecord => ({ messages: [...p.messages.map((m) => ({ role: m.role, content: m.content })), { role: 'assistant', content: p.output }] });

/** The system message is the instruction; without one, the first user turn is. The rest is the input. */
export function toAlpaca(p: Pair): AlpacaRecord {
  const first = p.messages.findIndex((m) => m.role === 'system');
  const at = first >= 0 ? first : p.messages.findIndex((m) => m.role === 'user');
  const rest = p.messages.filter((_, i) => i !== at);
  const onlyUser = rest.length === 1 && rest[0].role === 'user';
  return { instruction: at >= 0 ? p.messages[at].content : '', input: onlyUser ? rest[0].content : renderPrompt(rest), output: p.output };
}
const FROM = { system: 'system', user: 'human', assistant: 'gpt' } as const;
export const toShareGpt = (p: Pair): ShareGptRecord => ({
  conversations: [...p.messages.map((m) => ({ from: FROM[m.role], value: m.content })), { from: 'gpt' as const, value: p.output }],
});
export const toTrl = (p: Pair, prompt = renderPrompt(p.messages)): TrlRecord => ({ prompt, completion: p.output });
export const toKto = (p: Pair, prompt = renderPrompt(p.messages)): KtoRecord => ({ prompt, completion: p.output, label: p.polarity === 'positive' });
export const toPreference = (p: PreferencePair): PreferenceRecord => ({ prompt: renderPrompt(p.messages), chosen: p.chosen, rejected: p.rejected });

/** The record for a pair format, or null when the pair does not belong in it (preference takes PreferencePairs). */
export function formatPair(f: Format, p: Pair, prompt = renderPrompt(p.messages)): object | null {
  if (f === 'kto') return toKto(p, prompt);
  if (p.polarity !== 'positive' || f === 'preference') return null;
  switch (f) {
    case 'io': return toIo(p, prompt);
    case 'chat': return toChat(p);
    case 'alpaca': return toAlpaca(p);
    case 'sharegpt': return toShareGpt(p);
    case 'trl': return toTrl(p, prompt);
  }
}
