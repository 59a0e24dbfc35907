/**
 * iCalendar (RFC 5545) files of 1:1 meetings, for "add to calendar" and for a subscription feed.
 * A meeting's start and end are written as the venue's wall-clock time with a TZID and the
 * matching VTIMEZONE, so a calendar app shows the time on the venue's clocks and still places the
 * meeting right on a phone set to another zone. ical-generator writes the file, the VTIMEZONEs
 * come from timezones-ical-library, and Luxon (the runtime's zone data) gives wall-clock times.
 */
import { ICalCalendar, ICalEventStatus, escape } from 'ical-generator';
import { DateTime, IANAZone } from 'luxon';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import { vtimezoneOffsets, type OffsetAt } from './vtimezone.js';

export interface CalendarMeeting {
  /** Stable for the meeting across every file it appears in, e.g. `${meetingId}@commonground`. */
  readonly uid: string;
  /** RFC 5545 SEQUENCE: 0 at first, one more each time the time or place changes. */
  readonly sequence: number;
  readonly status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** Instants, written to the second (milliseconds are dropped); `end` is later than `start`. */
  readonly start: Date;
  readonly end: Date;
  /** The IANA name of the event's zone, e.g. `Europe/Lisbon`. */
  readonly timeZone: string;
  /** E.g. "1:1 with Ana Lima". */
  readonly summary: string;
  /** E.g. "Table 7 · by the window — The Old Library"; an empty one is left out. */
  readonly location?: string;
  /** An empty one is left out. */
  readonly description?: string;
  /** An absolute link back to the meeting in the app. */
  readonly url?: string;
  readonly lastModified?: Date;
}

