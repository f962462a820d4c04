// A node:test reporter that prints, when the run ends, the test files that took longest: the sum
// of each file's top-level test and suite durations (the runner reports a file's events when
// the file is done, so arrival times say nothing). Two files run at a time, so the sum over
// files is about twice the wall time. It writes synchronously: with --test-force-exit the
// runner exits right after its last event, before an async reporter would flush.
import { writeSync } from 'node:fs';

export default async function* fileTimes(source) {
  const seconds = new Map();
  for await (const event of source) {
    const { file, nesting, details } = event.data ?? {};
    if ((event.type === 'test:pass' || event.type === 'test:fail') && file && nesting === 0) {
      seconds.set(file, (seconds.get(file) ?? 0) + (details?.duration_ms ?? 0) / 1000);
    }
    if (event.type === 'test:plan' && !file && nesting === 0) {
      const rows = [...seconds].sort((a, b) => b[1] - a[1]).slice(0, 20);
      const lines = rows.map(([f, s]) => `#   ${s.toFixed(1).padStart(6)}  ${f.replace(process.cwd() + '/', '')}`);
      writeSync(2, `# slowest test files (seconds of test time):\n${lines.join('\n')}\n`);
    }
  }
  yield '';
}
