import type { Command } from 'commander';
import { nonEmpty, wholeNumber } from '../options.js';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the web app and the API (the same as npm start)')
    .option('--port <n>', 'port to listen on (default: PORT or 3000; 0 picks a free one)', wholeNumber(0, 65535))
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1; 0.0.0.0 to reach it from phones)', nonEmpty)
    .addHelpText('after', '\nEnvironment: PORT, HOST, DATA_DIR, DATABASE_URL, PUBLIC_URL, LOG_LEVEL.')
    .action(async (options: { port?: number; host?: string }) => {
      // Loaded on demand, so that other commands start without the server's dependencies.
      const { serve } = await import('../../server/main.js');
      await serve({
        ...(options.port !== undefined ? { port: options.port } : {}),
        ...(options.host !== undefined ? { host: options.host } : {}),
      });
    });
}
