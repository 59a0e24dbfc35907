import { and, eq, ne } from 'drizzle-orm';
import type { Actor, ServiceContext } from './context.js';
import type { Database } from './db/client.js';
import { memberships } from './db/schema.js';
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
] as const;
export type Permission = (typeof permissions)[number];

export type Resource =
  | { kind: 'none' }
  | { kind: 'event'; eventId: string }
  /** A member of an event, seen from that event. */
  | { kind: 'member'; eventId: string; userId: string };

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
