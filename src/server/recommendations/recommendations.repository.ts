import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../platform/db/client.js';
import {
  blocks,
  encounters,
  eventIntents,
  events,
  memberships,
  profiles,
  savedPeople,
  suggestionDismissals,
  users,
} from '../platform/db/schema.js';

/** What suggestions read of one active member of an event. Never contact details. */
export interface EventPerson {
  userId: string;
  role: 'organizer' | 'attendee';
  listed: boolean;
  suggestMe: boolean;
  displayName: string;
  headline: string;
  interests: string[];
  offers: string[];
  seeking: string[];
  questions: string[];
  hereFor: string;
}

type EventPersonTuple = [string, EventPerson['role'], boolean, boolean, string, string, string[], string[], string[], string[], string];

/**
 * Every active member of the event with what suggestions need of them, by user id, and the
 * event's people version, in one statement: the people are exactly that version's. (Undefined
 * for an event that does not exist.) The rows travel as one JSON text: several times faster
 * than thousands of rows of arrays, on PGlite above all.
 *
 * Unsafe: it returns unlisted members too, whoever asks. Safe in the build of suggestions,
 * which never suggests unlisted attendees and counts only listed people in what it shows.
 */
export async function unsafeListEventPeople(
  db: Database,
  eventId: string,
): Promise<{ peopleVersion: number; people: EventPerson[] } | undefined> {
  const [row] = await queryRows<{ people_version: string | number; people: string | null }>(
    db,
    sql`
    select e.people_version, (
      select json_agg(json_build_array(m.user_id, m.role, m.listed, m.suggest_me, p.display_name, p.headline,
          p.interests, p.offers, p.seeking, p.questions, coalesce(i.here_for, '')) order by m.user_id)::text
      from ${memberships} m
      join ${profiles} p on p.user_id = m.user_id
      left join ${eventIntents} i on i.event_id = m.event_id and i.user_id = m.user_id
      where m.event_id = e.id and m.status in ('joined', 'checked_in')
    ) as people
    from ${events} e where e.id = ${eventId}`,
  );
  if (!row) return undefined;
  const tuples = (row.people ? JSON.parse(row.people) : []) as EventPersonTuple[];
  return {
    peopleVersion: Number(row.people_version),
    people: tuples.map(([userId, role, listed, suggestMe, displayName, headline, interests, offers, seeking, questions, hereFor]) => ({
      userId,
      role,
      listed,
      suggestMe,
      displayName,
      headline,
      interests,
      offers,
      seeking,
      questions,
      hereFor,
    })),
  };
}

/** One viewer's side of their suggestions in an event, read per request. */
export interface ViewerState {
  peopleVersion: number;
  settings: Record<string, unknown>;
  role: 'organizer' | 'attendee';
  /** Never suggested to the viewer: dismissed here, blocked either way, or already met anywhere. */
  hidden: string[];
  /** Saved for later in this event. */
  saved: string[];
}

export async function findViewerState(db: Database, eventId: string, userId: string): Promise<ViewerState | undefined> {
  // One array per index lookup: simpler to plan than a union, which counts on every request.
  const [row] = await queryRows<{
    people_version: string | number;
    settings: Record<string, unknown>;
    role: ViewerState['role'];
    dismissed: string[];
    blocking: string[];
    blocked_by: string[];
    met_high: string[];
    met_low: string[];
    saved: string[];
  }>(
    db,
    sql`
    select e.people_version, e.settings, m.role,
      array(select d.dismissed_id::text from ${suggestionDismissals} d where d.event_id = ${eventId} and d.user_id = ${userId}) as dismissed,
      array(select b.blocked_id::text from ${blocks} b where b.blocker_id = ${userId}) as blocking,
      array(select b.blocker_id::text from ${blocks} b where b.blocked_id = ${userId}) as blocked_by,
      array(select x.user_high::text from ${encounters} x where x.user_low = ${userId}) as met_high,
      array(select x.user_low::text from ${encounters} x where x.user_high = ${userId}) as met_low,
      array(select s.saved_id::text from ${savedPeople} s where s.event_id = ${eventId} and s.user_id = ${userId}) as saved
    from ${events} e join ${memberships} m on m.event_id = e.id and m.user_id = ${userId}
    where e.id = ${eventId}`,
  );
  if (!row) return undefined;
  return {
    peopleVersion: Number(row.people_version),
    settings: row.settings,
    role: row.role,
    hidden: [...row.dismissed, ...row.blocking, ...row.blocked_by, ...row.met_high, ...row.met_low],
    saved: row.saved,
  };
}

