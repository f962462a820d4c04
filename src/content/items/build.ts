/**
 * Shared assembly for skill generators: option shuffling with distractor reasons, grid-in
 * answer forms, IRT priors by difficulty band, stable ids, and the answer line every
 * rationale ends with. Generators supply the content; this makes it an `Item`.
 */
import { createHash } from 'node:crypto';
import type { Rng } from '../../lib/rng.ts';
import { ratToString, type Rational } from '../../lib/rational.ts';
import { itemSchema, OPTION_LETTERS, type Difficulty, type IrtParams, type Item, type SkillGenerator } from '../item.ts';
import { sprForms } from '../spr.ts';
import { skill as skillInfo, type SkillId } from '../taxonomy.ts';

export interface Distractor {
  text: string;
  /** The modelled mistake that produces this option (shown in review and explanations). */
  reason: string;
}

interface DraftBase {
  skill: SkillId;
  family: string;
  difficulty: Difficulty;
  stem: string;
  passage?: string;
  /** Step-by-step reasoning that reaches the key; the answer line is appended after it. */
  steps: string[];
  spec: Record<string, unknown>;
  generatorId: string;
  /** Shift of the IRT b prior within the band for families known to be harder/easier. */
  bShift?: number;
}

export interface McqDraft extends DraftBase {
  correct: string;
  distractors: Distractor[];
}

export interface SprDraft extends DraftBase {
  value: Rational;
}

const normaliseOption = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Band centres on the θ scale (easy/medium/hard thirds of a N(0,1) population, roughly). */
const BAND_B: Record<Difficulty, number> = { easy: -1.1, medium: 0, hard: 1.1 };

/**
 * Prior IRT parameters for a new item: b around its band centre, a log-normal around 1.1,
 * c = 0.2 for four-option MCQ (below the 0.25 of blind guessing, as observed for
 * well-written distractors) and 0 for grid-ins, where guessing is negligible.
 */
export function irtPrior(rng: Rng, difficulty: Difficulty, type: 'mcq' | 'spr', bShift = 0): IrtParams {
  const b = BAND_B[difficulty] + bShift + rng.normal(0, 0.3);
  const a = Math.min(2.2, Math.max(0.6, Math.exp(rng.normal(Math.log(1.1), 0.25))));
  return { a: round4(a), b: round4(b), c: type === 'mcq' ? 0.2 : 0 };
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function contentHash(stem: string, passage: string | undefined, options: readonly string[] | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify([stem.trim(), (passage ?? '').trim(), (options ?? []).map(normaliseOption)]))
    .digest('hex');
}

/** The last line of every rationale: it states the key. */
export function answerLine(item: Pick<Item, 'type' | 'answer' | 'options'>): string {
  if (item.type === 'spr') return `Answer: ${item.answer}`;
  const idx = OPTION_LETTERS.indexOf(item.answer as (typeof OPTION_LETTERS)[number]);
  return `Answer: ${item.answer}) ${item.options?.[idx] ?? ''}`;
}

function base(d: DraftBase, rng: Rng) {
  const info = skillInfo(d.skill);
  return {
    section: info.section,
    domain: info.domain,
    skill: d.skill,
    difficulty: d.difficulty,
    family: d.family,
    stem: d.stem,
    ...(d.passage !== undefined ? { passage: d.passage } : {}),
    spec: d.spec,
    generatorId: d.generatorId,
    seed: rng.seed,
  };
}

/** Shuffle the key among three modelled distractors; refuses duplicates or a distractor equal to the key. */
export function buildMcq(d: McqDraft, rng: Rng): Item {
  if (d.distractors.length !== 3) throw new Error(`${d.family}: need exactly 3 distractors`);
  const all = [d.correct, ...d.distractors.map((x) => x.text)];
  if (new Set(all.map(normaliseOption)).size !== 4) throw new DuplicateOptionError(d.family, all);
  const order = rng.shuffle([0, 1, 2, 3]);
  const options = order.map((i) => all[i]);
  const answer = OPTION_LETTERS[order.indexOf(0)];
  const distractorReasons: Record<string, string> = {};
  order.forEach((src, pos) => {
    if (src > 0) distractorReasons[OPTION_LETTERS[pos]] = d.distractors[src - 1].reason;
  });
  const partial = { type: 'mcq' as const, answer, options };
  const hash = contentHash(d.stem, d.passage, options);
  return itemSchema.parse({
    id: `${d.skill}/${d.family}/${hash.slice(0, 12)}`,
    ...base(d, rng),
    ...partial,
    distractorReasons,
    rationale: [...d.steps, answerLine(partial)].join('\n'),
    irt: irtPrior(rng, d.difficulty, 'mcq', d.bShift),
  });
}

/** A grid-in item whose accepted answers are every form of `value` the SAT accepts. */
export function buildSpr(d: SprDraft, rng: Rng): Item {
  const acceptedAnswers = sprForms(d.value);
  const partial = { type: 'spr' as const, answer: acceptedAnswers[0], options: undefined };
  const hash = contentHash(d.stem, d.passage, undefined);
  return itemSchema.parse({
    id: `${d.skill}/${d.family}/${hash.slice(0, 12)}`,
    ...base(d, rng),
    type: 'spr',
    answer: acceptedAnswers[0],
    acceptedAnswers,
    rationale: [...d.steps, answerLine(partial)].join('\n'),
    irt: irtPrior(rng, d.difficulty, 'spr', d.bShift),
    spec: { ...d.spec, value: ratToString(d.value) },
  });
}

export class DuplicateOptionError extends Error {
  constructor(family: string, options: string[]) {
    super(`${family}: options not distinct: ${JSON.stringify(options)}`);
  }
}

/**
 * Draw until the generator's own independent verifier accepts the item. Drafts that hit
 * a degenerate case (duplicate options, ungriddable value) are retried with a fresh fork;
 * an item that fails verification is never returned.
 */
export function generateVerified(gen: SkillGenerator, rng: Rng, difficulty: Difficulty, maxTries = 50): Item {
  let lastError = '';
  for (let attempt = 0; attempt < maxTries; attempt++) {
    const r = attempt === 0 ? rng : rng.fork(`retry${attempt}`);
    let item: Item;
    try {
      item = gen.generate(r, difficulty);
    } catch (err) {
      if (err instanceof DuplicateOptionError || err instanceof RangeError) {
        lastError = err.message;
        continue;
      }
      throw err;
    }
    const v = gen.verify(item);
    if (v.ok) return item;
    lastError = `verification failed: ${v.reason}`;
  }
  throw new Error(`${gen.skill}: no verified item after ${maxTries} tries (${lastError})`);
}

/** The key's value as text: the correct option's text (MCQ) or the canonical grid-in. */
export function keyText(item: Item): string {
  if (item.type === 'spr') return item.answer;
  return item.options?.[OPTION_LETTERS.indexOf(item.answer as (typeof OPTION_LETTERS)[number])] ?? '';
}
