/**
 * The optional LLM writers of the SEL pipeline, through `ai/`'s OpenAI-compatible
 * provider (the same client, timeouts and error kinds the platform uses):
 *
 *   utterances  for each sample the template generator made, the model writes the spoken
 *               answer of a student of the same skill × level × grade; the telemetry stays
 *               that of the generative model in `telemetry.ts`.
 *   labels      the model reads an utterance and its round's telemetry and scores the four
 *               skills in [0, 1].
 *
 * Every answer is parsed strictly: one JSON object (a single ```json fence around it is
 * tolerated, any other text is not), exactly the expected keys, bounded values. A row whose
 * answer fails keeps its template utterance or heuristic labels, and is counted by reason:
 * `error` (HTTP, timeout, network), `json` (not one JSON object), `schema` (wrong keys,
 * types or ranges).
 *
 * The prompts are offline dataset prompts, not platform AI tasks: they are not in AI_TASKS,
 * whose names are also the language model's special tokens.
 */
import { z } from 'zod';
import type { Provider } from '../ai/providers/types.ts';
import type { AnyAiTask, ChatMessage } from '../ai/task.ts';
import { createRng } from '../lib/rng.ts';
import type { Sample } from './generate.ts';
import type { Labels } from './label.ts';
import { SEL_SKILLS, type FeatureVector, type Level, type SelSkill } from './skills.ts';

export const UTTERANCE_PROMPT_VERSION = 'sel-utterance-v1';
export const LABEL_PROMPT_VERSION = 'sel-label-v1';

/** What the prompts tell the model each skill and level means (prompt data, versioned above). */
export const SKILL_DESCRIPTIONS: Readonly<Record<SelSkill, string>> = {
  empathy: 'empathy: noticing how teammates feel and caring about it',
  collaboration: 'collaboration: working together, sharing and dividing the work',
  communication: 'communication: explaining ideas clearly, listening and asking questions',
  self_regulation: 'self-regulation: staying calm and focused, handling frustration and mistakes',
};
export const LEVEL_DESCRIPTIONS: Readonly<Record<Level, string>> = {
  HIGH: 'a clear strength: the student gives concrete, specific examples of it',
  MEDIUM: 'still developing: some evidence, some hesitation or vagueness',
  DEVELOPING: 'an area of difficulty: little evidence of it, maybe even the opposite',
};

export interface LlmClient {
  /** The model's name as the endpoint reports it, for the records. */
  readonly model: string;
  complete(messages: ChatMessage[]): Promise<string>;
}

/**
 * An `LlmClient` over an `ai/` provider. The provider contract carries a platform task for
 * the template and in-house providers; the OpenAI-compatible one sends only `messages`,
 * which is the only kind this is built over (see `cli/commands/sel.ts`).
 */
export function llmFromProvider(provider: Provider, model: string): LlmClient {
  const rng = createRng('sel-llm');
  const client = {
    model,
    async complete(messages: ChatMessage[]) {
      const out = await provider.complete({ task: null as unknown as AnyAiTask, input: null, messages, rng });
      client.model = out.model;
      return out.text;
    },
  };
  return client;
}

const SYSTEM = 'You write realistic synthetic data for research on social-emotional learning in middle and high school. Reply with one JSON object and nothing else.';

export function utteranceMessages(s: Pick<Sample, 'skill' | 'level' | 'grade'>): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    {
      role: 'user',
      content:
        `A grade ${s.grade} student has just finished a round of a cooperative learning game with teammates. ` +
        'The teacher asks: "How did that round go for you and your team?" ' +
        `Write the student's spoken reply: 1 to 4 sentences, in the words of a grade ${s.grade} student, showing ` +
        `${SKILL_DESCRIPTIONS[s.skill]}, which for this student is ${LEVEL_DESCRIPTIONS[s.level]}. ` +
        'Do not name the skill or the level. Reply as {"utterance": "..."}.',
    },
  ];
}

export function labelMessages(utterance: string, f: FeatureVector): ChatMessage[] {
  const play =
    `${f.session_minutes} minutes of play; ${f.tasks_completed} of ${f.tasks_attempted} tasks completed; ` +
    `asked for help ${f.help_requests} times; helped teammates ${f.help_given} times; ${f.chat_messages} chat messages; ` +
    `shared ${f.resources_shared} items; retried ${f.retries_after_failure} failed tasks; ${f.frustration_events} frustration events`;
  return [
    { role: 'system', content: SYSTEM },
    {
      role: 'user',
      content:
        'Rate a student on four social-emotional skills from what they said after a cooperative game round and how they played it.\n' +
        `What they said: ${JSON.stringify(utterance)}\nHow they played: ${play}.\n` +
        `Skills: ${SEL_SKILLS.map((s) => SKILL_DESCRIPTIONS[s]).join('; ')}.\n` +
        'Score each from 0 (no evidence, or the opposite) to 1 (strong, specific evidence). ' +
        `Reply as {${SEL_SKILLS.map((s) => `"${s}": number`).join(', ')}}.`,
    },
  ];
}

