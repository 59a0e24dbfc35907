import { and, asc, eq, gt, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { shownToOrganizers } from '../imports/imports.repository.js';
import { queryRows, type Database } from '../platform/db/client.js';
import { eventIntents, events, invites, memberships, profiles, users } from '../platform/db/schema.js';

export type EventRow = typeof events.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type InviteRow = typeof invites.$inferSelect;

const ACTIVE = ['joined', 'checked_in'] as const;

export async function insertEvent(db: Database, values: typeof events.$inferInsert): Promise<EventRow> {
  const [row] = await db.insert(events).values(values).returning();
  return row!;
}

export async function findEvent(db: Database, eventId: string): Promise<EventRow | undefined> {
  const [row] = await db.select().from(events).where(eq(events.id, eventId)).limit(1);
  return row;
}

/** Changes the given columns; `settingsPatch` is merged into the stored settings by the database, so concurrent edits keep each other's keys. */
export async function updateEvent(
  db: Database,
  eventId: string,
  values: Partial<Omit<typeof events.$inferInsert, 'settings'>>,
  settingsPatch?: Record<string, unknown>,
) {
  const [row] = await db
    .update(events)
    .set({ ...values, ...(settingsPatch ? { settings: sql`${events.settings} || ${JSON.stringify(settingsPatch)}::jsonb` } : {}) })
    .where(eq(events.id, eventId))
    .returning();
  return row;
}

/**
 * The event, locked until the transaction ends: who owns it, and who organizes it, change one
 * transaction at a time (two racing transfers leave one owner; a demotion waits for a transfer).
 * Lock a membership of the event before, never after, as its triggers do.
 */
export async function lockEvent(db: Database, eventId: string): Promise<EventRow | undefined> {
  const [row] = await db.select().from(events).where(eq(events.id, eventId)).limit(1).for('update');
  return row;
}

export async function setOwner(db: Database, eventId: string, ownerId: string, now: Date) {
  await db.update(events).set({ ownerId, updatedAt: now }).where(eq(events.id, eventId));
}

/** The membership, locked until the transaction ends (leaving or a change of role waits). */
export async function lockMembership(db: Database, eventId: string, userId: string): Promise<MembershipRow | undefined> {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.eventId, eventId), eq(memberships.userId, userId)))
    .limit(1)
    .for('update');
  return row;
}

/** Whether the person has an account they can sign in to (an imported person has none until they claim it). */
export async function hasClaimedAccount(db: Database, userId: string): Promise<boolean> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  return row !== undefined && row.passwordHash !== '';
}

/** The name the event shows for one of its members (their profile's, else their account's). */
export async function memberName(db: Database, userId: string): Promise<string> {
  const [row] = await db
    .select({ name: sql<string>`coalesce(${profiles.displayName}, ${users.name})` })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  return row?.name ?? 'This person';
}

/**
 * Deletes the event if `ownerId` owns it (the condition is the delete's own, so a transfer of
 * ownership committed meanwhile wins), and with it the accounts its organizers imported that
 * nobody ever claimed and that no other event holds: no one else would ever reach them. False
 * when nothing was deleted. Call it in a transaction.
 */
export async function deleteEventOwnedBy(tx: Database, eventId: string, ownerId: string): Promise<boolean> {
  const imported = await queryRows<{ user_id: string }>(
    tx,
    sql`select m.user_id from ${memberships} m join users u on u.id = m.user_id
        where m.event_id = ${eventId} and u.password_hash = ''`,
  );
  const deleted = await tx
    .delete(events)
    .where(and(eq(events.id, eventId), eq(events.ownerId, ownerId)))
    .returning({ id: events.id });
  if (deleted.length === 0) return false;
  if (imported.length === 0) return true;
  await tx.execute(sql`delete from users u
    where u.id in (select jsonb_array_elements_text(${JSON.stringify(imported.map((row) => row.user_id))}::jsonb)::uuid)
      and u.password_hash = ''
      and not exists (select 1 from ${memberships} m where m.user_id = u.id)`);
  return true;
}

export async function findMembership(db: Database, eventId: string, userId: string): Promise<MembershipRow | undefined> {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.eventId, eventId), eq(memberships.userId, userId)))
    .limit(1);
  return row;
}

/** The first organizer of a new event. */
export async function insertOrganizer(db: Database, eventId: string, userId: string, now: Date) {
  await db.insert(memberships).values({ eventId, userId, role: 'organizer', status: 'joined', joinedAt: now });
}

/**
 * Makes the person an active attendee unless they already are one; true when this call made
 * them one. The membership's primary key settles concurrent joins: exactly one caller gets true.
 */
