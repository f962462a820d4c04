/**
 * Central Ideas and Details: main idea of a research passage, a detail the text states,
 * the main idea of a literary scene, and the main idea of a creator profile. Keys are
 * built from the slots that built the passage; distractors are modelled wrong-answer
 * types (too narrow, too broad, contradicts, misstates the relationship, not in the text).
 */
import type { Difficulty } from '../../item.ts';
import { cap, family, fill, mustContain, num, rwGenerator, sentence, wrong, type RwDraft, type Spec } from './kit.ts';
import { drawProfile, drawScene, drawStudy, profileSlots, sceneSlots, studySlots } from './slots.ts';

const frameFor = (d: Difficulty) => (d === 'easy' ? 0 : d === 'medium' ? 1 : 2);
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const MAIN_STEMS = [
  'Which choice best states the main idea of the text?',
  'Which choice best states the main idea of the text?',
  'Which choice best summarizes the text?',
] as const;

// ---- research passage: main idea -------------------------------------------------------

const STUDY_MAIN_FRAMES = [
  '{lead} {assumption}. To test this idea, {role} {name}, {aside}, {method}. {last}’s team found that {finding}. This result {report} {implication}.',
  '{lead} {assumption}. But when {role} {name}, {aside}, {method}, a different picture emerged: {finding}. According to {last}, the evidence {report} {implication}.',
  'Although {leadLower} {assumption}, that view has rested on surprisingly little direct evidence. {Role} {name}, {aside}, {method}, and the results were hard to reconcile with the standard account: {finding}. {last} concludes that {implication}, a claim that would require revisiting much earlier work on {topic}.',
];

const studyMainKey = (s: Record<string, string>) => `Research by ${s.name} suggests that ${s.implication}, contrary to a widely held assumption.`;

const studyMain = family({
  id: 'study-main-idea',
  draw: (rng, d) => ({ ...drawStudy(rng), frame: frameFor(d), stem: rng.int(0, MAIN_STEMS.length - 1) }),
  render(spec): RwDraft {
    const s = withCase(studySlots(spec));
    const f = num(spec, 'frame');
    const narrow = wrong(sentence(`${s.name} ${s.method}`), 'Too narrow: restates how the study was done, a detail, not what it shows.');
    const contra = wrong(sentence(`research confirms that ${s.assumption}`), 'Contradicts the text: this is the assumption the findings call into question.');
    const broad = wrong(sentence(s.broad), 'Too broad: generalises far beyond the single study the text describes.');
    const misread = wrong(sentence(s.misread), 'Mentions the topic but misstates the relationship the study found.');
    const irrelevant = wrong(sentence(s.irrelevant), 'Not discussed in the text: a fact about the topic that the passage never raises.');
    return {
      passage: fill(STUDY_MAIN_FRAMES[f], s),
      stem: MAIN_STEMS[num(spec, 'stem')],
      correct: studyMainKey(s),
      distractors: f === 0 ? [contra, broad, irrelevant] : f === 1 ? [narrow, contra, broad] : [narrow, misread, contra],
      steps: [
        `The text opens with an assumption: ${s.assumption}.`,
        `It then reports what ${s.name}'s work found (${s.finding}) and what that shows: ${s.implication}.`,
        'The main idea is that conclusion, set against the earlier assumption; a choice that restates the assumption, gives only the method, or reaches past the study misses it.',
      ],
    };
  },
  expectedKey: (spec) => studyMainKey(studySlots(spec)),
  consistency: (spec, item) => mustContain(item, studySlots(spec).implication, studySlots(spec).assumption),
});

function withCase(s: Record<string, string>): Record<string, string> {
  return { ...s, Role: s.role.charAt(0).toUpperCase() + s.role.slice(1), leadLower: lower(s.lead) };
}

// ---- research passage: a stated detail -------------------------------------------------

const DETAIL_FRAMES = [
  '{Role} {name} has spent years studying {topic}. {lead} {assumption}, but {last} was not convinced. {Sub} {method}. The results were clear: {finding}.',
  'In a recent study of {topic}, {role} {name}, {aside}, {method}. The results surprised many colleagues, since {leadLower} {assumption}. Instead, {finding}, a pattern that {report} {implication}.',
];

const DETAIL_TARGETS = ['finding', 'assumption'] as const;

const detailKey = (s: Record<string, string>, target: string) => sentence(target === 'finding' ? s.finding : s.assumption);

