/**
 * plan_adjust: a 20–50 word change to a study plan that names a weak skill and a day that
 * exists in the plan (seeds/02 "Study Plan Suggestions"). Weak means below 70 % accuracy;
 * when every skill is at or above that, the lowest one is the weak one.
 */
import { z } from 'zod';
import { SKILL_IDS, skill, type SkillId } from '../../content/taxonomy.ts';
import { lengthBounds, wordCount } from '../checks/length.ts';
import { numbersDerivable } from '../checks/numbers.ts';
import { noPii } from '../checks/pii.ts';
import { skillNamed, skillsMentioned } from '../checks/skills.ts';
import { splitSentences } from '../checks/answer.ts';
import { noModelMarkup } from '../checks/markup.ts';
import { noBannedTone } from '../checks/tone.ts';
import { systemMessage, type AiTask, type CheckResult } from '../task.ts';

export const PLAN_ADJUST_WORDS = { min: 20, max: 50 } as const;
export const PLAN_DAY_KINDS = ['lesson', 'practice', 'review', 'test'] as const;

export const planAdjustInput = z.object({
  plan: z.object({
    days: z
      .array(z.object({ day: z.number().int().min(1).max(366), kind: z.enum(PLAN_DAY_KINDS), skill: z.enum(SKILL_IDS) }))
      .min(1)
      .max(30)
      .refine((d) => new Set(d.map((x) => x.day)).size === d.length, { message: 'day numbers must be distinct' }),
  }),
  performance: z
    .array(
      z
        .object({ skill: z.enum(SKILL_IDS), correct: z.number().int().min(0), total: z.number().int().min(1).max(500) })
        .refine((p) => p.correct <= p.total, { message: 'correct must not exceed total' }),
    )
    .min(1)
    .max(8)
    .refine((a) => new Set(a.map((p) => p.skill)).size === a.length, { message: 'skills must be distinct' }),
});
export type PlanAdjustInput = z.infer<typeof planAdjustInput>;

const acc = (p: { correct: number; total: number }) => p.correct / p.total;

export function weakSkills(input: PlanAdjustInput): SkillId[] {
  const below = input.performance.filter((p) => acc(p) < 0.7);
  if (below.length) return below.map((p) => p.skill);
  const min = Math.min(...input.performance.map(acc));
  return input.performance.filter((p) => acc(p) === min).map((p) => p.skill);
}

const comments = (a: number) =>
  a < 0.5 ? ['needs work', 'is the biggest gap', 'deserves more time', 'is where points are hiding'] :
  a < 0.7 ? ['is close but not there yet', 'could use a push', 'is almost there', 'is worth one more round'] :
  ['is your lowest right now', 'trails your other skills', 'is the one to polish', 'has the most room left'];

/** Fewer answers than this on the weakest skill and the advice is worded as a first sign, not a verdict. */
const FIRM_EVIDENCE = 3;
const answers = (n: number) => (n === 1 ? 'one answer' : `${n} answers`);
const tentativeLeads = [
  (s: string, c: number, n: number) => `${s} has only ${answers(n)} so far, with ${c} right, so it is worth a closer look.`,
  (s: string, c: number, n: number) => `With ${c} of ${n} right, ${s} looks like a gap, though ${answers(n)} is an early sign.`,
  (s: string, c: number, n: number) => `${s} is the early weak spot: ${c} of ${n} right so far.`,
];

const switchFrames = [
  (d: number, s: string) => `Switch day ${d} to practice ${s} instead!`,
  (d: number, s: string) => `Let's use day ${d} for ${s} practice.`,
  (d: number, s: string) => `I'd move day ${d} over to ${s}.`,
  (d: number, s: string) => `Try turning day ${d} into a ${s} session.`,
];
const addFrames = [
  (d: number, s: string) => `Keep day ${d} on ${s} and add a second practice set that day.`,
  (d: number, s: string) => `Day ${d} already covers ${s}, so make it a longer practice session.`,
];
const reasons = ['That gives it the extra reps it needs.', 'A focused day should lift it quickly.', 'Small, targeted practice adds up.', ''];

