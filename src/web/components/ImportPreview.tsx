import { useMemo, useState } from 'react';
import type { ImportAction, ImportFileProblem, ImportReport, ImportRowView } from '../api/imports.js';

export const FORMAT_NAMES: Record<ImportReport['format'], string> = {
  luma: 'a Luma guest export',
  eventbrite: 'an Eventbrite attendee report',
  meetup: 'a Meetup attendee export',
  generic: 'a spreadsheet (email, name, …)',
};

const ACTION_WORDS: Record<ImportAction, string> = {
  create: 'New',
  update: 'Update',
  unchanged: 'Unchanged',
  skip: 'Skipped',
};

const ACTION_ORDER: ImportAction[] = ['create', 'update', 'unchanged', 'skip'];

/** How many rows the table shows at first, and adds each time: a list of 10,000 stays quick. */
const PAGE = 200;
/** Problems listed before "show all": a file of the wrong kind has one on every row. */
const PROBLEMS_SHOWN = 50;

export const peopleInWords = (n: number) => (n === 1 ? '1 person' : `${n.toLocaleString()} people`);
const rowsWord = (n: number) => (n === 1 ? '1 row' : `${n.toLocaleString()} rows`);

/** The totals as an organizer reads them: "8 new people", "1 to update", … (the ones that are not zero). */
export function countsInWords(totals: ImportReport['totals'], tense: 'preview' | 'done'): { action: ImportAction; text: string }[] {
  const n = (count: number) => count.toLocaleString();
  const words: Record<ImportAction, string> =
    tense === 'preview'
      ? {
          create: totals.create === 1 ? '1 new person' : `${n(totals.create)} new people`,
          update: `${n(totals.update)} to update`,
          unchanged: `${n(totals.unchanged)} unchanged`,
          skip: `${n(totals.skip)} skipped`,
        }
      : {
          create: totals.create === 1 ? '1 new person invited' : `${n(totals.create)} new people invited`,
          update: `${n(totals.update)} updated`,
          unchanged: `${n(totals.unchanged)} unchanged`,
          skip: `${n(totals.skip)} skipped`,
        };
  return ACTION_ORDER.filter((action) => totals[action] > 0).map((action) => ({ action, text: words[action] }));
}

/** The people an import would change: new to the event, and updated. */
export function peopleToImport(totals: ImportReport['totals']): number {
  return totals.create + totals.update;
}

/** Rows with at least one problem (a row may have several). */
export function rowsWithProblems(problems: readonly ImportFileProblem[]): number {
  return new Set(problems.map((problem) => problem.row)).size;
}

export function ImportCounts({ totals, tense }: { totals: ImportReport['totals']; tense: 'preview' | 'done' }) {
  const counts = countsInWords(totals, tense);
  return (
    <ul className="import-counts" aria-label={tense === 'preview' ? 'What the import would do' : 'What the import did'}>
      {counts.map(({ action, text }) => {
        const [figure, ...rest] = text.split(' ');
        return (
          <li key={action} className={`import-count import-count-${action}`}>
            <strong>{figure}</strong> {rest.join(' ')}
          </li>
        );
      })}
      {counts.length === 0 && <li className="import-count">No attendees in this file</li>}
    </ul>
  );
}

/** "Row 3, column 5 (email): …", or the header's own problem, in the file's words. */
export function problemInWords(problem: ImportFileProblem, header: readonly string[]): string {
  if (problem.row === 1) return `The first line (the header): ${problem.message}`;
  const title = header[problem.column - 1];
  return `Row ${problem.row}, column ${problem.column}${title ? ` (${title})` : ''}: ${problem.message}`;
}

export function ImportProblems({ problems, header }: { problems: readonly ImportFileProblem[]; header: readonly string[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? problems : problems.slice(0, PROBLEMS_SHOWN);
  return (
    <div className="stack-xs">
      <ul className="import-problems">
        {shown.map((problem, i) => (
          <li key={`${problem.row}:${problem.column}:${i}`}>{problemInWords(problem, header)}</li>
        ))}
      </ul>
      {shown.length < problems.length && (
        <button type="button" className="button button-quiet button-small" onClick={() => setAll(true)}>
          Show all {problems.length.toLocaleString()} problems
        </button>
      )}
    </div>
  );
}

function RowLine({ row }: { row: ImportRowView }) {
  const detail = row.action === 'update' && row.changes?.length ? `Changes: ${row.changes.join(', ')}` : row.action === 'skip' ? row.reason : undefined;
  return (
    <tr>
      <td className="import-row-number">{row.row}</td>
      <td className="import-row-person">
        <span className="import-row-name">{row.name || '(no name)'}</span>
        {row.email && <span className="import-row-email">{row.email}</span>}
        {detail && <span className="import-row-detail">{detail}</span>}
      </td>
      <td>
        <span className={`import-action import-action-${row.action}`}>{ACTION_WORDS[row.action]}</span>
      </td>
    </tr>
  );
}

/** Every row with what would happen to it: filtered by action, and shown a page at a time. */
export function ImportRows({ report }: { report: ImportReport }) {
  const [filter, setFilter] = useState<ImportAction | 'all'>('all');
  const [shown, setShown] = useState(PAGE);
  const rows = useMemo(() => (filter === 'all' ? report.rows : report.rows.filter((row) => row.action === filter)), [report.rows, filter]);
  const visible = rows.slice(0, shown);
  const filters = ACTION_ORDER.filter((action) => report.totals[action] > 0);

  return (
    <section className="stack-sm" aria-labelledby="import-rows-title">
      <div className="section-head">
        <h3 id="import-rows-title" className="subhead">
          Row by row
        </h3>
        <p className="muted small">Row numbers are lines of the file; the header is line 1.</p>
      </div>
      {filters.length > 1 && (
        <div className="filter-chips" role="group" aria-label="Show rows">
          {(['all', ...filters] as const).map((action) => (
            <button
              key={action}
              type="button"
              className={`chip chip-filter${filter === action ? ' is-active' : ''}`}
              aria-pressed={filter === action}
              onClick={() => {
                setFilter(action);
                setShown(PAGE);
              }}
            >
              {action === 'all' ? `All ${report.rows.length.toLocaleString()}` : `${ACTION_WORDS[action]} ${report.totals[action].toLocaleString()}`}
            </button>
          ))}
        </div>
      )}
      {rows.length > 0 && (
        <div className="import-table-wrap">
          <table className="import-table">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Person</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((row) => (
                <RowLine key={row.row} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions import-more">
        <p className="muted small" aria-live="polite">
          Showing {visible.length.toLocaleString()} of {rowsWord(rows.length)}
        </p>
        {visible.length < rows.length && (
          <button type="button" className="button button-secondary button-small" onClick={() => setShown((n) => n + PAGE)}>
            Show {Math.min(PAGE, rows.length - visible.length).toLocaleString()} more
          </button>
        )}
      </div>
      {report.skippedLines.length > 0 && (
        <details className="import-skipped-lines">
          <summary>
            {report.skippedLines.length === 1 ? '1 line is' : `${report.skippedLines.length.toLocaleString()} lines are`} not an attendee
          </summary>
          <ul className="plain-list small">
            {report.skippedLines.slice(0, PROBLEMS_SHOWN).map((line) => (
              <li key={line.row}>
                Line {line.row}: {line.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
