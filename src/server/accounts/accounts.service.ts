import { requireAccess } from '../platform/access.js';
import { API_TOKEN_PREFIX, endSession, startSession } from '../platform/auth/sessions.js';
import { hashPassword, hashToken, newToken, verifyAgainstNothing, verifyPassword } from '../platform/auth/secrets.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import { AppError, conflict, isUniqueViolation, notFound, unauthenticated } from '../platform/errors.js';
import { consumeRate, resetRate, resetRatesMatching, type RateRule } from '../platform/rate-limit.js';
import { handOverOwnedEvents } from '../events/events.repository.js';
import * as repo from './accounts.repository.js';

export interface Account {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  createdAt: Date;
}

export interface SignedIn {
  account: Account;
  session: { token: string; expiresAt: Date };
}

/** Where a request comes from, for rate limits. */
export interface Origin {
  ip: string;
}

// Guessing one person's password from one network is stopped quickly; from many networks it is
// stopped too, later, so that nobody can lock a person out at the door from elsewhere with ease.
const SIGN_IN_PER_EMAIL_AND_IP: RateRule = {
  limit: 10,
  windowSeconds: 15 * 60,
  message: 'Too many sign-in attempts for this email. Please try again in {wait}.',
};
const SIGN_IN_PER_EMAIL: RateRule = {
  limit: 100,
  windowSeconds: 60 * 60,
  message: 'Too many sign-in attempts for this email from many places. Please try again in {wait}.',
};
// Everyone on a venue's Wi-Fi shares one address: the per-network limits allow a crowd.
const SIGN_IN_PER_IP: RateRule = {
  limit: 1000,
  windowSeconds: 15 * 60,
  message: 'Too many sign-in attempts from your network. Please try again in {wait}.',
};
const SIGN_UP_PER_IP: RateRule = {
  limit: 300,
  windowSeconds: 60 * 60,
  message: 'Too many new accounts from your network in the last hour. Please try again in {wait}.',
};
const PASSWORD_CHECKS_PER_USER: RateRule = {
  limit: 10,
  windowSeconds: 15 * 60,
  message: 'Too many password attempts. Please try again in {wait}.',
};
const SETUP_TOKEN_HOURS = 24;
const WRONG_CREDENTIALS = 'The email or password is not right.';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function toAccount(row: repo.UserRow): Account {
  return { id: row.id, email: row.email, name: row.name, isAdmin: row.isAdmin, createdAt: row.createdAt };
}

/** Creates a user; used by sign-up, first-run set-up and `commonground admin create`. */
export async function createUser(
  ctx: ServiceContext,
  input: { email: string; name: string; password: string; isAdmin?: boolean },
): Promise<Account> {
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await repo.insertUser(ctx.db, {
      email: normalizeEmail(input.email),
      name: input.name.trim(),
      passwordHash,
      isAdmin: input.isAdmin ?? false,
    });
    return toAccount(row);
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_key')) {
      const existing = await repo.findUserByEmail(ctx.db, normalizeEmail(input.email));
      if (existing?.passwordHash === '') {
        throw conflict(
          'An event’s organizers added this email to their guest list: open the claim link on your badge or invitation to choose your password.',
          '/body/email',
        );
      }
      throw conflict('An account with this email already exists.', '/body/email');
    }
    throw error;
  }
}

export async function signUp(
  ctx: ServiceContext,
  input: { email: string; name: string; password: string },
  origin: Origin,
): Promise<SignedIn> {
  await consumeRate(ctx, `sign-up:ip:${origin.ip}`, SIGN_UP_PER_IP);
  // The first account is the admin's, made with the one-time link printed at start; until then
  // nobody else can take the server.
  if (!(await repo.anyUser(ctx.db))) {
    throw new AppError(
      'conflict',
      'This server is not set up yet: whoever installed it creates the first account with the link printed when it started.',
    );
  }
  const account = await createUser(ctx, input);
  return { account, session: await startSession(ctx, account.id) };
}

