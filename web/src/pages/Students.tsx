/** Tutors and parents: ask to link to a student, and the students who accepted; a parent also sees and removes their children's tutors. */
import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { links } from '../api/endpoints.ts';
import { useSession } from '../api/session.ts';
import { Link } from '../app/router.tsx';
import { Empty, ErrorBox, Loading } from '../components/status.tsx';
import { linkedName } from '../lib/link-names.ts';
import { useAsync } from '../lib/use-async.ts';
import { LinkRequests } from '../components/LinkRequests.tsx';
import { ChildrensTutors } from '../components/RevokeSection.tsx';

/** Tutor and parent wording: a parent follows their own children, so the page speaks of "your child". */
const WORDS = {
  tutor: {
    title: 'My students',
    lead: 'Follow progress, plans, test results, tutor chats and notes — once the student (or their parent) accepts.',
    form: 'Link a student',
    email: 'Student’s email',
    pending: 'Waiting for the student to accept',
    none: 'No students linked yet',
    unnamed: 'Student',
    this: 'this student',
  },
  parent: {
    title: 'My children',
    lead: 'Follow your child’s progress, plan, test results, tutor chats and notes — once your child accepts.',
    form: 'Link your child',
    email: 'Your child’s email',
    pending: 'Waiting for your child to accept',
    none: 'No children linked yet',
    unnamed: 'Your child',
    this: 'your child',
  },
} as const;

export default function Students() {
  const id = useId();
  const session = useSession()!;
  const list = useAsync(() => links.list(), []);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [decided, setDecided] = useState<Record<string, 'accepted' | 'revoked'>>({});

  const request = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      await links.request(email.trim());
      setSent(email.trim());
      setEmail('');
      list.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const parent = session.user.role === 'parent';
  const words = WORDS[parent ? 'parent' : 'tutor'];
  const status = { pending: words.pending, accepted: 'Linked', revoked: 'Revoked' } as const;
  const mine = list.status === 'ready' ? list.data.links.filter((l) => l.requesterId === session.user.id) : [];
  // A tutor accepted here moves to the child's tutors at once, without reloading the list (and the requests with it).
  const rows = list.status === 'ready' ? list.data.links.map((l) => (decided[l.id] ? { ...l, status: decided[l.id] } : l)) : [];
  return (
    <div className="page stack">
      <div className="page-head">
        <h1>{words.title}</h1>
        <p className="lead">{words.lead}</p>
      </div>
      {list.status === 'ready' && <LinkRequests rows={list.data.links} userId={session.user.id} onDecided={(linkId, s) => setDecided((d) => ({ ...d, [linkId]: s }))} />}
      <form className="card" onSubmit={request}>
        <h2>{words.form}</h2>
        <div className="field">
          <label htmlFor={`${id}-email`}>{words.email}</label>
          <input id={`${id}-email`} type="email" required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <div aria-live="polite">{sent && <p className="notice notice-success">Request sent to {sent}. If that address has a student account, the request is on their dashboard to accept; if not, it waits for them to sign up with it.</p>}</div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Sending…' : 'Send link request'}
        </button>
      </form>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} title="Could not load your links" />}
      {list.status === 'ready' && mine.length === 0 && <Empty title={words.none}>Send a request above.</Empty>}
      {mine.length > 0 && (
        <ul className="plain-list student-list">
          {mine.map((l) => (
            <li key={l.id} className="card row">
              <div className="task-text">
                <span className="task-label">{linkedName(l) ?? words.unnamed}</span>
                <span className="task-meta">{status[l.status]}</span>
              </div>
              {l.status === 'accepted' && (
                <Link className="btn btn-small btn-primary" to={`/students/${l.studentId}`}>
                  View progress<span className="visually-hidden"> of {linkedName(l) ?? words.this}</span>
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      {parent && list.status === 'ready' && <ChildrensTutors list={{ ...list, data: { links: rows } }} />}
    </div>
  );
}
