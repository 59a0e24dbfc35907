import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';

export const root = path.resolve(import.meta.dirname, '../..');
/** The PUBLIC_URL every CLI run gets unless told otherwise. */
export const CLI_PUBLIC_URL = 'http://cg.test:8080';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  input?: string;
  /** A script to run instead of the TypeScript sources (the bin shim). */
  script?: string;
  /** The working directory: the project's root unless told otherwise. */
  cwd?: string;
}

const main = path.join(root, 'src/cli/main.ts');
// By its full address, so that the CLI can run in another working directory.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs the CLI from source as a separate process, the way a person would. */
export function cli(args: string[], options: CliOptions = {}): Promise<Run> {
  const child = spawn(process.execPath, options.script ? [options.script, ...args] : ['--import', tsxLoader, main, ...args], {
    cwd: options.cwd ?? root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: path.join(os.tmpdir(), 'cg-cli-unused'),
      COMMONGROUND_CONFIG: path.join(os.tmpdir(), 'cg-cli-unused', 'credentials.json'),
      PUBLIC_URL: CLI_PUBLIC_URL,
      LOG_LEVEL: 'silent',
      ...options.env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** A failure reported the way the contract says: nothing on stdout, one line on stderr. */
export function expectOneLineFailure(run: Run, code: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout).toBe('');
  expect(lines(run.stderr)).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
}
