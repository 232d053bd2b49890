// Trends (#/trends): from a result list to the trend of its query, a second query added, the
// figures held to `jikji trend` over the same archive and to the result list a figure opens,
// shares, the URL, the CSV export; in the three engines.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, forEachEngine, DIST, launch, watchErrors, screenshot, downloaded, RESULTS_SETTLED, withContext, withServer } from './harness.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `jikji trend --wide QUERIES` on the seeds: { period: [count, total] per query }. */
function cliTrend(queries) {
  const env = { ...process.env };
  delete env.JIKJI_CORPUS;
  const csv = execFileSync(path.join(ROOT, 'target/release/jikji'), ['trend', '--wide', ...queries],
    { cwd: ROOT, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  const rows = csv.replace(/^\ufeff/, '').trim().split('\r\n').slice(1).map((line) => line.split(','));
  return Object.fromEntries(rows.map(([period, ...cells]) =>
    [period, queries.map((_, q) => [Number(cells[q * 3]), Number(cells[q * 3 + 1])])]));
}

forEachEngine((engine) => {
  let browser;
  before(async () => { browser = await launch(engine); });
  after(async () => { await browser?.close(); });

  /** The table as { period: [count per line…, all articles] }, in the table's order (read as
   * an array: WebDriver does not keep an object's key order). */
  const table = async (page) => Object.fromEntries(await page.$$eval('.trend-table tbody tr', (rows) => rows.map((row) =>
    [row.dataset.period, [...row.querySelectorAll('td')].map((td) => Number(td.firstChild?.textContent ?? td.textContent))])));
  const trendDrawn = (page, lines) => page.waitForFunction((n) =>
    document.querySelectorAll('.trend-chart .trend-line').length === n && document.querySelector('.trend-table'), lines, { timeout: 30000 });

  test('a query\'s trend: from its results, a second query, figures as the CLI counts and as the results they open', async () => {
    await withServer([DIST], (server) => withContext(browser, { viewport: { width: 1100, height: 900 } }, async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(server.url + '#/?q=' + encodeURIComponent('창업'));
      await page.waitForSelector(RESULTS_SETTLED);
      await page.click('.trend-link');
      await trendDrawn(page, 1);
      assert.equal(await page.getAttribute('.trend-chart .trend-line-0', 'data-query'), '창업');
      assert.equal(await page.inputValue('.trend-query'), '창업');

      // A second query, added in the form.
      await page.click('.trend-add');
      await page.fill('.trend-query-row:nth-child(2) .trend-query', '화웨이');
      await page.click('.trend-draw');
      await trendDrawn(page, 2);
      const hash = decodeURIComponent(await page.evaluate(() => location.hash));
      assert.match(hash, /^#\/trends\?line=창업&line=화웨이&q=창업$/);

      // Every figure is what `jikji trend` counts over the same archive; months without
      // articles are rows of zeros between the others.
      const expected = cliTrend(['창업', '화웨이']);
      const shown = await table(page);
      assert.deepEqual(Object.keys(shown), Object.keys(expected));
      for (const [period, [a, b, all]] of Object.entries(shown)) {
        assert.deepEqual([[a, all], [b, all]], expected[period], period);
      }
      assert.ok(Object.values(shown).some(([a, b]) => a > 0 && b > 0), 'a month where both are found');
      const legend = await page.$$eval('.trend-legend-total', (els) => els.map((e) => e.textContent));
      const sum = (q) => Object.values(shown).reduce((s, row) => s + row[q], 0);
      assert.deepEqual(legend.map((t) => Number(t.match(/\d+/)[0])), [sum(0), sum(1)]);
      await screenshot(page, 'trends');

      // A point's figures show on hover or focus.
      await page.evaluate(() => document.querySelector('.trend-line-1 .trend-point[data-count]:not([data-count="0"])').focus());
      await page.waitForFunction(() => /화웨이 \d+건/.test(document.querySelector('.trend-readout').textContent));

      // Shares: the toggle says which is shown, and the URL keeps it.
      await page.click('.trend-shares');
      await page.waitForSelector('.trend-shares[aria-pressed="true"]');
      assert.match(await page.evaluate(() => location.hash), /share=1/);
      const ticks = await page.$$eval('.trend-grid text', (els) => els.map((e) => e.textContent));
      assert.ok(ticks.length >= 2 && ticks.every((t) => /^\d+(\.\d)?%$/.test(t)), ticks.join(' '));

      // The CSV: month, then count, total and share per query.
      const csv = await downloaded(page, '.trend-export');
      const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n');
      assert.equal(lines[0], 'month,창업 count,창업 total,창업 share,화웨이 count,화웨이 total,화웨이 share');
      assert.equal(lines.length - 1, Object.keys(shown).length);

      // A figure opens that month's results for that query: the list's total is the figure.
      const [period, [, count]] = Object.entries(shown).find(([, row]) => row[1] > 0);
      await page.click(`.trend-table tr[data-period="${period}"] td:nth-of-type(2) a`);
      await page.waitForSelector(RESULTS_SETTLED);
      const route = decodeURIComponent(await page.evaluate(() => location.hash));
      assert.equal(route, `#/?q=화웨이&from=${period}&to=${period}`);
      assert.equal(await page.$$eval('.result[data-article-id]', (els) => els.length), count);
      assert.deepEqual(errors, []);
    }));
  });

  test('a trend link names its queries and filters; nothing dated in the filters says so', async () => {
    await withServer([DIST], (server) => withContext(browser, { viewport: { width: 390, height: 800 }, colorScheme: 'dark' }, async ({ page }) => {
      const errors = watchErrors(page);
      const q = (s) => encodeURIComponent(s);
      await page.goto(`${server.url}#/trends?line=${q('중관춘')}&line=${q('베이징')}&line=${q('창업')}&source=KIC`);
      await trendDrawn(page, 3);
      assert.match(await page.textContent('.trend-filters'), /KIC/);
      const rows = await table(page);
      assert.ok(Object.values(rows).every((row) => row[0] <= row[3] && row[2] <= row[3]));
      await screenshot(page, 'trends-narrow-dark');
      await page.goto(`${server.url}#/trends?line=${q('창업')}&from=2031`);
      await page.waitForSelector('.trends .empty');
      assert.deepEqual(errors, []);
    }));
  });
});
