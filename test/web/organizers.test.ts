// Organizers in Chromium on a phone (390×844): the owner makes an attendee a co-organizer and
// hands the event over, each after a confirmation that says what it does; the activity log then
// reads both in words, at the event's times (not the phone's), filters by kind and loads more.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { recordAudit } from '../../src/server/audit/audit.repository.js';
import type { RunningServer } from '../../src/server/server.js';
import { call, type Person, type TestApp } from '../support/app.js';
import { hasChromium, PagesOf, SHOTS, startBrowserAndServer, type Size } from '../support/browser.js';
import { createPerson } from '../support/people.js';

const poll = <T>(read: () => T | Promise<T>, timeout = 15_000) => expect.poll(read, { timeout, interval: 50 });

if (!hasChromium && !process.env.CI) {
  console.warn('\n*** skipped: organizers browser test — /usr/bin/chromium not found ***\n');
}

async function shoot(page: Page, size: Size, name: string, options: { dialog?: boolean } = {}) {
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${size}-${name} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
  if (options.dialog) {
    const inside = await page.evaluate(() => {
      const dialog = document.querySelector('dialog[open]');
      return dialog ? dialog.scrollWidth - dialog.clientWidth : 0;
    });
    expect(inside, `${size}-${name}: the dialog scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await page.screenshot({ path: path.join(SHOTS, `${size}-${name}.png`), fullPage: !options.dialog, animations: 'disabled', style: '.toasts { display: none !important; } .topbar { position: static !important; }' });
}

describe.runIf(hasChromium || Boolean(process.env.CI))('organizers on a phone in Chromium', () => {
  let server: RunningServer;
  let t: TestApp;
  let browser: Browser;
  let pages: PagesOf;

  const pageOf = (who: Person, size: Size) => pages.open(who, size);

  beforeAll(async () => {
    ({ server, browser } = await startBrowserAndServer());
    // The phone is in New York; the event is in Lisbon: the log must show Lisbon's clocks.
    pages = new PagesOf(browser, server.url, { timezoneId: 'America/New_York' });
    t = { app: server.app, ctx: server.ctx } as TestApp;
  });

  afterAll(async () => {
    await pages?.close();
    await browser?.close();
    await server?.close();
  });

  it('make a co-organizer → transfer ownership → the activity log says both, in the event’s time zone', async () => {
    const olga = await createPerson(t, 'Olga Owner');
    const ana = await createPerson(t, 'Ana Able');
    const bo = await createPerson(t, 'Bo Brave');
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const created = await call(t.app, olga, 'POST', '/api/events', {
      name: 'Harbour Founders Night',
      startsAt: `${day}T17:00:00Z`,
      endsAt: `${day}T21:00:00Z`,
      timeZone: 'Europe/Lisbon',
      venue: 'The Old Library',
    });
    expect(created.status).toBe(201);
    const eventId = created.body.id as string;
    const invite = await call(t.app, olga, 'POST', `/api/events/${eventId}/invites`, {});
    for (const who of [ana, bo]) expect((await call(t.app, who, 'POST', `/api/invites/${invite.body.token}/accept`)).status).toBe(200);
    // Last week's door, so that the log has more than a page and another day.
    const lastWeek = Date.now() - 7 * 86_400_000;
    for (let i = 0; i < 32; i++) {
      await recordAudit(t.ctx.db, {
        eventId,
        actorId: olga.id,
        action: 'attendee.checked_in',
        subjectId: i % 2 ? ana.id : bo.id,
        at: new Date(lastWeek + i * 60_000),
      });
    }

    const phone = await pageOf(olga, 'phone');
    await phone.goto(`/e/${eventId}?tab=members`);
    const anaRow = phone.locator('.member-row', { hasText: 'Ana Able' });
    await poll(() => anaRow.isVisible()).toBe(true);
    // With no co-organizer yet, the owner is told how to hand the event over.
    await poll(() => phone.getByRole('region', { name: 'Transfer ownership' }).textContent()).toContain('first make them a co-organizer');

    await phone.getByRole('button', { name: 'Make Ana Able a co-organizer' }).click();
    const dialog = phone.getByRole('dialog', { name: 'Make Ana Able a co-organizer?' });
    await poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('check people in');
    await shoot(phone, 'phone', 'organizers-make-co-organizer', { dialog: true });
    await dialog.getByRole('button', { name: 'Make co-organizer' }).click();
    await poll(() => dialog.isVisible()).toBe(false);
    await poll(() => anaRow.locator('.badge', { hasText: 'Organizer' }).isVisible()).toBe(true);
    expect(await phone.getByRole('button', { name: 'Remove Ana Able as organizer' }).isVisible()).toBe(true);

    await phone.getByRole('button', { name: 'Transfer ownership to Ana Able…' }).click();
    const handOver = phone.getByRole('dialog', { name: 'Make Ana Able the owner of Harbour Founders Night?' });
    await poll(() => handOver.isVisible()).toBe(true);
    const consequences = (await handOver.textContent()) ?? '';
    expect(consequences).toContain('only they can delete the event');
    expect(consequences).toContain('You stay an organizer');
    expect(consequences).toContain('only Ana Able can transfer it to you again');
    await shoot(phone, 'phone', 'organizers-transfer', { dialog: true });
    await handOver.getByRole('button', { name: 'Transfer ownership' }).click();
    await poll(() => handOver.isVisible()).toBe(false);
    await poll(() => anaRow.locator('.badge', { hasText: 'Owner' }).isVisible()).toBe(true);
    await poll(() => phone.getByRole('region', { name: 'Transfer ownership' }).count()).toBe(0);
    await poll(() => phone.locator('.event-head .badge').first().textContent()).toBe('Co-organizer');
    // Now a co-organizer like Ana was, Olga may step down herself.
    expect(await phone.locator('.member-row', { hasText: 'Olga Owner' }).getByRole('button', { name: 'Step down as organizer' }).isVisible()).toBe(true);
    const event = await call(t.app, ana, 'GET', `/api/events/${eventId}`);
    expect(event.body.isOwner).toBe(true);
    await shoot(phone, 'phone', 'organizers-members-after');

    await phone.getByRole('link', { name: 'Activity log' }).click();
    await phone.waitForURL(`**/e/${eventId}/audit`);
    const timeline = phone.getByRole('list', { name: 'Activity, newest first' });
    await poll(() => timeline.locator('.audit-summary').first().textContent()).toBe('Olga Owner transferred ownership to Ana Able');
    const summaries = await timeline.locator('.audit-summary').allTextContents();
    expect(summaries.slice(0, 2)).toEqual(['Olga Owner transferred ownership to Ana Able', 'Olga Owner made Ana Able a co-organizer']);
    // One page: the newest 30 of 34, then more on demand.
    expect(summaries).toHaveLength(30);
    expect(summaries[2]).toBe('Olga Owner checked in Ana Able');

    const { entries } = (await call(t.app, olga, 'GET', `/api/events/${eventId}/audit?limit=1`)).body as { entries: { at: string }[] };
    const lisbon = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Lisbon', hour: 'numeric', minute: '2-digit' }).format(new Date(entries[0]!.at));
    expect(await timeline.locator('.audit-time').first().textContent()).toBe(lisbon);
    await shoot(phone, 'phone', 'organizers-audit');

    await phone.getByRole('button', { name: 'Load more' }).click();
    await poll(() => timeline.locator('.audit-entry').count()).toBe(34);
    await poll(() => phone.getByText('That is everything.').isVisible()).toBe(true);
    expect(await phone.locator('.audit-day-title').count()).toBeGreaterThanOrEqual(2);

    await phone.getByRole('button', { name: 'Roles', exact: true }).click();
    await poll(() => timeline.locator('.audit-summary').allTextContents()).toEqual([
      'Olga Owner transferred ownership to Ana Able',
      'Olga Owner made Ana Able a co-organizer',
    ]);
    await phone.getByRole('button', { name: 'Imports', exact: true }).click();
    await poll(() => phone.getByText('No one has imported people yet.').isVisible()).toBe(true);

    // The old owner may now leave; an attendee finds no log.
    await phone.goto(`/e/${eventId}`);
    await poll(() => phone.getByRole('button', { name: 'Leave this event' }).isVisible()).toBe(true);
    const attendee = await pageOf(bo, 'phone');
    await attendee.goto(`/e/${eventId}/audit`);
    await poll(() => attendee.getByText('The activity log is for organizers').isVisible()).toBe(true);

    const desk = await pageOf(ana, 'desktop');
    await desk.goto(`/e/${eventId}/audit`);
    await poll(() => desk.locator('.audit-summary').first().textContent()).toBe('Olga Owner transferred ownership to Ana Able');
    await shoot(desk, 'desktop', 'organizers-audit');

    expect(pages.errors).toEqual([]);
  }, 120_000);
});
