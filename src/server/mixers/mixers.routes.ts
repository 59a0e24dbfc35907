import { z } from 'zod';
import { eventParams } from '../events/events.schemas.js';
import type { ServiceContext } from '../platform/context.js';
import { commonProblems, describePermission, problemSchema, signedIn, type TypedApp } from '../platform/http.js';
import * as schemas from './mixers.schemas.js';
import * as mixers from './mixers.service.js';

const tags = ['Mixers'];
const organizerTags = ['Mixers: organizers'];
const withConflict = { ...commonProblems, 409: problemSchema };
/** 422: asked for what no plan can do (fewer than two people, more people than seats, a pin beyond the tables). */
const withPlanProblems = { ...withConflict, 422: problemSchema };
const ORGANIZERS = 'Organizers of the event only.';
/** Said of every operation that plans (mixers.service's PLANS). */
const PLANNING = ' Each plan counts against the organizer’s 200 an hour (429 with Retry-After beyond).';

export function mixersRoutes(ctx: ServiceContext) {
  return async function plugin(app: TypedApp) {
    app.post(
      '/api/events/:eventId/mixers',
      {
        schema: {
          tags: organizerTags,
          summary: 'Plan a table-rotation mixer (a draft, planned at once: every round’s tables)',
          description: describePermission(
            'event.manage',
            `${ORGANIZERS} People change tables every round, meeting as many new people as can be, with common ground. ` +
              '422 when no plan can do what is asked, with the reason.' +
              PLANNING,
          ),
          security: signedIn,
          params: eventParams,
          body: schemas.createMixerBody,
          response: { 201: schemas.mixer, ...withPlanProblems },
        },
      },
      async (request, reply) => reply.code(201).send(await mixers.createMixer(ctx, request.actor, request.params.eventId, request.body)),
    );
    app.get(
      '/api/events/:eventId/mixers',
      {
        schema: {
          tags,
          summary: 'The mixers of the event: all for organizers; for attendees the ones they take part in, once started',
          description: describePermission('event.read', 'Members of the event.'),
          security: signedIn,
          params: eventParams,
          response: { 200: z.array(schemas.mixerSummary), ...commonProblems },
        },
      },
      async (request) => mixers.listMixers(ctx, request.actor, request.params.eventId),
    );
    app.get(
      '/api/events/:eventId/mixers/:mixerId',
      {
        schema: {
          tags: organizerTags,
          summary: 'A mixer with its people, its plan round by round, and its figures',
          description: describePermission('event.manage', ORGANIZERS),
          security: signedIn,
          params: schemas.mixerParams,
          response: { 200: schemas.mixer, ...commonProblems },
        },
      },
      async (request) => mixers.getMixer(ctx, request.actor, request.params.eventId, request.params.mixerId),
    );
    app.patch(
      '/api/events/:eventId/mixers/:mixerId',
      {
        schema: {
          tags: organizerTags,
          summary: 'Change a mixer: a draft in every respect (planned again), a running one in name, round length and auto-advance',
          description: describePermission(
            'event.manage',
            `${ORGANIZERS} Other changes to a running mixer answer 409: mark people absent or present instead.${PLANNING}`,
          ),
          security: signedIn,
          params: schemas.mixerParams,
          body: schemas.updateMixerBody,
          response: { 200: schemas.mixer, ...withPlanProblems },
        },
      },
      async (request) => mixers.updateMixer(ctx, request.actor, request.params.eventId, request.params.mixerId, request.body),
    );
    app.delete(
      '/api/events/:eventId/mixers/:mixerId',
      {
        schema: {
          tags: organizerTags,
          summary: 'Delete a draft or finished mixer (the encounters it recorded stay)',
          description: describePermission('event.manage', `${ORGANIZERS} A running mixer answers 409: finish it first.`),
          security: signedIn,
          params: schemas.mixerParams,
          response: { 204: z.null(), ...withConflict },
        },
      },
      async (request, reply) => {
        await mixers.deleteMixer(ctx, request.actor, request.params.eventId, request.params.mixerId);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/api/events/:eventId/mixers/:mixerId/start',
      {
        schema: {
          tags: organizerTags,
          summary: 'Start round 1 now: everyone seated is told their table',
          description: describePermission('event.manage', `${ORGANIZERS} 409 unless it is a draft.`),
          security: signedIn,
          params: schemas.mixerParams,
          response: { 200: schemas.mixer, ...withConflict },
        },
      },
      async (request) => mixers.startMixer(ctx, request.actor, request.params.eventId, request.params.mixerId),
    );
    app.post(
      '/api/events/:eventId/mixers/:mixerId/advance',
      {
        schema: {
          tags: organizerTags,
          summary: 'End the round under way (its encounters are recorded) and start the next; after the last, the mixer is finished',
          description: describePermission(
            'event.manage',
            `${ORGANIZERS} 409, with nothing changed, when the mixer is not at \`fromRound\` any more (a double tap, another organizer, the timer).`,
          ),
          security: signedIn,
          params: schemas.mixerParams,
          body: schemas.advanceBody,
          response: { 200: schemas.mixer, ...withConflict },
        },
      },
      async (request) => mixers.advanceMixer(ctx, request.actor, request.params.eventId, request.params.mixerId, request.body.fromRound),
    );
    app.post(
      '/api/events/:eventId/mixers/:mixerId/attendance',
      {
        schema: {
          tags: organizerTags,
          summary: 'Mark people absent (leaving, no-shows) or present (back, late arrivals): the rounds to come are planned again',
          description: describePermission(
            'event.manage',
            `${ORGANIZERS} From the next round on; the rounds played and the one under way stay as they were. In a draft every round is planned again.${PLANNING}`,
          ),
          security: signedIn,
          params: schemas.mixerParams,
          body: schemas.attendanceBody,
          response: { 200: schemas.mixer, ...withPlanProblems },
        },
      },
      async (request) => mixers.changeAttendance(ctx, request.actor, request.params.eventId, request.params.mixerId, request.body),
    );
    app.post(
      '/api/events/:eventId/mixers/:mixerId/finish',
      {
        schema: {
          tags: organizerTags,
          summary: 'Finish the mixer now (the round under way counts: its encounters are recorded)',
          description: describePermission('event.manage', `${ORGANIZERS} A draft answers 409; finishing twice changes nothing.`),
          security: signedIn,
          params: schemas.mixerParams,
          response: { 200: schemas.mixer, ...withConflict },
        },
      },
      async (request) => mixers.finishMixer(ctx, request.actor, request.params.eventId, request.params.mixerId),
    );
    app.get(
      '/api/events/:eventId/mixers/:mixerId/me',
      {
        schema: {
          tags,
          summary: 'My seat: my table in the round under way, with whom and what we share, and my table numbers to come',
          description: describePermission('mixer.participate', 'The people of the mixer, once it has started. Never other people’s tables.'),
          security: signedIn,
          params: schemas.mixerParams,
          response: { 200: schemas.mixerSeat, ...commonProblems },
        },
      },
      async (request) => mixers.mySeat(ctx, request.actor, request.params.eventId, request.params.mixerId),
    );
  };
}
