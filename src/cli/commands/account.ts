import os from 'node:os';
import type { Command } from 'commander';
import { ApiClient, normalizeServer } from '../api-client.js';
import { credentialsPath, readCredentials, writeCredentials, type Credentials } from '../credentials.js';
import { badInput, CliError } from '../errors.js';
import { ask, askHidden, canPrompt, printJson, printLine, readSecretFromStdin } from '../terminal.js';

const DEFAULT_SERVER = 'http://127.0.0.1:3000';

interface LoginOptions {
  server?: string;
  email?: string;
  passwordStdin?: boolean;
  name?: string;
}

/** The API as the person who logged in; a runtime failure when nobody has. */
export function signedInClient(): ApiClient {
  const credentials = readCredentials();
  if (!credentials) throw new CliError('not logged in: run commonground login');
  return new ApiClient(credentials.server, credentials.token);
}

function isLoopback(server: string): boolean {
  const host = new URL(server).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

async function readEmail(options: LoginOptions): Promise<string> {
  if (options.email) return options.email.trim();
  // With --password-stdin, stdin is the password's: the email must come as an option.
  if (!options.passwordStdin && canPrompt()) return ask('Email: ');
  throw badInput('login needs --email E when it cannot ask on a terminal');
}

async function readPassword(options: LoginOptions): Promise<string> {
  if (options.passwordStdin) return readSecretFromStdin();
  if (canPrompt()) return askHidden('Password: ');
  throw badInput('login needs --password-stdin when it cannot ask on a terminal (passwords are never taken as arguments)');
}

/** Revokes the token being replaced, best effort: a stale token must not keep working for nothing. */
async function revokeQuietly(previous: Credentials | undefined): Promise<void> {
  if (!previous?.tokenId) return;
  try {
    const client = new ApiClient(previous.server, previous.token);
    await client.call(
      'DELETE /api/me/tokens/{tokenId}',
      client.api.DELETE('/api/me/tokens/{tokenId}', { params: { path: { tokenId: previous.tokenId } } }),
    );
  } catch {
    // Already revoked, or the old server is gone: nothing to clean up there.
  }
}

export function accountCommands(program: Command): void {
  program
    .command('login')
    .description('sign in to a Common Ground server and keep an API token for the other commands')
    .option('--server <url>', `the server (default: the one logged in to last, else ${DEFAULT_SERVER})`)
    .option('--email <email>', 'your email (asked on a terminal when left out)')
    .option('--password-stdin', 'read the password from stdin (asked, hidden, on a terminal otherwise)')
    .option('--name <name>', 'a name for the token, to tell it apart in the web app', `commonground CLI on ${os.hostname()}`)
    .addHelpText(
      'after',
      `\nThe token is stored in $COMMONGROUND_CONFIG, else ${credentialsPath({ ...process.env, COMMONGROUND_CONFIG: '' })}, readable by you only.`,
    )
    .action(async (options: LoginOptions) => {
      const previous = readCredentials();
      const server = normalizeServer(options.server ?? previous?.server ?? DEFAULT_SERVER);
      const email = await readEmail(options);
      if (!email) throw badInput('an email is needed to log in');
      const password = await readPassword(options);
      if (!password) throw badInput('a password is needed to log in');
      if (!isLoopback(server) && server.startsWith('http:')) {
        process.stderr.write(`warning: ${server} is not HTTPS: the password and the token travel unencrypted\n`);
      }
      const name = (options.name ?? '').trim().slice(0, 100) || 'commonground CLI';
      const anonymous = new ApiClient(server);
      const issued = await anonymous.call(
        'POST /api/auth/tokens',
        anonymous.api.POST('/api/auth/tokens', { body: { email, password, name } }),
      );
      const file = credentialsPath();
      writeCredentials({ server, token: issued.token, tokenId: issued.id }, file);
      await revokeQuietly(previous);
      printLine(`Logged in to ${server} as ${issued.account.name} <${issued.account.email}>; the token "${issued.name}" is saved in ${file}.`);
    });

  program
    .command('whoami')
    .description('show who the stored token signs in as, and on which server')
    .option('--json', 'print the account as JSON')
    .action(async (options: { json?: boolean }) => {
      const client = signedInClient();
      const me = await client.call('GET /api/me', client.api.GET('/api/me'));
      if (options.json) printJson({ ...me, server: client.server });
      else printLine(`${me.name} <${me.email}>${me.isAdmin ? ' (admin)' : ''} on ${client.server}`);
    });
}
