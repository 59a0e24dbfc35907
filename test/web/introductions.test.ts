// My people and introductions, "not so fast", in Chromium against a real server: Amara met Bruno
// and Chiara at an event; on her phone she keeps a note about Bruno (rendered with its bold and its
// link), finds Chiara not yet ready to be introduced (the cool-down, with the day it opens), and once
// the server's clock has moved on a day introduces the two with a why. Bruno accepts on his phone,
// Chiara accepts too; both find each other in My people as introduced by Amara, who reads
// "Connected". A second pair shows that a "Not now" is told to nobody.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/server.js';
import { hasChromium, SHOTS, SIZES, startBrowserAndServer, type Size } from '../support/browser.js';
import { call, type Person, type TestApp } from '../support/app.js';
import { meet } from '../support/encounters.js';
import { createPerson } from '../support/people.js';

const HOUR = 3_600_000;
const TIME_ZONE = 'Europe/Lisbon';
const poll = <T>(read: () => T | Promise<T>, timeout = 15_000) => expect.poll(read, { timeout, interval: 50 });

if (!hasChromium && !process.env.CI) {
  console.warn('\n*** skipped: introductions browser test — /usr/bin/chromium not found ***\n');
}

/** A whole page (the top bar kept at the top, where a phone shows it), or only the screen while a sheet is open. */
async function shoot(page: Page, size: Size, name: string, options: { sheet?: boolean } = {}) {
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${size}-${name} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  await page.screenshot({
    path: path.join(SHOTS, `${size}-${name}.png`),
    fullPage: !options.sheet,
    animations: 'disabled',
    style: `.toasts { display: none !important; }${options.sheet ? '' : ' .topbar { position: static !important; }'}`,
  });
}

