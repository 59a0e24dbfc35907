import { MixerProblemError, type MixerProblem } from './problem.js';

/** Bits of `relation[i * n + j]`. */
export const APART = 1;
export const SAME_GROUP = 2;
export const MET_BEFORE = 4;

/** A problem read into flat arrays; `readMixerProblem` has checked every rule a plan could not keep. */
export interface MixerModel {
  readonly n: number;
  readonly rounds: number;
  readonly tableSize: number;
  /** Tables available: every seat index is below it. */
  readonly tables: number;
  /** Rounds 0..fixed-1 are given and never change. */
  readonly fixed: number;
  /** present[r * n + p] is 1 when p is there in round r. */
  readonly present: Uint8Array;
  /** The table p is pinned to, or -1. */
  readonly pinned: Int32Array;
  /** APART | SAME_GROUP | MET_BEFORE bits per ordered pair (symmetric). */
  readonly relation: Uint8Array;
  /** Common ground per ordered pair (symmetric), or null when no weights were given. */
  readonly weight: Float64Array | null;
  /** For each round: the number of people each table seats (0 for a table not used). */
  readonly sizes: Int32Array[];
  /** The seats of the fixed rounds, as given. */
  readonly fixedSeats: Int32Array[];
  /** The previous plan's seats per round (re-planning), or null. Checked: tables exist. */
  readonly startFrom: Int32Array[] | null;
  /** Apart pairs, each once (for figures). */
  readonly apartPairs: ReadonlyArray<readonly [number, number]>;
}

/** The most people a problem may have: the solver keeps an n × n pair table. */
export const MAX_PEOPLE = 5000;
export const MAX_ROUNDS = 200;

const whole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

function personIndex(value: unknown, n: number, what: string): number {
  if (!whole(value) || value < 0 || value >= n) throw new MixerProblemError(`${what} names person ${String(value)}, who is not in the list.`);
  return value;
}

/**
 * Reads and checks a problem. The rules: at least one round; tables of 2 or more; in every round
 * to plan, the people there fit at the tables; pins name real tables and a table's pins fit in
 * it; apart pairs are two different people. Fixed rounds must seat only people who are there.
 */
