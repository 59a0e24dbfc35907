// An organizer imports a guest list on a phone in Chromium against a real server: a real-shaped
// Luma export previews as eight new people and imports; a broken one names its rows and columns
// and imports only with the valid-rows box ticked; the same file again changes nothing. Then the
// guests: Bo claims his badge signed out and lands on the event signed in; someone who already had
// an account signs in from the badge and joins. A file of 5,000 people shows its progress.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/server.js';
import { hasChromium, PagesOf, startBrowserAndServer, type Size } from '../support/browser.js';
import { call, type Person, type TestApp } from '../support/app.js';
import { createPerson, PERSON_PASSWORD } from '../support/people.js';

const HOUR = 3_600_000;
const TIME_ZONE = 'Europe/Lisbon';
const SCRATCH = '/work/scratch';
const fixtures = new URL('../fixtures/imports/', import.meta.url);
// Full-page shots: the sticky top bar once at the top, and no toast over the content.
const SHOT_STYLE = '.topbar { position: static !important; } .toasts { display: none !important; }';
const poll = <T>(read: () => T | Promise<T>, timeout = 15_000) => expect.poll(read, { timeout, interval: 50 });

if (!hasChromium && !process.env.CI) {
  console.warn('\n*** skipped: attendee import browser test — /usr/bin/chromium not found ***\n');
}

/** A fixture with its emails made unique to this run, so that runs and tests share no people. */
function fixture(name: string, tag: string): Buffer {
  const text = readFileSync(new URL(name, fixtures), 'utf8').replace(/([A-Za-z0-9._-]+)@(example\.[a-z.]+)/gi, `$1+${tag}@$2`);
  return Buffer.from(text, 'utf8');
}

interface Badge {
  name: string;
  claimUrl: string;
  claimed: boolean;
  imported: boolean;
}

