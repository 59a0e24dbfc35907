import { z } from 'zod';
import type { ServiceContext } from '../platform/context.js';
import { commonProblems, describePermission, isPublic, problemSchema, signedIn, type TypedApp } from '../platform/http.js';
import * as schemas from './events.schemas.js';
import * as events from './events.service.js';

const tags = ['Events'];
const withConflict = { ...commonProblems, 409: problemSchema };

export function eventsRoutes(ctx: ServiceContext) {
  return async function plugin(app: TypedApp) {
    app.get(
      '/api/events',
      {
        schema: {
          tags,
          summary: 'The events I am a member of',
          description: describePermission('account.manage', 'Soonest first.'),
          security: signedIn,
          response: { 200: z.object({ events: z.array(schemas.event) }), ...commonProblems },
        },
      },
      async (request) => ({ events: await events.listMyEvents(ctx, request.actor) }),
    );

    app.post(
      '/api/events',
      {
        schema: {
          tags,
          summary: 'Create an event (I become its owner and organizer)',
          description: describePermission('event.create', 'Any signed-in person may organize an event.'),
          security: signedIn,
          body: schemas.createEventBody,
          response: { 201: schemas.event, ...withConflict },
        },
      },
      async (request, reply) => reply.code(201).send(await events.createEvent(ctx, request.actor, request.body)),
    );

    app.get(
      '/api/events/:eventId',
      {
        schema: {
          tags,
          summary: 'One event',
          description: describePermission('event.read', 'Members only.'),
          security: signedIn,
          params: schemas.eventParams,
          response: { 200: schemas.event, ...commonProblems },
        },
      },
      async (request) => events.getEvent(ctx, request.actor, request.params.eventId),
    );

    app.patch(
      '/api/events/:eventId',
      {
        schema: {
          tags,
          summary: 'Edit an event',
          description: describePermission('event.manage', 'Organizers only.'),
          security: signedIn,
          params: schemas.eventParams,
          body: schemas.updateEventBody,
          response: { 200: schemas.event, ...withConflict },
        },
      },
      async (request) => events.updateEvent(ctx, request.actor, request.params.eventId, request.body),
    );

    app.delete(
      '/api/events/:eventId',
      {
        schema: {
          tags,
          summary: 'Delete an event and everything in it',
          description: describePermission('event.manage', 'The owner only.'),
          security: signedIn,
          params: schemas.eventParams,
          response: { 204: z.null(), ...withConflict },
        },
      },
      async (request, reply) => {
        await events.deleteEvent(ctx, request.actor, request.params.eventId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/events/:eventId/directory',
      {
        schema: {
          tags,
          summary: 'The people of an event (paged, searchable)',
          description: describePermission(
            'event.read',
            'Members only. Attendees who chose not to be listed appear to organizers only.',
          ),
          security: signedIn,
          params: schemas.eventParams,
          querystring: schemas.directoryQuery,
          response: { 200: schemas.directoryPage, ...commonProblems },
        },
      },
      async (request) => events.listDirectory(ctx, request.actor, request.params.eventId, request.query),
    );

    app.get(
      '/api/events/:eventId/interests',
      {
        schema: {
          tags,
          summary: 'Interests already used in the event, most used first (for suggestions)',
          description: describePermission('event.read', 'Members only; counts listed people.'),
          security: signedIn,
          params: schemas.eventParams,
          response: { 200: z.object({ interests: z.array(schemas.interestUse) }), ...commonProblems },
        },
      },
      async (request) => ({ interests: await events.interestsInEvent(ctx, request.actor, request.params.eventId) }),
    );

    app.get(
      '/api/events/:eventId/me',
      {
        schema: {
          tags,
          summary: 'My membership of an event: role, status, listed, suggested to others, here for',
          description: describePermission('event.read', 'Members only.'),
          security: signedIn,
          params: schemas.eventParams,
          response: { 200: schemas.myMembership, ...commonProblems },
        },
      },
      async (request) => events.getMyMembership(ctx, request.actor, request.params.eventId),
    );

    app.patch(
      '/api/events/:eventId/me',
      {
        schema: {
          tags,
          summary: 'Choose whether I am listed, whether I am suggested to others, and what I am here for',
          description: describePermission('event.read', 'Members only.'),
          security: signedIn,
          params: schemas.eventParams,
          body: schemas.myMembershipBody,
          response: { 200: schemas.myMembership, ...commonProblems },
        },
      },
      async (request) => events.updateMyMembership(ctx, request.actor, request.params.eventId, request.body),
    );

    app.post(
      '/api/events/:eventId/leave',
      {
        schema: {
          tags,
          summary: 'Leave an event',
          description: describePermission('event.leave', 'The owner and the last organizer cannot leave.'),
          security: signedIn,
          params: schemas.eventParams,
          response: { 204: z.null(), ...withConflict },
        },
      },
      async (request, reply) => {
        await events.leaveEvent(ctx, request.actor, request.params.eventId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/events/:eventId/members',
      {
        schema: {
          tags,
          summary: 'Every member with role and status (organizer view)',
          description: describePermission('event.manage', 'Organizers only.'),
          security: signedIn,
          params: schemas.eventParams,
          response: { 200: z.object({ members: z.array(schemas.member) }), ...commonProblems },
        },
      },
      async (request) => ({ members: await events.listMembers(ctx, request.actor, request.params.eventId) }),
    );

    app.patch(
      '/api/events/:eventId/members/:userId',
      {
        schema: {
          tags,
          summary: 'Check a member in, or make them a co-organizer (or an attendee again)',
          description: describePermission('event.manage', 'Organizers only; the owner stays an organizer.'),
          security: signedIn,
          params: schemas.memberParams,
          body: schemas.updateMemberBody,
          response: { 200: schemas.member, ...withConflict },
        },
      },
      async (request) =>
        events.updateMember(ctx, request.actor, request.params.eventId, request.params.userId, request.body),
    );

    app.post(
      '/api/events/:eventId/ownership',
      {
        schema: {
          tags,
          summary: 'Hand the event over to another of its organizers (I stay an organizer)',
          description: describePermission(
            'event.transfer',
            'The owner only. The new owner must be an organizer of the event who has joined it: make an attendee a co-organizer first (409 otherwise).',
          ),
          security: signedIn,
          params: schemas.eventParams,
          body: schemas.transferOwnershipBody,
          response: { 200: schemas.event, ...withConflict, 422: problemSchema },
        },
      },
      async (request) => events.transferOwnership(ctx, request.actor, request.params.eventId, request.body),
    );

    app.get(
      '/api/events/:eventId/invites',
      {
        schema: {
          tags,
          summary: 'The event’s invite links that still work',
          description: describePermission('event.manage', 'Organizers only.'),
          security: signedIn,
          params: schemas.eventParams,
          response: { 200: z.object({ invites: z.array(schemas.invite) }), ...commonProblems },
        },
      },
      async (request) => ({ invites: await events.listInvites(ctx, request.actor, request.params.eventId) }),
    );

    app.post(
      '/api/events/:eventId/invites',
      {
        schema: {
          tags,
          summary: 'Create an invite link to join as an attendee',
          description: describePermission('event.manage', 'Expires after 14 days unless said otherwise.'),
          security: signedIn,
          params: schemas.eventParams,
          body: schemas.createInviteBody,
          response: { 201: schemas.invite, ...commonProblems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await events.createInvite(ctx, request.actor, request.params.eventId, request.body)),
    );

    app.delete(
      '/api/events/:eventId/invites/:inviteId',
      {
        schema: {
          tags,
          summary: 'Withdraw an invite link',
          description: describePermission('event.manage', 'The link stops working at once.'),
          security: signedIn,
          params: schemas.inviteParams,
          response: { 204: z.null(), ...commonProblems },
        },
      },
      async (request, reply) => {
        await events.revokeInvite(ctx, request.actor, request.params.eventId, request.params.inviteId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/invites/:token',
      {
        schema: {
          tags,
          summary: 'What an invite link leads to',
          description: 'Public: whoever holds the link sees the event’s name, time and venue.',
          security: isPublic,
          params: schemas.inviteTokenParams,
          response: { 200: schemas.invitePreview, ...commonProblems },
        },
      },
      async (request) => events.previewInvite(ctx, request.actor, request.params.token),
    );

    app.post(
      '/api/invites/:token/accept',
      {
        schema: {
          tags,
          summary: 'Join the event of an invite link as an attendee',
          description: describePermission('account.manage', 'Joining twice changes nothing.'),
          security: signedIn,
          params: schemas.inviteTokenParams,
          response: { 200: schemas.event, ...commonProblems },
        },
      },
      async (request) => events.acceptInvite(ctx, request.actor, request.params.token),
    );
  };
}
