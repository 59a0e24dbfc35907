/** Every failure a service can report, by what went wrong in the product's terms. */
export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthenticated'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'forbidden_origin'
  | 'internal';

interface ProblemKind {
  status: number;
  title: string;
}

/** The one table from error code to HTTP status and problem title. */
export const problemKinds: Record<ErrorCode, ProblemKind> = {
  bad_request: { status: 400, title: 'Bad request' },
  validation: { status: 400, title: 'Some fields are not valid' },
  unauthenticated: { status: 401, title: 'Please sign in' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  unprocessable: { status: 422, title: 'This cannot be done as asked' },
  payload_too_large: { status: 413, title: 'Request body too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  forbidden_origin: { status: 403, title: 'Cross-site request refused' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Something went wrong on our side' },
};

export const PROBLEM_TYPE_BASE = 'https://commonground.invalid/problems/';

export interface FieldError {
  /** JSON Pointer into the request, e.g. `/body/email`. */
  pointer: string;
  detail: string;
  /** For a file sent in the body (an attendee import): the line and the cell, counted from 1. */
  row?: number;
  column?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  /** Seconds until a rate-limited action may be tried again. */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, detail: string, extra: { errors?: FieldError[]; retryAfter?: number } = {}) {
    super(detail);
    this.name = 'AppError';
    this.code = code;
    this.errors = extra.errors;
    this.retryAfter = extra.retryAfter;
  }
}

/** One body for "does not exist" and "not yours to see", so the two cannot be told apart. */
export const notFound = () => new AppError('not_found', 'It does not exist, or you do not have access to it.');
/** A clash with what is stored; `pointer` names the field to change, e.g. `/body/email`. */
export const conflict = (detail: string, pointer?: string) =>
  new AppError('conflict', detail, pointer ? { errors: [{ pointer, detail }] } : {});
/** A page cursor this server did not hand out, or one from another list. */
export const invalidCursor = () =>
  new AppError('validation', 'This page cursor is not valid.', {
    errors: [{ pointer: '/querystring/cursor', detail: 'Use the nextCursor of a previous page.' }],
  });
/** Well-formed, but asking for what cannot be (e.g. more people than seats); `pointer` names the field. */
export const unprocessable = (detail: string, pointer?: string) =>
  new AppError('unprocessable', detail, pointer ? { errors: [{ pointer, detail }] } : {});
export const badRequest = (detail: string, errors?: FieldError[]) =>
  new AppError(errors ? 'validation' : 'bad_request', detail, errors ? { errors } : {});
export const unauthenticated = (detail = 'Sign in to continue.') => new AppError('unauthenticated', detail);

/** Whether a PostgreSQL error with this SQLSTATE (and constraint, if named) is behind `error`, from either driver. */
function hasSqlState(error: unknown, sqlState: string, constraint?: string): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { code?: string; constraint?: string; cause?: unknown };
    if (e.code === sqlState) return constraint === undefined || e.constraint === constraint;
    current = e.cause;
  }
  return false;
}

export const isUniqueViolation = (error: unknown, constraint?: string) => hasSqlState(error, '23505', constraint);
export const isCheckViolation = (error: unknown, constraint?: string) => hasSqlState(error, '23514', constraint);

/**
 * What may be told or logged of an unexpected failure: the database's own words, never a
 * query's SQL and parameters (Drizzle puts both in its message; they may hold password hashes
 * or private notes), nor the row values PostgreSQL adds in `detail`.
 */
export function safeFailure(error: unknown): { name: string; message: string; code?: string; stack?: string } {
  let current = error;
  while (current instanceof Error && /^Failed query/.test(current.message) && current.cause !== undefined) {
    current = current.cause;
  }
  if (!(current instanceof Error)) return { name: typeof current, message: String(current).replace(/\s*\n\s*/g, ' ').trim() };
  if (/^Failed query/.test(current.message)) return { name: current.name, message: 'a database query failed' };
  const code = (current as { code?: unknown }).code;
  return {
    name: current.name,
    message: current.message.replace(/\s*\n\s*/g, ' ').trim(),
    ...(typeof code === 'string' ? { code } : {}),
    ...(current.stack ? { stack: current.stack } : {}),
  };
}
