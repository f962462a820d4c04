/**
 * Free-text PII scrubbing for training data. Each detector replaces what it finds by a
 * typed placeholder; the order matters (URLs before emails before handles, so an address
 * inside a link is one `[URL]`, and `@domain` of an email is never read as a handle).
 * Names are matched word by word, two ways: every part of the names of the people the record
 * is about (in any case), and any capitalised word that is a known name (every user in the
 * database plus a short list of common given names); adjacent names become one `[NAME]`.
 *
 * `residualPii` is the after-check: it runs the independent detectors of ai/checks/pii.ts
 * and a digit-run detector; a record that still trips one is dropped, not repaired.
 */
import { findEmails, findPhones } from '../ai/checks/pii.ts';

export const PLACEHOLDERS = ['[EMAIL]', '[PHONE]', '[ADDRESS]', '[URL]', '[HANDLE]', '[NAME]', '[ID]'] as const;

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;
const EMAIL_RE = /[\p{L}\p{N}._%+-]+\s*(?:@|\[at\]|\(at\))\s*[\p{L}\p{N}-]+(?:\s*(?:\.|\[dot\]|\(dot\))\s*[\p{L}\p{N}-]+)*\s*(?:\.|\[dot\]|\(dot\))\s*[A-Za-z]{2,}/gu;
/** A run of 10–15 digits with the usual separators, optionally with +CC and an (area) code. */
const PHONE_CANDIDATE = /(?<![\w+])\+?\(?\d[\d\s().-]{8,20}\d(?!\w)/g;
const STREET_TYPES = 'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Circle|Cir|Parkway|Pkwy|Highway|Hwy';
const ADDRESS_RE = new RegExp(
  `\\b\\d{1,6}\\s+(?:[NSEW]\\.?\\s+)?(?:[A-Z][\\p{L}'-]*\\s+){1,3}(?:${STREET_TYPES})\\b\\.?(?:,?\\s*(?:Apt|Apartment|Unit|Suite|#)\\.?\\s*[\\w-]+)?(?:,\\s*[A-Z][\\p{L}]+(?:\\s[A-Z][\\p{L}]+)?)?(?:,?\\s*[A-Z]{2})?(?:\\s+\\d{5}(?:-\\d{4})?)?`,
  'gu',
);
const HANDLE_RE = /(?<![\p{L}\p{N}_@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?/gu;
const UUID_RE = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/**
 * A name nobody knows (a friend, a sibling) is found by its cue: up to three capitalised
 * words after "my friend", "named", "I'm" and the like.
 */
const CUED_NAME = /(?<=\b(?:friends?|classmates?|sister|brother|cousin|mom|mother|dad|father|teacher|coach|named|called|name is|I'm|I am|this is)\s+)\p{Lu}[\p{Ll}'-]+(?:\s+\p{Lu}[\p{Ll}'-]+){0,2}/gu;
const UUID_ONE = new RegExp(UUID_RE.source, 'i');
/**
 * Cheap necessary conditions, tested before the patterns they guard (the same matches, a
 * fraction of the scan): a cued name needs its cue, blanks and a capital in a row (without
 * the costly look-behind); a UUID needs hyphens 5, 10 and 15 characters after its first.
 */
const CUE_AHEAD = /(?:friends?|classmates?|sister|brother|cousin|mom|mother|dad|father|teacher|coach|named|called|name is|I'm|I am|this is)\s+\p{Lu}/u;
function mayHoldUuid(s: string): boolean {
  for (let i = s.indexOf('-'); i >= 0; i = s.indexOf('-', i + 1)) {
    if (s.charCodeAt(i + 5) === 45 && s.charCodeAt(i + 10) === 45 && s.charCodeAt(i + 15) === 45) return true;
  }
  return false;
}
const DIGIT_RUN = /\d(?:[\s().-]?\d){9,}/g;

/** Common given names, for people the database does not know (a friend named in a chat). */
export const COMMON_NAMES = [
  'Aaliyah', 'Aiden', 'Alejandro', 'Amara', 'Ana', 'Andre', 'Ava', 'Benjamin', 'Brianna', 'Camila', 'Carlos', 'Chloe',
  'Daniel', 'Diego', 'Elena', 'Elijah', 'Emily', 'Emma', 'Ethan', 'Fatima', 'Gabriel', 'Grace', 'Hannah', 'Isabella',
  'Jacob', 'Jamal', 'Jasmine', 'Jayden', 'Jessica', 'Jordan', 'Joshua', 'Kevin', 'Layla', 'Liam', 'Lucas', 'Luis',
  'Madison', 'Maria', 'Mateo', 'Mia', 'Michael', 'Mohammed', 'Natalie', 'Noah', 'Olivia', 'Omar', 'Priya', 'Rahul',
  'Samantha', 'Sofia', 'Sophia', 'Tyler', 'Valentina', 'Wei', 'Xavier', 'Yusuf', 'Zoe',
];

/** Words that are names in a users table but ordinary words in text; never scrubbed alone. */
const NOT_NAMES = new Set(['student', 'tutor', 'parent', 'admin', 'teacher', 'user', 'test', 'the', 'and', 'question', 'answer']);

/** Known name tokens, lower-cased: the names of every user plus the common-names list. */
export class NameIndex {
  private readonly tokens = new Set<string>();
  constructor(names: Iterable<string> = []) {
    for (const n of COMMON_NAMES) this.addName(n);
    for (const n of names) this.addName(n);
  }
  addName(name: string): void {
    for (const t of nameTokens(name)) this.tokens.add(t.toLowerCase());
  }
  has(token: string): boolean {
    return this.tokens.has(token.toLowerCase());
  }
}

function nameTokens(name: string): string[] {
  return name.split(/[^\p{L}'-]+/u).filter((t) => t.length >= 3 && !NOT_NAMES.has(t.toLowerCase()));
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) n++;
  return n;
}

/** A candidate digit run is a phone number when it has 10–15 digits (NANP and E.164 lengths). */
function scrubPhones(text: string): string {
  return text.replace(PHONE_CANDIDATE, (m) => {
    const d = digitCount(m);
    return d >= 10 && d <= 15 ? '[PHONE]' : m;
  });
}

/**
 * The names of the people a record is about, as a set of lower-cased tokens: every part of
 * each name (3 letters or more) and, for a hyphenated or apostrophised part, its pieces too.
 * Built once per set of people (the consent stage caches them); matching is a set lookup per
 * word of the text, with no pattern compiled per person.
 */
export interface NamePatterns {
  tokens: ReadonlySet<string>;
}

export function compileNames(people: readonly string[]): NamePatterns {
  const tokens = new Set<string>();
  for (const name of people) {
    for (const t of nameTokens(name.trim())) {
      tokens.add(t.toLowerCase());
      for (const piece of t.split(/['’-]/)) if (piece.length >= 3 && !NOT_NAMES.has(piece.toLowerCase())) tokens.add(piece.toLowerCase());
    }
  }
  return { tokens };
}

const patternsOf = (people: readonly string[] | NamePatterns): NamePatterns => ('tokens' in people ? people : compileNames(people as readonly string[]));

const URL_HINT = /https?:\/\/|www\./i;
/** A word: letters, optionally joined by an apostrophe or a hyphen ("O'Neil", "Mary-Jo"). */
const WORD = /\p{L}+(?:['’-]\p{L}+)*/gu;
const CAPITALISED = /^\p{Lu}[\p{Ll}'’-]{2,}$/u;
const CAPITALISED_WORD = /\p{Lu}\p{L}*(?:['’-]\p{L}+)*/gu;
const POSSESSIVE = /['’]s$/;

/** Whether a word names someone: one of the record's people (in any case), or a known name written capitalised. */
function isName(word: string, names: NamePatterns, index: NameIndex | null): boolean {
  const lw = word.toLowerCase();
  const bare = lw.replace(POSSESSIVE, '');
  if (names.tokens.has(lw) || names.tokens.has(bare)) return true;
  const pieces = /['’-]/.test(bare) ? bare.split(/['’-]/) : null;
  if (pieces?.some((p) => names.tokens.has(p))) return true;
  if (!index) return false;
  if (CAPITALISED.test(word) && index.has(word.replace(POSSESSIVE, ''))) return true;
  return pieces !== null && word.split(/['’-]/).some((p) => CAPITALISED.test(p) && index.has(p));
}

/**
 * Replace PII in `text`. `people` are the full names of those the record is about (the
 * student and their linked tutors and parents), or their compiled tokens: each part of
 * their names is replaced in any case; other capitalised words are replaced when `index`
 * knows them. Adjacent replaced words become one `[NAME]` ("Ana Lima" → `[NAME]`).
 */
export function scrubText(text: string, people: readonly string[] | NamePatterns, index: NameIndex): string {
  const names = patternsOf(people);
  // The cheap tests skip a pattern's full scan when the text cannot contain a match.
  let s = URL_HINT.test(text) ? text.replace(URL_RE, '[URL]') : text;
  if (s.indexOf('@') >= 0 || /\[at\]|\(at\)/i.test(s)) s = s.replace(EMAIL_RE, '[EMAIL]');
  s = s.replace(ADDRESS_RE, '[ADDRESS]');
  s = scrubPhones(s);
  if (s.indexOf('@') >= 0) s = s.replace(HANDLE_RE, '[HANDLE]');
  if (mayHoldUuid(s)) s = s.replace(UUID_RE, '[ID]');
  if (CUE_AHEAD.test(s)) s = s.replace(CUED_NAME, '[NAME]');
  let replaced = false;
  // Every word when one of the people's names may be there (any case); else only capitalised words can be known names.
  let anyPerson = false;
  if (names.tokens.size) {
    const lower = s.toLowerCase();
    for (const t of names.tokens) if (lower.includes(t)) { anyPerson = true; break; }
  }
  s = s.replace(anyPerson ? WORD : CAPITALISED_WORD, (w, at: number) => {
    // A word inside a placeholder (`[NAME]`) or the tail of a longer word ("iPhone") is not a name.
    if (at > 0 && (s.charCodeAt(at - 1) === 91 || isLetterAt(s, at - 1))) return w;
    if (!isName(w, names, index)) return w;
    replaced = true;
    return '[NAME]';
  });
  return replaced ? s.replace(/\[NAME\](?:[ \t]+\[NAME\])+/g, '[NAME]') : s;
}

/** Scrub every string inside a JSON value; object keys are kept. */
export function scrubValue(value: unknown, people: readonly string[] | NamePatterns, index: NameIndex): unknown {
  if (typeof value === 'string') return scrubText(value, people, index);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, people, index));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, people, index)]));
  }
  return value;
}

/**
 * The first kind of PII still present after scrubbing, or null. Uses the detectors of
 * ai/checks/pii.ts (independent of the scrubber's own patterns), a long digit run, a raw
 * UUID, and the names of the people the record is about.
 */
export function residualPii(text: string, people: readonly string[] | NamePatterns): string | null {
  return residualPattern(text) ?? (mentionsName(text, patternsOf(people)) ? 'name' : null);
}

/** The pattern part of the residual check (everything but the people's names). */
export function residualPattern(text: string): string | null {
  if (findEmails(text).length) return 'email';
  if (findPhones(text).length) return 'phone';
  if (text.indexOf('@') >= 0 && /\S+@\S+\.\w{2,}/.test(text)) return 'email-like';
  for (const m of text.matchAll(DIGIT_RUN)) if (digitCount(m[0]) >= 10) return 'digit-run';
  if (mayHoldUuid(text) && UUID_ONE.test(text)) return 'uuid';
  return null;
}

const LETTER = /\p{L}/u;
const isLetterAt = (s: string, i: number) => i >= 0 && i < s.length && LETTER.test(s[i]);

/** Whether any of the people's name tokens stands as a word (or a word's piece) in the text, in any case. */
export function mentionsName(text: string, names: NamePatterns): boolean {
  if (!names.tokens.size) return false;
  const lower = text.toLowerCase();
  for (const t of names.tokens) {
    for (let i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + 1)) {
      if (!isLetterAt(lower, i - 1) && !isLetterAt(lower, i + t.length)) return true;
    }
  }
  return false;
}
