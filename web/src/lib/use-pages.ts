import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { useAsync } from './use-async.ts';

/** One page of a keyset-paged list: its items and the cursor of the next page (null after the last). */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/**
 * A list read a page at a time, newest first (the server's lib/keyset.ts cursors): the first page,
 * reloaded when `deps` change, the pages loaded since with "Show more", and how to load the next.
 * `more` is undefined once there is nothing left; a failed page leaves the list as it was, with why.
 */
export function usePages<T>(load: (cursor?: string) => Promise<Page<T>>, deps: readonly unknown[]) {
  const [extra, setExtra] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const first = useAsync(async (): Promise<Page<T>> => {
    const r = await load();
    setExtra([]);
    setCursor(r.next);
    setMoreError(null);
    return r;
  }, deps);
  const more = async () => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const r = await load(cursor);
      setExtra((e) => [...e, ...r.items]);
      setCursor(r.next);
    } catch (e) {
      setMoreError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };
  const items = first.status === 'ready' ? [...first.data.items, ...extra] : [];
  return { first, items, more: cursor ? more : undefined, loadingMore, moreError };
}

/** What a paged list's "Show more" needs. */
export type Paging = Pick<ReturnType<typeof usePages>, 'more' | 'loadingMore' | 'moreError'>;
