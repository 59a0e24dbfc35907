import { and, asc, eq, ilike, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { shownToOrganizers } from '../imports/imports.repository.js';
import type { Database } from '../platform/db/client.js';
import { events, memberships, profiles } from '../platform/db/schema.js';

/** Checked in, as `isCheckedIn` of core/badges says it: by status, or an unclaimed import's time. */
const checkedIn = sql<boolean>`(${memberships.status} = 'checked_in' or (${memberships.status} = 'invited' and ${memberships.checkedInAt} is not null))`;

/** What goes on a badge, and what the door shows: never a contact detail. */
const badgeColumns = {
  userId: memberships.userId,
  ...shownToOrganizers,
  role: memberships.role,
  status: memberships.status,
  checkedInAt: memberships.checkedInAt,
  claimToken: memberships.claimToken,
  claimedAt: memberships.claimedAt,
  importedAt: memberships.importedAt,
};

export interface BadgeRow {
  userId: string;
  displayName: string;
  headline: string;
  interests: string[];
  role: 'organizer' | 'attendee';
  status: 'invited' | 'joined' | 'checked_in' | 'left';
  checkedInAt: Date | null;
  claimToken: string;
  claimedAt: Date | null;
  importedAt: Date | null;
}

export type BadgeFilter = 'everyone' | 'not_checked_in' | 'imported';

export async function findEvent(db: Database, eventId: string) {
  const [row] = await db
    .select({ id: events.id, name: events.name, venue: events.venue, timeZone: events.timeZone, startsAt: events.startsAt, endsAt: events.endsAt })
    .from(events)
    .where(eq(events.id, eventId))
    .limit(1);
  return row;
}

/** The badges of everyone in the event who has not left, by name. */
export async function listBadges(db: Database, eventId: string, filter: BadgeFilter, search?: string): Promise<BadgeRow[]> {
  const conditions: (SQL | undefined)[] = [eq(memberships.eventId, eventId), ne(memberships.status, 'left')];
  if (filter === 'not_checked_in') conditions.push(sql`not ${checkedIn}`);
  if (filter === 'imported') conditions.push(isNotNull(memberships.importedAt));
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(shownToOrganizers.displayName, pattern), ilike(shownToOrganizers.headline, pattern)));
  }
  return db
    .select(badgeColumns)
    .from(memberships)
    .innerJoin(profiles, eq(profiles.userId, memberships.userId))
    .where(and(...conditions))
    .orderBy(asc(memberships.sortName), asc(memberships.userId));
}

/**
 * The memberships of the event whose badge's code starts with `start` (a door code typed by
 * hand), at most two, locked: one is the person; two is a code to type in full.
 */
export async function lockBadgesStartingWith(db: Database, eventId: string, start: string): Promise<BadgeRow[]> {
  return db
    .select(badgeColumns)
    .from(memberships)
    .innerJoin(profiles, eq(profiles.userId, memberships.userId))
    .where(and(eq(memberships.eventId, eventId), sql`left(${memberships.claimToken}, ${start.length}) = ${start}`))
    .limit(2)
    .for('update', { of: memberships });
}

/**
 * The membership of the event whose badge carries `code`, locked until the transaction ends, so
 * that two scanners reading one badge at once check it in once. Another event's code finds nothing.
 */
export async function lockBadgeByCode(db: Database, eventId: string, code: string): Promise<BadgeRow | undefined> {
  const [row] = await db
    .select(badgeColumns)
    .from(memberships)
    .innerJoin(profiles, eq(profiles.userId, memberships.userId))
    .where(and(eq(memberships.eventId, eventId), eq(memberships.claimToken, code)))
    .limit(1)
    .for('update', { of: memberships });
  return row;
}

/** One member's badge, locked as `lockBadgeByCode` does. */
export async function lockBadgeOf(db: Database, eventId: string, userId: string): Promise<BadgeRow | undefined> {
  const [row] = await db
    .select(badgeColumns)
    .from(memberships)
    .innerJoin(profiles, eq(profiles.userId, memberships.userId))
    .where(and(eq(memberships.eventId, eventId), eq(memberships.userId, userId)))
    .limit(1)
    .for('update', { of: memberships });
  return row;
}

export async function setCheckIn(
  db: Database,
  eventId: string,
  userId: string,
  values: { status: 'invited' | 'joined' | 'checked_in'; checkedInAt: Date | null; updatedAt: Date },
): Promise<void> {
  await db
    .update(memberships)
    .set(values)
    .where(and(eq(memberships.eventId, eventId), eq(memberships.userId, userId)));
}

/** How many of the event's people (everyone who has not left) are checked in. */
export async function countCheckIns(db: Database, eventId: string): Promise<{ checkedIn: number; expected: number }> {
  const [row] = await db
    .select({
      checkedIn: sql<number>`(count(*) filter (where ${checkedIn}))::int`,
      expected: sql<number>`count(*)::int`,
    })
    .from(memberships)
    .where(and(eq(memberships.eventId, eventId), ne(memberships.status, 'left')));
  return { checkedIn: Number(row?.checkedIn ?? 0), expected: Number(row?.expected ?? 0) };
}

/** The latest check-ins, newest first. */
export async function recentCheckIns(db: Database, eventId: string, limit: number): Promise<BadgeRow[]> {
  return db
    .select(badgeColumns)
    .from(memberships)
    .innerJoin(profiles, eq(profiles.userId, memberships.userId))
    .where(and(eq(memberships.eventId, eventId), ne(memberships.status, 'left'), checkedIn))
    .orderBy(sql`${memberships.checkedInAt} desc nulls last`, asc(memberships.userId))
    .limit(limit);
}
