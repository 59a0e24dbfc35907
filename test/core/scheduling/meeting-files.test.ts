import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from '../../../src/core/csv/csv.js';
import { readAvailabilityCsv, readMeetingRequestsCsv, scheduleCsv, spreadsheetCell } from '../../../src/core/scheduling/meeting-files.js';

function errorOf(read: () => unknown): { row: number; column: number; message: string } {
  try {
    read();
  } catch (error) {
    if (error instanceof CsvError) return { row: error.row, column: error.column, message: error.message };
    throw error;
  }
  throw new Error('expected a CsvError');
}

describe('readMeetingRequestsCsv', () => {
  it('reads the pairs in file order, columns by name in any case and order, trimmed, blank rows skipped', () => {
    const text = '\ufeffNote, B ,A\r\nfirst,bo,ana\r\n,,\r\n"x, y", cy ,"a,1"\r\n';
    expect(readMeetingRequestsCsv(text)).toEqual([
      { line: 2, a: 'ana', b: 'bo' },
      { line: 4, a: 'a,1', b: 'cy' },
    ]);
  });

  it('points at the line and cell of each problem', () => {
    expect(errorOf(() => readMeetingRequestsCsv('a,c\nx,y\n'))).toEqual({
      row: 1,
      column: 1,
      message: 'the header has no "b" column: it needs a and b, the ids of the two people',
    });
    expect(errorOf(() => readMeetingRequestsCsv(''))).toMatchObject({ row: 1, column: 1, message: expect.stringMatching(/the file is empty/) });
    expect(errorOf(() => readMeetingRequestsCsv('a,b\n'))).toMatchObject({ row: 2, column: 1, message: expect.stringMatching(/no requests/) });
    expect(errorOf(() => readMeetingRequestsCsv('a,b\nx,y\n ,y\n'))).toEqual({ row: 3, column: 1, message: 'the id is empty' });
    expect(errorOf(() => readMeetingRequestsCsv('b,a\nx,y\ny,\n'))).toEqual({ row: 3, column: 2, message: 'the id is empty' });
    expect(errorOf(() => readMeetingRequestsCsv('a,b\nx,y\nz, z\n'))).toEqual({ row: 3, column: 2, message: '"z" cannot meet themselves' });
    // The same pair in the other order is the same meeting.
    expect(errorOf(() => readMeetingRequestsCsv('a,b\nx,y\nz,w\ny,x\n'))).toEqual({
      row: 4,
      column: 1,
      message: '"y" and "x" are already asked to meet on line 2',
    });
    expect(errorOf(() => readMeetingRequestsCsv('a,b,A\nx,y,z\n'))).toMatchObject({ row: 1, column: 3, message: expect.stringMatching(/two columns are named "a"/) });
  });
});

describe('readAvailabilityCsv', () => {
  it('reads a person and a slot from 1 per row', () => {
    expect(readAvailabilityCsv('slot,id\n1,ana\n 3 ,ana\n2, bo\n', 3)).toEqual([
      { line: 2, id: 'ana', slot: 1 },
      { line: 3, id: 'ana', slot: 3 },
      { line: 4, id: 'bo', slot: 2 },
    ]);
  });

  it('refuses a slot that is not a whole number from 1 to N, and an empty id', () => {
    for (const slot of ['0', '4', '1.5', '-1', 'two', '', '1e0']) {
      expect(errorOf(() => readAvailabilityCsv(`id,slot\nana,1\nana,${slot}\n`, 3))).toEqual({
        row: 3,
        column: 2,
        message: `the slot must be a whole number from 1 to 3, not ${JSON.stringify(slot)}`,
      });
    }
    expect(errorOf(() => readAvailabilityCsv('id,slot\n,1\n', 3))).toEqual({ row: 2, column: 1, message: 'the id is empty' });
    expect(errorOf(() => readAvailabilityCsv('id\nana\n', 3))).toMatchObject({ row: 1, column: 1, message: expect.stringMatching(/no "slot" column/) });
  });
});

describe('scheduleCsv', () => {
  it('writes a,b,slot,table from 1, empty when not scheduled, and cells a spreadsheet will not run', () => {
    const text = scheduleCsv([
      { a: 'ana', b: 'bo', placement: { slot: 0, table: 2 } },
      { a: '=HYPERLINK("x")', b: '+1', placement: null },
      { a: '-2', b: '@sum, "q"', placement: { slot: 11, table: 0 } },
    ]);
    expect(parseCsv(text)).toEqual({
      header: ['a', 'b', 'slot', 'table'],
      rows: [
        { line: 2, cells: ['ana', 'bo', '1', '3'] },
        { line: 3, cells: [`'=HYPERLINK("x")`, "'+1", '', ''] },
        { line: 4, cells: ["'-2", `'@sum, "q"`, '12', '1'] },
      ],
    });
    expect(spreadsheetCell('plain')).toBe('plain');
    expect(spreadsheetCell('a=b')).toBe('a=b');
  });
});
