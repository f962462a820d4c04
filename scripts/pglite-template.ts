// Run by `npm install` / `npm ci` (postinstall): makes the empty-cluster dump a new embedded
// database starts from (src/db/pglite-template.ts). Optional: on failure a new database runs initdb.
import { TEMPLATE_FILE, writeClusterTemplate } from '../src/db/pglite-template.ts';

const t0 = performance.now();
try {
  const bytes = await writeClusterTemplate();
  console.log(`embedded database template: ${(bytes / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${TEMPLATE_FILE}`);
} catch (err) {
  console.log(`embedded database template: not made (${(err as Error).message}); a new embedded database runs initdb instead`);
}
