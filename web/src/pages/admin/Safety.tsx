/**
 * Safety alerts: students who wrote about hurting themselves, in a tutor chat, a note, a reply
 * or a help request (GET /admin/safety-alerts, src/safety/alerts.ts). The AI answered each with
 * the crisis line; a person follows up, then marks the alert reviewed. The student's name and
 * email are shown so someone can reach them; the words are theirs, so only admins see this page.
 */
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import { Link } from '../../app/router.tsx';
import { ShowMore } from '../../components/ShowMore.tsx';
import { Empty, ErrorBox, Loading, Notices } from '../../components/status.tsx';
import { usePages } from '../../lib/use-pages.ts';
import '../../styles/admin.css';
import { QueueFilter } from './QueueFilter.tsx';
import { safety, when, type AlertStatus, type SafetyAlert } from './api.ts';

const FILTERS = [
  { id: 'open', label: 'Waiting for review', empty: 'No alerts waiting', hint: 'When a student writes about hurting themselves, it appears here.' },
  { id: 'all', label: 'All alerts', empty: 'No alerts yet', hint: 'Nothing a student wrote has raised an alert.' },
] as const satisfies readonly { id: AlertStatus; label: string; empty: string; hint: string }[];

const SOURCE_NAMES: Record<SafetyAlert['source'], string> = { chat: 'Tutor chat', note: 'Note', reply: 'Reply to a note', help: 'Help request' };

export default function Safety() {
  const me = useSession()?.user.displayName ?? null;
  const [status, setStatus] = useState<AlertStatus>('open');
  const [waiting, setWaiting] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const pages = usePages(
    async (cursor?: string) => {
      const r = await safety.alerts(status, cursor);
      setWaiting(r.waiting);
      return { items: r.alerts, next: r.next };
    },
    [status],
    (a) => a.id,
  );
  const { first: list, items: rows, setItems: setRows } = pages;
  const filter = FILTERS.find((f) => f.id === status)!;

  const review = async (a: SafetyAlert) => {
    setBusy(a.id);
    setError(null);
    setNotice(null);
    try {
      const r = await safety.review(a.id);
      if (status === 'open') setRows((old) => old.filter((o) => o.id !== a.id));
      else setRows((old) => old.map((o) => (o.id === a.id ? { ...o, reviewed: { at: r.reviewedAt, by: o.reviewed?.by ?? me } } : o)));
      if (r.changed) setWaiting((w) => Math.max(0, w - 1));
      setNotice(r.changed ? `Marked reviewed: the alert about ${a.student.name}.` : `Someone had already marked the alert about ${a.student.name} reviewed.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="page stack admin">
      <div className="page-head">
        <h1>Safety alerts</h1>
        <p className="lead">
          Students who wrote about hurting themselves. The AI answered each with the 988 Suicide &amp; Crisis Lifeline, but it cannot check in later: a
          person should, as your safeguarding policy says (the school counselor, a parent). Then mark the alert reviewed.
        </p>
      </div>
      <QueueFilter<AlertStatus> value={status} filters={FILTERS} onChange={setStatus} onRefresh={list.reload}>
        {list.status === 'ready' && (
          <p className="hint" role="status">
            {waiting === 0 ? 'None waiting for review' : `${waiting} waiting for review`}
          </p>
        )}
      </QueueFilter>
      <Notices notice={notice} error={error} />
      {list.status === 'loading' && <Loading label="Loading alerts…" />}
      {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} title="Could not load the alerts" />}
      {list.status === 'ready' && rows.length === 0 && (
        <Empty title={filter.empty}>
          <p>{filter.hint}</p>
        </Empty>
      )}
      {list.status === 'ready' && rows.length > 0 && (
        <ul className="notes" aria-label="Safety alerts">
          {rows.map((a) => (
            <Alert key={a.id} alert={a} busy={busy === a.id} onReview={() => void review(a)} />
          ))}
        </ul>
      )}
      {list.status === 'ready' && <ShowMore {...pages} what="alerts" />}
    </div>
  );
}

function Alert({ alert: a, busy, onReview }: { alert: SafetyAlert; busy: boolean; onReview(): void }) {
  const where = SOURCE_NAMES[a.source];
  return (
    <li className="card note safety-alert">
      <div className="note-meta">
        <span className="badge badge-muted">{where}</span>
        {a.reviewed ? (
          <span className="badge badge-good">
            Reviewed {when(a.reviewed.at)}
            {a.reviewed.by ? ` by ${a.reviewed.by}` : ''}
          </span>
        ) : (
          <span className="badge badge-bad">Waiting for review</span>
        )}
        <span>{when(a.createdAt)}</span>
      </div>
      <blockquote className="note-body">{a.excerpt}</blockquote>
      <p className="hint">
        <strong>{a.student.name}</strong>
        {a.student.deleted ? ' (account deleted)' : <> · <a href={`mailto:${a.student.email}`}>{a.student.email}</a></>}
      </p>
      <div className="row">
        {!a.reviewed && (
          <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={onReview}>
            Mark reviewed<span className="visually-hidden"> the alert about {a.student.name}</span>
          </button>
        )}
        {!a.student.deleted && (
          <Link className="btn btn-small btn-quiet" to={`/students/${a.student.id}${a.source === 'chat' ? '?tab=tutor-chats' : ''}`}>
            {a.source === 'chat' ? 'Open their chats' : 'Open student'}
            <span className="visually-hidden"> of {a.student.name}</span>
          </Link>
        )}
        {a.noteId && (
          <Link className="btn btn-small btn-quiet" to={`/community/${a.noteId}`}>
            Open thread<span className="visually-hidden"> of this {where.toLowerCase()}</span>
          </Link>
        )}
      </div>
    </li>
  );
}
