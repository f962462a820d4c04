/**
 * The one record shape every stage of `dataset build` passes along: a prompt (chat
 * messages), an output, and what the later stages need to decide about it. Raw user ids
 * live only in `userId`/`people` and are cleared by the consent stage, before any filter
 * or writer sees the record.
 */
import type { ChatMessage } from '../ai/task.ts';
import type { AiTaskName } from '../db/enums.ts';

export const PAIR_SOURCES = ['db:ai_outputs', 'db:tutor_messages', 'db:notes', 'content:questions', 'synth'] as const;
export type PairSource = (typeof PAIR_SOURCES)[number];

/**
 * Which side of the phase policy a pair is on: `real` (people's interactions), `synthetic`
 * (synth output) or `reference` (authored item-bank text, kept in every phase).
 */
export const PAIR_KINDS = ['real', 'synthetic', 'reference'] as const;
export type PairKind = (typeof PAIR_KINDS)[number];

export const kindOf = (source: PairSource): PairKind => (source === 'synth' ? 'synthetic' : source === 'content:questions' ? 'reference' : 'real');

export const SPLITS = ['train', 'validation', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/**
 * What the student did after a `plan_adjust` suggestion: the decision, the plan tasks acted
 * on in the window that followed, and the change in ability on the skills the advice named.
 */
export interface PlanOutcome {
  decision: 'accepted' | 'dismissed' | 'pending';
  /** Hours from the advice to the decision; null while pending. */
  decidedAfterHours: number | null;
  windowDays: number;
  /** Plan tasks completed / skipped in the window after the advice (after the decision when decided). */
  completed: number;
  skipped: number;
  /** The same, counting only tasks on the skills the advice named. */
  completedOnSkill: number;
  skippedOnSkill: number;
  /** Mean θ change over the named skills, last value in the window minus the last before the advice; null without both. */
  thetaChange: number | null;
  masteryChange: number | null;
}

export interface Pair {
  /** Stable id of the source row (`ai_outputs:<uuid>`); written out only as a hash. */
  id: string;
  task: AiTaskName;
  source: PairSource;
  synthetic: boolean;
  /** What the model sees; the first is the system preamble when the task has one. */
  messages: ChatMessage[];
  output: string;
  /** The task's structured input when the text came from a task; null for human-written pairs. */
  input: unknown;
  /** Raw id of the student the pair is about; null after the consent stage. */
  userId: string | null;
  /** Raw ids of everyone whose words are in the pair (student, reply author); emptied by the consent stage. */
  people: string[];
  /** Keyed pseudonym of `userId`, set by the consent stage. */
  user: string | null;
  questionId: string | null;
  skill: string | null;
  /** Mean star rating, 1–5, or null when nobody rated it. */
  rating: number | null;
  /** `plan_adjust` pairs from the database: what the student did next. */
  outcome: PlanOutcome | null;
  /** Name of the first failing task check after the checks stage; null when all pass or none ran. */
  failedCheck: string | null;
  /** SFT side or the negative side of preference/KTO data; set by the rating stage. */
  polarity: 'positive' | 'negative';
  split: Split | null;
}

export function newPair(p: Omit<Pair, 'user' | 'failedCheck' | 'polarity' | 'split' | 'outcome'> & { outcome?: PlanOutcome | null }): Pair {
  return { outcome: null, ...p, user: null, failedCheck: null, polarity: 'positive', split: null };
}

/** A preference record: one prompt, a preferred and a rejected output (ratings ≥ margin apart). */
export interface PreferencePair {
  id: string;
  task: AiTaskName;
  messages: ChatMessage[];
  chosen: string;
  rejected: string;
  chosenRating: number;
  rejectedRating: number;
  /** Pseudonyms of the students whose outputs these are (one or two). */
  users: string[];
  questionId: string | null;
  skill: string | null;
  split: Split | null;
}
