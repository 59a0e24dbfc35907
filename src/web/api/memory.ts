// My people (what I keep of the people I met), introductions and asks: the API's shapes and
// calls, and the queries the pages read. Everything here is private to the signed-in person.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { dayIn } from '../../core/memory/follow-up.js';
import { onFlushed, pendingBody } from '../offline/write-queue.js';
import { browserTimeZone } from '../time.js';
import { api, unwrap, type Schemas } from './client.js';
import { queryClient } from './queries.js';

export type MyPersonSummary = Schemas['MyPersonSummary'];
export type MyPerson = Schemas['MyPerson'];
export type MyPeople = Schemas['MyPeople'];
export type FollowUpDigest = Schemas['FollowUpDigest'];
export type MemoryInput = Schemas['MemoryInput'];
export type ContactShareInput = Schemas['ContactShareInput'];
export type PersonContext = MyPerson['contexts'][number];
export type EncounterContext = Extract<PersonContext, { kind: 'encounter' }>;
export type ContactState = MyPerson['contactExchange']['state'];
export type ContactDetails = MyPerson['contactExchange']['myDetails'];

export type IntroductionByMe = Schemas['IntroductionByMe'];
export type IntroductionForMe = Schemas['IntroductionForMe'];
export type MyIntroductions = Schemas['MyIntroductions'];
export type IntroductionState = IntroductionByMe['state'];
export type AskSent = Schemas['AskSent'];
export type AskReceived = Schemas['AskReceived'];
export type MyAsks = Schemas['MyAsks'];

/** Follow-up days are days on this phone's calendar. */
const zone = () => browserTimeZone();
const person = (userId: string) => ({ path: { userId }, query: { timeZone: zone() } });
/** openapi-fetch reads the two people of an introduction as a list of any length; the document says a pair. */
const asPair = <T>(call: Promise<unknown>) => call as Promise<T>;

export const memoryApi = {
  people: (q: string, tag: string) =>
    unwrap(api.GET('/api/me/people', { params: { query: { timeZone: zone(), ...(q ? { q } : {}), ...(tag ? { tag } : {}) } } })),
  person: (userId: string) => unwrap(api.GET('/api/me/people/{userId}', { params: person(userId) })),
  followUps: () => unwrap(api.GET('/api/me/follow-ups', { params: { query: { timeZone: zone() } } })),
  remember: (userId: string, body: Omit<MemoryInput, 'timeZone'>) =>
    unwrap(api.PATCH('/api/me/people/{userId}/memory', { params: { path: { userId } }, body: { ...body, timeZone: zone() } })),
  inTouch: (userId: string) => unwrap(api.POST('/api/me/people/{userId}/in-touch', { params: person(userId) })),
  share: (userId: string, body: ContactShareInput) => unwrap(api.PUT('/api/me/people/{userId}/contact-share', { params: { path: { userId } }, body })),
  stopSharing: (userId: string) => unwrap(api.DELETE('/api/me/people/{userId}/contact-share', { params: { path: { userId } } })),

  introductions: () => asPair<MyIntroductions>(unwrap(api.GET('/api/me/introductions'))),
  introduce: (body: Schemas['IntroductionInput']) => asPair<IntroductionByMe>(unwrap(api.POST('/api/me/introductions', { body }))),
  answer: (introductionId: string, answer: 'accept' | 'decline') =>
    answer === 'accept'
      ? unwrap(api.POST('/api/me/introductions/{introductionId}/accept', { params: { path: { introductionId } } }))
      : unwrap(api.POST('/api/me/introductions/{introductionId}/decline', { params: { path: { introductionId } } })),
  withdraw: (introductionId: string) =>
    asPair<IntroductionByMe>(unwrap(api.POST('/api/me/introductions/{introductionId}/withdraw', { params: { path: { introductionId } } }))),
  asks: () => unwrap(api.GET('/api/me/asks')),
  ask: (body: Schemas['AskInput']) => unwrap(api.POST('/api/me/asks', { body })),
  setAskAside: (askId: string) => unwrap(api.POST('/api/me/asks/{askId}/set-aside', { params: { path: { askId } } })),
};

/** Met at an event (not only introduced): the server knows when we first met. */
export const metInPerson = (person: Pick<MyPersonSummary, 'firstMetAt'>) => person.firstMetAt !== null;

/** Where a vCard of one person, or of everyone I exchanged details with, is downloaded from. */
export const personVCardUrl = (userId: string) => `/api/me/people/${userId}/vcard`;
export const contactsVCardUrl = '/api/me/contacts.vcf';

