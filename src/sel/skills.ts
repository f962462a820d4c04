/**
 * The social-emotional-learning (SEL) vocabulary, written once: the four skills and their
 * keyword lists, the three levels, the grades, and the 38-column dataset schema with every
 * feature's definition (name, formula, range) in one table. Everything else in `src/sel/`
 * derives its enums, validators and column orders from here.
 */

export const SEL_SKILLS = ['empathy', 'collaboration', 'communication', 'self_regulation'] as const;
export type SelSkill = (typeof SEL_SKILLS)[number];

export const LEVELS = ['HIGH', 'MEDIUM', 'DEVELOPING'] as const;
export type Level = (typeof LEVELS)[number];

/** Grades 6–12: seven grades, the range the origin document balances over. */
export const GRADES = [6, 7, 8, 9, 10, 11, 12] as const;
export type Grade = (typeof GRADES)[number];

/**
 * Keyword lemmas per skill, matched against wink-nlp lemmas (lower case), so "helped",
 * "helping" and "helps" all count as `help`. Two-word entries match adjacent lemmas.
 * Lists are disjoint so one word never counts for two skills.
 */
export const SKILL_KEYWORDS: Readonly<Record<SelSkill, readonly string[]>> = {
  empathy: [
    'feel', 'feeling', 'upset', 'sad', 'hurt', 'care', 'understand', 'kind', 'comfort', 'sorry',
    'worry', 'worried', 'lonely', 'support', 'encourage', 'perspective', 'emotion', 'compassion',
  ],
  collaboration: [
    'together', 'team', 'teammate', 'share', 'help', 'group', 'partner', 'cooperate', 'compromise',
    'contribute', 'role', 'divide', 'everyone', 'agree', 'plan', 'combine',
  ],
  communication: [
    'explain', 'listen', 'ask', 'question', 'tell', 'say', 'clarify', 'describe', 'mean', 'point',
    'idea', 'suggest', 'respond', 'discuss', 'summarize', 'example',
  ],
  self_regulation: [
    'calm', 'breath', 'breathe', 'focus', 'patient', 'wait', 'frustrated', 'angry', 'control',
    'try again', 'step back', 'pause', 'goal', 'strategy', 'mistake', 'stay',
  ],
};

export const LINGUISTIC_FEATURES = [
  'word_count', 'sentence_count', 'avg_sentence_length', 'avg_word_length', 'type_token_ratio',
  'noun_ratio', 'verb_ratio', 'adj_ratio', 'adv_ratio', 'pronoun_ratio', 'clause_density',
  'sentiment_compound', 'kw_empathy', 'kw_collaboration', 'kw_communication', 'kw_self_regulation',
] as const;

export const BEHAVIOURAL_FEATURES = [
  'session_minutes', 'tasks_attempted', 'tasks_completed', 'help_requests', 'help_given',
  'chat_messages', 'resources_shared', 'retries_after_failure', 'frustration_events',
] as const;

export const DERIVED_FEATURES = ['completion_rate', 'messages_per_minute', 'prosocial_index', 'persistence_index'] as const;

export const FEATURES = [...LINGUISTIC_FEATURES, ...BEHAVIOURAL_FEATURES, ...DERIVED_FEATURES] as const;
export type LinguisticFeature = (typeof LINGUISTIC_FEATURES)[number];
export type BehaviouralFeature = (typeof BEHAVIOURAL_FEATURES)[number];
export type DerivedFeature = (typeof DERIVED_FEATURES)[number];
export type FeatureName = (typeof FEATURES)[number];
export type FeatureVector = Record<FeatureName, number>;

export const LABEL_COLUMNS = SEL_SKILLS.map((s) => `score_${s}` as const);
export type LabelColumn = `score_${SelSkill}`;
export const labelColumn = (skill: SelSkill): LabelColumn => `score_${skill}`;

export const METADATA_COLUMNS = ['sample_id', 'skill', 'level', 'grade', 'utterance'] as const;
export type MetadataColumn = (typeof METADATA_COLUMNS)[number];

/** CSV column order: 5 metadata, 29 features, 4 labels = 38. */
export const CSV_COLUMNS: readonly string[] = [...METADATA_COLUMNS, ...FEATURES, ...LABEL_COLUMNS];

export interface FeatureDef {
  readonly group: 'linguistic' | 'behavioural' | 'derived';
  /** How the value is computed, in words and symbols. */
  readonly formula: string;
  /** Inclusive bounds every valid value lies in (validation and the inference schema use them). */
  readonly range: readonly [number, number];
}

