import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createUser } from '../../src/server/accounts/accounts.service.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/platform/config.js';
import type { ServiceContext } from '../../src/server/platform/context.js';
import type { Engine } from '../../src/server/platform/db/client.js';
import { Realtime } from '../../src/server/platform/realtime.js';
import { createTestDatabase, type TestDatabase } from './engines.js';

/** A clock tests can move. */
export class TestClock {
  constructor(private current = new Date('2026-06-01T09:00:00Z')) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp {
  app: FastifyInstance;
  ctx: ServiceContext;
  clock: TestClock;
  database: TestDatabase;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({}, { publicUrl: 'http://127.0.0.1:3000', logLevel: 'silent', ...overrides });
}

/**
 * The app on a fresh database of the given engine, without a web root and without listening.
 * The server is set up (it has its first, admin account, so sign-up is open) unless `empty`.
 */
export async function createTestApp(
  engine: Engine,
  overrides: Partial<Config> = {},
  options: { empty?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  const clock = new TestClock();
  const realtime = new Realtime(database.handle);
  await realtime.start();
  const ctx: ServiceContext = { db: database.handle.db, engine, config: testConfig(overrides), now: clock.now, realtime };
  if (!options.empty) {
    await createUser(ctx, { email: 'operator@example.org', name: 'Server Operator', password: 'operator password', isAdmin: true });
  }
  const app = await buildApp(ctx, { webRoot: '/nonexistent' });
  await app.ready();
  return {
    app,
    ctx,
    clock,
    database,
    async close() {
      await app.close();
      await realtime.close();
      await database.drop();
    },
  };
}

/** A signed-in person: their cookie and ids, for calling the API as them. */
export interface Person {
  id: string;
  email: string;
  name: string;
  cookie: string;
}

export function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  if (!first) throw new Error(`no cookie set (status ${response.statusCode}: ${response.body})`);
  return first.split(';')[0]!;
}

export async function signUp(app: FastifyInstance, name = 'Test Person'): Promise<Person> {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${randomUUID().slice(0, 8)}@example.org`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-up',
    payload: { email, name, password: 'a long enough password' },
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  return { id: response.json().id, email, name, cookie: cookieOf(response) };
}

/** Calls the API as a person (or anonymously) and returns status and parsed body. */
export async function call(
  app: FastifyInstance,
  who: Person | undefined,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  const response = await app.inject({
    method,
    url,
    headers: who ? { cookie: who.cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  const body = response.body ? (JSON.parse(response.body) as any) : undefined;
  return { status: response.statusCode, body, headers: response.headers };
}

export const sampleEvent = (overrides: Record<string, unknown> = {}) => ({
  name: 'Autumn Mixer',
  startsAt: '2026-10-01T17:00:00Z',
  endsAt: '2026-10-01T21:00:00Z',
  timeZone: 'Europe/Lisbon',
  venue: 'The Old Library',
  ...overrides,
});

/** An event organized by `organizer`, joined by each of `attendees` through an invite link. */
export async function eventWith(app: FastifyInstance, organizer: Person, attendees: Person[] = []) {
  const created = await call(app, organizer, 'POST', '/api/events', sampleEvent({ name: `Event ${randomUUID().slice(0, 6)}` }));
  if (created.status !== 201) throw new Error(`event creation failed: ${JSON.stringify(created.body)}`);
  const invite = await call(app, organizer, 'POST', `/api/events/${created.body.id}/invites`, {});
  for (const attendee of attendees) {
    const joined = await call(app, attendee, 'POST', `/api/invites/${invite.body.token}/accept`);
    if (joined.status !== 200) throw new Error(`join failed: ${JSON.stringify(joined.body)}`);
  }
  return { event: created.body as { id: string; slug: string }, invite: invite.body as { id: string; token: string } };
}
