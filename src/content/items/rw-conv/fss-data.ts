/**
 * Word tables for Form, Structure, and Sense. The generator reads the explicit forms;
 * the verifier judges options with its own morphology and number rules, so a wrong table
 * entry shows up as a verification failure rather than a wrong key.
 */

/** Reporting verbs for agreement items, with every form spelled out. */
export const AGREEMENT_VERBS = [
  { base: 'suggest', s: 'suggests', pp: 'suggested', ing: 'suggesting', tail: '' },
  { base: 'indicate', s: 'indicates', pp: 'indicated', ing: 'indicating', tail: '' },
  { base: 'show', s: 'shows', pp: 'shown', ing: 'showing', tail: '' },
  { base: 'support', s: 'supports', pp: 'supported', ing: 'supporting', tail: ' the view' },
] as const;

/** Regular verbs for tense items, with the object they take (from the topic). */
export const TENSE_VERBS = [
  { base: 'study', past: 'studied', ing: 'studying', obj: 'subject' },
  { base: 'investigate', past: 'investigated', ing: 'investigating', obj: 'subject' },
  { base: 'examine', past: 'examined', ing: 'examining', obj: 'tool0' },
  { base: 'catalog', past: 'cataloged', ing: 'cataloging', obj: 'tool1' },
  { base: 'analyze', past: 'analyzed', ing: 'analyzing', obj: 'tool0' },
] as const;

export const TENSES = ['past', 'present-perfect', 'future', 'present-progressive', 'past-perfect'] as const;
export type Tense = (typeof TENSES)[number];

/** Time markers and the tense each one requires (single-subject sentences). */
export const TIME_MARKERS: readonly { id: string; text: string; tense: Tense }[] = [
  { id: 'in-year', text: 'In {year},', tense: 'past' },
  { id: 'summer-of', text: 'During the summer of {year},', tense: 'past' },
  { id: 'decades-ago', text: 'Two decades ago,', tense: 'past' },
  { id: 'since-year', text: 'Since {year},', tense: 'present-perfect' },
  { id: 'ever-since', text: 'Ever since {year},', tense: 'present-perfect' },
  { id: 'next-year', text: 'Next year,', tense: 'future' },
  { id: 'next-spring', text: 'Beginning next spring,', tense: 'future' },
  { id: 'currently', text: 'Currently,', tense: 'present-progressive' },
  { id: 'at-present', text: 'At present,', tense: 'present-progressive' },
];

/**
 * Distractor tenses per required tense. Present progressive is never a distractor for the
 * future (it can express plans), and past perfect is used only where no past event is in view.
 */
export const WRONG_TENSES: Record<Tense, readonly Tense[]> = {
  past: ['present-perfect', 'future', 'present-progressive'],
  'present-perfect': ['past', 'future', 'present-progressive'],
  future: ['past', 'present-perfect', 'past-perfect'],
  'present-progressive': ['past', 'present-perfect', 'future'],
  'past-perfect': [],
};

/** Helpers who assist a researcher (regular plurals). */
export const HELPERS = ['volunteer', 'assistant', 'student', 'colleague', 'intern', 'technician', 'reviewer'] as const;

/** Number cues for possessive/plural items: the determiner fixes how many helpers are meant. */
export const NUMBER_CUES = { 'dozens of': 'plural', several: 'plural', one: 'singular', each: 'singular' } as const;
