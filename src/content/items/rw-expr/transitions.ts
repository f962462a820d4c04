/**
 * Transitions: a sentence pair from a research topic with a blank where the second sentence
 * begins. The relation between the sentences is fixed by the pair template; the key is a
 * word that signals it, the distractors signal relations that clearly misstate the link.
 */
import type { Rng } from '../../../lib/rng.ts';
import { OPTION_LETTERS, type Difficulty, type Item, type SkillGenerator, type VerifyResult } from '../../item.ts';
import { buildMcq } from '../build.ts';
import { BLANK, wordCount } from './text.ts';
import { TOPICS, topicById } from './topics.ts';
import {
  LEADS,
  PHRASINGS,
  leadClashes,
  leadNames,
  PAIR_TEMPLATES,
  RELATIONS,
  RELATION_MEANING,
  RELATION_READING,
  REPORT_VERBS,
  TRANSITION_WORDS,
  WRONG_RELATIONS,
  type Relation,
} from './transitions-data.ts';

const SKILL = 'rw.expr.transitions' as const;
const STEM = 'Which choice completes the text with the most logical transition?';

/** Relations with an explicit cue come early; concession and emphasis, whose cue is subtler, come late. */
const RELATIONS_BY_DIFFICULTY: Record<Difficulty, readonly Relation[]> = {
  easy: ['contrast', 'cause', 'example', 'sequence'],
  medium: ['contrast', 'cause', 'example', 'addition', 'similarity'],
  hard: ['concession', 'emphasis', 'similarity', 'addition'],
};

interface TransitionSpec {
  relation: Relation;
  template: string;
  topic: string;
  verb: number;
  /** Wording variant (see PHRASINGS). */
  phrasing: number;
  /** Index into LEADS, or -1 for a two-sentence passage. */
  lead: number;
}

function passageOf(s: TransitionSpec): string {
  const t = topicById(s.topic);
  const tpl = PAIR_TEMPLATES.find((p) => p.id === s.template);
  if (!tpl) throw new Error(`unknown transition template ${s.template}`);
  const ctx = { t, who: s.lead >= 0 && leadNames(t, s.lead) ? t.surname : t.name, verb: REPORT_VERBS[s.verb], p: s.phrasing };
  const lead = s.lead >= 0 ? [LEADS[s.lead](t)] : [];
  return [...lead, tpl.before(ctx), `${BLANK} ${tpl.after(ctx)}`].join(' ');
}

const asOption = (word: string) => `${word},`;

function generate(rng: Rng, difficulty: Difficulty): Item {
  const relation = rng.pick(RELATIONS_BY_DIFFICULTY[difficulty]);
  const template = rng.pick(PAIR_TEMPLATES.filter((p) => p.relation === relation));
  const t = rng.pick(TOPICS);
  const probeCtx = { t, who: t.surname, verb: REPORT_VERBS[0], p: 0 };
  const probe = template.before(probeCtx) + template.after(probeCtx);
  const leads = LEADS.map((_, i) => i).filter((i) => !leadClashes(t, i, probe));
  const lead = difficulty === 'hard' || rng.chance(0.5) ? rng.pick(leads) : -1;
  const spec: TransitionSpec = {
    relation,
    template: template.id,
    topic: t.id,
    verb: rng.int(0, REPORT_VERBS.length - 1),
    phrasing: rng.int(0, PHRASINGS - 1),
    lead,
  };
  // SAT passages run at least 25 words; a pair that short gets an opening sentence.
  if (lead < 0 && wordCount(passageOf(spec)) < 25) spec.lead = rng.pick(leads);
  const key = rng.pick(TRANSITION_WORDS[relation]);
  const wrong = rng.sample(WRONG_RELATIONS[relation], 3).map((r) => ({ relation: r, word: rng.pick(TRANSITION_WORDS[r]) }));
  return buildMcq(
    {
      skill: SKILL,
      family: relation,
      difficulty,
      stem: STEM,
      passage: passageOf(spec),
      correct: asOption(key),
      distractors: wrong.map((w) => ({
        text: asOption(w.word),
        reason: `"${w.word}" signals ${RELATION_MEANING[w.relation]}, but the sentence after the blank offers ${RELATION_MEANING[relation]}.`,
      })),
      steps: [
        RELATION_READING[relation],
        `So the transition must introduce ${RELATION_MEANING[relation]}.`,
        `"${key}" signals exactly that relationship. ${wrong.map((w) => `"${w.word}" would signal ${RELATION_MEANING[w.relation]}`).join('; ')}; none of these fits.`,
      ],
      spec: { ...spec },
      generatorId: `${SKILL}@1`,
      bShift: relation === 'concession' || relation === 'emphasis' ? 0.2 : 0,
    },
    rng,
  );
}

/** The relation a transition signals, read from the word lists (not from how the item was drawn). */
function relationOf(option: string): Relation | undefined {
  const word = option.replace(/,\s*$/, '').trim().toLowerCase();
  return RELATIONS.find((r) => TRANSITION_WORDS[r].some((w) => w.toLowerCase() === word));
}

function verify(item: Item): VerifyResult {
  const s = item.spec as unknown as TransitionSpec;
  const tpl = PAIR_TEMPLATES.find((p) => p.id === s.template);
  if (!tpl) return { ok: false, reason: `unknown template ${s.template}` };
  if (tpl.relation !== s.relation) return { ok: false, reason: `template ${tpl.id} expresses ${tpl.relation}, spec says ${s.relation}` };
  if (item.passage !== passageOf(s)) return { ok: false, reason: 'passage does not match its spec' };
  const keyIdx = OPTION_LETTERS.indexOf(item.answer as (typeof OPTION_LETTERS)[number]);
  const options = item.options ?? [];
  if (keyIdx < 0 || options.length !== 4) return { ok: false, reason: 'bad options or key letter' };
  const keyRel = relationOf(options[keyIdx]);
  if (keyRel !== s.relation) return { ok: false, reason: `keyed "${options[keyIdx]}" signals ${keyRel ?? 'nothing known'}, the pair needs ${s.relation}` };
  for (const [i, o] of options.entries()) {
    if (i === keyIdx) continue;
    const r = relationOf(o);
    if (!r || !WRONG_RELATIONS[s.relation].includes(r)) return { ok: false, reason: `distractor "${o}" (${r ?? '?'}) could also fit ${s.relation}` };
  }
  return { ok: true };
}

export const transitions: SkillGenerator = {
  skill: SKILL,
  families: RELATIONS,
  generate,
  verify,
};
