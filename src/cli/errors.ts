import { AppError, safeFailure, type ErrorCode } from '../server/platform/errors.js';

/** Exit statuses of the CLI (CONTRACTS.md): 1 a runtime failure, 2 bad usage or bad input. */
export const RUNTIME_FAILURE = 1;
export const BAD_INPUT = 2;

/** A failure to report in one line on stderr, with the exit status it calls for. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = RUNTIME_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const badInput = (message: string) => new CliError(message, BAD_INPUT);

/**
 * A service's failure, called directly by a command: what the command was given is wrong (exit 2),
 * or something else failed (exit 1). A new code must be placed here before it compiles.
 */
const exitCodeOfAppError: Record<ErrorCode, number> = {
  bad_request: BAD_INPUT,
  validation: BAD_INPUT,
  not_found: BAD_INPUT,
  conflict: BAD_INPUT,
  unprocessable: BAD_INPUT,
  payload_too_large: BAD_INPUT,
  unsupported_media_type: BAD_INPUT,
  unauthenticated: RUNTIME_FAILURE,
  forbidden_origin: RUNTIME_FAILURE,
  rate_limited: RUNTIME_FAILURE,
  internal: RUNTIME_FAILURE,
};

/** The exit status anything thrown calls for. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof AppError) return exitCodeOfAppError[error.code];
  return RUNTIME_FAILURE;
}

/**
 * The message of anything thrown, on one line. A failed query reports what the database said,
 * never the SQL and its parameters (they may hold password hashes or private data).
 */
export function oneLine(error: unknown): string {
  return safeFailure(error).message;
}
