import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareEvent } from '../../src/core/common-ground/prepare.js';
import { rankEveryone } from '../../src/core/common-ground/recommend.js';
import { taxonomyVocabulary } from '../../src/core/common-ground/vocabulary.js';
import { generatePeople } from '../../src/core/synthetic/people.js';
import { cli, expectOneLineFailure, lines } from '../support/cli.js';

interface Recommendations {
  people: number;
  seconds: number;
  results: { id: string; matches: { id: string; score: number; why: string[]; openers: string[] }[] }[];
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cg-recommend-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file in the test's folder; the CLI runs there, so `name` is the path as given. */
function file(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text);
  return name;
}

const recommend = (args: string[]) => cli(['recommend', ...args], { cwd: dir });

const PEOPLE = [
  'id,name,interests,offers,seeking,group',
  'ana,Ana Lima,Beekeeping;Jazz,,,',
  'bo,Bo Chen,Beekeeping;Chess,,,Acme',
  'cy,Cy Diaz,Jazz;Chess;Running,,,',
  'di,Di Evans,Jazz;Running,,,Acme',
  'ed,Ed Fox,Running;Chess,,,',
].join('\n');

/** Checks what the contract promises of every `--json` answer. */
function expectContractShape(run: { code: number | null; stdout: string; stderr: string }, ids: string[], top: number): Recommendations {
  expect(run.code, run.stderr).toBe(0);
  // Not a terminal: no progress on stderr.
  expect(run.stderr).toBe('');
  const result = JSON.parse(run.stdout) as Recommendations;
  expect(Object.keys(result)).toEqual(['people', 'seconds', 'results']);
  expect(result.people).toBe(ids.length);
  expect(result.seconds).toBeGreaterThanOrEqual(0);
  expect(result.results.map((r) => r.id)).toEqual(ids);
  for (const person of result.results) {
    expect(Object.keys(person)).toEqual(['id', 'matches']);
    expect(person.matches.length).toBeLessThanOrEqual(top);
    expect(new Set(person.matches.map((m) => m.id)).size).toBe(person.matches.length);
    for (const match of person.matches) {
      expect(Object.keys(match)).toEqual(['id', 'score', 'why', 'openers']);
      expect(match.id).not.toBe(person.id);
      expect(ids).toContain(match.id);
      expect(match.score).toBeGreaterThan(0);
      expect(Math.round(match.score * 10_000) / 10_000).toBe(match.score);
      expect(match.why.length).toBeGreaterThan(0);
      for (const opener of match.openers) expect(opener).toMatch(/\?$/);
    }
    const scores = person.matches.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  }
  return result;
}

