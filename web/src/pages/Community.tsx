/** Community notes: the feed (shared notes, and my own private ones), filtered by skill, and a new post. */
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { community } from '../api/endpoints.ts';
import { useSession } from '../api/session.ts';
import type { SkillId } from '../api/types.ts';
import { NoteList, useNoteFeed } from '../components/community/NoteList.tsx';
import { PRIVATE_NOTE } from '../components/NoteField.tsx';
import { SkillSelect } from '../components/community/shared.tsx';
import { Empty, ErrorBox, Loading } from '../components/status.tsx';

export default function Community() {
  const id = useId();
  const session = useSession()!;
  const [skill, setSkill] = useState('');
  const { feed, notes, more } = useNoteFeed(skill ? { skill: skill as SkillId } : {}, skill);

  return (
    <div className="page stack">
      <div className="page-head">
        <h1>Community</h1>
        <p className="lead">Ask about a question, share a tip, and help each other. Kind and on topic, please.</p>
      </div>
      {session.user.role === 'student' && <NewNote onPosted={feed.reload} />}
      <div className="field filter">
        <label htmlFor={`${id}-skill`}>Show notes about</label>
        <SkillSelect id={`${id}-skill`} value={skill} onChange={setSkill} allLabel="All skills" />
      </div>
      {feed.status === 'loading' && <Loading label="Loading notes…" />}
      {feed.status === 'error' && <ErrorBox error={feed.error} onRetry={feed.reload} title="Could not load the notes" />}
      {feed.status === 'ready' && notes.length === 0 && (
        <Empty title="No notes yet">
          <p>Be the first to post one.</p>
        </Empty>
      )}
      <NoteList notes={notes} more={more} />
    </div>
  );
}

function NewNote({ onPosted }: { onPosted(): void }) {
  const id = useId();
  const [body, setBody] = useState('');
  const [skill, setSkill] = useState('');
  const [share, setShare] = useState(true);
  const [ai, setAi] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [empty, setEmpty] = useState(false);
  const [posted, setPosted] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const post = async (e: FormEvent) => {
    e.preventDefault();
    // Said beside the box and with focus in it, where the student is looking and a screen reader will read it.
    if (!body.trim()) {
      setEmpty(true);
      setError(null);
      field.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setPosted(null);
    try {
      await community.post({ body: body.trim(), visibility: share ? 'community' : 'private', aiReply: ai, ...(skill ? { skill: skill as SkillId } : {}) });
      // A fresh form for the next note (the skill and the AI tick were this one's), and a word that it went up.
      setPosted(`Posted${share ? ' to the community' : ' as a private note'}${ai ? '; the AI tutor’s reply is on the note' : ''}.`);
      setBody('');
      setSkill('');
      setAi(false);
      onPosted();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={post} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>New note</h2>
      <label htmlFor={`${id}-body`}>Your note</label>
      <textarea
        id={`${id}-body`}
        ref={field}
        rows={3}
        maxLength={4000}
        value={body}
        aria-invalid={empty || undefined}
        aria-describedby={empty ? `${id}-empty` : undefined}
        onChange={(e) => (setBody(e.target.value), setEmpty(false), setPosted(null))}
      />
      {empty && (
        <p id={`${id}-empty`} className="field-error">
          Write your note first, then post it.
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-skill`}>Skill (optional)</label>
        <SkillSelect id={`${id}-skill`} value={skill} onChange={setSkill} allLabel="No particular skill" />
      </div>
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={share} aria-describedby={`${id}-private`} onChange={(e) => setShare(e.target.checked)} /> Share with the community
        </label>
        <label className="check">
          <input type="checkbox" checked={ai} onChange={(e) => setAi(e.target.checked)} /> Ask the AI tutor to reply too
        </label>
      </div>
      <p id={`${id}-private`} className="hint">
        {PRIVATE_NOTE}
      </p>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div aria-live="polite">{posted && <p className="notice notice-success">{posted}</p>}</div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Posting…' : 'Post note'}
      </button>
    </form>
  );
}
