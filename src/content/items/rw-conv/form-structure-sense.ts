/**
 * Form, Structure, and Sense: agreement, tense, possessives and modifier placement. Each
 * family records the grammatical features that decide the answer (subject head noun,
 * antecedent, time marker, number cue, the modifier's doer); the verifier recomputes the
 * required form from those features with its own number and morphology rules.
 */
import type { Rng } from '../../../lib/rng.ts';
import { type Difficulty, type Item, type SkillGenerator, type VerifyResult } from '../../item.ts';
import { buildMcq, type Distractor } from '../build.ts';
import { BLANK, cap, recentYear, splitLast } from '../rw-expr/text.ts';
import { TOPICS, possOf, topicById, type Topic } from '../rw-expr/topics.ts';
import { verifyOptionsByRule, countBlanks, drawFrame, framePassage, padFrame, settleLead, who, type Frame } from './context.ts';
import { AGREEMENT_VERBS, HELPERS, NUMBER_CUES, TENSE_VERBS, TIME_MARKERS, WRONG_TENSES, type Tense } from './fss-data.ts';

const SKILL = 'rw.conv.form-structure-sense' as const;
const STEM = 'Which choice completes the text so that it conforms to the conventions of Standard English?';

export const FSS_FAMILIES = ['subject-verb-agreement', 'pronoun-antecedent', 'verb-tense', 'possessive-plural', 'dangling-modifier'] as const;
type Family = (typeof FSS_FAMILIES)[number];

const FAMILIES_BY_DIFFICULTY: Record<Difficulty, readonly Family[]> = {
  easy: ['subject-verb-agreement', 'pronoun-antecedent', 'verb-tense', 'possessive-plural'],
  medium: FSS_FAMILIES,
  // Listed twice: modifier placement is the hardest rule here, and it keeps every family under 30% of a balanced bank.
  hard: ['subject-verb-agreement', 'pronoun-antecedent', 'verb-tense', 'dangling-modifier', 'dangling-modifier'],
};

type FssSpec = Frame & { family: Family } & (
    | { rule: 'subject-verb-agreement'; head: string; verbBase: string; tail: string }
    | { rule: 'pronoun-antecedent'; antecedent: string }
    | { rule: 'verb-tense'; marker: string; verbBase: string }
    | { rule: 'possessive-plural'; noun: string; cue: keyof typeof NUMBER_CUES; possessive: boolean }
    | { rule: 'dangling-modifier'; doer: string }
  );

interface Draft {
  spec: FssSpec;
  sentence: string;
  correct: string;
  distractors: Distractor[];
  steps: string[];
}

const headOf = (np: string) => splitLast(np)[1];
type Num = 'singular' | 'plural';

