/**
 * Child process for the killed-build test: builds a dataset from a PGlite folder, slowed
 * down after the first records, and says "reading" once the build is under way so the
 * parent can kill it midway.
 */
import { openDatabase } from '../../src/db/index.ts';
import { buildDataset } from '../../src/dataset/build.ts';

const [dataDir, outDir] = process.argv.slice(2);
const database = await openDatabase({ dataDir });
let told = false;
const slow = {
  name: 'slow',
  async *run(items: AsyncIterable<never>) {
    for await (const it of items) {
      await new Promise((r) => setTimeout(r, 20));
      yield it;
    }
  },
};
await buildDataset(database.db, {
  name: 'killed', outDir, key: new Uint8Array(32), phase: 'real', extraStages: [slow],
  onRead: (n) => { if (n > 0 && !told) { told = true; process.stdout.write('reading\n'); } },
});
process.stdout.write('finished\n');
await database.close();
