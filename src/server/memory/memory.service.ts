import { addDays, dayIn, daysUntil, followUpDueOn, isDueOn, latest } from '../../core/memory/follow-up.js';
import { normalizeNote, noteExcerpt } from '../../core/memory/note-format.js';
import { matchesSearch, searchScore } from '../../core/memory/search.js';
import { readyAt } from '../../core/introductions/rules.js';
import { writeVCard, writeVCards, type VCardContact } from '../../core/vcard/vcard.js';
import { settingsOf } from '../events/events.service.js';
import { notify } from '../notifications/notifications.service.js';
import { requireAccess } from '../platform/access.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { consumeRate, type RateRule } from '../platform/rate-limit.js';
import * as repo from './memory.repository.js';

export type EncounterSource = repo.MyEncounterRow['source'];

/** Where and how I met someone, in words the page can show as is. */
export interface MetContext {
  kind: 'encounter';
  eventId: string;
  eventName: string;
  timeZone: string;
  at: Date;
  source: EncounterSource;
  /** "1:1 at Table 4", "Welcome mixer, round 2, Table 3", "Said “we met”". */
  how: string;
}

export interface IntroducedContext {
  kind: 'introduction';
  at: Date;
  introducerId: string | null;
  /** The introducer's name, or null when they have deleted their account. */
  introducerName: string | null;
}

export type PersonContext = MetContext | IntroducedContext;

export interface FollowUpView {
  /** The day it falls due, in the time zone asked for. */
  dueOn: string;
  days: number;
  due: boolean;
}

export type ContactState = 'none' | 'offered_by_me' | 'offered_to_me' | 'exchanged';

export interface PersonSummary {
  id: string;
  name: string;
  headline: string;
  interests: string[];
  firstMetAt: Date | null;
  lastMetAt: Date | null;
  /** The latest context, in words: "Autumn Mixer · 1:1 at Table 4". */
  lastContext: string;
  introducedBy: string | null;
  tags: string[];
  caresAbout: string;
  noteExcerpt: string;
  followUp: FollowUpView | null;
  contacts: ContactState;
  /**
   * When my first encounter with them is a cool-down old, so that I may introduce them to someone
   * (who must be as long met); null: not met in person.
   */
  introducibleFrom: Date | null;
  /** Whether that time has come, by the server's clock. */
  introducibleNow: boolean;
}

export interface SharedFields {
  email: boolean;
  phone: boolean;
  links: boolean;
}

export interface ContactDetails {
  email: string;
  phone: string;
  links: string[];
}

export interface PersonDetail extends PersonSummary {
  bio: string;
  offers: string[];
  seeking: string[];
  questions: string[];
  contexts: PersonContext[];
  memory: {
    note: string;
    tags: string[];
    caresAbout: string;
    followUpOn: string | null;
    followUpDays: number | null;
    inTouchAt: Date | null;
    updatedAt: Date | null;
  };
  contactExchange: {
    state: ContactState;
    /** What I share with them (null: nothing). */
    mine: SharedFields | null;
    /** My own details, so that I can see what I would share. */
    myDetails: ContactDetails;
    /** Theirs, only once both of us have shared. */
    theirs: ContactDetails | null;
  };
}

const SHARE_CHANGES: RateRule = {
  limit: 20,
  windowSeconds: 86_400,
  message: 'You have changed what you share with this person many times today. Please try again in {wait}.',
};

/**
 * How often one person's sharing is news to another: at most once a week, however often they
 * stop and start again, so that the notification cannot be used to pester anyone.
 */
const SHARE_NOTICES: RateRule = { limit: 1, windowSeconds: 7 * 86_400, message: '' };

const NOTE_FIELD_MAX = 5000;

/** Whether one more notice of `key` may go out now; counted in the caller's transaction. */
async function noticeAllowed(ctx: ServiceContext, db: ServiceContext['db'], key: string, rule: RateRule): Promise<boolean> {
  try {
    await consumeRate({ ...ctx, db }, key, rule);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'rate_limited') return false;
    throw error;
  }
}