export const memoryKeys = {
  /** Everything about my people: the lists, each person and the follow-up digest. */
  all: ['my-people'] as const,
  people: (q: string, tag: string) => ['my-people', 'list', q, tag] as const,
  person: (userId: string) => ['my-people', 'one', userId] as const,
  followUps: ['my-people', 'follow-ups'] as const,
  /** Introductions and asks, both ways. */
  introductionsAll: ['introductions'] as const,
  introductions: ['introductions', 'list'] as const,
  asks: ['introductions', 'asks'] as const,
};

export function useMyPeople(q: string, tag: string) {
  return useQuery({
    queryKey: memoryKeys.people(q, tag),
    queryFn: () => memoryApi.people(q, tag),
    // While a search changes, the last answer stays on screen instead of a flash of skeletons.
    placeholderData: (previous) => previous,
  });
}

export function useMyPerson(userId: string) {
  return useQuery({ queryKey: memoryKeys.person(userId), queryFn: () => memoryApi.person(userId) });
}

export function useFollowUps(enabled = true) {
  return useQuery({ queryKey: memoryKeys.followUps, queryFn: memoryApi.followUps, enabled });
}

export function useIntroductions() {
  return useQuery({ queryKey: memoryKeys.introductions, queryFn: memoryApi.introductions });
}

export function useAsks() {
  return useQuery({ queryKey: memoryKeys.asks, queryFn: memoryApi.asks });
}

/**
 * After a change to one person: the server's answer goes into their page at once, and the lists
 * and digest (excerpts, tags, follow-up badges) are read again.
 */
export function storePerson(client: QueryClient, updated: MyPerson) {
  client.setQueryData(memoryKeys.person(updated.id), updated);
  return refreshMyPeopleLists(client);
}

/** The lists and the digest, not the person pages. */
export function refreshMyPeopleLists(client: QueryClient) {
  return client.invalidateQueries({ predicate: (query) => query.queryKey[0] === 'my-people' && query.queryKey[1] !== 'one' });
}

/** Everything about my people, person pages too (a new encounter, a connection, contacts exchanged). */
export function refreshMyPeople(client: QueryClient) {
  return client.invalidateQueries({ queryKey: memoryKeys.all });
}

export function refreshIntroductions(client: QueryClient) {
  return client.invalidateQueries({ queryKey: memoryKeys.introductionsAll });
}

// ---------------------------------------------------------------------------------------------
// Words for days and follow-ups, shared by the list and the person's page.

/** Today on this phone's calendar, as YYYY-MM-DD. */
export function todayHere(now = new Date()): string {
  return dayIn(now, zone());
}

/** "Tue, Jun 9" (with the year when it is not this year) for a YYYY-MM-DD day. */
export function formatDayOf(day: string, today = todayHere()): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) }).format(date);
}

/** Days from today to a YYYY-MM-DD day (negative when it has passed). */
export function daysFromToday(day: string, today = todayHere()): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** A follow-up in a few words: "Follow up today", "Follow up since Mon, Jun 1", "Follow up Tue, Jun 9". */
export function followUpWords(followUp: NonNullable<MyPersonSummary['followUp']>, today = todayHere()): string {
  const days = daysFromToday(followUp.dueOn, today);
  if (days === 0) return 'Follow up today';
  if (days < 0) return `Follow up: due since ${formatDayOf(followUp.dueOn, today)}`;
  if (days === 1) return 'Follow up tomorrow';
  return `Follow up ${formatDayOf(followUp.dueOn, today)}`;
}

/** The YYYY-MM-DD day `days` after `day`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** "Tue, Jun 2, 9:00 AM" on this phone's clocks: when something becomes possible. */
export function formatMomentHere(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

// ---------------------------------------------------------------------------------------------
// A note written without a connection: kept on this phone by the write queue and sent later.

/** What I keep of someone, as the page edits it (one write, so a later one replaces a waiting one whole). */
export interface MemoryDraft {
  note: string;
  caresAbout: string;
  tags: string[];
}

export const memoryWriteKey = (userId: string) => `note:${userId}`;

/**
 * The draft waiting in the write queue for this person, if any, so that the page shows (and edits)
 * what was written rather than the older copy it reads while offline. The queue keeps it on the
 * phone, so it is still there after a reload.
 */
export function queuedDraftOf(userId: string): MemoryDraft | undefined {
  const body = pendingBody(memoryWriteKey(userId)) as Partial<MemoryDraft> | null | undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  return {
    note: typeof body.note === 'string' ? body.note : '',
    caresAbout: typeof body.caresAbout === 'string' ? body.caresAbout : '',
    tags: Array.isArray(body.tags) ? body.tags.filter((tag): tag is string => typeof tag === 'string') : [],
  };
}

/** Once a waiting note has been sent, wherever the person is in the app: read my people again. */
onFlushed((key) => {
  if (key.startsWith('note:')) void refreshMyPeople(queryClient);
});
