/**
 * Framing sentences for Conventions passages: an opening that sets up the topic and, for
 * harder items, a closing fact. The tested sentence sits between them.
 */
import type { Rng } from '../../../lib/rng.ts';
import { OPTION_LETTERS, type Difficulty, type Item, type VerifyResult } from '../../item.ts';
import { BLANK, cap, wordCount } from '../rw-expr/text.ts';
import { LEADS, leadClashes, leadNames } from '../rw-expr/transitions-data.ts';
import { topicById, type Topic } from '../rw-expr/topics.ts';

export type ClosingFact = 'result' | 'extra' | 'parallel' | 'emphasis' | 'limit';
const CLOSINGS: readonly ClosingFact[] = ['result', 'extra', 'parallel', 'emphasis', 'limit'];

export interface Frame {
  topic: string;
  /** Index into LEADS. */
  lead: number;
  /** A closing fact sentence, or null. */
  closing: ClosingFact | null;
}

export function drawFrame(rng: Rng, t: Topic, difficulty: Difficulty, avoid: readonly ClosingFact[] = []): Frame {
  const closing = difficulty === 'hard' || (difficulty === 'medium' && rng.chance(0.4)) ? rng.pick(CLOSINGS.filter((c) => !avoid.includes(c))) : null;
  return { topic: t.id, lead: rng.int(0, LEADS.length - 1), closing };
}

/** SAT passages run at least 25 words: a frame too short for its sentence gets a closing fact. */
export function padFrame(rng: Rng, f: Frame, sentence: string, avoid: readonly ClosingFact[] = []): Frame {
  if (f.closing || wordCount(framePassage(f, sentence)) >= 25) return f;
  return { ...f, closing: rng.pick(CLOSINGS.filter((c) => !avoid.includes(c))) };
}

/** How the researcher is named in the tested sentence: surname if the opening already named them. */
export function who(f: Frame): string {
  const t = topicById(f.topic);
  return leadNames(t, f.lead) ? t.surname : t.name;
}

/**
 * The frame with a lead that does not repeat the tested sentence's subject or evidence,
 * keeping whether the lead names the researcher (so the sentence stays as built).
 */
export function settleLead(rng: Rng, f: Frame, sentence: string): Frame {
  const t = topicById(f.topic);
  if (!leadClashes(t, f.lead, sentence)) return f;
  const named = leadNames(t, f.lead);
  const alts = LEADS.map((_, i) => i).filter((i) => leadNames(t, i) === named && !leadClashes(t, i, sentence));
  return { ...f, lead: rng.pick(alts) };
}

export function framePassage(f: Frame, sentence: string): string {
  const t = topicById(f.topic);
  const parts = [LEADS[f.lead](t), sentence];
  if (f.closing) parts.push(`${cap(t[f.closing])}.`);
  return parts.join(' ');
}

export const countBlanks = (passage: string): number => passage.split(BLANK).length - 1;

/**
 * The rule check both Conventions skills end with: exactly the keyed option conforms to the
 * rule (re-applied by `conforms` from the spec), and no distractor does.
 */
export function verifyOptionsByRule(item: Item, rule: string, conforms: (option: string) => boolean): VerifyResult {
  const keyIdx = OPTION_LETTERS.indexOf(item.answer as (typeof OPTION_LETTERS)[number]);
  const options = item.options ?? [];
  if (keyIdx < 0 || options.length !== 4) return { ok: false, reason: 'bad options or key letter' };
  for (const [i, o] of options.entries()) {
    const ok = conforms(o);
    if (i === keyIdx && !ok) return { ok: false, reason: `keyed "${o}" breaks the ${rule} rule` };
    if (i !== keyIdx && ok) return { ok: false, reason: `distractor "${o}" also satisfies the ${rule} rule` };
  }
  return { ok: true };
}
