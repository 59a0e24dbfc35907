import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/platform/config.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { call, eventWith, TestClock, type TestApp } from '../support/app.js';
import { createPeople } from '../support/people.js';

// The timer itself, as `npm start` runs it: its advancing once per round, with two processes
// racing, is tested in mixers-live.test.ts through advanceDueMixers.
describe('the server’s own timer', () => {
  let server: RunningServer;
  const clock = new TestClock();
  beforeAll(async () => {
    server = await startServer(loadConfig({}, { port: 0, dataDir: 'memory://', logLevel: 'silent' }), { webRoot: '/nonexistent', now: clock.now });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('starts the next round of an auto-advancing mixer within seconds of the time being up', async () => {
    const t = { app: server.app, ctx: server.ctx } as unknown as TestApp;
    const [organizer, ...people] = await createPeople(t, ['Olga Organizer', 'Ana', 'Bo', 'Cy', 'Di']);
    const { event } = await eventWith(server.app, organizer!, people);
    const created = await call(server.app, organizer, 'POST', `/api/events/${event.id}/mixers`, {
      participants: 'joined',
      tableSize: 2,
      rounds: 2,
      minutesPerRound: 3,
      autoAdvance: true,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const base = `/api/events/${event.id}/mixers/${created.body.id}`;
    expect((await call(server.app, organizer, 'POST', `${base}/start`)).status).toBe(200);
    const round = async () => (await call(server.app, organizer, 'GET', base)).body.currentRound as number;
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(await round()).toBe(1);
    clock.advance(3 * 60_000);
    await expect.poll(round, { timeout: 8_000, interval: 250 }).toBe(2);
  }, 30_000);
});
