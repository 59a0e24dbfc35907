import { describe, expect, it } from 'vitest';
import { CsvError } from '../../../src/core/csv/csv.js';
import { readPeopleCsv } from '../../../src/core/csv/people.js';

function errorOf(text: string): { row: number; column: number; message: string } {
  try {
    readPeopleCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return { row: error.row, column: error.column, message: error.message };
    throw error;
  }
  throw new Error('expected a CsvError');
}

describe('readPeopleCsv', () => {
  it('reads every column, splitting lists on ";" and trimming', () => {
    const text =
      'id,name,interests,offers,seeking,group\n' +
      'a1, Ana Lima ,"Beekeeping; Rust ;;jazz",I can teach beekeeping,"Someone to review Rust code; a climbing partner",Acme\n' +
      'b2,Bo,,,,\n';
    expect(readPeopleCsv(text)).toEqual([
      {
        line: 2,
        id: 'a1',
        name: 'Ana Lima',
        interests: ['Beekeeping', 'Rust', 'jazz'],
        offers: ['I can teach beekeeping'],
        seeking: ['Someone to review Rust code', 'a climbing partner'],
        group: 'Acme',
      },
      { line: 3, id: 'b2', name: 'Bo', interests: [], offers: [], seeking: [] },
    ]);
  });

  it('finds columns by header name in any case and order, ignores others, and needs only id and name', () => {
    const text = '\ufeffEmail, NAME ,Interests,ID\r\nana@example.org,Ana,Chess,1\r\nbo@example.org,Bo,,2';
    expect(readPeopleCsv(text)).toEqual([
      { line: 2, id: '1', name: 'Ana', interests: ['Chess'], offers: [], seeking: [] },
      { line: 3, id: '2', name: 'Bo', interests: [], offers: [], seeking: [] },
    ]);
  });

  it('skips the blank rows spreadsheets save as empty cells, and keeps line numbers', () => {
    const people = readPeopleCsv('id,name,interests\n,,\n7,Cy,\n  , ,\n8,Bo,\n');
    expect(people.map((person) => [person.line, person.id])).toEqual([
      [3, '7'],
      [5, '8'],
    ]);
  });

  it('treats missing cells at the end of a row as empty', () => {
    expect(readPeopleCsv('id,name,interests,group\n7,Cy\n')).toEqual([
      { line: 2, id: '7', name: 'Cy', interests: [], offers: [], seeking: [] },
    ]);
  });

  it('names a missing required column at row 1', () => {
    expect(errorOf('id,interests\n1,Chess\n')).toMatchObject({ row: 1, column: 1, message: expect.stringMatching(/no "name" column/) });
    expect(errorOf('name\nAna\n')).toMatchObject({ row: 1, message: expect.stringMatching(/no "id" column/) });
    expect(errorOf('id,name,Name\n1,a,b\n')).toMatchObject({ row: 1, column: 3, message: expect.stringMatching(/two columns are named "name"/) });
  });

  it('points at an empty id or name', () => {
    expect(errorOf('name,id\nAna,1\nBo,  \n')).toEqual({ row: 3, column: 2, message: 'the id is empty' });
    expect(errorOf('id,name\n1,Ana\n2,"Bo\nBo"\n3,\n')).toEqual({ row: 5, column: 2, message: 'the name is empty' });
    expect(errorOf('Email,NAME,ID\nana@example.org,Ana,1\nbo@example.org,Bo\n')).toEqual({ row: 3, column: 3, message: 'the id is empty' });
  });

  it('points at the second use of an id and says where the first is', () => {
    expect(errorOf('id,name\np1,Ana\np2,Bo\np1,Cy\n')).toEqual({ row: 4, column: 1, message: 'the id "p1" is already used on line 2' });
  });

  it('passes on the reader’s errors with their place', () => {
    expect(errorOf('id,name\n1,Ana\n2,"Bo\n')).toMatchObject({ row: 3, column: 2 });
    expect(errorOf('id,name\n1,Ana,extra\n')).toMatchObject({ row: 2, column: 3 });
  });

  it('refuses an empty file and a file with no people', () => {
    expect(errorOf('')).toMatchObject({ row: 1, column: 1, message: expect.stringMatching(/the file is empty/) });
    expect(errorOf('id,name\n')).toMatchObject({ row: 2, column: 1, message: expect.stringMatching(/^no people in the file/) });
    expect(errorOf('id,name\n\n\n')).toMatchObject({ message: expect.stringMatching(/^no people in the file/) });
  });
});
