/**
 * feedback: a 50–100 word note on per-skill performance (seeds/02 "Personalized Feedback").
 * Bands follow the origin document as a starting point: accuracy > 70 % solid, < 50 % room
 * to grow; average time < 40 s quick, > 60 s slow; predicted proficiency on a 1–7 scale.
 */
import { z } from 'zod';
import { SKILL_IDS, skill, type SkillId } from '../../content/taxonomy.ts';
import type { Rng } from '../../lib/rng.ts';
import { lengthBounds, wordCount } from '../checks/length.ts';
import { numbersDerivable } from '../checks/numbers.ts';
import { escapeRe, noPii } from '../checks/pii.ts';
import { skillMentions, skillNamed } from '../checks/skills.ts';
import { noModelMarkup } from '../checks/markup.ts';
import { noBannedTone } from '../checks/tone.ts';
import { systemMessage, type AiTask, type CheckResult } from '../task.ts';
import { accBand, FB, paceKey, profBand, timeBand, type AccBand, type PaceKey, type ProfBand, type SkillCtx } from './feedback-phrases.ts';

export const FEEDBACK_WORDS = { min: 50, max: 100 } as const;

const skillStat = z
  .object({
    skill: z.enum(SKILL_IDS),
    correct: z.number().int().min(0),
    total: z.number().int().min(1).max(500),
    avgTimeSec: z.number().positive().max(3600),
    /** Predicted proficiency, 1 (beginning) – 7 (mastered). */
    predictedProficiency: z.number().min(1).max(7),
  })
  .refine((s) => s.correct <= s.total, { message: 'correct must not exceed total' });

export const feedbackInput = z.object({
  skills: z
    .array(skillStat)
    .min(1)
    .max(3)
    .refine((a) => new Set(a.map((s) => s.skill)).size === a.length, { message: 'skills must be distinct' }),
  /** The student's name, when known; the template uses the first name only. */
  studentName: z.string().min(1).max(80).optional(),
});
export type FeedbackInput = z.infer<typeof feedbackInput>;

function ctxOf(s: FeedbackInput['skills'][number]): SkillCtx {
  const acc = s.correct / s.total;
  return {
    name: skill(s.skill).name,
    correct: s.correct,
    total: s.total,
    missed: s.total - s.correct,
    pct: Math.round(acc * 100),
    time: Math.round(s.avgTimeSec),
    prof: s.predictedProficiency.toFixed(1),
    acc: accBand(acc),
    speed: timeBand(s.avgTimeSec),
    level: profBand(s.predictedProficiency),
  };
}

/** The numbers a faithful text may state: the input's own, as displayed, and the band limits. */
function allowedNumbers(input: FeedbackInput): number[] {
  const out = [40, 50, 60, 70, 1, 7];
  for (const s of input.skills.map(ctxOf)) out.push(s.correct, s.total, s.missed, s.pct, s.time, Number(s.prof));
  return out;
}

/**
 * The phrases that say how a skill went, each with its band: "a focus area" is said of a skill
 * below 50%, "on the slow side" of one over 60 s. One pattern finds them all in one pass, the
 * longest first where two start together, so "steady progress" (accuracy) is not read as "steady" (pace).
 */
type Reading = { kind: 'acc'; band: AccBand } | { kind: 'pace'; band: PaceKey } | { kind: 'level'; band: ProfBand };
const READINGS = new Map<string, Reading[]>();
for (const band of ['solid', 'middle', 'grow'] as const) {
  for (const p of [...FB.comments[band], ...FB.shortComments[band]]) addReading(p, { kind: 'acc', band });
}
for (const band of ['rushed', 'quick', 'steady', 'slow'] as const) for (const p of FB.shortTime[band]) addReading(p, { kind: 'pace', band });
/** The longer signs are looked for in the whole text: "Practising with a timer can help you build pace" states no figure. */
const SIGNS = new Map<string, Reading[]>();
for (const band of ['rushed', 'quick', 'steady', 'slow'] as const) for (const p of FB.paceSigns[band]) SIGNS.set(p.toLowerCase(), [{ kind: 'pace', band }]);
for (const band of ['early', 'building', 'strong'] as const) for (const p of FB.levelSigns[band]) SIGNS.set(p.toLowerCase(), [{ kind: 'level', band }]);
const SIGN_RE = new RegExp(`(?<!\\p{L})(?:${[...SIGNS.keys()].sort((a, b) => b.length - a.length).map(escapeRe).join('|')})(?!\\p{L})`, 'gu');
function addReading(phrase: string, r: Reading): void {
  const key = phrase.toLowerCase();
  const list = READINGS.get(key) ?? [];
  if (!list.some((x) => x.kind === r.kind && x.band === r.band)) list.push(r);
  READINGS.set(key, list);
}
const READING_RE = new RegExp(`(?<!\\p{L})(?:${[...READINGS.keys()].sort((a, b) => b.length - a.length).map(escapeRe).join('|')})(?!\\p{L})`, 'gu');

