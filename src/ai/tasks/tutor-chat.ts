/**
 * tutor_chat: one assistant turn of the tutor chat. The only task whose prompt carries a
 * conversation; generate() can stream it.
 */
import { z } from 'zod';
import type { Rng } from '../../lib/rng.ts';
import { itemSchema, type Item } from '../../content/item.ts';
import { SKILL_IDS, skill, type SkillId } from '../../content/taxonomy.ts';
import { isWorkedExample, lessonIntroId, workedExampleOf } from '../search/sources.ts';
import { systemMessage, type AiTask, type SourceDoc } from '../task.ts';
import { askedWord, asReplyStep, firstItemStep, givesKeyAway, freeTextChecks, hasContent, lessonPointer, searchWords, sourcesField, topicTokens, withoutContact } from './grounded.ts';
import { describeItem, joinConnective, rationaleSteps } from './item-text.ts';
import { plainLine } from './lesson-text.ts';
import { tokenize } from '../search/bm25.ts';
import { writeReply } from './reply.ts';
import { crisisChecks, feelingFacts, feelingIn, feelingReply } from './wellbeing.ts';
import { wordCount } from '../checks/length.ts';

export const TUTOR_CHAT_WORDS = { min: 8, max: 150 } as const;

export const tutorChatInput = z.object({
  messages: z
    .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().min(1).max(4000) }))
    .min(1)
    .max(40)
    .refine((m) => m[m.length - 1].role === 'user', { message: 'the last message must be the student’s' }),
  skill: z.enum(SKILL_IDS).optional(),
  item: itemSchema.optional(),
  revealAnswer: z.boolean().default(false),
  studentName: z.string().min(1).max(80).optional(),
  /** The student's standing on the skills practised most recently, weakest first. */
  performance: z
    .array(
      z.object({
        skill: z.enum(SKILL_IDS),
        mastery: z.number().min(0).max(1),
        recentCorrect: z.number().int().min(0),
        recentAnswered: z.number().int().min(0),
      }),
    )
    .max(8)
    .default([]),
  sources: sourcesField,
});
export type TutorChatInput = z.infer<typeof tutorChatInput>;

const lastUser = (input: TutorChatInput) => input.messages[input.messages.length - 1].content;

/** Openers and words that lean on what came before: "and why?", "what about…", "that", "an example". */
const LEANING_OPENERS = String.raw`and|but|so|then|ok(?:ay)?|what about|how about|why`;
const LEANING_WORDS = String.raw`it|that|this|those|these|example|more|another`;

/** Words that only make sense against what came before: "what about…", "that", "an example", "the second step". */
const CONTEXTUAL = new RegExp(String.raw`^(?:${LEANING_OPENERS})\b|\b(?:${LEANING_WORDS}|one|first|second|third|last|next|previous)\b`, 'i');

/** "can you give an example?", "what about two in a row?", "explain more": about the question before — or, in form only, a new one. */
const FOLLOW_UP = new RegExp(String.raw`^(?:${LEANING_OPENERS}|can you|could you|more|another|again|explain|give me|show me)\b|\b(?:${LEANING_WORDS}|again)\b`, 'i');

/**
 * The question a turn answers: the student's last message, or, for a short follow-up, the
 * student's last question that was not one, with the follow-up's own words.
 */
export function turnQuestion(input: Pick<TutorChatInput, 'messages'>): string {
  const msgs = input.messages;
  const last = msgs[msgs.length - 1].content;
  const followUp = (t: string) => wordCount(t) <= 10 && FOLLOW_UP.test(t.trim());
  if (!followUp(last)) return last;
  const earlier = msgs.slice(0, -1).reverse().find((m) => m.role === 'user' && !followUp(m.content));
  if (!earlier) return last;
  // "Can you explain standard deviation again?" after a question on outliers is about standard
  // deviation: a follow-up in form only ("can you", "again") that names a topic of its own, none
  // of the question before's, is a new question. "What about…", "that", "an example", "the second
  // step" lean on what came before whatever else they name.
  if (!CONTEXTUAL.test(last)) {
    const before = new Set(topicTokens(earlier.content));
    const own = topicTokens(last);
    if (own.length > 0 && own.every((t) => !before.has(t))) return last;
  }
  return `${earlier.content} ${last}`;
}

