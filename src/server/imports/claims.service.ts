import { hashPassword } from '../platform/auth/secrets.js';
import { startSession } from '../platform/auth/sessions.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import { AppError, conflict, unauthenticated } from '../platform/errors.js';
import { consumeRate, type RateRule } from '../platform/rate-limit.js';
import * as repo from './claims.repository.js';

/**
 * A badge's claim link. For someone an organizer imported it is how they first get in: it sets
 * the password of the account made for them, once. For someone who already had an account it
 * asks them to sign in and then joins them. For anyone else it only says it is taken.
 */

export type ClaimState =
  /** An imported person's account, never signed in to: choose a password to claim it. */
  | 'unclaimed'
  /** The person has an account: signing in as them accepts the invitation. */
  | 'sign_in'
  /** Signed in as the person, invited: one tap joins. */
  | 'join'
  /** Nothing to claim any more. */
  | 'claimed';

export interface ClaimView {
  state: ClaimState;
  event: { id: string; name: string; venue: string; startsAt: Date; endsAt: Date; timeZone: string };
  /** The name on the badge, so that its owner knows it is theirs; not given once claimed. */
  name?: string;
  /** The account's email with most of it hidden, e.g. "a•••@example.org", to say which account to sign in to. */
  emailHint?: string;
}

const CLAIM_GONE = 'This claim link does not work: check the code on your badge, or ask the organizers for a new one.';
// Everyone at the door shares the venue's Wi-Fi, so one address claims for a crowd (as sign-in
// allows). Codes are 256-bit, so this is not what stops guessing; it bounds the work.
export const CLAIMS_PER_IP: RateRule = { limit: 1000, windowSeconds: 15 * 60, message: 'Too many tries from your network: please wait {wait}.' };

/** The first letter of the local part and the whole domain: enough to recognize, not to harvest. */
export function emailHint(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

function stateOf(claim: repo.ClaimRow, actor: Actor): ClaimState {
  if (claim.status !== 'invited') return 'claimed';
  if (!claim.hasPassword) return claim.claimedAt === null && claim.importedAt !== null ? 'unclaimed' : 'claimed';
  return actor.kind === 'user' && actor.userId === claim.userId ? 'join' : 'sign_in';
}

function viewOf(claim: repo.ClaimRow, state: ClaimState): ClaimView {
  const event = { id: claim.eventId, ...claim.event };
  if (state === 'claimed') return { state, event };
  return { state, event, name: claim.name, ...(state === 'sign_in' ? { emailHint: emailHint(claim.email) } : {}) };
}

/** What a claim link leads to; anyone holding it (the badge's wearer) may ask. */
export async function describeClaim(ctx: ServiceContext, actor: Actor, token: string): Promise<ClaimView> {
  const claim = await repo.findClaim(ctx.db, token);
  if (!claim || claim.status === 'left') throw new AppError('not_found', CLAIM_GONE);
  return viewOf(claim, stateOf(claim, actor));
}

export interface ClaimResult {
  eventId: string;
  /** A new session when the claim set the account's first password. */
  session?: { token: string; expiresAt: Date };
}

/**
 * Claims: sets the first password (and starts a session) for an imported account, or joins the
 * signed-in owner of an existing one. A row lock settles two claims of one badge at once: the
 * second finds it claimed.
 */
export async function claim(
  ctx: ServiceContext,
  actor: Actor,
  token: string,
  input: { password?: string | undefined; name?: string | undefined },
  ip: string,
): Promise<ClaimResult> {
  await consumeRate(ctx, `claim:ip:${ip}`, CLAIMS_PER_IP);
  const now = ctx.now();
  // A password is hashed (a tenth of a second of work) only for a badge there is to claim.
  const before = await repo.findClaim(ctx.db, token);
  if (!before || before.status === 'left') throw new AppError('not_found', CLAIM_GONE);
  const passwordHash = input.password !== undefined && stateOf(before, actor) === 'unclaimed' ? await hashPassword(input.password) : undefined;
  const result = await ctx.db.transaction(async (tx) => {
    const found = await repo.findClaim(tx, token, true);
    if (!found || found.status === 'left') throw new AppError('not_found', CLAIM_GONE);
    const state = stateOf(found, actor);
    switch (state) {
      case 'claimed':
        throw conflict('This badge’s profile is claimed already. Sign in to the account, or ask the organizers if it is not you.');
      case 'sign_in':
        if (actor.kind !== 'user') throw unauthenticated(`Sign in as ${emailHint(found.email)} to accept this invitation.`);
        throw conflict(`This badge belongs to another account (${emailHint(found.email)}). Sign out, then sign in to that one.`);
      case 'unclaimed': {
        if (passwordHash === undefined) throw new AppError('validation', 'Please choose a password.', { errors: [{ pointer: '/body/password', detail: 'Please choose a password.' }] });
        if (!(await repo.setFirstPassword(tx, found.userId, passwordHash, input.name, now))) throw conflict('This badge’s profile is claimed already.');
        await repo.activateClaimedMembership(tx, found.eventId, found.userId, now);
        return { eventId: found.eventId, userId: found.userId, newSession: true };
      }
      case 'join':
        await repo.activateClaimedMembership(tx, found.eventId, found.userId, now);
        return { eventId: found.eventId, userId: found.userId, newSession: false };
    }
  });
  if (!result.newSession) return { eventId: result.eventId };
  return { eventId: result.eventId, session: await startSession(ctx, result.userId) };
}
