import { randomBytes, randomUUID } from 'node:crypto';
import { eq, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, eventIntents, memberships, profiles, sessions, users } from '../../src/server/platform/db/schema.js';
import type { ProfileInput } from '../../src/server/profiles/profiles.service.js';
import { call, createTestApp, sampleEvent, type Person, type TestApp } from '../support/app.js';
import { storageEngines } from '../support/engines.js';
import { createPeople, createPerson, joinWith, PERSON_PASSWORD } from '../support/people.js';

const profileOf = (overrides: Partial<ProfileInput> = {}): ProfileInput => ({
  displayName: 'Someone',
  headline: '',
  bio: '',
  interests: [],
  offers: [],
  seeking: [],
  questions: [],
  contact: { email: '', phone: '', links: [] },
  ...overrides,
});

const withoutInstance = (body: Record<string, unknown>) => ({ ...body, instance: undefined });

describe.each(storageEngines())('profiles on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function saveProfile(who: Person, profile: ProfileInput) {
    const saved = await call(t.app, who, 'PUT', '/api/me/profile', profile);
    if (saved.status !== 200) throw new Error(`profile not saved: ${JSON.stringify(saved.body)}`);
    return saved.body;
  }

  /** An organizer's event, joined by the given attendees. */
  async function eventOf(organizer: Person, attendees: Person[]) {
    const event = await call(t.app, organizer, 'POST', '/api/events', sampleEvent({ name: `Event ${randomUUID().slice(0, 6)}` }));
    const invite = await call(t.app, organizer, 'POST', `/api/events/${event.body.id}/invites`, {});
    for (const attendee of attendees) await joinWith(t, attendee, invite.body.token);
    return event.body as { id: string };
  }

  describe('my profile', () => {
    it('starts from my name and is mine to read', async () => {
      const ana = await createPerson(t, 'Ana Lima');
      const mine = await call(t.app, ana, 'GET', '/api/me/profile');
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ userId: ana.id, displayName: 'Ana Lima', interests: [], contact: { email: '', phone: '', links: [] } });
      expect((await call(t.app, undefined, 'GET', '/api/me/profile')).status).toBe(401);
    });

    it('normalizes interests: case, spacing, duplicates and known aliases', async () => {
      const ana = await createPerson(t, 'Ana');
      const saved = await saveProfile(ana, profileOf({ interests: ['js', ' JavaScript ', 'Machine  Learning', 'ml'] }));
      expect(saved.interests).toEqual(['JavaScript', 'Machine learning']);
      expect((await call(t.app, ana, 'GET', '/api/me/profile')).body.interests).toEqual(['JavaScript', 'Machine learning']);
      const again = await saveProfile(ana, profileOf({ interests: saved.interests }));
      expect(again.interests).toEqual(saved.interests);
    });

    it('makes every question read as one, and tidies the other lists', async () => {
      const ana = await createPerson(t, 'Ana');
      const saved = await saveProfile(
        ana,
        profileOf({
          displayName: '  Ana  ',
          headline: ' Builds boats ',
          questions: ['What are you building', 'Ask me about sailing.', 'Why?', '  What are you building  '],
          offers: ['Code review', 'code review', '  ', 'Intros to  sailors'],
        }),
      );
      expect(saved.displayName).toBe('Ana');
      expect(saved.headline).toBe('Builds boats');
      expect(saved.questions).toEqual(['What are you building?', 'Ask me about sailing?', 'Why?']);
      expect(saved.offers).toEqual(['Code review', 'Intros to sailors']);
    });

    it('rejects unknown fields and invalid contact details, naming them, and keeps the old profile', async () => {
      const ana = await createPerson(t, 'Ana');
      const before = await saveProfile(ana, profileOf({ headline: 'Before' }));
      const bad = await call(t.app, ana, 'PUT', '/api/me/profile', {
        ...profileOf({ headline: 'After' }),
        contact: { email: 'not-an-email', phone: 'call me', links: ['javascript:alert(1)'] },
        userId: randomUUID(),
      });
      expect(bad.status).toBe(400);
      const pointers = bad.body.errors.map((e: { pointer: string }) => e.pointer).sort();
      expect(pointers).toEqual(['/body/contact/email', '/body/contact/links/0', '/body/contact/phone', '/body/userId']);
      expect((await call(t.app, ana, 'GET', '/api/me/profile')).body).toEqual(before);
    });
  });

  describe('contact details', () => {
    it('are returned to me and never appear in any response to anyone else', async () => {
      const [organizer, ana, ben] = await createPeople(t, ['Olga Organizer', 'Ana Attendee', 'Ben Attendee']);
      const event = await eventOf(organizer!, [ana!, ben!]);
      const marker = `m${randomBytes(6).toString('hex')}`;
      const phoneMarker = `+351 ${[...randomBytes(6)].map((b) => b % 10).join('')} 7`;
      const contact = { email: `${marker}@example.org`, phone: phoneMarker, links: [`https://example.org/${marker}`] };
      const secrets = [marker, phoneMarker];

      // Everyone has contact details; each checks others never see theirs.
      for (const who of [organizer!, ana!, ben!]) {
        await saveProfile(who, profileOf({ displayName: who.name, headline: 'hello', interests: ['Rust'], contact }));
      }
      const mine = await call(t.app, ana!, 'GET', '/api/me/profile');
      expect(mine.body.contact).toEqual(contact);

      const seenBy = async (viewer: Person) => {
        const bodies: string[] = [];
        for (const subject of [organizer!, ana!, ben!]) {
          if (subject.id === viewer.id) continue;
          const profile = await call(t.app, viewer, 'GET', `/api/events/${event.id}/people/${subject.id}`);
          expect(profile.status).toBe(200);
          expect(profile.body).not.toHaveProperty('contact');
          bodies.push(profile.body ? JSON.stringify(profile.body) : '');
        }
        for (const path of ['/directory', '/directory?q=hello', '', '/interests']) {
          const response = await t.app.inject({ method: 'GET', url: `/api/events/${event.id}${path}`, headers: { cookie: viewer.cookie } });
          expect(response.statusCode).toBe(200);
          bodies.push(response.body);
        }
        return bodies;
      };

      const raw = [...(await seenBy(organizer!)), ...(await seenBy(ana!)), ...(await seenBy(ben!))];
      const members = await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/members`, headers: { cookie: organizer!.cookie } });
      raw.push(members.body);
      // Even my own event-facing views leave them out: they are for /api/me/profile only.
      raw.push((await t.app.inject({ method: 'GET', url: `/api/events/${event.id}/people/${ana!.id}`, headers: { cookie: ana!.cookie } })).body);
      for (const body of raw) {
        for (const secret of secrets) expect(body).not.toContain(secret);
      }
    });
  });

  describe('member profiles', () => {
    it('show shared interests, compared by normalized name', async () => {
      const [organizer, ana, ben] = await createPeople(t, ['Olga', 'Ana', 'Ben']);
      const event = await eventOf(organizer!, [ana!, ben!]);
      await saveProfile(ana!, profileOf({ interests: ['Rust', 'js', 'Sailing', 'Bouldering'] }));
      await saveProfile(ben!, profileOf({ interests: ['Cooking', 'javascript', 'rust', 'Pottery', 'boulder']}));
      const anaSeesBen = await call(t.app, ana!, 'GET', `/api/events/${event.id}/people/${ben!.id}`);
      expect(anaSeesBen.status).toBe(200);
      expect(anaSeesBen.body.interests).toEqual(['Cooking', 'JavaScript', 'Rust', 'Pottery', 'Bouldering']);
      expect(anaSeesBen.body.sharedInterests).toEqual(['JavaScript', 'Rust', 'Bouldering']);
      expect(anaSeesBen.body).toMatchObject({ userId: ben!.id, role: 'attendee', status: 'joined' });
      const benSeesAna = await call(t.app, ben!, 'GET', `/api/events/${event.id}/people/${ana!.id}`);
      expect(benSeesAna.body.sharedInterests).toEqual(['Rust', 'JavaScript', 'Bouldering']);
      const organizerSeesAna = await call(t.app, organizer!, 'GET', `/api/events/${event.id}/people/${ana!.id}`);
      expect(organizerSeesAna.body.sharedInterests).toEqual([]);
      const anaSeesHerself = await call(t.app, ana!, 'GET', `/api/events/${event.id}/people/${ana!.id}`);
      expect(anaSeesHerself.body.sharedInterests).toEqual([]);
    });

    it('include what the person is here for at this event only', async () => {
      const [organizer, ana] = await createPeople(t, ['Olga', 'Ana']);
      const first = await eventOf(organizer!, [ana!]);
      const second = await eventOf(organizer!, [ana!]);
      await call(t.app, ana!, 'PATCH', `/api/events/${first.id}/me`, { hereFor: '  Finding a co-founder ' });
      const here = await call(t.app, organizer!, 'GET', `/api/events/${first.id}/people/${ana!.id}`);
      expect(here.body.hereFor).toBe('Finding a co-founder');
      const there = await call(t.app, organizer!, 'GET', `/api/events/${second.id}/people/${ana!.id}`);
      expect(there.body.hereFor).toBe('');
    });

    it('are 404 for a non-member, for an unlisted attendee seen by another attendee, and for someone who left', async () => {
      const [organizer, ana, hana, leo, stranger] = await createPeople(t, ['Olga', 'Ana', 'Hana Hidden', 'Leo Leaving', 'Stan']);
      const event = await eventOf(organizer!, [ana!, hana!, leo!]);
      await eventOf(stranger!, []);
      await call(t.app, hana!, 'PATCH', `/api/events/${event.id}/me`, { listed: false });
      const nothing = await call(t.app, ana!, 'GET', `/api/events/${event.id}/people/${randomUUID()}`);
      expect(nothing.status).toBe(404);
      const expectHidden = async (viewer: Person, subject: Person) => {
        const response = await call(t.app, viewer, 'GET', `/api/events/${event.id}/people/${subject.id}`);
        expect(response.status, `${viewer.name} looking at ${subject.name}`).toBe(404);
        expect(withoutInstance(response.body)).toEqual(withoutInstance(nothing.body));
      };

      await expectHidden(stranger!, ana!);
      await expectHidden(stranger!, organizer!);
      await expectHidden(ana!, stranger!);
      await expectHidden(ana!, hana!);
      // Organizers still see the unlisted attendee, and she still sees everyone.
      expect((await call(t.app, organizer!, 'GET', `/api/events/${event.id}/people/${hana!.id}`)).status).toBe(200);
      expect((await call(t.app, hana!, 'GET', `/api/events/${event.id}/people/${ana!.id}`)).status).toBe(200);
      // An unlisted organizer stays visible: organizers are never hidden.
      await call(t.app, organizer!, 'PATCH', `/api/events/${event.id}/me`, { listed: false });
      expect((await call(t.app, ana!, 'GET', `/api/events/${event.id}/people/${organizer!.id}`)).status).toBe(200);

      expect((await call(t.app, leo!, 'POST', `/api/events/${event.id}/leave`)).status).toBe(204);
      await expectHidden(ana!, leo!);
      await expectHidden(organizer!, leo!);
      await expectHidden(leo!, ana!);
    });
  });

  describe('deleting an account', () => {
    it('removes the person’s memberships, profile, sessions and tokens, and their traces in events', async () => {
      const [organizer, ana, ben] = await createPeople(t, ['Olga', 'Ana Gone', 'Ben']);
      const event = await eventOf(organizer!, [ana!, ben!]);
      await saveProfile(ana!, profileOf({ displayName: 'Ana Gone', interests: ['Beekeeping'] }));
      await call(t.app, ana!, 'PATCH', `/api/events/${event.id}/me`, { hereFor: 'bees' });
      await call(t.app, ana!, 'POST', '/api/me/tokens', { name: 'cli' });
      expect((await call(t.app, organizer!, 'GET', `/api/events/${event.id}`)).body.attendeeCount).toBe(3);

      const wrong = await call(t.app, ana!, 'DELETE', '/api/me', { password: 'not my password' });
      expect(wrong.status).toBe(400);
      expect((await t.ctx.db.select().from(memberships).where(eq(memberships.userId, ana!.id))).length).toBe(1);

      expect((await call(t.app, ana!, 'DELETE', '/api/me', { password: PERSON_PASSWORD })).status).toBe(204);
      for (const [table, column] of [
        [users, users.id],
        [profiles, profiles.userId],
        [memberships, memberships.userId],
        [eventIntents, eventIntents.userId],
        [sessions, sessions.userId],
        [apiTokens, apiTokens.userId],
      ] as const) {
        expect(await t.ctx.db.select().from(table).where(eq(column, ana!.id))).toEqual([]);
      }
      expect((await call(t.app, organizer!, 'GET', `/api/events/${event.id}/people/${ana!.id}`)).status).toBe(404);
      const directory = await call(t.app, organizer!, 'GET', `/api/events/${event.id}/directory`);
      expect(directory.body.people.map((p: { userId: string }) => p.userId).sort()).toEqual([organizer!.id, ben!.id].sort());
      expect((await call(t.app, organizer!, 'GET', `/api/events/${event.id}/interests`)).body.interests).toEqual([]);
      expect((await call(t.app, organizer!, 'GET', `/api/events/${event.id}`)).body.attendeeCount).toBe(2);
      // The others are untouched.
      const others = await t.ctx.db
        .select()
        .from(memberships)
        .where(or(eq(memberships.userId, organizer!.id), eq(memberships.userId, ben!.id)));
      expect(others.filter((m) => m.eventId === event.id)).toHaveLength(2);
    });
  });
});
