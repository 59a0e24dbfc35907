import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * The file that says which process has a PGlite data directory open. PGlite's own
 * postmaster.pid holds a placeholder pid, so it cannot tell a running owner from a crashed one.
 */
export const LOCK_FILE = 'commonground.lock';

/** Another live process has the data directory open: a second one would corrupt it. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the data directory ${dataDir} is in use by process ${pid} (another Common Ground server or command); stop it first`);
    this.name = 'DataDirInUseError';
  }
}

/** Lock files this process holds: a second open from here is refused too, and exit releases them. */
const held = new Set<string>();
let releaseOnExit = false;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but someone else's.
    return errorCode(error) !== 'ESRCH';
  }
}

/** The lock file's text, or undefined when there is none. */
function readLock(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function pidIn(text: string): number | undefined {
  const pid = Number(text.trim());
  return /^\d+$/.test(text.trim()) && Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Removes a stale lock that read `staleText`. It is moved aside first, which is atomic: if
 * another process took it over in the meantime, what was moved is their lock, and it goes back.
 */
function removeStale(file: string, staleText: string): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  if (readLock(aside) === staleText) unlinkSync(aside);
  else renameSync(aside, file);
}

function release(file: string): void {
  if (!held.delete(file)) return;
  try {
    if (pidIn(readLock(file) ?? '') === process.pid) unlinkSync(file);
  } catch {
    // Left behind, it names a dead process and the next open takes it over.
  }
}

/**
 * Locks a PGlite data directory for this process and returns the release; refuses with
 * DataDirInUseError while a live process holds it. A lock left by a crash names a dead process
 * (or this one, when a container gives the restarted server the same pid) and is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  const file = path.join(path.resolve(dataDir), LOCK_FILE);
  if (held.has(file)) throw new DataDirInUseError(dataDir, process.pid);
  if (!releaseOnExit) {
    releaseOnExit = true;
    process.once('exit', () => [...held].forEach(release));
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      held.add(file);
      return () => release(file);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const text = readLock(file);
    if (text === undefined) continue;
    const pid = pidIn(text);
    if (pid === undefined && attempt < 20) {
      // Created but not yet written by its owner; still empty after a second, a crash left it so.
      await delay(50);
      continue;
    }
    if (pid !== undefined && pid !== process.pid && isAlive(pid)) throw new DataDirInUseError(dataDir, pid);
    removeStale(file, text);
  }
  throw new Error(`could not lock the data directory ${dataDir}: its ${LOCK_FILE} keeps changing`);
}