/**
 * The feature table. "words" are wink-nlp tokens of type `word` (contractions split, so
 * "don't" is two words: do + not); sentences come from wink-nlp's sentence splitter; POS
 * tags are wink-nlp's Universal Dependencies tags. Counts in the telemetry are per game session.
 */
export const FEATURE_TABLE: Readonly<Record<FeatureName, FeatureDef>> = {
  word_count: { group: 'linguistic', formula: 'number of word tokens', range: [0, 1000] },
  sentence_count: { group: 'linguistic', formula: 'number of sentences', range: [0, 200] },
  avg_sentence_length: { group: 'linguistic', formula: 'word_count / sentence_count (0 if no sentence)', range: [0, 1000] },
  avg_word_length: { group: 'linguistic', formula: 'mean characters per word token', range: [0, 40] },
  type_token_ratio: { group: 'linguistic', formula: 'distinct lower-cased words / word_count', range: [0, 1] },
  noun_ratio: { group: 'linguistic', formula: '(NOUN + PROPN tokens) / word_count', range: [0, 1] },
  verb_ratio: { group: 'linguistic', formula: 'VERB tokens / word_count (auxiliaries excluded)', range: [0, 1] },
  adj_ratio: { group: 'linguistic', formula: 'ADJ tokens / word_count', range: [0, 1] },
  adv_ratio: { group: 'linguistic', formula: 'ADV tokens / word_count', range: [0, 1] },
  pronoun_ratio: { group: 'linguistic', formula: 'PRON tokens / word_count', range: [0, 1] },
  clause_density: { group: 'linguistic', formula: '(SCONJ + CCONJ tokens) / sentence_count: linked clauses per sentence', range: [0, 100] },
  sentiment_compound: { group: 'linguistic', formula: 'VADER compound score of the whole utterance', range: [-1, 1] },
  kw_empathy: { group: 'linguistic', formula: 'matches of SKILL_KEYWORDS.empathy among word lemmas', range: [0, 1000] },
  kw_collaboration: { group: 'linguistic', formula: 'matches of SKILL_KEYWORDS.collaboration among word lemmas', range: [0, 1000] },
  kw_communication: { group: 'linguistic', formula: 'matches of SKILL_KEYWORDS.communication among word lemmas', range: [0, 1000] },
  kw_self_regulation: { group: 'linguistic', formula: 'matches of SKILL_KEYWORDS.self_regulation among word lemmas', range: [0, 1000] },
  session_minutes: { group: 'behavioural', formula: 'minutes of active play in the session', range: [1, 120] },
  tasks_attempted: { group: 'behavioural', formula: 'game tasks started', range: [1, 200] },
  tasks_completed: { group: 'behavioural', formula: 'game tasks finished (≤ tasks_attempted)', range: [0, 200] },
  help_requests: { group: 'behavioural', formula: 'times the student asked a peer or the game for help', range: [0, 200] },
  help_given: { group: 'behavioural', formula: 'times the student helped a teammate', range: [0, 200] },
  chat_messages: { group: 'behavioural', formula: 'team-chat messages sent', range: [0, 1000] },
  resources_shared: { group: 'behavioural', formula: 'in-game items handed to teammates', range: [0, 200] },
  retries_after_failure: { group: 'behavioural', formula: 'tasks retried after a failed attempt', range: [0, 200] },
  frustration_events: { group: 'behavioural', formula: 'rage-quits, rapid repeated clicks or abandoned tasks', range: [0, 200] },
  completion_rate: { group: 'derived', formula: 'tasks_completed / tasks_attempted', range: [0, 1] },
  messages_per_minute: { group: 'derived', formula: 'chat_messages / session_minutes', range: [0, 1000] },
  prosocial_index: {
    group: 'derived',
    formula: '(help_given + resources_shared) / (help_given + resources_shared + help_requests + 1)',
    range: [0, 1],
  },
  persistence_index: {
    group: 'derived',
    formula: 'retries_after_failure / (retries_after_failure + frustration_events + 1)',
    range: [0, 1],
  },
};

export const isSelSkill = (s: string): s is SelSkill => (SEL_SKILLS as readonly string[]).includes(s);
export const isLevel = (s: string): s is Level => (LEVELS as readonly string[]).includes(s);
export const isGrade = (n: number): n is Grade => (GRADES as readonly number[]).includes(n);
