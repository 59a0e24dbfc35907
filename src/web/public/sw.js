// Common Ground's service worker: the app opens without a connection, and a person's own reads
// (their events, schedule, mixer seats, people met) show what this phone last saw.
//
// - index.html and the files it loads: cache-first, one cache per build, so a deploy drops the last one;
// - page loads: network first, then the saved index.html;
// - the personal API reads below: network first, then the saved copy, marked `x-served-from: cache`;
// - nothing else: other API reads, event streams and every write go straight to the network.

const BUILD = new URL(self.location.href).searchParams.get('build') || 'unversioned';
const CACHE_PREFIX = 'cg-';
const SHELL_CACHE = `${CACHE_PREFIX}shell-${BUILD}`;
// Personal reads outlive a deploy: a new build must not cost a phone its saved schedule.
// Bump the version when the shape of what is kept changes.
const API_CACHE = `${CACHE_PREFIX}api-v1`;

// A crowded venue's Wi-Fi answers late rather than never: after this long, a saved copy is shown.
const PATIENCE_MS = 6000;

const ID = '[^/]+';
const PERSONAL_READS = [
  '/api/me',
  '/api/me/profile',
  '/api/me/people',
  // A person's page; not their vCard, a download of details they may stop sharing.
  `/api/me/people/${ID}`,
  '/api/me/follow-ups',
  '/api/me/introductions',
  `/api/me/introductions/${ID}`,
  '/api/me/asks',
  '/api/events',
  `/api/events/${ID}`,
  `/api/events/${ID}/me`,
  `/api/events/${ID}/me/availability`,
  `/api/events/${ID}/slots`,
  `/api/events/${ID}/meetings`,
  `/api/events/${ID}/meetings/${ID}`,
  `/api/events/${ID}/meeting-requests`,
  `/api/events/${ID}/mixers`,
  `/api/events/${ID}/mixers/${ID}/me`,
].map((path) => new RegExp(`^${path}$`));

/** Requests after which what is saved belongs to nobody, or to someone else. */
const SESSION_CHANGES = new Set(['POST /api/auth/sign-out', 'POST /api/auth/sign-in', 'POST /api/auth/sign-up', 'POST /api/setup', 'DELETE /api/me']);

// A proxy's answer while the app behind it is down: as good as no connection.
const SERVER_UNREACHABLE = new Set([502, 503, 504]);

// Bumped when saved reads are forgotten, so that a read already under way does not save itself afterwards.
let apiGeneration = 0;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      const response = await fetch('/', { cache: 'no-cache' });
      if (!response.ok) throw new Error(`index.html answered ${response.status}`);
      const html = await response.clone().text();
      await cache.put('/', response);
      await cache.addAll(filesLoadedBy(html));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const kept = new Set([SHELL_CACHE, API_CACHE]);
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && !kept.has(name)).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'sign-out') event.waitUntil(forgetPersonalReads());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') {
    if (SESSION_CHANGES.has(`${request.method} ${url.pathname}`)) event.waitUntil(forgetPersonalReads());
    return;
  }
  if ((request.headers.get('accept') || '').includes('text/event-stream')) return;
  if (url.pathname.startsWith('/api/')) {
    if (request.mode !== 'navigate' && PERSONAL_READS.some((pattern) => pattern.test(url.pathname))) event.respondWith(personalRead(event));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(pageLoad(event));
    return;
  }
  if (isAppFile(url.pathname)) event.respondWith(appFile(event));
});

function isAppFile(pathname) {
  return (
    pathname.startsWith('/assets/') ||
    pathname === '/manifest.webmanifest' ||
    pathname === '/favicon.svg' ||
    pathname === '/apple-touch-icon.png' ||
    /^\/icon-[\w-]+\.png$/.test(pathname)
  );
}

/** The built files index.html loads (Vite puts them under /assets/). */
function filesLoadedBy(html) {
  const files = new Set();
  for (const match of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) files.add(match[1]);
  return [...files];
}

async function appFile(event) {
  const cache = await caches.open(SHELL_CACHE);
  const saved = await cache.match(event.request);
  if (saved) return saved;
  const response = await fetch(event.request);
  if (response.status === 200 && response.type === 'basic') event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}

async function pageLoad(event) {
  return networkFirst(event, {
    keep: async (response) => {
      // Every page of the single-page app is the same index.html.
      if (response.status === 200 && (response.headers.get('content-type') || '').startsWith('text/html')) {
        await (await caches.open(SHELL_CACHE)).put('/', response);
      }
    },
    saved: () => caches.match('/', { cacheName: SHELL_CACHE }),
  });
}

async function personalRead(event) {
  const { request, clientId } = event;
  const generation = apiGeneration;
  const response = await networkFirst(event, {
    keep: async (answer) => {
      if (answer.status === 401) return forgetPersonalReads();
      const type = answer.headers.get('content-type') || '';
      if (answer.status !== 200 || answer.type !== 'basic' || answer.redirected || type.includes('text/event-stream')) return undefined;
      const cache = await caches.open(API_CACHE);
      if (generation === apiGeneration) await cache.put(request, answer);
    },
    saved: async () => {
      const copy = await caches.match(request, { cacheName: API_CACHE });
      if (!copy) return undefined;
      const headers = new Headers(copy.headers);
      headers.set('x-served-from', 'cache');
      return new Response(copy.body, { status: copy.status, statusText: copy.statusText, headers });
    },
  });
  if (response.type !== 'error') event.waitUntil(tellPage(clientId, response.headers.get('x-served-from') === 'cache' ? 'cache' : 'network'));
  return response;
}

/**
 * The network's answer; the saved copy when there is no connection, when the server is
 * unreachable behind its proxy, or when the network is slow and a copy exists. `keep` is given
 * every answer from the network, even one that came too late to be shown.
 */
async function networkFirst(event, { keep, saved }) {
  const fromNetwork = fetch(event.request);
  event.waitUntil(
    fromNetwork.then(
      (response) => keep(response.clone()).catch(() => undefined),
      () => undefined,
    ),
  );
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, PATIENCE_MS, 'slow');
  });
  try {
    const first = await Promise.race([fromNetwork, slow]);
    if (first === 'slow') return (await saved()) || (await fromNetwork);
    if (SERVER_UNREACHABLE.has(first.status)) return (await saved()) || first;
    return first;
  } catch {
    return (await saved()) || Response.error();
  } finally {
    clearTimeout(timer);
  }
}

async function forgetPersonalReads() {
  apiGeneration += 1;
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(`${CACHE_PREFIX}api-`)).map((name) => caches.delete(name)));
}

/** Lets the page say it is showing what this phone saved (navigator.onLine alone misses a dead Wi-Fi). */
async function tellPage(clientId, from) {
  if (!clientId) return;
  const client = await self.clients.get(clientId);
  if (client) client.postMessage({ type: 'personal-read', from });
}
