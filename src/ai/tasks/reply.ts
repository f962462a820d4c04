/**
 * The template writer shared by note_reply and tutor_chat: answer the student's words from
 * the material (item rationale, distractor reasons, retrieved lessons), or say honestly that
 * the material does not cover it and point to a lesson and a tutor.
 */
import type { Item } from '../../content/item.ts';
import type { SkillId } from '../../content/taxonomy.ts';
import type { Rng } from '../../lib/rng.ts';
import type { SourceDoc } from '../task.ts';
import { asksForContact, firstItemStep, firstName, hasContent, lessonIntro, lessonPointer, longestPointer, questionParts, relevantPassages, withoutContact, type Passage } from './grounded.ts';
import { joinConnective, quoteAfterLead, shortKey } from './item-text.ts';
import { wordCount } from '../checks/length.ts';

export interface ReplyMaterial {
  message: string;
  item?: Item;
  skill?: SkillId;
  sources: readonly SourceDoc[];
  studentName?: string;
  revealAnswer: boolean;
  /** The conversation's earlier replies: what they quoted is not quoted again. */
  said?: string;
}

const openers = {
  note: [
    (n?: string) => (n ? `Thanks for the note, ${n}.` : 'Thanks for the note.'),
    (n?: string) => (n ? `Nice observation, ${n}.` : 'Nice observation.'),
    () => 'Good thing to write down.',
    () => "Here's something that may help with this.",
  ],
  /** A note that asks something ("how do u know when to use a semicolon?") is thanked as a question, not as an observation. */
  noteQuestion: [
    (n?: string) => (n ? `Good question, ${n}.` : 'Good question.'),
    () => 'Thanks for asking.',
    () => "Here's something that may help with this.",
  ],
  chat: [
    (n?: string) => (n ? `Sure, ${n}.` : 'Sure.'),
    () => 'Good question.',
    () => "Let's look at that.",
    () => 'Happy to explain.',
  ],
};
/** A chat reply that cannot answer opens without promising to. */
const declineOpeners = [(n?: string) => (n ? `Good question, ${n}.` : 'Good question.'), () => 'Thanks for asking.'];
/**
 * For a message with an email address or phone number, or asking to be emailed or texted: the
 * reply says it stays in the chat (nothing is sent anywhere) and neither repeats the details
 * (the no-pii check) nor searches the lessons for them.
 */
const contactOpeners = [
  "I can't send emails or texts, so I'll answer right here; it's safer not to share contact details in a chat.",
  'I can only reply here, not by email or text, and please keep contact details out of messages.',
];
/** A message that asks: it ends with a question mark or opens as a question does. */
const ASKS = /\?$|^(?:how|what|why|when|which|where|who|is|are|do|does|did|can|could|should|would)\b/i;
const leadIns = ['The main point:', 'From the lesson:', 'Here is the idea:', 'Worth remembering:'];
const itemLeadIns = ['The main point:', 'Here is the idea:', 'Worth remembering:', 'The key step:'];
const closers = [
  (t: string) => `For more, see ${t}.`,
  (t: string) => `You can dig deeper in ${t}.`,
  (t: string) => `To go further, ${t} is a good next stop.`,
];
const fallbacks = [
  (t: string) => `I don't have material that answers this well, so I'd rather not guess. Try ${t}.`,
  (t: string) => `That goes beyond what I can answer reliably from the lessons here. ${t[0].toUpperCase()}${t.slice(1)} may help.`,
  (t: string) => `I can't find this in the lessons I have; ${t} is worth a look.`,
];

const unplacedFallbacks = [
  "I can't find this in the lessons or the test guide, so I'd rather not guess.",
  'That goes beyond what I can answer reliably from the lessons and the test guide here.',
];

/**
 * Where a question the lessons cannot answer goes next: to people, through the notes. Not "your
 * tutor": the reader may have no tutor linked, and in the chat "tutor" is this AI's own name.
 */
const handOffs: Record<'note' | 'chat', readonly string[]> = {
  chat: ['Post it as a note and tutors and other students can answer it.', 'A note reaches tutors and other students, who can take it further.'],
  note: ['A tutor or another student may well answer it here.', 'Tutors and other students can still answer this note.'],
};

/** "From the lesson:" names where a sentence came from: a test-guide sentence is from the guide. */
const sourceLead = (lead: string, p: Passage) => (p.sourceId?.startsWith('guide.') ? lead.replace('the lesson', 'the guide') : lead);

const keyLines = [(k: string) => `So the answer is ${k}.`, (k: string) => `That is why the answer is ${k}.`];

/**
 * A message that asks two things ("how long is Math, and can I use a calculator?") gets a
 * sentence for each, searched one by one, each one new beside the ones before it. A part the
 * material does not answer is counted, to be said so; when none is answered (or the message
 * asks one thing) it is searched whole, as one question: null.
 */
