// Shared by the browser tests: serves the built app (dist/) over http on a free port, and
// starts the three browser engines the way they work on a closed network, behind one small
// page API (Playwright's, the part the tests use):
//
//   chromium  Debian's Chromium, driven by playwright-core (CDP)
//   firefox   Debian's Firefox ESR, driven by playwright-core over WebDriver BiDi (harness/firefox.mjs)
//   webkit    WebKitGTK's MiniBrowser, driven by selenium-webdriver through WebKitWebDriver
//             (classic W3C WebDriver: no page events, so the harness makes its own — see
//             harness/webkit.mjs and the recording proxy, harness/proxy.mjs)
//
// Each test file runs all its tests once per engine (`forEachEngine`); JIKJI_ENGINES picks
// some (e.g. JIKJI_ENGINES=firefox,webkit). The servers are in harness/server.mjs, the CSP
// report filters in harness/csp.mjs; this module gives the tests all of it, and the steps
// most tests share (`withServer`, `withContext`).
import fs from 'node:fs';
import path from 'node:path';
import { describe, test as nodeTest } from 'node:test';
import { chromium } from 'playwright-core';

import { FirefoxBrowser } from './harness/firefox.mjs';
import { serve } from './harness/server.mjs';
import { BrowserHung, WebKitBrowser, WebKitPage } from './harness/webkit.mjs';

export {
  DIST, copyOfBuild, indexFolder, chunksFolder, CHUNK_FILE, serve, serveNginx, serveNode, lanAddress,
} from './harness/server.mjs';
export { CSP_REPORTING, HARNESS_CSP_ARTEFACTS, cspViolations, withoutHarnessCsp } from './harness/csp.mjs';

export const SCREENSHOTS = process.env.JIKJI_SCREENSHOTS || '';

export const ALL_ENGINES = ['chromium', 'firefox', 'webkit'];
export const ENGINES = (process.env.JIKJI_ENGINES || ALL_ENGINES.join(','))
  .split(',').map((e) => e.trim()).filter(Boolean);
for (const e of ENGINES) if (!ALL_ENGINES.includes(e)) throw new Error(`unknown engine ${e} (JIKJI_ENGINES)`);

/** Runs `body(engine)` inside a describe block named after each engine, one after another. */
export function forEachEngine(body) {
  for (const engine of ENGINES) describe(engine, () => body(engine));
}

/**
 * node:test's `test` (name, options, body), except that a test whose WebKit driver stopped
 * answering (`BrowserHung`: it is killed after a deadline) runs once more, and says so. A hung
 * driver says nothing of the app; any other failure, or a second hang, fails the test.
 */
export function test(name, options, body) {
  if (typeof options === 'function') [options, body] = [{}, options];
  return nodeTest(name, options, async (t) => {
    try {
      return await body(t);
    } catch (e) {
      if (!(e instanceof BrowserHung)) throw e;
      console.error(`${name}: ${e.message}; running it once more`);
      t.diagnostic(`${e.message}; run once more`);
      return await body(t);
    }
  });
}

/**
 * Launches an engine with the flags this machine's closed network needs. The object has
 * Playwright's Browser API as far as the tests use it (newContext, newPage, close), and
 * `engine`, `version`.
 */
export async function launch(engine = 'chromium') {
  if (engine === 'chromium') {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    });
    return Object.assign(browser, { engine, version: browser.version() });
  }
  if (engine === 'firefox') return FirefoxBrowser.launch();
  if (engine === 'webkit') return WebKitBrowser.launch();
  throw new Error(`unknown engine ${engine}`);
}

// --- The steps most tests share ----------------------------------------------------------

/**
 * Serves a site (`serve(...args)`: root, prefix, options) for `body(server)`, and stops the
 * server after it, whatever happened.
 */
export async function withServer(args, body) {
  const server = await serve(...args);
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

/**
 * The app at `url` (and `hash`) in a new context of `browser` (Korean, `viewport`, `colorScheme`),
 * its page errors watched, once the search box is there and, with `results`, the results are
 * whole: `{ page, errors }`.
 */
export async function openApp(browser, url, { hash = '', viewport = { width: 1200, height: 900 }, colorScheme = 'light', results = false } = {}) {
  const context = await browser.newContext({ viewport, locale: 'ko-KR', colorScheme });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url + hash);
  await page.waitForSelector('input[type=search]');
  if (results) await resultsWhole(page);
  return { page, errors };
}

/**
 * A new context of `browser` (Playwright's `newContext` options) and its page for
 * `body({ context, page })`; the context is closed after it, whatever happened.
 */
export async function withContext(browser, options, body) {
  const context = await browser.newContext(options);
  try {
    const page = await context.newPage();
    return await body({ context, page });
  } finally {
    await context.close();
  }
}

// --- Events, the same in every engine -------------------------------------------------------

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

/** The engine a page runs in. */
export function engineOf(page) {
  return page instanceof WebKitPage ? 'webkit' : page.context().browser().browserType().name();
}

/** The result list once every result of the page is drawn: the blocks and article texts it
 * needs have arrived (`aria-busy`), and the second pass of a new query's render has run (the
 * first draws six results, the rest follow a frame later). */
export const RESULTS_SETTLED = '.result-list[aria-busy="false"][data-rendered="all"]';

/** Waits until the results are whole: the count has a number (until the blocks of the index
 * the search reads are in, the page says it is searching) and the list is rendered. */
export const resultsWhole = (page) => page.waitForFunction((settled) => /\d/.test(document.querySelector('.count')?.textContent ?? '')
  && document.querySelector(settled), RESULTS_SETTLED);

/**
 * The text of the file a click on `selector` offers to download: the page's downloads are
 * Blobs handed to a download link (`URL.createObjectURL`), read here as they are made.
 */
export async function downloaded(page, selector) {
  await page.evaluate(() => {
    if (!window.__downloads) {
      window.__downloads = [];
      const original = URL.createObjectURL;
      URL.createObjectURL = (blob) => { blob.text().then((t) => window.__downloads.push(t)); return original.call(URL, blob); };
    }
  });
  const before = await page.evaluate(() => window.__downloads.length);
  await page.click(selector);
  await page.waitForFunction((n) => window.__downloads.length > n, before);
  return page.evaluate((n) => window.__downloads[n], before);
}

/**
 * Saves a screenshot when JIKJI_SCREENSHOTS names a folder (./run screenshots): there when one
 * engine runs, else in a folder per engine.
 */
export async function screenshot(page, name) {
  if (!SCREENSHOTS) return;
  const dir = ENGINES.length === 1 ? SCREENSHOTS : path.join(SCREENSHOTS, engineOf(page));
  // The article texts of what is shown have arrived (snippets, the reader's paragraphs).
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], [data-rendered="first"]'), null, { timeout: 10000 });
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}
