/**
 * Cross-Text Connections: two short texts, labelled Text 1 and Text 2. Text 2 answers
 * Text 1 with new evidence, shares common ground with it, qualifies its conclusion with a
 * limitation, or defends what Text 1 criticises. The key is built from the slot that
 * carries Text 2's move (finding, shared premise, limitation, effect).
 */
import { cap, family, fill, mustContain, num, PEOPLE, rwGenerator, sentence, wrong, type RwDraft, type Spec } from '../rw-info/kit.ts';
import { drawProfile, drawStudy, profileSlots, studySlots } from '../rw-info/slots.ts';

const paired = (t1: string, t2: string) => `Text 1\n${t1}\n\nText 2\n${t2}`;

/** Study slots plus a second person (the other text's author or researcher). */
function pairSlots(spec: Spec): Record<string, string> {
  const s = studySlots(spec);
  const q = PEOPLE[(num(spec, 'person') + num(spec, 'offset')) % PEOPLE.length];
  if (!q) throw new Error('spec.offset out of range');
  return { ...s, Role: cap(s.role), name2: q.name, last2: q.last, sub2: q.sub, Sub2: cap(q.sub), pos2: q.pos };
}
const drawPair = (rng: Parameters<typeof drawStudy>[0]) => ({ ...drawStudy(rng), offset: rng.int(1, PEOPLE.length - 1) });

// ---- Text 2 answers Text 1 with evidence --------------------------------------------------

const RESPOND_1 = [
  'When it comes to {topic}, many researchers hold that {assumption}. {name2} has defended this view for years, arguing that it best explains what {sub2} and others have observed in the field.',
  '{lead} {assumption}. In a widely read survey of research on {topic}, {name2} calls this the most economical explanation of the available observations.',
  'Few ideas about {topic} are as familiar as the claim that {assumption}. {name2}, for one, treats the claim as settled and builds {pos2} own work upon it.',
];
const RESPOND_2 = [
  '{Role} {name}, {aside}, {method}. {Sub} found that {finding}. In {pos} view, the results show that {implication}.',
  'Recently, {role} {name}, {aside}, {method}. The outcome was striking: {finding}. According to {last}, this {report} {implication}.',
];

const respondKey = (s: Record<string, string>) => `By arguing that the view is undermined by evidence that ${s.finding}`;

const respond = family({
  id: 'respond-finding',
  draw: (rng) => ({ ...drawPair(rng), t1: rng.int(0, RESPOND_1.length - 1), t2: rng.int(0, RESPOND_2.length - 1) }),
  render(spec): RwDraft {
    const s = pairSlots(spec);
    return {
      passage: paired(fill(RESPOND_1[num(spec, 't1')], s), fill(RESPOND_2[num(spec, 't2')], s)),
      stem: `Based on the texts, how would ${s.name} (Text 2) most likely respond to the view presented in Text 1?`,
      correct: respondKey(s),
      distractors: [
        wrong('By agreeing that the view is supported by the most recent evidence', 'Misreads Text 2 as endorsing the view its results count against.'),
        wrong('By claiming that the view is correct but has been tested too rarely', 'Text 2 does not accept the view; its evidence contradicts it.'),
        wrong(`By pointing out that ${s.irrelevant}`, 'True of the topic, perhaps, but Text 2 never raises it and it does not bear on the view.'),
      ],
      steps: [
        `Text 1 holds that ${s.assumption}.`,
        `Text 2 reports that ${s.finding}, and concludes that ${s.implication}.`,
        `So ${s.name} would say the evidence undermines Text 1's view.`,
      ],
    };
  },
  expectedKey: (spec) => respondKey(pairSlots(spec)),
  consistency: (spec, item) => mustContain(item, pairSlots(spec).finding, pairSlots(spec).assumption),
});

// ---- what both authors accept ---------------------------------------------------------

const COMMON_1 = [
  'It is well established that {shared}. The harder question concerns {topic}, and here the usual answer has been that {assumption}. {name2}, a longtime specialist, finds that answer persuasive.',
  'No one doubts that {shared}. What remains debated is {topic}. The standard account, which {name2} has long championed, holds that {assumption}.',
];
const COMMON_2 = [
  '{name} does not dispute that {shared}. But when {sub} {method}, {sub} found that {finding}. That result, {last} argues, {report} {implication}.',
  '{Role} {name} accepts that {shared}; the disagreement lies elsewhere. {Pos} team {method} and found that {finding}, which in {pos} view {report} {implication}.',
];

