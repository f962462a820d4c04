/**
 * Rhetorical Synthesis: bullet notes about one study, a stated goal, and four sentences
 * that are all accurate to the notes. Each goal needs a fixed pair of facts; the key is
 * the only option that states both. Distractors serve another goal or omit one of the two.
 */
import type { Rng } from '../../../lib/rng.ts';
import { OPTION_LETTERS, type Difficulty, type Item, type SkillGenerator, type VerifyResult } from '../../item.ts';
import { buildMcq, type Distractor } from '../build.ts';
import { cap, withArticle } from './text.ts';
import { TOPICS, possOf, topicById, type Topic } from './topics.ts';

const SKILL = 'rw.expr.rhetorical-synthesis' as const;

const FACTS = ['role', 'subject', 'old', 'method', 'finding', 'detail', 'result', 'parallel'] as const;
type Fact = (typeof FACTS)[number];

/** The text by which a fact is recognised in any sentence (notes or options). */
const factText = (t: Topic, f: Fact): string => (t as unknown as Record<Fact, string>)[f];

const FACT_WORDS: Record<Fact, (t: Topic) => string> = {
  role: (t) => `what ${t.name}'s profession is`,
  subject: (t) => `what ${t.surname} studies`,
  old: () => 'the earlier assumption',
  method: (t) => `how ${t.surname} carried out the research`,
  finding: (t) => `what ${t.surname} found`,
  detail: () => 'a specific case from the study',
  result: () => 'what has changed because of the finding',
  parallel: () => 'the comparable case from other research',
};

export const GOALS = ['contrast-view', 'method-finding', 'introduce', 'example', 'significance', 'similarity'] as const;
type Goal = (typeof GOALS)[number];

interface GoalDef {
  /** Both facts must be stated for the goal to be met. */
  needs: readonly [Fact, Fact];
  aim(t: Topic): string;
  /** Sentences meeting the goal (variants). */
  full: readonly ((t: Topic) => string)[];
  /** A sentence that keeps one needed fact and drops the other. */
  partial(t: Topic): string;
}

const GOAL_DEFS: Record<Goal, GoalDef> = {
  'contrast-view': {
    needs: ['old', 'finding'],
    aim: (t) => `contrast an earlier assumption about ${t.subject} with ${t.surname}'s finding`,
    full: [
      (t) => `Although researchers had long assumed that ${t.old}, ${t.surname} found that ${t.finding}.`,
      (t) => `${t.surname} found that ${t.finding}, challenging the earlier assumption that ${t.old}.`,
    ],
    partial: (t) => `Researchers had long assumed that ${t.old}.`,
  },
  'method-finding': {
    needs: ['method', 'finding'],
    aim: (t) => `present ${t.surname}'s research method and what it revealed`,
    full: [
      (t) => `${t.surname} ${t.method} and found that ${t.finding}.`,
      (t) => `After ${t.surname} ${t.method}, ${t.pron} concluded that ${t.finding}.`,
    ],
    partial: (t) => `To learn more about ${t.subject}, ${t.surname} ${t.method}.`,
  },
  introduce: {
    needs: ['role', 'subject'],
    aim: (t) => `introduce ${t.name} to an audience unfamiliar with ${possOf(t)} work`,
    full: [(t) => `${t.name}, ${withArticle(t.role)}, studies ${t.subject}.`, (t) => `The ${t.role} ${t.name} studies ${t.subject}.`],
    partial: (t) => `${t.name} has studied ${t.subject}.`,
  },
  example: {
    needs: ['finding', 'detail'],
    aim: (t) => `support ${t.surname}'s finding with a specific example`,
    full: [
      (t) => `${t.surname} found that ${t.finding}; for example, ${t.detail}.`,
      (t) => `${t.surname}'s finding that ${t.finding} is illustrated by a striking case: ${t.detail}.`,
    ],
    partial: (t) => `${cap(t.detail)}.`,
  },
  significance: {
    needs: ['finding', 'result'],
    aim: (t) => `explain a consequence of ${t.surname}'s finding`,
    full: [
      (t) => `Because ${t.surname} found that ${t.finding}, ${t.result}.`,
      (t) => `${t.surname}'s finding that ${t.finding} has had a notable consequence: ${t.result}.`,
    ],
    partial: (t) => `${cap(t.result)}.`,
  },
  similarity: {
    needs: ['finding', 'parallel'],
    aim: (t) => `emphasize a similarity between ${t.surname}'s finding and another case`,
    full: [
      (t) => `${t.surname} found that ${t.finding}; similarly, ${t.parallel}.`,
      (t) => `${t.surname} found that ${t.finding}, and in much the same way, ${t.parallel}.`,
    ],
    partial: (t) => `${cap(t.parallel)}.`,
  },
};

