import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../platform/db/client.js';

export interface ClaimRow {
  eventId: string;
  userId: string;
  status: 'invited' | 'joined' | 'checked_in' | 'left';
  checkedInAt: Date | null;
  claimedAt: Date | null;
  importedAt: Date | null;
  /** The account has a password: it was signed up for, or claimed already. */
  hasPassword: boolean;
  email: string;
  name: string;
  event: { name: string; venue: string; startsAt: Date; endsAt: Date; timeZone: string };
}

/** The membership a badge's code belongs to, locked for the claim when `forUpdate`. */
export async function findClaim(db: Database, token: string, forUpdate = false): Promise<ClaimRow | undefined> {
  const [row] = await queryRows<{
    event_id: string;
    user_id: string;
    status: ClaimRow['status'];
    checked_in_at: string | Date | null;
    claimed_at: string | Date | null;
    imported_at: string | Date | null;
    has_password: boolean;
    email: string;
    name: string;
    event_name: string;
    venue: string;
    starts_at: string | Date;
    ends_at: string | Date;
    time_zone: string;
  }>(
    db,
    sql`select m.event_id, m.user_id, m.status, m.checked_in_at, m.claimed_at, m.imported_at,
          u.password_hash <> '' as has_password, u.email,
          -- An account's own name is not for whoever holds its invitation (the organizers among them).
          case when m.status = 'invited' and u.password_hash <> '' then m.imported_name else coalesce(p.display_name, u.name) end as name,
          e.name as event_name, e.venue, e.starts_at, e.ends_at, e.time_zone
        from memberships m
        join users u on u.id = m.user_id
        join events e on e.id = m.event_id
        left join profiles p on p.user_id = m.user_id
        where m.claim_token = ${token}
        ${forUpdate ? sql`for update of m, u` : sql``}`,
  );
  if (!row) return undefined;
  const date = (value: string | Date | null) => (value === null ? null : new Date(value));
  return {
    eventId: row.event_id,
    userId: row.user_id,
    status: row.status,
    checkedInAt: date(row.checked_in_at),
    claimedAt: date(row.claimed_at),
    importedAt: date(row.imported_at),
    hasPassword: row.has_password,
    email: row.email,
    name: row.name,
    event: {
      name: row.event_name,
      venue: row.venue,
      startsAt: new Date(row.starts_at),
      endsAt: new Date(row.ends_at),
      timeZone: row.time_zone,
    },
  };
}

/** Sets the first password of an unclaimed account (and its name, if given); false if it had one. */
export async function setFirstPassword(db: Database, userId: string, passwordHash: string, name: string | undefined, now: Date) {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`update users set password_hash = ${passwordHash}, updated_at = ${now.toISOString()}
          ${name === undefined ? sql`` : sql`, name = ${name}`}
        where id = ${userId} and password_hash = '' returning id`,
  );
  if (rows.length > 0 && name !== undefined) {
    await db.execute(sql`update profiles set display_name = ${name}, updated_at = ${now.toISOString()} where user_id = ${userId}`);
  }
  return rows.length > 0;
}

/** The invited membership becomes active: checked in if the door or the file saw them, else joined. */
export async function activateClaimedMembership(db: Database, eventId: string, userId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db.execute(sql`
    update memberships set
      status = case when checked_in_at is not null then 'checked_in'::membership_status else 'joined'::membership_status end,
      joined_at = coalesce(joined_at, ${at}::timestamptz),
      claimed_at = ${at},
      updated_at = ${at}
    where event_id = ${eventId} and user_id = ${userId} and status = 'invited'`);
}
