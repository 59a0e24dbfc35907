import type { Actor, ServiceContext } from '../platform/context.js';
import { requireAccess } from '../platform/access.js';
import { actorFromApiToken, actorFromSession } from '../platform/auth/sessions.js';
import type { Database } from '../platform/db/client.js';
import { publish } from '../platform/realtime.js';
import * as repo from './notifications.repository.js';

export interface NotificationView {
  id: string;
  eventId: string | null;
  kind: repo.NotificationRow['kind'];
  text: string;
  link: string;
  meetingId: string | null;
  createdAt: Date;
  read: boolean;
}

/** How long before a meeting both people are told it is about to start. */
export const STARTING_SOON_MINUTES = 10;
const KEEP_DAYS = 30;

function toView(row: repo.NotificationRow): NotificationView {
  return {
    id: row.id,
    eventId: row.eventId,
    kind: row.kind,
    text: row.text,
    link: row.link,
    meetingId: row.meetingId,
    createdAt: row.createdAt,
    read: row.readAt !== null,
  };
}

/**
 * Stores a notification and announces it live. Call it inside the transaction of the change it
 * tells of: if that rolls back, nothing was stored and nothing was announced.
 */
export async function notify(db: Database, notification: repo.NewNotification, now: Date): Promise<void> {
  const row = await repo.insertNotification(db, notification, now);
  await publish(db, { userId: row.userId, type: 'notification', data: toView(row) });
}

export async function listMine(ctx: ServiceContext, actor: Actor) {
  const me = await requireAccess(ctx, actor, 'account.manage');
  const [rows, unread] = await Promise.all([repo.latestOf(ctx.db, me.userId, 50), repo.unreadCount(ctx.db, me.userId)]);
  return { notifications: rows.map(toView), unread };
}

export async function markAllRead(ctx: ServiceContext, actor: Actor) {
  const me = await requireAccess(ctx, actor, 'account.manage');
  const now = ctx.now();
  await repo.markRead(ctx.db, me.userId, now, now);
}

/** Checks the actor may open their live stream; the route then subscribes to `userId`. */
export async function openStream(ctx: ServiceContext, actor: Actor): Promise<{ userId: string }> {
  const me = await requireAccess(ctx, actor, 'account.manage');
  return { userId: me.userId };
}

/** Whether the credentials a stream was opened with still sign in `userId`. */
export async function stillSignedIn(
  ctx: ServiceContext,
  authorization: string | undefined,
  sessionToken: string | undefined,
  userId: string,
): Promise<boolean> {
  try {
    const actor = authorization?.startsWith('Bearer ')
      ? await actorFromApiToken(ctx, authorization.slice(7).trim(), { touch: false })
      : sessionToken
        ? await actorFromSession(ctx, sessionToken, { touch: false })
        : undefined;
    return actor?.kind === 'user' && actor.userId === userId;
  } catch {
    // The database is briefly unreachable: keep the stream rather than drop everyone.
    return true;
  }
}

/** Tells both people of every meeting starting within the next minutes, once. Run by a timer in every process. */
export async function announceStartingMeetings(ctx: ServiceContext): Promise<number> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.insertStartingSoon(tx as unknown as Database, now, STARTING_SOON_MINUTES);
    for (const row of rows) {
      const view: NotificationView = {
        id: row.id,
        eventId: row.event_id,
        kind: row.kind,
        text: row.text,
        link: row.link,
        meetingId: row.meeting_id,
        createdAt: new Date(row.created_at),
        read: false,
      };
      await publish(tx as unknown as Database, { userId: row.user_id, type: 'notification', data: view });
    }
    return rows.length;
  });
}

export async function deleteOldNotifications(ctx: ServiceContext) {
  await repo.deleteOlderThan(ctx.db, new Date(ctx.now().getTime() - KEEP_DAYS * 86_400_000));
}
