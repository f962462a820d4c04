/** What a viewer is shown of a note or reply: ids of people only where `Readers` allows. */
import { shownAuthor, type NoteRow, type Readers, type ReplyRow } from './visibility.ts';

/** The start of a text on one line, cut at a word where one is near the limit. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`;
}

/** What a note on a question shows of it: the start of its passage (a Reading and Writing stem alone, "Which choice…", says little) or of its stem. */
export function questionPreview(q: { stem: string; passage: string | null }, max = 110): string {
  return excerpt(q.passage?.trim() || q.stem, max);
}

export function noteView(n: NoteRow, viewerId: string, readers: Readers, extra: { replyCount?: number; votedByMe?: boolean; questionPreview?: string } = {}) {
  return {
    id: n.id,
    authorId: shownAuthor(readers, n.userId),
    mine: n.userId === viewerId,
    questionId: n.questionId,
    /** The question "this one" means, for readers who never saw it. */
    questionPreview: extra.questionPreview ?? null,
    lessonId: n.lessonId,
    skill: n.skill,
    body: n.body,
    visibility: n.visibility,
    upvotes: n.upvotes,
    hidden: n.hiddenAt !== null,
    createdAt: n.createdAt.toISOString(),
    ...(extra.replyCount !== undefined ? { replyCount: extra.replyCount } : {}),
    ...(extra.votedByMe !== undefined ? { votedByMe: extra.votedByMe } : {}),
  };
}
export type NoteView = ReturnType<typeof noteView>;

/** For a reply that cannot be a tutor's (the AI's): no tutors to look up. */
export const NO_TUTORS: ReadonlySet<string> = new Set();

/** `noteTutors`: the tutors the note's author linked (visibility.ts `linkedTutorsOf`). */
export function replyView(r: ReplyRow, viewerId: string, readers: Readers, noteTutors: ReadonlySet<string>, votedByMe?: boolean) {
  return {
    id: r.id,
    noteId: r.noteId,
    kind: r.kind,
    /** A tutor's reply from one of the note author's own tutors; false for any other tutor, and for other kinds. */
    linkedTutor: r.kind === 'tutor' && r.authorId !== null && noteTutors.has(r.authorId),
    authorId: shownAuthor(readers, r.authorId),
    mine: r.authorId === viewerId,
    body: r.body,
    aiOutputId: r.aiOutputId,
    upvotes: r.upvotes,
    helpful: r.helpful,
    hidden: r.hiddenAt !== null,
    createdAt: r.createdAt.toISOString(),
    ...(votedByMe !== undefined ? { votedByMe } : {}),
  };
}
export type ReplyView = ReturnType<typeof replyView>;
