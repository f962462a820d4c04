/**
 * Phrase banks for the feedback template. Kept apart from the task so the wording can grow
 * (more variety is more useful synthetic data) without touching the logic. Every phrase may
 * state only the numbers it is handed plus the band limits (40, 50, 60, 70) and the 1–7 scale.
 */
export type AccBand = 'solid' | 'middle' | 'grow';
export type TimeBand = 'quick' | 'steady' | 'slow';
export type ProfBand = 'early' | 'building' | 'strong';

export interface SkillCtx {
  name: string;
  correct: number;
  total: number;
  missed: number;
  pct: number;
  time: number;
  prof: string;
  acc: AccBand;
  speed: TimeBand;
  level: ProfBand;
}

export const accBand = (acc: number): AccBand => (acc > 0.7 ? 'solid' : acc < 0.5 ? 'grow' : 'middle');
export const timeBand = (sec: number): TimeBand => (sec < 40 ? 'quick' : sec > 60 ? 'slow' : 'steady');
export const profBand = (p: number): ProfBand => (p < 3 ? 'early' : p < 5 ? 'building' : 'strong');
/** How the pace reads: quick with most answers wrong is rushing ("speed is on your side" at 0 of 5 is no advice). */
export type PaceKey = TimeBand | 'rushed';
export const paceKey = (c: Pick<SkillCtx, 'speed' | 'acc'>): PaceKey => (c.speed === 'quick' && c.acc === 'grow' ? 'rushed' : c.speed);

type F = (c: SkillCtx) => string;
type FC = (c: SkillCtx, comment: string) => string;

const openings: ((first?: string) => string)[] = [
  (n) => (n ? `Hey ${n}!` : 'Hey!'),
  (n) => (n ? `Hi ${n}, here's your update.` : "Hi there, here's your update."),
  (n) => (n ? `Nice session, ${n}.` : 'Nice session.'),
  (n) => (n ? `Good to see you practising, ${n}.` : 'Good to see you practising.'),
  (n) => (n ? `Quick check-in for you, ${n}.` : 'Quick check-in time.'),
  (n) => (n ? `Thanks for putting in the work, ${n}!` : 'Thanks for putting in the work!'),
  (n) => (n ? `Here's where you stand, ${n}.` : "Here's where you stand."),
  (n) => (n ? `${n}, let's look at your latest set.` : "Let's look at your latest set."),
  () => 'Another practice round done!',
  () => 'Time for a look at your numbers.',
  () => 'Here is a short recap of how it went.',
  () => 'Let me sum up this round for you.',
  () => 'You showed up and practised, which is half the battle.',
  () => 'Fresh results are in.',
  () => "Okay, let's unpack this session.",
  () => 'Here comes your progress snapshot.',
  () => 'Great to have another session logged.',
  () => 'A few thoughts on your recent practice.',
];

const comments: Record<AccBand, string[]> = {
  solid: ['solid work', 'really strong', 'a great result', 'nicely done', 'impressive accuracy', 'a sign this is clicking',
    'excellent consistency', 'well above the bar', 'clean and confident', 'genuinely good work'],
  middle: ['a decent base', 'getting there', 'halfway up the hill and climbing', 'a fair start',
    'steady progress', 'close to solid territory', 'a respectable showing', 'moving in the right direction', 'a good foundation'],
  grow: ['room to grow', 'a starting point to build on', 'plenty of upside left', 'early days for this one',
    'a skill worth some extra attention', 'something we can improve together', 'a chance to level up',
    'the place to focus next', 'a useful baseline', 'where practice will pay off most'],
};

