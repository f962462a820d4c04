import type { Command } from 'commander';
import { createUser } from '../../accounts/users.ts';
import { withDatabase } from '../context.ts';
import { UsageError } from './db.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** Admins exist only through this command: the API never grants the role. */
export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('administrator accounts');
  admin
    .command('create')
    .description('create an admin account; the password comes from SATPREP_ADMIN_PASSWORD or standard input (never a flag, so it stays out of shell history)')
    .requiredOption('--email <email>', 'admin email')
    .option('--name <name>', 'display name', 'Administrator')
    .action(async (opts: { email: string; name: string }) => {
      // Both sources are trimmed alike (stdin ends with a newline), so twelve spaces are no password.
      const password = (process.env.SATPREP_ADMIN_PASSWORD ?? (process.stdin.isTTY ? '' : await readStdin())).trim();
      if (!password) throw new UsageError('no admin password given: set SATPREP_ADMIN_PASSWORD or pipe it on standard input (never a flag)');
      if (password.length < 12) throw new UsageError('admin password must be at least 12 characters (SATPREP_ADMIN_PASSWORD or stdin)');
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(opts.email)) throw new UsageError(`not an email address: ${opts.email}`);
      await withDatabase(async (database, cfg) => {
        const user = await createUser(database.db, { email: opts.email, password, displayName: opts.name, role: 'admin' }, { scryptCost: cfg.SCRYPT_COST });
        console.log(`admin ${user.email} created (${user.id})`);
      });
    });
}
