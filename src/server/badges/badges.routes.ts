import { eventParams } from '../events/events.schemas.js';
import type { ServiceContext } from '../platform/context.js';
import { commonProblems, describePermission, problemSchema, signedIn, type TypedApp } from '../platform/http.js';
import * as schemas from './badges.schemas.js';
import * as badges from './badges.service.js';

const tags = ['Badges and check-in'];

export function badgesRoutes(ctx: ServiceContext) {
  return async function plugin(app: TypedApp) {
    app.get(
      '/api/events/:eventId/badges',
      {
        schema: {
          tags,
          summary: 'The badges to print: name, headline, three interests and the claim link for the QR code',
          description: describePermission(
            'attendee.import',
            'Organizers only (the claim links are secrets of the people they imported). Everyone who has not left, by name; ' +
              '`filter=not_checked_in` leaves out who came, `filter=imported` keeps the people an import brought in; `q` searches names and headlines. ' +
              'No contact details.',
          ),
          security: signedIn,
          params: eventParams,
          querystring: schemas.badgesQuery,
          response: { 200: schemas.badgeList, ...commonProblems },
        },
      },
      async (request) => badges.listBadges(ctx, request.actor, request.params.eventId, request.query),
    );

    app.get(
      '/api/events/:eventId/check-ins',
      {
        schema: {
          tags,
          summary: 'How the door is doing: how many are checked in, of how many, and the latest check-ins',
          description: describePermission('attendee.checkIn', 'Organizers only.'),
          security: signedIn,
          params: eventParams,
          response: { 200: schemas.doorSummary, ...commonProblems },
        },
      },
      async (request) => badges.doorSummary(ctx, request.actor, request.params.eventId),
    );

    app.post(
      '/api/events/:eventId/check-ins',
      {
        schema: {
          tags,
          summary: 'Check someone in by their badge: the code the scanner read, or the whole claim link',
          description: describePermission(
            'attendee.checkIn',
            'Organizers only. A code of no badge of this event answers 404 ("No badge of this event has this code"); someone who left, 409. ' +
              'Scanning a badge again answers 200 with `alreadyCheckedIn` and the first time. ' +
              `At most ${badges.SCANS_PER_MINUTE} scans a minute per organizer (429 with Retry-After). ` +
              'Someone imported who has not claimed their account stays unclaimed and out of the directory.',
          ),
          security: signedIn,
          params: eventParams,
          body: schemas.checkInBody,
          response: { 200: schemas.checkInResult, 409: problemSchema, ...commonProblems },
        },
      },
      async (request) => badges.checkInByCode(ctx, request.actor, request.params.eventId, request.body.code),
    );

    app.delete(
      '/api/events/:eventId/check-ins/:userId',
      {
        schema: {
          tags,
          summary: 'Undo a check-in',
          description: describePermission('attendee.checkIn', 'Organizers only. Someone not checked in stays as they are.'),
          security: signedIn,
          params: schemas.checkInParams,
          response: { 200: schemas.checkInUndone, ...commonProblems },
        },
      },
      async (request) => badges.undoCheckIn(ctx, request.actor, request.params.eventId, request.params.userId),
    );
  };
}