/** Whether `sentence` has `figure` ("75%", "12s") as a number of its own, not the tail of "175%" or "1.75%". */
function statesFigure(sentence: string, figure: string): boolean {
  for (let i = sentence.indexOf(figure); i !== -1; i = sentence.indexOf(figure, i + 1)) {
    const before = sentence.charCodeAt(i - 1);
    if (!(before >= 48 && before <= 57) && before !== 46) return true;
  }
  return false;
}

/**
 * Where each skill's results are spoken of: with one skill, the sentences that state its
 * accuracy or its time ("Quick check-in time." is an opening, not a pace); with several, from
 * each mention of its name (`skillMentions`: not the linear-functions name inside the nonlinear
 * one) to the end of that sentence or the next skill named.
 */
function segmentsOf(text: string, skills: readonly SkillId[], ctxs: readonly SkillCtx[]): string[][] {
  const lower = text.toLowerCase();
  if (ctxs.length === 1) {
    const { pct, time } = ctxs[0];
    const figures = [`${pct}%`, `${time}s`, `${time} s`, `${time} second`];
    return [lower.split(/(?<=[.!?])\s+/).filter((sentence) => figures.some((f) => statesFigure(sentence, f)))];
  }
  const mentions = skillMentions(text);
  return skills.map((id) =>
    mentions.filter((m) => m.id === id).map((m) => {
      const next = mentions.find((o) => o.start >= m.end)?.start ?? lower.length;
      const stop = lower.slice(m.end).search(/[.!?](?:\s|$)/);
      return lower.slice(m.end, Math.min(next, stop === -1 ? lower.length : m.end + stop + 1));
    }),
  );
}

/**
 * What the text says of each skill agrees with its numbers: "100%, a focus area" or "1 s a
 * question, on the slow side" states the numbers right (numbersDerivable passes) and reads them wrong.
 */
export function bandsAgree(output: string, input: FeedbackInput): CheckResult {
  const ctxs = input.skills.map(ctxOf);
  const segments = segmentsOf(output, input.skills.map((s) => s.skill), ctxs);
  for (const [k, c] of ctxs.entries()) {
    for (const seg of segments[k]) {
      for (const [phrase] of seg.matchAll(READING_RE)) {
        const readings = READINGS.get(phrase)!;
        // A phrase fits when one of its readings is the skill's own; quick and rushed are both quick.
        if (!readings.some((r) => fitsSkill(r, c))) return { name: 'bands-agree', pass: false, critical: true, reason: `"${phrase}" does not fit ${c.name} at ${c.pct}% and ${c.time}s a question` };
      }
    }
  }
  // A pace sign must fit a skill's pace (the one skill's, when there is one) and a level sign a
  // skill's predicted level, wherever the sentence: a tip or a proficiency line names no figure of pace.
  const lower = output.toLowerCase();
  for (const [sign] of lower.matchAll(SIGN_RE)) {
    const r = SIGNS.get(sign)![0];
    // Exact, unlike the short readings: "use the spare time to double-check" is no advice at 0 of 5 right, however quick.
    if (!ctxs.some((c) => (r.kind === 'pace' ? r.band === paceKey(c) : fitsSkill(r, c)))) {
      const of = ctxs.map((c) => `${c.name} at ${r.kind === 'level' ? `${c.prof} of 7` : `${c.time}s a question, ${c.pct}%`}`).join('; ');
      return { name: 'bands-agree', pass: false, critical: true, reason: `"${sign}" does not fit ${of}` };
    }
  }
  return { name: 'bands-agree', pass: true, critical: true };
}

/** A reading fits a skill when it is the skill's own band; quick and rushed are both quick. */
function fitsSkill(r: Reading, c: SkillCtx): boolean {
  if (r.kind === 'acc') return r.band === c.acc;
  if (r.kind === 'level') return r.band === c.level;
  const pace = paceKey(c);
  return r.band === pace || (QUICK.has(r.band) && QUICK.has(pace));
}
const QUICK: ReadonlySet<string> = new Set(['quick', 'rushed']);

