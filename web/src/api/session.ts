/**
 * Who is signed in, kept in localStorage so a reload or a second tab stays signed in.
 * The API authenticates with bearer tokens only (no cookies), so there is no CSRF surface;
 * the tokens are as safe as the page is from script injection, which the server's CSP guards.
 */
import { useSyncExternalStore } from 'react';
import type { User } from './types.ts';

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  user: User;
}

const KEY = 'satprep.session';
const listeners = new Set<() => void>();

function load(): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

let current = load();

export const sessionStore = {
  get: (): StoredSession | null => current,
  set(next: StoredSession | null) {
    current = next;
    try {
      if (next) localStorage.setItem(KEY, JSON.stringify(next));
      else localStorage.removeItem(KEY);
    } catch {
      /* private mode: the session lives for this tab only */
    }
    for (const fn of listeners) fn();
  },
  subscribe(fn: () => void) {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
};

// Another tab signing in or out changes this one too.
window.addEventListener('storage', (e) => {
  if (e.key !== KEY) return;
  current = load();
  for (const fn of listeners) fn();
});

export function useSession(): StoredSession | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}
