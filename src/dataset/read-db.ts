/**
 * Readers of real pairs from the database, each a keyset-paginated stream (memory stays
 * flat however many rows there are) in a fixed order, so the same database gives the same
 * stream: AI outputs with their ratings, plan adjustments with what the student did next,
 * tutor-chat turns with the conversation before them, human replies to notes, and
 * question → rationale pairs from the item bank.
 */
import { and, asc, eq, gt, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { explain } from '../ai/tasks/index.ts';
import type { ChatMessage } from '../ai/task.ts';
import { rowToItem } from '../content/store.ts';
import type { Db } from '../db/client.ts';
import type { AiTaskName } from '../db/enums.ts';
import { aiOutputs, feedbackRatings, helpRequests, noteReplies, notes, questions, tutorMessages } from '../db/schema/index.ts';
import { planOutcomes } from './read-plan.ts';
import { anyUuid } from './sql-ids.ts';
import { newPair, type Pair, type PlanOutcome } from './types.ts';

/** Rows a page: large pages amortise the round trip; memory is bounded by one page. */
const PAGE = 2000;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * The pages of `pages`, each next one already asked for while the caller works on the last:
 * the database computes page k + 1 while this process turns page k into pairs, instead of
 * each waiting for the other. Same pages, same order; one page ahead at most.
 */
export async function* readAhead<T>(pages: AsyncIterator<T>): AsyncGenerator<T> {
  let next = pages.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = pages.next();
      yield r.value;
    }
  } finally {
    // Stopped early (an abort, a failure downstream): the page in flight is not wanted, nor its error.
    next.then(() => pages.return?.(), () => {}).catch(() => {});
  }
}

/** Split a prompt stored by `renderPrompt` (`[role]\ncontent` blocks joined by blank lines) back into messages. */
export function parsePrompt(text: string): ChatMessage[] {
  const blocks = text.split(/\n\n(?=\[(?:system|user|assistant)\]\n)/);
  const out: ChatMessage[] = [];
  for (const b of blocks) {
    const m = /^\[(system|user|assistant)\]\n([\s\S]*)$/.exec(b);
    if (m) out.push({ role: m[1] as ChatMessage['role'], content: m[2] });
    else if (out.length) out[out.length - 1].content += `\n\n${b}`;
    else out.push({ role: 'user', content: b });
  }
  return out;
}

async function meanRatings(db: Db, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: feedbackRatings.aiOutputId, stars: sql<string>`avg(${feedbackRatings.stars})` })
    .from(feedbackRatings)
    .where(anyUuid(feedbackRatings.aiOutputId, ids))
    .groupBy(feedbackRatings.aiOutputId);
  return new Map(rows.map((r) => [r.id, Number(r.stars)]));
}

/**
 * Pages of AI outputs of some tasks in id order, each row with its mean rating (the
 * correlated average is served by the ratings' unique index on the output id). Only the
 * columns a pair needs are read.
 */
async function* aiOutputPages(db: Db, tasks: SQL): AsyncGenerator<AiRow[]> {
  let after = NIL_UUID;
  for (;;) {
    const page = await db
      .select({
        id: aiOutputs.id, task: aiOutputs.task, input: aiOutputs.input, prompt: aiOutputs.prompt, output: aiOutputs.output,
        userId: aiOutputs.userId, questionId: aiOutputs.questionId,
        // Qualified by hand: Drizzle renders a lone column unqualified, which inside the subquery would mean fr.id.
        rating: sql<string | null>`(select avg(fr.stars) from ${feedbackRatings} fr where fr.ai_output_id = ai_outputs.id)`,
      })
      .from(aiOutputs)
      .where(and(gt(aiOutputs.id, after), tasks))
      .orderBy(asc(aiOutputs.id))
      .limit(PAGE);
    if (!page.length) return;
    yield page;
    after = page[page.length - 1].id;
  }
}

export interface AiRow {
  id: string;
  task: AiTaskName;
  input: Record<string, unknown>;
  prompt: string;
  output: string;
  userId: string | null;
  questionId: string | null;
  rating: string | null;
}

export function aiPair(r: AiRow, questionId: string | null, outcome: PlanOutcome | null = null): Pair {
  const input = r.input as { item?: { id?: string; skill?: string }; skill?: string };
  return newPair({
    id: `ai_outputs:${r.id}`,
    task: r.task,
    source: 'db:ai_outputs',
    synthetic: false,
    messages: parsePrompt(r.prompt),
    output: r.output,
    input: r.input,
    userId: r.userId,
    people: r.userId ? [r.userId] : [],
    questionId: questionId ?? input.item?.id ?? null,
    skill: input.item?.skill ?? input.skill ?? null,
    rating: r.rating === null ? null : Number(r.rating),
    outcome,
  });
}

/**
 * Every AI output with its rating, except tutor-chat turns (read with their conversation
 * below: every tutor_chat output is a tutor message's) and plan adjustments (read with
 * their outcome by `readPlanAdjustments`).
 */
export async function* readAiOutputs(db: Db): AsyncIterable<Pair> {
  async function* pages() {
    for await (const page of aiOutputPages(db, notInArray(aiOutputs.task, ['tutor_chat', 'plan_adjust']))) {
      // A help output stored without its question id takes the help request's.
      const missing = page.filter((r) => r.task === 'help' && !r.questionId).map((r) => r.id);
      const helps = missing.length
        ? await db.select({ aiOutputId: helpRequests.aiOutputId, questionId: helpRequests.questionId }).from(helpRequests).where(anyUuid(helpRequests.aiOutputId, missing))
        : [];
      yield { page, helpQ: new Map(helps.map((h) => [h.aiOutputId, h.questionId])) };
    }
  }
  for await (const { page, helpQ } of readAhead(pages())) {
    for (const r of page) yield aiPair(r, r.questionId ?? helpQ.get(r.id) ?? null);
  }
}