export type FailReason = 'error' | 'json' | 'schema';
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: FailReason; detail: string };

/** One JSON object, optionally inside a single ```json fence; nothing before or after it. */
export function parseJsonObject(text: string): Parsed<Record<string, unknown>> {
  const fenced = /^```(?:json)?\s*\n?([\s\S]*?)\n?\s*```$/.exec(text.trim());
  const body = (fenced ? fenced[1] : text).trim();
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    return { ok: false, reason: 'json', detail: (err as Error).message };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'json', detail: 'not a JSON object' };
  return { ok: true, value: value as Record<string, unknown> };
}

const utteranceSchema = z.strictObject({
  utterance: z
    .string()
    .trim()
    .min(3)
    .max(800)
    .refine((s) => /[a-z]/i.test(s) && !/[{}<>\u0000]/.test(s), 'plain spoken text')
    .refine((s) => s.split(/\s+/).length >= 3 && s.split(/\s+/).length <= 150, '3 to 150 words'),
});
const labelSchema = z.strictObject(Object.fromEntries(SEL_SKILLS.map((s) => [s, z.number().finite().min(0).max(1)])) as Record<SelSkill, z.ZodNumber>);

function strict<T>(schema: z.ZodType<T>, text: string): Parsed<T> {
  const obj = parseJsonObject(text);
  if (!obj.ok) return obj;
  const r = schema.safeParse(obj.value);
  return r.success ? { ok: true, value: r.data } : { ok: false, reason: 'schema', detail: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

export const parseUtterance = (text: string): Parsed<string> => {
  const r = strict(utteranceSchema, text);
  return r.ok ? { ok: true, value: r.value.utterance } : r;
};
export const parseLabels = (text: string): Parsed<Labels> => strict(labelSchema, text);

export interface LlmStats {
  model: string;
  promptVersion: string;
  asked: number;
  /** Rows the model wrote. */
  fromLlm: number;
  /** Rows that kept the template utterance or the heuristic labels. */
  fallback: number;
  reasons: Record<FailReason, number>;
  /** The first few failures, for the person reading the report. */
  examples: string[];
}

export interface LlmRunOptions {
  /** Requests in flight at once; results keep the input order whatever the timing. */
  concurrency?: number;
  onTick?: (done: number, total: number) => void;
}

/** Asks for every item; a failed item gets its fallback and a counted reason. */
async function perRow<I, T>(
  items: readonly I[], llm: LlmClient, promptVersion: string, ask: (item: I) => ChatMessage[], parse: (text: string) => Parsed<T>,
  fallback: (item: I) => T, opts: LlmRunOptions,
): Promise<{ values: T[]; stats: LlmStats }> {
  const values = new Array<T>(items.length);
  const stats: LlmStats = { model: llm.model, promptVersion, asked: items.length, fromLlm: 0, fallback: 0, reasons: { error: 0, json: 0, schema: 0 }, examples: [] };
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      let parsed: Parsed<T>;
      try {
        parsed = parse(await llm.complete(ask(items[i])));
      } catch (err) {
        parsed = { ok: false, reason: 'error', detail: (err as Error).message };
      }
      if (parsed.ok) {
        values[i] = parsed.value;
        stats.fromLlm++;
      } else {
        values[i] = fallback(items[i]);
        stats.fallback++;
        stats.reasons[parsed.reason]++;
        if (stats.examples.length < 5) stats.examples.push(`row ${i + 1}: ${parsed.reason}: ${parsed.detail.slice(0, 160)}`);
      }
      opts.onTick?.(++done, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, items.length)) }, worker));
  stats.model = llm.model;
  return { values, stats };
}

/** The samples with LLM utterances where the model answered well, template ones elsewhere. */
export async function llmUtterances(samples: readonly Sample[], llm: LlmClient, opts: LlmRunOptions = {}): Promise<{ samples: Sample[]; stats: LlmStats }> {
  const { values, stats } = await perRow(samples, llm, UTTERANCE_PROMPT_VERSION, utteranceMessages, parseUtterance, (s) => s.utterance, opts);
  return { samples: samples.map((s, i) => ({ ...s, utterance: values[i] })), stats };
}

export interface ToLabel {
  utterance: string;
  features: FeatureVector;
  /** The heuristic labels, kept when the model's answer fails. */
  fallback: Labels;
}

export async function llmLabels(rows: readonly ToLabel[], llm: LlmClient, opts: LlmRunOptions = {}): Promise<{ labels: Labels[]; stats: LlmStats }> {
  const { values, stats } = await perRow(rows, llm, LABEL_PROMPT_VERSION, (r) => labelMessages(r.utterance, r.features), parseLabels, (r) => r.fallback, opts);
  return { labels: values, stats };
}
