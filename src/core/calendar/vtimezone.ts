/**
 * What UTC offset a VTIMEZONE component gives at an instant, for the shapes timezones-ical-library
 * writes: one STANDARD observance that never changes, or observances that recur yearly on the
 * nth (or nth-last) weekday of a month. Used to check that a wall-clock time written with a TZID
 * names the same instant for a reader that goes by the VTIMEZONE as for one that goes by its own
 * zone data.
 */

/** The offset in milliseconds (local time minus UTC) at an instant in milliseconds since the epoch. */
export type OffsetAt = (instant: number) => number;

interface Observance {
  /** Offsets in milliseconds before and after the observance begins. */
  readonly offsetFrom: number;
  readonly offsetTo: number;
  /** The first onset, as wall-clock time in `offsetFrom` read as if it were UTC. */
  readonly firstOnset: number;
  readonly yearly?: YearlyRule;
}

/** RRULE:FREQ=YEARLY;BYMONTH=month;BYDAY=<nth><weekday>, the onset at the time of day of DTSTART. */
interface YearlyRule {
  readonly month: number;
  /** 0 for Sunday. */
  readonly weekday: number;
  /** 1 to 5 from the start of the month, -1 to -5 from its end. */
  readonly nth: number;
  readonly timeOfDay: number;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const YEARLY_RULE = /^FREQ=YEARLY;BYMONTH=(\d{1,2});BYDAY=([+-]?[1-5])(SU|MO|TU|WE|TH|FR|SA)$/;
const DATE_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/;
const OFFSET = /^([+-])(\d{2})(\d{2})(\d{2})?$/;

/**
 * The offsets `component` (BEGIN:VTIMEZONE … END:VTIMEZONE) gives, or undefined when it has
 * anything this does not read (RDATE, other recurrence rules), so that a caller can take the safe
 * way instead.
 */
export function vtimezoneOffsets(component: string): OffsetAt | undefined {
  const lines = component.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const observances: Observance[] = [];
  let open: Map<string, string> | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:STANDARD' || line === 'BEGIN:DAYLIGHT') {
      if (open) return undefined;
      open = new Map();
    } else if (line === 'END:STANDARD' || line === 'END:DAYLIGHT') {
      const observance = open && observanceOf(open);
      if (!observance) return undefined;
      observances.push(observance);
      open = undefined;
    } else if (open) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon);
      if (colon < 0 || open.has(name)) return undefined;
      open.set(name, line.slice(colon + 1));
    }
  }
  if (open || observances.length === 0) return undefined;

  return (instant) => {
    const year = new Date(instant).getUTCFullYear();
    let latest: { onset: number; offset: number } | undefined;
    let earliest: { onset: number; offset: number } | undefined;
    for (const observance of observances) {
      for (const onset of onsetsAround(observance, year)) {
        if (onset <= instant && (!latest || onset > latest.onset)) latest = { onset, offset: observance.offsetTo };
        if (!earliest || onset < earliest.onset) earliest = { onset, offset: observance.offsetFrom };
      }
    }
    // Before the first onset the zone keeps the offset that onset leaves.
    return (latest ?? earliest)?.offset ?? 0;
  };
}

function observanceOf(properties: Map<string, string>): Observance | undefined {
  const offsetFrom = offsetOf(properties.get('TZOFFSETFROM'));
  const offsetTo = offsetOf(properties.get('TZOFFSETTO'));
  const start = DATE_TIME.exec(properties.get('DTSTART') ?? '');
  const known = new Set(['TZOFFSETFROM', 'TZOFFSETTO', 'DTSTART', 'RRULE', 'TZNAME', 'COMMENT']);
  if (offsetFrom === undefined || offsetTo === undefined || !start || [...properties.keys()].some((name) => !known.has(name))) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = start.slice(1).map(Number) as [number, number, number, number, number, number];
  const firstOnset = Date.UTC(year, month - 1, day, hour, minute, second);
  const rule = properties.get('RRULE');
  if (rule === undefined) return { offsetFrom, offsetTo, firstOnset };
  const parts = YEARLY_RULE.exec(rule);
  if (!parts) return undefined;
  const yearly: YearlyRule = {
    month: Number(parts[1]),
    nth: Number(parts[2]),
    weekday: WEEKDAYS.indexOf(parts[3]!),
    timeOfDay: ((hour * 60 + minute) * 60 + second) * 1000,
  };
  return { offsetFrom, offsetTo, firstOnset, yearly };
}

function offsetOf(text: string | undefined): number | undefined {
  const parts = OFFSET.exec(text ?? '');
  if (!parts) return undefined;
  const magnitude = ((Number(parts[2]) * 60 + Number(parts[3])) * 60 + Number(parts[4] ?? 0)) * 1000;
  return parts[1] === '-' ? -magnitude : magnitude;
}

/** The observance's onsets, as UTC instants, in the years around `year`. */
function onsetsAround(observance: Observance, year: number): number[] {
  const { yearly, offsetFrom, firstOnset } = observance;
  if (!yearly) return [firstOnset - offsetFrom];
  const onsets: number[] = [];
  for (const candidateYear of [year - 1, year, year + 1]) {
    const day = nthWeekday(candidateYear, yearly.month, yearly.weekday, yearly.nth);
    if (day === undefined) continue;
    const local = Date.UTC(candidateYear, yearly.month - 1, day) + yearly.timeOfDay;
    if (local >= firstOnset) onsets.push(local - offsetFrom);
  }
  return onsets;
}

/** The day of the month of its `nth` `weekday` (negative: counted from the end), if there is one. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): number | undefined {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (nth > 0) {
    const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    const day = 1 + ((weekday - firstWeekday + 7) % 7) + (nth - 1) * 7;
    return day <= daysInMonth ? day : undefined;
  }
  const lastWeekday = new Date(Date.UTC(year, month - 1, daysInMonth)).getUTCDay();
  const day = daysInMonth - ((lastWeekday - weekday + 7) % 7) - (-nth - 1) * 7;
  return day >= 1 ? day : undefined;
}
