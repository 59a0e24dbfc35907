// The common-ground engine's figures: everyone's top 10 on synthetic events of 10,000 and
// 50,000 attendees, against a plain inverted index and brute force measured in the same run.
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PreparedEvent } from '../src/core/common-ground/prepare.js';
import type { MatchTable } from '../src/core/common-ground/recommend.js';
import { defaultWeights } from '../src/core/common-ground/types.js';
import { generatePeople } from '../src/core/synthetic/people.js';

// The compiled engine, what `npm start` and the CLI run: its worker threads load compiled
// JavaScript instead of compiling TypeScript on start.
const compiled = (module: string) => pathToFileURL(path.resolve('dist/core/common-ground', module)).href;
async function loadEngine() {
  return {
    ...((await import(compiled('prepare.js'))) as typeof import('../src/core/common-ground/prepare.js')),
    ...((await import(compiled('parallel.js'))) as typeof import('../src/core/common-ground/parallel.js')),
    ...((await import(compiled('recommend.js'))) as typeof import('../src/core/common-ground/recommend.js')),
    ...((await import(compiled('vocabulary.js'))) as typeof import('../src/core/common-ground/vocabulary.js')),
  };
}
type Engine = Awaited<ReturnType<typeof loadEngine>>;

export interface BenchRow {
  measure: string;
  engine: string;
  value: string;
  note?: string;
}

const TOP = 10;
const seconds = (millis: number) => `${(millis / 1000).toFixed(millis < 10_000 ? 2 : 1)} s`;
const log = (text: string) => process.stderr.write(`${text}\n`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function time<T>(work: () => T): { value: T; millis: number } {
  const started = performance.now();
  const value = work();
  return { value, millis: performance.now() - started };
}

async function timeAsync<T>(work: () => Promise<T>): Promise<{ value: T; millis: number }> {
  const started = performance.now();
  const value = await work();
  return { value, millis: performance.now() - started };
}

/** The share of the event that has the most-recommended person in its top 10. */
function topShare(table: MatchTable, people: number): { share: number; median: number } {
  const counts = new Int32Array(people);
  for (const person of table.people) if (person >= 0) counts[person]!++;
  let most = 0;
  for (const count of counts) most = Math.max(most, count);
  return { share: most / people, median: median([...counts]) };
}

function sameTables(a: MatchTable, b: MatchTable, from: number, to: number): boolean {
  for (let i = from * a.top; i < to * a.top; i++) {
    if (a.people[i] !== b.people[i] || a.scores[i] !== b.scores[i]) return false;
  }
  return true;
}

async function benchSize(
  engine: Engine,
  people: number,
  rows: BenchRow[],
  bruteForceViewers: number,
  undamped: boolean,
): Promise<void> {
  const { prepareEvent, rankEveryoneInParallel, matchRange, hiddenTables, taxonomyVocabulary } = engine;
  log(`recommendations: ${people} synthetic attendees…`);
  const profiles = generatePeople(people, 7);
  const heapBefore = process.memoryUsage().heapUsed;
  const prepared = time(() => prepareEvent(profiles, taxonomyVocabulary));
  const event: PreparedEvent = prepared.value;
  const exclusions = hiddenTables(event);

  const runs: number[] = [];
  let parallel: MatchTable | undefined;
  for (let run = 0; run < 3; run++) {
    const result = await timeAsync(() => rankEveryoneInParallel(event, { top: TOP }));
    runs.push(result.millis);
    parallel = result.value;
  }
  const heapAfter = process.memoryUsage().heapUsed;
  const single = time(() => matchRange(event.tables, exclusions, TOP, 0, people));
  const plain = time(() => matchRange(event.tables, exclusions, TOP, 0, people, 'plain-index'));
  const viewers = Math.min(people, bruteForceViewers);
  const brute = time(() => matchRange(event.tables, exclusions, TOP, 0, viewers, 'brute-force'));
  const bruteMillis = (brute.millis * people) / viewers;
  const agree =
    sameTables(parallel!, single.value, 0, people) &&
    sameTables(parallel!, plain.value, 0, people) &&
    sameTables(parallel!, brute.value, 0, viewers);
  const share = topShare(parallel!, people);
  const flat = undamped
    ? topShare(
        matchRange(prepareEvent(profiles, taxonomyVocabulary, { ...defaultWeights, damping: 0 }).tables, exclusions, TOP, 0, people),
        people,
      )
    : undefined;
  const threads = os.availableParallelism();
  const where = 'core';
  const label = `${people.toLocaleString('en')} attendees`;
  rows.push(
    { measure: `${label}: prepare (normalize, find topics, index)`, engine: where, value: seconds(prepared.millis) },
    {
      measure: `${label}: everyone's top ${TOP}, pruned index, ${threads} threads`,
      engine: where,
      value: seconds(median(runs)),
      note: `median of ${runs.length}; ${(median(runs) / prepared.millis).toFixed(1)}× prepare`,
    },
    {
      measure: `${label}: everyone's top ${TOP}, pruned index, 1 thread`,
      engine: where,
      value: seconds(single.millis),
      note: `${(single.millis / median(runs)).toFixed(2)}× the threaded run`,
    },
    {
      measure: `${label}: plain inverted index, 1 thread`,
      engine: where,
      value: seconds(plain.millis),
      note: `${(plain.millis / median(runs)).toFixed(1)}× the threaded pruned run`,
    },
    {
      measure: `${label}: brute force all pairs, 1 thread`,
      engine: where,
      value: seconds(bruteMillis),
      note: `${viewers < people ? `extrapolated from ${viewers} viewers; ` : ''}${(bruteMillis / median(runs)).toFixed(0)}× the threaded pruned run`,
    },
    { measure: `${label}: results identical across the four methods`, engine: where, value: agree ? 'yes' : 'NO' },
    {
      measure: `${label}: most-recommended person's share`,
      engine: where,
      value: `${(share.share * 100).toFixed(2)}%`,
      note:
        `in ${Math.round(share.share * people)} of ${people} top-${TOP} lists; median person in ${share.median}` +
        (flat ? `; without damping ${(flat.share * 100).toFixed(2)}%` : ''),
    },
    {
      measure: `${label}: memory`,
      engine: where,
      value: `${((heapAfter - heapBefore) / 2 ** 20).toFixed(0)} MiB heap`,
      note: `peak RSS of the bench process so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    },
  );
}

export async function benchRecommendations(rows: BenchRow[]): Promise<void> {
  const engine = await loadEngine();
  await benchSize(engine, 10_000, rows, 10_000, true);
  await benchSize(engine, 50_000, rows, 2_000, false);
}
