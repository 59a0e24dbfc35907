// People to meet in Chromium, against a real server on an in-memory database: the cards, their
// why and openers, save and the Saved list, "not now" with undo, block (and unblock on the Account
// page), the empty states, the directory turned off, and paging the demo event after removals,
// with screenshots at phone and desktop size.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDemoEvent } from '../../src/server/demo/demo.service.js';
import type { RunningServer } from '../../src/server/server.js';
import { hasChromium, SHOTS, SIZES, startBrowserAndServer, type Size } from '../support/browser.js';
import { call, eventWith, type Person, type TestApp } from '../support/app.js';
import { createPerson } from '../support/people.js';

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 100 });

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
    // A toast that just came is still fading in; show it as it settles.
    animations: 'disabled',
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
  /** The save toggle: one name with the person in it, aria-pressed for its state, a short visible label. */
  const saveOf = (page: Page, name: string) => cardOf(page, name).getByRole('button', { name: `Save ${name} for later`, exact: true });
  const saveState = async (page: Page, name: string) => {
    const button = saveOf(page, name);
    return `${await button.getAttribute('aria-pressed')} ${(await button.textContent())?.trim()}`;
  };
  const notNowOf = (page: Page, name: string) => cardOf(page, name).getByRole('button', { name: `Not now: ${name}`, exact: true });
  /** What has focus: a button's name, or the name on the card that holds it. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement;
      const card = el?.closest('.suggestion');
      if (card === el) return `card ${card?.querySelector('.suggestion-name')?.textContent}`;
      const toast = el?.closest('.toast');
      const name = el?.getAttribute('aria-label') ?? el?.textContent?.trim();
      return toast ? `${name} in “${toast.querySelector('.toast-message')?.textContent}”` : name;
    });
  const savedNames = (page: Page) => page.getByRole('list', { name: 'Saved people' }).locator('.saved-name').allTextContents();
  const savedTab = (page: Page, count: number) =>
    page.getByRole('link', { name: `Saved, ${count} ${count === 1 ? 'person' : 'people'}`, exact: true });

  beforeAll(async () => {
    ({ server, browser } = await startBrowserAndServer());
    t = { app: server.app, ctx: server.ctx } as TestApp;
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

    // Save for later toggles (aria-pressed), and is remembered.
    expect(await saveState(page, 'Bea Hives')).toBe('false Save for later');
    await saveOf(page, 'Bea Hives').click();
    await poll(() => saveState(page, 'Bea Hives')).toBe('true Saved');
    await page.reload();
    await poll(() => saveState(page, 'Bea Hives')).toBe('true Saved');
    await saveOf(page, 'Bea Hives').click();
    await poll(() => saveState(page, 'Bea Hives')).toBe('false Save for later');
    await poll(async () => (await call(t.app, vera, 'GET', `/api/events/${eventId}/people-to-meet`)).body.people[0].saved).toBe(false);
    await saveOf(page, 'Bea Hives').click();
    await poll(() => saveState(page, 'Bea Hives')).toBe('true Saved');

    // The Saved tab counts saved people and lists them, newest first, following saves on the cards.
    await poll(() => savedTab(page, 1).isVisible()).toBe(true);
    await saveOf(page, 'Cy Climber').click();
    await poll(() => savedTab(page, 2).isVisible()).toBe(true);
    await savedTab(page, 2).click();
    await page.waitForURL(`**/e/${eventId}/people-to-meet?view=saved`);
    await poll(() => savedNames(page)).toEqual(['Cy Climber', 'Bea Hives']);
    await poll(() => page.getByRole('list', { name: 'Saved people' }).getByText('Keeps six hives on a rooftop in Alfama').isVisible()).toBe(true);
    expect(await page.locator('.suggestion').count()).toBe(0);
    await shoot(page, 'phone', 'people-to-meet-saved');
    // Unsave from the list: the row goes (Undo brings it back), and so does the mark on the card.
    // Focus goes to the Undo; Tab past the toast leads back to the next row.
    await page.getByRole('button', { name: 'Unsave Cy Climber' }).click();
    await poll(() => savedNames(page)).toEqual(['Bea Hives']);
    await poll(() => savedTab(page, 1).isVisible()).toBe(true);
    await poll(() => focused(page)).toBe('Undo in “Cy Climber is no longer saved.”');
    await page.keyboard.press('Tab');
    await poll(() => focused(page)).toBe('Dismiss in “Cy Climber is no longer saved.”');
    await page.keyboard.press('Tab');
    await poll(() => focused(page)).toBe('Unsave Bea Hives');
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
    await poll(() => saveState(page, 'Cy Climber')).toBe('false Save for later');
    await poll(() => saveState(page, 'Bea Hives')).toBe('true Saved');

    // Not now: the card goes, the toast (read out politely) offers Undo, and Undo brings it back.
    // The buttons say whom they are for; what shows stays short.
    expect(await notNowOf(page, 'Cy Climber').textContent()).toBe('Not now');
    await notNowOf(page, 'Cy Climber').click();
    await poll(() => cardNames(page)).toEqual(['Bea Hives', 'Dee Cook']);
    const toast = page.locator('.toast', { hasText: 'Not now: Cy Climber' });
    await poll(() => toast.isVisible()).toBe(true);
    expect(await page.locator('.toasts').getAttribute('aria-live')).toBe('polite');
    // Focus moved to the Undo, one key away, described by the message.
    await poll(() => focused(page)).toBe('Undo in “Not now: Cy Climber won’t be suggested here.”');
    expect(await page.evaluate(() => document.getElementById(document.activeElement?.getAttribute('aria-describedby') ?? '')?.textContent)).toBe(
      'Not now: Cy Climber won’t be suggested here.',
    );
    await shoot(page, 'phone', 'people-to-meet-undo', { toasts: true, fullPage: false });
    await poll(async () => (await call(t.app, vera, 'GET', `/api/events/${eventId}/people-to-meet`)).body.total).toBe(2);
    // Enter on it: the card is back in its place, with focus.
    await page.keyboard.press('Enter');
    await poll(() => cardNames(page)).toEqual(['Bea Hives', 'Cy Climber', 'Dee Cook']);
    await poll(() => focused(page)).toBe('card Cy Climber');
    await poll(() => toast.count()).toBe(0);
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
    // A click while it saves is ignored (see below): wait until it is done.
    await poll(() => suggestMe.getAttribute('aria-busy')).toBe(null);
    await suggestMe.check();
    await poll(async () => (await call(t.app, vera, 'GET', `/api/events/${eventId}/me`)).body.suggestMe).toBe(true);

    // Someone saved stays on the Saved list after "Not now" takes them off the suggestions.
    await notNowOf(page, 'Bea Hives').click();
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

  it('keeps Undo in reach: focus on it, timers that wait for hover and focus, three Undos at once, a failed Undo that says so', async () => {
    const una = await person('Una Undo', { interests: ['Pottery', 'Kayaking', 'Chess'] });
    const others = ['Ada Arnold', 'Ben Brooks', 'Cal Cruz', 'Dot Diaz', 'Eve Evans', 'Fay Flores', 'Gus Green'];
    const people = [];
    for (const name of others) people.push(await person(name, { interests: ['Pottery'] }));
    const host = await person('Hal Host', {});
    const { event } = await eventWith(t.app, host, [una, ...people]);
    const eventId = event.id;

    const page = await pageAs(una, 'phone');
    // Toasts wait on timers: the page's clock is moved on by hand below (it runs as usual meanwhile).
    await page.clock.install();
    await page.goto(`/e/${eventId}/people-to-meet`);
    await poll(async () => (await cardNames(page)).length).toBe(7);
    const toastOf = (name: string) => page.locator('.toast', { hasText: `Not now: ${name}` });
    const dismissedNow = async () => {
      const body = (await call(t.app, una, 'GET', `/api/events/${eventId}/people-to-meet`)).body;
      return body.people.map((p: { displayName: string }) => p.displayName);
    };

    // "Not now": focus goes to the toast's Undo, and the toast stays while it holds focus.
    const [first, second, third] = await cardNames(page);
    await notNowOf(page, first!).click();
    await poll(() => focused(page)).toBe(`Undo in “Not now: ${first} won’t be suggested here.”`);
    await page.clock.fastForward(60_000);
    expect(await toastOf(first!).isVisible()).toBe(true);
    // Escape closes it, and focus goes to the card that took the place of the one that left.
    await page.keyboard.press('Escape');
    await poll(() => toastOf(first!).count()).toBe(0);
    await poll(() => focused(page)).toBe(`card ${second}`);

    // Tab past the toast goes back to the list too; the toast then stays more than 10 seconds.
    await notNowOf(page, second!).click();
    // (The pointer, left where the button was, may be over the toast now: away with it.)
    await page.mouse.move(195, 150);
    await poll(() => focused(page)).toBe(`Undo in “Not now: ${second} won’t be suggested here.”`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await poll(() => focused(page)).toBe(`card ${third}`);
    await page.clock.fastForward(10_000);
    expect(await toastOf(second!).isVisible()).toBe(true);
    await page.clock.fastForward(6_000);
    await poll(() => toastOf(second!).count()).toBe(0);

    // A toast under the pointer stays, and goes a while after the pointer leaves.
    await notNowOf(page, third!).click();
    await poll(() => focused(page)).toBe(`Undo in “Not now: ${third} won’t be suggested here.”`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await poll(() => focused(page)).toMatch(/^card /);
    await toastOf(third!).locator('.toast-message').hover();
    await page.clock.fastForward(60_000);
    expect(await toastOf(third!).isVisible()).toBe(true);
    await page.mouse.move(195, 150);
    await page.clock.fastForward(16_000);
    await poll(() => toastOf(third!).count()).toBe(0);
    expect(await dismissedNow()).not.toContain(third);

    // Three "Not now" in a row: all three Undos stay.
    const shown = await cardNames(page);
    const rest = shown.slice(0, 3);
    const left = shown[3];
    expect(rest).toHaveLength(3);
    for (const name of rest) await notNowOf(page, name).click();
    await poll(() => cardNames(page)).toEqual([left]);
    await poll(() => page.locator('.toasts').getByRole('button', { name: 'Undo' }).count()).toBe(3);
    for (const name of rest) expect(await toastOf(name).isVisible()).toBe(true);
    await shoot(page, 'phone', 'people-to-meet-three-undos', { toasts: true, fullPage: false });

    // An Undo the server refuses: the card stays away (the server still has them set aside), and an error says so.
    await page.route(
      (url) => url.pathname.includes('/people-to-meet/dismissed/'),
      (route) =>
        route.request().method() === 'DELETE'
          ? route.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Error', status: 500, detail: 'The server had a problem.' }) })
          : route.fallback(),
    );
    await toastOf(rest[0]!).getByRole('button', { name: 'Undo' }).click();
    await poll(() => page.locator('.toast-error .toast-message').textContent()).toBe(`${rest[0]} could not be brought back. The server had a problem.`);
    expect(await cardNames(page)).toEqual([left]);
    expect(await dismissedNow()).toEqual([left]);
    await page.unrouteAll();
    // The next Undo goes through: the card is back in its place, with focus.
    await toastOf(rest[1]!).getByRole('button', { name: 'Undo' }).click();
    await poll(() => cardNames(page)).toEqual([rest[1], left]);
    await poll(() => focused(page)).toBe(`card ${rest[1]}`);
    await poll(async () => (await dismissedNow()).sort()).toEqual([rest[1], left].sort());

    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('fits the "…" menu on a phone with a long name; names, states and touch targets for assistive tech; Suggest me keeps focus', async () => {
    const longFirst = 'Maximilianbartholomewfitzgeraldalexanderjohnathans';
    expect(longFirst).toHaveLength(50);
    const interests = ['Rowing', 'Sourdough', 'Jazz', 'Origami', 'Astronomy', 'Tango'];
    const ivy = await person('Ivy Inclusive', { interests });
    const long = await person(`${longFirst} Long`, { headline: 'Has a long first name', interests });
    const host = await person('Hugo Host', {});
    const { event } = await eventWith(t.app, host, [ivy, long]);
    const eventId = event.id;

    const page = await pageAs(ivy, 'phone');
    await page.goto(`/e/${eventId}/people-to-meet`);
    const name = `${longFirst} Long`;
    const card = cardOf(page, name);
    await poll(() => card.isVisible()).toBe(true);

    // The menu opens within the screen, its long "Block …" item wrapped inside it.
    const more = card.getByRole('button', { name: `More for ${name}` });
    await more.click();
    const block = card.getByRole('button', { name: `Block ${longFirst}…` });
    await poll(() => block.isVisible()).toBe(true);
    const boxes = await card.evaluate((el) =>
      [el.querySelector('.more-panel'), ...el.querySelectorAll('.more-item')].map((node) => {
        const box = node!.getBoundingClientRect();
        return { left: box.left, right: box.right };
      }),
    );
    for (const box of boxes) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(390);
    }
    await card.screenshot({ path: path.join(SHOTS, 'phone-people-to-meet-menu-long-name.png') });
    await page.keyboard.press('Escape');

    // Each card's buttons name the person; the save toggle says whether it is on.
    expect(await saveState(page, name)).toBe('false Save for later');
    await poll(() => notNowOf(page, name).isVisible()).toBe(true);

    // Touch targets: every button on a card, "+2 more" included, is at least 44px each way.
    await poll(() => card.getByRole('button', { name: `Show 2 more things in common with ${name}` }).isVisible()).toBe(true);
    const small = await card.evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>('button')]
        .filter((button) => button.offsetParent !== null)
        .map((button) => ({ name: button.getAttribute('aria-label') ?? button.textContent, box: button.getBoundingClientRect() }))
        .filter(({ box }) => box.height < 44 || box.width < 44)
        .map(({ name: label, box }) => `${label}: ${box.width}×${box.height}`),
    );
    expect(small).toEqual([]);
    await shoot(page, 'phone', 'people-to-meet-long-name');

    // "Suggest me to others" stays enabled (and focused) while it saves; a second click meanwhile does nothing.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let patches = 0;
    await page.route('**/api/events/*/me', async (route) => {
      if (route.request().method() !== 'PATCH') return route.fallback();
      patches += 1;
      await held;
      await route.fallback();
    });
    const suggestMe = page.getByLabel('Suggest me to others');
    await suggestMe.click();
    await poll(() => suggestMe.getAttribute('aria-busy')).toBe('true');
    expect(await suggestMe.isEnabled()).toBe(true);
    expect(await suggestMe.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await suggestMe.isChecked()).toBe(false);
    await suggestMe.click();
    expect(await suggestMe.isChecked()).toBe(false);
    release();
    await poll(() => suggestMe.getAttribute('aria-busy')).toBe(null);
    expect(patches).toBe(1);
    expect(await suggestMe.isChecked()).toBe(false);
    expect(await suggestMe.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await call(t.app, ivy, 'GET', `/api/events/${eventId}/me`)).body.suggestMe).toBe(false);
    await page.unrouteAll();

    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('after a block, no event shows the person, nor its preview; the preview says when it did not load', async () => {
    const wren = await person('Wren Wanderer', { interests: ['Sailing', 'Knitting'] });
    const xia = await person('Xia Xu', { interests: ['Sailing', 'Knitting'] });
    const yan = await person('Yan Yu', { interests: ['Sailing'] });
    const host = await person('Hana Host', {});
    const { event: one } = await eventWith(t.app, host, [wren, xia, yan]);
    const { event: two } = await eventWith(t.app, host, [wren, xia, yan]);
    const nameOf = async (eventId: string) => (await call(t.app, host, 'GET', `/api/events/${eventId}`)).body.name as string;
    const [oneName, twoName] = [await nameOf(one.id), await nameOf(two.id)];

    const page = await pageAs(wren, 'phone');
    // The preview that did not load says so, and offers to try again (rather than "No suggestions yet").
    const previewOfTwo = (url: URL) => url.pathname === `/api/events/${two.id}/people-to-meet` && url.searchParams.get('limit') === '3';
    await page.route(previewOfTwo, (route) =>
      route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Unavailable', status: 503, detail: 'The server is busy.' }) }),
    );
    await page.goto(`/e/${two.id}`);
    const preview = page.getByRole('region', { name: 'People to meet' });
    await poll(() => preview.getByText('Suggestions did not load').isVisible()).toBe(true);
    expect(await preview.getByText(/No suggestions yet/).count()).toBe(0);
    await shoot(page, 'phone', 'event-preview-error');
    await page.unroute(previewOfTwo);
    await preview.getByRole('button', { name: 'Try again' }).click();
    await poll(() => preview.getByText('2 people here share something with you').isVisible()).toBe(true);
    expect(await preview.getByText('Xia Xu').isVisible()).toBe(true);

    // Both lists are read in this one visit (no reloads below, so the cache is what shows).
    await preview.getByRole('link', { name: 'See people to meet' }).click();
    await poll(() => cardNames(page)).toEqual(['Xia Xu', 'Yan Yu']);
    const toEvent = async (name: string) => {
      await page.getByRole('link', { name: 'Common Ground' }).click();
      await page.locator('a.event-card', { hasText: name }).click();
      await poll(() => page.getByRole('heading', { name, level: 1 }).isVisible()).toBe(true);
    };
    await toEvent(oneName);
    await preview.getByRole('link', { name: 'See people to meet' }).click();
    await poll(() => cardNames(page)).toEqual(['Xia Xu', 'Yan Yu']);
    await cardOf(page, 'Xia Xu').getByRole('button', { name: 'More for Xia Xu' }).click();
    await cardOf(page, 'Xia Xu').getByRole('button', { name: 'Block Xia…' }).click();
    await page.getByRole('dialog', { name: 'Block Xia Xu?' }).getByRole('button', { name: 'Block Xia' }).click();
    await poll(() => cardNames(page)).toEqual(['Yan Yu']);

    // The other event, from the cache: Xia is gone from its preview and its list from the first frame.
    await toEvent(twoName);
    await poll(() => preview.locator('.preview-first').isVisible()).toBe(true);
    expect(await preview.textContent()).not.toContain('Xia');
    await preview.getByRole('link', { name: 'See people to meet' }).click();
    await poll(async () => (await cardNames(page)).length).toBeGreaterThan(0);
    expect(await cardNames(page)).toEqual(['Yan Yu']);

    // Unblocked on the Account page, Xia is back everywhere.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('list', { name: 'Blocked people' }).getByRole('button', { name: 'Unblock Xia Xu' }).click();
    await poll(() => page.getByText('You haven’t blocked anyone.').isVisible()).toBe(true);
    await toEvent(twoName);
    await poll(() => preview.getByText('Xia Xu').isVisible()).toBe(true);
    await preview.getByRole('link', { name: 'See people to meet' }).click();
    await poll(() => cardNames(page)).toEqual(['Xia Xu', 'Yan Yu']);

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
          await notNowOf(page, name).click();
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
