/**
 * Inferences: "Which choice most logically completes the text?" The blank closes a line of
 * reasoning — what a study's results imply, what a cause-and-effect account predicts for a
 * new case, what a character's changed feeling leads to, what a maker's break with
 * convention implies. Keys come from the slots that built the reasoning.
 */
import { byId, cap, family, fill, mustContain, num, PEOPLE, rwGenerator, str, wrong, type RwDraft, type Spec } from './kit.ts';
import { ACCOUNT_VERBS, HEDGES, RULES } from './rules.ts';
import { drawProfile, drawScene, drawStudy, profileSlots, sceneSlots, studySlots } from './slots.ts';

const STEMS = ['Which choice most logically completes the text?', 'Which choice most logically completes the text?'] as const;
const completion = (clause: string) => `${clause}.`;

// ---- what the results imply ------------------------------------------------------------

const STUDY_FRAMES = [
  '{lead} {assumption}. To test this idea, {role} {name}, {aside}, {method}. {Sub} found that {finding}. These results suggest that ______',
  '{Role} {name}, {aside}, {method}. Had the common view been right—that {assumption}—{last} would have seen a very different outcome. Instead, {finding}. Taken together, the results imply that ______',
];

const studyInf = family({
  id: 'study-inference',
  draw: (rng, d) => ({ ...drawStudy(rng), frame: d === 'easy' ? 0 : d === 'hard' ? 1 : rng.int(0, 1) }),
  render(spec): RwDraft {
    const s = studySlots(spec);
    const hard = num(spec, 'frame') === 1;
    return {
      passage: fill(STUDY_FRAMES[num(spec, 'frame')], { ...s, Role: cap(s.role) }),
      stem: STEMS[0],
      correct: completion(s.implication),
      distractors: [
        wrong(completion(s.assumption), 'Restates the view the results count against.'),
        wrong(completion(s.misread), 'Mentions the topic but reverses or distorts the relationship the results show.'),
        hard
          ? wrong(completion(s.broad), 'Overreaches: one study cannot establish so general a claim.')
          : wrong(completion(s.irrelevant), 'Does not follow from the results; it is an unrelated fact about the topic.'),
      ],
      steps: [
        `The results were that ${s.finding}.`,
        `That outcome is what we would expect if ${s.implication}, and not what the older view (${s.assumption}) predicts.`,
        'So the logical completion is the conclusion the results support.',
      ],
    };
  },
  expectedKey: (spec) => completion(studySlots(spec).implication),
  consistency: (spec, item) => mustContain(item, studySlots(spec).finding),
});

// ---- what a cause-and-effect account predicts ------------------------------------------

const RULE_FRAMES = [
  '{Role} {name} {verb} {rule}. {test} {hedge} {then} ______',
  'According to {role} {name}, {rule}. {last} has tested this account in several ways. {test} {hedge} {then} ______',
];

function ruleSlots(spec: Spec) {
  const r = byId(RULES, str(spec, 'rule'));
  const p = PEOPLE[num(spec, 'person')];
  const role = r.roles[num(spec, 'role')];
  if (!p || !role) throw new Error('rule spec out of range');
  const hedge = (HEDGES[num(spec, 'hedge')] ?? HEDGES[0]).replace('{last}', p.last);
  return { r, slots: { Role: cap(role), role, name: p.name, last: p.last, verb: ACCOUNT_VERBS[num(spec, 'verb')] ?? ACCOUNT_VERBS[0], rule: r.rule, test: r.test, hedge, then: r.then } };
}

const ruleInf = family({
  id: 'rule-inference',
  draw: (rng, d) => {
    const r = rng.pick(RULES);
    return {
      rule: r.id,
      role: rng.int(0, r.roles.length - 1),
      person: rng.int(0, PEOPLE.length - 1),
      verb: rng.int(0, ACCOUNT_VERBS.length - 1),
      hedge: rng.int(0, HEDGES.length - 1),
      frame: d === 'hard' ? 1 : rng.int(0, 1),
      hard: d === 'hard',
    };
  },
  render(spec): RwDraft {
    const { r, slots } = ruleSlots(spec);
    return {
      passage: fill(RULE_FRAMES[num(spec, 'frame')], slots),
      stem: STEMS[1],
      correct: completion(r.key),
      distractors: [
        wrong(completion(r.reversal), 'Gets the direction backward: removing or adding the cause should change the outcome the other way.'),
        spec.hard
          ? wrong(completion(r.overreach), 'Overreaches: the account supports a change in degree, not this extreme outcome.')
          : wrong(completion(r.irrelevant), 'Unrelated to the account: nothing in it bears on this.'),
        spec.hard
          ? wrong(completion(r.irrelevant), 'Unrelated to the account: nothing in it bears on this.')
          : wrong(completion(r.overreach), 'Overreaches: the account supports a change in degree, not this extreme outcome.'),
      ],
      steps: [
        `The account: ${r.rule}.`,
        `The new case changes that cause (${r.test.replace(/\.$/, '')}).`,
        `So, if the account is right, ${r.then} ${r.key}.`,
      ],
    };
  },
  expectedKey: (spec) => completion(byId(RULES, str(spec, 'rule')).key),
  consistency: (spec, item) => mustContain(item, ruleSlots(spec).slots.rule, ruleSlots(spec).slots.then),
});

// ---- what a changed feeling leads to ---------------------------------------------------

