import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { meetingsCalendar, type CalendarInput, type CalendarMeeting } from '../../../src/core/calendar/ics.js';

const NOW = new Date('2025-10-20T08:15:00Z');

function meeting(overrides: Partial<CalendarMeeting> = {}): CalendarMeeting {
  return {
    uid: 'm-1@commonground',
    sequence: 0,
    status: 'CONFIRMED',
    start: new Date('2025-07-10T09:00:00Z'),
    end: new Date('2025-07-10T09:30:00Z'),
    timeZone: 'Europe/Lisbon',
    summary: '1:1 with Ana Lima',
    ...overrides,
  };
}

function calendarOf(meetings: readonly CalendarMeeting[], rest: Partial<CalendarInput> = {}): string {
  return meetingsCalendar({ name: 'My meetings', now: NOW, meetings, ...rest });
}

interface ParsedCalendar {
  readonly root: ICAL.Component;
  readonly events: ICAL.Component[];
  /** The VTIMEZONEs by TZID, each read by ical.js. */
  readonly zones: Map<string, ICAL.Timezone>;
  readonly zoneIds: string[];
}

/** Reads the file with ical.js, with no help from its global time zone registry. */
function parse(text: string): ParsedCalendar {
  const root = new ICAL.Component(ICAL.parse(text));
  expect(root.name).toBe('vcalendar');
  const zones = new Map<string, ICAL.Timezone>();
  const zoneIds: string[] = [];
  for (const component of root.getAllSubcomponents('vtimezone')) {
    const tzid = String(component.getFirstPropertyValue('tzid'));
    zoneIds.push(tzid);
    zones.set(tzid, new ICAL.Timezone(component));
  }
  return { root, events: root.getAllSubcomponents('vevent'), zones, zoneIds };
}

/**
 * The instant a DTSTART or DTEND names: a wall-clock time read through the VTIMEZONE its TZID
 * points to (which must be in the file), or a UTC time.
 */
function instantOf(event: ICAL.Component, name: 'dtstart' | 'dtend', zones: Map<string, ICAL.Timezone>): Date {
  const property = event.getFirstProperty(name);
  if (!property) throw new Error(`no ${name}`);
  const written = property.getFirstValue() as ICAL.Time;
  const tzid = property.getParameter('tzid');
  if (tzid === undefined) {
    expect(written.zone, `${name} has no TZID, so it must be UTC`).toBe(ICAL.Timezone.utcTimezone);
    return new Date(written.toUnixTime() * 1000);
  }
  const zone = zones.get(String(tzid));
  if (!zone) throw new Error(`${name} has TZID ${String(tzid)} but the file has no VTIMEZONE for it`);
  const { year, month, day, hour, minute, second } = written;
  return new Date(ICAL.Time.fromData({ year, month, day, hour, minute, second, isDate: false }, zone).toUnixTime() * 1000);
}

function utcValue(component: ICAL.Component, name: string): Date {
  const property = component.getFirstProperty(name);
  if (!property) throw new Error(`no ${name}`);
  const written = property.getFirstValue() as ICAL.Time;
  expect(written.zone, `${name} is in UTC`).toBe(ICAL.Timezone.utcTimezone);
  return new Date(written.toUnixTime() * 1000);
}

/** NAME and X-WR-CALNAME are text that ical.js leaves escaped, so its text decoder reads them. */
function calendarText(root: ICAL.Component, name: string): string | null {
  const text = (ICAL.design.icalendar.value as Record<string, { fromICAL(raw: string): string }>)['text'];
  const raw = root.getFirstPropertyValue(name);
  return raw === null ? null : text!.fromICAL(String(raw));
}

