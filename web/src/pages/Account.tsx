/**
 * The signed-in user's account, for every role: who they are (GET /auth/me, fresh, not the copy
 * kept at sign-in), a student's training-data consent (PUT /students/:id/consent), who can see a
 * student's progress or whom a tutor or parent follows (GET /links, POST /links/:id/revoke), a
 * copy of their data (GET /ai_data/export/me) and deleting the account (DELETE /account).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/client.ts';
import { account, auth, links } from '../api/endpoints.ts';
import { sessionStore } from '../api/session.ts';
import type { ListedLink, User } from '../api/types.ts';
import { Link, navigate } from '../app/router.tsx';
import { Field } from '../components/Field.tsx';
import { ChildrensTutors, RevokeSection, type RevokeRow } from '../components/RevokeSection.tsx';
import { Empty, ErrorBox, FieldError, Loading } from '../components/status.tsx';
import { consentMeaning } from '../lib/consent.ts';
import { downloadJson } from '../lib/download.ts';
import { forgetGoals } from '../lib/goals.ts';
import { linkedName } from '../lib/link-names.ts';
import { useAsync } from '../lib/use-async.ts';

const EXPORT_FILE = 'satprep-my-data.json';

const ROLE: Record<User['role'], string> = { student: 'Student', tutor: 'Tutor', parent: 'Parent', admin: 'Administrator' };

const birthDateLabel = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

export default function Account() {
  const me = useAsync(async () => {
    const user = await auth.me();
    // The header shows the name kept at sign-in: keep it in step with the account.
    const s = sessionStore.get();
    if (s && s.user.id === user.id && JSON.stringify(s.user) !== JSON.stringify(user)) sessionStore.set({ ...s, user });
    return user;
  }, []);

  if (me.status === 'loading') return <Loading label="Loading your account…" />;
  if (me.status === 'error') return <ErrorBox error={me.error} onRetry={me.reload} title="Could not load your account" />;
  const user = me.data;
  const follower = user.role === 'tutor' || user.role === 'parent';
  return (
    <div className="page stack narrow-wide">
      <div className="page-head">
        <h1>Your account</h1>
        <p className="lead">
          {user.role === 'student'
            ? 'Your details, who can see your progress, how your data is used, a copy of it, and deleting your account.'
            : follower
              ? `Your details, the ${user.role === 'parent' ? 'children you follow and their tutors' : 'students you follow'}, a copy of your data, and deleting your account.`
              : 'Your details, a copy of your data, and deleting your account.'}
        </p>
      </div>
      <section className="card" aria-labelledby="acct-details">
        <h2 id="acct-details">Your details</h2>
        <dl className="facts">
          <div>
            <dt>Name</dt>
            <dd>{user.displayName}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{ROLE[user.role]}</dd>
          </div>
          {user.role === 'student' && (
            <div>
              <dt>Birth date</dt>
              <dd>{user.birthDate ? birthDateLabel(user.birthDate) : 'Not given'}</dd>
            </div>
          )}
        </dl>
      </section>
      {user.role === 'student' && <StudentConsent user={user} />}
      {user.role === 'student' && <PeopleWhoSeeMe userId={user.id} />}
      {follower && <PeopleIFollow userId={user.id} parent={user.role === 'parent'} />}
      {user.role === 'parent' && <ParentsChildrensTutors />}
      <DownloadData />
      <DeleteAccount user={user} />
    </div>
  );
}

/** The student's own consent: an adult turns it on or off; for a minor a parent decides, and the student may still turn it off. */
function StudentConsent({ user }: { user: User }) {
  const [granted, setGranted] = useState(user.trainingConsent);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const minor = user.parentDecidesConsent;

  const change = async (next: boolean) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const updated = await account.setConsent(user.id, next);
      setGranted(updated.trainingConsent);
      setSaved(updated.trainingConsent ? 'Saved: consent is on. You can turn it off at any time.' : 'Saved: consent is off. Your conversations are left out of training from now on.');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="acct-consent">
      <h2 id="acct-consent">Training-data consent</h2>
      <p>{consentMeaning('your')}</p>
      <p>
        <strong>Consent is {granted ? 'on' : 'off'}.</strong>
      </p>
      {minor && (
        <p className="notice notice-info">
          {user.birthDate ? 'You are under 18, so a parent decides.' : 'We do not have your birth date, so you are treated as under 18 and a parent decides.'} A parent linked
          to your account can turn it on from their view of your progress.{granted ? ' You can still turn it off yourself.' : ''}
        </p>
      )}
      {/* A minor may withdraw consent a parent gave, never give it. */}
      {(!minor || granted) && (
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => change(!granted)}>
          {busy ? 'Saving…' : granted ? 'Turn consent off' : 'Turn consent on'}
        </button>
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


/** What a linked tutor or parent can read: private notes too (src/community/visibility.ts), which a student would not guess. */
const SEES = 'sees your progress, plan, test results, tutor chats and notes (private ones included)';

/** A student's tutors and parents with access, each removable. */
function PeopleWhoSeeMe({ userId }: { userId: string }) {
  const list = useAsync(() => links.list(), []);
  const rows = (list.data?.links ?? [])
    .filter((l) => l.studentId === userId && l.status === 'accepted')
    .map((l): RevokeRow => {
      const r = 'requester' in l ? l.requester : null;
      const who = r ? (r.name ? `${r.name} (${r.email})` : r.email) : `A ${l.kind}`;
      const name = r?.name ?? r?.email ?? `this ${l.kind}`;
      return {
        id: l.id,
        who,
        meta: `${l.kind === 'parent' ? 'Parent' : 'Tutor'} · ${SEES}${l.kind === 'parent' ? ', and can manage your training-data consent' : ''}`,
        action: 'Remove',
        question: `Remove ${name}? They will no longer see your progress, plan, test results, tutor chats or notes${l.kind === 'parent' ? ', or manage your consent' : ''}. To let them back in, they would need to ask again.`,
        done: 'Removed — they can no longer see your progress.',
      };
    });
  return (
    <RevokeSection
      title="People who can see your progress"
      intro="Tutors and parents whose requests you accepted. New requests show on your dashboard."
      list={list}
      rows={rows}
      empty={<Empty title="No one can see your progress">When a tutor or parent asks to follow you, the request shows on your dashboard.</Empty>}
    />
  );
}

/** A tutor's or parent's students: pending requests to cancel, accepted links to stop. */
function PeopleIFollow({ userId, parent }: { userId: string; parent: boolean }) {
  const list = useAsync(() => links.list(), []);
  const rows = (list.data?.links ?? [])
    .filter((l) => l.requesterId === userId && l.status !== 'revoked')
    .map((l: ListedLink): RevokeRow => {
      const who = linkedName(l) ?? 'Student';
      return l.status === 'pending'
        ? {
            id: l.id,
            who,
            meta: parent ? 'Request waiting for your child to accept' : 'Request waiting for the student to accept',
            action: 'Cancel request',
            question: `Cancel your request to ${who}?`,
            done: 'Request cancelled.',
          }
        : {
            id: l.id,
            who,
            meta: 'Linked — you can see their progress',
            action: 'Stop following',
            question: `Stop following ${who}? You will no longer see their progress, plan, tutor chats or notes${parent ? ', or manage their training-data consent' : ''}. To follow again you would send a new request for them to accept.`,
            done: parent ? 'You no longer follow this child.' : 'You no longer follow this student.',
          };
    });
  return (
    <RevokeSection
      title={parent ? 'Your children' : 'Your students'}
      intro={parent ? 'Children you follow and requests waiting for an answer. Training-data consent for a child is on their page.' : 'Students you follow and requests waiting for an answer.'}
      list={list}
      rows={rows}
      empty={
        <Empty title={parent ? 'You do not follow any children yet' : 'You do not follow any students yet'}>
          <Link to="/students">Send a link request</Link>
        </Empty>
      }
    />
  );
}

/** The Account page loads its own list of links for the section. */
function ParentsChildrensTutors() {
  const list = useAsync(() => links.list(), []);
  return <ChildrensTutors list={list} />;
}

function DownloadData() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      downloadJson(await account.exportMine(), EXPORT_FILE);
      setDone(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="acct-data">
      <h2 id="acct-data">Download my data</h2>
      <p>
        One JSON file with everything SAT Prep Suite stores about you: your profile, practice and test answers, scores, study plans, conversations with the AI tutor
        and AI help, community posts, links with tutors and parents, and your activity log.
      </p>
      <button type="button" className="btn btn-secondary" disabled={busy} onClick={download}>
        {busy ? 'Preparing your file…' : 'Download my data'}
      </button>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div aria-live="polite">{done && <p className="notice notice-success">Your data is saved as {EXPORT_FILE} in your downloads.</p>}</div>
    </section>
  );
}

function DeleteAccount({ user }: { user: User }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    // Back to the button that opened the form when it is called off.
    if (!open && wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) {
      setError('Type your password to confirm.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await account.remove(password);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? 'That password is not right, so your account was not deleted. Check it and try again.'
          : `Your account was not deleted. ${errorMessage(err)}`,
      );
      setBusy(false);
      return;
    }
    // The server has revoked every token already; what is left on this device goes too.
    forgetGoals(user.id);
    navigate('/signin?deleted=1', { replace: true });
    sessionStore.set(null);
  };

  return (
    <section className="card" aria-labelledby="acct-delete">
      <h2 id="acct-delete">Delete my account</h2>
      <p>
        This erases your name, email{user.role === 'student' ? ' and birth date, turns training-data consent off, removes what you said in learning games' : ''} and
        signs you out on every device. Notes you posted in the community stay, without your name. It cannot be undone: download your data first if you want a copy.
      </p>
      {!open ? (
        <button type="button" ref={opener} className="btn btn-danger-outline" onClick={() => setOpen(true)}>
          Delete my account…
        </button>
      ) : (
        <form className="notice notice-error confirm" onSubmit={submit} noValidate aria-labelledby="acct-delete-q">
          <p id="acct-delete-q">
            <strong>Are you sure?</strong> To confirm, type the password you sign in with.
          </p>
          <Field
            label="Your password"
            type="password"
            name="password"
            autoComplete="current-password"
            autoFocus
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <FieldError error={error} />
          <div className="row">
            <button type="submit" className="btn btn-danger" disabled={busy}>
              {busy ? 'Deleting…' : 'Delete my account permanently'}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              disabled={busy}
              onClick={() => {
                setOpen(false);
                setError(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
