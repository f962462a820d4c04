/**
 * Child process for test/cli/progress.test.ts: progress written to this process's own stderr,
 * which the parent pipes — the log mode a CI job or `2> file` gets. A fake clock makes every
 * step slower than the log interval, so each one is logged, the last step included.
 */
import { trainBar } from '../../src/cli/commands/model.ts';
import { createProgress } from '../../src/cli/progress.ts';
import { progressNote } from '../../src/model/train.ts';

let t = 0;
const now = () => t;

const plain = createProgress({ total: 3, label: 'job', now });
for (let i = 0; i < 3; i++) {
  t += 6000;
  plain.tick();
}
plain.done();

const bar = trainBar({ steps: 3, label: 'model train (test)', note: progressNote, now });
for (let step = 1; step <= 3; step++) {
  t += 6000;
  bar.onProgress({ step, steps: 3, loss: 5 - step / 10, lr: 2e-3, elapsedSec: step * 6, tokensPerSec: 1000, etaSec: (3 - step) * 6 });
}
bar.done();