function wallClockText(time: ICAL.Time): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${time.year}-${two(time.month)}-${two(time.day)} ${two(time.hour)}:${two(time.minute)}:${two(time.second)}`;
}

/** The wall-clock time of `instant` in `timeZone` by the runtime's own zone data, as `wallClockText` writes it. */
function runtimeWallClock(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

function physicalLines(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  return text.slice(0, -2).split('\r\n');
}

function expectWellFormedLines(text: string): void {
  for (const line of physicalLines(text)) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  }
}

describe('meetingsCalendar', () => {
  it('writes one VEVENT per meeting, in order, each stamped with now', () => {
    const meetings = [
      meeting({ uid: 'a@commonground' }),
      meeting({ uid: 'b@commonground', timeZone: 'America/New_York' }),
      meeting({ uid: 'c@commonground', status: 'CANCELLED' }),
    ];
    const { events } = parse(calendarOf(meetings));
    expect(events.map((event) => event.getFirstPropertyValue('uid'))).toEqual(['a@commonground', 'b@commonground', 'c@commonground']);
    for (const event of events) expect(utcValue(event, 'dtstamp')).toEqual(NOW);
  });

  it('writes a valid calendar with no meetings', () => {
    const text = calendarOf([]);
    const { root, events, zoneIds } = parse(text);
    expect(events).toEqual([]);
    expect(zoneIds).toEqual([]);
    expect(root.getFirstPropertyValue('version')).toBe('2.0');
    expect(root.getFirstPropertyValue('prodid')).toBe('-//Common Ground//Meetings//EN');
    expect(calendarText(root, 'x-wr-calname')).toBe('My meetings');
    expectWellFormedLines(text);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  describe('times', () => {
    const cases: { zone: string; tzid: string; start: string; end: string; wallStart: string; wallEnd: string }[] = [
      // Summer time ends at 01:00 UTC: 00:30 WEST to 02:30 WET is three hours, though the clocks say two.
      { zone: 'Europe/Lisbon', tzid: 'Europe/Lisbon', start: '2025-10-25T23:30:00Z', end: '2025-10-26T02:30:00Z', wallStart: '20251026T003000', wallEnd: '20251026T023000' },
      { zone: 'Europe/Lisbon', tzid: 'Europe/Lisbon', start: '2025-07-10T09:00:00Z', end: '2025-07-10T09:45:00Z', wallStart: '20250710T100000', wallEnd: '20250710T104500' },
      { zone: 'Europe/Lisbon', tzid: 'Europe/Lisbon', start: '2026-01-14T16:00:00Z', end: '2026-01-14T16:30:00Z', wallStart: '20260114T160000', wallEnd: '20260114T163000' },
      // Summer time starts at 07:00 UTC: 01:30 EST to 03:30 EDT is one hour.
      { zone: 'America/New_York', tzid: 'America/New_York', start: '2025-03-09T06:30:00Z', end: '2025-03-09T07:30:00Z', wallStart: '20250309T013000', wallEnd: '20250309T033000' },
      // Summer time ends at 06:00 UTC: 00:30 EDT to 02:30 EST is three hours.
      { zone: 'America/New_York', tzid: 'America/New_York', start: '2025-11-02T04:30:00Z', end: '2025-11-02T07:30:00Z', wallStart: '20251102T003000', wallEnd: '20251102T023000' },
      { zone: 'America/New_York', tzid: 'America/New_York', start: '2025-11-20T14:00:00Z', end: '2025-11-20T14:30:00Z', wallStart: '20251120T090000', wallEnd: '20251120T093000' },
      { zone: 'Asia/Kolkata', tzid: 'Asia/Kolkata', start: '2025-01-15T04:30:00Z', end: '2025-01-15T05:00:00Z', wallStart: '20250115T100000', wallEnd: '20250115T103000' },
      // Half an hour of summer time from 15:30 UTC: 01:30 (+10:30) to 03:00 (+11) is one hour.
      { zone: 'Australia/Lord_Howe', tzid: 'Australia/Lord_Howe', start: '2025-10-04T15:00:00Z', end: '2025-10-04T16:00:00Z', wallStart: '20251005T013000', wallEnd: '20251005T030000' },
      // Summer time ends at 15:00 UTC: 01:00 (+11) to 02:30 (+10:30) is two hours.
      { zone: 'Australia/Lord_Howe', tzid: 'Australia/Lord_Howe', start: '2026-04-04T14:00:00Z', end: '2026-04-04T16:00:00Z', wallStart: '20260405T010000', wallEnd: '20260405T023000' },
      { zone: 'Australia/Lord_Howe', tzid: 'Australia/Lord_Howe', start: '2026-01-20T00:00:00Z', end: '2026-01-20T00:20:00Z', wallStart: '20260120T110000', wallEnd: '20260120T112000' },
      { zone: 'UTC', tzid: 'Etc/UTC', start: '2025-10-26T00:30:00Z', end: '2025-10-26T01:30:00Z', wallStart: '20251026T003000', wallEnd: '20251026T013000' },
    ];

    it.each(cases)('$zone $start–$end: venue wall-clock time with a TZID whose VTIMEZONE gives back the instants', (example) => {
      const text = calendarOf([meeting({ timeZone: example.zone, start: new Date(example.start), end: new Date(example.end) })]);
      expect(text).toContain(`\r\nDTSTART;TZID=${example.tzid}:${example.wallStart}\r\n`);
      expect(text).toContain(`\r\nDTEND;TZID=${example.tzid}:${example.wallEnd}\r\n`);
      const { events, zones, zoneIds } = parse(text);
      expect(zoneIds).toEqual([example.tzid]);
      const [event] = events;
      expect(event!.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(example.tzid);
      expect(event!.getFirstProperty('dtend')!.getParameter('tzid')).toBe(example.tzid);
      expect(instantOf(event!, 'dtstart', zones)).toEqual(new Date(example.start));
      expect(instantOf(event!, 'dtend', zones)).toEqual(new Date(example.end));
    });

    it('writes in UTC a meeting that starts or ends in the hour the clocks repeat, which a TZID cannot name', () => {
      // 01:30 in Lisbon happens twice on 26 October 2025: at 00:30 and at 01:30 UTC.
      const repeated = meeting({ start: new Date('2025-10-26T00:30:00Z'), end: new Date('2025-10-26T01:30:00Z') });
      const text = calendarOf([repeated]);
      expect(text).toContain('\r\nDTSTART:20251026T003000Z\r\n');
      expect(text).toContain('\r\nDTEND:20251026T013000Z\r\n');
      const { events, zones, zoneIds } = parse(text);
      expect(zoneIds).toEqual([]);
      expect(instantOf(events[0]!, 'dtstart', zones)).toEqual(repeated.start);
      expect(instantOf(events[0]!, 'dtend', zones)).toEqual(repeated.end);

      // Lord Howe repeats half an hour, 01:30 to 02:00, on 5 April 2026.
      const lordHowe = meeting({ timeZone: 'Australia/Lord_Howe', start: new Date('2026-04-04T14:00:00Z'), end: new Date('2026-04-04T15:15:00Z') });
      expect(calendarOf([lordHowe])).toContain('\r\nDTEND:20260404T151500Z\r\n');
    });

    it('gives back the instants of any meeting, 2010 to 2037, to a reader of the VTIMEZONE and to one with its own zone data', () => {
      // São Paulo, Cairo, Mexico City and Tehran changed their rules in those years, and a VTIMEZONE holds only the present
      // ones; Santiago's VTIMEZONE ends summer time on the first Sunday of April, not on the first on or after 2 April.
      const zones = ['Europe/Lisbon', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC', 'Pacific/Chatham', 'America/Sao_Paulo', 'Africa/Cairo', 'America/Mexico_City', 'Asia/Tehran', 'America/Santiago'];
      let withTzid = 0;
      fc.assert(
        fc.property(
          fc.constantFrom(...zones),
          fc.integer({ min: Date.UTC(2010, 0, 1) / 60_000, max: Date.UTC(2037, 11, 31) / 60_000 }),
          fc.integer({ min: 1, max: 6 * 60 }),
          (timeZone, startMinute, minutes) => {
            const start = new Date(startMinute * 60_000);
            const end = new Date((startMinute + minutes) * 60_000);
            const { events, zones: parsedZones } = parse(calendarOf([meeting({ timeZone, start, end })]));
            const [event] = events;
            expect(instantOf(event!, 'dtstart', parsedZones)).toEqual(start);
            expect(instantOf(event!, 'dtend', parsedZones)).toEqual(end);
            for (const [name, instant] of [['dtstart', start], ['dtend', end]] as const) {
              const property = event!.getFirstProperty(name)!;
              const tzid = property.getParameter('tzid');
              if (tzid === undefined) continue;
              withTzid++;
              expect(wallClockText(property.getFirstValue() as ICAL.Time)).toBe(runtimeWallClock(instant, String(tzid)));
            }
          },
        ),
        { numRuns: 600 },
      );
      // Writing everything in UTC would pass the rest of this test.
      expect(withTzid).toBeGreaterThan(600);
    });

    it('does not depend on the time zone of the machine that writes the file', () => {
      const previous = process.env['TZ'];
      const meetings = [meeting({ timeZone: 'Asia/Kolkata' }), meeting({ timeZone: 'America/New_York' })];
      try {
        process.env['TZ'] = 'Pacific/Kiritimati';
        const fromKiritimati = calendarOf(meetings);
        process.env['TZ'] = 'America/Los_Angeles';
        const fromLosAngeles = calendarOf(meetings);
        expect(fromKiritimati).toBe(fromLosAngeles);
        expect(fromKiritimati).toContain('\r\nDTSTART;TZID=Asia/Kolkata:20250710T143000\r\n');
        expect(fromKiritimati).toContain('\r\nDTSTART;TZID=America/New_York:20250710T050000\r\n');
      } finally {
        if (previous === undefined) delete process.env['TZ'];
        else process.env['TZ'] = previous;
      }
    });

    it('writes one VTIMEZONE per zone used, an alias under its canonical name', () => {
      const { events, zones, zoneIds } = parse(
        calendarOf([
          meeting({ uid: 'a', timeZone: 'Europe/Lisbon' }),
          meeting({ uid: 'b', timeZone: 'America/New_York' }),
          meeting({ uid: 'c', timeZone: 'Europe/Lisbon' }),
          meeting({ uid: 'd', timeZone: 'Asia/Calcutta' }),
          meeting({ uid: 'e', timeZone: 'Asia/Kolkata' }),
        ]),
      );
      expect(zoneIds).toEqual(['Europe/Lisbon', 'America/New_York', 'Asia/Kolkata']);
      expect(events.map((event) => event.getFirstProperty('dtstart')!.getParameter('tzid'))).toEqual([
        'Europe/Lisbon',
        'America/New_York',
        'Europe/Lisbon',
        'Asia/Kolkata',
        'Asia/Kolkata',
      ]);
      for (const event of events) expect(instantOf(event, 'dtstart', zones)).toEqual(meeting().start);
    });

    it('refuses an unknown time zone, naming it', () => {
      for (const timeZone of ['Mars/Olympus_Mons', 'Europe/Lisbonn', '', 'utc', 'Europe/Lisbon ']) {
        expect(() => calendarOf([meeting({ timeZone })])).toThrow(`Unknown time zone ${JSON.stringify(timeZone)}`);
      }
    });
  });

  describe('text', () => {
    const special = fc.constantFrom(',', ';', ':', '\\', '"', "'", '\n', '\r\n', '\r', '\t', ' ', '🧗', '👩🏽‍💻', '🇵🇹', '東京', 'Ана', 'مرحبا', 'नमस्ते', 'é', 'e\u0301', '·', '—', '\\n', '\\,');
    const grapheme = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((character) => !/[\p{Cc}\p{Cs}]/u.test(character));
    const text = (minLength = 0) => fc.string({ unit: fc.oneof(special, grapheme), minLength, maxLength: 60 });
    /** What a reader gets back: iCalendar has one kind of line break. */
    const asRead = (value: string) => value.replace(/\r\n?/g, '\n');

    it('gives back UID, SEQUENCE, STATUS, SUMMARY, LOCATION, DESCRIPTION and URL as written, in lines of at most 75 octets', () => {
      const meetingArbitrary = fc.record({
        uid: text(1),
        sequence: fc.nat(),
        status: fc.constantFrom('CONFIRMED' as const, 'TENTATIVE' as const, 'CANCELLED' as const),
        summary: text(),
        location: fc.option(text(1), { nil: undefined }),
        description: fc.option(text(1), { nil: undefined }),
        url: fc.option(
          fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((url) => !/[,;\\]/.test(new URL(url).href)),
          { nil: undefined },
        ),
      });
      fc.assert(
        fc.property(fc.array(meetingArbitrary, { minLength: 1, maxLength: 3 }), text(), (written, name) => {
          const output = calendarOf(
            written.map((fields) => meeting(fields)),
            { name },
          );
          expectWellFormedLines(output);
          const { root, events } = parse(output);
          // An empty name is left out.
          expect(calendarText(root, 'x-wr-calname')).toBe(name === '' ? null : asRead(name));
          expect(calendarText(root, 'name')).toBe(name === '' ? null : asRead(name));
          expect(events).toHaveLength(written.length);
          events.forEach((event, index) => {
            const fields = written[index]!;
            expect(event.getFirstPropertyValue('uid')).toBe(asRead(fields.uid));
            expect(event.getFirstPropertyValue('sequence')).toBe(fields.sequence);
            expect(event.getFirstPropertyValue('status')).toBe(fields.status);
            expect(event.getFirstPropertyValue('summary')).toBe(asRead(fields.summary));
            expect(event.getFirstPropertyValue('location')).toBe(fields.location === undefined ? null : asRead(fields.location));
            expect(event.getFirstPropertyValue('description')).toBe(fields.description === undefined ? null : asRead(fields.description));
            expect(event.getFirstPropertyValue('url')).toBe(fields.url === undefined ? null : new URL(fields.url).href);
            expect(utcValue(event, 'dtstamp')).toEqual(NOW);
          });
        }),
        { numRuns: 300 },
      );
    });

    it('folds long lines of many-octet characters at 75 octets without splitting a character', () => {
      const summary = `1:1 with ${'Ана Лима 🧗 東京, '.repeat(20)}`;
      const description = '👩🏽‍💻'.repeat(40);
      const output = calendarOf([meeting({ summary, description, location: 'Table 7 · by the window — The Old Library' })]);
      expectWellFormedLines(output);
      expect(physicalLines(output).filter((line) => line.startsWith(' ')).length).toBeGreaterThan(10);
      const [event] = parse(output).events;
      expect(event!.getFirstPropertyValue('summary')).toBe(summary);
      expect(event!.getFirstPropertyValue('description')).toBe(description);
      expect(event!.getFirstPropertyValue('location')).toBe('Table 7 · by the window — The Old Library');
    });

    it('drops control characters iCalendar cannot carry, and leaves out an empty location or description', () => {
      const output = calendarOf([meeting({ summary: 'Ana\u0000 Lima\u0007\u001b\u007f', location: '', description: '\u0001' })]);
      const [event] = parse(output).events;
      expect(event!.getFirstPropertyValue('summary')).toBe('Ana Lima');
      expect(event!.getFirstProperty('location')).toBeNull();
      expect(event!.getFirstProperty('description')).toBeNull();
    });

    it('percent-encodes the commas, semicolons and backslashes of a URL, which a URI value cannot escape', () => {
      const output = calendarOf([meeting({ url: 'https://cg.example/meetings/m-1?at=10,30;table=7' })]);
      expect(output).toContain('\r\nURL;VALUE=URI:https://cg.example/meetings/m-1?at=10%2C30%3Btable=7\r\n');
      expect(parse(output).events[0]!.getFirstPropertyValue('url')).toBe('https://cg.example/meetings/m-1?at=10%2C30%3Btable=7');
    });
  });

  it('marks a cancelled meeting CANCELLED and keeps its SEQUENCE', () => {
    const { events } = parse(calendarOf([meeting({ status: 'CONFIRMED', uid: 'kept' }), meeting({ status: 'CANCELLED', uid: 'gone', sequence: 3 })]));
    expect(events.map((event) => [event.getFirstPropertyValue('uid'), event.getFirstPropertyValue('status'), event.getFirstPropertyValue('sequence')])).toEqual([
      ['kept', 'CONFIRMED', 0],
      ['gone', 'CANCELLED', 3],
    ]);
  });

  it('writes LAST-MODIFIED in UTC, and leaves it out when not given', () => {
    const lastModified = new Date('2025-10-19T21:05:07Z');
    const { events } = parse(calendarOf([meeting({ lastModified, timeZone: 'Asia/Kolkata' }), meeting()]));
    expect(utcValue(events[0]!, 'last-modified')).toEqual(lastModified);
    expect(events[1]!.getFirstProperty('last-modified')).toBeNull();
  });

  it('asks a subscriber to refresh every refreshMinutes, and says nothing of it otherwise', () => {
    const { root } = parse(calendarOf([], { refreshMinutes: 30 }));
    expect(String(root.getFirstPropertyValue('refresh-interval'))).toBe('PT30M');
    expect(root.getFirstPropertyValue('x-published-ttl')).toBe('PT30M');
    const plain = parse(calendarOf([])).root;
    expect(plain.getFirstProperty('refresh-interval')).toBeNull();
    expect(plain.getFirstProperty('x-published-ttl')).toBeNull();
  });

  it('writes the product id given', () => {
    const { root } = parse(calendarOf([], { productId: '-//Example Org//Common Ground 2//EN' }));
    expect(root.getFirstPropertyValue('prodid')).toBe('-//Example Org//Common Ground 2//EN');
  });

  describe('refuses', () => {
    const start = new Date('2025-07-10T09:00:00Z');
    const cases: [string, () => string, string][] = [
      ['an end before the start', () => calendarOf([meeting({ start, end: new Date('2025-07-10T08:00:00Z') })]), 'meetings[0] ends'],
      ['an end at the start', () => calendarOf([meeting({ start, end: new Date(start.getTime() + 400) })]), 'meetings[0] ends'],
      ['an invalid start', () => calendarOf([meeting({ start: new Date(Number.NaN) })]), 'meetings[0].start is not a valid date'],
      ['an invalid now', () => meetingsCalendar({ name: 'x', now: new Date(Number.NaN), meetings: [] }), 'now is not a valid date'],
      ['a negative sequence', () => calendarOf([meeting(), meeting({ sequence: -1 })]), 'meetings[1].sequence'],
      ['a fractional sequence', () => calendarOf([meeting({ sequence: 1.5 })]), 'meetings[0].sequence'],
      ['an empty UID', () => calendarOf([meeting({ uid: '' })]), 'meetings[0].uid is empty'],
      ['a relative URL', () => calendarOf([meeting({ url: '/meetings/m-1' })]), 'meetings[0].url is not an absolute URL'],
      ['a product id that is not a formal public identifier', () => calendarOf([], { productId: 'Common Ground' }), 'formal public identifier'],
      ['refreshMinutes of 0', () => calendarOf([], { refreshMinutes: 0 }), 'refreshMinutes'],
    ];
    it.each(cases)('%s', (_name, write, message) => {
      expect(write).toThrow(message);
    });
  });
});
