/**
 * `satprep`: one command with a subcommand per job. Known failures (bad configuration, an
 * unreachable database, a usage mistake) print one line and exit non-zero, no stack.
 *
 * Exit codes: 0 success; 1 a runtime failure; 2 a usage error — whether commander finds it while
 * parsing (unknown option, missing value, excess argument, unknown command, no subcommand) or a
 * command does (a bad number, a missing file it was pointed at) — and a bad configuration.
 *
 * Start-up loads only commander and the command definitions: each command imports what it runs
 * (the database, the generators, the model) in its action, so help and usage errors come back at
 * once. Keep the static imports here and in commands/ to cheap modules.
 */
import { Command, CommanderError } from 'commander';
import { AppError } from '../lib/errors.ts';
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

const USAGE_EXIT = 2;

const program = new Command('satprep')
  .description('SAT Prep Suite: platform server, content, data and model tools')
  // Options after a subcommand are that subcommand's (`synth report DIR --near-dup 0.7`), as commander asks of every parent.
  .enablePositionalOptions()
  // Commander's parse errors read like ours (`satprep: unknown option '--x'`); it writes them, we choose the exit code (below).
  .configureOutput({ outputError: (str, write) => write(`satprep: ${str.replace(/^error: /, '')}`) })
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
hintHelpAfterErrors(program);

/**
 * After a parse error, one line naming the failing command's own help — the full usage would
 * push the error itself off a terminal. Set on each command once all are registered: commander
 * copies settings to a subcommand only when it is created.
 */
function hintHelpAfterErrors(cmd: Command, parents: string[] = []): void {
  const name = [...parents, cmd.name()];
  cmd.showHelpAfterError(`(${name.join(' ')} --help shows the usage)`);
  for (const sub of cmd.commands) hintHelpAfterErrors(sub, name);
}

/**
 * The exit code of a known failure, or undefined. The classes of the configuration, database and
 * cache failures live in heavy modules, so they are imported only here, once something has
 * failed — from the modules the commands import, so that `instanceof` sees the same classes (a
 * command that threw one has loaded its module already, and the import costs nothing then).
 */
async function knownFailureExit(err: unknown): Promise<number | undefined> {
  if (err instanceof UsageError) return USAGE_EXIT;
  if (err instanceof AppError) return 1;
  const [{ ConfigError }, { DatabaseUnavailableError }, { CacheUnavailableError }] = await Promise.all([
    import('../config.ts'), import('../db/index.ts'), import('../cache/index.ts'),
  ]);
  if (err instanceof ConfigError) return USAGE_EXIT;
  if (err instanceof DatabaseUnavailableError || err instanceof CacheUnavailableError) return 1;
  return undefined;
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Commander has printed what it found; --help and --version end with 0, every parse error is a usage error.
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : USAGE_EXIT);
  const known = await knownFailureExit(err);
  if (known !== undefined) {
    console.error(`satprep: ${(err as Error).message}`);
    process.exit(known);
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
