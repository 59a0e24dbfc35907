import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/csv/csv.js';
import { cli, expectOneLineFailure, lines, type Run } from '../support/cli.js';

interface Summary {
  people: number;
  tables: number;
  rounds: number;
  repeatPairs: number;
  maxRepeat: number;
  distinctPairs: number;
  commonGround: number;
  apartViolations: number;
  seconds: number;
  groupPairs: number;
  bound: number;
  method: string;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cg-mixer-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file in the test's folder; the CLI runs there, so `name` is the path as given. */
function file(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text);
  return name;
}

const plan = (args: string[]) => cli(['mixer', 'plan', ...args], { cwd: dir });

const INTERESTS = ['Jazz', 'Chess', 'Beekeeping', 'Running', 'Rust', 'Sailing'];

/** A people CSV of `count` people p1…pN, with interests and, for some, a group. */
function peopleCsv(count: number): string {
  const rows = ['id,name,interests,offers,seeking,group'];
  for (let p = 1; p <= count; p++) {
    const interests = [INTERESTS[p % INTERESTS.length], INTERESTS[(p * 7) % INTERESTS.length]].join(';');
    rows.push(`p${p},Person ${p},${interests},,,${p % 5 === 0 ? 'Acme' : ''}`);
  }
  return `${rows.join('\n')}\n`;
}

function summaryOf(run: Run): Summary {
  expect(run.code, run.stderr).toBe(0);
  // Not a terminal: no progress on stderr.
  expect(run.stderr).toBe('');
  const summary = JSON.parse(run.stdout) as Summary;
  expect(Object.keys(summary)).toEqual([
    'people', 'tables', 'rounds', 'repeatPairs', 'maxRepeat', 'distinctPairs', 'commonGround', 'apartViolations', 'seconds',
    'groupPairs', 'bound', 'method',
  ]);
  expect(summary.seconds).toBeGreaterThanOrEqual(0);
  expect(typeof summary.method).toBe('string');
  return summary;
}

/**
 * The plan CSV read back and checked without the solver's help: every person once per round,
 * tables of at most k whose sizes differ by at most one, apart pairs never together. Returns the
 * number of repeat pairs counted from it.
 */
function checkPlanCsv(name: string, ids: string[], rounds: number, k: number, apart: [string, string][] = []): number {
  const { header, rows } = parseCsv(readFileSync(path.join(dir, name), 'utf8'));
  expect(header).toEqual(['round', 'table', 'id', 'name']);
  const tablesOf = new Map<number, Map<number, string[]>>();
  for (const { cells } of rows) {
    const [round, table, id] = [Number(cells[0]), Number(cells[1]), cells[2]!];
    expect(Number.isInteger(round) && round >= 1 && round <= rounds, `round ${cells[0]}`).toBe(true);
    expect(Number.isInteger(table) && table >= 1, `table ${cells[1]}`).toBe(true);
    const tables = tablesOf.get(round) ?? new Map<number, string[]>();
    tablesOf.set(round, tables);
    tables.set(table, [...(tables.get(table) ?? []), id]);
  }
  expect([...tablesOf.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: rounds }, (_, r) => r + 1));
  const together = new Map<string, number>();
  for (const [round, tables] of tablesOf) {
    const seated = [...tables.values()].flat();
    expect(seated.sort(), `round ${round}`).toEqual([...ids].sort());
    const sizes = [...tables.values()].map((people) => people.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(k);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const people of tables.values()) {
      for (const [a, b] of apart) expect(people.includes(a) && people.includes(b), `${a} and ${b} together in round ${round}`).toBe(false);
      for (const a of people) for (const b of people) if (a < b) together.set(`${a} ${b}`, (together.get(`${a} ${b}`) ?? 0) + 1);
    }
  }
  return [...together.values()].reduce((sum, times) => sum + times - 1, 0);
}

const ids = (count: number) => Array.from({ length: count }, (_, p) => `p${p + 1}`);

