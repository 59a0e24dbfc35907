/**
 * The figures as a CSV file for spreadsheets: `section,subject,measure,value`, one figure a row,
 * RFC 4180 quoting and CRLF. Any cell a spreadsheet could run as a formula — one starting with
 * = + - @, a tab or a carriage return — starts with an apostrophe instead, so that an interest
 * or a mixer named "=HYPERLINK(…)" stays text.
 */
import type { InsightsFigures } from './figures.js';

export const FIGURES_CSV_HEADER = ['section', 'subject', 'measure', 'value'] as const;

/** One cell, safe to open in a spreadsheet and quoted as RFC 4180 asks. */
export function safeCsvCell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value;
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A share as a decimal with up to four places ("0.0417"); empty when there is nothing to share. */
function share(value: number | null): string {
  return value === null ? '' : String(Math.round(value * 10_000) / 10_000);
}

export function figuresCsv(figures: InsightsFigures): string {
  const rows: (string | number)[][] = [[...FIGURES_CSV_HEADER]];
  const people = (measure: string, value: number) => rows.push(['people', '', measure, value]);
  people('attendees', figures.attendees);
  people('organizers', figures.organizers);
  people('pairs who met', figures.pairsMet);
  people('pairs who met for the first time', figures.newPairs);
  people('attendees who met someone', figures.attendeesWhoMet);
  people('attendees with at least 1 new encounter', figures.attendeesWithNew.atLeastOne);
  people('attendees with at least 3 new encounters', figures.attendeesWithNew.atLeastThree);
  rows.push(['meetings', '', 'requested', figures.meetings.requested]);
  rows.push(['meetings', '', 'accepted', figures.meetings.accepted]);
  rows.push(['meetings', '', 'held', figures.meetings.held]);
  rows.push(['mixers', 'all mixers', 'pairs who shared a table', figures.mixers.distinctPairs]);
  rows.push(['mixers', 'all mixers', 'pairs who shared a table more than once', figures.mixers.repeatedPairs]);
  rows.push(['mixers', 'all mixers', 'repeat rate', share(figures.mixers.repeatRate)]);
  for (const mixer of figures.mixers.each) {
    rows.push(['mixer', mixer.name, 'rounds played', mixer.roundsPlayed]);
    rows.push(['mixer', mixer.name, 'pairs who shared a table', mixer.distinctPairs]);
    rows.push(['mixer', mixer.name, 'pairs who shared a table more than once', mixer.repeatedPairs]);
    rows.push(['mixer', mixer.name, 'repeat rate', share(mixer.repeatRate)]);
  }
  for (const { interest, people: count } of figures.interests.mostHeld) rows.push(['interest held', interest, 'people', count]);
  for (const { interest, pairs } of figures.interests.mostInCommon) rows.push(['interest in common', interest, 'pairs who met', pairs]);
  return `${rows.map((row) => row.map(safeCsvCell).join(',')).join('\r\n')}\r\n`;
}