function describeEncounter(row: repo.MyEncounterRow): string {
  switch (row.source) {
    case 'meeting':
      return row.table_label ? `1:1 at ${row.table_label}` : '1:1 meeting';
    case 'mixer': {
      const parts = [row.mixer_name ?? 'Mixer', row.mixer_round ? `round ${row.mixer_round}` : '', row.table_label ?? ''].filter(Boolean);
      return parts.join(', ');
    }
    case 'scan':
      return 'Scanned each other’s code';
    case 'tap':
      return 'Said “we met”';
  }
}

function contextsFor(encounters: repo.MyEncounterRow[], connection: repo.MyConnectionRow | undefined): PersonContext[] {
  const contexts: PersonContext[] = encounters.map((row) => ({
    kind: 'encounter',
    eventId: row.event_id,
    eventName: row.event_name,
    timeZone: row.time_zone,
    at: new Date(row.met_at),
    source: row.source,
    how: describeEncounter(row),
  }));
  if (connection) {
    contexts.push({
      kind: 'introduction',
      at: new Date(connection.connected_at),
      introducerId: connection.introducer_id,
      introducerName: connection.introducer_id ? connection.introducer_name : null,
    });
  }
  return contexts.sort((a, b) => b.at.getTime() - a.at.getTime());
}

function contactState(mine: repo.ContactShareRow | undefined, theirs: repo.ContactShareRow | undefined): ContactState {
  if (mine && theirs) return 'exchanged';
  if (mine) return 'offered_by_me';
  if (theirs) return 'offered_to_me';
  return 'none';
}

function followUpView(memory: repo.MemoryRow | undefined, lastMetAt: Date | null, now: Date, timeZone: string): FollowUpView | null {
  if (!memory || memory.followUpDays === null || memory.followUpSetAt === null) return null;
  const dueOn = followUpDueOn({ setAt: memory.followUpSetAt, days: memory.followUpDays }, latest(lastMetAt, memory.inTouchAt), timeZone);
  return { dueOn, days: memory.followUpDays, due: isDueOn(dueOn, now, timeZone) };
}

interface PeopleIndex {
  ids: string[];
  encounters: Map<string, repo.MyEncounterRow[]>;
  connections: Map<string, repo.MyConnectionRow>;
  memories: Map<string, repo.MemoryRow>;
  mine: Map<string, repo.ContactShareRow>;
  theirs: Map<string, repo.ContactShareRow>;
  blocksMe: Set<string>;
  iBlock: Set<string>;
  profiles: Map<string, repo.PersonProfileRow>;
}

/** Everything my people list is made of, read in a few queries. */
async function loadPeople(ctx: ServiceContext, me: string, only?: string): Promise<PeopleIndex> {
  const [encounterRows, connectionRows, memoryRows, shareRows, blocked] = await Promise.all([
    repo.encountersOf(ctx.db, me, only),
    repo.connectionsOf(ctx.db, me, only),
    repo.memoriesOf(ctx.db, me, only),
    repo.sharesOf(ctx.db, me, only),
    repo.blockedBetween(ctx.db, me),
  ]);
  const encounters = new Map<string, repo.MyEncounterRow[]>();
  for (const row of encounterRows) {
    const list = encounters.get(row.other) ?? [];
    list.push(row);
    encounters.set(row.other, list);
  }
  const connections = new Map(connectionRows.map((row) => [row.other, row]));
  const ids = [...new Set([...encounters.keys(), ...connections.keys()])];
  const profiles = await repo.profilesOf(ctx.db, ids);
  // Their share reaches me only while they do not block me; mine is shown to me whatever.
  const theirs = new Map(shareRows.filter((s) => s.personId === me && !blocked.blocksMe.has(s.ownerId) && !blocked.iBlock.has(s.ownerId)).map((s) => [s.ownerId, s]));
  return {
    ids,
    encounters,
    connections,
    memories: new Map(memoryRows.map((row) => [row.personId, row])),
    mine: new Map(shareRows.filter((s) => s.ownerId === me).map((s) => [s.personId, s])),
    theirs,
    blocksMe: blocked.blocksMe,
    iBlock: blocked.iBlock,
    profiles,
  };
}

