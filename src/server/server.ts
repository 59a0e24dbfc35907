import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from './app.js';
import { issueSetupToken } from './accounts/accounts.service.js';
import { deleteExpiredSessions } from './platform/auth/sessions.js';
import { deleteExpiredRates } from './platform/rate-limit.js';
import type { Config } from './platform/config.js';
import type { ServiceContext } from './platform/context.js';
import { safeFailure } from './platform/errors.js';
import { openDatabase, type DatabaseHandle } from './platform/db/client.js';
import { Realtime } from './platform/realtime.js';
import { announceStartingMeetings, deleteOldNotifications } from './notifications/notifications.service.js';
import { advanceDueMixers } from './mixers/mixers.service.js';

/** How often this process looks for meetings about to start. */
const REMINDER_INTERVAL_MS = 30_000;
/** How often this process looks for mixer rounds that are over (a round ends at most this late). */
const MIXER_INTERVAL_MS = 5_000;
/** Old notifications are cleared about once an hour. */
const CLEANUP_EVERY_TICKS = 120;

export interface RunningServer {
  app: FastifyInstance;
  handle: DatabaseHandle;
  ctx: ServiceContext;
  url: string;
  /** The one-time link that creates the first account, when the database has none. */
  setupLink: string | undefined;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, and serves the API and web app. */
export async function startServer(config: Config, options: AppOptions & { now?: () => Date } = {}): Promise<RunningServer> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let realtime: Realtime | undefined;
  try {
    await handle.migrate();
    realtime = new Realtime(handle);
    await realtime.start();
    const ctx: ServiceContext = { db: handle.db, engine: handle.engine, config, now: options.now ?? (() => new Date()), realtime };
    const app = await buildApp(ctx, options);
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const url = `http://${shownHost}:${port}`;
    // Port 0 picks a free port: links must name the one actually listened on.
    if (config.publicUrl === `http://${shownHost}:0`) ctx.config = { ...config, port, publicUrl: url };
    const publicUrl = ctx.config.publicUrl;
    const setupToken = await issueSetupToken(ctx);
    // Expired sessions and spent rate-limit windows are of no use to anyone.
    await deleteExpiredSessions(ctx);
    await deleteExpiredRates(ctx);
    if (handle.engine === 'pglite') {
      // PGlite has no autovacuum: refresh the planner's statistics once per start, in the background.
      void handle.db.execute(sql`analyze`).catch(() => {});
    }
    await deleteOldNotifications(ctx);
    // "Starting in 10 minutes": every process looks; the database lets each be sent once.
    let ticks = 0;
    const reminders = setInterval(() => {
      announceStartingMeetings(ctx).catch((error: unknown) => app.log.warn({ failure: safeFailure(error) }, 'meeting reminders failed'));
      if (++ticks % CLEANUP_EVERY_TICKS === 0) {
        deleteOldNotifications(ctx).catch((error: unknown) => app.log.warn({ failure: safeFailure(error) }, 'notification clean-up failed'));
      }
    }, REMINDER_INTERVAL_MS);
    reminders.unref();
    // Mixers with auto-advance move on when a round is over: every process looks, and the
    // database lets one of them advance each round, once. A tick still busy skips the next.
    let advancing: Promise<void> | undefined;
    const mixerTimer = setInterval(() => {
      advancing ??= advanceDueMixers(ctx)
        .then(() => undefined)
        .catch((error: unknown) => app.log.warn({ failure: safeFailure(error) }, 'advancing mixers failed'))
        .finally(() => {
          advancing = undefined;
        });
    }, MIXER_INTERVAL_MS);
    mixerTimer.unref();
    let closing: Promise<void> | undefined;
    return {
      app,
      handle,
      ctx,
      url,
      setupLink: setupToken ? `${publicUrl}/setup#${setupToken}` : undefined,
      close() {
        closing ??= (async () => {
          clearInterval(reminders);
          clearInterval(mixerTimer);
          // A round being advanced finishes before the database closes.
          await advancing;
          await app.close();
          await realtime?.close();
          await handle.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await realtime?.close().catch(() => {});
    await handle.close().catch(() => {});
    throw error;
  }
}
