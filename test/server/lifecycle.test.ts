import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/platform/db/client.js';
import { users } from '../../src/server/platform/db/schema.js';
import { createTestDatabase } from '../support/engines.js';

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  lines: string[];
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Starts `src/server/main.ts` as a real process and waits for its "serving" line. */
function startProcess(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'warn', ...env },
  });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${lines.join('\n')}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const match = /serving (http:\/\/\S+)/.exec(line);
        if (match) {
          // The set-up line, when there is one, follows right after.
          setTimeout(() => {
            clearTimeout(timer);
            resolve({ child, url: match[1]!, lines });
          }, 200);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${lines.join('\n')}`)));
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('the server process', () => {
  it('prints a one-time set-up link on an empty database, finishes in-flight requests on SIGTERM, and keeps its data', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cg-life-'));
    dirs.push(dataDir);
    const first = await startProcess({ DATA_DIR: dataDir });
    const setupLines = first.lines.filter((line) => line.includes('/setup#'));
    expect(setupLines).toHaveLength(1);
    const token = setupLines[0]!.split('#')[1]!.trim();
    expect(token.length).toBeGreaterThanOrEqual(40);

    const health = await fetch(`${first.url}/api/health`).then((r) => r.json());
    expect(health).toMatchObject({ status: 'ok', database: 'pglite' });

    // A set-up request (argon2 makes it take a while) is in flight when SIGTERM arrives.
    const inFlight = fetch(`${first.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, email: 'owner@example.org', name: 'Owner', password: 'a good password' }),
    });
    await new Promise((r) => setTimeout(r, 15));
    const exited = exitOf(first.child);
    first.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(201);
    expect(await exited).toBe(0);

    const second = await startProcess({ DATA_DIR: dataDir });
    expect(second.lines.some((line) => line.includes('/setup#'))).toBe(false);
    const signIn = await fetch(`${second.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.org', password: 'a good password' }),
    });
    expect(signIn.status).toBe(200);
    expect((await signIn.json()).isAdmin).toBe(true);
    const exitedAgain = exitOf(second.child);
    second.child.kill('SIGINT');
    expect(await exitedAgain).toBe(0);
    expect(second.lines).toContain('Stopped.');
  }, 90_000); // Two server processes start on a fresh embedded database: on a busy 2-core CI machine that alone took over 30 s.

  it('refuses a bad configuration with one line and exit 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, PORT: 'eighty' },
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    expect(await exitOf(child as ChildProcessWithoutNullStreams)).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/PORT/);
  });

  it.runIf(process.env.DATABASE_URL)('lets two processes migrate one PostgreSQL database at once (advisory lock)', async () => {
    const database = await createTestDatabase('postgres');
    try {
      // createTestDatabase already migrated; a brand-new database shows the race better.
      const url = new URL(process.env.DATABASE_URL!);
      const fresh = `cg_race_${Date.now()}`;
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: url.toString() });
      await admin.connect();
      await admin.query(`create database ${fresh}`);
      url.pathname = `/${fresh}`;
      const a = await openDatabase({ databaseUrl: url.toString() });
      const b = await openDatabase({ databaseUrl: url.toString() });
      await Promise.all([a.migrate(), b.migrate()]);
      expect(await a.db.select().from(users)).toEqual([]);
      await a.close();
      await b.close();
      await admin.query(`drop database ${fresh} with (force)`);
      await admin.end();
    } finally {
      await database.drop();
    }
  });
});
