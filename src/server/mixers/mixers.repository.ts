import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../platform/db/client.js';
import { blocks, encounters, memberships, mixerParticipants, mixers, profiles } from '../platform/db/schema.js';

export type MixerRow = typeof mixers.$inferSelect;
export type ParticipantRow = typeof mixerParticipants.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Mixers

export async function insertMixer(db: Database, values: typeof mixers.$inferInsert): Promise<MixerRow> {
  const [row] = await db.insert(mixers).values(values).returning();
  return row!;
}

export async function findMixer(db: Database, eventId: string, mixerId: string): Promise<MixerRow | undefined> {
  const [row] = await db
    .select()
    .from(mixers)
    .where(and(eq(mixers.id, mixerId), eq(mixers.eventId, eventId)))
    .limit(1);
  return row;
}

/** The mixers of an event with their number of people, newest first; only those `userId` takes part in (and not drafts) when given. */
export async function listMixers(db: Database, eventId: string, participant?: string) {
  return db
    .select({
      id: mixers.id,
      name: mixers.name,
      status: mixers.status,
      rounds: mixers.rounds,
      currentRound: mixers.currentRound,
      tableSize: mixers.tableSize,
      roundEndsAt: mixers.roundEndsAt,
      participantCount: sql<number>`(select count(*)::int from ${mixerParticipants} p where p.mixer_id = ${mixers.id})`,
    })
    .from(mixers)
    .where(
      and(
        eq(mixers.eventId, eventId),
        participant
          ? sql`${mixers.status} <> 'draft' and exists (select 1 from ${mixerParticipants} p where p.mixer_id = ${mixers.id} and p.user_id = ${participant})`
          : undefined,
      ),
    )
    .orderBy(sql`${mixers.createdAt} desc`, asc(mixers.id));
}

/**
 * Writes `values` over the mixer only if it is still as it was read (same version, so no other
 * change came in between); bumps the version. Undefined when it was not.
 */
export async function updateMixerIfUnchanged(
  db: Database,
  mixerId: string,
  version: number,
  values: Partial<typeof mixers.$inferInsert>,
): Promise<MixerRow | undefined> {
  const [row] = await db
    .update(mixers)
    .set({ ...values, version: sql`${mixers.version} + 1` })
    .where(and(eq(mixers.id, mixerId), eq(mixers.version, version)))
    .returning();
  return row;
}

/** Starts round 1 of a draft; undefined when it is not a draft (any more). */
export async function startMixer(db: Database, mixerId: string, now: Date): Promise<MixerRow | undefined> {
  const [row] = await db
    .update(mixers)
    .set({
      status: 'running',
      currentRound: 1,
      roundStartedAt: now,
      roundEndsAt: sql`${now.toISOString()}::timestamptz + make_interval(mins => ${mixers.minutesPerRound})`,
      version: sql`${mixers.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(mixers.id, mixerId), eq(mixers.status, 'draft')))
    .returning();
  return row;
}

/**
 * Ends round `fromRound` of a running mixer: the next round starts now, or after the last one the
 * mixer is finished. Undefined, with nothing written, when the mixer is not running at that
 * round any more: of two organizers (or two processes' timers) only one moves it on. With
 * `onlyIfDue` (the timer), also when auto-advance was turned off or the round made longer since
 * the timer found it due.
 */
export async function advanceMixer(db: Database, mixerId: string, fromRound: number, now: Date, onlyIfDue = false): Promise<MixerRow | undefined> {
  const at = now.toISOString();
  const [row] = await db
    .update(mixers)
    .set({
      status: sql`case when ${mixers.currentRound} >= ${mixers.rounds} then 'finished' else 'running' end`,
      currentRound: sql`least(${mixers.currentRound} + 1, ${mixers.rounds})`,
      roundStartedAt: sql`case when ${mixers.currentRound} >= ${mixers.rounds} then ${mixers.roundStartedAt} else ${at}::timestamptz end`,
      roundEndsAt: sql`case when ${mixers.currentRound} >= ${mixers.rounds} then null
        else ${at}::timestamptz + make_interval(mins => ${mixers.minutesPerRound}) end`,
      version: sql`${mixers.version} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(mixers.id, mixerId),
        eq(mixers.status, 'running'),
        eq(mixers.currentRound, fromRound),
        onlyIfDue ? sql`${mixers.autoAdvance} and ${mixers.roundEndsAt} <= ${at}::timestamptz` : undefined,
      ),
    )
    .returning();
  return row;
}

/** Finishes a running mixer in the round it is at; undefined when it was not running. */
export async function finishMixer(db: Database, mixerId: string, now: Date): Promise<MixerRow | undefined> {
  const [row] = await db
    .update(mixers)
    .set({ status: 'finished', roundEndsAt: null, version: sql`${mixers.version} + 1`, updatedAt: now })
    .where(and(eq(mixers.id, mixerId), eq(mixers.status, 'running')))
    .returning();
  return row;
}

/** Deletes a mixer that is not running; false when it is running (or gone). */
export async function deleteMixerUnlessRunning(db: Database, eventId: string, mixerId: string): Promise<boolean> {
  const rows = await db
    .delete(mixers)
    .where(and(eq(mixers.id, mixerId), eq(mixers.eventId, eventId), sql`${mixers.status} <> 'running'`))
    .returning({ id: mixers.id });
  return rows.length > 0;
}

/** Running mixers that advance by themselves and whose round is over, across events. */
export async function dueMixers(db: Database, now: Date, limit: number) {
  return db
    .select({ id: mixers.id, eventId: mixers.eventId, currentRound: mixers.currentRound })
    .from(mixers)
    .where(and(eq(mixers.status, 'running'), eq(mixers.autoAdvance, true), sql`${mixers.roundEndsAt} <= ${now.toISOString()}`))
    .orderBy(asc(mixers.roundEndsAt))
    .limit(limit);
}