function summaryOf(index: PeopleIndex, id: string, now: Date, timeZone: string): PersonSummary {
  const profile = index.profiles.get(id);
  const encounters = index.encounters.get(id) ?? [];
  const connection = index.connections.get(id);
  const memory = index.memories.get(id);
  const newest = encounters[0];
  const lastMetAt = newest ? new Date(newest.met_at) : null;
  const oldest = encounters.at(-1);
  const contexts = contextsFor(encounters, connection);
  const top = contexts[0];
  const introducibleFrom = oldest ? readyAt({ metAt: new Date(oldest.met_at), cooldownHours: settingsOf(oldest).introductionCooldownHours }) : null;
  const lastContext = !top
    ? ''
    : top.kind === 'encounter'
      ? `${top.eventName} · ${top.how}`
      : `Introduced by ${top.introducerName ?? 'someone who has left'}`;
  return {
    id,
    name: profile?.name ?? 'Someone',
    headline: profile?.headline ?? '',
    interests: profile?.interests ?? [],
    firstMetAt: oldest ? new Date(oldest.met_at) : null,
    lastMetAt,
    lastContext,
    introducedBy: connection ? (connection.introducer_id ? connection.introducer_name : 'someone who has left') : null,
    tags: memory?.tags ?? [],
    caresAbout: memory?.caresAbout ?? '',
    noteExcerpt: memory ? noteExcerpt(memory.note) : '',
    followUp: followUpView(memory, lastMetAt, now, timeZone),
    contacts: contactState(index.mine.get(id), index.theirs.get(id)),
    introducibleFrom,
    introducibleNow: introducibleFrom !== null && introducibleFrom.getTime() <= now.getTime(),
  };
}


/** My people: everyone I met or was introduced to, across events; searchable, newest first. */
export async function listMyPeople(
  ctx: ServiceContext,
  actor: Actor,
  query: { q?: string | undefined; tag?: string | undefined; timeZone?: string | undefined } = {},
): Promise<{ people: PersonSummary[]; tags: string[] }> {
  const me = await requireAccess(ctx, actor, 'account.manage');
  const index = await loadPeople(ctx, me.userId);
  const now = ctx.now();
  const timeZone = query.timeZone ?? 'UTC';
  let people = index.ids.map((id) => summaryOf(index, id, now, timeZone));
  const allTags = [...new Set(people.flatMap((p) => p.tags))].sort((a, b) => a.localeCompare(b));
  // Newest first: the latest encounter, or the connection for people I was introduced to.
  const touched = new Map(
    people.map((p) => {
      const connection = index.connections.get(p.id);
      return [p.id, Math.max(p.lastMetAt?.getTime() ?? 0, connection ? new Date(connection.connected_at).getTime() : 0)];
    }),
  );
  const lastTouch = (p: PersonSummary) => touched.get(p.id) ?? 0;
  const tag = query.tag === undefined ? undefined : normalizeTags([query.tag])[0];
  if (tag) people = people.filter((p) => p.tags.includes(tag));
  const q = query.q?.trim();
  if (q) {
    const scored = people
      .map((person) => {
        const memory = index.memories.get(person.id);
        const searchable = {
          name: person.name,
          headline: person.headline,
          note: memory?.note ?? '',
          caresAbout: person.caresAbout,
          tags: person.tags,
          interests: person.interests,
          eventNames: (index.encounters.get(person.id) ?? []).map((e) => e.event_name),
        };
        return { person, score: matchesSearch(q, searchable) ? searchScore(q, searchable) : 0 };
      })
      .filter((s) => s.score > 0);
    scored.sort((a, b) => b.score - a.score || lastTouch(b.person) - lastTouch(a.person) || a.person.name.localeCompare(b.person.name));
    people = scored.map((s) => s.person);
  } else {
    people.sort((a, b) => lastTouch(b) - lastTouch(a) || a.name.localeCompare(b.name));
  }
  return { people, tags: allTags };
}

