/**
 * A parent's training-data consent control for a linked child (PUT /students/:id/consent): for
 * a child under 18, or one without a birth date, only an accepted parent may turn it on; either
 * may turn it off. The current setting comes with the parent's own accepted link (GET /links),
 * then from each change made here.
 */
import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { account } from '../api/endpoints.ts';
import type { User } from '../api/types.ts';
import { consentMeaning } from '../lib/consent.ts';

type ConsentState = Pick<User, 'trainingConsent' | 'parentDecidesConsent'> & {
  /** Who last changed it and when (GET /links); null when it never changed. Not known after a change made here: this parent made it. */
  changed?: { at: string; by: { name: string; role: string } | null } | null;
};

/** "Last changed by Pat Lee (parent) on Nov 29." — so a change someone else made is seen. */
function lastChange(c: NonNullable<ConsentState['changed']>): string {
  const who = c.by ? `${c.by.name} (${c.by.role === 'student' ? 'the student' : c.by.role})` : 'an account since deleted';
  return `Last changed by ${who} on ${new Date(c.at).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' })}.`;
}

export function ChildConsent({ studentId, name, current }: { studentId: string; name: string; current?: ConsentState }) {
  const [child, setChild] = useState<ConsentState | null>(current ?? null);
  const [saved, setSaved] = useState<string | null>(null);
  /** The setting being saved, while it is. */
  const [busy, setBusy] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  const change = async (granted: boolean) => {
    setBusy(granted);
    setError(null);
    setSaved(null);
    try {
      const updated = await account.setConsent(studentId, granted);
      setChild(updated);
      setSaved(
        updated.trainingConsent
          ? `Saved: consent for ${name} is on. You can turn it off at any time.`
          : `Saved: consent for ${name} is off. ${name}’s conversations are left out of training from now on.`,
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  // The setting is a fact about the child, not news: said plainly, with the one button that
  // changes it. Only the moment after a change earns a success notice.
  const button = (granted: boolean) => (
    <button type="button" className="btn btn-secondary" disabled={busy !== null} onClick={() => change(granted)}>
      {busy === granted ? 'Saving…' : granted ? 'Turn consent on' : 'Turn consent off'}
    </button>
  );
  return (
    <section className="card" aria-labelledby="child-consent">
      <h2 id="child-consent">Training-data consent</h2>
      <p>
        {consentMeaning('their')} For a child under 18 you decide, and you can change it at any time.
      </p>
      {child ? (
        <>
          <p>
            <strong>
              Consent for {name} is {child.trainingConsent ? 'on' : 'off'}.
            </strong>
            {!child.parentDecidesConsent ? ` ${name} is 18 or over and can also change this on their own account page.` : ''}
          </p>
          {child.changed && <p className="hint">{lastChange(child.changed)}</p>}
          <div className="row">{button(!child.trainingConsent)}</div>
        </>
      ) : (
        <>
          {/* Without the current setting neither button can be ruled out. */}
          <p className="hint">The current setting is not shown here: the app can show it only after you change it. {name} sees it on their account page.</p>
          <div className="row">
            {button(true)}
            {button(false)}
          </div>
        </>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div aria-live="polite">{saved && <p className="notice notice-success">{saved}</p>}</div>
    </section>
  );
}
