import { readFileSync } from 'node:fs';
import { CsvError, decodeCsv } from '../core/csv/csv.js';
import { badInput, BAD_INPUT, CliError } from './errors.js';

/** A problem at a place in an input file, reported as `people.csv:14:3: message` (CONTRACTS.md). */
export class InputFileError extends CliError {
  constructor(file: string, row: number, column: number, message: string) {
    super(`${file}:${row}:${column}: ${message}`, BAD_INPUT);
    this.name = 'InputFileError';
  }
}

const READ_FAILURES: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a folder, not a file',
};

/**
 * Reads a CSV file given on the command line and hands its text to `read` (a reader from
 * core/csv). A file that cannot be read, is not UTF-8 or does not read is bad input (exit 2).
 */
export function readCsvFile<T>(file: string, read: (text: string) => T): T {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw badInput(`cannot read ${file}: ${READ_FAILURES[code] ?? (error as Error).message}`);
  }
  try {
    return read(decodeCsv(bytes));
  } catch (error) {
    if (error instanceof CsvError) throw new InputFileError(file, error.row, error.column, error.message);
    throw error;
  }
}
