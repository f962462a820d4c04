/** Pending tutor/parent link requests to accept or decline: a student's own, and for a parent the tutors asking to follow their children. */
import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { links } from '../api/endpoints.ts';
import type { ListedLink } from '../api/types.ts';

/** Who is asking, as the student can check it: "Sam Lee (sam@example.com), a tutor". */
const asker = (l: ListedLink) => {
  const who = 'requester' in l && l.requester ? (l.requester.name ? `${l.requester.name} (${l.requester.email})` : l.requester.email) : null;
  return who ? `${who}, a ${l.kind},` : `A ${l.kind}`;
};
/** "your", or for a parent deciding for a child, "Mia Minor's". */
const whose = (l: ListedLink) => ('forChild' in l && l.forChild && l.student ? `${l.student.name ?? l.student.email}’s` : 'your');

export function LinkRequests({ rows, userId }: { rows: ListedLink[]; userId: string }) {
  const [decided, setDecided] = useState<Record<string, 'accepted' | 'revoked'>>({});
  const [error, setError] = useState<string | null>(null);
  const pending = rows.filter((l) => l.status === 'pending' && (l.studentId === userId || ('forChild' in l && l.forChild)));
  if (pending.length === 0) return null;
  const decide = async (id: string, accept: boolean) => {
    setError(null);
    try {
      await (accept ? links.accept(id) : links.revoke(id));
      setDecided((d) => ({ ...d, [id]: accept ? 'accepted' : 'revoked' }));
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
