import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError } from './errors.js';

/** What `commonground login` keeps: where the server is and the API token for it. */
export interface Credentials {
  server: string;
  token: string;
  /** The token's id, so that it can be revoked later. */
  tokenId?: string;
}

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COMMONGROUND_CONFIG) return path.resolve(env.COMMONGROUND_CONFIG);
  const configHome = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(configHome, 'commonground', 'credentials.json');
}

/** The stored credentials, or undefined when nobody has logged in. */
export function readCredentials(file = credentialsPath()): Credentials | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as Partial<Credentials>;
    if (typeof parsed.server === 'string' && typeof parsed.token === 'string') {
      return { server: parsed.server, token: parsed.token, ...(typeof parsed.tokenId === 'string' ? { tokenId: parsed.tokenId } : {}) };
    }
  } catch {
    // reported below
  }
  throw new CliError(`${file} is not a credentials file: run commonground login again`);
}

/** Writes the file readable by its owner only, replacing any previous one in one step. */
export function writeCredentials(credentials: Credentials, file = credentialsPath()): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // The mode given to writeFileSync is filtered by the umask; be explicit.
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}
