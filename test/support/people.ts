import { randomUUID } from 'node:crypto';
import { insertUser } from '../../src/server/accounts/accounts.repository.js';
import { hashPassword } from '../../src/server/platform/auth/secrets.js';
import { sessionCookieName, startSession } from '../../src/server/platform/auth/sessions.js';
import { call, type Person, type TestApp } from './app.js';

/** The password of every person made by `createPerson`. */
export const PERSON_PASSWORD = 'a long enough password';

// One argon2 hash for everybody: hashing per person would dominate the run time.
let passwordHash: Promise<string> | undefined;

/**
 * A signed-in person, stored directly rather than through POST /api/auth/sign-up: that route is
 * rate-limited per address (a suite needs more people than the limit) and hashes every password.
 * Use `signUp` from ./app.js to test sign-up itself.
 */
export async function createPerson(t: TestApp, name = 'Test Person'): Promise<Person> {
  passwordHash ??= hashPassword(PERSON_PASSWORD);
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${randomUUID().slice(0, 8)}@example.org`;
  const user = await insertUser(t.ctx.db, { email, name, passwordHash: await passwordHash, isAdmin: false });
  const session = await startSession(t.ctx, user.id);
  return { id: user.id, email, name, cookie: `${sessionCookieName(t.ctx.config.secureCookies)}=${session.token}` };
}

export async function createPeople(t: TestApp, names: string[]): Promise<Person[]> {
  const people: Person[] = [];
  for (const name of names) people.push(await createPerson(t, name));
  return people;
}

/** Accepts an invite as `person`, failing loudly when it does not work. */
export async function joinWith(t: TestApp, person: Person, inviteToken: string): Promise<void> {
  const joined = await call(t.app, person, 'POST', `/api/invites/${inviteToken}/accept`);
  if (joined.status !== 200) throw new Error(`join failed: ${joined.status} ${JSON.stringify(joined.body)}`);
}
