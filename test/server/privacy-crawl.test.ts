/**
 * Privacy, proven. A unique marker is planted in every private field: what people keep of one
 * another (note, tags, "cares about", follow-up day), contact details in profiles, why an
 * introduction was proposed, what an ask is about, a meeting request's note, the text of a comment
 * the organizers hid, why a comment was reported. Then every GET operation of the OpenAPI
 * document is called with every id the world holds, as every person and anonymously, and each
 * raw response body (JSON, vCard, iCalendar alike) is searched: a marker shows only to the people
 * it belongs to, and each of them does see it (so that the search could fail). A decline is
 * proven invisible by answering the same before and after it. A GET route the crawl cannot fill
 * fails the suite, so a new route is crawled the day it is added.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.js';
import { call, createTestApp, eventWith, type Person, type TestApp } from '../support/app.js';
import { meet } from '../support/encounters.js';
import { storageEngines } from '../support/engines.js';
import { fillPath, listOperations, pathTemplateNames, readDocument, type Operation } from '../support/openapi.js';
import { createPeople } from '../support/people.js';

const PEOPLE = ['O', 'A', 'B', 'C', 'D', 'S'] as const;
type Name = (typeof PEOPLE)[number];
type Caller = Name | 'anonymous';
const CALLERS: Caller[] = [...PEOPLE, 'anonymous'];

const HOUR_MS = 3_600_000;
/** Longer than the default introduction cool-down, so that A may introduce B and C. */
const COOLDOWN_PASSED_MS = 25 * HOUR_MS;
const CRAWL_TIMEOUT_MS = 600_000;

/** A private value and who may see it. `forms`: every way it may be written in a response. */
interface Marker {
  label: string;
  forms: string[];
  seenBy: Name[];
}

/** What one person keeps of another: four markers, one per field. */
interface MemoryMarkers {
  note: string;
  tag: string;
  caresAbout: string;
  /** A day that only the follow-up can put in a response (far from every other date of the world). */
  followUpOn: string;
}

interface ContactMarkers {
  email: string;
  phone: string;
  links: string;
}

/** Each marker ends in a word of its own, so that a search for one matches no other. */
const marker = (field: string) => `private-${field}-${randomBytes(5).toString('hex')}`;

function memoryMarkers(owner: Name, person: Name, followUpOn: string): MemoryMarkers {
  const of = `${owner.toLowerCase()}-on-${person.toLowerCase()}`;
  return { note: marker(`note-${of}`), tag: marker(`tag-${of}`), caresAbout: marker(`cares-${of}`), followUpOn };
}

function contactMarkers(who: Name): ContactMarkers {
  return {
    email: `${marker(`email-${who.toLowerCase()}`)}@example.org`,
    phone: `+${randomInt(10, 99)} ${randomInt(100, 999)} ${randomInt(100_000, 999_999)} ${randomInt(10, 99)}`,
    links: `https://example.org/${marker(`link-${who.toLowerCase()}`)}`,
  };
}

/** The memories kept, as [owner, person, follow-up day]; days in 2027, far from the world's 2026. */
const MEMORIES = [
  ['A', 'B', '2027-01-19'],
  ['A', 'C', '2027-02-23'],
  ['B', 'A', '2027-03-16'],
  ['C', 'A', '2027-04-27'],
] as const;

const WHY = marker('why');
const ASK_TOPIC = marker('ask-topic');
const MEETING_NOTE = marker('meeting-note');
const HIDDEN_COMMENT = marker('hidden-comment');
const REPORT_REASON = marker('report-reason');
/** The local part of the email of someone O imported, who has not claimed their badge. */
const IMPORTED_EMAIL = marker('imported-email');
const DECLINED = /declined/i;

/** What the crawl compares: line folding (vCard, iCalendar) undone, and case ignored. */
function searchable(body: string): string {
  return body.replace(/\r?\n[ \t]/g, '').toLowerCase();
}

