// Typing latency of built Jikji sites, for comparing two builds of the code back to back (the
// machine's speed drifts between full runs of bench/run.mjs):
//
//   node bench/typing.mjs SITE_DIR [SITE_DIR…]
//
// Each site (a dist/ from `./run build`) is opened in headless Chromium, the query 중관춘 is
// searched, then bench/run.mjs's keystroke sequences are typed three times through the search
// box, sites taking turns; prints each round's times (input to results shown) and the p50 and
// p95 over all keystrokes per site.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';

const SEQUENCES = [['ㅎ', '화', '환', '화웨', '화웨이'], ['ㅈ', '주', '중', '중ㄱ', '중과', '중관', '중관ㅊ', '중관추', '중관춘'], ['창', '창어', '창업'], ['중국', '중국 ', '중국 기', '중국 기업'], ['ㅈ', 'ㅈㄱ', 'ㅈㄱㅊ']];
const sites = process.argv.slice(2).map((dir) => path.resolve(dir));
if (!sites.length) throw new Error('usage: node bench/typing.mjs SITE_DIR [SITE_DIR…]');

function serve(root) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html'));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    fs.readFile(file, (err, data) => (err ? res.writeHead(404).end() : res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' }).end(data)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Types `q` into the search box; resolves with the ms until its results are shown. */
const type = (page, q) => page.evaluate(async (q) => {
  const input = document.querySelector('input[type=search]');
  const t0 = performance.now();
  let shown = null;
  await new Promise((resolve) => {
    const check = () => {
      const ok = !q.trim() || (document.querySelector('.count')?.textContent ?? '').includes(`‘${q.trim()}’`);
      if (ok && shown == null) shown = performance.now() - t0;
      if (ok && !document.querySelector('.result-list[aria-busy="true"]')) { observer.disconnect(); resolve(); }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.getElementById('jikji'), { subtree: true, childList: true, characterData: true, attributes: true });
    input.value = q;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    if (!q.trim()) { observer.disconnect(); resolve(); } else check();
  });
  return shown ?? 0;
}, q);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const opened = [];
for (const root of sites) {
  const server = await serve(root);
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForSelector('.result-list[aria-busy="false"]', { timeout: 120000 });
  await type(page, '중관춘');
  opened.push({ root, server, page, times: [] });
}
for (let round = 0; round < 3; round++) {
  for (const site of opened) {
    const row = [];
    for (const sequence of SEQUENCES) {
      await type(site.page, '');
      for (const q of sequence) {
        const t = await type(site.page, q);
        site.times.push(t);
        row.push(`${q}:${t.toFixed(0)}`);
      }
    }
    console.log(`${path.basename(site.root)} round ${round}: ${row.join(' ')}`);
  }
}
for (const site of opened) {
  const sorted = [...site.times].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(1);
  console.log(`${site.root}: p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms over ${sorted.length} keystrokes`);
  site.server.close();
}
await browser.close();
