import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../../src/server/accounts/accounts.repository.js';
import { recordAudit } from '../../src/server/audit/audit.repository.js';
import { auditLog, events, memberships } from '../../src/server/platform/db/schema.js';
import { call, createTestApp, sampleEvent, type Person, type TestApp } from '../support/app.js';
import { storageEngines } from '../support/engines.js';
import { createPeople, createPerson, joinWith, PERSON_PASSWORD } from '../support/people.js';

interface AuditEntryBody {
  id: string;
  at: string;
  action: string;
  kind: string;
  summary: string;
  actor: { userId: string | null; name: string; deleted: boolean };
  subject: { userId: string | null; name: string; deleted: boolean } | null;
  detail: Record<string, unknown>;
}

describe.each(storageEngines())('organizers, ownership and the audit log on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  const unique = (name: string) => `${name} ${randomUUID().slice(0, 6)}`;

  /** An owner, attendees who joined through an invite, and the organizer of another event. */
  async function gathering(attendeeNames: string[]) {
    const owner = await createPerson(t, 'Olga Owner');
    const attendees = await createPeople(t, attendeeNames);
    const stranger = await createPerson(t, 'Stan Stranger');
    const created = await call(t.app, owner, 'POST', '/api/events', sampleEvent({ name: unique('Event') }));
    const other = await call(t.app, stranger, 'POST', '/api/events', sampleEvent({ name: unique('Other event') }));
    const invite = await call(t.app, owner, 'POST', `/api/events/${created.body.id}/invites`, {});
    for (const attendee of attendees) await joinWith(t, attendee, invite.body.token);
    return { owner, attendees, stranger, eventId: created.body.id as string, otherEventId: other.body.id as string, invite: invite.body };
  }

  const setRole = (who: Person, eventId: string, userId: string, role: 'organizer' | 'attendee') =>
    call(t.app, who, 'PATCH', `/api/events/${eventId}/members/${userId}`, { role });

  const transfer = (who: Person, eventId: string, userId: string) => call(t.app, who, 'POST', `/api/events/${eventId}/ownership`, { userId });

  async function auditOf(who: Person, eventId: string, query = '') {
    const response = await call(t.app, who, 'GET', `/api/events/${eventId}/audit${query}`);
    if (response.status !== 200) throw new Error(`audit read failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { entries: AuditEntryBody[]; nextCursor: string | null };
  }

  async function ownerOf(eventId: string) {
    const [row] = await t.ctx.db.select({ ownerId: events.ownerId }).from(events).where(eq(events.id, eventId));
    return row?.ownerId;
  }

  async function auditRows(eventId: string) {
    return t.ctx.db.select().from(auditLog).where(eq(auditLog.eventId, eventId));
  }

  describe('co-organizers', () => {
    it('records making someone a co-organizer and removing them, with who did it and to whom', async () => {
      const { owner, attendees, eventId } = await gathering(['Eve Early']);
      const eve = attendees[0]!;
      const promoted = await setRole(owner, eventId, eve.id, 'organizer');
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({ userId: eve.id, role: 'organizer', isOwner: false });
      // Asking for the role one already has changes nothing and records nothing.
      expect((await setRole(owner, eventId, eve.id, 'organizer')).status).toBe(200);
      t.clock.advance(60_000);
      expect((await setRole(owner, eventId, eve.id, 'attendee')).body.role).toBe('attendee');

      const { entries, nextCursor } = await auditOf(owner, eventId);
      expect(nextCursor).toBeNull();
      expect(entries.map((e) => e.action)).toEqual(['organizer.removed', 'organizer.added']);
      const [removed, added] = entries as [AuditEntryBody, AuditEntryBody];
      expect(added).toMatchObject({
        kind: 'roles',
        summary: 'Olga Owner made Eve Early a co-organizer',
        actor: { userId: owner.id, name: 'Olga Owner', deleted: false },
        subject: { userId: eve.id, name: 'Eve Early', deleted: false },
      });
      expect(removed.summary).toBe('Olga Owner removed Eve Early as organizer');
      expect(Date.parse(removed.at) - Date.parse(added.at)).toBe(60_000);
    });

    it('does not record a change that was refused (the owner stays an organizer)', async () => {
      const { owner, attendees, eventId } = await gathering(['Ana Able']);
      await setRole(owner, eventId, attendees[0]!.id, 'organizer');
      const refused = await setRole(attendees[0]!, eventId, owner.id, 'attendee');
      expect(refused.status).toBe(409);
      expect((await auditRows(eventId)).map((r) => r.action)).toEqual(['organizer.added']);
    });

    it('refuses to make an imported person who has not claimed their invitation an organizer', async () => {
      const { owner, eventId } = await gathering([]);
      const user = await insertUser(t.ctx.db, {
        email: `ida.imported.${randomUUID().slice(0, 8)}@example.org`,
        name: 'Ida Imported',
        passwordHash: '',
        isAdmin: false,
      });
      await t.ctx.db.insert(memberships).values({ eventId, userId: user.id, role: 'attendee', status: 'invited' });

      const refused = await setRole(owner, eventId, user.id, 'organizer');
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.detail).toMatch(/^Ida Imported has not joined with an account yet/);
      const [row] = await t.ctx.db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.eventId, eventId), eq(memberships.userId, user.id)));
      expect(row?.role).toBe('attendee');
      expect(await auditRows(eventId)).toEqual([]);

      // Joined (say, through an invite link) but still without a password: not yet either.
      await t.ctx.db
        .update(memberships)
        .set({ status: 'joined' })
        .where(and(eq(memberships.eventId, eventId), eq(memberships.userId, user.id)));
      expect((await setRole(owner, eventId, user.id, 'organizer')).status).toBe(409);
    });
  });

  describe('transferring ownership', () => {
    it('never both hands the event on and deletes it when the owner does both at once', async () => {
      for (let round = 0; round < 4; round++) {
        const { owner, attendees, eventId } = await gathering(['Bo Brave']);
        const [bo] = attendees as [Person];
        await setRole(owner, eventId, bo.id, 'organizer');
        const [moved, deleted] = await Promise.all([transfer(owner, eventId, bo.id), call(t.app, owner, 'DELETE', `/api/events/${eventId}`)]);
        expect([moved.status, deleted.status], `round ${round}`).not.toEqual([200, 204]);
        if (deleted.status === 204) expect((await call(t.app, bo, 'GET', `/api/events/${eventId}`)).status).toBe(404);
        else expect(await ownerOf(eventId)).toBe(bo.id);
      }
    });

    it('hands the event to a co-organizer; the old owner stays an organizer, may then leave, and the new owner may delete it', async () => {
      const { owner, attendees, eventId } = await gathering(['Bo Brave', 'Cy Calm']);
      const [bo, cy] = attendees as [Person, Person];
      await setRole(owner, eventId, bo.id, 'organizer');
      expect((await call(t.app, owner, 'POST', `/api/events/${eventId}/leave`)).status).toBe(409);
      t.clock.advance(1_000);

      const moved = await transfer(owner, eventId, bo.id);
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ id: eventId, isOwner: false, myRole: 'organizer' });
      expect(await ownerOf(eventId)).toBe(bo.id);
      expect((await call(t.app, bo, 'GET', `/api/events/${eventId}`)).body.isOwner).toBe(true);
      const members = (await call(t.app, bo, 'GET', `/api/events/${eventId}/members`)).body.members as { userId: string; role: string; isOwner: boolean }[];
      expect(members.find((m) => m.userId === owner.id)).toMatchObject({ role: 'organizer', isOwner: false });
      expect(members.find((m) => m.userId === bo.id)).toMatchObject({ role: 'organizer', isOwner: true });

      const [entry] = (await auditOf(bo, eventId, '?kind=roles&limit=1')).entries;
      expect(entry).toMatchObject({
        action: 'event.ownership_transferred',
        summary: 'Olga Owner transferred ownership to Bo Brave',
        actor: { userId: owner.id },
        subject: { userId: bo.id },
        detail: { from: owner.id, to: bo.id },
      });

      // The old owner no longer deletes it nor hands it on; the new owner cannot be made an attendee.
      expect((await call(t.app, owner, 'DELETE', `/api/events/${eventId}`)).status).toBe(409);
      expect((await transfer(owner, eventId, cy.id)).status).toBe(404);
      expect((await setRole(owner, eventId, bo.id, 'attendee')).status).toBe(409);
      expect((await call(t.app, owner, 'POST', `/api/events/${eventId}/leave`)).status).toBe(204);
      expect((await call(t.app, bo, 'DELETE', `/api/events/${eventId}`)).status).toBe(204);
      expect(await ownerOf(eventId)).toBeUndefined();
    });

    it('answers 404 to a co-organizer who is not the owner, an attendee, another event’s organizer and 401 to nobody', async () => {
      const { owner, attendees, stranger, eventId } = await gathering(['Bo Brave', 'Cy Calm']);
      const [bo, cy] = attendees as [Person, Person];
      await setRole(owner, eventId, bo.id, 'organizer');
      const asCoOrganizer = await transfer(bo, eventId, bo.id);
      expect(asCoOrganizer.status).toBe(404);
      const nothing = await transfer(bo, randomUUID(), bo.id);
      expect({ ...asCoOrganizer.body, instance: undefined }).toEqual({ ...nothing.body, instance: undefined });
      expect((await transfer(cy, eventId, bo.id)).status).toBe(404);
      expect((await transfer(stranger, eventId, stranger.id)).status).toBe(404);
      expect((await call(t.app, undefined, 'POST', `/api/events/${eventId}/ownership`, { userId: bo.id })).status).toBe(401);
      expect(await ownerOf(eventId)).toBe(owner.id);
      expect((await auditRows(eventId)).map((r) => r.action)).toEqual(['organizer.added']);
    });

    it('tells the owner why someone cannot take it over: an attendee, a stranger, themselves', async () => {
      const { owner, attendees, stranger, eventId } = await gathering(['Ana Able']);
      const ana = attendees[0]!;
      const toAttendee = await transfer(owner, eventId, ana.id);
      expect(toAttendee.status).toBe(409);
      expect(toAttendee.body.detail).toBe('Ana Able is an attendee. Make Ana Able a co-organizer first, then transfer the ownership.');
      expect(toAttendee.body.errors).toEqual([{ pointer: '/body/userId', detail: toAttendee.body.detail }]);

      const toStranger = await transfer(owner, eventId, stranger.id);
      expect(toStranger.status).toBe(422);
      expect(toStranger.body.detail).toMatch(/Only an organizer of this event can become its owner/);
      expect(toStranger.body.detail).not.toContain('Stan');
      expect((await transfer(owner, eventId, randomUUID())).body.detail).toBe(toStranger.body.detail);

      const toSelf = await transfer(owner, eventId, owner.id);
      expect(toSelf.status).toBe(422);
      expect(toSelf.body.detail).toBe('You already own this event.');

      // A co-organizer who has since left the event is not one any more.
      await setRole(owner, eventId, ana.id, 'organizer');
      expect((await call(t.app, ana, 'POST', `/api/events/${eventId}/leave`)).status).toBe(204);
      expect((await transfer(owner, eventId, ana.id)).status).toBe(422);
      expect(await ownerOf(eventId)).toBe(owner.id);
      expect((await call(t.app, owner, 'POST', `/api/events/${eventId}/ownership`, { userId: ana.id, ownerId: owner.id })).status).toBe(400);
    });

    it('leaves exactly one owner when two transfers race', async () => {
      for (let round = 0; round < (engine === 'postgres' ? 5 : 2); round++) {
        const { owner, attendees, eventId } = await gathering(['Bo Brave', 'Cy Calm']);
        const [bo, cy] = attendees as [Person, Person];
        await setRole(owner, eventId, bo.id, 'organizer');
        await setRole(owner, eventId, cy.id, 'organizer');
        const [toBo, toCy] = await Promise.all([transfer(owner, eventId, bo.id), transfer(owner, eventId, cy.id)]);
        const statuses = [toBo.status, toCy.status];
        expect(statuses.filter((s) => s === 200), `round ${round}: ${JSON.stringify([toBo.body, toCy.body])}`).toHaveLength(1);
        // The loser either found the event already handed on (409) or was no longer its owner at all (404).
        expect([404, 409]).toContain(statuses.find((s) => s !== 200));
        const winner = toBo.status === 200 ? bo : cy;
        expect(await ownerOf(eventId)).toBe(winner.id);
        const transfers = (await auditRows(eventId)).filter((r) => r.action === 'event.ownership_transferred');
        expect(transfers.map((r) => r.subjectId)).toEqual([winner.id]);
      }
    });

    it('never makes an owner of someone who left: a transfer racing the new owner’s leaving', async () => {
      const { owner, attendees, eventId } = await gathering(['Bo Brave']);
      const bo = attendees[0]!;
      await setRole(owner, eventId, bo.id, 'organizer');
      const [moved, left] = await Promise.all([transfer(owner, eventId, bo.id), call(t.app, bo, 'POST', `/api/events/${eventId}/leave`)]);
      expect([moved.status, left.status].sort()).toEqual(moved.status === 200 ? [200, 409] : [204, 422]);
      const [bosMembership] = await t.ctx.db
        .select({ status: memberships.status })
        .from(memberships)
        .where(and(eq(memberships.eventId, eventId), eq(memberships.userId, bo.id)));
      if (moved.status === 200) expect(bosMembership?.status).toBe('joined');
      else expect(await ownerOf(eventId)).toBe(owner.id);
    });
  });

  describe('the audit log', () => {
    it('pages newest first with a cursor, filters by action and kind, and never repeats or skips an entry', async () => {
      const { owner, attendees, eventId } = await gathering(['Ana Able', 'Bo Brave', 'Cy Calm']);
      for (let i = 0; i < 4; i++) {
        for (const who of attendees) {
          await setRole(owner, eventId, who.id, 'organizer');
          await setRole(owner, eventId, who.id, 'attendee');
        }
        // Entries of one minute share their time: the id orders them.
        t.clock.advance(60_000);
      }
      await recordAudit(t.ctx.db, {
        eventId,
        actorId: owner.id,
        action: 'attendees.imported',
        detail: { format: 'luma', created: 95, updated: 20, unchanged: 0, skipped: 5, errors: 0, validRowsOnly: false },
        at: t.clock.now(),
      });
      const stored = await auditRows(eventId);
      expect(stored).toHaveLength(25);
      const newestFirst = [...stored]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((r) => r.id);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { entries: AuditEntryBody[]; nextCursor: string | null } = await auditOf(owner, eventId, `?limit=7${cursor ? `&before=${cursor}` : ''}`);
        expect(page.entries.length).toBeLessThanOrEqual(7);
        seen.push(...page.entries.map((e) => e.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(4);
      expect(seen).toEqual(newestFirst);

      const first = (await auditOf(owner, eventId, '?limit=1')).entries[0]!;
      expect(first.summary).toBe('Olga Owner imported 115 people from Luma: 95 new, 20 updated; 5 rows skipped');
      expect(first.kind).toBe('imports');

      const added = await auditOf(owner, eventId, '?action=organizer.added&limit=100');
      expect(added.entries).toHaveLength(12);
      expect(added.entries.every((e) => e.action === 'organizer.added')).toBe(true);
      const roles = await auditOf(owner, eventId, '?kind=roles&limit=100');
      expect(roles.entries.map((e) => e.id)).toEqual(newestFirst.slice(1));
      expect((await auditOf(owner, eventId, '?kind=imports')).entries.map((e) => e.id)).toEqual([first.id]);
      expect((await auditOf(owner, eventId, '?kind=check-ins')).entries).toEqual([]);

      // A filtered page's cursor continues the filtered list.
      const firstAdded = await auditOf(owner, eventId, '?action=organizer.added&limit=5');
      const nextAdded = await auditOf(owner, eventId, `?action=organizer.added&limit=100&before=${firstAdded.nextCursor}`);
      expect([...firstAdded.entries, ...nextAdded.entries].map((e) => e.id)).toEqual(added.entries.map((e) => e.id));
    });

    it('refuses a cursor of another event and a malformed one', async () => {
      const { owner, attendees, eventId } = await gathering(['Ana Able']);
      const other = await gathering(['Bo Brave']);
      await setRole(owner, eventId, attendees[0]!.id, 'organizer');
      await setRole(other.owner, other.eventId, other.attendees[0]!.id, 'organizer');
      const foreign = (await auditOf(other.owner, other.eventId)).entries[0]!.id;
      const refused = await call(t.app, owner, 'GET', `/api/events/${eventId}/audit?before=${foreign}`);
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ pointer: '/querystring/before', detail: expect.any(String) }]);
      expect((await call(t.app, owner, 'GET', `/api/events/${eventId}/audit?before=nope`)).status).toBe(400);
      expect((await call(t.app, owner, 'GET', `/api/events/${eventId}/audit?kind=everything`)).status).toBe(400);
    });

    it('is for the event’s organizers only: an attendee and another event’s organizer get 404, nobody signed in 401', async () => {
      const { owner, attendees, stranger, eventId, otherEventId } = await gathering(['Ana Able', 'Bo Brave']);
      const [ana, bo] = attendees as [Person, Person];
      await setRole(owner, eventId, ana.id, 'organizer');
      // A co-organizer reads it too.
      expect((await auditOf(ana, eventId)).entries).toHaveLength(1);
      const nothing = await call(t.app, stranger, 'GET', `/api/events/${randomUUID()}/audit`);
      for (const who of [bo, stranger]) {
        const denied = await call(t.app, who, 'GET', `/api/events/${eventId}/audit`);
        expect(denied.status).toBe(404);
        expect({ ...denied.body, instance: undefined }).toEqual({ ...nothing.body, instance: undefined });
      }
      expect((await call(t.app, undefined, 'GET', `/api/events/${eventId}/audit`)).status).toBe(401);
      // The stranger's own log says nothing of this event.
      expect((await auditOf(stranger, otherEventId)).entries).toEqual([]);
      // Removed as organizer, Ana no longer reads it.
      await setRole(owner, eventId, ana.id, 'attendee');
      expect((await call(t.app, ana, 'GET', `/api/events/${eventId}/audit`)).status).toBe(404);
    });

    it('keeps the entries of a deleted account, as “a deleted account”', async () => {
      const { owner, attendees, eventId } = await gathering(['Ana Able', 'Bo Brave']);
      const [ana, bo] = attendees as [Person, Person];
      await setRole(owner, eventId, ana.id, 'organizer');
      t.clock.advance(1_000);
      await setRole(ana, eventId, bo.id, 'organizer');
      expect((await call(t.app, ana, 'DELETE', '/api/me', { password: PERSON_PASSWORD })).status).toBe(204);

      const { entries } = await auditOf(owner, eventId);
      expect(entries.map((e) => e.summary)).toEqual(['A deleted account made Bo Brave a co-organizer', 'Olga Owner made a deleted account a co-organizer']);
      expect(entries[0]!.actor).toEqual({ userId: null, name: 'a deleted account', deleted: true });
      expect(entries[1]!.subject).toEqual({ userId: null, name: 'a deleted account', deleted: true });
      expect(JSON.stringify(entries)).not.toContain(ana.id);
      expect(JSON.stringify(entries)).not.toContain('Ana');
    });

    it('never shows a private note or contact detail someone put in an entry, and words an action it does not know', async () => {
      const { owner, attendees, eventId } = await gathering(['Ana Able']);
      await recordAudit(t.ctx.db, {
        eventId,
        actorId: owner.id,
        action: 'mixer.re_planned' as never,
        subjectId: attendees[0]!.id,
        detail: { rounds: 3, note: 'private-note-marker', contactEmail: 'ana@example.org', phone: '+351 1', nested: { secret: true } },
        at: t.clock.now(),
      });
      const [entry] = (await auditOf(owner, eventId)).entries;
      expect(entry).toMatchObject({ kind: 'other', summary: 'Olga Owner: mixer re planned (Ana Able)', detail: { rounds: 3 } });
      expect(Object.keys(entry!.detail)).toEqual(['rounds']);
      expect(JSON.stringify(entry)).not.toMatch(/private-note-marker|ana@example|\+351|secret/);
    });
  });
});