function partAnswers(message: string, material: Parameters<typeof relevantPassages>[1], budget: number): { picked: Passage[]; unanswered: number } | null {
  const parts = questionParts(message);
  if (parts.length < 2) return null;
  const picked: Passage[] = [];
  let unanswered = 0;
  let said = material.said ?? '';
  for (const part of parts) {
    const [found] = relevantPassages(part, { ...material, said }, 1, budget - wordCount(picked.map((p) => p.text).join(' ')));
    if (!found) {
      unanswered++;
      continue;
    }
    picked.push(found);
    said = `${said} ${found.text}`;
  }
  return picked.length > 0 ? { picked, unanswered } : null;
}

/** Said after the parts answered, for the part (or parts) the material does not cover. */
const partlyDeclined = [
  (n: number) => `The other ${n > 1 ? 'parts' : 'part'} of your question I can't answer from the lessons here, so I'd rather not guess.`,
  (n: number) => `I don't have material for the other ${n > 1 ? 'parts' : 'part'} of your question.`,
];
/** Room kept in a reply for that sentence and its hand-off, so quoting the answered parts never crowds it out. */
const PARTLY_DECLINED_WORDS = 36;

export function writeReply(asked: ReplyMaterial, style: 'note' | 'chat', rng: Rng, maxWords: number): string {
  const contact = asksForContact(asked.message);
  const m = contact ? { ...asked, message: withoutContact(asked.message) } : asked;
  const name = firstName(m.studentName);
  const skillId = m.skill ?? m.item?.skill;
  const pointer = lessonPointer(m.sources, skillId);
  const open = contact ? rng.pick(contactOpeners) : rng.pick(openers[style === 'note' && ASKS.test(m.message.trim()) ? 'noteQuestion' : style])(name);
  const closer = rng.pick(closers);
  const lessonLead = rng.pick(leadIns);
  const itemLead = rng.pick(itemLeadIns);
  const keyLine = m.item && m.revealAnswer ? rng.pick(keyLines)(shortKey(m.item)) : '';
  const budget = maxWords - wordCount([open, closer(longestPointer(m.sources, skillId)), lessonLead, keyLine].join(' '));
  const material = { item: m.item, sources: m.sources, revealAnswer: m.revealAnswer, rng: rng.fork('p'), said: m.said };
  const inParts = partAnswers(m.message, material, budget - PARTLY_DECLINED_WORDS);
  let picked = inParts?.picked ?? relevantPassages(m.message, material, 2, budget);
  // "How do I start this one?" about an item: its own first step is the answer.
  if (picked.length === 0 && m.item && !hasContent(m.message)) picked = firstItemStep({ ...material, item: m.item }, budget);
  // "Help me with this" with a skill in focus: what the skill's lesson teaches.
  if (picked.length === 0 && !m.item && skillId && !hasContent(m.message)) picked = lessonIntro(m.sources, skillId, budget, m.said);
  if (picked.length === 0) {
    // Nothing relevant: with no real question either, a short acknowledgement is the honest reply.
    if (!hasContent(m.message)) {
      // "Help" with nothing in focus: no lesson to point to, so ask what it is about.
      if (style === 'chat' && !skillId && m.sources.length === 0) {
        return `${contact ? open : `Happy to help${name ? `, ${name}` : ''}.`} What are you working on? Name a skill, paste the question you're stuck on, or ask how the test works.`;
      }
      return `${open} ${closer(pointer)} ${rng.pick(handOffs[style])}`;
    }
    // "Happy to explain." promises an answer this reply does not give.
    const decline = contact || style === 'note' ? open : ASKS.test(m.message.trim()) ? rng.pick(declineOpeners)(name) : name ? `Thanks, ${name}.` : 'Thanks.';
    // With no skill or question in focus, the best search hit is a guess too: no lesson is named.
    const handOff = rng.pick(handOffs[style]);
    if (!skillId) return `${decline} ${rng.pick(unplacedFallbacks)} ${handOff}`;
    return `${decline} ${rng.pick(fallbacks)(pointer)} ${handOff}`;
  }
  const parts = [open];
  // "From the lesson:" only introduces a lesson's sentence; the item's own steps get a neutral lead-in.
  for (const [i, p] of picked.entries()) {
    parts.push(i === 0 && p.origin !== 'distractor' ? (p.origin === 'source' ? quoteAfterLead(sourceLead(lessonLead, p), p.text) : joinConnective(itemLead, p.text)) : p.text);
  }
  if (keyLine && picked.some((p) => p.origin !== 'source')) parts.push(keyLine);
  if (inParts?.unanswered) parts.push(rng.pick(partlyDeclined)(inParts.unanswered), rng.pick(handOffs[style]));
  else parts.push(closer(lessonPointer(m.sources, skillId, picked)));
  return parts.join(' ');
}
