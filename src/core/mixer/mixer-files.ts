/**
 * The files of the offline mixer planner (CONTRACTS.md): the people (a People CSV), the pairs
 * kept apart (`id_a,id_b`) and the plan (`round,table,id,name`, rounds and tables from 1). Also
 * the common ground of the people, from their interests, offers and needs, as the mixer's weights.
 */
import { CsvError, parseCsv } from '../csv/csv.js';
import type { PersonRow } from '../csv/people.js';
import { prepareEvent, type Rows } from '../common-ground/prepare.js';
import { pairScore } from '../common-ground/score.js';
import { taxonomyVocabulary } from '../common-ground/vocabulary.js';
import { columnsOf, filledRows, spreadsheetCell } from '../scheduling/meeting-files.js';
import type { MixerProblem } from './problem.js';

/**
 * The pairs of an apart CSV as person indices (their rows in the people file, from 0), lower
 * index first, each pair once however often it is written. `indexOf` maps ids to indices;
 * `peopleFile` names the people file in the message about an id it lacks. Throws `CsvError` at
 * the first problem, with its line and cell. A file with a header and no rows keeps no one apart.
 */
export function readApartCsv(text: string, indexOf: ReadonlyMap<string, number>, peopleFile: string): Array<[number, number]> {
  const { header, rows } = parseCsv(text);
  const columns = columnsOf(header, ['id_a', 'id_b'], 'id_a and id_b, the ids of two people who never share a table');
  const aColumn = columns.get('id_a')!;
  const bColumn = columns.get('id_b')!;
  const seen = new Set<string>();
  const pairs: Array<[number, number]> = [];
  for (const { line, cells } of filledRows(rows)) {
    const indexIn = (column: number): number => {
      const id = (cells[column] ?? '').trim();
      if (id === '') throw new CsvError(line, column + 1, 'the id is empty');
      const index = indexOf.get(id);
      if (index === undefined) throw new CsvError(line, column + 1, `no person with id ${JSON.stringify(id)} in ${peopleFile}`);
      return index;
    };
    const a = indexIn(aColumn);
    const b = indexIn(bColumn);
    if (a === b) throw new CsvError(line, bColumn + 1, `${JSON.stringify((cells[bColumn] ?? '').trim())} cannot be kept apart from themselves`);
    const pair: [number, number] = a < b ? [a, b] : [b, a];
    const key = `${pair[0]},${pair[1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push(pair);
  }
  return pairs;
}

/**
 * The common ground of every pair of people who have any (weight > 0), scored by the engine
 * behind "people to meet": shared interests weighted by rarity, related interests, an offer
 * meeting a need. Person indices are positions in `people`. Only pairs that share a term are
 * scored, found through the engine's lists of people per term.
 */
export function commonGroundWeights(
  people: readonly Pick<PersonRow, 'id' | 'interests' | 'offers' | 'seeking'>[],
): Array<{ a: number; b: number; weight: number }> {
  if (!people.some(({ interests, offers, seeking }) => interests.length + offers.length + seeking.length > 0)) return [];
  const { tables } = prepareEvent(
    people.map(({ id, interests, offers, seeking }) => ({ id, interests, offers, seeking })),
    taxonomyVocabulary,
  );
  const weights: Array<{ a: number; b: number; weight: number }> = [];
  // stamp[b] === a + 1: b is already a candidate for a.
  const stamp = new Int32Array(people.length);
  const candidates: number[] = [];
  const addFrom = (a: number, byTerm: Rows, term: number) => {
    for (let i = byTerm.start[term]!; i < byTerm.start[term + 1]!; i++) {
      const b = byTerm.values[i]!;
      if (b > a && stamp[b] !== a + 1) {
        stamp[b] = a + 1;
        candidates.push(b);
      }
    }
  };
  for (let a = 0; a < people.length; a++) {
    candidates.length = 0;
    for (let i = tables.interests.start[a]!; i < tables.interests.start[a + 1]!; i++) {
      const term = tables.interests.values[i]!;
      addFrom(a, tables.holders, term);
      for (let k = tables.related.start[term]!; k < tables.related.start[term + 1]!; k++) addFrom(a, tables.holders, tables.related.values[k]!);
    }
    for (let i = tables.offers.start[a]!; i < tables.offers.start[a + 1]!; i++) addFrom(a, tables.seekers, tables.offers.values[i]!);
    for (let i = tables.needs.start[a]!; i < tables.needs.start[a + 1]!; i++) addFrom(a, tables.offerers, tables.needs.values[i]!);
    candidates.sort((x, y) => x - y);
    for (const b of candidates) {
      const weight = pairScore(tables, a, b);
      if (weight > 0) weights.push({ a, b, weight });
    }
  }
  return weights;
}

export interface MixerSettings {
  tableSize: number;
  rounds: number;
  tables?: number | undefined;
}

/**
 * The mixer problem of a people file: everyone present in every round, no one pinned, the
 * `group` column as each person's group, the apart pairs and the people's common ground.
 */
export function mixerProblemOf(
  people: readonly PersonRow[],
  apart: ReadonlyArray<readonly [number, number]>,
  settings: MixerSettings,
  commonGround: ReadonlyArray<{ a: number; b: number; weight: number }> = commonGroundWeights(people),
): MixerProblem {
  return {
    people: people.map(({ id, group }) => ({ id, ...(group === undefined ? {} : { group }) })),
    rounds: settings.rounds,
    tableSize: settings.tableSize,
    ...(settings.tables === undefined ? {} : { tables: settings.tables }),
    ...(apart.length > 0 ? { apart } : {}),
    ...(commonGround.length > 0 ? { commonGround } : {}),
  };
}

/**
 * The plan CSV: `round,table,id,name`, rounds and tables from 1; round by round, table by table,
 * people in file order at each table; a person who is not there in a round has no row for it.
 * Cells a spreadsheet would run as formulas are neutralized; CRLF as RFC 4180 says.
 */
export function mixerPlanCsv(seats: readonly (readonly number[])[], people: readonly Pick<PersonRow, 'id' | 'name'>[]): string {
  const lines = ['round,table,id,name'];
  seats.forEach((round, r) => {
    const seated = people.map((_, person) => person).filter((person) => (round[person] ?? -1) >= 0);
    seated.sort((x, y) => round[x]! - round[y]! || x - y);
    for (const person of seated) {
      const { id, name } = people[person]!;
      lines.push(`${r + 1},${round[person]! + 1},${spreadsheetCell(id)},${spreadsheetCell(name)}`);
    }
  });
  return `${lines.join('\r\n')}\r\n`;
}