/** `plan_adjust` outputs with what the student did next (read-plan.ts) as the pair's outcome. */
export async function* readPlanAdjustments(db: Db, windowDays?: number): AsyncIterable<Pair> {
  async function* pages() {
    for await (const page of aiOutputPages(db, eq(aiOutputs.task, 'plan_adjust'))) {
      yield { page, outcomes: await planOutcomes(db, page.map((r) => r.id), windowDays) };
    }
  }
  for await (const { page, outcomes } of readAhead(pages())) {
    for (const r of page) yield aiPair(r, r.questionId, outcomes.get(r.id) ?? null);
  }
}

/**
 * One pair per assistant turn of a tutor chat: the turns before it are the prompt. A turn
 * written by the AI carries that output's structured input (for the task checks) and rating.
 */
export async function* readTutorChats(db: Db): AsyncIterable<Pair> {
  let after = NIL_UUID;
  for (;;) {
    const convs = await db
      .selectDistinct({ id: tutorMessages.conversationId })
      .from(tutorMessages)
      .where(gt(tutorMessages.conversationId, after))
      .orderBy(asc(tutorMessages.conversationId))
      .limit(PAGE);
    if (!convs.length) return;
    const msgs = await db
      .select()
      .from(tutorMessages)
      .where(anyUuid(tutorMessages.conversationId, convs.map((c) => c.id)))
      .orderBy(asc(tutorMessages.conversationId), asc(tutorMessages.createdAt), asc(tutorMessages.id));
    const outIds = msgs.flatMap((m) => (m.aiOutputId ? [m.aiOutputId] : []));
    const outs = outIds.length ? await db.select().from(aiOutputs).where(anyUuid(aiOutputs.id, outIds)) : [];
    const byId = new Map(outs.map((o) => [o.id, o]));
    const ratings = await meanRatings(db, outIds);
    let history: ChatMessage[] = [];
    let conv = '';
    for (const m of msgs) {
      if (m.conversationId !== conv) { conv = m.conversationId; history = []; }
      if (m.role === 'assistant' && history.length) {
        const ai = m.aiOutputId ? byId.get(m.aiOutputId) : undefined;
        const input = (ai?.input ?? null) as { skill?: string; item?: { id?: string } } | null;
        yield newPair({
          id: `tutor_messages:${m.id}`,
          task: 'tutor_chat',
          source: 'db:tutor_messages',
          synthetic: false,
          messages: [...history],
          output: m.content,
          input,
          userId: m.userId,
          people: [m.userId],
          questionId: input?.item?.id ?? null,
          skill: input?.skill ?? null,
          rating: m.aiOutputId ? ratings.get(m.aiOutputId) ?? null : null,
        });
      }
      history.push({ role: m.role, content: m.content });
    }
    after = convs[convs.length - 1].id;
  }
}

/**
 * Notes answered by a person: human-written outputs. A tutor's reply counts as vetted; a
 * student's only once the note's author marked it helpful. Moderated (hidden) notes and
 * replies never become training data.
 */
export async function* readNoteReplies(db: Db): AsyncIterable<Pair> {
  let after = NIL_UUID;
  for (;;) {
    const page = await db
      .select({ reply: noteReplies, note: notes })
      .from(noteReplies)
      .innerJoin(notes, eq(notes.id, noteReplies.noteId))
      .where(
        and(
          gt(noteReplies.id, after),
          isNull(noteReplies.deletedAt),
          isNull(notes.deletedAt),
          isNull(noteReplies.hiddenAt),
          isNull(notes.hiddenAt),
          or(eq(noteReplies.kind, 'tutor'), and(eq(noteReplies.kind, 'community'), eq(noteReplies.helpful, true))),
        ),
      )
      .orderBy(asc(noteReplies.id))
      .limit(PAGE);
    if (!page.length) return;
    for (const { reply, note } of page) {
      yield newPair({
        id: `note_replies:${reply.id}`,
        task: 'note_reply',
        source: 'db:notes',
        synthetic: false,
        messages: [{ role: 'user', content: note.body }],
        output: reply.body,
        input: null,
        userId: note.userId,
        people: reply.authorId ? [note.userId, reply.authorId] : [note.userId],
        questionId: note.questionId,
        skill: note.skill,
        rating: null,
      });
    }
    after = page[page.length - 1].reply.id;
  }
}

/** Question → its verified rationale, in the `explain` task's prompt. Authored text: no task checks. */
export async function* readQuestionRationales(db: Db): AsyncIterable<Pair> {
  let after = '';
  for (;;) {
    const page = await db.select().from(questions).where(and(gt(questions.id, after), eq(questions.status, 'operational'))).orderBy(asc(questions.id)).limit(PAGE);
    if (!page.length) return;
    for (const q of page) {
      const item = rowToItem(q);
      yield newPair({
        id: `questions:${q.id}`,
        task: 'explain',
        source: 'content:questions',
        synthetic: false,
        messages: explain.prompt({ item }),
        output: q.rationale,
        input: null,
        userId: null,
        people: [],
        questionId: q.id,
        skill: q.skill,
        rating: null,
      });
    }
    after = page[page.length - 1].id;
  }
}

/** Rows the readers will look at, for a progress bar's total. */
export async function countCandidates(db: Db): Promise<number> {
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n ?? 0);
  return (
    (await n(db.select({ n: sql<number>`count(*)` }).from(aiOutputs))) +
    (await n(db.select({ n: sql<number>`count(*)` }).from(noteReplies))) +
    (await n(db.select({ n: sql<number>`count(*)` }).from(questions)))
  );
}
