import { SKILLS, type SkillId } from '../../content/taxonomy.ts';
import type { CheckResult } from '../task.ts';
import { PhraseSet } from './phrases.ts';
import { escapeRe } from './pii.ts';

/**
 * Multi-word skill names are matched case-insensitively; one-word names (which are also
 * ordinary English words) only with their capital, so prose about the plain word
 * for a percent or a transition is not mistaken for naming a skill. Letter look-arounds keep
 * the linear-functions name from matching inside the nonlinear-functions name.
 */
const matchers = SKILLS.map((s) => {
  const oneWord = !/\s/.test(s.name);
  const body = escapeRe(s.name);
  return { id: s.id, re: new RegExp(`(?<![\\p{L}-])${body}(?![\\p{L}])`, oneWord ? 'gu' : 'giu') };
});
/** Every name, case-insensitively: a superset of what the patterns above can match. */
const names = new PhraseSet(SKILLS.map((s) => s.name), 'iu');

/**
 * Each mention of a skill's name, in text order. A match lying inside a longer skill name's
 * match is not a mention of its own (the linear-two-var name sits inside the systems name). One
 * scan finds the names present; only their patterns run.
 */
export function skillMentions(text: string): { id: SkillId; start: number; end: number }[] {
  const spans: { id: SkillId; start: number; end: number }[] = [];
  const present = names.scan(text);
  for (let i = 0; i < matchers.length; i++) {
    if (!present[i]) continue;
    const m = matchers[i];
    // An exec loop over the shared pattern (names are never empty, so every match advances).
    m.re.lastIndex = 0;
    for (let hit = m.re.exec(text); hit !== null; hit = m.re.exec(text)) {
      spans.push({ id: m.id, start: hit.index, end: hit.index + hit[0].length });
    }
  }
  return spans
    .filter((a) => !spans.some((b) => b !== a && b.start <= a.start && b.end >= a.end && b.end - b.start > a.end - a.start))
    .sort((a, b) => a.start - b.start);
}

/** Skills whose name appears in the text (`skillMentions`, each skill once). */
export function skillsMentioned(text: string): SkillId[] {
  return [...new Set(skillMentions(text).map((s) => s.id))];
}

/**
 * The output names at least one of `expected` (when `requireOne`) and no taxonomy skill
 * outside `allowed` (defaults to `expected`).
 */
export function skillNamed(
  text: string,
  expected: readonly SkillId[],
  opts: { requireOne?: boolean; allowed?: readonly SkillId[]; name?: string } = {},
): CheckResult {
  const allowed = new Set<string>(opts.allowed ?? expected);
  const mentioned = skillsMentioned(text);
  const foreign = mentioned.filter((id) => !allowed.has(id));
  const named = mentioned.some((id) => expected.includes(id));
  const name = opts.name ?? 'skill-named';
  if (foreign.length) return { name, pass: false, critical: true, reason: `names skills not in the input: ${foreign.join(', ')}` };
  if ((opts.requireOne ?? true) && !named) {
    return { name, pass: false, critical: true, reason: `names none of: ${expected.join(', ')}` };
  }
  return { name, pass: true, critical: true };
}
