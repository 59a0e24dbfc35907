import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { lockDataDir } from './pglite-lock.js';
import * as schema from './schema.js';

export { DataDirInUseError } from './pglite-lock.js';

export type Schema = typeof schema;
/** The Drizzle database, whichever engine is under it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  engine: Engine;
  /** Apply pending migrations, one process at a time (advisory lock). */
  migrate(): Promise<void>;
  /**
   * Receives the payloads NOTIFY sends on `channel` (from this process or any other on the same
   * database), until the returned function is called.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A postgres:// URL; without it, PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's data directory; `memory://` keeps it in memory. */
  dataDir?: string;
  /** Pool size for node-postgres. */
  maxConnections?: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** The committed SQL migrations; the same folder serves src/ and the compiled dist/. */
export const migrationsFolder = path.resolve(here, '../../../../src/server/platform/db/migrations');

/** An arbitrary constant naming the migration lock among advisory locks. */
const MIGRATION_LOCK = 461_278_301;

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return openPglite(options.dataDir ?? 'memory://');
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new pg.Pool({ connectionString: url, max });
  // A pooled connection that fails while idle must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema }) as unknown as Database;
  await db.execute(sql`select 1`);
  return {
    db,
    engine: 'postgres',
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        try {
          await migrate(drizzle(client, { schema }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
        }
      } finally {
        client.release();
      }
    },
    listen: (channel, onPayload) => listenOnPostgres(pg, url, channel, onPayload),
    async close() {
      await pool.end();
    },
  };
}

/**
 * LISTEN needs a connection of its own, outside the pool. When it breaks (a server restart), it
 * is opened again after a pause; notifications sent meanwhile are lost, as NOTIFY's are.
 */
async function listenOnPostgres(
  pg: typeof import('pg').default,
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: import('pg').Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    next.on('error', () => {
      if (stopped) return;
      void next.end().catch(() => {});
      retry = setTimeout(() => void connect().catch(() => {}), 1000);
    });
    await next.connect();
    await next.query(`listen "${channel.replace(/"/g, '""')}"`);
    if (stopped) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  let unlock = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    // One process per data directory: a second PGlite on the same files corrupts them.
    unlock = await lockDataDir(dataDir);
  }
  const client = await PGlite.create(dataDir).catch((error: unknown) => {
    unlock();
    throw error;
  });
  const db = drizzle(inArrivalOrder(client), { schema }) as unknown as Database;
  return {
    db,
    engine: 'pglite',
    async migrate() {
      // PGlite is one connection in one process, but the lock keeps the code path the same.
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await migrate(drizzle(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    },
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    async close() {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/**
 * PGlite answers one statement at a time, and under many concurrent requests its own queue
 * let some wait for seconds while others went ahead. Queries and whole transactions are sent
 * to it strictly in the order they were asked for.
 */
function inArrivalOrder<Client extends { query: (...args: any[]) => Promise<any>; transaction: (...args: any[]) => Promise<any> }>(
  client: Client,
): Client {
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = last.then(work, work);
    last = result.catch(() => undefined);
    return result;
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'query' || property === 'transaction') {
        const method = Reflect.get(target, property, receiver) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => inTurn(() => method.apply(target, args));
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
