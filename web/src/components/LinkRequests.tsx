/**
 * Tutor/parent links a student or parent decides on: pending requests to accept or decline (a
 * student's own, and for a parent the tutors asking to follow their children); for a parent, the
 * children's accepted tutors as rows for RevokeSection.tsx, and any other parent of a child.
 */
import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { links } from '../api/endpoints.ts';
import type { ListedLink } from '../api/types.ts';
import { FieldError } from './status.tsx';

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
  // A parent decides tutor requests for a child, never another parent's (those are listed read only, by OtherParents).
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
      <FieldError error={error} />
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