describe('commonground mixer plan', () => {
  it('15 people at tables of 3 for 7 rounds: no pair meets twice; --out is round,table,id,name', async () => {
    const summary = summaryOf(
      await plan(['--people', file('fifteen.csv', peopleCsv(15)), '--table-size', '3', '--rounds', '7', '--time-limit', '5', '--json', '--out', 'fifteen-plan.csv']),
    );
    expect(summary).toMatchObject({ people: 15, tables: 5, rounds: 7, repeatPairs: 0, maxRepeat: 1, distinctPairs: 105, apartViolations: 0, bound: 7 });
    // Every pair meets once, so the common ground of all pairs with any is collected.
    expect(summary.commonGround).toBeGreaterThan(0);
    expect(checkPlanCsv('fifteen-plan.csv', ids(15), 7, 3)).toBe(0);
  }, 60_000);

  it('keeps apart pairs apart and spreads tables within one person when N is not a multiple of k', async () => {
    const apart: [string, string][] = [
      ['p1', 'p2'],
      ['p3', 'p17'],
      ['p5', 'p10'],
    ];
    const summary = summaryOf(
      await plan([
        '--people', file('seventeen.csv', peopleCsv(17)),
        '--apart', file('apart.csv', `id_a,id_b\n${apart.map((pair) => pair.join(',')).join('\n')}\n`),
        '--table-size', '4', '--rounds', '6', '--tables', '6', '--seed', '7', '--json', '--out', 'seventeen-plan.csv',
      ]),
    );
    expect(summary).toMatchObject({ people: 17, rounds: 6, apartViolations: 0, bound: 5 });
    expect(summary.tables).toBeGreaterThanOrEqual(5);
    expect(summary.tables).toBeLessThanOrEqual(6);
    expect(checkPlanCsv('seventeen-plan.csv', ids(17), 6, 4, apart)).toBe(summary.repeatPairs);
  }, 60_000);

  it('the same files and seed give the same plan', async () => {
    const args = ['--people', file('twelve.csv', peopleCsv(12)), '--table-size', '3', '--rounds', '4', '--seed', '42', '--json'];
    await plan([...args, '--out', 'same-1.csv']);
    await plan([...args, '--out', 'same-2.csv']);
    expect(readFileSync(path.join(dir, 'same-2.csv'), 'utf8')).toBe(readFileSync(path.join(dir, 'same-1.csv'), 'utf8'));
  }, 60_000);

  it('without --json: a short summary with the bound and the method, then the plan by round and table', async () => {
    const run = await plan(['--people', file('six.csv', peopleCsv(6)), '--table-size', '3', '--rounds', '2']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const out = lines(run.stdout);
    expect(out[0]).toMatch(/^6 people at 2 tables of at most 3, 2 rounds, planned in [\d.]+ s\.$/);
    expect(out).toContain('At most 2 rounds can be free of repeats for 6 people at tables of 3.');
    expect(out.some((line) => /^Method: .+\.$/.test(line))).toBe(true);
    expect(out).toContain('Round 1');
    expect(out).toContain('Round 2');
    const tableLines = out.filter((line) => /^ {2}Table \d: /.test(line));
    expect(tableLines).toHaveLength(4);
    expect(tableLines[0]).toMatch(/^ {2}Table 1: Person \d \(p\d\), Person \d \(p\d\), Person \d \(p\d\)$/);

    const written = await plan(['--people', 'six.csv', '--table-size', '3', '--rounds', '2', '--out', 'six-plan.csv']);
    expect(written.code, written.stderr).toBe(0);
    expect(lines(written.stdout).at(-1)).toBe('Plan written to six-plan.csv.');
    expect(written.stdout).not.toContain('Round 1');
  }, 60_000);

  it('neutralises ids and names a spreadsheet would run as formulas in --out', async () => {
    const people = file('formula.csv', 'id,name\n=1+2,@Ana\n"-bo","+Bo"\ncy,Cy\n');
    summaryOf(await plan(['--people', people, '--table-size', '3', '--rounds', '1', '--json', '--out', 'formula-plan.csv']));
    const { rows } = parseCsv(readFileSync(path.join(dir, 'formula-plan.csv'), 'utf8'));
    expect(rows.map((row) => row.cells)).toEqual([
      ['1', '1', "'=1+2", "'@Ana"],
      ['1', '1', "'-bo", "'+Bo"],
      ['1', '1', 'cy', 'Cy'],
    ]);
  }, 60_000);

  it('points at the file, line and cell of bad input: exit 2, one line on stderr, nothing on stdout', async () => {
    const people = file('people.csv', peopleCsv(9));
    const run = (more: string[]) => plan(['--people', people, '--table-size', '3', '--rounds', '2', '--json', ...more]);
    expectOneLineFailure(
      await run(['--apart', file('apart-unknown.csv', 'id_a,id_b\np1,p2\np3,x\n')]),
      2,
      /^apart-unknown\.csv:3:2: no person with id "x" in people\.csv$/m,
    );
    expectOneLineFailure(await run(['--apart', file('apart-self.csv', 'id_a,id_b\np4,p4\n')]), 2, /^apart-self\.csv:2:2: "p4" cannot be kept apart from themselves$/m);
    expectOneLineFailure(await run(['--apart', file('apart-header.csv', 'a,b\np1,p2\n')]), 2, /^apart-header\.csv:1:1: the header has no "id_a" column/);
    expectOneLineFailure(
      await plan(['--people', file('twice.csv', 'id,name\np1,A\np2,B\np1,C\n'), '--table-size', '2', '--rounds', '1']),
      2,
      /^twice\.csv:4:1: the id "p1" is already used on line 2$/m,
    );
    expectOneLineFailure(await plan(['--people', file('no-name.csv', 'id,name\np1,\n'), '--table-size', '2', '--rounds', '1']), 2, /^no-name\.csv:2:2: the name is empty$/m);
    expectOneLineFailure(await plan(['--people', 'nowhere.csv', '--table-size', '2', '--rounds', '1']), 2, /cannot read nowhere\.csv: no such file/);
  }, 60_000);

  it('refuses a problem no plan can satisfy with the reason: exit 2', async () => {
    const people = file('people.csv', peopleCsv(9));
    expectOneLineFailure(
      await plan(['--people', people, '--table-size', '3', '--rounds', '2', '--tables', '2', '--json']),
      2,
      /^commonground: Round 1 has 9 people: at tables of 3 they need 3 tables, and there are 2\.$/m,
    );
    expectOneLineFailure(await plan(['--people', people, '--table-size', '3', '--rounds', '201']), 2, /^commonground: A mixer has at most 200 rounds\.$/m);
  }, 60_000);

  it('answers bad usage with one line on stderr and exit 2', async () => {
    const people = file('people.csv', peopleCsv(9));
    const bad = [
      ['--table-size', '1'],
      ['--table-size', '2.5'],
      ['--rounds', '0'],
      ['--rounds', 'many'],
      ['--tables', '0'],
      ['--seed', '-1'],
    ] as const;
    const runs = await Promise.all(
      bad.map(([option, value]) => plan(['--people', people, ...Object.entries({ '--table-size': '3', '--rounds': '2', [option]: value }).flat()])),
    );
    runs.forEach((run, i) => expectOneLineFailure(run, 2, new RegExp(`${bad[i]![0]}.*whole number from`)));
    expectOneLineFailure(await plan(['--people', people, '--table-size', '3', '--rounds', '2', '--time-limit', '0']), 2, /--time-limit.*number of seconds/);
    expectOneLineFailure(await plan(['--table-size', '3', '--rounds', '2']), 2, /--people/);
    expectOneLineFailure(await plan(['--people', people, '--rounds', '2']), 2, /--table-size/);
    expectOneLineFailure(await plan(['--people', people, '--table-size', '3']), 2, /--rounds/);
    expectOneLineFailure(await cli(['mixer'], { cwd: dir }), 2, /missing command \(one of: plan\)/);
  }, 60_000);

  it('has --help, listing the options, the JSON fields and the default time limit', async () => {
    const run = await plan(['--help']);
    expect(run.code, run.stderr).toBe(0);
    for (const option of ['--people', '--table-size', '--rounds', '--tables', '--apart', '--seed', '--time-limit', '--out', '--json']) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain('"repeatPairs"');
    expect(run.stdout).toContain('"method"');
    expect(run.stdout).toMatch(/--time-limit <seconds> +stop improving the plan after this many seconds\s+\(default: 1\)/);
  }, 60_000);
});
