import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { auth, plan } from '../api/endpoints.ts';
import { sessionStore } from '../api/session.ts';
import { homeFor } from '../app/home.ts';
import { Link, navigate, query, usePath } from '../app/router.tsx';
import { Field } from '../components/Field.tsx';
import { readGoals, writeGoals } from '../lib/goals.ts';

export default function SignIn() {
  const path = usePath();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Set by the account page after DELETE /account.
  const deleted = query(path).get('deleted') === '1';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const pair = await auth.signIn(email.trim(), password);
      const user = await auth.me(pair.accessToken);
      sessionStore.set({ accessToken: pair.accessToken, refreshToken: pair.refreshToken, user });
      // On a new device the goals are not here yet; a student with a plan has done onboarding.
      if (user.role === 'student' && !readGoals(user.id)) {
        const current = await plan.current().catch(() => null);
        if (current?.plan?.testDate) writeGoals(user.id, { testDate: current.plan.testDate, targetScore: current.plan.targetScore ?? 1200, diagnosticDone: true });
      }
      const next = query(path).get('next');
      navigate(next?.startsWith('/') ? next : homeFor(user.role, user.id), { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <section className="card auth-card" aria-labelledby="signin-title">
        <h1 id="signin-title">Welcome back</h1>
        {deleted ? (
          <p className="notice notice-success" role="status">
            Your account was deleted and you were signed out on every device.
          </p>
        ) : (
          <p className="lead">Sign in to keep practising where you left off.</p>
        )}
        <form onSubmit={submit} noValidate>
          <Field label="Email" type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <Field
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="auth-switch">
          New here? <Link to="/signup">Create an account</Link>
        </p>
      </section>
    </div>
  );
}