const studyDetail = family({
  id: 'study-detail',
  draw: (rng, d) => ({ ...drawStudy(rng), frame: d === 'hard' ? 1 : rng.int(0, 1), target: rng.int(0, 1) }),
  render(spec): RwDraft {
    const s = withCase(studySlots(spec));
    const target = DETAIL_TARGETS[num(spec, 'target')];
    const stem =
      target === 'finding'
        ? `According to the text, what did ${s.name} find?`
        : `According to the text, what had researchers believed before ${s.name}’s study?`;
    const distractors =
      target === 'finding'
        ? [
            wrong(sentence(s.assumption), 'Confuses the earlier belief the text describes with what the study found.'),
            wrong(sentence(s.misread), 'Mentions the topic but misstates the relationship the study found.'),
            wrong(sentence(s.irrelevant), 'Not stated in the text: an outside fact about the topic.'),
          ]
        : [
            wrong(sentence(s.finding), 'Confuses the new finding with the belief that preceded it.'),
            wrong(sentence(s.misread), 'Misstates the relationship; the text attributes no such belief to anyone.'),
            wrong(sentence(s.broad), 'Too broad: the text describes a narrower belief than this.'),
          ];
    return {
      passage: fill(DETAIL_FRAMES[num(spec, 'frame')], s),
      stem,
      correct: detailKey(s, target),
      distractors,
      steps: [
        target === 'finding'
          ? `The text reports the study's result directly: ${s.finding}.`
          : `The text states the earlier view directly: ${s.assumption}.`,
        target === 'finding'
          ? 'The earlier assumption is what the study challenged, not what it found.'
          : 'The study’s result came later and challenged this view.',
      ],
    };
  },
  expectedKey: (spec) => detailKey(studySlots(spec), DETAIL_TARGETS[num(spec, 'target')] ?? 'finding'),
  consistency: (spec, item) => {
    const s = studySlots(spec);
    return mustContain(item, s.finding, s.assumption);
  },
});

// ---- literary scene: main idea ---------------------------------------------------------

const SCENE_FRAMES = [
  'The following text is from a short story.\n\n{name} had always found {object} in {pos} {rel}’s {room} {adj}; as a child, {sub} had {child}. Now, sorting through the house before its sale, {sub} {trigger}. {Sub} {reaction}. When the movers asked whether {short} should go with the things being donated, {name} shook {pos} head. {Short} was coming home with {obj}.',
  'The following text is from a short story.\n\nFor years {name} had regarded {object} in {pos} {rel}’s {room} as {adj}, and as a child {sub} had {child}. That judgment had never been tested; it had simply been inherited, like the furniture itself. Then, on the afternoon {sub} came to empty the house, {sub} {trigger}, and the old verdict seemed suddenly to belong to someone else. {Sub} {reaction}, and the list of items for the sale lay forgotten on the floor.',
];

export const sceneMainKey = (s: Record<string, string>) => `${s.name} comes to value ${s.short}, which ${s.sub} had long ${s.verb}.`;

const sceneMain = family({
  id: 'literary-main-idea',
  draw: (rng, d) => ({ ...drawScene(rng), frame: d === 'hard' ? 1 : d === 'easy' ? 0 : rng.int(0, 1), stem: rng.int(0, 2) }),
  render(spec): RwDraft {
    const s = sceneSlots(spec);
    const hard = num(spec, 'frame') === 1;
    return {
      passage: fill(SCENE_FRAMES[num(spec, 'frame')], s),
      stem: ['Which choice best states the main idea of the text?', 'Which choice best describes what happens in the text?', 'Which choice best states the main idea of the text?'][num(spec, 'stem')],
      correct: sceneMainKey(s),
      distractors: [
        hard
          ? wrong(`${s.name} realizes that ${s.pos} ${s.rel} never cared much for ${s.short}.`, 'Misreads the discovery: it shows the relative valued the object.')
          : wrong(`${s.name} decides to give ${s.short} away because it recalls an unhappy childhood.`, 'Contradicts the ending, where the character keeps the object.'),
        wrong(`${s.name} is preparing ${s.pos} ${s.rel}’s house to be sold.`, 'Too narrow: a circumstance of the scene, not its point.'),
        hard
          ? wrong(`${s.name} has always considered ${s.short} ${s.adj}.`, 'States only the initial attitude, which the passage shows changing.')
          : wrong('People usually learn to treasure the belongings of older relatives.', 'Too broad: a general claim the single scene does not make.'),
      ],
      steps: [
        `At first ${s.name} finds ${s.short} ${s.adj}; as a child ${s.sub} had ${s.child}.`,
        `Then ${s.sub} ${s.trigger}, and ${s.pos} reaction shows that the old attitude is gone.`,
        `So the scene is about ${s.name} coming to value an object ${s.sub} had ${s.verb}.`,
      ],
    };
  },
  expectedKey: (spec) => sceneMainKey(sceneSlots(spec)),
  consistency: (spec, item) => mustContain(item, sceneSlots(spec).trigger, sceneSlots(spec).adj),
});

