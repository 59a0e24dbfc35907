import { prepareEvent, type PreparedEvent } from '../../core/common-ground/prepare.js';
import { MatchFinder, matchesOf } from '../../core/common-ground/recommend.js';
import type { CommonGroundReason, InterestVocabulary } from '../../core/common-ground/types.js';
import { taxonomyVocabulary } from '../../core/common-ground/vocabulary.js';
import { openersFor } from '../../core/openers/openers.js';
import { seesPeople, settingsOf } from '../events/events.service.js';
import { requireAccess } from '../platform/access.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import type { Database } from '../platform/db/client.js';
import { badRequest, invalidCursor, notFound, unauthenticated } from '../platform/errors.js';
import { consumeRate } from '../platform/rate-limit.js';
import { VersionedCache } from './recommendations.cache.js';
import * as repo from './recommendations.repository.js';

/** The longest list of suggestions; pages are cut from it. */
export const MAX_SUGGESTIONS = 100;
export const DEFAULT_PAGE = 10;
/** Events whose prepared people each process keeps. */
const CACHED_EVENTS = 16;
const OPENERS = 3;
const CHANGES_PER_HOUR = {
  limit: 600,
  windowSeconds: 3600,
  message: 'You have changed your suggestions and blocks many times in the last hour. Please try again in {wait}.',
};

/** What a suggestion shows of a person besides the common ground. */
interface PersonCard {
  displayName: string;
  headline: string;
  hereFor: string;
  questions: string[];
}

/** An event's people, ready for suggestions: one build per people version. */
interface PreparedPeople {
  version: number;
  event: PreparedEvent;
  /** Scratch space of the search, reused by every request (each search is synchronous). */
  finder: MatchFinder;
  cards: Map<string, PersonCard>;
  /** By person number, 1 for people who said "don't suggest me" and attendees not listed in the directory. */
  unsuggestable: Uint8Array;
  /** People with nothing to match on: no interests, offers or needs. */
  incomplete: Set<string>;
  /** Term number by how the term is shown (as reasons name it). */
  termOf: Map<string, number>;
  /**
   * Per term, how many people hold it as an interest among those anyone may see in the
   * directory (listed members and organizers): what GET /interests counts, never unlisted people.
   */
  visibleHolders: Int32Array;
  /** By person number, 1 for the people `visibleHolders` counts. */
  visible: Uint8Array;
}

/** Sentences remembered with the interests found in them; forgotten all at once when full. */
const REMEMBERED_SENTENCES = 50_000;
const topicsOfSentence = new Map<string, readonly string[]>();

/**
 * The taxonomy, remembering what it found in each offer and need: a rebuild after one person's
 * edit reads everybody's sentences again, and they have not changed.
 */
const vocabulary: InterestVocabulary = {
  knows: taxonomyVocabulary.knows,
  related: taxonomyVocabulary.related,
  findInText(text) {
    let found = topicsOfSentence.get(text);
    if (!found) {
      if (topicsOfSentence.size >= REMEMBERED_SENTENCES) topicsOfSentence.clear();
      found = taxonomyVocabulary.findInText(text);
      topicsOfSentence.set(text, found);
    }
    return found;
  },
};

const caches = new WeakMap<Database, VersionedCache<PreparedPeople>>();

/** This process's prepared events for one database. */
function cacheOf(db: Database): VersionedCache<PreparedPeople> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new VersionedCache<PreparedPeople>(CACHED_EVENTS);
    caches.set(db, cache);
  }
  return cache;
}

/** How many builds the cache of this database started: for tests and the benchmark. */
export function preparedEventBuilds(db: Database): number {
  return cacheOf(db).builds;
}