function agreement(rng: Rng, t: Topic, f: Frame, difficulty: Difficulty): Draft {
  const s = who(f);
  const subjects: { text: string; head: string; hard: boolean }[] = [
    { text: `${s}'s analysis of the ${t.tools[0]} and ${t.tools[1]}`, head: 'analysis', hard: false },
    { text: `The evidence from the ${t.tools[0]} and the ${t.tools[1]}`, head: 'evidence', hard: false },
    { text: `Recent studies of ${t.subject}`, head: 'studies', hard: false },
    { text: `The findings of ${s}'s long study of ${t.subject}`, head: 'findings', hard: true },
    { text: `Each of the ${t.tools[0]} that ${s} examined`, head: 'each', hard: true },
    { text: `The ${t.tools[0]} gathered during ${s}'s study of ${t.subject}`, head: headOf(t.tools[0]), hard: true },
    { text: `The team of researchers working with ${s}`, head: 'team', hard: true },
  ];
  const subj = rng.pick(subjects.filter((x) => x.hard === (difficulty === 'hard') || difficulty === 'medium'));
  const verb = subj.head === 'team' ? AGREEMENT_VERBS[3] : rng.pick(AGREEMENT_VERBS);
  const plural = ['studies', 'findings'].includes(subj.head) || (!['analysis', 'evidence', 'each', 'team'].includes(subj.head));
  const sg = [`${verb.s}`, `has ${verb.pp}`, `is ${verb.ing}`].map((v) => v + verb.tail);
  const pl = [`${verb.base}`, `have ${verb.pp}`, `are ${verb.ing}`].map((v) => v + verb.tail);
  const [right, wrong] = plural ? [pl, sg] : [sg, pl];
  const correct = rng.chance(0.75) ? right[0] : right[1];
  const why: Record<string, string> = {
    each: '"Each" is singular, whatever follows "of the".',
    team: '"Team" is a collective noun naming one group, so it takes a singular verb.',
    evidence: '"Evidence" is a mass noun and takes a singular verb.',
    analysis: '"Analysis" is singular; the nouns after "of" only describe it.',
  };
  return {
    spec: { ...f, family: 'subject-verb-agreement', rule: 'subject-verb-agreement', head: subj.head, verbBase: verb.base, tail: verb.tail },
    sentence: `${subj.text} ${BLANK} that ${t.finding}.`,
    correct,
    distractors: wrong.map((w) => ({
      text: w,
      reason: `"${w}" is ${plural ? 'singular' : 'plural'}, but the subject's head noun "${subj.head}" is ${plural ? 'plural' : 'singular'}${plural ? '' : '; the plural nouns between it and the verb are only modifiers'}.`,
    })),
    steps: [
      `The subject of the verb in the blank is "${subj.text}", whose head noun is "${subj.head}".`,
      why[subj.head] ?? `"${subj.head}" is plural, so the verb must be plural too.`,
      `The only ${plural ? 'plural' : 'singular'} verb among the choices is "${correct}".`,
    ],
  };
}

const PRONOUN_OPTIONS = ["its", "their", "it's", "they're"] as const;

function pronoun(rng: Rng, t: Topic, f: Frame, difficulty: Difficulty): Draft {
  const s = who(f);
  const frames = [
    { text: `${s}'s research team published ${BLANK} first report on ${t.subject} in ${recentYear(rng)}.`, ant: 'team', np: `${t.surname}'s research team`, hard: false },
    { text: `${s}'s study of ${t.subject} drew attention for ${BLANK} unusual method.`, ant: 'study', np: `${t.surname}'s study`, hard: false },
    { text: `${s} examined the ${t.tools[0]} closely and recorded ${BLANK} condition in a detailed catalog.`, ant: headOf(t.tools[0]), np: `the ${t.tools[0]}`, hard: false },
    { text: `Other ${t.role}s soon adopted ${s}'s approach in ${BLANK} own studies.`, ant: `${headOf(t.role)}s`, np: `other ${t.role}s`, hard: true },
    { text: `The journal that published ${s}'s first article on ${t.subject} doubled ${BLANK} print run the following year.`, ant: 'journal', np: 'the journal', hard: true },
    { text: `The ${t.tools[1]} that ${s} consulted were hard to interpret, since ${BLANK} original order had been lost.`, ant: headOf(t.tools[1]), np: `the ${t.tools[1]}`, hard: true },
  ];
  const fr = rng.pick(frames.filter((x) => x.hard === (difficulty === 'hard') || difficulty === 'medium'));
  const plural = fr.ant.endsWith('s') && fr.ant !== 'analysis';
  const correct = plural ? 'their' : 'its';
  const reasons: Record<string, string> = {
    its: `"Its" is singular, but its antecedent, ${fr.np}, is plural.`,
    their: `"Their" is plural, but its antecedent, ${fr.np}, is singular.`,
    "it's": `"It's" is the contraction of "it is," not a possessive.`,
    "they're": `"They're" is the contraction of "they are," not a possessive.`,
  };
  return {
    spec: { ...f, family: 'pronoun-antecedent', rule: 'pronoun-antecedent', antecedent: fr.ant },
    sentence: fr.text,
    correct,
    distractors: PRONOUN_OPTIONS.filter((p) => p !== correct).map((p) => ({ text: p, reason: reasons[p] })),
    steps: [
      `The blank needs a possessive pronoun that refers to ${fr.np}.`,
      `${cap(fr.np)} is ${plural ? 'plural' : 'singular'}, so the pronoun must be ${plural ? 'plural' : 'singular'}: "${correct}" (not a contraction such as "${plural ? "they're" : "it's"}").`,
    ],
  };
}

