// Writes made without a connection (a note about someone just met, say): kept on this phone and
// sent, in the order they were made, when the connection returns.
import { useSyncExternalStore } from 'react';
import { ApiError } from '../api/client.js';

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Write {
  /** What the write is about (`note:<personId>`): a later write with the same key replaces a waiting one. */
  key: string;
  method: WriteMethod;
  url: string;
  body?: unknown;
}

interface QueuedWrite extends Write {
  id: string;
  queuedAt: string;
}

export interface PendingWrite {
  key: string;
  url: string;
  queuedAt: string;
}

/** A waiting write the server refused when it was sent: it is not sent again. */
export interface FailedWrite extends Write {
  queuedAt: string;
  status: number;
  message: string;
}

/** `changed`: the lists changed otherwise (another tab, a dismissal, a sign-out). */
export type WriteNews = { kind: 'queued'; key: string } | { kind: 'sent'; key: string } | { kind: 'failed'; write: FailedWrite } | { kind: 'changed' };

const STORAGE_KEY = 'commonground:write-queue';
const LOCK_NAME = 'commonground:write-queue';
// A request that hangs on a dead Wi-Fi is treated like no connection, so the write is kept.
const SEND_TIMEOUT_MS = 20_000;
// A proxy's answer while the app behind it is down: as good as no connection.
const SERVER_UNREACHABLE = new Set([502, 503, 504]);

const listeners = new Set<(news: WriteNews) => void>();
const flushedCallbacks = new Set<(key: string) => void>();
let failed: FailedWrite[] = [];
// What is stored, as last read: the waiting writes with their bodies, and the list the pages show.
let queueSnapshot: QueuedWrite[] = readQueue();
let pendingSnapshot: PendingWrite[] = toPending(queueSnapshot);

function readQueue(): QueuedWrite[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter(isQueuedWrite) : [];
  } catch {
    return [];
  }
}

function isQueuedWrite(value: unknown): value is QueuedWrite {
  const write = value as Partial<QueuedWrite> | null;
  return typeof write?.key === 'string' && typeof write.url === 'string' && typeof write.method === 'string' && typeof write.id === 'string' && typeof write.queuedAt === 'string';
}

function storeQueue(queue: QueuedWrite[]) {
  if (queue.length === 0) localStorage.removeItem(STORAGE_KEY);
  else localStorage.setItem(STORAGE_KEY, JSON.stringify(queue));
  refreshSnapshot();
}

function toPending(queue: QueuedWrite[]): PendingWrite[] {
  return queue.map(({ key, url, queuedAt }) => ({ key, url, queuedAt }));
}

function refreshSnapshot() {
  queueSnapshot = readQueue();
  pendingSnapshot = toPending(queueSnapshot);
}

function tell(news: WriteNews) {
  for (const listener of listeners) listener(news);
}

function enqueue(write: Write) {
  const queued: QueuedWrite = { ...write, id: `${Date.now()}-${Math.random().toString(36).slice(2)}`, queuedAt: new Date().toISOString() };
  storeQueue([...readQueue().filter((w) => w.key !== write.key), queued]);
  tell({ kind: 'queued', key: write.key });
}

function removeQueued(match: (write: QueuedWrite) => boolean) {
  const queue = readQueue();
  const kept = queue.filter((write) => !match(write));
  if (kept.length !== queue.length) storeQueue(kept);
}

// One sender at a time, across this phone's tabs too, so that a write is never sent twice at once
// and an older write for a key never lands after a newer one.
let localTail: Promise<unknown> = Promise.resolve();
function withQueueLock<T>(work: () => Promise<T>): Promise<T> {
  // The lock's promise settles with the work's own result (DOM's typing nests the promise).
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request(LOCK_NAME, work) as unknown as Promise<T>;
  const run = localTail.then(work, work);
  localTail = run.catch(() => undefined);
  return run;
}

