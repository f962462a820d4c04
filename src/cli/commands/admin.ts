import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { UsageError } from './db.ts';

const MIN_LENGTH = 12;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** Where the prompt reads and writes: a terminal in use, PassThrough streams in tests. */
export interface PromptIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  output: NodeJS.WritableStream;
}

/**
 * Lines typed without echo. readline still does the terminal's work (raw mode, backspace,
 * Ctrl-C, restoring the mode on close), but its echo goes to a sink; the prompts themselves
 * are written to `output` directly.
 */
function hiddenLines({ input, output }: PromptIo): { ask: (prompt: string) => Promise<string>; close: () => void } {
  const sink = new Writable({ write: (_chunk, _enc, done) => done() });
  // No history: it would keep the password in memory for the arrow keys.
  const rl = createInterface({ input, output: sink, terminal: true, historySize: 0 });
  const typed: string[] = [];
  let waiting: { resolve: (line: string) => void; reject: (err: Error) => void } | undefined;
  let ended: Error | 'eof' | undefined;
  const settle = () => {
    if (!waiting) return;
    const w = waiting;
    if (typed.length) w.resolve(typed.shift()!);
    else if (ended === 'eof') w.resolve('');
    else if (ended) w.reject(ended);
    else return;
    waiting = undefined;
  };
  rl.on('line', (line) => { typed.push(line); settle(); });
  // Raw mode turns Ctrl-C into a key: it ends the command as a Ctrl-C does elsewhere in the CLI.
  rl.on('SIGINT', () => { ended = new Error('interrupted'); rl.close(); settle(); });
  // Ctrl-D or the end of the input: what was not typed is blank.
  rl.on('close', () => { ended ??= 'eof'; settle(); });
  return {
    ask(prompt) {
      output.write(prompt);
      return new Promise<string>((resolve, reject) => {
        waiting = { resolve, reject };
        settle();
      }).finally(() => output.write('\n'));
    },
    close: () => rl.close(),
  };
}

/**
 * A new admin password typed at a terminal: asked twice, echoed neither time. A blank or short
 * one is refused before the second prompt, so a mistake costs one entry.
 */
export async function promptNewPassword(io: PromptIo): Promise<string> {
  const lines = hiddenLines(io);
  try {
    const password = (await lines.ask('admin password: ')).trim();
    if (!password) throw new UsageError('no admin password given: type one at the prompt, set SATPREP_ADMIN_PASSWORD or pipe it on standard input (never a flag)');
    checkLength(password);
    const again = (await lines.ask('admin password again: ')).trim();
    if (again !== password) throw new UsageError('the two passwords differ; no admin was created');
    return password;
  } finally {
    lines.close();
  }
}

function checkLength(password: string): void {
  if (password.length < MIN_LENGTH) throw new UsageError(`admin password must be at least ${MIN_LENGTH} characters (SATPREP_ADMIN_PASSWORD or stdin)`);
}

/** The environment first, then piped standard input, both as they always were. */
async function givenPassword(): Promise<string> {
  // Both sources are trimmed alike (stdin ends with a newline), so twelve spaces are no password.
  const password = (process.env.SATPREP_ADMIN_PASSWORD ?? (await readStdin())).trim();
  if (!password) throw new UsageError('no admin password given: set SATPREP_ADMIN_PASSWORD or pipe it on standard input (never a flag)');
  checkLength(password);
  return password;
}

function checkEmail(email: string): void {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new UsageError(`not an email address: ${email}`);
}

/** Admins exist only through this command: the API never grants the role. */
export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('administrator accounts');
  admin
    .command('create')
    .description(
      'create an admin account; the password comes from SATPREP_ADMIN_PASSWORD or standard input — piped, or at a terminal ' +
        'a prompt that asks twice without echo (never a flag, so it stays out of shell history)',
    )
    .requiredOption('--email <email>', 'admin email')
    .option('--name <name>', 'display name', 'Administrator')
    .action(async (opts: { email: string; name: string }) => {
      let password: string;
      if (process.env.SATPREP_ADMIN_PASSWORD === undefined && process.stdin.isTTY) {
        // Before the prompt: a typo in the email must not cost two password entries.
        checkEmail(opts.email);
        password = await promptNewPassword({ input: process.stdin, output: process.stderr });
      } else {
        password = await givenPassword();
        checkEmail(opts.email);
      }
      const [{ createUser }, { withDatabase }] = await Promise.all([import('../../accounts/users.ts'), import('../context.ts')]);
      await withDatabase(async (database, cfg) => {
        const user = await createUser(database.db, { email: opts.email, password, displayName: opts.name, role: 'admin' }, { scryptCost: cfg.SCRYPT_COST });
        console.log(`admin ${user.email} created (${user.id})`);
      });
    });
}