const common = family({
  id: 'common-ground',
  draw: (rng) => ({ ...drawPair(rng), t1: rng.int(0, COMMON_1.length - 1), t2: rng.int(0, COMMON_2.length - 1) }),
  render(spec): RwDraft {
    const s = pairSlots(spec);
    return {
      passage: paired(fill(COMMON_1[num(spec, 't1')], s), fill(COMMON_2[num(spec, 't2')], { ...s, Pos: cap(s.pos) })),
      stem: 'Based on the texts, both authors would most likely agree with which statement?',
      correct: sentence(s.shared),
      distractors: [
        wrong(sentence(s.assumption), 'Only Text 1 accepts this; Text 2 argues against it.'),
        wrong(sentence(s.implication), 'Only Text 2 draws this conclusion.'),
        wrong(sentence(s.broad), 'Neither text claims anything this sweeping.'),
      ],
      steps: [
        `Text 1 takes it as given that ${s.shared}; Text 2 accepts this too.`,
        'On the disputed question they part ways, so only the shared premise is common ground.',
      ],
    };
  },
  expectedKey: (spec) => sentence(pairSlots(spec).shared),
  consistency: (spec, item) => mustContain(item, pairSlots(spec).shared),
});

// ---- Text 2 qualifies Text 1's conclusion -------------------------------------------------

const LIMIT_1 = [
  '{Role} {name}, {aside}, {method}. {Sub} found that {finding}, and {sub} concludes that {implication}.',
  'In a new study, {role} {name}, {aside}, {method}. The results, {last} reports, show that {implication}: {finding}.',
];
const LIMIT_2 = [
  '{last}’s results are intriguing, but they should be interpreted with care. After all, {limitation}. Until similar work is done elsewhere, it would be premature to treat the conclusion as settled.',
  'I admire the care with which {last} carried out this work, yet I am not ready to accept its broad conclusion. The difficulty is simple: {limitation}. A pattern observed under such conditions may prove to be local.',
  'There is a gap between {last}’s evidence and {pos} conclusion. {limitation}, and nothing in the study shows that the same pattern would appear under other conditions.',
];

const limitKey = (s: Record<string, string>) => `By cautioning that the conclusion may not hold generally, since ${s.limitation}`;

const limitation = family({
  id: 'method-limitation',
  draw: (rng) => ({ ...drawPair(rng), t1: rng.int(0, LIMIT_1.length - 1), t2: rng.int(0, LIMIT_2.length - 1) }),
  render(spec): RwDraft {
    const s = pairSlots(spec);
    const t2 = fill(LIMIT_2[num(spec, 't2')], s);
    return {
      passage: paired(fill(LIMIT_1[num(spec, 't1')], s), num(spec, 't2') === 2 ? t2.replace(/(\. )([a-z])/, (_, p: string, c: string) => p + c.toUpperCase()) : t2),
      stem: 'Based on the texts, how would the author of Text 2 most likely respond to the conclusion in Text 1?',
      correct: limitKey(s),
      distractors: [
        wrong(`By rejecting the conclusion on the grounds that ${s.assumption}`, 'Text 2 questions how far the result generalises; it does not defend the older view.'),
        wrong('By accepting the conclusion without reservation', 'Ignores Text 2’s call for caution.'),
        wrong(`By noting that ${s.irrelevant}`, 'Beside the point: Text 2’s concern is the scope of the study.'),
      ],
      steps: [
        `Text 1 concludes that ${s.implication}.`,
        `Text 2 points out that ${s.limitation} and calls the conclusion premature.`,
        'So the author of Text 2 would caution that the conclusion may not generalise.',
      ],
    };
  },
  expectedKey: (spec) => limitKey(pairSlots(spec)),
  consistency: (spec, item) => mustContain(item, pairSlots(spec).limitation),
});

// ---- Text 2 defends what Text 1 criticises ----------------------------------------------

const CRITICS_1 = [
  'The {works} that {name} produced {era} are often praised, but I find them unconvincing. By {approach}, {name} gave up the {sacrifice} that {convention} provides. The result is work that is more novel than accomplished.',
  '{name}, who {background}, has many admirers, and I understand the appeal of {pos} {works}. Still, {pos} habit of {approach} costs {obj} the {sacrifice} that {convention} once guaranteed, and I count that a real loss.',
];
const CRITICS_2 = [
  'Those who fault {name} for abandoning the practice of {convention} miss what {pos} method achieves. Because {name} insisted on {approach}, {effect}. That achievement matters more than conformity to custom.',
  'It is true that {name} set aside the practice of {convention}. But judging {pos} {works} by that old standard misses the point: through {approach}, {name} ensured that {effect}.',
];

