// Export from the result list: every article of the results as CSV and RIS, the same articles
// the list counts and the CLI exports for the same query; in the three engines.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { forEachEngine, DIST, launch, watchErrors, screenshot, downloaded, RESULTS_SETTLED, withContext, withServer } from './harness.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The ids `jikji search --format csv QUERY` exports from the seeds, in order. */
function cliCsvIds(query) {
  const env = { ...process.env };
  delete env.JIKJI_CORPUS;
  const csv = execFileSync(path.join(ROOT, 'target/release/jikji'), ['search', '--format', 'csv', query],
    { cwd: ROOT, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  return csv.replace(/^\ufeff/, '').trim().split('\r\n').slice(1).map((row) => row.split(',')[0]);
}

forEachEngine((engine) => {
  let browser;
  before(async () => { browser = await launch(engine); });
  after(async () => { await browser?.close(); });

  test('the results export as CSV and RIS: every article the list counts, as the CLI exports them', async () => {
    await withServer([DIST], (server) => withContext(browser, { viewport: { width: 1100, height: 900 } }, async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(server.url + '#/?q=' + encodeURIComponent('창업'));
      await page.waitForSelector(RESULTS_SETTLED);
      const shown = await page.$$eval('.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
      const total = Number((await page.textContent('.count')).match(/(\d+)건/)[1]);
      assert.equal(shown.length, total, 'one page holds them all');
      await page.click('.export-results summary');
      const exportedCsv = await downloaded(page, '.export-csv');
      await page.waitForFunction(() => /8건을 내보냈습니다/.test(document.querySelector('.export-status')?.textContent ?? ''));
      await screenshot(page, 'export-results');
      const csv = exportedCsv.replace(/^\ufeff/, '').trim().split('\r\n');
      assert.equal(csv[0], 'id,title,source,date,url,file,snippet');
      const ids = csv.slice(1).map((row) => row.split(',')[0]);
      assert.deepEqual(ids, shown);
      assert.deepEqual(ids, cliCsvIds('창업'));
      const ris = await downloaded(page, '.export-ris');
      assert.equal(ris.match(/^TY {2}- NEWS/gm).length, total);
      assert.equal(ris.match(/^ER {2}- /gm).length, total);
      assert.deepEqual(errors, []);
    }));
  });
});
