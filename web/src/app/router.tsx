/**
 * A small history router: the app lives under /app/ (the server answers /app/:page and
 * /app/:page/:id with index.html, and nothing there is an API route); pages are matched
 * by pattern, at most two segments deep.
 */
import { useEffect, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export const BASE = '/app';
const CHANGE = 'satprep:navigate';

function subscribe(fn: () => void) {
  window.addEventListener('popstate', fn);
  window.addEventListener(CHANGE, fn);
  return () => {
    window.removeEventListener('popstate', fn);
    window.removeEventListener(CHANGE, fn);
  };
}

const readPath = () => window.location.pathname + window.location.search;

/** The current path inside the app, e.g. `/practice/123?x=1` for /app/practice/123?x=1. */
export function usePath(): string {
  const full = useSyncExternalStore(subscribe, readPath);
  return full.startsWith(`${BASE}/`) ? full.slice(BASE.length) : '/';
}

/** The address of an app path; the app's home is the site root (the server answers / with the app). */
const href = (to: string) => (to === '/' ? '/' : `${BASE}${to}`);

/** What to ask before the student leaves the page they are on (a timed module), or null. */
let leaveQuestion: string | null = null;
/** The address on screen, to put back when the student stays after pressing Back. */
let shown = readPath();

/**
 * While `question` is set, leaving this page by a link, Back, a reload or closing the tab
 * asks first: a timed module keeps running on the server whether or not the student is there.
 */
export function useLeaveGuard(question: string | null): void {
  useEffect(() => {
    if (!question) return;
    leaveQuestion = question;
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => {
      if (leaveQuestion === question) leaveQuestion = null;
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [question]);
}

/** True when nothing holds the student here or they chose to leave (asked once: the page that asked is about to go). */
export function mayLeave(): boolean {
  if (!leaveQuestion) return true;
  if (!window.confirm(leaveQuestion)) return false;
  leaveQuestion = null;
  return true;
}

// Registered before any page subscribes, so a Back the student takes back never reaches them.
window.addEventListener('popstate', (e) => {
  if (!mayLeave()) {
    e.stopImmediatePropagation();
    history.pushState(null, '', shown);
    return;
  }
  shown = readPath();
});

/**
 * Replacing the entry is how the app redirects (signed out, a page not for this user), which
 * no one should be able to call off; only a move the student makes asks first.
 */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = href(to);
  if (url === readPath()) return;
  if (!opts.replace && !mayLeave()) return;
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  shown = readPath();
  window.dispatchEvent(new Event(CHANGE));
  window.scrollTo(0, 0);
}

/** `/practice/:id` against `/practice/abc` → `{ id: 'abc' }`; null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const [pathname] = path.split('?');
  const want = pattern.split('/').filter(Boolean);
  const got = pathname.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(got[i]);
    else if (want[i] !== got[i]) return null;
  }
  return params;
}

export function query(path: string): URLSearchParams {
  return new URLSearchParams(path.split('?')[1] ?? '');
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    // Let the browser handle new-tab and modified clicks.
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={href(to)} onClick={handle} {...rest} />;
}
