/** One note with its replies: reply, upvote, mark a reply helpful (the author), ask the AI, report; admins hide and unhide. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { community } from '../api/endpoints.ts';
import { useSession } from '../api/session.ts';
import type { NoteReply } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { UpvoteButton } from '../components/community/Votes.tsx';
import { ErrorBox, Loading, Notices } from '../components/status.tsx';
import { useAsync } from '../lib/use-async.ts';
import { HiddenBadge, skillLabel, when } from '../components/community/shared.tsx';
import { decisionNotice, moderation, postName } from './admin/api.ts';

// A tutor the note's author did not link is any tutor on the platform: named apart from the student's own.
const KIND: Record<NoteReply['kind'], string> = { ai: 'AI tutor', community: 'Student', tutor: 'Another tutor' };
const OTHER_TUTOR = 'A tutor on the platform, not one the note’s author linked: never share contact details in a reply';

export default function NoteThread({ params }: { params: Record<string, string> }) {
  const session = useSession()!;
  const thread = useAsync(() => community.thread(params.id), [params.id]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // An admin's hide or unhide shows on the post at once, without reloading the thread and losing the reader's place.
  const [decided, setDecided] = useState<Record<string, boolean>>({});
  const [deciding, setDeciding] = useState<string | null>(null);
  // A reload brings the server's word on every post, which may be another admin's later decision.
  useEffect(() => setDecided({}), [thread.data]);

  if (thread.status === 'loading') return <Loading label="Loading the note…" />;
  if (thread.status === 'error') return <ErrorBox error={thread.error} onRetry={thread.reload} title="Could not load this note" />;
  const { note, replies } = thread.data;
  const canReply = session.user.role === 'student' || session.user.role === 'tutor';
  const isAdmin = session.user.role === 'admin';
  const hiddenNow = (kind: 'note' | 'reply', post: { id: string; hidden: boolean }) => decided[`${kind}/${post.id}`] ?? post.hidden;

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    setError(null);
    try {
      await fn();
      if (done) setNotice(done);
      thread.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const report = async (kind: 'note' | 'reply', id: string) => {
    const reason = window.prompt('Why should a moderator look at this?');
    if (reason === null) return;
    if (!reason.trim()) {
      setNotice(null);
      setError('Say in a few words what is wrong, so a moderator knows what to look for. Nothing was reported.');
      return;
    }
    setError(null);
    try {
      // The API records one report per person and post: a second one is not a new report.
      const r = await community.report(kind, id, reason.trim());
      setNotice(r.reported ? 'Thanks — a moderator will take a look.' : 'You have already reported this; a moderator will look at it.');
      thread.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  // The same call as the Moderation page's, so a hide here is also the review of the post's reports.
  const moderate = async (kind: 'note' | 'reply', id: string, name: string, hidden: boolean) => {
    const key = `${kind}/${id}`;
    setDeciding(key);
    setError(null);
    setNotice(null);
    try {
      const r = await moderation.decide(kind, id, hidden);
      setDecided((d) => ({ ...d, [key]: r.hidden }));
      setNotice(decisionNotice(name, r));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setDeciding(null);
    }
  };
  const hideToggle = (kind: 'note' | 'reply', post: { id: string; hidden: boolean }, name: string) =>
    isAdmin && (
      <HideToggle name={name} hidden={hiddenNow(kind, post)} busy={deciding === `${kind}/${post.id}`} onDecide={(hidden) => void moderate(kind, post.id, name, hidden)} />
    );

  return (
    <div className="page stack narrow-wide">
      <p>
        <Link to="/community">← All notes</Link>
      </p>
      <article className="card note" aria-labelledby="note-title">
        <h1 id="note-title" className="visually-hidden">
          Note
        </h1>
        <div className="note-meta">
          {note.mine && <span className="badge">You</span>}
          {note.visibility === 'private' && <span className="badge badge-muted">Private</span>}
          {hiddenNow('note', note) && <HiddenBadge />}
          {skillLabel(note.skill) && <span>{skillLabel(note.skill)}</span>}
          <span>{when(note.createdAt)}</span>
        </div>
        {note.questionPreview && <p className="note-question hint">About the question: “{note.questionPreview}”</p>}
        <p className="note-body">{note.body}</p>
        <div className="row">
          <UpvoteButton kind="notes" id={note.id} count={note.upvotes} voted={Boolean(note.votedByMe)} disabled={note.mine} />
          {note.mine && !replies.some((r) => r.kind === 'ai') && (
            <button type="button" className="btn btn-small btn-secondary" onClick={() => act(() => community.askAi(note.id))}>
              Ask the AI tutor
            </button>
          )}
          {!note.mine && (
            <button type="button" className="btn btn-small btn-quiet" onClick={() => void report('note', note.id)}>
              Report
            </button>
          )}
          {hideToggle('note', note, 'note')}
        </div>
      </article>

      <Notices notice={notice} error={error} />

      <section aria-labelledby="replies-title">
        <h2 id="replies-title">
          {replies.length} {replies.length === 1 ? 'reply' : 'replies'}
        </h2>
        <ul className="replies">
          {replies.map((r) => (
            <li key={r.id} className={`card reply ${r.helpful ? 'is-helpful' : ''}`}>
              <div className="note-meta">
                <span className={`badge ${r.kind === 'ai' ? '' : 'badge-muted'}`} title={r.kind === 'tutor' && !r.linkedTutor && !r.mine ? OTHER_TUTOR : undefined}>
                  {r.mine ? 'You' : r.linkedTutor ? (note.mine ? 'Your tutor' : 'The student’s tutor') : KIND[r.kind]}
                </span>
                {hiddenNow('reply', r) && <HiddenBadge />}
                {r.helpful && <span className="badge badge-good">Marked helpful</span>}
                <span>{when(r.createdAt)}</span>
              </div>
              <p className="note-body">{r.body}</p>
              <div className="row">
                <UpvoteButton kind="replies" id={r.id} count={r.upvotes} voted={Boolean(r.votedByMe)} disabled={r.mine} />
                {note.mine && !r.mine && !r.helpful && (
                  <button type="button" className="btn btn-small btn-secondary" onClick={() => act(() => community.helpful(r.id), 'Marked as helpful.')}>
                    Mark helpful
                  </button>
                )}
                {/* The AI's replies too: a wrong or unkind answer from it needs a moderator as much as anyone's. */}
                {!r.mine && (
                  <button type="button" className="btn btn-small btn-quiet" onClick={() => void report('reply', r.id)}>
                    Report
                  </button>
                )}
                {hideToggle('reply', r, postName('reply', r.kind))}
              </div>
            </li>
          ))}
        </ul>
      </section>
      {canReply && <ReplyForm noteId={note.id} onSent={thread.reload} />}
    </div>
  );
}

/** Hide, or Unhide for a hidden post; named with what it acts on, since every post in the thread has one. */
function HideToggle({ name, hidden, busy, onDecide }: { name: string; hidden: boolean; busy: boolean; onDecide(hidden: boolean): void }) {
  return (
    <button type="button" className={`btn btn-small ${hidden ? 'btn-secondary' : 'btn-danger'}`} disabled={busy} onClick={() => onDecide(!hidden)}>
      {hidden ? 'Unhide' : 'Hide'}
      <span className="visually-hidden"> this {name}</span>
    </button>
  );
}

function ReplyForm({ noteId, onSent }: { noteId: string; onSent(): void }) {
  const id = useId();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setError('Write your reply first.');
    setBusy(true);
    setError(null);
    try {
      await community.reply(noteId, body.trim());
      setBody('');
      onSent();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={send}>
      <label htmlFor={`${id}-reply`}>Your reply</label>
      <textarea id={`${id}-reply`} rows={3} maxLength={4000} value={body} onChange={(e) => setBody(e.target.value)} />
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Sending…' : 'Send reply'}
      </button>
    </form>
  );
}
