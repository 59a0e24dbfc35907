/**
 * Organizers' insights over HTTP: the figures and the who-met-whom picture of a small event whose
 * every number is known, names shown only with consent, the SVG and CSV files, the consent switch,
 * and privacy: markers planted in notes, contact details and a declined request appear in no
 * insights response, and a decline changes nothing an organizer reads.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/csv/csv.js';
import { call, createTestApp, eventWith, type Person, type TestApp } from '../support/app.js';
import { meet } from '../support/encounters.js';
import { storageEngines } from '../support/engines.js';
import { createPeople, joinWith } from '../support/people.js';

const marker = (what: string) => `private-${what}-${randomBytes(5).toString('hex')}`;
const HYPERLINK = '=HYPERLINK("http://evil.example")';

interface World {
  people: Record<'O' | 'A' | 'B' | 'C' | 'D' | 'X' | 'S', Person>;
  eventId: string;
  strangerEventId: string;
  markers: string[];
  mixerId: string;
}

async function ok(response: Promise<{ status: number; body: any }>, status = 200, what = '') {
  const r = await response;
  if (r.status !== status) throw new Error(`setup failed${what ? ` (${what})` : ''}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function get(t: TestApp, who: Person | undefined, url: string) {
  const response = await t.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
  return { status: response.statusCode, text: response.body, headers: response.headers };
}

describe.each(storageEngines())('insights on %s', (engine) => {
  let t: TestApp;
  let world: World;
  let beforeDecline: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const list = await createPeople(t, ['Olga Organizer', 'Ana Named', 'Bo Named', 'Cy Secretname', 'Di Secretname', 'Xan Leaver', 'Sam Stranger']);
    const [O, A, B, C, D, X, S] = list as [Person, Person, Person, Person, Person, Person, Person];
    const people = { O, A, B, C, D, X, S };
    const markers: string[] = [];
    const interests: Record<string, string[]> = { O: [], A: ['Rust', HYPERLINK], B: ['rust', HYPERLINK], C: ['Jazz'], D: ['Jazz', 'Rust'], X: ['Rust'], S: [] };
    for (const [key, person] of Object.entries(people)) {
      const email = `${marker(`email-${key}`)}@example.org`;
      const link = `https://example.org/${marker(`link-${key}`)}`;
      markers.push(email, link);
      await ok(
        call(t.app, person, 'PUT', '/api/me/profile', {
          displayName: person.name,
          headline: 'Here to meet people',
          bio: '',
          interests: interests[key],
          offers: [],
          seeking: [],
          questions: [],
          contact: { email, phone: '+351 912 345 678', links: [link] },
        }),
        200,
        `profile of ${key}`,
      );
    }

    // A and C met at an earlier event: meeting again here is not a new connection.
    const earlier = await eventWith(t.app, O, [A, C]);
    await meet(t, earlier.event.id, A, C);
    t.clock.advance(3_600_000);

    const { event, invite } = await eventWith(t.app, O, [A, B, C, D]);
    await joinWith(t, X, invite.token);
    const strangerEvent = await eventWith(t.app, S, []);
    const e = event.id;
    for (const who of [A, B, C]) await ok(call(t.app, who, 'PUT', `/api/events/${e}/me/insights-consent`, { named: true }));
    await ok(call(t.app, C, 'PUT', `/api/events/${e}/me/insights-consent`, { named: false }), 200, 'C changes their mind');

    const noteAD = marker('note-a-to-d');
    const noteBD = marker('note-b-to-d');
    markers.push(noteAD, noteBD);
    const ad = await ok(call(t.app, A, 'POST', `/api/events/${e}/meeting-requests`, { inviteeId: D.id, note: noteAD }), 201);
    await ok(call(t.app, D, 'POST', `/api/events/${e}/meeting-requests/${ad.id}/accept`));
    await ok(call(t.app, B, 'POST', `/api/events/${e}/meeting-requests`, { inviteeId: D.id, note: noteBD }), 201);

    await meet(t, e, A, B);
    await meet(t, e, A, C);
    await meet(t, e, A, D); // the meeting, held
    await meet(t, e, B, D);
    await meet(t, e, B, C);
    await meet(t, e, X, A);
    await ok(call(t.app, X, 'POST', `/api/events/${e}/leave`), 204, 'X leaves');

    // Four people at tables of two for four rounds: the fourth round must repeat two pairs.
    const mixer = await ok(
      call(t.app, O, 'POST', `/api/events/${e}/mixers`, { participants: { userIds: [A.id, B.id, C.id, D.id] }, tableSize: 2, rounds: 4, minutesPerRound: 5 }),
      201,
    );
    await ok(call(t.app, O, 'POST', `/api/events/${e}/mixers/${mixer.id}/start`));
    for (const fromRound of [1, 2, 3]) await ok(call(t.app, O, 'POST', `/api/events/${e}/mixers/${mixer.id}/advance`, { fromRound }));
    await ok(call(t.app, O, 'POST', `/api/events/${e}/mixers/${mixer.id}/finish`));

    // A request to be said no to: the insights read before and after must be the same.
    const noteCB = marker('note-c-to-b');
    markers.push(noteCB);
    const cb = await ok(call(t.app, C, 'POST', `/api/events/${e}/meeting-requests`, { inviteeId: B.id, note: noteCB }), 201);
    beforeDecline = (await get(t, O, `/api/events/${e}/insights`)).text;
    await ok(call(t.app, B, 'POST', `/api/events/${e}/meeting-requests/${cb.id}/decline`), 204);

    world = { people, eventId: e, strangerEventId: strangerEvent.event.id, markers, mixerId: mixer.id };
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('counts new connections, meetings and interests as they happened', async () => {
    const { status, body } = await call(t.app, world.people.O, 'GET', `/api/events/${world.eventId}/insights`);
    expect(status).toBe(200);
    const figures = body.figures;
    // A, B, C, D attend (X left); everyone met everyone, and only A and C had met before.
    expect(figures.attendees).toBe(4);
    expect(figures.organizers).toBe(1);
    expect(figures.pairsMet).toBe(6);
    expect(figures.newPairs).toBe(5);
    expect(figures.attendeesWhoMet).toBe(4);
    // A and C each met two people for the first time, B and D three.
    expect(figures.attendeesWithNew).toEqual({ atLeastOne: 4, atLeastThree: 2 });
    // A→D accepted and held; B→D waiting; C→B said no to: three requested, one accepted.
    expect(figures.meetings).toEqual({ requested: 3, accepted: 1, held: 1 });
    expect(figures.interests.mostHeld).toEqual([
      { interest: 'Rust', people: 3 },
      { interest: HYPERLINK, people: 2 },
      { interest: 'Jazz', people: 2 },
    ]);
    expect(figures.interests.mostInCommon).toContainEqual({ interest: 'Rust', pairs: 3 });
  });

  it('counts a finished mixer’s repeats from the rounds it played', async () => {
    const mixer = await ok(call(t.app, world.people.O, 'GET', `/api/events/${world.eventId}/mixers/${world.mixerId}`));
    const together = new Map<string, number>();
    for (const round of mixer.plan.rounds as { tables: { people: string[] }[] }[]) {
      for (const table of round.tables) {
        const ids = [...table.people].sort();
        for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) together.set(`${ids[i]} ${ids[j]}`, (together.get(`${ids[i]} ${ids[j]}`) ?? 0) + 1);
      }
    }
    const repeated = [...together.values()].filter((n) => n > 1).length;
    expect(together.size).toBe(6);
    expect(repeated).toBeGreaterThanOrEqual(2);
    const { body } = await call(t.app, world.people.O, 'GET', `/api/events/${world.eventId}/insights`);
    expect(body.figures.mixers.each).toEqual([{ name: mixer.name, roundsPlayed: 4, distinctPairs: 6, repeatedPairs: repeated, repeatRate: repeated / 6 }]);
    expect(body.figures.mixers.repeatRate).toBeCloseTo(repeated / 6);
  });

  it('names in the picture only those who said yes; the others are "Attendee N", with no id', async () => {
    const { body } = await call(t.app, world.people.O, 'GET', `/api/events/${world.eventId}/insights`);
    const labels = (body.picture.people as { label: string; named: boolean; initials: string }[]).map((p) => p.label);
    expect(labels).toHaveLength(5);
    expect(labels.slice(0, 2)).toEqual(['Ana Named', 'Bo Named']);
    expect(labels.slice(2).sort()).toEqual(['Attendee 1', 'Attendee 2', 'Organizer 1']);
    expect(body.picture.people.filter((p: { named: boolean }) => !p.named).every((p: { initials: string }) => p.initials === '')).toBe(true);
    expect(body.picture.links).toHaveLength(6);

    const svg = await get(t, world.people.O, `/api/events/${world.eventId}/insights/picture.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['content-disposition']).toMatch(/^attachment; filename="who-met-whom-[a-z0-9-]+\.svg"$/);
    expect(svg.text.match(/<g class="person"/g)).toHaveLength(5);
    expect(svg.text.match(/data-named="true"/g)).toHaveLength(2);
    expect(svg.text).toContain('Ana Named');
    for (const text of [JSON.stringify(body), svg.text]) {
      for (const hidden of [world.people.C, world.people.D, world.people.O, world.people.X]) {
        expect(text).not.toContain(hidden.name);
        expect(text).not.toContain(hidden.id);
      }
      for (const shown of [world.people.A, world.people.B]) expect(text).not.toContain(shown.id);
    }
  });

  it('draws the same picture each time', async () => {
    const first = await get(t, world.people.O, `/api/events/${world.eventId}/insights/picture.svg`);
    const second = await get(t, world.people.O, `/api/events/${world.eventId}/insights/picture.svg`);
    expect(second.text).toBe(first.text);
  });

  it('writes the figures as CSV that no spreadsheet runs', async () => {
    const csv = await get(t, world.people.O, `/api/events/${world.eventId}/insights/figures.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const { header, rows } = parseCsv(csv.text);
    expect(header).toEqual(['section', 'subject', 'measure', 'value']);
    const held = rows.find((r) => r.cells[0] === 'interest held' && r.cells[1]?.includes('HYPERLINK'));
    expect(held?.cells).toEqual(['interest held', `'${HYPERLINK}`, 'people', '2']);
    expect(rows.find((r) => r.cells[2] === 'attendees with at least 3 new encounters')?.cells[3]).toBe('2');
    for (const row of rows) for (const cell of row.cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('shows no note, contact detail or decline in any insights response, and a decline changes nothing', async () => {
    const urls = ['insights', 'insights/picture.svg', 'insights/figures.csv'].map((path) => `/api/events/${world.eventId}/${path}`);
    for (const url of urls) {
      const response = await get(t, world.people.O, url);
      expect(response.status).toBe(200);
      for (const m of world.markers) expect(response.text, `${m} in ${url}`).not.toContain(m);
      expect(response.text).not.toMatch(/declin|912 345|\+351/i);
    }
    expect((await get(t, world.people.O, urls[0]!)).text).toBe(beforeDecline);
  });

  it('is for the event’s organizers only: attendees, strangers and another event’s organizer get 404', async () => {
    const { A, S } = world.people;
    for (const path of ['insights', 'insights/picture.svg', 'insights/figures.csv']) {
      const url = `/api/events/${world.eventId}/${path}`;
      expect((await get(t, undefined, url)).status).toBe(401);
      for (const who of [A, S]) {
        const response = await get(t, who, url);
        expect(response.status, `${who.name} ${url}`).toBe(404);
        expect(response.text).not.toContain('Ana Named');
      }
      // The stranger's own event answers, with only them in it.
      const own = await get(t, S, `/api/events/${world.strangerEventId}/${path}`);
      expect(own.status).toBe(200);
    }
    const own = await call(t.app, S, 'GET', `/api/events/${world.strangerEventId}/insights`);
    expect(own.body.picture.people.map((p: { label: string }) => p.label)).toEqual(['Organizer 1']);
    expect(own.body.figures.attendees).toBe(0);
  });

  it('lets each member turn their name on and off, for this event only', async () => {
    const { A, C, D, S, X } = world.people;
    const consent = (who: Person, eventId = world.eventId) => call(t.app, who, 'GET', `/api/events/${eventId}/me/insights-consent`);
    expect((await consent(A)).body).toEqual({ named: true });
    expect((await consent(C)).body).toEqual({ named: false });
    expect((await consent(D)).body).toEqual({ named: false });
    expect((await consent(S)).status).toBe(404);
    expect((await consent(X)).status).toBe(404);
    expect((await call(t.app, S, 'PUT', `/api/events/${world.eventId}/me/insights-consent`, { named: true })).status).toBe(404);
    expect((await call(t.app, undefined, 'PUT', `/api/events/${world.eventId}/me/insights-consent`, { named: true })).status).toBe(401);
    const strict = await call(t.app, D, 'PUT', `/api/events/${world.eventId}/me/insights-consent`, { named: true, userId: A.id });
    expect(strict.status).toBe(400);
    expect((await consent(D)).body).toEqual({ named: false });

    // D says yes: their name shows; another event of theirs is untouched.
    expect((await call(t.app, D, 'PUT', `/api/events/${world.eventId}/me/insights-consent`, { named: true })).body).toEqual({ named: true });
    const svg = await get(t, world.people.O, `/api/events/${world.eventId}/insights/picture.svg`);
    expect(svg.text).toContain('Di Secretname');
    expect(svg.text.match(/data-named="true"/g)).toHaveLength(3);
    await ok(call(t.app, D, 'PUT', `/api/events/${world.eventId}/me/insights-consent`, { named: false }));
    expect((await get(t, world.people.O, `/api/events/${world.eventId}/insights/picture.svg`)).text).not.toContain('Di Secretname');
  });
});
