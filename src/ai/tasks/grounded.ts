/**
 * The shared core of the free-text tasks (help, note_reply, tutor_chat, review): find the
 * sentences of the project's own material (the item's rationale and distractor reasons,
 * retrieved lesson passages) that best answer the student's words, and the checks every
 * such answer shares. Nothing here invents content: a template answer is assembled from
 * these sentences or says plainly that it cannot help.
 */
import { z } from 'zod';
import { OPTION_LETTERS, type Item } from '../../content/item.ts';
import { TAXONOMY, skill, type SkillId } from '../../content/taxonomy.ts';
import { finalAnswerEqualsKey, splitSentences, statedAnswers } from '../checks/answer.ts';
import { arithmeticStepsEvaluate } from '../checks/arithmetic.ts';
import { lengthBounds, wordCount } from '../checks/length.ts';
import { numbersDerivable, numbersOf } from '../checks/numbers.ts';
import { findEmails, findPhones, noPii } from '../checks/pii.ts';
import { skillNamed, skillsMentioned } from '../checks/skills.ts';
import { noModelMarkup } from '../checks/markup.ts';
import { noBannedTone } from '../checks/tone.ts';
import { tokenize } from '../search/bm25.ts';
import { isLessonIntro, isQuotable, passageKeywords, passageLesson } from '../search/sources.ts';
import { BoundedMap } from '../../lib/bounded-map.ts';
import type { Rng } from '../../lib/rng.ts';
import type { CheckResult, SourceDoc } from '../task.ts';
import { itemNumbers, rationaleSteps, revealsKey } from './item-text.ts';
import { lessonSentences, pointsBack } from './lesson-text.ts';
import { choiceSentence } from './phrasing.ts';

export const sourceSchema = z.object({ id: z.string().min(1), title: z.string().min(1), text: z.string().min(1) });
/** Retrieved passages travel inside the input, so the stored row holds what the writer saw. */
export const sourcesField = z.array(sourceSchema).max(6).default([]);

export interface Passage {
  text: string;
  origin: 'distractor' | 'rationale' | 'source';
  title?: string;
  /** The id of the retrieved passage a source sentence came from. */
  sourceId?: string;
  score: number;
}

/** Letters the student points at: "choice C", "option (B)", "why not D", "(A)". */
export function lettersMentioned(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b(?:choice|option|answer|not|picked|chose)\s+\(?([A-Da-d])\)?(?![\p{L}])|\(([A-D])\)/giu)) {
    found.add((m[1] ?? m[2]).toUpperCase());
  }
  return [...found];
}

export interface Material {
  item?: Item;
  studentAnswer?: string;
  sources: readonly SourceDoc[];
  /** When false, no sentence that states or gives away the key is used. */
  revealAnswer: boolean;
  /** Varies the frames distractor reasons are told in; without it the first frame is used. */
  rng?: Rng;
  /** What the conversation has already told the student: a sentence in it is not quoted again. */
  said?: string;
}

/** A retrieved rationale belongs to another item: its steps solve a different problem. */
const isItemSource = (s: SourceDoc) => s.id.startsWith('item:');

/** The key as a number: a grid-in's answer, or a choice whose text is one number ("9", "y = 9"); null otherwise. */
function keyValue(item: Item): number | null {
  const text = item.type === 'mcq' ? item.options?.[OPTION_LETTERS.indexOf(item.answer as (typeof OPTION_LETTERS)[number])] : item.answer;
  const m = text?.trim().match(/^(?:[a-z]\s*=\s*)?(-?\d+(?:\.\d+)?)(?:\/(\d+))?$/i);
  if (!m) return null;
  return m[2] ? Number(m[1]) / Number(m[2]) : Number(m[1]);
}

/**
 * "…so 18y = 162": one term of the unknown equal to a number, standing alone as a clause (not
 * "+ 10v = 1045", part of a longer side), either way round.
 */
const ONE_DIVISION_LEFT = [
  /(?:^|[:;,(]|\b(?:so|and|gives|then|get|leaves)\b)\s*(-?\d+(?:\.\d+)?)\s*([a-z])\s*=\s*(-?\d+(?:\.\d+)?)(?=\s*(?:$|[.;,)]|\band\b|\bso\b))/gi,
  /(?:^|[:;,(]|\b(?:so|and|gives|then|get|leaves)\b)\s*(-?\d+(?:\.\d+)?)\s*=\s*(-?\d+(?:\.\d+)?)\s*([a-z])(?=\s*(?:$|[.;,)]|\band\b|\bso\b))/gi,
];

/** A step whose equation leaves only one division to the key ("18y = 162" for 9) gives it away as surely as stating it. */
function leavesOneDivision(step: string, item: Item): boolean {
  const key = keyValue(item);
  if (key === null) return false;
  const close = (x: number) => Math.abs(x - key) < 1e-9;
  for (const m of step.matchAll(ONE_DIVISION_LEFT[0])) if (Number(m[1]) !== 0 && close(Number(m[3]) / Number(m[1]))) return true;
  for (const m of step.matchAll(ONE_DIVISION_LEFT[1])) if (Number(m[2]) !== 0 && close(Number(m[1]) / Number(m[2]))) return true;
  return false;
}

/** A rationale step that states an answer or the key, or leaves one division to it: not quoted before the student has answered. */
export const givesKeyAway = (step: string, item: Item) => statedAnswers(step).length > 0 || revealsKey(step, item) || leavesOneDivision(step, item);

/** "Here: the text …" points at the item; in a reply the lead-in already does that. */
export const asReplyStep = (step: string) => step.replace(/^Here:\s+(\S)/, (_, c: string) => c.toUpperCase());

