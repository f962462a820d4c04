/**
 * The test-taking guide: how the digital SAT is laid out, pacing, guessing and review, the
 * Math tools and typed answers, scores, and study habits. Students ask the tutor these things
 * as often as they ask about a skill, and the skill lessons do not cover them.
 *
 * Every number is computed from the blueprint (taxonomy.ts) or the typed-answer rules
 * (spr.ts), so the guide cannot drift from the tests the platform gives. Facts about test day
 * that the platform does not model (the built-in graphing calculator, the reference sheet)
 * are from College Board, "The Digital SAT: Student Guide" and the SAT Suite's test-day
 * pages, as are who runs registration and test dates, what to bring on test day, and that
 * scores are equated across test dates rather than curved; that the SAT Essay ended in 2021 is
 * from the College Board's announcement of January 2021. The advice is ours.
 *
 * Each section is one retrieval passage (`guide.<id>`), made of sentences that each stand
 * on their own, since a template reply quotes single sentences.
 */
import { SPR_MAX_CHARS } from './spr.ts';
import { domain, skill, TAXONOMY } from './taxonomy.ts';

export interface GuideSection {
  /** `guide.<slug>`: the id of its retrieval passage. */
  id: string;
  title: string;
  sentences: readonly string[];
}

const [rw, math] = TAXONOMY.sections;
const { min: SCALE_MIN, max: SCALE_MAX, step: SCALE_STEP } = TAXONOMY.sectionScale;

/** Seconds per question a module allows, rounded. */
const secondsPerQuestion = (s: { minutesPerModule: number; questionsPerModule: number }) => Math.round((s.minutesPerModule * 60) / s.questionsPerModule);
const questionsIn = (s: { modules: number; questionsPerModule: number }) => s.modules * s.questionsPerModule;
const totalMinutes = TAXONOMY.sections.reduce((m, s) => m + s.modules * s.minutesPerModule, 0) + TAXONOMY.breakMinutes;
/** The grammar questions: the conventions domain and its two skills, named as the taxonomy names them. */
const conventions = domain('rw.conv');
const [boundaries, formSense] = [skill('rw.conv.boundaries'), skill('rw.conv.form-structure-sense')];
const hoursAndMinutes = (m: number) => `${Math.floor(m / 60)} hours ${m % 60} minutes`;
// The layout sentences speak of every section at once; a blueprint where sections differ in these needs new sentences.
if (rw.modules !== math.modules || rw.pretestPerModule !== math.pretestPerModule) throw new Error('guide.ts: sections differ in modules or pretest questions');
const modulesWord = (n: number) => (n === 2 ? 'two modules' : `${n} modules`);