export function readMixerProblem(problem: MixerProblem): MixerModel {
  const n = problem.people.length;
  const rounds = problem.rounds;
  const tableSize = problem.tableSize;
  if (!whole(rounds) || rounds < 1) throw new MixerProblemError('A mixer needs at least one round.');
  if (rounds > MAX_ROUNDS) throw new MixerProblemError(`A mixer has at most ${MAX_ROUNDS} rounds.`);
  if (!whole(tableSize) || tableSize < 2) throw new MixerProblemError('A table seats at least 2 people.');
  if (n > MAX_PEOPLE) throw new MixerProblemError(`A mixer plan takes at most ${MAX_PEOPLE} people.`);
  const fixedRounds = problem.fixedRounds ?? [];
  if (fixedRounds.length > rounds) throw new MixerProblemError('More rounds are fixed than the mixer has.');

  const present = new Uint8Array(rounds * n);
  problem.people.forEach((person, p) => {
    for (let r = 0; r < rounds; r++) present[r * n + p] = person.present === undefined || person.present[r] !== false ? 1 : 0;
  });
  let fullest = 0;
  for (let r = 0; r < rounds; r++) {
    let there = 0;
    for (let p = 0; p < n; p++) there += present[r * n + p]!;
    fullest = Math.max(fullest, there);
  }
  const needed = Math.max(1, Math.ceil(fullest / tableSize));
  const tables = problem.tables ?? needed;
  if (!whole(tables) || tables < 1) throw new MixerProblemError('A mixer needs at least one table.');

  const pinned = new Int32Array(n).fill(-1);
  problem.people.forEach((person, p) => {
    if (person.pinnedTable === undefined) return;
    if (!whole(person.pinnedTable) || person.pinnedTable < 0 || person.pinnedTable >= tables) {
      throw new MixerProblemError(`${person.id} is pinned to table ${Number(person.pinnedTable) + 1}, but there are ${tables} tables.`);
    }
    pinned[p] = person.pinnedTable;
  });

  const relation = new Uint8Array(n * n);
  const apartPairs: Array<[number, number]> = [];
  for (const [first, second] of problem.apart ?? []) {
    const a = personIndex(first, n, 'A pair kept apart');
    const b = personIndex(second, n, 'A pair kept apart');
    if (a === b) throw new MixerProblemError(`${problem.people[a]!.id} cannot be kept apart from themselves.`);
    if (relation[a * n + b]! & APART) continue;
    relation[a * n + b]! |= APART;
    relation[b * n + a]! |= APART;
    apartPairs.push(a < b ? [a, b] : [b, a]);
  }
  const groups = new Map<string, number[]>();
  problem.people.forEach((person, p) => {
    const group = person.group?.trim();
    if (!group) return;
    const members = groups.get(group);
    if (members) members.push(p);
    else groups.set(group, [p]);
  });
  for (const members of groups.values()) {
    for (const a of members) for (const b of members) if (a !== b) relation[a * n + b]! |= SAME_GROUP;
  }
  for (const [first, second] of problem.metBefore ?? []) {
    const a = personIndex(first, n, 'A pair who met before');
    const b = personIndex(second, n, 'A pair who met before');
    if (a === b) continue;
    relation[a * n + b]! |= MET_BEFORE;
    relation[b * n + a]! |= MET_BEFORE;
  }

  let weight: Float64Array | null = null;
  if (problem.commonGround && problem.commonGround.length > 0) {
    weight = new Float64Array(n * n);
    for (const { a: first, b: second, weight: value } of problem.commonGround) {
      const a = personIndex(first, n, 'A common-ground weight');
      const b = personIndex(second, n, 'A common-ground weight');
      if (!Number.isFinite(value) || value < 0) throw new MixerProblemError('Common-ground weights are numbers ≥ 0.');
      if (a === b) continue;
      weight[a * n + b] = value;
      weight[b * n + a] = value;
    }
  }

  const fixedSeats: Int32Array[] = [];
  fixedRounds.forEach((seats, r) => {
    if (seats.length !== n) throw new MixerProblemError(`Fixed round ${r + 1} seats ${seats.length} people, not ${n}.`);
    const row = new Int32Array(n);
    seats.forEach((table, p) => {
      if (!whole(table) || table < -1 || table >= tables) throw new MixerProblemError(`Fixed round ${r + 1} seats ${problem.people[p]!.id} at a table that does not exist.`);
      row[p] = table;
    });
    fixedSeats.push(row);
  });

  const sizes: Int32Array[] = [];
  for (let r = 0; r < rounds; r++) {
    const size = new Int32Array(tables);
    if (r < fixedSeats.length) {
      for (const table of fixedSeats[r]!) if (table >= 0) size[table]!++;
      sizes.push(size);
      continue;
    }
    sizes.push(roundSizes(problem, present, pinned, r, n, tables, tableSize));
  }

  let startFrom: Int32Array[] | null = null;
  if (problem.startFrom) {
    startFrom = problem.startFrom.slice(0, rounds).map((seats, r) => {
      if (seats.length !== n) throw new MixerProblemError(`The plan to start from seats ${seats.length} people in round ${r + 1}, not ${n}.`);
      return Int32Array.from(seats, (table) => (whole(table) && table >= 0 && table < tables ? table : -1));
    });
  }

  return { n, rounds, tableSize, tables, fixed: fixedSeats.length, present, pinned, relation, weight, sizes, fixedSeats, startFrom, apartPairs };
}

/**
 * How many people each table seats in round r: as few tables as the people there need (and every
 * table someone there is pinned to), sizes differing by at most one, bigger ones first.
 */
function roundSizes(problem: MixerProblem, present: Uint8Array, pinned: Int32Array, r: number, n: number, tables: number, tableSize: number): Int32Array {
  let there = 0;
  const pins = new Int32Array(tables);
  for (let p = 0; p < n; p++) {
    if (!present[r * n + p]) continue;
    there++;
    if (pinned[p]! >= 0) pins[pinned[p]!]!++;
  }
  const size = new Int32Array(tables);
  if (there === 0) return size;
  let pinnedTables = 0;
  for (let t = 0; t < tables; t++) if (pins[t]! > 0) pinnedTables++;
  const used = Math.max(Math.ceil(there / tableSize), pinnedTables);
  if (used > tables) {
    throw new MixerProblemError(
      `Round ${r + 1} has ${there} people: at tables of ${tableSize} they need ${Math.ceil(there / tableSize)} tables, and there are ${tables}.`,
    );
  }
  // The tables in use: every pinned one, then the lowest numbers.
  const inUse: number[] = [];
  for (let t = 0; t < tables; t++) if (pins[t]! > 0) inUse.push(t);
  for (let t = 0; t < tables && inUse.length < used; t++) if (pins[t] === 0) inUse.push(t);
  const base = Math.floor(there / used);
  let extra = there - base * used;
  // Tables with the most pins take the bigger sizes first.
  inUse.sort((x, y) => pins[y]! - pins[x]! || x - y);
  for (const t of inUse) {
    size[t] = base + (extra > 0 ? 1 : 0);
    if (extra > 0) extra--;
    if (pins[t]! > size[t]!) {
      const who = problem.people.filter((person, p) => present[r * n + p] && pinned[p] === t).map((person) => person.id);
      throw new MixerProblemError(`Round ${r + 1} seats ${size[t]} at table ${t + 1}, but ${pins[t]} people are pinned to it (${who.join(', ')}).`);
    }
  }
  return size;
}
