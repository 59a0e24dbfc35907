import { describe, expect, it } from 'vitest';
import { prepareEvent } from '../../../src/core/common-ground/prepare.js';
import { pairScore } from '../../../src/core/common-ground/score.js';
import { taxonomyVocabulary } from '../../../src/core/common-ground/vocabulary.js';
import { CsvError, parseCsv } from '../../../src/core/csv/csv.js';
import { readPeopleCsv } from '../../../src/core/csv/people.js';
import { commonGroundWeights, mixerPlanCsv, mixerProblemOf, readApartCsv } from '../../../src/core/mixer/mixer-files.js';
import { createRandom } from '../../../src/core/synthetic/random.js';

function errorOf(read: () => unknown): { row: number; column: number; message: string } {
  try {
    read();
  } catch (error) {
    if (error instanceof CsvError) return { row: error.row, column: error.column, message: error.message };
    throw error;
  }
  throw new Error('expected a CsvError');
}

const indexOf = new Map([
  ['ana', 0],
  ['bo', 1],
  ['cy', 2],
]);

describe('readApartCsv', () => {
  it('reads pairs as person indices, lower first, each once, columns by name in any case and order', () => {
    const text = '\ufeffNote,ID_B,id_a\r\nx,ana,bo\r\n,,\r\n"y, z", cy ,ana\r\nw,bo,ana\r\n';
    expect(readApartCsv(text, indexOf, 'people.csv')).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect(readApartCsv('id_a,id_b\n', indexOf, 'people.csv')).toEqual([]);
  });

  it('points at the line and cell of each problem', () => {
    expect(errorOf(() => readApartCsv('id_a,id_b\nana,bo\ncy,x\n', indexOf, 'people.csv'))).toEqual({
      row: 3,
      column: 2,
      message: 'no person with id "x" in people.csv',
    });
    expect(errorOf(() => readApartCsv('id_b,id_a\nana,bo\nbo,nobody\n', indexOf, 'in/p.csv'))).toEqual({
      row: 3,
      column: 2,
      message: 'no person with id "nobody" in in/p.csv',
    });
    expect(errorOf(() => readApartCsv('id_a,id_b\n ,bo\n', indexOf, 'people.csv'))).toEqual({ row: 2, column: 1, message: 'the id is empty' });
    expect(errorOf(() => readApartCsv('id_a,id_b\nbo, bo\n', indexOf, 'people.csv'))).toEqual({
      row: 2,
      column: 2,
      message: '"bo" cannot be kept apart from themselves',
    });
    expect(errorOf(() => readApartCsv('a,b\nana,bo\n', indexOf, 'people.csv'))).toMatchObject({ row: 1, column: 1, message: expect.stringMatching(/no "id_a" column/) });
    expect(errorOf(() => readApartCsv('', indexOf, 'people.csv'))).toMatchObject({ row: 1, column: 1, message: expect.stringMatching(/the file is empty/) });
  });
});

describe('commonGroundWeights', () => {
  const interests = ['Jazz', 'Rust', 'Systems programming', 'Chess', 'Beekeeping', 'Sailing', 'Python', 'Machine learning', 'Cooking', 'Bouldering', 'Rock climbing'];

  it('gives every pair with common ground its engine score, and no other pair', () => {
    const random = createRandom(11);
    const people = Array.from({ length: 60 }, (_, p) => ({
      id: `p${p}`,
      interests: random.sample(interests, random.int(0, 4)),
      offers: random.chance(0.3) ? [`Advice on ${random.pick(interests)}`] : [],
      seeking: random.chance(0.3) ? [`Someone who knows ${random.pick(interests)}`] : [],
    }));
    const { tables } = prepareEvent(people, taxonomyVocabulary);
    const expected: Array<{ a: number; b: number; weight: number }> = [];
    for (let a = 0; a < people.length; a++) {
      for (let b = a + 1; b < people.length; b++) {
        const weight = pairScore(tables, a, b);
        if (weight > 0) expected.push({ a, b, weight });
      }
    }
    expect(expected.length).toBeGreaterThan(100);
    expect(commonGroundWeights(people)).toEqual(expected);
  });

  it('is empty when no one says anything about themselves', () => {
    expect(commonGroundWeights([{ id: 'a', interests: [], offers: [], seeking: [] }, { id: 'b', interests: [], offers: [], seeking: [] }])).toEqual([]);
  });
});

describe('mixerProblemOf', () => {
  it('keeps the people in file order with their groups, and gives the apart pairs and weights', () => {
    const people = readPeopleCsv('id,name,interests,group\nana,Ana,Jazz;Chess,Acme\nbo,Bo,Jazz,\ncy,Cy,Chess,Acme\n');
    const problem = mixerProblemOf(people, [[0, 1]], { tableSize: 2, rounds: 3 });
    expect(problem.people).toEqual([{ id: 'ana', group: 'Acme' }, { id: 'bo' }, { id: 'cy', group: 'Acme' }]);
    expect(problem).toMatchObject({ rounds: 3, tableSize: 2, apart: [[0, 1]] });
    expect(problem.tables).toBeUndefined();
    expect(problem.commonGround!.map(({ a, b }) => [a, b])).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect(mixerProblemOf(people, [], { tableSize: 2, rounds: 1, tables: 4 }, [])).toEqual({
      people: problem.people,
      rounds: 1,
      tableSize: 2,
      tables: 4,
    });
  });
});

describe('mixerPlanCsv', () => {
  it('writes round,table,id,name from 1, by round, table and file order, skips who is absent, neutralises formulas', () => {
    const people = [
      { id: 'ana', name: 'Ana' },
      { id: '=1+2', name: '@bo, the "second"' },
      { id: 'cy', name: '-Cy' },
      { id: 'di', name: '+Di' },
    ];
    const text = mixerPlanCsv(
      [
        [1, 0, 1, 0],
        [0, -1, 0, 1],
      ],
      people,
    );
    expect(text.endsWith('\r\n')).toBe(true);
    const { header, rows } = parseCsv(text);
    expect(header).toEqual(['round', 'table', 'id', 'name']);
    expect(rows.map((row) => row.cells)).toEqual([
      ['1', '1', "'=1+2", '\'@bo, the "second"'],
      ['1', '1', 'di', "'+Di"],
      ['1', '2', 'ana', 'Ana'],
      ['1', '2', 'cy', "'-Cy"],
      ['2', '1', 'ana', 'Ana'],
      ['2', '1', 'cy', "'-Cy"],
      ['2', '2', 'di', "'+Di"],
    ]);
  });
});
