import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { queryRows, uuidArray, type Database } from '../platform/db/client.js';
import { blocks, contactShares, memories, profiles } from '../platform/db/schema.js';

export type MemoryRow = typeof memories.$inferSelect;
export type ContactShareRow = typeof contactShares.$inferSelect;

/** One encounter of mine, with where and how it happened, as the other person's id sees it. */
export interface MyEncounterRow {
  id: string;
  other: string;
  met_at: string | Date;
  source: 'meeting' | 'mixer' | 'scan' | 'tap';
  table_label: string | null;
  event_id: string;
  event_name: string;
  time_zone: string;
  settings: Record<string, unknown>;
  mixer_name: string | null;
  mixer_round: number | null;
  slot_label: string | null;
}

/** My encounters, newest first; with one person only when `other` is given. */
export async function encountersOf(db: Database, me: string, other?: string): Promise<MyEncounterRow[]> {
  const withOther = other
    ? sql`and x.user_low = least(${me}::uuid, ${other}::uuid) and x.user_high = greatest(${me}::uuid, ${other}::uuid)`
    : sql`and (x.user_low = ${me} or x.user_high = ${me})`;
  return queryRows<MyEncounterRow>(
    db,
    sql`select x.id, case when x.user_low = ${me} then x.user_high else x.user_low end as other,
        x.met_at, x.source, x.table_label, x.event_id, e.name as event_name, e.time_zone, e.settings,
        mx.name as mixer_name, x.mixer_round, s.label as slot_label
      from encounters x
        join events e on e.id = x.event_id
        left join mixers mx on mx.id = x.mixer_id
        left join meetings m on m.id = x.meeting_id
        left join meeting_slots s on s.id = m.slot_id
      where true ${withOther}
      order by x.met_at desc, x.id`,
  );
}

export interface MyConnectionRow {
  other: string;
  connected_at: string | Date;
  introduction_id: string | null;
  introducer_id: string | null;
  introducer_name: string | null;
}

/** The people introductions connected me with, and who introduced us. */
export async function connectionsOf(db: Database, me: string, other?: string): Promise<MyConnectionRow[]> {
  const withOther = other
    ? sql`and c.user_low = least(${me}::uuid, ${other}::uuid) and c.user_high = greatest(${me}::uuid, ${other}::uuid)`
    : sql`and (c.user_low = ${me} or c.user_high = ${me})`;
  return queryRows<MyConnectionRow>(
    db,
    sql`select case when c.user_low = ${me} then c.user_high else c.user_low end as other, c.connected_at,
        c.introduction_id, i.introducer_id, p.display_name as introducer_name
      from connections c
        left join introductions i on i.id = c.introduction_id
        left join profiles p on p.user_id = i.introducer_id
      where true ${withOther}
      order by c.connected_at desc`,
  );
}

export interface PersonProfileRow {
  id: string;
  name: string;
  headline: string;
  bio: string;
  interests: string[];
  offers: string[];
  seeking: string[];
  questions: string[];
}

export async function profilesOf(db: Database, ids: readonly string[]): Promise<Map<string, PersonProfileRow>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<PersonProfileRow>(
    db,
    sql`select user_id as id, display_name as name, headline, bio, interests, offers, seeking, questions
      from profiles where user_id = any(${uuidArray(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** People's own contact details: private, read only to share what each chose. */
export async function unsafeContactDetailsOf(db: Database, userIds: readonly string[]) {
  const rows =
    userIds.length === 0
      ? []
      : await db
          .select({ userId: profiles.userId, email: profiles.contactEmail, phone: profiles.contactPhone, links: profiles.contactLinks })
          .from(profiles)
          .where(inArray(profiles.userId, [...new Set(userIds)]));
  return new Map(rows.map(({ userId, ...details }) => [userId, details]));
}

export async function memoriesOf(db: Database, me: string, personId?: string): Promise<MemoryRow[]> {
  return db
    .select()
    .from(memories)
    .where(personId ? and(eq(memories.ownerId, me), eq(memories.personId, personId)) : eq(memories.ownerId, me));
}

export async function upsertMemory(
  db: Database,
  values: { ownerId: string; personId: string; now: Date } & Partial<Pick<MemoryRow, 'note' | 'tags' | 'caresAbout' | 'followUpDays' | 'followUpSetAt' | 'inTouchAt'>>,
): Promise<MemoryRow> {
  const { ownerId, personId, now, ...changes } = values;
  const [row] = await db
    .insert(memories)
    .values({ ownerId, personId, ...changes, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [memories.ownerId, memories.personId], set: { ...changes, updatedAt: now } })
    .returning();
  return row!;
}

/** Contact shares between me and others, both ways (mine to them, theirs to me). */
export async function sharesOf(db: Database, me: string, other?: string): Promise<ContactShareRow[]> {
  const mine = other ? and(eq(contactShares.ownerId, me), eq(contactShares.personId, other)) : eq(contactShares.ownerId, me);
  const theirs = other ? and(eq(contactShares.ownerId, other), eq(contactShares.personId, me)) : eq(contactShares.personId, me);
  return db.select().from(contactShares).where(or(mine, theirs));
}

/** Inserts or changes my share with a person; `created` tells whether it is new. */
export async function upsertShare(
  db: Database,
  values: { ownerId: string; personId: string; email: boolean; phone: boolean; links: boolean; now: Date },
): Promise<{ created: boolean }> {
  const { now, ...share } = values;
  const [row] = await queryRows<{ created: boolean }>(
    db,
    sql`insert into contact_shares (owner_id, person_id, email, phone, links, created_at, updated_at)
      values (${share.ownerId}, ${share.personId}, ${share.email}, ${share.phone}, ${share.links}, ${now.toISOString()}, ${now.toISOString()})
      on conflict (owner_id, person_id) do update set email = excluded.email, phone = excluded.phone, links = excluded.links,
        updated_at = excluded.updated_at
      returning (xmax = 0) as created`,
  );
  return { created: row?.created === true };
}

export async function deleteShare(db: Database, ownerId: string, personId: string): Promise<boolean> {
  const rows = await db
    .delete(contactShares)
    .where(and(eq(contactShares.ownerId, ownerId), eq(contactShares.personId, personId)))
    .returning({ ownerId: contactShares.ownerId });
  return rows.length > 0;
}

/** Pairs of me and others where either blocks the other. */
export async function blockedBetween(db: Database, me: string): Promise<{ iBlock: Set<string>; blocksMe: Set<string> }> {
  const rows = await db
    .select({ blockerId: blocks.blockerId, blockedId: blocks.blockedId })
    .from(blocks)
    .where(or(eq(blocks.blockerId, me), eq(blocks.blockedId, me)));
  return {
    iBlock: new Set(rows.filter((r) => r.blockerId === me).map((r) => r.blockedId)),
    blocksMe: new Set(rows.filter((r) => r.blockedId === me).map((r) => r.blockerId)),
  };
}
