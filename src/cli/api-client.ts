import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../web/api/schema.js';
import { CliError, RUNTIME_FAILURE, BAD_INPUT } from './errors.js';

/** An RFC 9457 problem as the API answers it. */
interface Problem {
  title?: string;
  status?: number;
  detail?: string;
  errors?: { pointer: string; detail: string }[];
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
}


function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} seconds`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused (is the server running?)';
  if (cause?.code === 'ENOTFOUND') return 'unknown host';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
