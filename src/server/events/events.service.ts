import { normalizeInterest } from '../../core/interests/normalize.js';
import { DEFAULT_COOLDOWN_HOURS, DEFAULT_EXPIRY_DAYS } from '../../core/introductions/rules.js';
import { checkInChange } from '../../core/badges/check-in.js';
import { checkAccess, requireAccess } from '../platform/access.js';
import { newToken } from '../platform/auth/secrets.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import { AppError, conflict, invalidCursor, isCheckViolation, isUniqueViolation, notFound, unprocessable } from '../platform/errors.js';
import { consumeRate } from '../platform/rate-limit.js';
import * as repo from './events.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Database } from '../platform/db/client.js';
import { releaseMeetingsOf } from '../meetings/meetings.service.js';
import { releaseMixersOf } from '../mixers/mixers.service.js';

export interface EventSettings {
  attendeeDirectory: boolean;
  maxOpenRequests: number;
  dailyRequestLimit: number;
  introductionCooldownHours: number;
  introductionExpiryDays: number;
}
const DEFAULT_SETTINGS: EventSettings = {
  attendeeDirectory: true,
  maxOpenRequests: 5,
  dailyRequestLimit: 10,
  introductionCooldownHours: DEFAULT_COOLDOWN_HOURS,
  introductionExpiryDays: DEFAULT_EXPIRY_DAYS,
};

type Role = 'organizer' | 'attendee';
type Status = 'invited' | 'joined' | 'checked_in' | 'left';

export interface EventView {
  id: string;
  slug: string;
  name: string;
  description: string;
  venue: string;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  settings: EventSettings;
  isOwner: boolean;
  myRole: Role;
  myStatus: Status;
  attendeeCount: number;
}

export interface EventInput {
  name: string;
  slug?: string | undefined;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venue?: string | undefined;
  description?: string | undefined;
  settings?: Partial<EventSettings> | undefined;
}

const DEFAULT_INVITE_DAYS = 14;
const EVENTS_PER_DAY = { limit: 50, windowSeconds: 86_400, message: 'You have created many events today. Please try again tomorrow.' };

export function settingsOf(row: { settings: unknown }): EventSettings {
  return { ...DEFAULT_SETTINGS, ...(row.settings as Partial<EventSettings>) };
}

function toView(row: repo.EventRow, userId: string, role: Role, status: Status, attendeeCount: number): EventView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    venue: row.venue,
    timeZone: row.timeZone,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    settings: settingsOf(row),
    isOwner: row.ownerId === userId,
    myRole: role,
    myStatus: status,
    attendeeCount,
  };
}

/** A readable slug from the name; a short random tail when that one is taken. */
export function slugFromName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return base.length >= 3 ? base : `event${base ? `-${base}` : ''}`;
}

