import { sql } from 'drizzle-orm';
import type { ImportedProfile, StoredPerson } from '../../core/imports/plan.js';
import { queryRows, type Database } from '../platform/db/client.js';
import { memberships, profiles, users } from '../platform/db/schema.js';

/**
 * A membership that is an invitation an existing account has not accepted (an organizer's file
 * named someone who already had an account). Until it is accepted, organizers see only what their
 * file said: the account's own profile stays its owner's, and nothing tells that it exists.
 */
export const invitationPending = sql<boolean>`(${memberships.status} = 'invited'
  and exists (select 1 from ${users} pending where pending.id = ${memberships.userId} and pending.password_hash <> ''))`;

/** The profile organizers see of a member (`profiles` joined): the file's name only, while the invitation waits. */
export const shownToOrganizers = {
  displayName: sql<string>`case when ${invitationPending} then ${memberships.importedName} else ${profiles.displayName} end`,
  headline: sql<string>`case when ${invitationPending} then '' else ${profiles.headline} end`,
  interests: sql<string[]>`case when ${invitationPending} then '{}'::text[] else ${profiles.interests} end`,
};

/**
 * Rows travel to the database as one JSON parameter and come out with `jsonb_to_recordset`, so a
 * chunk of thousands of people is one statement on either engine, without a parameter each.
 */
const json = (rows: readonly unknown[]) => sql`${JSON.stringify(rows)}::jsonb`;

/** Everyone stored with one of `emails` (lower-cased), with their membership of the event if any. */
export async function findStoredPeople(db: Database, eventId: string, emails: readonly string[]): Promise<StoredPerson[]> {
  if (emails.length === 0) return [];
  const rows = await queryRows<{
    user_id: string;
    email: string;
    claimed: boolean;
    display_name: string | null;
    headline: string | null;
    interests: string[] | null;
    offers: string[] | null;
    seeking: string[] | null;
    status: 'invited' | 'joined' | 'checked_in' | 'left' | null;
    checked_in: boolean | null;
    imported_name: string | null;
    in_other_events: boolean;
  }>(
    db,
    sql`select u.id as user_id, u.email, u.password_hash <> '' as claimed,
          p.display_name, p.headline, p.interests, p.offers, p.seeking,
          m.status, (m.checked_in_at is not null or m.status = 'checked_in') as checked_in, m.imported_name,
          exists (select 1 from memberships o where o.user_id = u.id and o.event_id <> ${eventId} and o.status <> 'left') as in_other_events
        from users u
        left join profiles p on p.user_id = u.id
        left join memberships m on m.user_id = u.id and m.event_id = ${eventId}
        where u.email in (select jsonb_array_elements_text(${json(emails)}))`,
  );
  return rows.map((row) => ({
    userId: row.user_id,
    email: row.email,
    claimed: row.claimed,
    profile: {
      name: row.display_name ?? '',
      headline: row.headline ?? '',
      interests: row.interests ?? [],
      offers: row.offers ?? [],
      seeking: row.seeking ?? [],
    },
    inOtherEvents: row.in_other_events,
    membership: row.status === null ? undefined : { status: row.status, checkedIn: row.checked_in === true, listName: row.imported_name ?? '' },
  }));
}

/**
 * Refreshes the planner's statistics of the tables an import fills. PGlite has no autovacuum:
 * the statistics of the server's start (often of nearly empty tables) would stay, and each later
 * import would match people by email with plans made for a handful of rows.
 */
export async function refreshPeopleStatistics(db: Database): Promise<void> {
  await db.execute(sql`analyze users, profiles, memberships`);
}

