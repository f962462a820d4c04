/** A page of community notes as cards, with "Show older notes": the feed and a linked student's notes both show notes so. */
import { useState } from 'react';
import { community } from '../../api/endpoints.ts';
import type { Note, NoteFeed } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { HiddenBadge, skillLabel, when } from './shared.tsx';
import { UpvoteButton } from './Votes.tsx';

type FeedQuery = Parameters<typeof community.feed>[0];

/** The first page for `query` (reloaded when `key` changes), the older pages loaded since, and how to load the next. */
export function useNoteFeed(query: Omit<NonNullable<FeedQuery>, 'cursor'>, key: string) {
  const [extra, setExtra] = useState<Note[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const feed = useAsync(async (): Promise<NoteFeed> => {
    const r = await community.feed(query);
    setExtra([]);
    setCursor(r.nextCursor);
    return r;
  }, [key]);
  const more = async () => {
    if (!cursor) return;
    const r = await community.feed({ ...query, cursor });
    setExtra((e) => [...e, ...r.notes]);
    setCursor(r.nextCursor);
  };
  const notes = feed.status === 'ready' ? [...feed.data.notes, ...extra] : [];
  return { feed, notes, more: cursor ? more : undefined };
}

export function NoteList({ notes, more }: { notes: readonly Note[]; more?: () => Promise<void> }) {
  return (
    <>
      <ul className="notes">
        {notes.map((n) => (
          <li key={n.id} className="card note">
            <div className="note-meta">
              {n.mine && <span className="badge">You</span>}
              {n.visibility === 'private' && <span className="badge badge-muted">Private</span>}
              {n.hidden && <HiddenBadge />}
              {skillLabel(n.skill) && <span>{skillLabel(n.skill)}</span>}
              <span>{when(n.createdAt)}</span>
            </div>
            {n.questionPreview && <p className="note-question hint">About the question: “{n.questionPreview}”</p>}
            <p className="note-body">{n.body}</p>
            <div className="row">
              <UpvoteButton kind="notes" id={n.id} count={n.upvotes} voted={Boolean(n.votedByMe)} disabled={n.mine} />
              <Link className="btn btn-small btn-secondary" to={`/community/${n.id}`}>
                {n.replyCount ? `${n.replyCount} ${n.replyCount === 1 ? 'reply' : 'replies'}` : 'Reply'}
                <span className="visually-hidden"> to this note</span>
              </Link>
            </div>
          </li>
        ))}
      </ul>
      {more && (
        <button type="button" className="btn btn-secondary" onClick={more}>
          Show older notes
        </button>
      )}
    </>
  );
}