/** "This question", "why is it 4", "the second step", "an example": words that point at the question in focus. */
const POINTS_AT_FOCUS = /\b(?:this|that|it|here|these|those|again|more|another)\b|\b(?:question|problem|answer|choice|option|step|example)s?\b/i;
/** "This question", "the second step", "why not B": they point at the question in focus whatever was said before. */
const NAMES_FOCUS = /\b(?:this|the)\s+(?:(?:first|second|third|last|next)\s+)?(?:question|problem|answer|choice|option|step)s?\b|\bwhy (?:is|isn'?t|not)\s+(?:it\s+)?[A-D]\b/i;

/**
 * Whether the turn is about the focus the server chose (the question just missed, or the skill
 * just practised). "What is a comma splice?" after a missed systems question is not: it names a
 * topic of its own that neither the question, its skill nor the skill's lesson (`lessonText`, the
 * pinned intro: "elimination" is a systems word) has, and it points at none of them.
 */
export function turnFitsFocus(input: Pick<TutorChatInput, 'messages' | 'item' | 'skill'>, lessonText = ''): boolean {
  const focusSkill = input.item?.skill ?? input.skill;
  if (!focusSkill) return true;
  const asked = turnQuestion(input);
  const last = input.messages[input.messages.length - 1].content;
  if (NAMES_FOCUS.test(last)) return true;
  // "An example of one" or "explain that more simply" after "what is a comma splice?" leans on that
  // question, not on the question in focus: a follow-up is judged by the topic it continues
  // ("example" and "simply" are no topic of their own).
  const followsUp = asked !== last;
  const continued = followsUp ? topicTokens(asked.slice(0, asked.length - last.length)) : [];
  const own = continued.length > 0 ? continued : topicTokens(asked);
  if (own.length === 0 || (!followsUp && POINTS_AT_FOCUS.test(asked))) return true;
  const focus = new Set(tokenize([input.item ? describeItem(input.item, true) : '', skill(focusSkill).name, lessonText].join(' ')));
  return own.some((t) => focus.has(t));
}

/**
 * The input as the turn is answered: a turn off the focus drops it, so the search, the prompt,
 * the template, the checks and the stored input all answer the question asked, from every lesson,
 * not only the focus skill's. `get` finds the focus skill's lesson intro.
 */
function refocus(input: TutorChatInput, get: (id: string) => SourceDoc | undefined): TutorChatInput {
  const focusSkill = input.item?.skill ?? input.skill;
  if (!focusSkill || turnFitsFocus(input, get(lessonIntroId(focusSkill))?.text)) return input;
  const { item: _item, skill: _skill, ...rest } = input;
  return { ...rest, revealAnswer: false };
}

/** "What about the second step?", "explain the last step": which step of the question's worked solution. */
const ORDINAL_STEP = /\b(first|second|third|fourth|last|final)\s+step\b/i;
const ORDINALS = ['first', 'second', 'third', 'fourth'];

/**
 * The step of the item's worked solution the student names, quoted: the lesson search would
 * only find "seconds" in the pacing guide. Before an answer, a step that gives the key away is
 * not quoted, and the reply says why. Undefined when no step is named or the solution has none such.
 */
function stepReply(item: Item, message: string, revealAnswer: boolean, rng: Rng): string | undefined {
  const named = ORDINAL_STEP.exec(message)?.[1].toLowerCase();
  if (!named) return undefined;
  const steps = rationaleSteps(item);
  const at = named === 'last' || named === 'final' ? steps.length - 1 : ORDINALS.indexOf(named);
  if (at < 0 || at >= steps.length) return undefined;
  const text = asReplyStep(steps[at]);
  if (!revealAnswer && givesKeyAway(text, item)) {
    return `The ${named} step gives the answer away, so I'll hold it until you have answered.`;
  }
  return `${rng.pick(['Sure.', "Here's that step."])} ${joinConnective(`The ${named} step of the solution:`, text)}`;
}

/** What the tutor has already said in this conversation. */
const saidSoFar = (input: TutorChatInput) => input.messages.filter((m) => m.role === 'assistant').map((m) => m.content).join('\n');

/** Greetings, thanks, "quiz me" and "who are you?": a friendly word (and where to go), not a search of the lessons. */
const SMALL_TALK: [RegExp, (name?: string) => string][] = [
  [/^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))(?: there)?[\s!.,]*$/i,
    (n) => `Hi${n ? ` ${n}` : ''}! I'm your SAT tutor. Ask me about a skill, a question you're stuck on, or how the test works.`],
  [/^(?:thanks|thank you|thx|ty|cheers)(?: (?:so much|a lot|very much))?[\s!.,]*$/i,
    (n) => `You're welcome${n ? `, ${n}` : ''}! Ask again whenever something doesn't click.`],
  // "Practice questions on circles" asks for some; "how many practice questions a day?" asks about them.
  [/\b(?:(?:give|send|ask) me (?:a|an|some|another) (?:practice )?(?:question|problem)s?|quiz me|test me)\b|^(?!\s*(?:how|what|why|when|where|which|should|is|are|will|would)\b).*\bpractice (?:question|problem)s?\b/i,
    () => "I can't set questions in this chat, but Practice can: pick a skill there and each question adapts to how you're doing. Bring any question you get stuck on back here."],
  [/\b(?:who|what) are you\b|\bare you (?:a |an )?(?:bot|robot|human|person|ai|real)\b/i,
    () => "I'm the SAT Prep tutor, an AI that answers from this platform's lessons and test guide. When they don't cover something, I'll say so, and a note can reach tutors and other students."],
];
const smallTalk = (text: string) => SMALL_TALK.find(([re]) => re.test(text.trim()))?.[1];

