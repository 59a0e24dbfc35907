import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { advanceDueMixers } from '../../src/server/mixers/mixers.service.js';
import type { ServiceContext } from '../../src/server/platform/context.js';
import { openDatabase, queryRows, type DatabaseHandle } from '../../src/server/platform/db/client.js';
import { Realtime, type LiveMessage } from '../../src/server/platform/realtime.js';
import { call, createTestApp, eventWith, type Person, type TestApp } from '../support/app.js';
import { storageEngines } from '../support/engines.js';
import { createPeople } from '../support/people.js';

// Two processes need a database server; on PGlite there is one process by design. Without
// DATABASE_URL, storageEngines says loudly that the PostgreSQL tests are skipped (in CI it fails).
const onPostgres = storageEngines().includes('postgres');

/** Every event of a Server-Sent Events response, as it arrives. */
function collectEvents(response: Response): { type: string; data: any; at: number }[] {
  const events: { type: string; data: any; at: number }[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      text += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type && data) events.push({ type, data: JSON.parse(data), at: performance.now() });
      }
    }
  })();
  return events;
}

describe.skipIf(!onPostgres)('mixers across two server processes on one PostgreSQL', () => {
  let t: TestApp;
  let handle: DatabaseHandle;
  let realtime: Realtime;
  /** The second process's services: its own pool and its own LISTEN connection, the same clock. */
  let second: ServiceContext;
  beforeAll(async () => {
    t = await createTestApp('postgres');
    handle = await openDatabase({ databaseUrl: t.database.url!, maxConnections: 4 });
    realtime = new Realtime(handle);
    await realtime.start();
    second = { ...t.ctx, db: handle.db, realtime };
  });
  afterAll(async () => {
    await realtime?.close();
    await handle?.close();
    await t?.close();
  });

  async function runningSetUp(autoAdvance: boolean) {
    const [organizer, ...people] = await createPeople(t, ['Olga Organizer', 'Ana Lima', 'Bo Berg', 'Cy Curious', 'Di Dane', 'Ed Ek', 'Flo Fox']);
    const { event } = await eventWith(t.app, organizer!, people);
    const created = await call(t.app, organizer, 'POST', `/api/events/${event.id}/mixers`, {
      participants: 'joined',
      tableSize: 3,
      rounds: 3,
      minutesPerRound: 10,
      autoAdvance,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { organizer: organizer!, people: people as Person[], eventId: event.id as string, mixer: created.body };
  }

  const tableOf = (mixer: { plan: { rounds: { tables: { table: number; people: string[] }[] }[] } }, round: number, userId: string) =>
    mixer.plan.rounds[round - 1]!.tables.find((table) => table.people.includes(userId))!.table;

  it('tells an attendee connected to process B of the round that process A started, within two seconds', async () => {
    const { organizer, people, eventId, mixer } = await runningSetUp(false);
    const ana = people[0]!;
    const app = await buildApp(second, { webRoot: '/nonexistent' });
    try {
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const controller = new AbortController();
      const stream = await fetch(`${address}/api/me/notifications/stream`, { headers: { cookie: ana.cookie }, signal: controller.signal });
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = collectEvents(stream);
      await expect.poll(() => realtime.connections).toBe(1);
      const base = `/api/events/${eventId}/mixers/${mixer.id}`;

      let asked = performance.now();
      expect((await call(t.app, organizer, 'POST', `${base}/start`)).status).toBe(200);
      await expect.poll(() => events.filter((e) => e.type === 'mixer.round').length, { timeout: 2000 }).toBe(1);
      const first = events.find((e) => e.type === 'mixer.round')!;
      expect(first.at - asked).toBeLessThan(2000);
      expect(first.data).toMatchObject({ eventId, mixerId: mixer.id, round: 1, seat: { table: tableOf(mixer, 1, ana.id) } });

      asked = performance.now();
      expect((await call(t.app, organizer, 'POST', `${base}/advance`, { fromRound: 1 })).status).toBe(200);
      await expect.poll(() => events.filter((e) => e.type === 'mixer.round').length, { timeout: 2000 }).toBe(2);
      const next = events.filter((e) => e.type === 'mixer.round')[1]!;
      expect(next.at - asked).toBeLessThan(2000);
      const table = tableOf(mixer, 2, ana.id);
      expect(next.data).toMatchObject({ round: 2, rounds: 3, seat: { table, label: `Table ${table}` } });
      expect(next.data.text).toMatch(new RegExp(`^Round 2 · Table ${table} · with `));
      // Ana hears only of her own seat.
      const others = mixer.plan.rounds[1].tables.filter((t: { table: number }) => t.table !== table).flatMap((t: { people: string[] }) => t.people);
      for (const other of others) expect(JSON.stringify(next)).not.toContain(other);
      controller.abort();
    } finally {
      await app.close();
    }
  });

  it('advances a due round exactly once when both processes’ timers look at the same moment', async () => {
    const mixers = [await runningSetUp(true), await runningSetUp(true), await runningSetUp(true)];
    const heard: LiveMessage[] = [];
    const stops: (() => void)[] = [];
    for (const { organizer, people, eventId, mixer } of mixers) {
      expect((await call(t.app, organizer, 'POST', `/api/events/${eventId}/mixers/${mixer.id}/start`)).status).toBe(200);
      for (const person of people) {
        stops.push(t.ctx.realtime!.subscribe(person.id, (m) => heard.push(m)));
        stops.push(realtime.subscribe(person.id, (m) => heard.push(m)));
      }
    }
    try {
      t.clock.advance(10 * 60_000);
      // Each process ticks a few times at once, as two timers over a slow database might.
      const results = await Promise.all([
        advanceDueMixers(t.ctx),
        advanceDueMixers(second),
        advanceDueMixers(t.ctx),
        advanceDueMixers(second),
      ]);
      expect(results.reduce((sum, n) => sum + n, 0)).toBe(3);
      for (const { organizer, people, eventId, mixer } of mixers) {
        const read = await call(t.app, organizer, 'GET', `/api/events/${eventId}/mixers/${mixer.id}`);
        expect(read.body).toMatchObject({ status: 'running', currentRound: 2 });
        // Each message reached both processes' subscribers: one round-2 message per person and process.
        await expect
          .poll(() => heard.filter((m) => m.type === 'mixer.round' && (m.data as { mixerId: string; round: number }).mixerId === mixer.id && (m.data as { round: number }).round === 2).length)
          .toBe(people.length * 2);
        const [round1] = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from encounters where mixer_id = ${mixer.id} and mixer_round = 1`);
        expect(round1!.n).toBe(6);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      const roundTwo = heard.filter((m) => m.type === 'mixer.round' && (m.data as { round: number }).round === 2);
      expect(roundTwo).toHaveLength(mixers.reduce((sum, m) => sum + m.people.length * 2, 0));
      expect(await advanceDueMixers(second)).toBe(0);
    } finally {
      for (const stop of stops) stop();
    }
  });
});
