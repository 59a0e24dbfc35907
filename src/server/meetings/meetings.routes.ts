import { z } from 'zod';
import { eventParams } from '../events/events.schemas.js';
import type { ServiceContext } from '../platform/context.js';
import { commonProblems, describePermission, isPublic, problemSchema, signedIn, type TypedApp } from '../platform/http.js';
import * as schemas from './meetings.schemas.js';
import * as meetings from './meetings.service.js';

const tags = ['Meetings'];
const organizerTags = ['Meetings: organizers'];
const noContent = { 204: z.null(), ...commonProblems };
const withConflict = { ...commonProblems, 409: problemSchema };
const ORGANIZERS = 'Organizers of the event only.';
const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

export function meetingsRoutes(ctx: ServiceContext) {
  return async function plugin(app: TypedApp) {
    // ----- Slots and tables ------------------------------------------------------------------
    app.get(
      '/api/events/:eventId/slots',
      {
        schema: {
          tags,
          summary: 'The meeting slots of the event, earliest first',
          description: describePermission('event.read', 'Members of the event.'),
          security: signedIn,
          params: eventParams,
          response: { 200: z.array(schemas.slot), ...commonProblems },
        },
      },
      async (request) => meetings.listSlots(ctx, request.actor, request.params.eventId),
    );
    app.post(
      '/api/events/:eventId/slots',
      {
        schema: {
          tags: organizerTags,
          summary: 'Add a meeting slot',
          description: describePermission('event.manage', `${ORGANIZERS} Slots may not overlap. Meetings waiting for a time are placed in it if they fit.`),
          security: signedIn,
          params: eventParams,
          body: schemas.createSlotBody,
          response: { 201: schemas.slot, ...withConflict },
        },
      },
      async (request, reply) => reply.code(201).send(await meetings.createSlot(ctx, request.actor, request.params.eventId, request.body)),
    );
    app.patch(
      '/api/events/:eventId/slots/:slotId',
      {
        schema: {
          tags: organizerTags,
          summary: 'Change a slot’s time or label (its meetings move with it; both people are told)',
          description: describePermission('event.manage', ORGANIZERS),
          security: signedIn,
          params: schemas.slotParams,
          body: schemas.updateSlotBody,
          response: { 200: schemas.slot, ...withConflict },
        },
      },
      async (request) => meetings.updateSlot(ctx, request.actor, request.params.eventId, request.params.slotId, request.body),
    );
    app.delete(
      '/api/events/:eventId/slots/:slotId',
      {
        schema: {
          tags: organizerTags,
          summary: 'Remove a slot; its meetings are placed elsewhere when they fit, else they wait',
          description: describePermission('event.manage', ORGANIZERS),
          security: signedIn,
          params: schemas.slotParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await meetings.deleteSlot(ctx, request.actor, request.params.eventId, request.params.slotId);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/api/events/:eventId/tables',
      {
        schema: {
          tags,
          summary: 'The tables where meetings take place',
          description: describePermission('event.read', 'Members of the event.'),
          security: signedIn,
          params: eventParams,
          response: { 200: z.array(schemas.table), ...commonProblems },
        },
      },
      async (request) => meetings.listTables(ctx, request.actor, request.params.eventId),
    );
    app.post(
      '/api/events/:eventId/tables',
      {
        schema: {
          tags: organizerTags,
          summary: 'Add one named table, or several numbered ones',
          description: describePermission('event.manage', ORGANIZERS),
          security: signedIn,
          params: eventParams,
          body: schemas.createTablesBody,
          response: { 201: z.array(schemas.table), ...withConflict },
        },
      },
      async (request, reply) => reply.code(201).send(await meetings.createTables(ctx, request.actor, request.params.eventId, request.body)),
    );
    app.patch(
      '/api/events/:eventId/tables/:tableId',
      {
        schema: {
          tags: organizerTags,
          summary: 'Rename a table or change where to find it',
          description: describePermission('event.manage', ORGANIZERS),
          security: signedIn,
          params: schemas.tableParams,
          body: schemas.updateTableBody,
          response: { 200: schemas.table, ...withConflict },
        },
      },
      async (request) => meetings.updateTable(ctx, request.actor, request.params.eventId, request.params.tableId, request.body),
    );
    app.delete(
      '/api/events/:eventId/tables/:tableId',
      {
        schema: {
          tags: organizerTags,
          summary: 'Remove a table; its meetings are placed elsewhere when they fit, else they wait',
          description: describePermission('event.manage', ORGANIZERS),
          security: signedIn,
          params: schemas.tableParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await meetings.deleteTable(ctx, request.actor, request.params.eventId, request.params.tableId);
        return reply.code(204).send(null);
      },
    );

    // ----- Availability ----------------------------------------------------------------------
    app.get(
      '/api/events/:eventId/me/availability',
      {
        schema: {
          tags,
          summary: 'The slots I am free in for meetings (all, until I say otherwise)',
          description: describePermission('event.read', 'Members of the event; my own availability only.'),
          security: signedIn,
          params: eventParams,
          response: { 200: schemas.availability, ...commonProblems },
        },
      },
      async (request) => meetings.getAvailability(ctx, request.actor, request.params.eventId),
    );
    app.put(
      '/api/events/:eventId/me/availability',
      {
        schema: {
          tags,
          summary: 'Say which slots I am free in',
          description: describePermission(
            'event.read',
            'Members of the event. Slots that have started keep what they had. A meeting of mine in a slot I am no longer free in waits for another slot; the other person is told.',
          ),
          security: signedIn,
          params: eventParams,
          body: schemas.availabilityBody,
          response: { 200: schemas.availability, ...commonProblems },
        },
      },
      async (request) => meetings.setAvailability(ctx, request.actor, request.params.eventId, request.body.availableSlotIds),
    );

    // ----- Requests --------------------------------------------------------------------------
    app.get(
      '/api/events/:eventId/meeting-requests',
      {
        schema: {
          tags,
          summary: 'My meeting requests: sent (with their state) and received (waiting for my answer), and my caps',
          description: describePermission(
            'event.read',
            'Members of the event; my own requests only. A request that was declined, or not answered by the end of the event, reads `not_this_time`.',
          ),
          security: signedIn,
          params: eventParams,
          response: { 200: schemas.requests, ...commonProblems },
        },
      },
      async (request) => meetings.listRequests(ctx, request.actor, request.params.eventId),
    );
    app.post(
      '/api/events/:eventId/meeting-requests',
      {
        schema: {
          tags,
          summary: 'Ask someone for a 1:1 meeting, with a short note',
          description: describePermission(
            'meeting.request',
            'To a member whose profile I may read in the event (anyone else answers 404). Caps from the event settings: ' +
              'at most `maxOpenRequests` waiting for an answer (429), at most `dailyRequestLimit` in 24 hours (429 with Retry-After), ' +
              'one request at a time between two people and none while they have a meeting (409).',
          ),
          security: signedIn,
          params: eventParams,
          body: schemas.requestBody,
          response: { 201: schemas.sentRequest, ...withConflict },
        },
      },
      async (request, reply) => reply.code(201).send(await meetings.requestMeeting(ctx, request.actor, request.params.eventId, request.body)),
    );
    app.post(
      '/api/events/:eventId/meeting-requests/:requestId/accept',
      {
        schema: {
          tags,
          summary: 'Accept a request: the meeting is made and given a slot and table when one is free',
          description: describePermission('request.respond', 'The person asked, only. Accepting twice changes nothing.'),
          security: signedIn,
          params: schemas.requestParams,
          response: { 200: schemas.meeting, ...withConflict },
        },
      },
      async (request) => meetings.acceptRequest(ctx, request.actor, request.params.eventId, request.params.requestId),
    );
    app.post(
      '/api/events/:eventId/meeting-requests/:requestId/decline',
      {
        schema: {
          tags,
          summary: 'Decline a request, quietly: nobody is told, the request just ends as “not this time”',
          description: describePermission('request.respond', 'The person asked, only.'),
          security: signedIn,
          params: schemas.requestParams,
          response: { ...noContent, 409: problemSchema },
        },
      },
      async (request, reply) => {
        await meetings.declineRequest(ctx, request.actor, request.params.eventId, request.params.requestId);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/api/events/:eventId/meeting-requests/:requestId/withdraw',
      {
        schema: {
          tags,
          summary: 'Withdraw a request I sent that is still waiting',
          description: describePermission('request.withdraw', 'The person who asked, only.'),
          security: signedIn,
          params: schemas.requestParams,
          response: { ...noContent, 409: problemSchema },
        },
      },
      async (request, reply) => {
        await meetings.withdrawRequest(ctx, request.actor, request.params.eventId, request.params.requestId);
        return reply.code(204).send(null);
      },
    );

    // ----- Meetings --------------------------------------------------------------------------
    app.get(
      '/api/events/:eventId/meetings',
      {
        schema: {
          tags,
          summary: 'My meetings at the event: scheduled first, by time',
          description: describePermission('event.read', 'Members of the event; my own meetings only.'),
          security: signedIn,
          params: eventParams,
          response: { 200: z.array(schemas.meeting), ...commonProblems },
        },
      },
      async (request) => meetings.listMeetings(ctx, request.actor, request.params.eventId),
    );
    app.get(
      '/api/events/:eventId/meetings/:meetingId',
      {
        schema: {
          tags,
          summary: 'One of my meetings',
          description: describePermission('meeting.participate', 'The two people of the meeting, only.'),
          security: signedIn,
          params: schemas.meetingParams,
          response: { 200: schemas.meeting, ...commonProblems },
        },
      },
      async (request) => meetings.getMeeting(ctx, request.actor, request.params.eventId, request.params.meetingId),
    );
    app.post(
      '/api/events/:eventId/meetings/:meetingId/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel a meeting (the other person is told)',
          description: describePermission('meeting.participate', 'Either of the two people.'),
          security: signedIn,
          params: schemas.meetingParams,
          response: { 200: schemas.meeting, ...withConflict },
        },
      },
      async (request) => meetings.cancelMeeting(ctx, request.actor, request.params.eventId, request.params.meetingId),
    );
    app.post(
      '/api/events/:eventId/meetings/:meetingId/reschedule',
      {
        schema: {
          tags,
          summary: 'Move a meeting to another slot where both are free and a table is open (the other person is told)',
          description: describePermission('meeting.participate', 'Either of the two people. 409 when there is no other slot.'),
          security: signedIn,
          params: schemas.meetingParams,
          response: { 200: schemas.meeting, ...withConflict },
        },
      },
      async (request) => meetings.rescheduleMeeting(ctx, request.actor, request.params.eventId, request.params.meetingId),
    );
    app.get(
      '/api/events/:eventId/meetings/:meetingId/calendar',
      {
        schema: {
          tags,
          summary: 'The meeting as an iCalendar file (RFC 5545, in the event’s time zone)',
          description: describePermission('meeting.participate', 'The two people of the meeting. `text/calendar`.'),
          security: signedIn,
          params: schemas.meetingParams,
          response: withConflict,
        },
      },
      async (request, reply) => {
        const text = await meetings.meetingCalendar(ctx, request.actor, request.params.eventId, request.params.meetingId);
        return reply
          .type(CALENDAR_TYPE)
          .header('content-disposition', 'attachment; filename="meeting.ics"')
          .header('cache-control', 'private, no-store')
          .send(text as never);
      },
    );

    // ----- "We met" --------------------------------------------------------------------------
    app.get(
      '/api/events/:eventId/me/meet-code',
      {
        schema: {
          tags,
          summary: 'My personal code at the event, for others to scan (as a QR code) or type when we met',
          description: describePermission('event.read', 'Members of the event. Made the first time it is asked for.'),
          security: signedIn,
          params: eventParams,
          response: { 200: schemas.meetCode, ...commonProblems },
        },
      },
      async (request) => meetings.myMeetCode(ctx, request.actor, request.params.eventId),
    );
    app.post(
      '/api/events/:eventId/met',
      {
        schema: {
          tags,
          summary: '“We met”: with the code of the person I met (scanned or typed)',
          description: describePermission(
            'event.read',
            'Members of the event. Nothing is recorded until both have said it; then the encounter is recorded ' +
              '(and a meeting between us counts as held). 404 when no one here has the code.',
          ),
          security: signedIn,
          params: eventParams,
          body: schemas.metByCodeBody,
          response: { 200: schemas.metResult, ...commonProblems },
        },
      },
      async (request) => meetings.confirmMetByCode(ctx, request.actor, request.params.eventId, request.body.code),
    );
    app.put(
      '/api/events/:eventId/met/:userId',
      {
        schema: {
          tags,
          summary: '“We met”, by tapping: to a person I see here, have a meeting with, or who said it to me first',
          description: describePermission('encounter.confirm', 'Members of the event. Nothing is recorded until both have said it.'),
          security: signedIn,
          params: schemas.personParams,
          response: { 200: schemas.metResult, ...commonProblems },
        },
      },
      async (request) => meetings.confirmMetByTap(ctx, request.actor, request.params.eventId, request.params.userId),
    );
    app.get(
      '/api/events/:eventId/encounters',
      {
        schema: {
          tags,
          summary: 'Whom I met at the event, and the “we met” waiting for me or for them',
          description: describePermission('event.read', 'Members of the event; my own encounters only.'),
          security: signedIn,
          params: eventParams,
          response: { 200: schemas.encounters, ...commonProblems },
        },
      },
      async (request) => meetings.listEncounters(ctx, request.actor, request.params.eventId),
    );

    // ----- Organizers ------------------------------------------------------------------------
    app.get(
      '/api/events/:eventId/schedule',
      {
        schema: {
          tags: organizerTags,
          summary: 'The meetings by slot and table, with the figures: requests, acceptance, placed, held',
          description: describePermission('event.manage', `${ORGANIZERS} Never shows notes or who declined whom.`),
          security: signedIn,
          params: eventParams,
          response: { 200: schemas.schedule, ...commonProblems },
        },
      },
      async (request) => meetings.eventSchedule(ctx, request.actor, request.params.eventId),
    );
    app.post(
      '/api/events/:eventId/schedule/replan',
      {
        schema: {
          tags: organizerTags,
          summary: 'Re-plan the meetings of the slots still to come, placing as many as possible (people who move are told)',
          description: describePermission('event.manage', ORGANIZERS),
          security: signedIn,
          params: eventParams,
          response: { 200: schemas.replanResult, ...withConflict },
        },
      },
      async (request) => meetings.replan(ctx, request.actor, request.params.eventId),
    );

    // ----- Calendar subscription -------------------------------------------------------------
    app.get(
      '/api/me/calendar-feed',
      {
        schema: {
          tags,
          summary: 'Whether I have a calendar subscription link',
          description: describePermission('account.manage', 'Signed-in people; their own link only.'),
          security: signedIn,
          response: { 200: schemas.feedStatus, ...commonProblems },
        },
      },
      async (request) => meetings.calendarFeedStatus(ctx, request.actor),
    );
    app.post(
      '/api/me/calendar-feed',
      {
        schema: {
          tags,
          summary: 'Make a new secret calendar subscription link (the old one stops working); shown this once',
          description: describePermission('account.manage', 'Signed-in people.'),
          security: signedIn,
          response: { 201: schemas.newFeed, ...commonProblems },
        },
      },
      async (request, reply) => reply.code(201).send(await meetings.createCalendarFeed(ctx, request.actor)),
    );
    app.delete(
      '/api/me/calendar-feed',
      {
        schema: {
          tags,
          summary: 'Turn my calendar subscription link off',
          description: describePermission('account.manage', 'Signed-in people.'),
          security: signedIn,
          response: noContent,
        },
      },
      async (request, reply) => {
        await meetings.revokeCalendarFeed(ctx, request.actor);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/api/calendar/:feedToken',
      {
        schema: {
          tags,
          summary: 'My meetings across events as a calendar subscription (iCalendar), behind a secret link',
          description: 'Holding the link is the permission: calendar apps fetch it without signing in. `text/calendar`.',
          security: isPublic,
          params: schemas.feedParams,
          response: { 400: problemSchema, 404: problemSchema },
        },
      },
      async (request, reply) => {
        const text = await meetings.calendarFeed(ctx, request.params.feedToken.replace(/\.ics$/, ''));
        return reply.type(CALENDAR_TYPE).header('cache-control', 'private, max-age=300').send(text as never);
      },
    );
  };
}
