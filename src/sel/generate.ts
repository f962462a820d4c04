/**
 * Stage 1, `generate`: synthetic samples, each a student's spoken answer after a game
 * round plus that session's telemetry. Samples cycle through the 84 cells of skill ×
 * level × grade, so any count is balanced to within one sample per cell.
 *
 * An utterance is 1–4 sentences drawn from the frames of its skill × level, with slots
 * filled by grade band, an occasional sentence from a neighbouring level, hedges more
 * often at lower levels, openers and closers, and the spelling and punctuation slips of
 * younger students ("i", "dont", missing full stops, run-ons joined by "and then").
 */
import { createRng, type Rng } from '../lib/rng.ts';
import { GRADES, LEVELS, SEL_SKILLS, type Grade, type Level, type SelSkill } from './skills.ts';
import { sampleAbilities, simulateBehaviour, type BehaviourVector } from './telemetry.ts';
import {
  BLEED_RATE, CLOSERS, ERROR_RATE, FRAMES, gradeBand, GRADE_BANDS, HEDGE_RATE, HEDGES, OPENERS,
  SENTENCES_PER_LEVEL, VOCAB, type GradeBand,
} from './templates.ts';

export interface Sample {
  id: string;
  skill: SelSkill;
  level: Level;
  grade: Grade;
  utterance: string;
  behaviour: BehaviourVector;
}

export interface Cell {
  skill: SelSkill;
  level: Level;
  grade: Grade;
}

export const CELLS: readonly Cell[] = SEL_SKILLS.flatMap((skill) =>
  LEVELS.flatMap((level) => GRADES.map((grade) => ({ skill, level, grade }))),
);

const NAMES = new Set(VOCAB.name.flat());

function fillSlots(frame: string, band: GradeBand, rng: Rng): string {
  const b = GRADE_BANDS.indexOf(band);
  return frame.replace(/\{(\w+)\}/g, (_, slot: string) => {
    const options = VOCAB[slot];
    if (!options) throw new Error(`unknown template slot {${slot}}`);
    return rng.pick(options[b]);
  });
}

/** Lower-cases the first letter unless the first word is "I" or a name. */
function lowerFirst(s: string): string {
  const first = s.split(/[\s,']/)[0];
  return first === 'I' || NAMES.has(first) ? s : s.charAt(0).toLowerCase() + s.slice(1);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function neighbourLevel(level: Level, rng: Rng): Level {
  if (level === 'MEDIUM') return rng.pick(['HIGH', 'DEVELOPING'] as const);
  return 'MEDIUM';
}

/** Slips of younger writers, each applied independently with the band's error rate. */
function slips(sentences: string[], rate: number, rng: Rng): string {
  let out = sentences;
  if (out.length >= 2 && rng.chance(rate * 0.5)) {
    const i = rng.int(0, out.length - 2);
    out = [...out.slice(0, i), `${out[i].replace(/[.!?]$/, '')} and then ${lowerFirst(out[i + 1])}`, ...out.slice(i + 2)];
  }
  let text = out.join(' ');
  if (rng.chance(rate)) text = text.replace(/'/g, '');
  if (rng.chance(rate)) text = text.replace(/\bI\b/g, 'i');
  if (rng.chance(rate * 0.7)) text = text.replace(/(^|[.!?] )([A-Z])/g, (_, p: string, c: string) => p + c.toLowerCase());
  if (rng.chance(rate * 0.7)) text = text.replace(/[.!?]$/, '');
  return text;
}

export function generateUtterance(skill: SelSkill, level: Level, grade: number, rng: Rng): string {
  const band = gradeBand(grade);
  const [lo, hi] = SENTENCES_PER_LEVEL[level];
  const frames = rng.sample(FRAMES[skill][level], rng.int(lo, hi));
  if (rng.chance(BLEED_RATE)) frames[rng.int(0, frames.length - 1)] = rng.pick(FRAMES[skill][neighbourLevel(level, rng)]);
  if (rng.chance(0.35)) frames.push(rng.pick(CLOSERS[level]));
  const sentences = frames.map((f) => {
    let s = fillSlots(f, band, rng);
    if (rng.chance(HEDGE_RATE[level])) s = `${capitalise(rng.pick(HEDGES))} ${lowerFirst(s)}`;
    return s;
  });
  if (rng.chance(0.3)) sentences[0] = `${capitalise(rng.pick(OPENERS[GRADE_BANDS.indexOf(band)]))}, ${lowerFirst(sentences[0])}`;
  // Weaker students slip more at any grade.
  const rate = Math.min(1, ERROR_RATE[band] * (level === 'DEVELOPING' ? 1.4 : level === 'MEDIUM' ? 1 : 0.6));
  return slips(sentences, rate, rng);
}

export interface GenerateOptions {
  count: number;
  seed: string | number;
}

/** `count` samples, balanced over the 84 cells; each sample draws from its own forked rng. */
export function generateSamples(opts: GenerateOptions): Sample[] {
  if (!Number.isInteger(opts.count) || opts.count < 1) throw new RangeError('generateSamples: count must be a positive integer');
  const root = createRng(opts.seed);
  const width = String(opts.count).length;
  return Array.from({ length: opts.count }, (_, i) => {
    const cell = CELLS[i % CELLS.length];
    const rng = root.fork(i);
    const utterance = generateUtterance(cell.skill, cell.level, cell.grade, rng.fork('text'));
    const behaviour = simulateBehaviour(sampleAbilities(cell.skill, cell.level, rng), cell.grade, rng);
    return { id: `sel-${String(i + 1).padStart(width, '0')}`, ...cell, utterance, behaviour };
  });
}
