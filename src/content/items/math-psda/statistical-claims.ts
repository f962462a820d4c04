import type { Rng } from '../../../lib/rng.ts';
import { family, makeGenerator } from './kit.ts';

/**
 * Scenario parts for study-design items. The key always comes from the design rules:
 * a causal conclusion needs random assignment of the treatment; generalising to a
 * population needs a random sample from that population.
 */
const STUDIES = [
  { pop: 'adults in Riverton', broad: 'all adults', t: 'drinking green tea daily', tDo: 'drink green tea daily', tNot: 'drink a caffeine-free herbal drink', o: 'lower blood pressure' },
  { pop: 'students at Lakeside High School', broad: 'all high school students', t: 'using a flashcard app', tDo: 'use a flashcard app to study', tNot: 'study with printed notes', o: 'higher vocabulary quiz scores' },
  { pop: 'employees of the software company Brightline', broad: 'all office workers', t: 'using a standing desk', tDo: 'use a standing desk', tNot: 'use a regular desk', o: 'fewer reported back problems' },
  { pop: 'tomato growers in Fulton County', broad: 'all tomato growers', t: 'using a new organic fertilizer', tDo: 'use a new organic fertilizer', tNot: 'use their usual fertilizer', o: 'larger harvests' },
  { pop: 'members of the Eastside Fitness gym', broad: 'all adults who exercise', t: 'taking a protein supplement', tDo: 'take a protein supplement', tNot: 'take a look-alike placebo', o: 'greater gains in strength' },
  { pop: 'patients at the Hillcrest clinic', broad: 'all patients with seasonal allergies', t: 'using a saline nasal rinse', tDo: 'use a saline nasal rinse', tNot: 'use no rinse', o: 'fewer allergy symptoms' },
  { pop: 'third graders in the Oakdale school district', broad: 'all elementary school students', t: 'reading aloud for 20 minutes each day', tDo: 'read aloud for 20 minutes each day', tNot: 'read silently for 20 minutes each day', o: 'higher reading fluency scores' },
  { pop: 'commuters in the Bayview metro area', broad: 'all commuters in the country', t: 'listening to music while commuting', tDo: 'listen to music while commuting', tNot: 'commute without music', o: 'lower reported stress' },
] as const;
type Study = (typeof STUDIES)[number];

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const causal = (S: Study, scope: string) => `${cap(S.t)} causes ${S.o} among ${scope}.`;
const assoc = (S: Study, scope: string) => `${cap(S.t)} is associated with ${S.o} among ${scope}, but it cannot be concluded that it causes ${S.o}.`;
const PART = 'the participants in the study';

function sampleText(rng: Rng, S: Study, random: boolean, n: number): string {
  return random
    ? `selected a random sample of ${n} ${S.pop}`
    : rng.pick([`recruited ${n} ${S.pop} who volunteered after seeing an advertisement`, `used the first ${n} ${S.pop} who signed up online`]);
}

interface DesignSpec {
  s: number;
  rs: boolean;
}

const experimentScope = family({
  name: 'experiment-conclusion',
  bands: ['medium', 'hard'],
  build(rng) {
    const si = rng.int(0, STUDIES.length - 1);
    const S = STUDIES[si];
    const rs = rng.chance(0.5);
    const n = rng.int(6, 40) * 10;
    const stem = `A researcher ${sampleText(rng, S, rs, n)}. Half of them were randomly assigned to ${S.tDo}, and the others were assigned to ${S.tNot}. After ${rng.int(4, 12)} weeks, the group assigned to ${S.tDo} showed ${S.o}, and the difference was statistically significant. Which is the most appropriate conclusion?`;
    const key = rs ? causal(S, S.pop) : causal(S, PART);
    const wrong = rs
      ? [
          { v: causal(S, S.broad), why: `Generalised beyond the population sampled (${S.pop}).` },
          { v: assoc(S, S.pop), why: 'Did not recognise that random assignment supports a causal conclusion.' },
          { v: 'No conclusion can be drawn, because the two groups were given different treatments.', why: 'Thought comparing differently treated groups prevents any conclusion.' },
        ]
      : [
          { v: causal(S, S.pop), why: 'Generalised to the population although the participants were not a random sample.' },
          { v: causal(S, S.broad), why: 'Generalised far beyond the participants.' },
          { v: assoc(S, PART), why: 'Did not recognise that random assignment supports a causal conclusion.' },
        ];
    return {
      stem,
      steps: ['The treatment was randomly assigned, so a cause-and-effect conclusion is supported.', rs ? `The participants were a random sample of ${S.pop}, so the conclusion extends to ${S.pop}.` : `The participants were not a random sample, so the conclusion applies only to ${PART}.`],
      spec: { s: si, rs },
      key,
      wrong,
    };
  },
  solve: (x: DesignSpec) => (x.rs ? causal(STUDIES[x.s], STUDIES[x.s].pop) : causal(STUDIES[x.s], PART)),
});

