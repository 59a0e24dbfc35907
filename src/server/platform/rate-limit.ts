import { sql } from 'drizzle-orm';
import type { ServiceContext } from './context.js';
import { queryRows, type Database } from './db/client.js';
import { AppError } from './errors.js';

export interface RateRule {
  /** Attempts allowed per window. */
  limit: number;
  windowSeconds: number;
  /** Shown to the person when the limit is reached; `{wait}` becomes the time left, e.g. "12 minutes". */
  message: string;
}

/**
 * Counts one attempt against `key` in a fixed window kept in the database, so every process on
 * one PostgreSQL enforces the same limit. Throws 429 with Retry-After when the limit is passed.
 */
export async function consumeRate(ctx: ServiceContext, key: string, rule: RateRule): Promise<void> {
  const now = ctx.now();
  const resetAt = new Date(now.getTime() + rule.windowSeconds * 1000);
  const [row] = await queryRows<{ count: number; reset_at: string | Date }>(
    ctx.db,
    sql`
    insert into rate_limits (key, count, reset_at) values (${key}, 1, ${resetAt.toISOString()})
    on conflict (key) do update set
      count = case when rate_limits.reset_at <= ${now.toISOString()} then 1 else rate_limits.count + 1 end,
      reset_at = case when rate_limits.reset_at <= ${now.toISOString()} then excluded.reset_at else rate_limits.reset_at end
    returning count, reset_at`,
  );
  if (!row) return;
  if (row.count > rule.limit) {
    const retryAfter = Math.max(1, Math.ceil((new Date(row.reset_at).getTime() - now.getTime()) / 1000));
    throw new AppError('rate_limited', rule.message.replace('{wait}', humanWait(retryAfter)), { retryAfter });
  }
}

/** A wait in words, e.g. "12 minutes", for messages that say when to try again. */
export function humanWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? 'a second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return minutes === 1 ? 'a minute' : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? 'an hour' : `${hours} hours`;
}

/** Forgets the counter, e.g. after a successful sign-in. */
export async function resetRate(db: Database, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}

/** Forgets counters whose window has passed; they would restart from one anyway. */
export async function deleteExpiredRates(ctx: ServiceContext): Promise<void> {
  await ctx.db.execute(sql`delete from rate_limits where reset_at <= ${ctx.now().toISOString()}`);
}

/** Forgets every counter whose key starts with `prefix`. */
export async function resetRatesMatching(db: Database, prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  await db.execute(sql`delete from rate_limits where key like ${pattern}`);
}