const SCENE_FRAMES = [
  'The following text is from a short story.\n\n{name} had always thought {object} in {pos} {rel}’s {room} was {adj}; as a child, {sub} had {child}. But while emptying the house, {sub} {trigger}. {Sub} {reaction}. So when the movers asked whether {short} should be loaded onto the donation truck, {name} ______',
  'The following text is from a short story.\n\nNothing about {object} had ever appealed to {name}, who had long considered it {adj}. Clearing {pos} {rel}’s {room} that autumn, however, {sub} {trigger}—and the thing looked different afterward, as if it had been waiting. {Sub} {reaction}. When a mover reached for {short}, {name} ______',
];

const sceneKey = (s: Record<string, string>) => `asked that it be set aside, since ${s.sub} meant to keep it.`;

const sceneInf = family({
  id: 'literary-inference',
  draw: (rng, d) => ({ ...drawScene(rng), frame: d === 'hard' ? 1 : d === 'easy' ? 0 : rng.int(0, 1) }),
  render(spec): RwDraft {
    const s = sceneSlots(spec);
    return {
      passage: fill(SCENE_FRAMES[num(spec, 'frame')], s),
      stem: STEMS[0],
      correct: sceneKey(s),
      distractors: [
        wrong('told them to take it along with everything else.', 'Ignores the change of feeling the discovery brings about.'),
        wrong(`said that ${s.sub} had always found it ${s.adj}.`, 'Returns to the earlier attitude the passage shows giving way.'),
        wrong('asked them to be careful with the rest of the furniture.', 'Does not follow from anything about this object.'),
      ],
      steps: [
        `${s.name} begins by finding ${s.short} ${s.adj}.`,
        `After ${s.sub} ${s.trigger}, ${s.pos} reaction shows ${s.sub} now values it.`,
        `The logical completion is that ${s.name} keeps it.`,
      ],
    };
  },
  expectedKey: (spec) => sceneKey(sceneSlots(spec)),
  consistency: (spec, item) => mustContain(item, sceneSlots(spec).trigger),
});

// ---- what a break with convention implies ----------------------------------------------

const PROFILE_FRAMES = [
  '{era}, most {discipline}s favored {convention}, and the judges of the major prizes in the field rewarded work that followed that practice. {name}, a {discipline} who {background}, chose instead {approach}. Given the judges’ preferences, it is likely that ______',
  'Prize committees in {pos} field long treated {convention} as a mark of serious work. {name}, who {background}, rejected that standard {era}, preferring {approach}; {pos} admirers say that as a result {effect}. Because the committees’ standard did not change for decades, it is reasonable to conclude that ______',
];

const profileKey = (s: Record<string, string>) => `${s.name}’s ${s.works} received little recognition from those prize judges at first.`;

const profileInf = family({
  id: 'profile-inference',
  draw: (rng, d) => ({ ...drawProfile(rng), frame: d === 'easy' ? 0 : d === 'hard' ? 1 : rng.int(0, 1) }),
  render(spec): RwDraft {
    const s = profileSlots(spec);
    const f = num(spec, 'frame');
    return {
      passage: fill(PROFILE_FRAMES[f], { ...s, era: f === 0 ? cap(s.era) : s.era }),
      stem: STEMS[1],
      correct: profileKey(s),
      distractors: [
        wrong(`${s.name} won most of the major prizes awarded to ${s.discipline}s.`, 'Contradicts the reasoning: the judges rewarded the convention the maker rejected.'),
        wrong(`${s.name} eventually returned to ${s.convention}.`, 'Unsupported: nothing in the text suggests a change of approach.'),
        wrong(`most ${s.discipline}s soon adopted ${s.approach}.`, 'Overreaches: the text says nothing about other makers following.'),
      ],
      steps: [
        `The prize judges rewarded ${s.convention}.`,
        `${s.name} chose ${s.approach} instead.`,
        `So ${s.name}'s work was unlikely, at first, to be recognized by those judges.`,
      ],
    };
  },
  expectedKey: (spec) => profileKey(profileSlots(spec)),
  consistency: (spec, item) => mustContain(item, profileSlots(spec).convention, profileSlots(spec).approach),
});

// ---- what a claim predicts for a further test --------------------------------------------

const PREDICT_FRAMES = [
  '{Role} {name}, {aside}, {method} and found that {finding}. On this basis, {last} proposes that {implication}. If {last}’s proposal is correct, then a further study would most likely find that ______',
  '{lead} {assumption}, but {role} {name} proposes a different account: {implication}. The two accounts make different predictions. If {last} is right, researchers should expect to find that ______',
];

const predictInf = family({
  id: 'prediction-inference',
  draw: (rng, d) => ({ ...drawStudy(rng), frame: d === 'easy' ? 0 : d === 'hard' ? 1 : rng.int(0, 1) }),
  render(spec): RwDraft {
    const s = studySlots(spec);
    return {
      passage: fill(PREDICT_FRAMES[num(spec, 'frame')], { ...s, Role: cap(s.role) }),
      stem: STEMS[0],
      correct: completion(s.support),
      distractors: [
        wrong(completion(s.weaken), 'The opposite of what the proposal predicts: this result would count against it.'),
        wrong(completion(s.irrelevant), 'Does not follow from the proposal; it is a fact about the topic that neither account bears on.'),
        wrong(`${s.assumption}.`, 'Restates the older view rather than a prediction of the new proposal.'),
      ],
      steps: [
        `The proposal: ${s.implication}.`,
        'A prediction is a result that should appear if the proposal is true.',
        `The proposal predicts that ${s.support}.`,
      ],
    };
  },
  expectedKey: (spec) => completion(studySlots(spec).support),
  consistency: (spec, item) => mustContain(item, studySlots(spec).implication),
});

export const inferences = rwGenerator('rw.info.inferences', [studyInf, ruleInf, sceneInf, profileInf, predictInf]);
