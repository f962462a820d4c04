/**
 * The moderation queue: the notes and replies students reported, newest report first, with
 * how many reported each and why (never who), and the decision on each — hide it, restore
 * it, or keep it as it is. Any decision closes its reports (GET /admin/reports, src/community/
 * moderation-queue.ts); a later report brings it back.
 */
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { Link } from '../../app/router.tsx';
import { ShowMore } from '../../components/ShowMore.tsx';
import { Empty, ErrorBox, Loading, Notices } from '../../components/status.tsx';
import { usePages } from '../../lib/use-pages.ts';
import '../../styles/admin.css';
import { QueueFilter } from './QueueFilter.tsx';
import { decisionNotice, moderation, postName, when, type QueueStatus, type Reported } from './api.ts';

const FILTERS = [
  { id: 'open', label: 'Waiting for review', empty: 'Nothing waiting for review', hint: 'No reports since the last decisions. New ones appear here.' },
  { id: 'hidden', label: 'Hidden now', empty: 'Nothing reported is hidden', hint: 'Posts hidden by reports or by a moderator appear here.' },
  { id: 'all', label: 'Everything reported', empty: 'Nothing has been reported', hint: 'When students report a note or a reply, it appears here.' },
] as const satisfies readonly { id: QueueStatus; label: string; empty: string; hint: string }[];

const keyOf = (e: Reported) => `${e.targetKind}/${e.targetId}`;
const what = (e: Reported) => postName(e.targetKind, e.replyKind);

export default function Moderation() {
  const [status, setStatus] = useState<QueueStatus>('open');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A row can move between pages when it is reported again meanwhile: its first copy stays.
  const pages = usePages(
    async (cursor?: string) => {
      const r = await moderation.queue(status, cursor);
      return { items: r.reports, next: r.next };
    },
    [status],
    keyOf,
  );
  const { first: queue, items: rows, setItems: setRows } = pages;
  const filter = FILTERS.find((f) => f.id === status)!;

  /** `hidden`: the state the admin chose; `keep`: the one it is in (dismiss), which in the open queue also takes the row away. */
  const decide = async (e: Reported, hidden: boolean, keep: boolean) => {
    const key = keyOf(e);
    setBusy(key);
    setError(null);
    setNotice(null);
    try {
      const r = await moderation.decide(e.targetKind, e.targetId, hidden);
      const now = new Date().toISOString();
      const decided: Reported = { ...e, hiddenAt: r.hidden ? (e.hiddenAt ?? now) : null, reviewedAt: now, open: false };
      if (keep && status === 'open') {
        setRows((old) => old.filter((o) => keyOf(o) !== key));
        setNotice(`Dismissed: the ${what(e)} stays ${r.hidden ? 'hidden' : 'up'}.`);
      } else {
        setRows((old) => old.map((o) => (keyOf(o) === key ? decided : o)));
        setNotice(decisionNotice(what(e), r));
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="page stack admin">
      <div className="page-head">
        <h1>Moderation</h1>
        <p className="lead">Notes and replies students reported. Reporters stay anonymous, here too: you see how many reported a post and why.</p>
      </div>
      <QueueFilter<QueueStatus> value={status} filters={FILTERS} onChange={setStatus} onRefresh={queue.reload} />
      <Notices notice={notice} error={error} />
      {queue.status === 'loading' && <Loading label="Loading reports…" />}
      {queue.status === 'error' && <ErrorBox error={queue.error} onRetry={queue.reload} title="Could not load the reports" />}
      {queue.status === 'ready' && rows.length === 0 && (
        <Empty title={filter.empty}>
          <p>{filter.hint}</p>
        </Empty>
      )}
      {queue.status === 'ready' && (
        <ul className="notes" aria-label="Reported posts">
          {rows.map((e) => (
            <Entry key={keyOf(e)} entry={e} busy={busy === keyOf(e)} onDecide={(hidden, keep) => void decide(e, hidden, keep)} />
          ))}
        </ul>
      )}
      {queue.status === 'ready' && <ShowMore {...pages} what="reports" />}
    </div>
  );
}

function Entry({ entry: e, busy, onDecide }: { entry: Reported; busy: boolean; onDecide(hidden: boolean, keep: boolean): void }) {
  const hidden = e.hiddenAt !== null;
  const kind = what(e);
  return (
    <li className="card note moderation-entry">
      <div className="note-meta">
        <span className="badge badge-muted">{kind[0].toUpperCase() + kind.slice(1)}</span>
        {hidden ? <span className="badge badge-bad">Hidden</span> : <span className="badge badge-good">Visible</span>}
        {e.open ? <span className="badge">Waiting for review</span> : <span className="badge badge-muted">Reviewed {when(e.reviewedAt)}</span>}
        <span>
          {e.reportCount} {e.reportCount === 1 ? 'report' : 'reports'}, last {when(e.lastReportedAt)}
        </span>
      </div>
      <p className="note-body">{e.preview}</p>
      <p className="hint">
        By <strong>{e.author}</strong> · posted {when(e.createdAt)}
      </p>
      <ul className="reasons" aria-label="Reasons given">
        {e.reasons.map((r) => (
          <li key={r.reason}>
            “{r.reason}”{r.count > 1 && <span className="reason-count"> × {r.count}</span>}
          </li>
        ))}
        {e.reasonsLeftOut > 0 && <li className="hint">and {e.reasonsLeftOut} other reasons</li>}
      </ul>
      <div className="row">
        {hidden ? (
          <button type="button" className="btn btn-small btn-secondary" disabled={busy} onClick={() => onDecide(false, false)}>
            Unhide
          </button>
        ) : (
          <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => onDecide(true, false)}>
            Hide
          </button>
        )}
        {e.open && (
          <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={() => onDecide(hidden, true)} title={`Close these reports and leave the ${kind} ${hidden ? 'hidden' : 'up'}`}>
            {hidden ? 'Keep hidden' : 'Dismiss'}
          </button>
        )}
        <Link className="btn btn-small btn-quiet" to={`/community/${e.noteId}`}>
          Open thread<span className="visually-hidden"> of this {kind}</span>
        </Link>
      </div>
    </li>
  );
}
