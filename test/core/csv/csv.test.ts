import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, decodeCsv, parseCsv } from '../../../src/core/csv/csv.js';

/** The CsvError `run` throws, as `{row, column, message}`. */
function errorOf(run: () => unknown): { row: number; column: number; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof CsvError) return { row: error.row, column: error.column, message: error.message };
    throw error;
  }
  throw new Error('expected a CsvError');
}

/** A writer of its own for the round trip: quotes a cell only when it has to. */
function writeCsv(rows: readonly (readonly string[])[], lineBreak: string): string {
  const cell = (value: string, alone: boolean) =>
    /[",\r\n]/.test(value) || value.startsWith('\ufeff') || (alone && value === '') ? `"${value.replaceAll('"', '""')}"` : value;
  return rows.map((row) => row.map((value) => cell(value, row.length === 1)).join(',')).join(lineBreak);
}

describe('parseCsv', () => {
  it('reads a header and rows, with the line each row starts on', () => {
    expect(parseCsv('id,name\n1,Ana\n2,Bo\n')).toEqual({
      header: ['id', 'name'],
      rows: [
        { line: 2, cells: ['1', 'Ana'] },
        { line: 3, cells: ['2', 'Bo'] },
      ],
    });
  });

  it('takes CRLF, LF and CR line breaks, a BOM, and no final line break', () => {
    const expected = { header: ['a', 'b'], rows: [{ line: 2, cells: ['1', '2'] }, { line: 3, cells: ['3', '4'] }] };
    expect(parseCsv('a,b\r\n1,2\r\n3,4')).toEqual(expected);
    expect(parseCsv('a,b\r1,2\r3,4\r')).toEqual(expected);
    expect(parseCsv('\ufeffa,b\n1,2\r\n3,4\n')).toEqual(expected);
  });

  it('reads quoted cells with delimiters, doubled quotes and line breaks, and counts lines inside them', () => {
    const text = 'id,note\n1,"one, two"\n2,"she said ""hi"""\n3,"first\r\nsecond\nthird"\n4,""\n5,last';
    const { rows } = parseCsv(text);
    expect(rows).toEqual([
      { line: 2, cells: ['1', 'one, two'] },
      { line: 3, cells: ['2', 'she said "hi"'] },
      { line: 4, cells: ['3', 'first\r\nsecond\nthird'] },
      { line: 7, cells: ['4', ''] },
      { line: 8, cells: ['5', 'last'] },
    ]);
  });

  it('keeps empty cells, skips empty lines, and allows rows shorter than the header', () => {
    expect(parseCsv('a,b,c\n,,\n\n1\n\r\n\n')).toEqual({
      header: ['a', 'b', 'c'],
      rows: [
        { line: 2, cells: ['', '', ''] },
        { line: 4, cells: ['1'] },
      ],
    });
    expect(parseCsv('a,b\n1,\n')).toEqual({ header: ['a', 'b'], rows: [{ line: 2, cells: ['1', ''] }] });
    expect(parseCsv('a\n""\n')).toEqual({ header: ['a'], rows: [{ line: 2, cells: [''] }] });
  });

  it('reads an empty file, or one with only a BOM, as no header and no rows', () => {
    expect(parseCsv('')).toEqual({ header: [], rows: [] });
    expect(parseCsv('\ufeff')).toEqual({ header: [], rows: [] });
    expect(parseCsv('\n\n')).toEqual({ header: [], rows: [] });
  });

  it('takes another delimiter when asked', () => {
    expect(parseCsv('a;b\n"1;2";3', { delimiter: ';' }).rows).toEqual([{ line: 2, cells: ['1;2', '3'] }]);
    expect(() => parseCsv('a', { delimiter: '"' })).toThrow(RangeError);
  });

  it('points at the line and cell where a quote is never closed', () => {
    expect(errorOf(() => parseCsv('id,name\n1,Ana\n2,"Bo\n3,Cy\n'))).toEqual({
      row: 3,
      column: 2,
      message: 'a quoted cell is never closed: a " is missing',
    });
  });

  it('refuses a quote inside an unquoted cell, and text after a closing quote', () => {
    expect(errorOf(() => parseCsv('a,b,c\n1,2,x"y\n'))).toMatchObject({ row: 2, column: 3, message: expect.stringMatching(/does not start with one/) });
    expect(errorOf(() => parseCsv('a,b\n"x\ny"z,2\n'))).toMatchObject({ row: 3, column: 1, message: expect.stringMatching(/after its closing quote/) });
    expect(errorOf(() => parseCsv('a,b\n1, "2"\n'))).toMatchObject({ row: 2, column: 2 });
  });

  it('refuses a row with more cells than the header, at the first extra cell', () => {
    expect(errorOf(() => parseCsv('a,b\n1,2\n"x\ny",2,3\n'))).toEqual({
      row: 4,
      column: 3,
      message: 'this row has more cells than the header (2)',
    });
  });

  it('gives back what a writer wrote: any cells, any line breaks, with or without a BOM and a final line break', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', ';', '\n', '\r', 'é', '\ufeff', '🐝'), maxLength: 8 });
    const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
      fc.tuple(
        fc.array(cell, { minLength: width, maxLength: width }),
        fc.array(fc.array(cell, { minLength: 1, maxLength: width }), { maxLength: 8 }),
      ),
    );
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean(), ([header, rows], lineBreak, bom, finalBreak) => {
        const text = `${bom ? '\ufeff' : ''}${writeCsv([header, ...rows], lineBreak)}${finalBreak ? lineBreak : ''}`;
        const parsed = parseCsv(text);
        expect(parsed.header).toEqual(header);
        expect(parsed.rows.map((row) => row.cells)).toEqual(rows);
        // Each row starts on the line after the last line break of the rows before it.
        let line = 1;
        const lines = [header, ...rows].map((row) => {
          const start = line;
          line += 1 + row.reduce((breaks, value) => breaks + value.split(/\r\n|\r|\n/).length - 1, 0);
          return start;
        });
        expect(parsed.rows.map((row) => row.line)).toEqual(lines.slice(1));
      }),
      { numRuns: 500 },
    );
  });
});

describe('decodeCsv', () => {
  it('reads UTF-8, keeping the BOM for parseCsv to drop', () => {
    const bytes = new TextEncoder().encode('\ufeffid,name\n1,Zoë\n');
    expect(parseCsv(decodeCsv(bytes)).rows[0]!.cells).toEqual(['1', 'Zoë']);
  });

  it('refuses text in another encoding at the first cell that is not UTF-8', () => {
    // "Zoë" in Windows-1252: ë is the single byte 0xEB.
    const bytes = Uint8Array.from([...new TextEncoder().encode('id,name\n1,Ana\n2,Zo'), 0xeb, 0x0a]);
    expect(errorOf(() => decodeCsv(bytes))).toMatchObject({ row: 3, column: 2, message: expect.stringMatching(/not UTF-8/) });
  });
});
