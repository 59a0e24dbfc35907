/**
 * The 1:1 meeting scheduling problem: who meets whom, the slots and tables of an event, who is
 * free when. Its rules are written once here — in `checkSchedule`, in words — and read into flat
 * arrays for the bound and the scheduler.
 */

export interface MeetingToPlace {
  /** Person indices, a !== b. */
  a: number;
  b: number;
  /** Tried first, in order, when free. */
  preferredSlots?: readonly number[];
  /** Where it sits now (already placed). */
  current?: { slot: number; table: number };
}

export interface SchedulingProblem {
  /** Persons are 0..people-1. */
  people: number;
  /** Slots are 0..slots-1. */
  slots: number;
  /** Tables are 0..tables-1, the same tables in every slot. */
  tables: number;
  /** availability[p]: the slots p is free in; undefined (or an array shorter than people) = free in all slots. */
  availability?: ReadonlyArray<readonly number[] | undefined>;
  /** Slots no new meeting may be put in (e.g. already started); meetings already in them stay. */
  closedSlots?: readonly number[];
  meetings: readonly MeetingToPlace[];
}

export interface Placement {
  slot: number;
  table: number;
}

export type ScheduleMode = 'stable' | 'replan';

/** A problem read into flat arrays; `readProblem` has checked every index in it. */
export interface ProblemModel {
  readonly people: number;
  readonly slots: number;
  readonly tables: number;
  readonly meetings: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
  /** available[p * slots + s] is 1 when p is free in s. */
  readonly available: Uint8Array;
  /** open[s] is 1 unless s is closed. */
  readonly open: Uint8Array;
  /** The current slot and table of each meeting, -1 when it has none. */
  readonly currentSlot: Int32Array;
  readonly currentTable: Int32Array;
}

