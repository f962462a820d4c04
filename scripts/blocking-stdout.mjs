// Loaded into every test process (scripts/test.mjs). Each test file runs in a child process
// that streams its results to the runner through a pipe; with --test-force-exit the child
// calls process.exit() as soon as its tests are done, and on Linux a pipe's writes are
// asynchronous, so results still buffered were dropped: a run reported fewer tests than ran
// (nodejs/node#64833; measured here: 7,912–7,990 of 8,000 under load). Blocking writes
// cannot be left behind.
for (const stream of [process.stdout, process.stderr]) stream._handle?.setBlocking?.(true);
