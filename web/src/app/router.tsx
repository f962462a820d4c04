/**
 * A small history router: the app lives under /app/ (the server answers /app/:page and
 * /app/:page/:id with index.html, and nothing there is an API route); pages are matched
 * by pattern, at most two segments deep.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

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

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = href(to);
  if (url === readPath()) return;
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
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
