import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../platform/db/client.js';
import {
  blocks as blocksTable,
  calendarFeeds,
  encounters,
  meetCodes,
  meetingBookings,
  meetingBusySlots,
  meetingRequests,
  meetings,
  meetingSlots,
  meetingTables,
  memberships,
  metConfirmations,
  profiles,
} from '../platform/db/schema.js';

export type SlotRow = typeof meetingSlots.$inferSelect;
export type TableRow = typeof meetingTables.$inferSelect;
export type RequestRow = typeof meetingRequests.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

const byLabel = (a: { label: string }, b: { label: string }) =>
  a.label.localeCompare(b.label, 'en', { numeric: true, sensitivity: 'base' });

// ---------------------------------------------------------------------------------------------
// Slots and tables

export async function listSlots(db: Database, eventId: string): Promise<SlotRow[]> {
  return db.select().from(meetingSlots).where(eq(meetingSlots.eventId, eventId)).orderBy(asc(meetingSlots.startsAt), asc(meetingSlots.id));
}

export async function findSlot(db: Database, eventId: string, slotId: string): Promise<SlotRow | undefined> {
  const [row] = await db
    .select()
    .from(meetingSlots)
    .where(and(eq(meetingSlots.id, slotId), eq(meetingSlots.eventId, eventId)))
    .limit(1);
  return row;
}

/** Slots of the event whose window overlaps [startsAt, endsAt), other than `exceptId`. */
export async function overlappingSlot(db: Database, eventId: string, startsAt: Date, endsAt: Date, exceptId?: string) {
  const [row] = await queryRows<{ starts_at: string | Date; ends_at: string | Date }>(
    db,
    sql`select starts_at, ends_at from ${meetingSlots}
      where event_id = ${eventId} and starts_at < ${endsAt.toISOString()} and ends_at > ${startsAt.toISOString()}
        ${exceptId ? sql`and id <> ${exceptId}` : sql``}
      order by starts_at limit 1`,
  );
  return row ? { startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at) } : undefined;
}

export async function insertSlot(db: Database, values: typeof meetingSlots.$inferInsert): Promise<SlotRow> {
  const [row] = await db.insert(meetingSlots).values(values).returning();
  return row!;
}

export async function updateSlot(db: Database, slotId: string, values: Partial<typeof meetingSlots.$inferInsert>) {
  const [row] = await db.update(meetingSlots).set(values).where(eq(meetingSlots.id, slotId)).returning();
  return row;
}

export async function deleteSlot(db: Database, slotId: string) {
  await db.delete(meetingSlots).where(eq(meetingSlots.id, slotId));
}

export async function listTables(db: Database, eventId: string): Promise<TableRow[]> {
  const rows = await db.select().from(meetingTables).where(eq(meetingTables.eventId, eventId));
  return rows.sort(byLabel);
}

export async function findTable(db: Database, eventId: string, tableId: string): Promise<TableRow | undefined> {
  const [row] = await db
    .select()
    .from(meetingTables)
    .where(and(eq(meetingTables.id, tableId), eq(meetingTables.eventId, eventId)))
    .limit(1);
  return row;
}

export async function insertTables(db: Database, values: (typeof meetingTables.$inferInsert)[]): Promise<TableRow[]> {
  if (values.length === 0) return [];
  return (await db.insert(meetingTables).values(values).returning()).sort(byLabel);
}

export async function updateTable(db: Database, tableId: string, values: Partial<typeof meetingTables.$inferInsert>) {
  const [row] = await db.update(meetingTables).set(values).where(eq(meetingTables.id, tableId)).returning();
  return row;
}

export async function deleteTable(db: Database, tableId: string) {
  await db.delete(meetingTables).where(eq(meetingTables.id, tableId));
}

// ---------------------------------------------------------------------------------------------
// Availability

export async function busySlotIds(db: Database, eventId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ slotId: meetingBusySlots.slotId })
    .from(meetingBusySlots)
    .innerJoin(meetingSlots, eq(meetingSlots.id, meetingBusySlots.slotId))
    .where(and(eq(meetingSlots.eventId, eventId), eq(meetingBusySlots.userId, userId)));
  return rows.map((r) => r.slotId);
}

export async function replaceBusySlots(db: Database, eventId: string, userId: string, slotIds: string[]) {
  await db.execute(sql`delete from ${meetingBusySlots} b using ${meetingSlots} s
    where s.id = b.slot_id and s.event_id = ${eventId} and b.user_id = ${userId}`);
  if (slotIds.length > 0) {
    await db.insert(meetingBusySlots).values(slotIds.map((slotId) => ({ slotId, userId }))).onConflictDoNothing();
  }
}