function tense(rng: Rng, t: Topic, f: Frame, difficulty: Difficulty): Draft {
  const s = who(f);
  const verb = rng.pick(TENSE_VERBS);
  const obj = verb.obj === 'subject' ? t.subject : `the ${verb.obj === 'tool0' ? t.tools[0] : t.tools[1]}`;
  const year = recentYear(rng);
  const forms: Record<Tense, string> = {
    past: verb.past,
    'present-perfect': `has ${verb.past}`,
    future: `will ${verb.base}`,
    'present-progressive': `is ${verb.ing}`,
    'past-perfect': `had ${verb.past}`,
  };
  let marker: (typeof TIME_MARKERS)[number];
  let sentence: string;
  if (difficulty === 'hard' && rng.chance(0.5)) {
    marker = { id: 'since-then', text: 'Since then,', tense: 'present-perfect' };
    sentence = `${s}'s project began in ${year}. Since then, ${t.pron} ${BLANK} ${obj} with growing success.`;
  } else {
    marker = rng.pick(TIME_MARKERS.filter((m) => difficulty !== 'hard' || m.tense !== 'present-progressive'));
    sentence = `${marker.text.replace('{year}', String(year))} ${s} ${BLANK} ${obj}.`;
  }
  const need = marker.tense;
  const correct = forms[need];
  const names: Record<Tense, string> = {
    past: 'simple past',
    'present-perfect': 'present perfect',
    future: 'future',
    'present-progressive': 'present progressive',
    'past-perfect': 'past perfect',
  };
  const markerWhy: Record<Tense, string> = {
    past: 'names a finished time in the past, which calls for the simple past',
    'present-perfect': 'describes an action that began in the past and continues now, which calls for the present perfect',
    future: 'points to a time still to come, which calls for the future',
    'present-progressive': 'describes something under way now, which calls for the present progressive',
    'past-perfect': 'places an action before another past action',
  };
  return {
    spec: { ...f, family: 'verb-tense', rule: 'verb-tense', marker: marker.id, verbBase: verb.base },
    sentence,
    correct,
    distractors: WRONG_TENSES[need].map((w) => ({ text: forms[w], reason: `"${forms[w]}" is ${names[w]}, which does not fit the time marked by "${marker.text.replace(/,$/, '').replace('{year}', String(year))}".` })),
    steps: [
      `The time marker "${marker.text.replace(/,$/, '').replace('{year}', String(year))}" ${markerWhy[need]}.`,
      `The ${names[need]} form of "${verb.base}" is "${correct}".`,
    ],
  };
}

