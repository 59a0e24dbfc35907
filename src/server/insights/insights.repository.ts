import { and, eq, inArray, sql } from 'drizzle-orm';
import type { EncounterWay } from '../../core/insights/who-met-whom.js';
import { queryRows, type Database } from '../platform/db/client.js';
import { encounters, events, meetingRequests, meetings, memberships, mixers, profiles, users } from '../platform/db/schema.js';

export interface MemberRow {
  id: string;
  name: string;
  role: 'organizer' | 'attendee';
  named: boolean;
  interests: string[];
}

/** The event's active members (joined or checked in), with the name their profile shows and their interests. */
export async function activeMembers(db: Database, eventId: string): Promise<MemberRow[]> {
  return queryRows<MemberRow>(
    db,
    sql`select m.user_id as id, coalesce(nullif(p.display_name, ''), u.name) as name, m.role, m.named_in_insights as named,
        coalesce(p.interests, '{}'::text[]) as interests
      from ${memberships} m
      join ${users} u on u.id = m.user_id
      left join ${profiles} p on p.user_id = m.user_id
      where m.event_id = ${eventId} and m.status in ('joined', 'checked_in')`,
  );
}

export interface EncounterRow {
  a: string;
  b: string;
  way: EncounterWay;
  metAt: Date;
}

/** Every encounter recorded at the event: who, how and when, nothing else. */
export async function encountersAt(db: Database, eventId: string): Promise<EncounterRow[]> {
  return db
    .select({ a: encounters.userLow, b: encounters.userHigh, way: encounters.source, metAt: encounters.metAt })
    .from(encounters)
    .where(eq(encounters.eventId, eventId));
}

/** For pairs who met at the event: when they first met at any other event, if they did. */
export async function firstMetElsewhere(db: Database, eventId: string): Promise<{ a: string; b: string; firstMetAt: Date }[]> {
  const rows = await queryRows<{ a: string; b: string; first_met_at: string | Date }>(
    db,
    sql`select o.user_low as a, o.user_high as b, min(o.met_at) as first_met_at
      from ${encounters} o
      where o.event_id <> ${eventId}
        and exists (select 1 from ${encounters} h where h.event_id = ${eventId} and h.user_low = o.user_low and h.user_high = o.user_high)
      group by o.user_low, o.user_high`,
  );
  return rows.map((row) => ({ a: row.a, b: row.b, firstMetAt: new Date(row.first_met_at) }));
}

/**
 * Requests made, accepted and held, as three numbers. A request said no to counts as made and
 * nothing more, like one still waiting or withdrawn: the figures never tell them apart.
 */
export async function meetingCounts(db: Database, eventId: string): Promise<{ requested: number; accepted: number; held: number }> {
  const [row] = await queryRows<{ requested: number; accepted: number; held: number }>(
    db,
    sql`select
        (select count(*)::int from ${meetingRequests} r where r.event_id = ${eventId}) as requested,
        (select count(*)::int from ${meetingRequests} r where r.event_id = ${eventId} and r.status = 'accepted') as accepted,
        (select count(*)::int from ${meetings} m where m.event_id = ${eventId}
          and (m.held_at is not null or exists (select 1 from ${encounters} e where e.meeting_id = m.id))) as held`,
  );
  return { requested: row?.requested ?? 0, accepted: row?.accepted ?? 0, held: row?.held ?? 0 };
}

/** The event's mixers that have started, oldest first: their plans and how far they got. */
export async function startedMixers(db: Database, eventId: string) {
  return db
    .select({ name: mixers.name, seats: mixers.seats, status: mixers.status, currentRound: mixers.currentRound })
    .from(mixers)
    .where(and(eq(mixers.eventId, eventId), inArray(mixers.status, ['running', 'finished'])))
    .orderBy(mixers.createdAt, mixers.id);
}

export async function eventTitle(db: Database, eventId: string): Promise<{ name: string; slug: string } | undefined> {
  const [row] = await db.select({ name: events.name, slug: events.slug }).from(events).where(eq(events.id, eventId)).limit(1);
  return row;
}

export async function namedInInsights(db: Database, eventId: string, userId: string): Promise<boolean | undefined> {
  const [row] = await db
    .select({ named: memberships.namedInInsights })
    .from(memberships)
    .where(and(eq(memberships.eventId, eventId), eq(memberships.userId, userId)))
    .limit(1);
  return row?.named;
}

export async function setNamedInInsights(db: Database, eventId: string, userId: string, named: boolean, now: Date): Promise<boolean | undefined> {
  const [row] = await db
    .update(memberships)
    .set({ namedInInsights: named, updatedAt: now })
    .where(and(eq(memberships.eventId, eventId), eq(memberships.userId, userId)))
    .returning({ named: memberships.namedInInsights });
  return row?.named;
}
