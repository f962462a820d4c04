/**
 * Transitions as data: the logical relations, the words that signal each one, which
 * relations are clearly wrong where another is needed, and sentence-pair templates whose
 * relation is fixed by what the second sentence says about the first.
 */
import { withArticle } from './text.ts';
import { possOf, type Topic } from './topics.ts';

export const RELATIONS = ['contrast', 'concession', 'cause', 'addition', 'example', 'sequence', 'emphasis', 'similarity'] as const;
export type Relation = (typeof RELATIONS)[number];

/** Sentence-initial transitions, by the relation they signal. */
export const TRANSITION_WORDS: Record<Relation, readonly string[]> = {
  contrast: ['However', 'In contrast', 'By contrast'],
  concession: ['Nevertheless', 'Nonetheless', 'Even so', 'Still'],
  cause: ['As a result', 'Consequently', 'Therefore', 'For this reason'],
  addition: ['Moreover', 'Furthermore', 'In addition', 'Additionally'],
  example: ['For example', 'For instance'],
  sequence: ['Afterward', 'Later', 'Subsequently', 'Next'],
  emphasis: ['In fact', 'Indeed'],
  similarity: ['Similarly', 'Likewise', 'In the same way'],
};

/**
 * For each needed relation, the relations whose words would misstate the link between the
 * sentences. Near neighbours are left out on purpose (contrast/concession, cause/example,
 * emphasis/example, addition/similarity) so that no distractor is defensibly correct.
 */
export const WRONG_RELATIONS: Record<Relation, readonly Relation[]> = {
  contrast: ['cause', 'addition', 'example', 'similarity'],
  concession: ['cause', 'addition', 'example', 'similarity'],
  cause: ['contrast', 'concession', 'similarity', 'example'],
  addition: ['contrast', 'concession', 'cause'],
  example: ['contrast', 'concession', 'similarity', 'cause'],
  sequence: ['contrast', 'concession', 'example'],
  emphasis: ['contrast', 'concession', 'similarity'],
  similarity: ['contrast', 'concession', 'cause'],
};

/** What each relation does, in words a student can check against the passage. */
export const RELATION_MEANING: Record<Relation, string> = {
  contrast: 'a contrast with what came before',
  concession: 'a point that holds despite the problem just mentioned',
  cause: 'a result of what came before',
  addition: 'an additional, separate point',
  example: 'a specific example of the claim just made',
  sequence: 'the next step in a sequence of events',
  emphasis: 'a statement that reinforces and intensifies the claim just made',
  similarity: 'a parallel case that resembles the one just described',
};

/** How the two sentences relate, as the rationale states it. */
export const RELATION_READING: Record<Relation, string> = {
  contrast: 'The sentence before the blank describes an earlier belief, and the sentence after it presents a finding that contradicts that belief.',
  concession: 'The sentence before the blank admits a weakness in the study, and the sentence after it says the conclusion is accepted anyway.',
  cause: 'The sentence before the blank states a finding, and the sentence after it describes something that has happened because of that finding.',
  addition: 'The sentence before the blank states one finding, and the sentence after it adds a separate observation from the same study.',
  example: 'The sentence before the blank states a general finding, and the sentence after it describes one specific case of it.',
  sequence: 'The sentence before the blank describes the first stage of the research, and the sentence after it describes a later stage.',
  emphasis: 'The sentence before the blank makes a claim, and the sentence after it strengthens that claim with a more striking fact.',
  similarity: 'The sentence before the blank states a finding about one case, and the sentence after it describes a comparable pattern in a different case.',
};

/** Verbs that report a finding, past tense / past participle. */
export const REPORT_VERBS = [
  ['found', 'found'],
  ['showed', 'shown'],
  ['concluded', 'concluded'],
  ['reported', 'reported'],
  ['demonstrated', 'demonstrated'],
  ['argued', 'argued'],
] as const;

export interface PairContext {
  t: Topic;
  /** How the researcher is named in the first sentence: full name on first mention, else surname. */
  who: string;
  verb: (typeof REPORT_VERBS)[number];
  /** Wording variant, 0..PHRASINGS-1: picks among equivalent phrasings so passages differ in words. */
  p: number;
}