// ---------------------------------------------------------------------------------------------
// Requests

/** Whether `blocker` blocks `blocked`. */
export async function blocks(db: Database, blocker: string, blocked: string): Promise<boolean> {
  const rows = await db
    .select({ one: blocksTable.blockerId })
    .from(blocksTable)
    .where(and(eq(blocksTable.blockerId, blocker), eq(blocksTable.blockedId, blocked)))
    .limit(1);
  return rows.length > 0;
}

/** Serializes one person's request-making in an event: caps are counted under this lock. */
export async function lockMembership(db: Database, eventId: string, userId: string) {
  await db.execute(sql`select 1 from ${memberships} where event_id = ${eventId} and user_id = ${userId} for update`);
}

export async function insertRequest(db: Database, values: typeof meetingRequests.$inferInsert): Promise<RequestRow> {
  const [row] = await db.insert(meetingRequests).values(values).returning();
  return row!;
}

export async function findRequest(db: Database, eventId: string, requestId: string): Promise<RequestRow | undefined> {
  const [row] = await db
    .select()
    .from(meetingRequests)
    .where(and(eq(meetingRequests.id, requestId), eq(meetingRequests.eventId, eventId)))
    .limit(1);
  return row;
}

/** The open request between two people in the event, whoever asked. */
export async function openRequestBetween(db: Database, eventId: string, a: string, b: string): Promise<RequestRow | undefined> {
  const [row] = await db
    .select()
    .from(meetingRequests)
    .where(
      and(
        eq(meetingRequests.eventId, eventId),
        eq(meetingRequests.status, 'open'),
        sql`least(${meetingRequests.requesterId}, ${meetingRequests.inviteeId}) = least(${a}::uuid, ${b}::uuid)`,
        sql`greatest(${meetingRequests.requesterId}, ${meetingRequests.inviteeId}) = greatest(${a}::uuid, ${b}::uuid)`,
      ),
    )
    .limit(1);
  return row;
}

/** Open requests sent and requests sent since `since`, by one person in the event. */
export async function requestCounts(db: Database, eventId: string, requesterId: string, since: Date) {
  const [row] = await queryRows<{ open: number; recent: number; oldest_recent: string | Date | null }>(
    db,
    sql`select count(*) filter (where status = 'open')::int as open,
        count(*) filter (where created_at > ${since.toISOString()})::int as recent,
        min(created_at) filter (where created_at > ${since.toISOString()}) as oldest_recent
      from ${meetingRequests} where event_id = ${eventId} and requester_id = ${requesterId}`,
  );
  return {
    open: row?.open ?? 0,
    recent: row?.recent ?? 0,
    oldestRecent: row?.oldest_recent ? new Date(row.oldest_recent) : undefined,
  };
}

/** Moves an open request to `status`; undefined when it was not open any more. */
export async function answerRequest(
  db: Database,
  requestId: string,
  status: 'accepted' | 'declined' | 'withdrawn',
  now: Date,
): Promise<RequestRow | undefined> {
  const [row] = await db
    .update(meetingRequests)
    .set({ status, answeredAt: now })
    .where(and(eq(meetingRequests.id, requestId), eq(meetingRequests.status, 'open')))
    .returning();
  return row;
}

/** A person leaving: what they sent is withdrawn, what they received ends unanswered (declined). */
export async function endOpenRequestsOf(db: Database, eventId: string, userId: string, now: Date) {
  await db.execute(sql`update ${meetingRequests}
    set status = case when requester_id = ${userId} then 'withdrawn' else 'declined' end, answered_at = ${now.toISOString()}
    where event_id = ${eventId} and status = 'open' and (requester_id = ${userId} or invitee_id = ${userId})`);
}

export interface PersonBrief {
  id: string;
  name: string;
  headline: string;
}

