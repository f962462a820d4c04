/**
 * lesson_summary: a short extractive summary of a lesson. The template keeps the lesson's
 * most central sentences (highest summed document frequency of their words, a centroid
 * score), favouring its opening sentence and prose over formulas and passing over sentences
 * that lean on the one before, in their original order, so every claim is the lesson's own.
 */
import { z } from 'zod';
import { SKILL_IDS, skill } from '../../content/taxonomy.ts';
import type { Rng } from '../../lib/rng.ts';
import { splitSentences } from '../checks/answer.ts';
import { lengthBounds, wordCount } from '../checks/length.ts';
import { numbersDerivable, numbersOf } from '../checks/numbers.ts';
import { noPii } from '../checks/pii.ts';
import { skillNamed, skillsMentioned } from '../checks/skills.ts';
import { noModelMarkup } from '../checks/markup.ts';
import { noBannedTone } from '../checks/tone.ts';
import { tokenize } from '../search/bm25.ts';
import { systemMessage, type AiTask, type CheckResult } from '../task.ts';
import { lessonSentences } from './lesson-text.ts';

export const SUMMARY_WORDS = { min: 20, max: 90 } as const;

export const lessonSummaryInput = z.object({
  lesson: z.object({
    id: z.string().min(1),
    title: z.string().min(1),
    skill: z.enum(SKILL_IDS),
    text: z.string().min(1),
    /** The names of the lesson's common traps ("Forgetting the negative root"): what a reader on the lesson page has not read yet. */
    traps: z.array(z.string().min(1).max(200)).max(8).default([]),
  }),
});
export type LessonSummaryInput = z.infer<typeof lessonSummaryInput>;

const openings = [
  (s: string) => `In short, this ${s} lesson comes down to a few ideas.`,
  (s: string) => `Here's the gist of the ${s} lesson.`,
  (s: string) => `The ${s} lesson in a nutshell:`,
  (s: string) => `Quick recap of ${s}:`,
];
// The summary is read on the lesson's own page: it points down the page, not to "the full lesson".
const closings = ['Try a few practice questions to lock it in.', 'The worked example shows it step by step.', ''];
const trapLeads = ['Watch out for', 'Common traps:', 'The usual slips:'];

const FRAME_WORDS = [...closings, ...trapLeads].join(' ');

/** "forgetting the negative root; dividing by the variable": trap names as a list inside a sentence. */
function trapList(traps: readonly string[]): string {
  // A name read mid-sentence loses its capital, unless it is an acronym or a name ("SOH-CAH-TOA").
  const lower = traps.map((t) => (/^[A-Z][a-z]/.test(t) && !/^I\b/.test(t) ? `${t[0].toLowerCase()}${t.slice(1)}` : t));
  return lower.join('; ');
}

/**
 * The share of a sentence's words that are words: "Vertex: f(x) = a(x − h)² + k." is mostly
 * symbols, which a summary read as prose trips over; the centroid alone favours them, since
 * "x" and "f" are in every sentence of a math lesson.
 */
