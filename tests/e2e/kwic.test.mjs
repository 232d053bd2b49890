// The concordance (#/kwic): from a query's results to every occurrence of its words, the lines
// held to `jikji kwic` over the same archive, sorted by the word before, a line opening the
// reader at its occurrence, the CSV export; in the three engines.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { test, forEachEngine, DIST, serve, launch, watchErrors, screenshot, downloaded, RESULTS_SETTLED, copyOfBuild, chunksFolder, withContext, withServer } from './harness.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const KWIC_DONE = '.kwic[aria-busy="false"] .kwic-lines';

/** `jikji kwic --json QUERY` on the seeds. */
function cliKwic(query) {
  const env = { ...process.env };
  delete env.JIKJI_CORPUS;
  return JSON.parse(execFileSync(path.join(ROOT, 'target/release/jikji'), ['kwic', '--json', '--context', '40', query],
    { cwd: ROOT, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

forEachEngine((engine) => {
  let browser;
  before(async () => { browser = await launch(engine); });
  after(async () => { await browser?.close(); });

  const shownLines = (page) => page.$$eval('.kwic-line', (rows) => rows.map((row) => [
    row.dataset.articleId, Number(row.dataset.ordinal), row.querySelector('.kwic-left').textContent,
    row.querySelector('.kwic-match').textContent, row.querySelector('.kwic-right').textContent]));

  test('every occurrence of a query: the lines the CLI gives, sorted by the word before, each opening its match in the reader', async () => {
    await withServer([DIST], (server) => withContext(browser, { viewport: { width: 1100, height: 900 } }, async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(server.url + '#/?q=' + encodeURIComponent('창업'));
      await page.waitForSelector(RESULTS_SETTLED);
      await page.click('.kwic-link');
      await page.waitForSelector(KWIC_DONE);
      const lines = await shownLines(page);
      const expected = cliKwic('창업');
      // The same occurrences as the CLI's, in the same (text) order.
      assert.deepEqual(lines, expected.map((l) => [l.id, l.ordinal, l.left, l.match, l.right]));
      assert.ok(lines.length > 20, `${lines.length} lines`);
      // Forms with endings are occurrences: 창업자들이 shows.
      assert.ok(lines.some(([, , , m, right]) => m === '창업' && right.startsWith('자')));
      assert.match(await page.textContent('.kwic-count'), new RegExp(`용례 ${lines.length}개`));
      await screenshot(page, 'kwic');

      // Sorted by the word before: the same lines, in the CLI's order for it.
      await page.click('.kwic-order-before');
      await page.waitForFunction(() => /order=before/.test(location.hash) && document.querySelector('.kwic-order-before[aria-current="page"]'));
      await page.waitForSelector(KWIC_DONE);
      const sorted = await shownLines(page);
      assert.equal(sorted.length, lines.length);
      const byBefore = cliKwicOrdered('창업', 'before');
      assert.deepEqual(sorted.map(([id, n]) => `${id}#${n}`), byBefore.map((l) => `${l.id}#${l.ordinal}`));

      // A line opens the reader at its occurrence: that match is the current one.
      const [id, ordinal, , matched] = sorted.find(([, n]) => n >= 2);
      await page.click(`.kwic-line[data-article-id="${id}"][data-ordinal="${ordinal}"] .kwic-match a`);
      await page.waitForSelector(`article[data-article-id="${id}"] mark.current`);
      const current = await page.evaluate(() => {
        const marks = [...document.querySelectorAll('article mark')];
        const at = marks.findIndex((m) => m.classList.contains('current'));
        return [at, marks[at].textContent];
      });
      assert.deepEqual(current, [ordinal, matched]);
      assert.deepEqual(errors, []);
    }));
  });

  test('the concordance exports as CSV, and a query nothing matches says so', async () => {
    await withServer([DIST], (server) => withContext(browser, { viewport: { width: 390, height: 800 }, colorScheme: 'dark' }, async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(server.url + '#/kwic?q=' + encodeURIComponent('화웨이'));
      await page.waitForSelector(KWIC_DONE);
      const count = (await shownLines(page)).length;
      assert.ok(count > 0);
      await screenshot(page, 'kwic-narrow-dark');
      const rows = (await downloaded(page, '.kwic-export')).replace(/^\ufeff/, '').trim().split('\r\n');
      assert.equal(rows[0], 'id,title,source,date,left,match,right');
      assert.equal(rows.length - 1, count);
      await page.goto(server.url + '#/kwic?q=' + encodeURIComponent('zzqxjvw'));
      await page.waitForSelector('.kwic[aria-busy="false"] .kwic-count');
      assert.match(await page.textContent('.kwic-count'), /용례 0개/);
      assert.deepEqual(errors, []);
    }));
  });

  test('an article whose text cannot be fetched is named, not silently left out of the lines', async () => {
    // The chunk of one article that holds 창업, gone from the host.
    const dir = copyOfBuild('kwic-gone');
    const expected = cliKwic('창업');
    const folder = chunksFolder(dir);
    const gone = fs.readdirSync(folder).find((f) => JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(folder, f))))
      .some((a) => a.id === expected[0].id));
    const goneIds = new Set(JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(folder, gone)))).map((a) => a.id));
    fs.rmSync(path.join(folder, gone));
    const articles = new Set(expected.map((l) => l.id));
    const left = expected.filter((l) => !goneIds.has(l.id));
    const server = await serve(dir);
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(server.url + '#/kwic?q=' + encodeURIComponent('창업'));
      await page.waitForSelector(KWIC_DONE);
      const failed = await page.textContent('.kwic-articles-failed');
      const missing = [...goneIds].filter((id) => articles.has(id)).length;
      assert.match(failed, new RegExp(`기사 ${missing}건은 불러오지 못해`), failed);
      assert.match(failed, /texts\/chunks\/t[0-9a-f]{8}-[0-9a-f]+\.bin: HTTP 404/, failed);
      const lines = await shownLines(page);
      assert.deepEqual(lines.map(([id, n]) => `${id}#${n}`), left.map((l) => `${l.id}#${l.ordinal}`));
      assert.match(await page.textContent('.kwic-count'), new RegExp(`용례 ${left.length}개 · `));
    } finally {
      await context.close();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** `jikji kwic --json --order ORDER QUERY` on the seeds. */
function cliKwicOrdered(query, order) {
  const env = { ...process.env };
  delete env.JIKJI_CORPUS;
  return JSON.parse(execFileSync(path.join(ROOT, 'target/release/jikji'), ['kwic', '--json', '--order', order, query],
    { cwd: ROOT, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] }));
}
