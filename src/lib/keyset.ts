/**
 * Keyset paging for lists sorted newest first by a timestamp and then by a uuid: the cursor
 * `<µs since the epoch>_<uuid>` is the sort key of a page's last row, and the next page is
 * every row strictly below it. Microseconds because that is what PostgreSQL stores: a key cut
 * to milliseconds would skip rows written earlier within the same millisecond as the last one.
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { badRequest } from './errors.ts';

export const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/**
 * A cursor's microseconds: at most 18 digits, always inside bigint. A 19-digit number may not
 * be (9999999999999999999 made the query fail, a 500); real keys have 16 digits until 2286.
 */
export const EPOCH_US_PATTERN = '\\d{1,18}';
const KEYSET_CURSOR = new RegExp(`^(${EPOCH_US_PATTERN})_(${UUID_PATTERN})$`);

/** The query-string field: a cursor is checked at the edge, so a bad one is a 400 that reads nothing. */
export const keysetCursor = z.string().regex(KEYSET_CURSOR, 'a cursor: the `next` of the previous page');

/** A timestamp column as whole microseconds since the epoch, as text (beyond a JS number's exact range). */
export const epochUs = (column: AnyColumn | SQL) => sql<string>`(extract(epoch from ${column}) * 1000000)::bigint::text`;

export interface Keyset {
  us: string;
  id: string;
}

export function readKeyset(cursor: string): Keyset {
  const m = KEYSET_CURSOR.exec(cursor);
  if (!m) throw badRequest('cursor is not one this list gave');
  return { us: m[1], id: m[2] };
}

export const keysetOf = (us: string, id: string): string => `${us}_${id}`;

/** Rows after `after` in (time desc, id desc) order; no condition on the first page. */
export const belowKeyset = (time: AnyColumn, id: AnyColumn, after: Keyset | null): SQL | undefined =>
  after ? sql`(${epochUs(time)}::bigint, ${id}) < (${after.us}::bigint, ${after.id}::uuid)` : undefined;
