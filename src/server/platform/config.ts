import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  logLevel: string;
  /** Behind HTTPS the session cookie gets the __Host- prefix and Secure. */
  secureCookies: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (TRUST_PROXY=1, or a list of proxy addresses). */
  trustProxy: boolean | string;
  /** Largest request body, in bytes. */
  bodyLimit: number;
  version: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {}

function packageVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Works from src/server/platform and from dist/server/platform alike.
  const pkg = JSON.parse(readFileSync(path.resolve(here, '../../../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${raw}"`);
  }
  return port;
}

function parseTrustProxy(raw: string | undefined): boolean | string {
  if (!raw || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = overrides.port ?? parsePort(env.PORT, 3000);
  const host = overrides.host ?? (env.HOST || '127.0.0.1');
  const databaseUrl = overrides.databaseUrl ?? (env.DATABASE_URL || undefined);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const logLevel = overrides.logLevel ?? (env.LOG_LEVEL || 'info');
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
  }
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const publicUrl = (overrides.publicUrl ?? (env.PUBLIC_URL || `http://${shownHost}:${port}`)).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute URL, not "${publicUrl}"`);
  }
  return {
    port,
    host,
    dataDir: overrides.dataDir ?? path.resolve(env.DATA_DIR || './data'),
    databaseUrl,
    publicUrl,
    logLevel,
    secureCookies: overrides.secureCookies ?? publicUrl.startsWith('https://'),
    trustProxy: overrides.trustProxy ?? parseTrustProxy(env.TRUST_PROXY),
    bodyLimit: overrides.bodyLimit ?? 256 * 1024,
    version: overrides.version ?? packageVersion(),
  };
}
