// The organizers' insights in Chromium against a real server, on the demo event: the picture has
// a circle per member and only the names of those who said yes; the SVG, PNG and CSV exports
// download (the CSV's planted =HYPERLINK interest comes out as text); the organizer turns their
// own name on from the event page and finds it in the picture; screenshots at both sizes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/csv/csv.js';
import { createDemoEvent } from '../../src/server/demo/demo.service.js';
import { queryRows, uuidArray } from '../../src/server/platform/db/client.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Person, TestApp } from '../support/app.js';
import { hasChromium, PagesOf, SHOTS, startBrowserAndServer, type Size } from '../support/browser.js';
import { createPerson } from '../support/people.js';

const HYPERLINK = '=HYPERLINK("http://evil.example")';
const SCRATCH = process.env.INSIGHTS_SHOTS;

if (!hasChromium && !process.env.CI) {
  console.warn('\n*** skipped: insights browser test — /usr/bin/chromium not found ***\n');
}

describe.runIf(hasChromium || Boolean(process.env.CI))('insights of the demo event in Chromium', () => {
  let server: RunningServer;
  let t: TestApp;
  let browser: Browser;
  let pages: PagesOf;

  const pageOf = (who: Person, size: Size) => pages.open(who, size);

  async function shoot(page: Page, size: Size) {
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${size} insights scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    for (const file of [path.join(SHOTS, `${size}-insights.png`), ...(SCRATCH ? [path.join(SCRATCH, `insights-${size}.png`)] : [])]) {
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled', style: '.toasts { display: none !important; }' });
    }
  }

  async function download(page: Page, click: () => Promise<void>) {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
  }

  beforeAll(async () => {
    ({ server, browser } = await startBrowserAndServer());
    pages = new PagesOf(browser, server.url, { acceptDownloads: true }, 20_000);
    t = { app: server.app, ctx: server.ctx } as TestApp;
  });

  afterAll(async () => {
    await pages?.close();
    await browser?.close();
    await server?.close();
  });

  it('picture with a circle per member, unnamed unless they said yes; SVG, PNG and CSV exports; the consent switch', async () => {
    const host = await createPerson(t, 'Olga Organizer');
    const demo = await createDemoEvent(t.ctx, { attendees: 60, seed: 42, organizer: { email: host.email, mustExist: true } });
    const members = await queryRows<{ id: string; name: string; named: boolean }>(
      t.ctx.db,
      sql`select m.user_id as id, p.display_name as name, m.named_in_insights as named from memberships m join profiles p on p.user_id = m.user_id
        where m.event_id = ${demo.eventId} and m.status in ('joined', 'checked_in')`,
    );
    expect(members).toHaveLength(61);
    const unnamed = members.filter((m) => !m.named);
    const named = members.filter((m) => m.named);
    // About 70% of the demo's attendees said yes; the organizer did not (yet).
    expect(named.length).toBeGreaterThan(30);
    expect(unnamed.length).toBeGreaterThan(5);
    // An interest written to be run by a spreadsheet, held by two thirds of the room (so among the most held).
    const planted = members.slice(0, 40).map((m) => m.id);
    await t.ctx.db.execute(sql`update profiles set interests = interests || ${`{"${HYPERLINK.replaceAll('"', '\\"')}"}`}::text[] where user_id = any(${uuidArray(planted)})`);

    const page = await pageOf(host, 'desktop');
    await page.goto(`/e/${demo.eventId}`);
    await page.getByRole('link', { name: 'See insights' }).click();
    await page.waitForURL(`**/e/${demo.eventId}/insights`);
    const picture = page.locator('.insights-picture svg');
    await picture.waitFor();

    expect(await picture.locator('g.person').count()).toBe(members.length);
    expect(await picture.locator('g.person[data-named="false"]').count()).toBe(unnamed.length);
    const titles = await picture.locator('g.person > title').allTextContents();
    const unnamedTitles = await picture.locator('g.person[data-named="false"] > title').allTextContents();
    for (const title of unnamedTitles) expect(title).toMatch(/^(Attendee|Organizer) \d+: /);
    const shownNames = new Set(titles.map((title) => title.split(':')[0]));
    const texts = await picture.locator('text').allTextContents();
    for (const person of unnamed) {
      expect(shownNames.has(person.name), `${person.name} is named without consent`).toBe(false);
      expect(texts).not.toContain(person.name);
    }
    for (const person of named) expect(shownNames.has(person.name), `${person.name} said yes`).toBe(true);
    expect(await picture.innerHTML()).not.toContain(unnamed[0]!.id);

    // The figures read as cards.
    const figures = page.getByRole('definition').first();
    await expect.poll(() => figures.textContent()).toMatch(/\d/);
    await expect.poll(() => page.locator('.figure dt').allTextContents()).toEqual(['Met someone new', 'Pairs who met', 'Meetings held', 'Mixer repeats']);

    // Zooming changes what the frame shows.
    const before = await picture.getAttribute('viewBox');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => picture.getAttribute('viewBox')).not.toBe(before);
    await page.getByRole('button', { name: 'Whole picture' }).click();
    await expect.poll(() => picture.getAttribute('viewBox')).toBe(before);

    await shoot(page, 'desktop');

    const svg = await download(page, () => page.getByRole('link', { name: 'Download SVG' }).click());
    expect(svg.name).toMatch(/^who-met-whom-.+\.svg$/);
    const svgText = svg.bytes.toString('utf8');
    expect(svgText.startsWith('<svg')).toBe(true);
    expect(svgText.match(/<g class="person"/g)).toHaveLength(members.length);
    for (const person of unnamed) expect(svgText).not.toContain(`<title>${person.name}:`);

    const png = await download(page, () => page.getByRole('button', { name: 'Download PNG' }).click());
    expect(png.name).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(500);
    expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(300);

    const csv = await download(page, () => page.getByRole('link', { name: 'Download figures (CSV)' }).click());
    const { header, rows } = parseCsv(csv.bytes.toString('utf8'));
    expect(header).toEqual(['section', 'subject', 'measure', 'value']);
    const injected = rows.find((row) => row.cells[1]?.includes('HYPERLINK'));
    expect(injected?.cells).toEqual(['interest held', `'${HYPERLINK}`, 'people', '40']);
    for (const row of rows) for (const cell of row.cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.find((row) => row.cells[2] === 'held')?.cells[3]).toMatch(/^\d+$/);

    const phone = await pageOf(host, 'phone');
    await phone.goto(`/e/${demo.eventId}/insights`);
    await phone.locator('.insights-picture svg').waitFor();
    await shoot(phone, 'phone');

    // The organizer says yes on the event page: their name is in the picture after that.
    expect(shownNames.has('Olga Organizer')).toBe(false);
    await page.goto(`/e/${demo.eventId}`);
    const consent = page.getByRole('checkbox', { name: /Show my name in the organizers’ who-met-whom picture/ });
    await expect.poll(() => consent.isChecked()).toBe(false);
    await consent.check();
    await expect.poll(async () => (await queryRows<{ named: boolean }>(t.ctx.db, sql`select named_in_insights as named from memberships where event_id = ${demo.eventId} and user_id = ${host.id}`))[0]?.named).toBe(true);
    await page.goto(`/e/${demo.eventId}/insights`);
    await expect.poll(() => page.locator('.insights-picture svg g.person > title').allTextContents()).toContainEqual(expect.stringMatching(/^Olga Organizer: /));

    expect(pages.errors).toEqual([]);
  }, 180_000);
});
