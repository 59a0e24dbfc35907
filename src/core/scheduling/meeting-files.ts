/**
 * The files of the offline scheduler (CONTRACTS.md): meeting requests `a,b`, availability
 * `id,slot` (slots from 1) and the schedule `a,b,slot,table` (slots and tables from 1).
 */
import { CsvError, parseCsv, type CsvRow } from '../csv/csv.js';

export interface MeetingRequestRow {
  /** The line in the file where the request's row starts. */
  readonly line: number;
  readonly a: string;
  readonly b: string;
}

export interface AvailabilityRow {
  readonly line: number;
  readonly id: string;
  /** As written: from 1. */
  readonly slot: number;
}

/** The columns named in `names`, by header (any case, any order; other columns are ignored). */
export function columnsOf<Name extends string>(header: readonly string[], names: readonly Name[], example: string): Map<Name, number> {
  if (header.length === 0) throw new CsvError(1, 1, `the file is empty: its first line must be a header with ${example}`);
  const position = new Map<Name, number>();
  header.forEach((title, index) => {
    const name = title.trim().toLowerCase() as Name;
    if (!names.includes(name)) return;
    const first = position.get(name);
    if (first !== undefined) throw new CsvError(1, index + 1, `two columns are named "${name}" (columns ${first + 1} and ${index + 1})`);
    position.set(name, index);
  });
  for (const name of names) {
    if (!position.has(name)) throw new CsvError(1, 1, `the header has no "${name}" column: it needs ${example}`);
  }
  return position;
}

/** Rows that hold something: spreadsheets save blank rows as ",,". */
export const filledRows = (rows: readonly CsvRow[]) => rows.filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));

/**
 * The requests of a requests CSV, in file order: two ids each, never the same, and no pair twice
 * (in either order). Throws `CsvError` at the first problem, with its line and cell.
 */
export function readMeetingRequestsCsv(text: string): MeetingRequestRow[] {
  const { header, rows } = parseCsv(text);
  const columns = columnsOf(header, ['a', 'b'], 'a and b, the ids of the two people');
  const aColumn = columns.get('a')!;
  const bColumn = columns.get('b')!;
  const firstLineOf = new Map<string, number>();
  const requests = filledRows(rows).map(({ line, cells }): MeetingRequestRow => {
    const a = (cells[aColumn] ?? '').trim();
    const b = (cells[bColumn] ?? '').trim();
    if (a === '') throw new CsvError(line, aColumn + 1, 'the id is empty');
    if (b === '') throw new CsvError(line, bColumn + 1, 'the id is empty');
    if (a === b) throw new CsvError(line, bColumn + 1, `${JSON.stringify(a)} cannot meet themselves`);
    const pair = JSON.stringify(a < b ? [a, b] : [b, a]);
    const earlier = firstLineOf.get(pair);
    if (earlier !== undefined) {
      throw new CsvError(line, aColumn + 1, `${JSON.stringify(a)} and ${JSON.stringify(b)} are already asked to meet on line ${earlier}`);
    }
    firstLineOf.set(pair, line);
    return { line, a, b };
  });
  if (requests.length === 0) throw new CsvError(2, 1, 'no requests in the file: it has a header and no rows');
  return requests;
}

/**
 * The rows of an availability CSV: a person's id and a slot they are free in, a whole number
 * from 1 to `slots`. Throws `CsvError` at the first problem.
 */
export function readAvailabilityCsv(text: string, slots: number): AvailabilityRow[] {
  const { header, rows } = parseCsv(text);
  const columns = columnsOf(header, ['id', 'slot'], 'id and slot, a person and a slot they are free in');
  const idColumn = columns.get('id')!;
  const slotColumn = columns.get('slot')!;
  return filledRows(rows).map(({ line, cells }) => {
    const id = (cells[idColumn] ?? '').trim();
    if (id === '') throw new CsvError(line, idColumn + 1, 'the id is empty');
    const written = (cells[slotColumn] ?? '').trim();
    const slot = /^\d+$/.test(written) ? Number(written) : NaN;
    if (!(slot >= 1 && slot <= slots)) {
      throw new CsvError(line, slotColumn + 1, `the slot must be a whole number from 1 to ${slots}, not ${JSON.stringify(written)}`);
    }
    return { line, id, slot };
  });
}

/**
 * A cell as a spreadsheet will not run it: one starting with = + - or @ would be read as a
 * formula, so it gets a leading apostrophe; quoted when it holds a comma, a quote or a line break.
 */
export function spreadsheetCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export interface ScheduledRequest {
  readonly a: string;
  readonly b: string;
  /** From 0, as the scheduler gives them; null when not scheduled. */
  readonly placement: { slot: number; table: number } | null;
}

/** The schedule CSV: `a,b,slot,table`, slots and tables from 1, empty when not scheduled; CRLF as RFC 4180 says. */
export function scheduleCsv(requests: readonly ScheduledRequest[]): string {
  const lines = ['a,b,slot,table'];
  for (const { a, b, placement } of requests) {
    const where = placement ? `${placement.slot + 1},${placement.table + 1}` : ',';
    lines.push(`${spreadsheetCell(a)},${spreadsheetCell(b)},${where}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
