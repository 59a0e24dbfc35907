// Two people on their phones, in two browser contexts against a real server: one asks the other
// for a 1:1 from People to meet, the other accepts, both see the time and table, then each scans
// the other's QR code with the (fake) camera, and the encounter is recorded.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { queryRows } from '../../src/server/platform/db/client.js';
import type { RunningServer } from '../../src/server/server.js';
import { hasChromium, SHOTS, SIZES, startBrowserAndServer, type Size } from '../support/browser.js';
import { call, type Person, type TestApp } from '../support/app.js';
import { fakeCameraArgs, writeFakeCameraVideo } from '../support/fake-camera.js';
import { createPerson } from '../support/people.js';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

async function shoot(page: Page, size: Size, name: string) {
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${size}-${name} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SHOTS, `${size}-${name}.png`), fullPage: true, animations: 'disabled' });
}

describe.runIf(hasChromium || Boolean(process.env.CI))('1:1 meetings on two phones in Chromium', () => {
  let server: RunningServer;
  let t: TestApp;
  let browser: Browser;
  let cameraDir: string;
  let camera: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function phoneOf(who: Person): Promise<Page> {
    const context = await browser.newContext({ ...SIZES.phone, baseURL: server.url, locale: 'en-GB', timezoneId: 'Europe/Lisbon' });
    contexts.push(context);
    await context.grantPermissions(['camera'], { origin: server.url });
    const [name, value] = who.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    return page;
  }

  async function person(name: string, interests: string[]): Promise<Person> {
    const who = await createPerson(t, name);
    const saved = await call(t.app, who, 'PUT', '/api/me/profile', {
      displayName: name,
      headline: `${name.split(' ')[0]} likes ${interests[0]}`,
      bio: '',
      interests,
      offers: [],
      seeking: [],
      questions: [],
      contact: { email: '', phone: '', links: [] },
    });
    if (saved.status !== 200) throw new Error(`profile not saved: ${JSON.stringify(saved.body)}`);
    return who;
  }

  beforeAll(async () => {
    cameraDir = mkdtempSync(path.join(os.tmpdir(), 'cg-camera-'));
    camera = path.join(cameraDir, 'camera.y4m');
    // Chromium reads the file when a capture starts: each scan below shows the code written just before it.
    await writeFakeCameraVideo(camera, 'nothing to see yet');
    ({ server, browser } = await startBrowserAndServer({ chromiumArgs: fakeCameraArgs(camera) }));
    t = { app: server.app, ctx: server.ctx } as TestApp;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
    if (cameraDir) rmSync(cameraDir, { recursive: true, force: true });
  });

  it('request → accept → slot and table → scan each other → the encounter is recorded', async () => {
    const ana = await person('Ana Lima', ['Sourdough', 'Rock climbing', 'Rust']);
    const bo = await person('Bo Berg', ['Sourdough', 'Rock climbing', 'Cycling']);
    const olga = await person('Olga Organizer', ['Community building']);
    // A week from now, so that its slots are still to come (the server runs on the real clock).
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const created = await call(t.app, olga, 'POST', '/api/events', {
      name: 'Sourdough & Climbing Social',
      startsAt: `${day}T17:00:00Z`,
      endsAt: `${day}T21:00:00Z`,
      timeZone: 'UTC',
      venue: 'The Old Library',
    });
    expect(created.status).toBe(201);
    const eventId = created.body.id as string;
    const invite = await call(t.app, olga, 'POST', `/api/events/${eventId}/invites`, {});
    for (const who of [ana, bo]) expect((await call(t.app, who, 'POST', `/api/invites/${invite.body.token}/accept`)).status).toBe(200);
    for (const startsAt of [`${day}T18:00:00Z`, `${day}T18:30:00Z`]) {
      const slot = await call(t.app, olga, 'POST', `/api/events/${eventId}/slots`, {
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 20 * 60_000).toISOString(),
      });
      expect(slot.status).toBe(201);
    }
    expect((await call(t.app, olga, 'POST', `/api/events/${eventId}/tables`, { count: 4, locationHint: 'by the window' })).status).toBe(201);

    const anaPhone = await phoneOf(ana);
    const boPhone = await phoneOf(bo);

    // Ana asks Bo from People to meet, with a note.
    await anaPhone.goto(`/e/${eventId}/people-to-meet`);
    const boCard = anaPhone.locator('.suggestion', { has: anaPhone.getByRole('heading', { name: 'Bo Berg', exact: true }) });
    await boCard.getByRole('button', { name: /ask to meet/i }).click();
    const dialog = anaPhone.getByRole('dialog');
    await dialog.getByRole('textbox').fill('I would love to swap sourdough starters and climbing spots.');
    await shoot(anaPhone, 'phone', 'meetings-ask');
    await dialog.getByRole('button', { name: /send/i }).click();
    await poll(() => boCard.getByRole('link', { name: /asked bo berg/i }).isVisible()).toBe(true);

    // Bo hears of it live, reads the note, and accepts.
    await boPhone.goto(`/e/${eventId}/meetings?view=requests`);
    const received = boPhone.getByRole('list', { name: /waiting for your answer/i });
    await poll(() => received.getByText('I would love to swap sourdough starters and climbing spots.').isVisible()).toBe(true);
    await shoot(boPhone, 'phone', 'meetings-requests');
    await received.getByRole('button', { name: /^accept/i }).click();

    // Both see the same time and table.
    const placed = await poll(async () => (await call(t.app, ana, 'GET', `/api/events/${eventId}/meetings`)).body[0]?.state).toBe('scheduled');
    void placed;
    const meeting = (await call(t.app, ana, 'GET', `/api/events/${eventId}/meetings`)).body[0] as { id: string; table: { label: string } };
    const table = meeting.table.label;
    await boPhone.goto(`/e/${eventId}/meetings`);
    const boMeetings = boPhone.getByRole('list', { name: 'Your meetings' });
    await poll(() => boMeetings.textContent()).toMatch(new RegExp(`18:00–18:20 UTC\\s*${table}.*Ana Lima`));
    await anaPhone.goto(`/e/${eventId}/meetings`);
    await poll(() => anaPhone.getByRole('list', { name: 'Your meetings' }).textContent()).toMatch(new RegExp(`18:00–18:20 UTC\\s*${table}.*Bo Berg`));
    await shoot(anaPhone, 'phone', 'meetings-schedule');
    // Ana was told live that Bo said yes (a toast or the bell's count).
    await poll(async () => (await call(t.app, ana, 'GET', '/api/me/notifications')).body.notifications.map((n: { kind: string }) => n.kind)).toContain(
      'request_accepted',
    );

    // Each opens "We met": Ana scans Bo's code; nothing is recorded until Bo scans hers.
    const boCode = (await call(t.app, bo, 'GET', `/api/events/${eventId}/me/meet-code`)).body as { code: string; url: string };
    const anaCode = (await call(t.app, ana, 'GET', `/api/events/${eventId}/me/meet-code`)).body as { code: string; url: string };
    await boPhone.goto(`/e/${eventId}/met`);
    // The code shows in big letters (spaced for reading) under the QR code.
    await poll(async () => ((await boPhone.locator('.meet-code').textContent()) ?? '').replace(/\s/g, '')).toContain(boCode.code);
    await poll(() => boPhone.getByRole('img', { name: /QR code/i }).isVisible()).toBe(true);
    await shoot(boPhone, 'phone', 'we-met-code');

    await writeFakeCameraVideo(camera, boCode.url);
    await anaPhone.goto(`/e/${eventId}/met`);
    await anaPhone.getByRole('button', { name: /scan their code/i }).click();
    await poll(async () => (await call(t.app, bo, 'GET', `/api/events/${eventId}/encounters`)).body.waitingForMe.length).toBe(1);
    await poll(() => anaPhone.getByText(/Now Bo scans your code/).isVisible()).toBe(true);
    await shoot(anaPhone, 'phone', 'we-met-waiting');
    const encounters = async () =>
      (await queryRows<{ source: string; table_label: string | null }>(t.ctx.db, sql`select source, table_label from encounters where event_id = ${eventId}`));
    await poll(async () => (await call(t.app, bo, 'GET', `/api/events/${eventId}/encounters`)).body.waitingForMe.length).toBe(1);
    expect(await encounters()).toEqual([]);

    await writeFakeCameraVideo(camera, anaCode.url);
    await boPhone.reload();
    await boPhone.getByRole('button', { name: /scan their code/i }).click();
    await poll(() => encounters()).toEqual([{ source: 'meeting', table_label: table }]);
    await poll(() => boPhone.getByRole('list', { name: /met here/i }).getByText('Ana Lima').isVisible()).toBe(true);
    await shoot(boPhone, 'phone', 'we-met-recorded');
    await anaPhone.goto(`/e/${eventId}/meetings`);
    await poll(async () => (await call(t.app, ana, 'GET', `/api/events/${eventId}/meetings/${meeting.id}`)).body.state).toBe('held');

    // The organizer sees it in the schedule, held, and prints it.
    const organizerPage = await phoneOf(olga);
    await organizerPage.setViewportSize({ width: 1280, height: 800 });
    await organizerPage.goto(`/e/${eventId}/schedule`);
    const grid = organizerPage.getByRole('region', { name: 'Meetings by slot and table' });
    await poll(async () => (await grid.textContent()) ?? '').toMatch(/Ana Lima.*Bo Berg|Bo Berg.*Ana Lima/);
    const figures = await organizerPage.locator('.figures').textContent();
    expect(figures).toMatch(/Requests\s*1/i);
    expect(figures).toMatch(/Held\s*1/i);
    expect(figures).not.toContain('swap sourdough');
    await shoot(organizerPage, 'phone', 'schedule-organizer');
    await organizerPage.emulateMedia({ media: 'print' });
    await organizerPage.screenshot({ path: path.join(SHOTS, 'print-schedule.png'), fullPage: true });
    expect(await organizerPage.getByRole('button', { name: 'Re-plan' }).isVisible()).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
