// People to meet in Chromium, against a real server on an in-memory database: the cards, their
// why and openers, save and the Saved list, "not now" with undo, block (and unblock on the Account
// page), the empty states, the directory turned off, and paging the demo event after removals,
// with screenshots at phone and desktop size.
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { createDemoEvent } from '../../src/server/demo/demo.service.js';
import { loadConfig } from '../../src/server/platform/config.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { call, eventWith, type Person, type TestApp } from '../support/app.js';
import { createPerson } from '../support/people.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = '/usr/bin/chromium';
const WEB_INDEX = path.join(root, 'dist/web/index.html');
const SHOTS = path.join(root, 'test-results/screenshots');

const SIZES: Record<'phone' | 'desktop', BrowserContextOptions> = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
};
type Size = keyof typeof SIZES;

const hasChromium = existsSync(CHROMIUM);
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 100 });

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A full-page screenshot, after checking that nothing scrolls sideways; toasts hidden unless asked for. */
async function shoot(page: Page, size: Size, name: string, options: { toasts?: boolean; fullPage?: boolean } = {}) {
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${size}-${name} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  // No chip, button or question may stick out of its card.
  const sticking = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.suggestion')].flatMap((card) => {
      const box = card.getBoundingClientRect();
      return [...card.querySelectorAll<HTMLElement>('.why-chip, .opener, .button, .button-more')]
        .filter((el) => {
          const inner = el.getBoundingClientRect();
          return inner.left < box.left - 0.5 || inner.right > box.right + 0.5;
        })
        .map((el) => el.textContent);
    }),
  );
  expect(sticking, `${size}-${name}: content wider than its card`).toEqual([]);
  if (options.fullPage !== false) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: path.join(SHOTS, `${size}-${name}.png`),
    fullPage: options.fullPage !== false,
    ...(options.toasts ? {} : { style: '.toasts { display: none !important; }' }),
  });
}

interface Profile {
  headline?: string;
  interests?: string[];
  offers?: string[];
  seeking?: string[];
  questions?: string[];
}

