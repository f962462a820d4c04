/**
 * Command of Evidence. Textual: the finding that would support or weaken a researcher's
 * claim (the key is the scenario's `support` / `weaken` finding), and the quotation that
 * illustrates a claim about a character (the key is a quotation authored for that trait;
 * distractors show other traits). Quantitative families live in `evidence-quant.ts`.
 */
import { byId, CHARACTERS, family, fill, mustContain, num, PEOPLE, rwGenerator, sentence, str, wrong, type RwDraft, type Spec } from './kit.ts';
import { QUANT_FAMILIES } from './evidence-quant.ts';
import { GENRES, OCCUPATIONS, TITLE_ADJ, TITLE_NOUN, TRAITS, WORK_SETTINGS } from './quotes.ts';
import { drawStudy, studySlots } from './slots.ts';

const withRole = (s: Record<string, string>): Record<string, string> => ({ ...s, Role: s.role.charAt(0).toUpperCase() + s.role.slice(1) });

const SUPPORT_FRAMES = [
  '{lead} {assumption}. {Role} {name} doubts this. {Sub} {method} and found that {finding}. On the basis of these results, {last} claims that {implication}.',
  '{Role} {name}, {aside}, {method}. The results complicate a familiar account of {topic}, according to which {assumption}: {finding}. {last} argues that the best explanation is that {implication}.',
];

const support = family({
  id: 'textual-support',
  subtype: 'textual',
  draw: (rng, d) => ({ ...drawStudy(rng), frame: d === 'easy' ? 0 : d === 'hard' ? 1 : rng.int(0, 1) }),
  render(spec): RwDraft {
    const s = withRole(studySlots(spec));
    const noun = num(spec, 'frame') === 0 ? 'claim' : 'argument';
    return {
      passage: fill(SUPPORT_FRAMES[num(spec, 'frame')], s),
      stem: `Which finding, if true, would most directly support ${s.last}’s ${noun}?`,
      correct: sentence(s.support),
      distractors: [
        wrong(sentence(s.weaken), 'Weakens rather than supports: it is what the claim predicts should not happen.'),
        wrong(sentence(s.irrelevant), 'True of the topic but irrelevant: it bears on neither side of the claim.'),
        wrong(`Many textbooks still state that ${s.assumption}.`, 'Reports what others believe, which is not evidence either way.'),
      ],
      steps: [
        `${s.last} claims that ${s.implication}.`,
        `Support would be a result the claim predicts and the older view (${s.assumption}) does not.`,
        `That is the finding that ${s.support}.`,
      ],
    };
  },
  expectedKey: (spec) => sentence(studySlots(spec).support),
  consistency: (spec, item) => mustContain(item, studySlots(spec).implication),
});

const WEAKEN_FRAMES = [
  '{Role} {name} has proposed that {implication}. The proposal challenges the idea that {assumption}. In a pilot study, {last} {method}, and {pos} early results were encouraging.',
  '{lead} {assumption}. {Role} {name} disagrees, hypothesizing instead that {implication}. To begin testing the hypothesis, {sub} {method}.',
];

const weaken = family({
  id: 'textual-weaken',
  subtype: 'textual',
  draw: (rng, d) => ({ ...drawStudy(rng), frame: rng.int(0, 1), verb: d === 'hard' ? 1 : 0 }),
  render(spec): RwDraft {
    const s = withRole(studySlots(spec));
    const verb = num(spec, 'verb') === 1 ? 'undermine' : 'weaken';
    return {
      passage: fill(WEAKEN_FRAMES[num(spec, 'frame')], s),
      stem: `Which finding, if true, would most directly ${verb} ${s.last}’s hypothesis?`,
      correct: sentence(s.weaken),
      distractors: [
        wrong(sentence(s.support), `Supports the hypothesis instead of working to ${verb} it.`),
        wrong(sentence(s.irrelevant), 'True of the topic but irrelevant to the hypothesis.'),
        wrong(sentence(s.shared), 'Consistent with both views, so it cannot count against either.'),
      ],
      steps: [
        `The hypothesis is that ${s.implication}.`,
        'A finding weakens it if the hypothesis predicts the opposite result.',
        `That is the finding that ${s.weaken}.`,
      ],
    };
  },
  expectedKey: (spec) => sentence(studySlots(spec).weaken),
  consistency: (spec, item) => mustContain(item, studySlots(spec).implication),
});