function possessive(rng: Rng, t: Topic, f: Frame, difficulty: Difficulty): Draft {
  const s = who(f);
  const n = rng.pick(HELPERS);
  const frames = [
    { cue: 'dozens of' as const, possessive: true, text: `${s} relied on dozens of ${n}s to help with the ${t.tools[0]}. The ${BLANK} careful records made the project possible.` },
    { cue: 'one' as const, possessive: true, text: `${s} worked with several ${n}s, but one ${BLANK} notes on the ${t.tools[1]} proved especially valuable.` },
    { cue: 'each' as const, possessive: true, text: `During ${possOf(t)} study of ${t.subject}, ${s} asked that each ${BLANK} notebook be checked twice.` },
    { cue: 'several' as const, possessive: false, text: `Several ${BLANK} helped ${s} sort the ${t.tools[0]} into categories.` },
  ];
  const fr = difficulty === 'easy' ? rng.pick([frames[1], frames[3]]) : rng.pick(frames);
  const forms = { sg: n, pl: `${n}s`, sgPoss: `${n}'s`, plPoss: `${n}s'` };
  const plural = NUMBER_CUES[fr.cue] === 'plural';
  const key = fr.possessive ? (plural ? 'plPoss' : 'sgPoss') : plural ? 'pl' : 'sg';
  const describe: Record<keyof typeof forms, string> = {
    sg: 'singular and not possessive',
    pl: 'plural but not possessive',
    sgPoss: 'singular possessive',
    plPoss: 'plural possessive',
  };
  return {
    spec: { ...f, family: 'possessive-plural', rule: 'possessive-plural', noun: n, cue: fr.cue, possessive: fr.possessive },
    sentence: fr.text,
    correct: forms[key],
    distractors: (Object.keys(forms) as (keyof typeof forms)[])
      .filter((k) => k !== key)
      .map((k) => ({ text: forms[k], reason: `"${forms[k]}" is ${describe[k]}, but the sentence needs the ${describe[key]} form.` })),
    steps: [
      `"${cap(fr.cue)}" shows that ${plural ? 'more than one' : 'a single'} ${n} is meant.`,
      fr.possessive
        ? `The ${n}${plural ? 's' : ''} own what follows the blank, so the noun must be possessive: ${plural ? 'add an apostrophe after the plural "s"' : `add "'s" to "${n}"`}.`
        : 'Nothing follows the noun that it owns, so it takes a plain plural with no apostrophe.',
      `So the blank is "${forms[key]}".`,
    ],
  };
}

function dangling(rng: Rng, t: Topic, f: Frame): Draft {
  const s = who(f);
  const modifier = rng.pick([`After ${t.doing},`, `While ${t.doing},`, `Known for ${possOf(t)} work on ${t.subject},`]);
  const verb = rng.pick(['concluded', 'argued', 'proposed']);
  const wrong = rng.sample(
    [
      { text: `${s}'s conclusion was`, subj: `${s}'s conclusion` },
      { text: `the conclusion ${s} reached was`, subj: 'the conclusion' },
      { text: `it became clear to ${s}`, subj: 'it' },
      { text: `the evidence convinced ${s}`, subj: 'the evidence' },
      { text: `${s}'s data showed`, subj: `${s}'s data` },
    ],
    3,
  );
  const action = modifier.replace(/,$/, '');
  return {
    spec: { ...f, family: 'dangling-modifier', rule: 'dangling-modifier', doer: s },
    sentence: `${modifier} ${BLANK} that ${t.finding}.`,
    correct: `${s} ${verb}`,
    distractors: wrong.map((w) => ({ text: w.text, reason: `This makes "${w.subj}" the subject, so the opening phrase would describe ${w.subj}, not ${s}; the modifier dangles.` })),
    steps: [
      `The opening phrase "${action}" describes a person, and it attaches to whatever comes right after the comma.`,
      `The person who did this is ${s}, so "${s}" must be the subject of the main clause.`,
      `Only "${s} ${verb}" puts ${s} immediately after the modifier.`,
    ],
  };
}

function generate(rng: Rng, difficulty: Difficulty): Item {
  const family = rng.pick(FAMILIES_BY_DIFFICULTY[difficulty]);
  const t = rng.pick(TOPICS);
  const frame = drawFrame(rng, t, difficulty);
  const d =
    family === 'subject-verb-agreement' ? agreement(rng, t, frame, difficulty)
    : family === 'pronoun-antecedent' ? pronoun(rng, t, frame, difficulty)
    : family === 'verb-tense' ? tense(rng, t, frame, difficulty)
    : family === 'possessive-plural' ? possessive(rng, t, frame, difficulty)
    : dangling(rng, t, frame);
  const settled = padFrame(rng, settleLead(rng, frame, d.sentence.replace(BLANK, d.correct)), d.sentence);
  return buildMcq(
    { skill: SKILL, family, difficulty, stem: STEM, passage: framePassage(settled, d.sentence), correct: d.correct, distractors: d.distractors, steps: d.steps, spec: { ...d.spec, lead: settled.lead, closing: settled.closing }, generatorId: `${SKILL}@1` },
    rng,
  );
}

