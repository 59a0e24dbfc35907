// What a person takes away, on a phone in Chromium against a real server: Ana met Bo at an event,
// keeps a private note about him, and the two exchanged some of their contact details (Bo keeps his
// website to himself). From the account page Ana downloads everything of hers as one JSON file; from
// Bo's page and from My people she saves vCards, which vcard4-ts reads back with what Bo shared and
// nothing he did not.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core';
import { parseVCards, type VCard4 } from 'vcard4-ts';
import type { RunningServer } from '../../src/server/server.js';
import { hasChromium, SHOTS, SIZES, startBrowserAndServer } from '../support/browser.js';
import { call, type Person, type TestApp } from '../support/app.js';
import { meet } from '../support/encounters.js';
import { createPerson } from '../support/people.js';

const HOUR = 3_600_000;
const TIME_ZONE = 'Europe/Lisbon';
const NOTE = 'Roasts coffee for **two cafés**; ask how the Lisbon roastery is going';
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 50 });

if (!hasChromium && !process.env.CI) {
  console.warn('\n*** skipped: account browser test — /usr/bin/chromium not found ***\n');
}

/** Clicks a link that downloads, and reads what was saved. */
async function download(page: Page, link: Locator): Promise<{ file: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(await file.failure()).toBeNull();
  const saved = await file.path();
  return { file, text: await readFile(saved, 'utf8') };
}

/** The cards in a vCard file, which vcard4-ts must read without a complaint. */
function cardsIn(text: string): VCard4[] {
  const parsed = parseVCards(text);
  expect(parsed.nags).toBeUndefined();
  const cards = parsed.vCards ?? [];
  for (const card of cards) expect({ nags: card.nags, hasErrors: card.hasErrors }).toEqual({ nags: undefined, hasErrors: false });
  return cards;
}

/** Bo's card as Ana sees it: his name, the email and phone he shared, and not the website he kept. */
function expectBoCard(card: VCard4) {
  expect(card.FN.map((fn) => fn.value)).toEqual(['Bo Berg']);
  expect(card.EMAIL?.map((email) => email.value)).toEqual(['bo@example.org']);
  expect(card.TEL?.map((tel) => tel.value)).toEqual(['tel:+351910000002']);
  expect(card.URL).toBeUndefined();
  expect(JSON.stringify(card)).not.toContain('bo.example.org');
}