const isIndex = (value: unknown, size: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < size;

function countOf(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number ≥ 0, not ${String(value)}`);
  }
  return value;
}

/**
 * Reads and checks a problem: persons, slots and tables in range, no meeting of a person with
 * themselves, and current placements that do not clash (one table or one person twice in a slot).
 * Throws a RangeError naming the first problem.
 */
export function readProblem(problem: SchedulingProblem): ProblemModel {
  const people = countOf(problem.people, 'people');
  const slots = countOf(problem.slots, 'slots');
  const tables = countOf(problem.tables, 'tables');
  const meetings = problem.meetings.length;
  const availability = problem.availability ?? [];
  if (availability.length > people) {
    throw new RangeError(`availability lists ${availability.length} people but there are ${people}`);
  }
  const available = new Uint8Array(people * slots).fill(1);
  availability.forEach((free, person) => {
    if (free === undefined) return;
    available.fill(0, person * slots, (person + 1) * slots);
    for (const slot of free) {
      if (!isIndex(slot, slots)) throw new RangeError(`availability of person ${person}: slot ${String(slot)} is not in 0..${slots - 1}`);
      available[person * slots + slot] = 1;
    }
  });
  const open = new Uint8Array(slots).fill(1);
  for (const slot of problem.closedSlots ?? []) {
    if (!isIndex(slot, slots)) throw new RangeError(`closed slot ${String(slot)} is not in 0..${slots - 1}`);
    open[slot] = 0;
  }

  const a = new Int32Array(meetings);
  const b = new Int32Array(meetings);
  const currentSlot = new Int32Array(meetings).fill(-1);
  const currentTable = new Int32Array(meetings).fill(-1);
  // Who sits at each table, and where each person is, in the current placements.
  const atTable = new Map<number, number>();
  const personIn = new Map<number, number>();
  problem.meetings.forEach((meeting, index) => {
    const { a: first, b: second } = meeting;
    if (!isIndex(first, people) || !isIndex(second, people)) {
      throw new RangeError(`meeting ${index}: persons ${String(first)} and ${String(second)} must be in 0..${people - 1}`);
    }
    if (first === second) throw new RangeError(`meeting ${index}: person ${first} cannot meet themselves`);
    a[index] = first;
    b[index] = second;
    for (const slot of meeting.preferredSlots ?? []) {
      if (!isIndex(slot, slots)) throw new RangeError(`meeting ${index}: preferred slot ${String(slot)} is not in 0..${slots - 1}`);
    }
    const current = meeting.current;
    if (current === undefined) return;
    if (!isIndex(current.slot, slots) || !isIndex(current.table, tables)) {
      throw new RangeError(
        `meeting ${index}: its current slot ${String(current.slot)} and table ${String(current.table)} must be in 0..${slots - 1} and 0..${tables - 1}`,
      );
    }
    const table = current.slot * tables + current.table;
    const other = atTable.get(table);
    if (other !== undefined) {
      throw new RangeError(`meetings ${other} and ${index} are both at table ${current.table} in slot ${current.slot}`);
    }
    atTable.set(table, index);
    for (const person of [first, second]) {
      const where = person * slots + current.slot;
      const clash = personIn.get(where);
      if (clash !== undefined) {
        throw new RangeError(`meetings ${clash} and ${index} both have person ${person} in slot ${current.slot}`);
      }
      personIn.set(where, index);
    }
    currentSlot[index] = current.slot;
    currentTable[index] = current.table;
  });
  return { people, slots, tables, meetings, a, b, available, open, currentSlot, currentTable };
}

/**
 * The meetings that never move: in 'stable' mode every meeting that has a place; in 'replan'
 * mode those in closed slots.
 */
export function fixedMeetings(model: ProblemModel, mode: ScheduleMode): Uint8Array {
  const fixed = new Uint8Array(model.meetings);
  for (let m = 0; m < model.meetings; m++) {
    const slot = model.currentSlot[m]!;
    if (slot >= 0 && (mode === 'stable' || model.open[slot] === 0)) fixed[m] = 1;
  }
  return fixed;
}

/**
 * What the fixed meetings leave to the others. A movable meeting may go to slot s when s is
 * open, both its people are free in s and not in a fixed meeting there, and s has a table left.
 */
export interface Residual {
  readonly fixed: Uint8Array;
  readonly fixedCount: number;
  /** Fixed meetings per slot. */
  readonly fixedInSlot: Int32Array;
  /** The fixed meeting of each person in each slot (p * slots + s), -1 when none. */
  readonly fixedOf: Int32Array;
  /** feasible[m * slots + s] is 1 when movable meeting m may go to slot s. */
  readonly feasible: Uint8Array;
  /** The slots each movable meeting may go to, ascending: slotList[slotStart[m] .. slotStart[m + 1]). */
  readonly slotStart: Int32Array;
  readonly slotList: Int32Array;
}

export function residualOf(model: ProblemModel, mode: ScheduleMode): Residual {
  const { slots, tables, meetings, a, b, available, open, currentSlot } = model;
  const fixed = fixedMeetings(model, mode);
  const fixedInSlot = new Int32Array(slots);
  const fixedOf = new Int32Array(model.people * slots).fill(-1);
  let fixedCount = 0;
  for (let m = 0; m < meetings; m++) {
    if (!fixed[m]) continue;
    const slot = currentSlot[m]!;
    fixedCount++;
    fixedInSlot[slot]!++;
    fixedOf[a[m]! * slots + slot] = m;
    fixedOf[b[m]! * slots + slot] = m;
  }
  const feasible = new Uint8Array(meetings * slots);
  const slotStart = new Int32Array(meetings + 1);
  const list: number[] = [];
  for (let m = 0; m < meetings; m++) {
    slotStart[m] = list.length;
    if (fixed[m]) continue;
    const first = a[m]! * slots;
    const second = b[m]! * slots;
    for (let s = 0; s < slots; s++) {
      if (
        open[s] &&
        available[first + s] &&
        available[second + s] &&
        fixedOf[first + s] === -1 &&
        fixedOf[second + s] === -1 &&
        fixedInSlot[s]! < tables
      ) {
        feasible[m * slots + s] = 1;
        list.push(s);
      }
    }
  }
  slotStart[meetings] = list.length;
  return { fixed, fixedCount, fixedInSlot, fixedOf, feasible, slotStart, slotList: Int32Array.from(list) };
}

/**
 * The rules a schedule breaks, in words; empty when it keeps them all: every slot and table in
 * range, nobody twice in a slot, no table twice in a slot, both people free in the slot, no new
 * meeting in a closed slot, and the meetings of a closed slot still where they were.
 */
export function checkSchedule(problem: SchedulingProblem, placements: readonly (Placement | null | undefined)[]): string[] {
  const model = readProblem(problem);
  const { slots, tables, currentSlot, currentTable } = model;
  const broken: string[] = [];
  if (placements.length !== model.meetings) {
    broken.push(`there are ${placements.length} placements for ${model.meetings} meetings`);
  }
  const personIn = new Map<number, number>();
  const atTable = new Map<number, number>();
  for (let m = 0; m < model.meetings; m++) {
    const placement = placements[m];
    const wasClosed = currentSlot[m]! >= 0 && model.open[currentSlot[m]!] === 0;
    const stayed = placement != null && placement.slot === currentSlot[m] && placement.table === currentTable[m];
    if (wasClosed && !stayed) {
      broken.push(`meeting ${m} was in closed slot ${currentSlot[m]} at table ${currentTable[m]} and has been moved or dropped`);
    }
    if (placement == null) continue;
    const { slot, table } = placement;
    if (!isIndex(slot, slots) || !isIndex(table, tables)) {
      broken.push(`meeting ${m} is at slot ${String(slot)}, table ${String(table)}: out of range (slots 0..${slots - 1}, tables 0..${tables - 1})`);
      continue;
    }
    if (model.open[slot] === 0 && !stayed) broken.push(`meeting ${m} is put in closed slot ${slot}, where it was not`);
    const other = atTable.get(slot * tables + table);
    if (other !== undefined) broken.push(`meetings ${other} and ${m} are both at table ${table} in slot ${slot}`);
    else atTable.set(slot * tables + table, m);
    for (const person of [model.a[m]!, model.b[m]!]) {
      if (!model.available[person * slots + slot]) broken.push(`person ${person} is not free in slot ${slot} (meeting ${m})`);
      const key = person * slots + slot;
      const clash = personIn.get(key);
      if (clash !== undefined) broken.push(`person ${person} is in meetings ${clash} and ${m}, both in slot ${slot}`);
      else personIn.set(key, m);
    }
  }
  return broken;
}
