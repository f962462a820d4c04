import type { Command } from 'commander';
import { startServer } from '../../api/server.ts';
import { config } from '../context.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (migrates the database and seeds an empty one first)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .action(async (opts: { port?: string }) => {
      if (opts.port !== undefined) process.env.PORT = opts.port;
      const { url } = await startServer(config());
      console.error(`satprep listening on ${url}`);
    });
}
