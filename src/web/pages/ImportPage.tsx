import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, type EventView } from '../api/client.js';
import {
  ImportRefused,
  MAX_IMPORT_BODY_BYTES,
  importBodyOf,
  previewImport,
  runImport,
  type ImportFormat,
  type ImportProgress,
  type ImportReport,
} from '../api/imports.js';
import { keys, useEvent } from '../api/queries.js';
import { SelectField } from '../components/Field.js';
import { formatBytes, ImportFilePicker, type ChosenFile } from '../components/ImportFilePicker.js';
import {
  FORMAT_NAMES,
  ImportCounts,
  ImportProblems,
  ImportRows,
  peopleInWords,
  peopleToImport,
  rowsWithProblems,
} from '../components/ImportPreview.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EventLoadError, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import '../components/Import.css';

const FORMATS: { value: ImportFormat; label: string }[] = [
  { value: 'auto', label: 'Tell from the file' },
  { value: 'luma', label: 'Luma guest export' },
  { value: 'eventbrite', label: 'Eventbrite attendee report' },
  { value: 'meetup', label: 'Meetup attendee export' },
  { value: 'generic', label: 'Spreadsheet: email, name, headline, interests, offers, seeking' },
];

/** Organizers bring in a ticketing tool's guest list: preview, then import, watching it go. */
export function ImportPage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  usePageTitle(event.data ? `Import attendees · ${event.data.name}` : 'Import attendees');

  if (event.isPending) return <Loading lines={6} label="Loading the event…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  if (event.data.myRole !== 'organizer') return <Navigate to={`/e/${eventId}`} replace />;
  return <ImportView event={event.data} />;
}

/** A refusal in plain words: what happened, and what to do about it. */
function ImportError({ error, header, title }: { error: unknown; header: readonly string[]; title: string }) {
  const status = error instanceof ApiError ? error.status : -1;
  let heading = title;
  let detail = errorMessage(error);
  if (status === 413) {
    heading = 'This file is too large to import';
    detail = `The largest import is ${formatBytes(MAX_IMPORT_BODY_BYTES)}. Split the file in two and import each part: people in both are matched by email, never added twice.`;
  } else if (status === 429) {
    heading = 'Too many imports for now';
    const wait = error instanceof ImportRefused ? error.retryAfter : undefined;
    if (wait && !/\d/.test(detail)) detail += ` Try again in ${Math.ceil(wait / 60)} minutes.`;
  } else if (status === 0) {
    heading = 'The server could not be reached';
  }
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{heading}</p>
      <p>{detail}</p>
      {error instanceof ImportRefused && error.cells.length > 0 && <ImportProblems problems={error.cells} header={header} />}
    </div>
  );
}

