// Attendee import (Luma, Eventbrite, generic) with preview, one transaction, idempotence by email,
// and the badges' claim links.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.js';
import { call, cookieOf, createTestApp, eventWith, type Person, type TestApp } from '../support/app.js';
import { snapshotDatabase } from '../support/database.js';
import { storageEngines } from '../support/engines.js';
import { createPeople, PERSON_PASSWORD } from '../support/people.js';

const engines = storageEngines();
const fixtures = new URL('../fixtures/imports/', import.meta.url);

/** A fixture with its example emails made unique to one test, so tests share no people. */
function fixture(name: string, tag: string): string {
  return readFileSync(new URL(name, fixtures), 'utf8').replace(/([A-Za-z0-9._-]+)@(example\.[a-z.]+)/gi, `$1+${tag}@$2`);
}

/** What an import may change, without the bookkeeping every request changes. */
const snapshot = (t: TestApp) => snapshotDatabase(t.ctx.db, { ignoreTables: ['rate_limits', 'sessions'] });

describe.each(engines)('attendee import on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function newEvent() {
    const [olga, attendee] = await createPeople(t, ['Olga Organizer', 'Ari Attendee']);
    const { event, invite } = await eventWith(t.app, olga!, [attendee!]);
    return { olga: olga!, attendee: attendee!, event, invite, tag: randomUUID().slice(0, 8) };
  }

  const importInto = (who: Person | undefined, eventId: string, body: Record<string, unknown>) =>
    call(t.app, who, 'POST', `/api/events/${eventId}/imports`, body);

  async function membershipsOf(eventId: string) {
    return queryRows<{ email: string; status: string; checked_in: boolean; claimed: boolean; display_name: string; headline: string }>(
      t.ctx.db,
      sql`select u.email, m.status, m.checked_in_at is not null as checked_in, u.password_hash <> '' as claimed, p.display_name, p.headline
          from memberships m join users u on u.id = m.user_id join profiles p on p.user_id = u.id
          where m.event_id = ${eventId} and m.imported_at is not null order by u.email`,
    );
  }

  it('previews a real-shaped Luma export without storing anything, then imports it as unclaimed invited members', async () => {
    const { olga, event, tag } = await newEvent();
    const csv = fixture('luma-guests.csv', tag);
    const before = await snapshot(t);
    const preview = await importInto(olga, event.id, { csv, dryRun: true, fileName: 'luma-guests.csv' });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(await snapshot(t)).toEqual(before);
    expect(preview.body).toMatchObject({ format: 'luma', dryRun: true, committed: false, problems: [] });
    // Ten guests: Dee declined and Eli waits, so they are not made members; the other eight are new.
    expect(preview.body.totals).toMatchObject({ rows: 10, create: 8, update: 0, unchanged: 0, skip: 2, problems: 0 });
    const skipped = preview.body.rows.filter((row: { action: string }) => row.action === 'skip');
    expect(skipped.map((row: { name: string }) => row.name)).toEqual(['Dee Okafor', 'Eli Cohen']);
    expect(skipped[0].reason).toMatch(/not attending/);
    // Rows are numbered as lines of the file: the header is line 1.
    expect(preview.body.rows[0]).toMatchObject({ row: 2, name: 'Ana Lima', email: `ana.lima+${tag}@example.org`, action: 'create' });

    const done = await importInto(olga, event.id, { csv, fileName: 'luma-guests.csv' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ committed: true, totals: { create: 8, skip: 2 } });
    const members = await membershipsOf(event.id);
    expect(members).toHaveLength(8);
    expect(members.every((m) => m.status === 'invited' && !m.claimed)).toBe(true);
    // Emails are matched and stored lower-cased; Ana and Fátima were checked in by Luma.
    expect(members.map((m) => m.email)).toContain(`bo.svensson+${tag}@example.com`);
    expect(members.filter((m) => m.checked_in).map((m) => m.display_name).sort()).toEqual(['Ana Lima', 'Fátima Zahra Benali']);

    const audit = await queryRows<{ action: string; detail: Record<string, unknown> }>(
      t.ctx.db,
      sql`select action, detail from audit_log where event_id = ${event.id}`,
    );
    expect(audit).toEqual([
      {
        action: 'attendees.imported',
        detail: expect.objectContaining({ format: 'luma', fileName: 'luma-guests.csv', created: 8, skipped: 2, problems: 0 }),
      },
    ]);
  });

  it('changes nothing when the same file is imported again, and says so in the preview', async () => {
    const { olga, event, tag } = await newEvent();
    const csv = fixture('luma-guests.csv', tag);
    expect((await importInto(olga, event.id, { csv })).status).toBe(200);
    const preview = await importInto(olga, event.id, { csv, dryRun: true });
    expect(preview.body.totals).toMatchObject({ create: 0, update: 0, unchanged: 8, skip: 2 });
    const before = await snapshotDatabase(t.ctx.db, { ignoreTables: ['rate_limits', 'sessions', 'audit_log'] });
    const again = await importInto(olga, event.id, { csv });
    expect(again.status).toBe(200);
    expect(again.body.totals).toMatchObject({ create: 0, unchanged: 8 });
    expect(await snapshotDatabase(t.ctx.db, { ignoreTables: ['rate_limits', 'sessions', 'audit_log'] })).toEqual(before);
  });

  it('imports an Eventbrite report over a Luma one: same people by email, new ones added, the totals row skipped', async () => {
    const { olga, event, tag } = await newEvent();
    expect((await importInto(olga, event.id, { csv: fixture('luma-guests.csv', tag) })).status).toBe(200);
    const csv = fixture('eventbrite-attendees.csv', tag);
    const preview = await importInto(olga, event.id, { csv, dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body.format).toBe('eventbrite');
    expect(preview.body.problems).toEqual([]);
    // Ana is in both files: the Eventbrite job title fills her empty headline. Nia is not attending.
    expect(preview.body.totals).toMatchObject({ rows: 6, create: 4, update: 1, skip: 1, blank: 1 });
    const ana = preview.body.rows.find((row: { name: string }) => row.name === 'Ana Lima');
    expect(ana).toMatchObject({ action: 'update', changes: ['headline'] });
    expect(preview.body.skippedLines).toEqual([{ row: 8, reason: expect.stringMatching(/totals row/) }]);

    expect((await importInto(olga, event.id, { csv })).status).toBe(200);
    const members = await membershipsOf(event.id);
    expect(members).toHaveLength(12);
    expect(members.filter((m) => m.email.startsWith('ana.lima'))).toEqual([
      expect.objectContaining({ display_name: 'Ana Lima', headline: 'Community lead at Hive & Co' }),
    ]);
    expect(members.find((m) => m.email.startsWith('kwame'))).toMatchObject({ checked_in: true, display_name: 'Kwame Mensah' });
  });

  it('reports a broken file by row and column and stores nothing, unless the valid rows are asked for', async () => {
    const { olga, event, tag } = await newEvent();
    const csv = fixture('luma-broken.csv', tag);
    const preview = await importInto(olga, event.id, { csv, dryRun: true });
    expect(preview.body.problems).toEqual([
      { row: 3, column: 5, message: expect.stringMatching(/is not an email address/) },
      { row: 4, column: 2, message: 'the name is empty' },
    ]);
    expect(preview.body.totals).toMatchObject({ create: 1, problems: 2 });

    const before = await snapshot(t);
    const refused = await importInto(olga, event.id, { csv });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.detail).toMatch(/2 problems, so nothing was imported/);
    expect(refused.body.errors).toEqual([
      { pointer: '/body/csv', row: 3, column: 5, detail: expect.stringMatching(/^row 3, column 5: /) },
      { pointer: '/body/csv', row: 4, column: 2, detail: 'row 4, column 2: the name is empty' },
    ]);
    expect(await snapshot(t)).toEqual(before);

    const valid = await importInto(olga, event.id, { csv, validRowsOnly: true });
    expect(valid.status).toBe(200);
    expect(valid.body.totals).toMatchObject({ create: 1, problems: 2 });
    expect((await membershipsOf(event.id)).map((m) => m.display_name)).toEqual(['Ana Lima']);
  });

  it('refuses a file that is no attendee export, with the header named', async () => {
    const { olga, event } = await newEvent();
    const preview = await importInto(olga, event.id, { csv: 'foo,bar\n1,2\n', dryRun: true });
    expect(preview.body.problems).toEqual([{ row: 1, column: 1, message: expect.stringMatching(/not those of a known attendee export/) }]);
    const empty = await importInto(olga, event.id, { csv: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ pointer: '/body/csv', detail: expect.stringMatching(/empty/) })]);
  });

  it('never changes, shows or tells apart someone with an account: invited under the file’s name until they accept', async () => {
    const { olga, event } = await newEvent();
    const [kim] = await createPeople(t, ['Kim Own-Profile']);
    const saved = await call(t.app, kim, 'PUT', '/api/me/profile', {
      displayName: 'Kim Own-Profile',
      headline: 'Private headline of Kim',
      bio: '',
      interests: ['Falconry'],
      offers: [],
      seeking: [],
      questions: [],
      contact: { email: '', phone: '', links: [] },
    });
    expect(saved.status).toBe(200);
    const newcomer = `newcomer.${randomUUID().slice(0, 8)}@example.org`;
    const csv = `email,name,headline,interests\n${kim!.email.toUpperCase()},Someone Else,Imported headline,Chess\n${newcomer},New Comer,,\n`;
    const preview = await importInto(olga, event.id, { csv, dryRun: true });
    // The preview reads the same for an email with an account as for one without.
    expect(preview.body.rows).toEqual([
      { row: 2, email: kim!.email.toLowerCase(), name: 'Someone Else', action: 'create' },
      { row: 3, email: newcomer, name: 'New Comer', action: 'create' },
    ]);
    expect(preview.body.totals).toMatchObject({ create: 2 });
    expect(JSON.stringify(preview.body)).not.toMatch(/Kim Own-Profile|Private headline|Falconry/);
    expect((await importInto(olga, event.id, { csv })).status).toBe(200);
    const [row] = await queryRows<{ display_name: string; headline: string; interests: string[]; status: string }>(
      t.ctx.db,
      sql`select p.display_name, p.headline, p.interests, m.status from profiles p
          join memberships m on m.user_id = p.user_id and m.event_id = ${event.id} where p.user_id = ${kim!.id}`,
    );
    expect(row).toEqual({ display_name: 'Kim Own-Profile', headline: 'Private headline of Kim', interests: ['Falconry'], status: 'invited' });
    // Organizers' lists show the file's name and nothing of Kim's own profile while the invitation waits.
    const badges = await call(t.app, olga, 'GET', `/api/events/${event.id}/badges`);
    const members = await call(t.app, olga, 'GET', `/api/events/${event.id}/members`);
    expect(badges.status).toBe(200);
    expect(members.status).toBe(200);
    for (const body of [badges.body, members.body]) {
      expect(JSON.stringify(body)).toContain('Someone Else');
      expect(JSON.stringify(body)).not.toMatch(/Kim Own-Profile|Private headline|Falconry/);
    }
    expect((await importInto(olga, event.id, { csv, dryRun: true })).body.rows.map((r: { action: string }) => r.action)).toEqual(['unchanged', 'unchanged']);

    // Once Kim accepts, she is a member like any other, with her own profile.
    const [{ token }] = (await queryRows<{ token: string }>(
      t.ctx.db,
      sql`select claim_token as token from memberships where event_id = ${event.id} and user_id = ${kim!.id}`,
    )) as [{ token: string }];
    expect((await call(t.app, kim, 'POST', `/api/claims/${token}`, {})).status).toBe(200);
    const after = await call(t.app, olga, 'GET', `/api/events/${event.id}/badges`);
    expect(JSON.stringify(after.body)).toContain('Private headline of Kim');
  });

  it('follows a corrected name for an invitation not accepted yet, and then changes nothing', async () => {
    const { olga, event } = await newEvent();
    const [kim] = await createPeople(t, ['Kim Own-Profile']);
    expect((await importInto(olga, event.id, { csv: `email,name\n${kim!.email},Kim Typo\n` })).status).toBe(200);
    const corrected = `email,name\n${kim!.email},Kim Right\n`;
    const preview = await importInto(olga, event.id, { csv: corrected, dryRun: true });
    expect(preview.body.rows).toEqual([expect.objectContaining({ action: 'update', name: 'Kim Right', changes: ['name'] })]);
    expect((await importInto(olga, event.id, { csv: corrected })).status).toBe(200);
    const names = (await call(t.app, olga, 'GET', `/api/events/${event.id}/badges`)).body.badges.map((b: { name: string }) => b.name);
    expect(names).toContain('Kim Right');
    expect(names).not.toContain('Kim Typo');
    expect((await importInto(olga, event.id, { csv: corrected, dryRun: true })).body.rows[0].action).toBe('unchanged');
  });

  it('takes files up to 20 MB, and names that limit beyond it', async () => {
    const { olga, event } = await newEvent();
    const tooLarge = await importInto(olga, event.id, { csv: `email,name\n${'x'.repeat(21 * 1024 * 1024)}`, dryRun: true });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.detail).toBe(`The request body is larger than ${20 * 1024 * 1024} bytes.`);
  });

  it('lets only the event’s organizers import', async () => {
    const { attendee, event, tag } = await newEvent();
    const other = await newEvent();
    const csv = fixture('luma-guests.csv', tag);
    expect((await importInto(attendee, event.id, { csv, dryRun: true })).status).toBe(404);
    expect((await importInto(other.olga, event.id, { csv, dryRun: true })).status).toBe(404);
    expect((await importInto(undefined, event.id, { csv, dryRun: true })).status).toBe(401);
    // Without credentials the body is not even read: a broken one is refused as anonymous, not as bad JSON.
    const unread = await t.app.inject({ method: 'POST', url: `/api/events/${event.id}/imports`, headers: { 'content-type': 'application/json' }, payload: '{"csv": "' });
    expect(unread.statusCode).toBe(401);
    const strict = await importInto(other.olga, other.event.id, { csv, dryRun: true, eventId: event.id });
    expect(strict.status).toBe(400);
  });

  it('streams progress for a long import and ends with the report', async () => {
    const { olga, event, tag } = await newEvent();
    const lines = ['email,name,headline,interests'];
    for (let i = 0; i < 4_500; i++) lines.push(`p${i}+${tag}@example.org,Person ${i},Role ${i % 7},Rust;Jazz`);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/imports`,
      headers: { cookie: olga.cookie, accept: 'application/x-ndjson' },
      payload: { csv: lines.join('\n') },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/x-ndjson/);
    const messages = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; done?: number; total?: number; report?: { totals: { create: number } } });
    expect(messages.filter((m) => m.type === 'progress').map((m) => m.done)).toEqual([2_000, 4_000, 4_500]);
    expect(messages.at(-1)).toMatchObject({ type: 'report', report: { committed: true, totals: { create: 4_500 } } });
    expect(await membershipsOf(event.id)).toHaveLength(4_500);
  });

  it('rolls back a streamed import that fails after its first progress line, says so as the last line, and logs no one’s email', async () => {
    const { olga, event, tag } = await newEvent();
    const lines = ['email,name'];
    for (let i = 0; i < 2_500; i++) lines.push(`${i === 2_300 ? 'refused' : `p${i}`}+${tag}@example.org,Person ${i}`);
    // The database refuses one person of the second chunk, after the first is written and told.
    await t.ctx.db.execute(sql.raw(`create function refuse_${tag}() returns trigger language plpgsql as $$
      begin if new.email like 'refused+${tag}@%' then raise exception 'refused by the test'; end if; return new; end $$`));
    await t.ctx.db.execute(sql.raw(`create trigger refuse_${tag} before insert on users for each row execute function refuse_${tag}()`));
    const logged: unknown[] = [];
    const log = t.app.log as unknown as { error: (...args: unknown[]) => void };
    const error = log.error;
    log.error = (...args: unknown[]) => void logged.push(args);
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/imports`,
        headers: { cookie: olga.cookie, accept: 'application/x-ndjson' },
        payload: { csv: lines.join('\n') },
      });
      expect(response.statusCode).toBe(200);
      const messages = response.body.trim().split('\n').map((line) => JSON.parse(line) as { type: string; problem?: { status: number } });
      expect(messages[0]).toMatchObject({ type: 'progress', done: 2_000 });
      expect(messages.at(-1)).toMatchObject({ type: 'problem', problem: { status: 500 } });
      expect(JSON.stringify(messages.at(-1))).not.toContain('@');
    } finally {
      log.error = error;
      await t.ctx.db.execute(sql.raw(`drop trigger refuse_${tag} on users`));
      await t.ctx.db.execute(sql.raw(`drop function refuse_${tag}()`));
    }
    expect(await membershipsOf(event.id)).toEqual([]);
    expect(logged).not.toEqual([]);
    // As a log serializer writes an error: its message and its own fields.
    const written = JSON.stringify(logged, (_key, value: unknown) => (value instanceof Error ? { ...value, message: value.message } : value));
    expect(written).not.toContain(`@example.org`);
  });

  it('settles two imports of one file at once: one creates, the other finds everyone there', async () => {
    const { olga, event, tag } = await newEvent();
    const csv = fixture('luma-guests.csv', tag);
    const [a, b] = await Promise.all([importInto(olga, event.id, { csv }), importInto(olga, event.id, { csv })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.body.totals.create, b.body.totals.create].sort(), JSON.stringify([a.body.rows, b.body.rows])).toEqual([0, 8]);
    expect(await membershipsOf(event.id)).toHaveLength(8);
  });

  it('keeps unclaimed people out of the directory until they claim', async () => {
    const { olga, attendee, event, tag } = await newEvent();
    expect((await importInto(olga, event.id, { csv: fixture('luma-guests.csv', tag) })).status).toBe(200);
    const directory = await call(t.app, attendee, 'GET', `/api/events/${event.id}/directory`);
    expect(directory.status).toBe(200);
    expect(JSON.stringify(directory.body)).not.toContain('Bo Svensson');
  });

  it('forgets the unclaimed people of a deleted event, unless another event holds them or they claimed', async () => {
    const { olga, event, tag } = await newEvent();
    const other = await newEvent();
    const csv = fixture('luma-guests.csv', tag);
    expect((await importInto(olga, event.id, { csv })).status).toBe(200);
    // Bo is on the other event's list too; Chen claims his badge.
    expect((await importInto(other.olga, other.event.id, { csv: `email,name\nbo.svensson+${tag}@example.com,Bo\n` })).status).toBe(200);
    const [chen] = await queryRows<{ token: string }>(
      t.ctx.db,
      sql`select m.claim_token as token from memberships m join users u on u.id = m.user_id
          where m.event_id = ${event.id} and u.email = ${`chen.wei+${tag}@example.net`}`,
    );
    expect((await call(t.app, undefined, 'POST', `/api/claims/${chen!.token}`, { password: 'chens password' })).status).toBe(200);
    expect((await call(t.app, olga, 'DELETE', `/api/events/${event.id}`)).status).toBe(204);
    const left = await queryRows<{ email: string }>(t.ctx.db, sql`select email from users where email like ${`%+${tag}@%`} order by email`);
    expect(left.map((row) => row.email)).toEqual([`bo.svensson+${tag}@example.com`, `chen.wei+${tag}@example.net`]);
  });

  describe('claim links', () => {
    async function importedWithTokens() {
      const setup = await newEvent();
      expect((await importInto(setup.olga, setup.event.id, { csv: fixture('luma-guests.csv', setup.tag) })).status).toBe(200);
      const rows = await queryRows<{ email: string; token: string; user_id: string }>(
        t.ctx.db,
        sql`select u.email, m.claim_token as token, u.id as user_id from memberships m join users u on u.id = m.user_id
            where m.event_id = ${setup.event.id} and m.imported_at is not null`,
      );
      const tokenOf = (prefix: string) => rows.find((row) => row.email.startsWith(prefix))!;
      return { ...setup, tokenOf };
    }

    it('lets an imported person choose a password once, signs them in and makes them a member', async () => {
      const { event, tokenOf, attendee } = await importedWithTokens();
      const bo = tokenOf('bo.svensson');
      const view = await call(t.app, undefined, 'GET', `/api/claims/${bo.token}`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ state: 'unclaimed', name: 'Bo Svensson', event: { id: event.id } });
      expect(JSON.stringify(view.body)).not.toContain('@');

      const noPassword = await call(t.app, undefined, 'POST', `/api/claims/${bo.token}`, {});
      expect(noPassword.status).toBe(400);
      expect(noPassword.body.errors).toEqual([{ pointer: '/body/password', detail: 'Please choose a password.' }]);

      const response = await t.app.inject({
        method: 'POST',
        url: `/api/claims/${bo.token}`,
        payload: { password: 'my own password', name: 'Bo S.' },
      });
      expect(response.statusCode, response.body).toBe(200);
      const bo2: Person = { id: bo.user_id, email: bo.email, name: 'Bo S.', cookie: cookieOf(response) };
      const mine = await call(t.app, bo2, 'GET', `/api/events/${event.id}`);
      expect(mine.status).toBe(200);
      // Now a joined member, seen by others under the name chosen.
      const directory = await call(t.app, attendee, 'GET', `/api/events/${event.id}/directory`);
      expect(JSON.stringify(directory.body)).toContain('Bo S.');

      const again = await call(t.app, undefined, 'POST', `/api/claims/${bo.token}`, { password: 'another password' });
      expect(again.status).toBe(409);
      expect((await call(t.app, undefined, 'GET', `/api/claims/${bo.token}`)).body).toEqual({
        state: 'claimed',
        event: expect.objectContaining({ id: event.id }),
      });
      const signIn = await call(t.app, undefined, 'POST', '/api/auth/sign-in', { email: bo.email, password: 'my own password' });
      expect(signIn.status).toBe(200);
    });

    it('signs out whoever was signed in on the browser that claims', async () => {
      const { tokenOf, attendee } = await importedWithTokens();
      const ivo = tokenOf('ivo.petrov');
      const claimed = await call(t.app, attendee, 'POST', `/api/claims/${ivo.token}`, { password: 'ivos password' });
      expect(claimed.status).toBe(200);
      expect((await call(t.app, attendee, 'GET', '/api/me')).status).toBe(401);
    });

    it('checks in at claim someone the file or the door already saw', async () => {
      const { tokenOf, event } = await importedWithTokens();
      const ana = tokenOf('ana.lima');
      expect((await call(t.app, undefined, 'POST', `/api/claims/${ana.token}`, { password: 'anas password' })).status).toBe(200);
      const [row] = await queryRows<{ status: string }>(
        t.ctx.db,
        sql`select status from memberships where event_id = ${event.id} and user_id = ${ana.user_id}`,
      );
      expect(row!.status).toBe('checked_in');
    });

    it('gives one winner when a badge is claimed twice at once', async () => {
      const { tokenOf } = await importedWithTokens();
      const chen = tokenOf('chen.wei');
      const results = await Promise.all(
        [1, 2, 3].map((n) => call(t.app, undefined, 'POST', `/api/claims/${chen.token}`, { password: `password number ${n}` })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    });

    it('asks someone who had an account to sign in as themselves, and joins them then', async () => {
      const { olga, event } = await newEvent();
      const [kim, lee] = await createPeople(t, ['Kim Known', 'Lee Later']);
      expect((await importInto(olga, event.id, { csv: `email,name\n${kim!.email},Kim\n` })).status).toBe(200);
      const [{ token }] = await queryRows<{ token: string }>(
        t.ctx.db,
        sql`select claim_token as token from memberships where event_id = ${event.id} and user_id = ${kim!.id}`,
      ) as [{ token: string }];
      const anonymous = await call(t.app, undefined, 'GET', `/api/claims/${token}`);
      // The name the file gave, not the account's own.
      expect(anonymous.body).toMatchObject({ state: 'sign_in', name: 'Kim', emailHint: `${kim!.email[0]}•••@example.org` });
      expect((await call(t.app, undefined, 'POST', `/api/claims/${token}`, {})).status).toBe(401);
      expect((await call(t.app, lee, 'POST', `/api/claims/${token}`, {})).status).toBe(409);
      // A password does not take over an account that has one.
      expect((await call(t.app, undefined, 'POST', `/api/claims/${token}`, { password: 'not kims password' })).status).toBe(401);
      expect((await call(t.app, kim, 'GET', `/api/claims/${token}`)).body.state).toBe('join');
      expect((await call(t.app, kim, 'POST', `/api/claims/${token}`, {})).status).toBe(200);
      expect((await call(t.app, kim, 'GET', `/api/events/${event.id}`)).status).toBe(200);
      expect((await call(t.app, kim, 'GET', `/api/claims/${token}`)).body.state).toBe('claimed');
    });

    it('answers an unknown or a left member’s code with 404, and points sign-up to the claim link', async () => {
      const { tokenOf } = await importedWithTokens();
      expect((await call(t.app, undefined, 'GET', `/api/claims/${'a'.repeat(64)}`)).status).toBe(404);
      const hana = tokenOf('hana.sato');
      const signUp = await call(t.app, undefined, 'POST', '/api/auth/sign-up', { email: hana.email, name: 'Hana', password: PERSON_PASSWORD });
      expect(signUp.status).toBe(409);
      expect(signUp.body.detail).toMatch(/claim link/);
    });

    it('lets a crowd on one network (the venue’s Wi-Fi) claim their badges', async () => {
      const { olga, event, tag } = await newEvent();
      const crowd = 40;
      const lines = ['email,name'];
      for (let i = 0; i < crowd; i++) lines.push(`guest${i}+${tag}@example.org,Guest ${i}`);
      expect((await importInto(olga, event.id, { csv: lines.join('\n') })).status).toBe(200);
      const rows = await queryRows<{ token: string }>(
        t.ctx.db,
        sql`select claim_token as token from memberships where event_id = ${event.id} and imported_at is not null`,
      );
      expect(rows).toHaveLength(crowd);
      const statuses: number[] = [];
      for (const { token } of rows) {
        statuses.push((await t.app.inject({ method: 'POST', url: `/api/claims/${token}`, remoteAddress: '203.0.113.9', payload: { password: 'a password of mine' } })).statusCode);
      }
      expect(statuses).toEqual(rows.map(() => 200));
    });
  });
});
