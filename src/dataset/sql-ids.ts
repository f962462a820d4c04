/**
 * A page of ids as one query parameter. The readers look rows up by the ids of a page (up to
 * 2,000); drizzle's `inArray` sends one bind parameter per id, and parsing and planning such
 * a list cost the server more than running the query. One array literal, `= any($1::uuid[])`,
 * gives the same rows.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `column = any('{…}'::uuid[])`; every id must be a UUID (they come from uuid columns), so the literal needs no quoting. */
export function anyUuid(column: SQLWrapper, ids: readonly string[]): SQL {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`anyUuid: not a UUID: ${id}`);
  return sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`;
}
