/**
 * Free-text PII scrubbing for training data. Each detector replaces what it finds by a
 * typed placeholder; the order matters (URLs before emails before handles, so an address
 * inside a link is one `[URL]`, and `@domain` of an email is never read as a handle).
 * Names are matched two ways: the exact names of the people the record is about (full name,
 * then each part), and any capitalised token that is a known name (every user in the
 * database plus a short list of common given names).
 *
 * `residualPii` is the after-check: it runs the independent detectors of ai/checks/pii.ts
 * and a digit-run detector; a record that still trips one is dropped, not repaired.
 */
import { escapeRe, findEmails, findPhones } from '../ai/checks/pii.ts';

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
 * Replace PII in `text`. `people` are the full names of those the record is about (the
 * student and their linked tutors and parents): each whole name and each of its parts is
 * replaced in any case; other capitalised tokens are replaced when `index` knows them.
 */
export function scrubText(text: string, people: readonly string[], index: NameIndex): string {
  let s = text.replace(URL_RE, '[URL]');
  s = s.replace(EMAIL_RE, '[EMAIL]');
  s = s.replace(ADDRESS_RE, '[ADDRESS]');
  s = scrubPhones(s);
  s = s.replace(HANDLE_RE, '[HANDLE]');
  s = s.replace(UUID_RE, '[ID]');
  s = s.replace(CUED_NAME, '[NAME]');
  const parts = new Set<string>();
  for (const full of people) {
    const f = full.trim();
    if (f.includes(' ')) s = s.replace(new RegExp(`(?<![\\p{L}])${escapeRe(f).replace(/\s+/g, '\\s+')}(?![\\p{L}])`, 'giu'), '[NAME]');
    for (const t of nameTokens(f)) parts.add(t);
  }
  for (const p of [...parts].sort((a, b) => b.length - a.length)) {
    s = s.replace(new RegExp(`(?<![\\p{L}])${escapeRe(p)}(?![\\p{L}])`, 'giu'), '[NAME]');
  }
  return s.replace(/(?<![\p{L}[])\p{Lu}[\p{Ll}'-]{2,}(?![\p{L}])/gu, (w) => (index.has(w.replace(/'s$/, '')) ? '[NAME]' : w));
}

/** Scrub every string inside a JSON value; object keys are kept. */
export function scrubValue(value: unknown, people: readonly string[], index: NameIndex): unknown {
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
export function residualPii(text: string, people: readonly string[]): string | null {
  if (findEmails(text).length) return 'email';
  if (findPhones(text).length) return 'phone';
  if (/\S+@\S+\.\w{2,}/.test(text)) return 'email-like';
  for (const m of text.matchAll(DIGIT_RUN)) if (digitCount(m[0]) >= 10) return 'digit-run';
  if (new RegExp(UUID_RE.source, 'i').test(text)) return 'uuid';
  const lower = text.toLowerCase();
  for (const full of people) for (const t of nameTokens(full)) {
    if (new RegExp(`(?<![\\p{L}])${escapeRe(t.toLowerCase())}(?![\\p{L}])`, 'u').test(lower)) return 'name';
  }
  return null;
}