interface World {
  people: Record<Name, Person>;
  event: { id: string };
  otherEvent: { id: string };
  invite: { id: string; token: string };
  memories: { owner: Name; person: Name; markers: MemoryMarkers }[];
  contacts: Record<Name, ContactMarkers>;
  introduction: { id: string };
  ask: { id: string };
  feedTokens: Record<Name, string>;
  /** Path parameter → the values the crawl tries, the same for every caller. */
  values: Record<string, string[]>;
}

interface Crawled {
  who: Caller;
  path: string;
  url: string;
  status: number;
  contentType: string;
  body: string;
  /** The body as `searchable` leaves it. */
  text: string;
}

async function ok<T = any>(response: Promise<{ status: number; body: any }>, status = 200, what = ''): Promise<T> {
  const r = await response;
  if (r.status !== status) throw new Error(`setup failed${what ? ` (${what})` : ''}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

/**
 * The world: event E organized by O, attended by A, B, C and D (D met nobody); S organizes
 * another event. A met B and C; a day later A writes about both and B and C write about A; A and
 * C exchange contact details; B shares with A but A does not share back; A introduces B to C and
 * asks B whom to meet; C asks D to meet, with a note; O starts a mixer of the four. B's decline
 * comes later (see the tests).
 */
async function buildWorld(t: TestApp): Promise<World> {
  const list = await createPeople(t, ['Olga Organizer', 'Ana Attendee', 'Bo Attendee', 'Cy Attendee', 'Di Attendee', 'Sam Stranger']);
  const people = Object.fromEntries(PEOPLE.map((name, i) => [name, list[i]!])) as Record<Name, Person>;
  const { O, A, B, C, D, S } = people;
  const { event, invite } = await eventWith(t.app, O, [A, B, C, D]);
  const { event: otherEvent } = await eventWith(t.app, S, []);
  const e = event.id;

  const contacts = Object.fromEntries(PEOPLE.map((name) => [name, contactMarkers(name)])) as Record<Name, ContactMarkers>;
  for (const name of PEOPLE) {
    const mine = contacts[name];
    await ok(
      call(t.app, people[name], 'PUT', '/api/me/profile', {
        displayName: people[name].name,
        headline: 'Here to meet people',
        bio: '',
        interests: ['Gardening'],
        offers: [],
        seeking: [],
        questions: [],
        contact: { email: mine.email, phone: mine.phone, links: [mine.links] },
      }),
      200,
      `profile of ${name}`,
    );
  }

  await meet(t, e, A, B);
  await meet(t, e, A, C);
  t.clock.advance(COOLDOWN_PASSED_MS);

  const memories = MEMORIES.map(([owner, person, day]) => ({ owner, person, markers: memoryMarkers(owner, person, day) }));
  for (const { owner, person, markers } of memories) {
    await ok(
      call(t.app, people[owner], 'PATCH', `/api/me/people/${people[person].id}/memory`, {
        note: `${markers.note} met at the coffee stand`,
        tags: [markers.tag, 'coffee'],
        caresAbout: `${markers.caresAbout} and sourdough`,
        followUpOn: markers.followUpOn,
      }),
      200,
      `memory of ${owner} on ${person}`,
    );
  }

  const everything = { email: true, phone: true, links: true };
  await ok(call(t.app, A, 'PUT', `/api/me/people/${C.id}/contact-share`, everything), 200, 'A shares with C');
  await ok(call(t.app, C, 'PUT', `/api/me/people/${A.id}/contact-share`, everything), 200, 'C shares with A');
  await ok(call(t.app, B, 'PUT', `/api/me/people/${A.id}/contact-share`, everything), 200, 'B shares with A');

  const introduction = await ok(
    call(t.app, A, 'POST', '/api/me/introductions', { personIds: [B.id, C.id], why: `${WHY}: you both grow vegetables` }),
    201,
    'A introduces B and C',
  );
  const ask = await ok(call(t.app, A, 'POST', '/api/me/asks', { personId: B.id, topic: `community gardens ${ASK_TOPIC}` }), 201, 'A asks B');

  const slot = await ok(call(t.app, O, 'POST', `/api/events/${e}/slots`, { startsAt: '2026-10-01T18:00:00Z', endsAt: '2026-10-01T18:20:00Z' }), 201);
  const tables = await ok(call(t.app, O, 'POST', `/api/events/${e}/tables`, { count: 2 }), 201);
  const request = await ok(call(t.app, C, 'POST', `/api/events/${e}/meeting-requests`, { inviteeId: D.id, note: `${MEETING_NOTE} about seeds` }), 201);
  const meeting = await ok(call(t.app, D, 'POST', `/api/events/${e}/meeting-requests/${request.id}/accept`));
  const mixer = await ok(
    call(t.app, O, 'POST', `/api/events/${e}/mixers`, { participants: { userIds: [A.id, B.id, C.id, D.id] }, tableSize: 2, rounds: 1, minutesPerRound: 5 }),
    201,
  );
  // Started, so that its participants' view of it answers (no encounter is recorded before a round ends).
  await ok(call(t.app, O, 'POST', `/api/events/${e}/mixers/${mixer.id}/start`), 200, 'start the mixer');
  // O's post: A comments, B's comment is hidden by O, and C reports A's comment with a reason.
  const post = await ok(call(t.app, O, 'POST', `/api/events/${e}/posts`, { title: 'Welcome', body: 'Coffee is at the back.' }), 201, 'O posts');
  const commentOfA = await ok(call(t.app, A, 'POST', `/api/events/${e}/posts/${post.id}/comments`, { body: 'See you there' }), 201);
  const commentOfB = await ok(call(t.app, B, 'POST', `/api/events/${e}/posts/${post.id}/comments`, { body: `${HIDDEN_COMMENT} loud` }), 201);
  await ok(call(t.app, O, 'POST', `/api/events/${e}/comments/${commentOfB.id}/hidden`), 200, 'O hides B’s comment');
  await ok(call(t.app, C, 'POST', `/api/events/${e}/comments/${commentOfA.id}/reports`, { reason: `${REPORT_REASON} rude` }), 201, 'C reports');
  // O imports Ivy, who has not claimed her badge yet: her email (a contact detail) shows to nobody.
  await ok(call(t.app, O, 'POST', `/api/events/${e}/imports`, { csv: `email,name\n${IMPORTED_EMAIL}@example.org,Ivy Imported\n` }), 200, 'O imports Ivy');
  const claimTokens = await queryRows<{ token: string }>(
    t.ctx.db,
    sql`select m.claim_token as token from memberships m join users u on u.id = m.user_id
        where m.event_id = ${e} and (u.id = ${A.id} or u.email = ${`${IMPORTED_EMAIL}@example.org`}) order by u.email`,
  );
  // O makes D a co-organizer and then an attendee again: the audit log has roles to show O.
  await ok(call(t.app, O, 'PATCH', `/api/events/${e}/members/${D.id}`, { role: 'organizer' }), 200, 'O promotes D');
  await ok(call(t.app, O, 'PATCH', `/api/events/${e}/members/${D.id}`, { role: 'attendee' }), 200, 'O demotes D');
  const apiToken = await ok(call(t.app, A, 'POST', '/api/me/tokens', { name: 'laptop' }), 201);
  const feedTokens = {} as Record<Name, string>;
  for (const name of PEOPLE) {
    const feed = await ok(call(t.app, people[name], 'POST', '/api/me/calendar-feed'), 201);
    feedTokens[name] = (feed.url as string).split('/').pop()!;
  }

  const values: Record<string, string[]> = {
    eventId: [e, otherEvent.id],
    userId: PEOPLE.map((name) => people[name].id),
    inviteId: [invite.id],
    // An invite's token, and the badge codes of A (claimed: she joined by invite) and of Ivy (unclaimed).
    token: [invite.token, ...claimTokens.map((row) => row.token)],
    tokenId: [apiToken.id],
    slotId: [slot.id],
    tableId: (tables as { id: string }[]).map((table) => table.id),
    requestId: [request.id],
    meetingId: [meeting.id],
    mixerId: [mixer.id],
    introductionId: [introduction.id],
    askId: [ask.id],
    postId: [post.id],
    commentId: [commentOfA.id, commentOfB.id],
  };
  return { people, event, otherEvent, invite, memories, contacts, introduction, ask, feedTokens, values };
}

/**
 * Path parameters that are a capability: the response belongs to whoever holds it, not to the
 * caller. Each person is crawled with their own (as their calendar app would fetch it), and the
 * anonymous caller with one that names nothing.
 */
const capabilityValues: Record<string, (world: World, who: Caller) => string> = {
  feedToken: (world, who) => (who === 'anonymous' ? `cal_${randomBytes(24).toString('base64url')}.ics` : world.feedTokens[who]),
};

/** Streams never end; the notifications they carry are crawled through GET /api/me/notifications. */
const isEventStream = (op: Operation) => (op.operation.description ?? '').includes('`text/event-stream`');

/** Query variants crawled besides the plain call: search must not reach across people. */
function queryVariants(world: World, path: string): string[] {
  if (path !== '/api/me/people') return [''];
  const memory = world.memories.flatMap(({ markers }) => [
    `?q=${encodeURIComponent(markers.note)}`,
    `?q=${encodeURIComponent(markers.caresAbout)}`,
    `?q=${encodeURIComponent(markers.tag)}`,
    `?q=${encodeURIComponent(`#${markers.tag}`)}`,
    `?tag=${encodeURIComponent(markers.tag)}`,
  ]);
  return ['', ...memory];
}

interface CrawlPlan {
  gets: Operation[];
  streams: Operation[];
  /** GET operations the crawl does not know how to fill: each is a failure. */
  uncallable: string[];
}

function planCrawl(operations: Operation[], world: World): CrawlPlan {
  const gets = operations.filter((op) => op.method === 'GET');
  const plan: CrawlPlan = { gets: [], streams: [], uncallable: [] };
  for (const op of gets) {
    if (isEventStream(op)) {
      plan.streams.push(op);
      continue;
    }
    const unknown = pathTemplateNames(op.path).filter((name) => !(name in world.values) && !(name in capabilityValues));
    const requiredQuery = (op.operation.parameters ?? []).filter((p) => p.in !== 'path' && p.required).map((p) => p.name);
    if (unknown.length > 0 || requiredQuery.length > 0) {
      plan.uncallable.push(
        `GET ${op.path}: ${[...unknown.map((n) => `unknown path parameter ${n}`), ...requiredQuery.map((n) => `required ${n}`)].join(', ')} — teach test/server/privacy-crawl.test.ts`,
      );
      continue;
    }
    plan.gets.push(op);
  }
  return plan;
}

/** Every combination of the values of the given path parameters. */
function combinations(names: string[], values: (name: string) => string[]): Record<string, string>[] {
  let result: Record<string, string>[] = [{}];
  for (const name of names) result = result.flatMap((partial) => values(name).map((value) => ({ ...partial, [name]: value })));
  return result;
}

async function crawl(t: TestApp, world: World, gets: Operation[], callers: Caller[]): Promise<Crawled[]> {
  const crawled: Crawled[] = [];
  for (const who of callers) {
    const headers = who === 'anonymous' ? {} : { cookie: world.people[who].cookie };
    for (const op of gets) {
      const names = pathTemplateNames(op.path);
      const valuesOf = (name: string) => (name in capabilityValues ? [capabilityValues[name]!(world, who)] : world.values[name]!);
      for (const values of combinations(names, valuesOf)) {
        for (const query of queryVariants(world, op.path)) {
          const url = fillPath(op.path, values) + query;
          const response = await t.app.inject({ method: 'GET', url, headers });
          crawled.push({
            who,
            path: op.path,
            url,
            status: response.statusCode,
            contentType: String(response.headers['content-type'] ?? ''),
            body: response.body,
            text: searchable(response.body),
          });
        }
      }
    }
  }
  return crawled;
}

function markersOf(world: World): Marker[] {
  const markers: Marker[] = [];
  for (const { owner, person, markers: m } of world.memories) {
    const of = `${owner}'s memory of ${person}`;
    markers.push(
      { label: `${of}: note`, forms: [m.note], seenBy: [owner] },
      { label: `${of}: tag`, forms: [m.tag], seenBy: [owner] },
      { label: `${of}: cares about`, forms: [m.caresAbout], seenBy: [owner] },
      { label: `${of}: follow-up day`, forms: [m.followUpOn], seenBy: [owner] },
    );
  }
  // A and C exchanged; B shared with A, who did not share back; the others shared with nobody.
  const exchanged: Record<Name, Name[]> = { O: [], A: ['C'], B: [], C: ['A'], D: [], S: [] };
  for (const name of PEOPLE) {
    const c = world.contacts[name];
    const seenBy: Name[] = [name, ...exchanged[name]];
    markers.push(
      { label: `${name}'s contact email`, forms: [c.email], seenBy },
      // A phone number may be written without its spaces (vCard TEL).
      { label: `${name}'s contact phone`, forms: [c.phone, c.phone.replace(/ /g, '')], seenBy },
      { label: `${name}'s contact link`, forms: [c.links], seenBy },
    );
  }
  markers.push(
    { label: 'why A introduced B and C', forms: [WHY], seenBy: ['A', 'B', 'C'] },
    { label: 'what A asked B about', forms: [ASK_TOPIC], seenBy: ['A', 'B'] },
    { label: 'the note of C’s meeting request to D', forms: [MEETING_NOTE], seenBy: ['C', 'D'] },
    { label: 'the text of B’s comment, hidden by O', forms: [HIDDEN_COMMENT], seenBy: ['B', 'O'] },
    { label: 'why C reported A’s comment', forms: [REPORT_REASON], seenBy: ['O'] },
    { label: 'the email of Ivy, imported and unclaimed', forms: [IMPORTED_EMAIL], seenBy: [] },
  );
  return markers;
}

