import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, openDatabase, queryRows } from '../../src/server/platform/db/client.js';
import { LOCK_FILE } from '../../src/server/platform/db/pglite-lock.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];

function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-lock-'));
  dirs.push(dir);
  return path.join(dir, 'data');
}

afterAll(() => {
  children.forEach((child) => child.kill());
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

/** A process that ran and exited: its pid names nobody now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** A live process that is not this one and holds no database. */
async function otherLivePid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid!;
}

const inUse = (dir: string, pid: number) =>
  `the data directory ${dir} is in use by process ${pid} (another Common Ground server or command); stop it first`;

describe('the PGlite data directory lock', () => {
  it('refuses a second open while the first is open, and opens again after close', async () => {
    const dir = dataDir();
    const first = await openDatabase({ dataDir: dir });
    expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));

    const second = openDatabase({ dataDir: dir });
    await expect(second).rejects.toThrow(DataDirInUseError);
    await expect(second).rejects.toThrow(inUse(dir, process.pid));

    await first.close();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = await openDatabase({ dataDir: dir });
    const [row] = await queryRows<{ n: number }>(again.db, sql`select 1 as n`);
    expect(row?.n).toBe(1);
    await again.close();
  });

  it('refuses a directory that another live process has locked, naming it', async () => {
    const dir = dataDir();
    const pid = await otherLivePid();
    mkdirSync(dir);
    writeFileSync(path.join(dir, LOCK_FILE), `${pid}\n`);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(inUse(dir, pid));
    // Refusing leaves the other process's lock alone.
    expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(pid));
  });

  it('takes over a lock left by a process that has died', async () => {
    const dir = dataDir();
    const first = await openDatabase({ dataDir: dir });
    await first.migrate();
    await first.close();
    writeFileSync(path.join(dir, LOCK_FILE), `${await deadPid()}\n`);

    const handle = await openDatabase({ dataDir: dir });
    expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(process.pid));
    const [row] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(row?.n).toBeGreaterThan(0);
    await handle.close();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('opens after a crash: the process was killed with the database open', async () => {
    const dir = dataDir();
    const root = path.resolve(import.meta.dirname, '../..');
    const script = [
      "import { openDatabase } from './src/server/platform/db/client.ts';",
      `const handle = await openDatabase({ dataDir: ${JSON.stringify(dir)} });`,
      'await handle.migrate();',
      "process.stdout.write('open\\n');",
      'setInterval(() => {}, 1000);',
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('open') && resolve());
      child.once('exit', (code) => reject(new Error(`the child exited with ${code} before opening the database`)));
    });
    expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(child.pid));
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(inUse(dir, child.pid!));

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const handle = await openDatabase({ dataDir: dir });
    const [row] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(row?.n).toBeGreaterThan(0);
    await handle.close();
  }, 60_000);
});
