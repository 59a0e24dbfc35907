import { randomBytes, randomUUID } from 'node:crypto';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { normalizeInterests, normalizePhrases } from '../core/interests/normalize.js';
import { generatePeople, type SyntheticPerson } from '../core/synthetic/people.js';
import { normalizeEmail } from '../server/accounts/accounts.service.js';
import { hashPassword, newToken } from '../server/platform/auth/secrets.js';
import type { ServiceContext } from '../server/platform/context.js';
import type { Database } from '../server/platform/db/client.js';
import { eventIntents, events, memberships, profiles, users } from '../server/platform/db/schema.js';
import { badInput } from './errors.js';

/** Rows per INSERT; each batch travels as one JSON parameter. */
const CHUNK = 2000;

export interface DemoOptions {
  attendees: number;
  seed: number;
  /** Who owns the event: an existing account, or a demo organizer created when missing. */
  organizer: { email: string; mustExist: boolean };
  onProgress?: (text: string) => void;
}

export interface DemoEvent {
  eventId: string;
  slug: string;
  name: string;
  organizerEmail: string;
  attendees: number;
}

function chunks<T>(rows: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) result.push(rows.slice(i, i + CHUNK));
  return result;
}

/**
 * Inserts rows as one `INSERT … SELECT FROM jsonb_to_recordset($1)` per batch: a single
 * parameter instead of thousands, several times faster than multi-row VALUES on PGlite.
 * Columns come from the Drizzle schema, so a renamed column fails to compile here too.
 */
async function insertBatches<T extends PgTable>(db: Database, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!).filter((key) => key in columns);
  const names = keys.map((key) => sql.identifier(columns[key]!.name));
  const shape = sql.raw(keys.map((key) => `"${columns[key]!.name}" ${columns[key]!.getSQLType()}`).join(', '));
  for (const batch of chunks(rows)) {
    const records = batch.map((row) =>
      Object.fromEntries(keys.map((key) => [columns[key]!.name, (row as Record<string, unknown>)[key]])),
    );
    await db.execute(
      sql`insert into ${table} (${sql.join(names, sql`, `)}) select ${sql.join(names, sql`, `)} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${shape})`,
    );
  }
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

function asQuestion(text: string): string {
  return /\?$/.test(text) ? text : `${text.replace(/[.!]+$/, '')}?`;
}

async function findOrCreateOrganizer(db: Database, options: DemoOptions, passwordHash: string) {
  const email = normalizeEmail(options.organizer.email);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (existing) return { id: existing.id, email };
  if (options.organizer.mustExist) {
    throw badInput(`--organizer: there is no account with the email ${email} (sign up first, or use commonground admin create)`);
  }
  const id = randomUUID();
  await db.insert(users).values({ id, email, name: 'Demo Organizer', passwordHash });
  await db.insert(profiles).values({ userId: id, displayName: 'Demo Organizer', headline: 'Runs the Common Ground demo events' });
  return { id, email };
}

/**
 * Creates a demo event full of synthetic attendees in one transaction: users, profiles,
 * memberships and what each is here for, inserted in batches. Every synthetic account shares
 * one hash of a random password nobody knows, so none of them can sign in.
 */
export async function createDemoEvent(ctx: ServiceContext, options: DemoOptions): Promise<DemoEvent> {
  const report = options.onProgress ?? (() => {});
  report(`Generating ${options.attendees} synthetic people (seed ${options.seed})…`);
  const people = generatePeople(options.attendees, options.seed);
  const passwordHash = await hashPassword(newToken());
  const now = ctx.now();
  const { timeZone, startsAt, endsAt } = demoTimes(now);
  const name = `Demo night: ${people.length} people (seed ${options.seed})`;

  return ctx.db.transaction(async (tx) => {
    const organizer = await findOrCreateOrganizer(tx, options, passwordHash);
    let event: { id: string; slug: string } | undefined;
    let tag = '';
    for (let attempt = 0; !event && attempt < 5; attempt++) {
      tag = randomBytes(3).toString('hex');
      [event] = await tx
        .insert(events)
        .values({
          slug: `demo-${options.seed}-${tag}`,
          name,
          description:
            `A demo event made by \`commonground demo\` with ${people.length} synthetic attendees (seed ${options.seed}). ` +
            'They look real but are not: none of them can sign in.',
          venue: 'Demo Hall',
          timeZone,
          startsAt,
          endsAt,
          ownerId: organizer.id,
        })
        .onConflictDoNothing({ target: events.slug })
        .returning({ id: events.id, slug: events.slug });
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
    await insertBatches(
      tx,
      users,
      accounts.map((a) => ({ id: a.id, email: a.email, name: a.name, passwordHash })),
    );
    // Profiles before memberships: a membership takes its directory sort name from the profile.
    await insertBatches(
      tx,
      profiles,
      accounts.map(({ id, name, person }) => ({
        userId: id,
        displayName: name,
        headline: person.headline.trim().slice(0, 140),
        bio: person.bio.trim().slice(0, 1000),
        interests: normalizeInterests(person.interests),
        offers: normalizePhrases(person.offers, 140, 10),
        seeking: normalizePhrases(person.seeking, 140, 10),
        questions: normalizePhrases(person.questions, 200, 5).map(asQuestion),
        updatedAt: now,
      })),
    );

    report('Adding them to the event…');
    await insertBatches(tx, memberships, [
      { eventId, userId: organizer.id, role: 'organizer', status: 'joined', joinedAt: now },
      ...accounts.map((a) => ({ eventId, userId: a.id, role: 'attendee' as const, status: 'joined' as const, joinedAt: now })),
    ]);
    await insertBatches(
      tx,
      eventIntents,
      accounts
        .map((a) => ({ eventId, userId: a.id, hereFor: a.person.hereFor.trim().slice(0, 140), updatedAt: now }))
        .filter((intent) => intent.hereFor !== ''),
    );

    return { eventId, slug: event.slug, name, organizerEmail: organizer.email, attendees: accounts.length };
  });
}