/** The viewer's role in the event and the event's settings; undefined without a membership. */
export async function findViewerRole(
  db: Database,
  eventId: string,
  userId: string,
): Promise<{ role: 'organizer' | 'attendee'; settings: Record<string, unknown> } | undefined> {
  const [row] = await db
    .select({ role: memberships.role, settings: events.settings })
    .from(memberships)
    .innerJoin(events, eq(events.id, memberships.eventId))
    .where(and(eq(memberships.eventId, eventId), eq(memberships.userId, userId)))
    .limit(1);
  return row;
}

/**
 * The people one person saved in an event, newest first, who are still active members the
 * viewer may see there (listed, organizers, or anyone when the viewer organizes), leaving out
 * anyone the viewer blocked. Never those who blocked the viewer: their entry vanishing would tell.
 */
export async function listSaved(db: Database, eventId: string, userId: string, viewerIsOrganizer: boolean) {
  return db
    .select({
      userId: savedPeople.savedId,
      displayName: sql<string>`coalesce(${profiles.displayName}, ${users.name})`,
      headline: sql<string>`coalesce(${profiles.headline}, '')`,
      savedAt: savedPeople.createdAt,
    })
    .from(savedPeople)
    .innerJoin(
      memberships,
      and(
        eq(memberships.eventId, savedPeople.eventId),
        eq(memberships.userId, savedPeople.savedId),
        inArray(memberships.status, ['joined', 'checked_in']),
      ),
    )
    .innerJoin(users, eq(users.id, savedPeople.savedId))
    .leftJoin(profiles, eq(profiles.userId, savedPeople.savedId))
    .where(
      and(
        eq(savedPeople.eventId, eventId),
        eq(savedPeople.userId, userId),
        viewerIsOrganizer ? undefined : or(eq(memberships.listed, true), eq(memberships.role, 'organizer')),
        sql`not exists (select 1 from ${blocks} b where b.blocker_id = ${userId} and b.blocked_id = ${savedPeople.savedId})`,
      ),
    )
    .orderBy(desc(savedPeople.createdAt), asc(savedPeople.savedId));
}

export async function insertDismissal(db: Database, eventId: string, userId: string, dismissedId: string, now: Date) {
  await db.insert(suggestionDismissals).values({ eventId, userId, dismissedId, createdAt: now }).onConflictDoNothing();
}

export async function deleteDismissal(db: Database, eventId: string, userId: string, dismissedId: string) {
  await db
    .delete(suggestionDismissals)
    .where(
      and(
        eq(suggestionDismissals.eventId, eventId),
        eq(suggestionDismissals.userId, userId),
        eq(suggestionDismissals.dismissedId, dismissedId),
      ),
    );
}

export async function insertSaved(db: Database, eventId: string, userId: string, savedId: string, now: Date) {
  await db.insert(savedPeople).values({ eventId, userId, savedId, createdAt: now }).onConflictDoNothing();
}

export async function deleteSaved(db: Database, eventId: string, userId: string, savedId: string) {
  await db
    .delete(savedPeople)
    .where(and(eq(savedPeople.eventId, eventId), eq(savedPeople.userId, userId), eq(savedPeople.savedId, savedId)));
}

export async function insertBlock(db: Database, blockerId: string, blockedId: string, now: Date) {
  await db.insert(blocks).values({ blockerId, blockedId, createdAt: now }).onConflictDoNothing();
}

export async function deleteBlock(db: Database, blockerId: string, blockedId: string) {
  await db.delete(blocks).where(and(eq(blocks.blockerId, blockerId), eq(blocks.blockedId, blockedId)));
}

/** The people one person blocks, most recent first, with the name they show. */
export async function listBlocks(db: Database, blockerId: string) {
  return db
    .select({
      userId: blocks.blockedId,
      displayName: sql<string>`coalesce(${profiles.displayName}, ${users.name})`,
      blockedAt: blocks.createdAt,
    })
    .from(blocks)
    .innerJoin(users, eq(users.id, blocks.blockedId))
    .leftJoin(profiles, eq(profiles.userId, blocks.blockedId))
    .where(eq(blocks.blockerId, blockerId))
    .orderBy(desc(blocks.createdAt), asc(blocks.blockedId));
}
