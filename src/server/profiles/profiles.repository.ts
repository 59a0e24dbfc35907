import { eq } from 'drizzle-orm';
import type { Database } from '../platform/db/client.js';
import { profiles } from '../platform/db/schema.js';

export type ProfileRow = typeof profiles.$inferSelect;

export async function findProfile(db: Database, userId: string): Promise<ProfileRow | undefined> {
  const [row] = await db.select().from(profiles).where(eq(profiles.userId, userId)).limit(1);
  return row;
}

export async function saveProfile(db: Database, values: typeof profiles.$inferInsert): Promise<ProfileRow> {
  const { userId: _userId, ...changes } = values;
  const [row] = await db
    .insert(profiles)
    .values(values)
    .onConflictDoUpdate({ target: profiles.userId, set: changes })
    .returning();
  return row!;
}