const observational = family({
  name: 'observational-conclusion',
  bands: ['medium', 'hard'],
  build(rng) {
    const si = rng.int(0, STUDIES.length - 1);
    const S = STUDIES[si];
    const rs = rng.chance(0.5);
    const n = rng.int(6, 40) * 10;
    const stem = `A researcher ${sampleText(rng, S, rs, n)} and asked each person whether they ${S.tDo}. Those who reported ${S.t} had ${S.o}, on average, than those who did not, and the difference was statistically significant. Which is the most appropriate conclusion?`;
    const key = rs ? assoc(S, S.pop) : assoc(S, PART);
    const wrong = rs
      ? [
          { v: causal(S, S.pop), why: 'Drew a causal conclusion without random assignment.' },
          { v: causal(S, PART), why: 'Drew a causal conclusion without random assignment.' },
          { v: assoc(S, S.broad), why: `Generalised beyond the population sampled (${S.pop}).` },
        ]
      : [
          { v: assoc(S, S.pop), why: 'Generalised to the population although the participants were volunteers.' },
          { v: causal(S, S.pop), why: 'Drew a causal conclusion and generalised without random sampling.' },
          { v: causal(S, PART), why: 'Drew a causal conclusion without random assignment.' },
        ];
    return {
      stem,
      steps: ['The researcher only observed who chose the behaviour; nothing was randomly assigned, so only an association is supported.', rs ? `The sample was random from ${S.pop}, so the association extends to ${S.pop}.` : `The participants were not randomly sampled, so the association applies only to ${PART}.`],
      spec: { s: si, rs },
      key,
      wrong,
    };
  },
  solve: (x: DesignSpec) => assoc(STUDIES[x.s], x.rs ? STUDIES[x.s].pop : PART),
});

const DESIGNS = {
  rexp: 'A randomized experiment',
  obs: 'An observational study',
  census: 'A census',
  nexp: 'An experiment without random assignment',
} as const;
type DesignKind = keyof typeof DESIGNS;

