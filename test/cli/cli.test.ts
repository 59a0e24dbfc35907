import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/server/platform/auth/secrets.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { openDatabase, queryRows, type Database } from '../../src/server/platform/db/client.js';
import { eventIntents, events, meetingSlots, meetingTables, memberships, mixerParticipants, mixers, profiles, users } from '../../src/server/platform/db/schema.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { CLI_PUBLIC_URL as PUBLIC_URL, cli, expectOneLineFailure, lines, root } from '../support/cli.js';
import { createTestDatabase, storageEngines, type TestDatabase } from '../support/engines.js';

const dirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('commonground usage', () => {
  it('prints help for the program and for every command, exit 0', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: commonground/);
    expect(help.stderr).toBe('');
    const commands = [['serve'], ['migrate'], ['admin', 'create'], ['admin', 'reset-password'], ['demo'], ['login'], ['whoami'], ['events', 'list'], ['import'], ['recommend'], ['meetings', 'schedule'], ['mixer', 'plan']];
    const runs = await Promise.all(commands.map((command) => cli([...command, '--help'])));
    runs.forEach((run, i) => {
      expect(run.code, commands[i]!.join(' ')).toBe(0);
      expect(run.stdout).toContain(`Usage: commonground ${commands[i]!.join(' ')}`);
    });
  }, 60_000);

  it('answers bad usage with one line on stderr and exit 2', async () => {
    expectOneLineFailure(await cli(['frobnicate']), 2, /unknown command 'frobnicate'/);
    expectOneLineFailure(await cli(['evnts']), 2, /unknown command 'evnts'.*events/);
    expectOneLineFailure(await cli([]), 2, /missing command/);
    expectOneLineFailure(await cli(['events']), 2, /commonground events: missing command \(one of: list\)/);
    expectOneLineFailure(await cli(['demo', '--attendees', 'lots']), 2, /--attendees.*whole number/);
    expectOneLineFailure(await cli(['demo', '--attendees']), 2, /argument missing/);
    expectOneLineFailure(await cli(['whoami', '--colour']), 2, /unknown option '--colour'/);
    expectOneLineFailure(await cli(['serve', '--port', '70000']), 2, /--port/);
  }, 60_000);

  it('never takes a password as an argument', async () => {
    expectOneLineFailure(await cli(['admin', 'create', '--email', 'a@example.org', '--name', 'A']), 2, /--password-stdin/);
    expectOneLineFailure(await cli(['login', '--server', 'http://127.0.0.1:9', '--email', 'a@example.org']), 2, /--password-stdin/);
  });

  it('says so when nobody is logged in or the server cannot be reached: exit 1', async () => {
    const config = path.join(tempDir('cg-cli-nobody-'), 'credentials.json');
    expectOneLineFailure(await cli(['whoami'], { env: { COMMONGROUND_CONFIG: config } }), 1, /not logged in: run commonground login/);
    expectOneLineFailure(await cli(['events', 'list', '--json'], { env: { COMMONGROUND_CONFIG: config } }), 1, /not logged in/);
    const unreachable = await cli(['login', '--server', 'http://127.0.0.1:9', '--email', 'a@example.org', '--password-stdin'], {
      env: { COMMONGROUND_CONFIG: config },
      input: 'whatever password',
    });
    expectOneLineFailure(unreachable, 1, /cannot reach http:\/\/127\.0\.0\.1:9/);
    expectOneLineFailure(await cli(['login', '--server', 'ftp://example.org', '--email', 'a@example.org', '--password-stdin']), 2, /http/);
  }, 60_000);

  it('refuses a PGlite data directory another live process has open, and takes over one left by a crash', async () => {
    const dataDir = path.join(tempDir('cg-cli-busy-'), 'data');
    mkdirSync(dataDir);
    // This test runner is alive and is not the CLI's process.
    writeFileSync(path.join(dataDir, 'commonground.lock'), `${process.pid}\n`);
    expectOneLineFailure(
      await cli(['migrate'], { env: { DATA_DIR: dataDir } }),
      1,
      new RegExp(`in use by process ${process.pid} \\(another Common Ground server or command\\); stop it first`),
    );
    const exited = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => exited.once('exit', resolve));
    writeFileSync(path.join(dataDir, 'commonground.lock'), `${exited.pid}\n`);
    // PGlite's own leftover from a crash, with its placeholder pid, no longer blocks either.
    writeFileSync(path.join(dataDir, 'postmaster.pid'), '-42\n');
    const run = await cli(['migrate'], { env: { DATA_DIR: dataDir } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Database up to date/);
  }, 60_000);

  it('the bin shim asks for a build when there is none', async () => {
    const clone = tempDir('cg-cli-clone-');
    mkdirSync(path.join(clone, 'bin'));
    copyFileSync(path.join(root, 'bin/commonground.js'), path.join(clone, 'bin/commonground.js'));
    const run = await cli(['--help'], { script: path.join(clone, 'bin/commonground.js') });
    expectOneLineFailure(run, 1, /npm run build/);
  });
});

