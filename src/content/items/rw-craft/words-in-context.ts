/**
 * Words in Context. Two shapes, as on the digital SAT: the meaning of a word as used in
 * the text (options are senses of that word, plus meanings that fit the topic but not the
 * sentence), and the blank that calls for the most logical and precise word or phrase
 * (options are a group of words whose contexts each admit exactly one of them). Keys are
 * looked up in the sense inventory (`wic-data.ts`) from the ids stored in the spec.
 */
import type { Rng } from '../../../lib/rng.ts';
import type { Difficulty } from '../../item.ts';
import { cap, family, mustContain, num, PEOPLE, rwGenerator, str, wrong, type RwDraft, type Spec } from '../rw-info/kit.ts';
import { CLOSERS, GROUPS, POLYSEMES, type Level, type WordGroup } from './wic-data.ts';

const LEVEL: Record<Difficulty, Level> = { easy: 0, medium: 1, hard: 2 };
const ALT = /\{([^{}]*\|[^{}]*)\}/g;

/** How many authored alternatives each `{a|b}` group of a template has. */
export const altSizes = (t: string) => [...t.matchAll(ALT)].map((m) => m[1].split('|').length);

/** Expand alternatives by the stored picks and fill the person slots. */
export function expand(t: string, picks: readonly number[], personIdx: number): string {
  const p = PEOPLE[personIdx];
  if (!p) throw new Error('spec.person out of range');
  let i = 0;
  const chosen = t.replace(ALT, (_, body: string) => {
    const opts = body.split('|');
    const k = picks[i++];
    if (k === undefined || !opts[k]) throw new Error('spec.alts does not fit the template');
    return opts[k];
  });
  const slots: Record<string, string> = { name: p.name, sub: p.sub, obj: p.obj, pos: p.pos, Pos: cap(p.pos) };
  return chosen.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (!(k in slots)) throw new Error(`unknown slot {${k}}`);
    return slots[k];
  });
}

const drawAlts = (rng: Rng, t: string) => altSizes(t).map((n) => rng.int(0, n - 1));

/** Prefer the difficulty's level; fall back to neighbours so every band has choices. */
function byLevel<T extends { level: Level }>(rng: Rng, xs: readonly T[], d: Difficulty): T {
  const want = LEVEL[d];
  const near = xs.filter((x) => Math.abs(x.level - want) <= (rng.chance(0.6) ? 0 : 1));
  return rng.pick(near.length > 0 ? near : xs);
}

// ---- "As used in the text, … most nearly mean?" ------------------------------------------

function meaningParts(spec: Spec) {
  const w = POLYSEMES.find((p) => p.word === str(spec, 'word'));
  const sense = w?.senses[num(spec, 'sense')];
  const ctx = sense?.contexts[num(spec, 'context')];
  const closer = CLOSERS.meaning[num(spec, 'closer')];
  if (!w || !sense || ctx === undefined || closer === undefined) throw new Error('meaning spec out of range');
  const context = `${ctx} ${closer}`;
  return { w, sense, context };
}

const meaning = family({
  id: 'meaning-of-word',
  draw(rng, d) {
    const w = byLevel(rng, POLYSEMES, d);
    const senseIdx = rng.int(0, w.senses.length - 1);
    const ctxIdx = rng.int(0, w.senses[senseIdx].contexts.length - 1);
    const wrongOnes = [
      ...w.senses.filter((_, i) => i !== senseIdx).map((s) => s.gloss),
      ...w.others,
    ];
    const closer = rng.int(0, CLOSERS.meaning.length - 1);
    return {
      word: w.word,
      sense: senseIdx,
      context: ctxIdx,
      closer,
      alts: drawAlts(rng, `${w.senses[senseIdx].contexts[ctxIdx]} ${CLOSERS.meaning[closer]}`),
      person: rng.int(0, PEOPLE.length - 1),
      wrongGlosses: rng.sample(wrongOnes, 3),
    };
  },
  render(spec): RwDraft {
    const { w, sense, context } = meaningParts(spec);
    const senses = new Set(w.senses.map((s) => s.gloss));
    return {
      passage: expand(context, spec.alts as number[], num(spec, 'person')),
      stem: `As used in the text, what does the word “${w.word}” most nearly mean?`,
      correct: sense.gloss,
      distractors: (spec.wrongGlosses as string[]).map((g) =>
        wrong(
          g,
          senses.has(g)
            ? `Another sense of “${w.word}”, but the sentence around it calls for “${sense.gloss}”.`
            : `A meaning that fits the topic but not the logic of the sentence, which calls for “${sense.gloss}”.`,
        ),
      ),
      steps: [
        `Read the sentence around “${w.word}” and ask what the word must mean for the sentence to make sense.`,
        `Here the context calls for the sense “${sense.gloss}”; the word's other senses do not fit.`,
      ],
    };
  },
  expectedKey: (spec) => meaningParts(spec).sense.gloss,
  consistency(spec, item) {
    const { w, sense } = meaningParts(spec);
    const modelled = new Set([...w.senses.filter((s) => s !== sense).map((s) => s.gloss), ...w.others]);
    if ((item.options ?? []).some((o) => o !== sense.gloss && !modelled.has(o)))
      return 'a distractor is neither another sense nor a modelled topic meaning';
    return mustContain(item, w.word);
  },
});

// ---- "…the most logical and precise word or phrase?" -------------------------------------

function groupParts(spec: Spec) {
  const g = GROUPS.find((x) => x.id === str(spec, 'group'));
  const w = g?.words[num(spec, 'word')];
  const closer = g && CLOSERS[g.kind][num(spec, 'closer')];
  if (!g || !w || !closer) throw new Error('blank spec out of range');
  return { g, w, text: `${w.context} ${closer}` };
}

const blank = (id: string, kind: WordGroup['kind']) =>
  family({
    id,
    draw(rng, d) {
      const g = rng.pick(GROUPS.filter((x) => x.kind === kind));
      const w = byLevel(rng, g.words, d);
      const closer = rng.int(0, CLOSERS[kind].length - 1);
      return { group: g.id, word: g.words.indexOf(w), closer, alts: drawAlts(rng, `${w.context} ${CLOSERS[kind][closer]}`), person: rng.int(0, PEOPLE.length - 1) };
    },
    render(spec): RwDraft {
      const { g, w, text } = groupParts(spec);
      return {
        passage: expand(text, spec.alts as number[], num(spec, 'person')),
        stem: 'Which choice completes the text with the most logical and precise word or phrase?',
        correct: w.word,
        distractors: g.words
          .filter((x) => x !== w)
          .map((x) => wrong(x.word, `“${x.word}” means ${x.gloss}; the text calls for a word meaning ${w.gloss}.`)),
        steps: [
          'Find the clue in the text that fixes the blank’s meaning (the clause after the colon, semicolon or comma explains it).',
          `The clue calls for a word meaning “${w.gloss}”, which is what “${w.word}” means.`,
        ],
      };
    },
    expectedKey: (spec) => groupParts(spec).w.word,
    consistency(spec, item) {
      const { g } = groupParts(spec);
      if ((item.options ?? []).some((o) => !g.words.some((x) => x.word === o))) return 'an option is not from the word group';
      return mustContain(item, '______');
    },
  });

export const wordsInContext = rwGenerator('rw.craft.words-in-context', [
  meaning,
  blank('blank-academic', 'academic'),
  blank('blank-stance', 'stance'),
  blank('blank-literary', 'literary'),
  blank('blank-phrase', 'phrase'),
]);