// ---- creator profile: main idea --------------------------------------------------------

const PROFILE_FRAMES = [
  '{name}, a {discipline} who {background}, became known {era} for {pos} {works}. Most {discipline}s of the time favored {convention}. {name}, however, insisted on {approach}. As a result, {effect}.',
  'When critics discuss the {works} that {name} produced {era}, they tend to dwell on {pos} biography: that {sub} {background}, for instance. More revealing is {pos} method. Where other {discipline}s were content with {convention}, {name} committed to {approach}, so that {effect}.',
];

const profileKey = (s: Record<string, string>) => `${s.name}’s ${s.works} are distinctive because ${s.sub} chose ${s.approach} over ${s.convention}.`;

const profileMain = family({
  id: 'profile-main-idea',
  draw: (rng, d) => ({ ...drawProfile(rng), frame: d === 'easy' ? 0 : d === 'hard' ? 1 : rng.int(0, 1) }),
  render(spec): RwDraft {
    const s = profileSlots(spec);
    const hard = num(spec, 'frame') === 1;
    return {
      passage: fill(PROFILE_FRAMES[num(spec, 'frame')], s),
      stem: 'Which choice best states the main idea of the text?',
      correct: profileKey(s),
      distractors: [
        wrong(`${s.name} ${s.background}.`, 'Too narrow: a biographical detail the text mentions in passing.'),
        wrong(`${s.name} followed the common practice of ${s.convention}.`, 'Contradicts the text: this is the practice the maker rejected.'),
        hard
          ? wrong(`${s.name} adopted ${s.approach} mainly to attract the attention of critics.`, 'Attributes a motive the text never gives.')
          : wrong(`Most ${s.discipline}s eventually abandoned the practice of ${s.convention}.`, 'Too broad: the text describes one maker, not the whole field.'),
      ],
      steps: [
        `The text contrasts the usual practice (${s.convention}) with ${s.name}'s (${s.approach}).`,
        `It ends with the result: ${s.effect}.`,
        `The main idea is therefore what sets ${s.name}'s ${s.works} apart: ${s.approach} rather than ${s.convention}.`,
      ],
    };
  },
  expectedKey: (spec) => profileKey(profileSlots(spec)),
  consistency: (spec, item) => mustContain(item, profileSlots(spec).approach, profileSlots(spec).convention),
});

// ---- creator profile: a stated detail --------------------------------------------------

const PROFILE_DETAIL_FRAMES = [
  '{era}, {name} set out to make {works} unlike any others. Where most {discipline}s relied on {convention}, {name}, who {background}, turned to {approach}. Visitors and critics soon noticed the consequence: {effect}.',
  'Little in {name}’s early life suggested a career as a {discipline}; {sub} {background}. Yet {pos} {works} changed the field. {Pos} key decision was to abandon {convention} in favor of {approach}, and {pos} admirers point out that, as a result, {effect}.',
];

const profileDetailKey = (s: Record<string, string>) => sentence(s.effect);

const profileDetail = family({
  id: 'profile-detail',
  draw: (rng, d) => ({ ...drawProfile(rng), frame: d === 'easy' ? 0 : d === 'hard' ? 1 : rng.int(0, 1) }),
  render(spec): RwDraft {
    const s = profileSlots(spec);
    const f = num(spec, 'frame');
    return {
      passage: fill(PROFILE_DETAIL_FRAMES[f], { ...s, era: cap(s.era) }),
      stem: `According to the text, what was a result of ${s.name}’s approach?`,
      correct: profileDetailKey(s),
      distractors: [
        wrong(`Most ${s.discipline}s began ${s.approach}.`, 'Not stated: the text describes one maker, not the field’s response.'),
        wrong(`${s.name} gained a reputation for ${s.convention}.`, 'Contradicts the text: this is the practice the maker abandoned.'),
        wrong(`Critics complained that the ${s.works} lacked ${s.sacrifice}.`, 'Not stated in the text, which reports no such complaint.'),
      ],
      steps: [
        `The text names ${s.name}'s approach: ${s.approach}.`,
        `It then states the result directly: ${s.effect}.`,
      ],
    };
  },
  expectedKey: (spec) => profileDetailKey(profileSlots(spec)),
  consistency: (spec, item) => mustContain(item, profileSlots(spec).effect),
});

export const centralIdeas = rwGenerator('rw.info.central-ideas', [studyMain, studyDetail, sceneMain, profileMain, profileDetail]);

