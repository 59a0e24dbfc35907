import ICAL from 'ical.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceStartingMeetings } from '../../src/server/notifications/notifications.service.js';
import { queryRows } from '../../src/server/platform/db/client.js';
import { call, createTestApp, eventWith, type Person, type TestApp } from '../support/app.js';
import { storageEngines } from '../support/engines.js';
import { createPeople } from '../support/people.js';
import { firstEvent } from '../support/sse.js';

const engines = storageEngines();

/** Slots of the sample event (2026-10-01 17:00–21:00 UTC, Europe/Lisbon). */
const SLOT_1 = { startsAt: '2026-10-01T18:00:00Z', endsAt: '2026-10-01T18:20:00Z' };
const SLOT_2 = { startsAt: '2026-10-01T18:30:00Z', endsAt: '2026-10-01T18:50:00Z' };

describe.each(engines)('1:1 meetings on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function setUp(names: string[], options: { slots?: (typeof SLOT_1)[]; tables?: number; settings?: Record<string, unknown> } = {}) {
    const [organizer, ...attendees] = await createPeople(t, ['Olga Organizer', ...names]);
    const { event } = await eventWith(t.app, organizer!, attendees);
    if (options.settings) {
      const patched = await call(t.app, organizer!, 'PATCH', `/api/events/${event.id}`, { settings: options.settings });
      expect(patched.status).toBe(200);
    }
    const slots = [];
    for (const slot of options.slots ?? [SLOT_1, SLOT_2]) {
      const created = await call(t.app, organizer!, 'POST', `/api/events/${event.id}/slots`, slot);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      slots.push(created.body as { id: string });
    }
    if ((options.tables ?? 3) > 0) {
      const tables = await call(t.app, organizer!, 'POST', `/api/events/${event.id}/tables`, { count: options.tables ?? 3 });
      expect(tables.status).toBe(201);
    }
    return { organizer: organizer!, people: attendees, eventId: event.id, slots };
  }

  const ask = (eventId: string, from: Person, to: Person, note = 'I would love to hear about your bread') =>
    call(t.app, from, 'POST', `/api/events/${eventId}/meeting-requests`, { inviteeId: to.id, note });

  async function notificationsOf(person: Person) {
    const response = await call(t.app, person, 'GET', '/api/me/notifications');
    expect(response.status).toBe(200);
    return response.body.notifications as { kind: string; text: string }[];
  }

  it('lets organizers, and only organizers, set slots and tables; slots may not overlap', async () => {
    const { organizer, people, eventId } = await setUp(['Ana'], { tables: 0 });
    const overlap = await call(t.app, organizer, 'POST', `/api/events/${eventId}/slots`, {
      startsAt: '2026-10-01T18:10:00Z',
      endsAt: '2026-10-01T18:40:00Z',
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.detail).toMatch(/overlaps/);
    const backwards = await call(t.app, organizer, 'POST', `/api/events/${eventId}/slots`, { startsAt: SLOT_2.endsAt, endsAt: SLOT_2.startsAt });
    expect(backwards.status).toBe(400);
    const byAttendee = await call(t.app, people[0]!, 'POST', `/api/events/${eventId}/slots`, { startsAt: '2026-10-01T19:00:00Z', endsAt: '2026-10-01T19:20:00Z' });
    expect(byAttendee.status).toBe(404);
    const numbered = await call(t.app, organizer, 'POST', `/api/events/${eventId}/tables`, { count: 2, locationHint: 'by the window' });
    const named = await call(t.app, organizer, 'POST', `/api/events/${eventId}/tables`, { label: 'Garden' });
    const more = await call(t.app, organizer, 'POST', `/api/events/${eventId}/tables`, { count: 1 });
    expect([numbered.status, named.status, more.status]).toEqual([201, 201, 201]);
    const duplicate = await call(t.app, organizer, 'POST', `/api/events/${eventId}/tables`, { label: 'garden' });
    expect(duplicate.status).toBe(409);
    const tables = await call(t.app, people[0]!, 'GET', `/api/events/${eventId}/tables`);
    expect(tables.body.map((table: { label: string }) => table.label)).toEqual(['Garden', 'Table 1', 'Table 2', 'Table 3']);
  });

  it('request → accept gives both a slot and a table; the note stays between the two', async () => {
    const { organizer, people, eventId } = await setUp(['Ana Lima', 'Bo Berg', 'Cy Curious']);
    const [ana, bo, cy] = people as [Person, Person, Person];
    const sent = await ask(eventId, ana, bo, 'Sourdough starters, a secret note');
    expect(sent.status).toBe(201);
    expect(sent.body.state).toBe('waiting');

    const boRequests = await call(t.app, bo, 'GET', `/api/events/${eventId}/meeting-requests`);
    expect(boRequests.body.received).toHaveLength(1);
    expect(boRequests.body.received[0]).toMatchObject({ person: { id: ana.id }, note: 'Sourdough starters, a secret note' });
    expect((await notificationsOf(bo)).map((n) => n.kind)).toEqual(['request_received']);

    const accepted = await call(t.app, bo, 'POST', `/api/events/${eventId}/meeting-requests/${sent.body.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ state: 'scheduled', person: { id: ana.id }, requestedByMe: false });
    expect(accepted.body.slot.startsAt).toBe(new Date(SLOT_1.startsAt).toISOString());
    expect(accepted.body.table.label).toMatch(/^Table \d$/);
    const again = await call(t.app, bo, 'POST', `/api/events/${eventId}/meeting-requests/${sent.body.id}/accept`);
    expect(again.body.id).toBe(accepted.body.id);

    const anaMeetings = await call(t.app, ana, 'GET', `/api/events/${eventId}/meetings`);
    expect(anaMeetings.body).toHaveLength(1);
    expect(anaMeetings.body[0]).toMatchObject({ id: accepted.body.id, note: 'Sourdough starters, a secret note', requestedByMe: true });
    const anaKinds = (await notificationsOf(ana)).map((n) => n.kind).sort();
    expect(anaKinds).toEqual(['meeting_placed', 'request_accepted']);
    // Bo placed it by saying yes and sees the result at once: no notice about it.
    expect((await notificationsOf(bo)).map((n) => n.kind)).toEqual(['request_received']);

    // Someone else learns nothing of it, and organizers see the pair but never the note.
    expect((await call(t.app, cy, 'GET', `/api/events/${eventId}/meetings`)).body).toEqual([]);
    expect((await call(t.app, cy, 'GET', `/api/events/${eventId}/meetings/${accepted.body.id}`)).status).toBe(404);
    expect((await call(t.app, cy, 'POST', `/api/events/${eventId}/meetings/${accepted.body.id}/cancel`)).status).toBe(404);
    const schedule = await call(t.app, organizer, 'GET', `/api/events/${eventId}/schedule`);
    expect(schedule.status).toBe(200);
    expect(JSON.stringify(schedule.body)).not.toContain('secret note');
    expect(schedule.body.figures).toMatchObject({ requests: 1, accepted: 1, acceptanceRate: 1, placed: 1, held: 0 });
    expect((await call(t.app, ana, 'GET', `/api/events/${eventId}/schedule`)).status).toBe(404);
  });

  it('a decline is never announced: the request just ends as "not this time"', async () => {
    const { organizer, people, eventId } = await setUp(['Ana', 'Bo']);
    const [ana, bo] = people as [Person, Person];
    const sent = await ask(eventId, ana, bo);
    const before = await notificationsOf(ana);
    const declined = await call(t.app, bo, 'POST', `/api/events/${eventId}/meeting-requests/${sent.body.id}/decline`);
    expect(declined.status).toBe(204);
    const mine = await call(t.app, ana, 'GET', `/api/events/${eventId}/meeting-requests`);
    expect(mine.body.sent[0].state).toBe('not_this_time');
    expect(JSON.stringify(mine.body)).not.toMatch(/declin/i);
    expect(await notificationsOf(ana)).toEqual(before);
    expect((await call(t.app, bo, 'GET', `/api/events/${eventId}/meeting-requests`)).body.received).toEqual([]);
    const schedule = await call(t.app, organizer, 'GET', `/api/events/${eventId}/schedule`);
    expect(JSON.stringify(schedule.body)).not.toContain(bo.id);
    // Only the invitee answers, and only the requester withdraws.
    const other = await ask(eventId, bo, ana);
    expect((await call(t.app, bo, 'POST', `/api/events/${eventId}/meeting-requests/${other.body.id}/accept`)).status).toBe(404);
    expect((await call(t.app, ana, 'POST', `/api/events/${eventId}/meeting-requests/${other.body.id}/withdraw`)).status).toBe(404);
    expect((await call(t.app, bo, 'POST', `/api/events/${eventId}/meeting-requests/${other.body.id}/withdraw`)).status).toBe(204);
    expect((await call(t.app, ana, 'POST', `/api/events/${eventId}/meeting-requests/${other.body.id}/accept`)).status).toBe(409);
  });

  it('caps open requests, the daily number and asking twice, with kind messages', async () => {
    const { people, eventId } = await setUp(['Ana', 'Bo', 'Cy', 'Di', 'Ed', 'Flo'], { settings: { maxOpenRequests: 2, dailyRequestLimit: 3 } });
    const [ana, bo, cy, di, ed] = people as [Person, Person, Person, Person, Person];
    expect((await ask(eventId, ana, bo)).status).toBe(201);
    const twice = await ask(eventId, ana, bo);
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/already asked/);
    const crossing = await ask(eventId, bo, ana);
    expect(crossing.status).toBe(409);
    expect(crossing.body.detail).toMatch(/has already asked to meet you/);
    const second = await ask(eventId, ana, cy);
    expect(second.status).toBe(201);
    const third = await ask(eventId, ana, di);
    expect(third.status).toBe(429);
    expect(third.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(third.body.detail).toMatch(/2 requests waiting for an answer/);
    // Withdrawing frees a place; the day's count still grows.
    await call(t.app, ana, 'POST', `/api/events/${eventId}/meeting-requests/${second.body.id}/withdraw`);
    expect((await ask(eventId, ana, di)).status).toBe(201);
    const requests = await call(t.app, ana, 'GET', `/api/events/${eventId}/meeting-requests`);
    expect(requests.body.caps).toEqual({ open: 2, maxOpen: 2, sentLast24h: 3, dailyLimit: 3 });
    const list = await call(t.app, ana, 'GET', `/api/events/${eventId}/meeting-requests`);
    const diRequest = list.body.sent.find((r: { person: { id: string } }) => r.person.id === di.id);
    await call(t.app, ana, 'POST', `/api/events/${eventId}/meeting-requests/${diRequest.id}/withdraw`);
    const daily = await ask(eventId, ana, ed);
    expect(daily.status).toBe(429);
    expect(daily.body.detail).toMatch(/3 meeting requests in the last 24 hours/);
    expect(Number(daily.headers['retry-after'])).toBeGreaterThan(0);
    // Once the event is over, nothing more can be asked, and what waited reads "not this time".
    const long = await call(t.app, bo, 'POST', `/api/events/${eventId}/meeting-requests`, { inviteeId: ed.id, note: 'x'.repeat(281) });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].pointer).toBe('/body/note');
  });

  it('ends with the event: no more requests, and what waited reads "not this time"', async () => {
    const { organizer, people, eventId } = await setUp(['Ana', 'Bo', 'Cy']);
    const [ana, bo, cy] = people as [Person, Person, Person];
    expect((await ask(eventId, ana, bo)).status).toBe(201);
    const past = { startsAt: '2026-05-01T17:00:00Z', endsAt: '2026-05-01T21:00:00Z' };
    expect((await call(t.app, organizer, 'PATCH', `/api/events/${eventId}`, past)).status).toBe(200);
    const late = await ask(eventId, ana, cy);
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/over/);
    const ended = await call(t.app, ana, 'GET', `/api/events/${eventId}/meeting-requests`);
    expect(ended.body.sent.map((r: { state: string }) => r.state)).toEqual(['not_this_time']);
    expect((await call(t.app, bo, 'GET', `/api/events/${eventId}/meeting-requests`)).body.received).toEqual([]);
  });

  it('someone leaving frees their seat for a waiting meeting and ends their requests quietly', async () => {
    const { people, eventId } = await setUp(['Ana', 'Bo', 'Cy', 'Di', 'Ed'], { tables: 1, slots: [SLOT_1] });
    const [ana, bo, cy, di, ed] = people as [Person, Person, Person, Person, Person];
    const first = await ask(eventId, ana, bo);
    const placed = await call(t.app, bo, 'POST', `/api/events/${eventId}/meeting-requests/${first.body.id}/accept`);
    const second = await ask(eventId, cy, di);
    const waiting = await call(t.app, di, 'POST', `/api/events/${eventId}/meeting-requests/${second.body.id}/accept`);
    expect([placed.body.state, waiting.body.state]).toEqual(['scheduled', 'waiting']);
    const unanswered = await ask(eventId, ed, ana);
    expect((await call(t.app, ana, 'POST', `/api/events/${eventId}/leave`)).status).toBe(204);
    expect((await call(t.app, bo, 'GET', `/api/events/${eventId}/meetings/${placed.body.id}`)).body.state).toBe('cancelled');
    expect((await notificationsOf(bo)).map((n) => n.text)).toContain('Ana left the event, so your meeting is off');
    expect((await call(t.app, cy, 'GET', `/api/events/${eventId}/meetings/${waiting.body.id}`)).body.state).toBe('scheduled');
    const edSent = await call(t.app, ed, 'GET', `/api/events/${eventId}/meeting-requests`);
    expect(edSent.body.sent.find((r: { id: string }) => r.id === unanswered.body.id).state).toBe('not_this_time');
  });

  it('re-plans to place more, touching only meetings that move; removes slots and tables whatever their meetings', async () => {
    const { organizer, people, eventId, slots } = await setUp(['Ana', 'Bo', 'Cy', 'Di', 'Ed', 'Flo'], { tables: 1 });
    const [ana, bo, cy, di, ed, flo] = people as [Person, Person, Person, Person, Person, Person];
    const first = await ask(eventId, ana, bo);
    const m1 = await call(t.app, bo, 'POST', `/api/events/${eventId}/meeting-requests/${first.body.id}/accept`);
    expect(m1.body.slot.id).toBe(slots[0]!.id);
    // Cy is free in slot 1 only, where Ana and Bo sit: Cy and Di wait, as nobody placed is moved.
    await call(t.app, cy, 'PUT', `/api/events/${eventId}/me/availability`, { availableSlotIds: [slots[0]!.id] });
    const second = await ask(eventId, cy, di);
    const m2 = await call(t.app, di, 'POST', `/api/events/${eventId}/meeting-requests/${second.body.id}/accept`);
    expect(m2.body.state).toBe('waiting');
    const sequence = async (id: string) => (await queryRows<{ sequence: number }>(t.ctx.db, sql`select sequence from meetings where id = ${id}`))[0]!.sequence;
    const replanned = await call(t.app, organizer, 'POST', `/api/events/${eventId}/schedule/replan`);
    expect(replanned.body).toMatchObject({ meetings: 2, placed: 2, moved: 2, upperBound: 2 });
    expect((await call(t.app, ana, 'GET', `/api/events/${eventId}/meetings/${m1.body.id}`)).body.slot.id).toBe(slots[1]!.id);
    expect((await call(t.app, cy, 'GET', `/api/events/${eventId}/meetings/${m2.body.id}`)).body.slot.id).toBe(slots[0]!.id);
    expect((await notificationsOf(ana)).map((n) => n.kind)).toContain('meeting_placed');
    // Again: nothing moves, and calendars see no change.
    const before = [await sequence(m1.body.id), await sequence(m2.body.id)];
    expect((await call(t.app, organizer, 'POST', `/api/events/${eventId}/schedule/replan`)).body).toMatchObject({ placed: 2, moved: 0 });
    expect([await sequence(m1.body.id), await sequence(m2.body.id)]).toEqual(before);

    // Ed and Flo meet and cancel; Ana and Bo meet (held). The slots and tables still go.
    await call(t.app, organizer, 'POST', `/api/events/${eventId}/tables`, { count: 1 });
    const third = await ask(eventId, ed, flo);
    const m3 = await call(t.app, flo, 'POST', `/api/events/${eventId}/meeting-requests/${third.body.id}/accept`);
    expect(m3.body.slot.id).toBe(slots[0]!.id);
    await call(t.app, ed, 'POST', `/api/events/${eventId}/meetings/${m3.body.id}/cancel`);
    await call(t.app, ana, 'PUT', `/api/events/${eventId}/met/${bo.id}`);
    await call(t.app, bo, 'PUT', `/api/events/${eventId}/met/${ana.id}`);
    expect((await call(t.app, organizer, 'DELETE', `/api/events/${eventId}/tables/${m3.body.table.id}`)).status).toBe(204);
    expect((await call(t.app, organizer, 'DELETE', `/api/events/${eventId}/slots/${slots[1]!.id}`)).status).toBe(204);
    // The held meeting is not seated again, nor anyone told of a new time.
    const held = await call(t.app, ana, 'GET', `/api/events/${eventId}/meetings/${m1.body.id}`);
    expect(held.body).toMatchObject({ state: 'held', slot: null });
    const kinds = (await notificationsOf(bo)).filter((n) => n.kind === 'meeting_placed');
    expect(kinds).toHaveLength(1);
    // Slots stay inside the event.
    const outside = await call(t.app, organizer, 'POST', `/api/events/${eventId}/slots`, { startsAt: '2030-01-01T10:00:00Z', endsAt: '2030-01-01T10:20:00Z' });
    expect(outside.status).toBe(400);
    expect(outside.body.detail).toMatch(/within the event/);
  });

  it('"we met" said by both at the same moment records it once; repeated taps notify once, a blocker never', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `Twin ${i}`);
    const { people, eventId } = await setUp(names);
    const pairs = Array.from({ length: 5 }, (_, i) => [people[2 * i]!, people[2 * i + 1]!] as const);
    for (const [a, b] of pairs) {
      const sent = await ask(eventId, a, b);
      await call(t.app, b, 'POST', `/api/events/${eventId}/meeting-requests/${sent.body.id}/accept`);
    }
    const taps = await Promise.all(
      pairs.flatMap(([a, b]) => [call(t.app, a, 'PUT', `/api/events/${eventId}/met/${b.id}`), call(t.app, b, 'PUT', `/api/events/${eventId}/met/${a.id}`)]),
    );
    expect(taps.map((r) => r.status)).toEqual(Array(10).fill(200));
    const encounters = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from encounters where event_id = ${eventId}`);
    expect(encounters[0]!.n).toBe(5);
    for (let i = 0; i < 10; i += 2) {
      // Of each pair, one said it first and was answered "waiting", the other "recorded".
      expect([taps[i]!.body.state, taps[i + 1]!.body.state].sort()).toEqual(['recorded', 'waiting']);
    }
    const waitingRows = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from met_confirmations where event_id = ${eventId}`);
    expect(waitingRows[0]!.n).toBe(0);

    const [lone, target] = [people[0]!, people[9]!];
    const pending = async (who: Person) => (await notificationsOf(who)).filter((n) => n.kind === 'met_pending').length;
    const before = await pending(target);
    for (let i = 0; i < 3; i++) await call(t.app, lone, 'PUT', `/api/events/${eventId}/met/${target.id}`);
    expect(await pending(target)).toBe(before + 1);
    const blocker = people[2]!;
    await call(t.app, blocker, 'PUT', `/api/me/blocks/${lone.id}`);
    const beforeBlock = await pending(blocker);
    expect((await call(t.app, lone, 'PUT', `/api/events/${eventId}/met/${blocker.id}`)).body.state).toBe('waiting');
    expect(await pending(blocker)).toBe(beforeBlock);
  });

  it('a request from someone I block afterwards leaves my list and cannot be answered', async () => {
    const { people, eventId } = await setUp(['Ana', 'Cy']);
    const [ana, cy] = people as [Person, Person];
    const sent = await ask(eventId, cy, ana);
    expect((await call(t.app, ana, 'GET', `/api/events/${eventId}/meeting-requests`)).body.received).toHaveLength(1);
    await call(t.app, ana, 'PUT', `/api/me/blocks/${cy.id}`);
    expect((await call(t.app, ana, 'GET', `/api/events/${eventId}/meeting-requests`)).body.received).toEqual([]);
    expect((await call(t.app, ana, 'POST', `/api/events/${eventId}/meeting-requests/${sent.body.id}/accept`)).status).toBe(404);
    expect((await call(t.app, cy, 'GET', `/api/events/${eventId}/meeting-requests`)).body.sent[0].state).toBe('waiting');
  });

  it('a request to someone who blocked me never reaches them, and looks like any other to me', async () => {
    const { people, eventId } = await setUp(['Ana', 'Bo']);
    const [ana, bo] = people as [Person, Person];
    expect((await call(t.app, bo, 'PUT', `/api/me/blocks/${ana.id}`)).status).toBe(204);
    const sent = await ask(eventId, ana, bo);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.state).toBe('waiting');
    expect((await call(t.app, bo, 'GET', `/api/events/${eventId}/meeting-requests`)).body.received).toEqual([]);
    expect(await notificationsOf(bo)).toEqual([]);
    expect((await call(t.app, bo, 'POST', `/api/events/${eventId}/meeting-requests/${sent.body.id}/accept`)).status).toBe(404);
    // And I cannot ask someone I block.
    const back = await ask(eventId, bo, ana);
    expect(back.status).toBe(409);
    expect(back.body.detail).toMatch(/blocked/);
    // Unblocked, Bo may ask Ana; the request Bo never saw does not stand in the way, or show.
    await call(t.app, bo, 'DELETE', `/api/me/blocks/${ana.id}`);
    const after = await ask(eventId, bo, ana);
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    const anaSent = await call(t.app, ana, 'GET', `/api/events/${eventId}/meeting-requests`);
    expect(anaSent.body.sent.map((r: { state: string }) => r.state)).toEqual(['not_this_time']);
    expect(anaSent.body.received.map((r: { person: { id: string } }) => r.person.id)).toEqual([bo.id]);
  });

  it('respects availability, moves and cancels meetings, and places waiting ones when a seat frees up', async () => {
    const { organizer, people, eventId, slots } = await setUp(['Ana', 'Bo', 'Cy', 'Di'], { tables: 1 });
    const [ana, bo, cy, di] = people as [Person, Person, Person, Person];
    const availability = await call(t.app, bo, 'PUT', `/api/events/${eventId}/me/availability`, { availableSlotIds: [slots[1]!.id] });
    expect(availability.body.slots.map((s: { available: boolean }) => s.available)).toEqual([false, true]);
    const first = await ask(eventId, ana, bo);
    const meeting = await call(t.app, bo, 'POST', `/api/events/${eventId}/meeting-requests/${first.body.id}/accept`);
    expect(meeting.body.slot.id).toBe(slots[1]!.id);
    // Cy and Di take the only table of slot 1; moving Ana and Bo there is impossible (Bo is busy).
    const second = await ask(eventId, cy, di);
    const other = await call(t.app, di, 'POST', `/api/events/${eventId}/meeting-requests/${second.body.id}/accept`);
    expect(other.body.slot.id).toBe(slots[0]!.id);
    const move = await call(t.app, ana, 'POST', `/api/events/${eventId}/meetings/${meeting.body.id}/reschedule`);
    expect(move.status).toBe(409);
    const moved = await call(t.app, cy, 'POST', `/api/events/${eventId}/meetings/${other.body.id}/reschedule`);
    expect(moved.status).toBe(409); // slot 2's only table is Ana and Bo's
    // One more table: now Cy and Di can move, and Di is told.
    await call(t.app, organizer, 'POST', `/api/events/${eventId}/tables`, { count: 1 });
    const nowMoved = await call(t.app, cy, 'POST', `/api/events/${eventId}/meetings/${other.body.id}/reschedule`);
    expect(nowMoved.status).toBe(200);
    expect(nowMoved.body.slot.id).toBe(slots[1]!.id);
    expect((await notificationsOf(di)).map((n) => n.kind)).toContain('meeting_moved');
    // Bo becomes free in no slot: the meeting waits, Ana is told; free again, it is placed again.
    await call(t.app, bo, 'PUT', `/api/events/${eventId}/me/availability`, { availableSlotIds: [] });
    expect((await call(t.app, ana, 'GET', `/api/events/${eventId}/meetings/${meeting.body.id}`)).body.state).toBe('waiting');
    expect((await notificationsOf(ana)).map((n) => n.kind)).toContain('meeting_unplaced');
    await call(t.app, bo, 'PUT', `/api/events/${eventId}/me/availability`, { availableSlotIds: slots.map((s) => s.id) });
    const back = await call(t.app, ana, 'GET', `/api/events/${eventId}/meetings/${meeting.body.id}`);
    expect(back.body.state).toBe('scheduled');
    const cancelled = await call(t.app, ana, 'POST', `/api/events/${eventId}/meetings/${meeting.body.id}/cancel`);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', cancelledByMe: true });
    expect((await notificationsOf(bo)).map((n) => n.kind)).toContain('meeting_cancelled');
  });

  it('"we met" needs both sides: a one-sided scan records nothing; a meeting becomes held', async () => {
    const { organizer, people, eventId } = await setUp(['Ana', 'Bo', 'Cy', 'Di']);
    const [ana, bo, cy, di] = people as [Person, Person, Person, Person];
    const sent = await ask(eventId, ana, bo);
    const meeting = await call(t.app, bo, 'POST', `/api/events/${eventId}/meeting-requests/${sent.body.id}/accept`);
    const anaCode = await call(t.app, ana, 'GET', `/api/events/${eventId}/me/meet-code`);
    expect(anaCode.body.code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(anaCode.body.url).toBe(`http://127.0.0.1:3000/e/${eventId}/met/${anaCode.body.code}`);
    expect((await call(t.app, ana, 'GET', `/api/events/${eventId}/me/meet-code`)).body.code).toBe(anaCode.body.code);

    const scan = await call(t.app, bo, 'POST', `/api/events/${eventId}/met`, { code: anaCode.body.code.toLowerCase() });
    expect(scan.body).toMatchObject({ state: 'waiting', person: { id: ana.id } });
    const count = async () => (await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from encounters where event_id = ${eventId}`))[0]!.n;
    expect(await count()).toBe(0);
    const anaView = await call(t.app, ana, 'GET', `/api/events/${eventId}/encounters`);
    expect(anaView.body.waitingForMe.map((w: { person: { id: string } }) => w.person.id)).toEqual([bo.id]);
    expect((await notificationsOf(ana)).map((n) => n.kind)).toContain('met_pending');

    const tap = await call(t.app, ana, 'PUT', `/api/events/${eventId}/met/${bo.id}`);
    expect(tap.body.state).toBe('recorded');
    expect(tap.body.encounter).toMatchObject({ source: 'meeting', meetingId: meeting.body.id, tableLabel: meeting.body.table.label });
    expect(await count()).toBe(1);
    expect((await call(t.app, bo, 'GET', `/api/events/${eventId}/meetings/${meeting.body.id}`)).body.state).toBe('held');
    // Bo, who scanned first and waited, hears that it is recorded.
    expect((await notificationsOf(bo)).map((n) => n.text)).toContain('You and Ana met: it is recorded for you both');
    const schedule = await call(t.app, organizer, 'GET', `/api/events/${eventId}/schedule`);
    expect(schedule.body.figures.held).toBe(1);
    // Scanning again records nothing more.
    const rescan = await call(t.app, bo, 'POST', `/api/events/${eventId}/met`, { code: anaCode.body.code });
    expect(rescan.body).toMatchObject({ state: 'recorded', encounter: { id: tap.body.encounter.id } });
    expect(await count()).toBe(1);

    // Outside meetings: Cy and Di scan each other.
    const diCode = await call(t.app, di, 'GET', `/api/events/${eventId}/me/meet-code`);
    const cyCode = await call(t.app, cy, 'GET', `/api/events/${eventId}/me/meet-code`);
    expect((await call(t.app, cy, 'POST', `/api/events/${eventId}/met`, { code: diCode.body.code })).body.state).toBe('waiting');
    const both = await call(t.app, di, 'POST', `/api/events/${eventId}/met`, { code: cyCode.body.code });
    expect(both.body).toMatchObject({ state: 'recorded', encounter: { source: 'scan', meetingId: null } });
    const unknown = await call(t.app, di, 'POST', `/api/events/${eventId}/met`, { code: 'ZZZZZZ' });
    expect(unknown.status).toBe(404);
    const own = await call(t.app, di, 'POST', `/api/events/${eventId}/met`, { code: diCode.body.code });
    expect(own.status).toBe(400);
    // Nobody else sees who met whom.
    const stranger = await call(t.app, bo, 'GET', `/api/events/${eventId}/encounters`);
    expect(JSON.stringify(stranger.body)).not.toContain(cy.id);
  });

  it('writes each meeting and a revocable personal feed as valid iCalendar in the event’s time zone', async () => {
    const { people, eventId } = await setUp(['Ana', 'Bo']);
    const [ana, bo] = people as [Person, Person];
    const sent = await ask(eventId, ana, bo);
    const meeting = await call(t.app, bo, 'POST', `/api/events/${eventId}/meeting-requests/${sent.body.id}/accept`);
    const file = await t.app.inject({ method: 'GET', url: `/api/events/${eventId}/meetings/${meeting.body.id}/calendar`, headers: { cookie: ana.cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/^text\/calendar/);
    const parsed = new ICAL.Component(ICAL.parse(file.body));
    const vevent = parsed.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe('1:1 with Bo');
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(SLOT_1.startsAt).toISOString());
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Lisbon');
    expect(parsed.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/Lisbon');
    expect(event.location).toContain(meeting.body.table.label);

    const feed = await call(t.app, ana, 'POST', '/api/me/calendar-feed');
    const path = new URL(feed.body.url).pathname;
    const fetched = await t.app.inject({ method: 'GET', url: path });
    expect(fetched.statusCode).toBe(200);
    const feedEvents = new ICAL.Component(ICAL.parse(fetched.body)).getAllSubcomponents('vevent');
    expect(feedEvents.map((v) => v.getFirstPropertyValue('uid'))).toEqual([`${meeting.body.id}@commonground`]);
    await call(t.app, ana, 'POST', `/api/events/${eventId}/meetings/${meeting.body.id}/cancel`);
    const afterCancel = new ICAL.Component(ICAL.parse((await t.app.inject({ method: 'GET', url: path })).body));
    expect(afterCancel.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(Number(afterCancel.getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence'))).toBeGreaterThan(
      Number(vevent.getFirstPropertyValue('sequence')),
    );
    expect((await call(t.app, ana, 'DELETE', '/api/me/calendar-feed')).status).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
  });

  it('tells both people ten minutes before, once, however often it looks', async () => {
    const { people, eventId } = await setUp(['Ana', 'Bo']);
    const [ana, bo] = people as [Person, Person];
    const sent = await ask(eventId, ana, bo);
    await call(t.app, bo, 'POST', `/api/events/${eventId}/meeting-requests/${sent.body.id}/accept`);
    const original = t.clock.now();
    const slotStart = new Date(SLOT_1.startsAt).getTime();
    const starting = async (person: Person) => (await notificationsOf(person)).filter((n) => n.kind === 'meeting_starting');
    try {
      t.clock.advance(slotStart - 11 * 60_000 - original.getTime());
      await announceStartingMeetings(t.ctx);
      const early = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from notifications where user_id = ${ana.id} and kind = 'meeting_starting'`);
      expect(early[0]!.n).toBe(0);
      t.clock.advance(2 * 60_000);
      // Other tests' meetings share the slot's time: at least these two are announced, then none.
      expect(await announceStartingMeetings(t.ctx)).toBeGreaterThanOrEqual(2);
      expect(await announceStartingMeetings(t.ctx)).toBe(0);
    } finally {
      t.clock.advance(original.getTime() - t.clock.now().getTime());
    }
    expect(await starting(bo)).toHaveLength(1);
    const mine = await starting(ana);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.text).toMatch(/^At 19:00: Bo at Table \d$/);
  });

  it('streams notifications live over SSE', async () => {
    const { people, eventId } = await setUp(['Ana', 'Bo']);
    const [ana, bo] = people as [Person, Person];
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    {
      const controller = new AbortController();
      const response = await fetch(`${address}/api/me/notifications/stream`, { headers: { cookie: bo.cookie }, signal: controller.signal });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const received = firstEvent(response, 'notification');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await ask(eventId, ana, bo);
      const data = await received;
      controller.abort();
      expect(data).toMatchObject({ kind: 'request_received', eventId, text: 'Ana would like to meet you' });
      const anonymous = await fetch(`${address}/api/me/notifications/stream`);
      expect(anonymous.status).toBe(401);
    }
  });

  it('settles 20 acceptances racing for the last table of a slot by the unique indexes', async () => {
    const names = Array.from({ length: 44 }, (_, i) => `Racer ${i}`);
    const { people, eventId, slots } = await setUp(names, { tables: 3, slots: [SLOT_1] });
    // Two meetings take two of slot 1's three tables.
    for (let i = 40; i < 44; i += 2) {
      const sent = await ask(eventId, people[i]!, people[i + 1]!);
      await call(t.app, people[i + 1]!, 'POST', `/api/events/${eventId}/meeting-requests/${sent.body.id}/accept`);
    }
    const requests = [];
    for (let i = 0; i < 40; i += 2) requests.push({ sent: await ask(eventId, people[i]!, people[i + 1]!), invitee: people[i + 1]! });
    const answers = await Promise.all(
      requests.map(({ sent, invitee }) => call(t.app, invitee, 'POST', `/api/events/${eventId}/meeting-requests/${sent.body.id}/accept`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const placed = answers.filter((a) => a.body.state === 'scheduled');
    expect(placed).toHaveLength(1);
    expect(placed[0]!.body.slot.id).toBe(slots[0]!.id);
    expect(answers.filter((a) => a.body.state === 'waiting')).toHaveLength(19);
    const rows = await queryRows<{ slot_id: string; table_id: string }>(
      t.ctx.db,
      sql`select slot_id, table_id from meetings where event_id = ${eventId} and slot_id is not null`,
    );
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.table_id)).size).toBe(3);
    // Seats lost in the race left no booking behind.
    const bookings = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from meeting_bookings b join meetings m on m.id = b.meeting_id where m.event_id = ${eventId}`,
    );
    expect(bookings[0]!.n).toBe(2 * rows.length);
  });

  it('gives the losers of a race another slot when there is one', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `Runner ${i}`);
    const { organizer, people, eventId, slots } = await setUp(names, { tables: 1 });
    await call(t.app, organizer, 'POST', `/api/events/${eventId}/tables`, { count: 9 });
    const requests = [];
    for (let i = 0; i < 40; i += 2) requests.push({ sent: await ask(eventId, people[i]!, people[i + 1]!), invitee: people[i + 1]! });
    const answers = await Promise.all(
      requests.map(({ sent, invitee }) => call(t.app, invitee, 'POST', `/api/events/${eventId}/meeting-requests/${sent.body.id}/accept`)),
    );
    const bySlot = (id: string) => answers.filter((a) => a.body.slot?.id === id).length;
    // 20 meetings, 2 slots of 10 tables: everyone placed, 10 per slot, no table twice.
    expect(bySlot(slots[0]!.id)).toBe(10);
    expect(bySlot(slots[1]!.id)).toBe(10);
    const seats = answers.map((a) => `${a.body.slot.id}/${a.body.table.id}`);
    expect(new Set(seats).size).toBe(20);
  });
});
