import { badgeCodeOf, typedDoorCodeOf } from '../../core/badges/badge-code.js';
import { checkInChange, isCheckedIn } from '../../core/badges/check-in.js';
import { normalizeInterests } from '../../core/interests/normalize.js';
import { recordAudit } from '../audit/audit.repository.js';
import { requireAccess } from '../platform/access.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import { AppError, conflict, notFound } from '../platform/errors.js';
import { consumeRate } from '../platform/rate-limit.js';
import * as repo from './badges.repository.js';

/** A scanner stuck on a loop, or a script, stops here; a busy door scans a badge every couple of seconds. */
export const SCANS_PER_MINUTE = 120;
const SCAN_RATE = { limit: SCANS_PER_MINUTE, windowSeconds: 60, message: 'Too many scans in a minute. Wait {wait} and scan again.' };
const RECENT_CHECK_INS = 12;

const noBadge = () => new AppError('not_found', 'No badge of this event has this code.');

/** An unclaimed import is `invited` with no claim yet; everyone else's account is their own. */
const isClaimed = (row: Pick<repo.BadgeRow, 'status' | 'claimedAt'>) => row.claimedAt !== null || row.status !== 'invited';

function claimUrl(ctx: ServiceContext, token: string) {
  return `${ctx.config.publicUrl}/claim/${encodeURIComponent(token)}`;
}

function doorPerson(row: repo.BadgeRow) {
  return {
    userId: row.userId,
    name: row.displayName,
    headline: row.headline,
    role: row.role,
    status: row.status,
    claimed: isClaimed(row),
    checkedIn: isCheckedIn(row),
    checkedInAt: isCheckedIn(row) ? row.checkedInAt : null,
  };
}

/**
 * The badges to print: everyone who has not left, with their claim link as the QR code. Organizers
 * who may import people may print them, since the claim links are the import's secrets.
 */
export async function listBadges(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  query: { filter?: repo.BadgeFilter | undefined; q?: string | undefined },
) {
  await requireAccess(ctx, actor, 'attendee.import', { kind: 'event', eventId });
  const event = await repo.findEvent(ctx.db, eventId);
  if (!event) throw notFound();
  const rows = await repo.listBadges(ctx.db, eventId, query.filter ?? 'everyone', query.q?.trim() || undefined);
  return {
    event,
    badges: rows.map((row) => ({
      ...doorPerson(row),
      interests: normalizeInterests(row.interests, 3),
      claimUrl: claimUrl(ctx, row.claimToken),
      imported: row.importedAt !== null,
    })),
  };
}

/** How the door is doing: how many came of how many, and the latest check-ins. */
export async function doorSummary(ctx: ServiceContext, actor: Actor, eventId: string) {
  await requireAccess(ctx, actor, 'attendee.checkIn', { kind: 'event', eventId });
  const counts = await repo.countCheckIns(ctx.db, eventId);
  const recent = await repo.recentCheckIns(ctx.db, eventId, RECENT_CHECK_INS);
  return { ...counts, recent: recent.map(doorPerson) };
}

/**
 * Checks in the person whose badge carries `code` (the token or the whole claim link). A second
 * scan answers what the first did, with `alreadyCheckedIn`, and writes nothing.
 */
export async function checkInByCode(ctx: ServiceContext, actor: Actor, eventId: string, code: string) {
  const me = await requireAccess(ctx, actor, 'attendee.checkIn', { kind: 'event', eventId });
  await consumeRate(ctx, `check-in:${me.userId}`, SCAN_RATE);
  const token = badgeCodeOf(code);
  const typed = token ? undefined : typedDoorCodeOf(code);
  if (!token && !typed) throw noBadge();
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    let row: repo.BadgeRow | undefined;
    if (token) row = await repo.lockBadgeByCode(tx, eventId, token);
    else {
      const found = await repo.lockBadgesStartingWith(tx, eventId, typed!);
      if (found.length > 1) throw conflict('Two badges of this event start with this code: scan the QR code, or find the person in Members.');
      row = found[0];
    }
    if (!row) throw noBadge();
    if (row.status === 'left') throw conflict(`${row.displayName} left this event, so they cannot be checked in.`);
    const next = checkInChange(row, true, now);
    if (next.changed) {
      await repo.setCheckIn(tx, eventId, row.userId, { status: next.status, checkedInAt: next.checkedInAt, updatedAt: now });
      await recordAudit(tx, { eventId, actorId: me.userId, action: 'attendee.checked_in', subjectId: row.userId, detail: { via: 'door' }, at: now });
    }
    const counts = await repo.countCheckIns(tx, eventId);
    const person = doorPerson({ ...row, status: next.status, checkedInAt: next.checkedInAt });
    return { person, alreadyCheckedIn: !next.changed, ...counts };
  });
}

/** Takes a check-in back (a badge scanned for the wrong person, say). Not checked in: nothing changes. */
export async function undoCheckIn(ctx: ServiceContext, actor: Actor, eventId: string, userId: string) {
  const me = await requireAccess(ctx, actor, 'attendee.checkIn', { kind: 'event', eventId });
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.lockBadgeOf(tx, eventId, userId);
    if (!row || row.status === 'left') throw notFound();
    const next = checkInChange(row, false, now);
    if (next.changed) {
      await repo.setCheckIn(tx, eventId, userId, { status: next.status, checkedInAt: null, updatedAt: now });
      await recordAudit(tx, { eventId, actorId: me.userId, action: 'attendee.check_in_undone', subjectId: userId, at: now });
    }
    const counts = await repo.countCheckIns(tx, eventId);
    return { person: doorPerson({ ...row, status: next.status, checkedInAt: null }), ...counts };
  });
}
