import { asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { uuidArray, type Database } from '../platform/db/client.js';
import { encounters, eventIntents, events, meetingRequests, meetings, meetingSlots, meetingTables, memberships, profiles, users } from '../platform/db/schema.js';

/** Rows per INSERT; each batch travels as one JSON parameter. */
const BATCH_ROWS = 2000;

export async function findUserIdByEmail(db: Database, email: string): Promise<string | undefined> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return row?.id;
}

/** The oldest admin account, if any. */
export async function findFirstAdmin(db: Database): Promise<{ id: string; email: string } | undefined> {
  const [row] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(eq(users.isAdmin, true))
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(1);
  return row;
}

/**
 * The account with this email, created with its profile when there is none. Two demo runs
 * creating the same organizer at once are settled by the unique email, not by reading first.
 */
export async function findOrInsertUser(
  db: Database,
  user: { email: string; name: string; passwordHash: string },
  profile: { headline: string },
): Promise<string> {
  const [inserted] = await db
    .insert(users)
    .values(user)
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  if (!inserted) {
    const existing = await findUserIdByEmail(db, user.email);
    if (!existing) throw new Error(`the account ${user.email} disappeared while it was being looked up`);
    return existing;
  }
  await db.insert(profiles).values({ userId: inserted.id, displayName: user.name, headline: profile.headline });
  return inserted.id;
}

/** Inserts the event unless its slug is taken; undefined then. */
export async function insertEventUnlessSlugTaken(
  db: Database,
  values: typeof events.$inferInsert,
): Promise<{ id: string; slug: string } | undefined> {
  const [event] = await db
    .insert(events)
    .values(values)
    .onConflictDoNothing({ target: events.slug })
    .returning({ id: events.id, slug: events.slug });
  return event;
}

/**
 * Inserts rows as one `INSERT … SELECT FROM jsonb_to_recordset($1)` per batch: a single
 * parameter instead of thousands, several times faster than multi-row VALUES on PGlite.
 * Columns come from the Drizzle schema, so a renamed column fails to compile here too.
 */
async function insertBatches<T extends PgTable>(db: Database, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!).filter((key) => key in columns);
  const names = keys.map((key) => sql.identifier(columns[key]!.name));
  const shape = sql.raw(keys.map((key) => `"${columns[key]!.name}" ${columns[key]!.getSQLType()}`).join(', '));
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const records = rows
      .slice(start, start + BATCH_ROWS)
      .map((row) => Object.fromEntries(keys.map((key) => [columns[key]!.name, (row as Record<string, unknown>)[key]])));
    await db.execute(
      sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(names, sql`, `)} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${shape})`,
    );
  }
}

export const insertUsers = (db: Database, rows: (typeof users.$inferInsert)[]) => insertBatches(db, users, rows);
export const insertProfiles = (db: Database, rows: (typeof profiles.$inferInsert)[]) => insertBatches(db, profiles, rows);
export const insertMemberships = (db: Database, rows: (typeof memberships.$inferInsert)[]) => insertBatches(db, memberships, rows);
export const insertMeetingSlots = (db: Database, rows: (typeof meetingSlots.$inferInsert)[]) => insertBatches(db, meetingSlots, rows);
export const insertMeetingTables = (db: Database, rows: (typeof meetingTables.$inferInsert)[]) => insertBatches(db, meetingTables, rows);
export const insertEventIntents = (db: Database, rows: (typeof eventIntents.$inferInsert)[]) => insertBatches(db, eventIntents, rows);
export const insertMeetingRequests = (db: Database, rows: (typeof meetingRequests.$inferInsert)[]) => insertBatches(db, meetingRequests, rows);
export const insertMeetings = (db: Database, rows: (typeof meetings.$inferInsert)[]) => insertBatches(db, meetings, rows);
export const insertEncounters = (db: Database, rows: (typeof encounters.$inferInsert)[]) => insertBatches(db, encounters, rows);

/** These members said yes to being named in the organizers' who-met-whom picture. */
export async function nameInInsights(db: Database, eventId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.execute(sql`update ${memberships} set named_in_insights = true where event_id = ${eventId} and user_id = any(${uuidArray(userIds)})`);
}

/**
 * Refreshes the planner's statistics of the tables a demo fills. PGlite has no autovacuum:
 * without this the planner keeps estimating one row after a bulk insert, and the directory
 * sorts the whole event instead of reading its index.
 */
export async function analyzeDemoTables(db: Database): Promise<void> {
  await db.execute(sql`analyze ${users}, ${profiles}, ${memberships}, ${eventIntents}`);
}
