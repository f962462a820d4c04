/**
 * Parameterised SQL only: values reach PostgreSQL as bind parameters (Drizzle's query
 * builder and its `sql` tag), never spliced into the SQL text. This scans every source
 * file for the ways to splice — `sql.raw`, a string or untagged template handed to
 * `execute`/`query`, a SQL statement built in an untagged template — and fails on any
 * that is not one of the reviewed exceptions below, each with why it is safe.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

/** `file: count` of splices, each reviewed. */
const REVIEWED: Record<string, { count: number; why: string }> = {
  'src/dataset/verify.ts': {
    count: 1,
    why: 'DuckDB (not PostgreSQL) reading files this process wrote: the spliced text is a column list built from the FORMAT_COLUMNS constants; the file paths are bind parameters',
  },
  'src/progress/stats.ts': {
    count: 1,
    why: 'a time-zone name as a SQL literal (GROUP BY must match textually); only IANA names of [A-Za-z0-9_+-/] get there',
  },
};

const SPLICES: [name: string, pattern: RegExp][] = [
  ['sql.raw', /\bsql\.raw\s*\(/g],
  // A constant string with bind parameters (`query('… $1', [v])`) is fine; concatenation or interpolation is not.
  ['string built for execute/query', /\.(?:execute|query|unsafe)\s*(?:<[^>]*>)?\(\s*(?:'[^'\n]*'\s*\+|"[^"\n]*"\s*\+|`[^`]*\$\{)/g],
  ['untagged SQL template', /(?<!\bsql)`\s*(?:select\s[^`]*\bfrom\b|insert\s+into\b|update\s+\S+\s+set\b|delete\s+from\b)[^`]*\$\{/gi],
];

/** Only code that talks to a database can splice into SQL; elsewhere "Select … from" is English (item stems). */
const TOUCHES_DB = /from '(?:drizzle-orm[^']*|pg|@electric-sql\/pglite|@duckdb\/node-api|(?:\.\.?\/)+(?:db\/)?(?:client|index)\.ts|(?:\.\.\/)+db\/[^']+)'/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

export function findSplices(text: string): string[] {
  return SPLICES.flatMap(([name, re]) => [...text.matchAll(re)].map((m) => `${name}: ${m[0].slice(0, 60)}`));
}

test('the scanner finds each way of splicing values into SQL, and passes the parameterised forms', () => {
  const spliced = [
    "await db.execute(sql.raw(`select * from users where email = '${email}'`));",
    "await pool.query(`delete from sessions where id = ${id}`);",
    "await client.query('select * from users where id = ' + id);",
    'const q = `SELECT password_hash FROM users WHERE email = ${email}`;',
    'await db.execute(`update users set role = ${role}`);',
  ];
  for (const code of spliced) assert.ok(findSplices(code).length > 0, code);
  const safe = [
    'await db.execute(sql`select * from users where email = ${email}`);',
    'await db.select().from(users).where(eq(users.email, email));',
    "await pool.query('select 1');",
    "await client.query('select pg_advisory_lock($1, hashtext($2))', [LOCK, id]);",
  ];
  for (const code of safe) assert.deepEqual(findSplices(code), [], code);
});

test('src/ builds SQL with bind parameters only, apart from the reviewed exceptions', () => {
  const found = new Map<string, string[]>();
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    if (!TOUCHES_DB.test(text)) continue;
    const hits = findSplices(text);
    if (hits.length) found.set(file.split(path.sep).join('/'), hits);
  }
  const unreviewed = [...found].filter(([file, hits]) => REVIEWED[file]?.count !== hits.length).map(([file, hits]) => `${file}: ${hits.join(' | ')}`);
  assert.deepEqual(unreviewed, [], 'splices not reviewed (or a reviewed file whose count changed: review it again)');
  const stale = Object.keys(REVIEWED).filter((file) => !found.has(file));
  assert.deepEqual(stale, [], 'reviewed exceptions that are gone: remove them from the list');
});
