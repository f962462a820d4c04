/**
 * Sentence frames and vocabulary for synthetic student speech, as data (original text).
 * The setting: after a round of a team learning game, a student answers "How did it go
 * with your team?". Frames are grouped by skill × level; `{slot}` is filled from `VOCAB`
 * by grade band, so the same frame reads younger or older.
 */
import type { Level, SelSkill } from './skills.ts';

export const GRADE_BANDS = ['early', 'middle', 'late'] as const;
export type GradeBand = (typeof GRADE_BANDS)[number];

/** Grades 6–7 early, 8–9 middle, 10–12 late. */
export const gradeBand = (grade: number): GradeBand => (grade <= 7 ? 'early' : grade <= 9 ? 'middle' : 'late');

/** Slot vocabulary per grade band: [early, middle, late]. */
export const VOCAB: Readonly<Record<string, readonly [readonly string[], readonly string[], readonly string[]]>> = {
  name: [
    ['Maya', 'Leo', 'Sam', 'Ava', 'Jayden', 'Zoe', 'Omar', 'Lily'],
    ['Priya', 'Marcus', 'Chloe', 'Diego', 'Hana', 'Eli', 'Nora', 'Kofi'],
    ['Aisha', 'Mateo', 'Grace', 'Ravi', 'Ingrid', 'Tyler', 'Mei', 'Jonah'],
  ],
  task: [
    ['the bridge level', 'the puzzle', 'the maze', 'the robot game'],
    ['the escape room', 'the map challenge', 'the circuit puzzle', 'the rescue mission'],
    ['the city-planning round', 'the ecosystem simulation', 'the cipher challenge', 'the budget scenario'],
  ],
  sad: [
    ['sad', 'upset', 'mad'],
    ['upset', 'frustrated', 'left out'],
    ['discouraged', 'overwhelmed', 'left out', 'embarrassed'],
  ],
  hard: [
    ['hard', 'tricky', 'really hard'],
    ['confusing', 'tricky', 'difficult'],
    ['complicated', 'demanding', 'ambiguous'],
  ],
  good: [
    ['good', 'cool', 'fun'],
    ['great', 'awesome', 'helpful'],
    ['productive', 'rewarding', 'worthwhile'],
  ],
  because: [
    ['because', 'cause'],
    ['because', 'since'],
    ['because', 'since', 'given that'],
  ],
  fast: [
    ['fast', 'quick'],
    ['faster', 'quickly'],
    ['efficiently', 'more efficiently'],
  ],
};

/** Sentence-initial hedges ("kind of" and "sort of" live inside frames, where they read naturally). */
export const HEDGES = ['I think', 'maybe', 'I guess', 'probably', 'like', 'I mean'] as const;

/** Openers by band: older students frame their answer. */
export const OPENERS: readonly [readonly string[], readonly string[], readonly string[]] = [
  ['um', 'so', 'well'],
  ['so basically', 'well', 'okay so'],
  ['honestly', 'overall', 'looking back', 'to be fair'],
];

