import { z } from 'zod';
import { eventParams } from '../events/events.schemas.js';
import type { ServiceContext } from '../platform/context.js';
import { commonProblems, describePermission, signedIn, type TypedApp } from '../platform/http.js';
import * as schemas from './recommendations.schemas.js';
import * as recommendations from './recommendations.service.js';

const tags = ['People to meet'];
const noContent = { 204: z.null(), ...commonProblems };
const COUNTS = 'Each call counts against my hourly limit of changes, refused or not.';
const WHO_IN_EVENT = `A member whose profile I may read in the event; anyone else answers 404. ${COUNTS}`;

export function recommendationsRoutes(ctx: ServiceContext) {
  return async function plugin(app: TypedApp) {
    app.get(
      '/api/events/:eventId/people-to-meet',
      {
        schema: {
          tags,
          summary: 'People I could meet at the event, best first, with why and questions to open with',
          description: describePermission(
            'event.read',
            'Members only. Never lists me, people I dismissed here, blocked or was blocked by, people I have met, ' +
              'people who turned suggestions of themselves off, or unlisted attendees. At most 100 in all, paged; ' +
              'a page starts after the last person of the previous one, so people taken off the list meanwhile move no one past it. ' +
              'Empty, with hiddenByOrganizers, for attendees when the directory is off.',
          ),
          security: signedIn,
          params: eventParams,
          querystring: schemas.peopleToMeetQuery,
          response: { 200: schemas.suggestionsPage, ...commonProblems },
        },
      },
      async (request) => recommendations.peopleToMeet(ctx, request.actor, request.params.eventId, request.query),
    );

    app.put(
      '/api/events/:eventId/people-to-meet/dismissed/:userId',
      {
        schema: {
          tags,
          summary: '“Not now”: leave a person out of my suggestions in this event',
          description: describePermission('member.read', `${WHO_IN_EVENT} Doing it twice changes nothing; undo with DELETE.`),
          security: signedIn,
          params: schemas.personInEventParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await recommendations.dismiss(ctx, request.actor, request.params.eventId, request.params.userId);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/api/events/:eventId/people-to-meet/dismissed/:userId',
      {
        schema: {
          tags,
          summary: 'Suggest a person I dismissed again',
          description: describePermission('member.read', `${WHO_IN_EVENT} Doing it twice changes nothing.`),
          security: signedIn,
          params: schemas.personInEventParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await recommendations.undismiss(ctx, request.actor, request.params.eventId, request.params.userId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/events/:eventId/saved',
      {
        schema: {
          tags,
          summary: 'The people I saved for later in the event, newest first',
          description: describePermission(
            'event.read',
            'Members only; only my own saves. Lists people still at the event whom I may see there, ' +
              'never anyone I blocked (people who blocked me stay, so that nothing tells me of it). ' +
              'Empty, with hiddenByOrganizers, for attendees when the directory is off.',
          ),
          security: signedIn,
          params: eventParams,
          response: { 200: schemas.savedPeople, ...commonProblems },
        },
      },
      async (request) => recommendations.listSaved(ctx, request.actor, request.params.eventId),
    );

    app.put(
      '/api/events/:eventId/saved/:userId',
      {
        schema: {
          tags,
          summary: 'Save a person for later (they stay in my suggestions, marked saved)',
          description: describePermission('member.read', `${WHO_IN_EVENT} Doing it twice changes nothing; undo with DELETE.`),
          security: signedIn,
          params: schemas.personInEventParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await recommendations.save(ctx, request.actor, request.params.eventId, request.params.userId);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/api/events/:eventId/saved/:userId',
      {
        schema: {
          tags,
          summary: 'Stop keeping a person saved',
          description: describePermission('member.read', `${WHO_IN_EVENT} Doing it twice changes nothing.`),
          security: signedIn,
          params: schemas.personInEventParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await recommendations.unsave(ctx, request.actor, request.params.eventId, request.params.userId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/me/blocks',
      {
        schema: {
          tags,
          summary: 'The people I blocked',
          description: describePermission('account.manage', 'Only I see whom I blocked.'),
          security: signedIn,
          response: { 200: z.object({ blocks: z.array(schemas.blockedPerson) }), ...commonProblems },
        },
      },
      async (request) => ({ blocks: await recommendations.listBlocks(ctx, request.actor) }),
    );

    app.put(
      '/api/me/blocks/:userId',
      {
        schema: {
          tags,
          summary: 'Block a person: neither of us is suggested to the other again, at any event',
          description: describePermission(
            'person.block',
            `Someone whose profile I may read at an event we share, or someone I already block; anyone else answers 404. ${COUNTS} ` +
              'Nothing tells them. Doing it twice changes nothing.',
          ),
          security: signedIn,
          params: schemas.personParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await recommendations.block(ctx, request.actor, request.params.userId);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/api/me/blocks/:userId',
      {
        schema: {
          tags,
          summary: 'Unblock a person',
          description: describePermission('person.block', `Someone I block, or whose profile I may read at an event we share. ${COUNTS} Doing it twice changes nothing.`),
          security: signedIn,
          params: schemas.personParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await recommendations.unblock(ctx, request.actor, request.params.userId);
        return reply.code(204).send(null);
      },
    );
  };
}