export async function createEvent(ctx: ServiceContext, actor: Actor, input: EventInput): Promise<EventView> {
  const me = await requireAccess(ctx, actor, 'event.create');
  await consumeRate(ctx, `event-create:${me.userId}`, EVENTS_PER_DAY);
  const now = ctx.now();
  const wanted = input.slug ?? slugFromName(input.name);
  for (let attempt = 0; ; attempt++) {
    const slug = attempt === 0 ? wanted : `${wanted}-${newToken().slice(0, 5).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;
    try {
      const row = await ctx.db.transaction(async (tx) => {
        const event = await repo.insertEvent(tx, {
          slug,
          name: input.name.trim(),
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          timeZone: input.timeZone,
          venue: input.venue?.trim() ?? '',
          description: input.description ?? '',
          settings: input.settings ?? {},
          ownerId: me.userId,
        });
        await repo.insertOrganizer(tx, event.id, me.userId, now);
        return event;
      });
      return toView(row, me.userId, 'organizer', 'joined', 1);
    } catch (error) {
      if (!isUniqueViolation(error, 'events_slug_key')) throw error;
      // A slug someone chose is theirs to change; a derived one gets a tail and another try.
      if (input.slug || attempt >= 3) {
        throw conflict(`The address "${slug}" is taken by another event. Please choose another.`, '/body/slug');
      }
    }
  }
}

export async function listMyEvents(ctx: ServiceContext, actor: Actor): Promise<EventView[]> {
  const me = await requireAccess(ctx, actor, 'account.manage');
  const rows = await repo.listEventsOfUser(ctx.db, me.userId);
  const counts = await repo.countActiveAttendees(
    ctx.db,
    rows.map((r) => r.event.id),
  );
  return rows.map((r) => toView(r.event, me.userId, r.role, r.status, counts.get(r.event.id) ?? 0));
}

async function viewFor(ctx: ServiceContext, eventId: string, userId: string): Promise<EventView> {
  const row = await repo.findEvent(ctx.db, eventId);
  const membership = await repo.findMembership(ctx.db, eventId, userId);
  if (!row || !membership) throw notFound();
  const counts = await repo.countActiveAttendees(ctx.db, [eventId]);
  return toView(row, userId, membership.role, membership.status, counts.get(eventId) ?? 0);
}

export async function getEvent(ctx: ServiceContext, actor: Actor, eventId: string): Promise<EventView> {
  const me = await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  return viewFor(ctx, eventId, me.userId);
}

export async function updateEvent(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  input: Partial<EventInput>,
): Promise<EventView> {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  const current = await repo.findEvent(ctx.db, eventId);
  if (!current) throw notFound();
  const endsBeforeStart = new AppError('validation', 'The event cannot end before it starts.', {
    errors: [{ pointer: '/body/endsAt', detail: 'The event cannot end before it starts.' }],
  });
  const startsAt = input.startsAt ? new Date(input.startsAt) : current.startsAt;
  const endsAt = input.endsAt ? new Date(input.endsAt) : current.endsAt;
  if (endsAt < startsAt) throw endsBeforeStart;
  try {
    await repo.updateEvent(
      ctx.db,
      eventId,
      {
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.slug !== undefined ? { slug: input.slug } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.venue !== undefined ? { venue: input.venue.trim() } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.startsAt !== undefined ? { startsAt } : {}),
        ...(input.endsAt !== undefined ? { endsAt } : {}),
        updatedAt: ctx.now(),
      },
      input.settings,
    );
  } catch (error) {
    if (isUniqueViolation(error, 'events_slug_key')) {
      throw conflict(`The address "${input.slug}" is taken by another event. Please choose another.`, '/body/slug');
    }
    // Another edit moved the other end in the meantime: the database's check has the last word.
    if (isCheckViolation(error, 'events_ends_after_start')) throw endsBeforeStart;
    throw error;
  }
  return viewFor(ctx, eventId, me.userId);
}

export async function deleteEvent(ctx: ServiceContext, actor: Actor, eventId: string): Promise<void> {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  await ctx.db.transaction(async (tx) => {
    if (await repo.deleteEventOwnedBy(tx, eventId, me.userId)) return;
    if (!(await repo.findEvent(tx, eventId))) throw notFound();
    throw new AppError('conflict', 'Only the event’s owner can delete it.');
  });
}

export interface DirectoryPage {
  people: {
    userId: string;
    displayName: string;
    headline: string;
    interests: string[];
    hereFor: string;
    role: Role;
    listed: boolean;
  }[];
  nextCursor: string | null;
  total: number;
}

function encodeCursor(sortKey: string, userId: string) {
  return Buffer.from(JSON.stringify([sortKey, userId])).toString('base64url');
}

function decodeCursor(cursor: string): { sortKey: string; userId: string } {
  try {
    const [sortKey, userId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof sortKey === 'string' && typeof userId === 'string' && /^[0-9a-f-]{36}$/i.test(userId)) {
      return { sortKey, userId };
    }
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

/**
 * Whether the actor, a member of the event, may see its people: organizers always, attendees
 * unless the organizers turned the directory off. One rule for the directory, the interests
 * used in the event and members' profiles (`member.read` in platform/access.ts says the same
 * of one member, in SQL: change both together).
 */
export async function directoryAccess(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
): Promise<{ isOrganizer: boolean; visible: boolean }> {
  await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  const isOrganizer = await checkAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  if (isOrganizer) return { isOrganizer, visible: true };
  const row = await repo.findEvent(ctx.db, eventId);
  if (!row) throw notFound();
  return { isOrganizer, visible: seesPeople(isOrganizer, settingsOf(row)) };
}

/** The rule of `directoryAccess` for a member whose role and event settings are in hand. */
export function seesPeople(isOrganizer: boolean, settings: EventSettings): boolean {
  return isOrganizer || settings.attendeeDirectory;
}

export async function listDirectory(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  query: { q?: string | undefined; interest?: string | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<DirectoryPage> {
  const { isOrganizer, visible } = await directoryAccess(ctx, actor, eventId);
  if (!visible) return { people: [], nextCursor: null, total: 0 };
  const limit = query.limit ?? 50;
  const { rows, total } = await repo.listDirectory(ctx.db, {
    eventId,
    includeUnlisted: isOrganizer,
    search: query.q?.trim() || undefined,
    interest: query.interest ? normalizeInterest(query.interest) || undefined : undefined,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    people: page.map(({ sortKey: _sortKey, ...person }) => person),
    nextCursor: rows.length > limit && last ? encodeCursor(last.sortKey, last.userId) : null,
    total,
  };
}

export async function listMembers(ctx: ServiceContext, actor: Actor, eventId: string) {
  await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  const row = await repo.findEvent(ctx.db, eventId);
  const members = await repo.listMembers(ctx.db, eventId);
  return members.map((m) => ({ ...m, isOwner: row?.ownerId === m.userId }));
}

/**
 * Only someone who joined with an account of their own can organize: an imported person who has
 * not claimed their invitation could not sign in to use the tools (and did not agree to the role).
 */
async function requireCanOrganize(db: Database, eventId: string, userId: string, status: Status) {
  if (status !== 'invited' && (await repo.hasClaimedAccount(db, userId))) return;
  const name = await repo.memberName(db, userId);
  throw conflict(
    `${name} has not joined with an account yet. Once they claim their invitation (the link or the code on their badge), you can make them a co-organizer.`,
  );
}

/** Organizers check people in, and make attendees co-organizers (or the reverse). */
export async function updateMember(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  userId: string,
  input: { role?: Role | undefined; status?: 'joined' | 'checked_in' | undefined },
) {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  const now = ctx.now();
  const { ownerId, member } = await ctx.db.transaction(async (tx) => {
    const membership = await repo.lockMembership(tx, eventId, userId);
    if (!membership || membership.status === 'left') throw notFound();
    // A change of role waits for a transfer of ownership under way, and the reverse. Every path
    // locks a membership before its event (as the membership triggers do), so none deadlocks.
    const event = input.role ? await repo.lockEvent(tx, eventId) : await repo.findEvent(tx, eventId);
    if (input.role === 'attendee' && membership.role === 'organizer') {
      if (event?.ownerId === userId) throw conflict('The owner of the event stays an organizer.');
    }
    const roleChange = input.role !== undefined && input.role !== membership.role ? input.role : undefined;
    if (roleChange === 'organizer') await requireCanOrganize(tx, eventId, userId, membership.status);
    // As at the door: an unclaimed import stays invited, and checking in again keeps the first time.
    const checkIn = input.status ? checkInChange(membership, input.status === 'checked_in', now) : undefined;
    await repo.updateMembership(tx, eventId, userId, {
      ...(input.role ? { role: input.role } : {}),
      ...(checkIn ? { status: checkIn.status, checkedInAt: checkIn.checkedInAt } : {}),
      updatedAt: now,
    });
    if (checkIn?.changed) {
      await recordAudit(tx, {
        eventId,
        actorId: me.userId,
        action: input.status === 'checked_in' ? 'attendee.checked_in' : 'attendee.check_in_undone',
        subjectId: userId,
        detail: { via: 'members' },
        at: now,
      });
    }
    if (roleChange) {
      await recordAudit(tx, {
        eventId,
        actorId: me.userId,
        action: roleChange === 'organizer' ? 'organizer.added' : 'organizer.removed',
        subjectId: userId,
        at: now,
      });
    }
    const [updated] = await repo.listMembers(tx, eventId, userId);
    return { ownerId: event?.ownerId, member: updated };
  });
  if (!member) throw notFound();
  return { ...member, isOwner: ownerId === member.userId };
}

/**
 * The owner hands the event to another of its active organizers, and stays an organizer. The
 * event's row is locked, so of two transfers racing, the second finds it no longer owns it.
 */
export async function transferOwnership(ctx: ServiceContext, actor: Actor, eventId: string, input: { userId: string }): Promise<EventView> {
  const me = await requireAccess(ctx, actor, 'event.transfer', { kind: 'event', eventId });
  if (input.userId === me.userId) throw unprocessable('You already own this event.', '/body/userId');
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const event = await repo.lockEvent(tx, eventId);
    if (!event) throw notFound();
    if (event.ownerId !== me.userId) throw conflict('You no longer own this event: its ownership was transferred a moment ago.');
    // Not locked: whatever changes a role or leaves the event takes the event's lock too, and
    // after the membership (taking it here, after the event, could deadlock with them).
    const membership = await repo.findMembership(tx, eventId, input.userId);
    if (!membership || (membership.status !== 'joined' && membership.status !== 'checked_in')) {
      throw unprocessable('Only an organizer of this event can become its owner, and this person has not joined it.', '/body/userId');
    }
    if (membership.role !== 'organizer') {
      const name = await repo.memberName(tx, input.userId);
      throw conflict(`${name} is an attendee. Make ${name} a co-organizer first, then transfer the ownership.`, '/body/userId');
    }
    await repo.setOwner(tx, eventId, input.userId, now);
    await recordAudit(tx, {
      eventId,
      actorId: me.userId,
      action: 'event.ownership_transferred',
      subjectId: input.userId,
      detail: { from: me.userId, to: input.userId },
      at: now,
    });
  });
  return viewFor(ctx, eventId, me.userId);
}

export async function leaveEvent(ctx: ServiceContext, actor: Actor, eventId: string): Promise<void> {
  const me = await requireAccess(ctx, actor, 'event.leave', { kind: 'event', eventId });
  await ctx.db.transaction(async (tx) => {
    // Locked (membership, then event), so that leaving waits for a transfer of ownership under way.
    const membership = await repo.lockMembership(tx, eventId, me.userId);
    const event = await repo.lockEvent(tx, eventId);
    if (event?.ownerId === me.userId) {
      throw conflict('You own this event: delete it instead, or ask for ownership to be transferred first.');
    }
    if (membership?.role === 'organizer' && (await repo.countActiveOrganizers(tx, eventId)) <= 1) {
      throw conflict('You are the only organizer: make someone else an organizer before you leave.');
    }
    await repo.updateMembership(tx, eventId, me.userId, { status: 'left', role: 'attendee', updatedAt: ctx.now() });
    await releaseMeetingsOf(ctx, tx, eventId, me.userId);
  });
  // Mixers are planned outside any transaction (the solver takes a while), once the leaving is stored.
  await releaseMixersOf(ctx, eventId, me.userId);
}

/** A member's own view of their membership; access is the caller's to check. */
async function membershipView(ctx: ServiceContext, eventId: string, userId: string) {
  const membership = await repo.findMembership(ctx.db, eventId, userId);
  if (!membership) throw notFound();
  return {
    role: membership.role,
    status: membership.status,
    listed: membership.listed,
    suggestMe: membership.suggestMe,
    hereFor: await repo.findHereFor(ctx.db, eventId, userId),
  };
}

export async function getMyMembership(ctx: ServiceContext, actor: Actor, eventId: string) {
  const me = await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  return membershipView(ctx, eventId, me.userId);
}

export async function updateMyMembership(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  input: { listed?: boolean | undefined; suggestMe?: boolean | undefined; hereFor?: string | undefined },
) {
  const me = await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    if (input.listed !== undefined || input.suggestMe !== undefined) {
      await repo.updateMembership(tx, eventId, me.userId, {
        ...(input.listed !== undefined ? { listed: input.listed } : {}),
        ...(input.suggestMe !== undefined ? { suggestMe: input.suggestMe } : {}),
        updatedAt: now,
      });
    }
    if (input.hereFor !== undefined) await repo.upsertHereFor(tx, eventId, me.userId, input.hereFor.trim(), now);
  });
  return membershipView(ctx, eventId, me.userId);
}

export async function interestsInEvent(ctx: ServiceContext, actor: Actor, eventId: string) {
  const { visible } = await directoryAccess(ctx, actor, eventId);
  return visible ? repo.interestsInEvent(ctx.db, eventId, 200) : [];
}

export interface InviteView {
  id: string;
  url: string;
  token: string;
  createdAt: Date;
  expiresAt: Date;
  maxUses: number | null;
  uses: number;
}

function inviteView(ctx: ServiceContext, row: repo.InviteRow): InviteView {
  return {
    id: row.id,
    url: `${ctx.config.publicUrl}/join/${row.token}`,
    token: row.token,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    maxUses: row.maxUses,
    uses: row.uses,
  };
}

export async function createInvite(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  input: { expiresInDays?: number | undefined; maxUses?: number | undefined },
): Promise<InviteView> {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  const days = input.expiresInDays ?? DEFAULT_INVITE_DAYS;
  const row = await repo.insertInvite(ctx.db, {
    eventId,
    token: newToken().slice(0, 24),
    createdBy: me.userId,
    expiresAt: new Date(ctx.now().getTime() + days * 86_400_000),
    maxUses: input.maxUses ?? null,
  });
  return inviteView(ctx, row);
}

export async function listInvites(ctx: ServiceContext, actor: Actor, eventId: string): Promise<InviteView[]> {
  await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  const rows = await repo.listInvites(ctx.db, eventId, ctx.now());
  return rows.map((row) => inviteView(ctx, row));
}

export async function revokeInvite(ctx: ServiceContext, actor: Actor, eventId: string, inviteId: string): Promise<void> {
  await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  if (!(await repo.revokeInvite(ctx.db, eventId, inviteId, ctx.now()))) throw notFound();
}

const INVITE_GONE = 'This invite link has expired or was withdrawn. Ask the organizer for a new one.';

/** What an invite link leads to; anyone holding the link may see the event's public facts. */
export async function previewInvite(ctx: ServiceContext, actor: Actor, token: string) {
  const invite = await repo.findUsableInvite(ctx.db, token, ctx.now());
  if (!invite) throw new AppError('not_found', INVITE_GONE);
  const event = await repo.findEvent(ctx.db, invite.eventId);
  if (!event) throw new AppError('not_found', INVITE_GONE);
  const alreadyMember =
    actor.kind === 'user' && (await checkAccess(ctx, actor, 'event.read', { kind: 'event', eventId: event.id }));
  return {
    event: {
      id: event.id,
      name: event.name,
      venue: event.venue,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timeZone: event.timeZone,
      description: event.description,
    },
    alreadyMember,
  };
}

export async function acceptInvite(ctx: ServiceContext, actor: Actor, token: string): Promise<EventView> {
  const me = await requireAccess(ctx, actor, 'account.manage');
  const now = ctx.now();
  const eventId = await ctx.db.transaction(async (tx) => {
    const invite = await repo.lockUsableInvite(tx, token, now);
    if (!invite) throw new AppError('not_found', INVITE_GONE);
    // Joining first lets the membership key decide a double tap; only a real join counts a use,
    // and counting it is the atomic check of expiry, revocation and the cap (else all rolls back).
    if (await repo.joinAsAttendee(tx, invite.eventId, me.userId, now)) {
      if (!(await repo.useInvite(tx, token, now))) throw new AppError('not_found', INVITE_GONE);
    }
    return invite.eventId;
  });
  return viewFor(ctx, eventId, me.userId);
}
