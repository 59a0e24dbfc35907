// Badges and the door, in Chromium against a real server: an organizer imports people, prints
// their badges on A4 and on US Letter (the QR code read back from a screenshot is the person's
// claim link), then checks people in at the door by typing a code and by the (fake) camera.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BADGE_LAYOUTS, perPage } from '../../src/core/badges/sheet.js';
import { queryRows } from '../../src/server/platform/db/client.js';
import type { RunningServer } from '../../src/server/server.js';
import { hasChromium, SHOTS, SIZES, startBrowserAndServer, type Size } from '../support/browser.js';
import { call, type Person, type TestApp } from '../support/app.js';
import { fakeCameraArgs, writeFakeCameraVideo } from '../support/fake-camera.js';
import { createPerson } from '../support/people.js';

const require = createRequire(import.meta.url);
const JSQR = require.resolve('jsqr');
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });

const LONG_NAME = 'Hubert Blaine Wolfeschlegelsteinhausenbergerdorff';
const IMPORTED = [
  ['ana@example.org', 'Ana Lima', 'Product designer', 'Design systems;Rock climbing;Jazz;Poetry'],
  ['hubert@example.org', LONG_NAME, 'Typesetter and occasional printer of very long names', 'Typography;Letterpress'],
  ['maria@example.org', 'María José Carreño Quiñones de la Fuente', 'Head of Research at the Institute of Social Sciences', 'Urban gardening;Cycling'],
  ['bo@example.org', 'Bo', '', ''],
  ['nia@example.org', 'Nia Okafor', 'Community lead', 'Open data'],
  ['pedro@example.org', 'Pedro Álvares', 'Founder', 'Fintech'],
  ['quinn@example.org', 'Quinn Zhao', 'Student', 'Robotics;Chess'],
  ['rita@example.org', 'Rita Moreno', 'Data journalist', 'Data visualisation'],
  ['sven@example.org', 'Sven Olsen', 'Backend engineer', 'Rust;Go'],
];

interface Badge {
  userId: string;
  name: string;
  claimUrl: string;
  claimed: boolean;
}

/** The number of pages of a PDF Chromium made (its page objects, not the page tree). */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}

