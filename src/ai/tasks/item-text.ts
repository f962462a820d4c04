/** How the tasks show an item to a model, and which numbers an item makes derivable. */
import { OPTION_LETTERS, type Item } from '../../content/item.ts';
import { skill } from '../../content/taxonomy.ts';
import { splitSentences, statedAnswers } from '../checks/answer.ts';
import { wordCount } from '../checks/length.ts';
import { extractNumbers } from '../checks/numbers.ts';

export function describeItem(item: Item, withKey: boolean): string {
  const lines = [`Skill: ${skill(item.skill).name}`];
  if (item.passage) lines.push(`Passage: ${item.passage}`);
  lines.push(`Question: ${item.stem}`);
  if (item.options) lines.push(...item.options.map((o, i) => `${OPTION_LETTERS[i]}) ${o}`));
  if (withKey) {
    lines.push(`Correct answer: ${keyText(item)}`);
    lines.push(`Reference rationale: ${item.rationale}`);
    for (const [letter, why] of Object.entries(item.distractorReasons ?? {})) lines.push(`Why ${letter} tempts: ${why}`);
  }
  return lines.join('\n');
}

/** "B (3)" for MCQ, the canonical value for SPR. */
export function keyText(item: Item): string {
  if (item.type !== 'mcq' || !item.options) return item.answer;
  const i = OPTION_LETTERS.indexOf(item.answer as (typeof OPTION_LETTERS)[number]);
  // A sentence-long option loses its full stop inside the parentheses: "D (… to keep it)".
  return i >= 0 ? `${item.answer} (${item.options[i].replace(/(\S\s+\S+)\.$/, '$1')})` : item.answer;
}

/** The key as a short phrase: the letter alone when the key option is too long to repeat in a sentence. */
export function shortKey(item: Item): string {
  const full = keyText(item);
  return full !== item.answer && wordCount(full) > 8 ? item.answer : full;
}

/**
 * The rationale's steps without its closing verdict: the bank's last line ("Answer: C) …",
 * `rationale.split('\n').at(-1)`) is dropped. A one-line rationale (hand-written items) keeps
 * its sentences except those that state an answer.
 */
export function rationaleSteps(item: Item): string[] {
  const lines = item.rationale.split('\n');
  if (lines.length > 1) return lines.slice(0, -1).flatMap(splitSentences);
  return splitSentences(item.rationale).filter((s) => statedAnswers(s).length === 0);
}

const phrasePatterns = new Map<string, RegExp>();

/** A lower-case phrase as a whole-word pattern, compiled once: the same key options are tested against sentence after sentence. */
function phrase(p: string): RegExp {
  let re = phrasePatterns.get(p);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}\\p{N}])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
    if (phrasePatterns.size >= 8192) phrasePatterns.clear();
    phrasePatterns.set(p, re);
  }
  return re;
}

/**
 * Numbers as the bank writes its options: "−(2/7)x" and "-2 / 7" are "-2/7" ("y = −(2/7)x + 1"
 * gives a slope of −2/7 away as surely as "the slope is −2/7"). A bracketed fraction keeps a
 * space after it, so a variable written against it ("(2/7)x") does not glue onto its digits.
 */