async function buildPreparedPeople(db: Database, eventId: string): Promise<PreparedPeople> {
  const loaded = await repo.unsafeListEventPeople(db, eventId);
  if (!loaded) throw notFound();
  const { people, peopleVersion } = loaded;
  const event = prepareEvent(
    people.map((person) => ({ id: person.userId, interests: person.interests, offers: person.offers, seeking: person.seeking })),
    vocabulary,
  );
  const cards = new Map<string, PersonCard>();
  const unsuggestable = new Uint8Array(people.length);
  const visible = new Uint8Array(people.length);
  const incomplete = new Set<string>();
  for (const person of people) {
    const { displayName, headline, hereFor, questions } = person;
    const number = event.indexOf.get(person.userId)!;
    cards.set(person.userId, { displayName, headline, hereFor, questions });
    if (person.listed || person.role === 'organizer') visible[number] = 1;
    if (!person.suggestMe || !visible[number]) unsuggestable[number] = 1;
    if (person.interests.length + person.offers.length + person.seeking.length === 0) incomplete.add(person.userId);
  }
  const { interests } = event.tables;
  const visibleHolders = new Int32Array(event.tables.terms);
  for (let person = 0; person < people.length; person++) {
    if (!visible[person]) continue;
    for (let i = interests.start[person]!; i < interests.start[person + 1]!; i++) visibleHolders[interests.values[i]!]!++;
  }
  const termOf = new Map<string, number>();
  event.termNames.forEach((name, term) => termOf.set(name, term));
  return {
    version: peopleVersion,
    event,
    finder: new MatchFinder(event.tables, MAX_SUGGESTIONS),
    cards,
    unsuggestable,
    incomplete,
    termOf,
    visibleHolders,
    visible,
  };
}

/** Why two people should meet, told to one of them. */
export type WhyItem =
  | { kind: 'shared'; interest: string; peopleWithIt: number }
  | { kind: 'related'; yours: string; theirs: string }
  /** `topic` is the first (strongest) of `topics`: every topic the sentence is about. */
  | { kind: 'they-offer'; topic: string; topics: string[]; offer: string }
  | { kind: 'you-offer'; topic: string; topics: string[]; need: string };

/**
 * How many people at the event hold an interest, as far as the viewer may know: the people
 * anyone sees in the directory, and the viewer even when unlisted (it is their own interest).
 * Counting unlisted people would let a count reveal an unlisted person's interest.
 */
function peopleWithIt(prepared: PreparedPeople, viewer: number, interest: string): number {
  const term = prepared.termOf.get(interest);
  if (term === undefined) return 0;
  return prepared.visibleHolders[term]! + (prepared.visible[viewer] ? 0 : 1);
}

/**
 * Reasons from the viewer's side. One offer or need sentence naming several topics is one item
 * (at the place of its strongest topic), listing them all: the page shows the sentence.
 */
function whyFor(prepared: PreparedPeople, viewer: number, viewerId: string, reasons: readonly CommonGroundReason[]): WhyItem[] {
  const why: WhyItem[] = [];
  const bySentence = new Map<string, { topics: string[] }>();
  for (const reason of reasons) {
    switch (reason.kind) {
      case 'shared-interest':
        why.push({ kind: 'shared', interest: reason.interest, peopleWithIt: peopleWithIt(prepared, viewer, reason.interest) });
        break;
      case 'related-interests': {
        const [first, second] = reason.interests;
        const [yours, theirs] = first.person === viewerId ? [first, second] : [second, first];
        why.push({ kind: 'related', yours: yours.interest, theirs: theirs.interest });
        break;
      }
      case 'offer-meets-need': {
        const item: WhyItem =
          reason.offeredBy === viewerId
            ? { kind: 'you-offer', topic: reason.topic, topics: [reason.topic], need: reason.need }
            : { kind: 'they-offer', topic: reason.topic, topics: [reason.topic], offer: reason.offer };
        const key = `${item.kind}\u0000${item.kind === 'you-offer' ? item.need : item.offer}`;
        const earlier = bySentence.get(key);
        if (earlier) {
          if (!earlier.topics.includes(reason.topic)) earlier.topics.push(reason.topic);
        } else {
          bySentence.set(key, item);
          why.push(item);
        }
        break;
      }
    }
  }
  return why;
}

export interface Suggestion {
  userId: string;
  displayName: string;
  headline: string;
  hereFor: string;
  score: number;
  saved: boolean;
  why: WhyItem[];
  openers: string[];
}

export interface SuggestionsPage {
  people: Suggestion[];
  nextCursor: string | null;
  /** How many suggestions there are in all, at most MAX_SUGGESTIONS. */
  total: number;
  /** Present when my profile has nothing to match on, so the app can ask me to fill it in. */
  profileIncomplete?: true;
  /** Present when the organizers turned the attendee directory off, so attendees see no one. */
  hiddenByOrganizers?: true;
}