/** One of my people, with everything I keep of them and what we shared with each other. */
export async function getMyPerson(ctx: ServiceContext, actor: Actor, personId: string, timeZone = 'UTC'): Promise<PersonDetail> {
  const me = await requireAccess(ctx, actor, 'person.remember', { kind: 'person', userId: personId });
  const index = await loadPeople(ctx, me.userId, personId);
  const [detail] = await detailsOf(ctx, me.userId, index, [personId], timeZone);
  return detail!;
}

/**
 * Every one of my people in full, read in a few queries however many they are (the export and
 * the vCard file of all exchanged contacts need them all).
 */
export async function allMyPeopleInFull(ctx: ServiceContext, actor: Actor, timeZone = 'UTC'): Promise<PersonDetail[]> {
  const me = await requireAccess(ctx, actor, 'account.manage');
  const index = await loadPeople(ctx, me.userId);
  return detailsOf(ctx, me.userId, index, index.ids, timeZone);
}

async function detailsOf(ctx: ServiceContext, me: string, index: PeopleIndex, ids: readonly string[], timeZone: string): Promise<PersonDetail[]> {
  const now = ctx.now();
  // Their details are read only for those who exchanged with me, and only the fields they share.
  const exchanged = ids.filter((id) => index.mine.has(id) && index.theirs.has(id));
  const details = await repo.unsafeContactDetailsOf(ctx.db, [me, ...exchanged]);
  const myDetails = details.get(me) ?? { email: '', phone: '', links: [] };
  return ids.map((personId) => {
    const summary = summaryOf(index, personId, now, timeZone);
    const profile = index.profiles.get(personId);
    const memory = index.memories.get(personId);
    const mine = index.mine.get(personId);
    const theirs = index.theirs.get(personId);
    const shared = mine && theirs ? details.get(personId) : undefined;
    const theirDetails: ContactDetails | null =
      mine && theirs
        ? { email: theirs.email ? (shared?.email ?? '') : '', phone: theirs.phone ? (shared?.phone ?? '') : '', links: theirs.links ? (shared?.links ?? []) : [] }
        : null;
    return {
      ...summary,
      bio: profile?.bio ?? '',
      offers: profile?.offers ?? [],
      seeking: profile?.seeking ?? [],
      questions: profile?.questions ?? [],
      contexts: contextsFor(index.encounters.get(personId) ?? [], index.connections.get(personId)),
      memory: {
        note: memory?.note ?? '',
        tags: memory?.tags ?? [],
        caresAbout: memory?.caresAbout ?? '',
        followUpOn: summary.followUp?.dueOn ?? null,
        followUpDays: memory?.followUpDays ?? null,
        inTouchAt: memory?.inTouchAt ?? null,
        updatedAt: memory?.updatedAt ?? null,
      },
      contactExchange: {
        state: contactState(mine, theirs),
        mine: mine ? { email: mine.email, phone: mine.phone, links: mine.links } : null,
        myDetails: { email: myDetails.email, phone: myDetails.phone, links: myDetails.links },
        theirs: theirDetails,
      },
    };
  });
}

export interface MemoryInput {
  note?: string | undefined;
  tags?: string[] | undefined;
  caresAbout?: string | undefined;
  /** The day to follow up on (YYYY-MM-DD), or null to clear it. */
  followUpOn?: string | null | undefined;
  /** The time zone the day is meant in; UTC when absent. */
  timeZone?: string | undefined;
}

function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const tag of tags) {
    const clean = tag.normalize('NFC').replace(/^#+/, '').replace(/\s+/g, ' ').trim().toLowerCase();
    if (clean && !seen.has(clean)) {
      seen.add(clean);
      result.push(clean);
    }
  }
  return result;
}

