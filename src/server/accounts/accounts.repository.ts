import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../platform/db/client.js';
import { apiTokens, profiles, sessions, setupTokens, users } from '../platform/db/schema.js';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}

export async function findUserById(db: Database, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** Inserts the user and their profile; the unique email index settles races. */
export async function insertUser(
  db: Database,
  values: { email: string; name: string; passwordHash: string; isAdmin: boolean },
): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values(values).returning();
    await tx.insert(profiles).values({ userId: user!.id, displayName: values.name });
    return user!;
  });
}

export async function anyUser(db: Database): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}

export async function updatePasswordHash(db: Database, userId: string, passwordHash: string, now: Date) {
  await db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId));
}

export async function deleteOtherSessions(db: Database, userId: string, keepTokenHash: string | undefined) {
  await db
    .delete(sessions)
    .where(keepTokenHash ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)) : eq(sessions.userId, userId));
}

export async function deleteUser(db: Database, userId: string) {
  await db.delete(users).where(eq(users.id, userId));
}

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
};

export async function listApiTokens(db: Database, userId: string) {
  return db
    .select(tokenColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function insertApiToken(
  db: Database,
  values: { userId: string; name: string; tokenHash: string; prefix: string; expiresAt: Date | null },
) {
  const [row] = await db.insert(apiTokens).values(values).returning(tokenColumns);
  return row!;
}

/** Revokes one of the user's own tokens; false when there was none to revoke. */
export async function revokeApiToken(db: Database, userId: string, tokenId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function revokeAllApiTokens(db: Database, userId: string, now: Date) {
  await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

export async function setupTokenIsValid(db: Database, tokenHash: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: setupTokens.id })
    .from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, tokenHash), sql`${setupTokens.expiresAt} > ${now.toISOString()}`))
    .limit(1);
  return row !== undefined;
}

/**
 * Stores another set-up token; expired ones go. Tokens other processes printed stay valid, so
 * several processes starting at once on one empty database each print a link that works.
 */
export async function addSetupToken(db: Database, tokenHash: string, expiresAt: Date, now: Date) {
  await db.transaction(async (tx) => {
    await tx.delete(setupTokens).where(sql`${setupTokens.expiresAt} <= ${now.toISOString()}`);
    await tx.insert(setupTokens).values({ tokenHash, expiresAt });
  });
}

/** Deletes the setup token if it is valid; true when it was. */
export async function consumeSetupToken(db: Database, tokenHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .delete(setupTokens)
    .where(and(eq(setupTokens.tokenHash, tokenHash), sql`${setupTokens.expiresAt} > ${now.toISOString()}`))
    .returning({ id: setupTokens.id });
  return rows.length > 0;
}

export async function deleteSetupTokens(db: Database) {
  await db.delete(setupTokens);
}
