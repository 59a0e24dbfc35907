import { randomBytes, randomUUID } from 'node:crypto';
import { generatePeople, type SyntheticPerson } from '../../core/synthetic/people.js';
import { normalizeEmail } from '../accounts/accounts.service.js';
import { hashPassword, newToken } from '../platform/auth/secrets.js';
import type { ServiceContext } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { createMixerWithoutActor } from '../mixers/mixers.service.js';
import { attendeesOf } from '../mixers/mixers.repository.js';
import { normalizeProfileFields } from '../profiles/profiles.service.js';
import { playDemoEvening } from './demo-activity.js';
import * as repo from './demo.repository.js';

export const MAX_DEMO_ATTENDEES = 20_000;

export interface DemoOptions {
  attendees: number;
  seed: number;
  /**
   * Who owns the event: an existing account; or (`fallback`) the server's first admin when
   * there is one, else a demo organizer created when missing.
   */
  organizer: { email: string; mustExist: true } | { fallback: string };
  onProgress?: (text: string) => void;
}

export interface DemoEvent {
  eventId: string;
  slug: string;
  name: string;
  organizerEmail: string;
  attendees: number;
  /** The demo's table-rotation mixer (a draft), when there are two attendees or more. */
  mixerId: string | undefined;
  /** A short mixer already played (see playDemoEvening), when there are four attendees or more. */
  playedMixerId: string | undefined;
}

/** The minutes `timeZone` is ahead of UTC at `at`. */
function offsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/** A week from now, 18:00 to 22:00 in the machine's time zone. */
/** Fifteen-minute meeting slots every twenty minutes from half an hour after the doors open. */
const DEMO_SLOTS = 8;
/** The demo mixer seats this many attendees at most: a room's worth, planned in a second or two. */
const DEMO_MIXER_PEOPLE = 300;

function demoTimes(now: Date) {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const day = new Date(now.getTime() + 7 * 86_400_000);
  const offset = offsetMinutes(timeZone, day);
  const local = new Date(day.getTime() + offset * 60_000);
  const startsAt = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 18) - offset * 60_000);
  return { timeZone, startsAt, endsAt: new Date(startsAt.getTime() + 4 * 3_600_000) };
}

/** The person's email made unique to this demo run, so reruns never collide with anyone. */
function demoEmail(person: SyntheticPerson, index: number, tag: string, taken: Set<string>): string {
  const match = /^([^@\s]+)@([^@\s]+)$/.exec(person.email.trim());
  const [local, domain] = match ? [match[1], match[2]] : [`person${index + 1}`, 'demo.invalid'];
  let email = normalizeEmail(`${local}+${tag}@${domain}`);
  if (taken.has(email)) email = normalizeEmail(`${local}.${index + 1}+${tag}@${domain}`);
  taken.add(email);
  return email;
}

function checkOptions(options: DemoOptions): void {
  if (!Number.isSafeInteger(options.attendees) || options.attendees < 1 || options.attendees > MAX_DEMO_ATTENDEES) {
    throw new AppError('validation', `A demo event has from 1 to ${MAX_DEMO_ATTENDEES} attendees, not ${options.attendees}.`);
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0 || options.seed > 2 ** 32 - 1) {
    throw new AppError('validation', `The seed is a whole number from 0 to ${2 ** 32 - 1}, not ${options.seed}.`);
  }
}

async function findOrCreateOrganizer(ctx: ServiceContext, options: DemoOptions, passwordHash: string) {
  if ('email' in options.organizer) {
    const email = normalizeEmail(options.organizer.email);
    const id = await repo.findUserIdByEmail(ctx.db, email);
    if (!id) throw new AppError('not_found', `There is no account with the email ${email} to own the demo event: sign up first.`);
    return { id, email };
  }
  // Whoever set the server up can open the demo right away.
  const admin = await repo.findFirstAdmin(ctx.db);
  if (admin) return admin;
  const email = normalizeEmail(options.organizer.fallback);
  const id = await repo.findOrInsertUser(
    ctx.db,
    { email, name: 'Demo Organizer', passwordHash },
    { headline: 'Runs the Common Ground demo events' },
  );
  return { id, email };
}

/**
 * Creates a demo event full of synthetic attendees in one transaction: users, profiles,
 * memberships and what each is here for, inserted in batches. Every synthetic account shares
 * one hash of a random password nobody knows, so none of them can sign in.
 *
 * For those with the database in hand (`commonground demo`, the benchmarks): there is no actor
 * and no access check, as with `createUser` for `commonground admin create`.
 */
