import { and, eq, lte, or, sql } from 'drizzle-orm';
import { queryRows, uuidArray, type Database } from '../platform/db/client.js';
import { asks, connections, introductions } from '../platform/db/schema.js';

export type IntroductionRow = typeof introductions.$inferSelect;
export type AskRow = typeof asks.$inferSelect;

export const orderedPair = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/** My first encounter with each of `others`, and the settings of the event it happened at. */
export async function firstEncounters(
  db: Database,
  me: string,
  others: readonly string[],
): Promise<Map<string, { metAt: Date; eventId: string; settings: Record<string, unknown>; timeZone: string }>> {
  if (others.length === 0) return new Map();
  const rows = await queryRows<{ other: string; met_at: string | Date; event_id: string; settings: Record<string, unknown>; time_zone: string }>(
    db,
    sql`select distinct on (other) other, met_at, event_id, settings, time_zone from (
        select case when x.user_low = ${me} then x.user_high else x.user_low end as other, x.met_at, x.event_id, e.settings, e.time_zone
        from encounters x join events e on e.id = x.event_id
        where (x.user_low = ${me} or x.user_high = ${me})
      ) mine
      where other = any(${uuidArray(others)})
      order by other, met_at asc`,
  );
  return new Map(rows.map((r) => [r.other, { metAt: new Date(r.met_at), eventId: r.event_id, settings: r.settings, timeZone: r.time_zone }]));
}

/** Takes the introducer's lock, so that counting and inserting against the daily cap is one step. */
export async function lockPerson(db: Database, scope: string, userId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${scope}:${userId}`}))`);
}

/** When the introductions proposed in the 24 hours before `now` were made, oldest first. */
export async function proposedSince(db: Database, introducerId: string, since: Date): Promise<Date[]> {
  const rows = await queryRows<{ created_at: string | Date }>(
    db,
    sql`select created_at from introductions where introducer_id = ${introducerId} and created_at > ${since.toISOString()} order by created_at`,
  );
  return rows.map((r) => new Date(r.created_at));
}

export async function asksSince(db: Database, askerId: string, since: Date): Promise<Date[]> {
  const rows = await queryRows<{ created_at: string | Date }>(
    db,
    sql`select created_at from asks where asker_id = ${askerId} and created_at > ${since.toISOString()} order by created_at`,
  );
  return rows.map((r) => new Date(r.created_at));
}

/** Waiting introductions whose time is up are lapsed, so that a new one may be proposed. */
export async function lapseIntroductions(db: Database, introducerId: string, pair: [string, string], now: Date) {
  await db
    .update(introductions)
    .set({ status: 'lapsed' })
    .where(
      and(
        eq(introductions.introducerId, introducerId),
        eq(introductions.userLow, pair[0]),
        eq(introductions.userHigh, pair[1]),
        eq(introductions.status, 'pending'),
        lte(introductions.expiresAt, now),
      ),
    );
}

export async function lapseAsks(db: Database, askerId: string, askeeId: string, now: Date) {
  await db.execute(sql`update asks set status = 'lapsed'
    where asker_id = ${askerId} and askee_id = ${askeeId} and status in ('open', 'dismissed') and expires_at <= ${now.toISOString()}`);
}

/** Whether any of the people blocks any other of them. */
export async function anyBlockAmong(db: Database, people: readonly string[]): Promise<boolean> {
  const [row] = await queryRows<{ blocked: boolean }>(
    db,
    sql`select exists (select 1 from blocks where blocker_id = any(${uuidArray(people)})
      and blocked_id = any(${uuidArray(people)})) as blocked`,
  );
  return row?.blocked === true;
}

export async function insertIntroduction(db: Database, values: typeof introductions.$inferInsert): Promise<IntroductionRow> {
  const [row] = await db.insert(introductions).values(values).returning();
  return row!;
}

export async function introductionForUpdate(db: Database, id: string): Promise<IntroductionRow | undefined> {
  const [row] = await queryRows<{ id: string }>(db, sql`select id from introductions where id = ${id} for update`);
  if (!row) return undefined;
  const [full] = await db.select().from(introductions).where(eq(introductions.id, id)).limit(1);
  return full;
}

export async function updateIntroduction(db: Database, id: string, changes: Partial<IntroductionRow>): Promise<IntroductionRow> {
  const [row] = await db.update(introductions).set(changes).where(eq(introductions.id, id)).returning();
  return row!;
}

