import { sql } from 'drizzle-orm';
import { ConfigError, loadConfig, type Config } from '../server/platform/config.js';
import type { ServiceContext } from '../server/platform/context.js';
import { DataDirInUseError, openDatabase, queryRows, type Database, type DatabaseHandle } from '../server/platform/db/client.js';
import { badInput, CliError, oneLine } from './errors.js';

/** The server's configuration from the environment; a bad setting is bad input. */
export function configFromEnv(overrides: Partial<Config> = {}): Config {
  try {
    return loadConfig(process.env, overrides);
  } catch (error) {
    if (error instanceof ConfigError) throw badInput(error.message);
    throw error;
  }
}

export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `PGlite in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}

/** How many migrations the database records as applied (0 on a new database). */
export async function countAppliedMigrations(db: Database): Promise<number> {
  const [exists] = await queryRows<{ name: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`);
  if (!exists?.name) return 0;
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return row?.n ?? 0;
}

/**
 * Opens the configured database (DATABASE_URL, else PGlite in DATA_DIR), applies pending
 * migrations, runs `work` with a service context, and always closes the database.
 */
export async function withDatabase<T>(
  config: Config,
  work: (ctx: ServiceContext, handle: DatabaseHandle) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, maxConnections: 2 });
  } catch (error) {
    // Its message already says which directory and what to do.
    if (error instanceof DataDirInUseError) throw new CliError(error.message);
    throw new CliError(`cannot open the database (${describeDatabase(config)}): ${oneLine(error)}`);
  }
  try {
    if (options.migrate ?? true) await handle.migrate();
    return await work({ db: handle.db, engine: handle.engine, config, now: () => new Date() }, handle);
  } finally {
    await handle.close();
  }
}
