import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openDatabase, queryRows } from '../../src/server/platform/db/client.js';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { publish, Realtime, type LiveMessage } from '../../src/server/platform/realtime.js';
import { call, createTestApp, eventWith, type TestApp } from '../support/app.js';
import { storageEngines } from '../support/engines.js';
import { createPeople } from '../support/people.js';
import { firstEvent } from '../support/sse.js';

// Two processes need a database server; on PGlite there is one process by design. Without
// DATABASE_URL, storageEngines says loudly that the PostgreSQL tests are skipped (in CI it fails).
const onPostgres = storageEngines().includes('postgres');
const engine = 'postgres' as const;

describe.skipIf(!onPostgres)('live updates across two server processes on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('tells a person connected to one process of what happened through the other, never anyone else', async () => {
    const [organizer, ana, bo, cy] = await createPeople(t, ['Olga', 'Ana', 'Bo', 'Cy']);
    const { event } = await eventWith(t.app, organizer!, [ana!, bo!, cy!]);
    // The second process: its own pool, its own LISTEN connection, its own app.
    const handle = await openDatabase({ databaseUrl: t.database.url!, maxConnections: 4 });
    const realtime = new Realtime(handle);
    await realtime.start();
    const second = await buildApp({ ...t.ctx, db: handle.db, realtime }, { webRoot: '/nonexistent' });
    try {
      const address = await second.listen({ port: 0, host: '127.0.0.1' });
      const controller = new AbortController();
      const open = (cookie: string) => fetch(`${address}/api/me/notifications/stream`, { headers: { cookie }, signal: controller.signal });
      const [boStream, cyStream] = await Promise.all([open(bo!.cookie), open(cy!.cookie)]);
      expect(boStream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const cyEvents: unknown[] = [];
      void firstEvent(cyStream, 'notification').then((e) => cyEvents.push(e), () => {});
      await expect.poll(() => realtime.connections).toBe(2);
      const boHears = firstEvent(boStream, 'notification');
      // Asked through the first process; heard through the second.
      const asked = await call(t.app, ana, 'POST', `/api/events/${event.id}/meeting-requests`, { inviteeId: bo!.id, note: 'Hi' });
      expect(asked.status).toBe(201);
      expect(await boHears).toMatchObject({ kind: 'request_received', eventId: event.id, text: 'Ana would like to meet you' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(cyEvents).toEqual([]);
      controller.abort();
    } finally {
      await second.close();
      await realtime.close();
      await handle.close();
    }
  });

  it('listens again after its connection is cut, and tells its streams to fetch afresh', async () => {
    const handle = await openDatabase({ databaseUrl: t.database.url!, maxConnections: 2 });
    const realtime = new Realtime(handle);
    await realtime.start();
    const heard: LiveMessage[] = [];
    const userId = randomUUID();
    const stop = realtime.subscribe(userId, (message) => heard.push(message));
    try {
      // The server ends the LISTEN connection, as a restart or a failover would.
      const cut = await queryRows<{ ended: boolean }>(
        t.ctx.db,
        sql`select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = current_database() and query ilike 'listen%'`,
      );
      expect(cut.filter((row) => row.ended).length).toBeGreaterThanOrEqual(1);
      await expect.poll(() => heard.map((m) => m.type), { timeout: 10_000 }).toContain('resync');
      await publish(t.ctx.db, { userId, type: 'notification', data: { text: 'after the cut' } });
      await expect.poll(() => heard.filter((m) => m.type === 'notification').map((m) => m.data), { timeout: 5_000 }).toEqual([{ text: 'after the cut' }]);
    } finally {
      stop();
      await realtime.close();
      await handle.close();
    }
  });
});