/** "Can you give an example?", "show me one": the worked example of the lesson the question found. */
const ASKS_EXAMPLE = /\bexamples?\b(?!\.\w)|\bshow me (?:one|how)\b|\bgive me one\b/i;
/**
 * Whether this turn shows a worked example: asked for, and — about a question — only once the
 * student has answered it (the lesson's example is a similar problem, solved to its answer).
 */
const showsExample = (input: TutorChatInput) => ASKS_EXAMPLE.test(lastUser(input)) && (!input.item || input.revealAnswer);
const EXAMPLE_LEADS = ["Here is the lesson's worked example.", 'Here is one worked through, from the lesson.'];

/** "Can you give an example?" before answering: the example waits (it is solved to its answer); the question's first step does not. */
function exampleLater(item: Item, rng: Rng): string {
  const [step] = firstItemStep({ item, sources: [], revealAnswer: false, rng: rng.fork('p') });
  const start = step ? joinConnective('For now, here is where to start:', step.text) : 'For now, start by pinning down exactly what the question asks.';
  return `Once you have answered this question, I can show the lesson's worked example, a similar problem solved step by step. ${start}`;
}

/** The worked example as a chat turn: its lines in order, as many as fit `maxWords`. */
function workedExampleReply(doc: SourceDoc, rng: Rng, maxWords: number): string | null {
  const lead = rng.pick(EXAMPLE_LEADS);
  const tail = `The rest is in ${lessonPointer([doc])}.`;
  const lines = doc.text.split('\n').map(plainLine).filter(Boolean);
  const out: string[] = [];
  let words = wordCount(`${lead} ${tail}`);
  for (const line of lines) {
    if (words + wordCount(line) > maxWords || line.includes('|')) break; // a table does not read as chat
    out.push(/[.!?:)"”]$/.test(line) ? line : `${line}.`);
    words += wordCount(line);
  }
  if (out.length < 2) return null;
  return [lead, ...out, out.length < lines.length ? tail : `For more, see ${lessonPointer([doc])}.`].join(' ');
}

/** The skill whose lesson teaches reading a word's meaning from its context. */
const WORDS_IN_CONTEXT: SkillId = 'rw.craft.words-in-context';

/**
 * "What does 'laconic' mean?" about a word no passage uses: the tutor has no dictionary, so it
 * says so, and gives the lesson's method for the SAT's own word questions, where meaning comes
 * from the context. Null when the passages do use the word ("what does slope mean?").
 */
function unknownWordReply(input: TutorChatInput): string | null {
  const word = askedWord(lastUser(input));
  if (!word || input.item) return null;
  const [stemmed] = tokenize(word);
  if (!stemmed || input.sources.some((s) => tokenize(s.text).includes(stemmed))) return null;
  const lesson = input.sources.filter((s) => s.id === lessonIntroId(WORDS_IN_CONTEXT));
  // The word is not repeated back: it may be one a reply must not use, or not a word at all.
  const head = "I can't find that word in my lessons, so a dictionary is the place to check what it means.";
  // What the lesson's intro says of the SAT's word questions, in one sentence of the tutor's own.
  const body = "The SAT's word questions don't ask for memorized definitions, though: they ask what a word means in the sentences around it.";
  const tail = lesson.length ? `For how to work that out, see ${lessonPointer(lesson)}.` : '';
  return [head, body, tail].filter(Boolean).join(' ');
}

/** One line per skill, the same words in the prompt, the template and the checks' allowed facts. */
export function performanceLines(input: Pick<TutorChatInput, 'performance'>): string[] {
  return input.performance.map(
    (p) => `${skill(p.skill).name}: mastery ${Math.round(p.mastery * 100)}%, ${p.recentCorrect} of ${p.recentAnswered} right recently`,
  );
}

/** A question about standing or what to do next, which the template answers from the performance. */
const ASKS_ABOUT_PROGRESS = /\b(how am i doing|my progress|progress|what should i (?:work on|practi[cs]e|study|focus on)|work on next|weak(?:est|ness)?|improve|focus on)\b/i;

/** "What should I work on next?" before any practice: nothing to go on yet, and where to get it. */
const NO_RESULTS_YET =
  "I don't have any practice results from you yet. Take the diagnostic or a practice set, and I can tell you which skill to work on next; until then, the lessons are a good place to start.";

/** "What should I work on next?", "how am I doing?" — about the student's standing and nothing else ("how do I improve on circles?" is about circles). */
const asksOnlyAboutProgress = (text: string) =>
  ASKS_ABOUT_PROGRESS.test(text) && !hasContent(text.replace(new RegExp(ASKS_ABOUT_PROGRESS.source, 'gi'), ' ').replace(/\b(?:next|now|today|tonight|then|this (?:week(?:end)?|month)|first)\b/gi, ' '));

const PROGRESS_NEXT = [
  (lesson: string) => `A good way in: ${lesson}, then a practice set on it.`,
  (lesson: string) => `Start with ${lesson}, then practise a set of its questions.`,
];

function progressSentence(input: TutorChatInput): string {
  const weakest = input.performance[0];
  if (!weakest || !ASKS_ABOUT_PROGRESS.test(lastUser(input))) return '';
  const line = `mastery ${Math.round(weakest.mastery * 100)}%, ${weakest.recentCorrect} of ${weakest.recentAnswered} right recently`;
  return `From your recent practice, ${skill(weakest.skill).name} is the skill to work on next (${line}).`;
}

export const tutorChat: AiTask<TutorChatInput> = {
  name: 'tutor_chat',
  promptVersion: 'tutor_chat/20',
  input: tutorChatInput,
  prompt(input) {
    const sources = input.sources.map((s) => `[${s.title}] ${s.text}`).join('\n');
    const context =
      (input.item ? `${describeItem(input.item, input.revealAnswer)}\n` : '') +
      (input.skill ? `Skill: ${skill(input.skill).name}\n` : '') +
      (input.performance.length ? `Recent performance:\n${performanceLines(input).join('\n')}\n` : '') +
      (sources ? `Lesson passages:\n${sources}` : '');
    return [
      systemMessage(
        `Answer the student's last message in at most ${TUTOR_CHAT_WORDS.max} words, from the context below. ` +
          (input.revealAnswer ? '' : 'Do not give away the answer to the item; guide with steps. ') +
          'If the context does not cover it, say so and point to the lesson and a tutor.' +
          (context ? `\n\nContext:\n${context}` : ''),
      ),
      ...input.messages.map((m) => ({ role: m.role, content: m.content })),
    ];
  },
  template(input, rng) {
    const feeling = feelingIn(lastUser(input));
    if (feeling) return feelingReply(feeling, lastUser(input), input.sources, rng);
    const chat = smallTalk(lastUser(input));
    if (chat) return chat(input.studentName?.trim().split(/\s+/)[0]);
    if (input.item && !input.revealAnswer && ASKS_EXAMPLE.test(lastUser(input))) return exampleLater(input.item, rng);
    // "Can you give me an example?" as a first message, with nothing in focus: of what is the question.
    if (!input.item && !input.skill && ASKS_EXAMPLE.test(lastUser(input)) && !hasContent(turnQuestion(input).replace(new RegExp(ASKS_EXAMPLE.source, 'gi'), ' '))) {
      return "Happy to. An example of what? Name a skill or paste the question you're working on, and I'll show one worked through.";
    }
    const example = showsExample(input) ? input.sources.find(isWorkedExample) : undefined;
    if (example && !saidSoFar(input).includes(example.text.split('\n')[0].slice(0, 60))) {
      // One with a table, or too long for a chat turn, is pointed to rather than cut.
      return workedExampleReply(example, rng, TUTOR_CHAT_WORDS.max) ??
        `The worked example in ${lessonPointer([example])} reads best in the lesson itself: open it to see a similar problem solved step by step.`;
    }
    const step = input.item ? stepReply(input.item, lastUser(input), input.revealAnswer, rng) : undefined;
    if (step) return `${step} For more, see ${lessonPointer(input.sources, input.item?.skill)}.`;
    if (!input.item && input.performance.length === 0 && asksOnlyAboutProgress(lastUser(input))) return NO_RESULTS_YET;
    const unknownWord = unknownWordReply(input);
    if (unknownWord) return unknownWord;
    const progress = progressSentence(input);
    // "What should I focus on this week?" is answered by the progress sentence; a search of the
    // lessons for "week" would only find nothing, or something beside the point.
    if (progress && asksOnlyAboutProgress(lastUser(input))) return `${progress} ${rng.pick(PROGRESS_NEXT)(lessonPointer(input.sources, input.performance[0].skill))}`;
    const reply = writeReply({ ...input, message: turnQuestion(input), said: saidSoFar(input) }, 'chat', rng, TUTOR_CHAT_WORDS.max - wordCount(progress));
    return progress ? `${progress} ${reply}` : reply;
  },
  checks(input, output) {
    return [...crisisChecks(lastUser(input), output), ...freeTextChecks(output, {
      item: input.item,
      revealAnswer: input.revealAnswer,
      inputTexts: [...input.messages.map((m) => m.content), ...input.sources.flatMap((s) => [s.title, s.text]), ...performanceLines(input), ...feelingFacts(lastUser(input))],
      skills: [input.skill, input.item?.skill, ...input.performance.map((p) => p.skill)].filter((s) => s !== undefined),
      names: input.studentName ? [input.studentName] : [],
      sourceTexts: input.sources.map((s) => s.text),
      words: TUTOR_CHAT_WORDS,
    })];
  },
  retrieval: {
    // The student's words alone first, so a question about the test itself (pacing, guessing)
    // finds the guide even while a skill is in focus; then with the skill, for its lesson.
    // Words without a topic ("I'm stuck", "help") search for the skill in focus, or for nothing.
    query: (input) => {
      if (smallTalk(lastUser(input))) return [];
      const words = searchWords(withoutContact(turnQuestion(input)));
      const topic = hasContent(words);
      if (!input.skill) return topic ? words : [];
      return topic ? [words, `${words} ${skill(input.skill).name}`] : `${words} ${skill(input.skill).name}`;
    },
    // "Help me with this" with a skill in focus: the skill's lesson intro is the answer.
    // A question in focus: its skill's lesson, the only one a reply may quote about it (grounded.ts).
    pinned: (input) => {
      if (smallTalk(lastUser(input))) return [];
      if (input.item) return [lessonIntroId(input.item.skill)];
      // "What does 'laconic' mean?": the lesson on meaning from context, should no passage use the word.
      if (askedWord(lastUser(input))) return [lessonIntroId(WORDS_IN_CONTEXT)];
      return input.skill && !hasContent(turnQuestion(input)) ? [lessonIntroId(input.skill)] : [];
    },
    // "Can you give an example?": the lesson the question found, by its worked example.
    extra: (input, found) => {
      if (!showsExample(input)) return [];
      // About a question: its own skill's lesson; else the lesson the question found.
      const lesson = input.item ? { id: lessonIntroId(input.item.skill), title: '' } : found.find((d) => d.id.startsWith('lesson.'));
      return lesson ? [workedExampleOf(lesson)] : [];
    },
    hasSources: (input) => input.sources.length > 0,
    refocus,
    attach: (input, sources) => ({ ...input, sources }),
  },
};
