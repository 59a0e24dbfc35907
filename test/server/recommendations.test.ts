import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { encounters, events, rateLimits } from '../../src/server/platform/db/schema.js';
import { VersionedCache } from '../../src/server/recommendations/recommendations.cache.js';
import { preparedEventBuilds } from '../../src/server/recommendations/recommendations.service.js';
import { call, createTestApp, eventWith, type Person, type TestApp } from '../support/app.js';
import { storageEngines } from '../support/engines.js';
import { createPeople, createPerson, joinWith } from '../support/people.js';

interface ProfileParts {
  interests?: string[];
  offers?: string[];
  seeking?: string[];
  questions?: string[];
  headline?: string;
}

interface Suggestion {
  userId: string;
  displayName: string;
  headline: string;
  hereFor: string;
  score: number;
  saved: boolean;
  why: Record<string, unknown>[];
  openers: string[];
}

interface Page {
  people: Suggestion[];
  nextCursor: string | null;
  total: number;
  profileIncomplete?: true;
  hiddenByOrganizers?: true;
}

interface SavedPerson {
  userId: string;
  displayName: string;
  headline: string;
  savedAt: string;
}

const withoutInstance = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
const pointersOf = (body: { errors?: { pointer: string }[] }) => (body.errors ?? []).map((e) => e.pointer).sort();
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const scoreIn = (cursor: string) => (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { score: number }).score;

