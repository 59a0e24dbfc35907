import { randomInt } from 'node:crypto';
import { meetingsCalendar, type CalendarMeeting } from '../../core/calendar/ics.js';
import { scheduleMeetings, type MeetingToPlace, type Placement, type SchedulingProblem } from '../../core/scheduling/index.js';
import { settingsOf } from '../events/events.service.js';
import * as events from '../events/events.repository.js';
import { notify } from '../notifications/notifications.service.js';
import { requireAccess } from '../platform/access.js';
import { hashToken, newToken } from '../platform/auth/secrets.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import type { Database } from '../platform/db/client.js';
import { AppError, badRequest, conflict, isUniqueViolation, notFound } from '../platform/errors.js';
import { consumeRate, humanWait } from '../platform/rate-limit.js';
import * as repo from './meetings.repository.js';

// ---------------------------------------------------------------------------------------------
// Views

export interface SlotView {
  id: string;
  startsAt: Date;
  endsAt: Date;
  label: string;
}
export interface TableView {
  id: string;
  label: string;
  locationHint: string;
}
type PersonBrief = repo.PersonBrief;

/** What the requester sees of a request they sent: a decline, or no answer by the end, is "not this time". */
export type SentState = 'waiting' | 'accepted' | 'not_this_time' | 'withdrawn';

export interface SentRequestView {
  id: string;
  person: PersonBrief;
  note: string;
  preferredSlotIds: string[];
  createdAt: Date;
  state: SentState;
  meetingId: string | null;
}
export interface ReceivedRequestView {
  id: string;
  person: PersonBrief;
  note: string;
  preferredSlotIds: string[];
  createdAt: Date;
}
export interface RequestCaps {
  open: number;
  maxOpen: number;
  sentLast24h: number;
  dailyLimit: number;
}

export type MeetingState = 'waiting' | 'scheduled' | 'held' | 'cancelled';

export interface MeetingView {
  id: string;
  person: PersonBrief;
  note: string;
  requestedByMe: boolean;
  state: MeetingState;
  slot: SlotView | null;
  table: TableView | null;
  /** I said "we met" and wait for them to say it too. */
  confirmedByMe: boolean;
  /** They said "we met" and wait for me. */
  confirmedByThem: boolean;
  cancelledByMe: boolean;
}

const slotView = (row: repo.SlotRow): SlotView => ({ id: row.id, startsAt: row.startsAt, endsAt: row.endsAt, label: row.label });
const tableView = (row: repo.TableRow): TableView => ({ id: row.id, label: row.label, locationHint: row.locationHint });
const unknownPerson = (id: string): PersonBrief => ({ id, name: 'Someone', headline: '' });

// ---------------------------------------------------------------------------------------------
// Rules and words

const NOTE_MAX = 280;
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 6;
const REQUEST_ATTEMPTS = { limit: 60, windowSeconds: 3600, message: 'That is a lot of meeting requests in one hour. Please try again in {wait}.' };
const MET_ATTEMPTS = { limit: 40, windowSeconds: 600, message: 'Too many “we met” attempts in a short time. Please try again in {wait}.' };
const ORGANIZER_CHANGES = { limit: 600, windowSeconds: 3600, message: 'Too many changes to the schedule in one hour. Please try again in {wait}.' };
const FEED_CHANGES = { limit: 20, windowSeconds: 3600, message: 'Too many new calendar links in one hour. Please try again in {wait}.' };
/**
 * How long the scheduler may search. Placing a new meeting happens while someone waits for
 * their answer and moves no one, so it gets a short budget; an organizer's re-plan gets more.
 */
const ONLINE_BUDGET = { clock: () => performance.now(), timeLimitMs: 100, maxIterations: 20_000 };
const REPLAN_BUDGET = { clock: () => performance.now(), timeLimitMs: 500 };
/** A placement lost to a concurrent one is retried this many times before the meeting waits. */
const PLACEMENT_ATTEMPTS = 8;

function clock(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(date);
}

function dayAndClock(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(date);
}

const meetingsLink = (eventId: string) => `/e/${eventId}/meetings`;

async function eventOrNotFound(db: Database, eventId: string) {
  const event = await events.findEvent(db, eventId);
  if (!event) throw notFound();
  return event;
}

function eventIsOver(event: { endsAt: Date }, now: Date) {
  return event.endsAt.getTime() <= now.getTime();
}

// ---------------------------------------------------------------------------------------------
// Slots and tables (organizers)

export interface SlotInput {
  startsAt: string;
  endsAt: string;
  label?: string | undefined;
}

export async function listSlots(ctx: ServiceContext, actor: Actor, eventId: string): Promise<SlotView[]> {
  await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  return (await repo.listSlots(ctx.db, eventId)).map(slotView);
}

function slotTimes(input: { startsAt: string; endsAt: string }) {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw badRequest('A slot must end after it starts.', [{ pointer: '/body/endsAt', detail: 'A slot must end after it starts.' }]);
  }
  return { startsAt, endsAt };
}

function insideEvent(event: { startsAt: Date; endsAt: Date; timeZone: string }, startsAt: Date, endsAt: Date) {
  if (startsAt.getTime() < event.startsAt.getTime() || endsAt.getTime() > event.endsAt.getTime()) {
    const detail = `A slot must lie within the event, ${dayAndClock(event.startsAt, event.timeZone)} to ${dayAndClock(event.endsAt, event.timeZone)}.`;
    throw badRequest(detail, [{ pointer: '/body/startsAt', detail }]);
  }
}

async function refuseOverlap(db: Database, eventId: string, timeZone: string, startsAt: Date, endsAt: Date, exceptId?: string) {
  const other = await repo.overlappingSlot(db, eventId, startsAt, endsAt, exceptId);
  if (other) {
    throw conflict(
      `This slot overlaps the one from ${dayAndClock(other.startsAt, timeZone)} to ${clock(other.endsAt, timeZone)}: nobody can be at two meetings at once.`,
      '/body/startsAt',
    );
  }
}

export async function createSlot(ctx: ServiceContext, actor: Actor, eventId: string, input: SlotInput): Promise<SlotView> {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  await consumeRate(ctx, `schedule:${me.userId}`, ORGANIZER_CHANGES);
  const event = await eventOrNotFound(ctx.db, eventId);
  const { startsAt, endsAt } = slotTimes(input);
  insideEvent(event, startsAt, endsAt);
  return ctx.db.transaction(async (tx) => {
    await refuseOverlap(tx, eventId, event.timeZone, startsAt, endsAt);
    const row = await repo.insertSlot(tx, { eventId, startsAt, endsAt, label: input.label?.trim() ?? '', createdAt: ctx.now() });
    await placeWaiting(ctx, tx, eventId);
    return slotView(row);
  });
}

