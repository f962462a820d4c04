/**
 * A student who says they are struggling, not with a question but with how they feel, is
 * answered as a person first. Words of self-harm get where to find help now, and nothing else;
 * stress, worry or trouble at home get a kind word, who to talk to, and — when it is the test
 * that worries them — the guide's own advice on nerves. Never a lesson search for "divorce",
 * nor "the skill to work on next" because "focus on" appeared in "I can't focus on studying".
 */
import type { Rng } from '../../lib/rng.ts';
import type { CheckResult, SourceDoc } from '../task.ts';
import { quoteAfterLead } from './item-text.ts';
import { lessonSentences } from './lesson-text.ts';

const CRISIS = /\b(?:kill(?:ing)? myself|suicid\w*|(?:want|wanna|going) to die|end (?:it all|my life)|hurt(?:ing)? myself|self[- ]?harm\w*|cut(?:ting)? myself|no reason to live|better off dead)\b/i;
const DISTRESS = new RegExp(
  String.raw`\b(?:stress(?:ed|ing)? out|so stressed|really stressed|anxious|panick?(?:ing|ed)|overwhelm(?:ed|ing)|depress(?:ed|ing)|burn(?:ed|t) out|` +
    String.raw`can(?:'|’)?t (?:focus|concentrate|sleep|cope)|cannot (?:focus|concentrate|sleep|cope)|divorc\w*|so sad|crying|hopeless|` +
    String.raw`freaking out|want to give up|giving up on|hate (?:myself|my life)|lonely|bullied|being bullied)\b`,
  'i',
);
/** The distress is about the test itself: the guide's advice on nerves belongs in the reply. */
const ABOUT_THE_TEST = /\b(?:sat|test|exam|module|score)\b/i;

/**
 * US numbers: 988 is the Suicide & Crisis Lifeline (call or text, since July 2022, per SAMHSA);
 * 911 for immediate danger. The platform prepares for a US test, so its students are mostly there.
 */
const CRISIS_REPLY =
  "I'm really sorry you're feeling this way, and I'm glad you said it. Please talk to someone right now: in the US you can call or text 988, the Suicide & Crisis Lifeline, any time, day or night. " +
  "A parent, a school counselor or another adult you trust can help today too. If you are in danger, call 911. I'm an AI that helps with SAT prep, and you matter far more than any test.";

const KIND_WORDS = [
  "That sounds really hard, and it makes sense that studying feels tough right now.",
  "I'm sorry you're dealing with that; it's completely normal for it to make studying harder.",
];
const WHO_TO_TALK_TO =
  'Talking it over with someone you trust, a family member, a school counselor or a friend, can really help.';
const WHEN_READY = "When you're ready, even ten minutes of practice counts, and I'm here for any SAT question.";

/**
 * The figures a reply to `message` may state that its input does not hold: the crisis lines.
 * The tutor's numbers check reads them as given facts, as it reads the lesson passages.
 */
export const feelingFacts = (message: string): string[] => (feelingIn(message) === 'crisis' ? ['988', '911'] : []);

/**
 * For a message of self-harm, whoever wrote the reply (the in-house model included) must give
 * the crisis line: a critical check, so an answer without it falls through to the template's.
 */
export function crisisChecks(message: string, output: string): CheckResult[] {
  if (feelingIn(message) !== 'crisis') return [];
  const pass = /\b988\b/.test(output);
  return [{ name: 'crisis-line', pass, critical: true, ...(pass ? {} : { reason: 'a message of self-harm is answered with the crisis line' }) }];
}

export type Feeling = 'crisis' | 'distress';

/** "What does 'depressed' mean in this passage?" asks about a word, not about the student. */
const ASKS_MEANING = /\bwhat (?:does|do|is) .+ mean\b|\bmeaning of\b|\bdefin(?:e|ition)\b/i;

/** Where a message speaks of self-harm: the first such words, or null. */
export function crisisWords(message: string): { index: number; length: number } | null {
  const m = CRISIS.exec(message);
  return m ? { index: m.index, length: m[0].length } : null;
}

/** How the message says the student is, when it says they are not all right; null otherwise. Self-harm is read even in a word question. */
export function feelingIn(message: string): Feeling | null {
  if (CRISIS.test(message)) return 'crisis';
  return DISTRESS.test(message) && !ASKS_MEANING.test(message) ? 'distress' : null;
}

/**
 * For the tasks that answer a note or a help request, where worry about a question is
 * ordinary and a lesson still belongs in the reply: only words of self-harm change it, to the
 * crisis reply; null otherwise.
 */
export const crisisReply = (message: string): string | null => (feelingIn(message) === 'crisis' ? CRISIS_REPLY : null);

/** The reply to a message `feelingIn` flagged; `sources` are the retrieved passages, for the guide's advice on nerves. */
export function feelingReply(feeling: Feeling, message: string, sources: readonly SourceDoc[], rng: Rng): string {
  if (feeling === 'crisis') return CRISIS_REPLY;
  const nerves = ABOUT_THE_TEST.test(message)
    ? sources.filter((s) => s.id.startsWith('guide.')).flatMap((s) => lessonSentences(s.text)).find((s) => /\btest anxiety\b|\bnerves\b/i.test(s))
    : undefined;
  return [rng.pick(KIND_WORDS), WHO_TO_TALK_TO, nerves ? quoteAfterLead('For test nerves, the guide says:', nerves) : '', WHEN_READY].filter(Boolean).join(' ');
}
