import { and, eq, ne, sql } from 'drizzle-orm';
import type { Actor, ServiceContext } from './context.js';
import { queryRows, type Database } from './db/client.js';
import {
  asks,
  blocks,
  connections,
  encounters,
  events,
  introductions,
  meetingRequests,
  meetings,
  memberships,
  metConfirmations,
  mixerParticipants,
  mixers,
  postComments,
  posts,
} from './db/schema.js';
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
  'meeting.request',
  'request.respond',
  'request.withdraw',
  'meeting.participate',
  'encounter.confirm',
  'mixer.participate',
  'person.remember',
  'contact.share',
  'intro.propose',
  'intro.respond',
  'intro.withdraw',
  'ask.create',
  'ask.respond',
  'attendee.import',
  'attendee.checkIn',
  'event.transfer',
  'audit.read',
  'insights.read',
  'insights.consent',
  'post.read',
  'post.publish',
  'post.edit',
  'post.moderate',
  'comment.create',
  'comment.edit',
  'comment.moderate',
  'comment.report',
] as const;
export type Permission = (typeof permissions)[number];

export type Resource =
  | { kind: 'none' }
  | { kind: 'event'; eventId: string }
  /** A member of an event, seen from that event. */
  | { kind: 'member'; eventId: string; userId: string }
  /** A person, seen from no event in particular. */
  | { kind: 'person'; userId: string }
  /** A request to meet, addressed through its event. */
  | { kind: 'meetingRequest'; eventId: string; requestId: string }
  /** A 1:1 meeting, addressed through its event. */
  | { kind: 'meeting'; eventId: string; meetingId: string }
  /** A table-rotation mixer, addressed through its event. */
  | { kind: 'mixer'; eventId: string; mixerId: string }
  /** An introduction, addressed by itself (it belongs to no event). */
  | { kind: 'introduction'; introductionId: string }
  /** A "who should I meet about…?" ask. */
  | { kind: 'ask'; askId: string }
  /** An organizer's post, addressed through its event. */
  | { kind: 'post'; eventId: string; postId: string }
  /** A comment under a post, addressed through its event. */
  | { kind: 'comment'; eventId: string; commentId: string };

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
 * Events in which the actor sees `userId`: both active members, and either the actor organizes
 * the event or the organizers left the attendee directory on (the default of EventSettings) and
 * `userId` is listed or an organizer. The one rule of the directory and of members' profiles,
 * here as SQL so that "in some event we share" is one query.
 */
function eventsWhereSeen(actorId: string, userId: string) {
  return sql`select 1 from ${memberships} theirs
      join ${memberships} mine on mine.event_id = theirs.event_id
      join ${events} e on e.id = theirs.event_id
    where theirs.user_id = ${userId} and theirs.status in ('joined', 'checked_in')
      and mine.user_id = ${actorId} and mine.status in ('joined', 'checked_in')
      and (mine.role = 'organizer'
        or ((theirs.listed or theirs.role = 'organizer') and e.settings -> 'attendeeDirectory' is distinct from 'false'::jsonb))`;
}

/** Whether the actor, an active member of the event, sees `userId` there; see eventsWhereSeen. */
async function seesMember(db: Database, eventId: string, actorId: string, userId: string): Promise<boolean> {
  const [row] = await queryRows<{ allowed: boolean }>(
    db,
    sql`select exists (${eventsWhereSeen(actorId, userId)} and theirs.event_id = ${eventId}) as allowed`,
  );
  return row?.allowed === true;
}

/**
 * Whether `userId` is someone the actor may block: someone whose profile they may read in an
 * event they share, or someone they already block (so that a block can always be undone).
 * Anyone else reads as unknown, as an unlisted attendee's profile does.
 */
async function mayBlock(db: Database, actorId: string, userId: string): Promise<boolean> {
  if (userId === actorId) return true;
  const [row] = await queryRows<{ allowed: boolean }>(
    db,
    sql`select exists (${eventsWhereSeen(actorId, userId)}) or exists (
        select 1 from ${blocks} b where b.blocker_id = ${actorId} and b.blocked_id = ${userId}
      ) as allowed`,
  );
  return row?.allowed === true;
}

/** Someone the actor has an encounter with, in any event. */
function metSql(actorId: string, userId: string) {
  return sql`exists (select 1 from ${encounters} x
      where x.user_low = least(${actorId}::uuid, ${userId}::uuid) and x.user_high = greatest(${actorId}::uuid, ${userId}::uuid))`;
}

/**
 * Whether `userId` is one of the actor's people: met in person (an encounter, in any event) or
 * connected by an introduction both accepted. Only they have a place in the actor's memory.
 */
