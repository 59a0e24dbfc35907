import { readAttendeesCsv, type AttendeeFormat, type AttendeeImportProblem } from '../../core/csv/attendees.js';
import { planImport, totalsOf, type ImportAction, type ImportTotals, type StoredPerson } from '../../core/imports/plan.js';
import { recordAudit } from '../audit/audit.repository.js';
import { requireAccess } from '../platform/access.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import type { Database } from '../platform/db/client.js';
import { AppError } from '../platform/errors.js';
import { consumeRate } from '../platform/rate-limit.js';
import * as repo from './imports.repository.js';

export interface ImportInput {
  csv: string;
  format?: AttendeeFormat | 'auto' | undefined;
  fileName?: string | undefined;
  /** Only say what would happen. */
  dryRun?: boolean | undefined;
  /** Import the rows without problems even when others have some; otherwise any problem stores nothing. */
  validRowsOnly?: boolean | undefined;
}

/**
 * What the organizer is told of a row. Someone new and someone who already has an account are
 * both "create" (a new member of the event, invited): the import must not tell who has an account.
 */
export interface ImportRowView {
  row: number;
  email: string;
  name: string;
  action: Exclude<ImportAction['kind'], 'add'>;
  /** For `update`: what changes, in words. */
  changes?: string[];
  /** For `skip`: why. */
  reason?: string;
}

export interface ImportReport {
  format: AttendeeFormat;
  fileName: string;
  dryRun: boolean;
  /** Whether anything was stored. */
  committed: boolean;
  totals: Omit<ImportTotals, 'add'> & { problems: number; blank: number };
  rows: ImportRowView[];
  problems: AttendeeImportProblem[];
  /** Lines that are not attendees (blank lines, Eventbrite's totals row). */
  skippedLines: { row: number; reason: string }[];
}

/** How far a running import is; `done` of `total` rows written. */
export interface ImportProgress {
  phase: 'reading' | 'writing' | 'done';
  done: number;
  total: number;
}

/** Rows written per statement: large enough to be quick, small enough to show progress. */
const CHUNK = 2_000;

const IMPORTS_PER_HOUR = { limit: 30, windowSeconds: 3_600, message: 'That is many imports in an hour: try again in {wait}.' };
const PREVIEWS_PER_HOUR = { limit: 200, windowSeconds: 3_600, message: 'That is many previews in an hour: try again in {wait}.' };

function rowView(action: ImportAction): ImportRowView {
  const base = { row: action.line, email: action.email, action: action.kind === 'add' ? ('create' as const) : action.kind };
  switch (action.kind) {
    case 'create':
      return { ...base, name: action.profile.name };
    case 'add':
      return { ...base, name: action.name };
    case 'update':
      return { ...base, name: action.name, changes: action.changes };
    case 'skip':
      return { ...base, name: action.name, reason: action.reason };
    default:
      return { ...base, name: action.name };
  }
}

/** The totals as the organizer is told them: people with an account count as new members. */
function told({ add, ...totals }: ImportTotals, problems: number, blank: number): ImportReport['totals'] {
  return { ...totals, create: totals.create + add, problems, blank };
}

async function storedPeople(db: Database, eventId: string, emails: string[]): Promise<Map<string, StoredPerson>> {
  const stored = new Map<string, StoredPerson>();
  for (let at = 0; at < emails.length; at += 5_000) {
    for (const person of await repo.findStoredPeople(db, eventId, emails.slice(at, at + 5_000))) stored.set(person.email, person);
  }
  return stored;
}

