import { and, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../platform/db/client.js';
import { notifications, type NotificationKind } from '../platform/db/schema.js';

export type NotificationRow = typeof notifications.$inferSelect;

export interface NewNotification {
  userId: string;
  /** Null for what belongs to no event (introductions, asks, contact exchange). */
  eventId: string | null;
  kind: NotificationKind;
  text: string;
  link: string;
  meetingId?: string | null;
}

export async function insertNotification(db: Database, values: NewNotification, now: Date): Promise<NotificationRow> {
  const [row] = await db
    .insert(notifications)
    .values({ ...values, meetingId: values.meetingId ?? null, createdAt: now })
    .returning();
  return row!;
}

export async function latestOf(db: Database, userId: string, limit: number): Promise<NotificationRow[]> {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
}

export async function unreadCount(db: Database, userId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${notifications} where user_id = ${userId} and read_at is null`,
  );
  return row?.n ?? 0;
}

export async function markRead(db: Database, userId: string, upTo: Date, now: Date) {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), lte(notifications.createdAt, upTo)));
}

/** Notifications older than `before` are of no use any more. */
export async function deleteOlderThan(db: Database, before: Date) {
  await db.execute(sql`delete from ${notifications} where created_at < ${before.toISOString()}`);
}

/**
 * "Starting soon" for both people of every placed, active meeting whose slot starts within the
 * window, each once (the unique index decides, whichever process looks first).
 */
export async function insertStartingSoon(db: Database, now: Date, windowMinutes: number) {
  return queryRows<{ id: string; user_id: string; event_id: string; kind: NotificationKind; text: string; link: string; meeting_id: string; created_at: string | Date }>(
    db,
    sql`with due as (
        select m.id as meeting_id, m.event_id, s.starts_at, e.time_zone, t.label as table_label, side.me, side.other
        from meetings m
        join meeting_slots s on s.id = m.slot_id
        join meeting_tables t on t.id = m.table_id
        join events e on e.id = m.event_id
        cross join lateral (values (m.user_low, m.user_high), (m.user_high, m.user_low)) as side(me, other)
        where m.status = 'active' and m.held_at is null and s.starts_at > ${now.toISOString()}
          and s.starts_at <= ${new Date(now.getTime() + windowMinutes * 60_000).toISOString()}
      )
      insert into notifications (user_id, event_id, kind, text, link, meeting_id, created_at)
      select due.me, due.event_id, 'meeting_starting',
        'At ' || to_char(due.starts_at at time zone due.time_zone, 'HH24:MI') || ': ' || p.display_name || ' at ' || due.table_label,
        '/e/' || due.event_id || '/meetings', due.meeting_id, ${now.toISOString()}
      from due join profiles p on p.user_id = due.other
      on conflict (user_id, meeting_id) where kind = 'meeting_starting' do nothing
      returning id, user_id, event_id, kind, text, link, meeting_id, created_at`,
  );
}
