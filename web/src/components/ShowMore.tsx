/** The foot of a list read a page at a time (lib/use-pages.ts): why the last page failed, and the button for the next. */
import type { Paging } from '../lib/use-pages.ts';

/** `what`: the list's items, for the error ("Could not load more sessions."). */
export function ShowMore({ more, loadingMore, moreError, what }: Paging & { what: string }) {
  return (
    <>
      {moreError && (
        <p className="notice notice-error" role="alert">
          Could not load more {what}. {moreError}
        </p>
      )}
      {more && (
        <button type="button" className="btn btn-secondary" onClick={more} disabled={loadingMore} aria-busy={loadingMore}>
          {loadingMore ? 'Loading…' : 'Show more'}
        </button>
      )}
    </>
  );
}
