import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../web/api/schema.js';
import { CliError, RUNTIME_FAILURE, BAD_INPUT } from './errors.js';

/** An RFC 9457 problem as the API answers it. */
interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  errors?: { pointer: string; detail: string; row?: number; column?: number }[];
}

const TIMEOUT_MS = 30_000;

/** `http(s)://host[:port][/prefix]` without a trailing slash; bad input otherwise. */
export function normalizeServer(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`"${raw}" is not a server address: use e.g. http://127.0.0.1:3000`, BAD_INPUT);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`"${raw}" is not an http:// or https:// address`, BAD_INPUT);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function describeProblem(problem: Problem, status: number): string {
  const detail = problem.detail ?? problem.title ?? `the server answered ${status}`;
  const fields = (problem.errors ?? []).map((e) => `${e.pointer.replace(/^\/body\//, '')}: ${e.detail}`);
  return fields.length > 0 ? `${detail.replace(/:? ?see errors\.?$/i, '')} (${fields.join('; ')})` : detail;
}

/** The typed client of the API, generated from its OpenAPI document (shared with the web app). */
export type Api = Client<paths>;

/** The Common Ground HTTP API, as one signed-in person (a bearer API token) or anonymously. */
export class ApiClient {
  readonly api: Api;

  constructor(
    readonly server: string,
    private readonly token?: string,
  ) {
    this.api = createClient<paths>({
      baseUrl: server,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      fetch: (request) => fetch(request, { signal: AbortSignal.timeout(TIMEOUT_MS) }),
    });
  }

  /**
   * The data of one call of `this.api`; a CliError naming the problem otherwise (exit 2 for a
   * 400, else 1).
   */
  async call<Data>(what: string, pending: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
    let answer: { data?: Data; error?: unknown; response: Response };
    try {
      answer = await pending;
    } catch (error) {
      if (error instanceof SyntaxError) {
        throw new CliError(`${this.server} did not answer ${what} with JSON: is it a Common Ground server?`);
      }
      throw new CliError(`cannot reach ${this.server}: ${networkReason(error)}`);
    }
    const { response } = answer;
    if (response.ok) return answer.data as Data;
    const problem = answer.error;
    if (typeof problem !== 'object' || problem === null) {
      throw new CliError(`${this.server} answered ${what} with ${response.status} ${response.statusText}`);
    }
    if (response.status === 401 && this.token) {
      throw new CliError(`${this.server} did not accept the stored token (revoked or expired): run commonground login`);
    }
    const exitCode = response.status === 400 || response.status === 422 ? BAD_INPUT : RUNTIME_FAILURE;
    throw new CliError(describeProblem(problem as Problem, response.status), exitCode);
  }

  /**
   * POSTs a JSON body asking for an NDJSON stream; hands each line's value to `onLine` and
   * returns the last. A server that answers plain JSON (a short run, a dry run) gives that one
   * value; a problem is a CliError, as with `call`.
   */
  async postStream(what: string, path: string, body: unknown, onLine: (value: unknown) => void): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.server}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/x-ndjson, application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify(body),
        // Long imports take long; no timeout beyond the server's own.
      });
    } catch (error) {
      throw new CliError(`cannot reach ${this.server}: ${networkReason(error)}`);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('application/x-ndjson')) {
      let value: unknown;
      try {
        value = await response.json();
      } catch {
        throw new CliError(`${this.server} did not answer ${what} with JSON: is it a Common Ground server?`);
      }
      if (response.ok) return value;
      if (response.status === 401 && this.token) {
        throw new CliError(`${this.server} did not accept the stored token (revoked or expired): run commonground login`);
      }
      const exitCode = response.status === 400 || response.status === 422 ? BAD_INPUT : RUNTIME_FAILURE;
      const error = new CliError(describeProblem(value as Problem, response.status), exitCode);
      throw Object.assign(error, { problem: value });
    }
    let last: unknown;
    let pending = '';
    const decoder = new TextDecoder();
    const take = (text: string) => {
      if (text.trim() === '') return;
      last = JSON.parse(text) as unknown;
      onLine(last);
    };
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      pending += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = pending.indexOf('\n')) >= 0) {
        take(pending.slice(0, end));
        pending = pending.slice(end + 1);
      }
    }
    take(pending + decoder.decode());
    return last;
  }
}

function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} seconds`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused (is the server running?)';
  if (cause?.code === 'ENOTFOUND') return 'unknown host';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