describe.each(storageEngines())('people to meet on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Saves a profile whose private contact details are easy to look for in responses. */
  async function profile(who: Person, parts: ProfileParts) {
    const saved = await call(t.app, who, 'PUT', '/api/me/profile', {
      displayName: who.name,
      headline: parts.headline ?? '',
      bio: '',
      interests: parts.interests ?? [],
      offers: parts.offers ?? [],
      seeking: parts.seeking ?? [],
      questions: parts.questions ?? [],
      contact: { email: `private.${who.id}@example.org`, phone: '+351 900 000 000', links: [`https://private.example.org/${who.id}`] },
    });
    if (saved.status !== 200) throw new Error(`profile not saved: ${JSON.stringify(saved.body)}`);
  }

  /** An event of a fresh organizer (with an empty profile), joined by the given attendees. */
  async function gathering(attendees: Person[]) {
    const organizer = await createPerson(t, 'Olga Organizer');
    const { event, invite } = await eventWith(t.app, organizer, attendees);
    return { organizer, eventId: event.id, invite };
  }

  async function suggestions(who: Person, eventId: string, query = ''): Promise<Page> {
    const response = await call(t.app, who, 'GET', `/api/events/${eventId}/people-to-meet${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as Page;
  }

  const idsOf = (page: Page) => page.people.map((person) => person.userId);
  const suggestedIds = async (who: Person, eventId: string) => idsOf(await suggestions(who, eventId, '?limit=50'));

  async function savedList(who: Person, eventId: string): Promise<{ people: SavedPerson[]; hiddenByOrganizers?: true }> {
    const response = await call(t.app, who, 'GET', `/api/events/${eventId}/saved`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { people: SavedPerson[]; hiddenByOrganizers?: true };
  }
  const savedIds = async (who: Person, eventId: string) => (await savedList(who, eventId)).people.map((p) => p.userId);

  async function expectStatus(who: Person | undefined, method: 'PUT' | 'DELETE' | 'PATCH', url: string, status: number, body?: unknown) {
    const response = await call(t.app, who, method, url, body);
    expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBe(status);
    return response;
  }

  async function encounter(eventId: string, first: Person, second: Person) {
    const [userLow, userHigh] = [first.id, second.id].sort() as [string, string];
    await t.ctx.db.insert(encounters).values({ eventId, userLow, userHigh, source: 'scan' });
  }

  it('puts the two people who share a rare interest first, says why, and offers questions to open with', async () => {
    const [ana, bo, cy, dee, eli] = await createPeople(t, ['Ana', 'Bo', 'Cy', 'Dee', 'Eli']);
    await profile(ana!, { interests: ['Beekeeping', 'Cooking', 'Running'], headline: 'Keeps bees' });
    await profile(bo!, { interests: ['beekeeping', 'Cooking'], questions: ['What is the best thing you ate this year?'] });
    await profile(cy!, { interests: ['Cooking', 'Running'] });
    await profile(dee!, { interests: ['Cooking', 'Running'] });
    await profile(eli!, { interests: ['Cooking'] });
    const { organizer, eventId } = await gathering([ana!, bo!, cy!, dee!, eli!]);
    await call(t.app, bo!, 'PATCH', `/api/events/${eventId}/me`, { hereFor: 'Swapping honey' });

    const page = await suggestions(ana!, eventId);
    expect(page.profileIncomplete).toBeUndefined();
    expect(idsOf(page)[0]).toBe(bo!.id);
    // The organizer has nothing in common with anyone, and I am never suggested to myself.
    expect(idsOf(page).sort()).toEqual([bo!.id, cy!.id, dee!.id, eli!.id].sort());
    expect(page.total).toBe(4);
    expect(page.nextCursor).toBeNull();

    const first = page.people[0]!;
    expect(Object.keys(first).sort()).toEqual(['displayName', 'headline', 'hereFor', 'openers', 'saved', 'score', 'userId', 'why']);
    expect(first).toMatchObject({ displayName: 'Bo', hereFor: 'Swapping honey', saved: false });
    expect(first.why).toContainEqual({ kind: 'shared', interest: 'Beekeeping', peopleWithIt: 2 });
    expect(first.why).toContainEqual({ kind: 'shared', interest: 'Cooking', peopleWithIt: 5 });
    expect(first.score).toBeGreaterThan(page.people[1]!.score);
    expect(Math.round(first.score * 1000) / 1000).toBe(first.score);
    for (const person of page.people) {
      expect(person.openers.length).toBeGreaterThanOrEqual(2);
      expect(person.openers.length).toBeLessThanOrEqual(3);
      for (const opener of person.openers) expect(opener).toMatch(/\?$/);
    }
    // The same pair gets the same questions.
    expect((await suggestions(ana!, eventId)).people[0]!.openers).toEqual(first.openers);

    const organizerPage = await suggestions(organizer, eventId);
    expect(organizerPage).toEqual({ people: [], nextCursor: null, total: 0, profileIncomplete: true });
  });

  it('tells each of the two their own side of an offer meeting a need, and of related interests', async () => {
    const [ana, bo] = await createPeople(t, ['Ana', 'Bo']);
    await profile(ana!, { interests: ['Rock climbing'], seeking: ['Looking for a Python mentor'] });
    await profile(bo!, { interests: ['Bouldering'], offers: ['Happy to mentor people in Python'] });
    const { eventId } = await gathering([ana!, bo!]);

    const anaSees = (await suggestions(ana!, eventId)).people;
    expect(idsOf({ people: anaSees } as Page)).toEqual([bo!.id]);
    expect(anaSees[0]!.why).toContainEqual({ kind: 'they-offer', topic: 'Python', topics: ['Python'], offer: 'Happy to mentor people in Python' });
    expect(anaSees[0]!.why).toContainEqual({ kind: 'related', yours: 'Rock climbing', theirs: 'Bouldering' });

    const boSees = (await suggestions(bo!, eventId)).people;
    expect(boSees.map((p) => p.userId)).toEqual([ana!.id]);
    expect(boSees[0]!.why).toContainEqual({ kind: 'you-offer', topic: 'Python', topics: ['Python'], need: 'Looking for a Python mentor' });
    expect(boSees[0]!.why).toContainEqual({ kind: 'related', yours: 'Bouldering', theirs: 'Rock climbing' });
    expect(boSees[0]!.score).toBe(anaSees[0]!.score);
  });

  it('never shows contact details, dismissals, blocks or anybody else’s suggestions', async () => {
    const [ana, bo, cy] = await createPeople(t, ['Ana', 'Bo', 'Cy']);
    for (const person of [ana!, bo!, cy!]) await profile(person, { interests: ['Sailing', 'Chess'], questions: ['Where do you sail?'] });
    const { eventId } = await gathering([ana!, bo!, cy!]);
    await expectStatus(bo!, 'PUT', `/api/events/${eventId}/people-to-meet/dismissed/${cy!.id}`, 204);
    await expectStatus(cy!, 'PUT', `/api/me/blocks/${bo!.id}`, 204);
    const text = JSON.stringify(await suggestions(ana!, eventId));
    for (const person of [ana!, bo!, cy!]) {
      expect(text).not.toContain(`private.${person.id}`);
      expect(text).not.toContain(person.email);
    }
    expect(text).not.toContain('+351');
    expect(text).not.toMatch(/block|dismiss/i);
    expect(idsOf(JSON.parse(text) as Page).sort()).toEqual([bo!.id, cy!.id].sort());
  });

  it('never suggests an attendee of another event', async () => {
    const [ana, bo, both] = await createPeople(t, ['Ana', 'Bo', 'Both']);
    for (const person of [ana!, bo!, both!]) await profile(person, { interests: ['Beekeeping'] });
    const first = await gathering([ana!, both!]);
    const second = await gathering([bo!, both!]);
    expect(await suggestedIds(ana!, first.eventId)).toEqual([both!.id]);
    expect(await suggestedIds(bo!, second.eventId)).toEqual([both!.id]);
    expect(await suggestedIds(both!, first.eventId)).toEqual([ana!.id]);
    expect(await suggestedIds(both!, second.eventId)).toEqual([bo!.id]);
  });

  it('leaves out people I dismissed, until I undo it; either twice changes nothing', async () => {
    const [ana, bo, cy] = await createPeople(t, ['Ana', 'Bo', 'Cy']);
    for (const person of [ana!, bo!, cy!]) await profile(person, { interests: ['Chess'] });
    const { eventId } = await gathering([ana!, bo!, cy!]);
    const url = `/api/events/${eventId}/people-to-meet/dismissed/${bo!.id}`;
    await expectStatus(ana!, 'PUT', url, 204);
    await expectStatus(ana!, 'PUT', url, 204);
    expect(await suggestedIds(ana!, eventId)).toEqual([cy!.id]);
    // Only my list: Bo still sees me.
    expect(await suggestedIds(bo!, eventId)).toContain(ana!.id);
    await expectStatus(ana!, 'DELETE', url, 204);
    await expectStatus(ana!, 'DELETE', url, 204);
    expect((await suggestedIds(ana!, eventId)).sort()).toEqual([bo!.id, cy!.id].sort());
  });

  it('keeps saved people in the list, marked saved, until unsaved', async () => {
    const [ana, bo, cy] = await createPeople(t, ['Ana', 'Bo', 'Cy']);
    for (const person of [ana!, bo!, cy!]) await profile(person, { interests: ['Chess'] });
    const { eventId } = await gathering([ana!, bo!, cy!]);
    const url = `/api/events/${eventId}/saved/${bo!.id}`;
    await expectStatus(ana!, 'PUT', url, 204);
    await expectStatus(ana!, 'PUT', url, 204);
    const saved = (await suggestions(ana!, eventId)).people;
    expect(saved.map((p) => [p.userId, p.saved]).sort()).toEqual(
      [
        [bo!.id, true],
        [cy!.id, false],
      ].sort(),
    );
    // Nobody else sees what I saved.
    expect((await suggestions(cy!, eventId)).people.every((p) => !p.saved)).toBe(true);
    await expectStatus(ana!, 'DELETE', url, 204);
    await expectStatus(ana!, 'DELETE', url, 204);
    expect((await suggestions(ana!, eventId)).people.every((p) => !p.saved)).toBe(true);
  });

  it('lists the people I saved here, newest first, even once they are no longer suggested; only mine, and only people still here', async () => {
    const [ana, bo, cy, dee, eve, fay] = await createPeople(t, ['Ana', 'Bo', 'Cy', 'Dee', 'Eve', 'Fay']);
    for (const person of [ana!, bo!, cy!, dee!, eve!, fay!]) await profile(person, { interests: ['Chess'], headline: `${person.name} plays chess` });
    const { organizer, eventId } = await gathering([ana!, bo!, cy!, dee!, eve!, fay!]);
    const elsewhere = await gathering([ana!, fay!]);
    expect(await savedList(ana!, eventId)).toEqual({ people: [] });

    for (const person of [bo!, cy!, dee!, eve!]) {
      await expectStatus(ana!, 'PUT', `/api/events/${eventId}/saved/${person.id}`, 204);
      t.clock.advance(60_000);
    }
    // Saving again keeps the first time; a save at another event stays there.
    await expectStatus(ana!, 'PUT', `/api/events/${eventId}/saved/${bo!.id}`, 204);
    await expectStatus(ana!, 'PUT', `/api/events/${elsewhere.eventId}/saved/${fay!.id}`, 204);
    // Other people's saves, of me and of others.
    await expectStatus(bo!, 'PUT', `/api/events/${eventId}/saved/${ana!.id}`, 204);
    await expectStatus(cy!, 'PUT', `/api/events/${eventId}/saved/${dee!.id}`, 204);

    const mine = await savedList(ana!, eventId);
    expect(mine.hiddenByOrganizers).toBeUndefined();
    expect(mine.people.map((p) => p.userId)).toEqual([eve!.id, dee!.id, cy!.id, bo!.id]);
    expect(Object.keys(mine.people[0]!).sort()).toEqual(['displayName', 'headline', 'savedAt', 'userId']);
    expect(mine.people[3]).toEqual({ userId: bo!.id, displayName: 'Bo', headline: 'Bo plays chess', savedAt: '2026-06-01T09:00:00.000Z' });
    expect(await savedIds(ana!, elsewhere.eventId)).toEqual([fay!.id]);
    expect(await savedIds(bo!, eventId)).toEqual([ana!.id]);
    expect(await savedIds(cy!, eventId)).toEqual([dee!.id]);
    expect(await savedIds(dee!, eventId)).toEqual([]);
    expect(await savedIds(organizer, eventId)).toEqual([]);
    // Nothing of anyone's contact details.
    const text = JSON.stringify(mine);
    for (const person of [bo!, cy!, dee!, eve!]) expect(text).not.toContain(`private.${person.id}`);

    // "Not now", having met, and "don't suggest me" take people off my suggestions, not off my saved list.
    await expectStatus(ana!, 'PUT', `/api/events/${eventId}/people-to-meet/dismissed/${eve!.id}`, 204);
    await encounter(eventId, ana!, dee!);
    await expectStatus(cy!, 'PATCH', `/api/events/${eventId}/me`, 200, { suggestMe: false });
    expect((await suggestedIds(ana!, eventId)).sort()).toEqual([bo!.id, fay!.id].sort());
    expect(await savedIds(ana!, eventId)).toEqual([eve!.id, dee!.id, cy!.id, bo!.id]);

    // Someone I block is left out while the block lasts; someone who blocks me stays, or I could tell.
    await expectStatus(ana!, 'PUT', `/api/me/blocks/${cy!.id}`, 204);
    await expectStatus(dee!, 'PUT', `/api/me/blocks/${ana!.id}`, 204);
    expect(await savedIds(ana!, eventId)).toEqual([eve!.id, dee!.id, bo!.id]);
    expect(JSON.stringify(await savedList(ana!, eventId))).not.toMatch(/block/i);
    await expectStatus(ana!, 'DELETE', `/api/me/blocks/${cy!.id}`, 204);
    await expectStatus(dee!, 'DELETE', `/api/me/blocks/${ana!.id}`, 204);
    expect(await savedIds(ana!, eventId)).toEqual([eve!.id, dee!.id, cy!.id, bo!.id]);

    // Someone who leaves, or stops being listed, disappears; organizers still see unlisted attendees.
    await call(t.app, bo!, 'POST', `/api/events/${eventId}/leave`);
    await expectStatus(eve!, 'PATCH', `/api/events/${eventId}/me`, 200, { listed: false });
    expect(await savedIds(ana!, eventId)).toEqual([dee!.id, cy!.id]);
    await expectStatus(organizer, 'PUT', `/api/events/${eventId}/saved/${eve!.id}`, 204);
    expect(await savedIds(organizer, eventId)).toEqual([eve!.id]);
    await expectStatus(eve!, 'PATCH', `/api/events/${eventId}/me`, 200, { listed: true });
    expect(await savedIds(ana!, eventId)).toEqual([eve!.id, dee!.id, cy!.id]);

    // Unsaving takes them off.
    await expectStatus(ana!, 'DELETE', `/api/events/${eventId}/saved/${dee!.id}`, 204);
    expect(await savedIds(ana!, eventId)).toEqual([eve!.id, cy!.id]);
  });

  it('keeps the saved list for members who may see people: 404 like a missing event for others, empty when the directory is off', async () => {
    const [ana, bo, stranger, leaver] = await createPeople(t, ['Ana', 'Bo', 'Stranger', 'Leaver']);
    const { organizer, eventId } = await gathering([ana!, bo!, leaver!]);
    await expectStatus(ana!, 'PUT', `/api/events/${eventId}/saved/${bo!.id}`, 204);
    await expectStatus(organizer, 'PUT', `/api/events/${eventId}/saved/${ana!.id}`, 204);
    await expectStatus(leaver!, 'PUT', `/api/events/${eventId}/saved/${ana!.id}`, 204);

    const denied = await call(t.app, stranger!, 'GET', `/api/events/${eventId}/saved`);
    const nothing = await call(t.app, stranger!, 'GET', `/api/events/${randomUUID()}/saved`);
    expect(denied.status).toBe(404);
    expect(denied.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(withoutInstance(denied.body)).toEqual(withoutInstance(nothing.body));
    expect((await call(t.app, undefined, 'GET', `/api/events/${eventId}/saved`)).status).toBe(401);
    expect((await call(t.app, ana!, 'GET', '/api/events/not-a-uuid/saved')).status).toBe(400);
    await call(t.app, leaver!, 'POST', `/api/events/${eventId}/leave`);
    const left = await call(t.app, leaver!, 'GET', `/api/events/${eventId}/saved`);
    expect(left.status).toBe(404);
    expect(withoutInstance(left.body)).toEqual(withoutInstance(nothing.body));

    await call(t.app, organizer, 'PATCH', `/api/events/${eventId}`, { settings: { attendeeDirectory: false } });
    expect(await savedList(ana!, eventId)).toEqual({ people: [], hiddenByOrganizers: true });
    expect(await savedIds(organizer, eventId)).toEqual([ana!.id]);
    expect((await savedList(organizer, eventId)).hiddenByOrganizers).toBeUndefined();
    await call(t.app, organizer, 'PATCH', `/api/events/${eventId}`, { settings: { attendeeDirectory: true } });
    expect(await savedIds(ana!, eventId)).toEqual([bo!.id]);
  });

  it('hides two people from each other when one blocks the other, and the blocked one cannot tell', async () => {
    const [ana, bo, cy] = await createPeople(t, ['Ana', 'Bo', 'Cy']);
    for (const person of [ana!, bo!, cy!]) await profile(person, { interests: ['Chess', 'Sailing'] });
    const { eventId } = await gathering([ana!, bo!, cy!]);
    const other = await gathering([ana!, bo!]);
    await expectStatus(bo!, 'PUT', `/api/events/${eventId}/saved/${ana!.id}`, 204);
    await expectStatus(bo!, 'PUT', `/api/events/${eventId}/saved/${cy!.id}`, 204);
    const boSavedBefore = await savedList(bo!, eventId);
    expect(boSavedBefore.people.map((p) => p.userId).sort()).toEqual([ana!.id, cy!.id].sort());

    await expectStatus(ana!, 'PUT', `/api/me/blocks/${bo!.id}`, 204);
    await expectStatus(ana!, 'PUT', `/api/me/blocks/${bo!.id}`, 204);
    expect(await suggestedIds(ana!, eventId)).toEqual([cy!.id]);
    // Across events.
    expect(await suggestedIds(ana!, other.eventId)).toEqual([]);
    const mine = await call(t.app, ana!, 'GET', '/api/me/blocks');
    expect(mine.body.blocks).toEqual([{ userId: bo!.id, displayName: 'Bo', blockedAt: expect.any(String) }]);

    // What Bo sees: a list without Ana, no blocks of his own, Ana's profile and his saved list as before.
    const boSees = await suggestions(bo!, eventId);
    expect(idsOf(boSees)).toEqual([cy!.id]);
    expect(JSON.stringify(boSees)).not.toMatch(/block/i);
    expect(await suggestedIds(bo!, other.eventId)).toEqual([]);
    expect((await call(t.app, bo!, 'GET', '/api/me/blocks')).body).toEqual({ blocks: [] });
    expect((await call(t.app, bo!, 'GET', `/api/events/${eventId}/people/${ana!.id}`)).status).toBe(200);
    expect(await savedList(bo!, eventId)).toEqual(boSavedBefore);
    await expectStatus(bo!, 'PUT', `/api/events/${eventId}/saved/${ana!.id}`, 204);
    await expectStatus(bo!, 'DELETE', `/api/events/${eventId}/saved/${ana!.id}`, 204);
    await expectStatus(bo!, 'PUT', `/api/events/${eventId}/saved/${ana!.id}`, 204);
    expect((await savedList(bo!, eventId)).people.map((p) => p.userId).sort()).toEqual([ana!.id, cy!.id].sort());
    // Cy is not affected.
    expect((await suggestedIds(cy!, eventId)).sort()).toEqual([ana!.id, bo!.id].sort());

    await expectStatus(ana!, 'DELETE', `/api/me/blocks/${bo!.id}`, 204);
    await expectStatus(ana!, 'DELETE', `/api/me/blocks/${bo!.id}`, 204);
    expect((await suggestedIds(ana!, eventId)).sort()).toEqual([bo!.id, cy!.id].sort());
    expect((await suggestedIds(bo!, eventId)).sort()).toEqual([ana!.id, cy!.id].sort());
    expect((await call(t.app, ana!, 'GET', '/api/me/blocks')).body).toEqual({ blocks: [] });
  });

  it('lets me undo a block after we no longer share an event', async () => {
    const [ana, bo] = await createPeople(t, ['Ana', 'Bo']);
    const { eventId } = await gathering([ana!, bo!]);
    await expectStatus(ana!, 'PUT', `/api/me/blocks/${bo!.id}`, 204);
    await call(t.app, bo!, 'POST', `/api/events/${eventId}/leave`);
    expect((await call(t.app, ana!, 'GET', '/api/me/blocks')).body.blocks).toHaveLength(1);
    await expectStatus(ana!, 'DELETE', `/api/me/blocks/${bo!.id}`, 204);
    // Now Bo is someone Ana shares nothing with.
    await expectStatus(ana!, 'PUT', `/api/me/blocks/${bo!.id}`, 404);
  });

  it('suggests people who turned "suggest me" off to no one, and still gives them their own list; unlisted attendees neither', async () => {
    const [ana, bo, cy, hana] = await createPeople(t, ['Ana', 'Bo', 'Cy', 'Hana']);
    for (const person of [ana!, bo!, cy!, hana!]) await profile(person, { interests: ['Chess'] });
    const { eventId } = await gathering([ana!, bo!, cy!, hana!]);
    const off = await expectStatus(bo!, 'PATCH', `/api/events/${eventId}/me`, 200, { suggestMe: false });
    expect(off.body).toMatchObject({ suggestMe: false, listed: true });
    expect((await call(t.app, bo!, 'GET', `/api/events/${eventId}/me`)).body.suggestMe).toBe(false);
    await expectStatus(hana!, 'PATCH', `/api/events/${eventId}/me`, 200, { listed: false });

    expect(await suggestedIds(ana!, eventId)).toEqual([cy!.id]);
    expect(await suggestedIds(cy!, eventId)).toEqual([ana!.id]);
    expect((await suggestedIds(bo!, eventId)).sort()).toEqual([ana!.id, cy!.id].sort());
    expect((await suggestedIds(hana!, eventId)).sort()).toEqual([ana!.id, cy!.id].sort());

    const on = await expectStatus(bo!, 'PATCH', `/api/events/${eventId}/me`, 200, { suggestMe: true });
    expect(on.body.suggestMe).toBe(true);
    expect((await suggestedIds(ana!, eventId)).sort()).toEqual([bo!.id, cy!.id].sort());
  });

  it('does not suggest people I have met, at this event or any other', async () => {
    const [ana, bo, cy, dee] = await createPeople(t, ['Ana', 'Bo', 'Cy', 'Dee']);
    for (const person of [ana!, bo!, cy!, dee!]) await profile(person, { interests: ['Chess'] });
    const { eventId } = await gathering([ana!, bo!, cy!, dee!]);
    const earlier = await gathering([ana!, cy!]);
    await encounter(eventId, ana!, bo!);
    await encounter(earlier.eventId, cy!, ana!);
    expect(await suggestedIds(ana!, eventId)).toEqual([dee!.id]);
    expect(await suggestedIds(bo!, eventId)).not.toContain(ana!.id);
    expect(await suggestedIds(cy!, eventId)).not.toContain(ana!.id);
    expect((await suggestedIds(dee!, eventId)).sort()).toEqual([ana!.id, bo!.id, cy!.id].sort());
  });

  it('sees a profile edit, a new member and a departure in the next list, and rebuilds only then', async () => {
    const [ana, bo, cy, dan] = await createPeople(t, ['Ana', 'Bo', 'Cy', 'Dan']);
    await profile(ana!, { interests: ['Beekeeping', 'Chess'] });
    await profile(bo!, { interests: ['Chess'] });
    await profile(cy!, { interests: ['Cooking'] });
    await profile(dan!, { interests: ['Beekeeping'] });
    const { eventId, invite } = await gathering([ana!, bo!, cy!]);
    expect(await suggestedIds(ana!, eventId)).toEqual([bo!.id]);
    const builds = preparedEventBuilds(t.ctx.db);
    expect(await suggestedIds(bo!, eventId)).toEqual([ana!.id]);
    expect(preparedEventBuilds(t.ctx.db)).toBe(builds);

    await profile(cy!, { interests: ['Cooking', 'Beekeeping'], headline: 'New here' });
    const afterEdit = await suggestions(ana!, eventId);
    expect(idsOf(afterEdit).sort()).toEqual([bo!.id, cy!.id].sort());
    const cySeen = afterEdit.people.find((p) => p.userId === cy!.id)!;
    expect(cySeen).toMatchObject({ headline: 'New here' });
    expect(cySeen.why).toContainEqual({ kind: 'shared', interest: 'Beekeeping', peopleWithIt: 2 });
    expect(preparedEventBuilds(t.ctx.db)).toBe(builds + 1);

    await joinWith(t, dan!, invite.token);
    expect((await suggestedIds(ana!, eventId)).sort()).toEqual([bo!.id, cy!.id, dan!.id].sort());

    await call(t.app, cy!, 'PATCH', `/api/events/${eventId}/me`, { hereFor: 'Honey' });
    expect((await suggestions(ana!, eventId)).people.find((p) => p.userId === cy!.id)?.hereFor).toBe('Honey');

    await call(t.app, dan!, 'POST', `/api/events/${eventId}/leave`);
    expect((await suggestedIds(ana!, eventId)).sort()).toEqual([bo!.id, cy!.id].sort());
    const settled = preparedEventBuilds(t.ctx.db);
    // Changes that suggestions do not read leave the prepared event alone.
    await call(t.app, ana!, 'PUT', `/api/events/${eventId}/saved/${bo!.id}`);
    await suggestedIds(ana!, eventId);
    expect(preparedEventBuilds(t.ctx.db)).toBe(settled);
  });

  it('pages: disjoint pages that together are the whole list, and refuses cursors it did not make', async () => {
    const { viewer, eventId } = await crowd();

    const everyone = await suggestions(viewer, eventId, '?limit=50');
    expect(everyone.nextCursor).toBeNull();
    expect(everyone.total).toBe(everyone.people.length);
    expect(everyone.total).toBeGreaterThan(15);
    const scores = everyone.people.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect((await suggestions(viewer, eventId)).people).toHaveLength(10);

    for (const limit of [1, 4, 7]) {
      const seen: Suggestion[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Page = await suggestions(viewer, eventId, `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(page.people.length).toBeLessThanOrEqual(limit);
        expect(page.total).toBe(everyone.total);
        seen.push(...page.people);
        cursor = page.nextCursor;
        expect(++pages).toBeLessThanOrEqual(50);
      } while (cursor);
      expect(pages).toBe(Math.ceil(everyone.total / limit));
      expect(seen).toEqual(everyone.people);
    }

    const last = everyone.people[0]!;
    for (const cursor of [
      'not-a-cursor',
      cursorOf({ offset: 5 }),
      cursorOf([last.userId, last.score]),
      cursorOf({ after: last.userId }),
      cursorOf({ score: last.score }),
      cursorOf({ after: 'someone', score: last.score }),
      cursorOf({ after: last.userId.toUpperCase(), score: last.score }),
      cursorOf({ after: last.userId, score: String(last.score) }),
      cursorOf({ after: last.userId, score: 0 }),
      cursorOf({ after: last.userId, score: -1 }),
      cursorOf({ after: last.userId, score: null }),
      cursorOf({ after: last.userId, score: last.score, offset: 5 }),
      cursorOf(null),
    ]) {
      const bad = await call(t.app, viewer, 'GET', `/api/events/${eventId}/people-to-meet?cursor=${encodeURIComponent(cursor)}`);
      expect(bad.status, cursor).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(pointersOf(bad.body)).toEqual(['/querystring/cursor']);
    }
    for (const limit of [0, 51, 'many']) {
      const bad = await call(t.app, viewer, 'GET', `/api/events/${eventId}/people-to-meet?limit=${limit}`);
      expect(bad.status).toBe(400);
      expect(pointersOf(bad.body)).toEqual(['/querystring/limit']);
    }
  });

  /** A viewer and 23 people who share some of four interests with them: a long list with ties. */
  async function crowd() {
    const people = await createPeople(
      t,
      Array.from({ length: 24 }, (_, i) => `Person ${String.fromCharCode(65 + i)}`),
    );
    const [viewer, ...others] = people as [Person, ...Person[]];
    await profile(viewer, { interests: ['Chess', 'Sailing', 'Beekeeping', 'Cooking'] });
    const pool = ['Chess', 'Sailing', 'Beekeeping', 'Cooking', 'Running'];
    for (const [i, person] of others.entries()) await profile(person, { interests: pool.filter((_, k) => (i >> k) & 1 || k === 4) });
    const { eventId } = await gathering(people);
    return { viewer, others, eventId };
  }

  it('starts the next page after the last person shown, whoever was taken off the list meanwhile', async () => {
    const { viewer, eventId } = await crowd();
    const everyone = idsOf(await suggestions(viewer, eventId, '?limit=50'));
    expect(everyone.length).toBeGreaterThan(15);
    const next = (cursor: string | null, limit = 5) => {
      expect(cursor).not.toBeNull();
      return suggestions(viewer, eventId, `?limit=${limit}&cursor=${encodeURIComponent(cursor!)}`);
    };

    const first = await suggestions(viewer, eventId, '?limit=5');
    expect(idsOf(first)).toEqual(everyone.slice(0, 5));
    // "Not now" to someone on page 1: page 2 still starts right after page 1's last person.
    await expectStatus(viewer, 'PUT', `/api/events/${eventId}/people-to-meet/dismissed/${everyone[1]}`, 204);
    const second = await next(first.nextCursor);
    expect(idsOf(second)).toEqual(everyone.slice(5, 10));
    expect(second.total).toBe(everyone.length - 1);
    // A block on page 2, then page 3.
    await expectStatus(viewer, 'PUT', `/api/me/blocks/${everyone[7]}`, 204);
    expect(idsOf(await next(second.nextCursor))).toEqual(everyone.slice(10, 15));
    // The last person shown is gone too: the page starts with whoever ranked after them.
    await expectStatus(viewer, 'PUT', `/api/events/${eventId}/people-to-meet/dismissed/${everyone[9]}`, 204);
    expect(idsOf(await next(second.nextCursor))).toEqual(everyone.slice(10, 15));
    await expectStatus(viewer, 'PUT', `/api/events/${eventId}/people-to-meet/dismissed/${everyone[4]}`, 204);
    expect(idsOf(await next(first.nextCursor))).toEqual([everyone[5], everyone[6], everyone[8], everyone[10], everyone[11]]);
    // Undone, they come back in place, and the old cursors still hold.
    for (const i of [1, 4, 9]) await expectStatus(viewer, 'DELETE', `/api/events/${eventId}/people-to-meet/dismissed/${everyone[i]}`, 204);
    await expectStatus(viewer, 'DELETE', `/api/me/blocks/${everyone[7]}`, 204);
    expect(idsOf(await next(first.nextCursor))).toEqual(everyone.slice(5, 10));
    expect(idsOf(await next(second.nextCursor, 50))).toEqual(everyone.slice(10));
    expect((await next(second.nextCursor, 50)).nextCursor).toBeNull();
  });

  it('starts a page by score and id when the person it remembers is no longer at the event', async () => {
    const { viewer, eventId } = await crowd();
    const everyone = (await suggestions(viewer, eventId, '?limit=50')).people;
    const from = (after: string, score: number) => suggestions(viewer, eventId, `?limit=50&cursor=${cursorOf({ after, score })}`);
    // Scores on the page are rounded to 0.001: between two that differ by more, the cut is sure.
    const gap = everyone.findIndex((person, i) => i > 0 && everyone[i - 1]!.score - person.score > 0.002);
    expect(gap).toBeGreaterThan(0);
    const between = (everyone[gap - 1]!.score + everyone[gap]!.score) / 2;
    expect(idsOf(await from(randomUUID(), between))).toEqual(everyone.slice(gap).map((p) => p.userId));
    // Above everyone: from the start; below everyone: nothing more.
    expect(idsOf(await from('ffffffff-ffff-ffff-ffff-ffffffffffff', 1e9))).toEqual(everyone.map((p) => p.userId));
    const past = await from('00000000-0000-0000-0000-000000000000', 1e-12);
    expect(past).toMatchObject({ people: [], nextCursor: null, total: everyone.length });
  });

  it('starts a page by score and id when the person it remembers now has another score', async () => {
    const { viewer, eventId } = await crowd();
    const everyone = (await suggestions(viewer, eventId, '?limit=50')).people;
    const from = (after: string, score: number) => suggestions(viewer, eventId, `?limit=50&cursor=${cursorOf({ after, score })}`);
    const gap = everyone.findIndex((person, i) => i > 4 && i < everyone.length - 3 && everyone[i - 1]!.score - person.score > 0.002);
    expect(gap).toBeGreaterThan(4);
    const between = (everyone[gap - 1]!.score + everyone[gap]!.score) / 2;
    const fromGap = everyone.slice(gap).map((p) => p.userId);
    // Someone still ranked, above the cut or below it: where they are now does not matter.
    expect(idsOf(await from(everyone[1]!.userId, between))).toEqual(fromGap);
    expect(idsOf(await from(everyone[gap + 1]!.userId, between))).toEqual(fromGap);
    // With the score they have, the page starts right after them.
    const first = await suggestions(viewer, eventId, `?limit=${gap}`);
    expect(idsOf(await suggestions(viewer, eventId, `?limit=50&cursor=${encodeURIComponent(first.nextCursor!)}`))).toEqual(fromGap);
  });

  it('does not skip people when the last person shown edits their profile before the next page', async () => {
    const { viewer, others, eventId } = await crowd();
    const first = await suggestions(viewer, eventId, '?limit=5');
    const last = first.people[4]!;
    const cursorScore = scoreIn(first.nextCursor!);
    // They now share one interest with the viewer instead of several: far down the list.
    await profile(others.find((person) => person.id === last.userId)!, { interests: ['Cooking', 'Running'] });

    // The new ranking with exact scores, read from the cursors of one-person pages.
    const ranking: { id: string; score: number }[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await suggestions(viewer, eventId, `?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      cursor = page.nextCursor;
      ranking.push({ id: page.people[0]!.userId, score: cursor ? scoreIn(cursor) : Number.NaN });
    } while (cursor);
    const start = ranking.findIndex(({ id, score }) => score < cursorScore || (score === cursorScore && id > last.userId));
    const moved = ranking.findIndex(({ id }) => id === last.userId);
    expect(start).toBeGreaterThan(0);
    expect(moved).toBeGreaterThan(start + 5);

    const second = await suggestions(viewer, eventId, `?limit=5&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(idsOf(second)).toEqual(ranking.slice(start, start + 5).map(({ id }) => id));
  });

  it('is for members only: a stranger gets the 404 of a missing event, nobody signed in a 401', async () => {
    const [ana, stranger, leaver] = await createPeople(t, ['Ana', 'Stranger', 'Leaver']);
    await profile(ana!, { interests: ['Chess'] });
    await profile(stranger!, { interests: ['Chess'] });
    const { eventId } = await gathering([ana!, leaver!]);
    const denied = await call(t.app, stranger!, 'GET', `/api/events/${eventId}/people-to-meet`);
    const nothing = await call(t.app, stranger!, 'GET', `/api/events/${randomUUID()}/people-to-meet`);
    expect(denied.status).toBe(404);
    expect(withoutInstance(denied.body)).toEqual(withoutInstance(nothing.body));
    expect((await call(t.app, undefined, 'GET', `/api/events/${eventId}/people-to-meet`)).status).toBe(401);
    await call(t.app, leaver!, 'POST', `/api/events/${eventId}/leave`);
    expect((await call(t.app, leaver!, 'GET', `/api/events/${eventId}/people-to-meet`)).status).toBe(404);
  });

  it('answers 404 for people outside my events, like unknown ids, and 400 for myself', async () => {
    const [ana, bo, stranger] = await createPeople(t, ['Ana', 'Bo', 'Stranger']);
    const { eventId } = await gathering([ana!, bo!]);
    const strangers = await gathering([stranger!]);
    const unknown = randomUUID();
    for (const [method, path] of [
      ['PUT', `/api/events/${eventId}/people-to-meet/dismissed/`],
      ['DELETE', `/api/events/${eventId}/people-to-meet/dismissed/`],
      ['PUT', `/api/events/${eventId}/saved/`],
      ['DELETE', `/api/events/${eventId}/saved/`],
      ['PUT', '/api/me/blocks/'],
      ['DELETE', '/api/me/blocks/'],
    ] as const) {
      const outside = await expectStatus(ana!, method, `${path}${stranger!.id}`, 404);
      const nobody = await expectStatus(ana!, method, `${path}${unknown}`, 404);
      expect(withoutInstance(outside.body)).toEqual(withoutInstance(nobody.body));
      const myself = await expectStatus(ana!, method, `${path}${ana!.id}`, 400);
      expect(myself.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // A member of my event addressed through another event.
    await expectStatus(stranger!, 'PUT', `/api/events/${strangers.eventId}/saved/${ana!.id}`, 404);
    await expectStatus(stranger!, 'PUT', `/api/events/${eventId}/saved/${ana!.id}`, 404);
    expect((await call(t.app, ana!, 'GET', '/api/me/blocks')).body).toEqual({ blocks: [] });
  });

  it('shows attendees no one when the organizers turn the directory off, as the directory does', async () => {
    const [ana, bo] = await createPeople(t, ['Ana', 'Bo']);
    for (const person of [ana!, bo!]) await profile(person, { interests: ['Chess'] });
    const { organizer, eventId } = await gathering([ana!, bo!]);
    await profile(organizer, { interests: ['Chess'] });
    expect((await suggestions(ana!, eventId)).hiddenByOrganizers).toBeUndefined();
    await call(t.app, organizer, 'PATCH', `/api/events/${eventId}`, { settings: { attendeeDirectory: false } });
    // Empty, and saying why, so the app need not work it out from the event's settings.
    expect(await suggestions(ana!, eventId)).toEqual({ people: [], nextCursor: null, total: 0, hiddenByOrganizers: true });
    const organizerPage = await suggestions(organizer, eventId, '?limit=50');
    expect(idsOf(organizerPage).sort()).toEqual([ana!.id, bo!.id].sort());
    expect(organizerPage.hiddenByOrganizers).toBeUndefined();
    await call(t.app, organizer, 'PATCH', `/api/events/${eventId}`, { settings: { attendeeDirectory: true } });
    const back = await suggestions(ana!, eventId);
    expect(idsOf(back).sort()).toEqual([bo!.id, organizer.id].sort());
    expect(back.hiddenByOrganizers).toBeUndefined();
  });

  it('lets me save or dismiss exactly the people whose profile I may read in the event, else the same 404', async () => {
    const [ana, bo, hana] = await createPeople(t, ['Ana', 'Bo', 'Hana']);
    const { organizer, eventId } = await gathering([ana!, bo!, hana!]);
    await expectStatus(hana!, 'PATCH', `/api/events/${eventId}/me`, 200, { listed: false });
    const nobody = await expectStatus(ana!, 'PUT', `/api/events/${eventId}/saved/${randomUUID()}`, 404);

    async function expectLikeProfile(who: Person, target: Person, status: 200 | 404) {
      const read = await call(t.app, who, 'GET', `/api/events/${eventId}/people/${target.id}`);
      expect(read.status, `${who.name} reads ${target.name}`).toBe(status);
      for (const path of [`/api/events/${eventId}/saved/`, `/api/events/${eventId}/people-to-meet/dismissed/`]) {
        for (const method of ['PUT', 'DELETE'] as const) {
          const response = await expectStatus(who, method, `${path}${target.id}`, status === 200 ? 204 : 404);
          if (status === 404) expect(withoutInstance(response.body)).toEqual(withoutInstance(nobody.body));
        }
      }
    }

    await expectLikeProfile(ana!, bo!, 200);
    await expectLikeProfile(ana!, organizer, 200);
    await expectLikeProfile(ana!, hana!, 404);
    await expectLikeProfile(organizer, hana!, 200);
    // With the directory off, attendees read no one's profile, and so save or dismiss no one.
    await call(t.app, organizer, 'PATCH', `/api/events/${eventId}`, { settings: { attendeeDirectory: false } });
    await expectLikeProfile(ana!, bo!, 404);
    await expectLikeProfile(ana!, organizer, 404);
    await expectLikeProfile(ana!, hana!, 404);
    await expectLikeProfile(organizer, bo!, 200);
    await expectLikeProfile(organizer, hana!, 200);
  });

  it('lets me block someone whose profile I may read at an event we share, or whom I already block, else the same 404', async () => {
    const [ana, bo, cy, hana] = await createPeople(t, ['Ana', 'Bo', 'Cy', 'Hana']);
    const { organizer, eventId } = await gathering([ana!, bo!, cy!, hana!]);
    await expectStatus(hana!, 'PATCH', `/api/events/${eventId}/me`, 200, { listed: false });
    const nobody = await expectStatus(ana!, 'PUT', `/api/me/blocks/${randomUUID()}`, 404);

    // An unlisted attendee reads as unknown to other attendees, as their profile does.
    expect((await call(t.app, ana!, 'GET', `/api/events/${eventId}/people/${hana!.id}`)).status).toBe(404);
    const unlisted = await expectStatus(ana!, 'PUT', `/api/me/blocks/${hana!.id}`, 404);
    expect(withoutInstance(unlisted.body)).toEqual(withoutInstance(nobody.body));
    await expectStatus(organizer, 'PUT', `/api/me/blocks/${hana!.id}`, 204);

    // Once blocked, always undoable, whatever they change.
    await expectStatus(ana!, 'PUT', `/api/me/blocks/${bo!.id}`, 204);
    await expectStatus(bo!, 'PATCH', `/api/events/${eventId}/me`, 200, { listed: false });
    await expectStatus(ana!, 'DELETE', `/api/me/blocks/${bo!.id}`, 204);
    await expectStatus(ana!, 'PUT', `/api/me/blocks/${bo!.id}`, 404);

    // With the directory off here, Cy is someone Ana sees only at another event they share.
    await call(t.app, organizer, 'PATCH', `/api/events/${eventId}`, { settings: { attendeeDirectory: false } });
    await expectStatus(ana!, 'PUT', `/api/me/blocks/${cy!.id}`, 404);
    await expectStatus(ana!, 'PUT', `/api/me/blocks/${organizer.id}`, 404);
    await gathering([ana!, cy!]);
    await expectStatus(ana!, 'PUT', `/api/me/blocks/${cy!.id}`, 204);
    expect((await call(t.app, ana!, 'GET', '/api/me/blocks')).body.blocks.map((b: { userId: string }) => b.userId)).toEqual([cy!.id]);
  });

  it('counts refused changes against the hourly limit too, so ids cannot be probed for free', async () => {
    const [ana, bo, stranger] = await createPeople(t, ['Ana', 'Bo', 'Stranger']);
    const { eventId } = await gathering([ana!, bo!]);
    const probes = [
      ['PUT', `/api/events/${eventId}/saved/${stranger!.id}`],
      ['DELETE', `/api/events/${eventId}/saved/${randomUUID()}`],
      ['PUT', `/api/events/${eventId}/people-to-meet/dismissed/${stranger!.id}`],
      ['DELETE', `/api/events/${eventId}/people-to-meet/dismissed/${randomUUID()}`],
      ['PUT', `/api/me/blocks/${stranger!.id}`],
      ['DELETE', `/api/me/blocks/${randomUUID()}`],
    ] as const;
    for (const [method, url] of probes) await expectStatus(ana!, method, url, 404);
    const [counter] = await t.ctx.db.select().from(rateLimits).where(eq(rateLimits.key, `people-to-meet:${ana!.id}`));
    expect(counter?.count).toBe(probes.length);

    const resetAt = new Date(t.clock.now().getTime() + 30 * 60_000);
    await t.ctx.db.update(rateLimits).set({ count: 600, resetAt }).where(eq(rateLimits.key, `people-to-meet:${ana!.id}`));
    for (const [method, url] of probes) await expectStatus(ana!, method, url, 429);
    // Not signed in is still a 401 first.
    await expectStatus(undefined, 'PUT', `/api/events/${eventId}/saved/${bo!.id}`, 401);
  });

  it('counts only people anyone may see in the directory when it says how many share an interest, and me', async () => {
    const [ana, bo, cy, dee] = await createPeople(t, ['Ana', 'Bo', 'Cy', 'Dee']);
    for (const person of [ana!, bo!, cy!]) await profile(person, { interests: ['Sea shanties', 'Chess'] });
    await profile(dee!, { interests: ['Chess'] });
    const { eventId } = await gathering([ana!, bo!, cy!, dee!]);
    await expectStatus(cy!, 'PATCH', `/api/events/${eventId}/me`, 200, { listed: false });

    const used = (await call(t.app, ana!, 'GET', `/api/events/${eventId}/interests`)).body.interests as { interest: string; people: number }[];
    const listedWith = (interest: string) => used.find((u) => u.interest.toLowerCase() === interest.toLowerCase())?.people;
    expect(listedWith('Sea shanties')).toBe(2);
    expect(listedWith('Chess')).toBe(3);
    const sharedCounts = (page: Page, other: Person) =>
      Object.fromEntries(
        page.people
          .find((p) => p.userId === other.id)!
          .why.filter((item) => item.kind === 'shared')
          .map((item) => [String(item.interest).toLowerCase(), item.peopleWithIt]),
      );

    // Listed: what the interests of the event say. Unlisted Cy is not counted.
    expect(sharedCounts(await suggestions(ana!, eventId), bo!)).toEqual({ 'sea shanties': 2, chess: 3 });
    expect(sharedCounts(await suggestions(dee!, eventId), ana!)).toEqual({ chess: 3 });
    // Unlisted Cy knows their own interests: counted in their own list, never below the two of them.
    expect(sharedCounts(await suggestions(cy!, eventId), ana!)).toEqual({ 'sea shanties': 3, chess: 4 });
  });

  it('rebuilds for who is here and what they say, not for a check-in at the door', async () => {
    const [ana, bo, cy] = await createPeople(t, ['Ana', 'Bo', 'Cy']);
    for (const person of [ana!, bo!, cy!]) await profile(person, { interests: ['Chess'] });
    const { organizer, eventId, invite } = await gathering([ana!, bo!]);
    const other = await gathering([ana!, bo!]);
    expect(await suggestedIds(ana!, eventId)).toEqual([bo!.id]);
    const builds = preparedEventBuilds(t.ctx.db);

    for (const person of [ana!, bo!]) {
      const checkedIn = await call(t.app, organizer, 'PATCH', `/api/events/${eventId}/members/${person.id}`, { status: 'checked_in' });
      expect(checkedIn.body.status).toBe('checked_in');
    }
    expect(await suggestedIds(ana!, eventId)).toEqual([bo!.id]);
    expect(await suggestedIds(bo!, eventId)).toEqual([ana!.id]);
    expect(preparedEventBuilds(t.ctx.db)).toBe(builds);

    await call(t.app, bo!, 'POST', `/api/events/${eventId}/leave`);
    expect(await suggestedIds(ana!, eventId)).toEqual([]);
    expect(preparedEventBuilds(t.ctx.db)).toBe(builds + 1);
    await joinWith(t, bo!, invite.token);
    await joinWith(t, cy!, invite.token);
    expect((await suggestedIds(ana!, eventId)).sort()).toEqual([bo!.id, cy!.id].sort());
    expect(preparedEventBuilds(t.ctx.db)).toBe(builds + 2);
    await call(t.app, organizer, 'PATCH', `/api/events/${eventId}/members/${cy!.id}`, { role: 'organizer' });
    await suggestedIds(ana!, eventId);
    expect(preparedEventBuilds(t.ctx.db)).toBe(builds + 3);

    // A profile edit reaches each of the person's events once.
    const versions = async () =>
      Object.fromEntries(
        (await t.ctx.db.select({ id: events.id, version: events.peopleVersion }).from(events).where(inArray(events.id, [eventId, other.eventId]))).map(
          (row) => [row.id, Number(row.version)],
        ),
      );
    const before = await versions();
    await profile(ana!, { interests: ['Chess', 'Go'] });
    expect(await versions()).toEqual({ [eventId]: before[eventId]! + 1, [other.eventId]: before[other.eventId]! + 1 });
  });

  it('names an offer or a need sentence once, with every topic it meets', async () => {
    const [ana, bo] = await createPeople(t, ['Ana', 'Bo']);
    await profile(ana!, { interests: ['Hiking'], seeking: ['Looking for a React mentor', 'Want to learn TypeScript'] });
    await profile(bo!, { interests: ['Hiking'], offers: ['Happy to pair on React and TypeScript'] });
    const { eventId } = await gathering([ana!, bo!]);

    const theyOffer = (await suggestions(ana!, eventId)).people[0]!.why.filter((item) => item.kind === 'they-offer');
    expect(theyOffer).toHaveLength(1);
    expect(theyOffer[0]).toMatchObject({ offer: 'Happy to pair on React and TypeScript' });
    expect([...(theyOffer[0]!.topics as string[])].sort()).toEqual(['React', 'TypeScript']);
    expect(theyOffer[0]!.topic).toBe((theyOffer[0]!.topics as string[])[0]);

    // Two needs met by one offer: two sentences on Bo's side.
    const youOffer = (await suggestions(bo!, eventId)).people[0]!.why.filter((item) => item.kind === 'you-offer');
    expect(youOffer.sort((x, y) => String(x.topic).localeCompare(String(y.topic)))).toEqual([
      { kind: 'you-offer', topic: 'React', topics: ['React'], need: 'Looking for a React mentor' },
      { kind: 'you-offer', topic: 'TypeScript', topics: ['TypeScript'], need: 'Want to learn TypeScript' },
    ]);
  });

  it('limits how often one person changes their suggestions, with a kind message', async () => {
    const [ana, bo] = await createPeople(t, ['Ana', 'Bo']);
    const { eventId } = await gathering([ana!, bo!]);
    const resetAt = new Date(t.clock.now().getTime() + 30 * 60_000);
    await t.ctx.db.insert(rateLimits).values({ key: `people-to-meet:${ana!.id}`, count: 600, resetAt });
    const limited = await expectStatus(ana!, 'PUT', `/api/events/${eventId}/saved/${bo!.id}`, 429);
    expect(limited.body.detail).toMatch(/try again in 30 minutes/);
    expect(limited.headers['retry-after']).toBe('1800');
    await expectStatus(ana!, 'PUT', `/api/me/blocks/${bo!.id}`, 429);
    // Someone else is not held back.
    await expectStatus(bo!, 'PUT', `/api/events/${eventId}/saved/${ana!.id}`, 204);
  });
});

describe('the cache of prepared events', () => {
  const value = (version: number, label = '') => ({ version, label });

  it('shares one build between callers who miss at the same time', async () => {
    const cache = new VersionedCache<{ version: number; label: string }>(4);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let builds = 0;
    const build = async () => {
      builds++;
      await gate;
      return value(1, 'built');
    };
    const waiting = [cache.get('e', 1, build), cache.get('e', 1, build), cache.get('e', 0, build)];
    release();
    expect((await Promise.all(waiting)).map((v) => v.label)).toEqual(['built', 'built', 'built']);
    expect(builds).toBe(1);
  });

  it('builds again for a newer version, and keeps serving newer builds to older versions', async () => {
    const cache = new VersionedCache<{ version: number; label: string }>(4);
    await cache.get('e', 1, async () => value(1, 'one'));
    expect((await cache.get('e', 2, async () => value(2, 'two'))).label).toBe('two');
    expect((await cache.get('e', 1, async () => value(1, 'again'))).label).toBe('two');
    // A build that read a newer version than was asked for counts as that version.
    await cache.get('e', 3, async () => value(5, 'five'));
    expect((await cache.get('e', 4, async () => value(4, 'four'))).label).toBe('five');
    expect(cache.builds).toBe(3);
  });

  it('forgets a failed build, and the least recently used event beyond its capacity', async () => {
    const cache = new VersionedCache<{ version: number; label: string }>(2);
    await expect(cache.get('e', 1, async () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect((await cache.get('e', 1, async () => value(1, 'retried'))).label).toBe('retried');
    await cache.get('f', 1, async () => value(1, 'f'));
    await cache.get('e', 1, async () => value(1, 'not rebuilt'));
    await cache.get('g', 1, async () => value(1, 'g'));
    expect(cache.size).toBe(2);
    expect((await cache.get('e', 1, async () => value(1, 'rebuilt'))).label).toBe('retried');
    expect((await cache.get('f', 1, async () => value(1, 'f again'))).label).toBe('f again');
  });
});