export async function updateSlot(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  slotId: string,
  input: Partial<SlotInput>,
): Promise<SlotView> {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  await consumeRate(ctx, `schedule:${me.userId}`, ORGANIZER_CHANGES);
  const event = await eventOrNotFound(ctx.db, eventId);
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findSlot(tx, eventId, slotId);
    if (!current) throw notFound();
    const { startsAt, endsAt } = slotTimes({
      startsAt: input.startsAt ?? current.startsAt.toISOString(),
      endsAt: input.endsAt ?? current.endsAt.toISOString(),
    });
    insideEvent(event, startsAt, endsAt);
    await refuseOverlap(tx, eventId, event.timeZone, startsAt, endsAt, slotId);
    const row = await repo.updateSlot(tx, slotId, {
      startsAt,
      endsAt,
      ...(input.label !== undefined ? { label: input.label.trim() } : {}),
    });
    const moved = startsAt.getTime() !== current.startsAt.getTime() || endsAt.getTime() !== current.endsAt.getTime();
    if (moved) {
      for (const meeting of (await repo.meetingsOfEvent(tx, eventId)).filter((m) => m.slotId === slotId && m.status === 'active')) {
        await repo.bumpSequence(tx, meeting.id, ctx.now());
        await repo.forgetReminders(tx, meeting.id);
        for (const [userId, otherId] of sides(meeting)) {
          const other = (await repo.peopleBriefs(tx, [otherId])).get(otherId);
          await notify(
            tx,
            {
              userId,
              eventId,
              kind: 'meeting_moved',
              text: `Your meeting with ${other?.name ?? 'your match'} is now at ${dayAndClock(startsAt, event.timeZone)}`,
              link: meetingsLink(eventId),
              meetingId: meeting.id,
            },
            ctx.now(),
          );
        }
      }
    }
    return slotView(row!);
  });
}

export async function deleteSlot(ctx: ServiceContext, actor: Actor, eventId: string, slotId: string): Promise<void> {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  await consumeRate(ctx, `schedule:${me.userId}`, ORGANIZER_CHANGES);
  await ctx.db.transaction(async (tx) => {
    const slot = await repo.findSlot(tx, eventId, slotId);
    if (!slot) throw notFound();
    await repo.lockSlot(tx, slotId);
    const seated = (await repo.meetingsOfEvent(tx, eventId)).filter((m) => m.slotId === slotId && m.status === 'active' && !m.heldAt);
    for (const meeting of seated) await repo.unplaceMeeting(tx, meeting.id, ctx.now());
    await repo.detachMeetings(tx, { slotId }, ctx.now());
    await repo.deleteSlot(tx, slotId);
    await placeWaiting(ctx, tx, eventId, new Set(seated.map((m) => m.id)));
  });
}

export interface TablesInput {
  label?: string | undefined;
  count?: number | undefined;
  locationHint?: string | undefined;
}

export async function listTables(ctx: ServiceContext, actor: Actor, eventId: string): Promise<TableView[]> {
  await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  return (await repo.listTables(ctx.db, eventId)).map(tableView);
}

/** One table by label, or `count` tables numbered after the highest "Table N" there is. */
export async function createTables(ctx: ServiceContext, actor: Actor, eventId: string, input: TablesInput): Promise<TableView[]> {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  await consumeRate(ctx, `schedule:${me.userId}`, ORGANIZER_CHANGES);
  const hint = input.locationHint?.trim() ?? '';
  try {
    return await ctx.db.transaction(async (tx) => {
      let labels: string[];
      if (input.label !== undefined) {
        labels = [input.label.trim()];
      } else {
        const existing = await repo.listTables(tx, eventId);
        const highest = Math.max(0, ...existing.map((t) => Number(/^table (\d+)$/i.exec(t.label)?.[1] ?? 0)));
        labels = Array.from({ length: input.count ?? 1 }, (_, i) => `Table ${highest + i + 1}`);
      }
      const rows = await repo.insertTables(
        tx,
        labels.map((label) => ({ eventId, label, locationHint: hint, createdAt: ctx.now() })),
      );
      await placeWaiting(ctx, tx, eventId);
      return rows.map(tableView);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'meeting_tables_label_key')) {
      throw input.label !== undefined
        ? conflict(`There is already a table called “${input.label.trim()}”. Please choose another name.`, '/body/label')
        : conflict('Tables were being added at the same moment: please try again.');
    }
    throw error;
  }
}

export async function updateTable(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  tableId: string,
  input: { label?: string | undefined; locationHint?: string | undefined },
): Promise<TableView> {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  await consumeRate(ctx, `schedule:${me.userId}`, ORGANIZER_CHANGES);
  const current = await repo.findTable(ctx.db, eventId, tableId);
  if (!current) throw notFound();
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const updated = await repo.updateTable(tx, tableId, {
        ...(input.label !== undefined ? { label: input.label.trim() } : {}),
        ...(input.locationHint !== undefined ? { locationHint: input.locationHint.trim() } : {}),
      });
      // Calendar entries name the table: a new SEQUENCE makes calendar apps take the new name.
      for (const meeting of (await repo.meetingsOfEvent(tx, eventId)).filter((m) => m.tableId === tableId)) {
        await repo.bumpSequence(tx, meeting.id, ctx.now());
      }
      return updated;
    });
    return tableView(row!);
  } catch (error) {
    if (isUniqueViolation(error, 'meeting_tables_label_key')) {
      throw conflict(`There is already a table called “${input.label?.trim()}”. Please choose another name.`, '/body/label');
    }
    throw error;
  }
}

export async function deleteTable(ctx: ServiceContext, actor: Actor, eventId: string, tableId: string): Promise<void> {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  await consumeRate(ctx, `schedule:${me.userId}`, ORGANIZER_CHANGES);
  await ctx.db.transaction(async (tx) => {
    const table = await repo.findTable(tx, eventId, tableId);
    if (!table) throw notFound();
    await repo.lockTable(tx, tableId);
    const seated = (await repo.meetingsOfEvent(tx, eventId)).filter((m) => m.tableId === tableId && m.status === 'active' && !m.heldAt);
    for (const meeting of seated) await repo.unplaceMeeting(tx, meeting.id, ctx.now());
    await repo.detachMeetings(tx, { tableId }, ctx.now());
    await repo.deleteTable(tx, tableId);
    await placeWaiting(ctx, tx, eventId, new Set(seated.map((m) => m.id)));
  });
}

// ---------------------------------------------------------------------------------------------
// Availability

export async function getAvailability(ctx: ServiceContext, actor: Actor, eventId: string) {
  const me = await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  const [slots, busy] = await Promise.all([repo.listSlots(ctx.db, eventId), repo.busySlotIds(ctx.db, eventId, me.userId)]);
  const busySet = new Set(busy);
  return { slots: slots.map((slot) => ({ ...slotView(slot), available: !busySet.has(slot.id) })) };
}

/**
 * Sets the slots I am free in. A meeting already placed in a slot I am no longer free in waits
 * for another slot (the other person is told); meetings waiting for a slot get another chance.
 */
