/** Tutors and parents: ask to link to a student, and the students who accepted. */
import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { links } from '../api/endpoints.ts';
import { useSession } from '../api/session.ts';
import { Link } from '../app/router.tsx';
import { Empty, ErrorBox, Loading } from '../components/status.tsx';
import { linkedName } from '../lib/link-names.ts';
import { useAsync } from '../lib/use-async.ts';
import { LinkRequests } from '../components/LinkRequests.tsx';

const STATUS = { pending: 'Waiting for the student to accept', accepted: 'Linked', revoked: 'Revoked' } as const;

export default function Students() {
  const id = useId();
  const session = useSession()!;
  const list = useAsync(() => links.list(), []);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

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

  const mine = list.status === 'ready' ? list.data.links.filter((l) => l.requesterId === session.user.id) : [];
  return (
    <div className="page stack">
      <div className="page-head">
        <h1>{session.user.role === 'parent' ? 'My children' : 'My students'}</h1>
        <p className="lead">Follow progress, plans, test results and tutor chats — once the student (or their parent) accepts.</p>
      </div>
      {list.status === 'ready' && <LinkRequests rows={list.data.links} userId={session.user.id} />}
      <form className="card" onSubmit={request}>
        <h2>Link a student</h2>
        <div className="field">
          <label htmlFor={`${id}-email`}>Student’s email</label>
          <input id={`${id}-email`} type="email" required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <div aria-live="polite">{sent && <p className="notice notice-success">Request sent to {sent}. It shows on their dashboard to accept.</p>}</div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Sending…' : 'Send link request'}
        </button>
      </form>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} title="Could not load your links" />}
      {list.status === 'ready' && mine.length === 0 && <Empty title="No students linked yet">Send a request above.</Empty>}
      {mine.length > 0 && (
        <ul className="plain-list student-list">
          {mine.map((l) => (
            <li key={l.id} className="card row">
              <div className="task-text">
                <span className="task-label">{linkedName(l) ?? 'Student'}</span>
                <span className="task-meta">{STATUS[l.status]}</span>
              </div>
              {l.status === 'accepted' && (
                <Link className="btn btn-small btn-primary" to={`/students/${l.studentId}`}>
                  View progress<span className="visually-hidden"> of {linkedName(l) ?? 'this student'}</span>
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
