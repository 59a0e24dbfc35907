import { z } from 'zod';
import { auditKinds } from '../../core/audit/describe.js';

export const auditQuery = z.strictObject({
  before: z.uuid({ error: 'Use the nextCursor of a previous page.' }).optional().meta({
    description: 'The `nextCursor` of the previous page: entries older than it.',
  }),
  limit: z.coerce.number().int().min(1).max(100).optional().meta({ description: 'Entries per page (default 50).' }),
  kind: z.enum(auditKinds).optional().meta({
    description: 'Only one kind: imports, check-ins (and undone ones), moderation (posts, comments, reports) or roles (organizers, ownership).',
  }),
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)+$/, { error: 'An action is written like organizer.added.' })
    .max(60)
    .optional()
    .meta({ description: 'Only this action, e.g. `organizer.added`.', examples: ['organizer.added'] }),
});

const person = z.object({
  /** Null when the account was deleted. */
  userId: z.uuid().nullable(),
  /** Their name today, or "a deleted account". */
  name: z.string(),
  deleted: z.boolean(),
});

export const auditEntry = z
  .object({
    id: z.uuid(),
    at: z.date(),
    action: z.string(),
    kind: z.enum([...auditKinds, 'other']),
    /** The action in plain words, e.g. "Ana made Eve a co-organizer". */
    summary: z.string(),
    actor: person,
    /** The person the action was about; null when it was about no one in particular. */
    subject: person.nullable(),
    /** Counts, titles and choices made (never a private note, a decline or a contact detail). */
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  })
  .meta({ id: 'AuditEntry' });

export const auditPage = z
  .object({
    entries: z.array(auditEntry),
    /** Pass as `before` for older entries; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AuditPage' });
