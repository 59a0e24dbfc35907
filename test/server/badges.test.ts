import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doorCodeOf } from '../../src/core/badges/badge-code.js';
import { queryRows } from '../../src/server/platform/db/client.js';
import { call, createTestApp, eventWith, type Person, type TestApp } from '../support/app.js';
import { clearRateLimits } from '../support/database.js';
import { storageEngines } from '../support/engines.js';
import { createPeople, joinWith } from '../support/people.js';

const CONTACT = { email: 'ana.private@example.org', phone: '+351 912 345 678', links: ['https://example.org/ana-private-link'] };

interface Badge {
  userId: string;
  name: string;
  headline: string;
  interests: string[];
  role: string;
  status: string;
  checkedIn: boolean;
  checkedInAt: string | null;
  claimUrl: string;
  claimed: boolean;
  imported: boolean;
}

describe.each(storageEngines())('badges and door check-in on %s', (engine) => {
  let t: TestApp;
  let olga: Person, ana: Person, bo: Person, leo: Person, sam: Person, zoe: Person;
  let eventId: string;
  let otherEventId: string;
  let ines: { id: string; token: string };

  const tokenOf = async (event: string, userId: string) =>
    (await queryRows<{ claim_token: string }>(t.ctx.db, sql`select claim_token from memberships where event_id = ${event} and user_id = ${userId}`))[0]!
      .claim_token;
  const membershipOf = async (userId: string) =>
    (await queryRows<{ status: string; checked_in_at: Date | string | null }>(
      t.ctx.db,
      sql`select status, checked_in_at from memberships where event_id = ${eventId} and user_id = ${userId}`,
    ))[0]!;
  const auditOf = async (action: string, subjectId: string) =>
    queryRows<{ actor_id: string; detail: Record<string, unknown> }>(
      t.ctx.db,
      sql`select actor_id, detail from audit_log where event_id = ${eventId} and action = ${action} and subject_id = ${subjectId}`,
    );
  const badges = async (who: Person = olga, query = '') => {
    const response = await call(t.app, who, 'GET', `/api/events/${eventId}/badges${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { event: { name: string }; badges: Badge[] };
  };
  const scan = (code: string, who: Person = olga, event = eventId) => call(t.app, who, 'POST', `/api/events/${event}/check-ins`, { code });

  beforeAll(async () => {
    t = await createTestApp(engine);
    [olga, ana, bo, leo, sam, zoe] = (await createPeople(t, ['Olga Organizer', 'Ana Lima', 'Bo Berg', 'Leo Left', 'Sam Stranger', 'Zoe Elsewhere'])) as [
      Person,
      Person,
      Person,
      Person,
      Person,
      Person,
    ];
    const made = await eventWith(t.app, olga, [ana, bo, leo]);
    eventId = made.event.id;
    const other = await eventWith(t.app, sam, [zoe]);
    otherEventId = other.event.id;
    expect((await call(t.app, leo, 'POST', `/api/events/${eventId}/leave`)).status).toBe(204);
    const profile = await call(t.app, ana, 'PUT', '/api/me/profile', {
      displayName: 'Ana Lima',
      headline: 'Product designer',
      bio: 'Private-ish bio that a badge does not need',
      interests: ['js', 'Rock climbing', 'sourdough', 'Urban gardening', 'Rust'],
      offers: [],
      seeking: [],
      questions: [],
      contact: CONTACT,
    });
    expect(profile.status, JSON.stringify(profile.body)).toBe(200);
    const imported = await call(t.app, olga, 'POST', `/api/events/${eventId}/imports`, {
      csv: 'email,name,headline,interests\nines@example.org,Ines Imported,Chef at Mesa,Fermentation;Cycling;Jazz;Poetry\n',
      format: 'generic',
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const [row] = await queryRows<{ user_id: string; claim_token: string }>(
      t.ctx.db,
      sql`select m.user_id, m.claim_token from memberships m join users u on u.id = m.user_id where m.event_id = ${eventId} and u.email = 'ines@example.org'`,
    );
    ines = { id: row!.user_id, token: row!.claim_token };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists a badge for everyone who has not left: name, headline, three interests, claim link, and no contact details', async () => {
    const list = await badges();
    expect(list.event.name).toMatch(/^Event /);
    const byName = new Map(list.badges.map((b) => [b.name, b]));
    expect([...byName.keys()].sort()).toEqual(['Ana Lima', 'Bo Berg', 'Ines Imported', 'Olga Organizer']);
    const anaBadge = byName.get('Ana Lima')!;
    expect(anaBadge.interests).toHaveLength(3);
    expect(anaBadge.interests[0]).toBe('JavaScript');
    expect(anaBadge).toMatchObject({
      userId: ana.id,
      headline: 'Product designer',
      // The profile's first three, as the profile shows them ("js" is JavaScript).
      interests: (await call(t.app, ana, 'GET', '/api/me/profile')).body.interests.slice(0, 3),
      role: 'attendee',
      status: 'joined',
      checkedIn: false,
      checkedInAt: null,
      claimed: true,
      imported: false,
    });
    expect(anaBadge.claimUrl).toBe(`${t.ctx.config.publicUrl}/claim/${await tokenOf(eventId, ana.id)}`);
    expect(byName.get('Olga Organizer')).toMatchObject({ role: 'organizer', claimed: true });
    expect(byName.get('Ines Imported')).toMatchObject({
      userId: ines.id,
      headline: 'Chef at Mesa',
      interests: ['Fermentation', 'Cycling', 'Jazz'],
      status: 'invited',
      claimed: false,
      imported: true,
      claimUrl: `${t.ctx.config.publicUrl}/claim/${ines.token}`,
    });
    const text = JSON.stringify(list);
    for (const secret of [CONTACT.email, CONTACT.phone, CONTACT.links[0]!, 'Private-ish bio', 'ines@example.org', ana.email]) {
      expect(text).not.toContain(secret);
    }
  });

  it('filters the badges: imported people only, by name', async () => {
    expect((await badges(olga, '?filter=imported')).badges.map((b) => b.name)).toEqual(['Ines Imported']);
    expect((await badges(olga, '?q=lim')).badges.map((b) => b.name)).toEqual(['Ana Lima']);
    expect((await badges(olga, '?q=chef')).badges.map((b) => b.name)).toEqual(['Ines Imported']);
    expect((await badges(olga, '?q=%25')).badges).toEqual([]);
  });

  it('answers 404 to attendees and to another event’s organizer and attendee, as for an event that does not exist', async () => {
    const nothing = await call(t.app, olga, 'GET', '/api/events/00000000-0000-4000-8000-000000000000/badges');
    expect(nothing.status).toBe(404);
    const bodyOf = (r: { body: Record<string, unknown> }) => ({ ...r.body, instance: undefined });
    for (const who of [ana, sam, zoe]) {
      const denied = [
        await call(t.app, who, 'GET', `/api/events/${eventId}/badges`),
        await call(t.app, who, 'GET', `/api/events/${eventId}/check-ins`),
        await scan(await tokenOf(eventId, bo.id), who),
        await call(t.app, who, 'DELETE', `/api/events/${eventId}/check-ins/${bo.id}`),
      ];
      for (const response of denied) {
        expect(response.status, `${who.name}: ${JSON.stringify(response.body)}`).toBe(404);
        expect(bodyOf(response)).toEqual(bodyOf(nothing));
      }
    }
    expect((await call(t.app, undefined, 'GET', `/api/events/${eventId}/badges`)).status).toBe(401);
    expect((await membershipOf(bo.id)).status).toBe('joined');
  });

  it('checks a member in by their badge’s code, once: a second scan says since when and writes nothing', async () => {
    const first = await scan(await tokenOf(eventId, bo.id));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      alreadyCheckedIn: false,
      person: { userId: bo.id, name: 'Bo Berg', status: 'checked_in', checkedIn: true, claimed: true },
      checkedIn: 1,
      expected: 4,
    });
    expect(JSON.stringify(first.body)).not.toContain(bo.email);
    const stored = await membershipOf(bo.id);
    expect(stored.status).toBe('checked_in');
    expect(new Date(stored.checked_in_at!).toISOString()).toBe(t.clock.now().toISOString());
    expect(first.body.person.checkedInAt).toBe(t.clock.now().toISOString());

    const firstAt = first.body.person.checkedInAt;
    t.clock.advance(5 * 60_000);
    const again = await scan(`${t.ctx.config.publicUrl}/claim/${await tokenOf(eventId, bo.id)}`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ alreadyCheckedIn: true, person: { userId: bo.id, checkedInAt: firstAt }, checkedIn: 1 });
    const entries = await auditOf('attendee.checked_in', bo.id);
    expect(entries).toEqual([{ actor_id: olga.id, detail: { via: 'door' } }]);
  });

  it('checks in an imported person by the whole claim link, and they stay unclaimed and out of the directory', async () => {
    const result = await scan(` ${t.ctx.config.publicUrl}/claim/${ines.token}\n`);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({
      alreadyCheckedIn: false,
      person: { userId: ines.id, name: 'Ines Imported', headline: 'Chef at Mesa', status: 'invited', checkedIn: true, claimed: false },
      checkedIn: 2,
    });
    expect((await membershipOf(ines.id)).status).toBe('invited');
    expect(await auditOf('attendee.checked_in', ines.id)).toHaveLength(1);
    // Attendees do not see an unclaimed account in the directory, checked in or not.
    const directory = await call(t.app, ana, 'GET', `/api/events/${eventId}/directory`);
    expect(directory.status).toBe(200);
    expect(JSON.stringify(directory.body)).not.toContain('Ines Imported');
    // The badges and the door say they came.
    expect((await badges()).badges.find((b) => b.userId === ines.id)).toMatchObject({ checkedIn: true, status: 'invited', claimed: false });
    const door = await call(t.app, olga, 'GET', `/api/events/${eventId}/check-ins`);
    expect(door.status).toBe(200);
    expect(door.body.checkedIn).toBe(2);
    expect(door.body.recent.map((p: { userId: string }) => p.userId)).toEqual([ines.id, bo.id]);
    expect((await badges(olga, '?filter=not_checked_in')).badges.map((b) => b.name).sort()).toEqual(['Ana Lima', 'Olga Organizer']);
  });

  it('says "No badge of this event" for another event’s badge and for anything else, and changes nothing', async () => {
    const zoeToken = await tokenOf(otherEventId, zoe.id);
    for (const code of [zoeToken, `${t.ctx.config.publicUrl}/claim/${zoeToken}`, 'not a badge at all', 'a'.repeat(64), `${t.ctx.config.publicUrl}/e/${eventId}/met/ABCD`]) {
      const response = await scan(code);
      expect(response.status, code).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.detail).toBe('No badge of this event has this code.');
    }
    const zoeRow = (await queryRows<{ status: string }>(t.ctx.db, sql`select status from memberships where event_id = ${otherEventId} and user_id = ${zoe.id}`))[0]!;
    expect(zoeRow.status).toBe('joined');
    // Its own organizer checks Zoe in at their own door.
    expect((await scan(zoeToken, sam, otherEventId)).body).toMatchObject({ alreadyCheckedIn: false, person: { userId: zoe.id } });
  });

  it('refuses someone who left, with 409', async () => {
    const response = await scan(await tokenOf(eventId, leo.id));
    expect(response.status).toBe(409);
    expect(response.body.detail).toBe('Leo Left left this event, so they cannot be checked in.');
    expect((await membershipOf(leo.id)).status).toBe('left');
    expect(await auditOf('attendee.checked_in', leo.id)).toEqual([]);
    expect((await call(t.app, olga, 'DELETE', `/api/events/${eventId}/check-ins/${leo.id}`)).status).toBe(404);
  });

  it('undoes a check-in once, and a member of another event cannot be undone from here', async () => {
    const undone = await call(t.app, olga, 'DELETE', `/api/events/${eventId}/check-ins/${bo.id}`);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body).toMatchObject({ person: { userId: bo.id, status: 'joined', checkedIn: false, checkedInAt: null }, checkedIn: 1 });
    expect(await membershipOf(bo.id)).toEqual({ status: 'joined', checked_in_at: null });
    expect((await call(t.app, olga, 'DELETE', `/api/events/${eventId}/check-ins/${bo.id}`)).status).toBe(200);
    expect(await auditOf('attendee.check_in_undone', bo.id)).toEqual([{ actor_id: olga.id, detail: {} }]);

    const inesUndone = await call(t.app, olga, 'DELETE', `/api/events/${eventId}/check-ins/${ines.id}`);
    expect(inesUndone.body.person).toMatchObject({ status: 'invited', checkedIn: false });
    expect(await membershipOf(ines.id)).toEqual({ status: 'invited', checked_in_at: null });

    expect((await call(t.app, olga, 'DELETE', `/api/events/${eventId}/check-ins/${zoe.id}`)).status).toBe(404);
    expect((await call(t.app, olga, 'DELETE', `/api/events/${otherEventId}/check-ins/${zoe.id}`)).status).toBe(404);
  });

  it('checks in by the door code printed under the QR code, typed in any case and spacing, at its own event only', async () => {
    const token = await tokenOf(eventId, olga.id);
    const printed = doorCodeOf(token);
    expect(printed).toMatch(/^[0-9A-F]{4} [0-9A-F]{4}$/);
    const typed = await scan(` ${printed.toLowerCase().replace(' ', '-')} `);
    expect(typed.status, JSON.stringify(typed.body)).toBe(200);
    expect(typed.body).toMatchObject({ alreadyCheckedIn: false, person: { userId: olga.id, checkedIn: true } });
    for (const code of [printed.slice(0, 7), doorCodeOf(await tokenOf(otherEventId, zoe.id))]) {
      expect((await scan(code)).body.detail, code).toBe('No badge of this event has this code.');
    }
    // The printed part claims nothing: a claim link needs the whole code.
    expect((await call(t.app, undefined, 'GET', `/api/claims/${printed.replace(' ', '')}`)).status).toBe(400);
    expect((await call(t.app, olga, 'DELETE', `/api/events/${eventId}/check-ins/${olga.id}`)).status).toBe(200);
  });

  it('audits a check-in through the members panel the same way, once', async () => {
    const before = (await auditOf('attendee.checked_in', ana.id)).length;
    for (let i = 0; i < 2; i++) {
      const response = await call(t.app, olga, 'PATCH', `/api/events/${eventId}/members/${ana.id}`, { status: 'checked_in' });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.status).toBe('checked_in');
    }
    expect(await auditOf('attendee.checked_in', ana.id)).toHaveLength(before + 1);
    expect((await auditOf('attendee.checked_in', ana.id)).at(-1)).toEqual({ actor_id: olga.id, detail: { via: 'members' } });
    // The badge then reads as checked in already.
    expect((await scan(await tokenOf(eventId, ana.id))).body.alreadyCheckedIn).toBe(true);
    expect((await call(t.app, olga, 'PATCH', `/api/events/${eventId}/members/${ana.id}`, { status: 'joined' })).status).toBe(200);
    expect(await auditOf('attendee.check_in_undone', ana.id)).toEqual([{ actor_id: olga.id, detail: { via: 'members' } }]);
  });

  it('checks a badge in once when two scanners read it at the same moment', async () => {
    const token = await tokenOf(eventId, ana.id);
    const results = await Promise.all([scan(token), scan(token), scan(`${t.ctx.config.publicUrl}/claim/${token}`)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.filter((r) => r.body.alreadyCheckedIn === false)).toHaveLength(1);
    expect(await auditOf('attendee.checked_in', ana.id)).toHaveLength(2);
  });

  it('stops a scanner stuck on a loop: at most 120 scans a minute per organizer', async () => {
    await clearRateLimits(t.ctx.db);
    const token = await tokenOf(eventId, ana.id);
    for (let i = 0; i < 120; i++) expect((await scan(token)).status).toBe(200);
    const refused = await scan(token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another organizer's scanner is not held up.
    const [cora] = await createPeople(t, ['Cora Organizer']);
    const invite = await call(t.app, olga, 'POST', `/api/events/${eventId}/invites`, {});
    await joinWith(t, cora!, invite.body.token);
    expect((await call(t.app, olga, 'PATCH', `/api/events/${eventId}/members/${cora!.id}`, { role: 'organizer' })).status).toBe(200);
    expect((await scan(token, cora!)).status).toBe(200);
    t.clock.advance(61_000);
    expect((await scan(token)).status).toBe(200);
  });
});