/** The item's own sentences a reply may use: pointed-at distractor reasons, then rationale steps. */
function itemCandidates(question: string, m: Material, item: Item): Omit<Passage, 'score'>[] {
  const out: Omit<Passage, 'score'>[] = [];
  const pointed = new Set([...lettersMentioned(question), ...(m.studentAnswer ? [m.studentAnswer] : [])]);
  for (const [letter, why] of Object.entries(item.distractorReasons ?? {})) {
    // "…which calls for 'contains'" names the key: not before the student has answered.
    if (!m.revealAnswer && revealsKey(why, item)) continue;
    if (pointed.has(letter) && letter !== item.answer) out.push({ text: choiceSentence(letter, why, m.rng), origin: 'distractor' });
  }
  const reasons = Object.values(item.distractorReasons ?? {});
  for (const s of rationaleSteps(item)) {
    // Some rationales restate a distractor reason after quoting the option; the reason is told once, as a choice.
    if (reasons.some((r) => s.includes(r.replace(/\.$/, '')))) continue;
    if (!m.revealAnswer && givesKeyAway(s, item)) continue;
    out.push({ text: asReplyStep(s), origin: 'rationale' });
  }
  return out;
}

/**
 * "How do I start this one?", "can you give me a hint": the item's first step that does not give
 * the key away (before an answer), within `maxWords` — the start of its worked solution, not
 * the sentence most like the rest, which tends to be its conclusion. If every step gives the key
 * away, the passage sentence closest to the item.
 */
/** A number standing alone, not a coefficient or a formula's factor ("4y", "2πr" are kept). */
const BARE_NUMBER = /(?<![\p{L}\p{N}])\d+(?:[.,/]\d+)*(?![\p{L}\p{N}])/gu;

export function firstItemStep(m: Material & { item: Item }, maxWords = Infinity): Passage[] {
  const step = itemCandidates('', m, m.item).find((c) => c.origin === 'rationale' && wordCount(c.text) <= maxWords);
  if (step) return [{ ...step, score: 1 }];
  // The item's own numbers say nothing about which lesson sentence fits it ("4y = 5x − 3" is not
  // about "$4 and $3 tickets"): the passage is matched on the item's words.
  const words = `${m.item.stem} ${rationaleSteps(m.item).join(' ')}`.replace(BARE_NUMBER, ' ');
  return relevantPassages(words, m, 1, maxWords, { typed: false });
}

const tokenSets = new Map<string, ReadonlySet<string>>();
const leads = new Map<string, readonly string[]>();

/** A candidate's first three search tokens (its subject, mostly), memoised like `tokenSet`. */
function leadTokens(text: string): readonly string[] {
  let lead = leads.get(text);
  if (!lead) {
    lead = [...new Set(tokenize(text.slice(0, 80)).slice(0, 3))];
    if (leads.size >= 8192) leads.clear();
    leads.set(text, lead);
  }
  return lead;
}

/** A candidate's search tokens, memoised: the same lesson sentences and rationale steps are scored request after request. */
function tokenSet(text: string): ReadonlySet<string> {
  let set = tokenSets.get(text);
  if (!set) {
    set = new Set(tokenize(text));
    if (tokenSets.size >= 8192) tokenSets.clear();
    tokenSets.set(text, set);
  }
  return set;
}

/**
 * Candidate sentences scored by idf-weighted overlap with the student's words; idf is taken
 * over the candidates themselves, so words every sentence shares count for little. At most
 * `k` are returned, best first, skipping any that would take the total past `maxWords`.
 */
