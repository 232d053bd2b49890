// Shared by the browser tests: serves the built app (dist/) over http on a free port and
// starts headless Chromium the way it works on a closed network.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const DIST = process.env.JIKJI_DIST || path.resolve(import.meta.dirname, '../../dist');
export const SCREENSHOTS = process.env.JIKJI_SCREENSHOTS || '';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves `root` on 127.0.0.1 under the URL path `prefix`; resolves to { url, close }.
 * `headers` are added to every response; `pages` maps extra paths to HTML served as is.
 */
export async function serve(root = DIST, prefix = '/', { headers = {}, pages = {} } = {}) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`no built app in ${root}: run ./run build first`);
  }
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (pages[urlPath]) { res.writeHead(200, { 'content-type': TYPES[path.extname(urlPath)] || TYPES['.html'], ...headers }).end(pages[urlPath]); return; }
    if (!urlPath.startsWith(prefix)) { res.writeHead(404).end('not under ' + prefix); return; }
    let file = path.join(root, urlPath.slice(prefix.length));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', ...headers });
      res.end(data);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((r) => server.close(r)) };
}

/** Launches headless Chromium with the flags this machine's closed network needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * Records every request of a page that leaves its own origin (or, from a file, anything but
 * file:, data: and blob:), so a test can fail on any call home.
 */
export function watchRequests(page, origin) {
  const foreign = [];
  page.on('request', (r) => {
    const url = r.url();
    const local = origin ? url.startsWith(origin) : /^(file|data|blob):/.test(url);
    if (!local && !/^(data|blob):/.test(url)) foreign.push(url);
  });
  return foreign;
}

/** Fails the test on any page error or console error (a panic logs one). */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  return errors;
}

/** Saves a screenshot when JIKJI_SCREENSHOTS names a folder (./run screenshots). */
export async function screenshot(page, name) {
  if (!SCREENSHOTS) return;
  // The article texts of what is shown have arrived (snippets, the reader's paragraphs).
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { timeout: 10000 });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