export interface CalendarInput {
  /** Written as NAME and X-WR-CALNAME. */
  readonly name: string;
  /** A formal public identifier starting with `-//`; `-//Common Ground//Meetings//EN` unless said otherwise. */
  readonly productId?: string;
  /** The moment the file is written, its DTSTAMP. */
  readonly now: Date;
  readonly meetings: readonly CalendarMeeting[];
  /** For a subscription feed: how often a calendar app should fetch it again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  readonly refreshMinutes?: number;
}

const DEFAULT_PRODUCT_ID = '-//Common Ground//Meetings//EN';

const STATUSES: Record<CalendarMeeting['status'], ICalEventStatus> = {
  CONFIRMED: ICalEventStatus.CONFIRMED,
  TENTATIVE: ICalEventStatus.TENTATIVE,
  CANCELLED: ICalEventStatus.CANCELLED,
};

const ZONES_WITH_DEFINITIONS: ReadonlySet<string> = new Set(listOf(tzlib_get_timezones()));

/** A zone as the file names it (the canonical IANA name for an alias), its VTIMEZONE component and the offsets that gives. */
interface ZoneDefinition {
  readonly tzid: string;
  readonly vtimezone: string;
  readonly vtimezoneOffsetAt: OffsetAt | undefined;
}

/**
 * The whole VCALENDAR text for `input.meetings`, in their order, with one VTIMEZONE for each
 * zone their times are written in: CRLF line endings, lines folded at 75 octets. A meeting whose
 * start or end the venue's wall-clock time cannot name exactly (see `namedByWallClock`) is
 * written in UTC instead. Throws a RangeError naming the problem for an unknown time zone, an
 * invalid date, an end not after its start, a negative or fractional sequence, an empty UID or a
 * URL that is not absolute.
 *
 * Text may hold any Unicode; a line break is written as one (`\r\n` and `\r` become `\n`), and
 * control characters other than tab and line breaks, which iCalendar has no way to carry, are
 * dropped. A URL is written as `new URL(url).href` gives it, with `,` `;` `\` percent-encoded.
 */
export function meetingsCalendar(input: CalendarInput): string {
  checkInstant(input.now, 'now');
  const productId = input.productId ?? DEFAULT_PRODUCT_ID;
  if (!productId.startsWith('-//')) {
    throw new RangeError(`A product id is a formal public identifier such as ${JSON.stringify(DEFAULT_PRODUCT_ID)}, not ${JSON.stringify(productId)}.`);
  }
  const refreshMinutes = input.refreshMinutes;
  if (refreshMinutes !== undefined && !(Number.isSafeInteger(refreshMinutes) && refreshMinutes > 0)) {
    throw new RangeError(`refreshMinutes is a whole number of minutes above 0, not ${refreshMinutes}.`);
  }

  const vtimezones = new Map<string, string>();

  const calendar = new ICalCalendar({
    // ical-generator writes these two as given, so they are escaped here; it adds PRODID's leading "-".
    prodId: escape(plainText(productId.slice(1)), false),
    name: escape(plainText(input.name), false),
    timezone: { name: null, generator: (tzid) => vtimezones.get(tzid) ?? null },
    ttl: refreshMinutes === undefined ? null : refreshMinutes * 60,
  });

  input.meetings.forEach((meeting, index) => {
    const at = `meetings[${index}]`;
    checkInstant(meeting.start, `${at}.start`);
    checkInstant(meeting.end, `${at}.end`);
    if (wholeSeconds(meeting.end) <= wholeSeconds(meeting.start)) {
      throw new RangeError(`${at} ends (${meeting.end.toISOString()}) no later than it starts (${meeting.start.toISOString()}).`);
    }
    if (!(Number.isSafeInteger(meeting.sequence) && meeting.sequence >= 0)) {
      throw new RangeError(`${at}.sequence is a whole number from 0, not ${meeting.sequence}.`);
    }
    if (meeting.lastModified !== undefined) checkInstant(meeting.lastModified, `${at}.lastModified`);
    const uid = plainText(meeting.uid);
    if (uid === '') throw new RangeError(`${at}.uid is empty.`);
    const zone = zoneDefinition(meeting.timeZone);
    const { tzid } = zone;
    const onWallClock = namedByWallClock(meeting.start, zone) && namedByWallClock(meeting.end, zone);
    if (onWallClock) vtimezones.set(tzid, zone.vtimezone);
    const location = plainText(meeting.location ?? '');
    const description = plainText(meeting.description ?? '');

    calendar.createEvent({
      // ical-generator writes UID as given, so it is escaped here like any other text.
      id: escape(uid, false),
      sequence: meeting.sequence,
      status: STATUSES[meeting.status],
      stamp: input.now,
      timezone: onWallClock ? tzid : null,
      start: DateTime.fromJSDate(meeting.start, { zone: tzid }),
      end: DateTime.fromJSDate(meeting.end, { zone: tzid }),
      summary: plainText(meeting.summary),
      location: location === '' ? null : location,
      description: description === '' ? null : description,
      url: meeting.url === undefined ? null : uriValue(meeting.url, `${at}.url`),
      lastModified: meeting.lastModified ?? null,
    });
  });

  // RFC 5545 ends every content line with CRLF, the last one too.
  return `${calendar.toString()}\r\n`;
}

/**
 * The VTIMEZONE of `timeZone` and the name it goes by. Zones are checked against both the
 * VTIMEZONE data and the runtime's own zone data, which turns instants into wall-clock times.
 */
function zoneDefinition(timeZone: string): ZoneDefinition {
  const block = ZONES_WITH_DEFINITIONS.has(timeZone) ? tzlib_get_ical_block(timeZone) : undefined;
  const [vtimezone, tzidParameter] = Array.isArray(block) ? block : [];
  const tzid = tzidParameter?.startsWith('TZID=') ? tzidParameter.slice('TZID='.length) : undefined;
  if (vtimezone === undefined || tzid === undefined || !vtimezone.includes(`\nTZID:${tzid}\r\n`) || !IANAZone.isValidZone(tzid)) {
    throw new RangeError(`Unknown time zone ${JSON.stringify(timeZone)}: a meeting's time zone is an IANA name such as "Europe/Lisbon".`);
  }
  return { tzid, vtimezone, vtimezoneOffsetAt: vtimezoneOffsets(vtimezone) };
}

const DAY_MS = 86_400_000;

/**
 * Whether the wall-clock time of `instant` in the zone, with its TZID, names `instant` for every
 * reader: the VTIMEZONE written and the runtime's zone data agree on the offset, and the clocks
 * show that time only once. The hour repeated when summer time ends is named by RFC 5545 as its
 * first occurrence and by calendar apps as each likes; a VTIMEZONE only knows a zone's present
 * rules, so an old meeting in a zone whose rules changed may not fit it. Such a meeting is
 * written in UTC, which every reader takes the same way.
 */
function namedByWallClock(instant: Date, zone: ZoneDefinition): boolean {
  const fromVtimezone = zone.vtimezoneOffsetAt;
  if (!fromVtimezone) return false;
  const fromRuntime: OffsetAt = (at) => DateTime.fromMillis(at, { zone: zone.tzid }).offset * 60_000;
  const at = instant.getTime();
  const offset = fromRuntime(at);
  return fromVtimezone(at) === offset && !hasTwin(at, offset, fromVtimezone) && !hasTwin(at, offset, fromRuntime);
}

/** Whether another instant near `at` shows the same wall-clock time. */
function hasTwin(at: number, offset: number, offsetAt: OffsetAt): boolean {
  const wallClock = at + offset;
  return [offsetAt(at - DAY_MS), offsetAt(at + DAY_MS)].some((other) => {
    const twin = wallClock - other;
    return twin !== at && offsetAt(twin) === other;
  });
}

function listOf(names: string[] | string): string[] {
  return Array.isArray(names) ? names : [];
}

function checkInstant(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`${name} is not a valid date.`);
  }
}

function wholeSeconds(instant: Date): number {
  return Math.floor(instant.getTime() / 1000);
}

/** `text` without what iCalendar cannot carry: ASCII controls other than tab and line breaks, and unpaired surrogates. */
function plainText(text: string): string {
  let kept = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) continue;
    kept += code >= 0xd800 && code <= 0xdfff ? '\ufffd' : character;
  }
  return kept;
}

/**
 * `url` as an iCalendar URI value. Such a value is never backslash-escaped, but ical-generator
 * escapes `,` `;` and `\` in it, so those are percent-encoded first, which leaves nothing to
 * escape.
 */
function uriValue(url: string, name: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`${name} is not an absolute URL: ${JSON.stringify(url)}.`);
  }
  return parsed.href.replaceAll(',', '%2C').replaceAll(';', '%3B').replaceAll('\\', '%5C');
}