const criticsKey = (s: Record<string, string>) => `By arguing that the criticism overlooks a benefit of ${s.name}’s approach: ${s.effect}`;

const critics = family({
  id: 'profile-critics',
  draw: (rng) => ({ ...drawProfile(rng), t1: rng.int(0, CRITICS_1.length - 1), t2: rng.int(0, CRITICS_2.length - 1) }),
  render(spec): RwDraft {
    const s = profileSlots(spec);
    return {
      passage: paired(fill(CRITICS_1[num(spec, 't1')], s), fill(CRITICS_2[num(spec, 't2')], s)),
      stem: 'Based on the texts, how would the author of Text 2 most likely respond to the criticism in Text 1?',
      correct: criticsKey(s),
      distractors: [
        wrong(`By agreeing that ${s.name}’s ${s.works} lack ${s.sacrifice}`, 'Concedes the criticism, which Text 2 rejects.'),
        wrong(`By pointing out that ${s.name} ${s.background}`, 'Biography, not a reply: it does not answer the criticism.'),
        wrong(`By claiming that ${s.name} never actually abandoned the practice of ${s.convention}`, 'Contradicts both texts, which agree that the maker broke with the convention.'),
      ],
      steps: [
        `Text 1 faults ${s.name} for giving up ${s.sacrifice} by ${s.approach}.`,
        `Text 2 answers that the approach achieved something: ${s.effect}.`,
        'So Text 2 would say the criticism overlooks that benefit.',
      ],
    };
  },
  expectedKey: (spec) => criticsKey(profileSlots(spec)),
  consistency: (spec, item) => mustContain(item, profileSlots(spec).effect),
});

// ---- what a critic and an admirer both accept ---------------------------------------------

const SHARED_1 = [
  'Admirers of {name} praise {pos} {works} for {approach}. I cannot join them. {convention}, which {name} rejected {era}, was never a mere habit; it was how {discipline}s secured {sacrifice}, and nothing in {name}’s work replaces it.',
  '{name}, who {background}, is often described as a pioneer. {Sub} was certainly a rebel: {sub} turned away from the practice of {convention} in favor of {approach}. But rebellion is not achievement, and the {works} themselves, to my eye, sacrifice too much {sacrifice}.',
];
const SHARED_2 = 'Whatever one thinks of the results, the story of {name}’s career {era} is a story of departure. Where others held to the practice of {convention}, {name} chose {approach}, and {pos} defenders note that, as a result, {effect}.';

const sharedKey = (s: Record<string, string>) => `${s.name} broke with the common practice of ${s.convention}.`;

const profileCommon = family({
  id: 'profile-common',
  draw: (rng) => ({ ...drawProfile(rng), t1: rng.int(0, SHARED_1.length - 1) }),
  render(spec): RwDraft {
    const s = profileSlots(spec);
    const t1 = fill(SHARED_1[num(spec, 't1')], s);
    return {
      passage: paired(t1.replace(/(^|\. )([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase()), fill(SHARED_2, s)),
      stem: 'Based on the texts, both authors would most likely agree with which statement?',
      correct: sharedKey(s),
      distractors: [
        wrong(`${s.name}’s ${s.works} lack ${s.sacrifice}.`, 'Only the author of Text 1 makes this criticism.'),
        wrong(sentence(s.effect), 'Only Text 2 reports this result, and it reports it as the defenders’ view.'),
        wrong(`${s.name} should be ranked among the greatest ${s.discipline}s of ${s.pos} time.`, 'Neither text makes so strong a claim.'),
      ],
      steps: [
        `Text 1 criticises ${s.name} for abandoning the practice of ${s.convention}; Text 2 describes the same break.`,
        'They disagree about its value, but both accept that the break happened.',
      ],
    };
  },
  expectedKey: (spec) => sharedKey(profileSlots(spec)),
  consistency: (spec, item) => mustContain(item, profileSlots(spec).approach),
});

export const crossText = rwGenerator('rw.craft.cross-text', [respond, common, limitation, critics, profileCommon]);