export async function peopleBriefs(db: Database, userIds: string[]): Promise<Map<string, PersonBrief>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: profiles.userId, name: profiles.displayName, headline: profiles.headline })
    .from(profiles)
    .where(inArray(profiles.userId, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

/** My requests in the event: sent (all) and received (open, not muted). */
export async function requestsOf(db: Database, eventId: string, userId: string) {
  const sent = await db
    .select()
    .from(meetingRequests)
    .where(and(eq(meetingRequests.eventId, eventId), eq(meetingRequests.requesterId, userId)))
    .orderBy(sql`${meetingRequests.createdAt} desc`);
  const received = await db
    .select()
    .from(meetingRequests)
    .where(
      and(
        eq(meetingRequests.eventId, eventId),
        eq(meetingRequests.inviteeId, userId),
        eq(meetingRequests.status, 'open'),
        eq(meetingRequests.muted, false),
        // Asked before I blocked them: no longer shown to me.
        sql`not exists (select 1 from ${blocksTable} b where b.blocker_id = ${userId} and b.blocked_id = ${meetingRequests.requesterId})`,
      ),
    )
    .orderBy(sql`${meetingRequests.createdAt} desc`);
  return { sent, received };
}

export async function meetingIdsOfRequests(db: Database, requestIds: string[]): Promise<Map<string, string>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db
    .select({ id: meetings.id, requestId: meetings.requestId })
    .from(meetings)
    .where(inArray(meetings.requestId, requestIds));
  return new Map(rows.map((r) => [r.requestId, r.id]));
}

export async function requestFigures(db: Database, eventId: string) {
  const [row] = await queryRows<{ sent: number; accepted: number; declined: number; waiting: number; withdrawn: number }>(
    db,
    sql`select count(*)::int as sent,
        count(*) filter (where status = 'accepted')::int as accepted,
        count(*) filter (where status = 'declined')::int as declined,
        count(*) filter (where status = 'open')::int as waiting,
        count(*) filter (where status = 'withdrawn')::int as withdrawn
      from ${meetingRequests} where event_id = ${eventId}`,
  );
  return row ?? { sent: 0, accepted: 0, declined: 0, waiting: 0, withdrawn: 0 };
}

// ---------------------------------------------------------------------------------------------
// Meetings

export async function insertMeeting(db: Database, values: typeof meetings.$inferInsert): Promise<MeetingRow> {
  const [row] = await db.insert(meetings).values(values).returning();
  return row!;
}

export async function findMeeting(db: Database, eventId: string, meetingId: string): Promise<MeetingRow | undefined> {
  const [row] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.eventId, eventId)))
    .limit(1);
  return row;
}

export async function findMeetingByRequest(db: Database, requestId: string): Promise<MeetingRow | undefined> {
  const [row] = await db.select().from(meetings).where(eq(meetings.requestId, requestId)).limit(1);
  return row;
}

export async function activeMeetingBetween(db: Database, eventId: string, a: string, b: string): Promise<MeetingRow | undefined> {
  const [low, high] = a < b ? [a, b] : [b, a];
  const [row] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.eventId, eventId), eq(meetings.userLow, low), eq(meetings.userHigh, high), eq(meetings.status, 'active')))
    .limit(1);
  return row;
}

export async function meetingsOfUser(db: Database, eventId: string, userId: string): Promise<MeetingRow[]> {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.eventId, eventId), sql`(${meetings.userLow} = ${userId} or ${meetings.userHigh} = ${userId})`));
}

export async function meetingsOfEvent(db: Database, eventId: string): Promise<MeetingRow[]> {
  return db.select().from(meetings).where(eq(meetings.eventId, eventId)).orderBy(asc(meetings.createdAt), asc(meetings.id));
}

