import { CsvError, parseCsv } from './csv.js';

/** One person of a people CSV (CONTRACTS.md: `id,name,interests,offers,seeking,group`). */
export interface PersonRow {
  /** The line in the file where the person's row starts. */
  readonly line: number;
  readonly id: string;
  readonly name: string;
  readonly interests: string[];
  readonly offers: string[];
  readonly seeking: string[];
  /** Company or team; people who share one are colleagues. */
  readonly group?: string;
}

const COLUMNS = ['id', 'name', 'interests', 'offers', 'seeking', 'group'] as const;
type PeopleColumn = (typeof COLUMNS)[number];
const REQUIRED: readonly PeopleColumn[] = ['id', 'name'];

function isPeopleColumn(name: string): name is PeopleColumn {
  return (COLUMNS as readonly string[]).includes(name);
}

/** A list cell: items separated by `;`, trimmed, empty ones dropped. */
function listOf(cell: string): string[] {
  return cell
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * The people of a people CSV, in file order. Columns are found by their header (any case, any
 * order; other columns are ignored); only `id` and `name` are required, and ids are unique.
 * Throws `CsvError` at the first problem, with its line and cell.
 */
export function readPeopleCsv(text: string): PersonRow[] {
  const { header, rows } = parseCsv(text);
  if (header.length === 0) {
    throw new CsvError(1, 1, `the file is empty: its first line must be a header such as ${COLUMNS.join(',')}`);
  }
  const position = new Map<PeopleColumn, number>();
  header.forEach((title, index) => {
    const name = title.trim().toLowerCase();
    if (!isPeopleColumn(name)) return;
    const first = position.get(name);
    if (first !== undefined) {
      throw new CsvError(1, index + 1, `two columns are named "${name}" (columns ${first + 1} and ${index + 1})`);
    }
    position.set(name, index);
  });
  for (const name of REQUIRED) {
    if (!position.has(name)) {
      throw new CsvError(1, 1, `the header has no "${name}" column (the header needs ${REQUIRED.join(' and ')}; it may also have ${COLUMNS.filter((c) => !REQUIRED.includes(c)).join(', ')})`);
    }
  }
  const idColumn = position.get('id')!;
  const nameColumn = position.get('name')!;
  const cellOf = (cells: readonly string[], name: PeopleColumn): string => {
    const index = position.get(name);
    return index === undefined ? '' : (cells[index] ?? '');
  };

  const firstLineOf = new Map<string, number>();
  // Spreadsheets save blank rows as ",,,,": they hold no one.
  const filled = rows.filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  const people = filled.map(({ line, cells }): PersonRow => {
    const id = cellOf(cells, 'id').trim();
    if (id === '') throw new CsvError(line, idColumn + 1, 'the id is empty');
    const earlier = firstLineOf.get(id);
    if (earlier !== undefined) throw new CsvError(line, idColumn + 1, `the id ${JSON.stringify(id)} is already used on line ${earlier}`);
    firstLineOf.set(id, line);
    const name = cellOf(cells, 'name').trim();
    if (name === '') throw new CsvError(line, nameColumn + 1, 'the name is empty');
    const group = cellOf(cells, 'group').trim();
    return {
      line,
      id,
      name,
      interests: listOf(cellOf(cells, 'interests')),
      offers: listOf(cellOf(cells, 'offers')),
      seeking: listOf(cellOf(cells, 'seeking')),
      ...(group === '' ? {} : { group }),
    };
  });
  if (people.length === 0) throw new CsvError(2, 1, 'no people in the file: it has a header and no rows');
  return people;
}
