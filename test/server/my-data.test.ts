// My data: everything of mine in one export, nothing of anyone else's private data in it; and
// what deleting my account does to others' memories of me.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.js';
import { call, createTestApp, eventWith, type TestApp } from '../support/app.js';
import { meet } from '../support/encounters.js';
import { storageEngines } from '../support/engines.js';
import { createPeople, PERSON_PASSWORD } from '../support/people.js';

const engines = storageEngines();
const DAY = 86_400_000;

describe.each(engines)('my data on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function setUp() {
    const [olga, ana, bo, cy] = await createPeople(t, ['Olga Organizer', 'Ana Lima', 'Bo Berg', 'Cy Cohen']);
    const { event } = await eventWith(t.app, olga!, [ana!, bo!, cy!]);
    for (const [person, email] of [
      [ana!, 'ana.private@example.org'],
      [bo!, 'bo.private@example.org'],
      [cy!, 'cy.private@example.org'],
    ] as const) {
      await call(t.app, person, 'PUT', '/api/me/profile', {
        displayName: person.name,
        headline: '',
        bio: '',
        interests: [],
        offers: [],
        seeking: [],
        questions: [],
        contact: { email, phone: '', links: [] },
      });
    }
    await meet(t, event.id, ana!, bo!);
    await meet(t, event.id, ana!, cy!);
    await meet(t, event.id, bo!, cy!);
    return { olga: olga!, ana: ana!, bo: bo!, cy: cy!, event };
  }

  it('exports everything of mine, and nothing private of anyone else', async () => {
    const { ana, bo, cy, event } = await setUp();
    await call(t.app, ana, 'PATCH', `/api/me/people/${bo.id}/memory`, { note: 'ANA-NOTE-ON-BO', tags: ['climbing'] });
    await call(t.app, bo, 'PATCH', `/api/me/people/${ana.id}/memory`, { note: 'BO-NOTE-ON-ANA' });
    await call(t.app, ana, 'PUT', `/api/me/people/${bo.id}/contact-share`, { email: true, phone: false, links: false });
    await call(t.app, bo, 'PUT', `/api/me/people/${ana.id}/contact-share`, { email: true, phone: false, links: false });
    // Cy has not shared with Ana: Cy's details must not be in Ana's export.
    await call(t.app, ana, 'PUT', `/api/me/people/${cy.id}/contact-share`, { email: true, phone: false, links: false });
    const request = await call(t.app, ana, 'POST', `/api/events/${event.id}/meeting-requests`, { inviteeId: cy.id, note: 'ANA-REQUEST-NOTE' });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    expect((await call(t.app, cy, 'POST', `/api/events/${event.id}/meeting-requests/${request.body.id}/decline`)).status).toBe(204);
    t.clock.advance(DAY + 1000);
    const intro = await call(t.app, bo, 'POST', '/api/me/introductions', { personIds: [ana.id, cy.id], why: 'BO-WHY' });
    expect(intro.status, JSON.stringify(intro.body)).toBe(201);
    await call(t.app, cy, 'POST', `/api/me/introductions/${intro.body.id}/decline`);

    const response = await t.app.inject({ method: 'GET', url: '/api/me/export', headers: { cookie: ana.cookie } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="common-ground-\d{4}-\d{2}-\d{2}\.json"/);
    const data = response.json();
    const text = response.body;
    expect(data.format).toBe('common-ground-export/1');
    expect(data.account.email).toBe(ana.email);
    expect(data.profile.contact.email).toBe('ana.private@example.org');
    expect(data.people.map((p: { id: string }) => p.id).sort()).toEqual([bo.id, cy.id].sort());
    expect(data.people.find((p: { id: string }) => p.id === bo.id).memory).toMatchObject({ note: 'ANA-NOTE-ON-BO', tags: ['climbing'] });
    expect(data.vcards.exchangedContacts).toContain('bo.private@example.org');
    expect(data.meetingRequests).toEqual([expect.objectContaining({ direction: 'sent', note: 'ANA-REQUEST-NOTE', status: 'not_this_time' })]);
    expect(data.introductions.forMe).toEqual([expect.objectContaining({ why: 'BO-WHY', myAnswer: null })]);
    // Not Bo's note about Ana, not Cy's unshared details, not Cy's declines.
    expect(text).not.toContain('BO-NOTE-ON-ANA');
    expect(text).not.toContain('cy.private@example.org');
    expect(text).not.toMatch(/declin/i);
    expect((await call(t.app, undefined, 'GET', '/api/me/export')).status).toBe(401);
  });

  it('a request to someone who blocks me reads in my export as any request not yet answered', async () => {
    const { ana, bo, cy, event } = await setUp();
    expect((await call(t.app, cy, 'PUT', `/api/me/blocks/${ana.id}`)).status).toBe(204);
    const toBo = await call(t.app, ana, 'POST', `/api/events/${event.id}/meeting-requests`, { inviteeId: bo.id, note: 'to Bo' });
    const toCy = await call(t.app, ana, 'POST', `/api/events/${event.id}/meeting-requests`, { inviteeId: cy.id, note: 'to Cy' });
    expect([toBo.status, toCy.status]).toEqual([201, 201]);
    const data = (await t.app.inject({ method: 'GET', url: '/api/me/export', headers: { cookie: ana.cookie } })).json();
    const statusOf = (id: string) => data.meetingRequests.find((r: { id: string }) => r.id === id).status;
    // The same word as the app's: waiting, for both.
    expect(statusOf(toBo.body.id)).toBe('waiting');
    expect(statusOf(toCy.body.id)).toBe(statusOf(toBo.body.id));
  });

  it('deleting my account takes me out of everyone’s memory, and keeps the connections I made', async () => {
    const { ana, bo, cy } = await setUp();
    await call(t.app, bo, 'PATCH', `/api/me/people/${ana.id}/memory`, { note: 'about Ana' });
    t.clock.advance(DAY + 1000);
    const intro = await call(t.app, ana, 'POST', '/api/me/introductions', { personIds: [bo.id, cy.id], why: 'Both climb' });
    await call(t.app, bo, 'POST', `/api/me/introductions/${intro.body.id}/accept`);
    await call(t.app, cy, 'POST', `/api/me/introductions/${intro.body.id}/accept`);
    expect((await call(t.app, ana, 'DELETE', '/api/me', { password: PERSON_PASSWORD })).status).toBe(204);
    const left = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select (select count(*) from memories where person_id = ${ana.id} or owner_id = ${ana.id})
        + (select count(*) from encounters where user_low = ${ana.id} or user_high = ${ana.id})
        + (select count(*) from contact_shares where person_id = ${ana.id} or owner_id = ${ana.id}) as n`,
    );
    expect(Number(left[0]!.n)).toBe(0);
    const boPeople = (await call(t.app, bo, 'GET', '/api/me/people')).body.people;
    expect(boPeople.map((p: { id: string }) => p.id)).toEqual([cy.id]);
    expect(boPeople[0].introducedBy).toBe('someone who has left');
  });
});
