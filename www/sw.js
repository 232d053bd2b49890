// Jikji's service worker: the published site (dist/) keeps working with the network off after
// one visit. Registered by the app (src/offline.rs) from index.html, scope = the site's folder;
// never for the single file (jikji.html holds everything) nor when mounted into a host page.
//
// What it keeps, in caches named `jikji-v1 <scope> <kind>` (the scope keeps two archives
// published on one origin apart):
//   shell          index.html (navigations), boot.js and the other unhashed files (not
//                  jikji.html, the single file, which needs no worker):
//                  network first, the cached copy when the network fails (or answers 5xx, or
//                  takes more than NETWORK_TIMEOUT_MS while a copy is at hand);
//   code           the code Trunk names by content hash (jikji-app-<hash>.js, _bg.wasm,
//                  style-<hash>.css): cache first, they never change under one URL;
//   parts <id>     the parts of index <id> (texts/<id>/…: its core and blocks) that the
//                  visits read: cache first, the folder is named by the index checksum;
//   parts chunks   the text chunks the visits read (texts/chunks/…, each named by its
//                  content, so a rebuild that leaves one as it was keeps its URL): cache first,
//                  kept across builds (the page deletes those its index no longer has);
//   saved <id>, saved chunks
//                  the whole archive, written by the page's "save" control (not here), so that
//                  removing it leaves what browsing kept.
// Only plain `200` answers are stored, each under its own URL (the Cache API refuses `206`;
// a request with a Range header is left to the network). A new build brings a new index.html
// (network first) naming its index folder (data-jikji-index) and its hashed code, so nothing
// old is served in their place; the page then tells the worker what it uses ("keep"), and the
// code and the parts of other builds are deleted.
'use strict';

const VERSION = 'jikji-v1';
const SCOPE = self.registration.scope;
const SCOPE_PATH = new URL(SCOPE).pathname;
const NETWORK_TIMEOUT_MS = 5000;
const name = (kind) => `${VERSION} ${SCOPE} ${kind}`;
// Trunk's content-hashed files, directly in the site's folder.
const HASHED = /^[^/]+-[0-9a-f]{8,}(_bg)?\.(js|wasm|css)$/;
const PART = /^texts\/([0-9a-f]{16})\/[^/]+$/;
// The text chunks, named by their content (the id of their caches is `chunks`).
const CHUNK = /^texts\/chunks\/[^/]+$/;
const CHUNKS = 'chunks';

/** Where a URL of this site is kept, or null when it is none of the site's. */
function kindOf(href) {
  const url = new URL(href);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE_PATH)) return null;
  const path = url.pathname.slice(SCOPE_PATH.length);
  // The single file holds the whole archive (tens of MB for a large one) and needs no worker.
  if (path === 'jikji.html') return null;
  // Nor the archive file of a site built with --transport archive: the page reads it a range
  // at a time and keeps each part under its own URL (www/archive.js).
  if (path.endsWith('.archive')) return null;
  const part = PART.exec(path);
  if (part) return { cache: name(`parts ${part[1]}`), immutable: true, index: part[1] };
  if (CHUNK.test(path)) return { cache: name(`parts ${CHUNKS}`), immutable: true, index: CHUNKS };
  if (HASHED.test(path)) return { cache: name('code'), immutable: true };
  return { cache: name('shell'), immutable: false };
}

self.addEventListener('install', () => { self.skipWaiting(); });

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // The caches of an earlier version of this worker, for this scope.
    for (const key of await caches.keys()) {
      const [version, scope] = key.split(' ');
      if (scope === SCOPE && version.startsWith('jikji-') && version !== VERSION) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // The page's "save" control fetches with x-jikji-save and stores the answer itself.
  if (request.method !== 'GET' || request.headers.has('range') || request.headers.has('x-jikji-save')) return;
  const kind = kindOf(request.url);
  if (!kind) return;
  if (request.mode === 'navigate') event.respondWith(page(event));
  else if (kind.immutable) event.respondWith(cacheFirst(event, kind.cache));
  else event.respondWith(networkFirst(event, kind.cache));
});