function proseShare(sentence: string): number {
  const parts = sentence.split(/\s+/).filter(Boolean);
  const words = parts.filter((w) => /^[("“]?[\p{L}][\p{L}'’-]{2,}[)"”.,;:!]*$/u.test(w)).length;
  return parts.length ? words / parts.length : 0;
}

/** A lesson's first sentence says what the skill is: a summary starts there when it fits. */
const LEAD_BONUS = 1.5;

/** "Then they ask …", "This is …": a sentence that leans on the one before reads as a non sequitur alone. */
const leansOnBefore = (sentence: string) => /^(?:then|and|so|now|but|this|these|that|those|it|they|here|for example|also|finally|otherwise|instead|still|each|solving it)\b/i.test(sentence);

function pickSentences(text: string, budget: number): string[] {
  // The lesson's own quotable sentences, as replies quote them: Markdown and list numbers gone
  // (a bare "2." once read as a sentence), lead-ins to a list and questions left out.
  const quotable = lessonSentences(text);
  const sents = quotable.length > 0 ? quotable : splitSentences(text);
  const tf = new Map<string, number>();
  const toks = sents.map((s) => tokenize(s));
  for (const ts of toks) for (const t of new Set(ts)) tf.set(t, (tf.get(t) ?? 0) + 1);
  const centroid = (i: number) => toks[i].reduce((a, t) => a + (tf.get(t) ?? 0), 0) / Math.sqrt(toks[i].length + 1);
  const ranked = sents.map((s, i) => ({ i, s, score: centroid(i) * proseShare(s) ** 2 * (i === 0 ? LEAD_BONUS : 1) * (leansOnBefore(s) ? 0.3 : 1) }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const chosen: typeof ranked = [];
  let words = 0;
  for (const r of ranked) {
    const w = wordCount(r.s);
    if (chosen.length && words + w > budget) continue;
    chosen.push(r);
    words += w;
  }
  return chosen.sort((a, b) => a.i - b.i).map((r) => r.s);
}

export const lessonSummary: AiTask<LessonSummaryInput> = {
  name: 'lesson_summary',
  promptVersion: 'lesson_summary/5',
  input: lessonSummaryInput,
  prompt(input) {
    const traps = input.lesson.traps.length ? `\n\nCommon traps:\n${input.lesson.traps.map((t) => `- ${t}`).join('\n')}` : '';
    return [
      systemMessage(`Summarise the lesson in ${SUMMARY_WORDS.min}–${SUMMARY_WORDS.max} words, naming its skill, using only what the lesson says.`),
      { role: 'user', content: `Skill: ${skill(input.lesson.skill).name}\nLesson: ${input.lesson.title}\n\n${input.lesson.text}${traps}` },
    ];
  },
  template(input, rng: Rng) {
    const open = rng.pick(openings)(skill(input.lesson.skill).name);
    const close = rng.pick(closings);
    // The traps come from further down the lesson than "The idea" the reader has just read: a
    // summary that only repeats that paragraph tells them nothing new.
    const lead = rng.pick(trapLeads);
    const traps = input.lesson.traps.slice(0, 3);
    const trapLine = traps.length ? `${lead} ${trapList(traps)}.` : '';
    const budget = SUMMARY_WORDS.max - wordCount(open) - wordCount(close) - wordCount(trapLine);
    let text = [open, ...pickSentences(input.lesson.text, Math.min(budget, trapLine ? 45 : 60))].join(' ');
    if (trapLine) text += ` ${trapLine}`;
    if (close) text += ` ${close}`;
    return text;
  },
  checks(input, output) {
    const lessonText = `${input.lesson.title} ${input.lesson.text} ${input.lesson.traps.join(' ')}`;
    // The words of the summary's own frame ("The worked example shows it step by step.") are not additions of its own.
    const vocabulary = `${lessonText} ${skill(input.lesson.skill).name} lesson ${FRAME_WORDS}`;
    return [
      numbersDerivable(output, numbersOf(lessonText)),
      skillNamed(output, [input.lesson.skill], { allowed: [input.lesson.skill, ...skillsMentioned(lessonText)] }),
      grounded(output, vocabulary),
      lengthBounds(output, SUMMARY_WORDS.min, SUMMARY_WORDS.max),
      noPii(output),
      noBannedTone(output),
      noModelMarkup(output),
    ];
  },
};

/** At least 60 % of the summary's content words occur in the lesson: a summary adds little of its own. */
export function grounded(output: string, source: string): CheckResult {
  const have = new Set(tokenize(source));
  const words = tokenize(output).filter((t) => t.length > 3);
  const inSource = words.filter((t) => have.has(t)).length;
  const share = words.length ? inSource / words.length : 0;
  const pass = share >= 0.6;
  return { name: 'grounded', pass, critical: true, reason: pass ? undefined : `only ${Math.round(share * 100)}% of content words come from the lesson` };
}