/** Holds imports into one event one at a time, until the transaction ends. */
export async function lockEventImports(db: Database, eventId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('attendee-import'), hashtext(${eventId}))`);
}

export interface NewPerson extends ImportedProfile {
  email: string;
  checkIn: boolean;
}

/**
 * Unclaimed accounts (no password: nobody can sign in to them until their claim link is used),
 * their profiles and invited memberships. Returns how many accounts were made: fewer than asked
 * when someone signed up with one of the emails meanwhile.
 */
export async function insertImportedPeople(db: Database, eventId: string, people: readonly NewPerson[], now: Date): Promise<number> {
  if (people.length === 0) return 0;
  const at = now.toISOString();
  const made = await queryRows<{ id: string; email: string }>(
    db,
    sql`insert into users (email, name, password_hash, created_at, updated_at)
        select r.email, r.name, '', ${at}, ${at} from jsonb_to_recordset(${json(people)}) as r(email text, name text)
        on conflict (email) do nothing
        returning id, email`,
  );
  if (made.length === 0) return 0;
  const ids = made.map(({ id, email }) => ({ id, email }));
  await db.execute(sql`
    insert into profiles (user_id, display_name, headline, interests, offers, seeking, updated_at)
    select u.id, r.name, r.headline, r.interests, r.offers, r.seeking, ${at}
    from jsonb_to_recordset(${json(ids)}) as u(id uuid, email text)
    join jsonb_to_recordset(${json(people)}) as r(email text, name text, headline text, interests text[], offers text[], seeking text[])
      on r.email = u.email`);
  const byEmail = new Map(people.map((person) => [person.email, person]));
  await insertImportedMemberships(
    db,
    eventId,
    made.map(({ id, email }) => ({ userId: id, name: byEmail.get(email)?.name ?? '', checkIn: byEmail.get(email)?.checkIn ?? false })),
    now,
  );
  return made.length;
}

/** Invited memberships for people who have an account but are not members yet. */
export async function insertImportedMemberships(
  db: Database,
  eventId: string,
  people: readonly { userId: string; name: string; checkIn: boolean }[],
  now: Date,
): Promise<void> {
  if (people.length === 0) return;
  const at = now.toISOString();
  await db.execute(sql`
    insert into memberships (event_id, user_id, role, status, listed, imported_at, imported_name, checked_in_at, created_at, updated_at)
    select ${eventId}, r."userId", 'attendee', 'invited', true, ${at}, r.name, case when r."checkIn" then ${at}::timestamptz end, ${at}, ${at}
    from jsonb_to_recordset(${json(people)}) as r("userId" uuid, name text, "checkIn" boolean)
    on conflict (event_id, user_id) do nothing`);
}

/**
 * Writes the given profile fields of unclaimed accounts; a field left out stays as it is. The
 * account's name follows the profile's, as sign-up sets both.
 */
export async function updateUnclaimedProfiles(
  db: Database,
  changes: readonly ({ userId: string } & Partial<ImportedProfile>)[],
  now: Date,
): Promise<void> {
  const filled = changes.filter((change) => Object.keys(change).length > 1);
  if (filled.length === 0) return;
  const at = now.toISOString();
  await db.execute(sql`
    update profiles p set
      display_name = coalesce(r.name, p.display_name),
      headline = coalesce(r.headline, p.headline),
      interests = coalesce(r.interests, p.interests),
      offers = coalesce(r.offers, p.offers),
      seeking = coalesce(r.seeking, p.seeking),
      updated_at = ${at}
    from jsonb_to_recordset(${json(filled)}) as r("userId" uuid, name text, headline text, interests text[], offers text[], seeking text[])
    join users u on u.id = r."userId" and u.password_hash = ''
    where p.user_id = r."userId"`);
  await db.execute(sql`
    update users u set name = r.name, updated_at = ${at}
    from jsonb_to_recordset(${json(filled)}) as r("userId" uuid, name text)
    where u.id = r."userId" and r.name is not null and u.password_hash = ''`);
}

/**
 * Marks memberships as touched by this import and, where `checkIn`, checked in: an active member
 * becomes `checked_in`; an invited one keeps waiting for the claim but has the time recorded.
 */
export async function touchImportedMemberships(
  db: Database,
  eventId: string,
  people: readonly { userId: string; checkIn: boolean; listName?: string | undefined }[],
  now: Date,
): Promise<void> {
  if (people.length === 0) return;
  const at = now.toISOString();
  await db.execute(sql`
    update memberships m set
      imported_at = ${at},
      imported_name = coalesce(r."listName", m.imported_name),
      updated_at = ${at},
      checked_in_at = case when r."checkIn" then coalesce(m.checked_in_at, ${at}::timestamptz) else m.checked_in_at end,
      status = case when r."checkIn" and m.status = 'joined' then 'checked_in'::membership_status else m.status end
    from jsonb_to_recordset(${json(people)}) as r("userId" uuid, "checkIn" boolean, "listName" text)
    where m.event_id = ${eventId} and m.user_id = r."userId"`);
}

/**
 * For `commonground import --direct`, which runs on the database without a signed-in user: the
 * event by id or slug, and the organizer to act as (by email, else the owner). Not scoped: only
 * whoever runs the server's CLI gets here.
 */
export async function unsafeFindImportTarget(
  db: Database,
  event: string,
  organizerEmail: string | undefined,
): Promise<{ eventId: string; eventName: string; actorId: string | null; isAdmin: boolean } | undefined> {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(event);
  const [row] = await queryRows<{ id: string; name: string; actor_id: string | null; is_admin: boolean | null }>(
    db,
    sql`select e.id, e.name, u.id as actor_id, u.is_admin
        from events e
        left join users u on ${organizerEmail === undefined ? sql`u.id = e.owner_id` : sql`u.email = ${organizerEmail.trim().toLowerCase()}`}
        where ${isId ? sql`e.id = ${event}` : sql`e.slug = ${event}`}`,
  );
  return row ? { eventId: row.id, eventName: row.name, actorId: row.actor_id, isAdmin: row.is_admin ?? false } : undefined;
}
