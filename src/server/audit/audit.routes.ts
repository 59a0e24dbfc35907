import type { ServiceContext } from '../platform/context.js';
import { eventParams } from '../events/events.schemas.js';
import { commonProblems, describePermission, signedIn, type TypedApp } from '../platform/http.js';
import * as schemas from './audit.schemas.js';
import * as audit from './audit.service.js';

const tags = ['Organizers'];

export function auditRoutes(ctx: ServiceContext) {
  return async function plugin(app: TypedApp) {
    app.get(
      '/api/events/:eventId/audit',
      {
        schema: {
          tags,
          summary: 'What the event’s organizers did: imports, check-ins, moderation, roles (newest first, paged)',
          description: describePermission(
            'audit.read',
            'Organizers only. Each entry says who did what to whom, in words and in counts; an account since deleted reads as “a deleted account”. Never a private note, a decline or a contact detail.',
          ),
          security: signedIn,
          params: eventParams,
          querystring: schemas.auditQuery,
          response: { 200: schemas.auditPage, ...commonProblems },
        },
      },
      async (request) => audit.listAudit(ctx, request.actor, request.params.eventId, request.query),
    );
  };
}