/** Whether a response may be stored: a whole, plain answer of this origin. */
const storable = (response) => response && response.status === 200 && response.type === 'basic' && !response.redirected;

/** The cached copy, else the network's answer (stored). What is neither kept nor reachable is
 * a 503 answer that says so (the page names the part it lacks), not a rejected promise, which
 * Firefox reports as an error of the page. */
async function cacheFirst(event, cacheName) {
  const request = event.request;
  const hit = await caches.match(request.url, { ignoreVary: true });
  if (hit) return hit;
  let response;
  try {
    response = await fetch(request);
  } catch {
    return new Response('not kept for offline use, and the network cannot be reached', {
      status: 503, statusText: 'Offline', headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  if (storable(response)) {
    const copy = response.clone();
    event.waitUntil(caches.open(cacheName).then((cache) => cache.put(request.url, copy)).catch(() => {}));
  }
  return response;
}

/** The network's answer (stored), else the cached copy: on a network error, a 5xx, or when
 * the network takes longer than NETWORK_TIMEOUT_MS and a copy is at hand. */
async function networkFirst(event, cacheName, fallback = (cache) => cache.match(event.request.url, { ignoreVary: true })) {
  const request = event.request;
  const cache = await caches.open(cacheName);
  const cached = fallback(cache).catch(() => undefined);
  const network = fetch(request).then((response) => {
    if (storable(response)) {
      const copy = response.clone();
      event.waitUntil(cache.put(request.url, copy).catch(() => {}));
    }
    return response;
  });
  // The worker lives until the network has answered, also when the cached copy went first
  // (so the fresh copy is still stored).
  event.waitUntil(network.then(() => undefined, () => undefined));
  const late = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, 'late'));
  let response;
  try {
    response = await Promise.race([network, late.then(async () => ((await cached) ? 'late' : network))]);
  } catch {
    response = undefined;
  }
  if (response === 'late') { network.catch(() => {}); return cached; }
  if (response && response.status < 500) return response;
  return (await cached) || response || Response.error();
}

/** A navigation: the page from the network, else its cached copy (or the site's start page:
 * the app has one page, its views are in the URL's hash). */
function page(event) {
  return networkFirst(event, name('shell'), async (cache) =>
    (await cache.match(event.request.url, { ignoreSearch: true, ignoreVary: true })) ||
    (await cache.match(SCOPE, { ignoreVary: true })) ||
    (await cache.match(SCOPE + 'index.html', { ignoreVary: true })));
}

// The page, once this worker controls it, says which index it runs and what it fetched
// (src/offline.rs, `keep`): what it fetched before the worker took over is stored now, and
// the code and the parts of other builds are deleted (not the text chunks, which the page
// sorts out: it knows which its index has).
self.addEventListener('message', (event) => {
  const message = event.data;
  if (!message || message.type !== 'keep' || !Array.isArray(message.urls)) return;
  event.waitUntil(keep(message.index, message.urls));
});

async function keep(index, urls) {
  const code = new Set();
  for (const href of urls) {
    const kind = kindOf(href);
    if (!kind) continue;
    if (kind.cache === name('code')) code.add(href);
    if (kind.index && kind.index !== index && kind.index !== CHUNKS) continue;
    try {
      if (await caches.match(href, { ignoreVary: true })) continue;
      const response = await fetch(href);
      if (storable(response)) await (await caches.open(kind.cache)).put(href, response);
    } catch {
      // Offline, or gone: it is fetched again when needed.
    }
  }
  if (!/^[0-9a-f]{16}$/.test(index || '') || code.size === 0) return;
  for (const key of await caches.keys()) {
    const [version, scope, kind, id] = key.split(' ');
    if (version !== VERSION || scope !== SCOPE) continue;
    if ((kind === 'parts' || kind === 'saved') && id !== index && id !== CHUNKS) await caches.delete(key);
  }
  const codeCache = await caches.open(name('code'));
  for (const request of await codeCache.keys()) {
    if (!code.has(request.url)) await codeCache.delete(request);
  }
}
