import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { scheduleMeetings } from '../../core/scheduling/index.js';
import { readAvailabilityCsv, readMeetingRequestsCsv, scheduleCsv } from '../../core/scheduling/meeting-files.js';
import { CliError } from '../errors.js';
import { readCsvFile } from '../input-file.js';
import { seconds, wholeNumber } from '../options.js';
import { printJson, printLine, progress } from '../terminal.js';

interface ScheduleCommandOptions {
  requests: string;
  slots: number;
  tables: number;
  availability?: string;
  json?: boolean;
  out?: string;
  timeLimit: number;
  seed: number;
}

export interface MeetingsScheduleSummary {
  requests: number;
  scheduled: number;
  unscheduled: number;
  slotsUsed: number;
  seconds: number;
  /** Ours (CONTRACTS.md lets a document grow at the end): no schedule can place more. */
  upperBound: number;
}

function schedule(options: ScheduleCommandOptions): void {
  const started = performance.now();
  progress(`Reading ${options.requests}…`);
  const requests = readCsvFile(options.requests, readMeetingRequestsCsv);
  const free = options.availability ? readCsvFile(options.availability, (text) => readAvailabilityCsv(text, options.slots)) : [];

  // Persons are numbered in the order the requests name them; availability of anyone else is of no use.
  const personOf = new Map<string, number>();
  const person = (id: string) => {
    let index = personOf.get(id);
    if (index === undefined) {
      index = personOf.size;
      personOf.set(id, index);
    }
    return index;
  };
  const meetings = requests.map(({ a, b }) => ({ a: person(a), b: person(b) }));
  const availability: (number[] | undefined)[] = new Array<number[] | undefined>(personOf.size).fill(undefined);
  for (const { id, slot } of free) {
    const index = personOf.get(id);
    if (index === undefined) continue;
    (availability[index] ??= []).push(slot - 1);
  }

  progress(`Scheduling ${requests.length} meetings in ${options.slots} slots at ${options.tables} tables…`);
  const result = scheduleMeetings(
    { people: personOf.size, slots: options.slots, tables: options.tables, availability, meetings },
    { mode: 'replan', seed: options.seed, clock: () => performance.now(), timeLimitMs: options.timeLimit * 1000 },
  );
  const summary: MeetingsScheduleSummary = {
    requests: requests.length,
    scheduled: result.placed,
    unscheduled: requests.length - result.placed,
    slotsUsed: new Set(result.placements.flatMap((placement) => (placement ? [placement.slot] : []))).size,
    seconds: Math.round(performance.now() - started) / 1000,
    upperBound: result.upperBound,
  };
  if (options.out) {
    const text = scheduleCsv(requests.map(({ a, b }, index) => ({ a, b, placement: result.placements[index] ?? null })));
    try {
      writeFileSync(options.out, text);
    } catch (error) {
      throw new CliError(`cannot write ${options.out}: ${(error as Error).message}`);
    }
  }
  if (options.json) {
    printJson(summary);
    return;
  }
  const { scheduled, unscheduled, upperBound, slotsUsed } = summary;
  printLine(
    `Scheduled ${scheduled} of ${requests.length} meetings (no schedule can place more than ${upperBound}), ` +
      `in ${slotsUsed} of ${options.slots} slots, in ${summary.seconds} s.`,
  );
  if (unscheduled > 0) printLine(`${unscheduled} ${unscheduled === 1 ? 'meeting is' : 'meetings are'} not scheduled.`);
  if (options.out) printLine(`Schedule written to ${options.out}.`);
}

export function meetingsCommands(program: Command): void {
  const meetings = program.command('meetings').description('1:1 meetings between attendees');
  meetings
    .command('schedule')
    .description('offline: give each accepted meeting a slot and a table, no person or table twice in one slot')
    .requiredOption('--requests <file>', 'meeting requests CSV: a,b (the ids of the two people)')
    .requiredOption('--slots <n>', 'how many time slots', wholeNumber(1, 10_000))
    .requiredOption('--tables <t>', 'how many tables (the same in every slot)', wholeNumber(1, 1_000_000))
    .option('--availability <file>', 'availability CSV: id,slot rows of the slots (1..N) a person is free; no row for a person = free in every slot')
    .option('--out <file>', 'write the schedule CSV: a,b,slot,table (from 1; empty slot and table when not scheduled), in request order')
    .option('--time-limit <seconds>', 'stop improving the schedule after this long (it stops sooner when no schedule can place more)', seconds, 1)
    .option('--seed <s>', 'seed of the search: the same files and seed give the same schedule unless the time limit cuts it short', wholeNumber(0, Number.MAX_SAFE_INTEGER), 1)
    .option('--json', 'print {"requests","scheduled","unscheduled","slotsUsed","seconds","upperBound"}')
    .addHelpText(
      'after',
      '\nNeeds no server and no database. "upperBound" is a number of meetings no schedule can exceed;\n' +
        '"seconds" is the time from reading the files to the schedule, without writing it.',
    )
    .action((options: ScheduleCommandOptions) => schedule(options));
}
