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
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
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
    listen: (channel, onPayload, onReconnect) => listenOnPostgres(pg, url, channel, onPayload, onReconnect),
    async close() {
      await pool.end();
    },
  };
}

/**
 * LISTEN needs a connection of its own, outside the pool. When it breaks (a server restart, a
 * failover, a connection dropped silently by the network, which a periodic query notices), it
 * is opened again, retrying with a growing pause for as long as it takes. Notifications sent
 * while it is down are lost, as NOTIFY's are; `onReconnect` lets the caller make up for that.
 */
async function listenOnPostgres(
  pg: typeof import('pg').default,
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect: () => void = () => {},
): Promise<() => Promise<void>> {
  let stopped = false;
  let client: import('pg').Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let pause = 250;
  const drop = (broken: import('pg').Client) => {
    if (client === broken) client = undefined;
    void broken.end().catch(() => {});
  };
  const scheduleRetry = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect(true);
    }, pause);
    retry.unref();
    pause = Math.min(pause * 2, 10_000);
  };
  const connect = async (again: boolean): Promise<void> => {
    const next = new pg.Client({ connectionString: url, keepAlive: true });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    next.on('error', () => {
      drop(next);
      scheduleRetry();
    });
    next.on('end', () => {
      if (client === next) {
        client = undefined;
        scheduleRetry();
      }
    });
    try {
      await next.connect();
      await next.query(`listen "${channel.replace(/"/g, '""')}"`);
    } catch (error) {
      drop(next);
      if (!again) throw error;
      scheduleRetry();
      return;
    }
    if (stopped) {
      drop(next);
      return;
    }
    client = next;
    pause = 250;
    if (again) onReconnect();
  };
  await connect(false);
  const health = setInterval(() => {
    const current = client;
    if (!current) return;
    current.query('select 1').catch(() => {
      drop(current);
      scheduleRetry();
    });
  }, 30_000);
  health.unref();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    clearInterval(health);
    const current = client;
    client = undefined;
    await current?.end().catch(() => {});
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

/** A list of ids as one `uuid[]` parameter of raw SQL, e.g. `where id = any(${uuidArray(ids)})`. */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}
