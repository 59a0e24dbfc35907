import { once } from 'node:events';
import readline from 'node:readline/promises';
import { CliError } from './errors.js';

/** Progress for a person watching; never written into a pipe or a log. */
export function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`${text}\n`);
}

/** The one JSON document a `--json` command prints. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes a long output piece by piece, waiting whenever the reader (a pipe, a pager) is behind. */
export async function printChunks(chunks: Iterable<string>): Promise<void> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length < 1 << 16) continue;
    if (!process.stdout.write(pending)) await once(process.stdout, 'drain');
    pending = '';
  }
  if (pending !== '') process.stdout.write(pending);
}

export function printLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** All of stdin, without the one line break that `echo` or a file adds at the end. */
export async function readSecretFromStdin(): Promise<string> {
  if (process.stdin.isTTY && process.stderr.isTTY) {
    process.stderr.write('Reading the password from stdin: type it, then Enter and Ctrl-D.\n');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

/** Asks on the terminal; the prompt goes to stderr so stdout stays the command's output. */
export async function ask(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** Asks for a secret without echoing what is typed. */
export function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed: string[] = [];
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          resolve(typed.join(''));
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new CliError('cancelled', 130));
          return;
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char === '\u0015') typed = [];
        else if (char >= ' ') typed.push(char);
      }
    };
    stdin.on('data', onData);
  });
}
