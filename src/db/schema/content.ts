import { index, integer, jsonb, pgTable, doublePrecision, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { DIFFICULTIES, ITEM_STATUSES, ORIGINS, QUESTION_TYPES } from '../enums.ts';
import { createdAt } from './columns.ts';

export const questions = pgTable(
  'questions',
  {
    /** Stable id derived from the generator, family and seed (or an author's id). */
    id: text('id').primaryKey(),
    section: text('section').notNull(),
    domain: text('domain').notNull(),
    skill: text('skill').notNull(),
    type: text('type', { enum: QUESTION_TYPES }).notNull(),
    difficulty: text('difficulty', { enum: DIFFICULTIES }).notNull(),
    stem: text('stem').notNull(),
    passage: text('passage'),
    /** MCQ: exactly four option texts, A–D in order. Null for SPR. */
    options: jsonb('options').$type<string[]>(),
    /** MCQ: 'A'..'D'; SPR: the canonical answer. */
    answer: text('answer').notNull(),
    /** SPR: every form the grid accepts (fractions, decimals). */
    acceptedAnswers: jsonb('accepted_answers').$type<string[]>(),
    rationale: text('rationale').notNull(),
    /** Why each wrong option tempts: option letter → the error it encodes. */
    distractorReasons: jsonb('distractor_reasons').$type<Record<string, string>>(),
    irtA: doublePrecision('irt_a').notNull(),
    irtB: doublePrecision('irt_b').notNull(),
    irtC: doublePrecision('irt_c').notNull(),
    /** The family's structured parameters, re-solved by the independent verifier. */
    spec: jsonb('spec').$type<Record<string, unknown>>().notNull(),
    /** Standard error of b from calibration; null until calibrated. */
    irtSeB: doublePrecision('irt_se_b'),
    status: text('status', { enum: ITEM_STATUSES }).notNull().default('operational'),
    origin: text('origin', { enum: ORIGINS }).notNull(),
    generatorId: text('generator_id'),
    family: text('family'),
    seed: text('seed'),
    /** Hash of the normalised stem, passage and options: no two items share it. */
    contentHash: text('content_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('questions_skill_idx').on(t.skill, t.difficulty),
    uniqueIndex('questions_content_hash_uq').on(t.contentHash),
  ],
);

export const lessons = pgTable(
  'lessons',
  {
    id: text('id').primaryKey(),
    skill: text('skill').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    minutes: integer('minutes').notNull(),
    videoUrl: text('video_url'),
    createdAt: createdAt(),
  },
  (t) => [index('lessons_skill_idx').on(t.skill)],
);