/** Note wordings; every variant contains its fact's text verbatim. */
const NOTE_VARIANTS: Record<Exclude<Fact, 'subject'> | 'limit' | 'extra' | 'next', readonly ((t: Topic) => string)[]> = {
  role: [(t) => `${t.name} is ${withArticle(t.role)} who studies ${t.subject}.`, (t) => `${t.name}, ${withArticle(t.role)}, researches ${t.subject}.`],
  old: [(t) => `Researchers had long assumed that ${t.old}.`, (t) => `Before ${t.surname}'s work, most experts believed that ${t.old}.`, (t) => `The traditional view was that ${t.old}.`],
  method: [(t) => `${t.surname} ${t.method}.`, (t) => `In ${possOf(t)} study, ${t.surname} ${t.method}.`, (t) => `For ${possOf(t)} research, ${t.pron} ${t.method}.`],
  finding: [(t) => `${t.surname} found that ${t.finding}.`, (t) => `${cap(t.pron)} concluded that ${t.finding}.`, (t) => `${t.surname}'s results indicate that ${t.finding}.`],
  detail: [(t) => `${cap(t.detail)}.`, (t) => `Notably, ${t.detail}.`],
  result: [(t) => `${cap(t.result)}.`, (t) => `Partly because of this work, ${t.result}.`],
  parallel: [(t) => `${cap(t.parallel)}.`, (t) => `In a separate line of research, ${t.parallel}.`],
  limit: [(t) => `${cap(t.limit)}.`, (t) => `One limitation of the study: ${t.limit}.`],
  extra: [(t) => `${t.surname} also observed that ${t.extra}.`, (t) => `${cap(t.pron)} noticed as well that ${t.extra}.`],
  next: [(t) => `Later, ${t.surname} ${t.next}.`, (t) => `In a second stage, ${t.pron} ${t.next}.`],
};
type NoteKind = keyof typeof NOTE_VARIANTS;
/** Notes appear in the order a researcher's story is told. */
const NOTE_ORDER: readonly NoteKind[] = ['role', 'old', 'method', 'next', 'finding', 'detail', 'extra', 'result', 'limit', 'parallel'];

const GOALS_BY_DIFFICULTY: Record<Difficulty, readonly Goal[]> = {
  easy: ['introduce', 'method-finding', 'contrast-view'],
  medium: GOALS,
  hard: ['example', 'significance', 'similarity'],
};

const NOTE_COUNT: Record<Difficulty, [number, number]> = { easy: [4, 5], medium: [5, 5], hard: [6, 6] };

interface Option {
  text: string;
  kind: 'full' | 'partial';
  goal: Goal;
}

const INTRO = 'While researching a topic, a student has taken the following notes:';

function factsIn(t: Topic, sentence: string): Fact[] {
  const s = sentence.toLowerCase();
  return FACTS.filter((f) => s.includes(factText(t, f).toLowerCase()));
}

const noteKindOf = (f: Fact): NoteKind => (f === 'subject' ? 'role' : f);