// ---- verification: the rules, applied afresh to each option ----

const SINGULAR_HEADS = new Set(['analysis', 'evidence', 'team', 'each', 'study', 'journal']);
/** Number of a head noun: listed exceptions first, then regular plural morphology. */
const nounNumber = (head: string): Num => (SINGULAR_HEADS.has(head) ? 'singular' : /[^s]s$|ies$/.test(head) ? 'plural' : 'singular');

function verbNumber(option: string, base: string, tail: string): Num | undefined {
  if (!option.endsWith(tail)) return undefined;
  const [first] = option.slice(0, option.length - tail.length).split(' ');
  if (['has', 'is', 'was'].includes(first)) return 'singular';
  if (['have', 'are', 'were'].includes(first)) return 'plural';
  if (first === base) return 'plural';
  if (first === `${base}s` || first === `${base}es`) return 'singular';
  return undefined;
}

const pastOf = (b: string) => (b.endsWith('e') ? `${b}d` : /[^aeiou]y$/.test(b) ? `${b.slice(0, -1)}ied` : `${b}ed`);
const ingOf = (b: string) => (b.endsWith('e') ? `${b.slice(0, -1)}ing` : `${b}ing`);

function tenseOf(option: string, base: string): Tense | undefined {
  if (option === `will ${base}`) return 'future';
  if (option === `has ${pastOf(base)}`) return 'present-perfect';
  if (option === `had ${pastOf(base)}`) return 'past-perfect';
  if (option === `is ${ingOf(base)}`) return 'present-progressive';
  if (option === pastOf(base)) return 'past';
  return undefined;
}

const MARKER_TENSE = new Map<string, Tense>([...TIME_MARKERS.map((m) => [m.id, m.tense] as const), ['since-then', 'present-perfect']]);
const POSSESSIVE_PRONOUN: Record<Num, string> = { singular: 'its', plural: 'their' };

function conforms(s: FssSpec, o: string): boolean {
  switch (s.rule) {
    case 'subject-verb-agreement':
      return verbNumber(o, s.verbBase, s.tail) === nounNumber(s.head);
    case 'pronoun-antecedent':
      return o === POSSESSIVE_PRONOUN[nounNumber(s.antecedent)];
    case 'verb-tense':
      return tenseOf(o, s.verbBase) === MARKER_TENSE.get(s.marker);
    case 'possessive-plural': {
      const plural = NUMBER_CUES[s.cue] === 'plural';
      const expected = s.noun + (plural ? 's' : '') + (s.possessive ? (plural ? "'" : "'s") : '');
      return o === expected;
    }
    case 'dangling-modifier':
      return o.startsWith(`${s.doer} `) && !/^the |^it /.test(o);
  }
}

function verify(item: Item): VerifyResult {
  const s = item.spec as unknown as FssSpec;
  const t = topicById(s.topic);
  if (countBlanks(item.passage ?? '') !== 1) return { ok: false, reason: 'passage must hold exactly one blank' };
  if (s.rule === 'dangling-modifier' && s.doer !== t.name && s.doer !== t.surname) return { ok: false, reason: 'the modifier’s doer is not the researcher' };
  const text = (item.passage ?? '').toLowerCase();
  const feature = s.rule === 'subject-verb-agreement' ? s.head : s.rule === 'pronoun-antecedent' ? s.antecedent : s.rule === 'possessive-plural' ? s.cue : null;
  if (feature && !text.includes(feature.toLowerCase())) return { ok: false, reason: `the passage does not contain the deciding word "${feature}"` };
  return verifyOptionsByRule(item, s.rule, (o) => conforms(s, o));
}

export const formStructureSense: SkillGenerator = {
  skill: SKILL,
  families: FSS_FAMILIES,
  generate,
  verify,
};
