/**
 * Follow-ups: "get back in touch in N days". The clock starts when the follow-up is set and
 * starts again at every contact (a new encounter, or "we were in touch"), so a reminder never
 * nags about someone one has just seen.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export interface FollowUp {
  /** When it was set. */
  setAt: Date;
  days: number;
}

/** The later of the dates, ignoring missing ones; undefined when there is none. */
export function latest(...dates: readonly (Date | null | undefined)[]): Date | undefined {
  let best: Date | undefined;
  for (const date of dates) if (date && (!best || date.getTime() > best.getTime())) best = date;
  return best;
}

/** When the follow-up falls due: `days` after the later of its setting and the last contact. */
export function followUpDueAt(followUp: FollowUp, lastContactAt: Date | null | undefined): Date {
  const from = latest(followUp.setAt, lastContactAt)!;
  return new Date(from.getTime() + followUp.days * DAY_MS);
}

/**
 * The day (YYYY-MM-DD, in `timeZone`) a follow-up falls due: `days` calendar days after the day
 * of the later of its setting and the last contact. Counted in days, not in 24-hour spans, so
 * that a day chosen across a daylight-saving change is still the day shown and the day it is due.
 */
export function followUpDueOn(followUp: FollowUp, lastContactAt: Date | null | undefined, timeZone: string): string {
  return addDays(dayIn(latest(followUp.setAt, lastContactAt)!, timeZone), followUp.days);
}

/** The day `days` after a day (YYYY-MM-DD); calendar arithmetic, free of time zones. */
export function addDays(day: string, days: number): string {
  const start = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(start)) throw new RangeError(`not a day: ${day}`);
  return new Date(start + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a follow-up due on `dueOn` is due on the day `now` falls on in `timeZone`. */
export function isDueOn(dueOn: string, now: Date, timeZone: string): boolean {
  return dueOn <= dayIn(now, timeZone);
}

// Making a formatter costs far more than using one: a list of a thousand people asks for thousands of days.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(instant: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/**
 * The number of days from `now` (as a day in `timeZone`) to the chosen day, at least 1: a
 * follow-up picked as a date is stored as that many days, so that contact can reset it (a
 * follow-up of 0 days would be due again the moment one marked being in touch).
 */
export function daysUntil(day: string, now: Date, timeZone: string): number {
  const today = Date.parse(`${dayIn(now, timeZone)}T00:00:00Z`);
  const chosen = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(chosen)) throw new RangeError(`not a day: ${day}`);
  return Math.max(1, Math.round((chosen - today) / DAY_MS));
}

/** Whether a follow-up due at `dueAt` is due on the day `now` falls on in `timeZone`. */
export function isDue(dueAt: Date, now: Date, timeZone: string): boolean {
  return dayIn(dueAt, timeZone) <= dayIn(now, timeZone);
}
