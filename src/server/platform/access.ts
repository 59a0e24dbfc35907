import { and, eq, ne, sql } from 'drizzle-orm';
import type { Actor, ServiceContext } from './context.js';
import { queryRows, type Database } from './db/client.js';
import { blocks, memberships } from './db/schema.js';
import { notFound, unauthenticated } from './errors.js';

/**
 * Everything an actor may be allowed to do. Anything not handled in `decide` is denied.
 * Later capabilities add their permissions here, never beside this file.
 */
export const permissions = [
  'account.manage',
  'event.create',
  'event.read',
  'event.manage',
  'event.leave',
  'member.read',
  'person.block',
] as const;
export type Permission = (typeof permissions)[number];

export type Resource =
  | { kind: 'none' }
  | { kind: 'event'; eventId: string }
  /** A member of an event, seen from that event. */
  | { kind: 'member'; eventId: string; userId: string }
  /** A person, seen from no event in particular. */
  | { kind: 'person'; userId: string };

type Membership = { role: 'organizer' | 'attendee'; status: 'invited' | 'joined' | 'checked_in' | 'left'; listed: boolean };

/** An active membership: joined or checked in (an invited-but-unclaimed or departed person sees nothing). */
async function activeMembership(db: Database, eventId: string, userId: string): Promise<Membership | undefined> {
  const [row] = await db
    .select({ role: memberships.role, status: memberships.status, listed: memberships.listed })
    .from(memberships)
    .where(and(eq(memberships.eventId, eventId), eq(memberships.userId, userId), ne(memberships.status, 'left')))
    .limit(1);
  if (!row || row.status === 'invited') return undefined;
  return row;
}

/**
 * Whether `userId` is someone the actor may block: an active member of an event the actor is an
 * active member of, or someone they already block (so that a block can always be undone).
 * Anyone else reads as unknown.
 */
async function mayBlock(db: Database, actorId: string, userId: string): Promise<boolean> {
  if (userId === actorId) return true;
  const [row] = await queryRows<{ allowed: boolean }>(
    db,
    sql`select exists (
        select 1 from ${memberships} theirs join ${memberships} mine on mine.event_id = theirs.event_id
        where theirs.user_id = ${userId} and theirs.status in ('joined', 'checked_in')
          and mine.user_id = ${actorId} and mine.status in ('joined', 'checked_in')
      ) or exists (
        select 1 from ${blocks} b where b.blocker_id = ${actorId} and b.blocked_id = ${userId}
      ) as allowed`,
  );
  return row?.allowed === true;
}

async function decide(ctx: ServiceContext, actor: Actor & { kind: 'user' }, permission: Permission, resource: Resource) {
  switch (permission) {
    case 'account.manage':
    case 'event.create':
      return true;
    case 'event.read':
    case 'event.leave': {
      if (resource.kind !== 'event') return false;
      return (await activeMembership(ctx.db, resource.eventId, actor.userId)) !== undefined;
    }
    case 'event.manage': {
      if (resource.kind !== 'event') return false;
      const membership = await activeMembership(ctx.db, resource.eventId, actor.userId);
      return membership?.role === 'organizer';
    }
    case 'member.read': {
      if (resource.kind !== 'member') return false;
      const mine = await activeMembership(ctx.db, resource.eventId, actor.userId);
      if (!mine) return false;
      if (resource.userId === actor.userId) return true;
      const theirs = await activeMembership(ctx.db, resource.eventId, resource.userId);
      if (!theirs) return false;
      // Unlisted attendees are hidden from other attendees, never from organizers.
      return theirs.listed || theirs.role === 'organizer' || mine.role === 'organizer';
    }
    case 'person.block': {
      if (resource.kind !== 'person') return false;
      return mayBlock(ctx.db, actor.userId, resource.userId);
    }
  }
}

/** Whether the actor may; never throws for a denial. */
export async function checkAccess(
  ctx: ServiceContext,
  actor: Actor,
  permission: Permission,
  resource: Resource = { kind: 'none' },
): Promise<boolean> {
  if (actor.kind !== 'user') return false;
  return decide(ctx, actor, permission, resource);
}

/**
 * Throws 401 for an anonymous actor and 404 for a denial, so a resource one may not see is
 * indistinguishable from one that does not exist. Returns the signed-in actor.
 */
export async function requireAccess(
  ctx: ServiceContext,
  actor: Actor,
  permission: Permission,
  resource: Resource = { kind: 'none' },
): Promise<Actor & { kind: 'user' }> {
  if (actor.kind !== 'user') throw unauthenticated();
  if (!(await decide(ctx, actor, permission, resource))) throw notFound();
  return actor;
}
