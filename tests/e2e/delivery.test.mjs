// The three ways to use the app without a server of ours: the single offline file opened from
// file:// with the network off, dist/ published under a sub-path, and — what a damaged build
// looks like — a corrupt index showing an error page instead of a blank one. Every request is
// recorded; any that leaves the page's own origin (or file) fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, serve, launch, watchErrors, watchRequests, screenshot } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function searchFor(page, query) {
  await page.waitForSelector('input[type=search]', { timeout: 30000 });
  await page.locator('input[type=search]').fill(query);
  await page.waitForFunction((q) => document.querySelector('.count')?.textContent.includes(q), query);
  return page.$$eval('.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
}

test('the single file works from file:// with the network off', async () => {
  const file = path.join(DIST, 'jikji.html');
  assert.ok(fs.existsSync(file), 'the release build writes dist/jikji.html');
  const context = await browser.newContext({ offline: true, viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const foreign = watchRequests(page, null);
  await page.goto('file://' + file);
  const ids = await searchFor(page, '화웨이');
  assert.ok(ids.includes('003_f0ea3dc2add15f79-01'), `results from the embedded index: ${ids}`);
  await page.click('.result a');
  await page.waitForSelector('article[data-article-id]');
  assert.deepEqual(foreign, [], 'no request leaves the file');
  assert.deepEqual(errors, []);
  await screenshot(page, 'single-file');
  await context.close();
});

test('dist/ works from a sub-path over http', async () => {
  const server = await serve(DIST, '/archives/2022/');
  try {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const foreign = watchRequests(page, server.url.replace(/\/archives\/2022\/$/, ''));
    await page.goto(server.url);
    const ids = await searchFor(page, '중관춘');
    assert.equal(ids[0], '002_6e567526448bfc06');
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await server.close();
  }
});

test('a corrupt index shows an error page, not a blank one', async () => {
  // Copy the build and flip one byte of the index embedded in the wasm.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-corrupt-'));
  for (const name of fs.readdirSync(DIST)) fs.copyFileSync(path.join(DIST, name), path.join(dir, name));
  const wasmName = fs.readdirSync(dir).find((n) => n.endsWith('.wasm'));
  const wasm = fs.readFileSync(path.join(dir, wasmName));
  const at = wasm.indexOf(Buffer.from('JIKJIIDX'));
  assert.ok(at > 0, 'the index is embedded in the wasm');
  wasm[at + 4096] ^= 0x20;
  fs.writeFileSync(path.join(dir, wasmName), wasm);
  const server = await serve(dir);
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('.error-page', { timeout: 30000 });
    const text = await page.textContent('.error-page');
    assert.match(text, /색인을 열 수 없습니다/);
    assert.match(text, /checksum/);
    await page.close();
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
