/**
 * Links a signed-in user may take back, each with a confirm step: a student's tutors and parents,
 * a tutor's or parent's own follows, and a parent's children's tutors — one list, on the Account
 * and My children pages alike.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../api/client.ts';
import { links } from '../api/endpoints.ts';
import type { ListedLink } from '../api/types.ts';
import type { AsyncState } from '../lib/use-async.ts';
import { childTutorLinks, OtherParents } from './LinkRequests.tsx';
import { Empty, ErrorBox, FieldError, Loading } from './status.tsx';

/** GET /links as a page loads it. */
export type LinkList = AsyncState<{ links: ListedLink[] }> & { reload(): void };

export interface RevokeRow {
  id: string;
  who: string;
  meta: string;
  /** The button: "Remove", "Cancel request", "Stop following". */
  action: string;
  question: string;
  /** What the row says once revoked. */
  done: string;
}

/**
 * For a parent: the tutors who follow their children. A parent may revoke a child's tutor link
 * (src/accounts/links.ts), but once accepted such a link is not the parent's own and would
 * otherwise show nowhere. Any other parent of the child is listed below them, read only.
 */
export function ChildrensTutors({ list }: { list: LinkList }) {
  const all = list.data?.links ?? [];
  const rows = childTutorLinks(all).map(({ link, tutor, child }): RevokeRow => ({
    id: link.id,
    who: `${tutor}, tutor of ${child}`,
    meta: `Sees ${child}’s progress, plan, test results, tutor chats and notes`,
    action: 'Remove',
    question: `Remove ${tutor} as ${child}’s tutor? They will no longer see ${child}’s progress, plan, test results, tutor chats or notes. To follow again they would need to ask again.`,
    done: `Removed — they can no longer see ${child}’s progress.`,
  }));
  return (
    <RevokeSection
      title="Your children’s tutors"
      intro="Tutors who follow your children, whether you or your child accepted them."
      list={list}
      rows={rows}
      empty={<Empty title="No tutor follows your children">When a tutor asks to follow your child, the request shows on your My children page.</Empty>}
      footer={<OtherParents rows={all} />}
    />
  );
}

export function RevokeSection({
  title,
  intro,
  list,
  rows,
  empty,
  footer,
}: {
  title: string;
  intro: string;
  list: LinkList;
  rows: RevokeRow[];
  empty: ReactNode;
  /** Shown after the rows, inside the section. */
  footer?: ReactNode;
}) {
  const [revoked, setRevoked] = useState<Record<string, true>>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const box = useRef<HTMLDivElement>(null);
  /** Where focus goes back to when a confirmation is called off. */
  const returnTo = useRef<string | null>(null);

  useEffect(() => {
    if (confirming) box.current?.focus();
    else if (returnTo.current) {
      document.getElementById(`revoke-${returnTo.current}`)?.focus();
      returnTo.current = null;
    }
  }, [confirming]);

  const ask = (id: string) => {
    setError(null);
    setAnnounce(null);
    setConfirming(id);
  };
  const cancel = (id: string) => {
    setError(null);
    returnTo.current = id;
    setConfirming(null);
  };
  const revoke = async (row: RevokeRow) => {
    setBusy(true);
    setError(null);
    try {
      await links.revoke(row.id);
      setRevoked((r) => ({ ...r, [row.id]: true }));
      setConfirming(null);
      setAnnounce(`${row.who}: ${row.done}`);
      heading.current?.focus();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const id = title.toLowerCase().replace(/[^a-z]+/g, '-');
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p className="hint">{intro}</p>
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} title="Could not load your links" />}
      {list.status === 'ready' && rows.length === 0 && empty}
      {rows.length > 0 && (
        <ul className="plain-list">
          {rows.map((r) => (
            <li key={r.id} className="link-row">
              <div className="row">
                <div className="task-text">
                  <span className="task-label">{r.who}</span>
                  <span className="task-meta">{revoked[r.id] ? r.done : r.meta}</span>
                </div>
                {!revoked[r.id] && confirming !== r.id && (
                  <button type="button" id={`revoke-${r.id}`} className="btn btn-small btn-secondary" aria-label={`${r.action}: ${r.who}`} onClick={() => ask(r.id)}>
                    {r.action}
                  </button>
                )}
              </div>
              {confirming === r.id && (
                <div className="notice notice-info confirm" role="group" aria-labelledby={`revoke-q-${r.id}`} tabIndex={-1} ref={box}>
                  <p id={`revoke-q-${r.id}`}>{r.question}</p>
                  <div className="row">
                    <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => revoke(r)}>
                      {busy ? 'Working…' : `Yes, ${r.action.toLowerCase()}`}
                    </button>
                    <button type="button" className="btn btn-small btn-secondary" disabled={busy} onClick={() => cancel(r.id)}>
                      Keep
                    </button>
                  </div>
                  <FieldError error={error} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <div aria-live="polite" className="visually-hidden">
        {announce}
      </div>
      {footer}
    </section>
  );
}
