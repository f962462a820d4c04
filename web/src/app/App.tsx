/** The shell: header and navigation by role, the page for the current path, focus on navigation. */
import { Suspense, useEffect, useRef } from 'react';
import { auth } from '../api/endpoints.ts';
import { sessionStore, useSession } from '../api/session.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { Loading } from '../components/status.tsx';
import { homeFor } from './home.ts';
import { PAGES, type Role } from './pages.ts';
import { Link, match, mayLeave, navigate, usePath } from './router.tsx';
import { useWaitingAlerts } from './safety-count.ts';

const NAV: Record<Role, { to: string; label: string }[]> = {
  student: [
    { to: '/dashboard', label: 'Dashboard' },
    { to: '/practice', label: 'Practice' },
    { to: '/plan', label: 'Plan' },
    { to: '/test', label: 'Tests' },
    { to: '/tutor', label: 'Tutor' },
    { to: '/community', label: 'Community' },
    { to: '/account', label: 'Account' },
  ],
  tutor: [
    { to: '/students', label: 'Students' },
    { to: '/community', label: 'Community' },
    { to: '/account', label: 'Account' },
  ],
  parent: [
    { to: '/students', label: 'My children' },
    { to: '/community', label: 'Community' },
    { to: '/account', label: 'Account' },
  ],
  admin: [
    { to: '/admin', label: 'Data console' },
    { to: '/moderation', label: 'Moderation' },
    { to: '/safety', label: 'Safety' },
    { to: '/community', label: 'Community' },
    { to: '/account', label: 'Account' },
  ],
};

export function App() {
  const session = useSession();
  const path = usePath();
  const main = useRef<HTMLElement>(null);

  const found = PAGES.map((p) => ({ def: p, params: match(p.pattern, path) })).find((m) => m.params !== null);
  const signedIn = session !== null;
  const allowed = found && (!found.def.roles || (signedIn && found.def.roles.includes(session.user.role)));

  // Unknown paths, the bare root and pages not for this user go where they belong.
  useEffect(() => {
    if (!found) navigate(signedIn ? homeFor(session.user.role, session.user.id) : '/signin', { replace: true });
    else if (!allowed) navigate(signedIn ? homeFor(session.user.role, session.user.id) : `/signin?next=${encodeURIComponent(path)}`, { replace: true });
    else if (signedIn && (found.def.pattern === '/signin' || found.def.pattern === '/signup')) navigate(homeFor(session.user.role, session.user.id), { replace: true });
  }, [found, allowed, signedIn, session, path]);

  const title = found?.def.title;
  useEffect(() => {
    document.title = title ? `${title} · SAT Prep Suite` : 'SAT Prep Suite';
  }, [title]);

  // Moving focus to the page tells screen-reader and keyboard users the page changed.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus({ preventScroll: true });
  }, [path]);

  const signOut = async () => {
    // Asked before the session goes: staying must leave the student signed in.
    if (!mayLeave()) return;
    const s = sessionStore.get();
    sessionStore.set(null);
    if (s) await auth.signOut(s.refreshToken).catch(() => undefined);
    navigate('/signin');
  };

  const waitingAlerts = useWaitingAlerts(session?.user.role === 'admin', path);
  const Page = allowed ? found.def.component : null;
  const nav = session ? NAV[session.user.role] : [];
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark">SAT</span> <span className="brand-name">Prep Suite</span>
          </Link>
          {session && (
            <div className="header-user">
              <span className="user-name">{session.user.displayName}</span>
              <button type="button" className="btn btn-quiet btn-small" onClick={signOut}>
                Sign out
              </button>
            </div>
          )}
        </div>
        {nav.length > 0 && (
          <nav className="app-nav" aria-label="Main">
            <ul>
              {nav.map((n) => {
                const current = path === n.to || path.startsWith(`${n.to}/`);
                return (
                  <li key={n.to}>
                    <Link to={n.to} aria-current={current ? 'page' : undefined}>
                      {n.label}
                      {n.to === '/safety' && waitingAlerts > 0 && (
                        <span className="badge badge-bad nav-count">
                          {waitingAlerts}
                          <span className="visually-hidden"> waiting</span>
                        </span>
                      )}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1} className="app-main">
        <ErrorBoundary key={path}>
          <Suspense fallback={<Loading label="Opening page…" />}>{Page && found ? <Page params={found.params!} /> : <Loading />}</Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
}
