import { ConfigError, loadConfig } from './platform/config.js';
import { startServer } from './server.js';

/** Runs the server until SIGINT or SIGTERM, then lets in-flight requests finish and closes the database. */
export async function serve(overrides: { port?: number; host?: string } = {}): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, overrides);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`commonground: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const server = await startServer(config, { logger: config.logLevel !== 'silent' });
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  process.stdout.write(`Common Ground ${config.version} is serving ${server.url} (database: ${where})\n`);
  if (server.setupLink) {
    process.stdout.write(`No accounts yet: create the first (admin) account at ${server.setupLink}\n`);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write('Stopping now.\n');
      process.exit(1);
    }
    stopping = true;
    process.stdout.write(`${signal}: finishing requests in flight, then closing the database…\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  serve().catch((error: unknown) => {
    process.stderr.write(`commonground: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
