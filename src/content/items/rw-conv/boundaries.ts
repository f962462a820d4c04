/**
 * Boundaries: punctuation between clauses and around sentence elements. The generator
 * builds the tested sentence from a topic and a boundary rule; the verifier re-applies
 * the rule to the features in `spec` and judges every option's punctuation on its own.
 */
import type { Rng } from '../../../lib/rng.ts';
import { type Difficulty, type Item, type SkillGenerator, type VerifyResult } from '../../item.ts';
import { buildMcq, type Distractor } from '../build.ts';
import { BLANK, cap, splitFirst, splitLast } from '../rw-expr/text.ts';
import { TOPICS, possOf, topicById, type Topic } from '../rw-expr/topics.ts';
import { verifyOptionsByRule, countBlanks, drawFrame, framePassage, padFrame, settleLead, who, type Frame } from './context.ts';

const SKILL = 'rw.conv.boundaries' as const;
const STEM = 'Which choice completes the text so that it conforms to the conventions of Standard English?';

export const BOUNDARY_FAMILIES = ['clause-join', 'conjunctive-adverb', 'nonessential', 'subject-verb', 'colon-list'] as const;
type Family = (typeof BOUNDARY_FAMILIES)[number];

const FAMILIES_BY_DIFFICULTY: Record<Difficulty, readonly Family[]> = {
  easy: ['clause-join', 'subject-verb', 'colon-list', 'nonessential'],
  medium: BOUNDARY_FAMILIES,
  // Listed twice: the adverb rule is the subtlest, and it keeps every family under 30% of a balanced bank.
  hard: ['conjunctive-adverb', 'conjunctive-adverb', 'nonessential', 'subject-verb', 'clause-join'],
};

const FANBOYS = ['for', 'and', 'nor', 'but', 'or', 'yet', 'so'];

/** The features the verifier needs; `rule` names the convention applied. */
type BoundarySpec = Frame & { family: Family; lastWord: string } & (
    | { rule: 'two-independent-clauses'; firstWord: string; conj: string }
    | { rule: 'conjunctive-adverb'; adverb: string }
    | { rule: 'subject-verb'; opener: ',' | '—' | null }
    | { rule: 'before-list'; introducer: 'complete-clause' | 'including' }
  );

interface Draft {
  spec: BoundarySpec;
  sentence: string;
  correct: string;
  distractors: Distractor[];
  steps: string[];
}

/** Independent-clause pairs from the topic, with the conjunction that fits their logic. */
function clausePairs(t: Topic, s: string): { first: string; second: string; conj: string }[] {
  return [
    { first: `${s} first ${t.method}`, second: `${t.pron} later ${t.next}`, conj: 'and' },
    { first: `Many researchers once believed that ${t.old}`, second: `${s}'s work suggests otherwise`, conj: 'but' },
    { first: `${s} showed that ${t.finding}`, second: t.result, conj: 'so' },
  ];
}

function clauseJoin(rng: Rng, t: Topic, f: Frame): Draft {
  const pair = rng.pick(clausePairs(t, who(f)));
  const [head, lw] = splitLast(pair.first);
  const [fw, rest] = splitFirst(pair.second);
  const form = rng.pick(['semicolon', 'period', 'comma-conj'] as const);
  const correct = form === 'semicolon' ? `${lw}; ${fw}` : form === 'period' ? `${lw}. ${cap(fw)}` : `${lw}, ${pair.conj} ${fw}`;
  return {
    spec: { ...f, family: 'clause-join', rule: 'two-independent-clauses', lastWord: lw, firstWord: fw, conj: pair.conj },
    sentence: `${head} ${BLANK} ${rest}.`,
    correct,
    distractors: [
      { text: `${lw}, ${fw}`, reason: 'A comma alone cannot join two independent clauses (a comma splice).' },
      { text: `${lw} ${fw}`, reason: 'With no punctuation, the two independent clauses run together (a fused sentence).' },
      { text: `${lw} ${pair.conj}, ${fw}`, reason: `The comma belongs before "${pair.conj}", not after it; as written, the clauses are joined without the required comma.` },
    ],
    steps: [
      `"${pair.first}" is an independent clause, and so is "${pair.second}".`,
      `Two independent clauses must be separated by a period or a semicolon, or joined by a comma followed by a coordinating conjunction such as "${pair.conj}".`,
      `"${correct}" does this correctly; a comma alone, no punctuation, or a comma after the conjunction would not.`,
    ],
  };
}