/** Changes what I keep of one of my people; fields left out stay as they were. */
export async function updateMemory(ctx: ServiceContext, actor: Actor, personId: string, input: MemoryInput, timeZone = 'UTC') {
  const me = await requireAccess(ctx, actor, 'person.remember', { kind: 'person', userId: personId });
  const now = ctx.now();
  const changes: Parameters<typeof repo.upsertMemory>[1] = { ownerId: me.userId, personId, now };
  if (input.note !== undefined) {
    const note = normalizeNote(input.note);
    if (note.length > NOTE_FIELD_MAX) {
      throw new AppError('validation', 'This note is too long.', {
        errors: [{ pointer: '/body/note', detail: `Please keep a note under ${NOTE_FIELD_MAX} characters.` }],
      });
    }
    changes.note = note;
  }
  if (input.tags !== undefined) changes.tags = normalizeTags(input.tags);
  if (input.caresAbout !== undefined) changes.caresAbout = normalizeNote(input.caresAbout).replace(/\n+/g, ' ');
  if (input.followUpOn === null) {
    changes.followUpDays = null;
    changes.followUpSetAt = null;
  } else if (input.followUpOn !== undefined) {
    changes.followUpDays = daysUntil(input.followUpOn, now, input.timeZone ?? 'UTC');
    changes.followUpSetAt = now;
  }
  await repo.upsertMemory(ctx.db, changes);
  return getMyPerson(ctx, actor, personId, timeZone);
}

/** "We were in touch": the follow-up clock starts again from now. */
export async function markInTouch(ctx: ServiceContext, actor: Actor, personId: string, timeZone = 'UTC') {
  const me = await requireAccess(ctx, actor, 'person.remember', { kind: 'person', userId: personId });
  await repo.upsertMemory(ctx.db, { ownerId: me.userId, personId, now: ctx.now(), inTouchAt: ctx.now() });
  return getMyPerson(ctx, actor, personId, timeZone);
}

/** Due follow-ups in one digest: the due ones (oldest first) and those due within a week. */
export async function followUpDigest(ctx: ServiceContext, actor: Actor, timeZone = 'UTC') {
  const { people } = await listMyPeople(ctx, actor, { timeZone });
  const today = dayIn(ctx.now(), timeZone);
  const weekAhead = addDays(today, 7);
  const withFollowUp = people.filter((p): p is PersonSummary & { followUp: FollowUpView } => p.followUp !== null);
  const byDay = (a: { followUp: FollowUpView }, b: { followUp: FollowUpView }) => a.followUp.dueOn.localeCompare(b.followUp.dueOn);
  return {
    today,
    due: withFollowUp.filter((p) => p.followUp.due).sort(byDay),
    upcoming: withFollowUp.filter((p) => !p.followUp.due && p.followUp.dueOn <= weekAhead).sort(byDay),
  };
}

// ---------------------------------------------------------------------------------------------
// Contact exchange

