// My people: the private memory of people met, follow-ups, and contact exchange by mutual consent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, eventWith, type Person, type TestApp } from '../support/app.js';
import { snapshotDatabase } from '../support/database.js';
import { meet } from '../support/encounters.js';
import { storageEngines } from '../support/engines.js';
import { createPeople } from '../support/people.js';

const engines = storageEngines();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(engines)('my people on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function setProfile(person: Person, contact: { email: string; phone: string; links: string[] }, interests: string[] = []) {
    const saved = await call(t.app, person, 'PUT', '/api/me/profile', {
      displayName: person.name,
      headline: `Headline of ${person.name}`,
      bio: '',
      interests,
      offers: [],
      seeking: [],
      questions: [],
      contact,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  }

  /** An organizer and attendees of a new event; `ana` met `bo` and `cy` there. */
  async function setUp() {
    const [olga, ana, bo, cy, dee] = await createPeople(t, ['Olga Organizer', 'Ana Lima', 'Bo Berg', 'Cy Cohen', 'Dee Dunn']);
    const { event } = await eventWith(t.app, olga!, [ana!, bo!, cy!, dee!]);
    await setProfile(bo!, { email: 'bo@example.org', phone: '+351 900 000 001', links: ['https://bo.example.org'] }, ['Rock climbing', 'Rust']);
    await setProfile(ana!, { email: 'ana@example.org', phone: '+351 900 000 002', links: [] }, ['Sourdough']);
    await meet(t, event.id, ana!, bo!);
    t.clock.advance(HOUR);
    await meet(t, event.id, ana!, cy!);
    return { olga: olga!, ana: ana!, bo: bo!, cy: cy!, dee: dee!, event };
  }

  it('lists everyone I met, newest first, with where and how; nobody else', async () => {
    const { ana, bo, cy, dee, event } = await setUp();
    const mine = await call(t.app, ana, 'GET', '/api/me/people');
    expect(mine.status).toBe(200);
    expect(mine.body.people.map((p: { id: string }) => p.id)).toEqual([cy.id, bo.id]);
    const boSummary = mine.body.people[1];
    expect(boSummary).toMatchObject({ name: 'Bo Berg', headline: 'Headline of Bo Berg', contacts: 'none', followUp: null, introducedBy: null });
    expect(boSummary.interests).toEqual(expect.arrayContaining(['Rock climbing']));
    expect(boSummary.lastContext).toMatch(/^Event .+ · Said “we met”$/);

    const person = await call(t.app, ana, 'GET', `/api/me/people/${bo.id}`);
    expect(person.status).toBe(200);
    expect(person.body.contexts).toEqual([expect.objectContaining({ kind: 'encounter', eventId: event.id, source: 'tap' })]);

    expect((await call(t.app, bo, 'GET', '/api/me/people')).body.people.map((p: { id: string }) => p.id)).toEqual([ana.id]);
    expect((await call(t.app, dee, 'GET', '/api/me/people')).body.people).toEqual([]);
    // Someone I never met is not mine to look at, and reads like nobody at all.
    const notMine = await call(t.app, dee, 'GET', `/api/me/people/${bo.id}`);
    const nobody = await call(t.app, dee, 'GET', `/api/me/people/${crypto.randomUUID()}`);
    expect(notMine.status).toBe(404);
    expect(notMine.body.detail).toBe(nobody.body.detail);
    expect((await call(t.app, undefined, 'GET', '/api/me/people')).status).toBe(401);
  });

  it('keeps my note, tags and what they care about, for me only', async () => {
    const { ana, bo, dee } = await setUp();
    const saved = await call(t.app, ana, 'PATCH', `/api/me/people/${bo.id}/memory`, {
      note: 'Talked about **bouldering** in Sintra.\r\n\r\n\r\n\r\n- send the gym link\u0007',
      tags: ['#Climbing', 'climbing', ' Lisbon  crew '],
      caresAbout: 'Getting kids\ninto climbing',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.memory).toMatchObject({
      // Three blank lines or more become two.
      note: 'Talked about **bouldering** in Sintra.\n\n\n- send the gym link',
      tags: ['climbing', 'lisbon crew'],
      caresAbout: 'Getting kids into climbing',
    });
    // Fields left out stay as they were.
    const tagsOnly = await call(t.app, ana, 'PATCH', `/api/me/people/${bo.id}/memory`, { tags: ['rust'] });
    expect(tagsOnly.body.memory.note).toBe('Talked about **bouldering** in Sintra.\n\n\n- send the gym link');
    expect(tagsOnly.body.memory.tags).toEqual(['rust']);

    const boSeesAna = await call(t.app, bo, 'GET', `/api/me/people/${ana.id}`);
    expect(JSON.stringify(boSeesAna.body)).not.toContain('bouldering');
    expect(boSeesAna.body.memory.note).toBe('');

    // Someone who never met Bo cannot write a memory of him, and nothing is stored.
    const before = await snapshotDatabase(t.ctx.db);
    const denied = await call(t.app, dee, 'PATCH', `/api/me/people/${bo.id}/memory`, { note: 'sneaky' });
    expect(denied.status).toBe(404);
    const tooLong = await call(t.app, ana, 'PATCH', `/api/me/people/${bo.id}/memory`, { note: 'x'.repeat(5001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].pointer).toBe('/body/note');
    const unknownField = await call(t.app, ana, 'PATCH', `/api/me/people/${bo.id}/memory`, { ownerId: dee.id });
    expect(unknownField.status).toBe(400);
    expect(await snapshotDatabase(t.ctx.db)).toEqual(before);
  });

  it('finds people by name, note, tag, interest and event, ignoring accents', async () => {
    const { ana, bo, cy } = await setUp();
    await call(t.app, ana, 'PATCH', `/api/me/people/${cy.id}/memory`, { note: 'Runs a café about typography', tags: ['design'] });
    await call(t.app, ana, 'PATCH', `/api/me/people/${bo.id}/memory`, { tags: ['climbing'] });
    const ids = async (query: string) =>
      (await call(t.app, ana, 'GET', `/api/me/people?${query}`)).body.people.map((p: { id: string }) => p.id);
    expect(await ids('q=cafe')).toEqual([cy.id]);
    expect(await ids('q=typo')).toEqual([cy.id]);
    expect(await ids('q=rock%20clim')).toEqual([bo.id]);
    expect(await ids('q=%23design')).toEqual([cy.id]);
    expect(await ids('q=%23climbing')).toEqual([bo.id]);
    expect(await ids('tag=climbing')).toEqual([bo.id]);
    expect(await ids('tag=%23Climbing')).toEqual([bo.id]);
    expect(await ids('q=berg')).toEqual([bo.id]);
    expect(await ids('q=nothing-like-this')).toEqual([]);
    expect((await call(t.app, ana, 'GET', '/api/me/people')).body.tags).toEqual(['climbing', 'design']);
  });

  it('follow-ups fall due, and each contact starts the clock again', async () => {
    const { ana, bo } = await setUp();
    const today = t.clock.now().toISOString().slice(0, 10);
    const inThreeDays = new Date(t.clock.now().getTime() + 3 * DAY).toISOString().slice(0, 10);
    const set = await call(t.app, ana, 'PATCH', `/api/me/people/${bo.id}/memory`, { followUpOn: inThreeDays, timeZone: 'UTC' });
    expect(set.body.memory).toMatchObject({ followUpOn: inThreeDays, followUpDays: 3 });
    const digest = async () => (await call(t.app, ana, 'GET', '/api/me/follow-ups?timeZone=UTC')).body;
    let now = await digest();
    expect(now.today).toBe(today);
    expect(now.due).toEqual([]);
    expect(now.upcoming.map((p: { id: string }) => p.id)).toEqual([bo.id]);

    t.clock.advance(3 * DAY);
    now = await digest();
    expect(now.due.map((p: { id: string }) => p.id)).toEqual([bo.id]);

    // "We were in touch" starts the three days again.
    const touched = await call(t.app, ana, 'POST', `/api/me/people/${bo.id}/in-touch`);
    expect(touched.status).toBe(200);
    expect((await digest()).due).toEqual([]);
    t.clock.advance(3 * DAY);
    expect((await digest()).due.map((p: { id: string }) => p.id)).toEqual([bo.id]);

    // So does meeting again, at another event (a second "we met" at the same event records nothing new).
    const [oscar] = await createPeople(t, ['Oscar Organizer']);
    const { event: other } = await eventWith(t.app, oscar!, [ana, bo]);
    await meet(t, other.id, ana, bo);
    expect((await digest()).due).toEqual([]);
    const after = (await call(t.app, ana, 'GET', `/api/me/people/${bo.id}?timeZone=UTC`)).body;
    expect(after.memory.followUpOn).toBe(new Date(t.clock.now().getTime() + 3 * DAY).toISOString().slice(0, 10));

    // Cleared, it is gone from the digest.
    await call(t.app, ana, 'PATCH', `/api/me/people/${bo.id}/memory`, { followUpOn: null });
    t.clock.advance(20 * DAY);
    expect(await digest()).toMatchObject({ due: [], upcoming: [] });
  });

  it('shows contact details only once both shared, and either can revoke', async () => {
    const { ana, bo, dee } = await setUp();
    const view = async (who: Person, other: Person) => (await call(t.app, who, 'GET', `/api/me/people/${other.id}`)).body.contactExchange;

    const offered = await call(t.app, ana, 'PUT', `/api/me/people/${bo.id}/contact-share`, { email: true, phone: false, links: false });
    expect(offered.status, JSON.stringify(offered.body)).toBe(200);
    expect(offered.body.contactExchange).toMatchObject({ state: 'offered_by_me', theirs: null, mine: { email: true, phone: false, links: false } });
    expect(await view(bo, ana)).toMatchObject({ state: 'offered_to_me', theirs: null, mine: null });
    const boNotes = (await call(t.app, bo, 'GET', '/api/me/notifications')).body;
    expect(JSON.stringify(boNotes)).toContain('would like to exchange contact details');
    expect(JSON.stringify(boNotes)).not.toContain('ana@example.org');

    await call(t.app, bo, 'PUT', `/api/me/people/${ana.id}/contact-share`, { email: true, phone: true, links: false });
    expect(await view(ana, bo)).toMatchObject({ state: 'exchanged', theirs: { email: 'bo@example.org', phone: '+351 900 000 001', links: [] } });
    // Ana shared her email only: her phone stays hers.
    expect(await view(bo, ana)).toMatchObject({ state: 'exchanged', theirs: { email: 'ana@example.org', phone: '', links: [] } });

    const list = await t.app.inject({ method: 'GET', url: '/api/me/contacts.vcf', headers: { cookie: ana.cookie } });
    expect(list.headers['content-type']).toMatch(/^text\/vcard/);
    expect(list.body.match(/BEGIN:VCARD/g)).toHaveLength(1);
    expect(list.body).toContain('bo@example.org');

    const revoked = await call(t.app, bo, 'DELETE', `/api/me/people/${ana.id}/contact-share`);
    expect(revoked.status).toBe(200);
    expect(await view(ana, bo)).toMatchObject({ state: 'offered_by_me', theirs: null });
    expect(await view(bo, ana)).toMatchObject({ state: 'offered_to_me', theirs: null });

    // Nothing to share yet: the profile has no links.
    const noLinks = await call(t.app, ana, 'PUT', `/api/me/people/${bo.id}/contact-share`, { email: false, phone: false, links: true });
    expect(noLinks.status).toBe(400);
    expect(noLinks.body.detail).toMatch(/no links/);
    // Not someone Dee met.
    expect((await call(t.app, dee, 'PUT', `/api/me/people/${bo.id}/contact-share`, { email: true, phone: false, links: false })).status).toBe(404);
  });

  it('a block hides shared details both ways', async () => {
    const { ana, bo } = await setUp();
    await call(t.app, ana, 'PUT', `/api/me/people/${bo.id}/contact-share`, { email: true, phone: false, links: false });
    await call(t.app, bo, 'PUT', `/api/me/people/${ana.id}/contact-share`, { email: true, phone: false, links: false });
    expect((await call(t.app, bo, 'PUT', `/api/me/blocks/${ana.id}`)).status).toBe(204);
    const anaView = (await call(t.app, ana, 'GET', `/api/me/people/${bo.id}`)).body.contactExchange;
    expect(anaView.theirs).toBeNull();
    expect(JSON.stringify(anaView)).not.toContain('bo@example.org');
    const boView = (await call(t.app, bo, 'GET', `/api/me/people/${ana.id}`)).body.contactExchange;
    expect(boView.theirs).toBeNull();
  });

  it('telling someone I would like to exchange contacts cannot be repeated to spam them', async () => {
    const { ana, bo } = await setUp();
    const contactNotes = async (who: Person) =>
      ((await call(t.app, who, 'GET', '/api/me/notifications')).body.notifications as { kind: string }[]).filter((n) => n.kind.startsWith('contacts_'));
    for (let i = 0; i < 5; i++) {
      expect((await call(t.app, ana, 'PUT', `/api/me/people/${bo.id}/contact-share`, { email: true, phone: false, links: false })).status).toBe(200);
      expect((await call(t.app, ana, 'DELETE', `/api/me/people/${bo.id}/contact-share`)).status).toBe(200);
    }
    expect(await contactNotes(bo)).toHaveLength(1);
    // Bo answering is news to Ana, once.
    await call(t.app, ana, 'PUT', `/api/me/people/${bo.id}/contact-share`, { email: true, phone: false, links: false });
    for (let i = 0; i < 3; i++) {
      await call(t.app, bo, 'PUT', `/api/me/people/${ana.id}/contact-share`, { email: true, phone: false, links: false });
      await call(t.app, bo, 'DELETE', `/api/me/people/${ana.id}/contact-share`);
    }
    expect((await contactNotes(ana)).map((n) => n.kind)).toEqual(['contacts_exchanged']);
    expect(await contactNotes(bo)).toHaveLength(1);
    // A week later, an offer is news again.
    t.clock.advance(7 * DAY);
    await call(t.app, ana, 'DELETE', `/api/me/people/${bo.id}/contact-share`);
    await call(t.app, ana, 'PUT', `/api/me/people/${bo.id}/contact-share`, { email: true, phone: false, links: false });
    expect(await contactNotes(bo)).toHaveLength(2);
  });

  it('a follow-up chosen for a day falls due on that day, across a daylight-saving change', async () => {
    // 00:30 in Berlin on the Sunday summer time ends; the follow-up is for the Tuesday.
    const changes = [
      ['2026-10-24T22:30:00Z', '2026-10-27'],
      ['2027-10-30T22:30:00Z', '2027-11-02'],
      ['2028-10-28T22:30:00Z', '2028-10-31'],
    ] as const;
    const [at, tuesday] = changes.find(([when]) => Date.parse(when) > t.clock.now().getTime() + 2 * HOUR)!;
    // People signed in and met just before, so that their sessions are fresh.
    t.clock.advance(Date.parse(at) - 2 * HOUR - t.clock.now().getTime());
    const { ana, bo } = await setUp();
    t.clock.advance(Date.parse(at) - t.clock.now().getTime());
    const set = await call(t.app, ana, 'PATCH', `/api/me/people/${bo.id}/memory`, {
      followUpOn: tuesday,
      timeZone: 'Europe/Berlin',
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.memory.followUpOn).toBe(tuesday);
    const digest = async () => (await call(t.app, ana, 'GET', '/api/me/follow-ups?timeZone=Europe/Berlin')).body;
    // Monday 21:30 in Berlin: not due yet; at 00:30 on Tuesday, due.
    t.clock.advance(46 * HOUR);
    let now = await digest();
    expect(now.due).toEqual([]);
    expect(now.upcoming.map((p: { followUp: { dueOn: string } }) => p.followUp.dueOn)).toEqual([tuesday]);
    t.clock.advance(3 * HOUR);
    now = await digest();
    expect(now.today).toBe(tuesday);
    expect(now.due.map((p: { id: string }) => p.id)).toEqual([bo.id]);
  });

  it('exports a person and all exchanged contacts as vCard 4.0', async () => {
    const { ana, bo, cy } = await setUp();
    await call(t.app, ana, 'PATCH', `/api/me/people/${bo.id}/memory`, { tags: ['climbing'] });
    const one = await t.app.inject({ method: 'GET', url: `/api/me/people/${bo.id}/vcard`, headers: { cookie: ana.cookie } });
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-type']).toMatch(/^text\/vcard/);
    expect(one.headers['content-disposition']).toMatch(/filename="bo-berg\.vcf"/);
    expect(one.body).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(one.body).toContain('FN:Bo Berg');
    expect(one.body).not.toContain('bo@example.org');

    await call(t.app, ana, 'PUT', `/api/me/people/${bo.id}/contact-share`, { email: true, phone: true, links: false });
    await call(t.app, bo, 'PUT', `/api/me/people/${ana.id}/contact-share`, { email: true, phone: false, links: true });
    const all = await t.app.inject({ method: 'GET', url: '/api/me/contacts.vcf', headers: { cookie: ana.cookie } });
    expect(all.statusCode).toBe(200);
    expect(all.body.match(/BEGIN:VCARD/g)).toHaveLength(1);
    expect(all.body).toContain('bo@example.org');
    expect(all.body).toContain('https://bo.example.org');
    expect(all.body).not.toContain('+351 900 000 001');
    expect(all.body).not.toContain(cy.name);
  });
});