function ImportView({ event }: { event: EventView }) {
  const eventId = event.id;
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [file, setFile] = useState<ChosenFile>();
  const [format, setFormat] = useState<ImportFormat>('auto');
  const [validRowsOnly, setValidRowsOnly] = useState(false);
  const [progress, setProgress] = useState<ImportProgress>();
  const resultHeading = useRef<HTMLHeadingElement>(null);

  const bodyBytes = useMemo(
    () => (file ? new Blob([importBodyOf({ csv: file.text, format, fileName: file.name, validRowsOnly: true })]).size : 0),
    [file, format],
  );
  const tooLarge = bodyBytes > MAX_IMPORT_BODY_BYTES;

  const preview = useQuery({
    // Outside the event's keys, so that what an import changes does not preview the file again.
    queryKey: ['import-preview', eventId, file?.id ?? 0, format],
    queryFn: () => previewImport(eventId, { csv: file!.text, format, fileName: file!.name }),
    enabled: file !== undefined && !tooLarge,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });

  const run = useMutation({
    mutationFn: (report: ImportReport) =>
      runImport(eventId, { csv: file!.text, format, fileName: file!.name, validRowsOnly: report.problems.length > 0 && validRowsOnly }, setProgress),
    onSuccess: (report) => {
      void queryClient.invalidateQueries({ queryKey: keys.event(eventId), exact: true });
      void queryClient.invalidateQueries({ queryKey: keys.members(eventId) });
      void queryClient.invalidateQueries({ queryKey: ['events', eventId, 'badges'] });
      notify(`Imported ${peopleInWords(peopleToImport(report.totals))} from ${report.fileName || 'the file'}`);
    },
  });
  const importing = run.isPending;

  // Leaving mid-import would not stop it, but the person would not see how it ended.
  useEffect(() => {
    if (!importing) return;
    const stay = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', stay);
    return () => window.removeEventListener('beforeunload', stay);
  }, [importing]);

  useEffect(() => {
    if (run.isSuccess) resultHeading.current?.focus();
  }, [run.isSuccess]);

  function choose(chosen: ChosenFile) {
    setFile(chosen);
    setValidRowsOnly(false);
    setProgress(undefined);
    run.reset();
  }

  const header = file?.header ?? [];

  return (
    <div className="stack import-page">
      <header className="stack-xs">
        <Link to={`/e/${eventId}?tab=invite`} className="back-link">
          <span aria-hidden="true">←</span> {event.name}
        </Link>
        <h1>Import attendees</h1>
        <p className="lead">
          Bring in the guest list from Luma, Eventbrite, Meetup or a spreadsheet. You see what would happen first; importing the same file
          again updates people and never adds them twice.
        </p>
      </header>

      <section className="card" aria-label="The file">
        {/* Nothing here changes while an import runs. */}
        <fieldset className="import-fieldset stack-sm" disabled={importing}>
          <ImportFilePicker file={file} disabled={importing} onChoose={choose} />
          <SelectField
            label="Kind of export"
            name="format"
            value={format}
            onChange={(value) => {
              setFormat(value as ImportFormat);
              setValidRowsOnly(false);
              run.reset();
            }}
            options={FORMATS}
          />
        </fieldset>
      </section>

      {file && tooLarge && (
        <ImportError error={new ApiError(413, { detail: '' })} header={header} title="This file is too large to import" />
      )}
      {file && !tooLarge && preview.isPending && <Loading lines={4} label="Reading the file…" />}
      {file && !tooLarge && preview.isError && (
        <ImportError error={preview.error} header={header} title="The file could not be previewed" />
      )}
      {file && preview.data && !run.isSuccess && (
        <Preview
          report={preview.data}
          file={file}
          validRowsOnly={validRowsOnly}
          onValidRowsOnly={setValidRowsOnly}
          importing={importing}
          progress={progress}
          error={run.error}
          onImport={() => {
            setProgress(undefined);
            run.mutate(preview.data);
          }}
        />
      )}
      {file && run.data && (
        <section className="card stack-sm import-result" aria-labelledby="import-result-title">
          <h2 id="import-result-title" className="section-title" tabIndex={-1} ref={resultHeading}>
            Imported from {run.data.fileName || file.name}
          </h2>
          <ImportCounts totals={run.data.totals} tense="done" />
          {run.data.problems.length > 0 && (
            <p>
              {rowsWithProblems(run.data.problems) === 1 ? '1 row' : `${rowsWithProblems(run.data.problems).toLocaleString()} rows`} with
              problems {rowsWithProblems(run.data.problems) === 1 ? 'was' : 'were'} left out.
            </p>
          )}
          <p className="muted">
            New people are invited. Each claims their profile with the link on their badge, and you check them in at the door.
          </p>
          <div className="actions">
            <Link to={`/e/${eventId}/badges`} className="button button-primary">
              Print badges
            </Link>
            <Link to={`/e/${eventId}?tab=members`} className="button button-secondary">
              See the members
            </Link>
          </div>
        </section>
      )}
    </div>
  );
}

