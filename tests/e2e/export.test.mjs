// Export from the result list: every article of the results as CSV and RIS, the same articles
// the list counts and the CLI exports for the same query; in the three engines.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, forEachEngine, DIST, launch, watchErrors, screenshot, downloaded, RESULTS_SETTLED, withContext, withServer } from './harness.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The ids `jikji search --format csv QUERY` exports from the seeds, in order. */
function cliCsvIds(query) {
  const env = { ...process.env };
  delete env.JIKJI_CORPUS;
  const csv = execFileSync(path.join(ROOT, 'target/release/jikji'), ['search', '--format', 'csv', query],
    { cwd: ROOT, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  return csv.replace(/^\ufeff/, '').trim().split('\r\n').slice(1).map((row) => row.split(',')[0]);
}

/** A site of `count` short articles that all hold 창업 (a copy of the build, packaged anew). */
function siteOfMany(count) {
  const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-many-'));
  const lines = Array.from({ length: count }, (_, i) => JSON.stringify({
    id: `many-${String(i + 1).padStart(5, '0')}`, title: `창업 소식 ${i + 1}`, source: '테스트 통신',
    date: `2021-${String(1 + (i % 12)).padStart(2, '0')}-01`, body: `창업 지원 사업 ${i + 1}호가 문을 열었다.`,
  }));
  fs.writeFileSync(path.join(corpus, 'many.jsonl'), lines.join('\n') + '\n');
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-many-site-'));
  fs.cpSync(DIST, site, { recursive: true });
  execFileSync(path.join(ROOT, 'target/release/jikji'), ['package', '--dist', site, '--corpus', corpus],
    { cwd: ROOT, stdio: 'pipe' });
  fs.rmSync(corpus, { recursive: true, force: true });
  return site;
}

/** The ids of a JSON Lines export. */
const jsonlIds = (text) => text.trim().split('\n').map((line) => JSON.parse(line).id);

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
      // The whole text instead of the snippet, by choice: the last column is the body.
      await page.locator('.export-full-text').check();
      const full = (await downloaded(page, '.export-csv')).replace(/^\ufeff/, '');
      assert.ok(full.startsWith('id,title,source,date,url,file,text\r\n'), full.slice(0, 80));
      assert.ok(full.length > exportedCsv.length * 3, 'bodies are longer than snippets');
      assert.deepEqual(errors, []);
    }));
  });

  test('results of more articles than one file takes export whole, in parts', async () => {
    const count = 5100;
    const site = siteOfMany(count);
    try {
      await withServer([site], (server) => withContext(browser, { viewport: { width: 1100, height: 900 } }, async ({ page }) => {
        const errors = watchErrors(page);
        await page.goto(server.url + '#/?q=' + encodeURIComponent('창업'));
        await page.waitForSelector(RESULTS_SETTLED, { timeout: 30000 });
        assert.equal(Number((await page.textContent('.count')).match(/(\d+)건/)[1]), count);
        await page.click('.export-results summary');
        const parts = await page.$$eval('.export-part option', (els) => els.map((e) => e.textContent));
        assert.deepEqual(parts, ['1–5000번째', '5001–5100번째']);
        await screenshot(page, 'export-parts');
        const first = jsonlIds(await downloaded(page, '.export-jsonl'));
        await page.waitForFunction(() => /5000건을 내보냈습니다/.test(document.querySelector('.export-status')?.textContent ?? ''), null, { timeout: 60000 });
        await page.selectOption('.export-part', '1');
        const second = jsonlIds(await downloaded(page, '.export-jsonl'));
        await page.waitForFunction(() => /100건을 내보냈습니다/.test(document.querySelector('.export-status')?.textContent ?? ''), null, { timeout: 60000 });
        assert.equal(first.length, 5000);
        assert.equal(second.length, 100);
        const every = new Set([...first, ...second]);
        assert.equal(every.size, count, 'the parts together hold every article once');
        assert.deepEqual(errors, []);
      }));
    } finally {
      fs.rmSync(site, { recursive: true, force: true });
    }
  });
});