export const GUIDE: readonly GuideSection[] = [
  {
    id: 'guide.format',
    title: 'How the digital SAT is laid out',
    sentences: [
      `The digital SAT has two sections, ${rw.name} first and then ${math.name}, with a ${TAXONOMY.breakMinutes}-minute break between them.`,
      `Each section is split into ${modulesWord(rw.modules)}: a ${rw.name} module has ${rw.questionsPerModule} questions in ${rw.minutesPerModule} minutes, and a ${math.name} module has ${math.questionsPerModule} questions in ${math.minutesPerModule} minutes.`,
      `In all, the test has ${questionsIn(rw) + questionsIn(math)} questions: ${questionsIn(rw)} in ${rw.name} and ${questionsIn(math)} in ${math.name}, pretest questions included.`,
      'The test is adaptive by module, not by question: how you do on the first module of a section decides whether its second module is easier or harder.',
      `In every module, ${rw.pretestPerModule} questions are pretest questions that do not count toward your score; they look like all the others, so give each question your best effort.`,
      `The whole test is about ${hoursAndMinutes(totalMinutes)} long, the ${TAXONOMY.breakMinutes}-minute break included.`,
      'Within a module you can go back to any earlier question and change your answer, but once a module ends you cannot return to its previous questions.',
      `The grammar questions of ${rw.name} are its ${conventions.name} questions, on two skills: ${boundaries.name.toLowerCase()} (the punctuation where sentences and clauses meet) and ${formSense.name.toLowerCase()} (agreement, verb tense, pronouns and modifiers), each with a lesson of its own.`,
      'There is no essay on the digital SAT: the optional SAT Essay was discontinued in 2021, so the essay is not required and the test is the two sections alone.',
    ],
  },
  {
    id: 'guide.pacing',
    title: 'Pacing each module',
    sentences: [
      `To pace yourself, know the average time per question: about ${secondsPerQuestion(rw)} seconds in ${rw.name} (${rw.minutesPerModule} minutes for ${rw.questionsPerModule} questions) and about ${secondsPerQuestion(math)} seconds in ${math.name} (${math.minutesPerModule} minutes for ${math.questionsPerModule} questions).`,
      `To pace a ${math.name} module, allow about ${secondsPerQuestion(math)} seconds a question (${math.minutesPerModule} minutes for ${math.questionsPerModule} questions): a quick equation takes less, a word problem or a data table more.`,
      `To pace a ${rw.name} module, allow about ${secondsPerQuestion(rw)} seconds a question (${rw.minutesPerModule} minutes for ${rw.questionsPerModule} questions): a punctuation question takes less, a paired passage more.`,
      `Check the clock halfway through a module: after ${rw.minutesPerModule / 2} minutes of a ${rw.name} module aim to be near question ${Math.ceil(rw.questionsPerModule / 2)}, and after about ${Math.round(math.minutesPerModule / 2)} minutes of a ${math.name} module near question ${Math.ceil(math.questionsPerModule / 2)}.`,
      'Running out of time usually comes from a few questions that took too long.',
      'Rather than skip a hard question and leave it blank, pick your best answer once it has taken about twice the average time, mark it for review and move on.',
      'Keep the last few minutes of each module for the questions you marked and for the check-your-work page, which shows which questions are unanswered or marked.',
      'A steady pace beats rushing: reading a question slowly once is faster than reading it quickly twice.',
    ],
  },
  {
    id: 'guide.guessing',
    title: 'Guessing, marking and reviewing',
    sentences: [
      'If you do not know an answer, you should still guess: there is no penalty for a wrong answer, and a question left blank cannot earn a point.',
      'Before you guess, use process of elimination: rule out the choices you can prove wrong; ruling out two of the four choices turns a 1 in 4 guess into a 1 in 2 guess.',
      'Mark for review any question you want to see again; marking changes neither your answer nor your score.',
      'On review, change an answer when you find a clear reason, such as a misread word or an arithmetic slip, rather than on a vague second feeling.',
    ],
  },
  {
    id: 'guide.math-tools',
    title: 'Calculator, reference sheet and typed answers',
    sentences: [
      `On test day a graphing calculator (Desmos) is built into the testing app for the whole ${math.name} section, and you may also bring an approved calculator of your own; practise with the one you will use.`,
      `In every ${math.name} module you are given a reference sheet with common area, volume and triangle formulas.`,
      `About a quarter of ${math.name} questions are student-produced responses (once called grid-ins): you type your answer instead of choosing one.`,
      `A typed answer (a student-produced response) may be negative: it may have up to ${SPR_MAX_CHARS.positive} characters when it is positive and ${SPR_MAX_CHARS.negative} when it is negative, the minus sign included.`,
      'Fractions and decimals are both accepted in a typed answer, but mixed numbers are not: enter three and a half as 7/2 or 3.5.',
      'When a decimal answer has more digits than fit, fill the space by rounding or cutting it off, or enter it as a fraction.',
      'When a typed question has more than one correct answer, enter just one of them.',
    ],
  },
  {
    id: 'guide.scores',
    title: 'How scores work',
    sentences: [
      `Each section is scored from ${SCALE_MIN} to ${SCALE_MAX} in steps of ${SCALE_STEP}, and your total score is the sum of the two, so totals range from ${2 * SCALE_MIN} to ${2 * SCALE_MAX}.`,
      'Questions are not each worth a fixed number of points: a score depends on which questions you answer correctly and how hard they are, not only on how many.',
      'Doing well on the first module of a section opens the harder second module, which is where the highest scores are reached; after the easier second module, scores still count every right answer.',
      'A practice score is an estimate with a range: the range narrows as you answer more questions.',
      'Your two section scores are separate, so one can be lower than the other: a low section score points to the skills where that section lost its points, and practice on those skills pays off most.',
      'The SAT is not curved against the other students on your test date: scores are equated across test forms, so the same performance earns the same score on any date.',
      'What counts as a good score depends on your goals: many colleges publish the range of scores of the students they admit, which makes a sensible target score.',
    ],
  },
  {
    id: 'guide.study',
    title: 'Study habits that pay off',
    sentences: [
      'To study for the SAT, spread short practice sessions over many days: they help you remember more than the same time spent in one long session.',
      'How many questions to do each day matters less than how well you review them: a short set worked carefully teaches more than a long set done in a rush.',
      'How long to study each day is up to you: your study plan asks for your daily minutes and fills each day with lessons and practice sets that fit them.',
      'Review every question you missed: work out why the right answer is right and why your choice was wrong, then try a similar question.',
      'To raise your score, spend most of your practice on your weakest skills, and keep the strong ones fresh with a few questions now and then.',
      'Take a full-length practice test under timed conditions every few weeks to build stamina and to check your pacing.',
    ],
  },
  {
    id: 'guide.test-day',
    title: 'Test-taking habits and test day',
    sentences: [
      'In Reading and Writing, each short passage has one question, so read the question first: knowing what it asks tells you what to look for in the passage.',
      'To stop making careless, avoidable mistakes, underline what the question actually asks, check the units, and plug a Math answer back into the equation before moving on.',
      'Test anxiety is common and manageable: timed practice makes the real thing feel familiar, and to stay calm when nerves spike mid-module, take a few slow breaths and give your attention to just the question in front of you.',
      'The night before the test, get a full night of sleep rather than cramming: a rested mind is quicker and more accurate.',
      'Before test day, install the College Board testing app on the device you will use and charge it, and have your admission ticket and an accepted photo ID ready.',
      'Your admission ticket says where your test center is and when to arrive: on most test dates the doors open at 7:45 a.m. and close at 8:00 a.m., and students who arrive after they close are not admitted.',
    ],
  },
  {
    id: 'guide.registration',
    title: 'Test dates, registration and colleges',
    sentences: [
      'Test dates, registration and sending scores to colleges are handled by the College Board, not by this platform: its SAT website lists the upcoming test dates and their registration deadlines.',
      'Register well before the deadline for the test date you want, since seats at nearby test centers can fill up.',
      'Whether a college requires or considers SAT scores is each college\'s own policy, so check the admissions pages of the colleges on your list.',
    ],
  },
];

/** The guide's sections as retrieval passages (the tutor, help and note replies search them with the lessons). */
export function guideSources(): { id: string; title: string; text: string }[] {
  return GUIDE.map((s) => ({ id: s.id, title: s.title, text: s.sentences.join(' ') }));
}
