import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoEvent } from '../../src/server/demo/demo.service.js';
import { advanceDueMixers, advanceMixer, changeAttendance, getMixer, startMixer } from '../../src/server/mixers/mixers.service.js';
import * as repo from '../../src/server/mixers/mixers.repository.js';
import { queryRows } from '../../src/server/platform/db/client.js';
import type { LiveMessage } from '../../src/server/platform/realtime.js';
import { call, createTestApp, eventWith, type Person, type TestApp } from '../support/app.js';
import { snapshotDatabase } from '../support/database.js';
import { storageEngines } from '../support/engines.js';
import { createPeople } from '../support/people.js';

const engines = storageEngines();

interface PlanTable {
  table: number;
  label: string;
  people: string[];
}
interface PlanRound {
  round: number;
  tables: PlanTable[];
}

/** Round → person → table (from 1), from a Mixer's plan. */
function seatsOf(plan: { rounds: PlanRound[] }): Map<string, number>[] {
  return plan.rounds.map((round) => {
    const seats = new Map<string, number>();
    for (const table of round.tables) for (const id of table.people) seats.set(id, table.table);
    return seats;
  });
}

const INTERESTS = ['Rock climbing', 'Rust', 'Sourdough', 'Jazz', 'Chess', 'Urban gardening', 'Photography', 'Typography'];