function send(write: Write): Promise<Response> {
  return fetch(write.url, {
    method: write.method,
    credentials: 'same-origin',
    headers: write.body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: write.body === undefined ? undefined : JSON.stringify(write.body),
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
}

function isNoConnection(error: unknown): boolean {
  return error instanceof TypeError || (error instanceof DOMException && error.name === 'TimeoutError');
}

/** Worth sending again later: the server is down, busy, or timed out. */
function isPassing(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

async function apiErrorOf(response: Response): Promise<ApiError> {
  let problem: ConstructorParameters<typeof ApiError>[1];
  try {
    problem = (await response.json()) as typeof problem;
  } catch {
    problem = undefined;
  }
  return new ApiError(response.status, problem);
}

/**
 * Sends a write now, or keeps it on this phone when there is no connection: 'saved' when the
 * server took it, 'queued' when it waits. A refusal from the server throws its ApiError, as
 * `unwrap` does.
 */
export async function saveWhenOnline(write: Write): Promise<'saved' | 'queued'> {
  const queueIt = (): 'queued' => {
    try {
      enqueue(write);
    } catch {
      // No room on the phone (or no storage at all): say the write did not happen.
      throw new ApiError(0, undefined);
    }
    return 'queued';
  };
  if (navigator.onLine === false) return queueIt();
  const outcome = await withQueueLock(async () => {
    let response: Response;
    try {
      response = await send(write);
    } catch (error) {
      if (isNoConnection(error)) return queueIt();
      throw error;
    }
    if (SERVER_UNREACHABLE.has(response.status)) return queueIt();
    if (!response.ok) throw await apiErrorOf(response);
    // A waiting, older write for the same thing must not overwrite this one when it is replayed.
    removeQueued((waiting) => waiting.key === write.key);
    return 'saved' as const;
  });
  // The connection works: whatever was waiting can go now.
  if (outcome === 'saved' && pendingSnapshot.length > 0) void flushWrites();
  return outcome;
}

/** Sends the waiting writes, oldest first, until none is left or the connection fails again. */
export function flushWrites(): Promise<void> {
  return withQueueLock(async () => {
    for (;;) {
      const next = readQueue()[0];
      if (!next || navigator.onLine === false) return;
      const isThisOne = (write: QueuedWrite) => write.id === next.id;
      let response: Response;
      try {
        response = await send(next);
      } catch {
        return;
      }
      if (response.ok) {
        removeQueued(isThisOne);
        tell({ kind: 'sent', key: next.key });
        for (const callback of flushedCallbacks) callback(next.key);
        continue;
      }
      if (isPassing(response.status)) return;
      const error = await apiErrorOf(response);
      removeQueued(isThisOne);
      const refused: FailedWrite = { key: next.key, method: next.method, url: next.url, body: next.body, queuedAt: next.queuedAt, status: response.status, message: error.message };
      failed = [...failed.filter((w) => w.key !== next.key), refused];
      tell({ kind: 'failed', write: refused });
    }
  }).catch(() => undefined);
}

/** The writes waiting for a connection, oldest first. */
export function pendingWrites(): PendingWrite[] {
  return pendingSnapshot;
}

/**
 * The body of the write waiting for this key, as it was made (a note written offline, say), so that
 * a page opened again before it is sent can show and edit it; undefined when nothing waits.
 */
export function pendingBody(key: string): unknown {
  return queueSnapshot.find((write) => write.key === key)?.body;
}

/** The waiting writes the server refused once they were sent (kept until dismissed or the page reloads). */
export function failedWrites(): FailedWrite[] {
  return failed;
}

export function dismissFailedWrite(key: string) {
  if (!failed.some((w) => w.key === key)) return;
  failed = failed.filter((w) => w.key !== key);
  tell({ kind: 'changed' });
}

/** Hears of each write queued, sent or refused; returns the function that stops listening. */
export function subscribeToWrites(listener: (news: WriteNews) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Called with a waiting write's key once it has been sent, so that a page can read its data again. */
export function onFlushed(callback: (key: string) => void): () => void {
  flushedCallbacks.add(callback);
  return () => {
    flushedCallbacks.delete(callback);
  };
}

export function usePendingWrites(): PendingWrite[] {
  return useSyncExternalStore(subscribeToWrites, pendingWrites);
}

export function useFailedWrites(): FailedWrite[] {
  return useSyncExternalStore(subscribeToWrites, failedWrites);
}

/** Drops every waiting write and refusal: they belong to the person who signed out. */
export function forgetQueuedWrites() {
  failed = [];
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored then.
  }
  refreshSnapshot();
  tell({ kind: 'changed' });
}

let started = false;

/** Sends what waits now and whenever the connection returns. */
export function startWriteQueue() {
  if (started) return;
  started = true;
  window.addEventListener('online', () => void flushWrites());
  // Another tab queued or sent something.
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    refreshSnapshot();
    tell({ kind: 'changed' });
  });
  void flushWrites();
}