/** The text and its word count (parts are joined by spaces, so their counts add up). */
function write(input: FeedbackInput, rng: Rng): { text: string; words: number } {
  const ctxs = rng.shuffle(input.skills.map(ctxOf));
  const focus = ctxs.reduce((a, b) => (b.correct / b.total < a.correct / a.total ? b : a));
  const first = input.studentName?.trim().split(/\s+/)[0];
  const parts: string[] = [rng.pick(FB.openings)(first && rng.chance(0.5) ? first : undefined)];
  if (ctxs.length === 1) {
    const c = ctxs[0];
    parts.push(rng.pick(FB.accuracy[c.acc])(c, rng.pick(FB.comments[c.acc])));
    parts.push(rng.pick(FB.time[paceKey(c)])(c));
  } else {
    for (const c of ctxs) parts.push(rng.pick(FB.compact)(c, rng.pick(FB.shortComments[c.acc]), rng.pick(FB.shortTime[paceKey(c)])));
  }
  const proficiency = rng.pick(FB.proficiency[focus.level])(focus);
  const suggestion = rng.pick(FB.suggestions[focus.acc])(focus);
  let words = 0;
  for (const p of parts) words += wordCount(p);
  const proficiencyWords = wordCount(proficiency);
  const suggestionWords = wordCount(suggestion);
  // Three long skill names leave no room for the proficiency line; the suggestion matters more.
  if (words + proficiencyWords + suggestionWords <= FEEDBACK_WORDS.max) { parts.push(proficiency); words += proficiencyWords; }
  parts.push(suggestion);
  words += suggestionWords;
  const pace = paceKey(focus);
  if (pace !== 'steady' && ctxs.length === 1) {
    const tip = rng.pick(FB.paceTips[pace]);
    parts.push(tip);
    words += wordCount(tip);
  }
  const closing = rng.pick(FB.closings);
  let text = parts.join(' ');
  const closingWords = wordCount(closing);
  if (words + closingWords <= FEEDBACK_WORDS.max) { text += ` ${closing}`; words += closingWords; }
  const tips = rng.shuffle(FB.fillers);
  for (let i = 0; words < FEEDBACK_WORDS.min && i < tips.length; i++) { text += ` ${tips[i]}`; words += wordCount(tips[i]); }
  return { text, words };
}

export const feedback: AiTask<FeedbackInput> = {
  name: 'feedback',
  promptVersion: 'feedback/6',
  input: feedbackInput,
  prompt(input) {
    const lines = input.skills.map((s) => {
      const c = ctxOf(s);
      // The number missed is stated because a good note uses it ("go over the 3 you missed"); a
      // writer that had to subtract would be the only source of a number the input lacks.
      return `- ${c.name}: ${c.correct}/${c.total} correct (${c.pct}%, ${c.missed} missed), average ${c.time} s per question, predicted proficiency ${c.prof} on a 1–7 scale`;
    });
    return [
      systemMessage(
        `Write ${FEEDBACK_WORDS.min}–${FEEDBACK_WORDS.max} words of conversational feedback on the student's practice. ` +
          'Name each skill, say how the accuracy and pace look (above 70% is solid, below 50% has room to grow; under 40 s is quick, over 60 s is slow), ' +
          'mention the predicted proficiency and end with one concrete suggestion.',
      ),
      { role: 'user', content: `Performance:\n${lines.join('\n')}` },
    ];
  },
  template(input, rng) {
    // Rare draws (three long skill names) can overrun the bound; redraw from forks of the same seed.
    let w = write(input, rng);
    for (let i = 0; w.words > FEEDBACK_WORDS.max && i < 8; i++) w = write(input, rng.fork(i));
    return w.text;
  },
  checks(input, output) {
    const ids: SkillId[] = input.skills.map((s) => s.skill);
    return [
      numbersDerivable(output, allowedNumbers(input)),
      skillNamed(output, ids),
      bandsAgree(output, input),
      lengthBounds(output, FEEDBACK_WORDS.min, FEEDBACK_WORDS.max),
      noPii(output, input.studentName ? [input.studentName] : []),
      noBannedTone(output),
      noModelMarkup(output),
    ];
  },
};