interface Target {
  env: Record<string, string>;
  /** Runs `inspect` on the database once no CLI process holds it. */
  inspect<T>(inspect: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function pgliteTarget(): Promise<Target> {
  const dataDir = path.join(tempDir('cg-cli-pglite-'), 'data');
  return {
    env: { DATA_DIR: dataDir },
    async inspect(inspect) {
      const handle = await openDatabase({ dataDir });
      try {
        return await inspect(handle.db);
      } finally {
        await handle.close();
      }
    },
    async close() {},
  };
}

async function postgresTarget(): Promise<Target> {
  const database: TestDatabase = await createTestDatabase('postgres');
  const [row] = await queryRows<{ name: string }>(database.handle.db, sql`select current_database() as name`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${row!.name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    inspect: (inspect) => inspect(database.handle.db),
    close: () => database.drop(),
  };
}

describe.each(storageEngines())('commands on the database (%s)', (engine) => {
  let target: Target;
  beforeAll(async () => {
    target = engine === 'pglite' ? await pgliteTarget() : await postgresTarget();
  });
  afterAll(async () => {
    await target?.close();
  });

  it('migrate applies migrations and can run again', async () => {
    for (let i = 0; i < 2; i++) {
      const run = await cli(['migrate'], { env: target.env });
      expect(run.code, run.stderr).toBe(0);
      expect(lines(run.stdout)).toHaveLength(1);
      expect(run.stdout).toMatch(/Database up to date/);
    }
  }, 60_000);

  it('admin create reads the password from stdin, and refuses the same email twice with exit 2', async () => {
    const first = await cli(['admin', 'create', '--email', 'Root@Example.org', '--name', 'Ro Admin', '--password-stdin', '--json'], {
      env: target.env,
      input: 'a long admin password\n',
    });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ email: 'root@example.org', name: 'Ro Admin', isAdmin: true });
    const again = await cli(['admin', 'create', '--email', 'root@example.org', '--name', 'Other', '--password-stdin'], {
      env: target.env,
      input: 'another long password',
    });
    expectOneLineFailure(again, 2, /already exists/);
    const short = await cli(['admin', 'create', '--email', 'short@example.org', '--name', 'S', '--password-stdin'], {
      env: target.env,
      input: 'short\n',
    });
    expectOneLineFailure(short, 2, /password: .*8 characters/);
    const admins = await target.inspect((db) => db.select().from(users).where(eq(users.isAdmin, true)));
    expect(admins.map((u) => u.email)).toEqual(['root@example.org']);
  }, 60_000);

  it('admin reset-password sets a new password from stdin, and names an unknown email with exit 2', async () => {
    const reset = await cli(['admin', 'reset-password', '--email', 'ROOT@example.org', '--password-stdin'], {
      env: target.env,
      input: 'a brand new password\n',
    });
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/New password set for Ro Admin <root@example.org>/);
    const [root] = await target.inspect((db) => db.select().from(users).where(eq(users.email, 'root@example.org')));
    expect(await verifyPassword(root!.passwordHash, 'a brand new password')).toBe(true);
    expect(await verifyPassword(root!.passwordHash, 'a long admin password')).toBe(false);
    const unknown = await cli(['admin', 'reset-password', '--email', 'nobody@example.org', '--password-stdin'], {
      env: target.env,
      input: 'a brand new password\n',
    });
    expectOneLineFailure(unknown, 2, /no account with the email nobody@example.org/);
    expectOneLineFailure(await cli(['admin', 'reset-password', '--email', 'root@example.org'], { env: target.env }), 2, /--password-stdin/);
  }, 60_000);

  it('demo creates an event of synthetic attendees with profiles, and prints one JSON document', async () => {
    const run = await cli(['demo', '--attendees', '25', '--seed', '7', '--json'], { env: target.env });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { eventId: string; url: string; attendees: number; mixerId: string; seconds: number };
    expect(Object.keys(result).sort()).toEqual(['attendees', 'eventId', 'mixerId', 'seconds', 'url']);
    expect(result.attendees).toBe(25);
    expect(result.url).toBe(`${PUBLIC_URL}/e/${result.eventId}`);
    expect(result.seconds).toBeGreaterThan(0);

    const again = await cli(['demo', '--attendees', '25', '--seed', '7', '--json'], { env: target.env });
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout) as { eventId: string };
    expect(second.eventId).not.toBe(result.eventId);

    await target.inspect(async (db) => {
      const attendeesOf = (eventId: string) =>
        db
          .select({ name: users.name, interests: profiles.interests, offers: profiles.offers, seeking: profiles.seeking })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .innerJoin(profiles, eq(profiles.userId, memberships.userId))
          .where(and(eq(memberships.eventId, eventId), eq(memberships.role, 'attendee')));
      const people = await attendeesOf(result.eventId);
      expect(people).toHaveLength(25);
      for (const person of people) expect(person.interests.length).toBeGreaterThan(0);
      expect(people.some((p) => p.offers.length > 0 && p.seeking.length > 0)).toBe(true);
      const intents = await db.select().from(eventIntents).where(eq(eventIntents.eventId, result.eventId));
      expect(intents.length).toBeGreaterThan(0);
      // The welcome mixer seats every attendee, planned and not started.
      const [mixer] = await db.select().from(mixers).where(eq(mixers.id, result.mixerId));
      expect(mixer).toMatchObject({ eventId: result.eventId, status: 'draft', tableSize: 6, rounds: 4 });
      expect(await db.select().from(mixerParticipants).where(eq(mixerParticipants.mixerId, result.mixerId))).toHaveLength(25);
      // Ready for 1:1 meetings: slots inside the event, that do not overlap, and tables.
      const [event] = await db.select().from(events).where(eq(events.id, result.eventId));
      const slots = await db.select().from(meetingSlots).where(eq(meetingSlots.eventId, result.eventId)).orderBy(meetingSlots.startsAt);
      expect(slots.length).toBeGreaterThan(3);
      slots.forEach((slot, i) => {
        expect(slot.startsAt.getTime()).toBeGreaterThanOrEqual(event!.startsAt.getTime());
        expect(slot.endsAt.getTime()).toBeLessThanOrEqual(event!.endsAt.getTime());
        if (i > 0) expect(slot.startsAt.getTime()).toBeGreaterThanOrEqual(slots[i - 1]!.endsAt.getTime());
      });
      expect((await db.select().from(meetingTables).where(eq(meetingTables.eventId, result.eventId))).length).toBeGreaterThanOrEqual(5);
      // Profiles are written the way the profile service writes them.
      const questions = await db
        .select({ questions: profiles.questions })
        .from(memberships)
        .innerJoin(profiles, eq(profiles.userId, memberships.userId))
        .where(eq(memberships.eventId, result.eventId));
      expect(questions.flatMap((p) => p.questions).every((q) => q.endsWith('?') && q.length <= 200)).toBe(true);
      // Analyzed after the bulk insert, so the planner knows how many rows there are.
      const [analyzed] = await queryRows<{ rows: number }>(db, sql`select reltuples::int as rows from pg_class where relname = 'memberships'`);
      expect(analyzed!.rows).toBeGreaterThanOrEqual(50);
      // The same seed gives the same people.
      const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();
      expect(names(await attendeesOf(second.eventId))).toEqual(names(people));
      const organizers = await db
        .select({ ownerId: events.ownerId, userId: memberships.userId })
        .from(events)
        .innerJoin(memberships, and(eq(memberships.eventId, events.id), eq(memberships.role, 'organizer')))
        .where(eq(events.id, result.eventId));
      expect(organizers).toHaveLength(1);
      expect(organizers[0]!.userId).toBe(organizers[0]!.ownerId);
      // Without --organizer, the server's first admin (made above) owns it, so they can open it.
      const [owner] = await db.select({ email: users.email }).from(users).where(eq(users.id, organizers[0]!.ownerId!));
      expect(owner!.email).toBe('root@example.org');
    });
  }, 90_000);

