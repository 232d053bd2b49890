// Opening a built single file from file://, offline, in headless Chromium: navigation → (the
// archive file chosen, when the build wrote one beside the page) → the first results of a
// query on screen. Three runs.
//
//   node bench/open_file.mjs DIR [QUERY]     (DIR holds jikji.html, and jikji.archive if any)
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [dir, query = '중관춘'] = process.argv.slice(2);
if (!dir) throw new Error('usage: node bench/open_file.mjs DIR [QUERY]');
const page = path.resolve(dir, 'jikji.html');
const archive = path.resolve(dir, 'jikji.archive');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
for (let run = 0; run < 3; run++) {
  const context = await browser.newContext({ offline: true });
  const tab = await context.newPage();
  const start = Date.now();
  await tab.goto('file://' + page, { timeout: 300000 });
  let asked = null;
  let chosen = start;
  if (fs.existsSync(archive)) {
    await tab.waitForSelector('#jikji-archive-file', { timeout: 120000 });
    asked = Date.now() - start;
    chosen = Date.now();
    await tab.setInputFiles('#jikji-archive-file', archive);
  }
  await tab.fill('input[type=search]', query, { timeout: 300000 });
  await tab.waitForFunction((q) => document.querySelector('.count')?.textContent.includes(q)
    && document.querySelector('.result-list[aria-busy="false"] .result'), query, { timeout: 120000 });
  const done = Date.now();
  console.log(JSON.stringify({
    run, page: fs.statSync(page).size, archive: fs.existsSync(archive) ? fs.statSync(archive).size : 0,
    pickerShownMs: asked, firstResultsAfterChosenMs: asked === null ? null : done - chosen, firstResultsMs: done - start,
  }));
  await context.close();
}
await browser.close();