export async function joinAsAttendee(db: Database, eventId: string, userId: string, now: Date): Promise<boolean> {
  const rows = await db
    .insert(memberships)
    .values({ eventId, userId, role: 'attendee', status: 'joined', joinedAt: now })
    .onConflictDoUpdate({
      target: [memberships.eventId, memberships.userId],
      set: {
        status: 'joined',
        joinedAt: sql`coalesce(${memberships.joinedAt}, ${now.toISOString()}::timestamptz)`,
        updatedAt: now,
      },
      setWhere: sql`${memberships.status} not in ('joined', 'checked_in')`,
    })
    .returning({ userId: memberships.userId });
  return rows.length > 0;
}

export async function updateMembership(
  db: Database,
  eventId: string,
  userId: string,
  values: Partial<Pick<MembershipRow, 'role' | 'status' | 'listed' | 'suggestMe' | 'checkedInAt' | 'updatedAt'>>,
) {
  const [row] = await db
    .update(memberships)
    .set(values)
    .where(and(eq(memberships.eventId, eventId), eq(memberships.userId, userId)))
    .returning();
  return row;
}

export async function countActiveOrganizers(db: Database, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.eventId, eventId), eq(memberships.role, 'organizer'), inArray(memberships.status, ACTIVE)));
  return row?.n ?? 0;
}

export async function countActiveAttendees(db: Database, eventIds: string[]): Promise<Map<string, number>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .select({ eventId: memberships.eventId, n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(inArray(memberships.eventId, eventIds), inArray(memberships.status, ACTIVE)))
    .groupBy(memberships.eventId);
  return new Map(rows.map((r) => [r.eventId, r.n]));
}

/** The events a user is an active member of, soonest first. */
export async function listEventsOfUser(db: Database, userId: string) {
  return db
    .select({ event: events, role: memberships.role, status: memberships.status })
    .from(memberships)
    .innerJoin(events, eq(events.id, memberships.eventId))
    .where(and(eq(memberships.userId, userId), inArray(memberships.status, ACTIVE)))
    .orderBy(asc(events.startsAt), asc(events.id));
}

export interface DirectoryFilter {
  eventId: string;
  includeUnlisted: boolean;
  search?: string | undefined;
  interest?: string | undefined;
  /** Keyset: the last (sort key, user id) of the previous page. */
  after?: { sortKey: string; userId: string } | undefined;
  limit: number;
}

const sortKey = memberships.sortName;

function directoryConditions(filter: DirectoryFilter): SQL {
  const conditions: (SQL | undefined)[] = [
    eq(memberships.eventId, filter.eventId),
    inArray(memberships.status, ACTIVE),
  ];
  if (!filter.includeUnlisted) conditions.push(or(eq(memberships.listed, true), eq(memberships.role, 'organizer')));
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        sql`${profiles.displayName} ilike ${pattern}`,
        sql`${profiles.headline} ilike ${pattern}`,
        sql`exists (select 1 from unnest(${profiles.interests}) as i where i ilike ${pattern})`,
      ),
    );
  }
  if (filter.interest) {
    conditions.push(sql`exists (select 1 from unnest(${profiles.interests}) as i where lower(i) = lower(${filter.interest}))`);
  }
  return and(...conditions)!;
}

export async function listDirectory(db: Database, filter: DirectoryFilter) {
  const where = directoryConditions(filter);
  const page = filter.after
    ? and(where, sql`(${sortKey}, ${memberships.userId}) > (${filter.after.sortKey}, ${filter.after.userId}::uuid)`)
    : where;
  const rows = await db
    .select({
      userId: memberships.userId,
      displayName: profiles.displayName,
      headline: profiles.headline,
      interests: profiles.interests,
      hereFor: sql<string>`coalesce(${eventIntents.hereFor}, '')`,
      role: memberships.role,
      listed: memberships.listed,
      sortKey,
    })
    .from(memberships)
    .innerJoin(profiles, eq(profiles.userId, memberships.userId))
    .leftJoin(eventIntents, and(eq(eventIntents.eventId, memberships.eventId), eq(eventIntents.userId, memberships.userId)))
    .where(page)
    .orderBy(asc(sortKey), asc(memberships.userId))
    .limit(filter.limit + 1);
  // Without a search the count needs no profile: an index range over the event's memberships.
  const counting = db.select({ n: sql<number>`count(*)::int` }).from(memberships);
  const [count] = await (filter.search || filter.interest
    ? counting.innerJoin(profiles, eq(profiles.userId, memberships.userId)).where(where)
    : counting.where(where));
  return { rows, total: count?.n ?? 0 };
}