// ---------------------------------------------------------------------------------------------
// Participants

export async function participantsOf(db: Database, mixerId: string): Promise<ParticipantRow[]> {
  return db.select().from(mixerParticipants).where(eq(mixerParticipants.mixerId, mixerId)).orderBy(asc(mixerParticipants.position));
}

/** The mixers of the event not finished yet in which `userId` has a seat to come (not marked absent). */
export async function mixersAwaiting(db: Database, eventId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: mixers.id })
    .from(mixers)
    .innerJoin(mixerParticipants, eq(mixerParticipants.mixerId, mixers.id))
    .where(
      and(
        eq(mixers.eventId, eventId),
        inArray(mixers.status, ['draft', 'running']),
        eq(mixerParticipants.userId, userId),
        sql`${mixerParticipants.absentFrom} is null`,
      ),
    );
  return rows.map((row) => row.id);
}

/** Puts exactly `rows` in the mixer (a draft's people chosen anew, or one's attendance changed). */
export async function replaceParticipants(db: Database, mixerId: string, rows: Omit<ParticipantRow, 'mixerId'>[]) {
  await db.delete(mixerParticipants).where(eq(mixerParticipants.mixerId, mixerId));
  if (rows.length === 0) return;
  await db.insert(mixerParticipants).values(rows.map((row) => ({ ...row, mixerId })));
}

// ---------------------------------------------------------------------------------------------
// People

/** Of `userIds`, the active members (joined or checked in) of the event. */
export async function activeMembers(db: Database, eventId: string, userIds: string[]): Promise<Set<string>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Set();
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.eventId, eventId), inArray(memberships.userId, unique), inArray(memberships.status, ['joined', 'checked_in'])));
  return new Set(rows.map((r) => r.userId));
}

/** The attendees (not organizers) who are checked in, or joined or checked in, by id. */
export async function attendeesOf(db: Database, eventId: string, which: 'checked_in' | 'joined'): Promise<string[]> {
  const statuses: ('joined' | 'checked_in')[] = which === 'checked_in' ? ['checked_in'] : ['joined', 'checked_in'];
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.eventId, eventId), eq(memberships.role, 'attendee'), inArray(memberships.status, statuses)))
    .orderBy(asc(memberships.userId));
  return rows.map((r) => r.userId);
}

export async function organizersOf(db: Database, eventId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.eventId, eventId), eq(memberships.role, 'organizer'), inArray(memberships.status, ['joined', 'checked_in'])));
  return rows.map((r) => r.userId);
}

/** What a mixer reads of its people: what the directory shows of them, and what their common ground is made of. Never contact details. */
export interface MixerPerson {
  id: string;
  name: string;
  headline: string;
  interests: string[];
  offers: string[];
  seeking: string[];
  questions: string[];
}

export async function peopleOf(db: Database, userIds: string[]): Promise<Map<string, MixerPerson>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({
      id: profiles.userId,
      name: profiles.displayName,
      headline: profiles.headline,
      interests: profiles.interests,
      offers: profiles.offers,
      seeking: profiles.seeking,
      questions: profiles.questions,
    })
    .from(profiles)
    .where(inArray(profiles.userId, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Pairs of `userIds` of whom one blocks the other (either way), each pair once. */
export async function blockedPairs(db: Database, userIds: string[]): Promise<[string, string][]> {
  if (userIds.length < 2) return [];
  const list = sql.join(
    userIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await queryRows<{ a: string; b: string }>(
    db,
    sql`select distinct least(blocker_id, blocked_id) as a, greatest(blocker_id, blocked_id) as b from ${blocks}
      where blocker_id in (${list}) and blocked_id in (${list})`,
  );
  return rows.map((r) => [r.a, r.b]);
}

/** Pairs of `userIds` with an encounter at the event already, other than through this mixer. */
export async function metPairs(db: Database, eventId: string, mixerId: string | undefined, userIds: string[]): Promise<[string, string][]> {
  if (userIds.length < 2) return [];
  const list = sql.join(
    userIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await queryRows<{ a: string; b: string }>(
    db,
    sql`select distinct user_low as a, user_high as b from ${encounters}
      where event_id = ${eventId} and user_low in (${list}) and user_high in (${list})
        ${mixerId ? sql`and mixer_id is distinct from ${mixerId}::uuid` : sql``}`,
  );
  return rows.map((r) => [r.a, r.b]);
}

// ---------------------------------------------------------------------------------------------
// Encounters

export interface MixerEncounter {
  userLow: string;
  userHigh: string;
  tableLabel: string;
}

/** Records the pairs of one round; a pair who sat together in an earlier round of the mixer keeps that encounter. */
export async function insertMixerEncounters(db: Database, eventId: string, mixerId: string, round: number, metAt: Date, pairs: MixerEncounter[]) {
  const BATCH = 2000;
  for (let start = 0; start < pairs.length; start += BATCH) {
    const records = pairs.slice(start, start + BATCH).map((p) => ({ user_low: p.userLow, user_high: p.userHigh, table_label: p.tableLabel }));
    await db.execute(sql`insert into ${encounters} (event_id, user_low, user_high, met_at, source, table_label, mixer_id, mixer_round)
      select ${eventId}::uuid, r.user_low, r.user_high, ${metAt.toISOString()}::timestamptz, 'mixer', r.table_label, ${mixerId}::uuid, ${round}::int
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(user_low uuid, user_high uuid, table_label text)
      on conflict do nothing`);
  }
}