const accuracy: Record<AccBand, FC[]> = {
  solid: [
    (c, k) => `You got ${c.correct}/${c.total} right in ${c.name} (${c.pct}%), ${k}.`,
    (c, k) => `In ${c.name} you answered ${c.correct} of ${c.total} correctly, that's ${c.pct}% and ${k}.`,
    (c, k) => `${c.pct}% on ${c.name} (${c.correct} out of ${c.total}) is ${k}.`,
    (c, k) => `Your ${c.name} score of ${c.correct}/${c.total}, or ${c.pct}%, is ${k}!`,
    (c, k) => `With ${c.correct} correct out of ${c.total} in ${c.name}, you're at ${c.pct}%: ${k}.`,
    (c, k) => (c.missed === 0
      ? `You didn't miss any of the ${c.total} in ${c.name}, landing at ${c.pct}%. That's ${k}.`
      : `You only missed ${c.missed} of ${c.total} in ${c.name}, landing at ${c.pct}%. That's ${k}.`),
  ],
  middle: [
    (c, k) => `You got ${c.correct}/${c.total} in ${c.name} (${c.pct}%), ${k}.`,
    (c, k) => `On ${c.name} you're at ${c.pct}% with ${c.correct} of ${c.total} correct, which is ${k}.`,
    (c, k) => `${c.correct} right out of ${c.total} in ${c.name} puts you at ${c.pct}%, ${k}.`,
    (c, k) => `Your ${c.name} accuracy is ${c.pct}% (${c.correct}/${c.total}), ${k}.`,
    (c, k) => `In ${c.name}, ${c.correct} of your ${c.total} answers were correct (${c.pct}%). That's ${k}.`,
    (c, k) => `You landed ${c.correct} out of ${c.total} on ${c.name}, ${c.pct}% and ${k}.`,
  ],
  grow: [
    (c, k) => `You got ${c.correct}/${c.total} in ${c.name} (${c.pct}%), so there's ${k}.`,
    (c, k) => `${c.name} came in at ${c.pct}% (${c.correct} of ${c.total}), which makes it ${k}.`,
    (c, k) => `In ${c.name} you answered ${c.correct} out of ${c.total} correctly, ${c.pct}%: ${k}.`,
    (c, k) => `Your ${c.name} result is ${c.correct}/${c.total}, or ${c.pct}%, and that's ${k}.`,
    (c, k) => `With ${c.correct} right of ${c.total} on ${c.name} (${c.pct}%), think of this as ${k}.`,
    (c, k) => `${c.name} sits at ${c.pct}% right now (${c.correct}/${c.total}), ${k}.`,
  ],
};

/** "1 second", "45 seconds". */
const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;

const time: Record<PaceKey, F[]> = {
  rushed: [
    (c) => `At about ${seconds(c.time)} a question you moved fast, and taking a little longer could turn some misses into points.`,
    (c) => `${c.time}s per question is quick, maybe quicker than these questions need.`,
    (c) => `You averaged ${c.time}s a question, so there is time to spare for reading every choice.`,
  ],
  quick: [
    (c) => `Your average of ${c.time}s per question is super quick.`,
    (c) => `At about ${seconds(c.time)} a question, your pace is fast.`,
    (c) => `You're moving quickly, around ${c.time}s each.`,
    (c) => `Averaging ${seconds(c.time)} per question leaves you lots of spare time.`,
    (c) => `${c.time}s per question is a brisk pace.`,
    (c) => `Speed is on your side at roughly ${c.time}s a question.`,
  ],
  steady: [
    (c) => `Your average time of ${c.time}s is decent, and aiming for 40s would give you extra breathing room.`,
    (c) => `At ${seconds(c.time)} per question your pacing is reasonable.`,
    (c) => `You're averaging ${c.time}s a question, a steady rhythm.`,
    (c) => `${c.time}s per question is a comfortable pace; nudging toward 40s is a nice stretch goal.`,
    (c) => `Your pace of about ${seconds(c.time)} each is right in the normal range.`,
    (c) => `Timing looks fine at ${c.time}s per question.`,
  ],
  slow: [
    (c) => `Your average of ${c.time}s per question is a bit slow.`,
    (c) => `At ${seconds(c.time)} a question, pacing could become a squeeze on test day.`,
    (c) => `You're taking around ${c.time}s each, longer than the 60s mark.`,
    (c) => `${c.time}s per question is on the slow side for now.`,
    (c) => `Averaging ${seconds(c.time)} a question means time may run short.`,
    (c) => `Your pace of ${c.time}s each is worth speeding up a little.`,
  ],
};