function conjunctiveAdverb(rng: Rng, t: Topic, f: Frame): Draft {
  const s = who(f);
  const pairs = [
    { first: `Many researchers once believed that ${t.old}`, adverbs: ['however', 'in contrast'], second: `${s}'s work suggests that ${t.finding}` },
    { first: `${s} showed that ${t.finding}`, adverbs: ['as a result', 'for this reason'], second: t.result },
    { first: `${s} found that ${t.finding}`, adverbs: ['for example', 'for instance'], second: t.detail },
    { first: cap(t.limit), adverbs: ['nevertheless', 'even so'], second: `most specialists accept ${s}'s conclusion` },
    { first: `${s} found that ${t.finding}`, adverbs: ['in addition'], second: `${t.pron} observed that ${t.extra}` },
  ];
  const pair = rng.pick(pairs);
  const adverb = rng.pick(pair.adverbs);
  const [head, lw] = splitLast(pair.first);
  const correct = rng.chance(0.7) ? `${lw}; ${adverb},` : `${lw}. ${cap(adverb)},`;
  return {
    spec: { ...f, family: 'conjunctive-adverb', rule: 'conjunctive-adverb', lastWord: lw, adverb },
    sentence: `${head} ${BLANK} ${pair.second}.`,
    correct,
    distractors: [
      { text: `${lw}, ${adverb},`, reason: `"${adverb}" is not a conjunction, so a comma before it leaves two independent clauses joined by a comma (a comma splice).` },
      { text: `${lw} ${adverb},`, reason: 'With no punctuation before the adverb, the two independent clauses run together.' },
      { text: `${lw}; ${adverb}`, reason: `The semicolon is right, but the introductory "${adverb}" must be followed by a comma.` },
    ],
    steps: [
      `The text before the blank and the text after it are both independent clauses; "${adverb}" is a conjunctive adverb that opens the second one.`,
      `A conjunctive adverb does not join clauses by itself: the first clause must end with a semicolon or a period, and the adverb takes a comma after it.`,
      `Only "${correct}" does both.`,
    ],
  };
}

function nonessential(rng: Rng, t: Topic, f: Frame, difficulty: Difficulty): Draft {
  const opener = difficulty === 'easy' || rng.chance(0.6) ? (',' as const) : ('—' as const);
  const sep = opener === ',' ? ', ' : '—';
  const frames = [
    { element: `who has spent years studying ${t.subject}`, before: who(f), after: t.method },
    { element: `which focused on ${t.subject}`, before: `${who(f)}'s study`, after: `showed that ${t.finding}` },
  ];
  const fr = rng.pick(frames);
  const [head, lw] = splitLast(fr.element);
  const other = opener === ',' ? '—' : ',';
  return {
    spec: { ...f, family: 'nonessential', rule: 'subject-verb', lastWord: lw, opener },
    sentence: `${fr.before}${sep}${head} ${BLANK} ${fr.after}.`,
    correct: `${lw}${opener}`,
    distractors: [
      { text: lw, reason: `The element opened by ${opener === ',' ? 'a comma' : 'a dash'} is never closed, which leaves punctuation between the subject and its verb unbalanced.` },
      { text: `${lw};`, reason: 'A semicolon separates independent clauses; here it would cut the subject off from its verb.' },
      { text: `${lw}${other}`, reason: `The element began with ${opener === ',' ? 'a comma' : 'a dash'}, so it must end with the same mark, not ${other === ',' ? 'a comma' : 'a dash'}.` },
    ],
    steps: [
      `"${fr.element}" is extra information inserted between the subject (${fr.before}) and its verb.`,
      `A nonessential element is set off by a matching pair of marks: it opens with ${opener === ',' ? 'a comma' : 'a dash'}, so it must close with ${opener === ',' ? 'a comma' : 'a dash'}.`,
      `So the blank is "${lw}${opener}".`,
    ],
  };
}

function subjectVerb(rng: Rng, t: Topic, f: Frame, difficulty: Difficulty): Draft {
  const frames = [
    { subject: `${who(f)}'s study of ${t.subject}`, predicate: `showed that ${t.finding}` },
    { subject: `Research by the ${t.role} ${t.name} on ${t.subject}`, predicate: `suggests that ${t.finding}` },
    { subject: `The ${t.tools[0]} that ${who(f)} examined during ${possOf(t)} study of ${t.subject}`, predicate: `suggest that ${t.finding}` },
  ];
  const fr = difficulty === 'hard' ? frames[rng.int(1, 2)] : rng.pick(frames.slice(0, 2));
  const [head, lw] = splitLast(fr.subject);
  const marks = rng.sample([',', ';', ':', '—'], 3);
  const NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', ':': 'colon', '—': 'dash' };
  return {
    spec: { ...f, family: 'subject-verb', rule: 'subject-verb', lastWord: lw, opener: null },
    sentence: `${head} ${BLANK} ${fr.predicate}.`,
    correct: lw,
    distractors: marks.map((m) => ({
      text: `${lw}${m}`,
      reason: `A ${NAMES[m]} here would separate the long subject ("${fr.subject}") from its verb, and nothing in the sentence calls for one.`,
    })),
    steps: [
      `The subject of the sentence is "${fr.subject}", and its verb comes right after the blank.`,
      'No punctuation belongs between a subject and its verb, however long the subject is, unless it closes an element that was opened earlier (none was).',
      `So the blank is "${lw}" with no punctuation.`,
    ],
  };
}

