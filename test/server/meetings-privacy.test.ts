// A meeting request's note, a decline and who met whom belong to the two people: planted
// markers are looked for in every GET route of the OpenAPI document, called as another attendee,
// as an organizer and without credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, eventWith, type Person, type TestApp } from '../support/app.js';
import { storageEngines } from '../support/engines.js';
import { createPeople } from '../support/people.js';

const NOTE_MARKER = 'private-note-marker-7f3a';
const DECLINED_NOTE_MARKER = 'declined-note-marker-91bc';

describe.each(storageEngines())('privacy of meetings on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('never shows a note, a decline or an encounter to anyone but the two people', async () => {
    const [olga, ana, bo, cy, di] = (await createPeople(t, ['Olga', 'Ana', 'Bo', 'Cy', 'Di'])) as [Person, Person, Person, Person, Person];
    const { event } = await eventWith(t.app, olga, [ana, bo, cy, di]);
    const e = event.id;
    await call(t.app, olga, 'POST', `/api/events/${e}/slots`, { startsAt: '2026-10-01T18:00:00Z', endsAt: '2026-10-01T18:20:00Z' });
    await call(t.app, olga, 'POST', `/api/events/${e}/tables`, { count: 2 });
    const accepted = await call(t.app, ana, 'POST', `/api/events/${e}/meeting-requests`, { inviteeId: bo.id, note: NOTE_MARKER });
    const meeting = await call(t.app, bo, 'POST', `/api/events/${e}/meeting-requests/${accepted.body.id}/accept`);
    const declined = await call(t.app, di, 'POST', `/api/events/${e}/meeting-requests`, { inviteeId: ana.id, note: DECLINED_NOTE_MARKER });
    await call(t.app, ana, 'POST', `/api/events/${e}/meeting-requests/${declined.body.id}/decline`);
    const code = await call(t.app, bo, 'GET', `/api/events/${e}/me/meet-code`);
    await call(t.app, ana, 'POST', `/api/events/${e}/met`, { code: code.body.code });
    await call(t.app, bo, 'PUT', `/api/events/${e}/met/${ana.id}`);

    // The two people do see it (so the markers are there to be found).
    expect(JSON.stringify((await call(t.app, bo, 'GET', `/api/events/${e}/meetings`)).body)).toContain(NOTE_MARKER);
    const diView = (await call(t.app, di, 'GET', `/api/events/${e}/meeting-requests`)).body;
    expect(JSON.stringify(diView)).toContain(DECLINED_NOTE_MARKER);
    // To the one who asked, a no is "not this time", with nothing that dates or names the answer.
    expect(diView.sent).toHaveLength(1);
    expect(Object.keys(diView.sent[0]).sort()).toEqual(['createdAt', 'id', 'meetingId', 'note', 'person', 'preferredSlotIds', 'state']);
    expect(diView.sent[0].state).toBe('not_this_time');
    expect((await call(t.app, di, 'GET', '/api/me/notifications')).body.notifications).toEqual([]);

    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, { get?: unknown }> };
    const values: Record<string, string> = { eventId: e, userId: ana.id, meetingId: meeting.body.id, requestId: accepted.body.id };
    const gets = Object.keys(document.paths).filter((path) => document.paths[path]!.get && !path.endsWith('/stream'));
    expect(gets.length).toBeGreaterThan(15);
    let called = 0;
    for (const who of [cy, olga, undefined]) {
      for (const path of gets) {
        const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
        if (names.some((name) => !(name in values))) continue;
        const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name]!);
        const response = await t.app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
        called++;
        const label = `${who?.name ?? 'anonymous'} GET ${path}`;
        expect(response.body, label).not.toContain(NOTE_MARKER);
        expect(response.body, label).not.toContain(DECLINED_NOTE_MARKER);
        // Cy is in none of it: neither Ana's nor Bo's id may show up in Cy's meeting-related answers.
        if (who === cy && /meeting|encounter|met|schedule|notification/.test(path)) {
          expect(response.body, label).not.toContain(bo.id);
          expect(response.body, label).not.toContain(di.id);
        }
      }
    }
    expect(called).toBeGreaterThan(40);
  });
});
