// Random scheduling problems for the property tests, and an exhaustive solver to check against.
import fc from 'fast-check';
import type { MeetingToPlace, SchedulingProblem } from '../../../src/core/scheduling/index.js';

export interface ProblemShape {
  maxPeople: number;
  maxSlots: number;
  maxTables: number;
  maxMeetings: number;
  /** Give some meetings a current place (never clashing, always where both are free). */
  currents?: boolean;
  closed?: boolean;
  preferences?: boolean;
}

/**
 * A problem of random size; its current places respect availability and never clash, so that a
 * solver's result can be held to every rule. Closed slots hold only meetings that were there.
 */
export function problems(shape: ProblemShape): fc.Arbitrary<SchedulingProblem> {
  return fc
    .record({
      people: fc.integer({ min: 2, max: shape.maxPeople }),
      slots: fc.integer({ min: 1, max: shape.maxSlots }),
      tables: fc.integer({ min: 1, max: shape.maxTables }),
    })
    .chain(({ people, slots, tables }) => {
      const slot = fc.integer({ min: 0, max: slots - 1 });
      const meeting = fc
        .record({
          a: fc.integer({ min: 0, max: people - 1 }),
          shift: fc.integer({ min: 1, max: people - 1 }),
          preferredSlots: shape.preferences ? fc.option(fc.array(slot, { maxLength: 3 }), { nil: undefined }) : fc.constant(undefined),
          current: shape.currents ? fc.option(fc.record({ slot, table: fc.integer({ min: 0, max: tables - 1 }) }), { nil: undefined }) : fc.constant(undefined),
        })
        .map(({ a, shift, preferredSlots, current }) => ({ a, b: (a + shift) % people, preferredSlots, current }));
      return fc.record({
        people: fc.constant(people),
        slots: fc.constant(slots),
        tables: fc.constant(tables),
        availability: fc.option(fc.array(fc.option(fc.uniqueArray(slot), { nil: undefined }), { maxLength: people }), { nil: undefined }),
        closedSlots: shape.closed ? fc.uniqueArray(slot, { maxLength: slots }) : fc.constant(undefined),
        meetings: fc.array(meeting, { maxLength: shape.maxMeetings }),
      });
    })
    .map(({ people, slots, tables, availability, closedSlots, meetings }) => {
      const free = (person: number, slot: number) => {
        const list = availability?.[person];
        return list === undefined || list.includes(slot);
      };
      const usedTable = new Set<string>();
      const busy = new Set<string>();
      const kept: MeetingToPlace[] = meetings.map(({ a, b, preferredSlots, current }) => {
        const meeting: MeetingToPlace = { a, b };
        if (preferredSlots !== undefined) meeting.preferredSlots = preferredSlots;
        if (current === undefined) return meeting;
        const table = `${current.slot}:${current.table}`;
        const persons = [`${a}:${current.slot}`, `${b}:${current.slot}`];
        if (usedTable.has(table) || persons.some((p) => busy.has(p)) || !free(a, current.slot) || !free(b, current.slot)) return meeting;
        usedTable.add(table);
        for (const p of persons) busy.add(p);
        meeting.current = current;
        return meeting;
      });
      const problem: SchedulingProblem = { people, slots, tables, meetings: kept };
      if (availability !== undefined) problem.availability = availability;
      if (closedSlots !== undefined) problem.closedSlots = closedSlots;
      return problem;
    });
}

const isFree = (problem: SchedulingProblem, person: number, slot: number) => {
  const list = problem.availability?.[person];
  return list === undefined || list.includes(slot);
};

/**
 * The most meetings any valid schedule places, by trying every slot (or none) for every meeting
 * that may move. In 'stable' mode meetings with a current place stay; in 'replan' mode those in
 * closed slots do.
 */
export function optimum(problem: SchedulingProblem, mode: 'stable' | 'replan'): number {
  const { slots, tables, meetings } = problem;
  const closed = new Set(problem.closedSlots ?? []);
  const busy = new Set<string>();
  const used = new Array<number>(slots).fill(0);
  let fixedCount = 0;
  const movable: MeetingToPlace[] = [];
  for (const meeting of meetings) {
    const current = meeting.current;
    if (current && (mode === 'stable' || closed.has(current.slot))) {
      busy.add(`${meeting.a}:${current.slot}`);
      busy.add(`${meeting.b}:${current.slot}`);
      used[current.slot]!++;
      fixedCount++;
    } else {
      movable.push(meeting);
    }
  }
  let best = 0;
  const search = (index: number, placed: number): void => {
    if (placed + movable.length - index <= best) return;
    if (index === movable.length) {
      best = placed;
      return;
    }
    const { a, b } = movable[index]!;
    for (let slot = 0; slot < slots; slot++) {
      if (closed.has(slot) || used[slot]! >= tables || !isFree(problem, a, slot) || !isFree(problem, b, slot)) continue;
      const keys = [`${a}:${slot}`, `${b}:${slot}`];
      if (keys.some((key) => busy.has(key))) continue;
      for (const key of keys) busy.add(key);
      used[slot]!++;
      search(index + 1, placed + 1);
      used[slot]!--;
      for (const key of keys) busy.delete(key);
    }
    search(index + 1, placed);
  };
  search(0, 0);
  return fixedCount + best;
}

/** Why a meeting could not sit in `slot` as things are, or null when it could. */
export function blockedBecause(
  problem: SchedulingProblem,
  placements: readonly ({ slot: number; table: number } | null)[],
  index: number,
  slot: number,
): string | null {
  const { a, b } = problem.meetings[index]!;
  if ((problem.closedSlots ?? []).includes(slot)) return 'closed';
  if (!isFree(problem, a, slot) || !isFree(problem, b, slot)) return 'not free';
  let inSlot = 0;
  for (let other = 0; other < placements.length; other++) {
    if (other === index || placements[other]?.slot !== slot) continue;
    inSlot++;
    const { a: x, b: y } = problem.meetings[other]!;
    if (x === a || x === b || y === a || y === b) return 'busy';
  }
  return inSlot >= problem.tables ? 'full' : null;
}
