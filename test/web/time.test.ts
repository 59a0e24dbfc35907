import { describe, expect, it } from 'vitest';
import { formatEventSpan, utcToZonedLocal, zonedLocalToUtcIso } from '../../src/web/time.js';
import { fieldError, fieldOfPointer, ApiError } from '../../src/web/api/client.js';

describe('event times on the clocks of the event’s zone', () => {
  it('reads a local date-time in the chosen zone as UTC', () => {
    expect(zonedLocalToUtcIso('2030-05-14T18:00', 'Europe/Berlin')).toBe('2030-05-14T16:00:00.000Z');
    expect(zonedLocalToUtcIso('2030-01-14T18:00', 'Europe/Berlin')).toBe('2030-01-14T17:00:00.000Z');
    expect(zonedLocalToUtcIso('2030-05-14T18:00', 'America/New_York')).toBe('2030-05-14T22:00:00.000Z');
    expect(zonedLocalToUtcIso('2030-05-14T18:00', 'Asia/Kolkata')).toBe('2030-05-14T12:30:00.000Z');
    expect(zonedLocalToUtcIso('2030-05-14T18:00', 'UTC')).toBe('2030-05-14T18:00:00.000Z');
    expect(zonedLocalToUtcIso('2030-12-31T23:30', 'Pacific/Auckland')).toBe('2030-12-31T10:30:00.000Z');
  });

  it('moves a time skipped by daylight saving forward, and takes the earlier of a repeated one', () => {
    // 02:30 does not exist in Berlin on 2026-03-29: it is read as 03:30 CEST.
    expect(zonedLocalToUtcIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 2026-10-25: the first one, still CEST.
    expect(zonedLocalToUtcIso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips through the datetime-local value', () => {
    for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'Australia/Adelaide', 'Asia/Tokyo']) {
      for (const local of ['2030-03-01T09:15', '2030-07-20T23:45', '2030-11-05T00:00']) {
        expect(utcToZonedLocal(zonedLocalToUtcIso(local, zone)!, zone)).toBe(local);
      }
    }
  });

  it('refuses what is not a date-time', () => {
    expect(zonedLocalToUtcIso('', 'UTC')).toBeUndefined();
    expect(zonedLocalToUtcIso('tomorrow', 'UTC')).toBeUndefined();
  });

  it('formats a span in the event’s zone, whatever the reader’s', () => {
    const text = formatEventSpan('2030-05-14T16:00:00.000Z', '2030-05-14T19:00:00.000Z', 'Europe/Berlin', 'en-US');
    expect(text).toMatch(/May 14, 2030/);
    expect(text).toMatch(/6:00/);
    expect(text).toMatch(/9:00\sPM/);
  });
});

describe('problem details to form fields', () => {
  it('maps body pointers to dotted field names', () => {
    expect(fieldOfPointer('/body/email')).toBe('email');
    expect(fieldOfPointer('/body/contact/email')).toBe('contact.email');
    expect(fieldOfPointer('/body/interests/3')).toBe('interests.3');
    expect(fieldOfPointer('/querystring/cursor')).toBeUndefined();
    expect(fieldOfPointer('/body')).toBeUndefined();
  });

  it('finds a field’s own message or the first one inside it', () => {
    const error = new ApiError(400, {
      detail: 'Some fields are not valid: see errors.',
      errors: [
        { pointer: '/body/email', detail: 'Please enter a valid email address.' },
        { pointer: '/body/offers/2', detail: 'Please keep each offer under 140 characters.' },
      ],
    });
    expect(error.message).toBe('Some fields are not valid: see errors.');
    expect(fieldError(error, 'email')).toBe('Please enter a valid email address.');
    expect(fieldError(error, 'offers')).toBe('Please keep each offer under 140 characters.');
    expect(fieldError(error, 'name')).toBeUndefined();
    expect(fieldError(new Error('x'), 'email')).toBeUndefined();
  });
});