const designIdentify = family({
  name: 'design-identification',
  bands: ['easy', 'medium'],
  build(rng) {
    const si = rng.int(0, STUDIES.length - 1);
    const S = STUDIES[si];
    const assigned = rng.pick([true, false]);
    const randomAssign = assigned && rng.chance(0.6);
    const everyone = !assigned && rng.chance(0.35);
    const n = rng.int(6, 40) * 10;
    const stem = assigned
      ? randomAssign
        ? `Researchers ${sampleText(rng, S, rng.chance(0.5), n)}. Using a random number generator, they assigned each person to either ${S.tDo} or ${S.tNot}, and then compared the groups for ${S.o}. Which best describes this study?`
        : `Researchers ${sampleText(rng, S, rng.chance(0.5), n)}. The researchers told each person to either ${S.tDo} or ${S.tNot}, letting each person choose which, and then compared the groups for ${S.o}. Which best describes this study?`
      : everyone
        ? `A town official obtained records for every one of the ${n * 10} ${S.pop} and recorded whether each person reported ${S.t} and whether each had ${S.o}. Which best describes this study?`
        : `Researchers ${sampleText(rng, S, rng.chance(0.5), n)} and recorded whether each person already ${S.tDo.replace(/^(\w+)/, (w) => (w.endsWith('s') ? w : `${w}s`))} and whether each had ${S.o}. The researchers did not ask anyone to change their habits. Which best describes this study?`;
    const kind: DesignKind = assigned ? (randomAssign ? 'rexp' : 'nexp') : everyone ? 'census' : 'obs';
    return {
      stem,
      steps: [
        assigned ? 'The researchers imposed the treatments, so the study is an experiment.' : 'The researchers imposed no treatment; they only recorded what already happened.',
        kind === 'rexp' ? 'Treatments were assigned at random: a randomized experiment.' : kind === 'nexp' ? 'The participants picked their own treatment, so there was no random assignment.' : kind === 'census' ? 'Every member of the population was measured: a census.' : 'A sample was observed without assigning treatments: an observational study.',
      ],
      spec: { assigned, randomAssign, everyone },
      key: DESIGNS[kind],
      wrong: (Object.keys(DESIGNS) as DesignKind[])
        .filter((k) => k !== kind)
        .map((k) => ({ v: DESIGNS[k], why: k === 'rexp' ? 'Took random sampling or comparison of groups as random assignment.' : k === 'census' ? 'Confused a large sample with measuring the whole population.' : k === 'obs' ? 'Missed that the researchers assigned the treatments.' : 'Missed how treatments were (or were not) assigned.' })),
    };
  },
  solve(x: { assigned: boolean; randomAssign: boolean; everyone: boolean }) {
    if (!x.assigned) return x.everyone ? DESIGNS.census : DESIGNS.obs;
    return x.randomAssign ? DESIGNS.rexp : DESIGNS.nexp;
  },
});

const FRAMES = [
  { pop: 'residents of Maple City', list: 'the city’s list of all residential addresses', sub: 'residents of one neighborhood', place: 'at a downtown coffee shop', topic: 'support for extending library hours' },
  { pop: 'students at Northfield University', list: 'the registrar’s list of all enrolled students', sub: 'students in one introductory biology course', place: 'outside the campus gym', topic: 'satisfaction with campus dining' },
  { pop: 'customers of the FreshMart grocery chain', list: 'the chain’s list of all loyalty-card holders', sub: 'customers at the chain’s largest store', place: 'in one store’s parking lot on a Saturday morning', topic: 'interest in a delivery service' },
  { pop: 'employees of the Valley Health hospital system', list: 'the payroll list of all employees', sub: 'nurses in the emergency department', place: 'in the staff cafeteria at lunchtime', topic: 'opinions about a new scheduling system' },
  { pop: 'registered voters in the state', list: 'the state’s list of registered voters', sub: 'voters in the state’s capital city', place: 'at a political rally', topic: 'support for a transportation bond' },
] as const;

interface Method {
  random: boolean;
  whole: boolean;
  text: string;
}

function methods(F: (typeof FRAMES)[number], n: number): Method[] {
  return [
    { random: true, whole: true, text: `Select ${n} people at random from ${F.list} and survey them.` },
    { random: true, whole: false, text: `Select ${n} people at random from the ${F.sub} and survey them.` },
    { random: false, whole: true, text: `Post the survey on a public website for ${F.pop} and use the first ${n} responses.` },
    { random: false, whole: false, text: `Survey the first ${n} people encountered ${F.place}.` },
  ];
}

const samplingMethod = family({
  name: 'sampling-method',
  bands: ['easy', 'medium'],
  build(rng) {
    const fi = rng.int(0, FRAMES.length - 1);
    const F = FRAMES[fi];
    const n = rng.int(4, 30) * 25;
    const ms = methods(F, n);
    const stem = `An organization wants to estimate the ${F.topic} among all ${F.pop} and can afford to survey ${n} people. Which sampling method is most likely to produce results that can be generalized to all ${F.pop}?`;
    return {
      stem,
      steps: ['Results generalize to a population only when the sample is chosen at random from that whole population.', `Only one method samples at random from ${F.list}.`],
      spec: { f: fi, n },
      key: ms[0].text,
      wrong: [
        { v: ms[1].text, why: 'Random selection from only part of the population.' },
        { v: ms[2].text, why: 'Voluntary response: people choose to respond, which biases the sample.' },
        { v: ms[3].text, why: 'Convenience sample from one place, not representative.' },
      ],
    };
  },
  solve(x: { f: number; n: number }) {
    return methods(FRAMES[x.f], x.n).find((m) => m.random && m.whole)!.text;
  },
});

