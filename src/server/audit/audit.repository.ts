import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../platform/db/client.js';
import { auditLog, profiles, users } from '../platform/db/schema.js';

/**
 * The organizer actions the log knows. Detail carries counts, names of things and choices made,
 * never a private note, a decline or a contact detail.
 */
export type AuditAction =
  | 'attendees.imported'
  | 'attendee.checked_in'
  | 'attendee.check_in_undone'
  | 'organizer.added'
  | 'organizer.removed'
  | 'event.ownership_transferred'
  | 'post.published'
  | 'post.deleted'
  | 'post.locked'
  | 'post.unlocked'
  | 'comment.hidden'
  | 'comment.unhidden'
  | 'report.dismissed';

export interface AuditEntry {
  eventId: string;
  actorId: string | null;
  action: AuditAction;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
  at: Date;
}

/** Writes one entry; call it in the same transaction as the action, so both happen or neither. */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    eventId: entry.eventId,
    actorId: entry.actorId,
    action: entry.action,
    subjectId: entry.subjectId ?? null,
    detail: entry.detail ?? {},
    createdAt: entry.at,
  });
}

export interface AuditListFilter {
  eventId: string;
  /** Keyset: entries older than this one (by time, then id); it must be an entry of the event. */
  beforeId?: string | undefined;
  /** Only actions starting with one of these (a kind of entries). */
  actionPrefixes?: readonly string[] | undefined;
  /** Only this exact action. */
  action?: string | undefined;
  limit: number;
}

export interface AuditRow {
  id: string;
  action: string;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  subjectId: string | null;
  subjectName: string | null;
  detail: Record<string, unknown>;
}

const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Whether an entry of this event has this id (a cursor the event's own pages handed out). */
export async function auditEntryExists(db: Database, eventId: string, entryId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.id, entryId), eq(auditLog.eventId, eventId)))
    .limit(1);
  return row !== undefined;
}

/**
 * The event's entries, newest first, one more than `limit` (so the caller knows whether there is
 * a next page), with the names of the actor and the subject as their profiles show them today.
 */
export async function listAudit(db: Database, filter: AuditListFilter): Promise<AuditRow[]> {
  const actor = alias(profiles, 'actor_profile');
  const subject = alias(profiles, 'subject_profile');
  const actorUser = alias(users, 'actor_user');
  const subjectUser = alias(users, 'subject_user');
  const conditions: (SQL | undefined)[] = [eq(auditLog.eventId, filter.eventId)];
  if (filter.beforeId) {
    // Compared in the database, at the stored precision of the time.
    conditions.push(
      sql`(${auditLog.createdAt}, ${auditLog.id}) < (select b.created_at, b.id from ${auditLog} b where b.id = ${filter.beforeId} and b.event_id = ${filter.eventId})`,
    );
  }
  if (filter.actionPrefixes) {
    conditions.push(or(...filter.actionPrefixes.map((prefix) => sql`${auditLog.action} like ${likePrefix(prefix)}`)) ?? sql`false`);
  }
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      createdAt: auditLog.createdAt,
      actorId: auditLog.actorId,
      actorName: sql<string | null>`coalesce(${actor.displayName}, ${actorUser.name})`,
      subjectId: auditLog.subjectId,
      subjectName: sql<string | null>`coalesce(${subject.displayName}, ${subjectUser.name})`,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
    .leftJoin(actor, eq(actor.userId, auditLog.actorId))
    .leftJoin(subjectUser, eq(subjectUser.id, auditLog.subjectId))
    .leftJoin(subject, eq(subject.userId, auditLog.subjectId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(filter.limit + 1);
  return rows;
}
