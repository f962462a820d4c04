/**
 * How much a multi-row insert saves over one statement per row, on the embedded database:
 * the reason bulk writers (content build, simulation, event logging) batch their rows.
 */
import { migrateDatabase, openDatabase, schema } from '../src/db/index.ts';
import { compare } from './harness.ts';

const ROWS = Number(process.argv[2] ?? 200);
const database = await openDatabase({ dataDir: null });
await migrateDatabase(database);
const rows = Array.from({ length: ROWS }, (_, i) => ({ type: 'bench', schemaVersion: 1, payload: { i } }));

await compare({
  name: `insert ${ROWS} events (PGlite, in memory)`,
  baseline: {
    name: 'one INSERT per row, in a transaction',
    fn: () =>
      database.db.transaction(async (tx) => {
        for (const r of rows) await tx.insert(schema.events).values(r);
      }),
  },
  candidate: { name: 'one multi-row INSERT', fn: () => database.db.insert(schema.events).values(rows) },
  repeats: 9,
});
await database.close();
