/**
 * The AI task contract (DESIGN.md, "The AI task contract"). A task is one module that
 * declares its input schema, the prompt a model sees, a rule-based template writer and the
 * checks an output must pass. `synth/`, `ai/`, `dataset/` and `model/` all read this one
 * definition, so a new kind of generated text is one new file under tasks/.
 */
import type { z } from 'zod';
import type { AiTaskName } from '../db/enums.ts';
import type { Rng } from '../lib/rng.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A check's verdict. `critical` failures make the provider chain try the next provider. */
export interface CheckResult {
  name: string;
  pass: boolean;
  reason?: string;
  critical: boolean;
}

/** A passage the free-text tasks may answer from: a lesson or an item rationale. */
export interface SourceDoc {
  id: string;
  title: string;
  text: string;
}

export interface AiTask<I> {
  readonly name: AiTaskName;
  /** Bumped whenever prompt() or template() changes what they write; stored with every output. */
  readonly promptVersion: string;
  readonly input: z.ZodType<I>;
  /** The exact messages a model sees; the first is always the shared system preamble. */
  prompt(input: I): ChatMessage[];
  /** A good answer written by rules: the synthetic-data writer and the last fallback. */
  template(input: I, rng: Rng): string;
  checks(input: I, output: string): CheckResult[];
  /**
   * Free-text tasks answer from retrieved material: `query` says what to search for (several
   * queries, best first, share the hits in turn) and `attach` returns the input with the
   * hits added, so the stored input carries exactly what the template and the model saw.
   */
  readonly retrieval?: {
    /**
     * The input as it will be searched for and answered, given the indexed documents: the tutor
     * drops a focus the turn is not about. Run first, so a stored input retrieves its sources again.
     */
    refocus?(input: I, get: (id: string) => SourceDoc | undefined): I;
    query(input: I): string | readonly string[];
    /** Documents attached before the search's hits, by id (the skill's own lesson intro for "help me with this"). */
    pinned?(input: I): readonly string[];
    /** Documents attached after them, by id, chosen from what was found (the worked example of the lesson found, for "give me an example"). */
    extra?(input: I, found: readonly SourceDoc[]): readonly string[];
    hasSources(input: I): boolean;
    attach(input: I, sources: SourceDoc[]): I;
  };
}

/**
 * Any task, with its input type erased: the registry and the provider chain hold tasks of
 * different inputs side by side. Callers that need the precise input use `typeof TASKS[K]`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAiTask = AiTask<any>;

/** Shared by every task, so the hosted model, the in-house model and the dataset see one voice. */
export const SYSTEM_PREAMBLE =
  'You are a friendly, concise tutor for the digital SAT. Be encouraging and specific, never sarcastic. ' +
  'Use only the facts given to you: every number, skill name and answer you state must come from the input. ' +
  'Never include email addresses, phone numbers or full names.';

export function systemMessage(instruction: string): ChatMessage {
  return { role: 'system', content: `${SYSTEM_PREAMBLE}\n\n${instruction}` };
}

/** The prompt as one string, as stored in ai_outputs.prompt and in datasets. */
export function renderPrompt(messages: readonly ChatMessage[]): string {
  return messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n');
}

export function allPass(results: readonly CheckResult[]): boolean {
  return results.every((r) => r.pass);
}

export function criticalFailures(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((r) => r.critical && !r.pass);
}