const proficiency: Record<ProfBand, F[]> = {
  early: [
    (c) => `Your predicted proficiency in ${c.name} is ${c.prof} out of 7, so the basics come first.`,
    (c) => `You're tracking toward a ${c.prof} proficiency on the 1–7 scale, an early stage with lots of room.`,
    (c) => `A predicted ${c.prof} of 7 in ${c.name} is an early stage: the groundwork comes first.`,
    (c) => `A predicted ${c.prof} proficiency means the groundwork matters most right now.`,
  ],
  building: [
    (c) => `You're headed to a ${c.prof} proficiency in ${c.name}, partway up the 1–7 scale.`,
    (c) => `Your predicted proficiency is ${c.prof} out of 7 and climbing.`,
    (c) => `At a predicted ${c.prof} on the 1–7 scale, you're building real skill.`,
    (c) => `The forecast says ${c.prof} of 7 for ${c.name}, a good middle step.`,
  ],
  strong: [
    (c) => `You're headed to a ${c.prof} proficiency in ${c.name}, near the top of the scale.`,
    (c) => `A predicted ${c.prof} out of 7 says you really know this.`,
    (c) => `Your forecast proficiency of ${c.prof} on the 1–7 scale is strong.`,
    (c) => `With a predicted ${c.prof} of 7, you're in great shape here.`,
  ],
};

const suggestions: Record<AccBand, F[]> = {
  solid: [
    () => 'Try some trickier problems to push it higher!',
    () => 'Keep it up and mix in a few hard questions.',
    () => 'Next step: challenge yourself with the hard set.',
    () => 'Stretch yourself with tougher items next time.',
    (c) => `Keep ${c.name} warm with a short review every few days.`,
    () => 'A timed mixed set would be a good next test of this skill.',
  ],
  middle: [
    (c) => `Redo ${c.missed === 1 ? 'the one' : `the ${c.missed}`} you missed and see what tripped you up.`,
    () => 'Look over the rationales for the misses, then try a fresh set.',
    (c) => `A focused set of ${c.name} questions should tip you into solid territory.`,
    () => 'Aim to explain each step out loud before you answer.',
    () => 'Pick out the pattern in your mistakes and target it next round.',
    () => 'One more practice set at this level should lift you past 70%.',
  ],
  grow: [
    (c) => `Focus on the basics of ${c.name} with the lesson first.`,
    () => 'Review the lesson, then try a few easy questions to build momentum.',
    (c) => `Work through ${c.missed === 1 ? 'the miss' : `the ${c.missed} misses`} slowly with the explanations.`,
    () => 'Start with easier questions and step up once they feel natural.',
    (c) => `Short daily bursts on ${c.name} will add up quickly.`,
    // Not "your tutor": not every student has one linked.
    () => 'Ask a tutor or a classmate to walk through one problem with you.',
  ],
};

const paceTips: Record<Exclude<PaceKey, 'steady'>, string[]> = {
  rushed: ['Slow down a little: read every choice before you pick one.', 'Reread the question before you answer; the extra seconds are there to use.'],
  quick: ['Use the spare time to double-check your work.', 'Speed is great, just make sure it never costs you accuracy.',
    'Reread each question once before locking in.', 'A quick second look can catch small slips.'],
  slow: ['Practising with a timer can help you build pace.', 'Skip and return to the toughest question instead of stalling.',
    'Spotting the key step early will save you time.', 'Try setting a soft time limit per question.'],
};