export async function createDemoEvent(ctx: ServiceContext, options: DemoOptions): Promise<DemoEvent> {
  checkOptions(options);
  const report = options.onProgress ?? (() => {});
  report(`Generating ${options.attendees} synthetic people (seed ${options.seed})…`);
  const people = generatePeople(options.attendees, options.seed);
  const passwordHash = await hashPassword(newToken());
  const now = ctx.now();
  const { timeZone, startsAt, endsAt } = demoTimes(now);
  const name = `Demo night: ${people.length} people (seed ${options.seed})`;

  const demo = await ctx.db.transaction(async (db) => {
    const organizer = await findOrCreateOrganizer({ ...ctx, db }, options, passwordHash);
    let event: { id: string; slug: string } | undefined;
    let tag = '';
    for (let attempt = 0; !event && attempt < 5; attempt++) {
      tag = randomBytes(3).toString('hex');
      event = await repo.insertEventUnlessSlugTaken(db, {
        slug: `demo-${options.seed}-${tag}`,
        name,
        description:
          `A demo event made by the commonground demo command, with ${people.length} synthetic attendees (seed ${options.seed}). ` +
          'They look real but are not: none of them can sign in.',
        venue: 'Demo Hall',
        timeZone,
        startsAt,
        endsAt,
        ownerId: organizer.id,
      });
    }
    if (!event) throw new Error('could not find a free address for the demo event');
    const eventId = event.id;

    const taken = new Set<string>();
    const accounts = people.map((person, index) => ({
      person,
      id: randomUUID(),
      email: demoEmail(person, index, tag, taken),
      name: person.name.trim().slice(0, 100) || `Person ${index + 1}`,
    }));

    report(`Inserting ${accounts.length} accounts and profiles…`);
    await repo.insertUsers(
      db,
      accounts.map((a) => ({ id: a.id, email: a.email, name: a.name, passwordHash })),
    );
    // Profiles before memberships: a membership takes its directory sort name from the profile.
    await repo.insertProfiles(
      db,
      accounts.map(({ id, name, person }) => ({
        userId: id,
        ...normalizeProfileFields({ ...person, displayName: name }),
        updatedAt: now,
      })),
    );

    report('Adding them to the event…');
    await repo.insertMemberships(db, [
      { eventId, userId: organizer.id, role: 'organizer', status: 'joined', joinedAt: now },
      ...accounts.map((a) => ({ eventId, userId: a.id, role: 'attendee' as const, status: 'joined' as const, joinedAt: now })),
    ]);
    await repo.insertEventIntents(
      db,
      accounts
        .map((a) => ({ eventId, userId: a.id, hereFor: a.person.hereFor.trim().slice(0, 140), updatedAt: now }))
        .filter((intent) => intent.hereFor !== ''),
    );

    report('Adding meeting slots and tables…');
    await repo.insertMeetingSlots(
      db,
      Array.from({ length: DEMO_SLOTS }, (_, i) => {
        const slotStart = startsAt.getTime() + (30 + i * 20) * 60_000;
        return { eventId, startsAt: new Date(slotStart), endsAt: new Date(slotStart + 15 * 60_000), label: '', createdAt: now };
      }),
    );
    const tableCount = Math.min(150, Math.max(5, Math.ceil(accounts.length / 10)));
    await repo.insertMeetingTables(
      db,
      Array.from({ length: tableCount }, (_, i) => ({ eventId, label: `Table ${i + 1}`, locationHint: i < 10 ? 'Main hall' : 'Garden room', createdAt: now })),
    );

    return { eventId, slug: event.slug, name, organizerEmail: organizer.email, organizerId: organizer.id, attendees: accounts.length };
  });
  // After the commit, so the statistics count the new rows.
  await repo.analyzeDemoTables(ctx.db);
  const { organizerId, ...made } = demo;
  let mixerId: string | undefined;
  const seated = (await attendeesOf(ctx.db, made.eventId, 'joined')).slice(0, DEMO_MIXER_PEOPLE);
  if (seated.length >= 2) {
    report(`Planning a mixer for ${seated.length} of them…`);
    const mixer = await createMixerWithoutActor(ctx, made.eventId, organizerId, {
      name: seated.length < made.attendees ? `Welcome mixer (${seated.length} people)` : 'Welcome mixer',
      participants: { userIds: seated },
      tableSize: 6,
      rounds: 4,
      minutesPerRound: 15,
      autoAdvance: false,
    });
    mixerId = mixer.id;
  }
  report('Playing part of the evening: meetings, scans and a short mixer…');
  const attendeeIds = await attendeesOf(ctx.db, made.eventId, 'joined');
  const playedMixerId = await playDemoEvening(ctx, { eventId: made.eventId, organizerId, attendeeIds, seed: options.seed });
  return { ...made, mixerId, playedMixerId };
}