const BIAS_REASONS = {
  place: (F: (typeof FRAMES)[number]) => `The people surveyed ${F.place} may differ systematically from all ${F.pop}.`,
  size: () => 'The sample size was too small to estimate anything.',
  census: () => 'Every member of the population should have been surveyed.',
  moe: () => 'The survey did not report a margin of error.',
} as const;

const biasSource = family({
  name: 'bias-source',
  bands: ['medium', 'hard'],
  build(rng) {
    const fi = rng.int(0, FRAMES.length - 1);
    const F = FRAMES[fi];
    const n = rng.int(8, 40) * 25;
    const pct = rng.int(55, 85);
    const stem = `To estimate the ${F.topic} among all ${F.pop}, a group surveyed ${n} people ${F.place}; ${pct}% of them responded favorably. The group concluded that about ${pct}% of all ${F.pop} feel the same way. Which statement best explains why this conclusion may not be valid?`;
    return {
      stem,
      steps: [`The ${n} people were not selected at random from all ${F.pop}; they were simply the people ${F.place}.`, 'A sample that is not random from the population can be biased, however large it is.'],
      spec: { f: fi },
      key: BIAS_REASONS.place(F),
      wrong: [
        { v: BIAS_REASONS.size(), why: `Blamed the sample size; ${n} people is plenty if chosen at random.` },
        { v: BIAS_REASONS.census(), why: 'Thought only a census can support a conclusion about a population.' },
        { v: BIAS_REASONS.moe(), why: 'A missing margin of error does not make the estimate biased.' },
      ],
    };
  },
  solve: (x: { f: number }) => BIAS_REASONS.place(FRAMES[x.f]),
});

function designOption(S: Study, rs: boolean, ra: boolean, n: number): string {
  const who = rs ? `Select ${n} ${S.pop} at random` : `Recruit ${n} volunteers from among ${S.pop}`;
  const how = ra ? `randomly assign half of them to ${S.tDo} and the other half to ${S.tNot}` : `let each person choose whether to ${S.tDo} or to ${S.tNot}`;
  return `${who}, ${how}, and compare the groups.`;
}

const bestDesign = family({
  name: 'best-design',
  bands: ['easy', 'hard'],
  build(rng) {
    const si = rng.int(0, STUDIES.length - 1);
    const S = STUDIES[si];
    const n = rng.int(6, 40) * 10;
    const stem = `A researcher has funding for a study of ${n} people and wants to determine whether ${S.t} causes ${S.o} among ${S.pop}, and to generalize the result to all ${S.pop}. Which study design is most appropriate?`;
    return {
      stem,
      steps: ['A causal conclusion needs random assignment of the treatment.', `Generalizing to all ${S.pop} needs a random sample from ${S.pop}; only one design has both.`],
      spec: { s: si, n },
      key: designOption(S, true, true, n),
      wrong: [
        { v: designOption(S, true, false, n), why: 'Random sampling without random assignment cannot show causation.' },
        { v: designOption(S, false, true, n), why: 'Random assignment of volunteers does not support generalizing to the population.' },
        { v: designOption(S, false, false, n), why: 'Neither random sampling nor random assignment.' },
      ],
    };
  },
  solve(x: { s: number; n: number }) {
    const S = STUDIES[x.s];
    for (const rs of [false, true]) for (const ra of [false, true]) if (rs && ra) return designOption(S, rs, ra, x.n);
    throw new Error('unreachable');
  },
});

export const statisticalClaims = makeGenerator(
  'math.psda.statistical-claims',
  [experimentScope, observational, designIdentify, samplingMethod, biasSource, bestDesign],
  { sprRate: 0 },
);
