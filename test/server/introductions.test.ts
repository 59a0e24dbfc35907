// Introductions, not so fast: only between two people the introducer met, after a cool-down,
// a few a day; both accept privately (a decline is never revealed); one connection per pair
// however the acceptances race. And asks: "who should I meet about …?".
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.js';
import { call, createTestApp, eventWith, type Person, type TestApp } from '../support/app.js';
import { snapshotDatabase, requestBookkeeping } from '../support/database.js';
import { meet } from '../support/encounters.js';
import { storageEngines } from '../support/engines.js';
import { createPeople } from '../support/people.js';

const engines = storageEngines();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(engines)('introductions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Ana met Bo and Cy at a new event (Cy an hour after Bo); Dee is there but met nobody. */
  async function setUp(settings: Record<string, unknown> = {}) {
    const [olga, ana, bo, cy, dee] = await createPeople(t, ['Olga Organizer', 'Ana Lima', 'Bo Berg', 'Cy Cohen', 'Dee Dunn']);
    const { event } = await eventWith(t.app, olga!, [ana!, bo!, cy!, dee!]);
    if (Object.keys(settings).length > 0) {
      expect((await call(t.app, olga!, 'PATCH', `/api/events/${event.id}`, { settings })).status).toBe(200);
    }
    await meet(t, event.id, ana!, bo!);
    t.clock.advance(HOUR);
    await meet(t, event.id, ana!, cy!);
    return { olga: olga!, ana: ana!, bo: bo!, cy: cy!, dee: dee!, event };
  }

  const propose = (by: Person, a: Person, b: Person, why = 'You both climb and both build things in Rust.', askId?: string) =>
    call(t.app, by, 'POST', '/api/me/introductions', { personIds: [a.id, b.id], why, ...(askId ? { askId } : {}) });

  const notificationsOf = async (who: Person) =>
    (await call(t.app, who, 'GET', '/api/me/notifications')).body.notifications as { kind: string; text: string; eventId: string | null }[];

  async function connectionsOf(a: Person, b: Person) {
    const [row] = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from connections where user_low = least(${a.id}::uuid, ${b.id}::uuid) and user_high = greatest(${a.id}::uuid, ${b.id}::uuid)`,
    );
    return row!.n;
  }

  it('refuses two people I have not both met, and the cool-down, with the rule in words; nothing is stored', async () => {
    const { ana, bo, cy, dee } = await setUp();
    const before = await snapshotDatabase(t.ctx.db, requestBookkeeping);
    const unmet = await propose(ana, bo, dee);
    expect(unmet.status).toBe(422);
    expect(unmet.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unmet.body.detail).toMatch(/only when you have met both of them in person/);
    // Dee is someone Ana has not met: her name is not told back.
    expect(unmet.body.detail).not.toContain('Dee');
    const stranger = await propose(ana, bo, { ...dee, id: crypto.randomUUID() });
    expect(stranger.status).toBe(422);
    expect(stranger.body.detail).toBe(unmet.body.detail);

    expect((await propose(ana, bo, cy)).body.detail).toMatch(/^You met Cy Cohen just now\./);
    t.clock.advance(HOUR);
    const early = await propose(ana, bo, cy);
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/You met Cy Cohen 60 minutes ago\. Introductions open 24 hours after you first met both people/);
    expect(early.body.detail).toMatch(/from .*\(Europe\/Lisbon\)/);
    expect((await propose(ana, bo, bo)).status).toBe(422);
    expect((await propose(ana, ana, bo)).status).toBe(422);
    const noWhy = await propose(ana, bo, cy, '   ');
    expect(noWhy.status).toBe(400);
    expect(noWhy.body.errors[0].pointer).toBe('/body/why');
    expect(await snapshotDatabase(t.ctx.db, requestBookkeeping)).toEqual(before);

    // 24 hours after meeting Cy (the later of the two), it opens.
    t.clock.advance(23 * HOUR - 1000);
    expect((await propose(ana, bo, cy)).status).toBe(409);
    t.clock.advance(1000);
    const made = await propose(ana, bo, cy);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ state: 'waiting', why: 'You both climb and both build things in Rust.' });
    expect(new Date(made.body.expiresAt).getTime() - new Date(made.body.createdAt).getTime()).toBe(14 * DAY);
    expect((await propose(ana, bo, cy)).status).toBe(409);
  });

  it('follows the event’s cool-down setting', async () => {
    const { ana, bo, cy } = await setUp({ introductionCooldownHours: 0, introductionExpiryDays: 3 });
    const made = await propose(ana, bo, cy);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(new Date(made.body.expiresAt).getTime() - new Date(made.body.createdAt).getTime()).toBe(3 * DAY);
  });

  it('connects the two when both accept, and each sees the other as introduced by the introducer', async () => {
    const { ana, bo, cy } = await setUp();
    t.clock.advance(DAY);
    const made = await propose(ana, bo, cy);
    const id = made.body.id as string;
    const boNotes = (await notificationsOf(bo)).filter((n) => n.kind === 'intro_proposed');
    expect(boNotes[0]).toMatchObject({ kind: 'intro_proposed', eventId: null });
    expect(boNotes[0]!.text).toContain('Ana Lima would like to introduce you to Cy Cohen');

    const forBo = await call(t.app, bo, 'GET', `/api/me/introductions/${id}`);
    expect(forBo.body).toMatchObject({ introducer: { id: ana.id }, other: { id: cy.id }, myAnswer: null, state: 'waiting' });
    const accepted = await call(t.app, bo, 'POST', `/api/me/introductions/${id}/accept`);
    expect(accepted.body).toMatchObject({ myAnswer: 'accepted', state: 'waiting' });
    // Cy does not learn Bo's answer before answering.
    const forCy = await call(t.app, cy, 'GET', `/api/me/introductions/${id}`);
    expect(forCy.body.myAnswer).toBeNull();
    expect(JSON.stringify(forCy.body)).not.toContain('accepted');

    const both = await call(t.app, cy, 'POST', `/api/me/introductions/${id}/accept`);
    expect(both.body.state).toBe('connected');
    expect(await connectionsOf(bo, cy)).toBe(1);
    const boPeople = (await call(t.app, bo, 'GET', '/api/me/people')).body.people;
    expect(boPeople.find((p: { id: string }) => p.id === cy.id)).toMatchObject({ introducedBy: 'Ana Lima', lastContext: 'Introduced by Ana Lima' });
    const cyPerson = (await call(t.app, cy, 'GET', `/api/me/people/${bo.id}`)).body;
    expect(cyPerson.contexts).toEqual([expect.objectContaining({ kind: 'introduction', introducerId: ana.id, introducerName: 'Ana Lima' })]);
    expect((await call(t.app, ana, 'GET', '/api/me/introductions')).body.proposedByMe[0]).toMatchObject({ id, state: 'connected' });
    expect((await notificationsOf(ana)).some((n) => n.kind === 'intro_connected' && n.text.includes('both accepted your introduction'))).toBe(true);

    // Connected, they may exchange contact details, but not ask each other: that is for people met in person.
    expect((await call(t.app, bo, 'PUT', `/api/me/people/${cy.id}/contact-share`, { email: false, phone: false, links: false })).status).toBe(400);
    expect((await call(t.app, bo, 'POST', '/api/me/asks', { personId: cy.id, topic: 'Rust' })).status).toBe(404);
    // Nor may they introduce each other onwards before meeting.
    expect((await propose(bo, cy, ana)).status).toBe(422);
    // Answering again changes nothing; declining after the connection is too late.
    expect((await call(t.app, bo, 'POST', `/api/me/introductions/${id}/accept`)).body.state).toBe('connected');
    expect((await call(t.app, bo, 'POST', `/api/me/introductions/${id}/decline`)).status).toBe(409);
  });

  it('never reveals a decline: it reads as waiting, then as “not this time”, to everyone else', async () => {
    const { ana, bo, cy } = await setUp();
    t.clock.advance(DAY);
    const id = (await propose(ana, bo, cy)).body.id as string;
    await call(t.app, bo, 'POST', `/api/me/introductions/${id}/accept`);
    const declined = await call(t.app, cy, 'POST', `/api/me/introductions/${id}/decline`);
    expect(declined.body).toMatchObject({ myAnswer: 'declined', state: 'waiting' });
    const anaView = async () => (await call(t.app, ana, 'GET', '/api/me/introductions')).body.proposedByMe.find((i: { id: string }) => i.id === id);
    const boView = async () => (await call(t.app, bo, 'GET', `/api/me/introductions/${id}`)).body;
    expect(await anaView()).toMatchObject({ state: 'waiting' });
    expect(await boView()).toMatchObject({ state: 'waiting', myAnswer: 'accepted' });
    for (const who of [ana, bo]) {
      const everything = JSON.stringify([await notificationsOf(who), (await call(t.app, who, 'GET', '/api/me/introductions')).body]);
      expect(everything).not.toMatch(/declin/i);
    }
    expect(await connectionsOf(bo, cy)).toBe(0);
    t.clock.advance(14 * DAY);
    expect(await anaView()).toMatchObject({ state: 'not_this_time' });
    expect(await boView()).toMatchObject({ state: 'not_this_time' });
    // Once lapsed, Ana may propose it again (it is asked afresh).
    t.clock.advance(HOUR);
    expect((await propose(ana, bo, cy)).status).toBe(201);
  });

  it('two acceptances at once make one connection, and each hears of it once', async () => {
    for (let round = 0; round < 3; round++) {
      const { ana, bo, cy } = await setUp();
      t.clock.advance(DAY);
      const id = (await propose(ana, bo, cy)).body.id as string;
      const answers = await Promise.all([
        call(t.app, bo, 'POST', `/api/me/introductions/${id}/accept`),
        call(t.app, cy, 'POST', `/api/me/introductions/${id}/accept`),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(await connectionsOf(bo, cy)).toBe(1);
      const [row] = await queryRows<{ status: string }>(t.ctx.db, sql`select status from introductions where id = ${id}`);
      expect(row!.status).toBe('connected');
      for (const who of [bo, cy, ana]) {
        expect((await notificationsOf(who)).filter((n) => n.kind === 'intro_connected')).toHaveLength(1);
      }
    }
  });

  it('allows three introductions a day, then says when the next one can be made', async () => {
    const [olga, ana, ...others] = await createPeople(t, ['Olga Organizer', 'Ana Lima', 'P1 One', 'P2 Two', 'P3 Three', 'P4 Four', 'P5 Five']);
    const { event } = await eventWith(t.app, olga!, [ana!, ...others]);
    for (const other of others) await meet(t, event.id, ana!, other);
    t.clock.advance(DAY);
    for (let i = 0; i < 3; i++) {
      expect((await propose(ana!, others[i]!, others[i + 1]!)).status).toBe(201);
      t.clock.advance(HOUR);
    }
    const capped = await propose(ana!, others[0]!, others[4]!);
    expect(capped.status).toBe(429);
    expect(capped.body.detail).toMatch(/You can propose 3 introductions a day/);
    // The first of the three was made 3 hours ago: 21 hours to go.
    expect(Number(capped.headers['retry-after'])).toBe(21 * 3600);
    t.clock.advance(21 * HOUR);
    expect((await propose(ana!, others[0]!, others[4]!)).status).toBe(201);
  });

  it('an introduction involving a block never reaches the two, and looks ordinary to the introducer', async () => {
    const { ana, bo, cy } = await setUp();
    expect((await call(t.app, cy, 'PUT', `/api/me/blocks/${bo.id}`)).status).toBe(204);
    t.clock.advance(DAY);
    const made = await propose(ana, bo, cy);
    expect(made.status).toBe(201);
    expect(made.body.state).toBe('waiting');
    for (const who of [bo, cy]) {
      expect((await call(t.app, who, 'GET', '/api/me/introductions')).body.forMe).toEqual([]);
      expect((await notificationsOf(who)).filter((n) => n.kind === 'intro_proposed')).toEqual([]);
      expect((await call(t.app, who, 'POST', `/api/me/introductions/${made.body.id}/accept`)).status).toBe(404);
    }
  });

  it('a pair already connected is not asked again: the same introducer is told, another sees it wait quietly', async () => {
    const { olga, ana, bo, cy, event } = await setUp();
    t.clock.advance(DAY);
    const id = (await propose(ana, bo, cy)).body.id as string;
    await call(t.app, bo, 'POST', `/api/me/introductions/${id}/accept`);
    await call(t.app, cy, 'POST', `/api/me/introductions/${id}/accept`);
    const again = await propose(ana, bo, cy);
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('You introduced them to each other already, and they are connected.');

    // Olga met both too; her introduction reads like any other to her, and never reaches them.
    await meet(t, event.id, olga, bo);
    await meet(t, event.id, olga, cy);
    t.clock.advance(DAY);
    const before = (await notificationsOf(bo)).length;
    const olgas = await propose(olga, bo, cy);
    expect(olgas.status).toBe(201);
    expect(olgas.body.state).toBe('waiting');
    expect(await notificationsOf(bo)).toHaveLength(before);
    expect((await call(t.app, bo, 'GET', '/api/me/introductions')).body.forMe.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(await connectionsOf(bo, cy)).toBe(1);
  });

  it('the introducer may withdraw while it waits; the two cannot', async () => {
    const { ana, bo, cy } = await setUp();
    t.clock.advance(DAY);
    const id = (await propose(ana, bo, cy)).body.id as string;
    expect((await call(t.app, bo, 'POST', `/api/me/introductions/${id}/withdraw`)).status).toBe(404);
    const withdrawn = await call(t.app, ana, 'POST', `/api/me/introductions/${id}/withdraw`);
    expect(withdrawn.body.state).toBe('withdrawn');
    expect((await call(t.app, bo, 'POST', `/api/me/introductions/${id}/accept`)).status).toBe(409);
  });

  it('asks: someone I met asks who they should meet; I answer with an introduction or let it lapse', async () => {
    const { ana, bo, cy, dee } = await setUp();
    const asked = await call(t.app, bo, 'POST', '/api/me/asks', { personId: ana.id, topic: 'funding for  a climbing gym' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({ topic: 'funding for a climbing gym', state: 'waiting' });
    expect((await notificationsOf(ana)).find((n) => n.kind === 'ask_received')!.text).toBe('Bo Berg asks: who should I meet about “funding for a climbing gym”?');
    expect((await call(t.app, bo, 'POST', '/api/me/asks', { personId: ana.id, topic: 'again' })).status).toBe(409);
    // Only someone met in person; and nobody else sees the ask.
    expect((await call(t.app, dee, 'POST', '/api/me/asks', { personId: ana.id, topic: 'hello' })).status).toBe(404);
    expect((await call(t.app, cy, 'GET', '/api/me/asks')).body).toEqual({ sent: [], received: [] });
    expect((await call(t.app, cy, 'POST', `/api/me/asks/${asked.body.id}/set-aside`)).status).toBe(404);

    t.clock.advance(DAY);
    // The answer must introduce the asker.
    expect((await propose(ana, cy, dee, 'x', asked.body.id)).status).toBe(422);
    const answer = await propose(ana, bo, cy, 'Cy ran a crowdfunding for a bouldering hall.', asked.body.id);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.askId).toBe(asked.body.id);
    expect((await call(t.app, bo, 'GET', '/api/me/asks')).body.sent[0]).toMatchObject({ state: 'answered' });
    expect((await call(t.app, ana, 'GET', '/api/me/asks')).body.received[0]).toMatchObject({ state: 'answered', from: { id: bo.id } });

    // Set aside, an ask still reads as waiting to the asker until it lapses.
    const second = await call(t.app, cy, 'POST', '/api/me/asks', { personId: ana.id, topic: 'typography' });
    expect((await call(t.app, ana, 'POST', `/api/me/asks/${second.body.id}/set-aside`)).body.state).toBe('set_aside');
    expect((await call(t.app, cy, 'GET', '/api/me/asks')).body.sent[0]).toMatchObject({ state: 'waiting' });
    expect((await call(t.app, cy, 'POST', '/api/me/asks', { personId: ana.id, topic: 'typography again' })).status).toBe(409);
    t.clock.advance(14 * DAY);
    expect((await call(t.app, cy, 'GET', '/api/me/asks')).body.sent[0]).toMatchObject({ state: 'not_this_time' });
    expect((await call(t.app, cy, 'POST', '/api/me/asks', { personId: ana.id, topic: 'typography again' })).status).toBe(201);
  });

  it('allows three asks a day', async () => {
    const [olga, ana, ...others] = await createPeople(t, ['Olga Organizer', 'Ana Lima', 'Q1 One', 'Q2 Two', 'Q3 Three', 'Q4 Four']);
    const { event } = await eventWith(t.app, olga!, [ana!, ...others]);
    for (const other of others) await meet(t, event.id, ana!, other);
    for (const other of others.slice(0, 3)) expect((await call(t.app, ana!, 'POST', '/api/me/asks', { personId: other.id, topic: 'Rust' })).status).toBe(201);
    const capped = await call(t.app, ana!, 'POST', '/api/me/asks', { personId: others[3]!.id, topic: 'Rust' });
    expect(capped.status).toBe(429);
    expect(capped.headers['retry-after']).toBeDefined();
  });

  it('a block made after an introduction reached them: the one who blocks no longer sees it, and it never connects', async () => {
    const { ana, bo, cy } = await setUp();
    t.clock.advance(DAY);
    const id = (await propose(ana, bo, cy)).body.id as string;
    expect((await call(t.app, bo, 'POST', `/api/me/introductions/${id}/accept`)).status).toBe(200);
    expect((await call(t.app, bo, 'PUT', `/api/me/blocks/${cy.id}`)).status).toBe(204);
    // For Bo, it is gone.
    expect((await call(t.app, bo, 'GET', '/api/me/introductions')).body.forMe).toEqual([]);
    expect((await call(t.app, bo, 'GET', `/api/me/introductions/${id}`)).status).toBe(404);
    expect((await call(t.app, bo, 'POST', `/api/me/introductions/${id}/accept`)).status).toBe(404);
    // Cy's acceptance reads as any acceptance still waiting for the other; nothing connects, nobody is told.
    const cyAccepts = await call(t.app, cy, 'POST', `/api/me/introductions/${id}/accept`);
    expect(cyAccepts.status).toBe(200);
    expect(cyAccepts.body).toMatchObject({ myAnswer: 'accepted', state: 'waiting', connectedAt: null });
    expect(await connectionsOf(bo, cy)).toBe(0);
    for (const who of [ana, bo, cy]) expect((await notificationsOf(who)).filter((n) => n.kind === 'intro_connected')).toEqual([]);
    // Not connected: Bo is not one of Cy's people.
    expect((await call(t.app, cy, 'GET', `/api/me/people/${bo.id}`)).status).toBe(404);
    t.clock.advance(14 * DAY);
    expect((await call(t.app, cy, 'GET', `/api/me/introductions/${id}`)).body.state).toBe('not_this_time');
    expect((await call(t.app, ana, 'GET', '/api/me/introductions')).body.proposedByMe.find((i: { id: string }) => i.id === id).state).toBe('not_this_time');
  });

  it('an ask answered with an introduction that cannot reach its asker reads to them as still waiting', async () => {
    const { ana, bo, cy } = await setUp();
    // Cy blocks Bo: an introduction of the two never reaches either.
    expect((await call(t.app, cy, 'PUT', `/api/me/blocks/${bo.id}`)).status).toBe(204);
    const asked = await call(t.app, bo, 'POST', '/api/me/asks', { personId: ana.id, topic: 'bouldering' });
    expect(asked.status).toBe(201);
    t.clock.advance(DAY);
    expect((await propose(ana, bo, cy, 'Cy climbs too.', asked.body.id)).status).toBe(201);
    // Ana answered it; to Bo it is an ask still waiting, as if Ana had set it aside.
    expect((await call(t.app, ana, 'GET', '/api/me/asks')).body.received[0]).toMatchObject({ id: asked.body.id, state: 'answered' });
    expect((await call(t.app, bo, 'GET', '/api/me/asks')).body.sent[0]).toMatchObject({ id: asked.body.id, state: 'waiting' });
    expect((await call(t.app, bo, 'GET', '/api/me/introductions')).body.forMe).toEqual([]);
    const again = await call(t.app, bo, 'POST', '/api/me/asks', { personId: ana.id, topic: 'bouldering again' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/still open/);
    t.clock.advance(14 * DAY);
    expect((await call(t.app, bo, 'GET', '/api/me/asks')).body.sent[0]).toMatchObject({ id: asked.body.id, state: 'not_this_time' });
    expect((await call(t.app, bo, 'POST', '/api/me/asks', { personId: ana.id, topic: 'bouldering again' })).status).toBe(201);
  });

  it('an ask from someone I then blocked is no longer shown to me, nor answerable', async () => {
    const { ana, bo, cy } = await setUp();
    const asked = await call(t.app, bo, 'POST', '/api/me/asks', { personId: ana.id, topic: 'bouldering' });
    expect(asked.status).toBe(201);
    expect((await call(t.app, ana, 'PUT', `/api/me/blocks/${bo.id}`)).status).toBe(204);
    expect((await call(t.app, ana, 'GET', '/api/me/asks')).body.received).toEqual([]);
    expect((await call(t.app, ana, 'POST', `/api/me/asks/${asked.body.id}/set-aside`)).status).toBe(404);
    t.clock.advance(DAY);
    const answer = await propose(ana, bo, cy, 'Cy climbs too.', asked.body.id);
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toMatch(/does not answer an ask waiting for you/);
    // To Bo, it still waits.
    expect((await call(t.app, bo, 'GET', '/api/me/asks')).body.sent[0]).toMatchObject({ state: 'waiting' });
  });

  it('says a one-hour cool-down in plain English', async () => {
    const { ana, bo, cy } = await setUp({ introductionCooldownHours: 1 });
    const early = await propose(ana, bo, cy);
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/Introductions open 1 hour after you first met both people/);
  });

  it('a connection outlives its introducer’s account', async () => {
    const { ana, bo, cy } = await setUp();
    t.clock.advance(DAY);
    const id = (await propose(ana, bo, cy)).body.id as string;
    await call(t.app, bo, 'POST', `/api/me/introductions/${id}/accept`);
    await call(t.app, cy, 'POST', `/api/me/introductions/${id}/accept`);
    const deleted = await call(t.app, ana, 'DELETE', '/api/me', { password: 'a long enough password' });
    expect(deleted.status).toBe(204);
    const boPeople = (await call(t.app, bo, 'GET', '/api/me/people')).body.people;
    expect(boPeople.map((p: { id: string }) => p.id)).toEqual([cy.id]);
    expect(boPeople[0]).toMatchObject({ introducedBy: 'someone who has left' });
    expect((await call(t.app, bo, 'GET', `/api/me/introductions/${id}`)).body.introducer).toBeNull();
  });
});
