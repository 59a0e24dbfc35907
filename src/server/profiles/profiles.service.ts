import { interestKey, normalizeInterests, normalizePhrases } from '../../core/interests/normalize.js';
import { requireAccess } from '../platform/access.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import * as events from '../events/events.repository.js';
import * as repo from './profiles.repository.js';

export interface ProfileInput {
  displayName: string;
  headline: string;
  bio: string;
  interests: string[];
  offers: string[];
  seeking: string[];
  questions: string[];
  contact: { email: string; phone: string; links: string[] };
}

function myProfileView(row: repo.ProfileRow) {
  return {
    userId: row.userId,
    displayName: row.displayName,
    headline: row.headline,
    bio: row.bio,
    interests: row.interests,
    offers: row.offers,
    seeking: row.seeking,
    questions: row.questions,
    contact: { email: row.contactEmail, phone: row.contactPhone, links: row.contactLinks },
    updatedAt: row.updatedAt,
  };
}

export async function getMyProfile(ctx: ServiceContext, actor: Actor) {
  const me = await requireAccess(ctx, actor, 'account.manage');
  const row = await repo.findProfile(ctx.db, me.userId);
  if (!row) throw notFound();
  return myProfileView(row);
}

/** A question reads as one: one question mark at the end. */
function asQuestion(text: string): string {
  return text.endsWith('?') ? text : `${text.replace(/[.!]+$/, '')}?`;
}

export type ProfileFields = Pick<ProfileInput, 'displayName' | 'headline' | 'bio' | 'interests' | 'offers' | 'seeking' | 'questions'>;

/**
 * The public profile fields as they are stored: trimmed, within their lengths, lists tidied and
 * deduplicated, every question ending in one question mark. Everything that writes a profile
 * goes through here, so a profile looks the same however it was made.
 */
export function normalizeProfileFields(input: ProfileFields): ProfileFields {
  return {
    displayName: input.displayName.trim().slice(0, 100),
    headline: input.headline.trim().slice(0, 140),
    bio: input.bio.trim().slice(0, 1000),
    interests: normalizeInterests(input.interests),
    offers: normalizePhrases(input.offers, 140, 10),
    seeking: normalizePhrases(input.seeking, 140, 10),
    // Cut one short so the added question mark stays within 200; again to drop "Why" next to "Why?".
    questions: normalizePhrases(normalizePhrases(input.questions, 199, 5).map(asQuestion), 200, 5),
  };
}

export async function updateMyProfile(ctx: ServiceContext, actor: Actor, input: ProfileInput) {
  const me = await requireAccess(ctx, actor, 'account.manage');
  const row = await repo.saveProfile(ctx.db, {
    userId: me.userId,
    ...normalizeProfileFields(input),
    contactEmail: input.contact.email.trim(),
    contactPhone: input.contact.phone.trim(),
    contactLinks: normalizePhrases(input.contact.links, 300, 5),
    updatedAt: ctx.now(),
  });
  return myProfileView(row);
}

/** A member's profile seen from an event; contact details never leave through here. */
export async function getMemberProfile(ctx: ServiceContext, actor: Actor, eventId: string, userId: string) {
  // member.read is the directory's rule: with it off, attendees see only themselves (organizers everyone).
  const me = await requireAccess(ctx, actor, 'member.read', { kind: 'member', eventId, userId });
  const [row, mine, membership, hereFor] = await Promise.all([
    repo.findProfile(ctx.db, userId),
    repo.findProfile(ctx.db, me.userId),
    events.findMembership(ctx.db, eventId, userId),
    events.findHereFor(ctx.db, eventId, userId),
  ]);
  if (!row || !membership) throw notFound();
  const myKeys = new Set((mine?.interests ?? []).map(interestKey));
  return {
    userId: row.userId,
    displayName: row.displayName,
    headline: row.headline,
    bio: row.bio,
    interests: row.interests,
    offers: row.offers,
    seeking: row.seeking,
    questions: row.questions,
    hereFor,
    role: membership.role,
    status: membership.status,
    sharedInterests: userId === me.userId ? [] : row.interests.filter((i) => myKeys.has(interestKey(i))),
  };
}
