import { expect } from 'vitest';
import { call, type Person, type TestApp } from './app.js';

/** Both say "we met" by a tap at the event, so that an encounter is recorded at the clock's now. */
export async function meet(t: TestApp, eventId: string, a: Person, b: Person): Promise<void> {
  const first = await call(t.app, a, 'PUT', `/api/events/${eventId}/met/${b.id}`);
  const second = await call(t.app, b, 'PUT', `/api/events/${eventId}/met/${a.id}`);
  expect([first.status, second.status], JSON.stringify([first.body, second.body])).toEqual([200, 200]);
}