/** Number of wording variants each template offers (indexes wrap). */
export const PHRASINGS = 6;

export interface PairTemplate {
  readonly id: string;
  readonly relation: Relation;
  /** The sentence before the blank. */
  before(c: PairContext): string;
  /** The sentence after the blank, without its transition (starts lowercase unless a name). */
  after(c: PairContext): string;
}

const pron = (t: Topic) => t.pron;
const pick = <T,>(xs: readonly T[], i: number): T => xs[i % xs.length];

const OPINION = ['For years, many researchers believed', 'For decades, most specialists assumed', 'It was long thought', 'Many experts once held', 'Until recently, researchers generally agreed', 'The standard view held'];
/** Openers for "X found that …" sentences. */
const SETTING = (t: Topic) => ['', `In ${possOf(t)} research, `, 'After years of work, ', 'In a recent study, ', 'In a widely cited paper, ', 'Drawing on new evidence, '];
const found = ({ t, who, verb, p }: PairContext) => `${pick(SETTING(t), p)}${who} ${verb[0]} that ${t.finding}.`;

export const PAIR_TEMPLATES: readonly PairTemplate[] = [
  { id: 'contrast-believed', relation: 'contrast', before: ({ t, p }) => `${pick(OPINION, p)} that ${t.old}.`, after: ({ t, p }) => `${t.surname}'s ${pick(['work', 'research', 'recent study'], p + 1)} ${pick(['suggests', 'indicates', 'shows', 'reveals'], p)} that ${t.finding}.` },
  { id: 'contrast-accounts', relation: 'contrast', before: ({ t, p }) => `${pick(['Earlier accounts', 'Older studies', 'Traditional accounts', 'Most early histories', 'Previous studies', 'Textbook accounts'], p)} of ${t.subject} assumed that ${t.old}.`, after: ({ t, verb }) => `the ${t.role} ${t.name} has ${verb[1]} that ${t.finding}.` },
  { id: 'contrast-accepted', relation: 'contrast', before: ({ t, p }) => `It was once widely ${pick(['accepted', 'believed', 'assumed', 'taken for granted', 'agreed', 'thought'], p)} that ${t.old}.`, after: ({ t, p }) => `${pick(['evidence gathered by', 'data collected by', 'recent work by', 'new research by'], p)} ${t.surname} points to a different conclusion: ${t.finding}.` },
  { id: 'concession-limit', relation: 'concession', before: ({ t, who, p }) => `${who}'s study has ${pick(['an obvious', 'a clear', 'a significant', 'an important', 'a notable', 'a real'], p)} limitation: ${t.limit}.`, after: ({ t, p }) => `most ${pick(['specialists', 'experts', 'researchers', 'scholars'], p + 2)} accept ${t.surname}'s conclusion that ${t.finding}.` },
  { id: 'concession-admits', relation: 'concession', before: ({ t, who, p }) => `As ${who} ${pick(['acknowledges', 'admits', 'readily concedes', 'points out', 'notes', 'is the first to admit'], p)}, ${t.limit}.`, after: ({ t, p }) => `the evidence that ${t.finding} has persuaded many of ${possOf(t)} ${pick(['colleagues', 'peers', 'fellow researchers', 'critics'], p + 1)}.` },
  { id: 'cause-research', relation: 'cause', before: ({ t, who, verb, p }) => `${who}'s ${pick(['research', 'work', 'study', 'recent work', 'latest study', 'long-term study'], p)} ${verb[0]} that ${t.finding}.`, after: ({ t }) => `${t.result}.` },
  { id: 'cause-role', relation: 'cause', before: ({ t, verb, p }) => `The ${t.role} ${t.name} has ${pick(['', 'convincingly ', 'persuasively '], p)}${verb[1]} that ${t.finding}.`, after: ({ t }) => `${t.result}.` },
  { id: 'example-found', relation: 'example', before: found, after: ({ t }) => `${t.detail}.` },
  { id: 'example-according', relation: 'example', before: ({ t, p }) => `${pick(['According to', 'In the view of', 'As shown by'], p)} the ${t.role} ${t.name}, ${t.finding}.`, after: ({ t }) => `${t.detail}.` },
  { id: 'addition-observed', relation: 'addition', before: found, after: ({ t, p }) => `${pron(t)} ${pick(['observed', 'noted', 'reported', 'documented'], p + 1)} that ${t.extra}.` },
  { id: 'addition-study', relation: 'addition', before: ({ t, who, verb }) => `In ${possOf(t)} study of ${t.subject}, ${who} ${verb[0]} that ${t.finding}.`, after: ({ t, p }) => `${pron(t)} ${pick(['observed', 'noted', 'reported', 'documented'], p)} that ${t.extra}.` },
  { id: 'sequence-first', relation: 'sequence', before: ({ t, who, p }) => `${pick(['To study', 'To learn more about', 'To investigate', 'To understand'], p)} ${t.subject}, ${who} first ${t.method}.`, after: ({ t }) => `${pron(t)} ${t.next}.` },
  { id: 'sequence-began', relation: 'sequence', before: ({ t, who, p }) => `${who} began ${possOf(t)} ${pick(['project', 'study', 'research', 'investigation', 'inquiry'], p)} by ${t.doing}.`, after: ({ t }) => `${pron(t)} ${t.next}.` },
  { id: 'emphasis-found', relation: 'emphasis', before: found, after: ({ t }) => `${t.emphasis}.` },
  { id: 'emphasis-strong', relation: 'emphasis', before: ({ t, who, p }) => `The evidence that ${t.finding} is ${pick(['strong', 'compelling', 'substantial', 'hard to dismiss', 'considerable'], p)}, according to ${who}.`, after: ({ t }) => `${t.emphasis}.` },
  { id: 'similarity-found', relation: 'similarity', before: found, after: ({ t }) => `${t.parallel}.` },
  { id: 'similarity-study', relation: 'similarity', before: ({ t, who, verb }) => `In ${possOf(t)} study of ${t.subject}, ${who} ${verb[0]} that ${t.finding}.`, after: ({ t }) => `${t.parallel}.` },
];