async function isAcquaintance(db: Database, actorId: string, userId: string, metOnly = false): Promise<boolean> {
  if (actorId === userId) return false;
  const connected = metOnly
    ? sql`false`
    : sql`exists (select 1 from ${connections} c
        where c.user_low = least(${actorId}::uuid, ${userId}::uuid) and c.user_high = greatest(${actorId}::uuid, ${userId}::uuid))`;
  const [row] = await queryRows<{ allowed: boolean }>(db, sql`select (${metSql(actorId, userId)} or ${connected}) as allowed`);
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
    case 'attendee.import':
    case 'attendee.checkIn':
    case 'audit.read':
    case 'insights.read':
    case 'post.publish': {
      // Organizers' tools; which of them is which is for the audit log to tell.
      if (resource.kind !== 'event') return false;
      return (await activeMembership(ctx.db, resource.eventId, actor.userId))?.role === 'organizer';
    }
    case 'event.transfer': {
      // Only the owner hands the event over (to another organizer, which the service checks).
      if (resource.kind !== 'event') return false;
      if ((await activeMembership(ctx.db, resource.eventId, actor.userId))?.role !== 'organizer') return false;
      const [row] = await ctx.db.select({ ownerId: events.ownerId }).from(events).where(eq(events.id, resource.eventId)).limit(1);
      return row?.ownerId === actor.userId;
    }
    case 'insights.consent':
    case 'post.read': {
      if (resource.kind !== 'event' && resource.kind !== 'post') return false;
      if (!(await activeMembership(ctx.db, resource.eventId, actor.userId))) return false;
      if (resource.kind === 'event') return true;
      const [row] = await ctx.db
        .select({ id: posts.id })
        .from(posts)
        .where(and(eq(posts.id, resource.postId), eq(posts.eventId, resource.eventId)))
        .limit(1);
      return row !== undefined;
    }
    case 'post.edit':
    case 'post.moderate':
    case 'comment.create': {
      // A post of the event: its author edits it (while still an organizer); organizers lock
      // and delete; members comment (whether the thread is locked is the service's to say).
      if (resource.kind !== 'post') return false;
      const membership = await activeMembership(ctx.db, resource.eventId, actor.userId);
      if (!membership) return false;
      const [row] = await ctx.db
        .select({ authorId: posts.authorId })
        .from(posts)
        .where(and(eq(posts.id, resource.postId), eq(posts.eventId, resource.eventId)))
        .limit(1);
      if (!row) return false;
      if (permission === 'comment.create') return true;
      if (membership.role !== 'organizer') return false;
      return permission === 'post.moderate' || row.authorId === actor.userId;
    }
    case 'comment.edit':
    case 'comment.moderate':
    case 'comment.report': {
      // Its author edits and deletes it; organizers hide it; any other member who can see it
      // (a hidden comment is seen only by its author and the organizers) may report it.
      // Of the event as a whole, organizers moderate: they read its waiting reports.
      if (permission === 'comment.moderate' && resource.kind === 'event') {
        return (await activeMembership(ctx.db, resource.eventId, actor.userId))?.role === 'organizer';
      }
      if (resource.kind !== 'comment') return false;
      const membership = await activeMembership(ctx.db, resource.eventId, actor.userId);
      if (!membership) return false;
      const [row] = await ctx.db
        .select({ authorId: postComments.authorId, hiddenAt: postComments.hiddenAt })
        .from(postComments)
        .where(and(eq(postComments.id, resource.commentId), eq(postComments.eventId, resource.eventId)))
        .limit(1);
      if (!row) return false;
      if (permission === 'comment.edit') return row.authorId === actor.userId;
      if (permission === 'comment.moderate') return membership.role === 'organizer';
      return row.authorId !== actor.userId && row.hiddenAt === null;
    }
    case 'member.read': {
      if (resource.kind !== 'member') return false;
      // Myself always; others as the directory shows them: unlisted attendees are hidden from
      // other attendees, never from organizers, and attendees see no one when it is off.
      if (resource.userId === actor.userId) return (await activeMembership(ctx.db, resource.eventId, actor.userId)) !== undefined;
      return seesMember(ctx.db, resource.eventId, actor.userId, resource.userId);
    }
    case 'person.block': {
      if (resource.kind !== 'person') return false;
      return mayBlock(ctx.db, actor.userId, resource.userId);
    }
    case 'meeting.request': {
      // Someone I see in the event, not myself; the caps are the service's to enforce.
      if (resource.kind !== 'member' || resource.userId === actor.userId) return false;
      return seesMember(ctx.db, resource.eventId, actor.userId, resource.userId);
    }
    case 'request.respond':
    case 'request.withdraw': {
      if (resource.kind !== 'meetingRequest') return false;
      if (!(await activeMembership(ctx.db, resource.eventId, actor.userId))) return false;
      const [row] = await ctx.db
        .select({
          requesterId: meetingRequests.requesterId,
          inviteeId: meetingRequests.inviteeId,
          muted: meetingRequests.muted,
          inviteeBlocks: sql<boolean>`exists (select 1 from ${blocks} b
            where b.blocker_id = ${meetingRequests.inviteeId} and b.blocked_id = ${meetingRequests.requesterId})`,
        })
        .from(meetingRequests)
        .where(and(eq(meetingRequests.id, resource.requestId), eq(meetingRequests.eventId, resource.eventId)))
        .limit(1);
      if (!row) return false;
      // For its invitee, a request does not exist while the invitee blocks its sender: muted
      // (sent after the block) or not (sent before it).
      if (permission === 'request.respond') return row.inviteeId === actor.userId && !row.muted && !row.inviteeBlocks;
      return row.requesterId === actor.userId;
    }
    case 'encounter.confirm': {
      // Saying "we met" to someone: whom I see in the event, or with whom I have a meeting there,
      // or who said it to me first (so that it can always be confirmed).
      if (resource.kind !== 'member' || resource.userId === actor.userId) return false;
      if (!(await activeMembership(ctx.db, resource.eventId, actor.userId))) return false;
      if (await seesMember(ctx.db, resource.eventId, actor.userId, resource.userId)) return true;
      const [row] = await queryRows<{ allowed: boolean }>(
        ctx.db,
        sql`select exists (select 1 from ${meetings} m where m.event_id = ${resource.eventId}
              and m.user_low = least(${actor.userId}::uuid, ${resource.userId}::uuid)
              and m.user_high = greatest(${actor.userId}::uuid, ${resource.userId}::uuid))
            or exists (select 1 from ${metConfirmations} c where c.event_id = ${resource.eventId}
              and c.from_user_id = ${resource.userId} and c.to_user_id = ${actor.userId}) as allowed`,
      );
      return row?.allowed === true;
    }
    case 'meeting.participate': {
      if (resource.kind !== 'meeting') return false;
      if (!(await activeMembership(ctx.db, resource.eventId, actor.userId))) return false;
      const [row] = await ctx.db
        .select({ userLow: meetings.userLow, userHigh: meetings.userHigh })
        .from(meetings)
        .where(and(eq(meetings.id, resource.meetingId), eq(meetings.eventId, resource.eventId)))
        .limit(1);
      return row !== undefined && (row.userLow === actor.userId || row.userHigh === actor.userId);
    }
    case 'mixer.participate': {
      // Its people, once it has started: a draft is the organizers' until then.
      if (resource.kind !== 'mixer') return false;
      if (!(await activeMembership(ctx.db, resource.eventId, actor.userId))) return false;
      const [row] = await ctx.db
        .select({ status: mixers.status })
        .from(mixers)
        .innerJoin(mixerParticipants, and(eq(mixerParticipants.mixerId, mixers.id), eq(mixerParticipants.userId, actor.userId)))
        .where(and(eq(mixers.id, resource.mixerId), eq(mixers.eventId, resource.eventId)))
        .limit(1);
      return row !== undefined && row.status !== 'draft';
    }
    case 'person.remember':
    case 'contact.share': {
      if (resource.kind !== 'person') return false;
      return isAcquaintance(ctx.db, actor.userId, resource.userId);
    }
    case 'ask.create': {
      // Asking "who should I meet about…?" is for someone met in person.
      if (resource.kind !== 'person') return false;
      return isAcquaintance(ctx.db, actor.userId, resource.userId, true);
    }
    case 'intro.propose':
      // Whom one may introduce is a rule with reasons to tell (met both, cool-down, caps): the
      // service checks it and explains a refusal.
      return resource.kind === 'none';
    case 'intro.respond':
    case 'intro.withdraw': {
      if (resource.kind !== 'introduction') return false;
      const [row] = await ctx.db
        .select({
          introducerId: introductions.introducerId,
          userLow: introductions.userLow,
          userHigh: introductions.userHigh,
          muted: introductions.muted,
          iBlockTheOther: sql<boolean>`exists (select 1 from ${blocks} b where b.blocker_id = ${actor.userId}
            and b.blocked_id = case when introductions.user_low = ${actor.userId} then introductions.user_high else introductions.user_low end)`,
        })
        .from(introductions)
        .where(eq(introductions.id, resource.introductionId))
        .limit(1);
      if (!row) return false;
      if (permission === 'intro.withdraw') return row.introducerId === actor.userId;
      // A muted introduction never reached the two; for one who has since blocked the other, it
      // no longer exists (as a meeting request from someone one blocked).
      return !row.muted && !row.iBlockTheOther && (row.userLow === actor.userId || row.userHigh === actor.userId);
    }
    case 'ask.respond': {
      if (resource.kind !== 'ask') return false;
      const [row] = await ctx.db
        .select({
          askeeId: asks.askeeId,
          muted: asks.muted,
          iBlockTheAsker: sql<boolean>`exists (select 1 from ${blocks} b where b.blocker_id = ${actor.userId} and b.blocked_id = asks.asker_id)`,
        })
        .from(asks)
        .where(eq(asks.id, resource.askId))
        .limit(1);
      return row !== undefined && !row.muted && !row.iBlockTheAsker && row.askeeId === actor.userId;
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
