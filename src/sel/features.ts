/**
 * The 16 linguistic features of an utterance (definitions in `FEATURE_TABLE`), computed
 * with wink-nlp's English model (tokens, sentences, Universal-Dependencies POS tags,
 * lemmas) and VADER sentiment (Hutto & Gilbert 2014; our implementation in `vader.ts`,
 * over the published lexicon).
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { FEATURES, LINGUISTIC_FEATURES, SEL_SKILLS, SKILL_KEYWORDS, type FeatureVector, type LinguisticFeature, type SelSkill } from './skills.ts';
import { deriveTelemetry, type BehaviourVector } from './telemetry.ts';
import { polarityScores } from './vader.ts';

const nlp = winkNLP(model);
const its = nlp.its;

export type LinguisticVector = Record<LinguisticFeature, number>;

/** Keyword sets split into single lemmas and two-lemma phrases, built once. */
const KEYWORD_INDEX = Object.fromEntries(
  SEL_SKILLS.map((s) => {
    const words = SKILL_KEYWORDS[s];
    return [s, { single: new Set(words.filter((w) => !w.includes(' '))), pairs: new Set(words.filter((w) => w.includes(' '))) }];
  }),
) as Record<SelSkill, { single: Set<string>; pairs: Set<string> }>;

export interface Analysed {
  /** Word tokens only (punctuation, numbers, symbols dropped). */
  words: { normal: string; lemma: string; pos: string }[];
  sentences: number;
}

export function analyse(text: string): Analysed {
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const types = tokens.out(its.type) as string[];
  const normals = tokens.out(its.normal) as string[];
  // wink's typings declare `its.lemma` with the model-addon signature; at run time it is an ItsFunction.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.normal) as string[];
  const pos = tokens.out(its.pos) as string[];
  const words: Analysed['words'] = [];
  for (let i = 0; i < types.length; i++) {
    // wink returns no lemma for some misspellings ("didnt"): fall back to the normal form.
    if (types[i] === 'word') words.push({ normal: normals[i], lemma: (lemmas[i] ?? normals[i]).toLowerCase(), pos: pos[i] });
  }
  return { words, sentences: words.length === 0 ? 0 : doc.sentences().length() };
}

/**
 * Keyword hits for one skill: a word counts once if its lemma or its lower-cased form is
 * in the list; a two-word entry counts once per adjacent pair of lemmas that matches it.
 */
export function keywordCount(words: Analysed['words'], skill: SelSkill): number {
  const { single, pairs } = KEYWORD_INDEX[skill];
  let n = 0;
  for (let i = 0; i < words.length; i++) {
    if (single.has(words[i].lemma) || single.has(words[i].normal)) n++;
    if (i > 0 && pairs.size > 0 && pairs.has(`${words[i - 1].lemma} ${words[i].lemma}`)) n++;
  }
  return n;
}

export function linguisticFeatures(text: string): LinguisticVector {
  const { words, sentences } = analyse(text);
  const n = words.length;
  const ratio = (tags: readonly string[]) => (n === 0 ? 0 : words.filter((w) => tags.includes(w.pos)).length / n);
  const conj = words.filter((w) => w.pos === 'SCONJ' || w.pos === 'CCONJ').length;
  const out: LinguisticVector = {
    word_count: n,
    sentence_count: sentences,
    avg_sentence_length: sentences === 0 ? 0 : n / sentences,
    avg_word_length: n === 0 ? 0 : words.reduce((a, w) => a + w.normal.length, 0) / n,
    type_token_ratio: n === 0 ? 0 : new Set(words.map((w) => w.normal)).size / n,
    noun_ratio: ratio(['NOUN', 'PROPN']),
    verb_ratio: ratio(['VERB']),
    adj_ratio: ratio(['ADJ']),
    adv_ratio: ratio(['ADV']),
    pronoun_ratio: ratio(['PRON']),
    clause_density: sentences === 0 ? 0 : conj / sentences,
    sentiment_compound: n === 0 ? 0 : polarityScores(text).compound,
    kw_empathy: keywordCount(words, 'empathy'),
    kw_collaboration: keywordCount(words, 'collaboration'),
    kw_communication: keywordCount(words, 'communication'),
    kw_self_regulation: keywordCount(words, 'self_regulation'),
  };
  // Guard the column order: the output must carry exactly the table's features.
  if (Object.keys(out).length !== LINGUISTIC_FEATURES.length) throw new Error('linguisticFeatures: column mismatch');
  return out;
}

/** All 29 features of a sample: 16 linguistic, 9 behavioural, 4 derived. */
export function featureVector(utterance: string, behaviour: BehaviourVector): FeatureVector {
  const all = { ...linguisticFeatures(utterance), ...behaviour, ...deriveTelemetry(behaviour) };
  return Object.fromEntries(FEATURES.map((f) => [f, all[f]])) as FeatureVector;
}
