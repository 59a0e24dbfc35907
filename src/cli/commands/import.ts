import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { decodeCsv } from '../../core/csv/csv.js';
import type { ImportReport } from '../../server/imports/imports.service.js';
import { AppError } from '../../server/platform/errors.js';
import { badInput, CliError } from '../errors.js';
import { InputFileError } from '../input-file.js';
import { formatTable, shorten } from '../table.js';
import { printJson, printLine, progress } from '../terminal.js';
import { signedInClient } from './account.js';

const FORMATS = ['auto', 'luma', 'eventbrite', 'meetup', 'generic'] as const;
type Format = (typeof FORMATS)[number];

interface ImportOptions {
  event: string;
  format: Format;
  dryRun?: boolean;
  validRowsOnly?: boolean;
  direct?: boolean;
  as?: string;
  json?: boolean;
}

const FORMAT_NAMES: Record<ImportReport['format'], string> = {
  luma: 'Luma guest export',
  eventbrite: 'Eventbrite attendee report',
  meetup: 'Meetup attendee export',
  generic: 'generic attendee CSV',
};

/** The rows shown in the terminal; the rest are counted (all are in --json). */
const SHOWN_ROWS = 40;

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw badInput(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : (error as Error).message}`);
  }
  try {
    return decodeCsv(bytes);
  } catch (error) {
    throw badInput(`${file}: ${(error as Error).message}`);
  }
}

function summary(report: ImportReport): string {
  const t = report.totals;
  const verb = report.committed ? '' : ' (preview: nothing stored)';
  const parts = [
    `${t.create} new`,
    `${t.update} updated`,
    `${t.unchanged} unchanged`,
    `${t.skip} skipped`,
    ...(t.problems > 0 ? [`${t.problems} with problems${report.committed ? ', left out' : ''}`] : []),
  ];
  return `${FORMAT_NAMES[report.format]}, ${t.rows + t.problems} rows${verb}: ${parts.join(', ')}.`;
}

function printReport(file: string, report: ImportReport): void {
  printLine(summary(report));
  for (const problem of report.problems.slice(0, SHOWN_ROWS)) printLine(`${file}:${problem.row}:${problem.column}: ${problem.message}`);
  if (report.problems.length > SHOWN_ROWS) printLine(`… and ${report.problems.length - SHOWN_ROWS} more problems (all of them with --json)`);
  const notable = report.rows.filter((row) => row.action !== 'unchanged');
  if (notable.length > 0) {
    const rows = notable.slice(0, SHOWN_ROWS).map((row) => [
      String(row.row),
      row.action,
      shorten(row.name, 30),
      shorten(row.email, 36),
      shorten(row.reason ?? (row.changes ?? []).join(', '), 60),
    ]);
    printLine(formatTable(['ROW', 'ACTION', 'NAME', 'EMAIL', 'WHY'], rows));
    if (notable.length > SHOWN_ROWS) printLine(`… and ${notable.length - SHOWN_ROWS} more rows (all of them with --json)`);
  }
  if (report.problems.length > 0 && !report.committed) {
    printLine('Correct the file, or run again with --valid-rows-only to import the rows without problems.');
  }
}

/** The import refused for problems in the file: the first one at its place, as editors read it. */
function refusal(file: string, problem: { detail?: string; errors?: { row?: number; column?: number; detail: string }[] }): CliError {
  const located = (problem.errors ?? []).filter((e) => e.row !== undefined && e.column !== undefined);
  const first = located[0];
  if (!first) return badInput(problem.detail ?? 'the import was refused');
  const message = first.detail.replace(/^row \d+, column \d+: /, '');
  const more = located.length > 1 ? ` (and ${located.length - 1} more; see them with --dry-run)` : '';
  return new InputFileError(file, first.row!, first.column!, `${message}${more}; nothing was imported`);
}

function onProgress(done: number, total: number): void {
  progress(`Importing… ${done.toLocaleString('en')} of ${total.toLocaleString('en')} rows`);
}

async function throughApi(file: string, body: Record<string, unknown>, options: ImportOptions): Promise<ImportReport> {
  const client = signedInClient();
  const { events } = await client.call('GET /api/events', client.api.GET('/api/events'));
  const event = events.find((candidate) => candidate.slug === options.event || candidate.id === options.event);
  if (!event) throw badInput(`no event "${options.event}" among yours on ${client.server}: see commonground events list`);
  try {
    const last = await client.postStream('the import', `/api/events/${event.id}/imports`, body, (line) => {
      const value = line as { type?: string; done?: number; total?: number };
      if (value.type === 'progress') onProgress(value.done ?? 0, value.total ?? 0);
    });
    const value = last as { type?: string; report?: ImportReport; problem?: { detail?: string } } & Partial<ImportReport>;
    if (value.type === 'problem') throw new CliError(`the import stopped: ${value.problem?.detail ?? 'unknown problem'}; nothing was imported`);
    return value.type === 'report' ? value.report! : (value as ImportReport);
  } catch (error) {
    const problem = (error as { problem?: { status?: number; detail?: string; errors?: { row?: number; column?: number; detail: string }[] } }).problem;
    if (problem?.status === 422) throw refusal(file, problem);
    throw error;
  }
}

async function direct(file: string, body: Record<string, unknown>, options: ImportOptions): Promise<ImportReport> {
  const { configFromEnv, withDatabase } = await import('../database.js');
  const { importAttendees } = await import('../../server/imports/imports.service.js');
  const { unsafeFindImportTarget } = await import('../../server/imports/imports.repository.js');
  progress('Opening the database…');
  return withDatabase(configFromEnv(), async (ctx) => {
    const target = await unsafeFindImportTarget(ctx.db, options.event, options.as);
    if (!target) throw badInput(`no event "${options.event}" on this database`);
    if (!target.actorId) {
      throw badInput(options.as ? `no account with the email ${options.as}` : `the event "${target.eventName}" has no owner: name an organizer with --as EMAIL`);
    }
    try {
      return await importAttendees(ctx, { kind: 'user', userId: target.actorId, isAdmin: target.isAdmin }, target.eventId, body as never, (p) => {
        if (p.phase === 'writing') onProgress(p.done, p.total);
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'unprocessable' && error.errors) throw refusal(file, { detail: error.message, errors: error.errors });
      if (error instanceof AppError && error.code === 'not_found') {
        throw badInput(`${options.as ?? 'the owner'} is not an organizer of "${target.eventName}"`);
      }
      throw error;
    }
  });
}

export function importCommand(program: Command): void {
  program
    .command('import')
    .description('import attendees from a Luma, Eventbrite, Meetup or generic CSV export into an event')
    .argument('<file>', 'the CSV export')
    .requiredOption('--event <slug>', 'the event, by slug (or id)')
    .option('--format <format>', `${FORMATS.join('|')}: the export's kind (auto tells it by the header)`, (value: string) => {
      if (!(FORMATS as readonly string[]).includes(value)) throw badInput(`--format is one of ${FORMATS.join(', ')}, not "${value}"`);
      return value as Format;
    }, 'auto' as Format)
    .option('--dry-run', 'preview: what would be created, updated and skipped, and every problem; stores nothing')
    .option('--valid-rows-only', 'import the rows without problems even though others have some')
    .option('--direct', 'work on the database (DATABASE_URL, else PGlite in DATA_DIR) instead of through the API')
    .option('--as <email>', 'with --direct: the organizer to act as (default: the event’s owner)')
    .option('--json', 'print the import report as the API answers it')
    .addHelpText(
      'after',
      '\nMatching is by email: running the same file again changes nothing. New people get an unclaimed account and a\n' +
        'claim link (printed on their badge). With any problem in the file nothing is stored, unless --valid-rows-only.\n' +
        'Exit status 2 when the file has problems (also for --dry-run), with the first one as FILE:ROW:COLUMN on stderr.',
    )
    .action(async (file: string, options: ImportOptions) => {
      if (options.as && !options.direct) throw badInput('--as works with --direct only (through the API you act as yourself)');
      const csv = readText(file);
      const body = {
        csv,
        format: options.format,
        fileName: basename(file),
        ...(options.dryRun ? { dryRun: true } : {}),
        ...(options.validRowsOnly ? { validRowsOnly: true } : {}),
      };
      const report = options.direct ? await direct(file, body, options) : await throughApi(file, body, options);
      if (options.json) printJson(report);
      else printReport(file, report);
      if (report.problems.length > 0 && !report.committed) {
        const first = report.problems[0]!;
        const more = report.problems.length > 1 ? ` (and ${report.problems.length - 1} more)` : '';
        throw new InputFileError(file, first.row, first.column, `${first.message}${more}`);
      }
    });
}

