// The meeting scheduler's figures: synthetic events of 2,000 attendees, 12 slots and 150 tables
// with 500, 1,000 and 5,000 accepted requests, everyone free or each person free in 8 of the 12
// slots, and denser events with tables for everyone; placed meetings against the upper bound, and
// against a greedy pass measured in the same run. Each run has the CLI's default time limit, 1 s
// from the start (bound included); it stops sooner when it reaches the bound.
import { createRandom, deriveSeed } from '../src/core/synthetic/random.js';
import { scheduleMeetings, type MeetingToPlace, type SchedulingProblem } from '../src/core/scheduling/index.js';
import type { BenchRow } from './recommendations.js';

const PEOPLE = 2000;
const SLOTS = 12;
const TABLES = 150;
const FREE_SLOTS = 8;
const RUNS = 5;
/** The share of requests that go to one of the few people many want to meet (speakers, say). */
const POPULAR_SHARE = 0.2;
const POPULAR_PEOPLE = 100;
/** What the CLI gives the search by default. */
const TIME_LIMIT_MS = 1000;

const log = (text: string) => process.stderr.write(`${text}\n`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface MeetingsInstance {
  label: string;
  problem: SchedulingProblem;
}

/**
 * Requests between distinct pairs: one person at random asks another, a popular person one time
 * in five. With `withinFreeSlots`, a request is drawn again when either person already has as
 * many meetings as slots they are free in — the regime where the goal of 99% of the bound applies.
 */
export function meetingsInstance(
  requests: number,
  options: { people?: number; slots?: number; tables?: number; freeSlots?: number; withinFreeSlots?: boolean; seed?: number },
): SchedulingProblem {
  const people = options.people ?? PEOPLE;
  const slots = options.slots ?? SLOTS;
  const tables = options.tables ?? TABLES;
  const seed = options.seed ?? 1;
  const random = createRandom(deriveSeed(seed, 0));
  const everySlot = Array.from({ length: slots }, (_, s) => s);
  const availability =
    options.freeSlots === undefined
      ? undefined
      : Array.from({ length: people }, (_, p) => createRandom(deriveSeed(seed, 1 + p)).sample(everySlot, options.freeSlots!).sort((x, y) => x - y));
  const freeCount = (p: number) => availability?.[p]?.length ?? slots;
  const popular = random.sample(Array.from({ length: people }, (_, p) => p), Math.min(POPULAR_PEOPLE, Math.ceil(people / 20)));
  const load = new Int32Array(people);
  const pairs = new Set<number>();
  const meetings: MeetingToPlace[] = [];
  let attempts = 0;
  while (meetings.length < requests) {
    if (++attempts > requests * 1000) throw new Error(`cannot draw ${requests} requests among ${people} people`);
    const a = random.int(0, people - 1);
    const b = random.chance(POPULAR_SHARE) ? random.pick(popular) : random.int(0, people - 1);
    if (a === b) continue;
    const key = Math.min(a, b) * people + Math.max(a, b);
    if (pairs.has(key)) continue;
    if (options.withinFreeSlots && (load[a]! >= freeCount(a) || load[b]! >= freeCount(b))) continue;
    pairs.add(key);
    load[a]!++;
    load[b]!++;
    meetings.push({ a, b });
  }
  return { people, slots, tables, ...(availability ? { availability } : {}), meetings };
}

/** The baseline: in input order, each meeting in the earliest slot where both are free and a table is left. */
export function greedyPlaced(problem: SchedulingProblem): number {
  const { people, slots, tables } = problem;
  const free = new Uint8Array(people * slots).fill(1);
  problem.availability?.forEach((list, p) => {
    if (!list) return;
    free.fill(0, p * slots, (p + 1) * slots);
    for (const s of list) free[p * slots + s] = 1;
  });
  const busy = new Uint8Array(people * slots);
  const used = new Int32Array(slots);
  let placed = 0;
  for (const { a, b } of problem.meetings) {
    for (let s = 0; s < slots; s++) {
      const x = a * slots + s;
      const y = b * slots + s;
      if (used[s]! < tables && free[x] && free[y] && !busy[x] && !busy[y]) {
        busy[x] = busy[y] = 1;
        used[s]!++;
        placed++;
        break;
      }
    }
  }
  return placed;
}

function overloaded(problem: SchedulingProblem): number {
  const load = new Int32Array(problem.people);
  for (const { a, b } of problem.meetings) {
    load[a]!++;
    load[b]!++;
  }
  let count = 0;
  for (let p = 0; p < problem.people; p++) if (load[p]! > (problem.availability?.[p]?.length ?? problem.slots)) count++;
  return count;
}

const percent = (part: number, whole: number) => `${whole === 0 ? '100.00' : ((100 * part) / whole).toFixed(2)}%`;

function benchInstance(label: string, problem: SchedulingProblem, rows: BenchRow[]): void {
  log(`meetings: ${label}…`);
  const millis: number[] = [];
  let result: ReturnType<typeof scheduleMeetings> | undefined;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    result = scheduleMeetings(problem, { mode: 'replan', seed: 1, clock: () => performance.now(), timeLimitMs: TIME_LIMIT_MS });
    millis.push(performance.now() - started);
  }
  const { placed, upperBound } = result!;
  const greedy = greedyPlaced(problem);
  rows.push({
    measure: `meetings: ${label}`,
    engine: 'core',
    value: `${placed} / bound ${upperBound} = ${percent(placed, upperBound)}`,
    note:
      `${(median(millis) / 1000).toFixed(3)} s (median of ${RUNS}, max ${(Math.max(...millis) / 1000).toFixed(3)} s); ` +
      `greedy ${greedy} = ${percent(greedy, upperBound)}; ` +
      `${overloaded(problem)} people with more requests than free slots`,
  });
}

export function benchMeetings(rows: BenchRow[]): void {
  const where = `${PEOPLE.toLocaleString('en')} attendees, ${SLOTS} slots × ${TABLES} tables`;
  for (const requests of [500, 1000, 5000]) {
    const count = `${requests.toLocaleString('en')} requests`;
    benchInstance(`${where}, ${count}, everyone free`, meetingsInstance(requests, {}), rows);
    benchInstance(`${where}, ${count}, free in ${FREE_SLOTS} of ${SLOTS}`, meetingsInstance(requests, { freeSlots: FREE_SLOTS }), rows);
    benchInstance(
      `${where}, ${count}, free in ${FREE_SLOTS} of ${SLOTS}, requests ≤ free slots`,
      meetingsInstance(requests, { freeSlots: FREE_SLOTS, withinFreeSlots: true }),
      rows,
    );
  }
  // Tables for everyone: only who is free when limits the schedule, the hard part of the problem;
  // at 7,500 requests most people have as many requests as free slots.
  for (const [requests, tables] of [
    [5000, 500],
    [7500, 1000],
  ] as const) {
    const head = `${PEOPLE.toLocaleString('en')} attendees, ${SLOTS} slots × ${tables} tables, ${requests.toLocaleString('en')} requests`;
    benchInstance(
      `${head}, free in ${FREE_SLOTS} of ${SLOTS}, requests ≤ free slots`,
      meetingsInstance(requests, { tables, freeSlots: FREE_SLOTS, withinFreeSlots: true }),
      rows,
    );
  }
  benchInstance(
    `${PEOPLE.toLocaleString('en')} attendees, ${SLOTS} slots × 1000 tables, 11,000 requests, everyone free, requests ≤ free slots`,
    meetingsInstance(11_000, { tables: 1000, withinFreeSlots: true }),
    rows,
  );
}
