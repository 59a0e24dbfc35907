import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { readPeopleCsv, type PersonRow } from '../../core/csv/people.js';
import type { MixerPlan } from '../../core/mixer/problem.js';
import { badInput, CliError } from '../errors.js';
import { readCsvFile } from '../input-file.js';
import { seconds, wholeNumber } from '../options.js';
import { printChunks, printJson, progress } from '../terminal.js';

interface PlanCommandOptions {
  people: string;
  tableSize: number;
  rounds: number;
  tables?: number;
  apart?: string;
  seed: number;
  timeLimit: number;
  out?: string;
  json?: boolean;
}

/**
 * The `--json` document. CONTRACTS.md lists the fields up to "seconds"; the three after it are
 * ours (a document may grow at the end): "groupPairs" (table-rounds shared by two people of one
 * group), "bound" (the most rounds that can be free of repeats) and "method" (how the plan was made).
 */
export interface MixerPlanSummary {
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

const LIMITS = { tableSize: 1000, rounds: 1000, tables: 100_000 };
const roundTo4 = (value: number) => Math.round(value * 10_000) / 10_000;
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const oneLineOf = (text: string) => text.replace(/\s+/g, ' ').trim();

function summaryOf(people: number, rounds: number, plan: MixerPlan, started: number): MixerPlanSummary {
  const { figures } = plan;
  return {
    people,
    tables: plan.tables,
    rounds,
    repeatPairs: figures.repeatPairs,
    maxRepeat: figures.maxRepeat,
    distinctPairs: figures.distinctPairs,
    commonGround: roundTo4(figures.commonGround),
    apartViolations: figures.apartViolations,
    seconds: Math.round(performance.now() - started) / 1000,
    groupPairs: figures.groupPairs,
    bound: figures.bound,
    method: plan.method,
  };
}

/** The short human summary: the figures, the bound, the method. */
function summaryLines(summary: MixerPlanSummary, options: PlanCommandOptions, people: readonly PersonRow[], hasWeights: boolean): string[] {
  const lines = [
    `${plural(summary.people, 'person', 'people')} at ${plural(summary.tables, 'table', 'tables')} of at most ${options.tableSize}, ` +
      `${plural(summary.rounds, 'round', 'rounds')}, planned in ${summary.seconds} s.`,
    summary.repeatPairs === 0
      ? `No pair shares a table twice; ${plural(summary.distinctPairs, 'pair meets', 'pairs meet')}.`
      : `${plural(summary.repeatPairs, 'repeat', 'repeats')} (a pair sharing a table a second time counts once, a third time twice; ` +
        `the most any pair shares is ${summary.maxRepeat} rounds); ${plural(summary.distinctPairs, 'pair meets', 'pairs meet')}.`,
    `At most ${plural(summary.bound, 'round', 'rounds')} can be free of repeats for ${summary.people} people at tables of ${options.tableSize}.`,
  ];
  if (hasWeights) lines.push(`Common ground of the pairs who meet: ${summary.commonGround}.`);
  if (options.apart) {
    lines.push(
      summary.apartViolations === 0
        ? 'Pairs kept apart never share a table.'
        : `Pairs kept apart share a table ${plural(summary.apartViolations, 'time', 'times')}.`,
    );
  }
  if (people.some((person) => person.group !== undefined)) {
    lines.push(`People of one group share a table ${plural(summary.groupPairs, 'time', 'times')} (counted per pair and round).`);
  }
  lines.push(`Method: ${summary.method}.`);
  return lines;
}

/** The plan as text: a block per round, a line per table with who sits there. */
function* planChunks(plan: MixerPlan, people: readonly PersonRow[]): Generator<string> {
  const who = (person: number) => oneLineOf(`${people[person]!.name} (${people[person]!.id})`);
  for (let r = 0; r < plan.seats.length; r++) {
    const round = plan.seats[r]!;
    const atTable: number[][] = Array.from({ length: plan.tables }, () => []);
    round.forEach((table, person) => {
      if (table >= 0) (atTable[table] ??= []).push(person);
    });
    const lines = ['', `Round ${r + 1}`];
    atTable.forEach((seated, table) => {
      if (seated.length > 0) lines.push(`  Table ${table + 1}: ${seated.map(who).join(', ')}`);
    });
    yield `${lines.join('\n')}\n`;
  }
}

async function plan(options: PlanCommandOptions): Promise<void> {
  const started = performance.now();
  // Loaded here, not with the CLI: the interest taxonomy and the solver are for this command alone.
  const [{ MixerProblemError, planMixer, readMixerProblem }, { commonGroundWeights, mixerPlanCsv, mixerProblemOf, readApartCsv }] = await Promise.all([
    import('../../core/mixer/index.js'),
    import('../../core/mixer/mixer-files.js'),
  ]);
  progress(`Reading ${options.people}…`);
  const people = readCsvFile(options.people, readPeopleCsv);
  const indexOf = new Map(people.map(({ id }, index) => [id, index]));
  const apart = options.apart ? readCsvFile(options.apart, (text) => readApartCsv(text, indexOf, options.people)) : [];
  const impossible = (error: unknown) => (error instanceof MixerProblemError ? badInput(error.message) : error);
  try {
    // A problem no plan can satisfy is refused before the common ground of everyone is scored.
    readMixerProblem(mixerProblemOf(people, apart, options, []));
  } catch (error) {
    throw impossible(error);
  }
  progress('Finding the common ground between people…');
  const weights = commonGroundWeights(people);
  const problem = mixerProblemOf(people, apart, options, weights);

  progress(`Planning ${options.rounds} rounds for ${people.length} people at tables of ${options.tableSize}…`);
  let result: MixerPlan;
  try {
    result = planMixer(problem, { seed: options.seed, timeLimitMs: options.timeLimit * 1000, clock: () => performance.now() });
  } catch (error) {
    throw impossible(error);
  }
  const summary = summaryOf(people.length, options.rounds, result, started);
  if (options.out) {
    try {
      writeFileSync(options.out, mixerPlanCsv(result.seats, people));
    } catch (error) {
      throw new CliError(`cannot write ${options.out}: ${(error as Error).message}`);
    }
  }
  if (options.json) {
    printJson(summary);
    return;
  }
  const head = summaryLines(summary, options, people, weights.length > 0);
  if (options.out) head.push(`Plan written to ${options.out}.`);
  await printChunks([`${head.join('\n')}\n`, ...(options.out ? [] : planChunks(result, people))]);
}

export function mixerCommands(program: Command): void {
  const mixer = program.command('mixer').description('table-rotation mixers: everyone changes tables each round');
  mixer
    .command('plan')
    .description('offline: seat everyone at a table in every round, so that people meet as many new people as they can')
    .requiredOption('--people <file>', 'people CSV: id,name,interests,offers,seeking,group (id and name required; lists separated by ;)')
    .requiredOption('--table-size <k>', 'the most people at one table', wholeNumber(2, LIMITS.tableSize))
    .requiredOption('--rounds <r>', 'how many rounds', wholeNumber(1, LIMITS.rounds))
    .option('--tables <t>', 'tables available (default: as many as the people need, ceil(people / table size))', wholeNumber(1, LIMITS.tables))
    .option('--apart <file>', 'apart CSV: id_a,id_b rows of two people who never share a table')
    .option('--seed <s>', 'seed of the search: the same files and seed give the same plan unless the time limit cuts it short', wholeNumber(0, Number.MAX_SAFE_INTEGER), 1)
    .option('--time-limit <seconds>', 'stop improving the plan after this many seconds', seconds, 1)
    .option('--out <file>', 'write the plan CSV: round,table,id,name (rounds and tables from 1)')
    .option(
      '--json',
      'print {"people","tables","rounds","repeatPairs","maxRepeat","distinctPairs","commonGround","apartViolations","seconds","groupPairs","bound","method"}',
    )
    .addHelpText(
      'after',
      '\nNeeds no server and no database. Tables hold at most the table size, and the tables of a round\n' +
        'differ by at most one person. "repeatPairs" counts pairs who share a table in more than one round\n' +
        '(a pair that meets 3 times counts 2); "bound" is floor((people - 1) / (table size - 1)), the most\n' +
        'rounds that can be free of repeats. The plan keeps apart pairs apart, then has as few repeats as\n' +
        'it can find, then as few people of one group (the group column) at one table, then as much common\n' +
        'ground (interests, offers and needs) between the people who meet. "seconds" is the time from\n' +
        'reading the files to the plan, without writing it.',
    )
    .action((options: PlanCommandOptions) => plan(options));
}