/** Writes a plan in chunks, telling `onProgress` after each. */
async function applyPlan(
  tx: Database,
  eventId: string,
  actions: readonly ImportAction[],
  now: Date,
  onProgress: (progress: ImportProgress) => void,
  /** PGlite has no autovacuum: the planner would plan every chunk for the tables as they were at start. */
  refreshStatistics: boolean,
): Promise<void> {
  const total = actions.length;
  let done = 0;
  for (let at = 0; at < total; at += CHUNK) {
    const chunk = actions.slice(at, at + CHUNK);
    const creates = chunk.flatMap((a) => (a.kind === 'create' ? [{ email: a.email, checkIn: a.checkIn, ...a.profile }] : []));
    const made = await repo.insertImportedPeople(tx, eventId, creates, now);
    if (made !== creates.length) {
      throw new AppError('conflict', 'Someone signed up with one of these emails during the import, so nothing was imported. Run the import again.');
    }
    const adds = chunk.flatMap((a) => (a.kind === 'add' ? [{ userId: a.userId, name: a.name, checkIn: a.checkIn }] : []));
    await repo.insertImportedMemberships(tx, eventId, adds, now);
    const fills = chunk.flatMap((a) => ((a.kind === 'add' || a.kind === 'update') && Object.keys(a.fill).length > 0 ? [{ userId: a.userId, ...a.fill }] : []));
    await repo.updateUnclaimedProfiles(tx, fills, now);
    const updates = chunk.flatMap((a) => (a.kind === 'update' ? [{ userId: a.userId, checkIn: a.checkIn, listName: a.listName }] : []));
    await repo.touchImportedMemberships(tx, eventId, updates, now);
    if (refreshStatistics && creates.length + adds.length > 0) await repo.refreshPeopleStatistics(tx);
    done += chunk.length;
    onProgress({ phase: 'writing', done, total });
    // PGlite answers without ever yielding to the event loop: without a turn here, the progress
    // lines would wait in the socket's buffer until the whole import is written.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Reads an attendee export and, unless it is a dry run, stores it in one transaction: new people
 * get an unclaimed account and an invited membership (their badge's claim link), members are
 * updated, nobody is duplicated. With any problem in the file nothing is stored, unless the
 * organizer chose to import the valid rows.
 */
export async function importAttendees(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  input: ImportInput,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<ImportReport> {
  const me = await requireAccess(ctx, actor, 'attendee.import', { kind: 'event', eventId });
  const dryRun = input.dryRun ?? false;
  await consumeRate(ctx, `import:${dryRun ? 'preview' : 'run'}:${me.userId}`, dryRun ? PREVIEWS_PER_HOUR : IMPORTS_PER_HOUR);
  const fileName = input.fileName?.trim() ?? '';
  onProgress({ phase: 'reading', done: 0, total: 0 });
  const read = readAttendeesCsv(input.csv, input.format && input.format !== 'auto' ? { format: input.format } : {});
  const emails = read.rows.flatMap((row) => (row.email === '' ? [] : [row.email]));
  const report = (actions: ImportAction[], committed: boolean): ImportReport => ({
    format: read.format,
    fileName,
    dryRun,
    committed,
    totals: told(totalsOf(actions), read.problems.length, read.skipped.length),
    rows: actions.map(rowView),
    problems: read.problems,
    skippedLines: read.skipped.map(({ line, reason }) => ({ row: line, reason })),
  });

  if (dryRun) {
    const actions = planImport(read.rows, await storedPeople(ctx.db, eventId, emails));
    onProgress({ phase: 'done', done: actions.length, total: actions.length });
    return report(actions, false);
  }
  if (read.problems.length > 0 && !(input.validRowsOnly ?? false)) {
    const count = read.problems.length;
    throw new AppError(
      'unprocessable',
      `The file has ${count === 1 ? 'a problem' : `${count} problems`}, so nothing was imported. Correct the file, or choose to import the valid rows only.`,
      {
        errors: read.problems.slice(0, 1_000).map((problem) => ({
          pointer: '/body/csv',
          detail: `row ${problem.row}, column ${problem.column}: ${problem.message}`,
          row: problem.row,
          column: problem.column,
        })),
      },
    );
  }

  const now = ctx.now();
  const actions = await ctx.db.transaction(async (tx) => {
    // Planned under the lock, so two imports of one file into one event cannot both create.
    await repo.lockEventImports(tx, eventId);
    const planned = planImport(read.rows, await storedPeople(tx, eventId, emails));
    await applyPlan(tx, eventId, planned, now, onProgress, ctx.engine === 'pglite');
    const totals = totalsOf(planned);
    await recordAudit(tx, {
      eventId,
      actorId: me.userId,
      action: 'attendees.imported',
      detail: {
        format: read.format,
        fileName,
        created: totals.create + totals.add,
        updated: totals.update,
        unchanged: totals.unchanged,
        skipped: totals.skip,
        problems: read.problems.length,
        validRowsOnly: read.problems.length > 0,
      },
      at: now,
    });
    return planned;
  });
  onProgress({ phase: 'done', done: actions.length, total: actions.length });
  return report(actions, true);
}
