/**
 * Tutor/parent links a student or parent decides on: pending requests to accept or decline (a
 * student's own, and for a parent the tutors asking to follow their children), and for a parent
 * the tutors already following each child, each removable.
 */
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { links } from '../api/endpoints.ts';
import type { ListedLink } from '../api/types.ts';

/** "Sam Lee (sam@example.com)", or the email alone when the account has no name. */
const person = (p: { name: string | null; email: string }) => (p.name ? `${p.name} (${p.email})` : p.email);

/** Who is asking, as the student can check it: "Sam Lee (sam@example.com), a tutor". */
const asker = (l: ListedLink) => {
  const who = 'requester' in l && l.requester ? person(l.requester) : null;
  return who ? `${who}, a ${l.kind},` : `A ${l.kind}`;
};
/** "your", or for a parent deciding for a child, "Mia Minor's". */
const whose = (l: ListedLink) => ('forChild' in l && l.forChild && l.student ? `${l.student.name ?? l.student.email}’s` : 'your');

/**
 * A parent's accepted tutor links to their children (GET /links gives a parent their children's
 * other links, marked `forChild`), with the tutor and the child named.
 */
export function childTutorLinks(rows: readonly ListedLink[]): { link: ListedLink; tutor: string; child: string; childId: string }[] {
  return rows.flatMap((l) =>
    'forChild' in l && l.forChild && l.status === 'accepted' && l.kind === 'tutor'
      ? [{ link: l, tutor: person(l.requester), child: l.student.name ?? l.student.email, childId: l.studentId }]
      : [],
  );
}

