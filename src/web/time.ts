// Event times are stored in UTC and always shown in the event's own time zone, so that a
// person planning from abroad sees the times the venue's clocks will show.

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockAt(instant: number, timeZone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 1970,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: (values.hour ?? 0) % 24,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

/** How far the zone's clocks are ahead of UTC at this instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClockAt(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A `datetime-local` value ("2026-05-14T18:00") read as a wall-clock time in `timeZone`, as an
 * ISO 8601 UTC string. A time skipped by a daylight-saving change moves forward by the gap;
 * a time that happens twice takes the earlier one.
 */
export function zonedLocalToUtcIso(local: string, timeZone: string): string | undefined {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  // Two passes settle the offset on either side of a daylight-saving change.
  const firstGuess = asUtc - offsetAt(asUtc, timeZone);
  const earlierOffset = offsetAt(firstGuess - 3 * 3_600_000, timeZone);
  const laterOffset = offsetAt(firstGuess + 3 * 3_600_000, timeZone);
  const candidates = [asUtc - earlierOffset, asUtc - laterOffset].filter((instant) => {
    const wall = wallClockAt(instant, timeZone);
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) === asUtc;
  });
  const instant = candidates.length > 0 ? Math.min(...candidates) : asUtc - earlierOffset;
  return new Date(instant).toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` value on the clocks of `timeZone`. */
export function utcToZonedLocal(iso: string, timeZone: string): string {
  const wall = wallClockAt(Date.parse(iso), timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** "Thu, May 14, 6:00 – 9:00 PM CEST": an event's span on the clocks of its own zone. */
export function formatEventSpan(startsAt: string, endsAt: string, timeZone: string, locale?: string): string {
  const formatter = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  try {
    return formatter.formatRange(start, end);
  } catch {
    return `${formatter.format(start)} – ${formatter.format(end)}`;
  }
}

/** A short date for lists ("May 14, 2026"), on the clocks of the event's zone. */
export function formatDay(iso: string, timeZone?: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(iso));
}

/** Every IANA zone the browser knows, with the given one included even when it is an alias. */
export function timeZones(include: string[] = []): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = ['UTC'];
  }
  const all = new Set(zones);
  for (const zone of include) if (zone) all.add(zone);
  if (!all.has('UTC')) all.add('UTC');
  return [...all].sort((a, b) => a.localeCompare(b));
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const slotFormatters = new Map<string, Intl.DateTimeFormat>();

function slotFormatter(timeZone: string, withDay: boolean, withZone: boolean, locale?: string): Intl.DateTimeFormat {
  const key = `${timeZone}|${withDay}|${withZone}|${locale ?? ''}`;
  let formatter = slotFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone,
      ...(withDay ? { weekday: 'short', month: 'short', day: 'numeric' } : {}),
      hour: 'numeric',
      minute: '2-digit',
      ...(withZone ? { timeZoneName: 'short' } : {}),
    });
    slotFormatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Whether times in `timeZone` need its name beside them: only when the person's own clocks
 * (the browser's zone) show something else.
 */
export function zoneDiffers(timeZone: string): boolean {
  return browserTimeZone() !== timeZone;
}

/**
 * A meeting slot on the clocks of the event's zone: "Thu, May 14, 6:00 – 6:20 PM", or the times
 * alone ("6:00 – 6:20 PM") under a day heading. The zone's name follows when it is not the
 * person's own.
 */
export function formatSlotRange(
  startsAt: string,
  endsAt: string,
  timeZone: string,
  options: { withDay?: boolean; locale?: string } = {},
): string {
  const formatter = slotFormatter(timeZone, options.withDay ?? true, zoneDiffers(timeZone), options.locale);
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  try {
    return formatter.formatRange(start, end);
  } catch {
    return `${formatter.format(start)} – ${formatter.format(end)}`;
  }
}

/** "Thu, May 14": the day of an instant on the clocks of `timeZone`, for headings over slots. */
export function formatWeekday(iso: string, timeZone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(iso));
}

/** "Nov 14, 6:05 PM": when something happened (a request, a "we met"), on the event's clocks. */
export function formatMoment(iso: string, timeZone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** The day of an instant in `timeZone`, as "2026-05-14", to group slots by day. */
export function dayKey(iso: string, timeZone: string): string {
  return utcToZonedLocal(iso, timeZone).slice(0, 10);
}
