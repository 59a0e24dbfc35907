import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/csv/csv.js';
import { checkSchedule } from '../../src/core/scheduling/index.js';
import { createRandom } from '../../src/core/synthetic/random.js';
import { cli, expectOneLineFailure, lines } from '../support/cli.js';

interface Summary {
  requests: number;
  scheduled: number;
  unscheduled: number;
  slotsUsed: number;
  seconds: number;
  upperBound: number;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cg-meetings-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file in the test's folder; the CLI runs there, so `name` is the path as given. */
function file(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text);
  return name;
}

const schedule = (args: string[]) => cli(['meetings', 'schedule', ...args], { cwd: dir });

// A triangle (ana, bo, cy) and ana–di; ana is free in slots 1 and 2 only.
const REQUESTS = 'a,b\nana,bo\nbo,cy\ncy,ana\nana,di\n';
const AVAILABILITY = 'id,slot\nana,1\nana,2\n';

function summaryOf(run: { code: number | null; stdout: string; stderr: string }): Summary {
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  const summary = JSON.parse(run.stdout) as Summary;
  expect(Object.keys(summary)).toEqual(['requests', 'scheduled', 'unscheduled', 'slotsUsed', 'seconds', 'upperBound']);
  expect(summary.scheduled + summary.unscheduled).toBe(summary.requests);
  expect(summary.scheduled).toBeLessThanOrEqual(summary.upperBound);
  expect(summary.seconds).toBeGreaterThanOrEqual(0);
  return summary;
}

/** The schedule CSV's rows, checked against the rules with the core's own checker. */
function readSchedule(name: string, requests: [string, string][], slots: number, tables: number, free: Map<string, number[]>) {
  const { header, rows } = parseCsv(readFileSync(path.join(dir, name), 'utf8'));
  expect(header).toEqual(['a', 'b', 'slot', 'table']);
  expect(rows.map((row) => [row.cells[0], row.cells[1]])).toEqual(requests);
  const ids = [...new Set(requests.flat())];
  const placements = rows.map(({ cells }) => (cells[2] === '' ? null : { slot: Number(cells[2]) - 1, table: Number(cells[3]) - 1 }));
  for (const { cells } of rows) expect(cells[2] === '').toBe(cells[3] === '');
  const problem = {
    people: ids.length,
    slots,
    tables,
    availability: ids.map((id) => free.get(id)),
    meetings: requests.map(([a, b]) => ({ a: ids.indexOf(a), b: ids.indexOf(b) })),
  };
  expect(checkSchedule(problem, placements)).toEqual([]);
  return placements;
}

