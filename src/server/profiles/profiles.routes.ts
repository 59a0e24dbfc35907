import type { ServiceContext } from '../platform/context.js';
import { commonProblems, describePermission, signedIn, type TypedApp } from '../platform/http.js';
import * as schemas from './profiles.schemas.js';
import * as profiles from './profiles.service.js';

const tags = ['Profiles'];

export function profilesRoutes(ctx: ServiceContext) {
  return async function plugin(app: TypedApp) {
    app.get(
      '/api/me/profile',
      {
        schema: {
          tags,
          summary: 'My profile, with my private contact details',
          description: describePermission('account.manage', 'Only I see my contact details.'),
          security: signedIn,
          response: { 200: schemas.myProfile, ...commonProblems },
        },
      },
      async (request) => profiles.getMyProfile(ctx, request.actor),
    );

    app.put(
      '/api/me/profile',
      {
        schema: {
          tags,
          summary: 'Save my profile',
          description: describePermission(
            'account.manage',
            'Interests are normalized (case, spacing, duplicates, known aliases such as "JS" → "JavaScript").',
          ),
          security: signedIn,
          body: schemas.profileBody,
          response: { 200: schemas.myProfile, ...commonProblems },
        },
      },
      async (request) => profiles.updateMyProfile(ctx, request.actor, request.body),
    );

    app.get(
      '/api/events/:eventId/people/:userId',
      {
        schema: {
          tags,
          summary: 'A member’s profile as seen in an event',
          description: describePermission(
            'member.read',
            'Members of the event only; unlisted attendees are visible to organizers only. Never includes contact details.',
          ),
          security: signedIn,
          params: schemas.memberProfileParams,
          response: { 200: schemas.memberProfile, ...commonProblems },
        },
      },
      async (request) => profiles.getMemberProfile(ctx, request.actor, request.params.eventId, request.params.userId),
    );
  };
}
