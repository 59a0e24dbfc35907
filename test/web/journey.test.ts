// Whole journeys through the built web app in Chromium, against a real server on an in-memory
// database: at phone size and at desktop size, with screenshots of every main page.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/server.js';
import { hasChromium, SHOTS, SIZES, startBrowserAndServer, type Size } from '../support/browser.js';

const PASSWORD = 'a long enough password';

/** Waits for what the page shows; generous, because password hashing makes sign-ups slow on a busy machine. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 100 });
if (!hasChromium && !process.env.CI) {
  console.warn('\n*** skipped: browser tests — /usr/bin/chromium not found ***\n');
}

async function shoot(page: Page, size: Size, name: string) {
  // Let late layout (fonts, QR images, toasts) settle; then the page must not scroll sideways.
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${size}-${name} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  // Placeholders are read whole, not cut off at the edge of their field: typed in, would they scroll?
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>('input[placeholder]')]
      .filter((input) => input.offsetParent !== null && input.placeholder)
      .filter((input) => {
        const value = input.value;
        input.value = input.placeholder;
        const scrolls = input.scrollWidth > input.clientWidth;
        input.value = value;
        return scrolls;
      })
      .map((input) => input.placeholder),
  );
  expect(cut, `${size}-${name} cuts off placeholders`).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
  // Toasts come and go; hidden so they do not cover what the screenshot is for.
  await page.screenshot({ path: path.join(SHOTS, `${size}-${name}.png`), fullPage: true, style: '.toasts { display: none !important; }' });
}

/** On phones the site menu sits behind the Menu button. */
async function openMenu(page: Page, size: Size) {
  if (size === 'phone') {
    await page.getByRole('button', { name: 'Menu' }).click();
    await poll(() => page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')).toBe('true');
  }
}

describe.runIf(hasChromium || Boolean(process.env.CI))('web app in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  // Our own console errors. The browser's network log of a failed request ("Failed to load resource",
  // as for the 401 of /api/me when signed out) is not ours and is left out.
  const consoleErrors: string[] = [];

  async function newPage(size: Size): Promise<Page> {
    const context = await browser.newContext({ ...SIZES[size], baseURL: server.url, locale: 'en-US', timezoneId: 'America/New_York' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    return page;
  }

  beforeAll(async () => {
    ({ server, browser } = await startBrowserAndServer());
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('first run: the one-time link creates the admin account', async () => {
    expect(server.setupLink).toBeDefined();
    const link = new URL(server.setupLink!);

    // Before set-up, nobody can sign up: the web app says so instead of offering a form the server refuses.
    const early = await newPage('desktop');
    await early.goto('/sign-up');
    await poll(() => early.getByText('This server is being set up').isVisible()).toBe(true);
    expect(await early.getByRole('button', { name: 'Create account' }).count()).toBe(0);
    expect(await early.locator('#site-menu a[href^="/sign-up"]').count()).toBe(0);
    await shoot(early, 'desktop', 'sign-up-before-setup');
    await early.goto('/');
    await poll(() => early.getByText('This server is being set up').isVisible()).toBe(true);
    expect(await early.getByRole('link', { name: 'Create an account' }).count()).toBe(0);
    await shoot(early, 'desktop', 'landing-before-setup');
    for (const size of ['desktop', 'phone'] as const) {
      const page = await newPage(size);
      await page.goto(`/setup${link.hash}`);
      await poll(() => page.getByRole('heading', { name: 'Set up Common Ground' }).isVisible()).toBe(true);
      expect(await page.locator('a[href^="/sign-up"]').count()).toBe(0);
      await shoot(page, size, 'setup');
      if (size === 'phone') {
        await page.getByLabel('Your name').fill('Ada Admin');
        await page.getByLabel('Email').fill('admin@example.org');
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Create the admin account' }).click();
        await page.waitForURL(`${server.url}/`);
        await poll(() => page.getByRole('heading', { name: 'Hello, Ada' }).isVisible()).toBe(true);
        await openMenu(page, size);
        await page.getByRole('link', { name: 'Account' }).click();
        await poll(() => page.getByText('server admin').isVisible()).toBe(true);
        // The set-up link again, signed in: done, and the way to the events.
        await page.goto(`/setup${link.hash}`);
        await poll(() => page.getByRole('heading', { name: 'This server is set up' }).isVisible()).toBe(true);
        expect(await page.getByRole('link', { name: 'Sign up' }).count()).toBe(0);
        await shoot(page, size, 'setup-done');
        await page.getByRole('link', { name: 'Go to my events' }).click();
        await poll(() => page.getByRole('heading', { name: 'Hello, Ada' }).isVisible()).toBe(true);
      }
    }
  }, 60_000);

  for (const size of ['phone', 'desktop'] as const) {
    it(`organizer and attendee find common ground (${size})`, async () => {
      const organizerEmail = `ana.${size}@example.org`;
      const attendeeEmail = `bo.${size}@example.org`;
      const eventName = `Rust & Coffee ${size}`;

      // Signed out: the landing says what this is.
      const org = await newPage(size);
      await org.goto('/');
      await poll(() => org.getByRole('heading', { level: 1 }).textContent()).toBe('Meet the people in the room. Start with what you share.');
      await shoot(org, size, 'landing');

      // The organizer signs up.
      await org.getByRole('link', { name: 'Create an account' }).click();
      await org.waitForURL('**/sign-up');
      await shoot(org, size, 'sign-up');
      await org.getByLabel('Your name').fill('Ana Organizer');
      await org.getByLabel('Email').fill(organizerEmail);
      await org.getByLabel('Password').fill(PASSWORD);
      await org.getByRole('button', { name: 'Create account' }).click();
      await org.waitForURL(`${server.url}/`);
      await poll(() => org.getByRole('heading', { name: 'Hello, Ana' }).isVisible()).toBe(true);
      await poll(() => org.getByText('No events yet').isVisible()).toBe(true);
      await shoot(org, size, 'home-empty');

      // …fills in a profile, so there is something to share…
      await org.goto('/me/profile');
      await org.getByLabel('Headline').fill('Organizes the Rust & Coffee mornings');
      const orgInterests = org.getByLabel('Interests', { exact: true });
      for (const interest of ['Rust', 'JavaScript', 'Climbing']) {
        await orgInterests.fill(interest);
        await orgInterests.press('Enter');
      }
      await org.getByLabel('Question 1', { exact: true }).fill('What are you building right now');
      await org.getByRole('button', { name: 'Save profile' }).click();
      await poll(() => org.getByText('Saved', { exact: true }).isVisible()).toBe(true);
      // The server made it a question.
      await poll(() => org.getByLabel('Question 1', { exact: true }).inputValue()).toBe('What are you building right now?');

      // …and creates an event, in Berlin time.
      await org.goto('/');
      await org.getByRole('link', { name: 'Create an event' }).first().click();
      await org.waitForURL('**/events/new');
      await org.getByLabel('Event name').fill(eventName);
      await org.getByLabel('Time zone').selectOption('Europe/Berlin');
      await org.getByLabel('Starts').fill('2030-05-14T18:00');
      await org.getByLabel('Ends').fill('2030-05-14T21:00');
      await org.getByLabel('Venue').fill('Café Kranzler, Berlin');
      await org.getByLabel('Description').fill('Coffee, code and conversation. Bring a question, not a pitch.');
      await shoot(org, size, 'new-event');
      await org.getByRole('button', { name: 'Create event' }).click();
      await org.waitForURL(/\/e\/[0-9a-f-]{36}\?tab=invite$/);
      const eventId = new URL(org.url()).pathname.split('/')[2]!;
      const created = await (await org.request.get(`/api/events/${eventId}`)).json();
      expect(created.startsAt).toBe('2030-05-14T16:00:00.000Z');
      expect(created.timeZone).toBe('Europe/Berlin');
      // Shown on the event's clocks, although this browser is in New York.
      await poll(() => org.locator('.event-when').textContent()).toMatch(/May 14, 2030.*6:00.*9:00\sPM/);

      // An invite link with its QR code.
      await org.getByRole('button', { name: 'Create invite link' }).click();
      const linkInput = org.getByRole('textbox', { name: 'Invite link' });
      await poll(() => linkInput.inputValue()).toMatch(new RegExp(`^${server.url}/join/`));
      const inviteUrl = await linkInput.inputValue();
      await poll(() => org.getByRole('img', { name: /QR code of the invite link/ }).isVisible()).toBe(true);
      // This server listens on 127.0.0.1: phones could not open the link, and the page says so.
      await poll(() => org.getByText('Phones cannot open this link').isVisible()).toBe(true);
      await poll(() => org.getByText(/HOST=0\.0\.0\.0 PUBLIC_URL=http:\/\//).isVisible()).toBe(true);
      // Toasts can be closed.
      const toast = org.locator('.toast', { hasText: 'Invite link created' });
      await poll(() => toast.isVisible()).toBe(true);
      await toast.getByRole('button', { name: 'Dismiss' }).click();
      await poll(() => toast.count()).toBe(0);
      await shoot(org, size, 'invite');

      // The attendee opens the link, signed out.
      const bo = await newPage(size);
      await bo.goto(inviteUrl);
      await poll(() => bo.getByRole('heading', { name: eventName }).isVisible()).toBe(true);
      await shoot(bo, size, 'join-signed-out');
      await bo.getByRole('link', { name: 'Sign up to join' }).click();
      await bo.waitForURL(/\/sign-up\?next=/);
      // The menu's Sign in keeps the way back to the invitation.
      expect(await bo.locator('#site-menu a', { hasText: 'Sign in' }).getAttribute('href')).toBe(`/sign-in?next=${encodeURIComponent(new URL(inviteUrl).pathname)}`);
      await bo.getByLabel('Your name').fill('Bo Attendee');
      await bo.getByLabel('Email').fill(attendeeEmail);
      await bo.getByLabel('Password').fill(PASSWORD);
      await bo.getByRole('button', { name: 'Create account' }).click();
      // Back on the invitation, now able to join.
      await bo.waitForURL(inviteUrl);
      await poll(() => bo.getByRole('button', { name: `Join ${eventName}` }).isVisible()).toBe(true);
      await shoot(bo, size, 'join-signed-in');
      await bo.getByRole('button', { name: `Join ${eventName}` }).click();
      await bo.waitForURL(`${server.url}/e/${eventId}`);
      await poll(() => bo.getByRole('heading', { name: 'You at this event' }).isVisible()).toBe(true);

      // The attendee's profile: "JS" becomes "JavaScript"; a suggestion from the event is one tap.
      await openMenu(bo, size);
      if (size === 'phone') await bo.screenshot({ path: path.join(SHOTS, `${size}-menu.png`) });
      await bo.getByRole('link', { name: 'Profile' }).click();
      await bo.waitForURL('**/me/profile');
      await bo.getByLabel('Headline').fill('Backend developer, new in town');
      await bo.getByLabel('Bio').fill('I moved to Berlin last month and I am looking for people to build small things with.');
      const interests = bo.getByLabel('Interests', { exact: true });
      await interests.fill('JS');
      await interests.press('Enter');
      await interests.pressSequentially('Board games,');
      await bo.getByRole('button', { name: 'Add Rust' }).click();
      await poll(() => bo.getByRole('button', { name: 'Remove Rust' }).isVisible()).toBe(true);
      await bo.getByLabel('Offer 1', { exact: true }).fill('Code review for Go and Rust');
      await bo.getByLabel('Need 1', { exact: true }).fill('A climbing partner');
      await bo.getByLabel('Question 1', { exact: true }).fill('Which board game should I learn next?');
      await bo.getByLabel('Contact email').fill('bo.private@example.org');
      // The server's message for one list item shows under that list.
      await bo.getByLabel('Link 1', { exact: true }).fill('bo.example.org');
      await bo.getByRole('button', { name: 'Save profile' }).click();
      await poll(() => bo.getByText('Use a full http(s):// address.').isVisible()).toBe(true);
      await bo.getByLabel('Link 1', { exact: true }).fill('https://bo.example.org');
      await bo.getByRole('button', { name: 'Save profile' }).click();
      await poll(() => bo.getByText('Saved', { exact: true }).isVisible()).toBe(true);
      await poll(() => bo.getByRole('button', { name: 'Remove JavaScript' }).isVisible()).toBe(true);
      expect(await bo.getByRole('button', { name: 'Remove JS', exact: true }).count()).toBe(0);
      await poll(() => bo.getByText('“JS” becomes “JavaScript”').isVisible()).toBe(true);
      // The sticky save bar stays one compact row.
      const saveBar = await bo.locator('.save-bar').boundingBox();
      expect(saveBar!.height).toBeLessThan(90);
      await shoot(bo, size, 'profile');

      // Here for, at the event.
      await bo.goto(`/e/${eventId}`);
      await bo.getByLabel('I’m here for…').fill('Finding people to pair with on Rust side projects');
      await bo.getByRole('button', { name: 'Save', exact: true }).click();
      await poll(() => bo.getByText('Saved. People see this next to your name.').isVisible()).toBe(true);
      await shoot(bo, size, 'event-attendee');

      // The organizer's directory shows Bo, with JavaScript marked as shared.
      await org.goto(`/e/${eventId}`);
      const boCard = org.locator('.person-card', { has: org.getByRole('link', { name: 'Bo Attendee' }) });
      await poll(() => boCard.isVisible()).toBe(true);
      await poll(() => boCard.getByText('Finding people to pair with on Rust side projects').isVisible()).toBe(true);
      await poll(() => boCard.locator('.chip-shared', { hasText: 'JavaScript' }).isVisible()).toBe(true);
      await poll(() => boCard.locator('.chip-shared', { hasText: 'Rust' }).isVisible()).toBe(true);
      expect(await boCard.locator('.chip-shared', { hasText: 'Board games' }).count()).toBe(0);
      await poll(() => boCard.getByText('2 in common').isVisible()).toBe(true);
      // Contact details never appear.
      expect(await org.getByText('bo.private@example.org').count()).toBe(0);
      await shoot(org, size, 'event-organizer');
      await org.emulateMedia({ colorScheme: 'dark' });
      await shoot(org, size, 'event-organizer-dark');
      await org.emulateMedia({ colorScheme: 'light' });

      // Filter by interest, search by name.
      await org.getByRole('group', { name: 'Filter by interest' }).getByRole('button', { name: 'Board games' }).click();
      await poll(() => org.locator('.person-card').count()).toBe(1);
      await org.getByRole('group', { name: 'Filter by interest' }).getByRole('button', { name: 'Board games' }).click();
      await org.getByLabel('Search people by name, headline or interest').fill('zzz-nobody');
      await poll(() => org.getByText('No one matches that yet').isVisible()).toBe(true);
      await org.getByRole('button', { name: 'Clear search and filter' }).click();
      await poll(() => org.locator('.person-card').count()).toBe(2);

      // Members: check Bo in.
      await org.getByRole('link', { name: 'Members', exact: true }).click();
      await org.getByRole('button', { name: 'Check in Bo Attendee' }).click();
      await poll(() => org.getByRole('button', { name: 'Undo check-in of Bo Attendee' }).isVisible()).toBe(true);
      await shoot(org, size, 'members');

      // Edit the event.
      await org.getByRole('link', { name: 'Edit', exact: true }).click();
      await poll(() => org.getByLabel('Starts').inputValue()).toBe('2030-05-14T18:00');
      await shoot(org, size, 'edit-event');

      // Bo opens Ana's page: common ground and openers, no contact details.
      await bo.goto(`/e/${eventId}`);
      await bo.getByRole('link', { name: 'Ana Organizer' }).click();
      await bo.waitForURL(new RegExp(`/e/${eventId}/people/[0-9a-f-]{36}$`));
      await poll(() => bo.getByRole('heading', { name: 'Ana Organizer', level: 1 }).isVisible()).toBe(true);
      await poll(() => bo.getByRole('heading', { name: 'Your common ground' }).isVisible()).toBe(true);
      await poll(() => bo.locator('.card-accent').textContent()).toMatch(/Rust and JavaScript|JavaScript and Rust/);
      await poll(() => bo.getByRole('heading', { name: 'Questions Ana likes to be asked' }).isVisible()).toBe(true);
      await poll(() => bo.getByText('What are you building right now?').isVisible()).toBe(true);
      expect(await bo.getByText(organizerEmail).count()).toBe(0);
      await shoot(bo, size, 'person');
      await bo.emulateMedia({ colorScheme: 'dark' });
      await shoot(bo, size, 'person-dark');
      await bo.emulateMedia({ colorScheme: 'light' });

      // Bo's events, account and a new API token (shown once).
      await bo.goto('/');
      await poll(() => bo.getByRole('link', { name: new RegExp(eventName) }).isVisible()).toBe(true);
      await shoot(bo, size, 'home');
      await bo.goto('/me/account');
      await bo.getByLabel('Name', { exact: true }).fill('laptop CLI');
      await bo.getByRole('button', { name: 'Create token' }).click();
      await poll(() => bo.getByText('It will not be shown again').isVisible()).toBe(true);
      await poll(() => bo.getByLabel('New token laptop CLI').inputValue()).toMatch(/.{20,}/);
      await shoot(bo, size, 'account');

      // A withdrawn link says so kindly.
      await org.getByRole('link', { name: 'Invite', exact: true }).click();
      await org.getByRole('button', { name: 'Withdraw', exact: true }).click();
      await org.getByRole('dialog').getByRole('button', { name: 'Withdraw link' }).click();
      await poll(() => org.getByText('No active links yet.').isVisible()).toBe(true);
      // A toast belongs to its page: moving on clears it.
      const withdrawn = org.locator('.toast', { hasText: 'The link no longer works' });
      await poll(() => withdrawn.isVisible()).toBe(true);
      await org.waitForTimeout(1600);
      await org.getByRole('link', { name: 'People', exact: true }).click();
      await poll(() => withdrawn.count()).toBe(0);
      const stranger = await newPage(size);
      await stranger.goto(inviteUrl);
      await poll(() => stranger.getByRole('heading', { name: 'This invite link no longer works' }).isVisible()).toBe(true);
      await shoot(stranger, size, 'join-gone');

      // Signed-out pages, and a page that does not exist.
      await stranger.goto('/sign-in');
      await shoot(stranger, size, 'sign-in');
      await stranger.goto('/no/such/page');
      await poll(() => stranger.getByRole('heading', { name: 'We could not find that page' }).isVisible()).toBe(true);
      await shoot(stranger, size, 'not-found');

      // Bo leaves the event, after saying yes.
      await bo.goto(`/e/${eventId}`);
      await bo.getByRole('button', { name: 'Leave this event' }).click();
      await bo.getByRole('dialog').getByRole('button', { name: 'Leave event' }).click();
      await bo.waitForURL(`${server.url}/`);
      await poll(() => bo.getByText('No events yet').isVisible()).toBe(true);

      // Sign out through the menu.
      await openMenu(bo, size);
      await bo.getByRole('button', { name: 'Sign out' }).click();
      await poll(() => bo.getByRole('heading', { name: 'Meet the people in the room. Start with what you share.' }).isVisible()).toBe(true);
      expect((await bo.request.get('/api/me')).status()).toBe(401);
      expect(pageErrors).toEqual([]);
      expect(consoleErrors).toEqual([]);
    }, 180_000);
  }

  it('deleting an account says which events go with it', async () => {
    const page = await newPage('phone');
    const signUp = await page.request.post('/api/auth/sign-up', { data: { email: 'dee@example.org', name: 'Dee Parting', password: PASSWORD } });
    expect(signUp.status()).toBe(201);
    const event = await page.request.post('/api/events', {
      data: { name: 'Solo Supper Club', startsAt: '2030-06-01T17:00:00.000Z', endsAt: '2030-06-01T20:00:00.000Z', timeZone: 'Europe/Berlin' },
    });
    expect(event.status()).toBe(201);

    await page.goto('/me/account');
    await poll(() => page.getByText('An event you own with no other organizer is deleted').isVisible()).toBe(true);
    await page.getByLabel('Your password, to confirm').fill(PASSWORD);
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const dialog = page.getByRole('dialog');
    await poll(() => dialog.textContent()).toMatch(/You own Solo Supper Club\..*deleted, with everything in it, for all its attendees/);
    await shoot(page, 'phone', 'delete-account');
    await dialog.getByRole('button', { name: 'Delete everything' }).click();
    await poll(() => page.getByRole('heading', { name: 'Meet the people in the room. Start with what you share.' }).isVisible()).toBe(true);
  }, 60_000);

  it('signs in with the keyboard alone (Tab and Enter)', async () => {
    const page = await newPage('desktop');
    const email = 'keys@example.org';
    const signUp = await page.request.post('/api/auth/sign-up', { data: { email, name: 'Kim Keys', password: PASSWORD } });
    expect(signUp.status()).toBe(201);
    await page.context().clearCookies();

    await page.goto('/sign-in');
    await poll(() => page.getByRole('heading', { name: 'Welcome back' }).isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    let presses = 1;
    while (presses < 20 && (await page.evaluate(() => document.activeElement?.getAttribute('name'))) !== 'email') {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    // The focused field shows a visible focus ring.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/`);
    await poll(() => page.getByRole('heading', { name: 'Hello, Kim' }).isVisible()).toBe(true);

    // Signing out from a page that needs an account goes home, not to sign-in.
    await page.goto('/me/account');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await poll(() => page.getByRole('heading', { name: 'Meet the people in the room. Start with what you share.' }).isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/');
  }, 60_000);

  it('shows the server’s field errors next to the fields', async () => {
    const page = await newPage('phone');
    await page.goto('/sign-up');
    await page.getByLabel('Your name').fill('Val Idation');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await poll(() => page.getByText('Please enter a valid email address.').isVisible()).toBe(true);
    await poll(() => page.getByText('Please use at least 8 characters.').isVisible()).toBe(true);
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await shoot(page, 'phone', 'sign-up-errors');
  }, 60_000);
});

if (!hasChromium && !process.env.CI) {
  describe('web app in Chromium', () => {
    it.skip('skipped: browser tests — /usr/bin/chromium not found', () => {});
  });
}
