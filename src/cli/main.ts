/**
 * `satprep`: one command with a subcommand per job. Known failures (bad configuration, an
 * unreachable database, a usage mistake) print one line and exit non-zero, no stack.
 */
import { Command, CommanderError } from 'commander';
import { CacheUnavailableError } from '../cache/index.ts';
import { ConfigError } from '../config.ts';
import { AppError } from '../lib/errors.ts';
import { DatabaseUnavailableError } from '../db/index.ts';
import { registerAdmin } from './commands/admin.ts';
import { registerCalibrate } from './commands/calibrate.ts';
import { registerContent } from './commands/content.ts';
import { registerDataset } from './commands/dataset.ts';
import { registerDb, UsageError } from './commands/db.ts';
import { registerModel } from './commands/model.ts';
import { registerSel } from './commands/sel.ts';
import { registerServe } from './commands/serve.ts';
import { registerSynth } from './commands/synth.ts';
import { registerWorker } from './commands/worker.ts';

const program = new Command('satprep')
  .description('SAT Prep Suite: platform server, content, data and model tools')
  .showHelpAfterError()
  // Options after a subcommand are that subcommand's (`synth report DIR --near-dup 0.7`), as commander asks of every parent.
  .enablePositionalOptions()
  .exitOverride();

registerDb(program);
registerContent(program);
registerAdmin(program);
registerSynth(program);
registerSel(program);
registerCalibrate(program);
registerDataset(program);
registerModel(program);
registerServe(program);
registerWorker(program);

const EXPECTED = [ConfigError, DatabaseUnavailableError, CacheUnavailableError, UsageError, AppError];

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (EXPECTED.some((E) => err instanceof E)) {
    console.error(`satprep: ${(err as Error).message}`);
    process.exit(err instanceof ConfigError || err instanceof UsageError ? 2 : 1);
  }
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EADDRINUSE') {
    console.error(`satprep: port already in use (${e.message})`);
    process.exit(1);
  }
  console.error(`satprep: ${e?.message ?? String(err)}`);
  if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') console.error(e?.stack);
  process.exit(1);
}
