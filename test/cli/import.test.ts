// `commonground import`: through the API with a token, and directly on a database.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/platform/config.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { cli, expectOneLineFailure, lines, root } from '../support/cli.js';

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const fixture = (name: string) => path.join(root, 'test/fixtures/imports', name);

interface Report {
  format: string;
  committed: boolean;
  totals: Record<string, number>;
  problems: { row: number; column: number; message: string }[];
}

describe('commonground import through the API', () => {
  let server: RunningServer;
  let credentials: string;
  let cookie: string;
  let eventId: string;
  const email = 'olga.organizer@example.org';
  const password = 'a long enough password';

  beforeAll(async () => {
    const dir = tempDir('cg-cli-import-');
    credentials = path.join(dir, 'config', 'credentials.json');
    server = await startServer(loadConfig({}, { port: 0, dataDir: path.join(dir, 'data'), logLevel: 'silent' }), { webRoot: '/nonexistent' });
    const setUp = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.setupLink!.split('#')[1], email, name: 'Olga Organizer', password }),
    });
    expect(setUp.status).toBe(201);
    cookie = setUp.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${server.url}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: 'Night of Bees', slug: 'night-of-bees', startsAt: '2026-12-01T17:00:00Z', endsAt: '2026-12-01T21:00:00Z', timeZone: 'Europe/Lisbon' }),
    });
    expect(created.status).toBe(201);
    eventId = ((await created.json()) as { id: string }).id;
    const login = await cli(['login', '--server', server.url, '--email', email, '--password-stdin'], {
      env: { COMMONGROUND_CONFIG: credentials },
      input: `${password}\n`,
    });
    expect(login.code, login.stderr).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const as = () => ({ env: { COMMONGROUND_CONFIG: credentials } });
  const memberCount = async () => {
    const response = await fetch(`${server.url}/api/events/${eventId}/members`, { headers: { cookie } });
    expect(response.status).toBe(200);
    return JSON.stringify(await response.json()).split('"userId"').length - 1;
  };

  it('previews, imports, and then changes nothing on a second run', async () => {
    const before = await memberCount();
    const preview = await cli(['import', fixture('luma-guests.csv'), '--event', 'night-of-bees', '--dry-run', '--json'], as());
    expect(preview.code, preview.stderr).toBe(0);
    const previewed = JSON.parse(preview.stdout) as Report;
    expect(previewed).toMatchObject({ format: 'luma', committed: false, totals: { create: 8, skip: 2 }, problems: [] });
    expect(await memberCount()).toBe(before);

    const done = await cli(['import', fixture('luma-guests.csv'), '--event', 'night-of-bees'], as());
    expect(done.code, done.stderr).toBe(0);
    expect(lines(done.stdout)[0]).toBe('Luma guest export, 10 rows: 8 new, 0 updated, 0 unchanged, 2 skipped.');
    // Progress is for a terminal; a pipe gets none.
    expect(done.stderr).toBe('');

    const again = await cli(['import', fixture('luma-guests.csv'), '--event', 'night-of-bees', '--json'], as());
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as Report).totals).toMatchObject({ create: 0, unchanged: 8, skip: 2 });
    expect(await memberCount()).toBe(before + 8);
  }, 60_000);

  it('refuses a broken file with its place in one line and exit 2, storing nothing', async () => {
    const before = await memberCount();
    const run = await cli(['import', fixture('luma-broken.csv'), '--event', 'night-of-bees'], as());
    expectOneLineFailure(run, 2, /luma-broken\.csv:3:5: "bo\.svensson-at-example\.com" is not an email address \(and 1 more; see them with --dry-run\); nothing was imported/);
    expect(await memberCount()).toBe(before);

    const preview = await cli(['import', fixture('luma-broken.csv'), '--event', 'night-of-bees', '--dry-run'], as());
    expect(preview.code).toBe(2);
    expect(preview.stdout).toContain(`${fixture('luma-broken.csv')}:4:2: the name is empty`);
    expect(lines(preview.stderr)).toHaveLength(1);

    const valid = await cli(['import', fixture('luma-broken.csv'), '--event', 'night-of-bees', '--valid-rows-only', '--json'], as());
    expect(valid.code, valid.stderr).toBe(0);
    expect((JSON.parse(valid.stdout) as Report).totals).toMatchObject({ problems: 2, unchanged: 1 });
  }, 60_000);

  it('names an event that is not yours, and bad options, with exit 2', async () => {
    expectOneLineFailure(await cli(['import', fixture('luma-guests.csv'), '--event', 'nope'], as()), 2, /no event "nope" among yours/);
    expectOneLineFailure(await cli(['import', fixture('luma-guests.csv'), '--event', 'night-of-bees', '--format', 'xls'], as()), 2, /--format is one of/);
    expectOneLineFailure(await cli(['import', 'missing.csv', '--event', 'night-of-bees'], as()), 2, /cannot read missing\.csv: no such file/);
    expectOneLineFailure(await cli(['import', fixture('luma-guests.csv'), '--event', 'night-of-bees', '--as', 'x@example.org'], as()), 2, /--as works with --direct only/);
  }, 60_000);
});

describe('commonground import --direct', () => {
  it('imports into an event of the database as its owner, or as the organizer named', async () => {
    const env = { DATA_DIR: path.join(tempDir('cg-cli-import-direct-'), 'data') };
    const admin = await cli(['admin', 'create', '--email', 'root@example.org', '--name', 'Ro Admin', '--password-stdin'], { env, input: 'a long admin password\n' });
    expect(admin.code, admin.stderr).toBe(0);
    const demo = await cli(['demo', '--attendees', '3', '--json'], { env });
    expect(demo.code, demo.stderr).toBe(0);
    const { eventId } = JSON.parse(demo.stdout) as { eventId: string };

    const run = await cli(['import', fixture('eventbrite-attendees.csv'), '--event', eventId, '--direct', '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout) as Report).toMatchObject({ format: 'eventbrite', committed: true, totals: { create: 5, skip: 1, blank: 1 } });

    expectOneLineFailure(
      await cli(['import', fixture('eventbrite-attendees.csv'), '--event', eventId, '--direct', '--as', 'nobody@example.org'], { env }),
      2,
      /no account with the email nobody@example\.org/,
    );
    expectOneLineFailure(await cli(['import', fixture('luma-broken.csv'), '--event', eventId, '--direct'], { env }), 2, /luma-broken\.csv:3:5: /);
  }, 120_000);
});