async function checkCredentials(ctx: ServiceContext, email: string, password: string, origin: Origin) {
  const normalized = normalizeEmail(email);
  await consumeRate(ctx, `sign-in:ip:${origin.ip}`, SIGN_IN_PER_IP);
  await consumeRate(ctx, `sign-in:email-ip:${normalized}:${origin.ip}`, SIGN_IN_PER_EMAIL_AND_IP);
  await consumeRate(ctx, `sign-in:email:${normalized}`, SIGN_IN_PER_EMAIL);
  const user = await repo.findUserByEmail(ctx.db, normalized);
  // An imported account nobody has claimed has no password: it answers as slowly as an unknown email.
  const ok = user && user.passwordHash !== '' ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
  if (!user || !ok) throw unauthenticated(WRONG_CREDENTIALS);
  await resetRate(ctx.db, `sign-in:email-ip:${normalized}:${origin.ip}`);
  return user;
}

export async function signIn(ctx: ServiceContext, input: { email: string; password: string }, origin: Origin): Promise<SignedIn> {
  const user = await checkCredentials(ctx, input.email, input.password, origin);
  return { account: toAccount(user), session: await startSession(ctx, user.id) };
}

export async function signOut(ctx: ServiceContext, sessionToken: string | undefined): Promise<void> {
  if (sessionToken) await endSession(ctx, sessionToken);
}

export async function getAccount(ctx: ServiceContext, actor: Actor): Promise<Account> {
  const me = await requireAccess(ctx, actor, 'account.manage');
  const row = await repo.findUserById(ctx.db, me.userId);
  if (!row) throw unauthenticated();
  return toAccount(row);
}

/**
 * The signed-in person's account, once they have proven it with their password; the attempts
 * are limited, so a stolen session cannot be turned into the password by guessing.
 */
async function confirmPassword(ctx: ServiceContext, actor: Actor, password: string, field: string) {
  const me = await requireAccess(ctx, actor, 'account.manage');
  await consumeRate(ctx, `password-check:${me.userId}`, PASSWORD_CHECKS_PER_USER);
  const row = await repo.findUserById(ctx.db, me.userId);
  if (!row) throw unauthenticated();
  if (!(await verifyPassword(row.passwordHash, password))) {
    throw new AppError('validation', 'Your password is not right.', {
      errors: [{ pointer: `/body/${field}`, detail: 'This is not your current password.' }],
    });
  }
  await resetRate(ctx.db, `password-check:${me.userId}`);
  return row;
}

export async function changePassword(
  ctx: ServiceContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  currentSessionToken: string | undefined,
): Promise<void> {
  const row = await confirmPassword(ctx, actor, input.currentPassword, 'currentPassword');
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await repo.updatePasswordHash(tx, row.id, hash, ctx.now());
    // Every other device is signed out; this one stays signed in.
    await repo.deleteOtherSessions(tx, row.id, currentSessionToken ? hashToken(currentSessionToken) : undefined);
  });
}

export async function deleteAccount(ctx: ServiceContext, actor: Actor, input: { password: string }): Promise<void> {
  const row = await confirmPassword(ctx, actor, input.password, 'password');
  await ctx.db.transaction(async (tx) => {
    await handOverOwnedEvents(tx, row.id);
    await repo.deleteUser(tx, row.id);
  });
}

/**
 * For the server's operator (`commonground admin reset-password`, with the database in hand):
 * a new password for an account, every session and API token of it ended and its sign-in lock
 * lifted. There is no email to send a reset link with, so this is the way back for a forgotten
 * password, or for an account someone else got into.
 */