/**
 * Where the next page starts: after the last person shown, as they were ranked then. Not a
 * position, so that people taken off the list meanwhile ("Not now", a block) move no one past it.
 */
interface Cursor {
  after: string;
  score: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ after: cursor.after, score: cursor.score })).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.keys(parsed).length === 2) {
      const { after, score } = parsed as { after?: unknown; score?: unknown };
      if (typeof after === 'string' && UUID.test(after) && typeof score === 'number' && Number.isFinite(score) && score > 0) {
        return { after, score };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

/**
 * Where the page after `cursor` starts in the current ranking: at the first person ranked after
 * the remembered person's (score, id) as the cursor has them. Just after the remembered person
 * when they are still in the ranking with that score; when their score changed since (they
 * edited their profile), their new place says nothing about where the previous page ended. The
 * ranking is by score, highest first, then by person number, and builds number people in user
 * id order (see unsafeListEventPeople), so the id stands in for the number.
 */
function startAfter(event: PreparedEvent, found: { people: Int32Array; scores: Float64Array }, cursor: Cursor): number {
  const remembered = event.indexOf.get(cursor.after);
  if (remembered !== undefined) {
    const at = found.people.indexOf(remembered);
    if (at >= 0 && found.scores[at] === cursor.score) return at + 1;
  }
  const afterOnTie = (other: number) => (remembered !== undefined ? other > remembered : event.ids[other]! > cursor.after);
  for (let i = 0; i < found.people.length; i++) {
    const score = found.scores[i]!;
    if (score < cursor.score || (score === cursor.score && afterOnTie(found.people[i]!))) return i;
  }
  return found.people.length;
}

/**
 * The people the actor could meet at the event, best first, each with why and questions to open
 * with. Never suggested: the actor, anyone they dismissed here, blocked or were blocked by, or
 * already met, people who turned suggestions of themselves off, and unlisted attendees.
 */
export async function peopleToMeet(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  query: { limit?: number | undefined; cursor?: string | undefined },
): Promise<SuggestionsPage> {
  const me = await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const limit = query.limit ?? DEFAULT_PAGE;
  const state = await repo.findViewerState(ctx.db, eventId, me.userId);
  if (!state) throw notFound();
  // With the directory off, attendees see no one: the rule of the directory and of profiles.
  if (!seesPeople(state.role === 'organizer', settingsOf(state))) {
    return { people: [], nextCursor: null, total: 0, hiddenByOrganizers: true };
  }
  const prepared = await cacheOf(ctx.db).get(eventId, state.peopleVersion, () => buildPreparedPeople(ctx.db, eventId));
  const { event, finder, unsuggestable } = prepared;
  const viewer = event.indexOf.get(me.userId);
  // Only someone who left since the access check is missing from the build.
  if (viewer === undefined) return { people: [], nextCursor: null, total: 0 };
  const hidden = new Set<number>();
  for (const id of state.hidden) {
    const other = event.indexOf.get(id);
    if (other !== undefined) hidden.add(other);
  }
  const found = finder.find(viewer, (other) => unsuggestable[other] === 1 || hidden.has(other));
  const total = found.people.length;
  const start = cursor ? startAfter(event, found, cursor) : 0;
  // Reasons only for the page shown.
  const end = Math.min(total, start + limit);
  const matches = start < end ? matchesOf(event, viewer, found.people.subarray(start, end), found.scores.subarray(start, end)) : [];
  const saved = new Set(state.saved);
  const people = matches.map((match): Suggestion => {
    const card = prepared.cards.get(match.id)!;
    return {
      userId: match.id,
      displayName: card.displayName,
      headline: card.headline,
      hereFor: card.hereFor,
      score: Math.round(match.score * 1000) / 1000,
      saved: saved.has(match.id),
      why: whyFor(prepared, viewer, me.userId, match.reasons),
      openers: openersFor({
        viewerId: me.userId,
        other: { id: match.id, questions: card.questions },
        reasons: match.reasons,
        count: OPENERS,
      }),
    };
  });
  const last = matches[matches.length - 1];
  return {
    people,
    nextCursor: last && end < total ? encodeCursor({ after: last.id, score: last.score }) : null,
    total,
    ...(prepared.incomplete.has(me.userId) ? { profileIncomplete: true as const } : {}),
  };
}

export interface SavedPerson {
  userId: string;
  displayName: string;
  headline: string;
  savedAt: Date;
}

/**
 * The people I saved in this event, newest first: only mine, only people still here whom I may
 * see (as in the directory), and never anyone I blocked. Someone who blocked me stays: their
 * entry vanishing while their profile still shows would tell me about the block.
 */
export async function listSaved(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
): Promise<{ people: SavedPerson[]; hiddenByOrganizers?: true }> {
  const me = await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  const viewer = await repo.findViewerRole(ctx.db, eventId, me.userId);
  if (!viewer) throw notFound();
  const isOrganizer = viewer.role === 'organizer';
  if (!seesPeople(isOrganizer, settingsOf(viewer))) return { people: [], hiddenByOrganizers: true };
  return { people: await repo.listSaved(ctx.db, eventId, me.userId, isOrganizer) };
}

/**
 * Counts one change against the actor's hourly limit. Before any access check, so that probing
 * ids for who is at an event (each a 404 or not) is limited like any other change.
 */
async function consumeChange(ctx: ServiceContext, actor: Actor) {
  if (actor.kind !== 'user') throw unauthenticated();
  await consumeRate(ctx, `people-to-meet:${actor.userId}`, CHANGES_PER_HOUR);
}

/**
 * The actor, allowed to act on `userId` in the event, who is not themselves: exactly when they
 * may read that member's profile there (member.read), else the same 404.
 */
async function requireOtherMember(ctx: ServiceContext, actor: Actor, eventId: string, userId: string) {
  await consumeChange(ctx, actor);
  const me = await requireAccess(ctx, actor, 'member.read', { kind: 'member', eventId, userId });
  if (userId === me.userId) throw badRequest('This is about other people: you cannot pick yourself.');
  return me;
}

/** "Not now": leaves the person out of my suggestions in this event until undone. */
export async function dismiss(ctx: ServiceContext, actor: Actor, eventId: string, userId: string): Promise<void> {
  const me = await requireOtherMember(ctx, actor, eventId, userId);
  await repo.insertDismissal(ctx.db, eventId, me.userId, userId, ctx.now());
}

export async function undismiss(ctx: ServiceContext, actor: Actor, eventId: string, userId: string): Promise<void> {
  const me = await requireOtherMember(ctx, actor, eventId, userId);
  await repo.deleteDismissal(ctx.db, eventId, me.userId, userId);
}

/** "Save for later": the person stays in my suggestions, marked as saved. */
export async function save(ctx: ServiceContext, actor: Actor, eventId: string, userId: string): Promise<void> {
  const me = await requireOtherMember(ctx, actor, eventId, userId);
  await repo.insertSaved(ctx.db, eventId, me.userId, userId, ctx.now());
}

export async function unsave(ctx: ServiceContext, actor: Actor, eventId: string, userId: string): Promise<void> {
  const me = await requireOtherMember(ctx, actor, eventId, userId);
  await repo.deleteSaved(ctx.db, eventId, me.userId, userId);
}

async function requireBlockable(ctx: ServiceContext, actor: Actor, userId: string) {
  await consumeChange(ctx, actor);
  const me = await requireAccess(ctx, actor, 'person.block', { kind: 'person', userId });
  if (userId === me.userId) throw badRequest('You cannot block yourself.');
  return me;
}

/**
 * Neither of us is suggested to the other again, at any event. Nothing tells the other person:
 * their suggestions simply no longer include me.
 */
export async function block(ctx: ServiceContext, actor: Actor, userId: string): Promise<void> {
  const me = await requireBlockable(ctx, actor, userId);
  await repo.insertBlock(ctx.db, me.userId, userId, ctx.now());
}

export async function unblock(ctx: ServiceContext, actor: Actor, userId: string): Promise<void> {
  const me = await requireBlockable(ctx, actor, userId);
  await repo.deleteBlock(ctx.db, me.userId, userId);
}

export async function listBlocks(ctx: ServiceContext, actor: Actor) {
  const me = await requireAccess(ctx, actor, 'account.manage');
  return repo.listBlocks(ctx.db, me.userId);
}
