/**
 * The shared core of the free-text tasks (help, note_reply, tutor_chat, review): find the
 * sentences of the project's own material (the item's rationale and distractor reasons,
 * retrieved lesson passages) that best answer the student's words, and the checks every
 * such answer shares. Nothing here invents content: a template answer is assembled from
 * these sentences or says plainly that it cannot help.
 */
import { z } from 'zod';
import type { Item } from '../../content/item.ts';
import { skill, type SkillId } from '../../content/taxonomy.ts';
import { finalAnswerEqualsKey, splitSentences, statedAnswers } from '../checks/answer.ts';
import { arithmeticStepsEvaluate } from '../checks/arithmetic.ts';
import { lengthBounds } from '../checks/length.ts';
import { numbersDerivable, numbersOf } from '../checks/numbers.ts';
import { noPii } from '../checks/pii.ts';
import { skillNamed, skillsMentioned } from '../checks/skills.ts';
import { noBannedTone } from '../checks/tone.ts';
import { tokenize } from '../search/bm25.ts';
import type { CheckResult, SourceDoc } from '../task.ts';
import { itemNumbers } from './item-text.ts';

export const sourceSchema = z.object({ id: z.string().min(1), title: z.string().min(1), text: z.string().min(1) });
/** Retrieved passages travel inside the input, so the stored row holds what the writer saw. */
export const sourcesField = z.array(sourceSchema).max(6).default([]);

export interface Passage {
  text: string;
  origin: 'distractor' | 'rationale' | 'source';
  title?: string;
  score: number;
}

/** Letters the student points at: "choice C", "option (B)", "why not D", "(A)". */
export function lettersMentioned(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(?:choice|option|answer|not|picked|chose)\s+\(?([A-Da-d])\)?(?![\p{L}])|\(([A-D])\)/giu)) {
    found.add((m[1] ?? m[2]).toUpperCase());
  }
  return [...found];
}

export interface Material {
  item?: Item;
  studentAnswer?: string;
  sources: readonly SourceDoc[];
  /** When false, no sentence that states or gives away the key is used. */
  revealAnswer: boolean;
}

/**
 * Candidate sentences scored by idf-weighted overlap with the student's words; idf is taken
 * over the candidates themselves, so words every sentence shares count for little.
 */
export function relevantPassages(question: string, m: Material, k: number): Passage[] {
  const cands: Omit<Passage, 'score'>[] = [];
  const item = m.item;
  if (item) {
    const pointed = new Set([...lettersMentioned(question), ...(m.studentAnswer ? [m.studentAnswer] : [])]);
    for (const [letter, why] of Object.entries(item.distractorReasons ?? {})) {
      if (pointed.has(letter) && letter !== item.answer) cands.push({ text: `About choice ${letter}: ${why}`, origin: 'distractor' });
    }
    const steps = splitSentences(item.rationale);
    const usable = m.revealAnswer ? steps : steps.slice(0, -1).filter((s) => statedAnswers(s).length === 0);
    for (const s of usable) cands.push({ text: s, origin: 'rationale' });
  }
  for (const src of m.sources) {
    // A retrieved rationale belongs to another item: its answer sentence would be wrong here.
    for (const s of splitSentences(src.text)) if (statedAnswers(s).length === 0) cands.push({ text: s, origin: 'source', title: src.title });
  }
  const q = new Set(tokenize(question));
  const docs = cands.map((c) => new Set(tokenize(c.text)));
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d) df.set(t, (df.get(t) ?? 0) + 1);
  const scored = cands.map((c, i) => {
    let score = c.origin === 'distractor' ? 100 : 0;
    for (const t of q) if (docs[i].has(t)) score += Math.log(1 + cands.length / (df.get(t) ?? 1));
    return { ...c, score };
  });
  const seen = new Set<string>();
  return scored
    .filter((p) => p.score > 0 && !seen.has(p.text) && seen.add(p.text))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

/** True when the student's words carry content (not just "help" or "I'm stuck"). */
export function hasContent(question: string): boolean {
  return tokenize(question).some((t) => !['help', 'stuck', 'get', 'don', 't', 'understand', 'please', 'confus', 'hint', 'idea', 'lost'].includes(t));
}

/** Where to send the student next: the best lesson among the sources, else the skill's lesson. */
export function lessonPointer(sources: readonly SourceDoc[], skillId?: SkillId): string {
  const lesson = sources.find((s) => !s.id.startsWith('item:'));
  if (lesson) return `the lesson "${lesson.title}"`;
  return skillId ? `the ${skill(skillId).name} lesson` : 'the lessons for this topic';
}

export function firstName(full?: string): string | undefined {
  return full?.trim().split(/\s+/)[0] || undefined;
}

export interface FreeTextCheckOpts {
  item?: Item;
  revealAnswer: boolean;
  /** Texts from the input whose numbers and skill names an answer may repeat. */
  inputTexts: (string | undefined)[];
  skills: SkillId[];
  names: string[];
  words: { min: number; max: number };
}

export function freeTextChecks(output: string, o: FreeTextCheckOpts): CheckResult[] {
  const allowedSkills = [...o.skills, ...o.inputTexts.flatMap((t) => (t ? skillsMentioned(t) : []))];
  const numbers = [...numbersOf(...o.inputTexts), ...(o.item ? itemNumbers(o.item) : [])];
  const out: CheckResult[] = [];
  if (o.item) out.push(o.revealAnswer ? finalAnswerEqualsKey(output, o.item, false) : noAnswerLeak(output, o.item));
  out.push(
    arithmeticStepsEvaluate(output),
    numbersDerivable(output, numbers),
    skillNamed(output, o.skills, { requireOne: false, allowed: allowedSkills }),
    lengthBounds(output, o.words.min, o.words.max),
    noPii(output, o.names),
    noBannedTone(output),
  );
  return out;
}

/** Before the student has answered, a hint must not state the key or quote the rationale's verdict. */
export function noAnswerLeak(output: string, item: Item): CheckResult {
  const stated = statedAnswers(output);
  const verdict = splitSentences(item.rationale).at(-1) ?? '';
  const leaked = stated.length > 0 || (verdict.length > 0 && output.includes(verdict));
  return {
    name: 'no-answer-leak',
    pass: !leaked,
    critical: true,
    reason: leaked ? `gives away the answer${stated.length ? ` (${stated.map((s) => s.text).join(', ')})` : ''}` : undefined,
  };
}