function generate(rng: Rng, difficulty: Difficulty): Item {
  const t = rng.pick(TOPICS);
  const goal = rng.pick(GOALS_BY_DIFFICULTY[difficulty]);
  const def = GOAL_DEFS[goal];
  const key: Option = { text: rng.pick(def.full)(t), kind: 'full', goal };
  const others = GOALS.filter((g) => g !== goal);
  // Hard items prefer wrong goals that share a fact with the key: they look closest to right.
  const shared = others.filter((g) => GOAL_DEFS[g].needs.some((f) => def.needs.includes(f)));
  const pool = difficulty === 'hard' && shared.length >= 2 ? shared : others;
  const distractors: Option[] =
    difficulty === 'easy'
      ? rng.sample(others, 3).map((g) => ({ text: rng.pick(GOAL_DEFS[g].full)(t), kind: 'full', goal: g }))
      : [{ text: def.partial(t), kind: 'partial', goal }, ...rng.sample(pool, 2).map((g): Option => ({ text: rng.pick(GOAL_DEFS[g].full)(t), kind: 'full', goal: g }))];

  const used = new Set<NoteKind>(['role', ...[key, ...distractors].flatMap((o) => factsIn(t, o.text).map(noteKindOf))]);
  const [lo, hi] = NOTE_COUNT[difficulty];
  const target = Math.max(used.size, rng.int(lo, hi));
  const fillers = rng.shuffle(NOTE_ORDER.filter((k) => !used.has(k)));
  while (used.size < target && fillers.length > 0) used.add(fillers.pop()!);
  const notes = NOTE_ORDER.filter((k) => used.has(k)).map((k) => rng.pick(NOTE_VARIANTS[k])(t));

  const [a, b] = def.needs;
  const steps = [
    `To ${def.aim(t)}, a sentence must give ${FACT_WORDS[a](t)} and ${FACT_WORDS[b](t)}.`,
    `The best choice states both: "${key.text}"`,
    ...distractors.map((d) => `"${d.text}": ${reasonFor(t, d, goal)}`),
  ];
  return buildMcq(
    {
      skill: SKILL,
      family: goal,
      difficulty,
      stem: `The student wants to ${def.aim(t)}. Which choice most effectively uses relevant information from the notes to accomplish this goal?`,
      passage: [INTRO, ...notes.map((n) => `• ${n}`)].join('\n'),
      correct: key.text,
      distractors: distractors.map((d): Distractor => ({ text: d.text, reason: reasonFor(t, d, goal) })),
      steps,
      spec: { topic: t.id, goal, needs: [...def.needs], options: [key, ...distractors].map((o) => ({ kind: o.kind, goal: o.goal })) },
      generatorId: `${SKILL}@1`,
      bShift: difficulty === 'hard' ? 0.15 : 0,
    },
    rng,
  );
}

function reasonFor(t: Topic, d: Option, goal: Goal): string {
  const needs = GOAL_DEFS[goal].needs;
  if (d.kind === 'partial') {
    const missing = needs.filter((f) => !factsIn(t, d.text).includes(f));
    return `Accurate to the notes, but it leaves out ${missing.map((f) => FACT_WORDS[f](t)).join(' and ')}, which the goal requires.`;
  }
  return `Accurate to the notes, but it would suit a student who wanted to ${GOAL_DEFS[d.goal].aim(t)}, not one who wanted to ${GOAL_DEFS[goal].aim(t)}.`;
}

/** Re-derives, from the topic's facts alone, which options meet the goal: exactly the keyed one must. */
function verify(item: Item): VerifyResult {
  const spec = item.spec as { topic: string; goal: Goal };
  const t = topicById(spec.topic);
  const needs = GOAL_DEFS[spec.goal]?.needs;
  if (!needs) return { ok: false, reason: `unknown goal ${spec.goal}` };
  const notes = (item.passage ?? '').toLowerCase();
  const keyIdx = OPTION_LETTERS.indexOf(item.answer as (typeof OPTION_LETTERS)[number]);
  const options = item.options ?? [];
  if (keyIdx < 0 || options.length !== 4) return { ok: false, reason: 'bad options or key letter' };
  for (const [i, o] of options.entries()) {
    const facts = factsIn(t, o);
    if (facts.length === 0) return { ok: false, reason: `option "${o}" uses no fact from the notes` };
    const unsupported = facts.filter((f) => !notes.includes(factText(t, f).toLowerCase()));
    if (unsupported.length > 0) return { ok: false, reason: `option "${o}" states ${unsupported.join(', ')}, absent from the notes` };
    const meets = needs.every((f) => facts.includes(f));
    if (i === keyIdx && !meets) return { ok: false, reason: `keyed option lacks ${needs.filter((f) => !facts.includes(f)).join(', ')}` };
    if (i !== keyIdx && meets) return { ok: false, reason: `distractor "${o}" also meets the goal ${spec.goal}` };
  }
  return { ok: true };
}

export const rhetoricalSynthesis: SkillGenerator = {
  skill: SKILL,
  families: GOALS,
  generate,
  verify,
};
