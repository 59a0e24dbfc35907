import { z } from 'zod';
import { endSession, setSessionCookie } from '../platform/auth/sessions.js';
import type { ServiceContext } from '../platform/context.js';
import { commonProblems, isPublic, originOf, problemSchema, type TypedApp } from '../platform/http.js';
import * as schemas from './imports.schemas.js';
import * as claims from './claims.service.js';

const tags = ['Organizer tools'];

export function claimsRoutes(ctx: ServiceContext) {
  return async function plugin(app: TypedApp) {
    app.get(
      '/api/claims/:token',
      {
        schema: {
          tags,
          summary: 'What a badge’s claim link leads to',
          description:
            'Public: whoever holds the link (it is printed on the badge). Gives the event and, until it is claimed, the name on the badge. Never contact details.',
          security: isPublic,
          params: schemas.claimParams,
          response: { 200: schemas.claimView, 400: problemSchema, 404: problemSchema },
        },
      },
      async (request) => claims.describeClaim(ctx, request.actor, request.params.token),
    );
    app.post(
      '/api/claims/:token',
      {
        schema: {
          tags,
          summary: 'Claim a badge: set the first password of an imported account (signs in), or join as the signed-in owner',
          description:
            'Public for an unclaimed import (the password is required); otherwise the account’s owner, signed in. Works once: a claimed badge answers 409.',
          security: isPublic,
          params: schemas.claimParams,
          body: schemas.claimBody,
          response: { 200: z.object({ eventId: z.uuid() }), 409: problemSchema, ...commonProblems },
        },
      },
      async (request, reply) => {
        const result = await claims.claim(ctx, request.actor, request.params.token, request.body, originOf(request).ip);
        if (result.session) {
          // Claiming signs this browser in to the claimed account: whoever was signed in here is signed out.
          if (request.sessionToken) await endSession(ctx, request.sessionToken);
          setSessionCookie(reply, ctx.config.secureCookies, result.session);
        }
        return { eventId: result.eventId };
      },
    );
  };
}