export async function notesOfRequests(db: Database, requestIds: string[]) {
  if (requestIds.length === 0) return new Map<string, { note: string; requesterId: string; preferredSlotIds: string[] }>();
  const rows = await db
    .select({
      id: meetingRequests.id,
      note: meetingRequests.note,
      requesterId: meetingRequests.requesterId,
      preferredSlotIds: meetingRequests.preferredSlotIds,
    })
    .from(meetingRequests)
    .where(inArray(meetingRequests.id, requestIds));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Busy slots of every member of the event who is in an active meeting: the scheduler's availability. */
export async function busySlotsOfEvent(db: Database, eventId: string) {
  return db
    .select({ slotId: meetingBusySlots.slotId, userId: meetingBusySlots.userId })
    .from(meetingBusySlots)
    .innerJoin(meetingSlots, eq(meetingSlots.id, meetingBusySlots.slotId))
    .where(eq(meetingSlots.eventId, eventId));
}

/**
 * Seats the meeting at (slot, table); the unique indexes refuse a seat already taken. Undefined,
 * with nothing written, when the meeting was placed or cancelled meanwhile.
 */
export async function placeMeeting(db: Database, meeting: MeetingRow, slotId: string, tableId: string, now: Date) {
  const [row] = await db
    .update(meetings)
    .set({ slotId, tableId, sequence: sql`${meetings.sequence} + 1`, updatedAt: now })
    .where(and(eq(meetings.id, meeting.id), eq(meetings.status, 'active'), isNull(meetings.slotId), isNull(meetings.heldAt)))
    .returning();
  if (!row) return undefined;
  await db.insert(meetingBookings).values([
    { slotId, userId: meeting.userLow, meetingId: meeting.id },
    { slotId, userId: meeting.userHigh, meetingId: meeting.id },
  ]);
  await forgetReminders(db, meeting.id);
  return row;
}

/** Takes the meeting off its slot and table (it waits for another, or was cancelled). */
export async function unplaceMeeting(db: Database, meetingId: string, now: Date) {
  await db.delete(meetingBookings).where(eq(meetingBookings.meetingId, meetingId));
  await forgetReminders(db, meetingId);
  const [row] = await db
    .update(meetings)
    .set({ slotId: null, tableId: null, sequence: sql`${meetings.sequence} + 1`, updatedAt: now })
    .where(eq(meetings.id, meetingId))
    .returning();
  return row;
}

/** A meeting at a new time is reminded of again, before its new time. */
export async function forgetReminders(db: Database, meetingId: string) {
  await db.execute(sql`delete from notifications where meeting_id = ${meetingId} and kind = 'meeting_starting'`);
}

/**
 * Before a slot or table is removed: every meeting still pointing at it (cancelled or held ones
 * too, which keep their time for the calendar) lets go of it, so that slot and table stay set
 * together or not at all.
 */
export async function detachMeetings(db: Database, where: { slotId: string } | { tableId: string }, now: Date) {
  const condition = 'slotId' in where ? eq(meetings.slotId, where.slotId) : eq(meetings.tableId, where.tableId);
  await db
    .update(meetings)
    .set({ slotId: null, tableId: null, sequence: sql`${meetings.sequence} + 1`, updatedAt: now })
    .where(condition);
}

/** Locks a slot or table row, so that no placement in it commits while it is being removed. */
export async function lockSlot(db: Database, slotId: string) {
  await db.execute(sql`select 1 from ${meetingSlots} where id = ${slotId} for update`);
}
export async function lockTable(db: Database, tableId: string) {
  await db.execute(sql`select 1 from ${meetingTables} where id = ${tableId} for update`);
}

export async function cancelMeeting(db: Database, meetingId: string, by: string, now: Date) {
  await db.delete(meetingBookings).where(eq(meetingBookings.meetingId, meetingId));
  await forgetReminders(db, meetingId);
  const [row] = await db
    .update(meetings)
    .set({ status: 'cancelled', cancelledBy: by, sequence: sql`${meetings.sequence} + 1`, updatedAt: now })
    .where(and(eq(meetings.id, meetingId), eq(meetings.status, 'active')))
    .returning();
  return row;
}

export async function bumpSequence(db: Database, meetingId: string, now: Date) {
  await db
    .update(meetings)
    .set({ sequence: sql`${meetings.sequence} + 1`, updatedAt: now })
    .where(eq(meetings.id, meetingId));
}

export async function markHeld(db: Database, meetingId: string, now: Date) {
  await db.update(meetings).set({ heldAt: now, updatedAt: now }).where(and(eq(meetings.id, meetingId), isNull(meetings.heldAt)));
}

// ---------------------------------------------------------------------------------------------
// "We met"

export async function findMeetCode(db: Database, eventId: string, userId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ code: meetCodes.code })
    .from(meetCodes)
    .where(and(eq(meetCodes.eventId, eventId), eq(meetCodes.userId, userId)))
    .limit(1);
  return row?.code;
}

export async function insertMeetCode(db: Database, eventId: string, userId: string, code: string) {
  await db.insert(meetCodes).values({ eventId, userId, code }).onConflictDoNothing({ target: [meetCodes.eventId, meetCodes.userId] });
}

/** The active member of the event holding `code`. */
export async function holderOfCode(db: Database, eventId: string, code: string): Promise<string | undefined> {
  const [row] = await queryRows<{ user_id: string }>(
    db,
    sql`select c.user_id from ${meetCodes} c join ${memberships} m on m.event_id = c.event_id and m.user_id = c.user_id
      where c.event_id = ${eventId} and c.code = ${code} and m.status in ('joined', 'checked_in') limit 1`,
  );
  return row?.user_id;
}

/** Serializes "we met" between two people in an event (a transaction-scoped advisory lock). */
export async function lockPair(db: Database, eventId: string, low: string, high: string) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${eventId}:${low}:${high}`}))`);
}

export async function insertConfirmation(db: Database, eventId: string, from: string, to: string, method: 'scan' | 'tap') {
  await db
    .insert(metConfirmations)
    .values({ eventId, fromUserId: from, toUserId: to, method })
    .onConflictDoUpdate({
      target: [metConfirmations.eventId, metConfirmations.fromUserId, metConfirmations.toUserId],
      set: { method: sql`case when ${metConfirmations.method} = 'scan' then 'scan' else excluded.method end` },
    });
}