describe.runIf(hasChromium || Boolean(process.env.CI))('my data and contacts on a phone in Chromium', () => {
  let server: RunningServer;
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let ana: Person;
  let bo: Person;

  async function phoneOf(who: Person): Promise<Page> {
    const context = await browser.newContext({ ...SIZES.phone, baseURL: server.url, locale: 'en-GB', timezoneId: TIME_ZONE, acceptDownloads: true });
    contexts.push(context);
    const [name, value] = who.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    return page;
  }

  async function person(name: string, contact: { email: string; phone: string; links: string[] }): Promise<Person> {
    const who = await createPerson(t, name);
    const saved = await call(t.app, who, 'PUT', '/api/me/profile', {
      displayName: name,
      headline: `${name.split(' ')[0]} came for the coffee`,
      bio: '',
      interests: ['Coffee'],
      offers: [],
      seeking: [],
      questions: [],
      contact,
    });
    if (saved.status !== 200) throw new Error(`profile not saved: ${JSON.stringify(saved.body)}`);
    return who;
  }

  beforeAll(async () => {
    ({ server, browser } = await startBrowserAndServer());
    t = { app: server.app, ctx: server.ctx } as TestApp;

    const olga = await person('Olga Organizer', { email: '', phone: '', links: [] });
    ana = await person('Ana Lima', { email: 'ana@example.org', phone: '+351 910 000 001', links: ['https://ana.example.org'] });
    bo = await person('Bo Berg', { email: 'bo@example.org', phone: '+351 910 000 002', links: ['https://bo.example.org'] });
    const start = new Date(Date.now() - HOUR);
    const created = await call(t.app, olga, 'POST', '/api/events', {
      name: 'Coffee Morning',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3 * HOUR).toISOString(),
      timeZone: TIME_ZONE,
      venue: 'The Roastery',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const eventId = created.body.id as string;
    const invite = await call(t.app, olga, 'POST', `/api/events/${eventId}/invites`, {});
    for (const who of [ana, bo]) expect((await call(t.app, who, 'POST', `/api/invites/${invite.body.token}/accept`)).status).toBe(200);
    await meet(t, eventId, ana, bo);

    const noted = await call(t.app, ana, 'PATCH', `/api/me/people/${bo.id}/memory`, { note: NOTE, tags: ['coffee'], timeZone: TIME_ZONE });
    expect(noted.status, JSON.stringify(noted.body)).toBe(200);
    expect((await call(t.app, ana, 'PUT', `/api/me/people/${bo.id}/contact-share`, { email: true, phone: true, links: false })).status).toBe(200);
    const shared = await call(t.app, bo, 'PUT', `/api/me/people/${ana.id}/contact-share`, { email: true, phone: true, links: false });
    expect(shared.body.contactExchange.state).toBe('exchanged');
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('the account page downloads everything as one JSON file, with my note about someone I met', async () => {
    const page = await phoneOf(ana);
    await page.goto('/me/account');
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Your data' }) });
    await poll(() => section.isVisible()).toBe(true);
    expect(await section.textContent()).toContain('your people with your notes about them');
    // Deleting the account says what becomes of others' memories of me.
    const deletion = page.locator('section', { has: page.getByRole('heading', { name: 'Delete account' }) });
    expect(await deletion.textContent()).toContain('You also disappear from everyone’s My people, with the notes they kept of you');
    expect(await deletion.textContent()).toContain('“introduced by someone who has left”');

    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the account page scrolls sideways').toBeLessThanOrEqual(0);
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: path.join(SHOTS, 'phone-account-your-data.png'), animations: 'disabled' });
    await deletion.screenshot({ path: path.join(SHOTS, 'phone-account-delete.png'), animations: 'disabled' });
    await page.screenshot({ path: path.join(SHOTS, 'phone-account.png'), fullPage: true, animations: 'disabled', style: '.topbar { position: static !important; }' });

    const { file, text } = await download(page, section.getByRole('link', { name: 'Download everything (JSON)' }));
    expect(file.suggestedFilename()).toMatch(/^common-ground-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(text) as {
      format: string;
      account: { email: string };
      profile: { contact: { email: string } };
      people: { id: string; name: string; memory: { note: string; tags: string[] } }[];
      vcards: { exchangedContacts: string };
    };
    expect(data.format).toBe('common-ground-export/1');
    expect(data.account.email).toBe(ana.email);
    expect(data.profile.contact.email).toBe('ana@example.org');
    const boThere = data.people.find((p) => p.id === bo.id);
    expect(boThere).toMatchObject({ name: 'Bo Berg', memory: { note: NOTE, tags: ['coffee'] } });
    expectBoCard(cardsIn(data.vcards.exchangedContacts)[0]!);
    expect(pageErrors).toEqual([]);
  });

  it('saves vCards from a person’s page and from My people, with only what was shared', async () => {
    const page = await phoneOf(ana);
    await page.goto(`/me/people/${bo.id}`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Bo Berg');
    const one = await download(page, page.getByRole('link', { name: 'Save contact (vCard)' }));
    expect(one.file.suggestedFilename()).toMatch(/\.vcf$/);
    const cards = cardsIn(one.text);
    expect(cards).toHaveLength(1);
    expectBoCard(cards[0]!);
    expect(cards[0]!.NOTE?.[0]?.value).toContain('Met at Coffee Morning');

    await page.goto('/me/people');
    const all = await download(page, page.getByRole('link', { name: 'Download contacts (vCard)' }));
    expect(all.file.suggestedFilename()).toBe('common-ground-contacts.vcf');
    const everyone = cardsIn(all.text);
    expect(everyone).toHaveLength(1);
    expectBoCard(everyone[0]!);
    expect(pageErrors).toEqual([]);
  });
});