export const planAdjust: AiTask<PlanAdjustInput> = {
  name: 'plan_adjust',
  promptVersion: 'plan_adjust/4',
  input: planAdjustInput,
  prompt(input) {
    const days = input.plan.days.map((d) => `- day ${d.day}: ${d.kind}, ${skill(d.skill).name}`);
    // Weakest first (a stable sort, so ties keep the input's order and the first line is the
    // one the template picks): the writer reads the ranking instead of working it out.
    const perf = [...input.performance].sort((a, b) => acc(a) - acc(b))
      .map((p) => `- ${skill(p.skill).name}: ${p.correct}/${p.total} correct (${Math.round(acc(p) * 100)}%)`);
    return [
      systemMessage(
        `Suggest one change to the study plan in ${PLAN_ADJUST_WORDS.min}–${PLAN_ADJUST_WORDS.max} words. ` +
          'Name the weakest skill (below 70% accuracy) and a day number that exists in the plan.',
      ),
      { role: 'user', content: `Plan:\n${days.join('\n')}\nPerformance, weakest first:\n${perf.join('\n')}` },
    ];
  },
  template(input, rng) {
    const weakIds = weakSkills(input);
    const weak = input.performance.filter((p) => weakIds.includes(p.skill));
    const target = weak.reduce((a, b) => (acc(b) < acc(a) ? b : a));
    const name = skill(target.skill).name;
    const pct = Math.round(acc(target) * 100);
    // Take a day from the strongest skill in the plan; if the weak skill already has a day, deepen it.
    const own = input.plan.days.find((d) => d.skill === target.skill);
    const byStrength = [...input.plan.days].sort((a, b) => strength(input, b.skill) - strength(input, a.skill));
    const day = own ?? byStrength[0];
    // One or two answers are too few to call a skill the biggest gap: the advice says how little it rests on.
    const lead = target.total < FIRM_EVIDENCE
      ? rng.pick(tentativeLeads)(name, target.correct, target.total)
      : rng.pick([
          `${name} is at ${pct}% (${target.correct}/${target.total}) and ${rng.pick(comments(acc(target)))}.`,
          `${name} ${rng.pick(comments(acc(target)))} at ${pct}%.`,
          `With ${target.correct} of ${target.total} right, ${name} ${rng.pick(comments(acc(target)))}.`,
        ]);
    const move = own ? rng.pick(addFrames)(day.day, name) : rng.pick(switchFrames)(day.day, name);
    let text = `${lead} ${move}`;
    const reason = rng.pick(reasons);
    if (reason && wordCount(text) + wordCount(reason) <= PLAN_ADJUST_WORDS.max) text += ` ${reason}`;
    for (const r of rng.shuffle(reasons)) if (r && wordCount(text) < PLAN_ADJUST_WORDS.min && !text.includes(r)) text += ` ${r}`;
    return text;
  },
  checks(input, output) {
    const allowedSkills = [...input.performance.map((p) => p.skill), ...input.plan.days.map((d) => d.skill)];
    const allowedNumbers = [50, 70, ...input.plan.days.map((d) => d.day)];
    for (const p of input.performance) allowedNumbers.push(p.correct, p.total, Math.round(acc(p) * 100));
    return [
      skillNamed(output, weakSkills(input), { allowed: allowedSkills }),
      dayExists(output, input),
      numbersDerivable(output, allowedNumbers),
      figuresFitSkill(output, input),
      lengthBounds(output, PLAN_ADJUST_WORDS.min, PLAN_ADJUST_WORDS.max),
      noPii(output),
      noBannedTone(output),
      noModelMarkup(output),
    ];
  },
};

/** Accuracy of a skill in the performance list; skills without data count as strong (free to move). */
function strength(input: PlanAdjustInput, id: SkillId): number {
  const p = input.performance.find((x) => x.skill === id);
  return p ? acc(p) : 2;
}

export function dayExists(output: string, input: PlanAdjustInput): CheckResult {
  const days = new Set(input.plan.days.map((d) => d.day));
  const named = [...output.matchAll(/\b[Dd]ay\s+(\d+)/g)].map((m) => Number(m[1]));
  const missing = named.filter((d) => !days.has(d));
  const pass = named.length > 0 && missing.length === 0;
  return {
    name: 'day-exists',
    pass,
    critical: true,
    reason: pass ? undefined : named.length === 0 ? 'names no day of the plan' : `days not in the plan: ${missing.join(', ')}`,
  };
}

/** "6 of 7", "6/7" and "86%": a skill's own figures, as the writer was given them. */
const COUNT_PAIR = /(?<![\d.])(\d+)\s*(?:of|\/|out of)\s*(\d+)(?![\d.])/g;
const PERCENT = /(?<![\d.])(\d+)\s*%/g;
/** The accuracy a comment of `comments` is made for: "the biggest gap" is said under 50 %, never of 6 right in 7. */
const commentBand = new Map<string, (a: number) => boolean>();
for (const [a, fits] of [[0.3, (x: number) => x < 0.5], [0.6, (x: number) => x >= 0.5 && x < 0.7], [0.8, (x: number) => x >= 0.7]] as const) {
  for (const c of comments(a)) commentBand.set(c, fits);
}

/**
 * Each figure stands beside the skill it is of. numbersDerivable only asks that a number be
 * somewhere in the input, so "With 6 of 7 right, <weak skill> is the biggest gap" passed on
 * another skill's 6 of 7 (or a day number and a total); here a sentence that names skills may
 * quote only their counts and percentages (and the 50 % / 70 % thresholds), a count pair must
 * be one skill's correct-of-total, and a comment on a skill must fit its accuracy.
 */
export function figuresFitSkill(output: string, input: PlanAdjustInput): CheckResult {
  const wrong: string[] = [];
  const perf = new Map(input.performance.map((p) => [p.skill, p]));
  for (const sentence of splitSentences(output)) {
    const named = skillsMentioned(sentence).filter((id) => perf.has(id));
    const own = named.length > 0 ? named.map((id) => perf.get(id)!) : input.performance;
    for (const m of sentence.matchAll(COUNT_PAIR)) {
      const [c, n] = [Number(m[1]), Number(m[2])];
      if (!own.some((p) => p.correct === c && p.total === n)) wrong.push(`"${m[0]}" is not ${named.length ? 'the named skill’s' : 'a skill’s'} count`);
    }
    for (const m of sentence.matchAll(PERCENT)) {
      const pct = Number(m[1]);
      if (pct !== 50 && pct !== 70 && !own.some((p) => Math.round(acc(p) * 100) === pct)) wrong.push(`"${m[0]}" is not ${named.length ? 'the named skill’s' : 'a skill’s'} accuracy`);
    }
    // Only a sentence about one skill is judged: of two, the comment's subject is not known here.
    if (named.length === 1) {
      const a = acc(perf.get(named[0])!);
      for (const [comment, fits] of commentBand) if (sentence.includes(comment) && !fits(a)) wrong.push(`"${comment}" said of ${Math.round(a * 100)}%`);
    }
  }
  return { name: 'figures-fit-skill', pass: wrong.length === 0, critical: true, reason: wrong.length ? wrong.join('; ') : undefined };
}