const FIELD_WORK: Record<Topic['field'], string> = {
  science: 'the sciences',
  history: 'history',
  literature: 'literary studies',
  humanities: 'the humanities',
};

/**
 * Opening sentences that set up a topic without stating any fact a template uses. Some
 * name the researcher (then the passage continues with the surname), some name the
 * subject or the evidence (then a template naming the same thing picks another lead).
 */
export const LEADS: readonly ((t: Topic) => string)[] = [
  (t) => `Researchers have long been interested in ${t.subject}.`,
  (t) => `${t.name} has spent more than a decade studying ${t.subject}.`,
  (t) => `${t.name}'s research focuses on ${t.subject}.`,
  (t) => `Few subjects have drawn as much debate among ${t.role}s as ${t.subject}.`,
  (t) => `${t.name} is ${withArticle(t.role)} known for careful work with ${t.tools[0]} and ${t.tools[1]}.`,
  (t) => `In ${possOf(t)} research, the ${t.role} ${t.name} draws on ${t.tools[0]}, ${t.tools[1]}, and ${t.tools[2]}.`,
  (t) => `${t.name} is ${withArticle(t.role)} whose recent work has drawn wide attention.`,
  (t) => `Some of the most surprising recent work in ${FIELD_WORK[t.field]} comes from ${t.name}.`,
  (t) => `Among ${t.role}s, one recent study has prompted unusually lively discussion.`,
];

/** Whether a lead overlaps a sentence: both name the topic's subject or the same piece of evidence. */
export function leadClashes(t: Topic, lead: number, sentence: string): boolean {
  const [text, other] = [LEADS[lead](t).toLowerCase(), sentence.toLowerCase()];
  return [t.subject, ...t.tools].some((x) => text.includes(x.toLowerCase()) && other.includes(x.toLowerCase()));
}

/** Whether a lead introduces the researcher by full name. */
export const leadNames = (t: Topic, lead: number): boolean => LEADS[lead](t).includes(t.name);
