import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { auth } from '../api/endpoints.ts';
import { sessionStore } from '../api/session.ts';
import type { SignUpBody } from '../api/types.ts';
import { homeFor } from '../app/home.ts';
import { Link, navigate } from '../app/router.tsx';
import { Field } from '../components/Field.tsx';

type Role = SignUpBody['role'];
const ROLES: { id: Role; label: string; hint: string }[] = [
  { id: 'student', label: 'Student', hint: 'I am preparing for the SAT' },
  { id: 'parent', label: 'Parent', hint: 'I support a student' },
  { id: 'tutor', label: 'Tutor', hint: 'I coach students' },
];

/** The same bounds the server checks (src/accounts/users.ts), said kindly before a round trip. */
function check(f: { displayName: string; email: string; password: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!f.displayName.trim()) errors.displayName = 'Tell us what to call you.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email.trim())) errors.email = 'Enter an email address like name@example.com.';
  if (f.password.length < 8) errors.password = 'Use at least 8 characters.';
  return errors;
}

export default function SignUp() {
  const [displayName, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('student');
  const [birthDate, setBirthDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = check({ displayName, email, password });
    setErrors(found);
    setError(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const body: SignUpBody = { displayName: displayName.trim(), email: email.trim(), password, role, ...(role === 'student' && birthDate ? { birthDate } : {}) };
      const reply = await auth.signUp(body);
      sessionStore.set({ accessToken: reply.accessToken, refreshToken: reply.refreshToken, user: reply.user });
      navigate(homeFor(reply.user.role, reply.user.id), { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <section className="card auth-card" aria-labelledby="signup-title">
        <h1 id="signup-title">Create your account</h1>
        <p className="lead">Adaptive practice, full-length tests and a study plan built around you.</p>
        <form onSubmit={submit} noValidate>
          <fieldset className="choice-group">
            <legend>I am a…</legend>
            <div className="choices choices-3">
              {ROLES.map((r) => (
                <label key={r.id} className="choice">
                  <input type="radio" name="role" value={r.id} checked={role === r.id} onChange={() => setRole(r.id)} />
                  <span className="choice-label">{r.label}</span>
                  <span className="choice-hint">{r.hint}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <Field label="Your name" name="displayName" autoComplete="name" required maxLength={80} value={displayName} onChange={(e) => setName(e.target.value)} error={errors.displayName} />
          <Field label="Email" type="email" name="email" autoComplete="email" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
          <Field
            label="Password"
            type="password"
            name="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={200}
            // The error says the same as the hint, more urgently: one of them, never both.
            hint={errors.password ? undefined : 'At least 8 characters.'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password}
          />
          {role === 'student' && (
            <Field
              label="Date of birth (optional)"
              type="date"
              name="birthDate"
              hint="If you are under 18, a parent decides whether your answers may help improve our AI."
              value={birthDate}
              onChange={(e) => setBirthDate(e.target.value)}
            />
          )}
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? 'Creating your account…' : 'Create account'}
          </button>
        </form>
        <p className="auth-switch">
          Already have an account? <Link to="/signin">Sign in</Link>
        </p>
      </section>
    </div>
  );
}
