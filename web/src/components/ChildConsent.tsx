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

type ConsentState = Pick<User, 'trainingConsent' | 'parentDecidesConsent'>;

export function ChildConsent({ studentId, name, current }: { studentId: string; name: string; current?: ConsentState }) {
  const [child, setChild] = useState<ConsentState | null>(current ?? null);
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);

  const change = async (granted: boolean) => {
    setBusy(granted);
    setError(null);
    try {
      setChild(await account.setConsent(studentId, granted));
      setChanged(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const on = child?.trainingConsent;
  return (
    <section className="card" aria-labelledby="child-consent">
      <h2 id="child-consent">Training-data consent</h2>
      <p>
        {consentMeaning('their')} For a child under 18 you decide, and you can change it at any time.
      </p>
      <div aria-live="polite">
        {child ? (
          <p className="notice notice-success">
            {changed ? 'Saved: consent' : 'Consent'} for {name} is {on ? 'on' : 'off'}.
            {!child.parentDecidesConsent ? ` ${name} is 18 or over and can also change this on their own account page.` : ''}
          </p>
        ) : (
          <p className="hint">The current setting is not shown here: the app can show it only after you change it. {name} sees it on their account page.</p>
        )}
      </div>
      <div className="row">
        <button type="button" className="btn btn-secondary" aria-pressed={on === true} disabled={busy !== null} onClick={() => change(true)}>
          {busy === true ? 'Saving…' : 'Turn consent on'}
        </button>
        <button type="button" className="btn btn-secondary" aria-pressed={on === false} disabled={busy !== null} onClick={() => change(false)}>
          {busy === false ? 'Saving…' : 'Turn consent off'}
        </button>
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