describe('commonground recommend', () => {
  it('--json: for everyone in file order, the people to meet with why and openers; the other beekeeper first', async () => {
    const run = await recommend(['--people', file('people.csv', PEOPLE), '--json']);
    const result = expectContractShape(run, ['ana', 'bo', 'cy', 'di', 'ed'], 10);
    const ana = result.results[0]!;
    expect(ana.matches[0]!.id).toBe('bo');
    expect(ana.matches[0]!.why[0]).toBe('You both like beekeeping (2 people here)');
    expect(ana.matches[0]!.openers.length).toBeGreaterThanOrEqual(2);
    const bo = result.results[1]!;
    expect(bo.matches[0]!.id).toBe('ana');
    // The same pair has the same score from either side.
    expect(bo.matches[0]!.score).toBe(ana.matches[0]!.score);
    // One JSON document and nothing else.
    expect(run.stdout.trimEnd().endsWith('}')).toBe(true);
  }, 60_000);

  it('--top 1 gives one person each', async () => {
    const run = await recommend(['--people', file('people.csv', PEOPLE), '--top', '1', '--json']);
    const result = expectContractShape(run, ['ana', 'bo', 'cy', 'di', 'ed'], 1);
    expect(result.results.map((r) => r.matches.length)).toEqual([1, 1, 1, 1, 1]);
    expect(result.results[0]!.matches[0]!.id).toBe('bo');
  }, 60_000);

  it('without --json: a report per person with names, numbered matches, reasons and questions', async () => {
    const run = await recommend(['--people', file('people.csv', PEOPLE), '--top', '2']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const out = lines(run.stdout);
    expect(out[0]).toMatch(/^People to meet for 5 people, the best 2 each, found in [\d.]+ s\.$/);
    const ana = out.indexOf('Ana Lima (ana)');
    expect(ana).toBeGreaterThan(0);
    expect(out[ana + 1]).toMatch(/^ {2}1\. Bo Chen \(bo\) {2}score \d/);
    expect(out[ana + 2]).toBe('       You both like beekeeping (2 people here)');
    expect(out.filter((line) => line.trimStart().startsWith('Ask: ')).every((line) => line.endsWith('?'))).toBe(true);
    expect(out.filter((line) => /^\S/.test(line)).slice(1)).toEqual(['Ana Lima (ana)', 'Bo Chen (bo)', 'Cy Diaz (cy)', 'Di Evans (di)', 'Ed Fox (ed)']);
  }, 60_000);

  it('reads quoted cells holding ";", commas, quotes and line breaks, with a BOM and CRLF', async () => {
    const text =
      '\ufeffName,ID,Interests,Offers,Seeking,Email\r\n' +
      '"Lima, Ana","a,1","Beekeeping; Sea shanties","I can show you my hives, any weekend",,ana@example.org\r\n' +
      '"Bo ""the Bee"" Chen",b2,"Sea shanties;Beekeeping;Jazz",,"Someone to show me\r\nreal hives",bo@example.org\r\n' +
      'Cy,c3,Jazz,,,';
    const run = await recommend(['--people', file('quoted.csv', text), '--json']);
    const result = expectContractShape(run, ['a,1', 'b2', 'c3'], 10);
    const ana = result.results[0]!;
    expect(ana.matches[0]!.id).toBe('b2');
    expect(ana.matches[0]!.why.join('\n')).toMatch(/sea shanties/i);
    const report = await recommend(['--people', 'quoted.csv']);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain('Lima, Ana (a,1)');
    expect(report.stdout).toContain('1. Bo "the Bee" Chen (b2)');
  }, 60_000);

  it('points at the file, line and cell of a bad CSV: exit 2, one line on stderr, nothing on stdout', async () => {
    const unterminated = file('unterminated.csv', 'id,name,interests\nana,Ana,Jazz\nbo,"Bo Chen,Jazz\ncy,Cy,Jazz\n');
    expectOneLineFailure(await recommend(['--people', unterminated, '--json']), 2, /^unterminated\.csv:3:2: a quoted cell is never closed/);
    const duplicate = file('duplicate.csv', 'id,name\nana,Ana\nbo,Bo\nana,Another Ana\n');
    expectOneLineFailure(await recommend(['--people', duplicate]), 2, /^duplicate\.csv:4:1: the id "ana" is already used on line 2$/m);
    const noName = file('no-name.csv', 'id,interests\nana,Jazz\n');
    expectOneLineFailure(await recommend(['--people', noName, '--json']), 2, /^no-name\.csv:1:1: the header has no "name" column/);
    const nobody = file('nobody.csv', 'id,name\n');
    expectOneLineFailure(await recommend(['--people', nobody]), 2, /^nobody\.csv:2:1: no people in the file/);
    const latin1 = 'latin1.csv';
    writeFileSync(path.join(dir, latin1), Buffer.from([...Buffer.from('id,name\nzo,Zo'), 0xeb, 0x0a]));
    expectOneLineFailure(await recommend(['--people', latin1]), 2, /^latin1\.csv:2:2: this is not UTF-8 text/);
  }, 60_000);

  it('answers bad usage with one line on stderr and exit 2', async () => {
    const people = file('people.csv', PEOPLE);
    expectOneLineFailure(await recommend(['--top', '0', '--people', people]), 2, /--top.*whole number from 1 to 100/);
    expectOneLineFailure(await recommend(['--top', '101', '--people', people]), 2, /--top/);
    expectOneLineFailure(await recommend(['--top', '2.5', '--people', people]), 2, /--top/);
    expectOneLineFailure(await recommend(['--json']), 2, /--people/);
    expectOneLineFailure(await recommend(['--people', 'nowhere.csv']), 2, /cannot read nowhere\.csv: no such file/);
    expectOneLineFailure(await recommend(['--people', '.']), 2, /cannot read \.: it is a folder/);
  }, 60_000);

  it('ranks a few thousand synthetic people on worker threads, as one thread would', async () => {
    const synthetic = generatePeople(3500, 11);
    const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
    const text = [
      'id,name,interests,offers,seeking,group',
      ...synthetic.map((p) =>
        [p.id, p.name, p.interests.join(';'), p.offers.join(';'), p.seeking.join(';'), p.group ?? ''].map(cell).join(','),
      ),
    ].join('\n');
    const run = await recommend(['--people', file('synthetic.csv', text), '--top', '5', '--json']);
    const result = expectContractShape(run, synthetic.map((p) => p.id), 5);
    expect(result.results.every((r) => r.matches.length === 5)).toBe(true);
    const table = rankEveryone(prepareEvent(synthetic, taxonomyVocabulary), { top: 5 });
    expect(result.results.map((r) => r.matches.map((m) => m.id))).toEqual(
      synthetic.map((_, viewer) => [...table.people.subarray(viewer * 5, viewer * 5 + 5)].map((other) => synthetic[other]!.id)),
    );
    expect(result.results.flatMap((r) => r.matches).some((m) => m.why.some((why) => /^(They|You) offer: /.test(why)))).toBe(true);
  }, 120_000);
});
