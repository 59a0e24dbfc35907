import { ConfigError, loadConfig } from './platform/config.js';
import { startServer, type RunningServer } from './server.js';

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
  // Signals are heard from the first moment: one that comes while the server is still starting
  // stops it as soon as it has started.
  const started: { server?: RunningServer } = {};
  let stopRequested: string | undefined;
  let stopping = false;
  const stop = (running: RunningServer, signal: string) => {
    process.stdout.write(`${signal}: finishing requests in flight, then closing the database…\n`);
    running.close().then(
      () => {
        process.stdout.write('Stopped.\n');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: string) => {
    if (stopping) {
      process.stderr.write('Stopping now.\n');
      process.exit(1);
    }
    stopping = true;
    if (started.server) stop(started.server, signal);
    else stopRequested = signal;
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  const server = await startServer(config, { logger: config.logLevel !== 'silent' });
  started.server = server;
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  process.stdout.write(`Common Ground ${config.version} is serving ${server.url} (database: ${where})\n`);
  if (server.setupLink) {
    process.stdout.write(`No accounts yet: create the first (admin) account at ${server.setupLink}\n`);
  }
  if (stopRequested) stop(server, stopRequested);
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  serve().catch((error: unknown) => {
    process.stderr.write(`commonground: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
