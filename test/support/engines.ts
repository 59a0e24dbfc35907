import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Engine } from '../../src/server/platform/db/client.js';

/**
 * The storage engines every storage test runs on: PGlite always, PostgreSQL when DATABASE_URL
 * is set. In CI a missing DATABASE_URL is an error, never a silent skip.
 */
export function storageEngines(): Engine[] {
  if (process.env.DATABASE_URL) return ['pglite', 'postgres'];
  if (process.env.CI) throw new Error('CI is set but DATABASE_URL is not: the PostgreSQL half of the storage tests cannot run.');
  warnOnce('skipped: PostgreSQL storage tests — set DATABASE_URL=postgres://… to run them too');
  return ['pglite'];
}

let warned = false;
function warnOnce(message: string) {
  if (warned) return;
  warned = true;
  process.stderr.write(`\n*** ${message} ***\n\n`);
}

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The PostgreSQL database's URL, so that a test can open a second connection (a second process). */
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own: in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await handle.migrate();
    return { handle, drop: () => handle.close() };
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set');
  const name = `cg_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: 20 });
  await handle.migrate();
  return {
    handle,
    url: url.toString(),
    async drop() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
