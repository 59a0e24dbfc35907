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

/** The Common Ground HTTP API, as one signed-in person (a bearer API token) or anonymously. */
export class ApiClient {
  constructor(
    readonly server: string,
    private readonly token?: string,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.server}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new CliError(`cannot reach ${this.server}: ${networkReason(error)}`);
    }
    const text = await response.text();
    const json = parseJson(text);
    if (response.ok) {
      if (response.status === 204) return undefined as T;
      if (json === undefined) {
        throw new CliError(`${this.server} did not answer ${method} ${path} with JSON: is it a Common Ground server?`);
      }
      return json as T;
    }
    if (json === undefined || typeof json !== 'object' || json === null) {
      throw new CliError(`${this.server} answered ${method} ${path} with ${response.status} ${response.statusText}`);
    }
    const problem = json as Problem;
    if (response.status === 401 && this.token) {
      throw new CliError(`${this.server} did not accept the stored token (revoked or expired): run commonground login`);
    }
    const exitCode = response.status === 400 || response.status === 422 ? BAD_INPUT : RUNTIME_FAILURE;
    throw new CliError(describeProblem(problem, response.status), exitCode);
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} seconds`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused (is the server running?)';
  if (cause?.code === 'ENOTFOUND') return 'unknown host';
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
