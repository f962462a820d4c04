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
 * The page may change shown items in place (`setItems`: a decision taken on one). With `keyOf`, an
 * item a later page brings again (it moved in the order while the list was read) keeps its first place.
 */
export function usePages<T>(load: (cursor?: string) => Promise<Page<T>>, deps: readonly unknown[], keyOf?: (item: T) => string) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const first = useAsync(async (): Promise<Page<T>> => {
    const r = await load();
    setItems(r.items);
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
      setItems((shown) => [...shown, ...(keyOf ? r.items.filter((n) => !shown.some((o) => keyOf(o) === keyOf(n))) : r.items)]);
      setCursor(r.next);
    } catch (e) {
      setMoreError(errorMessage(e));
    } finally {
      setLoadingMore(false);
    }
  };
  return { first, items: first.status === 'ready' ? items : [], setItems, more: cursor ? more : undefined, loadingMore, moreError };
}

/** What a paged list's "Show more" needs. */
export type Paging = Pick<ReturnType<typeof usePages>, 'more' | 'loadingMore' | 'moreError'>;