export const FRAMES: Readonly<Record<SelSkill, Readonly<Record<Level, readonly string[]>>>> = {
  empathy: {
    HIGH: [
      'I noticed {name} looked {sad} when {task} went wrong, so I asked how they were feeling.',
      'I tried to understand how {name} saw it, {because} everyone feels {sad} sometimes.',
      'When {name} got {sad}, I sat with them and said something kind to comfort them.',
      'I could tell {name} was worried, so I encouraged them and offered my support.',
      'I care about how my teammates feel, not just about winning {task}.',
      'I think {name} felt lonely, so I made sure they were included and understood.',
    ],
    MEDIUM: [
      '{name} seemed {sad}, so I said sorry and kept going.',
      'I felt bad for {name} when they lost their points.',
      'I asked {name} if they were okay.',
      'I think {name} was kind of {sad} but they were fine later.',
      'I was nice to {name} most of the time.',
    ],
    DEVELOPING: [
      '{name} was crying or something.',
      "I don't know why {name} was {sad}.",
      "It's not my problem if they lose.",
      'I just wanted to finish {task}.',
      'Whatever, {name} always gets {sad}.',
    ],
  },
  collaboration: {
    HIGH: [
      'We divided the work so everyone had a role in {task}.',
      'I suggested we combine our ideas, and the team agreed on a plan together.',
      'I shared my tools with {name} so our group could finish {fast}.',
      'When we disagreed, we found a compromise that worked for everyone.',
      'Our team worked together really well, {because} each partner contributed something.',
      'I helped {name} with their part and then they helped me with mine.',
    ],
    MEDIUM: [
      'We worked together on {task} most of the time.',
      'I helped {name} with one part and they did the other part.',
      "Sometimes we didn't agree but we kept playing.",
      'I shared some of my stuff with the group.',
      'It was {good} to be on a team, I guess.',
    ],
    DEVELOPING: [
      'I did it by myself {because} they were too slow.',
      "{name} didn't do anything so I just did it.",
      "I don't like groups.",
      'I wanted to do {task} my way.',
      'They kept taking my stuff.',
    ],
  },
  communication: {
    HIGH: [
      'I explained my idea step by step so {name} could follow it.',
      'I listened to what {name} said and asked a question to clarify what they meant.',
      'I described the pattern I saw and gave an example from {task}.',
      'Before we started, I summarized what we had to do so nobody was lost.',
      'When {name} was confused, I said it a different way and checked if it made sense.',
      'I suggested an idea, then I asked {name} to tell me what they thought.',
    ],
    MEDIUM: [
      'I told {name} what I thought we should do.',
      'I asked a question when I was stuck.',
      'I tried to explain but it was {hard} to say.',
      'I said my idea and {name} said theirs.',
      'I listened some of the time.',
    ],
    DEVELOPING: [
      "I didn't say anything.",
      'I just clicked stuff.',
      'Nobody listened to me so I stopped talking.',
      "I don't know what to say.",
      'It was {hard} and stuff.',
    ],
  },
  self_regulation: {
    HIGH: [
      'When I got frustrated on {task}, I took a deep breath and tried again.',
      'I stayed calm and focused on our goal even when we kept losing.',
      'I made a mistake, so I paused, stepped back, and thought of a new strategy.',
      'I waited for my turn instead of rushing, {because} rushing makes it worse.',
      'I set a small goal for each round to keep myself focused.',
      'I was patient with {task} even though it was {hard}.',
    ],
    MEDIUM: [
      'I got a little frustrated but I kept going.',
      'I tried to stay calm most of the time.',
      "I wanted to quit once but I didn't.",
      'I made some mistakes and tried again.',
      'It was {hard} to wait for {name} but I did.',
    ],
    DEVELOPING: [
      'I got so angry I quit.',
      'This game is stupid and I hate it.',
      'I kept clicking {because} it was taking forever.',
      'I yelled at {name} {because} they messed up.',
      "I couldn't do it so I stopped.",
    ],
  },
};

/** Closing remarks by level, any skill. */
export const CLOSERS: Readonly<Record<Level, readonly string[]>> = {
  HIGH: ['Overall it was {good}.', 'Next time I want to do even better.', 'I learned a lot from {task}.'],
  MEDIUM: ['It was okay.', 'It was {good} I guess.', 'Some parts were {hard}.'],
  DEVELOPING: ['Idk.', "That's it.", 'Can I go now?', 'It was boring.'],
};

/** Sentences per utterance by level: [min, max]. */
export const SENTENCES_PER_LEVEL: Readonly<Record<Level, readonly [number, number]>> = {
  HIGH: [2, 4],
  MEDIUM: [2, 3],
  DEVELOPING: [1, 2],
};

/** Chance that a sentence opens with a hedge, by level. */
export const HEDGE_RATE: Readonly<Record<Level, number>> = { HIGH: 0.1, MEDIUM: 0.3, DEVELOPING: 0.45 };

/** Chance that one sentence is borrowed from a neighbouring level: students are not uniform. */
export const BLEED_RATE = 0.15;

/** Chance of the spelling/punctuation slips of younger writers, by band. */
export const ERROR_RATE: Readonly<Record<GradeBand, number>> = { early: 0.6, middle: 0.25, late: 0.05 };
