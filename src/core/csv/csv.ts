/**
 * A strict RFC 4180 reader: what a spreadsheet saves as CSV, and nothing it would not. A file
 * that does not follow the format is refused with the line and cell of the first problem, rather
 * than read as something its author did not mean.
 */

/** A problem in a CSV file: `row` is the line in the file (the header is line 1), `column` the cell, both from 1. */
export class CsvError extends Error {
  constructor(
    readonly row: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

export interface CsvRow {
  /** The line in the file where the row starts (the header is line 1). */
  readonly line: number;
  readonly cells: string[];
}

export interface ParsedCsv {
  /** The first row's cells as written; empty for an empty file. */
  readonly header: string[];
  /** The rows after the header; a row may have fewer cells than the header, never more. */
  readonly rows: CsvRow[];
}

export interface CsvOptions {
  /** One character; `,` unless said otherwise. */
  readonly delimiter?: string;
}

const QUOTE = '"';

/**
 * Reads CSV text: a UTF-8 byte order mark is dropped, lines may end in CRLF, LF or CR, cells in
 * double quotes may hold the delimiter, line breaks and doubled quotes (`""`), and the last line
 * needs no line break. Empty lines are skipped (a cell holding nothing on a line of its own is
 * written `""`). Throws `CsvError` at the first problem.
 */
export function parseCsv(text: string, options: CsvOptions = {}): ParsedCsv {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === QUOTE || delimiter === '\n' || delimiter === '\r') {
    throw new RangeError(`A CSV delimiter is one character other than a quote or a line break, not ${JSON.stringify(delimiter)}.`);
  }
  const length = text.length;
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let header: string[] | undefined;
  const rows: CsvRow[] = [];

  /** Steps over the line break at `at`, if there is one. */
  const skipLineBreak = (): boolean => {
    const char = text[at];
    if (char === '\n') at++;
    else if (char === '\r') at += text[at + 1] === '\n' ? 2 : 1;
    else return false;
    line++;
    return true;
  };

  while (at < length) {
    if (skipLineBreak()) continue;
    const rowLine = line;
    const cells: string[] = [];
    for (;;) {
      const column = cells.length + 1;
      if (header && column > header.length) {
        throw new CsvError(line, column, `this row has more cells than the header (${header.length})`);
      }
      if (text[at] === QUOTE) {
        const openedOn = line;
        let value = '';
        let from = ++at;
        for (;;) {
          if (at >= length) throw new CsvError(openedOn, column, 'a quoted cell is never closed: a " is missing');
          const char = text[at];
          if (char === QUOTE) {
            if (text[at + 1] === QUOTE) {
              value += text.slice(from, at + 1);
              at += 2;
              from = at;
              continue;
            }
            value += text.slice(from, at);
            at++;
            break;
          }
          if (char === '\n' || (char === '\r' && text[at + 1] !== '\n')) line++;
          at++;
        }
        cells.push(value);
        const after = text[at];
        if (at < length && after !== delimiter && after !== '\n' && after !== '\r') {
          throw new CsvError(line, column, `a quoted cell goes on after its closing quote; put the whole cell in quotes and double the quotes inside it ("")`);
        }
      } else {
        const from = at;
        while (at < length) {
          const char = text[at];
          if (char === delimiter || char === '\n' || char === '\r') break;
          if (char === QUOTE) {
            throw new CsvError(line, column, 'a " in a cell that does not start with one; put the whole cell in quotes and double the quotes inside it ("")');
          }
          at++;
        }
        cells.push(text.slice(from, at));
      }
      if (at >= length) break;
      if (text[at] === delimiter) {
        at++;
        continue;
      }
      skipLineBreak();
      break;
    }
    if (header) rows.push({ line: rowLine, cells });
    else header = cells;
  }
  return { header: header ?? [], rows };
}

/**
 * The text of a CSV file's bytes, which must be UTF-8 (with or without a byte order mark). A
 * file saved in another encoding is refused at the first cell that is not UTF-8, so that no name
 * is read with its accents garbled.
 */
export function decodeCsv(bytes: Uint8Array, options: CsvOptions = {}): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const { header, rows } = parseCsv(lossy, options);
    const message = 'this is not UTF-8 text: save the file as UTF-8 (in Excel: "CSV UTF-8")';
    for (const row of [{ line: 1, cells: header }, ...rows]) {
      const column = row.cells.findIndex((cell) => cell.includes('\ufffd'));
      if (column >= 0) throw new CsvError(row.line, column + 1, message);
    }
    throw new CsvError(1, 1, message);
  }
}
