/**
 * Text Structure and Purpose: the overall structure of a research passage (each frame has
 * one authored structure description), the function of an underlined sentence (each
 * sentence of a frame has an authored role), and the main purpose of a creator profile or
 * a literary scene. The verifier rebuilds the key from the frame id and sentence index.
 */
import { cap, family, fill, mustContain, num, rwGenerator, wrong, type RwDraft } from '../rw-info/kit.ts';
import { drawProfile, drawScene, drawStudy, profileSlots, sceneSlots, studySlots } from '../rw-info/slots.ts';

const UNDERLINED = 'Which choice best describes the function of the underlined sentence (marked [[ ]]) in the text as a whole?';
const underline = (sentences: readonly string[], i: number) => sentences.map((s, k) => (k === i ? `[[${s}]]` : s)).join(' ');
const studyCase = (s: Record<string, string>): Record<string, string> => ({ ...s, Role: cap(s.role), Pos: cap(s.pos) });

// ---- overall structure -----------------------------------------------------------------

const STRUCTURES = [
  {
    frame: '{lead} {assumption}. To find out whether this is so, {role} {name}, {aside}, {method}. The results showed that {finding}. {last} concludes that {implication}.',
    describe: 'It describes a widely held assumption, presents research that calls it into question, and states the conclusion the researcher draws.',
  },
  {
    frame: 'Researchers have long wondered about {topic}. To investigate, {role} {name}, {aside}, {method}. {Sub} found that {finding}, which {report} {implication}.',
    describe: 'It introduces a question, describes a study designed to answer it, and reports what the study found.',
  },
  {
    frame: '{Role} {name} recently reported that {finding}. {Pos} team {method}. {last} cautions, however, that {limitation}, so the result may not hold everywhere.',
    describe: 'It reports a research finding, explains how it was obtained, and then notes a limitation of the study.',
  },
] as const;

const overall = family({
  id: 'overall-structure',
  draw: (rng) => ({ ...drawStudy(rng), frame: rng.int(0, STRUCTURES.length - 1), decoy: rng.int(0, 1) }),
  render(spec): RwDraft {
    const s = studyCase(studySlots(spec));
    const f = num(spec, 'frame');
    const others = STRUCTURES.filter((_, i) => i !== f);
    const decoy = [
      'It presents two competing theories and explains why the researcher rejects both of them.',
      'It describes a problem and then proposes several possible solutions to it.',
    ][num(spec, 'decoy')];
    return {
      passage: fill(STRUCTURES[f].frame, s),
      stem: 'Which choice best describes the overall structure of the text?',
      correct: STRUCTURES[f].describe,
      distractors: [
        ...others.map((o) => wrong(o.describe, 'Describes a different arrangement: the text’s parts do not come in this order or serve these roles.')),
        wrong(decoy, 'Describes moves the text never makes.'),
      ],
      steps: [
        'Label what each sentence does, in order.',
        `Here: ${STRUCTURES[f].describe.replace(/^It /, 'the text ')}`,
      ],
    };
  },
  expectedKey: (spec) => {
    const st = STRUCTURES[num(spec, 'frame')];
    if (!st) throw new Error('spec.frame out of range');
    return st.describe;
  },
  consistency: (spec, item) => mustContain(item, studySlots(spec).finding),
});

// ---- function of an underlined sentence: research passage --------------------------------

const STUDY_SENTENCES = [
  { t: '{lead} {assumption}.', role: 'It presents a view that the research described in the text calls into question.' },
  { t: 'Recently, {role} {name}, {aside}, {method}.', role: 'It describes how the researcher gathered evidence on the question.' },
  { t: '{Sub} found that {finding}.', role: 'It reports the result that leads the researcher to a new conclusion.' },
  { t: '{last} argues that these results show that {implication}.', role: 'It states the conclusion the researcher draws from the results.' },
] as const;

const underlinedStudy = family({
  id: 'underlined-study',
  draw: (rng) => ({ ...drawStudy(rng), underlined: rng.int(0, STUDY_SENTENCES.length - 1) }),
  render(spec): RwDraft {
    const s = studyCase(studySlots(spec));
    const u = num(spec, 'underlined');
    return {
      passage: underline(STUDY_SENTENCES.map((x) => fill(x.t, s)), u),
      stem: UNDERLINED,
      correct: STUDY_SENTENCES[u].role,
      distractors: STUDY_SENTENCES.filter((_, i) => i !== u).map((x) =>
        wrong(x.role, 'The role of a different sentence in the text, not the underlined one.'),
      ),
      steps: [
        'The text moves from an assumption, to a study, to its result, to the conclusion drawn from it.',
        `The underlined sentence is step ${u + 1} of that sequence.`,
      ],
    };
  },
  expectedKey: (spec) => {
    const x = STUDY_SENTENCES[num(spec, 'underlined')];
    if (!x) throw new Error('spec.underlined out of range');
    return x.role;
  },
  consistency: (spec, item) => {
    const x = STUDY_SENTENCES[num(spec, 'underlined')];
    return mustContain(item, `[[${fill(x.t, studyCase(studySlots(spec)))}]]`);
  },
});

// ---- function of an underlined sentence: literary scene ----------------------------------

const SCENE_SENTENCES = [
  { t: '{name} had always found {object} in {pos} {rel}’s {room} {adj}; as a child, {sub} had {child}.', role: 'It establishes the character’s initial attitude toward an object, an attitude that later changes.' },
  { t: 'Then, sorting through the house before its sale, {sub} {trigger}.', role: 'It presents the discovery that prompts the character’s change of feeling.' },
  { t: '{Sub} {reaction}.', role: 'It conveys the character’s immediate response to what has just been discovered.' },
  { t: 'When the movers came for {short}, {name} told them it was staying with {obj}.', role: 'It shows through an action that the character has come to value the object.' },
] as const;

