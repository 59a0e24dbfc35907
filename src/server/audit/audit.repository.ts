import type { Database } from '../platform/db/client.js';
import { auditLog } from '../platform/db/schema.js';

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