export function relevantPassages(question: string, m: Material, k: number, maxWords = Infinity, opts: { typed?: boolean } = {}): Passage[] {
  const cands: Omit<Passage, 'score'>[] = m.item ? itemCandidates(question, m, m.item) : [];
  const titleWords: ReadonlySet<string>[] = cands.map(() => EMPTY);
  const passageWords: ReadonlySet<string>[] = cands.map(() => EMPTY);
  // The sentence before each one in its passage, for a sentence that points back to it.
  const before: (string | undefined)[] = cands.map(() => undefined);
  for (const src of m.sources) {
    if (!isQuotable(src)) continue;
    // About a question, only its own skill's lesson (and the guide) speaks to it: "180 not 360" on an
    // angles question is not answered by the circle lesson's arcs.
    if (m.item && !src.id.startsWith('guide.') && passageLesson(src).id !== `lesson.${m.item.skill}`) continue;
    let prev: string | undefined;
    for (const s of lessonSentences(src.text)) {
      const last = prev;
      prev = s;
      if (m.item && !m.revealAnswer && revealsKey(s, m.item)) continue;
      cands.push({ text: s, origin: 'source', title: src.title, sourceId: src.id });
      before.push(last);
      titleWords.push(tokenSet(`${src.title} ${passageKeywords(src)}`));
      passageWords.push(tokenSet(src.text));
    }
  }
  // "I'm stuck" must not match "3 p.m." in some lesson: only topic words count. The other words
  // ("questions", "SAT") only break ties between sentences that already share a topic word, and a
  // word of a passage's title or skill counts half for each of its sentences ("area" in the lesson on circles).
  // An item's own words are not a student's typing: its equations are not named by their kind.
  const text = (opts.typed ?? true) ? expandQuestion(question) : question;
  const topicList = topicTokensIn(question, text);
  const topic = new Set(topicList);
  // The first topic word is what the question asks for ("the slope" of "the slope of a line from two
  // points"); the rest say of what. It outweighs one of them, so the sentence that gives the slope
  // wins over one that merely has a line and two points.
  const weight = (t: string) => (t === topicList[0] && topic.size > 1 ? HEAD_WEIGHT : 1);
  // "How many" says a number is wanted (below), not what it is of: "not only on how many" is no answer to "how many questions".
  const context = new Set(tokenize(text.replace(QUANTITY_WORDS, ' ')).filter((t) => !topic.has(t) && !isOwnNumber(t)));
  const wantsQuantity = QUANTITY.test(question);
  const compares = COMPARES.test(question) && topic.size >= 2;
  const docs = cands.map((c) => tokenSet(c.text));
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + cands.length / (df.get(t) ?? 1));
  const scored = cands.map((c, i) => {
    let score = 0;
    for (const t of topic) score += weight(t) * (docs[i].has(t) ? idf(t) : titleWords[i].has(t) ? idf(t) / 2 : 0);
    if (score > 0) {
      // Between sentences that match alike, one that opens with the topic is about it ("A colon
      // must come after …"); one that names it in passing is not ("a cause word (because, so, a
      // colon) tells you …"). Only a tie-break: it never outweighs a word matched or a number.
      for (const t of leadTokens(cands[i].text)) if (topic.has(t)) score += idf(t) / 20;
      // "The difference between a colon and a semicolon": the sentences that each open with one of
      // them say what it does; one that names both in a list ("periods, semicolons, colons…") does not.
      if (compares && leadTokens(cands[i].text).some((t) => topic.has(t))) score *= 2;
      for (const t of context) if (docs[i].has(t)) score += idf(t) / 4;
      // "How many questions…?" is answered by a sentence that states a number.
      if (wantsQuantity && /\d/.test(c.text)) score *= 1.5;
      // About a question, its own lesson outranks the guide on a word both use: "how do I use
      // elimination" on a systems question is the method, not the process of elimination.
      if (m.item && c.sourceId && !c.sourceId.startsWith('guide.')) score *= OWN_LESSON_WEIGHT;
    }
    return { ...c, at: i, score: c.origin === 'distractor' ? 100 + score : score };
  });
  const seen = new Set<string>();
  const fresh = (p: Omit<Passage, 'score'>) => !m.said || !m.said.includes(p.text.slice(1));
  // "What is a z-score?" names one thing in two words: a sentence with only one of them (the "Z"
  // of an example, "square units" for the unit circle) is about something else.
  const term = m.item ? [] : compoundTermAsked(question);
  const namesTerm = (p: { origin: Passage['origin']; at: number }) => p.origin !== 'source' || term.every((t) => docs[p.at].has(t) || titleWords[p.at].has(t));
  const ranked = scored
    .filter((p) => p.score > 0 && fresh(p) && namesTerm(p) && !seen.has(p.text) && seen.add(p.text))
    .sort((a, b) => b.score - a.score);
  // A passage sentence that shares only a common word with the question is no answer: it must
  // score at least half of the best passage sentence (the item's own sentences are not held to this).
  // Passage sentences after the first come from the same passage, so a reply reads as one thought
  // ("A good inference is modest." does not follow the guide's sentence on good scores).
  const topSource = ranked.find((p) => p.origin === 'source');
  // Off the lessons' ground ("who won the world cup" finds "real-world"): when the passage of the
  // best sentence, title included, holds no more than half of the question's topic weight, the
  // passages do not answer it. About an item its own steps still may.
  const covered = (c: number) => [...topic].reduce((sum, t) => sum + (docs[c].has(t) || titleWords[c].has(t) || passageWords[c].has(t) ? idf(t) : 0), 0);
  const topicWeight = [...topic].reduce((sum, t) => sum + idf(t), 0);
  const grounded = (p: { at: number }) => covered(p.at) > MIN_TOPIC_COVERAGE * topicWeight;
  // "What are the grammar rules?": the best sentence's passage names grammar only, but another,
  // whose sentence matches nearly as well, names grammar and its rules: the reply comes from that one.
  const bestSource =
    topSource && m.item === undefined && !grounded(topSource)
      ? (ranked.find((p) => p.origin === 'source' && p.score >= topSource.score / 2 && grounded(p)) ?? topSource)
      : topSource;
  const onGround = !bestSource || m.item !== undefined || grounded(bestSource);
  // Only when it was not the best sentence's own does the grounded passage have to come first.
  const groundPassage = bestSource !== topSource ? bestSource?.sourceId : undefined;
  const out: Passage[] = [];
  const taken = new Set<number>();
  const compared = new Set<string>();
  const asked = sectionsNamed(question);
  let words = 0;
  for (const p of ranked) {
    if (out.length >= k) break;
    // Of two things compared, the sentence after the first says what the other one does: not the
    // same one again, nor one that only names them in passing; and it is the other's answer however
    // it scores beside the first.
    const led = compares && p.origin === 'source' ? leadTokens(p.text).filter((t) => topic.has(t)) : [];
    const otherCompared = out.length > 0 && led.some((t) => !compared.has(t));
    if (compares && p.origin === 'source' && out.length > 0 && !otherCompared) continue;
    if (p.origin === 'source' && (!bestSource || !onGround || (p.score < bestSource.score / 2 && !otherCompared) || p.sourceId !== firstSource(out, p).sourceId)) continue;
    if (p.origin === 'source' && groundPassage !== undefined && p.sourceId !== groundPassage) continue;
    // A sentence that restates figures already picked ("95 seconds … 35 minutes for 22 questions"
    // after the Math pacing sentence) says nothing new.
    if (p.origin === 'source' && restatesFigures(p.text, out)) continue;
    // "That is why the mean and median … can be far apart" says why only after the sentence it
    // points back to; anywhere else (a passage's first sentence included) its "that" points at nothing.
    if (p.origin === 'source' && pointsBack(p.text) && (before[p.at] === undefined || out.at(-1)?.text !== before[p.at])) continue;
    // Asked about one section, a sentence about only the other one answers what was not asked.
    if (p.origin === 'source' && namesOnlyTheOtherSection(p.text, asked)) continue;
    const n = wordCount(p.text);
    if (words + n > maxWords || taken.has(p.at)) continue;
    const { at: _at, ...passage } = p;
    out.push(passage);
    taken.add(p.at);
    words += n;
    for (const t of led) compared.add(t);
    // The sentence that goes on from this one ("A good inference is modest. It goes one small step
    // past the text, not ten.") comes with it while there is room, whatever its own words.
    const next = scored[p.at + 1];
    if (next && p.origin === 'source' && out.length < k && before[next.at] === p.text && pointsBack(next.text) && fresh(next) && !taken.has(next.at)) {
      const m2 = wordCount(next.text);
      if (words + m2 <= maxWords && !restatesFigures(next.text, out)) {
        const { at: _a, ...cont } = next;
        out.push(cont);
        taken.add(next.at);
        words += m2;
      }
    }
  }
  return out;
}