describe.runIf(hasChromium || Boolean(process.env.CI))('attendee import and badge claims in Chromium', () => {
  let server: RunningServer;
  let t: TestApp;
  let browser: Browser;
  let pages: PagesOf;
  let olga: Person;
  let eventId: string;
  const eventName = `Community Night ${randomUUID().slice(0, 4)}`;
  const tag = randomUUID().slice(0, 8);

  const pageOf = (who: Person | undefined, size: Size = 'phone') => pages.open(who, size);

  async function chooseFile(page: Page, name: string, buffer: Buffer) {
    await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer });
    await poll(() => page.getByRole('heading', { name: 'Preview' }).isVisible()).toBe(true);
  }

  const importButton = (page: Page) => page.getByRole('button', { name: /^Import \d[\d,]* (person|people)$/ });
  const counts = (page: Page) => page.getByRole('list', { name: 'What the import would do' }).locator('li').allTextContents();

  async function badges(filter = 'imported'): Promise<Badge[]> {
    const listed = await call(t.app, olga, 'GET', `/api/events/${eventId}/badges?filter=${filter}`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    return listed.body.badges as Badge[];
  }

  const claimPathOf = (badge: Badge | undefined) => new URL(badge!.claimUrl).pathname;

  beforeAll(async () => {
    ({ server, browser } = await startBrowserAndServer());
    pages = new PagesOf(browser, server.url, { timezoneId: TIME_ZONE });
    t = { app: server.app, ctx: server.ctx } as TestApp;
    olga = await createPerson(t, 'Olga Organizer');
    const start = new Date(Date.now() + 24 * HOUR);
    const created = await call(t.app, olga, 'POST', '/api/events', {
      name: eventName,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * HOUR).toISOString(),
      timeZone: TIME_ZONE,
      venue: 'The Old Library',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    eventId = created.body.id as string;
  });

  afterAll(async () => {
    await pages?.close();
    await browser?.close();
    await server?.close();
  });

  it('previews a Luma export, imports it, names the broken rows of another, and finds nothing to change the second time', async () => {
    const page = await pageOf(olga);
    await page.goto(`/e/${eventId}?tab=invite`);
    await page.getByRole('link', { name: 'Import attendees' }).click();
    await poll(() => page.url()).toContain(`/e/${eventId}/import`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Import attendees');

    // The real-shaped Luma file: ten guests, of whom Dee declined and Eli waits.
    await chooseFile(page, 'luma-guests.csv', fixture('luma-guests.csv', tag));
    expect(await page.locator('.import-format').textContent()).toBe('a Luma guest export');
    expect(await counts(page)).toEqual(['8 new people', '2 skipped']);
    expect(await page.locator('.import-problem-notice').count()).toBe(0);
    const table = page.locator('.import-table tbody tr');
    expect(await table.count()).toBe(10);
    expect(await table.first().textContent()).toContain(`ana.lima+${tag}@example.org`);
    expect(await page.locator('.import-table tbody tr', { hasText: 'Dee Okafor' }).textContent()).toMatch(/not attending.*Skipped/);
    // The skipped filter leaves the two who are not coming.
    await page.getByRole('button', { name: 'Skipped 2' }).click();
    expect(await table.count()).toBe(2);
    // Nothing is stored by a preview.
    expect(await badges()).toEqual([]);

    const go = importButton(page);
    expect(await go.textContent()).toBe('Import 8 people');
    expect(await go.isEnabled()).toBe(true);
    await go.click();
    const result = page.getByRole('heading', { name: 'Imported from luma-guests.csv' });
    await poll(() => result.isVisible()).toBe(true);
    expect(await page.getByRole('list', { name: 'What the import did' }).locator('li').allTextContents()).toEqual([
      '8 new people invited',
      '2 skipped',
    ]);
    await page.screenshot({ path: path.join(SCRATCH, 'import-result-phone.png'), fullPage: true, animations: 'disabled', style: SHOT_STYLE });
    expect(await page.getByRole('link', { name: 'Print badges' }).getAttribute('href')).toBe(`/e/${eventId}/badges`);
    expect(await page.getByRole('link', { name: 'See the members' }).getAttribute('href')).toBe(`/e/${eventId}?tab=members`);
    const imported = await badges();
    expect(imported.map((b) => b.name).sort()).toEqual(
      ['Ana Lima', 'Bo Svensson', 'Chen Wei', 'Fátima Zahra Benali', 'Gus Ortiz', 'Hana Sato', 'Ivo Petrov', 'Jo Müller'].sort(),
    );
    expect(imported.every((b) => !b.claimed)).toBe(true);

    // The broken file, with new emails: row 3's email is not one, row 4 has no name.
    const brokenTag = `${tag}b`;
    await chooseFile(page, 'luma-broken.csv', fixture('luma-broken.csv', brokenTag));
    const problems = page.locator('.import-problem-notice');
    await poll(() => problems.isVisible()).toBe(true);
    const lines = await problems.locator('li').allTextContents();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Row 3, column 5 \(email\): ".*" is not an email address$/);
    expect(lines[1]).toBe('Row 4, column 2 (name): the name is empty');
    expect(await problems.locator('.notice-title').textContent()).toBe('2 rows have problems');
    expect(await counts(page)).toEqual(['1 new person']);
    const goBroken = importButton(page);
    expect(await goBroken.textContent()).toBe('Import 1 person');
    expect(await goBroken.isDisabled()).toBe(true);
    const validOnly = page.getByLabel('Import only the 1 valid row and leave out the rows with problems');
    await validOnly.check();
    expect(await goBroken.isEnabled()).toBe(true);
    await validOnly.uncheck();
    expect(await goBroken.isDisabled()).toBe(true);

    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the import page scrolls sideways').toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SCRATCH, 'import-phone.png'), fullPage: true, animations: 'disabled', style: SHOT_STYLE });
    const desktop = await pageOf(olga, 'desktop');
    await desktop.goto(`/e/${eventId}/import`);
    await chooseFile(desktop, 'luma-broken.csv', fixture('luma-broken.csv', brokenTag));
    await poll(() => desktop.locator('.import-problem-notice').isVisible()).toBe(true);
    await desktop.screenshot({ path: path.join(SCRATCH, 'import-desktop.png'), fullPage: true, animations: 'disabled', style: SHOT_STYLE });

    // With the box ticked, the one valid row is imported and the others are left out.
    await validOnly.check();
    await goBroken.click();
    await poll(() => page.getByRole('heading', { name: 'Imported from luma-broken.csv' }).isVisible()).toBe(true);
    expect(await page.locator('.import-result').textContent()).toContain('2 rows with problems were left out.');
    expect((await badges()).filter((b) => b.name === 'Ana Lima')).toHaveLength(2);

    // The first file again: everyone is here already, so there is nothing to import.
    await chooseFile(page, 'luma-guests.csv', fixture('luma-guests.csv', tag));
    await poll(() => counts(page)).toEqual(['8 unchanged', '2 skipped']);
    expect(await importButton(page).count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: 'Nothing to import' }).isVisible()).toBe(true);
    expect(pages.errors).toEqual([]);
  });

  it('an imported guest claims the badge signed out, sets a password and lands on the event signed in', async () => {
    const bo = (await badges()).find((b) => b.name === 'Bo Svensson');
    expect(bo, 'the first test imported Bo').toBeDefined();
    const claimPath = claimPathOf(bo);

    // Both sizes, before anything is claimed.
    const desktop = await pageOf(undefined, 'desktop');
    await desktop.goto(claimPath);
    await poll(() => desktop.getByRole('heading', { name: `Welcome, Bo — you’re on the guest list of ${eventName}` }).isVisible()).toBe(true);
    await desktop.screenshot({ path: path.join(SCRATCH, 'claim-desktop.png'), fullPage: true, animations: 'disabled', style: SHOT_STYLE });

    const page = await pageOf(undefined);
    await page.goto(claimPath);
    await poll(() => page.getByRole('heading', { name: `Welcome, Bo — you’re on the guest list of ${eventName}` }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(eventName);
    const name = page.getByLabel('Your name');
    expect(await name.inputValue()).toBe('Bo Svensson');
    await page.screenshot({ path: path.join(SCRATCH, 'claim-phone.png'), fullPage: true, animations: 'disabled', style: SHOT_STYLE });

    // Too short a password is caught before it is sent; then he corrects his name and claims.
    const password = page.getByLabel('Choose a password');
    await password.fill('short');
    await page.getByRole('button', { name: 'Claim my badge and join' }).click();
    await poll(() => page.getByText('Please use at least 8 characters.').isVisible()).toBe(true);
    expect((await badges()).find((b) => b.name === 'Bo Svensson')?.claimed).toBe(false);
    await name.fill('Bo Svensson Berg');
    await password.fill('a password of my own');
    await page.getByRole('button', { name: 'Claim my badge and join' }).click();

    await poll(() => new URL(page.url()).pathname).toBe(`/e/${eventId}`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(eventName);
    const me = await page.evaluate(async () => {
      const response = await fetch('/api/me');
      return { status: response.status, body: (await response.json()) as { name?: string } };
    });
    expect(me).toMatchObject({ status: 200, body: { name: 'Bo Svensson Berg' } });
    expect((await badges('everyone')).find((b) => b.name === 'Bo Svensson Berg')).toMatchObject({ claimed: true });

    // The link works once: signed out, it now says the badge is taken.
    const later = await pageOf(undefined);
    await later.goto(claimPath);
    await poll(() => later.getByText('This badge is already claimed').isVisible()).toBe(true);
    expect(await later.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(`/sign-in?next=${encodeURIComponent(`/e/${eventId}`)}`);
    expect(await later.getByLabel('Choose a password').count()).toBe(0);

    // A link that leads nowhere says so kindly.
    await later.goto('/claim/notarealbadgecode0000');
    await poll(() => later.getByRole('heading', { name: 'This link does not lead to a badge' }).isVisible()).toBe(true);
    expect(pages.errors).toEqual([]);
  });

  it('someone with an account signs in from the badge, comes back to it, and joins with one tap', async () => {
    const kim = await createPerson(t, 'Kim Existing');
    const csv = `email,name,headline\n${kim.email.toUpperCase()},Kim From The List,Baker\n`;
    const imported = await call(t.app, olga, 'POST', `/api/events/${eventId}/imports`, { csv, fileName: 'kim.csv' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.totals).toMatchObject({ create: 1 });
    const badge = (await badges()).find((b) => b.name === 'Kim From The List');
    expect(badge, 'the file’s name, not the account’s, until Kim accepts').toBeDefined();

    const page = await pageOf(undefined);
    await page.goto(claimPathOf(badge));
    const hint = `${kim.email[0]}•••@example.org`;
    await poll(() => page.getByText(`Sign in as ${hint} to join ${eventName}`).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCRATCH, 'claim-sign-in-phone.png'), fullPage: true, animations: 'disabled', style: SHOT_STYLE });
    await page.getByRole('link', { name: 'Sign in to join' }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe(claimPathOf(badge));
    await page.getByLabel('Email').fill(kim.email);
    await page.getByLabel('Password').fill(PERSON_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Back on the badge, signed in as its owner: one tap joins.
    const join = page.getByRole('button', { name: `Join ${eventName}` });
    await poll(() => join.isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe(claimPathOf(badge));
    await join.click();
    await poll(() => new URL(page.url()).pathname).toBe(`/e/${eventId}`);
    const members = await call(t.app, olga, 'GET', `/api/events/${eventId}/members`);
    const kimThere = (members.body.members as { userId: string; status: string }[]).find((m) => m.userId === kim.id);
    expect(kimThere?.status).toBe('joined');

    // Someone else signed in sees whose badge it is, not a form.
    const other = await createPerson(t, 'Lee Other');
    const elsewhere = await pageOf(other);
    await elsewhere.goto(claimPathOf((await badges()).find((b) => b.name === 'Chen Wei')));
    await poll(() => elsewhere.getByRole('heading', { name: /^Welcome, Chen/ }).isVisible()).toBe(true);
    expect(await elsewhere.getByText('You are signed in as Lee Other.').isVisible()).toBe(true);
    expect(pages.errors).toEqual([]);
  });

  it('says in plain words when a file is too large and when there were too many imports, and stores nothing', async () => {
    const pat = await createPerson(t, 'Pat Planner');
    const start = new Date(Date.now() + 48 * HOUR);
    const created = await call(t.app, pat, 'POST', '/api/events', {
      name: 'Quiet Evening',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
      timeZone: TIME_ZONE,
      venue: '',
    });
    expect(created.status).toBe(201);
    const quietId = created.body.id as string;
    const page = await pageOf(pat);
    const posted: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/imports')) posted.push(request.url());
    });
    await page.goto(`/e/${quietId}/import`);

    // Just over the 20 MB the server takes: said at once, and never sent.
    const row = `someone@example.org,${'x'.repeat(200)}\n`;
    const big = Buffer.from(`email,name\n${row.repeat(Math.ceil((20 * 1024 * 1024) / row.length) + 10)}`, 'utf8');
    await page.locator('input[type=file]').setInputFiles({ name: 'everyone.csv', mimeType: 'text/csv', buffer: big });
    const alert = page.getByRole('alert');
    await poll(() => alert.textContent(), 30_000).toContain('This file is too large to import');
    expect(await alert.textContent()).toContain('The largest import is 20 MB.');
    expect(await page.getByRole('heading', { name: 'Preview' }).count()).toBe(0);
    expect(posted).toEqual([]);

    // An hour's imports spent: the preview still works (of a file dropped on the page), the import says how long to wait.
    const dropped = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'luma-guests.csv', { type: 'text/csv' }));
      return transfer;
    }, fixture('luma-guests.csv', `${tag}q`).toString('utf8'));
    await page.locator('.import-drop').dispatchEvent('drop', { dataTransfer: dropped });
    await poll(() => page.getByRole('heading', { name: 'Preview' }).isVisible()).toBe(true);
    expect(await page.locator('.import-file-name').textContent()).toMatch(/^luma-guests\.csv · \d KB$/);
    expect(await counts(page)).toEqual(['8 new people', '2 skipped']);
    const resetAt = new Date(Date.now() + 40 * 60_000).toISOString();
    await t.ctx.db.execute(
      sql`insert into rate_limits (key, count, reset_at) values (${`import:run:${pat.id}`}, 30, ${resetAt})
          on conflict (key) do update set count = excluded.count, reset_at = excluded.reset_at`,
    );
    await importButton(page).click();
    await poll(() => page.getByRole('alert').textContent()).toContain('Too many imports for now');
    expect(await page.getByRole('alert').textContent()).toMatch(/try again in (39|40) minutes/);
    const quiet = await call(t.app, pat, 'GET', `/api/events/${quietId}/badges?filter=imported`);
    expect(quiet.body.badges).toEqual([]);
    expect(pages.errors).toEqual([]);
  }, 90_000);

  it('a file of 5,000 people shows the import’s progress, then its result', async () => {
    const bulk = randomUUID().slice(0, 8);
    const lines = ['email,name,headline,interests'];
    for (let i = 1; i <= 5_000; i++) lines.push(`guest${i}.${bulk}@example.net,Guest ${i},Maker number ${i},Rust;Climbing`);
    const page = await pageOf(olga, 'desktop');
    // Whatever the page shows of a progress bar's value, as it changes.
    await page.addInitScript(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('progress')) if (bar.hasAttribute('value')) seen.push(bar.value);
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    });
    await page.goto(`/e/${eventId}/import`);
    await chooseFile(page, 'guests.csv', Buffer.from(lines.join('\n'), 'utf8'));
    await poll(() => counts(page), 30_000).toEqual(['5,000 new people']);
    expect(await page.locator('.import-format').textContent()).toBe('a spreadsheet (email, name, …)');
    // The table shows a page of rows, not five thousand.
    expect(await page.locator('.import-table tbody tr').count()).toBe(200);
    await page.getByRole('button', { name: 'Show 200 more' }).click();
    expect(await page.locator('.import-table tbody tr').count()).toBe(400);

    await importButton(page).click();
    await poll(() => page.getByRole('heading', { name: 'Imported from guests.csv' }).isVisible(), 90_000).toBe(true);
    expect(await page.getByRole('list', { name: 'What the import did' }).locator('li').allTextContents()).toEqual(['5,000 new people invited']);
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    expect(seen.length, 'a progress bar with a value showed').toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeLessThanOrEqual(5_000);
    expect((await badges()).filter((b) => b.name.startsWith('Guest '))).toHaveLength(5_000);
    expect(pages.errors).toEqual([]);
  }, 120_000);
});
