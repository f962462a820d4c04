/** What a viewer is shown of a note or reply: ids of people only where `Readers` allows. */
import { shownAuthor, type NoteRow, type Readers, type ReplyRow } from './visibility.ts';

export function noteView(n: NoteRow, viewerId: string, readers: Readers, extra: { replyCount?: number; votedByMe?: boolean } = {}) {
  return {
    id: n.id,
    authorId: shownAuthor(readers, n.userId),
    mine: n.userId === viewerId,
    questionId: n.questionId,
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

export function replyView(r: ReplyRow, viewerId: string, readers: Readers, votedByMe?: boolean) {
  return {
    id: r.id,
    noteId: r.noteId,
    kind: r.kind,
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