/** The test's sections a text names ("the Math module", "reading and writing"), by name. */
const SECTION_NAMES = TAXONOMY.sections.map((sec) => ({ name: sec.name, re: new RegExp(`\\b${sec.name.replace(/ /g, '\\s+')}\\b`, 'i') }));
function sectionsNamed(text: string): Set<string> {
  const named = new Set<string>();
  for (const { name, re } of SECTION_NAMES) if (re.test(text)) named.add(name);
  return named;
}
/** Whether `text` names one section and `asked` names one other. */
function namesOnlyTheOtherSection(text: string, asked: ReadonlySet<string>): boolean {
  if (asked.size !== 1) return false;
  const named = sectionsNamed(text);
  return named.size === 1 && !asked.has([...named][0]);
}
const figuresIn = (text: string) => new Set(text.match(/\d+(?:\.\d+)?/g) ?? []);
/** Whether `text` repeats two or more of the figures of the passages already picked. */
function restatesFigures(text: string, picked: readonly Passage[]): boolean {
  if (picked.length === 0) return false;
  const before = figuresIn(picked.map((p) => p.text).join(' '));
  let shared = 0;
  for (const f of figuresIn(text)) if (before.has(f) && ++shared >= 2) return true;
  return false;
}

/** How much more the question's first topic word counts than each of the others. */
const HEAD_WEIGHT = 1.5;
/** How much a question's own lesson outweighs the guide for a sentence that matches alike. */
const OWN_LESSON_WEIGHT = 1.5;
/** The share of a question's topic weight (idf) that the passage of its best sentence, title included, must exceed to answer it. */
const MIN_TOPIC_COVERAGE = 0.5;
const EMPTY: ReadonlySet<string> = new Set();
/** "When is the SAT?", "when is the next test?": a date ("when do I get a break in the test?" is not). */
const WHEN_IS_TEST = /\bwhen\s+(?:is|are)\s+(?:the\s+)?(?:next\s+)?(?:sat|tests?)\b/i;
/** "How many questions are on the SAT?", "… does the test have": the whole test's count, not one section's or module's. */
const QUESTIONS_IN_TEST = /\bhow\s+many\s+questions\b(?=.*\b(?:sat|test|exam)\b)(?!.*\b(?:section|module|reading|writing|math|per|each|day|week)\b)/i;
/** "In a month", "over the next two weeks", "with 3 days left": when, not what. */
const SPAN = '(?:a|an|one|two|three|four|five|six|\\d+|a few|a couple of)\\s+(?:days?|weeks?|months?)';
const TIME_FRAME = new RegExp(
  `\\b(?:(?:in|within|over|for|with|have|got)\\s+(?:(?:only|just|the next|the last)\\s+)?${SPAN}|${SPAN}(?=\\s+(?:left|to go|away)\\b))` +
    '(?:\\s+(?:left|to go|away))?(?:\\s+(?:before|until)\\s+(?:the|my)\\s+(?:test|sat|exam))?\\b',
  'gi',
);
/** A question about getting ready for the test, where a span of days is a time frame. */
const ABOUT_PREPARING = /\b(?:study|studying|prep|prepare|preparing|practi[cs]e|practi[cs]ing|test|sat|exam|score|improve|learn|review)\b/i;
/** "Is the SAT hard?", "are the math questions difficult": how hard the test is, not a topic in it. */
const HOW_HARD = /\b(?:is|are)\s+(?:the\s+)?(?:digital\s+)?(?:sat|test|exam|math|reading and writing|reading|writing)(?:\s+(?:section|sections|questions|part))?\s+(?:really\s+|very\s+|that\s+|too\s+)?(?:hard|difficult|tough|easy)\b/i;
/** "Get a 1500", "reach 1400", "score a 1350", "aim for 1200": a total score as a goal (400–1600, in tens). */
const SCORE_GOAL = new RegExp(
  '\\b(?:get|reach|hit|score|aim\\s+for|break|make)\\s+(?:a|an|over|above)?\\s*(?:1[0-5]\\d0|1600|[4-9]\\d0)\\+?(?![\\d.])' +
    // "How do I get 30 more points?", "gain a hundred points", "improve by 100 points"
    '|\\b(?:get|gain|add|improve(?:\\s+by)?|raise\\s+(?:it|my\\s+score)\\s+by|go\\s+up(?:\\s+by)?)\\s+(?:\\d+|a\\s+few|a\\s+hundred|a\\s+couple\\s+hundred)\\s+(?:more\\s+)?points\\b',
  'i',
);
/** "f(x)", "g(3)", "h(t + 1)": a function's name applied to an input. */
const FUNCTION_NOTATION = /(?<![\p{L}\p{N}])[fgh]\s*\(\s*[\p{L}\p{N}]/u;
/** "How should I study", "the best way to prepare", "how do I prep for it": studying for the test. */
const HOW_TO_STUDY = /\b(?:I|we|to)\s+(?:study|prepare|prep)\b/i;
/** "How many…", "how much time…", "how long…": a question a number answers. */
const QUANTITY = /\bhow (?:many|much|long)\b|\bnumber of\b/i;
const QUANTITY_WORDS = new RegExp(QUANTITY.source, 'gi');
/** "The difference between X and Y", "X vs Y", "I keep mixing up X and Y": two things set side by side. */
const COMPARES = /\b(?:diff?e?re?nce|differ)\b.*\b(?:between|from)\b|\bvs\.?\b|\bversus\b|\bcompared? (?:to|with)\b|\bmix(?:ing|ed)?\s+up\b|\bconfus(?:e|ed|ing)\b/i;
/** The first passage sentence picked so far, or `p` itself when it would be the first. */
const firstSource = (out: readonly Passage[], p: Omit<Passage, 'score'>) => out.find((q) => q.origin === 'source') ?? p;

/**
 * Words that say the student wants help but not with what — "I'm stuck", "how do I start
 * this one?", "why is my answer wrong?" — and contraction tails ("I'm", "it's", "you're"
 * split off as their own tokens): they carry no topic. About an item, such a question is
 * answered with the item's own steps. Written as words and stemmed here, as the question's are.
 */
const NO_TOPIC = new Set(
  tokenize(
    // How it felt is not what it is about: "this one was easy" is not a question on making changes easy.
    'easy hard harder tricky difficult simple ' +
      'help stuck get don dont t m s re ve ll d am im understand please confused hint idea lost start begin one answer wrong right correct ' +
      'solve problem question first step explain approach way work out faster quick easier sat find go many much know use tell need ' +
      'give show tip clue want ask make sense look try should between difference like myself improve next stop avoid making shortcut trick quicker strategy method got choice choices ' +
      // How one goes about it, not what it is about: "how do I pick the main idea", "get better at inferences".
      'better best pick handle keep stay during calculate figure deal lose happen happens badly poorly ' +
      // "The definition of a function" is about functions.
      'definition define defined meaning ' +
      // "The lesson on circles" is about circles.
      'lesson lessons ' +
      // Conversation, not topic: "explain the states step again", "walk me through the lines part", "why does X matter here".
      'again part parts walk through matter here mix mixing up confuse confusing could would always related come see about ' +
      // Texting and asking what went wrong: "help pls", "how do I even start", "I picked D, what did I miss?", "this makes no sense".
      'pls plz even no did miss picked chose chosen check u ur ya vs versus ' +
      // Who sent the student: "my teacher says I need to work on grammar" is about grammar.
      'teacher teachers tutor says said told ' +
      // Fillers with nothing to look up: "idk", "ok", "hmm" get asked what they are working on.
      'idk dunno sure ok okay lol hmm hm huh yeah yes nah nope',
  ),
);

/**
 * A word of NO_TOPIC, or a typo of one ("diffrence", "quetsion", "explian"): a letter dropped,
 * doubled or swapped with its neighbour in a word of six letters or more. A letter changed for
 * another is not taken for a typo: "letter" is a topic, not a misspelt "better".
 */
function isNoTopic(t: string): boolean {
  if (NO_TOPIC.has(t)) return true;
  if (t.length < 6) return false;
  let typo = typoCache.get(t);
  if (typo === undefined) {
    typo = NO_TOPIC_LONG.some((w) => oneSlipApart(t, w));
    if (typoCache.size > 10_000) typoCache.clear();
    typoCache.set(t, typo);
  }
  return typo;
}
const NO_TOPIC_LONG = [...NO_TOPIC].filter((w) => w.length >= 5);
const typoCache = new Map<string, boolean>();

/** Whether `a` and `b` differ by one letter left out or put in, or by two neighbours swapped. */
export function oneSlipApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) === 1) {
    const [long, short] = a.length > b.length ? [a, b] : [b, a];
    let i = 0;
    while (i < short.length && long[i] === short[i]) i++;
    return long.slice(i + 1) === short.slice(i);
  }
  if (a.length !== b.length) return false;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Pronoun and contraction pairs students mix up: "its or it's?" is a question about possessives. */
