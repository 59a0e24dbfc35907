import fc from 'fast-check';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { describe, expect, it } from 'vitest';
import { vtimezoneOffsets } from '../../../src/core/calendar/vtimezone.js';

const ZONE_NAMES = tzlib_get_timezones() as string[];

function component(zoneName: string): string {
  const block = tzlib_get_ical_block(zoneName);
  if (!Array.isArray(block) || block[0] === undefined) throw new Error(`no VTIMEZONE for ${zoneName}`);
  return block[0];
}

/**
 * The instant ical.js reads from a wall-clock time in the zone the same component describes.
 * (It reads wall-clock times to instants; its conversion the other way is off by an hour just
 * before some autumn changes, so that way is not used as a reference.)
 */
function instantByIcalJs(text: string, wallClock: number): number {
  const zone = new ICAL.Timezone(new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${text}\r\nEND:VCALENDAR\r\n`)).getFirstSubcomponent('vtimezone')!);
  const local = new Date(wallClock);
  const time = ICAL.Time.fromData(
    {
      year: local.getUTCFullYear(),
      month: local.getUTCMonth() + 1,
      day: local.getUTCDate(),
      hour: local.getUTCHours(),
      minute: local.getUTCMinutes(),
      second: local.getUTCSeconds(),
      isDate: false,
    },
    zone,
  );
  return time.toUnixTime() * 1000;
}

const HOUR = 3_600_000;

describe('vtimezoneOffsets', () => {
  it('reads every VTIMEZONE timezones-ical-library writes', () => {
    expect(ZONE_NAMES.length).toBeGreaterThan(400);
    const unread = ZONE_NAMES.filter((name) => vtimezoneOffsets(component(name)) === undefined);
    expect(unread).toEqual([]);
  });

  it('agrees with ical.js reading the same component, in every zone, 1971 to 2037', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONE_NAMES),
        fc.integer({ min: Date.UTC(1971, 0, 1) / 1000, max: Date.UTC(2037, 11, 31) / 1000 }),
        (name, second) => {
          const text = component(name);
          const offsetAt = vtimezoneOffsets(text)!;
          const instant = second * 1000;
          const offset = offsetAt(instant);
          // Leave out the wall-clock times the clocks show twice, which ical.js may take either way.
          const shownTwice = [offsetAt(instant - 3 * HOUR), offsetAt(instant + 3 * HOUR)].some(
            (other) => other !== offset && offsetAt(instant + offset - other) === other,
          );
          fc.pre(!shownTwice);
          expect(instantByIcalJs(text, instant + offset)).toBe(instant);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('gives the offsets of the runtime zone data in zones whose rules hold, 2025 to 2037', () => {
    // Not Santiago, say: summer time there ends on the first Sunday on or after 2 April, which its VTIMEZONE writes as the first Sunday.
    const zones = ['Europe/Lisbon', 'America/New_York', 'Australia/Lord_Howe', 'Australia/Sydney', 'Pacific/Chatham', 'Asia/Kolkata', 'Etc/UTC'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2025, 0, 1) / 60_000, max: Date.UTC(2037, 11, 31) / 60_000 }), (name, minute) => {
        const instant = minute * 60_000;
        expect(vtimezoneOffsets(component(name))!(instant)).toBe(DateTime.fromMillis(instant, { zone: name }).offset * 60_000);
      }),
      { numRuns: 2000 },
    );
  });

  it('changes offset at the onset and not a second before', () => {
    const lisbon = vtimezoneOffsets(component('Europe/Lisbon'))!;
    const summerEnds = Date.UTC(2025, 9, 26, 1);
    expect(lisbon(summerEnds - 1000)).toBe(3_600_000);
    expect(lisbon(summerEnds)).toBe(0);
    const lordHowe = vtimezoneOffsets(component('Australia/Lord_Howe'))!;
    const summerStarts = Date.UTC(2025, 9, 4, 15, 30);
    expect(lordHowe(summerStarts - 1000)).toBe(10.5 * 3_600_000);
    expect(lordHowe(summerStarts)).toBe(11 * 3_600_000);
    expect(vtimezoneOffsets(component('Asia/Kolkata'))!(summerStarts)).toBe(5.5 * 3_600_000);
  });

  it('declines what it does not read', () => {
    const lisbon = component('Europe/Lisbon');
    expect(vtimezoneOffsets(lisbon.replace('BYDAY=-1SU', 'BYDAY=-1SU;BYHOUR=2'))).toBeUndefined();
    expect(vtimezoneOffsets(lisbon.replace('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'RDATE:20251026T020000'))).toBeUndefined();
    expect(vtimezoneOffsets(lisbon.replace('TZOFFSETTO:+0000', 'TZOFFSETTO:GMT'))).toBeUndefined();
    expect(vtimezoneOffsets('BEGIN:VTIMEZONE\r\nTZID:Nowhere\r\nEND:VTIMEZONE')).toBeUndefined();
  });
});