describe.runIf(hasChromium || Boolean(process.env.CI))('badges and the door in Chromium', () => {
  let server: RunningServer;
  let t: TestApp;
  let browser: Browser;
  let cameraDir: string;
  let camera: string;
  let olga: Person;
  let eventId: string;
  let badges: Badge[];
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function pageAs(who: Person, size: Size, extra: { deviceScaleFactor?: number } = {}): Promise<Page> {
    const context = await browser.newContext({ ...SIZES[size], ...extra, baseURL: server.url, locale: 'en-GB', timezoneId: 'Europe/Lisbon' });
    contexts.push(context);
    await context.grantPermissions(['camera'], { origin: server.url });
    const [name, value] = who.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    return page;
  }

  /** What a QR code in a PNG says, read by jsQR in a blank page of its own. */
  async function decodeQr(png: Buffer): Promise<string | null> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.addScriptTag({ path: JSQR });
    return page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context2d = canvas.getContext('2d')!;
      context2d.drawImage(image, 0, 0);
      const pixels = context2d.getImageData(0, 0, canvas.width, canvas.height);
      const read = (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR;
      return read(pixels.data, pixels.width, pixels.height)?.data ?? null;
    }, png.toString('base64'));
  }

  beforeAll(async () => {
    cameraDir = mkdtempSync(path.join(os.tmpdir(), 'cg-door-camera-'));
    camera = path.join(cameraDir, 'camera.y4m');
    await writeFakeCameraVideo(camera, 'nothing to see yet');
    ({ server, browser } = await startBrowserAndServer({ chromiumArgs: fakeCameraArgs(camera) }));
    t = { app: server.app, ctx: server.ctx } as TestApp;
    olga = await createPerson(t, 'Olga Organizer');
    const created = await call(t.app, olga, 'POST', '/api/events', {
      name: 'Lisbon Product Meetup',
      startsAt: '2026-12-01T17:00:00Z',
      endsAt: '2026-12-01T21:00:00Z',
      timeZone: 'Europe/Lisbon',
      venue: 'LX Factory',
    });
    expect(created.status).toBe(201);
    eventId = created.body.id;
    const csv = `email,name,headline,interests\n${IMPORTED.map((row) => row.map((cell) => `"${cell}"`).join(',')).join('\n')}\n`;
    const imported = await call(t.app, olga, 'POST', `/api/events/${eventId}/imports`, { csv, format: 'generic' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    badges = (await call(t.app, olga, 'GET', `/api/events/${eventId}/badges`)).body.badges;
    expect(badges).toHaveLength(IMPORTED.length + 1);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
    if (cameraDir) rmSync(cameraDir, { recursive: true, force: true });
  });

  for (const layout of BADGE_LAYOUTS) {
    const paper = layout.paper;
    it(`prints ${paper === 'a4' ? 'A4' : 'US Letter'} sheets of ${layout.label}, a sheet a page, names inside their badge`, async () => {
      const size = perPage(layout);
      const page = await pageAs(olga, 'desktop');
      await page.goto(`/e/${eventId}/badges?paper=${paper}&layout=${layout.id}`);
      await poll(() => page.locator('.name-badge').count()).toBe(badges.length);
      await expect(page.getByRole('status').filter({ hasText: /badges on/ }).textContent()).resolves.toContain(
        `${badges.length} badges on ${Math.ceil(badges.length / size)} sheets of ${paper === 'a4' ? 'A4' : 'US Letter'}`,
      );
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => document.fonts.ready);

      const sheets = page.locator('.badge-sheet');
      expect(await sheets.count()).toBe(Math.ceil(badges.length / size));
      const perSheet = await sheets.evaluateAll((all) => all.map((sheet) => sheet.querySelectorAll('.name-badge').length));
      expect(perSheet.slice(0, -1).every((n) => n === size)).toBe(true);
      expect(perSheet.reduce((a, b) => a + b, 0)).toBe(badges.length);

      await page.emulateMedia({ media: 'print' });
      // Every name within its badge, whole: no word cut, nothing under the QR code or outside.
      const names = await page.locator('.name-badge').evaluateAll((all) =>
        all.map((badge) => {
          const name = badge.querySelector<HTMLElement>('.name-badge-name')!;
          const box = badge.getBoundingClientRect();
          const text = name.getBoundingClientRect();
          return {
            name: name.textContent,
            inside: text.left >= box.left && text.right <= box.right && text.bottom <= box.bottom,
            cut: name.scrollHeight > name.clientHeight + 2 || name.scrollWidth > name.clientWidth,
            points: parseFloat(getComputedStyle(name).fontSize) * 0.75,
          };
        }),
      );
      for (const name of names) expect(name, JSON.stringify(name)).toMatchObject({ inside: true, cut: false });
      // Short names are printed large; the longest still at a readable size.
      expect(names.find((n) => n.name === 'Ana Lima')!.points).toBeGreaterThanOrEqual(20);
      expect(names.find((n) => n.name === LONG_NAME)!.points).toBeGreaterThanOrEqual(10);

      await page.screenshot({ path: path.join(SHOTS, `badges-${layout.id}.png`), fullPage: true });
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      expect(pdfPages(pdf)).toBe(Math.ceil(badges.length / size));
      const mediaBox = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
      const points = paper === 'a4' ? [595.3, 841.9] : [612, 792];
      expect(Number(mediaBox![1])).toBeCloseTo(points[0]!, 0);
      expect(Number(mediaBox![2])).toBeCloseTo(points[1]!, 0);
      expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    });
  }

  it('prints a QR code that reads back as the person’s claim link, with the caption for their case', async () => {
    const page = await pageAs(olga, 'desktop', { deviceScaleFactor: 2 });
    await page.goto(`/e/${eventId}/badges`);
    await page.emulateMedia({ media: 'print' });
    for (const badge of [badges.find((b) => b.name === 'Ana Lima')!, badges.find((b) => b.name === 'Olga Organizer')!]) {
      const card = page.locator(`.name-badge[data-user-id="${badge.userId}"]`);
      await card.waitFor();
      expect(await decodeQr(await card.screenshot())).toBe(badge.claimUrl);
      expect(badge.claimUrl).toMatch(new RegExp(`^${server.url}/claim/[0-9a-f]{64}$`));
      const caption = card.locator('figcaption');
      const doorCode = (await caption.locator('.name-badge-door-code').textContent()) ?? '';
      expect((await caption.textContent())?.replace(doorCode, '')).toBe(badge.claimed ? 'Scan at the door' : 'Scan to claim your profile');
      // The door code printed under it is the start of the claim link's code, for typing at the door.
      expect(doorCode.replace(' ', '').toLowerCase()).toBe(badge.claimUrl.split('/claim/')[1]!.slice(0, 8));
    }
    expect(badges.find((b) => b.name === 'Ana Lima')!.claimed).toBe(false);
    expect(badges.find((b) => b.name === 'Olga Organizer')!.claimed).toBe(true);
  });

  it('checks people in at the door: a typed code, the same badge again, another code, an undo', async () => {
    const rita = badges.find((b) => b.name === 'Rita Moreno')!;
    const page = await pageAs(olga, 'phone');
    await page.goto(`/e/${eventId}/door`);
    const count = page.locator('.door-count-figure');
    await poll(() => count.textContent()).toBe(`0 of ${badges.length} checked in`);

    const field = page.getByLabel(/type the code under the badge’s QR code/i);
    await field.fill(rita.claimUrl);
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await poll(() => page.locator('.door-outcome-in').textContent()).toContain('Checked in: Rita Moreno');
    expect(await page.locator('.door-outcome-in').textContent()).toContain('Data journalist');
    await poll(() => count.textContent()).toBe(`1 of ${badges.length} checked in`);
    await page.screenshot({ path: path.join(SHOTS, 'phone-door-checked-in.png'), fullPage: true });

    await field.fill(rita.claimUrl.split('/').pop()!);
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await poll(() => page.locator('.door-outcome-again').textContent()).toMatch(/Already checked in at \d{1,2}:\d{2}.*Rita Moreno/);

    await field.fill('https://elsewhere.example.org/claim/0123456789abcdef0123456789abcdef');
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await poll(() => page.locator('.door-outcome-refused').textContent()).toContain('Not a badge of this event');
    await page.screenshot({ path: path.join(SHOTS, 'phone-door-refused.png'), fullPage: true });

    const recent = page.getByRole('list', { name: 'Latest check-ins' });
    await poll(() => recent.textContent()).toContain('Rita Moreno');
    await recent.getByRole('button', { name: 'Undo check-in of Rita Moreno' }).click();
    await poll(() => count.textContent()).toBe(`0 of ${badges.length} checked in`);
    const [row] = await queryRows<{ status: string; checked_in_at: unknown }>(
      t.ctx.db,
      sql`select status, checked_in_at from memberships where event_id = ${eventId} and user_id = ${rita.userId}`,
    );
    expect(row).toEqual({ status: 'invited', checked_in_at: null });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('checks a badge in by the camera, and goes on scanning', async () => {
    const sven = badges.find((b) => b.name === 'Sven Olsen')!;
    await writeFakeCameraVideo(camera, sven.claimUrl);
    const page = await pageAs(olga, 'phone');
    await page.goto(`/e/${eventId}/door`);
    await page.getByRole('button', { name: 'Start scanning' }).click();
    await poll(() => page.locator('.door-outcome-in').textContent()).toContain('Checked in: Sven Olsen');
    const [row] = await queryRows<{ checked_in_at: unknown }>(
      t.ctx.db,
      sql`select checked_in_at from memberships where event_id = ${eventId} and user_id = ${sven.userId}`,
    );
    expect(row!.checked_in_at).not.toBeNull();
    // The camera opens again for the next badge; the same badge still in front of it is not news.
    await poll(() => page.locator('.qr-scanner').isVisible()).toBe(true);
    await page.waitForTimeout(2_000);
    expect(await page.locator('.door-outcome-again').count()).toBe(0);
    const audit = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from audit_log where event_id = ${eventId} and action = 'attendee.checked_in' and subject_id = ${sven.userId}`,
    );
    expect(Number(audit[0]!.n)).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