const contains = (entry: Crawled, m: Marker) => m.forms.some((form) => entry.text.includes(form.toLowerCase()));

const engines = storageEngines();

describe.each(engines)('privacy of every GET route, crawled, on %s', (engine) => {
  let t: TestApp;
  let world: World;
  let plan: CrawlPlan;
  /** A's and C's answers before B declined the introduction. */
  let beforeDecline: Crawled[];
  let crawled: Crawled[];
  let seconds: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    world = await buildWorld(t);
    plan = planCrawl(listOperations(await readDocument(t)), world);
    beforeDecline = await crawl(t, world, plan.gets, ['A', 'C']);
    await ok(call(t.app, world.people.B, 'POST', `/api/me/introductions/${world.introduction.id}/decline`), 200, 'B declines');
    const started = performance.now();
    crawled = await crawl(t, world, plan.gets, CALLERS);
    seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `privacy crawl on ${engine}: ${plan.gets.length} GET operations, ${crawled.length} requests as ${CALLERS.length} callers in ${seconds.toFixed(1)} s` +
        ` (${plan.streams.length} event streams not crawled: ${plan.streams.map((op) => op.path).join(', ')})\n`,
    );
  }, CRAWL_TIMEOUT_MS);

  afterAll(async () => {
    await t?.close();
  });

  it('crawls every GET operation of the document, as everyone', () => {
    expect(plan.uncallable, 'GET operations the crawl could not call').toEqual([]);
    expect(plan.gets.length).toBeGreaterThan(30);
    for (const path of ['/api/me/people', '/api/me/people/{userId}', '/api/me/introductions/{introductionId}', '/api/me/contacts.vcf', '/api/me/notifications']) {
      expect(plan.gets.map((op) => op.path)).toContain(path);
    }
    // Every route answered something other than "no such route" to someone allowed to call it.
    for (const op of plan.gets) {
      const answered = crawled.filter((entry) => entry.path === op.path && entry.status === 200);
      expect(answered.length, `GET ${op.path} never answered 200 to anyone: the crawl proves nothing about it`).toBeGreaterThan(0);
    }
    for (const entry of crawled.filter((e) => e.who === 'anonymous' && !e.path.startsWith('/api/calendar/'))) {
      expect([200, 401, 404], `anonymous ${entry.url}`).toContain(entry.status);
    }
  });

  it('refuses to pass over a GET route it cannot fill', () => {
    const widget: Operation = {
      method: 'GET',
      path: '/api/events/{eventId}/widgets/{widgetId}',
      operation: { parameters: [{ name: 'since', in: 'query', required: true }] },
      isPublic: false,
      permission: 'event.read',
    };
    expect(planCrawl([widget], world).uncallable).toEqual([
      'GET /api/events/{eventId}/widgets/{widgetId}: unknown path parameter widgetId, required since — teach test/server/privacy-crawl.test.ts',
    ]);
  });

  it('shows each private marker to the people it belongs to, and to nobody else', () => {
    const markers = markersOf(world);
    for (const m of markers) {
      for (const who of CALLERS) {
        const mine = crawled.filter((entry) => entry.who === who);
        const showing = mine.filter((entry) => contains(entry, m));
        if ((m.seenBy as Caller[]).includes(who)) {
          // The positive control: the marker is there to be found.
          expect(showing.length, `${who} never sees ${m.label}, which is theirs to see`).toBeGreaterThan(0);
        } else {
          expect(
            showing.map((entry) => `${entry.status} GET ${entry.url}`),
            `${m.label} leaks to ${who}`,
          ).toEqual([]);
        }
      }
    }
  });

  it('shows the audit log to the organizer only, in words, with nothing private in it', () => {
    const of = (who: Caller) => crawled.filter((entry) => entry.who === who && entry.url === `/api/events/${world.event.id}/audit`);
    const mine = of('O');
    expect(mine.map((entry) => entry.status)).toEqual([200]);
    expect(mine[0]!.text).toContain('olga organizer made di attendee a co-organizer');
    expect(mine[0]!.text).toContain('olga organizer hid a comment by bo attendee');
    for (const who of CALLERS.filter((caller) => caller !== 'O')) {
      expect(of(who).map((entry) => entry.status), `${who} reads E's audit log`).toEqual([who === 'anonymous' ? 401 : 404]);
    }
    const strangers = crawled.find((entry) => entry.who === 'S' && entry.url === `/api/events/${world.otherEvent.id}/audit`);
    expect(strangers?.status).toBe(200);
    expect(JSON.parse(strangers!.body).entries).toEqual([]);
  });

  it('shows badge codes (the claim links on badges) to their event’s organizers only, and no contact details with them', async () => {
    const codes = await queryRows<{ event_id: string; token: string }>(
      t.ctx.db,
      sql`select event_id, claim_token as token from memberships where event_id in (${world.event.id}, ${world.otherEvent.id})`,
    );
    expect(codes.length).toBeGreaterThan(PEOPLE.length - 1);
    for (const code of codes) {
      const organizer: Caller = code.event_id === world.event.id ? 'O' : 'S';
      // A code the crawl put in the address (a claim link's own page) is the caller's, not a leak.
      const showing = crawled.filter((entry) => entry.text.includes(code.token) && !entry.url.includes(code.token));
      expect([...new Set(showing.map((entry) => entry.who))], `who sees the badge code of a member of ${organizer === 'O' ? 'E' : 'F'}`).toEqual([organizer]);
    }
    const badges = crawled.find((entry) => entry.who === 'O' && entry.url === `/api/events/${world.event.id}/badges`)!;
    expect(badges.status).toBe(200);
    expect(JSON.parse(badges.body).badges.length).toBeGreaterThan(PEOPLE.length - 1);
    for (const who of CALLERS.filter((caller) => caller !== 'O')) {
      const theirs = crawled.find((entry) => entry.who === who && entry.url === `/api/events/${world.event.id}/badges`)!;
      expect(theirs.status, `${who} reads E's badges`).toBe(who === 'anonymous' ? 401 : 404);
    }
  });

  it('names nobody in the organizers’ insights who did not say yes to it (nobody here did)', () => {
    const insights = crawled.filter((entry) => entry.path.startsWith('/api/events/{eventId}/insights') && entry.status === 200);
    expect(insights.map((entry) => entry.who)).toContain('O');
    for (const entry of insights) {
      for (const name of PEOPLE) expect(entry.text, `${entry.status} GET ${entry.url} as ${entry.who}`).not.toContain(world.people[name].name.toLowerCase());
    }
  });

  it('searches the notifications too: the two read why, the one asked reads the topic', () => {
    const notifications = (who: Caller) => crawled.find((entry) => entry.who === who && entry.url === '/api/me/notifications')!.text;
    expect(notifications('B')).toContain(WHY);
    expect(notifications('C')).toContain(WHY);
    expect(notifications('B')).toContain(ASK_TOPIC);
    for (const who of ['A', 'D', 'O', 'S'] as const) expect(notifications(who)).not.toContain(WHY);
  });

  it('searches the text files too: vCards carry exchanged details only', () => {
    const { A, B } = world.people;
    const text = (who: Caller, url: string) => crawled.find((entry) => entry.who === who && entry.url === url)!;
    const all = text('A', '/api/me/contacts.vcf');
    expect(all.contentType).toMatch(/^text\/vcard/);
    const c = world.contacts.C;
    for (const form of [c.email, c.phone.replace(/ /g, ''), c.links]) expect(all.text).toContain(form.toLowerCase());
    expect(all.text).not.toContain(world.contacts.B.email.toLowerCase());
    const ofB = text('A', `/api/me/people/${B.id}/vcard`);
    expect(ofB.status).toBe(200);
    expect(ofB.text).not.toContain(world.contacts.B.email.toLowerCase());
    expect(text('C', `/api/me/people/${A.id}/vcard`).text).toContain(world.contacts.A.email.toLowerCase());
    expect(text('B', `/api/me/people/${A.id}/vcard`).text).not.toContain(world.contacts.A.email.toLowerCase());
  });

  it('never reveals a decline: A and C get exactly the same answers before and after B declined', () => {
    const after = crawled.filter((entry) => entry.who === 'A' || entry.who === 'C');
    expect(after.length).toBe(beforeDecline.length);
    const key = (entry: Crawled) => `${entry.who} ${entry.url}`;
    const before = new Map(beforeDecline.map((entry) => [key(entry), entry]));
    for (const entry of after) {
      const earlier = before.get(key(entry));
      expect({ status: entry.status, body: entry.body }, `${key(entry)} changed when B declined`).toEqual({ status: earlier?.status, body: earlier?.body });
    }
    // Nobody but B reads the word; B does (the control).
    for (const who of CALLERS.filter((caller) => caller !== 'B')) {
      const showing = crawled.filter((entry) => entry.who === who && DECLINED.test(entry.text));
      expect(showing.map((entry) => `${entry.status} GET ${entry.url}`), `"declined" shows to ${who}`).toEqual([]);
    }
    const bIntroductions = crawled.find((entry) => entry.who === 'B' && entry.url === '/api/me/introductions');
    expect(bIntroductions?.text).toMatch(DECLINED);
  });

  it('finds with search only what the searcher wrote', () => {
    for (const { owner, person, markers } of world.memories) {
      for (const text of [markers.note, markers.caresAbout, markers.tag]) {
        for (const query of [`?q=${encodeURIComponent(text)}`, ...(text === markers.tag ? [`?tag=${encodeURIComponent(text)}`] : [])]) {
          for (const who of CALLERS) {
            const entry = crawled.find((e) => e.who === who && e.url === `/api/me/people${query}`);
            expect(entry, `${who} searched ${query}`).toBeDefined();
            if (who === 'anonymous') {
              expect(entry!.status).toBe(401);
              continue;
            }
            expect(entry!.status, `${who} searched ${query}`).toBe(200);
            const found = (JSON.parse(entry!.body) as { people: { id: string }[] }).people.map((p) => p.id);
            expect(found, `${who} searched for what ${owner} wrote of ${person}`).toEqual(who === owner ? [world.people[person].id] : []);
          }
        }
      }
    }
  });
});