const compact: ((c: SkillCtx, comment: string, pace: string) => string)[] = [
  (c, k, p) => `${c.name}: ${c.correct}/${c.total} (${c.pct}%), ${k}, at ${c.time}s a question, ${p}.`,
  (c, k, p) => `In ${c.name} you scored ${c.pct}% (${c.correct}/${c.total}), ${k}; ${c.time}s each is ${p}.`,
  (c, k, p) => `${c.name} came in at ${c.correct} of ${c.total} (${c.pct}%), ${k}, and ${c.time}s per question is ${p}.`,
  (c, k, p) => `For ${c.name}: ${c.pct}% right, ${k}, with an average of ${c.time}s (${p}).`,
];

const shortComments: Record<AccBand, string[]> = {
  solid: ['solid work', 'really strong', 'nicely done', 'a great result'],
  middle: ['a decent base', 'getting there', 'steady progress', 'a fair start'],
  grow: ['room to grow', 'worth more practice', 'a focus area', 'plenty of upside'],
};
const shortTime: Record<PaceKey, string[]> = {
  rushed: ['quick, maybe too quick', 'fast enough to slow down a little'],
  quick: ['quick', 'speedy', 'brisk'],
  steady: ['steady', 'reasonable', 'comfortable'],
  slow: ['a bit slow', 'on the slow side', 'unhurried'],
};

const closings = [
  "You've got this!", 'Keep going!', 'See you next session.', 'Proud of the effort.', 'One step at a time.',
  'Onward!', 'Nice work today.', 'Every set counts.', "Let's keep the streak alive.", 'Progress is progress.',
  'Happy practising!', 'Looking forward to your next round.',
];

const fillers = [
  'Consistent practice beats cramming, so small sessions help.',
  'Reading each rationale, even for questions you got right, locks in the method.',
  'Writing down one takeaway after each set makes it stick.',
  'Mixing skills in a session keeps your recall flexible.',
  'A short warm-up question or two can settle the nerves.',
  'Check the lesson whenever a step feels fuzzy.',
  'Celebrate the wins, then pick one thing to sharpen.',
  'Sleep and breaks matter as much as extra questions.',
];

/**
 * The words that give away which pace or level a sentence speaks of, for the bands-agree check:
 * a model that writes "worth speeding up" of 2 s a question, or "near the top of the scale" of
 * a 2.0, has read the band wrong however right its numbers are. Each sentence of `time`,
 * `paceTips` and `proficiency` holds a sign of its own band and none of another's
 * (test/ai/tasks/feedback.test.ts); quick and rushed share theirs, as both are quick.
 */
const paceSigns: Record<PaceKey, string[]> = {
  rushed: ['you moved fast', 'quicker than these questions need', 'time to spare for reading', 'slow down a little', 'extra seconds are there to use'],
  quick: ['super quick', 'your pace is fast', 'moving quickly', 'lots of spare time', 'brisk pace', 'speed is on your side', 'use the spare time',
    'speed is great', 'reread each question once', 'quick second look'],
  steady: ['extra breathing room', 'pacing is reasonable', 'a steady rhythm', 'a comfortable pace', 'the normal range', 'timing looks fine'],
  slow: ['a bit slow', 'could become a squeeze', 'longer than the 60s mark', 'on the slow side', 'time may run short', 'worth speeding up',
    'build pace', 'instead of stalling', 'save you time', 'soft time limit'],
};
const levelSigns: Record<ProfBand, string[]> = {
  early: ['basics come first', 'an early stage', 'groundwork'],
  building: ['partway up', 'out of 7 and climbing', 'building real skill', 'a good middle step'],
  strong: ['near the top of the scale', 'really know this', 'on the 1–7 scale is strong', 'in great shape'],
};

export const FB = {
  paceSigns, levelSigns,
  openings, comments, accuracy, time, proficiency, suggestions, paceTips, compact, shortComments, shortTime, closings, fillers,
};
