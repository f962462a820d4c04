/**
 * Turning the bank's terse distractor reasons into sentences about a choice. The bank writes
 * them in three shapes: a verb phrase whose subject is the choice ("adds the fee instead of
 * subtracting it", "Misreads the table: …"), a verb phrase in the past whose subject is the
 * student who picked it ("Stopped at the value of one ratio part."), or a free-standing
 * sentence or label ("A semicolon separates …", "Too narrow: …"). Quoting them raw reads as
 * a fragment; each shape gets a frame it fits grammatically. Anything not recognised falls
 * into the last shape, whose frames hold for any text, so a misread costs style, not grammar.
 */
import type { Rng } from '../../lib/rng.ts';

type Shape = 'present' | 'past' | 'other';

/** Irregular past forms that open the bank's "what the student did" reasons. */
const IRREGULAR_PAST = new Set(
  'found gave took read saw thought forgot drew made left set built mistook wrote put got kept chose did went ran held overlooked'.split(' '),
);
/** Words ending in -s that are not third-person verbs. */
const NOT_VERBS = new Set('this its his hers yours thus plus minus bus gas as us'.split(' '));

function classify(reason: string): { shape: Shape; body: string } {
  const text = reason.trim().replace(/[.\s]+$/, '');
  const m = /^([\p{L}’']+)([:,]?)/u.exec(text);
  if (!m) return { shape: 'other', body: text };
  const [, first, punct] = m;
  const lower = first.toLowerCase();
  const body = `${lower}${text.slice(first.length)}`;
  const isLowerStart = first[0] === first[0].toLowerCase();
  const present = /[^s]s$/.test(lower) && !NOT_VERBS.has(lower);
  if (isLowerStart) return present ? { shape: 'present', body } : { shape: 'other', body: text };
  if (present) return { shape: 'present', body };
  // "Unsupported: …", "Unrelated to …" end in -ed but are adjectives, not something the student did.
  const past = (/ed$/.test(lower) && !/^un/.test(lower)) || IRREGULAR_PAST.has(lower);
  if (past && punct === '') return { shape: 'past', body };
  return { shape: 'other', body: text };
}

const capital = (s: string) => `${s[0].toUpperCase()}${s.slice(1)}`;

const FRAMES: Record<Shape, ((l: string, b: string) => string)[]> = {
  present: [
    (l, b) => `Choice ${l} is tempting, but it ${b}.`,
    (l, b) => `Choice ${l} looks plausible, but it ${b}.`,
  ],
  past: [
    (l, b) => `Choice ${l} is what you get if you ${b}.`,
    (l, b) => `Choice ${l} is the trap for anyone who ${b}.`,
  ],
  other: [
    (l, b) => `Why not choice ${l}? ${capital(b)}.`,
    (l, b) => `Choice ${l} falls short. ${capital(b)}.`,
  ],
};

/** A reason with its own "but" ("mentions the topic but reverses …") reads badly after "tempting, but it". */
const PRESENT_WITH_BUT: ((l: string, b: string) => string)[] = [
  (l, b) => `Choice ${l} ${b}.`,
  (l, b) => `Choice ${l} is a trap: it ${b}.`,
];

/** "Choice B is tempting, but it adds the fee instead of subtracting it." */
export function choiceSentence(letter: string, reason: string, rng?: Rng): string {
  const { shape, body } = classify(reason);
  const frames = shape === 'present' && /\bbut\b/.test(body) ? PRESENT_WITH_BUT : FRAMES[shape];
  return (rng ? rng.pick(frames) : frames[0])(letter, body);
}

/** The same reason told to the student who picked it: "You chose B, which adds the fee …". */
export function youChoseSentence(letter: string, reason: string): string {
  const { shape, body } = classify(reason);
  if (shape === 'present') return `You chose ${letter}, which ${body}.`;
  if (shape === 'past') return `You chose ${letter}, which is what you get if you ${body}.`;
  return `You chose ${letter}. ${capital(body)}.`;
}