function asWritten(text: string): string {
  if (!/\d/.test(text)) return text;
  return text
    .replace(/[−–]/g, '-')
    .replace(/\(\s*(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*\)/g, '$1/$2 ')
    .replace(/(\d)\s*\/\s*(?=\d)/g, '$1/')
    .replace(/-\s*-/g, '');
}

/**
 * Does a sentence give the key away without "the answer is"? It quotes the key option's text
 * ("So the blank is “houses,”."), or for a grid-in it writes the key's value.
 */
export function revealsKey(sentence: string, item: Item): boolean {
  if (item.type === 'mcq' && item.options) {
    const opt = item.options[OPTION_LETTERS.indexOf(item.answer as (typeof OPTION_LETTERS)[number])];
    if (!opt) return false;
    const core = asWritten(opt.replace(/[.,;:!?]+$/, '').trim().toLowerCase());
    if (core.length === 0) return false;
    // Short options ("7", "its") are matched as whole words; long ones as a phrase.
    // A pattern for a literal phrase can only match where the phrase occurs: `includes` rules most sentences out first.
    const lower = asWritten(sentence.toLowerCase());
    if (lower.includes(core) && phrase(core).test(lower)) return true;
    // A long option is also given away without its first word ("It describes …" as "the text describes …").
    const words = core.split(/\s+/);
    if (words.length < 5) return false;
    const rest = words.slice(1).join(' ');
    return lower.includes(rest) && phrase(rest).test(lower);
  }
  const keys = new Set([item.answer, ...(item.acceptedAnswers ?? [])].map((k) => asWritten(k.trim())));
  return [...asWritten(sentence).matchAll(/-?\d*\.?\d+(?:\/\d+)?/g)].some((m) => keys.has(m[0]) || keys.has(m[0].replace(/^-/, '')));
}

const itemNumberCache = new Map<string, readonly number[]>();

/**
 * The numbers an item states, in field order. The fields are read as one text joined by
 * newlines (no numeral, thousands separator or decimal reaches across a newline, so this is
 * the fields' numbers in order), and that text keys a cache: the same items are checked
 * again and again, by synth above all.
 */
export function itemNumbers(item: Item): readonly number[] {
  const text = [
    item.stem,
    item.passage,
    item.rationale,
    item.answer,
    ...(item.options ?? []),
    ...(item.acceptedAnswers ?? []),
    ...Object.values(item.distractorReasons ?? {}),
  ].filter(Boolean).join('\n');
  let numbers = itemNumberCache.get(text);
  if (!numbers) {
    numbers = extractNumbers(text);
    if (itemNumberCache.size >= 8192) itemNumberCache.clear();
    itemNumberCache.set(text, numbers);
  }
  return numbers;
}

/** Common first words that may be lower-cased after a connective ("First, subtract …"). */
const LOWERABLE = new Set(
  ('the a an this that these those both since because so then subtract add divide multiply solve set use substitute compare find start look read each every its it in on at for to when if as most all one two ' +
    'within what how there before after once your you with while where which many some any no keep mark review take spend check know go ' +
    'write rewrite notice factor plug expand simplify isolate move group count convert let about rather register whether test circumference mean mode volumes unit factoring special subject ' +
    // First words of the bank's rationale steps ("Now, Comparing the two columns …" read as a slip).
    'only collect slope combine distribute estimate generalizing average surface support label here of results they at comparing checking restrict ' +
    'no both together standard angles their residual area scaling sector arc multiplying square first second data plausible other either time ' +
    'counting combined out short infinitely simplified replacing density range intercept total draw replace point-slope clearing remove matching ' +
    'cross-multiply exactly expected solving complete vertical leg line nothing population sum ' +
    // First words of lesson and guide sentences a chat reply quotes after "The main point:".
    'possessive boundary function functions question questions cross-text evidence exponential random same running nonlinear transition transitions given completing percent radians slope-intercept ' +
    'words put jot authors skim adding contrast cause example emphasis name extra never subject–verb pronoun verb modifiers plurals cross undo and ' +
    'writing interpreting intercepts parallel midpoint substitution elimination different otherwise exponent choose quadratic without finally squaring ' +
    'vertex factored multipliers successive median interquartile box histogram two-variable describe predicting phrases surveys but volume areas more ' +
    'split doubling triangle isosceles equilateral similar handy trigonometric arcs fractions doing treatments dashes').split(' '),
);

const SPACE = /\s/;

/** A sentence that opens with its own connective ("Then he learned…", "So the mean…", "At first Felix…"). */
const OWN_CONNECTIVE = /^(?:so|then|thus|therefore|next|now|finally|also|first|at first|after that)\b,?\s+/i;
/** Of those, the ones a lead-in may drop: "Here is the idea: so the mean…" → "Here is the idea: the mean…". */
const DROPPABLE = /^(?:so|then|thus|therefore|next|now|finally|also)\b,?\s+(?=\S)/i;

/**
 * `sentence` after a connective ("First,", "Then,") or a lead-in ("Here is the idea:"). A sentence
 * with a connective of its own keeps it and takes no other ("Then, then he learned" would repeat it),
 * except that a lead-in drops a bare "so"/"then" from the sentence instead.
 */
export function joinConnective(connective: string, sentence: string): string {
  if (OWN_CONNECTIVE.test(sentence)) {
    if (!connective.endsWith(':')) return `${sentence[0].toUpperCase()}${sentence.slice(1)}`;
    const rest = sentence.replace(DROPPABLE, '');
    if (rest !== sentence) return joinConnective(connective, rest);
  }
  // The text before the first whitespace: `sentence.split(/\s+/)[0]` without splitting the rest.
  const space = SPACE.exec(sentence);
  const first = space ? sentence.slice(0, space.index) : sentence;
  // "Factor:" and "Simplified," are looked up without their punctuation.
  if (LOWERABLE.has(first.toLowerCase().replace(/[:,]$/, '')) && (first.length === 1 || first !== first.toUpperCase())) {
    return `${connective} ${sentence[0].toLowerCase()}${sentence.slice(1)}`;
  }
  return `${connective} ${sentence}`;
}

/**
 * A lesson's labelled line: "Mode: the value …", "Subject–verb agreement: a singular subject …" —
 * at most three words and no verb of being, so a clause before a colon ("Each section is split
 * into two modules: …", "Use a line of best fit: …") is not taken for a label.
 */
const LABEL = /^([A-Z][\p{L}–'’-]*(?: [\p{L}–'’-]+){0,2}):\s+(?=\S)/u;
const NOT_LABEL = /\b(?:is|are|was|were|has|have|can|must|use)\b/i;

/**
 * A passage sentence after a reply's lead-in ("From the lesson:"). A labelled line would put two
 * colons in a row ("From the lesson: Mode: the value …"); the label joins the lead-in instead:
 * "From the lesson, on mode: the value that appears most often." Other sentences as `joinConnective`.
 */
export function quoteAfterLead(lead: string, sentence: string): string {
  const m = lead.endsWith(':') ? LABEL.exec(sentence) : null;
  if (!m || NOT_LABEL.test(m[1])) return joinConnective(lead, sentence);
  const label = m[1].split(/\s+/)[0] === m[1].split(/\s+/)[0].toUpperCase() ? m[1] : `${m[1][0].toLowerCase()}${m[1].slice(1)}`;
  return `${lead.slice(0, -1)}, on ${label}: ${sentence.slice(m[0].length)}`;
}
