import { is, sql } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { queryRows, type Database } from '../../src/server/platform/db/client.js';
import * as schema from '../../src/server/platform/db/schema.js';

/** Every table of the schema, found by looking, so tables added later are included. */
export function schemaTables(): PgTable[] {
  return Object.values(schema as Record<string, unknown>).filter((value): value is PgTable => is(value, PgTable));
}

export interface SnapshotOptions {
  /** Whole tables to leave out, by SQL name. */
  ignoreTables?: readonly string[];
  /** Columns to leave out, as `table.column` (SQL names). */
  ignoreColumns?: readonly string[];
}

/** Table name → its rows as sorted JSON lines: equal snapshots mean no row was added, removed or changed. */
export type DatabaseSnapshot = Record<string, string[]>;

export async function snapshotDatabase(db: Database, options: SnapshotOptions = {}): Promise<DatabaseSnapshot> {
  const snapshot: DatabaseSnapshot = {};
  for (const table of schemaTables()) {
    const { name } = getTableConfig(table);
    if (options.ignoreTables?.includes(name)) continue;
    const rows = await queryRows<Record<string, unknown>>(db, sql`select * from ${table}`);
    snapshot[name] = rows
      .map((row) => {
        const kept = Object.keys(row)
          .filter((column) => !options.ignoreColumns?.includes(`${name}.${column}`))
          .sort()
          .map((column) => [column, row[column] instanceof Date ? (row[column] as Date).toISOString() : row[column]]);
        return JSON.stringify(kept);
      })
      .sort();
  }
  return snapshot;
}

/**
 * What any signed-in request writes, allowed or denied: rate-limit counters count attempts, and
 * sessions and API tokens record when they were last used. "Nothing changed" means nothing else.
 */
export const requestBookkeeping: SnapshotOptions = {
  ignoreTables: ['rate_limits'],
  ignoreColumns: ['sessions.last_seen_at', 'sessions.expires_at', 'api_tokens.last_used_at'],
};

/** Forgets every rate-limit counter, e.g. between tests that share their people. */
export async function clearRateLimits(db: Database): Promise<void> {
  await db.execute(sql`delete from rate_limits`);
}