  it('demo --organizer needs an existing account', async () => {
    const run = await cli(['demo', '--attendees', '3', '--organizer', 'nobody@example.org'], { env: target.env });
    expectOneLineFailure(run, 2, /no account with the email nobody@example.org/);
  }, 60_000);
});

describe('login, whoami and events list against a running server', () => {
  let server: RunningServer;
  let credentials: string;
  const email = 'ana.lima@example.org';
  const password = 'a long enough password';

  beforeAll(async () => {
    const dir = tempDir('cg-cli-server-');
    credentials = path.join(dir, 'config', 'credentials.json');
    server = await startServer(loadConfig({}, { port: 0, dataDir: path.join(dir, 'data'), logLevel: 'silent' }), {
      webRoot: '/nonexistent',
    });
    // The first account, made with the one-time link the server prints at its first start.
    const signUp = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupLink!.split('#')[1], email, name: 'Ana Lima', password }),
    });
    expect(signUp.status).toBe(201);
    const cookie = signUp.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${server.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        name: 'Autumn Mixer',
        slug: 'autumn-mixer',
        startsAt: '2026-10-01T17:00:00Z',
        endsAt: '2026-10-01T21:00:00Z',
        timeZone: 'Europe/Lisbon',
      }),
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
  });

  const as = () => ({ env: { COMMONGROUND_CONFIG: credentials } });

  it('logs in with the password from stdin and keeps the token in a file only its owner can read', async () => {
    const run = await cli(['login', '--server', `${server.url}/`, '--email', email, '--password-stdin'], { ...as(), input: `${password}\n` });
    expect(run.code, run.stderr).toBe(0);
    expect(lines(run.stdout)).toHaveLength(1);
    expect(run.stdout).toContain('Ana Lima');
    expect(statSync(credentials).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(credentials, 'utf8')) as { server: string; token: string };
    expect(stored.server).toBe(server.url);
    expect(stored.token).toMatch(/^cg_/);
  });

  it('whoami --json and events list --json print one JSON document each', async () => {
    const me = await cli(['whoami', '--json'], as());
    expect(me.code, me.stderr).toBe(0);
    expect(JSON.parse(me.stdout)).toMatchObject({ email, name: 'Ana Lima', isAdmin: true, server: server.url });

    const list = await cli(['events', 'list', '--json'], as());
    expect(list.code, list.stderr).toBe(0);
    const { events: mine } = JSON.parse(list.stdout) as { events: { name: string; slug: string; myRole: string; attendeeCount: number }[] };
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ name: 'Autumn Mixer', slug: 'autumn-mixer', myRole: 'organizer', attendeeCount: 1 });

    const table = await cli(['events', 'list'], as());
    expect(table.code, table.stderr).toBe(0);
    expect(lines(table.stdout)[0]).toMatch(/^NAME\s+SLUG\s+WHEN\s+ROLE\s+ATTENDEES$/);
    // Shown in the event's own time zone (Lisbon is UTC+1 in October).
    expect(table.stdout).toMatch(/Autumn Mixer\s+autumn-mixer\s+2026-10-01 18:00–22:00 Europe\/Lisbon\s+owner\s+1/);
  });

  it('a wrong password fails with exit 1 and keeps the stored login', async () => {
    const before = readFileSync(credentials, 'utf8');
    const run = await cli(['login', '--server', server.url, '--email', email, '--password-stdin'], { ...as(), input: 'not the password' });
    expectOneLineFailure(run, 1, /email or password is not right/);
    expect(readFileSync(credentials, 'utf8')).toBe(before);
  });

  it('an API 400 is bad input: exit 2 naming the field', async () => {
    const run = await cli(['login', '--server', server.url, '--email', `${'a'.repeat(300)}@example.org`, '--password-stdin'], {
      ...as(),
      input: password,
    });
    expectOneLineFailure(run, 2, /email/);
  });

  it('logging in again revokes the token it replaces', async () => {
    const old = JSON.parse(readFileSync(credentials, 'utf8')) as { token: string };
    const run = await cli(['login', '--email', email, '--password-stdin', '--name', 'second login'], { ...as(), input: password });
    expect(run.code, run.stderr).toBe(0);
    const oldToken = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${old.token}` } });
    expect(oldToken.status).toBe(401);
    expect((await cli(['whoami'], as())).stdout).toMatch(/Ana Lima <ana\.lima@example\.org> \(admin\) on http/);
  });

  it('a revoked token is reported with exit 1 and the way out', async () => {
    const stored = JSON.parse(readFileSync(credentials, 'utf8')) as { token: string; tokenId: string };
    const revoked = await fetch(`${server.url}/api/me/tokens/${stored.tokenId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${stored.token}` },
    });
    expect(revoked.status).toBe(204);
    expectOneLineFailure(await cli(['whoami', '--json'], as()), 1, /run commonground login/);
  });
});