describe.runIf(hasChromium || Boolean(process.env.CI))('people to meet in Chromium', () => {
  let server: RunningServer;
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  /** A browser page signed in as `who`, through their session cookie. */
  async function pageAs(who: Person, size: Size): Promise<Page> {
    const context = await browser.newContext({ ...SIZES[size], baseURL: server.url, locale: 'en-US', timezoneId: 'Europe/Lisbon' });
    contexts.push(context);
    const [name, value] = who.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    return page;
  }

  async function person(name: string, profile: Profile): Promise<Person> {
    const who = await createPerson(t, name);
    const saved = await call(t.app, who, 'PUT', '/api/me/profile', {
      displayName: name,
      headline: profile.headline ?? '',
      bio: '',
      interests: profile.interests ?? [],
      offers: profile.offers ?? [],
      seeking: profile.seeking ?? [],
      questions: profile.questions ?? [],
      contact: { email: '', phone: '', links: [] },
    });
    if (saved.status !== 200) throw new Error(`profile not saved: ${JSON.stringify(saved.body)}`);
    return who;
  }

  const cardOf = (page: Page, name: string) => page.locator('.suggestion', { has: page.getByRole('heading', { name, exact: true }) });
  const cardNames = (page: Page) => page.locator('.suggestion-name').allTextContents();
  const savedNames = (page: Page) => page.getByRole('list', { name: 'Saved people' }).locator('.saved-name').allTextContents();
  const savedTab = (page: Page, count: number) =>
    page.getByRole('link', { name: `Saved, ${count} ${count === 1 ? 'person' : 'people'}`, exact: true });

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`browser tests need Chromium at ${CHROMIUM} (CI is set, so they may not be skipped)`);
    if (!existsSync(WEB_INDEX)) throw new Error(`${path.relative(root, WEB_INDEX)} is missing: run npm run build first`);
    mkdirSync(SHOTS, { recursive: true });
    const port = await freePort();
    const config = loadConfig({}, { port, host: '127.0.0.1', dataDir: 'memory://', logLevel: 'silent', publicUrl: `http://127.0.0.1:${port}` });
    server = await startServer(config);
    t = { app: server.app, ctx: server.ctx } as TestApp;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('shows the obvious match first, with why and openers; save, not now with undo, block and unblock', async () => {
    const vera = await person('Vera Viewer', {
      headline: 'Backend developer, new to Lisbon',
      interests: ['Beekeeping', 'Rock climbing', 'Cooking', 'Rust'],
      seeking: ['Help getting started with beekeeping on a balcony'],
      offers: ['Happy to review Rust code'],
    });
    const bea = await person('Bea Hives', {
      headline: 'Keeps six hives on a rooftop in Alfama',
      interests: ['Beekeeping', 'Cooking', 'Gardening'],
      offers: ['Happy to show beginners how to start beekeeping'],
      questions: ['What would you plant for bees on a balcony?'],
    });
    const cy = await person('Cy Climber', { headline: 'Route setter at a bouldering gym', interests: ['Bouldering', 'Cooking'], seeking: ['Someone to review my Rust side project'] });
    const dee = await person('Dee Cook', { headline: 'Runs a supper club', interests: ['Cooking', 'Running'] });
    const eli = await person('Eli Empty', {});
    const olga = await person('Olga Organizer', { headline: 'Hosts the Lisbon makers meetup' });
    const { event } = await eventWith(t.app, olga, [vera, bea, cy, dee, eli]);
    const eventId = event.id;
    expect((await call(t.app, bea, 'PATCH', `/api/events/${eventId}/me`, { hereFor: 'Swapping honey and hive stories' })).status).toBe(200);

    // The event page leads the way in.
    const page = await pageAs(vera, 'phone');
    await page.goto(`/e/${eventId}`);
    const preview = page.getByRole('region', { name: 'People to meet' });
    await poll(() => preview.getByText('3 people here share something with you').isVisible()).toBe(true);
    await poll(() => preview.getByText('Bea Hives').isVisible()).toBe(true);
    await shoot(page, 'phone', 'event-with-people-to-meet');
    await preview.getByRole('link', { name: 'See people to meet' }).click();
    await page.waitForURL(`**/e/${eventId}/people-to-meet`);
    await poll(() => page.getByRole('heading', { name: 'People to meet', level: 1 }).isVisible()).toBe(true);

    // The beekeeper comes first, with Beekeeping as shared ground, her offer, and questions.
    await poll(() => cardNames(page)).toEqual(['Bea Hives', 'Cy Climber', 'Dee Cook']);
    const beaCard = cardOf(page, 'Bea Hives');
    await poll(() => beaCard.locator('.why-shared', { hasText: 'Beekeeping' }).textContent()).toMatch(/You both:\s*Beekeeping.*only you two here/);
    await poll(() => beaCard.locator('.why-they-offer').textContent()).toMatch(/They can help with:.*Happy to show beginners how to start beekeeping/);
    await poll(() => beaCard.getByText('Swapping honey and hive stories').isVisible()).toBe(true);
    const openers = await beaCard.locator('.opener-text').allTextContents();
    expect(openers.length).toBeGreaterThanOrEqual(2);
    for (const opener of openers) expect(opener).toMatch(/\?$/);
    // From my side: Cy's bouldering meets my rock climbing, and I could help with Cy's need.
    const cyCard = cardOf(page, 'Cy Climber');
    await poll(() => cyCard.locator('.why-related').textContent()).toMatch(/You:\s*Rock climbing.*them:\s*Bouldering/);
    await poll(() => cyCard.locator('.why-you-offer').textContent()).toMatch(/You could help with:.*Someone to review my Rust side project/);
    // No sales talk, and no dead "Request a meeting" button.
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/\b(leads?|prospects?|grow your network|connect and grow)\b/i);
    expect(await page.getByRole('button', { name: /request a meeting/i }).count()).toBe(0);
    await shoot(page, 'phone', 'people-to-meet');

    // The name leads to the person's page, and back.
    await beaCard.getByRole('link', { name: 'Bea Hives' }).click();
    await poll(() => page.getByRole('heading', { name: 'Bea Hives', level: 1 }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'People to meet' }).click();
    await poll(() => cardNames(page)).toEqual(['Bea Hives', 'Cy Climber', 'Dee Cook']);

    // Save for later toggles, and is remembered.
    await beaCard.getByRole('button', { name: 'Save for later' }).click();
    await poll(() => beaCard.getByRole('button', { name: 'Saved' }).isVisible()).toBe(true);
    await page.reload();
    await poll(() => cardOf(page, 'Bea Hives').getByRole('button', { name: 'Saved' }).isVisible()).toBe(true);
    await cardOf(page, 'Bea Hives').getByRole('button', { name: 'Saved' }).click();
    await poll(() => cardOf(page, 'Bea Hives').getByRole('button', { name: 'Save for later' }).isVisible()).toBe(true);
    await poll(async () => (await call(t.app, vera, 'GET', `/api/events/${eventId}/people-to-meet`)).body.people[0].saved).toBe(false);
    await cardOf(page, 'Bea Hives').getByRole('button', { name: 'Save for later' }).click();
    await poll(() => cardOf(page, 'Bea Hives').getByRole('button', { name: 'Saved' }).isVisible()).toBe(true);

    // The Saved tab counts saved people and lists them, newest first, following saves on the cards.
    await poll(() => savedTab(page, 1).isVisible()).toBe(true);
    await cardOf(page, 'Cy Climber').getByRole('button', { name: 'Save for later' }).click();
    await poll(() => savedTab(page, 2).isVisible()).toBe(true);
    await savedTab(page, 2).click();
    await page.waitForURL(`**/e/${eventId}/people-to-meet?view=saved`);
    await poll(() => savedNames(page)).toEqual(['Cy Climber', 'Bea Hives']);
    await poll(() => page.getByRole('list', { name: 'Saved people' }).getByText('Keeps six hives on a rooftop in Alfama').isVisible()).toBe(true);
    expect(await page.locator('.suggestion').count()).toBe(0);
    await shoot(page, 'phone', 'people-to-meet-saved');
    // Unsave from the list: the row goes (Undo brings it back), and so does the mark on the card.
    await page.getByRole('button', { name: 'Unsave Cy Climber' }).click();
    await poll(() => savedNames(page)).toEqual(['Bea Hives']);
    await poll(() => savedTab(page, 1).isVisible()).toBe(true);
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Unsave Bea Hives');
    await page.locator('.toast', { hasText: 'Cy Climber is no longer saved' }).getByRole('button', { name: 'Undo' }).click();
    await poll(() => savedNames(page)).toEqual(['Cy Climber', 'Bea Hives']);
    await page.getByRole('button', { name: 'Unsave Cy Climber' }).click();
    await poll(() => savedNames(page)).toEqual(['Bea Hives']);
    await poll(async () => (await call(t.app, vera, 'GET', `/api/events/${eventId}/saved`)).body.people.map((p: { displayName: string }) => p.displayName)).toEqual(['Bea Hives']);
    // A saved person's page leads back to the Saved list.
    await page.getByRole('link', { name: 'Bea Hives', exact: true }).click();
    await poll(() => page.getByRole('heading', { name: 'Bea Hives', level: 1 }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'People to meet' }).click();
    await page.waitForURL(`**/e/${eventId}/people-to-meet?view=saved`);
    await poll(() => savedNames(page)).toEqual(['Bea Hives']);
    await page.getByRole('link', { name: 'Suggestions', exact: true }).click();
    await poll(() => cardNames(page)).toEqual(['Bea Hives', 'Cy Climber', 'Dee Cook']);
    await poll(() => cardOf(page, 'Cy Climber').getByRole('button', { name: 'Save for later' }).isVisible()).toBe(true);
    await poll(() => cardOf(page, 'Bea Hives').getByRole('button', { name: 'Saved' }).isVisible()).toBe(true);

    // Not now: the card goes, the toast (read out politely) offers Undo, and Undo brings it back.
    await cardOf(page, 'Cy Climber').getByRole('button', { name: 'Not now' }).click();
    await poll(() => cardNames(page)).toEqual(['Bea Hives', 'Dee Cook']);
    const toast = page.locator('.toast', { hasText: 'Not now: Cy Climber' });
    await poll(() => toast.isVisible()).toBe(true);
    expect(await page.locator('.toasts').getAttribute('aria-live')).toBe('polite');
    // Focus moved to the card that took its place.
    await poll(() => page.evaluate(() => document.activeElement?.querySelector('.suggestion-name')?.textContent)).toBe('Dee Cook');
    await shoot(page, 'phone', 'people-to-meet-undo', { toasts: true, fullPage: false });
    await poll(async () => (await call(t.app, vera, 'GET', `/api/events/${eventId}/people-to-meet`)).body.total).toBe(2);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await poll(() => cardNames(page)).toEqual(['Bea Hives', 'Cy Climber', 'Dee Cook']);
    await poll(async () => (await call(t.app, vera, 'GET', `/api/events/${eventId}/people-to-meet`)).body.total).toBe(3);
    await page.reload();
    await poll(() => cardNames(page)).toEqual(['Bea Hives', 'Cy Climber', 'Dee Cook']);

    // Block, from the "…" menu, after a dialog that says what it does.
    const deeCard = cardOf(page, 'Dee Cook');
    await deeCard.getByRole('button', { name: 'More for Dee Cook' }).click();
    await poll(() => deeCard.getByRole('button', { name: 'More for Dee Cook' }).getAttribute('aria-expanded')).toBe('true');
    // The menu takes focus; Escape closes it and gives focus back to its button.
    await poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('View profile');
    await deeCard.screenshot({ path: path.join(SHOTS, 'phone-people-to-meet-menu.png') });
    await page.keyboard.press('Escape');
    await poll(() => deeCard.getByRole('button', { name: 'More for Dee Cook' }).getAttribute('aria-expanded')).toBe('false');
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('More for Dee Cook');
    await deeCard.getByRole('button', { name: 'More for Dee Cook' }).click();
    await deeCard.getByRole('button', { name: 'Block Dee…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Block Dee Cook?' });
    await poll(() => dialog.textContent()).toMatch(/Dee won’t be told\. Neither of you will be suggested to the other again/);
    await shoot(page, 'phone', 'people-to-meet-block', { fullPage: false });
    await dialog.getByRole('button', { name: 'Block Dee' }).click();
    await poll(() => cardNames(page)).toEqual(['Bea Hives', 'Cy Climber']);
    await page.reload();
    await poll(() => cardNames(page)).toEqual(['Bea Hives', 'Cy Climber']);
    // Dee's own suggestions no longer include Vera either.
    const deeSees = (await call(t.app, dee, 'GET', `/api/events/${eventId}/people-to-meet`)).body.people.map((p: { userId: string }) => p.userId);
    expect(deeSees).not.toContain(vera.id);

    // Desktop: the same page, with its side column.
    const wide = await pageAs(vera, 'desktop');
    await wide.goto(`/e/${eventId}/people-to-meet`);
    await poll(() => cardNames(wide)).toEqual(['Bea Hives', 'Cy Climber']);
    await shoot(wide, 'desktop', 'people-to-meet');
    await wide.emulateMedia({ colorScheme: 'dark' });
    // Past the colour transitions.
    await wide.waitForTimeout(300);
    await shoot(wide, 'desktop', 'people-to-meet-dark');

    // Unblocking lives on the Account page.
    await page.goto('/me/account');
    const blocked = page.getByRole('list', { name: 'Blocked people' });
    await poll(() => blocked.getByText('Dee Cook').isVisible()).toBe(true);
    await shoot(page, 'phone', 'account-blocked');
    await blocked.getByRole('button', { name: 'Unblock Dee Cook' }).click();
    await poll(() => page.getByText('You haven’t blocked anyone.').isVisible()).toBe(true);
    await page.goto(`/e/${eventId}/people-to-meet`);
    await poll(() => cardNames(page)).toEqual(['Bea Hives', 'Cy Climber', 'Dee Cook']);

    // "Suggest me to others" is my membership's suggestMe.
    const suggestMe = page.getByLabel('Suggest me to others');
    expect(await suggestMe.isChecked()).toBe(true);
    await suggestMe.uncheck();
    await poll(async () => (await call(t.app, vera, 'GET', `/api/events/${eventId}/me`)).body.suggestMe).toBe(false);
    await poll(async () => (await call(t.app, bea, 'GET', `/api/events/${eventId}/people-to-meet`)).body.people.map((p: { userId: string }) => p.userId)).not.toContain(vera.id);
    await suggestMe.check();
    await poll(async () => (await call(t.app, vera, 'GET', `/api/events/${eventId}/me`)).body.suggestMe).toBe(true);

    // Someone saved stays on the Saved list after "Not now" takes them off the suggestions.
    await cardOf(page, 'Bea Hives').getByRole('button', { name: 'Not now' }).click();
    await poll(() => cardNames(page)).toEqual(['Cy Climber', 'Dee Cook']);
    await savedTab(page, 1).click();
    await poll(() => savedNames(page)).toEqual(['Bea Hives']);

    // Someone with an empty profile is asked, kindly, for a few interests.
    const empty = await pageAs(eli, 'phone');
    await empty.goto(`/e/${eventId}/people-to-meet`);
    await poll(() => empty.getByText('Add a few interests and what you’re looking for, and we’ll suggest people.').isVisible()).toBe(true);
    await poll(() => empty.getByRole('link', { name: 'Add your interests' }).getAttribute('href')).toBe('/me/profile');
    await shoot(empty, 'phone', 'people-to-meet-profile-incomplete');

    // Someone with nothing in common with anyone is told why, kindly.
    const olgaPage = await pageAs(olga, 'phone');
    await call(t.app, olga, 'PUT', '/api/me/profile', {
      displayName: 'Olga Organizer', headline: 'Hosts the Lisbon makers meetup', bio: '', interests: ['Opera'], offers: [], seeking: [], questions: [], contact: { email: '', phone: '', links: [] },
    });
    await olgaPage.goto(`/e/${eventId}/people-to-meet`);
    await poll(() => olgaPage.getByText('No one to suggest yet').isVisible()).toBe(true);
    await shoot(olgaPage, 'phone', 'people-to-meet-empty');

    // With the directory off, the server says so and attendees are told why; organizers still see people.
    expect((await call(t.app, olga, 'PATCH', `/api/events/${eventId}`, { settings: { attendeeDirectory: false } })).status).toBe(200);
    await page.goto(`/e/${eventId}/people-to-meet`);
    await poll(() => page.getByText('Suggestions are off for this event').isVisible()).toBe(true);
    expect(await page.locator('.suggestion').count()).toBe(0);
    expect(await page.getByRole('link', { name: /^Saved/ }).count()).toBe(0);
    await shoot(page, 'phone', 'people-to-meet-hidden');
    await olgaPage.reload();
    await poll(() => olgaPage.getByText('No one to suggest yet').isVisible()).toBe(true);
    expect(await olgaPage.getByText('Suggestions are off for this event').count()).toBe(0);
    await poll(() => savedTab(olgaPage, 0).isVisible()).toBe(true);
    expect((await call(t.app, olga, 'PATCH', `/api/events/${eventId}`, { settings: { attendeeDirectory: true } })).status).toBe(200);

    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('pages through a demo event with "Show more"', async () => {
    const viewer = await person('Noor Haddad', {
      headline: 'Backend developer who bakes bread on weekends',
      interests: ['Rust', 'PostgreSQL', 'Bouldering', 'Baking', 'Fermentation', 'Birdwatching'],
      offers: ['Happy to review Rust code or pair on a side project'],
      seeking: ['Looking for a mentor in data visualization'],
      questions: ['What are you learning at the moment?'],
    });
    const host = await createPerson(t, 'Demo Host');
    const demo = await createDemoEvent(server.ctx, { attendees: 150, seed: 42, organizer: { email: host.email, mustExist: true } });
    const invite = (await call(t.app, host, 'POST', `/api/events/${demo.eventId}/invites`, {})).body.token as string;
    expect((await call(t.app, viewer, 'POST', `/api/invites/${invite}/accept`)).status).toBe(200);
    expect((await call(t.app, viewer, 'PATCH', `/api/events/${demo.eventId}/me`, { hereFor: 'Finding people to bake and climb with' })).status).toBe(200);

    for (const size of ['phone', 'desktop'] as const) {
      const page = await pageAs(viewer, size);
      await page.goto(`/e/${demo.eventId}/people-to-meet`);
      await poll(async () => (await cardNames(page)).length).toBe(10);
      await shoot(page, size, 'people-to-meet-demo');
      if (size === 'phone') {
        // "Not now" to two people on the first page, one of them its last: "Show more" still
        // continues right after the last person shown, skipping no one.
        const firstPage = await cardNames(page);
        for (const name of [firstPage[2]!, firstPage[9]!]) {
          await cardOf(page, name).getByRole('button', { name: 'Not now' }).click();
          await poll(() => cardNames(page)).not.toContain(name);
        }
        await poll(async () => (await call(t.app, viewer, 'GET', `/api/events/${demo.eventId}/people-to-meet`)).body.total).toBeLessThan(100);
        await page.getByRole('button', { name: /^Show more/ }).click();
        await poll(async () => (await cardNames(page)).length).toBe(18);
        const names = await cardNames(page);
        expect(new Set(names).size).toBe(names.length);
        const everyone = (await call(t.app, viewer, 'GET', `/api/events/${demo.eventId}/people-to-meet?limit=50`)).body.people;
        expect(names).toEqual(everyone.slice(0, 18).map((p: { displayName: string }) => p.displayName));
      }
    }
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});

if (!hasChromium && !process.env.CI) {
  describe('people to meet in Chromium', () => {
    it.skip('skipped: browser tests — /usr/bin/chromium not found', () => {});
  });
}