const underlinedScene = family({
  id: 'underlined-literary',
  draw: (rng) => ({ ...drawScene(rng), underlined: rng.int(0, SCENE_SENTENCES.length - 1) }),
  render(spec): RwDraft {
    const s = sceneSlots(spec);
    const u = num(spec, 'underlined');
    return {
      passage: `The following text is from a short story.\n\n${underline(SCENE_SENTENCES.map((x) => fill(x.t, s)), u)}`,
      stem: UNDERLINED,
      correct: SCENE_SENTENCES[u].role,
      distractors: SCENE_SENTENCES.filter((_, i) => i !== u).map((x) =>
        wrong(x.role, 'The role of a different sentence in the scene, not the underlined one.'),
      ),
      steps: [
        `The scene traces ${s.name}'s feelings about ${s.short}: first ${s.adj}, then changed by a discovery, then shown in an action.`,
        `The underlined sentence is step ${u + 1} of that sequence.`,
      ],
    };
  },
  expectedKey: (spec) => {
    const x = SCENE_SENTENCES[num(spec, 'underlined')];
    if (!x) throw new Error('spec.underlined out of range');
    return x.role;
  },
  consistency: (spec, item) => mustContain(item, `[[${fill(SCENE_SENTENCES[num(spec, 'underlined')].t, sceneSlots(spec))}]]`),
});

// ---- main purpose: creator profile ------------------------------------------------------

const PROFILE_FRAMES = [
  'Most {discipline}s working {era} took {convention} for granted. {name}, who {background}, did not. {Sub} built a reputation on {approach}, and the results were distinctive: {effect}.',
  '{name} came to {pos} work as a {discipline} by an unusual route: {sub} {background}. Perhaps for that reason, {sub} never accepted the habit of {convention} that shaped the field {era}. {Pos} {works} depend instead on {approach}, with the result that {effect}.',
];

const profileKey = (s: Record<string, string>) => `To describe how ${s.name}’s approach to ${s.pos} ${s.works} departed from common practice and what that approach achieved`;

const purposeProfile = family({
  id: 'purpose-profile',
  draw: (rng, d) => ({ ...drawProfile(rng), frame: d === 'easy' ? 0 : d === 'hard' ? 1 : rng.int(0, 1) }),
  render(spec): RwDraft {
    const s = profileSlots(spec);
    return {
      passage: fill(PROFILE_FRAMES[num(spec, 'frame')], s),
      stem: 'Which choice best states the main purpose of the text?',
      correct: profileKey(s),
      distractors: [
        wrong(`To argue that all ${s.discipline}s should stop ${s.convention}`, 'Overreaches: the text describes one maker’s choice; it does not prescribe for the field.'),
        wrong(`To trace the events of ${s.name}’s early life`, 'Too narrow: the biographical detail is background to the main point.'),
        wrong(`To compare how critics in different countries received ${s.name}’s ${s.works}`, 'Describes something the text never discusses.'),
      ],
      steps: [
        `The text sets ${s.name}'s ${s.approach} against the usual practice of ${s.convention}.`,
        `It then gives the result: ${s.effect}.`,
        'So its purpose is to show how the approach departed from convention and what it achieved.',
      ],
    };
  },
  expectedKey: (spec) => profileKey(profileSlots(spec)),
  consistency: (spec, item) => mustContain(item, profileSlots(spec).approach),
});

// ---- main purpose: literary scene -------------------------------------------------------

const SCENE_FRAME =
  'The following text is from a short story.\n\nIt was {pos} {rel}’s {room}, and nothing in it had changed in years, least of all {object}, which {name} had always thought {adj}. As a child {sub} had {child}. But that afternoon, packing the house for its sale, {sub} {trigger}. {Sub} {reaction}, and when {sub} finally stood up, {sub} set {short} apart from the boxes bound for the sale.';

const sceneKey = (s: Record<string, string>) => `To show how a discovery changes ${s.name}’s feelings about ${s.short}`;

const purposeScene = family({
  id: 'purpose-literary',
  draw: (rng) => drawScene(rng),
  render(spec): RwDraft {
    const s = sceneSlots(spec);
    return {
      passage: fill(SCENE_FRAME, s),
      stem: 'Which choice best states the main purpose of the text?',
      correct: sceneKey(s),
      distractors: [
        wrong(`To describe the history of ${s.name}’s ${s.rel}’s house`, 'Too broad in the wrong direction: the house is only the setting.'),
        wrong(`To contrast ${s.name}’s feelings about ${s.short} with those of ${s.name}’s ${s.rel}`, 'The relative’s feelings are never described directly.'),
        wrong(`To explain why ${s.name} decides to sell everything in the house`, 'Misreads the ending: the point is the one object that is kept.'),
      ],
      steps: [
        `${s.name} starts out finding ${s.short} ${s.adj}.`,
        `After ${s.sub} ${s.trigger}, ${s.sub} keeps it apart from the sale.`,
        'The scene exists to show that change of feeling.',
      ],
    };
  },
  expectedKey: (spec) => sceneKey(sceneSlots(spec)),
  consistency: (spec, item) => mustContain(item, sceneSlots(spec).trigger),
});

export const textStructure = rwGenerator('rw.craft.text-structure', [overall, underlinedStudy, underlinedScene, purposeProfile, purposeScene]);