export async function findConfirmation(db: Database, eventId: string, from: string, to: string) {
  const [row] = await db
    .select()
    .from(metConfirmations)
    .where(and(eq(metConfirmations.eventId, eventId), eq(metConfirmations.fromUserId, from), eq(metConfirmations.toUserId, to)))
    .limit(1);
  return row;
}

export async function deleteConfirmations(db: Database, eventId: string, a: string, b: string) {
  await db.execute(sql`delete from ${metConfirmations} where event_id = ${eventId}
    and ((from_user_id = ${a} and to_user_id = ${b}) or (from_user_id = ${b} and to_user_id = ${a}))`);
}

export async function confirmationsOf(db: Database, eventId: string, userId: string) {
  const rows = await db
    .select()
    .from(metConfirmations)
    .where(and(eq(metConfirmations.eventId, eventId), sql`(${metConfirmations.fromUserId} = ${userId} or ${metConfirmations.toUserId} = ${userId})`))
    .orderBy(sql`${metConfirmations.createdAt} desc`);
  return rows;
}

export type EncounterRow = typeof encounters.$inferSelect;

/** Records the encounter; undefined when this meeting, or this pair outside meetings, has one already. */
export async function insertEncounter(db: Database, values: typeof encounters.$inferInsert): Promise<EncounterRow | undefined> {
  const [row] = await db.insert(encounters).values(values).onConflictDoNothing().returning();
  return row;
}

export async function adHocEncounter(db: Database, eventId: string, low: string, high: string): Promise<EncounterRow | undefined> {
  const [row] = await db
    .select()
    .from(encounters)
    .where(and(eq(encounters.eventId, eventId), eq(encounters.userLow, low), eq(encounters.userHigh, high), isNull(encounters.meetingId)))
    .limit(1);
  return row;
}

export async function encounterOfMeeting(db: Database, meetingId: string): Promise<EncounterRow | undefined> {
  const [row] = await db.select().from(encounters).where(eq(encounters.meetingId, meetingId)).limit(1);
  return row;
}

export async function encountersOf(db: Database, eventId: string, userId: string): Promise<EncounterRow[]> {
  return db
    .select()
    .from(encounters)
    .where(and(eq(encounters.eventId, eventId), sql`(${encounters.userLow} = ${userId} or ${encounters.userHigh} = ${userId})`))
    .orderBy(sql`${encounters.metAt} desc`);
}

export async function heldCount(db: Database, eventId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${meetings} where event_id = ${eventId} and held_at is not null`,
  );
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Calendar feeds

export async function upsertFeed(db: Database, userId: string, tokenHash: string, now: Date) {
  await db
    .insert(calendarFeeds)
    .values({ userId, tokenHash, createdAt: now })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: now } });
}

export async function findFeed(db: Database, userId: string) {
  const [row] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId)).limit(1);
  return row;
}

export async function deleteFeed(db: Database, userId: string) {
  await db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId));
}

export async function unsafeFeedOwner(db: Database, tokenHash: string): Promise<string | undefined> {
  const [row] = await db.select({ userId: calendarFeeds.userId }).from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash)).limit(1);
  return row?.userId;
}

/** A person's meetings with a slot, in events where they are still an active member. */
export async function placedMeetingsOfUser(db: Database, userId: string) {
  return queryRows<{
    id: string;
    event_id: string;
    event_name: string;
    venue: string;
    time_zone: string;
    status: 'active' | 'cancelled';
    sequence: number;
    updated_at: string | Date;
    starts_at: string | Date;
    ends_at: string | Date;
    table_label: string | null;
    location_hint: string | null;
    other_id: string;
    other_name: string;
  }>(
    db,
    sql`select m.id, m.event_id, e.name as event_name, e.venue, e.time_zone, m.status, m.sequence, m.updated_at,
        s.starts_at, s.ends_at, t.label as table_label, t.location_hint, p.user_id as other_id, p.display_name as other_name
      from ${meetings} m
      join ${memberships} mine on mine.event_id = m.event_id and mine.user_id = ${userId} and mine.status in ('joined', 'checked_in')
      join ${meetingSlots} s on s.id = m.slot_id
      join events e on e.id = m.event_id
      left join ${meetingTables} t on t.id = m.table_id
      join ${profiles} p on p.user_id = case when m.user_low = ${userId} then m.user_high else m.user_low end
      where (m.user_low = ${userId} or m.user_high = ${userId})
      order by s.starts_at desc, m.id
      limit 1000`,
  );
}