interface PreviewProps {
  report: ImportReport;
  file: ChosenFile;
  validRowsOnly: boolean;
  onValidRowsOnly(value: boolean): void;
  importing: boolean;
  progress: ImportProgress | undefined;
  error: unknown;
  onImport(): void;
}

function Preview({ report, file, validRowsOnly, onValidRowsOnly, importing, progress, error, onImport }: PreviewProps) {
  const { totals, problems } = report;
  const count = peopleToImport(totals);
  const badRows = rowsWithProblems(problems);
  const unreadable = problems.length > 0 && totals.rows === 0;
  const blocked = count === 0 || (problems.length > 0 && !validRowsOnly);

  return (
    <section className="stack" aria-labelledby="import-preview-title">
      <div className="card stack-sm">
        <div className="stack-xs">
          <h2 id="import-preview-title" className="section-title">
            Preview
          </h2>
          <p className="muted">
            Read as <strong className="import-format">{FORMAT_NAMES[report.format]}</strong>. Nothing is stored yet.
          </p>
        </div>
        <ImportCounts totals={totals} tense="preview" />

        {problems.length > 0 && (
          <div className="notice notice-error import-problem-notice">
            <p className="notice-title">
              {unreadable
                ? 'This file cannot be imported'
                : `${badRows === 1 ? '1 row has' : `${badRows.toLocaleString()} rows have`} ${problems.length === 1 ? 'a problem' : 'problems'}`}
            </p>
            <ImportProblems problems={problems} header={file.header} />
            <p className="small">
              {unreadable
                ? 'Check that this is the attendee export, or choose its kind above.'
                : count === 0
                  ? 'Correct them in the file and choose it again. The other rows have nothing to import: they are here already, or skipped.'
                  : 'Correct them in the file and choose it again, or import the other rows without them.'}
            </p>
          </div>
        )}

        {totals.rows > 0 && count === 0 && problems.length === 0 && (
          <p className="notice" role="status">
            {totals.skip === 0
              ? 'Nothing to import: everyone in this file is here already, as the file says.'
              : totals.unchanged === 0
                ? 'Nothing to import: every row is skipped, for the reasons in the list below.'
                : 'Nothing to import: everyone in this file is here already as it says, or skipped for the reasons below.'}
          </p>
        )}

        {!unreadable && count > 0 && (
          <div className="stack-sm import-confirm">
            {problems.length > 0 && (
              <div className="check">
                <input
                  id="import-valid-rows"
                  type="checkbox"
                  checked={validRowsOnly}
                  disabled={importing}
                  onChange={(e) => onValidRowsOnly(e.target.checked)}
                />
                <label htmlFor="import-valid-rows">
                  Import only the {totals.rows === 1 ? '1 valid row' : `${totals.rows.toLocaleString()} valid rows`} and leave out the{' '}
                  {badRows === 1 ? 'row' : 'rows'} with problems
                </label>
              </div>
            )}
            {importing ? (
              <ImportProgressBar progress={progress} />
            ) : (
              <button type="button" className="button button-primary button-block import-go" disabled={blocked} onClick={onImport}>
                Import {peopleInWords(count)}
              </button>
            )}
            {blocked && problems.length > 0 && !importing && (
              <p className="muted small">Tick the box above to import without the rows that have problems.</p>
            )}
            {error !== null && error !== undefined && !importing && <ImportError error={error} header={file.header} title="Nothing was imported" />}
          </div>
        )}
      </div>

      {report.rows.length > 0 && <ImportRows report={report} />}
    </section>
  );
}

function ImportProgressBar({ progress }: { progress: ImportProgress | undefined }) {
  const known = progress !== undefined && progress.total > 0;
  return (
    <div className="import-progress stack-xs" role="status">
      <label htmlFor="import-progress" className="import-progress-label">
        {known ? `Importing… ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} rows` : 'Checking the people already here…'}
      </label>
      {known ? <progress id="import-progress" max={progress.total} value={progress.done} /> : <progress id="import-progress" />}
    </div>
  );
}