/** The connection of a pair, and who introduced them (null when they have left). */
export async function connectionOf(db: Database, pair: [string, string]): Promise<{ introducerId: string | null } | undefined> {
  const [row] = await queryRows<{ introducer_id: string | null }>(
    db,
    sql`select i.introducer_id from connections c left join introductions i on i.id = c.introduction_id
      where c.user_low = ${pair[0]} and c.user_high = ${pair[1]}`,
  );
  return row ? { introducerId: row.introducer_id } : undefined;
}

/** Connects two people once: a second connection of the same pair changes nothing. */
export async function connect(db: Database, pair: [string, string], introductionId: string, now: Date): Promise<boolean> {
  const rows = await db
    .insert(connections)
    .values({ userLow: pair[0], userHigh: pair[1], introductionId, connectedAt: now })
    .onConflictDoNothing()
    .returning({ userLow: connections.userLow });
  return rows.length > 0;
}

/**
 * Introductions I proposed, and those proposed to me that reached me: never muted ones, nor
 * those to someone I have blocked since.
 */
export async function introductionsOf(db: Database, me: string) {
  const byMe = await db.select().from(introductions).where(eq(introductions.introducerId, me)).orderBy(sql`${introductions.createdAt} desc`);
  const toMe = await db
    .select()
    .from(introductions)
    .where(
      and(
        or(eq(introductions.userLow, me), eq(introductions.userHigh, me)),
        eq(introductions.muted, false),
        sql`not exists (select 1 from blocks b where b.blocker_id = ${me}
          and b.blocked_id = case when introductions.user_low = ${me} then introductions.user_high else introductions.user_low end)`,
      ),
    )
    .orderBy(sql`${introductions.createdAt} desc`);
  return { byMe, toMe };
}

/** Whether `blockerId` blocks `blockedId`. */
export async function isBlocking(db: Database, blockerId: string, blockedId: string): Promise<boolean> {
  const [row] = await queryRows<{ blocked: boolean }>(
    db,
    sql`select exists (select 1 from blocks b where b.blocker_id = ${blockerId} and b.blocked_id = ${blockedId}) as blocked`,
  );
  return row?.blocked === true;
}

export async function insertAsk(db: Database, values: typeof asks.$inferInsert): Promise<AskRow> {
  const [row] = await db.insert(asks).values(values).returning();
  return row!;
}

export async function askForUpdate(db: Database, id: string): Promise<AskRow | undefined> {
  await db.execute(sql`select id from asks where id = ${id} for update`);
  const [row] = await db.select().from(asks).where(eq(asks.id, id)).limit(1);
  return row;
}

export async function updateAsk(db: Database, id: string, changes: Partial<AskRow>): Promise<AskRow> {
  const [row] = await db.update(asks).set(changes).where(eq(asks.id, id)).returning();
  return row!;
}

/**
 * An answered ask whose answer never reached its asker: every introduction answering it was
 * muted (a block among the three). To the asker it reads as an ask not answered.
 */
const answerUnseen = sql<boolean>`(asks.status = 'answered' and not exists (select 1 from introductions i
  where i.introducer_id = asks.askee_id and i.ask_id = asks.id and not i.muted))`;

/**
 * Asks I sent (each saying whether its answer is one I never saw), and those I received: never
 * muted ones, nor those from someone I have blocked since.
 */
export async function asksOf(db: Database, me: string) {
  const sent = await db
    .select({ ask: asks, answerUnseen })
    .from(asks)
    .where(eq(asks.askerId, me))
    .orderBy(sql`${asks.createdAt} desc`);
  const received = await db
    .select()
    .from(asks)
    .where(
      and(
        eq(asks.askeeId, me),
        eq(asks.muted, false),
        sql`not exists (select 1 from blocks b where b.blocker_id = ${me} and b.blocked_id = asks.asker_id)`,
      ),
    )
    .orderBy(sql`${asks.createdAt} desc`);
  return { sent: sent.map((r) => ({ ...r.ask, answerUnseen: r.answerUnseen === true })), received };
}

/**
 * Whether I have an ask to this person that reads to me as still waiting although it was
 * answered (by an introduction that never reached me), so that asking again is refused as it
 * would be for an ask truly waiting.
 */
export async function unseenAnswerWaiting(db: Database, askerId: string, askeeId: string, now: Date): Promise<boolean> {
  const [row] = await queryRows<{ waiting: boolean }>(
    db,
    sql`select exists (select 1 from asks where asks.asker_id = ${askerId} and asks.askee_id = ${askeeId}
      and asks.expires_at > ${now.toISOString()} and ${answerUnseen}) as waiting`,
  );
  return row?.waiting === true;
}
