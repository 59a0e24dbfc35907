import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Actor, ServiceContext } from '../context.js';
import { apiTokens, sessions, users } from '../db/schema.js';
import { hashToken, newToken } from './secrets.js';

export const SESSION_DAYS = 30;
const DAY_MS = 86_400_000;
export const API_TOKEN_PREFIX = 'cg_';

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-cg_session' : 'cg_session';
}

/** Sets the session cookie on a reply: HttpOnly, SameSite=Lax, and Secure with the `__Host-` name behind HTTPS. */
export function setSessionCookie(reply: FastifyReply, secure: boolean, session: { token: string; expiresAt: Date }) {
  return reply.setCookie(sessionCookieName(secure), session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    expires: session.expiresAt,
  });
}

/** Creates a session and returns its token (the only time it exists in clear). */
export async function startSession(ctx: ServiceContext, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
  await ctx.db.insert(sessions).values({ userId, tokenHash: hashToken(token), createdAt: now, lastSeenAt: now, expiresAt });
  return { token, expiresAt };
}

export async function endSession(ctx: ServiceContext, token: string): Promise<void> {
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/**
 * The actor behind a session cookie; renews the expiry at most once a day, unless `touch` is
 * false (a check that is not the person's doing, such as an open stream's, must not keep a
 * session alive).
 */
export async function actorFromSession(ctx: ServiceContext, token: string, { touch = true } = {}): Promise<Actor | undefined> {
  const now = ctx.now();
  const [row] = await ctx.db
    .select({ sessionId: sessions.id, userId: users.id, isAdmin: users.isAdmin, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row) return undefined;
  if (touch && now.getTime() - row.lastSeenAt.getTime() > DAY_MS) {
    await ctx.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY_MS) })
      .where(eq(sessions.id, row.sessionId));
  }
  return { kind: 'user', userId: row.userId, isAdmin: row.isAdmin };
}

/** The actor behind a bearer API token; `touch` as for sessions. */
export async function actorFromApiToken(ctx: ServiceContext, token: string, { touch = true } = {}): Promise<Actor | undefined> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
  const now = ctx.now();
  const [row] = await ctx.db
    .select({ tokenId: apiTokens.id, userId: users.id, isAdmin: users.isAdmin, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  // Recording every use would turn each read into a write; a minute's precision is plenty.
  if (touch && (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)) {
    await ctx.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  return { kind: 'user', userId: row.userId, isAdmin: row.isAdmin };
}

export async function deleteExpiredSessions(ctx: ServiceContext): Promise<void> {
  await ctx.db.delete(sessions).where(sql`${sessions.expiresAt} <= ${ctx.now().toISOString()}`);
}
