// Attendee import and badge claims: the API's shapes and calls. The import is read as it streams
// (one JSON line per step), which openapi-fetch cannot do, so the import route is called with a
// plain fetch: same-origin, with the session cookie, and the browser's Origin header the server checks.
import { ApiError, api, unwrap, type Schemas } from './client.js';

export type ImportReport = Schemas['ImportReport'];
export type ImportRowView = ImportReport['rows'][number];
export type ImportAction = ImportRowView['action'];
export type ImportFileProblem = ImportReport['problems'][number];
export type ImportFormat = 'auto' | 'luma' | 'eventbrite' | 'meetup' | 'generic';
export type ClaimView = Schemas['Claim'];

/** The largest request the import route takes (the server's MAX_IMPORT_BYTES): the file travels inside JSON. */
export const MAX_IMPORT_BODY_BYTES = 20 * 1024 * 1024;

export interface ImportRequest {
  csv: string;
  format: ImportFormat;
  fileName: string;
  validRowsOnly?: boolean;
}

export interface ImportProgress {
  done: number;
  total: number;
}

interface ProblemWithCells {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: { pointer: string; detail: string; row?: number; column?: number }[];
}

/** A refused import or preview: the server's words, and the file's rows and columns when it named them. */
export class ImportRefused extends ApiError {
  readonly cells: ImportFileProblem[];
  /** Seconds to wait, from Retry-After, when there were too many imports. */
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: ProblemWithCells | undefined, retryAfter?: number) {
    super(status, problem);
    this.name = 'ImportRefused';
    this.retryAfter = retryAfter;
    this.cells = (problem?.errors ?? []).flatMap((error) =>
      error.row === undefined || error.column === undefined
        ? []
        : [{ row: error.row, column: error.column, message: error.detail.replace(/^row \d+, column \d+: /, '') }],
    );
  }
}

/** The JSON text sent for an import: its size decides whether the server takes it at all. */
export function importBodyOf(request: ImportRequest & { dryRun?: boolean }): string {
  const { csv, format, fileName, validRowsOnly, dryRun } = request;
  return JSON.stringify({ csv, format, fileName: fileName.slice(0, 200), ...(dryRun ? { dryRun } : {}), ...(validRowsOnly ? { validRowsOnly } : {}) });
}

async function problemOf(response: Response): Promise<ImportRefused> {
  let problem: ProblemWithCells | undefined;
  try {
    problem = (await response.json()) as ProblemWithCells;
  } catch {
    problem = undefined;
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ImportRefused(response.status, problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
}

const CUT_OFF =
  'The connection broke before the import finished, so it may or may not be stored. Choose the file again: its preview says what is already here.';

type StreamLine = { type: 'progress'; done: number; total: number } | { type: 'report'; report: ImportReport } | { type: 'problem'; problem: ProblemWithCells };

async function post(eventId: string, body: string, accept: string): Promise<Response> {
  try {
    return await fetch(`/api/events/${encodeURIComponent(eventId)}/imports`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept },
      body,
    });
  } catch {
    throw new ApiError(0, undefined);
  }
}

/** What the file would do, stored nowhere. */
export async function previewImport(eventId: string, request: ImportRequest): Promise<ImportReport> {
  const response = await post(eventId, importBodyOf({ ...request, dryRun: true }), 'application/json');
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as ImportReport;
}

/**
 * Imports for real. A long import answers line by line (`progress` lines, then the report or a
 * problem); a short one, or one refused before anything was written, answers as one document.
 */
export async function runImport(eventId: string, request: ImportRequest, onProgress: (progress: ImportProgress) => void): Promise<ImportReport> {
  const response = await post(eventId, importBodyOf(request), 'application/x-ndjson, application/json;q=0.9');
  if (!response.ok) throw await problemOf(response);
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('application/x-ndjson') || !response.body) return (await response.json()) as ImportReport;

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  const read = (line: string): ImportReport | undefined => {
    if (line.trim() === '') return undefined;
    const message = JSON.parse(line) as StreamLine;
    if (message.type === 'progress') onProgress({ done: message.done, total: message.total });
    else if (message.type === 'problem') throw new ImportRefused(message.problem.status ?? 500, message.problem);
    else if (message.type === 'report') return message.report;
    return undefined;
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      pending += value;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const report = read(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        if (report) return report;
        newline = pending.indexOf('\n');
      }
    }
    const report = read(pending);
    if (report) return report;
  } catch (error) {
    if (error instanceof ApiError) throw error;
  }
  throw new ApiError(0, { detail: CUT_OFF });
}

export const claimApi = {
  describe: (token: string) => unwrap(api.GET('/api/claims/{token}', { params: { path: { token } } })),
  claim: (token: string, body: { password?: string; name?: string }) =>
    unwrap(api.POST('/api/claims/{token}', { params: { path: { token } }, body })),
};
