import { auditKindOf, auditKindPrefixes, DELETED_ACCOUNT, describeAuditEntry, type AuditKind } from '../../core/audit/describe.js';
import { requireAccess } from '../platform/access.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import { badRequest } from '../platform/errors.js';
import * as repo from './audit.repository.js';

const DEFAULT_LIMIT = 50;

/** Actions that are always about a person: a missing subject there is an account since deleted. */
const ABOUT_SOMEONE = new Set([
  'attendee.checked_in',
  'attendee.check_in_undone',
  'organizer.added',
  'organizer.removed',
  'event.ownership_transferred',
]);

/**
 * Keys a detail must never show, whoever wrote it: the log is read by every organizer, and a
 * private note, a decline or a contact detail is not theirs to read.
 */
const PRIVATE_KEY = /note|email|phone|contact|link|declin|address|password|token/i;

type DetailValue = string | number | boolean | null;

function shownDetail(detail: unknown): Record<string, DetailValue> {
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return {};
  const shown: Record<string, DetailValue> = {};
  for (const [key, value] of Object.entries(detail as Record<string, unknown>)) {
    if (PRIVATE_KEY.test(key)) continue;
    if (typeof value === 'string') shown[key] = value.slice(0, 300);
    else if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' || value === null) shown[key] = value;
  }
  return shown;
}

function person(userId: string | null, name: string | null) {
  if (userId === null || name === null) return { userId: null, name: DELETED_ACCOUNT, deleted: true };
  return { userId, name, deleted: false };
}

export interface AuditQuery {
  before?: string | undefined;
  limit?: number | undefined;
  kind?: AuditKind | undefined;
  action?: string | undefined;
}

/** What the event's organizers did, newest first, for its organizers to read. */
export async function listAudit(ctx: ServiceContext, actor: Actor, eventId: string, query: AuditQuery) {
  await requireAccess(ctx, actor, 'audit.read', { kind: 'event', eventId });
  if (query.before && !(await repo.auditEntryExists(ctx.db, eventId, query.before))) throw badRequest('This page cursor is not valid.', [{ pointer: '/querystring/before', detail: 'Use the nextCursor of a previous page of this event.' }]);
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = await repo.listAudit(ctx.db, {
    eventId,
    beforeId: query.before,
    actionPrefixes: query.kind ? auditKindPrefixes(query.kind) : undefined,
    action: query.action,
    limit,
  });
  const page = rows.slice(0, limit);
  const entries = page.map((row) => {
    const detail = shownDetail(row.detail);
    const actorPerson = person(row.actorId, row.actorName);
    const subjectPerson =
      row.subjectId !== null || ABOUT_SOMEONE.has(row.action) ? person(row.subjectId, row.subjectName) : null;
    return {
      id: row.id,
      at: row.createdAt,
      action: row.action,
      kind: auditKindOf(row.action),
      summary: describeAuditEntry({
        action: row.action,
        actorName: actorPerson.deleted ? null : actorPerson.name,
        subjectName: subjectPerson && !subjectPerson.deleted ? subjectPerson.name : null,
        actorIsSubject: row.actorId !== null && row.actorId === row.subjectId,
        detail,
      }),
      actor: actorPerson,
      subject: subjectPerson,
      detail,
    };
  });
  return { entries, nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null };
}
