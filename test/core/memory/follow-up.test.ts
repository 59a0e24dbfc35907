import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayIn, daysUntil, followUpDueAt, isDue, latest } from '../../../src/core/memory/follow-up.js';

const DAY = 86_400_000;
const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true });

describe('follow-ups', () => {
  it('fall due the chosen number of days after the later of setting and last contact', () => {
    const setAt = new Date('2026-06-01T09:00:00Z');
    expect(followUpDueAt({ setAt, days: 3 }, null)).toEqual(new Date('2026-06-04T09:00:00Z'));
    expect(followUpDueAt({ setAt, days: 3 }, new Date('2026-05-01T00:00:00Z'))).toEqual(new Date('2026-06-04T09:00:00Z'));
    expect(followUpDueAt({ setAt, days: 3 }, new Date('2026-06-10T12:00:00Z'))).toEqual(new Date('2026-06-13T12:00:00Z'));
  });

  it('a contact never brings a follow-up forward, and the latest contact decides', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 365 }), fc.array(instant, { maxLength: 5 }), (setAt, days, contacts) => {
        const without = followUpDueAt({ setAt, days }, null);
        const withContacts = followUpDueAt({ setAt, days }, latest(...contacts));
        expect(withContacts.getTime()).toBeGreaterThanOrEqual(without.getTime());
        expect(withContacts.getTime() - days * DAY).toBe(Math.max(setAt.getTime(), ...contacts.map((c) => c.getTime())));
      }),
    );
  });

  it('counts days in the person’s time zone, at least one', () => {
    // 23:30 on 1 June in Lisbon is already 2 June in Tokyo.
    const now = new Date('2026-06-01T22:30:00Z');
    expect(dayIn(now, 'Europe/Lisbon')).toBe('2026-06-01');
    expect(dayIn(now, 'Asia/Tokyo')).toBe('2026-06-02');
    expect(daysUntil('2026-06-04', now, 'Europe/Lisbon')).toBe(3);
    expect(daysUntil('2026-06-04', now, 'Asia/Tokyo')).toBe(2);
    expect(daysUntil('2026-06-01', now, 'Europe/Lisbon')).toBe(1);
    expect(daysUntil('2020-01-01', now, 'UTC')).toBe(1);
    expect(() => daysUntil('not a day', now, 'UTC')).toThrow(RangeError);
  });

  it('a follow-up chosen for a day falls due on that day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 400 }), fc.constantFrom('UTC', 'Europe/Lisbon', 'America/Los_Angeles', 'Asia/Kolkata'), (now, ahead, zone) => {
        const chosen = dayIn(new Date(now.getTime() + ahead * DAY), zone);
        const days = daysUntil(chosen, now, zone);
        const dueAt = followUpDueAt({ setAt: now, days }, null);
        // Daylight-saving days are 23 or 25 hours long: the day may differ by the hour, never more.
        expect(Math.abs(Date.parse(dayIn(dueAt, zone)) - Date.parse(chosen))).toBeLessThanOrEqual(DAY);
        expect(isDue(dueAt, new Date(dueAt.getTime() - 2 * DAY), zone)).toBe(false);
        expect(isDue(dueAt, dueAt, zone)).toBe(true);
      }),
    );
  });
});