const CONFUSABLE = [/\bits\b|\bit['’]s\b/gi, /\btheir\b|\bthere\b|\bthey['’]re\b/gi, /\byour\b|\byou['’]re\b/gi, /\bwhose\b|\bwho['’]s\b/gi];

/** "What does X mean?", "the meaning of X", "X means what?": the meaning words, not the statistic. */
const ASKS_MEANING = /(?<=\bwhat\s+(?:does|do)\b.*)\bmean\b(?=\s*[?.!]*\s*$|\s+(?:in|for|on|when|here)\b)|\b(?:the\s+)?meaning\s+of\b|\bmeans\s+what\b/gi;
/** A score asked about for a named place: "score … for Harvard", "… to get into Stanford", "… at UCLA". */
const SCORE_FOR_COLLEGE = /\bscores?\b.*\b(?:for|at|into)\s+(?:the\s+)?[A-Z][\p{L}&.-]+/u;
/** The same in lower case, by kind: "a good score for ivy league", "… to get into a top college". */
const SCORE_FOR_COLLEGES = /\bscores?\b.*\b(?:for|at|into)\s+(?:the\s+)?(?:ivy league|ivies|(?:(?:an?|my|top|good|selective)\s+)*(?:colleges?|universit(?:y|ies)))\b/i;
/** "What does 'laconic' mean?", "the meaning of laconic", "define laconic": the one word asked about. */
const ASKED_WORD = [
  /\bwhat\s+(?:does|do)\s+(?:the\s+word\s+)?["“'‘]?([\p{L}-]+)["”'’]?\s+mean\b/iu,
  /\b(?:meaning|definition)\s+of\s+(?:the\s+word\s+)?["“'‘]?([\p{L}-]+)["”'’]?\s*[?.!]*\s*$/iu,
  /^\s*define\s+(?:the\s+word\s+)?["“'‘]?([\p{L}-]+)["”'’]?\s*[?.!]*\s*$/iu,
];
const NOT_A_WORD_ASKED = new Set(['it', 'this', 'that', 'they', 'he', 'she', 'those', 'these', 'life']);

/** "What's the unit circle?", "what is a z-score": the whole question asks what one term is. */
const WHAT_IS_TERM = /^\s*what(?:['’]s|\s+is|\s+are)\s+(?:(?:a|an|the)\s+)?([\p{L}\p{N}]+(?:[\s-]+[\p{L}\p{N}]+){1,2})\s*[?.!]*\s*$/iu;

/**
 * The search tokens of a term of two or three adjacent words that the question asks to define,
 * or none. Only adjacent words make a term: "the vertex of a parabola" asks about a vertex.
 */
export function compoundTermAsked(question: string): string[] {
  const words = WHAT_IS_TERM.exec(question)?.[1].split(/[\s-]+/);
  if (!words) return [];
  const tokens = tokenize(words.join(' '));
  return tokens.length === words.length ? tokens : [];
}

/** The word a student asks the meaning of, or null ("what does it mean" asks about no word). */
export function askedWord(question: string): string | null {
  for (const re of ASKED_WORD) {
    const word = re.exec(question)?.[1];
    if (word && !NOT_A_WORD_ASKED.has(word.toLowerCase())) return word;
  }
  return null;
}

/** A typed point: "(1, 2)", "(-3,4.5)". */
const POINT = /\(\s*[−-]?\d+(?:\.\d+)?\s*,\s*[−-]?\d+(?:\.\d+)?\s*\)/g;
/** Three or more numbers in a comma-separated list, not a point: "the mean of 3, 5, 10". */
const NUMBER_LIST = /(?<![(\d.,])\d+(?:\.\d+)?(?:\s*,\s*(?:and\s+)?\d+(?:\.\d+)?){2,}(?![\d)])/;
/** An operator or relation sign beside a lone letter makes it a variable: the x of "x + 3 = 11", not the "a" of "a line". */
const MATH_OPERATOR = /[+\-−*/=<>≤≥^()]/;

/** The variables of typed math in `q`: lone letters with a mathematical neighbour (spaces skipped). */
function typedVariables(q: string): Set<string> {
  const vars = new Set<string>();
  for (const m of q.matchAll(/(?<![\p{L}'’])([a-z])(?![\p{L}'’])/giu)) {
    // Touching a digit ("2x", "x2") or, across spaces, an operator ("x = 5"); "a 5" is an article and a number.
    const touching = /[\d²³]/.test(q[m.index - 1] ?? '') || /[\d²³]/.test(q[m.index + 1] ?? '');
    const before = q.slice(0, m.index).trimEnd().slice(-1);
    const after = q.slice(m.index + 1).trimStart().slice(0, 1);
    if (touching || MATH_OPERATOR.test(before) || MATH_OPERATOR.test(after)) vars.add(m[1].toLowerCase());
  }
  return vars;
}

/**
 * What kind of problem typed math is, in the lessons' words: "solve 2x + 3 = 11" is a linear
 * equation in one variable, "2x + y = 7 and x − y = 2" a system — words a student who pastes
 * the problem does not type, and the only ones that find its lesson.
 */
export function mathKind(q: string): string {
  const vars = typedVariables(q);
  if (vars.size === 0 || !/[=<>≤≥]/.test(q)) return '';
  if (/[<>≤≥]/.test(q)) return 'linear inequality';
  // "x² = 49" and "(x − 3)² = 16" find their lesson by the x² itself, the square-root method; "quadratic"
  // would pull the lesson's overview over its method. With an x term beside the x² ("x² − 5x + 6 = 0"),
  // the lesson's method is factoring.
  if (/[²³]/.test(q)) return !/\)\s*[²³]/.test(q) && [...vars].some((v) => new RegExp(`(?:\\d|[+\\-−]\\s*)${v}(?![\\p{L}\\p{N}²³])`, 'iu').test(q)) ? 'quadratic factoring' : '';
  const equations = (q.match(/=/g) ?? []).length;
  if (equations >= 2 && vars.size >= 2) return 'system of two linear equations';
  return vars.size === 1 ? 'linear equation in one variable' : 'linear equation in two variables';
}

/**
 * The question with what it is about spelt out where its own words cannot carry it: "its vs it's"
 * → possessives, apostrophes; "when is the SAT?" → a date; "x^2" written as the lessons write it;
 * pasted math named by its kind; "(1, 2) and (3, 8)" → points; "3, 5, 10" → a data set.
 */
export function expandQuestion(typed: string): string {
  // A keyboard's "x^2" is the lessons' "x²": one token, so "how do I solve x^2 = 49" meets them.
  const question = typed
    .replace(/\^\s*([23])(?!\d)/g, (_, d: string) => (d === '2' ? '²' : '³'))
    // "What does slope mean?" asks about slope, not about the mean of a data set.
    .replace(ASKS_MEANING, ' ')
    // "How do I study in a month?" asks how to study; the month is when, which no passage is about.
    // In a problem ("300 miles in 5 days") the days are part of it.
    .replace(TIME_FRAME, (span) => (ABOUT_PREPARING.test(typed) ? ' ' : span));
  const extra: string[] = [];
  // A phone's curly apostrophe is the same word: "it’s" and "it's" are one form, not a pair.
  if (CONFUSABLE.some((re) => new Set((question.match(re) ?? []).map((w) => w.toLowerCase().replace('’', "'"))).size >= 2)) extra.push('possessive pronouns apostrophe');
  if (WHEN_IS_TEST.test(question)) extra.push('date');
  if (QUESTIONS_IN_TEST.test(question)) extra.push('in all');
  // "Grammar" is what students call the conventions questions: punctuation at clause boundaries and agreement.
  if (/\bgrammar\b/i.test(question)) extra.push('punctuation agreement');
  // "What is f(x)?", "find g(3)": function notation, which the student writes rather than names.
  if (FUNCTION_NOTATION.test(question)) extra.push('function notation');
  // "Is the SAT hard?": how hard it feels comes down to how one prepares, which the guide's study habits answer.
  // "How do I get a 1500?" names a score to reach, which the same habits answer.
  if (HOW_HARD.test(question) || SCORE_GOAL.test(question)) extra.push('study raise score');
  // "How far apart are (0, 0) and (3, 4)?" asks a distance.
  if (/\bhow\s+far\s+apart\b/i.test(question)) extra.push('distance');
  // "How should I study?" is the student's studying, not a research study ("what a study can prove").
  if (HOW_TO_STUDY.test(question)) extra.push('study habits SAT');
  const kind = mathKind(question);
  if (kind) extra.push(kind);
  // Two points typed are what the slope formula is given ("the slope of a line through (1, 2) and (3, 8)").
  const points = (question.match(POINT) ?? []).length;
  if (points > 0) extra.push(points >= 2 ? 'given points' : 'points');
  // "The equation of a line", with no points given, is written in slope-intercept form.
  else if (/\bequation\s+(?:of|for)\s+(?:a|the|this|that)\s+(?:straight\s+)?line\b/i.test(question)) extra.push('slope-intercept form');
  if (NUMBER_LIST.test(question.replace(POINT, ' '))) extra.push('data set values');
  if (/\bin a row\b/i.test(question)) extra.push('successive repeated');
  // "Percent increase" and "percent decrease" are the lessons' percent change.
  if (/\bpercent(?:age)?\s+(?:increase|decrease|growth|drop)\b/i.test(question)) extra.push('percent change');
  // "What score do I need for Harvard?": a college by name, which no lesson names.
  if (SCORE_FOR_COLLEGE.test(question) || SCORE_FOR_COLLEGES.test(question)) extra.push('colleges admit');
  return extra.length ? `${question} ${extra.join(' ')}` : question;
}

/** What the lessons are searched with: the expanded question without its bare numbers, which are the student's own working ("f(3)" is not about "3, 5, 10"). */
export const searchWords = (typed: string) => expandQuestion(typed).replace(BARE_NUMBER, ' ').replace(COEFFICIENT_TERM, ' ').replace(/\s+/g, ' ').trim();

/** A term such as "2x" or "12y": the student's own numbers again, not the "2x − 1" of some lesson. */
const COEFFICIENT_TERM = /(?<![\p{L}\p{N}])\d+(?:\.\d+)?[a-z](?![\p{L}\p{N}²³])/giu;
const isOwnNumber = (t: string) => /^\d+(?:[a-z])?$/.test(t);

/** The student's search tokens that name a topic ("why not B?" names a choice, not the b of b² − 4ac). */
export const topicTokens = (question: string) => topicTokensIn(question, expandQuestion(question));

/** The topic tokens of `text`, the question as searched (expanded, or as it is), with `question`'s own letters and counts. */
function topicTokensIn(question: string, text: string): string[] {
  const letters = new Set(lettersMentioned(question).map((l) => l.toLowerCase()));
  // What follows "how many" is the topic, even a word that usually carries none ("how many questions").
  const counted = new Set([...question.matchAll(/\b(?:how many|number of)\s+([\p{L}]+)/giu)].flatMap((x) => tokenize(x[1])));
  // A bare number or a term like "2x" is the student's own working ("I got 12"), not a topic: it would find "a 12% raise".
  return tokenize(text.replace(VERB_OF_ACTION, ' ')).filter((t) => (counted.has(t) || !isNoTopic(t)) && !letters.has(t) && !isOwnNumber(t));
}

/** "Read" and "write" before what is read or written say what to do with it ("how do I read a scatterplot"); "the reading section" keeps its word. */
const VERB_OF_ACTION = /\b(?:read|write|interpret|tackle)\s+(?=(?:a|an|the|this|these|those|my)\b)/gi;

/** "Email me", "text me at …", "my number is", "can you send me the notes": a reply asked for outside the platform. */
const CONTACT_ASK = [
  /\bmy\s+(?:e-?mail|phone|cell|number)(?:\s+(?:address|number))?\s+is\b/i,
  /\b(?:text|e-?mail|call|dm|message)\s+me(?:\s+(?:at|on))?\b/i,
  /\b(?:can|could|will|would)\s+you\s+send\s+(?:me\s+)?(?:the\s+|some\s+|your\s+)?(?:notes?|it|them|that)?(?:\s+(?:on|about|for))?\b/i,
];
/** The same patterns, global, for taking every occurrence out. */
const CONTACT_ASK_ALL = CONTACT_ASK.map((re) => new RegExp(re.source, 'gi'));

/** Whether a message carries an email address or phone number, or asks to be contacted outside the platform. */
export const asksForContact = (text: string) =>
  findEmails(text).length > 0 || findPhones(text).length > 0 || CONTACT_ASK.some((re) => re.test(text));

/** The message without its contact details or its ask to be contacted: what is left is what it is about. */
export function withoutContact(text: string): string {
  let t = text;
  for (const found of [...findEmails(t), ...findPhones(t)]) t = t.replace(found, ' ');
  for (const re of CONTACT_ASK_ALL) t = t.replace(re, ' ');
  return t.replace(/\s+([,.?!])/g, '$1').replace(/^[\s,.]+/, '').replace(/\s+/g, ' ').trim();
}

/** Words a question opens with, after "and" ("…and can I use a calculator"). */
const OPENS_QUESTION = String.raw`(?:can|could|how|what|what's|whats|why|when|where|which|who|is|are|do|does|did|should|will|would)\b`;
/** Between two questions: a question mark with more after it, or ", and" / "and also" / "also" before a question word. */
const BETWEEN_QUESTIONS = new RegExp(String.raw`(?<=\?)\s+(?=\S)|\s*,?\s+(?:and(?:\s+also)?|also|plus)\s+(?=${OPENS_QUESTION})`, 'i');
/** A question that leans on the one before it: "…and how do I fix it". */
const LEANS_BACK = /\b(?:it|its|that|this|they|them|those|these)\b/i;

/**
 * The questions one message asks, in order: "how long is the Math section and can I use a
 * calculator" is two. A part that leans on the one before ("what is a comma splice and how do I
 * fix it") cannot be searched alone, nor can one with no topic ("…and can you help"): then the
 * message is one question, searched whole.
 */
export function questionParts(message: string): string[] {
  const parts = message.split(BETWEEN_QUESTIONS).map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length < 2 || !parts.every(hasContent) || parts.slice(1).some((p) => LEANS_BACK.test(p))) return [message];
  return parts;
}

/** True when the student's words carry content (not just "help" or "I'm stuck"). */
export function hasContent(question: string): boolean {
  return topicTokens(question).length > 0;
}

/**
 * Where to send the student next: the lesson a quoted passage came from; else the skill's own
 * lesson (by its retrieved title, else by the skill's name); else the best retrieved lesson.
 * A lesson is named whole, by the title the lessons list shows, not by the section retrieved.
 */
export function lessonPointer(sources: readonly SourceDoc[], skillId?: SkillId, picked: readonly Passage[] = []): string {
  const quoted = picked.find((p) => p.origin === 'source' && p.title);
  if (quoted) return pointerTo({ id: quoted.sourceId ?? '', title: quoted.title! });
  const own = skillId !== undefined ? ownLessonSections(sources, skillId)[0] : undefined;
  if (own) return pointerTo(own);
  if (skillId) return `the ${skill(skillId).name} lesson`;
  const lesson = sources.find((s) => !isItemSource(s));
  return lesson ? pointerTo(lesson) : 'the lesson on this topic';
}

/** The retrieved sections (or whole lesson) of a skill's own lesson, in retrieval order. */
export const ownLessonSections = (sources: readonly SourceDoc[], skillId: SkillId) =>
  sources.filter((s) => passageLesson(s).id === `lesson.${skillId}`);

/**
 * What a skill's lesson teaches, from its opening section ("The idea"), when it was retrieved:
 * its first sentences, up to two, within `maxWords`. For "help me with this" with that skill
 * in focus and no question to answer from.
 */
export function lessonIntro(sources: readonly SourceDoc[], skillId: SkillId, maxWords: number, said = ''): Passage[] {
  const intro = ownLessonSections(sources, skillId).find(isLessonIntro);
  if (!intro) return [];
  const out: Passage[] = [];
  let words = 0;
  // "Explain more" after the intro's opening: its next sentences.
  for (const text of lessonSentences(intro.text).filter((t) => !said.includes(t.slice(1))).slice(0, 2)) {
    // "Two ideas make this work: 1." opens a list that is not quoted; nor is "forms: Standard: f(x) = …".
    if (/\b\d\.$/.test(text) || /:[^:]*:/.test(text)) break;
    words += wordCount(text);
    if (words > maxWords) break;
    out.push({ text, origin: 'source', title: intro.title, sourceId: intro.id, score: 1 });
  }
  return out;
}

/** A retrieved passage as a reply names it: a section of the test guide (content/guide.ts) or a lesson. */
function pointerTo(s: { id: string; title: string }): string {
  if (s.id.startsWith('guide.')) return `the guide "${s.title}"`;
  return `the lesson "${passageLesson(s).title}"`;
}

/** The longest pointer lessonPointer could return, so a word budget can be set before picking. */
export function longestPointer(sources: readonly SourceDoc[], skillId?: SkillId): string {
  const all = [lessonPointer(sources, skillId), ...sources.filter((s) => !isItemSource(s)).map(pointerTo)];
  return all.reduce((a, b) => (wordCount(b) > wordCount(a) ? b : a));
}

export function firstName(full?: string): string | undefined {
  return full?.trim().split(/\s+/)[0] || undefined;
}

export interface FreeTextCheckOpts {
  item?: Item;
  revealAnswer: boolean;
  /** Texts from the input whose numbers and skill names an answer may repeat. */
  inputTexts: (string | undefined)[];
  skills: SkillId[];
  names: string[];
  words: { min: number; max: number };
  /** Retrieved passages the answer may quote. */
  sourceTexts: string[];
}

/** Everything of an item a reply may quote. */
export function itemMaterial(item: Item): string[] {
  return [item.passage ?? '', item.stem, item.rationale, ...(item.options ?? []), ...Object.values(item.distractorReasons ?? {})];
}

const factCache = new BoundedMap<string, { skills: SkillId[]; numbers: number[] }>(1024);

/**
 * The skills named and numbers stated in an input text, memoised: the same lesson passages
 * come back in request after request, and scanning a whole lesson for 29 skill names costs
 * more than the rest of a check run.
 */
export function textFacts(text: string): { skills: SkillId[]; numbers: number[] } {
  const hit = factCache.get(text);
  if (hit) return hit;
  const facts = { skills: skillsMentioned(text), numbers: numbersOf(text) };
  factCache.set(text, facts);
  return facts;
}

export function freeTextChecks(output: string, o: FreeTextCheckOpts): CheckResult[] {
  const facts = o.inputTexts.flatMap((t) => (t ? [textFacts(t)] : []));
  const allowedSkills = [...o.skills, ...facts.flatMap((f) => f.skills)];
  const numbers = [...facts.flatMap((f) => f.numbers), ...(o.item ? itemNumbers(o.item) : [])];
  const out: CheckResult[] = [];
  if (o.item) out.push(o.revealAnswer ? finalAnswerEqualsKey(output, o.item, false) : noAnswerLeak(output, o.item));
  out.push(
    arithmeticStepsEvaluate(output),
    numbersDerivable(output, numbers),
    skillNamed(output, o.skills, { requireOne: false, allowed: allowedSkills }),
    lengthBounds(output, o.words.min, o.words.max),
    noPii(output, o.names),
    // Words quoted from the item or a lesson ("“reckless” means careless of danger") are content, not tone.
    noBannedTone(output, () => [...(o.item ? itemMaterial(o.item) : []), ...o.sourceTexts].join('\n')),
    noModelMarkup(output),
  );
  return out;
}

/** Whether `text` holds `phrase` between quotation marks (straight or curly), in any case. */
function inQuotes(text: string, phrase: string): boolean {
  const core = phrase.replace(/[.,;:!?]+$/, '').trim().toLowerCase();
  if (!core) return false;
  const lower = text.toLowerCase();
  for (const [open, close] of [['"', '"'], ['“', '”'], ["'", "'"], ['‘', '’']]) {
    if (lower.includes(`${open}${core}${close}`) || lower.includes(`${open}${core}.${close}`) || lower.includes(`${open}${core},${close}`)) return true;
  }
  return false;
}

/**
 * Before the student has answered, a hint must not state the key, quote the rationale's
 * verdict, or quote a key option long enough to be unmistakable (four words or more: "its"
 * or "7" may turn up in any hint, a whole sentence-long option does not) — nor put a short
 * key option in quotation marks ("the sentence calls for “contains”"), unless the question
 * itself quotes it.
 */
export function noAnswerLeak(output: string, item: Item): CheckResult {
  const stated = statedAnswers(output);
  // The verdict is the rationale's last line ("Answer: A) gardens. Leila") — its last sentence
  // only when it has one line: a sentence split would make the verdict "Leila".
  const lines = item.rationale.trim().split('\n');
  const verdict = (lines.length > 1 ? lines.at(-1)?.trim() : splitSentences(item.rationale).at(-1)) ?? '';
  const keyOption = item.type === 'mcq' ? item.options?.['ABCD'.indexOf(item.answer)] : undefined;
  const quotesKey = keyOption !== undefined && (wordCount(keyOption) >= 4 ? revealsKey(output, item) : inQuotes(output, keyOption) && !inQuotes(item.stem, keyOption));
  const leaked = stated.length > 0 || (verdict.length > 0 && output.includes(verdict)) || quotesKey;
  return {
    name: 'no-answer-leak',
    pass: !leaked,
    critical: true,
    reason: leaked ? `gives away the answer${stated.length ? ` (${stated.map((s) => s.text).join(', ')})` : quotesKey ? ' (quotes the key option)' : ''}` : undefined,
  };
}
