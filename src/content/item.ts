/**
 * The item contract: what every skill generator produces, what the bank stores, what the
 * assessment engine, the AI tasks and the dataset builder read. One definition.
 */
import { z } from 'zod';
import { DIFFICULTIES, QUESTION_TYPES, type Difficulty } from '../db/enums.ts';
import type { Rng } from '../lib/rng.ts';
import { DOMAIN_IDS, SECTIONS, SKILL_IDS, type SkillId } from './taxonomy.ts';

export const OPTION_LETTERS = ['A', 'B', 'C', 'D'] as const;
export type OptionLetter = (typeof OPTION_LETTERS)[number];

export const irtSchema = z.object({
  /** Discrimination (3PL a), > 0. */
  a: z.number().positive(),
  /** Difficulty (3PL b), on the θ scale. */
  b: z.number(),
  /** Pseudo-guessing lower asymptote (3PL c), 0 for SPR, ~0.2–0.25 for 4-option MCQ. */
  c: z.number().min(0).max(0.5),
});
export type IrtParams = z.infer<typeof irtSchema>;

export const itemSchema = z
  .object({
    /** Stable id: `<skill>/<family>/<12 hex of the content hash>`. */
    id: z.string().min(1),
    section: z.enum(SECTIONS),
    domain: z.enum(DOMAIN_IDS),
    skill: z.enum(SKILL_IDS),
    type: z.enum(QUESTION_TYPES),
    difficulty: z.enum(DIFFICULTIES),
    /** Item family within the skill: structurally different problems have different families. */
    family: z.string().min(1),
    stem: z.string().min(1),
    /** R&W passage (Cross-Text: both texts, labelled "Text 1" / "Text 2"); Math: optional context or table. */
    passage: z.string().optional(),
    /** MCQ only: exactly four distinct option texts, A–D in order. */
    options: z.array(z.string().min(1)).length(4).optional(),
    /** MCQ: 'A'..'D'. SPR: the canonical answer (as the student would grid it). */
    answer: z.string().min(1),
    /** SPR only: every accepted form (fractions, decimals to the grid's precision), ≤ 5 chars (6 with '-'). */
    acceptedAnswers: z.array(z.string().min(1)).optional(),
    /** Step by step; its last sentence states the key. */
    rationale: z.string().min(1),
    /** MCQ: why each wrong option tempts (the modelled error), keyed by letter. */
    distractorReasons: z.record(z.string(), z.string()).optional(),
    irt: irtSchema,
    /** The structured parameters the independent verifier re-solves (family-specific). */
    spec: z.record(z.string(), z.unknown()),
    generatorId: z.string().min(1),
    seed: z.string(),
  })
  .refine((it) => (it.type === 'mcq' ? it.options !== undefined : it.acceptedAnswers !== undefined), {
    message: 'MCQ items need options; SPR items need acceptedAnswers',
  });
export type Item = z.infer<typeof itemSchema>;

export interface VerifyResult {
  ok: boolean;
  /** Why verification failed (empty when ok). */
  reason?: string;
}

/**
 * One module per skill. `generate` returns an item whose key has already passed `verify`;
 * `verify` re-derives the key from `item.spec` by a different code path than `generate`
 * (substitution, exact rationals, a second solving method or the applied grammar rule).
 */
export interface SkillGenerator {
  readonly skill: SkillId;
  /** Every family this generator can produce. */
  readonly families: readonly string[];
  generate(rng: Rng, difficulty: Difficulty): Item;
  verify(item: Item): VerifyResult;
}

export type { Difficulty };