function colonList(rng: Rng, t: Topic, f: Frame): Draft {
  const s = who(f);
  const list = `${t.tools[0]}, ${t.tools[1]}, and ${t.tools[2]}`;
  if (rng.chance(0.6)) {
    const lead = rng.pick([
      [`${s} drew on three kinds of`, 'evidence'],
      [`${s}'s study of ${t.subject} relied on three`, 'sources'],
      [`To study ${t.subject}, ${s} combined three types of`, 'data'],
    ]);
    const lw = lead[1];
    return {
      spec: { ...f, family: 'colon-list', rule: 'before-list', lastWord: lw, introducer: 'complete-clause' },
      sentence: `${lead[0]} ${BLANK} ${list}.`,
      correct: `${lw}:`,
      distractors: [
        { text: `${lw};`, reason: 'A semicolon must be followed by an independent clause, and what follows is only a list.' },
        { text: `${lw},`, reason: 'A comma here makes the list read as a series of four items rather than the three the sentence announces.' },
        { text: lw, reason: 'Without punctuation, the list runs straight into the clause that introduces it.' },
      ],
      steps: [
        `"${lead[0]} ${lw}" is a complete independent clause that announces a list.`,
        'A colon is the mark that follows a complete clause and introduces a list or explanation.',
        `So the blank is "${lw}:".`,
      ],
    };
  }
  return {
    spec: { ...f, family: 'colon-list', rule: 'before-list', lastWord: 'including', introducer: 'including' },
    sentence: `${s} drew on several kinds of evidence, ${BLANK} ${list}.`,
    correct: 'including',
    distractors: [
      { text: 'including:', reason: '"Including" already introduces the list; a colon cannot follow a word that leaves the clause incomplete.' },
      { text: 'including;', reason: 'A semicolon must separate two independent clauses, and neither side of it here is one.' },
      { text: 'including,', reason: 'No comma belongs between "including" and the items it introduces.' },
    ],
    steps: [
      '"Including" is a preposition here; the list is its object, so the clause is not complete before the list.',
      'A colon (or any other mark) may introduce a list only after a complete clause, so no punctuation follows "including".',
      'So the blank is "including".',
    ],
  };
}

function generate(rng: Rng, difficulty: Difficulty): Item {
  const family = rng.pick(FAMILIES_BY_DIFFICULTY[difficulty]);
  const t = rng.pick(TOPICS);
  const frame = drawFrame(rng, t, difficulty, ['result', 'extra', 'limit']);
  const d =
    family === 'clause-join' ? clauseJoin(rng, t, frame)
    : family === 'conjunctive-adverb' ? conjunctiveAdverb(rng, t, frame)
    : family === 'nonessential' ? nonessential(rng, t, frame, difficulty)
    : family === 'subject-verb' ? subjectVerb(rng, t, frame, difficulty)
    : colonList(rng, t, frame);
  const settled = padFrame(rng, settleLead(rng, frame, d.sentence.replace(BLANK, d.correct)), d.sentence, ['result', 'extra', 'limit']);
  return buildMcq(
    {
      skill: SKILL,
      family,
      difficulty,
      stem: STEM,
      passage: framePassage(settled, d.sentence),
      correct: d.correct,
      distractors: d.distractors,
      steps: d.steps,
      spec: { ...d.spec, lead: settled.lead, closing: settled.closing },
      generatorId: `${SKILL}@1`,
    },
    rng,
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether one option's punctuation obeys the rule recorded in spec (judged from the option text alone). */
function conforms(s: BoundarySpec, option: string): boolean {
  const m = new RegExp(`^${escape(s.lastWord)}(.*)$`, 'su').exec(option);
  if (!m) return false;
  const tail = m[1];
  switch (s.rule) {
    case 'two-independent-clauses': {
      const fw = escape(s.firstWord);
      if (new RegExp(`^; ${fw}$`, 'u').test(tail)) return true;
      if (new RegExp(`^\\. ${fw}$`, 'iu').test(tail) && /^\. [A-Z]/.test(tail)) return true;
      const cj = new RegExp(`^, (\\w+) ${fw}$`, 'u').exec(tail);
      return cj !== null && FANBOYS.includes(cj[1]);
    }
    case 'conjunctive-adverb': {
      const adv = escape(s.adverb);
      return new RegExp(`^; ${adv},$`, 'u').test(tail) || (new RegExp(`^\\. ${adv},$`, 'iu').test(tail) && /^\. [A-Z]/.test(tail));
    }
    case 'subject-verb':
      return tail === (s.opener ?? '');
    case 'before-list':
      return tail === (s.introducer === 'complete-clause' ? ':' : '');
  }
}

function verify(item: Item): VerifyResult {
  const s = item.spec as unknown as BoundarySpec;
  topicById(s.topic);
  if (countBlanks(item.passage ?? '') !== 1) return { ok: false, reason: 'passage must hold exactly one blank' };
  return verifyOptionsByRule(item, s.rule, (o) => conforms(s, o));
}

export const boundaries: SkillGenerator = {
  skill: SKILL,
  families: BOUNDARY_FAMILIES,
  generate,
  verify,
};
