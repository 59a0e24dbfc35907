import { useId, useState, type DragEvent } from 'react';
import { parseCsv } from '../../core/csv/csv.js';

/** An export read in the browser, as the import sends it. */
export interface ChosenFile {
  /** Tells two choices of the same file apart, so that choosing it again previews it again. */
  id: number;
  name: string;
  size: number;
  text: string;
  /** The header's cells, to name the columns problems are in. */
  header: string[];
  /** Characters that were not UTF-8 were replaced: accents may have come out wrong. */
  notUtf8: boolean;
}

let chosen = 0;

/** The first line's cells (a quoted cell may hold a line break); none when it cannot be read. */
export function headerOf(csv: string): string[] {
  const head = csv.slice(0, 65_536);
  let quoted = false;
  let end = head.length;
  for (let i = 0; i < head.length; i++) {
    const char = head[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      end = i;
      break;
    }
  }
  try {
    return parseCsv(head.slice(0, end)).header.map((cell) => cell.trim());
  } catch {
    return [];
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

const SPREADSHEET = /\.(xlsx|xlsm|xls|numbers|ods)$/i;

async function readChosen(file: File): Promise<ChosenFile> {
  if (SPREADSHEET.test(file.name)) {
    throw new Error(`${file.name} is a spreadsheet, not a CSV file. Open it and save or export it as “CSV UTF-8”, then choose that file.`);
  }
  const text = await file.text();
  if (text.includes('\u0000')) throw new Error(`${file.name} is not a text file. Choose the CSV export of your guest list.`);
  chosen++;
  return { id: chosen, name: file.name, size: file.size, text, header: headerOf(text), notUtf8: text.includes('\uFFFD') };
}

/** Choose an export, or drop it on the box. */
export function ImportFilePicker({ file, disabled, onChoose }: { file: ChosenFile | undefined; disabled: boolean; onChoose(file: ChosenFile): void }) {
  const id = useId();
  const [over, setOver] = useState(false);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string>();

  async function take(picked: File | undefined) {
    if (!picked || disabled) return;
    setError(undefined);
    setReading(true);
    try {
      onChoose(await readChosen(picked));
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : 'This file could not be read.');
    } finally {
      setReading(false);
    }
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    void take(event.dataTransfer.files[0]);
  }

  return (
    <div className="stack-xs">
      <div
        className={`import-drop${over ? ' is-over' : ''}${disabled ? ' is-disabled' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <input
          id={id}
          type="file"
          className="import-file-input"
          accept=".csv,text/csv,text/plain"
          disabled={disabled}
          aria-describedby={`${id}-what`}
          onChange={(event) => {
            void take(event.target.files?.[0]);
            // The same file chosen again after editing it is read again.
            event.target.value = '';
          }}
        />
        <label htmlFor={id} className="import-drop-label">
          <span className="import-drop-action">{reading ? 'Reading the file…' : file ? 'Choose another file' : 'Choose a CSV file'}</span>
          <span className="import-drop-or muted">or drop it here</span>
        </label>
        {file ? (
          <p id={`${id}-what`} className="import-file-name">
            <strong>{file.name}</strong> <span className="muted">· {formatBytes(file.size)}</span>
          </p>
        ) : (
          <p id={`${id}-what`} className="muted small">
            The guest list exported from Luma, Eventbrite or Meetup, or a spreadsheet saved as CSV with the columns <code>email</code>,{' '}
            <code>name</code>, and if you like <code>headline</code>, <code>interests</code>, <code>offers</code>, <code>seeking</code>.
          </p>
        )}
      </div>
      {error && (
        <p className="form-message form-message-error" role="alert">
          {error}
        </p>
      )}
      {file?.notUtf8 && (
        <p className="notice notice-warning small" role="status">
          Some characters in this file could not be read, so names with accents may come out wrong. Save it as “CSV UTF-8” and choose it again.
        </p>
      )}
    </div>
  );
}