/** A sheet or dialog is a fixed box: its own content must not be wider than the screen either. */
async function dialogFits(page: Page) {
  const overflow = await page.evaluate(() => {
    const dialog = document.querySelector('dialog[open]');
    return dialog ? dialog.scrollWidth - dialog.clientWidth : 0;
  });
  expect(overflow, `the open dialog scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

describe.runIf(hasChromium || Boolean(process.env.CI))('my people and introductions on phones in Chromium', () => {
  let server: RunningServer;
  let t: TestApp;
  let browser: Browser;
  // The server's clock: real time, moved on by the test.
  let offset = 0;
  const serverNow = () => new Date(Date.now() + offset);
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function pageOf(who: Person, size: Size): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({ ...SIZES[size], baseURL: server.url, locale: 'en-GB', timezoneId: TIME_ZONE });
    contexts.push(context);
    // The phone's clock starts with the server's, so that the days it names (follow-ups) agree. Whether
    // two people can be introduced yet is the server's to say: the test leaves Amara's phone behind for that.
    await context.clock.install({ time: serverNow() });
    const [name, value] = who.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    return { page, context };
  }

  async function person(name: string, headline: string, interests: string[], contact = { email: '', phone: '', links: [] as string[] }): Promise<Person> {
    const who = await createPerson(t, name);
    const saved = await call(t.app, who, 'PUT', '/api/me/profile', {
      displayName: name,
      headline,
      bio: '',
      interests,
      offers: [],
      seeking: [],
      questions: ['What are you working on this season?'],
      contact,
    });
    if (saved.status !== 200) throw new Error(`profile not saved: ${JSON.stringify(saved.body)}`);
    return who;
  }

  beforeAll(async () => {
    ({ server, browser } = await startBrowserAndServer({ now: serverNow }));
    t = { app: server.app, ctx: server.ctx } as TestApp;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('a note, a cool-down, an introduction accepted by both, and a "Not now" nobody hears of', async () => {
    const olga = await person('Olga Organizer', 'Runs the autumn events', ['Community building']);
    const amara = await person('Amara Osei', 'Connects growers and cooks', ['Urban farming', 'Sourdough'], {
      email: 'amara@example.org',
      phone: '+351 910 000 001',
      links: ['https://amara.example.org'],
    });
    const bruno = await person('Bruno Keller', 'Bakes bread for three cafés', ['Sourdough', 'Cycling'], {
      email: 'bruno@example.org',
      phone: '+351 910 000 002',
      links: [],
    });
    const chiara = await person('Chiara Rossi', 'Grows heritage wheat', ['Urban farming', 'Heritage grains']);
    const dev = await person('Dev Patel', 'Builds delivery bikes', ['Cycling']);
    const eunji = await person('Eun-ji Park', 'Writes about food', ['Food writing']);

    const start = new Date(serverNow().getTime() - HOUR);
    const created = await call(t.app, olga, 'POST', '/api/events', {
      name: 'Autumn Mixer',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 4 * HOUR).toISOString(),
      timeZone: TIME_ZONE,
      venue: 'The Old Granary',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const eventId = created.body.id as string;
    expect(created.body.settings.introductionCooldownHours).toBe(24);
    const invite = await call(t.app, olga, 'POST', `/api/events/${eventId}/invites`, {});
    for (const who of [amara, bruno, chiara, dev, eunji]) {
      expect((await call(t.app, who, 'POST', `/api/invites/${invite.body.token}/accept`)).status).toBe(200);
    }
    for (const other of [bruno, chiara, dev, eunji]) await meet(t, eventId, amara, other);

    // Amara's phone: My people, then Bruno's page.
    const { page: phone, context: amaraContext } = await pageOf(amara, 'phone');
    await phone.goto('/me/people');
    const list = phone.getByRole('list', { name: 'Your people' });
    await poll(() => list.getByRole('listitem').count()).toBe(4);
    expect(await list.textContent()).toContain('Autumn Mixer · Said “we met”');
    await phone.getByRole('link', { name: 'Bruno Keller' }).click();
    await phone.waitForURL(new RegExp(`/me/people/${bruno.id}$`));
    await poll(() => phone.getByRole('heading', { level: 1 }).textContent()).toBe('Bruno Keller');
    expect(await phone.getByText('Only you see this').first().isVisible()).toBe(true);
    expect(await phone.locator('.met-contexts').textContent()).toContain('Autumn Mixer');

    // A note with bold and a link, rendered as such (elements, not markup).
    await phone.getByLabel('What do they care about?').fill('Getting heritage flour at a fair price');
    await phone.getByLabel('Note', { exact: true }).fill('Bakes with **rye** most days.\nHis cafés: https://example.org/bakery\n- ask about the new oven');
    await poll(() => phone.locator('.note-preview strong').textContent()).toBe('rye');
    await phone.getByLabel('Tags').fill('bakers');
    await phone.getByLabel('Tags').press('Enter');
    await phone.getByRole('button', { name: 'Save', exact: true }).click();
    const saved = phone.locator('.memory-card .note-text');
    await poll(() => saved.locator('strong').textContent()).toBe('rye');
    const link = saved.getByRole('link', { name: 'https://example.org/bakery' });
    expect(await link.getAttribute('href')).toBe('https://example.org/bakery');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await saved.locator('li').textContent()).toBe('ask about the new oven');
    expect(await saved.innerHTML()).not.toContain('**');
    const stored = await call(t.app, amara, 'GET', `/api/me/people/${bruno.id}`);
    expect(stored.body.memory).toMatchObject({ caresAbout: 'Getting heritage flour at a fair price', tags: ['bakers'] });
    expect(stored.body.memory.note).toContain('**rye**');

    // A follow-up in a week, and my email offered to Bruno (he sees it once he shares his).
    await phone.getByRole('button', { name: 'In a week' }).click();
    await poll(() => phone.getByText(/^Follow up on .+ \(in 7 days\)\.$/).count()).toBe(1);
    const contact = phone.locator('section', { has: phone.getByRole('heading', { name: 'Contact details' }) });
    expect(await contact.getByLabel(/Email/).isChecked()).toBe(true);
    await contact.getByRole('button', { name: 'Share', exact: true }).click();
    await poll(() => contact.textContent()).toContain('You offered your details. Waiting for Bruno’s');
    await shoot(phone, 'phone', 'my-person');

    // Introduce to…: Chiara is not ready yet, and the sheet says from when.
    await phone.getByRole('button', { name: 'Introduce to…' }).click();
    const sheet = phone.getByRole('dialog');
    const chiaraOption = sheet.getByRole('radio', { name: /Chiara Rossi/ });
    await poll(() => chiaraOption.count()).toBe(1);
    expect(await chiaraOption.isDisabled()).toBe(true);
    const readyAt = new Date(serverNow().getTime() + 23 * HOUR);
    const dayOfMonth = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: 'numeric' }).format(readyAt);
    const month = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, month: 'short' }).format(readyAt);
    const waitLine = await sheet.locator('.intro-candidate', { hasText: 'Chiara Rossi' }).locator('.intro-candidate-wait').textContent();
    expect(waitLine).toMatch(/^You can introduce them from /);
    expect(waitLine).toContain(month);
    expect(waitLine).toMatch(new RegExp(`\\b${dayOfMonth}\\b`));
    await dialogFits(phone);
    await shoot(phone, 'phone', 'introduce-sheet-cooling-down', { sheet: true });
    // The server agrees, and says so in words.
    const early = await call(t.app, amara, 'POST', '/api/me/introductions', { personIds: [bruno.id, chiara.id], why: 'Bread and wheat.' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/You can introduce them from/);
    await sheet.getByRole('button', { name: 'Close' }).click();

    // A day and an hour later on the server only: the phone's clock stays behind, and the sheet follows the server.
    offset += 25 * HOUR;
    await phone.reload();
    await poll(() => phone.getByRole('heading', { level: 1 }).textContent()).toBe('Bruno Keller');
    await phone.getByRole('button', { name: 'Introduce to…' }).click();
    await poll(() => chiaraOption.isDisabled()).toBe(false);
    await sheet.locator('.intro-candidate', { hasText: 'Chiara Rossi' }).locator('label').click();
    expect(await chiaraOption.isChecked()).toBe(true);
    await sheet.getByLabel('Why should they meet?').fill('Chiara grows the heritage wheat Bruno has been looking for, and Bruno could tell her what bakers need from a flour.');
    await dialogFits(phone);
    await sheet.getByRole('button', { name: 'Introduce them' }).scrollIntoViewIfNeeded();
    await shoot(phone, 'phone', 'introduce-sheet', { sheet: true });
    await sheet.getByRole('button', { name: 'Introduce them' }).click();
    await poll(() => sheet.getByRole('status').textContent()).toContain('each privately');
    expect(await sheet.textContent()).toContain('If one says no, nobody is told');
    await sheet.getByRole('button', { name: 'Done' }).click();

    // Bruno, on his phone, sees it and accepts.
    const { page: brunoPhone } = await pageOf(bruno, 'phone');
    const mine = await call(t.app, bruno, 'GET', '/api/me/introductions');
    const introductionId = mine.body.forMe[0].id as string;
    await brunoPhone.goto(`/me/introductions/${introductionId}`);
    const card = brunoPhone.locator(`#introduction-${introductionId}`);
    await poll(() => card.textContent()).toContain('Amara Osei would like you to meet');
    expect(await card.textContent()).toContain('Chiara grows the heritage wheat');
    expect(await card.getAttribute('class')).toContain('is-highlighted');
    await shoot(brunoPhone, 'phone', 'introductions-for-you');
    await card.getByRole('button', { name: 'Accept' }).click();
    await poll(() => card.textContent()).toContain('We’ll let you know if Chiara accepts too.');

    // Bruno shares his details back, and asks Amara whom else he should meet.
    expect((await call(t.app, bruno, 'PUT', `/api/me/people/${amara.id}/contact-share`, { email: true, phone: true, links: false })).status).toBe(200);
    await brunoPhone.goto(`/me/people/${amara.id}`);
    await brunoPhone.getByRole('button', { name: 'Ask: who should I meet about…?' }).click();
    const askSheet = brunoPhone.getByRole('dialog');
    await askSheet.getByLabel('Who should I meet about…').fill('selling bread at farmers’ markets');
    await dialogFits(brunoPhone);
    await askSheet.getByRole('button', { name: 'Ask Amara' }).click();
    await poll(() => askSheet.isVisible()).toBe(false);

    // Chiara accepts as well: they are connected, through Amara.
    const accepted = await call(t.app, chiara, 'POST', `/api/me/introductions/${introductionId}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('connected');
    await brunoPhone.goto('/me/people');
    const brunoList = brunoPhone.getByRole('list', { name: 'Your people' });
    await poll(() => brunoList.locator('article', { hasText: 'Chiara Rossi' }).textContent()).toContain('Introduced by Amara Osei');
    const chiaraPeople = await call(t.app, chiara, 'GET', '/api/me/people');
    expect(chiaraPeople.body.people.find((p: { id: string }) => p.id === bruno.id)).toMatchObject({ introducedBy: 'Amara Osei' });
    await brunoPhone.getByRole('link', { name: 'Chiara Rossi' }).click();
    await poll(() => brunoPhone.locator('.met-contexts').textContent()).toContain('Introduced by Amara Osei');
    // Met only through an introduction: no introducing them onwards yet.
    expect(await brunoPhone.getByRole('button', { name: 'Introduce to…' }).count()).toBe(0);

    // Amara reads what came of it.
    await phone.goto('/me/introductions');
    const byMe = phone.locator('.intro-card', { hasText: 'Bruno Keller' });
    await poll(() => byMe.locator('.badge').textContent()).toBe('Connected ✓');

    // The second pair: Dev says "Not now". Nobody else hears of it.
    const second = await call(t.app, amara, 'POST', '/api/me/introductions', {
      personIds: [dev.id, eunji.id],
      why: 'Dev builds the bikes Eun-ji keeps writing about.',
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const { page: devPhone } = await pageOf(dev, 'phone');
    await devPhone.goto(`/me/introductions/${second.body.id}`);
    const devCard = devPhone.locator(`#introduction-${second.body.id}`);
    await poll(() => devCard.textContent()).toContain('Eun-ji Park');
    await devCard.getByRole('button', { name: 'Not now' }).click();
    await poll(() => devCard.textContent()).toContain('They will not be told.');
    const eunjiView = await call(t.app, eunji, 'GET', '/api/me/introductions');
    expect(eunjiView.body.forMe[0]).toMatchObject({ id: second.body.id, state: 'waiting', myAnswer: null });
    expect(JSON.stringify(eunjiView.body)).not.toMatch(/declin/i);
    const eunjiNews = await call(t.app, eunji, 'GET', '/api/me/notifications');
    expect(JSON.stringify(eunjiNews.body)).not.toMatch(/declin|not now/i);
    const amaraView = await call(t.app, amara, 'GET', '/api/me/introductions');
    expect(amaraView.body.proposedByMe.find((i: { id: string }) => i.id === second.body.id).state).toBe('waiting');
    const { page: eunjiPhone } = await pageOf(eunji, 'phone');
    await eunjiPhone.goto('/me/introductions');
    const eunjiCard = eunjiPhone.locator(`#introduction-${second.body.id}`);
    await poll(() => eunjiCard.getByRole('button', { name: 'Accept' }).isVisible()).toBe(true);
    // Her own choice is still hers to make; nothing says that Dev made his.
    expect(await eunjiCard.getByRole('button', { name: 'Not now' }).isVisible()).toBe(true);
    expect(await eunjiCard.locator('.intro-status').count()).toBe(0);
    expect(await eunjiCard.textContent()).not.toMatch(/said not now|declin|did not come about/i);
    await phone.reload();
    const secondByMe = phone.locator(`#introduction-${second.body.id}`);
    await poll(() => secondByMe.locator('.badge').textContent()).toBe('Waiting for their answers');
    const askCard = phone.locator('.intro-card', { hasText: 'selling bread at farmers’ markets' });
    await poll(() => askCard.count()).toBe(1);
    expect(await askCard.textContent()).toContain('Bruno Keller');
    await shoot(phone, 'phone', 'introductions');
    // Answering the ask: the asker is one side already.
    await askCard.getByRole('button', { name: 'Introduce someone' }).click();
    await poll(() => phone.getByRole('dialog').textContent()).toContain('Bruno asked you: who should I meet about');
    await phone.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    // My people again, a day later: a follow-up due for Dev, the note's excerpt and tag, contacts exchanged with Bruno.
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(serverNow().getTime() + 24 * HOUR),
    );
    expect((await call(t.app, amara, 'PATCH', `/api/me/people/${dev.id}/memory`, { followUpOn: tomorrow, timeZone: TIME_ZONE })).status).toBe(200);
    offset += 24 * HOUR;
    await amaraContext.clock.setSystemTime(serverNow());
    await phone.goto('/me/people');
    const brunoRow = phone.locator('.my-person', { hasText: 'Bruno Keller' });
    await poll(() => brunoRow.textContent()).toContain('Bakes with rye most days.');
    expect(await brunoRow.textContent()).toContain('#bakers');
    expect(await brunoRow.textContent()).toContain('Contacts exchanged');
    const digest = phone.locator('.follow-ups');
    await poll(() => digest.textContent()).toContain('Due to follow up');
    expect(await digest.textContent()).toContain('Dev Patel');
    expect(await digest.textContent()).toContain('Coming up this week');
    expect(await phone.getByRole('link', { name: 'Download contacts (vCard)' }).getAttribute('href')).toBe('/api/me/contacts.vcf');
    await shoot(phone, 'phone', 'my-people');
    // The home page says who is due, too.
    await phone.goto('/');
    const dueCard = phone.getByRole('link', { name: /Due to follow up: 1/ });
    await poll(() => dueCard.isVisible()).toBe(true);
    expect(await dueCard.textContent()).toContain('Dev Patel');
    await shoot(phone, 'phone', 'home-follow-up');
    await dueCard.click();
    await phone.waitForURL(/\/me\/people$/);
    // In touch: the follow-up starts again from today, a day on.
    await digest.getByRole('button', { name: 'We were in touch: Dev Patel' }).click();
    await poll(() => digest.textContent()).not.toContain('Due to follow up');
    expect(await digest.locator('.follow-up-list-later').textContent()).toContain('Dev Patel');

    // Bruno's details, now that both shared.
    await phone.goto(`/me/people/${bruno.id}`);
    const brunoEmail = phone.getByRole('link', { name: 'bruno@example.org' });
    expect(await brunoEmail.getAttribute('href')).toBe('mailto:bruno@example.org');
    expect(await phone.getByRole('link', { name: '+351 910 000 002' }).getAttribute('href')).toBe('tel:+351910000002');

    // Someone who has met nobody yet is told how people get here.
    const { page: olgaPhone } = await pageOf(olga, 'phone');
    await olgaPhone.goto('/me/people');
    await poll(() => olgaPhone.getByText('No one here yet').isVisible()).toBe(true);
    await shoot(olgaPhone, 'phone', 'my-people-empty');

    expect(pageErrors).toEqual([]);
  }, 120_000);
});