// ---- quotation illustrating a claim about a character ----------------------------------

const QUOTE_FRAMES = [
  '“{title}” is a {year} {genre} by {author}. The {genre}, set {setting}, follows {name}, a {occupation}. Throughout the {genre}, {author} portrays {name} as someone who {trait}, as when the narrator observes, ______',
  'In {author}’s {genre} “{title},” which takes place {setting}, {name} is a {occupation} who {trait}. A student writing about the {genre} claims that this quality shapes nearly every scene in which {name} appears.',
];

function quoteSlots(spec: Spec) {
  const c = CHARACTERS[num(spec, 'character')];
  const author = PEOPLE[num(spec, 'author')];
  const trait = byId(TRAITS, str(spec, 'trait'));
  if (!c || !author) throw new Error('quote spec out of range');
  const pron = (t: string) => t.replace(/\{name\}/g, c.name).replace(/\{sub\}/g, c.sub).replace(/\{pos\}/g, c.pos).replace(/\{obj\}/g, c.obj);
  return {
    slots: {
      title: `The ${TITLE_ADJ[num(spec, 'adj')]} ${TITLE_NOUN[num(spec, 'noun')]}`,
      year: String(num(spec, 'year')),
      genre: GENRES[num(spec, 'genre')],
      author: author.name,
      setting: WORK_SETTINGS[num(spec, 'setting')],
      occupation: OCCUPATIONS[num(spec, 'occupation')],
      name: c.name,
      trait: pron(num(spec, 'formal') === 1 ? trait.formal : trait.plain),
    },
    quote: (traitId: string, i: number) => pron(byId(TRAITS, traitId).quotes[i] ?? ''),
  };
}

const quotation = family({
  id: 'textual-quotation',
  subtype: 'textual',
  draw(rng, d) {
    const [t, ...others] = rng.sample(TRAITS, 4);
    return {
      trait: t.id,
      quote: rng.int(0, t.quotes.length - 1),
      others: others.map((o) => o.id),
      otherQuotes: others.map((o) => rng.int(0, o.quotes.length - 1)),
      formal: d === 'hard' ? 1 : 0,
      frame: rng.int(0, 1),
      character: rng.int(0, CHARACTERS.length - 1),
      author: rng.int(0, PEOPLE.length - 1),
      adj: rng.int(0, TITLE_ADJ.length - 1),
      noun: rng.int(0, TITLE_NOUN.length - 1),
      year: rng.int(1901, 1995),
      genre: rng.int(0, GENRES.length - 1),
      setting: rng.int(0, WORK_SETTINGS.length - 1),
      occupation: rng.int(0, OCCUPATIONS.length - 1),
    };
  },
  render(spec): RwDraft {
    const { slots, quote } = quoteSlots(spec);
    const others = spec.others as string[];
    const oq = spec.otherQuotes as number[];
    const claim = num(spec, 'frame') === 0 ? 'the claim' : 'the student’s claim';
    return {
      passage: fill(QUOTE_FRAMES[num(spec, 'frame')], slots),
      stem: `Which quotation from “${slots.title}” most effectively illustrates ${claim}?`,
      correct: quote(str(spec, 'trait'), num(spec, 'quote')),
      distractors: others.map((id, i) =>
        wrong(quote(id, oq[i]), `Shows a different trait (${byId(TRAITS, id).id}), not that ${slots.name} ${slots.trait}.`),
      ),
      steps: [
        `The claim is that ${slots.name} ${slots.trait}.`,
        'The right quotation shows that trait in action; the others show the character being something else entirely.',
      ],
    };
  },
  expectedKey: (spec) => quoteSlots(spec).quote(str(spec, 'trait'), num(spec, 'quote')),
  consistency(spec, item) {
    const others = spec.others as string[] | undefined;
    const trait = str(spec, 'trait');
    if (!others || others.includes(trait)) return 'distractor traits must differ from the claimed trait';
    const q = quoteSlots(spec);
    const own = byId(TRAITS, trait).quotes.map((_, i) => q.quote(trait, i));
    const keyed = q.quote(trait, num(spec, 'quote'));
    if ((item.options ?? []).some((o) => o !== keyed && own.includes(o))) return 'a second option also illustrates the trait';
    return mustContain(item, q.slots.trait);
  },
});

export const evidence = rwGenerator('rw.info.evidence', [support, weaken, quotation, ...QUANT_FAMILIES]);