export async function setAvailability(ctx: ServiceContext, actor: Actor, eventId: string, availableSlotIds: string[]) {
  const me = await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  await consumeRate(ctx, `availability:${me.userId}`, { ...MET_ATTEMPTS, message: 'Too many changes in a short time. Please try again in {wait}.' });
  await ctx.db.transaction(async (tx) => {
    const slots = await repo.listSlots(tx, eventId);
    const known = new Set(slots.map((s) => s.id));
    const unknown = availableSlotIds.findIndex((id) => !known.has(id));
    if (unknown >= 0) {
      throw badRequest('Some slots are not slots of this event.', [
        { pointer: `/body/availableSlotIds/${unknown}`, detail: 'This is not a slot of this event.' },
      ]);
    }
    const free = new Set(availableSlotIds);
    const busy = slots.filter((s) => !free.has(s.id) && s.startsAt.getTime() > ctx.now().getTime()).map((s) => s.id);
    // Slots already under way keep what they had: availability is about what is still to come.
    const pastBusy = (await repo.busySlotIds(tx, eventId, me.userId)).filter((id) => {
      const slot = slots.find((s) => s.id === id);
      return slot !== undefined && slot.startsAt.getTime() <= ctx.now().getTime();
    });
    await repo.replaceBusySlots(tx, eventId, me.userId, [...busy, ...pastBusy]);
    const busySet = new Set(busy);
    const displaced = (await repo.meetingsOfUser(tx, eventId, me.userId)).filter(
      (m) => m.status === 'active' && !m.heldAt && m.slotId !== null && busySet.has(m.slotId),
    );
    for (const meeting of displaced) await repo.unplaceMeeting(tx, meeting.id, ctx.now());
    const placed = await placeWaiting(ctx, tx, eventId);
    for (const meeting of displaced) {
      if (placed.has(meeting.id)) continue;
      const [, otherId] = sides(meeting).find(([userId]) => userId === me.userId)!;
      const name = (await repo.peopleBriefs(tx, [me.userId])).get(me.userId)?.name ?? 'Your match';
      await notify(
        tx,
        {
          userId: otherId,
          eventId,
          kind: 'meeting_unplaced',
          text: `${name} can no longer make your meeting's time. We will find another slot for you both.`,
          link: meetingsLink(eventId),
          meetingId: meeting.id,
        },
        ctx.now(),
      );
    }
  });
  return getAvailability(ctx, actor, eventId);
}

// ---------------------------------------------------------------------------------------------
// Scheduling

function sides(meeting: repo.MeetingRow): [string, string][] {
  return [
    [meeting.userLow, meeting.userHigh],
    [meeting.userHigh, meeting.userLow],
  ];
}

interface SchedulingState {
  slots: repo.SlotRow[];
  tables: repo.TableRow[];
  problem: SchedulingProblem;
  /** Index of each meeting of `movable` in problem.meetings. */
  indexOf: Map<string, number>;
}

/**
 * The event as the pure scheduler sees it: every placed, active meeting stays where it is; the
 * meetings of `movable` (waiting ones) are to be placed. Slots already started take no one new.
 */
async function schedulingState(db: Database, eventId: string, now: Date, movable: repo.MeetingRow[]): Promise<SchedulingState> {
  // One after the other: inside a transaction they share one connection.
  const slots = await repo.listSlots(db, eventId);
  const tables = await repo.listTables(db, eventId);
  const all = await repo.meetingsOfEvent(db, eventId);
  const busy = await repo.busySlotsOfEvent(db, eventId);
  const slotIndex = new Map(slots.map((s, i) => [s.id, i]));
  const tableIndex = new Map(tables.map((t, i) => [t.id, i]));
  const people = new Map<string, number>();
  const person = (id: string) => {
    let index = people.get(id);
    if (index === undefined) people.set(id, (index = people.size));
    return index;
  };
  const meetingsToPlace: MeetingToPlace[] = [];
  const movableIds = new Set(movable.map((m) => m.id));
  for (const m of all) {
    if (m.status !== 'active' || m.slotId === null || m.tableId === null || movableIds.has(m.id)) continue;
    const slot = slotIndex.get(m.slotId);
    const table = tableIndex.get(m.tableId);
    if (slot === undefined || table === undefined) continue;
    meetingsToPlace.push({ a: person(m.userLow), b: person(m.userHigh), current: { slot, table } });
  }
  const notes = await repo.notesOfRequests(
    db,
    movable.map((m) => m.requestId),
  );
  const indexOf = new Map<string, number>();
  for (const m of movable) {
    indexOf.set(m.id, meetingsToPlace.length);
    const preferred = (notes.get(m.requestId)?.preferredSlotIds ?? []).flatMap((id) => {
      const index = slotIndex.get(id);
      return index === undefined ? [] : [index];
    });
    meetingsToPlace.push({ a: person(m.userLow), b: person(m.userHigh), preferredSlots: preferred });
  }
  const busyOf = new Map<number, Set<number>>();
  for (const row of busy) {
    const p = people.get(row.userId);
    const s = slotIndex.get(row.slotId);
    if (p === undefined || s === undefined) continue;
    let set = busyOf.get(p);
    if (!set) busyOf.set(p, (set = new Set()));
    set.add(s);
  }
  const availability: (number[] | undefined)[] = Array.from({ length: people.size }, (_, p) => {
    const set = busyOf.get(p);
    return set ? slots.map((_, s) => s).filter((s) => !set.has(s)) : undefined;
  });
  const closedSlots = slots.flatMap((s, i) => (s.startsAt.getTime() <= now.getTime() ? [i] : []));
  return {
    slots,
    tables,
    indexOf,
    problem: { people: people.size, slots: slots.length, tables: tables.length, availability, closedSlots, meetings: meetingsToPlace },
  };
}

/**
 * Tries to seat waiting meetings without moving any that are placed. A seat another transaction
 * took meanwhile makes the unique indexes refuse ours; then the state is read again and the
 * scheduler asked again, a few times, before the meeting is left waiting.
 * Returns the ids of the meetings it placed.
 */
async function placeWaitingMeetings(
  ctx: ServiceContext,
  db: Database,
  eventId: string,
  waiting: repo.MeetingRow[],
  /** Someone who placed it by their own action and sees the result at once: not told again. */
  quietFor?: string,
): Promise<Set<string>> {
  const placed = new Set<string>();
  let remaining = waiting.filter((m) => m.status === 'active' && m.slotId === null && !m.heldAt);
  if (remaining.length === 0) return placed;
  const { timeZone } = await eventOrNotFound(db, eventId);
  for (let attempt = 0; attempt < PLACEMENT_ATTEMPTS && remaining.length > 0; attempt++) {
    const state = await schedulingState(db, eventId, ctx.now(), remaining);
    if (state.problem.slots === 0 || state.problem.tables === 0) break;
    const result = scheduleMeetings(state.problem, { mode: 'stable', seed: 1, ...ONLINE_BUDGET });
    let lost = false;
    for (const meeting of remaining) {
      const placement = result.placements[state.indexOf.get(meeting.id)!];
      if (!placement) continue;
      const slot = state.slots[placement.slot]!;
      const table = state.tables[spreadTable(result.placements, placement, meeting.id, state.tables.length)]!;
      try {
        const row = await db.transaction(async (savepoint) => repo.placeMeeting(savepoint, meeting, slot.id, table.id, ctx.now()));
        if (row) {
          placed.add(meeting.id);
          await announcePlacement(ctx, db, eventId, timeZone, row, slot, table, quietFor);
        }
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        lost = true;
      }
    }
    remaining = remaining.filter((m) => !placed.has(m.id));
    if (!lost) break;
  }
  return placed;
}

/**
 * Tables are alike within a slot, so any free one will do. Concurrent acceptances would all
 * reach for the same first free table and lose to each other in turn; each takes a free table
 * of its own choosing (by its id) instead, so that they rarely collide.
 */