/** Shares the chosen details of mine with a person; they see them once they share theirs too. */
export async function shareContacts(ctx: ServiceContext, actor: Actor, personId: string, fields: SharedFields, timeZone = 'UTC') {
  const me = await requireAccess(ctx, actor, 'contact.share', { kind: 'person', userId: personId });
  if (!fields.email && !fields.phone && !fields.links) {
    throw new AppError('validation', 'Choose at least one detail to share, or stop sharing instead.', {
      errors: [{ pointer: '/body', detail: 'Choose email, phone or links.' }],
    });
  }
  const mine = (await repo.unsafeContactDetailsOf(ctx.db, [me.userId])).get(me.userId) ?? { email: '', phone: '', links: [] as string[] };
  const empty = (fields.email && !mine.email) || (fields.phone && !mine.phone) || (fields.links && mine.links.length === 0);
  if (empty) {
    const missing = fields.email && !mine.email ? 'email' : fields.phone && !mine.phone ? 'phone' : 'links';
    throw new AppError('validation', `Your profile has no ${missing === 'phone' ? 'phone number' : missing} to share yet: add it to your profile first.`, {
      errors: [{ pointer: `/body/${missing}`, detail: 'Add it to your profile first.' }],
    });
  }
  await consumeRate(ctx, `contact-share:${me.userId}:${personId}`, SHARE_CHANGES);
  await ctx.db.transaction(async (tx) => {
    const { created } = await repo.upsertShare(tx, { ownerId: me.userId, personId, ...fields, now: ctx.now() });
    if (!created) return;
    // One query at a time: a transaction is one connection.
    const theirs = await repo.sharesOf(tx, personId, me.userId);
    const blocked = await repo.blockedBetween(tx, me.userId);
    const names = await repo.profilesOf(tx, [me.userId]);
    // Someone who blocks me is never told anything of me.
    if (blocked.blocksMe.has(personId) || blocked.iBlock.has(personId)) return;
    if (!(await noticeAllowed(ctx, tx, `contact-share-notice:${me.userId}:${personId}`, SHARE_NOTICES))) return;
    const myName = names.get(me.userId)?.name ?? 'Someone';
    const theyShared = theirs.some((s) => s.ownerId === personId && s.personId === me.userId);
    await notify(
      tx,
      {
        userId: personId,
        eventId: null,
        kind: theyShared ? 'contacts_exchanged' : 'contacts_offered',
        text: theyShared
          ? `You and ${myName} have exchanged contact details.`
          : `${myName} would like to exchange contact details. Share yours to see theirs.`,
        link: `/me/people/${me.userId}#contact`,
      },
      ctx.now(),
    );
  });
  return getMyPerson(ctx, actor, personId, timeZone);
}

/** Stops sharing my details with a person: from now on neither sees the other's. */
export async function revokeContacts(ctx: ServiceContext, actor: Actor, personId: string, timeZone = 'UTC') {
  const me = await requireAccess(ctx, actor, 'contact.share', { kind: 'person', userId: personId });
  await repo.deleteShare(ctx.db, me.userId, personId);
  return getMyPerson(ctx, actor, personId, timeZone);
}

// ---------------------------------------------------------------------------------------------
// vCards

function vcardOf(person: PersonDetail, now: Date): VCardContact {
  const theirs = person.contactExchange.theirs;
  const met = person.contexts.map((c) =>
    c.kind === 'encounter'
      ? `Met at ${c.eventName} on ${dayIn(c.at, c.timeZone)} (${c.how})`
      : `Introduced by ${c.introducerName ?? 'someone who has left'} on ${dayIn(c.at, 'UTC')}`,
  );
  return {
    uid: person.id,
    name: person.name,
    headline: person.headline,
    emails: theirs?.email ? [theirs.email] : [],
    phones: theirs?.phone ? [theirs.phone] : [],
    urls: theirs?.links ?? [],
    note: met.join('\n'),
    categories: person.tags,
    revision: now,
  };
}

/** One person as a vCard: their name, and the details they share with me if we exchanged. */
export async function personVCard(ctx: ServiceContext, actor: Actor, personId: string): Promise<{ name: string; vcard: string }> {
  const person = await getMyPerson(ctx, actor, personId);
  return { name: person.name, vcard: writeVCard(vcardOf(person, ctx.now())) };
}

/** Everyone who exchanged contact details with me, as one vCard file. */
export async function exchangedVCards(ctx: ServiceContext, actor: Actor): Promise<string> {
  return exchangedVCardsOf(await allMyPeopleInFull(ctx, actor), ctx.now());
}

/** The vCard file of those of my people (read in full) who exchanged contact details with me. */
export function exchangedVCardsOf(people: readonly PersonDetail[], now: Date): string {
  const exchanged = people.filter((p) => p.contacts === 'exchanged').sort((a, b) => a.name.localeCompare(b.name));
  return writeVCards(exchanged.map((person) => vcardOf(person, now)));
}
