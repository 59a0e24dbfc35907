/// <reference types="vite/client" />
// The service worker (public/sw.js) that keeps the app and a person's own reads on the phone, and
// what the page tells it and hears from it.
import { queryClient } from '../api/queries.js';
import { forgetQueuedWrites, startWriteQueue } from './write-queue.js';

/** Where the page's last personal read came from: the server, or what this phone saved. */
export type ReadSource = 'network' | 'cache';

let lastSource: ReadSource = 'network';
const sourceListeners = new Set<() => void>();

export function lastReadSource(): ReadSource {
  return lastSource;
}

export function subscribeToReadSource(listener: () => void): () => void {
  sourceListeners.add(listener);
  return () => {
    sourceListeners.delete(listener);
  };
}

function setReadSource(source: ReadSource) {
  if (source === lastSource) return;
  lastSource = source;
  for (const listener of sourceListeners) listener();
}

// Seconds between tries to reach the server again while the phone says it is online but reads
// still come from what it saved (a venue's Wi-Fi that is back before its uplink); then each minute.
const RETRY_SECONDS = [2, 5, 10, 30];
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retries = 0;

function retryWhileServedFromPhone() {
  if (retryTimer !== undefined || !navigator.onLine) return;
  const seconds = RETRY_SECONDS[retries] ?? 60;
  retries++;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    if (lastSource === 'cache' && navigator.onLine) void queryClient.invalidateQueries();
  }, seconds * 1000);
}

function onWorkerMessage(message: MessageEvent) {
  const data = message.data as { type?: unknown; from?: unknown } | null;
  if (data?.type !== 'personal-read' || (data.from !== 'network' && data.from !== 'cache')) return;
  setReadSource(data.from);
  if (data.from === 'cache') {
    retryWhileServedFromPhone();
  } else {
    retries = 0;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
  }
}

// What was shown from the phone still counts as fresh for the queries: read it all again. A read
// that still cannot reach the server brings the banner back, and is tried again a little later.
function onReconnect() {
  if (lastSource !== 'cache') return;
  retries = 0;
  setReadSource('network');
  void queryClient.invalidateQueries();
}

/**
 * Names this build by the files index.html loads (their names carry Vite's content hashes), so a
 * deploy installs a new worker, which drops the last build's files from the phone.
 */
function buildId(): string {
  const files = [...document.querySelectorAll('script[src^="/assets/"], link[href^="/assets/"]')]
    .map((element) => element.getAttribute('src') ?? element.getAttribute('href') ?? '')
    .sort()
    .join(' ');
  let hash = 5381;
  for (let i = 0; i < files.length; i++) hash = (Math.imul(hash, 33) ^ files.charCodeAt(i)) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * Forgets what this phone saved for the signed-in person: their saved reads (in the worker's
 * cache) and their writes still waiting for a connection.
 */
export async function forgetOfflineData(): Promise<void> {
  forgetQueuedWrites();
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  try {
    const registration = await navigator.serviceWorker.getRegistration();
    const workers = new Set([navigator.serviceWorker.controller, registration?.active, registration?.waiting, registration?.installing]);
    for (const worker of workers) worker?.postMessage({ type: 'sign-out' });
    // The page reaches the same caches: they go even when the worker is slow to wake.
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith('cg-api-')).map((name) => caches.delete(name)));
  } catch {
    // Storage that cannot be read holds nothing to forget.
  }
}

// The account turns to null on sign-out and when the session has ended (a 401 from /api/me or any read).
function forgetWhenSignedOut() {
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    if (event.query.queryKey[0] === 'account' && event.query.state.data === null) void forgetOfflineData();
  });
}

let registered = false;

/**
 * Starts offline support: replays the writes that wait for a connection, forgets them and the
 * saved reads on sign-out, and in a production build registers the service worker.
 */
export function registerServiceWorker() {
  if (registered) return;
  registered = true;
  startWriteQueue();
  forgetWhenSignedOut();
  // Under `vite dev` a worker would serve stale modules.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.addEventListener('message', onWorkerMessage);
  window.addEventListener('online', onReconnect);
  const register = () => {
    navigator.serviceWorker.register(`/sw.js?build=${buildId()}`, { scope: '/' }).catch(() => undefined);
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