describe('commonground meetings schedule', () => {
  it('--json: one document with the counts; --out: a,b,slot,table in request order, from 1', async () => {
    const run = await schedule([
      '--requests', file('requests.csv', REQUESTS),
      '--slots', '2', '--tables', '1',
      '--availability', file('availability.csv', AVAILABILITY),
      '--out', 'schedule.csv', '--json',
    ]);
    const summary = summaryOf(run);
    // One table per slot and two slots: two meetings at most, and the bound knows it.
    expect(summary).toMatchObject({ requests: 4, scheduled: 2, unscheduled: 2, slotsUsed: 2, upperBound: 2 });
    const placements = readSchedule(
      'schedule.csv',
      [['ana', 'bo'], ['bo', 'cy'], ['cy', 'ana'], ['ana', 'di']],
      2,
      1,
      new Map([['ana', [0, 1]]]),
    );
    expect(placements.filter((p) => p !== null)).toHaveLength(2);
  }, 60_000);

  it('places every meeting when the slots allow it: the triangle takes three slots', async () => {
    const summary = summaryOf(await schedule(['--requests', file('requests.csv', REQUESTS), '--slots', '3', '--tables', '2', '--json', '--out', 'all.csv']));
    expect(summary).toMatchObject({ requests: 4, scheduled: 4, unscheduled: 0, slotsUsed: 3, upperBound: 4 });
    const placements = readSchedule('all.csv', [['ana', 'bo'], ['bo', 'cy'], ['cy', 'ana'], ['ana', 'di']], 3, 2, new Map());
    expect(new Set(placements.map((p) => p!.slot)).size).toBe(3);
  }, 60_000);

  it('without --json: a short summary with the bound, slots used and seconds', async () => {
    const run = await schedule(['--requests', file('requests.csv', REQUESTS), '--slots', '2', '--tables', '1', '--availability', 'availability.csv', '--out', 'summary.csv']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(lines(run.stdout)).toEqual([
      expect.stringMatching(/^Scheduled 2 of 4 meetings \(no schedule can place more than 2\), in 2 of 2 slots, in [\d.]+ s\.$/),
      '2 meetings are not scheduled.',
      'Schedule written to summary.csv.',
    ]);
  }, 60_000);

  it('neutralises ids a spreadsheet would run as formulas in --out', async () => {
    const requests = file('formula.csv', 'a,b\n=1+2,@bo\n"-cy","+di"\n');
    const summary = summaryOf(await schedule(['--requests', requests, '--slots', '1', '--tables', '2', '--json', '--out', 'formula-out.csv']));
    expect(summary.scheduled).toBe(2);
    const { rows } = parseCsv(readFileSync(path.join(dir, 'formula-out.csv'), 'utf8'));
    expect(rows.map((row) => row.cells)).toEqual([
      ["'=1+2", "'@bo", '1', '1'],
      ["'-cy", "'+di", '1', '2'],
    ]);
  }, 60_000);

  it('schedules a thousand requests among 300 people within the slots, the same way twice with a seed', async () => {
    const random = createRandom(5);
    const pairs = new Set<string>();
    const requests: [string, string][] = [];
    while (requests.length < 1000) {
      const a = random.int(1, 300);
      const b = random.int(1, 300);
      const key = `${Math.min(a, b)}-${Math.max(a, b)}`;
      if (a === b || pairs.has(key)) continue;
      pairs.add(key);
      requests.push([`p${a}`, `p${b}`]);
    }
    const free = new Map<string, number[]>();
    const availability = ['id,slot'];
    for (let person = 1; person <= 300; person += 2) {
      const slots = random.sample([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 7);
      free.set(`p${person}`, slots);
      for (const slot of slots) availability.push(`p${person},${slot + 1}`);
    }
    file('many.csv', ['a,b', ...requests.map((pair) => pair.join(','))].join('\n'));
    file('many-free.csv', availability.join('\n'));
    const args = ['--requests', 'many.csv', '--availability', 'many-free.csv', '--slots', '10', '--tables', '60', '--seed', '3', '--time-limit', '30', '--json'];
    const first = summaryOf(await schedule([...args, '--out', 'many-1.csv']));
    const second = summaryOf(await schedule([...args, '--out', 'many-2.csv']));
    expect(first.requests).toBe(1000);
    expect(first.scheduled / first.upperBound).toBeGreaterThanOrEqual(0.99);
    readSchedule('many-1.csv', requests, 10, 60, free);
    expect(readFileSync(path.join(dir, 'many-2.csv'), 'utf8')).toBe(readFileSync(path.join(dir, 'many-1.csv'), 'utf8'));
    expect(second.scheduled).toBe(first.scheduled);
  }, 120_000);

  it('points at the file, line and cell of bad input: exit 2, one line on stderr, nothing on stdout', async () => {
    const args = ['--slots', '3', '--tables', '2'];
    const run = (requests: string, more: string[] = []) => schedule(['--requests', requests, ...args, ...more, '--json']);
    expectOneLineFailure(await run(file('no-b.csv', 'a,c\nana,bo\n')), 2, /^no-b\.csv:1:1: the header has no "b" column/);
    expectOneLineFailure(await run(file('self.csv', 'a,b\nana,bo\nbo,bo\n')), 2, /^self\.csv:3:2: "bo" cannot meet themselves$/m);
    expectOneLineFailure(await run(file('empty-id.csv', 'a,b\nana,bo\n,bo\n')), 2, /^empty-id\.csv:3:1: the id is empty$/m);
    expectOneLineFailure(
      await run(file('twice.csv', 'a,b\nana,bo\ncy,di\nbo,ana\n')),
      2,
      /^twice\.csv:4:1: "bo" and "ana" are already asked to meet on line 2$/m,
    );
    const requests = file('requests.csv', REQUESTS);
    expectOneLineFailure(
      await run(requests, ['--availability', file('slot-big.csv', 'id,slot\nana,1\nana,4\n')]),
      2,
      /^slot-big\.csv:3:2: the slot must be a whole number from 1 to 3, not "4"$/m,
    );
    expectOneLineFailure(
      await run(requests, ['--availability', file('slot-word.csv', 'id,slot\nana,first\n')]),
      2,
      /^slot-word\.csv:2:2: the slot must be a whole number from 1 to 3/,
    );
    expectOneLineFailure(await run(file('quote.csv', 'a,b\nana,"bo\n')), 2, /^quote\.csv:2:2: a quoted cell is never closed/);
  }, 60_000);

  it('has --help, listing the options and the JSON fields', async () => {
    const run = await schedule(['--help']);
    expect(run.code, run.stderr).toBe(0);
    for (const option of ['--requests', '--slots', '--tables', '--availability', '--out', '--json', '--time-limit', '--seed']) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain('"upperBound"');
    const group = await cli(['meetings', '--help'], { cwd: dir });
    expect(group.code).toBe(0);
    expect(group.stdout).toMatch(/schedule/);
  }, 60_000);

  it('answers bad usage with one line on stderr and exit 2', async () => {
    const requests = file('requests.csv', REQUESTS);
    for (const bad of [['--slots', '0', '--tables', '2'], ['--slots', '2.5', '--tables', '2'], ['--slots', '3', '--tables', '0'], ['--slots', '3', '--tables', '-1']]) {
      const option = bad[1] === '0' || bad[1] === '2.5' ? '--slots' : '--tables';
      expectOneLineFailure(await schedule(['--requests', requests, ...bad]), 2, new RegExp(`${option}.*whole number from 1`));
    }
    expectOneLineFailure(await schedule(['--slots', '3', '--tables', '2']), 2, /--requests/);
    expectOneLineFailure(await schedule(['--requests', requests, '--tables', '2']), 2, /--slots/);
    expectOneLineFailure(await schedule(['--requests', requests, '--slots', '3', '--tables', '2', '--time-limit', '0']), 2, /--time-limit/);
    expectOneLineFailure(await schedule(['--requests', 'nowhere.csv', '--slots', '3', '--tables', '2']), 2, /cannot read nowhere\.csv: no such file/);
    expectOneLineFailure(await cli(['meetings'], { cwd: dir }), 2, /missing command \(one of: schedule\)/);
  }, 60_000);
});