function spreadTable(placements: readonly (Placement | null)[], chosen: Placement, meetingId: string, tables: number): number {
  const taken = new Set(placements.flatMap((p) => (p && p !== chosen && p.slot === chosen.slot ? [p.table] : [])));
  const free = Array.from({ length: tables }, (_, t) => t).filter((t) => t === chosen.table || !taken.has(t));
  let hash = 0;
  for (const char of meetingId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return free[hash % free.length]!;
}

/** Every waiting meeting of the event gets a chance; `told` are the ones whose people should hear if it stays waiting. */
async function placeWaiting(ctx: ServiceContext, db: Database, eventId: string, told = new Set<string>()): Promise<Set<string>> {
  const waiting = (await repo.meetingsOfEvent(db, eventId)).filter((m) => m.status === 'active' && m.slotId === null && !m.heldAt);
  const placed = await placeWaitingMeetings(ctx, db, eventId, waiting);
  for (const meeting of waiting) {
    if (!told.has(meeting.id) || placed.has(meeting.id)) continue;
    for (const [userId, otherId] of sides(meeting)) {
      const other = (await repo.peopleBriefs(db, [otherId])).get(otherId);
      await notify(
        db,
        {
          userId,
          eventId,
          kind: 'meeting_unplaced',
          text: `Your meeting with ${other?.name ?? 'your match'} lost its slot or table. We will find another as soon as one frees up.`,
          link: meetingsLink(eventId),
          meetingId: meeting.id,
        },
        ctx.now(),
      );
    }
  }
  return placed;
}

async function announcePlacement(
  ctx: ServiceContext,
  db: Database,
  eventId: string,
  timeZone: string,
  meeting: repo.MeetingRow,
  slot: repo.SlotRow,
  table: repo.TableRow,
  quietFor?: string,
) {
  const names = await repo.peopleBriefs(db, [meeting.userLow, meeting.userHigh]);
  for (const [userId, otherId] of sides(meeting)) {
    if (userId === quietFor) continue;
    await notify(
      db,
      {
        userId,
        eventId,
        kind: 'meeting_placed',
        text: `You meet ${names.get(otherId)?.name ?? 'your match'} at ${dayAndClock(slot.startsAt, timeZone)}, ${table.label}`,
        link: meetingsLink(eventId),
        meetingId: meeting.id,
      },
      ctx.now(),
    );
  }
}

/** Organizers: re-plan every meeting of the slots still to come, for as many placed as possible. */
export async function replan(ctx: ServiceContext, actor: Actor, eventId: string) {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  await consumeRate(ctx, `schedule:${me.userId}`, ORGANIZER_CHANGES);
  try {
    return await ctx.db.transaction(async (tx) => {
      const now = ctx.now();
      const event = await eventOrNotFound(tx, eventId);
      const slots = await repo.listSlots(tx, eventId);
      const tables = await repo.listTables(tx, eventId);
      const all = await repo.meetingsOfEvent(tx, eventId);
      const open = new Set(slots.filter((s) => s.startsAt.getTime() > now.getTime()).map((s) => s.id));
      // Held meetings and those in slots under way stay; the rest may move.
      const movable = all.filter((m) => m.status === 'active' && !m.heldAt && (m.slotId === null || open.has(m.slotId)));
      const state = await schedulingState(tx, eventId, now, movable.map((m) => ({ ...m, slotId: null, tableId: null })));
      // Where each movable meeting sits, so that the re-plan keeps what it can.
      const slotIndex = new Map(slots.map((s, i) => [s.id, i]));
      const tableIndex = new Map(tables.map((t, i) => [t.id, i]));
      const meetingsToPlace = [...state.problem.meetings];
      for (const m of movable) {
        if (m.slotId === null || m.tableId === null) continue;
        const index = state.indexOf.get(m.id)!;
        meetingsToPlace[index] = { ...meetingsToPlace[index]!, current: { slot: slotIndex.get(m.slotId)!, table: tableIndex.get(m.tableId)! } };
      }
      const result = scheduleMeetings({ ...state.problem, meetings: meetingsToPlace }, { mode: 'replan', seed: 1, ...REPLAN_BUDGET });
      const target = (m: repo.MeetingRow) => {
        const placement = result.placements[state.indexOf.get(m.id)!];
        return placement ? { slot: state.slots[placement.slot]!, table: state.tables[placement.table]! } : null;
      };
      // Only meetings whose seat changes are touched: the others keep their calendar entry as it is.
      const changed = movable.filter((m) => {
        const next = target(m);
        return next ? next.slot.id !== m.slotId || next.table.id !== m.tableId : m.slotId !== null;
      });
      for (const meeting of changed) if (meeting.slotId !== null) await repo.unplaceMeeting(tx, meeting.id, now);
      let moved = 0;
      for (const meeting of changed) {
        const next = target(meeting);
        if (!next) {
          for (const [userId] of sides(meeting)) {
            await notify(
              tx,
              { userId, eventId, kind: 'meeting_unplaced', text: 'The organizers re-planned the meetings: yours waits for a new slot.', link: meetingsLink(eventId), meetingId: meeting.id },
              now,
            );
          }
          continue;
        }
        const row = await repo.placeMeeting(tx, { ...meeting, slotId: null }, next.slot.id, next.table.id, now);
        if (!row) continue;
        moved++;
        await announcePlacement(ctx, tx, eventId, event.timeZone, row, next.slot, next.table);
      }
      return { meetings: movable.length, placed: movable.filter((m) => target(m) !== null).length, moved, upperBound: result.upperBound };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('Someone accepted a meeting while the plan was being made. Please re-plan again.');
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface RequestInput {
  inviteeId: string;
  note?: string | undefined;
  preferredSlotIds?: string[] | undefined;
}

async function caps(db: Database, eventId: string, userId: string, now: Date, settings: { maxOpenRequests: number; dailyRequestLimit: number }) {
  const counts = await repo.requestCounts(db, eventId, userId, new Date(now.getTime() - 86_400_000));
  return { counts, caps: { open: counts.open, maxOpen: settings.maxOpenRequests, sentLast24h: counts.recent, dailyLimit: settings.dailyRequestLimit } };
}

export async function requestMeeting(ctx: ServiceContext, actor: Actor, eventId: string, input: RequestInput): Promise<SentRequestView> {
  const me = await requireAccess(ctx, actor, 'meeting.request', { kind: 'member', eventId, userId: input.inviteeId });
  await consumeRate(ctx, `meeting-request:${me.userId}`, REQUEST_ATTEMPTS);
  const note = (input.note ?? '').trim();
  if ([...note].length > NOTE_MAX) {
    throw badRequest(`Please keep the note to ${NOTE_MAX} characters.`, [
      { pointer: '/body/note', detail: `Please keep the note to ${NOTE_MAX} characters.` },
    ]);
  }
  const event = await eventOrNotFound(ctx.db, eventId);
  const now = ctx.now();
  if (eventIsOver(event, now)) throw conflict('This event is over, so there are no more meetings to ask for.');
  const settings = settingsOf(event);
  const names = await repo.peopleBriefs(ctx.db, [input.inviteeId]);
  const them = names.get(input.inviteeId) ?? unknownPerson(input.inviteeId);
  try {
    return await ctx.db.transaction(async (tx) => {
      await repo.lockMembership(tx, eventId, me.userId);
      if (await repo.blocks(tx, me.userId, input.inviteeId)) {
        throw conflict(`You have blocked ${them.name}. Unblock them on your account page if you would like to meet after all.`);
      }
      if (await repo.activeMeetingBetween(tx, eventId, me.userId, input.inviteeId)) {
        throw conflict(`You already have a meeting with ${them.name}: you will find it under Meetings.`);
      }
      let open = await repo.openRequestBetween(tx, eventId, me.userId, input.inviteeId);
      if (open && open.muted && open.inviteeId === me.userId) {
        // Their request reached no one while I blocked them; now that I ask them, it just ends.
        await repo.answerRequest(tx, open.id, 'declined', now);
        open = undefined;
      }
      if (open) {
        throw conflict(
          open.requesterId === me.userId
            ? `You have already asked ${them.name}. Give them time to answer; there is no need to ask twice.`
            : `${them.name} has already asked to meet you: you can accept their request under Meetings.`,
        );
      }
      const { counts } = await caps(tx, eventId, me.userId, now, settings);
      if (counts.open >= settings.maxOpenRequests) {
        throw new AppError(
          'rate_limited',
          `You have ${counts.open} requests waiting for an answer, the most this event allows at once. ` +
            'Once someone answers, or you withdraw one, you can ask someone new. Meanwhile, a hello in person works too.',
        );
      }
      if (counts.recent >= settings.dailyRequestLimit) {
        const wait = Math.max(1, Math.ceil(((counts.oldestRecent?.getTime() ?? now.getTime()) + 86_400_000 - now.getTime()) / 1000));
        throw new AppError(
          'rate_limited',
          `You have sent ${counts.recent} meeting requests in the last 24 hours, the most this event allows. ` +
            `You can ask again in ${humanWait(wait)}.`,
          { retryAfter: wait },
        );
      }
      const slots = await repo.listSlots(tx, eventId);
      const preferred = [...new Set(input.preferredSlotIds ?? [])];
      preferred.forEach((id, index) => {
        const slot = slots.find((s) => s.id === id);
        if (!slot || slot.startsAt.getTime() <= now.getTime()) {
          throw badRequest('Some preferred slots are not slots still to come at this event.', [
            { pointer: `/body/preferredSlotIds/${index}`, detail: 'Choose one of the event’s slots still to come.' },
          ]);
        }
      });
      // A request to someone who blocks me never reaches them; to me it looks like any other.
      const muted = await repo.blocks(tx, input.inviteeId, me.userId);
      const row = await repo.insertRequest(tx, {
        eventId,
        requesterId: me.userId,
        inviteeId: input.inviteeId,
        note,
        preferredSlotIds: preferred,
        muted,
        createdAt: now,
      });
      if (!muted) {
        const myName = (await repo.peopleBriefs(tx, [me.userId])).get(me.userId)?.name ?? 'Someone';
        await notify(
          tx,
          {
            userId: input.inviteeId,
            eventId,
            kind: 'request_received',
            text: `${myName} would like to meet you`,
            link: `${meetingsLink(eventId)}?view=requests`,
          },
          now,
        );
      }
      return sentView(row, them, null, event, now);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'meeting_requests_one_open_key')) {
      throw conflict(`There is already a request waiting between you and ${them.name}.`);
    }
    throw error;
  }
}

function sentView(row: repo.RequestRow, person: PersonBrief, meetingId: string | null, event: { endsAt: Date }, now: Date): SentRequestView {
  let state: SentState;
  switch (row.status) {
    case 'open':
      state = eventIsOver(event, now) ? 'not_this_time' : 'waiting';
      break;
    case 'accepted':
      state = 'accepted';
      break;
    case 'declined':
      state = 'not_this_time';
      break;
    case 'withdrawn':
      state = 'withdrawn';
      break;
  }
  return {
    id: row.id,
    person,
    note: row.note,
    preferredSlotIds: row.preferredSlotIds,
    createdAt: row.createdAt,
    state,
    meetingId: state === 'accepted' ? meetingId : null,
  };
}

export async function listRequests(ctx: ServiceContext, actor: Actor, eventId: string) {
  const me = await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  const event = await eventOrNotFound(ctx.db, eventId);
  const now = ctx.now();
  const { sent, received } = await repo.requestsOf(ctx.db, eventId, me.userId);
  const people = await repo.peopleBriefs(ctx.db, [...sent.map((r) => r.inviteeId), ...received.map((r) => r.requesterId)]);
  const meetingIds = await repo.meetingIdsOfRequests(
    ctx.db,
    sent.filter((r) => r.status === 'accepted').map((r) => r.id),
  );
  const { caps: limits } = await caps(ctx.db, eventId, me.userId, now, settingsOf(event));
  return {
    sent: sent.map((r) => sentView(r, people.get(r.inviteeId) ?? unknownPerson(r.inviteeId), meetingIds.get(r.id) ?? null, event, now)),
    received: eventIsOver(event, now)
      ? []
      : received.map((r) => ({
          id: r.id,
          person: people.get(r.requesterId) ?? unknownPerson(r.requesterId),
          note: r.note,
          preferredSlotIds: r.preferredSlotIds,
          createdAt: r.createdAt,
        })),
    caps: limits,
  };
}

export async function acceptRequest(ctx: ServiceContext, actor: Actor, eventId: string, requestId: string): Promise<MeetingView> {
  const me = await requireAccess(ctx, actor, 'request.respond', { kind: 'meetingRequest', eventId, requestId });
  const event = await eventOrNotFound(ctx.db, eventId);
  const now = ctx.now();
  if (eventIsOver(event, now)) throw conflict('This event is over, so there are no more meetings to schedule.');
  const meetingId = await ctx.db.transaction(async (tx) => {
    const answered = await repo.answerRequest(tx, requestId, 'accepted', now);
    if (!answered) {
      const current = await repo.findRequest(tx, eventId, requestId);
      if (current?.status === 'accepted') return (await repo.findMeetingByRequest(tx, requestId))!.id;
      if (current?.status === 'declined') throw conflict('You already answered this request.');
      throw conflict('This request was withdrawn, so there is nothing to accept any more.');
    }
    const [low, high] = answered.requesterId < answered.inviteeId ? [answered.requesterId, answered.inviteeId] : [answered.inviteeId, answered.requesterId];
    const meeting = await repo.insertMeeting(tx, { eventId, requestId, userLow: low, userHigh: high, createdAt: now, updatedAt: now }).catch((error: unknown) => {
      if (isUniqueViolation(error, 'meetings_one_active_key')) throw conflict('You already have a meeting with them: you will find it under Meetings.');
      throw error;
    });
    const myName = (await repo.peopleBriefs(tx, [me.userId])).get(me.userId)?.name ?? 'Someone';
    await notify(
      tx,
      { userId: answered.requesterId, eventId, kind: 'request_accepted', text: `${myName} said yes to meeting you`, link: meetingsLink(eventId), meetingId: meeting.id },
      now,
    );
    await placeWaitingMeetings(ctx, tx, eventId, [meeting], me.userId);
    return meeting.id;
  });
  return meetingView(ctx, ctx.db, eventId, me.userId, meetingId);
}

export async function declineRequest(ctx: ServiceContext, actor: Actor, eventId: string, requestId: string): Promise<void> {
  await requireAccess(ctx, actor, 'request.respond', { kind: 'meetingRequest', eventId, requestId });
  const answered = await repo.answerRequest(ctx.db, requestId, 'declined', ctx.now());
  if (answered) return;
  const current = await repo.findRequest(ctx.db, eventId, requestId);
  if (current?.status === 'accepted') throw conflict('You already accepted this request: cancel the meeting instead.');
  // Declined before, or withdrawn meanwhile: either way nothing more is to be done.
}

export async function withdrawRequest(ctx: ServiceContext, actor: Actor, eventId: string, requestId: string): Promise<void> {
  await requireAccess(ctx, actor, 'request.withdraw', { kind: 'meetingRequest', eventId, requestId });
  const answered = await repo.answerRequest(ctx.db, requestId, 'withdrawn', ctx.now());
  if (answered) return;
  const current = await repo.findRequest(ctx.db, eventId, requestId);
  if (current?.status === 'accepted') throw conflict('They already said yes: cancel the meeting instead.');
}

// ---------------------------------------------------------------------------------------------
// Meetings

async function meetingViews(db: Database, eventId: string, userId: string, rows: repo.MeetingRow[]): Promise<MeetingView[]> {
  const slots = await repo.listSlots(db, eventId);
  const tables = await repo.listTables(db, eventId);
  const confirmations = await repo.confirmationsOf(db, eventId, userId);
  const slotById = new Map(slots.map((s) => [s.id, s]));
  const tableById = new Map(tables.map((t) => [t.id, t]));
  const others = rows.map((m) => (m.userLow === userId ? m.userHigh : m.userLow));
  const people = await repo.peopleBriefs(db, others);
  const requests = await repo.notesOfRequests(
    db,
    rows.map((m) => m.requestId),
  );
  return rows.map((m, i) => {
    const otherId = others[i]!;
    const slot = m.slotId ? slotById.get(m.slotId) : undefined;
    const table = m.tableId ? tableById.get(m.tableId) : undefined;
    const request = requests.get(m.requestId);
    const state: MeetingState = m.status === 'cancelled' ? 'cancelled' : m.heldAt ? 'held' : slot ? 'scheduled' : 'waiting';
    return {
      id: m.id,
      person: people.get(otherId) ?? unknownPerson(otherId),
      note: request?.note ?? '',
      requestedByMe: request?.requesterId === userId,
      state,
      slot: slot ? slotView(slot) : null,
      table: table ? tableView(table) : null,
      confirmedByMe: confirmations.some((c) => c.fromUserId === userId && c.toUserId === otherId),
      confirmedByThem: confirmations.some((c) => c.fromUserId === otherId && c.toUserId === userId),
      cancelledByMe: m.cancelledBy === userId,
    };
  });
}

async function meetingView(ctx: ServiceContext, db: Database, eventId: string, userId: string, meetingId: string): Promise<MeetingView> {
  const row = await repo.findMeeting(db, eventId, meetingId);
  if (!row) throw notFound();
  return (await meetingViews(db, eventId, userId, [row]))[0]!;
}

const stateOrder: Record<MeetingState, number> = { scheduled: 0, waiting: 1, held: 2, cancelled: 3 };

export async function listMeetings(ctx: ServiceContext, actor: Actor, eventId: string): Promise<MeetingView[]> {
  const me = await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  const rows = await repo.meetingsOfUser(ctx.db, eventId, me.userId);
  const views = await meetingViews(ctx.db, eventId, me.userId, rows);
  return views.sort(
    (a, b) =>
      stateOrder[a.state] - stateOrder[b.state] ||
      (a.slot?.startsAt.getTime() ?? Infinity) - (b.slot?.startsAt.getTime() ?? Infinity) ||
      a.person.name.localeCompare(b.person.name),
  );
}

export async function getMeeting(ctx: ServiceContext, actor: Actor, eventId: string, meetingId: string): Promise<MeetingView> {
  const me = await requireAccess(ctx, actor, 'meeting.participate', { kind: 'meeting', eventId, meetingId });
  return meetingView(ctx, ctx.db, eventId, me.userId, meetingId);
}

export async function cancelMeeting(ctx: ServiceContext, actor: Actor, eventId: string, meetingId: string): Promise<MeetingView> {
  const me = await requireAccess(ctx, actor, 'meeting.participate', { kind: 'meeting', eventId, meetingId });
  await ctx.db.transaction(async (tx) => {
    const event = await eventOrNotFound(tx, eventId);
    const now = ctx.now();
    const before = await repo.findMeeting(tx, eventId, meetingId);
    if (!before || before.status === 'cancelled') return;
    if (before.heldAt) throw conflict('You have already met, so there is nothing to cancel.');
    const row = await repo.cancelMeeting(tx, meetingId, me.userId, now);
    if (!row) return;
    const otherId = row.userLow === me.userId ? row.userHigh : row.userLow;
    const myName = (await repo.peopleBriefs(tx, [me.userId])).get(me.userId)?.name ?? 'Your match';
    const slot = before.slotId ? await repo.findSlot(tx, eventId, before.slotId) : undefined;
    await notify(
      tx,
      {
        userId: otherId,
        eventId,
        kind: 'meeting_cancelled',
        text: slot
          ? `${myName} cannot make your meeting at ${dayAndClock(slot.startsAt, event.timeZone)} after all`
          : `${myName} cannot make your meeting after all`,
        link: meetingsLink(eventId),
        meetingId,
      },
      now,
    );
    if (before.slotId) await placeWaiting(ctx, tx, eventId);
  });
  return meetingView(ctx, ctx.db, eventId, me.userId, meetingId);
}

/**
 * Moves the meeting to another slot where both are free and a table is open, without moving
 * anyone else's; the other person is told. When there is none, nothing changes (409).
 */
export async function rescheduleMeeting(ctx: ServiceContext, actor: Actor, eventId: string, meetingId: string): Promise<MeetingView> {
  const me = await requireAccess(ctx, actor, 'meeting.participate', { kind: 'meeting', eventId, meetingId });
  await consumeRate(ctx, `meeting-change:${me.userId}`, MET_ATTEMPTS);
  await ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const meeting = await repo.findMeeting(tx, eventId, meetingId);
    if (!meeting || meeting.status !== 'active') throw conflict('This meeting was cancelled, so there is nothing to move.');
    if (meeting.heldAt) throw conflict('You have already met.');
    const slots = await repo.listSlots(tx, eventId);
    const current = meeting.slotId ? slots.find((s) => s.id === meeting.slotId) : undefined;
    if (current && current.startsAt.getTime() <= now.getTime()) throw conflict('This meeting has started: it can no longer be moved.');
    const noOtherSlot = () =>
      conflict('There is no other slot in which you are both free and a table is open. Keep this time, or cancel the meeting.');
    for (let attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
      try {
        const moved = await tx.transaction(async (savepoint) => {
          // Off its seat first, so that its own seat does not stand in its way; the savepoint
          // puts it back when no other slot is found.
          await repo.unplaceMeeting(savepoint, meeting.id, now);
          const state = await schedulingState(savepoint, eventId, now, [{ ...meeting, slotId: null, tableId: null }]);
          const index = state.indexOf.get(meeting.id)!;
          if (current) {
            const currentIndex = state.slots.findIndex((s) => s.id === current.id);
            const target = state.problem.meetings[index]!;
            const availability = [...(state.problem.availability ?? [])];
            for (const p of [target.a, target.b]) {
              availability[p] = (availability[p] ?? state.slots.map((_, s) => s)).filter((s) => s !== currentIndex);
            }
            state.problem = { ...state.problem, availability };
          }
          const placement = scheduleMeetings(state.problem, { mode: 'stable', seed: 1, ...ONLINE_BUDGET }).placements[index];
          if (!placement) throw noOtherSlot();
          const slot = state.slots[placement.slot]!;
          const table = state.tables[placement.table]!;
          const row = await repo.placeMeeting(savepoint, { ...meeting, slotId: null }, slot.id, table.id, now);
          if (!row) throw conflict('This meeting changed meanwhile. Please look again.');
          return { slot, table };
        });
        const event = await eventOrNotFound(tx, eventId);
        const otherId = meeting.userLow === me.userId ? meeting.userHigh : meeting.userLow;
        const myName = (await repo.peopleBriefs(tx, [me.userId])).get(me.userId)?.name ?? 'Your match';
        await notify(
          tx,
          {
            userId: otherId,
            eventId,
            kind: 'meeting_moved',
            text: `${myName} moved your meeting to ${dayAndClock(moved.slot.startsAt, event.timeZone)}, ${moved.table.label}`,
            link: meetingsLink(eventId),
            meetingId,
          },
          now,
        );
        return;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw conflict('The schedule is changing fast right now. Please try again in a moment.');
  });
  return meetingView(ctx, ctx.db, eventId, me.userId, meetingId);
}

/**
 * Someone left the event: their meetings still to come are cancelled (the other person is told
 * and the seat goes to a waiting meeting), requests they sent are withdrawn, and requests they
 * had not answered end as "not this time". Runs inside the leaving transaction.
 */
export async function releaseMeetingsOf(ctx: ServiceContext, db: Database, eventId: string, userId: string): Promise<void> {
  const now = ctx.now();
  await repo.endOpenRequestsOf(db, eventId, userId, now);
  const name = (await repo.peopleBriefs(db, [userId])).get(userId)?.name ?? 'Your match';
  let freed = false;
  for (const meeting of await repo.meetingsOfUser(db, eventId, userId)) {
    if (meeting.status !== 'active' || meeting.heldAt) continue;
    await repo.cancelMeeting(db, meeting.id, userId, now);
    freed ||= meeting.slotId !== null;
    await notify(
      db,
      {
        userId: meeting.userLow === userId ? meeting.userHigh : meeting.userLow,
        eventId,
        kind: 'meeting_cancelled',
        text: `${name} left the event, so your meeting is off`,
        link: meetingsLink(eventId),
        meetingId: meeting.id,
      },
      now,
    );
  }
  if (freed) await placeWaiting(ctx, db, eventId);
}

// ---------------------------------------------------------------------------------------------
// "We met"

export async function myMeetCode(ctx: ServiceContext, actor: Actor, eventId: string) {
  const me = await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  let code = await repo.findMeetCode(ctx.db, eventId, me.userId);
  for (let attempt = 0; !code && attempt < 8; attempt++) {
    const candidate = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    try {
      await repo.insertMeetCode(ctx.db, eventId, me.userId, candidate);
    } catch (error) {
      if (!isUniqueViolation(error, 'meet_codes_code_key')) throw error;
    }
    code = await repo.findMeetCode(ctx.db, eventId, me.userId);
  }
  if (!code) throw new AppError('internal', 'Could not make a code. Please try again.');
  return { code, url: `${ctx.config.publicUrl}/e/${eventId}/met/${code}` };
}

export type MetResult =
  | { state: 'waiting'; person: PersonBrief }
  | { state: 'recorded'; person: PersonBrief; encounter: EncounterView };

export interface EncounterView {
  id: string;
  person: PersonBrief;
  metAt: Date;
  source: 'meeting' | 'mixer' | 'scan' | 'tap';
  tableLabel: string | null;
  meetingId: string | null;
}

export async function confirmMetByCode(ctx: ServiceContext, actor: Actor, eventId: string, code: string): Promise<MetResult> {
  const me = await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  await consumeRate(ctx, `met:${me.userId}`, MET_ATTEMPTS);
  const normalized = code.trim().toUpperCase().replace(/[\s-]/g, '');
  const other = await repo.holderOfCode(ctx.db, eventId, normalized);
  if (!other) {
    throw new AppError('not_found', 'No one at this event has that code. Check the letters and try again.', {
      errors: [{ pointer: '/body/code', detail: 'No one at this event has that code.' }],
    });
  }
  if (other === me.userId) throw badRequest('This is your own code: scan the other person’s.', [{ pointer: '/body/code', detail: 'This is your own code.' }]);
  return confirmMet(ctx, eventId, me.userId, other, 'scan');
}

export async function confirmMetByTap(ctx: ServiceContext, actor: Actor, eventId: string, userId: string): Promise<MetResult> {
  const me = await requireAccess(ctx, actor, 'encounter.confirm', { kind: 'member', eventId, userId });
  await consumeRate(ctx, `met:${me.userId}`, MET_ATTEMPTS);
  return confirmMet(ctx, eventId, me.userId, userId, 'tap');
}

async function confirmMet(ctx: ServiceContext, eventId: string, me: string, other: string, method: 'scan' | 'tap'): Promise<MetResult> {
  const now = ctx.now();
  const people = await repo.peopleBriefs(ctx.db, [me, other]);
  const person = people.get(other) ?? unknownPerson(other);
  return ctx.db.transaction(async (tx) => {
    const [low, high] = me < other ? [me, other] : [other, me];
    // The two may say it at the same moment: one after the other, each sees the other's word.
    await repo.lockPair(tx, eventId, low, high);
    const meeting = await repo.activeMeetingBetween(tx, eventId, me, other);
    // Already recorded, at our meeting or outside one: once per event is enough.
    const existing = meeting?.heldAt ? await repo.encounterOfMeeting(tx, meeting.id) : meeting ? undefined : await repo.adHocEncounter(tx, eventId, low, high);
    if (existing) return { state: 'recorded' as const, person, encounter: encounterView(existing, person) };
    const saidBefore = await repo.findConfirmation(tx, eventId, me, other);
    await repo.insertConfirmation(tx, eventId, me, other, method);
    const theirs = await repo.findConfirmation(tx, eventId, other, me);
    if (!theirs) {
      // Told once, and never by someone they block.
      if (saidBefore || (await repo.blocks(tx, other, me))) return { state: 'waiting' as const, person };
      await notify(
        tx,
        {
          userId: other,
          eventId,
          kind: 'met_pending',
          text: `${people.get(me)?.name ?? 'Someone'} says you met. Confirm it so you both remember.`,
          link: `/e/${eventId}/met`,
        },
        now,
      );
      return { state: 'waiting' as const, person };
    }
    await repo.deleteConfirmations(tx, eventId, me, other);
    let tableLabel: string | null = null;
    if (meeting) {
      await repo.markHeld(tx, meeting.id, now);
      tableLabel = meeting.tableId ? ((await repo.findTable(tx, eventId, meeting.tableId))?.label ?? null) : null;
    }
    const usesMeeting = meeting !== undefined;
    const source = usesMeeting ? 'meeting' : [method, saidBefore?.method, theirs.method].includes('scan') ? 'scan' : 'tap';
    const inserted = await repo.insertEncounter(tx, {
      eventId,
      userLow: low,
      userHigh: high,
      metAt: now,
      source,
      meetingId: usesMeeting ? meeting.id : null,
      tableLabel,
    });
    const encounter = inserted ?? (usesMeeting ? await repo.encounterOfMeeting(tx, meeting.id) : await repo.adHocEncounter(tx, eventId, low, high))!;
    // The one who said it first is waiting to hear.
    await notify(
      tx,
      {
        userId: other,
        eventId,
        kind: 'met_recorded',
        text: `You and ${people.get(me)?.name ?? 'your match'} met: it is recorded for you both`,
        link: `/e/${eventId}/met`,
        meetingId: usesMeeting ? meeting.id : null,
      },
      now,
    );
    return { state: 'recorded' as const, person, encounter: encounterView(encounter, person) };
  });
}

function encounterView(row: repo.EncounterRow, person: PersonBrief): EncounterView {
  return { id: row.id, person, metAt: row.metAt, source: row.source, tableLabel: row.tableLabel, meetingId: row.meetingId };
}

/** The people I met at the event, and the "we met" that wait for me or for them. */
export async function listEncounters(ctx: ServiceContext, actor: Actor, eventId: string) {
  const me = await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  const [rows, confirmations] = await Promise.all([repo.encountersOf(ctx.db, eventId, me.userId), repo.confirmationsOf(ctx.db, eventId, me.userId)]);
  const others = [
    ...rows.map((r) => (r.userLow === me.userId ? r.userHigh : r.userLow)),
    ...confirmations.map((c) => (c.fromUserId === me.userId ? c.toUserId : c.fromUserId)),
  ];
  const people = await repo.peopleBriefs(ctx.db, others);
  const brief = (id: string) => people.get(id) ?? unknownPerson(id);
  return {
    encounters: rows.map((r) => encounterView(r, brief(r.userLow === me.userId ? r.userHigh : r.userLow))),
    waitingForMe: confirmations.filter((c) => c.toUserId === me.userId).map((c) => ({ person: brief(c.fromUserId), since: c.createdAt })),
    waitingForThem: confirmations.filter((c) => c.fromUserId === me.userId).map((c) => ({ person: brief(c.toUserId), since: c.createdAt })),
  };
}

// ---------------------------------------------------------------------------------------------
// Calendar

const CALENDAR_NAME = 'Common Ground meetings';

function calendarEntry(ctx: ServiceContext, row: Awaited<ReturnType<typeof repo.placedMeetingsOfUser>>[number]): CalendarMeeting {
  const where = [row.table_label, row.location_hint].filter(Boolean).join(' · ');
  return {
    uid: `${row.id}@commonground`,
    sequence: row.sequence,
    status: row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    start: new Date(row.starts_at),
    end: new Date(row.ends_at),
    timeZone: row.time_zone,
    summary: `1:1 with ${row.other_name}`,
    location: [where, row.venue].filter(Boolean).join(' — '),
    description: `Your 1:1 at ${row.event_name}. Say “we met” in the app when you have met.`,
    url: `${ctx.config.publicUrl}${meetingsLink(row.event_id)}`,
    lastModified: new Date(row.updated_at),
  };
}

export async function meetingCalendar(ctx: ServiceContext, actor: Actor, eventId: string, meetingId: string): Promise<string> {
  const me = await requireAccess(ctx, actor, 'meeting.participate', { kind: 'meeting', eventId, meetingId });
  const row = (await repo.placedMeetingsOfUser(ctx.db, me.userId)).find((m) => m.id === meetingId);
  if (!row) throw conflict('This meeting has no time and table yet, so there is nothing to put in a calendar.');
  return meetingsCalendar({ name: CALENDAR_NAME, now: ctx.now(), meetings: [calendarEntry(ctx, row)] });
}

export async function calendarFeedStatus(ctx: ServiceContext, actor: Actor) {
  const me = await requireAccess(ctx, actor, 'account.manage');
  const row = await repo.findFeed(ctx.db, me.userId);
  return { active: row !== undefined, createdAt: row?.createdAt ?? null };
}

/** A new secret feed URL (the old one stops working). Shown once: only its hash is kept. */
export async function createCalendarFeed(ctx: ServiceContext, actor: Actor) {
  const me = await requireAccess(ctx, actor, 'account.manage');
  await consumeRate(ctx, `calendar-feed:${me.userId}`, FEED_CHANGES);
  const token = newToken('cal_');
  await repo.upsertFeed(ctx.db, me.userId, hashToken(token), ctx.now());
  return { url: `${ctx.config.publicUrl}/api/calendar/${token}.ics`, createdAt: ctx.now() };
}

export async function revokeCalendarFeed(ctx: ServiceContext, actor: Actor) {
  const me = await requireAccess(ctx, actor, 'account.manage');
  await repo.deleteFeed(ctx.db, me.userId);
}

/** The feed behind a secret URL: holding the URL is the permission to read it. */
export async function calendarFeed(ctx: ServiceContext, token: string): Promise<string> {
  const userId = await repo.unsafeFeedOwner(ctx.db, hashToken(token));
  if (!userId) throw notFound();
  const rows = await repo.placedMeetingsOfUser(ctx.db, userId);
  return meetingsCalendar({ name: CALENDAR_NAME, now: ctx.now(), refreshMinutes: 15, meetings: rows.map((row) => calendarEntry(ctx, row)) });
}

// ---------------------------------------------------------------------------------------------
// Organizers' view

export async function eventSchedule(ctx: ServiceContext, actor: Actor, eventId: string) {
  await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  const [slots, tables, all, figures, held] = await Promise.all([
    repo.listSlots(ctx.db, eventId),
    repo.listTables(ctx.db, eventId),
    repo.meetingsOfEvent(ctx.db, eventId),
    repo.requestFigures(ctx.db, eventId),
    repo.heldCount(ctx.db, eventId),
  ]);
  const active = all.filter((m) => m.status === 'active');
  const people = await repo.peopleBriefs(ctx.db, active.flatMap((m) => [m.userLow, m.userHigh]));
  const brief = (id: string) => people.get(id) ?? unknownPerson(id);
  const answered = figures.accepted + figures.declined;
  return {
    slots: slots.map(slotView),
    tables: tables.map(tableView),
    meetings: active.map((m) => ({
      id: m.id,
      slotId: m.slotId,
      tableId: m.tableId,
      people: [brief(m.userLow), brief(m.userHigh)] as [PersonBrief, PersonBrief],
      held: m.heldAt !== null,
    })),
    figures: {
      requests: figures.sent - figures.withdrawn,
      accepted: figures.accepted,
      waitingForAnswer: figures.waiting,
      acceptanceRate: answered === 0 ? null : figures.accepted / answered,
      meetings: active.length,
      placed: active.filter((m) => m.slotId !== null).length,
      held,
    },
  };
}