describe.each(engines)('table-rotation mixers on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** An event with an organizer and attendees, of whom the first `checkedIn` are checked in; everyone has a few interests. */
  async function setUp(attendees: number, options: { checkedIn?: number } = {}) {
    const names = Array.from({ length: attendees }, (_, i) => `Person${String.fromCharCode(65 + (i % 26))}${i} Example`);
    const [organizer, ...people] = await createPeople(t, ['Olga Organizer', ...names]);
    const { event } = await eventWith(t.app, organizer!, people);
    for (const [i, person] of people.entries()) {
      const saved = await call(t.app, person, 'PUT', '/api/me/profile', {
        displayName: person.name,
        headline: `Headline of ${person.name}`,
        bio: '',
        interests: [INTERESTS[i % INTERESTS.length]!, INTERESTS[(i * 3 + 1) % INTERESTS.length]!],
        offers: [],
        seeking: [],
        questions: [],
        contact: { email: `private.${i}@example.org`, phone: '', links: [] },
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    }
    const checkedIn = options.checkedIn ?? attendees;
    for (const person of people.slice(0, checkedIn)) {
      const checked = await call(t.app, organizer!, 'PATCH', `/api/events/${event.id}/members/${person.id}`, { status: 'checked_in' });
      expect(checked.status).toBe(200);
    }
    return { organizer: organizer!, people, eventId: event.id as string };
  }

  const create = (eventId: string, who: Person, body: Record<string, unknown>) =>
    call(t.app, who, 'POST', `/api/events/${eventId}/mixers`, { participants: 'checked_in', tableSize: 3, rounds: 3, minutesPerRound: 10, ...body });

  async function mixerRows() {
    return queryRows<{ id: string }>(t.ctx.db, sql`select id from mixers`);
  }

  it('plans the checked-in attendees: everyone seated once a round, no repeats on an easy instance, figures and baseline', async () => {
    const { organizer, people, eventId } = await setUp(14, { checkedIn: 12 });
    const created = await create(eventId, organizer, { name: 'Friday rotation' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const mixer = created.body;
    expect(mixer).toMatchObject({ name: 'Friday rotation', status: 'draft', tableSize: 3, tables: 4, rounds: 3, currentRound: 0, roundStartedAt: null, roundEndsAt: null, autoAdvance: false });
    // Checked-in attendees only: not the two who merely joined, not the organizer.
    expect(mixer.participants.map((p: { id: string }) => p.id).sort()).toEqual(people.slice(0, 12).map((p) => p.id).sort());
    expect(mixer.participants[0]).toMatchObject({ name: expect.any(String), headline: expect.stringMatching(/^Headline of/), pinnedTable: null, absentFrom: null, joinedAt: 1 });
    expect(mixer.figures).toMatchObject({ repeatPairs: 0, maxRepeat: 1, apartViolations: 0, bound: 5, distinctPairs: 36 });
    expect(mixer.figures.baselineRepeatPairs).toEqual(expect.any(Number));
    expect(mixer.method).toEqual(expect.any(String));
    expect(mixer.plan.rounds).toHaveLength(3);
    for (const round of mixer.plan.rounds as PlanRound[]) {
      expect(round.tables.map((table) => table.people.length)).toEqual([3, 3, 3, 3]);
      expect(round.tables.map((table) => table.label)).toEqual(['Table 1', 'Table 2', 'Table 3', 'Table 4']);
      expect(new Set(round.tables.flatMap((table) => table.people)).size).toBe(12);
    }
    const read = await call(t.app, organizer, 'GET', `/api/events/${eventId}/mixers/${mixer.id}`);
    expect(read.status).toBe(200);
    expect(read.body.plan).toEqual(mixer.plan);
    const list = await call(t.app, organizer, 'GET', `/api/events/${eventId}/mixers`);
    expect(list.body).toEqual([
      { id: mixer.id, name: 'Friday rotation', status: 'draft', rounds: 3, currentRound: 0, tableSize: 3, participantCount: 12, roundEndsAt: null },
    ]);
    // Contact details never travel with a mixer.
    expect(JSON.stringify(mixer)).not.toContain('private.');
  });

  it('keeps pins and apart pairs in the stored plan, and re-plans a draft when they change', async () => {
    const { organizer, people, eventId } = await setUp(9);
    const [host, a, b, c, d] = people as [Person, Person, Person, Person, Person];
    const created = await create(eventId, organizer, {
      participants: 'joined',
      pinned: [{ userId: host.id, table: 2 }],
      apart: [
        [a.id, b.id],
        [c.id, d.id],
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const check = (mixer: { plan: { rounds: PlanRound[] }; figures: { apartViolations: number } }, pinnedTo: number) => {
      for (const seats of seatsOf(mixer.plan)) {
        expect(seats.get(host.id)).toBe(pinnedTo);
        expect(seats.get(a.id)).not.toBe(seats.get(b.id));
        expect(seats.get(c.id)).not.toBe(seats.get(d.id));
      }
      expect(mixer.figures.apartViolations).toBe(0);
    };
    check(created.body, 2);
    expect(created.body.participants.find((p: { id: string }) => p.id === host.id).pinnedTable).toBe(2);
    expect(created.body.apart).toHaveLength(2);
    const stored = await call(t.app, organizer, 'GET', `/api/events/${eventId}/mixers/${created.body.id}`);
    check(stored.body, 2);

    const seedOf = async () => (await queryRows<{ seed: number }>(t.ctx.db, sql`select seed from mixers where id = ${created.body.id}`))[0]!.seed;
    const seed = await seedOf();
    const moved = await call(t.app, organizer, 'PATCH', `/api/events/${eventId}/mixers/${created.body.id}`, { pinned: [{ userId: host.id, table: 3 }], rounds: 4 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.rounds).toBe(4);
    expect(moved.body.plan.rounds).toHaveLength(4);
    check(moved.body, 3);
    // Planned again with the same seed, which stays the server's own.
    expect(await seedOf()).toBe(seed);
    expect(moved.body).not.toHaveProperty('seed');
  });

  it('keeps people who block one another apart when it can, and never lets organizers tell a block from the figures', async () => {
    const { organizer, people, eventId } = await setUp(6);
    const [ana, bo] = people as [Person, Person];
    expect((await call(t.app, ana, 'PUT', `/api/me/blocks/${bo.id}`)).status).toBe(204);
    const apartable = await create(eventId, organizer, { participants: 'joined', tableSize: 3, rounds: 2 });
    expect(apartable.status, JSON.stringify(apartable.body)).toBe(201);
    for (const seats of seatsOf(apartable.body.plan)) expect(seats.get(ana.id)).not.toBe(seats.get(bo.id));
    expect(apartable.body.apart).toEqual([]);

    // Both hosts of one table: no plan keeps them apart, and the organizers' figures say nothing of it.
    const together = await create(eventId, organizer, {
      participants: 'joined',
      tableSize: 3,
      rounds: 2,
      pinned: [
        { userId: ana.id, table: 1 },
        { userId: bo.id, table: 1 },
      ],
    });
    expect(together.status, JSON.stringify(together.body)).toBe(201);
    for (const seats of seatsOf(together.body.plan)) expect(seats.get(ana.id)).toBe(seats.get(bo.id));
    expect(together.body.figures.apartViolations).toBe(0);
    expect(together.body.apart).toEqual([]);
    const base = `/api/events/${eventId}/mixers/${together.body.id}`;
    expect((await call(t.app, organizer, 'GET', base)).body.figures.apartViolations).toBe(0);
    // Nor once it runs and is planned again around a newcomer.
    await call(t.app, organizer, 'POST', `${base}/start`);
    const replanned = await call(t.app, organizer, 'POST', `${base}/attendance`, { absent: [people[5]!.id] });
    expect(replanned.status, JSON.stringify(replanned.body)).toBe(200);
    expect(replanned.body.figures.apartViolations).toBe(0);
    // Seated together against their wish, they are not recorded as having met; the others at their table are.
    expect((await call(t.app, organizer, 'POST', `${base}/finish`)).status).toBe(200);
    const met = await queryRows<{ low: string; high: string }>(
      t.ctx.db,
      sql`select user_low as low, user_high as high from encounters where mixer_id = ${together.body.id}`,
    );
    expect(met.some((e) => [e.low, e.high].includes(ana.id) && [e.low, e.high].includes(bo.id))).toBe(false);
    expect(met.some((e) => [e.low, e.high].includes(ana.id))).toBe(true);
  });

  it('runs: start, advance (a stale round is refused), finish; encounters are recorded once per pair with round and table', async () => {
    const { organizer, people, eventId } = await setUp(6);
    const created = await create(eventId, organizer, { rounds: 3, minutesPerRound: 12 });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const base = `/api/events/${eventId}/mixers/${id}`;
    expect((await call(t.app, organizer, 'POST', `${base}/advance`, { fromRound: 0 })).status).toBe(409);

    const started = await call(t.app, organizer, 'POST', `${base}/start`);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'running', currentRound: 1 });
    expect(new Date(started.body.roundStartedAt).getTime()).toBe(t.clock.now().getTime());
    expect(new Date(started.body.roundEndsAt).getTime()).toBe(t.clock.now().getTime() + 12 * 60_000);
    expect((await call(t.app, organizer, 'POST', `${base}/start`)).status).toBe(409);
    expect((await call(t.app, organizer, 'DELETE', base)).status).toBe(409);
    const whileRunning = await call(t.app, organizer, 'PATCH', base, { rounds: 5 });
    expect(whileRunning.status).toBe(409);
    expect(whileRunning.body.detail).toMatch(/only its name/);
    const longer = await call(t.app, organizer, 'PATCH', base, { minutesPerRound: 15, name: 'Longer rounds' });
    expect(longer.status).toBe(200);
    expect(new Date(longer.body.roundEndsAt).getTime()).toBe(t.clock.now().getTime() + 15 * 60_000);

    t.clock.advance(60_000);
    const second = await call(t.app, organizer, 'POST', `${base}/advance`, { fromRound: 1 });
    expect(second.status).toBe(200);
    expect(second.body.currentRound).toBe(2);
    // A double tap, or a second organizer looking at round 1: nothing happens.
    const stale = await call(t.app, organizer, 'POST', `${base}/advance`, { fromRound: 1 });
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.body.detail).toMatch(/round 2/);
    const encountersAfterOne = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from encounters where mixer_id = ${id}`);
    expect(encountersAfterOne[0]!.n).toBe(6);

    expect((await call(t.app, organizer, 'POST', `${base}/advance`, { fromRound: 2 })).body.currentRound).toBe(3);
    const finished = await call(t.app, organizer, 'POST', `${base}/advance`, { fromRound: 3 });
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({ status: 'finished', currentRound: 3, roundEndsAt: null });
    expect((await call(t.app, organizer, 'POST', `${base}/finish`)).status).toBe(200);

    // One encounter per pair: the first round they shared a table, at that table.
    const seats = seatsOf(finished.body.plan);
    const first = new Map<string, { round: number; table: number }>();
    seats.forEach((round, r) => {
      for (const [x, tx] of round) {
        for (const [y, ty] of round) {
          if (x < y && tx === ty && !first.has(`${x}:${y}`)) first.set(`${x}:${y}`, { round: r + 1, table: tx });
        }
      }
    });
    const rows = await queryRows<{ user_low: string; user_high: string; mixer_round: number; table_label: string; source: string }>(
      t.ctx.db,
      sql`select user_low, user_high, mixer_round, table_label, source from encounters where mixer_id = ${id}`,
    );
    expect(rows).toHaveLength(first.size);
    expect(finished.body.figures.distinctPairs).toBe(first.size);
    for (const row of rows) {
      expect(row.source).toBe('mixer');
      expect({ round: row.mixer_round, label: row.table_label }).toEqual({
        round: first.get(`${row.user_low}:${row.user_high}`)!.round,
        label: `Table ${first.get(`${row.user_low}:${row.user_high}`)!.table}`,
      });
    }
    const mine = await call(t.app, people[0]!, 'GET', `/api/events/${eventId}/encounters`);
    expect(mine.body.encounters.length).toBeGreaterThan(0);
    expect(mine.body.encounters.every((e: { source: string }) => e.source === 'mixer')).toBe(true);

    // A second mixer of the same six: the pairs it seats who met in the first are counted as met before.
    const again = await create(eventId, organizer, { rounds: 1 });
    expect(again.status).toBe(201);
    const [only] = seatsOf(again.body.plan);
    let metAgain = 0;
    for (const [x, tx] of only!) for (const [y, ty] of only!) if (x < y && tx === ty && first.has(`${x}:${y}`)) metAgain++;
    expect(metAgain).toBeGreaterThan(0);
    expect(again.body.figures.metBeforePairs).toBe(metAgain);
    expect(again.body.figures.repeatPairs).toBe(metAgain);

    expect((await call(t.app, organizer, 'DELETE', base)).status).toBe(204);
    expect((await call(t.app, organizer, 'GET', base)).status).toBe(404);
    const kept = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from encounters where event_id = ${eventId} and source = 'mixer'`);
    expect(kept[0]!.n).toBe(first.size);
  });

  it('re-plans after attendance changes: past rounds stay, the absent person is unseated, a late arrival gets seats', async () => {
    const { organizer, people, eventId } = await setUp(13, { checkedIn: 12 });
    const late = people[12]!;
    const leaving = people[0]!;
    const created = await create(eventId, organizer, { rounds: 4 });
    const base = `/api/events/${eventId}/mixers/${created.body.id}`;
    await call(t.app, organizer, 'POST', `${base}/start`);
    const atTwo = await call(t.app, organizer, 'POST', `${base}/advance`, { fromRound: 1 });
    expect(atTwo.body.currentRound).toBe(2);

    const heard: LiveMessage[] = [];
    const stops = people.map((person) => t.ctx.realtime!.subscribe(person.id, (message) => heard.push(message)));
    let changed;
    try {
      changed = await call(t.app, organizer, 'POST', `${base}/attendance`, { absent: [leaving.id], present: [late.id] });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      // The phones of people whose tables to come changed are told to read them again; only those.
      const before = seatsOf(atTwo.body.plan);
      const after = seatsOf(changed.body.plan);
      const moved = people.filter((person) => [2, 3].some((r) => before[r]!.get(person.id) !== after[r]!.get(person.id))).map((person) => person.id);
      expect(moved).toContain(leaving.id);
      expect(moved).toContain(late.id);
      await expect.poll(() => heard.filter((m) => m.type === 'mixer.updated').map((m) => m.userId).sort()).toEqual(moved.sort());
    } finally {
      for (const stop of stops) stop();
    }
    expect(changed.body.plan.rounds.slice(0, 2)).toEqual(atTwo.body.plan.rounds.slice(0, 2));
    const seats = seatsOf(changed.body.plan);
    expect(seats[2]!.has(leaving.id)).toBe(false);
    expect(seats[3]!.has(leaving.id)).toBe(false);
    expect(seats[1]!.has(late.id)).toBe(false);
    expect(seats[2]!.has(late.id)).toBe(true);
    expect(seats[3]!.has(late.id)).toBe(true);
    const byId = new Map(changed.body.participants.map((p: { id: string }) => [p.id, p]));
    expect(byId.get(leaving.id)).toMatchObject({ absentFrom: 3, joinedAt: 1 });
    expect(byId.get(late.id)).toMatchObject({ absentFrom: null, joinedAt: 3 });

    // The late arrival sits out the round under way and knows their tables to come.
    const lateSeat = await call(t.app, late, 'GET', `${base}/me`);
    expect(lateSeat.status).toBe(200);
    expect(lateSeat.body).toMatchObject({ round: 2, seat: null, sittingOut: true });
    expect(lateSeat.body.upcoming).toEqual([
      { round: 3, table: seats[2]!.get(late.id) },
      { round: 4, table: seats[3]!.get(late.id) },
    ]);
    const leavingSeat = await call(t.app, leaving, 'GET', `${base}/me`);
    expect(leavingSeat.body.seat).not.toBeNull();
    expect(leavingSeat.body.upcoming).toEqual([]);

    // Someone who is no member cannot be added; no one can be both.
    const [outsider] = await createPeople(t, ['Otto Outsider']);
    const refused = await call(t.app, organizer, 'POST', `${base}/attendance`, { present: [outsider!.id] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].pointer).toBe('/body/present/0');
    expect((await call(t.app, organizer, 'POST', `${base}/attendance`, { absent: [late.id], present: [late.id] })).status).toBe(422);
  });

  it('re-plans around a deleted account without moving anyone in the rounds played or under way', async () => {
    const { organizer, people, eventId } = await setUp(9);
    const created = await create(eventId, organizer, { rounds: 4 });
    const base = `/api/events/${eventId}/mixers/${created.body.id}`;
    await call(t.app, organizer, 'POST', `${base}/start`);
    const atTwo = await call(t.app, organizer, 'POST', `${base}/advance`, { fromRound: 1 });
    // An account deleted: its seat goes with it, and the plan's positions have a gap.
    const gone = atTwo.body.participants[1].id as string;
    await t.ctx.db.execute(sql`delete from users where id = ${gone}`);
    const leaving = people.find((p) => p.id !== gone)!;
    const changed = await call(t.app, organizer, 'POST', `${base}/attendance`, { absent: [leaving.id] });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const before = seatsOf(atTwo.body.plan);
    const after = seatsOf(changed.body.plan);
    for (const round of [0, 1]) {
      for (const person of people) {
        if (person.id !== gone) expect(after[round]!.get(person.id), `round ${round + 1}`).toBe(before[round]!.get(person.id));
      }
      expect(after[round]!.has(gone)).toBe(false);
    }
    expect(after[2]!.has(leaving.id)).toBe(false);
    expect(after[2]!.size).toBe(people.length - 2);
  });

  it('says what can make room when a late arrival does not fit the tables of a running mixer', async () => {
    const { organizer, people, eventId } = await setUp(7, { checkedIn: 6 });
    const created = await create(eventId, organizer, { tableSize: 3, tables: 2, rounds: 3 });
    const base = `/api/events/${eventId}/mixers/${created.body.id}`;
    await call(t.app, organizer, 'POST', `${base}/start`);
    const refused = await call(t.app, organizer, 'POST', `${base}/attendance`, { present: [people[6]!.id] });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe('7 people need more seats than 2 tables of 3 have (6). While the mixer runs its tables stay as they are: mark someone absent to make room.');
    expect(refused.body.errors[0].pointer).toBe('/body/present');
    const swapped = await call(t.app, organizer, 'POST', `${base}/attendance`, { present: [people[6]!.id], absent: [people[0]!.id] });
    expect(swapped.status, JSON.stringify(swapped.body)).toBe(200);
  });

  it('shows organizers everything and attendees only their own seat, once started', async () => {
    const { organizer, people, eventId } = await setUp(8, { checkedIn: 6 });
    const [me, , , , , , notIn] = people as Person[];
    const created = await create(eventId, organizer, { rounds: 2 });
    const id = created.body.id as string;
    const base = `/api/events/${eventId}/mixers/${id}`;
    for (const [method, url, body] of [
      ['POST', `/api/events/${eventId}/mixers`, { participants: 'joined', tableSize: 3, rounds: 2, minutesPerRound: 5 }],
      ['GET', base, undefined],
      ['PATCH', base, { name: 'Mine now' }],
      ['POST', `${base}/start`, undefined],
      ['POST', `${base}/attendance`, { absent: [me!.id] }],
      ['DELETE', base, undefined],
    ] as const) {
      const denied = await call(t.app, me, method, url, body);
      expect(denied.status, `${method} ${url}`).toBe(404);
      expect(denied.body.detail).toBe('It does not exist, or you do not have access to it.');
    }
    // A draft is the organizers' own.
    expect((await call(t.app, me, 'GET', `/api/events/${eventId}/mixers`)).body).toEqual([]);
    expect((await call(t.app, me, 'GET', `${base}/me`)).status).toBe(404);

    const started = await call(t.app, organizer, 'POST', `${base}/start`);
    const listed = await call(t.app, me, 'GET', `/api/events/${eventId}/mixers`);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).toMatchObject({ id, status: 'running', currentRound: 1, participantCount: 6 });
    expect(listed.body[0]).not.toHaveProperty('plan');
    expect((await call(t.app, notIn, 'GET', `/api/events/${eventId}/mixers`)).body).toEqual([]);
    expect((await call(t.app, notIn, 'GET', `${base}/me`)).status).toBe(404);

    const seat = await call(t.app, me, 'GET', `${base}/me`);
    expect(seat.status).toBe(200);
    const rounds = seatsOf(started.body.plan);
    const myTable = rounds[0]!.get(me!.id)!;
    const tablemates = [...rounds[0]!].filter(([id, table]) => table === myTable && id !== me!.id).map(([id]) => id);
    expect(seat.body).toMatchObject({ mixerId: id, status: 'running', round: 1, rounds: 2, sittingOut: false });
    expect(seat.body.seat).toMatchObject({ table: myTable, label: `Table ${myTable}` });
    expect(seat.body.seat.with.map((p: { id: string }) => p.id).sort()).toEqual(tablemates.sort());
    expect(Object.keys(seat.body.seat.with[0]).sort()).toEqual(['headline', 'id', 'name']);
    expect(seat.body.seat.shared).toEqual(expect.any(Array));
    expect(seat.body.upcoming).toEqual([{ round: 2, table: rounds[1]!.get(me!.id) }]);
    // Nobody else's table, and nobody's private details.
    const others = [...rounds[0]!.keys()].filter((other) => other !== me!.id && !tablemates.includes(other));
    for (const other of others) expect(JSON.stringify(seat.body)).not.toContain(other);
    expect(JSON.stringify(seat.body)).not.toContain('private.');

    // Another event's organizer sees nothing of it.
    const [stranger] = await createPeople(t, ['Sam Stranger']);
    const strangerEvent = await eventWith(t.app, stranger!);
    expect((await call(t.app, stranger, 'GET', base)).status).toBe(404);
    expect((await call(t.app, stranger, 'GET', `/api/events/${strangerEvent.event.id}/mixers/${id}`)).status).toBe(404);
    expect((await call(t.app, stranger, 'GET', `/api/events/${eventId}/mixers`)).status).toBe(404);
  });

  it('refuses what no plan can do with 422 and a human message, and stores nothing', async () => {
    const { organizer, people, eventId } = await setUp(10, { checkedIn: 1 });
    const before = await snapshotDatabase(t.ctx.db, { ignoreTables: ['rate_limits'], ignoreColumns: ['sessions.last_seen_at', 'sessions.expires_at'] });
    const cases: [Record<string, unknown>, RegExp, string | undefined][] = [
      [{ participants: 'checked_in' }, /Only one person is checked in yet: a mixer needs at least two people/, '/body/participants'],
      [{ participants: 'joined', tableSize: 2, tables: 3 }, /10 people need more seats than 3 tables of 2 have/, '/body/tables'],
      [{ participants: 'joined', pinned: [{ userId: people[0]!.id, table: 9 }] }, /Table 9 does not exist: this mixer uses 4 tables/, '/body/pinned'],
      [{ participants: { userIds: [people[0]!.id] } }, /at least two people/, undefined],
      [{ participants: 'joined', apart: [[people[0]!.id, people[0]!.id]] }, /apart from themselves/, '/body/apart/0'],
    ];
    for (const [body, detail, pointer] of cases) {
      const refused = await create(eventId, organizer, body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 422, detail: expect.stringMatching(detail) });
      if (pointer) expect(refused.body.errors[0].pointer).toBe(pointer);
    }
    const invalid = await create(eventId, organizer, { participants: 'joined', tableSize: 1, role: 'owner' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/body/role', '/body/tableSize']);
    // Every field that is not what it should be is said in words, at its place.
    const malformed: [Record<string, unknown>, string, RegExp][] = [
      [{ participants: 'everyone' }, '/body/participants', /Say who takes part/],
      [{ participants: { userIds: [] } }, '/body/participants/userIds', /at least one person/],
      [{ participants: { userIds: ['someone'] } }, '/body/participants/userIds/0', /person id is a UUID/],
      [{ tables: 1.5 }, '/body/tables', /whole number from 1 to 500/],
      [{ minutesPerRound: 'ten' }, '/body/minutesPerRound', /1 to 240 minutes/],
      [{ rounds: 31 }, '/body/rounds', /1 to 30 rounds/],
      [{ apart: [[people[0]!.id]] }, '/body/apart/0', /two person ids/],
      [{ pinned: [{ userId: people[0]!.id, table: 0 }] }, '/body/pinned/0/table', /table from 1 to 500/],
      [{ autoAdvance: 'yes' }, '/body/autoAdvance', /true or false/],
    ];
    for (const [body, pointer, detail] of malformed) {
      const refused = await create(eventId, organizer, { participants: 'joined', ...body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.errors).toEqual([{ pointer, detail: expect.stringMatching(detail) }]);
    }
    expect(await snapshotDatabase(t.ctx.db, { ignoreTables: ['rate_limits'], ignoreColumns: ['sessions.last_seen_at', 'sessions.expires_at'] })).toEqual(before);
  });

  it('tells everyone seated where to sit when a round starts, and advances by itself when the time is up', async () => {
    const { organizer, people, eventId } = await setUp(6);
    const created = await create(eventId, organizer, { rounds: 2, autoAdvance: true, minutesPerRound: 5 });
    const base = `/api/events/${eventId}/mixers/${created.body.id}`;
    const heard: LiveMessage[] = [];
    const stops = [organizer, ...people].map((person) => t.ctx.realtime!.subscribe(person.id, (message) => heard.push(message)));
    try {
      await call(t.app, organizer, 'POST', `${base}/start`);
      await expect.poll(() => heard.filter((m) => m.type === 'mixer.round').length).toBe(6);
      const seats = seatsOf(created.body.plan);
      const forMe = heard.find((m) => m.type === 'mixer.round' && m.userId === people[0]!.id)!.data as Record<string, any>;
      const table = seats[0]!.get(people[0]!.id)!;
      expect(forMe).toMatchObject({ eventId, mixerId: created.body.id, round: 1, rounds: 2, seat: { table, label: `Table ${table}` } });
      expect(forMe.seat.with).toHaveLength(2);
      expect(forMe.text).toMatch(new RegExp(`^Round 1 · Table ${table} · with \\S+ and \\S+`));
      expect(heard.some((m) => m.type === 'mixer.updated' && m.userId === organizer.id)).toBe(true);

      // Not yet due: nothing moves.
      expect(await advanceDueMixers(t.ctx)).toBe(0);
      t.clock.advance(5 * 60_000);
      expect(await advanceDueMixers(t.ctx)).toBe(1);
      expect(await advanceDueMixers(t.ctx)).toBe(0);
      expect((await call(t.app, organizer, 'GET', base)).body.currentRound).toBe(2);
      await expect.poll(() => heard.filter((m) => m.type === 'mixer.round' && (m.data as { round: number }).round === 2).length).toBe(6);
      t.clock.advance(5 * 60_000);
      // The timer found the round due, and meanwhile an organizer turned auto-advance off, or made
      // the round longer: the timer's advance does nothing.
      await call(t.app, organizer, 'PATCH', base, { autoAdvance: false });
      expect(await repo.advanceMixer(t.ctx.db, created.body.id, 2, t.clock.now(), true)).toBeUndefined();
      await call(t.app, organizer, 'PATCH', base, { autoAdvance: true, minutesPerRound: 6 });
      expect(await repo.advanceMixer(t.ctx.db, created.body.id, 2, t.clock.now(), true)).toBeUndefined();
      expect((await call(t.app, organizer, 'GET', base)).body.currentRound).toBe(2);
      t.clock.advance(60_000);
      expect(await advanceDueMixers(t.ctx)).toBe(1);
      expect((await call(t.app, organizer, 'GET', base)).body.status).toBe('finished');
      await expect.poll(() => heard.filter((m) => m.type === 'mixer.finished').length).toBe(6);
    } finally {
      for (const stop of stops) stop();
    }
  });

  it('keeps the round message small enough to send with twenty long names at one table', async () => {
    const { organizer, people, eventId } = await setUp(20);
    for (const [i, person] of people.entries()) {
      const long = `${String.fromCharCode(65 + i)}${'x'.repeat(99)}`;
      const saved = await call(t.app, person, 'PUT', '/api/me/profile', {
        displayName: long,
        headline: 'h'.repeat(140),
        bio: '',
        interests: INTERESTS.map((interest) => `${interest} ${'y'.repeat(40)}`),
        offers: [],
        seeking: [],
        questions: [],
        contact: { email: '', phone: '', links: [] },
      });
      expect(saved.status).toBe(200);
    }
    const created = await create(eventId, organizer, { tableSize: 20, rounds: 1 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const heard: LiveMessage[] = [];
    const stops = people.map((person) => t.ctx.realtime!.subscribe(person.id, (message) => heard.push(message)));
    try {
      expect((await call(t.app, organizer, 'POST', `/api/events/${eventId}/mixers/${created.body.id}/start`)).status).toBe(200);
      await expect.poll(() => heard.filter((m) => m.type === 'mixer.round').length).toBe(20);
      for (const message of heard) expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(7900);
      expect((heard[0]!.data as { seat: { with: unknown[] } }).seat.with).toHaveLength(19);
    } finally {
      for (const stop of stops) stop();
    }
  });

  it('leaves out someone who left the event: not told where to sit, not seated with anyone, no encounters', async () => {
    const { organizer, people, eventId } = await setUp(6);
    const created = await create(eventId, organizer, { rounds: 2 });
    const base = `/api/events/${eventId}/mixers/${created.body.id}`;
    await call(t.app, organizer, 'POST', `${base}/start`);
    const leaver = people[0]!;
    const before = await call(t.app, organizer, 'GET', base);
    expect((await call(t.app, leaver, 'POST', `/api/events/${eventId}/leave`)).status).toBe(204);
    // The rounds to come are planned without them; the round under way stays as it was.
    const after = await call(t.app, organizer, 'GET', base);
    expect(after.body.participants.find((p: { id: string }) => p.id === leaver.id).absentFrom).toBe(2);
    expect(after.body.plan.rounds[0]).toEqual(before.body.plan.rounds[0]);
    const secondRound = after.body.plan.rounds[1].tables.flatMap((table: { people: string[] }) => table.people);
    expect(secondRound).not.toContain(leaver.id);
    expect(secondRound).toHaveLength(people.length - 1);
    const heard: LiveMessage[] = [];
    const stop = t.ctx.realtime!.subscribe(leaver.id, (message) => heard.push(message));
    try {
      expect((await call(t.app, organizer, 'POST', `${base}/advance`, { fromRound: 1 })).status).toBe(200);
      const [met] = await queryRows<{ n: number }>(
        t.ctx.db,
        sql`select count(*)::int as n from encounters where mixer_id = ${created.body.id} and ${leaver.id} in (user_low, user_high)`,
      );
      expect(met!.n).toBe(0);
      for (const person of people.slice(1)) {
        const seat = await call(t.app, person, 'GET', `${base}/me`);
        expect(seat.status).toBe(200);
        expect(JSON.stringify(seat.body)).not.toContain(leaver.id);
      }
      expect((await call(t.app, leaver, 'GET', `${base}/me`)).status).toBe(404);
      // Nor told when it is over.
      expect((await call(t.app, organizer, 'POST', `${base}/advance`, { fromRound: 2 })).body.status).toBe('finished');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(heard).toEqual([]);
    } finally {
      stop();
    }
  });

  it('limits how much planning an organizer asks for in an hour (each plan keeps the server busy)', async () => {
    const { organizer, eventId } = await setUp(4);
    const created = await create(eventId, organizer, { tableSize: 2, rounds: 1 });
    expect(created.status).toBe(201);
    const base = `/api/events/${eventId}/mixers/${created.body.id}`;
    await t.ctx.db.execute(sql`update rate_limits set count = 200 where key = ${`mixer-plan:${organizer.id}`}`);
    const before = await call(t.app, organizer, 'GET', base);
    for (const [method, url, body] of [
      ['POST', `/api/events/${eventId}/mixers`, { participants: 'joined', tableSize: 2, rounds: 1, minutesPerRound: 5 }],
      ['PATCH', base, { rounds: 2 }],
      ['POST', `${base}/attendance`, { absent: [created.body.participants[0].id] }],
    ] as const) {
      const limited = await call(t.app, organizer, method, url, body);
      expect(limited.status, `${method} ${url}`).toBe(429);
      expect(limited.body.detail).toMatch(/a lot of planning in one hour/);
      expect(limited.headers['retry-after']).toBeDefined();
    }
    // A new name plans nothing and is not counted.
    expect((await call(t.app, organizer, 'PATCH', base, { name: 'Renamed' })).status).toBe(200);
    expect((await call(t.app, organizer, 'GET', base)).body).toEqual({ ...before.body, name: 'Renamed' });
  });

  it('deletes a draft', async () => {
    const { organizer, eventId } = await setUp(4);
    const created = await create(eventId, organizer, { tableSize: 2, rounds: 1 });
    expect((await call(t.app, organizer, 'DELETE', `/api/events/${eventId}/mixers/${created.body.id}`)).status).toBe(204);
    expect(await mixerRows()).not.toContainEqual({ id: created.body.id });
  });
});

describe(`a room-sized mixer on ${engines[0]}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engines[0]!);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the demo event comes with a planned mixer, and re-planning 300 people live answers in time', async () => {
    const demo = await createDemoEvent(t.ctx, { attendees: 300, seed: 3, organizer: { fallback: 'demo.organizer@example.org' } });
    expect(demo.mixerId).toEqual(expect.any(String));
    const organizerId = (await queryRows<{ id: string }>(t.ctx.db, sql`select id from users where email = 'operator@example.org'`))[0]!.id;
    const actor = { kind: 'user' as const, userId: organizerId, isAdmin: true };
    const mixer = await getMixer(t.ctx, actor, demo.eventId, demo.mixerId!);
    expect(mixer.participants).toHaveLength(300);
    expect(mixer.plan.rounds).toHaveLength(4);
    expect(mixer.figures.repeatPairs).toBeLessThanOrEqual(mixer.figures.baselineRepeatPairs);
    await startMixer(t.ctx, actor, demo.eventId, demo.mixerId!);
    await advanceMixer(t.ctx, actor, demo.eventId, demo.mixerId!, 1);
    const before = await getMixer(t.ctx, actor, demo.eventId, demo.mixerId!);
    const leaving = mixer.participants.slice(0, 12).map((p) => p.id);
    const started = performance.now();
    let done = false;
    const replanning = changeAttendance(t.ctx, actor, demo.eventId, demo.mixerId!, { absent: leaving }).finally(() => {
      done = true;
    });
    // The plan is made on a worker thread: the server keeps answering meanwhile.
    const waits: number[] = [];
    while (!done) {
      const asked = performance.now();
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      waits.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const replanned = await replanning;
    const seconds = (performance.now() - started) / 1000;
    // The solver's budget is two seconds; reading and writing the mixer come on top.
    expect(seconds).toBeLessThan(6);
    expect(Math.max(...waits)).toBeLessThan(1000);
    expect(replanned.plan.rounds.slice(0, 2)).toEqual(before.plan.rounds.slice(0, 2));
    const seatsBefore = seatsOf(before.plan);
    let kept = 0;
    let stayed = 0;
    seatsOf(replanned.plan).forEach((seats, r) => {
      if (r < 2) return;
      expect(seats.size).toBe(288);
      for (const id of leaving) expect(seats.has(id)).toBe(false);
      for (const [id, table] of seats) {
        stayed++;
        if (seatsBefore[r]!.get(id) === table) kept++;
      }
    });
    // Re-planned from the plan so far: most people keep the tables printed on their round sheets.
    expect(kept / stayed).toBeGreaterThan(0.5);
  }, 60_000);
});