/** Every member who has not left, for organizers, with their status; or just `userId`. */
export async function listMembers(db: Database, eventId: string, userId?: string) {
  return db
    .select({
      userId: memberships.userId,
      displayName: shownToOrganizers.displayName,
      role: memberships.role,
      status: memberships.status,
      listed: memberships.listed,
      joinedAt: memberships.joinedAt,
      checkedInAt: memberships.checkedInAt,
    })
    .from(memberships)
    .innerJoin(profiles, eq(profiles.userId, memberships.userId))
    .where(
      and(
        eq(memberships.eventId, eventId),
        ne(memberships.status, 'left'),
        userId === undefined ? undefined : eq(memberships.userId, userId),
      ),
    )
    .orderBy(asc(memberships.sortName), asc(memberships.userId));
}

/** Interests of the event's active, listed members, most used first. */
export async function interestsInEvent(db: Database, eventId: string, limit: number) {
  const rows = await queryRows<{ interest: string; people: number }>(
    db,
    sql`
    select min(i) as interest, count(distinct m.user_id)::int as people
    from ${memberships} m
    join ${profiles} p on p.user_id = m.user_id
    cross join lateral unnest(p.interests) as i
    where m.event_id = ${eventId} and m.status in ('joined', 'checked_in') and (m.listed or m.role = 'organizer')
    group by lower(i)
    order by people desc, lower(i)
    limit ${limit}`,
  );
  return rows.map((r) => ({ interest: r.interest, people: Number(r.people) }));
}

export async function upsertHereFor(db: Database, eventId: string, userId: string, hereFor: string, now: Date) {
  await db
    .insert(eventIntents)
    .values({ eventId, userId, hereFor, updatedAt: now })
    .onConflictDoUpdate({ target: [eventIntents.eventId, eventIntents.userId], set: { hereFor, updatedAt: now } });
}

export async function findHereFor(db: Database, eventId: string, userId: string): Promise<string> {
  const [row] = await db
    .select({ hereFor: eventIntents.hereFor })
    .from(eventIntents)
    .where(and(eq(eventIntents.eventId, eventId), eq(eventIntents.userId, userId)))
    .limit(1);
  return row?.hereFor ?? '';
}

export async function insertInvite(db: Database, values: typeof invites.$inferInsert): Promise<InviteRow> {
  const [row] = await db.insert(invites).values(values).returning();
  return row!;
}

export async function listInvites(db: Database, eventId: string, now: Date) {
  return db
    .select()
    .from(invites)
    .where(and(eq(invites.eventId, eventId), isNull(invites.revokedAt), gt(invites.expiresAt, now)))
    .orderBy(asc(invites.createdAt));
}

export async function revokeInvite(db: Database, eventId: string, inviteId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(invites)
    .set({ revokedAt: now })
    .where(and(eq(invites.id, inviteId), eq(invites.eventId, eventId), isNull(invites.revokedAt)))
    .returning({ id: invites.id });
  return rows.length > 0;
}

function usableInvite(token: string, now: Date): SQL {
  return and(
    eq(invites.token, token),
    isNull(invites.revokedAt),
    gt(invites.expiresAt, now),
    or(isNull(invites.maxUses), sql`${invites.uses} < ${invites.maxUses}`),
  )!;
}

/** The invite behind a token, if it can still be used. */
export async function findUsableInvite(db: Database, token: string, now: Date): Promise<InviteRow | undefined> {
  const [row] = await db.select().from(invites).where(usableInvite(token, now)).limit(1);
  return row;
}

/**
 * The same, locking the invite until the transaction ends: people joining through one link take
 * its row first and one at a time, before the membership's triggers lock the event. Without it,
 * five people racing for a single-use link on PostgreSQL deadlocked (40P01) in two rounds of three.
 */
export async function lockUsableInvite(db: Database, token: string, now: Date): Promise<InviteRow | undefined> {
  const [row] = await db.select().from(invites).where(usableInvite(token, now)).limit(1).for('update');
  return row;
}

/** Counts one use, atomically; undefined when the invite is no longer usable. */
export async function useInvite(db: Database, token: string, now: Date): Promise<InviteRow | undefined> {
  const [row] = await db
    .update(invites)
    .set({ uses: sql`${invites.uses} + 1` })
    .where(usableInvite(token, now))
    .returning();
  return row;
}

/**
 * Before an owner's account goes: each event they own passes to its longest-standing other
 * organizer, and an event with no other organizer is deleted with everything in it.
 */
export async function handOverOwnedEvents(db: Database, ownerId: string): Promise<void> {
  await db.execute(sql`
    update ${events} e set owner_id = heir.user_id
    from (
      select distinct on (m.event_id) m.event_id, m.user_id
      from ${memberships} m join ${events} owned on owned.id = m.event_id
      where owned.owner_id = ${ownerId} and m.user_id <> ${ownerId}
        and m.role = 'organizer' and m.status in ('joined', 'checked_in')
      order by m.event_id, m.joined_at nulls last, m.created_at
    ) heir
    where e.id = heir.event_id`);
  await db.delete(events).where(eq(events.ownerId, ownerId));
}