export function LinkRequests({ rows, userId, onDecided }: { rows: ListedLink[]; userId: string; onDecided?(id: string, status: 'accepted' | 'revoked'): void }) {
  const [decided, setDecided] = useState<Record<string, 'accepted' | 'revoked'>>({});
  const [error, setError] = useState<string | null>(null);
  // A parent decides tutor requests for a child, never another parent's (those are listed read only, in ChildTutors).
  const pending = rows.filter((l) => l.status === 'pending' && (l.studentId === userId || ('forChild' in l && l.forChild && l.kind === 'tutor')));
  if (pending.length === 0) return null;
  const decide = async (id: string, accept: boolean) => {
    setError(null);
    try {
      await (accept ? links.accept(id) : links.revoke(id));
      const status = accept ? 'accepted' : 'revoked';
      setDecided((d) => ({ ...d, [id]: status }));
      onDecided?.(id, status);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section className="card notice-info" aria-labelledby="links-title">
      <h2 id="links-title">Link requests</h2>
      <ul className="plain-list">
        {pending.map((l) => (
          <li key={l.id} className="row">
            <span>
              {asker(l)} asked to follow {whose(l)} progress{decided[l.id] ? ` — ${decided[l.id] === 'accepted' ? 'accepted' : 'declined'}` : ''}.
            </span>
            {!decided[l.id] && (
              <>
                <button type="button" className="btn btn-small btn-primary" onClick={() => decide(l.id, true)}>
                  Accept<span className="visually-hidden"> the {l.kind}</span>
                </button>
                <button type="button" className="btn btn-small btn-quiet" onClick={() => decide(l.id, false)}>
                  Decline<span className="visually-hidden"> the {l.kind}</span>
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/**
 * For a parent: each child's tutors, whoever accepted them, each with Remove (POST
 * /links/:id/revoke, which a child's accepted parent may call). Without this an accepted tutor
 * vanished from the parent's view, and with it the parent's way to take the access back.
 */
export function ChildTutors({ rows }: { rows: ListedLink[] }) {
  const [removed, setRemoved] = useState<Record<string, true>>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  /** The Remove button focus goes back to when a confirmation is called off. */
  const returnTo = useRef<string | null>(null);
  useEffect(() => {
    if (confirming) box.current?.focus();
    else if (returnTo.current) {
      document.getElementById(`child-tutor-${returnTo.current}`)?.focus();
      returnTo.current = null;
    }
  }, [confirming]);

  const tutors = childTutorLinks(rows);
  // A parent's own links are all parent links; one accepted means they have a child to speak of.
  if (tutors.length === 0 && !rows.some((l) => l.kind === 'parent' && l.status === 'accepted')) return null;
  const children = [...new Map(tutors.map((t) => [t.childId, t.child])).entries()];
  const remove = async (id: string) => {
    setBusy(true);
    setError(null);
    try {
      await links.revoke(id);
      setRemoved((r) => ({ ...r, [id]: true }));
      setConfirming(null);
      // The Remove button is gone: focus goes somewhere it can be found again.
      heading.current?.focus();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const cancel = (id: string) => {
    setError(null);
    returnTo.current = id;
    setConfirming(null);
  };

  return (
    <section className="card" aria-labelledby="child-tutors-title">
      <h2 id="child-tutors-title" ref={heading} tabIndex={-1}>
        Your children’s tutors
      </h2>
      {tutors.length === 0 ? (
        <p className="hint">No tutor follows your children yet. When a tutor asks to follow your child, the request shows on this page for you or your child to accept.</p>
      ) : (
        <p className="hint">Tutors who can see your children’s progress, plan, test results, tutor chats and notes, whether you or your child accepted them.</p>
      )}
      {children.map(([childId, child]) => (
        <div key={childId}>
          <h3 id={`child-tutors-${childId}`}>{child}</h3>
          <ul className="plain-list" aria-labelledby={`child-tutors-${childId}`}>
            {tutors
              .filter((t) => t.childId === childId)
              .map(({ link, tutor }) => (
                <li key={link.id} className="link-row">
                  <div className="row">
                    <div className="task-text">
                      <span className="task-label">{tutor}</span>
                      <span className="task-meta">{removed[link.id] ? `Removed — they can no longer see ${child}’s progress.` : `Tutor of ${child}`}</span>
                    </div>
                    {!removed[link.id] && confirming !== link.id && (
                      <button
                        type="button"
                        id={`child-tutor-${link.id}`}
                        className="btn btn-small btn-secondary"
                        aria-label={`Remove ${tutor} as ${child}’s tutor`}
                        onClick={() => (setError(null), setConfirming(link.id))}
                      >
                        Remove
                      </button>
                    )}
                  </div>
                  {confirming === link.id && (
                    <div className="notice notice-info confirm" role="group" aria-labelledby={`child-tutor-q-${link.id}`} tabIndex={-1} ref={box}>
                      <p id={`child-tutor-q-${link.id}`}>
                        Remove {tutor} as {child}’s tutor? They will no longer see {child}’s progress, plan, test results, tutor chats or notes. To follow again they
                        would need to ask again.
                      </p>
                      <div className="row">
                        <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => remove(link.id)}>
                          {busy ? 'Working…' : 'Yes, remove'}
                        </button>
                        <button type="button" className="btn btn-small btn-secondary" disabled={busy} onClick={() => cancel(link.id)}>
                          Keep
                        </button>
                      </div>
                      {error && (
                        <p className="field-error" role="alert">
                          {error}
                        </p>
                      )}
                    </div>
                  )}
                </li>
              ))}
          </ul>
        </div>
      ))}
      <div aria-live="polite" className="visually-hidden">
        {tutors
          .filter((t) => removed[t.link.id])
          .map((t) => `${t.tutor} no longer follows ${t.child}.`)
          .join(' ')}
      </div>
      <OtherParents rows={rows} />
    </section>
  );
}

/**
 * Any other parent linked to the parent's children, read only: a second "parent" (a sibling, the
 * child's own second account) can change the child's consent and tutors, so it is never unseen.
 */
export function OtherParents({ rows }: { rows: readonly ListedLink[] }) {
  const others = rows.flatMap((l) =>
    'forChild' in l && l.forChild && l.kind === 'parent' && l.status !== 'revoked'
      ? [{ id: l.id, who: person(l.requester), child: l.student.name ?? l.student.email, pending: l.status === 'pending' }]
      : [],
  );
  if (others.length === 0) return null;
  return (
    <>
      <h3 id="other-parents">Other parents</h3>
      <p className="hint">Also linked to your children as a parent. If you do not know one, ask your child: they can remove any link from their account page.</p>
      <ul className="plain-list" aria-labelledby="other-parents">
        {others.map((o) => (
          <li key={o.id}>
            {o.who}, parent of {o.child}
            {o.pending ? ' (waiting for the child to accept)' : ''}
          </li>
        ))}
      </ul>
    </>
  );
}