export async function resetPassword(ctx: ServiceContext, input: { email: string; password: string }): Promise<Account> {
  const email = normalizeEmail(input.email);
  const user = await repo.findUserByEmail(ctx.db, email);
  if (!user) throw new AppError('not_found', `There is no account with the email ${email}.`);
  const hash = await hashPassword(input.password);
  await ctx.db.transaction(async (tx) => {
    await repo.updatePasswordHash(tx, user.id, hash, ctx.now());
    await repo.deleteOtherSessions(tx, user.id, undefined);
    await repo.revokeAllApiTokens(tx, user.id, ctx.now());
    await resetRatesMatching(tx, `sign-in:email-ip:${email}:`);
    await resetRate(tx, `sign-in:email:${email}`);
  });
  return toAccount(user);
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

export async function listApiTokens(ctx: ServiceContext, actor: Actor): Promise<ApiTokenInfo[]> {
  const me = await requireAccess(ctx, actor, 'account.manage');
  return repo.listApiTokens(ctx.db, me.userId);
}

async function issueApiToken(ctx: ServiceContext, userId: string, name: string, expiresInDays: number | undefined) {
  const token = newToken(API_TOKEN_PREFIX);
  const expiresAt = expiresInDays ? new Date(ctx.now().getTime() + expiresInDays * 86_400_000) : null;
  const info = await repo.insertApiToken(ctx.db, {
    userId,
    name: name.trim(),
    tokenHash: hashToken(token),
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    expiresAt,
  });
  return { ...info, token };
}

export async function createApiToken(
  ctx: ServiceContext,
  actor: Actor,
  input: { name: string; expiresInDays?: number | undefined },
): Promise<ApiTokenInfo & { token: string }> {
  const me = await requireAccess(ctx, actor, 'account.manage');
  return issueApiToken(ctx, me.userId, input.name, input.expiresInDays);
}

/** For `commonground login`: email and password in, a named API token out. */
export async function createApiTokenWithPassword(
  ctx: ServiceContext,
  input: { email: string; password: string; name: string; expiresInDays?: number | undefined },
  origin: Origin,
): Promise<ApiTokenInfo & { token: string; account: Account }> {
  const user = await checkCredentials(ctx, input.email, input.password, origin);
  return { ...(await issueApiToken(ctx, user.id, input.name, input.expiresInDays)), account: toAccount(user) };
}

export async function revokeApiToken(ctx: ServiceContext, actor: Actor, tokenId: string): Promise<void> {
  const me = await requireAccess(ctx, actor, 'account.manage');
  if (!(await repo.revokeApiToken(ctx.db, me.userId, tokenId, ctx.now()))) throw notFound();
}

/** On an empty server: a one-time token for the link that creates the first (admin) account. */
export async function issueSetupToken(ctx: ServiceContext): Promise<string | undefined> {
  if (await repo.anyUser(ctx.db)) {
    await repo.deleteSetupTokens(ctx.db);
    return undefined;
  }
  const token = newToken();
  const now = ctx.now();
  await repo.addSetupToken(ctx.db, hashToken(token), new Date(now.getTime() + SETUP_TOKEN_HOURS * 3_600_000), now);
  return token;
}

export async function setupStatus(ctx: ServiceContext): Promise<{ needed: boolean }> {
  return { needed: !(await repo.anyUser(ctx.db)) };
}

export async function completeSetup(
  ctx: ServiceContext,
  input: { token: string; email: string; name: string; password: string },
): Promise<SignedIn> {
  // A token that cannot work costs no password hash: the route is public.
  if (!(await repo.setupTokenIsValid(ctx.db, hashToken(input.token), ctx.now()))) throw notFound();
  const passwordHash = await hashPassword(input.password);
  const row = await ctx.db.transaction(async (tx) => {
    const valid = await repo.consumeSetupToken(tx, hashToken(input.token), ctx.now());
    if (!valid || (await repo.anyUser(tx))) throw notFound();
    const user = await repo.insertUser(tx, { email: normalizeEmail(input.email), name: input.name.trim(), passwordHash, isAdmin: true });
    await repo.deleteSetupTokens(tx);
    return user;
  });
  const account = toAccount(row);
  return { account, session: await startSession(ctx, account.id) };
}
