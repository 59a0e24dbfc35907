import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ServiceContext } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { commonProblems, describePermission, signedIn, type TypedApp } from '../platform/http.js';
import * as notifications from './notifications.service.js';

const tags = ['Notifications'];
/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 20_000;

const notification = z
  .object({
    id: z.uuid(),
    eventId: z.uuid().nullable().meta({ description: 'The event it is about; null for introductions, asks and contact exchange.' }),
    kind: z.string().meta({ description: 'request_received, request_accepted, meeting_placed, meeting_starting, intro_proposed, …' }),
    text: z.string(),
    link: z.string(),
    meetingId: z.uuid().nullable().meta({ description: 'The meeting it is about, if any.' }),
    createdAt: z.date(),
    read: z.boolean(),
  })
  .meta({ id: 'Notification' });

export function notificationsRoutes(ctx: ServiceContext) {
  return async function plugin(app: TypedApp) {
    const open = new Set<ServerResponse>();
    // Open streams would hold the server up at shutdown: end them first.
    app.addHook('preClose', async () => {
      for (const stream of open) stream.end();
      open.clear();
    });

    app.get(
      '/api/me/notifications',
      {
        schema: {
          tags,
          summary: 'My latest notifications (50) and how many are unread',
          description: describePermission('account.manage', 'Signed-in people; their own only.'),
          security: signedIn,
          response: { 200: z.object({ notifications: z.array(notification), unread: z.int() }), ...commonProblems },
        },
      },
      async (request) => notifications.listMine(ctx, request.actor),
    );
    app.post(
      '/api/me/notifications/read',
      {
        schema: {
          tags,
          summary: 'Mark all my notifications read',
          description: describePermission('account.manage', 'Signed-in people; their own only.'),
          security: signedIn,
          response: { 204: z.null(), ...commonProblems },
        },
      },
      async (request, reply) => {
        await notifications.markAllRead(ctx, request.actor);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/api/me/notifications/stream',
      {
        schema: {
          tags,
          summary: 'My notifications, live (Server-Sent Events: `event: notification`, data = a Notification)',
          description: describePermission(
            'account.manage',
            'Signed-in people; their own only. `text/event-stream`; works across server processes on one PostgreSQL.',
          ),
          security: signedIn,
          response: commonProblems,
        },
      },
      async (request, reply) => {
        const { userId } = await notifications.openStream(ctx, request.actor);
        const realtime = ctx.realtime;
        if (!realtime) throw new AppError('internal', 'Live updates are not available on this server.');
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        raw.write('retry: 3000\n: connected\n\n');
        open.add(raw);
        const unsubscribe = realtime.subscribe(userId, (message) => {
          raw.write(`event: ${message.type}\ndata: ${JSON.stringify(message.data)}\n\n`);
        });
        // The stream outlives the check made when it opened: a session signed out meanwhile
        // (elsewhere, or by a password change) ends it at the next keepalive.
        const keepalive = setInterval(() => {
          void notifications.stillSignedIn(ctx, request.headers.authorization, request.sessionToken, userId).then((yes) => {
            if (yes) raw.write(': keepalive\n\n');
            else raw.end();
          });
        }, KEEPALIVE_MS);
        keepalive.unref();
        request.raw.on('close', () => {
          clearInterval(keepalive);
          unsubscribe();
          open.delete(raw);
        });
      },
    );
  };
}
