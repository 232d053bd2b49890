// Offline after one visit (issue 25, item 3), in every engine: the site served by nginx, a
// visit, then the server stopped — the network is gone for the page — and the page reloaded.
// What a visit read answers again; after "save the whole archive" a query never made answers
// too; removing what was saved takes that away again. Where saving is not offered (a page that
// is no secure context, the single file) the page says so or shows no control.
// JIKJI_DEBUG=1 prints the pages' console messages and errors.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, forEachEngine, DIST, lanAddress, launch, screenshot, withContext, withServer, RESULTS_SETTLED, indexFolder, chunksFolder } from './harness.mjs';

const TEXTS_ID = path.basename(indexFolder(DIST));
/** Every part of a build, as its path in the site (`texts/<id>/…`, `texts/chunks/…`). */
const partsOf = (dist) => [indexFolder(dist), chunksFolder(dist)]
  .flatMap((folder) => fs.readdirSync(folder).map((f) => path.relative(dist, path.join(folder, f))))
  .sort();
const PARTS = partsOf(DIST);
const HOSTILE = process.env.JIKJI_HOSTILE_DIST;
const PART_BYTES = PARTS.reduce((sum, f) => sum + fs.statSync(path.join(DIST, f)).size, 0);

/** Bytes as the control writes them (src/components/offline.rs, `size`). */
function size(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < 3) { value /= 1000; unit += 1; }
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ${['kB', 'MB', 'GB', 'TB'][unit]}`;
}

forEachEngine((engine) => {
  let browser;
  before(async () => { browser = await launch(engine); });
  after(async () => { await browser?.close(); });

  /** A new context and page for `body({ context, page, panics })` (the page's errors), closed
   * after it; with JIKJI_DEBUG set, the page's console and errors are printed. */
  function withPage(body) {
    return withContext(browser, { viewport: { width: 1100, height: 800 } }, ({ context, page }) => {
      const panics = [];
      page.on('pageerror', (e) => panics.push(e.message));
      if (process.env.JIKJI_DEBUG) page.on('console', (m) => console.log(`[${m.type()}] ${m.text()}`));
      if (process.env.JIKJI_DEBUG) page.on('pageerror', (e) => console.log(`[pageerror] ${e.message} ${e.stack}`));
      return body({ context, page, panics });
    });
  }

  /** The results of `query` once whole: the count line and the titles, in order. */
  async function search(page, query) {
    await page.waitForSelector('input[type=search]', { timeout: 30000 });
    await page.locator('input[type=search]').fill(query);
    return shown(page, query);
  }
  async function shown(page, query) {
    await page.waitForFunction(({ q, settled }) => document.querySelector('.count')?.textContent.includes(q)
      && document.querySelector(settled), { q: query, settled: RESULTS_SETTLED }, { timeout: 30000 });
    return {
      count: (await page.textContent('.count')).trim(),
      titles: await page.$$eval('.result-title', (els) => els.map((e) => e.textContent.trim())),
      snippets: await page.$$eval('.result .snippet', (els) => els.map((e) => e.textContent.trim())),
    };
  }

  /** Waits until the service worker controls the page. */
  async function controlled(page) {
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 30000 });
  }

  /** Waits until every resource of the site this page fetched (its code, the parts its
   * queries read) and the page itself are in the caches. */
  async function keptWhatWasFetched(page) {
    await page.waitForFunction(async () => {
      const scope = (await navigator.serviceWorker.ready).scope;
      const urls = performance.getEntriesByType('resource').map((e) => e.name)
        .filter((u) => u.startsWith(scope) && /(\/texts\/|\.wasm$|-[0-9a-f]{8,}\.js$)/.test(u));
      urls.push(location.href.split('#')[0]);
      for (const u of urls) if (!(await caches.match(u))) return false;
      return urls.some((u) => u.includes('/texts/')) && urls.some((u) => u.endsWith('.wasm'));
    }, null, { timeout: 30000 });
  }

  async function openControl(page) {
    await page.click('.offline-toggle');
    await page.waitForSelector('.offline-panel');
  }
  const state = (page) => page.getAttribute('.offline-panel', 'data-offline-state');
  async function waitForState(page, wanted, timeout = 30000) {
    await page.waitForFunction((w) => document.querySelector('.offline-panel')?.dataset.offlineState === w, wanted, { timeout });
  }
  /** Opens the control, saves the whole archive, waits until it is saved. */
  async function saveWholeArchive(page) {
    await openControl(page);
    await waitForState(page, 'not-saved');
    await page.click('.offline-save');
    await waitForState(page, 'saved');
  }

  test('visit, go offline, reload: the page and a query made before answer from the cache', async () => {
    await withServer([DIST], (server) => withPage(async ({ page, panics }) => {
      await page.goto(server.url);
      await controlled(page);
      const online = await search(page, '화웨이');
      assert.match(online.count, /3건/, online.count);
      assert.ok(online.titles.some((t) => t.startsWith('국제반도체협회')), online.titles.join(' | '));
      await keptWhatWasFetched(page);

      await server.close(); // the network is gone for the page
      await page.reload();
      const offline = await shown(page, '화웨이');
      assert.equal(offline.count, online.count);
      assert.deepEqual(offline.titles, online.titles);
      assert.deepEqual(offline.snippets, online.snippets, 'the snippets from the kept texts');
      assert.ok(offline.snippets.every((s) => s.length > 20), offline.snippets.join(' | '));
      // The reader too: the article text read before.
      await page.click('.result a');
      await page.waitForSelector('article[data-article-id] p');
      assert.match(await page.textContent('article'), /화웨이/);
      assert.deepEqual(panics, []);
    }));
  });

  test('save the whole archive: progress, storage, then a query never made answers offline; removing it takes that away', async () => {
    await withServer([DIST], async (server) => {
      // What the query answers, learnt online in another context (this one never makes it).
      const expected = await withPage(async ({ page }) => {
        await page.goto(server.url);
        return search(page, '블록체인');
      });
      assert.ok(expected.titles.length >= 2, `블록체인 finds several articles: ${expected.titles}`);

      await withPage(async ({ page, panics }) => {
        await page.goto(server.url);
        await controlled(page);
        await openControl(page);
        await waitForState(page, 'not-saved');
        assert.match(await page.textContent('.offline-panel'), new RegExp(`파일 ${PARTS.length}개`));
        await screenshot(page, 'offline-before');

        await page.click('.offline-save');
        await waitForState(page, 'saved');
        // What it takes: the archive's bytes, and the site's storage where the browser has a
        // StorageManager (WebKitGTK's MiniBrowser has none: navigator.storage is undefined).
        const estimates = await page.evaluate(() => !!navigator.storage?.estimate);
        await page.waitForFunction((both) => {
          const usage = document.querySelector('.offline-usage')?.textContent || '';
          return usage.includes('저장한 아카이브') && (!both || usage.includes('이 사이트가 쓰는 저장 공간'));
        }, estimates);
        const panel = await page.textContent('.offline-panel');
        assert.match(panel, /아카이브 전체가 이 기기에 있습니다/);
        assert.ok(panel.includes(`저장한 아카이브 ${size(PART_BYTES)}`), panel);
        if (estimates) assert.match(panel, /이 사이트가 쓰는 저장 공간 [\d.]+ [kMG]B \(한도 [\d.]+ [kMGT]B\)/, panel);
        assert.match(await page.getAttribute('.offline-toggle', 'aria-label'), /저장됨/);
        // Every part of the build, under its own URL, as a whole 200.
        const stored = await page.evaluate(async ({ parts }) => {
          const out = [];
          for (const name of parts) {
            const r = await caches.match(new URL(name, location.href).href);
            out.push(r ? `${r.status} ${(await r.arrayBuffer()).byteLength}` : 'missing');
          }
          return { out, persisted: await navigator.storage?.persisted?.(), usage: (await navigator.storage?.estimate?.())?.usage };
        }, { parts: PARTS });
        const sizes = PARTS.map((f) => `200 ${fs.statSync(path.join(DIST, f)).size}`);
        assert.deepEqual(stored.out, sizes);
        console.log(`${engine}: saved ${PARTS.length} parts, ${PART_BYTES} bytes; storage estimate ${stored.usage} bytes; persisted: ${stored.persisted}`);
        await page.mouse.move(5, 790);
        await screenshot(page, 'offline-saved');

        await server.close();
        await page.goto(server.url + '#/?q=' + encodeURIComponent('블록체인'));
        await page.reload();
        const offline = await shown(page, '블록체인');
        assert.equal(offline.count, expected.count);
        assert.deepEqual(offline.titles, expected.titles);
        assert.ok(offline.snippets.every((s) => s.length > 20), offline.snippets.join(' | '));

        // Removed, the parts only the save had are gone: the same query cannot be answered
        // offline now, and the page says which part it lacks.
        assert.deepEqual(panics, []);
        await openControl(page);
        await waitForState(page, 'saved');
        await page.click('.offline-remove');
        await waitForState(page, 'not-saved');
        assert.equal(await page.evaluate(async ({ id }) => (await caches.keys()).some((k) => k.endsWith(`saved ${id}`) || k.endsWith('saved chunks')), { id: TEXTS_ID }), false);
        await page.reload();
        await page.waitForSelector('.results [role=alert]', { timeout: 30000 });
        assert.match(await page.textContent('.results [role=alert]'), /색인 일부를 불러오지 못해/);
        assert.equal(await page.$$eval('.result', (els) => els.length), 0, 'no partial results');
        // (Firefox reports each fetch the worker could not answer as an error of the page —
        // "A ServiceWorker passed a promise to FetchEvent.respondWith() that rejected with
        // ‘TypeError: NetworkError …’" — as it would report the fetch failing without one: that
        // is what offline is here. Nothing else may go wrong.)
        assert.deepEqual(panics.filter((m) => !/NetworkError when attempting to fetch resource/.test(m)), []);
      });
    });
  });

  test('the control while it saves: a progress bar that moves', async () => {
    // The node server holds each part back 150 ms, so the progress can be seen.
    await withServer([DIST, '/', { delay: (p) => (p.includes('/texts/') ? 150 : 0) }], (server) => withPage(async ({ page, panics }) => {
      await page.goto(server.url);
      await controlled(page);
      await openControl(page);
      await waitForState(page, 'not-saved');
      await page.click('.offline-save');
      await page.waitForFunction(() => {
        const p = document.querySelector('.offline-progress');
        return p && p.value >= p.max * 0.3 && p.value < p.max;
      }, null, { timeout: 30000 });
      const first = await page.$eval('.offline-progress', (p) => [p.value, p.max]);
      assert.equal(first[1], PARTS.length);
      assert.match(await page.textContent('.offline-panel'), new RegExp(`저장 중… 파일 \\d+/${PARTS.length}개 · [\\d.]+ (B|kB|MB)`));
      await page.mouse.move(5, 790); // no hover where the button was
      await screenshot(page, 'offline-saving');
      await waitForState(page, 'saved');
      assert.deepEqual(panics, []);
    }));
  });

  test('saving stops when the server goes: the control says why and offers to try again', async () => {
    await withServer([DIST, '/', { delay: (p) => (p.includes('/texts/') ? 150 : 0) }], (server) => withPage(async ({ page, panics }) => {
      await page.goto(server.url);
      await controlled(page);
      await openControl(page);
      await waitForState(page, 'not-saved');
      await page.click('.offline-save');
      await page.waitForFunction(() => document.querySelector('.offline-progress')?.value >= 6, null, { timeout: 30000 });
      await server.close();
      await waitForState(page, 'failed');
      assert.match(await page.textContent('.offline-panel [role=alert]'), /저장하지 못했습니다 \(.*texts\/([0-9a-f]{16}|chunks)\/.*\)/);
      assert.equal((await page.textContent('.offline-save')).trim(), '다시 시도');
      assert.notEqual(await page.getAttribute('.offline-toggle', 'data-offline-state'), 'saved');
      assert.deepEqual(panics.filter((m) => !/NetworkError when attempting to fetch resource/.test(m)), []);
    }));
  });

  test('a plain-http intranet host: no service worker, the control says why, search works', async () => {
    const host = lanAddress();
    assert.ok(host, 'this machine has an address other than loopback');
    await withServer([DIST, '/', { host }], (server) => withPage(async ({ page, panics }) => {
      await page.goto(server.url);
      const results = await search(page, '화웨이');
      assert.match(results.count, /3건/);
      assert.equal(await page.evaluate(() => window.isSecureContext), false);
      assert.equal(await page.evaluate(async () => !!(await navigator.serviceWorker?.getRegistration?.())), false);
      await openControl(page);
      assert.equal(await state(page), 'insecure');
      assert.match(await page.textContent('.offline-panel'), /보안 연결\(https\)이 아니어서/);
      await screenshot(page, 'offline-insecure');
      assert.deepEqual(panics, []);
    }));
  });

  test('a new build replaces the old one: its page, code and index are fetched, the old ones deleted', {
    skip: !HOSTILE && 'JIKJI_HOSTILE_DIST (a second build, on another corpus: ./run test makes it) not set',
  }, async () => {
    // One folder on the server holds the build, then — as a publisher copies a rebuild over
    // it — another build on another corpus: new hashed code, a new index folder.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-rebuild-'));
    fs.cpSync(DIST, dir, { recursive: true });
    try {
      await withServer([dir], (server) => withPage(async ({ page, panics }) => {
        const codeKept = (files) => page.waitForFunction(async (files) => {
          const code = (await caches.keys()).find((k) => k.endsWith(' code'));
          const kept = code ? (await (await caches.open(code)).keys()).map((r) => r.url.split('/').pop()).sort() : [];
          return JSON.stringify(kept) === JSON.stringify(files);
        }, files, { timeout: 30000 });
        const cacheState = () => page.evaluate(async () => {
          const out = { caches: (await caches.keys()).map((k) => k.split(' ').slice(2).join(' ')), code: [] };
          const code = (await caches.keys()).find((k) => k.endsWith(' code'));
          if (code) out.code = (await (await caches.open(code)).keys()).map((r) => r.url.split('/').pop()).sort();
          return out;
        });
        const codeOf = (root) => fs.readdirSync(root).filter((f) => /-[0-9a-f]{8,}(_bg)?\.(js|wasm|css)$/.test(f)).sort();
        const newId = path.basename(indexFolder(HOSTILE));
        await page.goto(server.url);
        await controlled(page);
        const before = await search(page, '화웨이');
        assert.match(before.count, /3건/);
        await keptWhatWasFetched(page);
        await saveWholeArchive(page);
        const old = await cacheState();
        assert.ok(old.caches.includes(`parts ${TEXTS_ID}`) && old.caches.includes(`saved ${TEXTS_ID}`), old.caches.join(', '));
        await codeKept(codeOf(DIST));

        // The rebuild is published in place; the same URL, online.
        fs.rmSync(dir, { recursive: true, force: true });
        fs.cpSync(HOSTILE, dir, { recursive: true });
        // (A fresh load: a hash change would make the old page search the old index first.)
        await page.goto('about:blank');
        await page.goto(server.url + '#/?q=' + encodeURIComponent('악성 '));
        await page.waitForSelector('.result[data-article-id]', { timeout: 30000 });
        assert.match(await page.textContent('.result-title'), /<script>/, 'the new build\'s archive, not the cached one');
        // The page told the worker which index it runs: the old index's parts and saved copy
        // and the old code are gone, the new code kept.
        await page.waitForFunction(async (oldId) => !(await caches.keys()).some((k) => k.endsWith(oldId)), TEXTS_ID, { timeout: 30000 });
        await codeKept(codeOf(HOSTILE));
        const now = await cacheState();
        assert.ok(now.caches.includes(`parts ${newId}`), now.caches.join(', '));
        assert.ok(!now.caches.some((c) => c.endsWith(TEXTS_ID)), now.caches.join(', '));
        // The old build's text chunks (another corpus: none of them is the new build's) are
        // deleted from the chunks' caches by the new page, which knows its own.
        const newChunks = partsOf(HOSTILE).filter((p) => p.startsWith('texts/chunks/'));
        await page.waitForFunction(async (current) => {
          const kept = [];
          for (const key of await caches.keys()) {
            if (key.endsWith(' chunks')) kept.push(...(await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname.replace(/^.*?\/texts\//, 'texts/')));
          }
          return kept.every((u) => current.includes(u));
        }, newChunks, { timeout: 30000 });

        // And offline it is the new build that opens.
        await keptWhatWasFetched(page);
        await server.close();
        await page.reload();
        await page.waitForSelector('.result[data-article-id]', { timeout: 30000 });
        assert.match(await page.textContent('.result-title'), /<script>/);
        assert.deepEqual(panics, []);
      }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // A rebuild with a week's new file: the text chunks it left as they were keep their URLs
  // (`texts/chunks/`, named by their content), so a visitor who saved the archive fetches the
  // new build's core, its blocks and the new chunks only, and the chunks no build has any
  // more leave the caches.
  test('a rebuild with one more file: saving again fetches the new chunks, not the kept ones', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-corpus-plus-'));
    fs.cpSync(path.join(root, 'corpus'), corpus, { recursive: true });
    fs.writeFileSync(path.join(corpus, '999_new.txt'), [
      '판다연구소, 청두에 새 연구동 열어', '', '2022.12.21', '',
      '청두 판다연구소가 새 연구동을 열었다. 연구소는 번식 연구와 야생 복귀 훈련을 한곳에서 하겠다고 밝혔다.',
      '', '연구소 관계자는 올해 태어난 새끼 판다 열두 마리가 모두 건강하다고 말했다.', '',
    ].join('\n'));
    const rebuilt = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-rebuilt-'));
    fs.cpSync(DIST, rebuilt, { recursive: true });
    execFileSync(path.join(root, 'target/release/jikji'), ['package', '--dist', rebuilt, '--corpus', corpus], { cwd: root, stdio: 'pipe' });
    const chunksOf = (dist) => new Set(partsOf(dist).filter((p) => p.startsWith('texts/chunks/')));
    const [before, after] = [chunksOf(DIST), chunksOf(rebuilt)];
    const added = [...after].filter((c) => !before.has(c));
    const gone = [...before].filter((c) => !after.has(c));
    assert.ok(added.length >= 1 && added.length <= 2, `the new article's chunk, and at most the one before it: ${added}`);
    assert.ok(gone.length <= 1, `the chunks of the archive as it was stay: ${gone}`);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-republish-'));
    fs.cpSync(DIST, dir, { recursive: true });
    try {
      await withServer([dir], (server) => withPage(async ({ page, panics }) => {
        await page.goto(server.url);
        await controlled(page);
        await saveWholeArchive(page);

        fs.rmSync(dir, { recursive: true, force: true });
        fs.cpSync(rebuilt, dir, { recursive: true });
        const fetchedBefore = server.log.length;
        await page.goto('about:blank');
        await page.goto(server.url + '#/?q=' + encodeURIComponent('판다연구소'));
        assert.match((await shown(page, '판다연구소')).count, /1건/, 'the new build, with the new article');
        await saveWholeArchive(page);
        const chunksFetched = server.log.slice(fetchedBefore)
          .map((l) => l.path.replace(/^\//, ''))
          .filter((p) => p.startsWith('texts/chunks/'));
        assert.ok(chunksFetched.length >= 1, 'the new chunks were fetched');
        assert.deepEqual(chunksFetched.filter((c) => !added.includes(c)), [], `only new chunks fetched: ${chunksFetched}`);
        // The chunks only the old build had are gone from the caches; the new build's are all kept.
        await page.waitForFunction(async ({ current, gone }) => {
          const kept = [];
          for (const key of await caches.keys()) {
            if (key.endsWith(' chunks')) kept.push(...(await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname.replace(/^.*?\/texts\//, 'texts/')));
          }
          return current.every((c) => kept.includes(c)) && !gone.some((c) => kept.includes(c));
        }, { current: [...after], gone }, { timeout: 30000 });
        assert.deepEqual(panics, []);
      }));
    } finally {
      for (const d of [dir, rebuilt, corpus]) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  // The archive transport (`--transport archive`): the index is one file read with HTTP Range
  // requests, nginx answers them (206), and what a visit read is kept under each part's own
  // URL, so the site answers offline as the files transport does. A host that answers a range
  // with the whole file is named, not downloaded.
  test('one archive file read with ranges: only ranges fetched, offline after a visit, a host without ranges named', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-ranges-'));
    fs.cpSync(DIST, dir, { recursive: true });
    const root = path.resolve(import.meta.dirname, '../..');
    execFileSync(path.join(root, 'target/release/jikji'),
      ['package', '--dist', dir, '--corpus', path.join(root, 'corpus'), '--transport', 'archive'], { cwd: root, stdio: 'pipe' });
    const id = path.basename(indexFolder(dir));
    assert.deepEqual(fs.readdirSync(path.join(dir, 'texts')), [id], 'no chunks beside the archive file');
    assert.deepEqual(fs.readdirSync(path.join(dir, 'texts', id)), ['index.archive'], 'one file holds the index');
    const archiveSize = fs.statSync(path.join(dir, 'texts', id, 'index.archive')).size;
    try {
      await withServer([dir], (server) => withPage(async ({ page, panics }) => {
        const answers = [];
        page.on('response', (r) => { if (r.url().includes('/texts/')) answers.push({ url: r.url(), status: r.status() }); });
        await page.goto(server.url);
        await controlled(page);
        const online = await search(page, '화웨이');
        assert.match(online.count, /3건/, online.count);
        await page.click('.result a');
        await page.waitForSelector('article[data-article-id] p');
        assert.ok(answers.length >= 3, `several ranges read: ${JSON.stringify(answers)}`);
        assert.ok(answers.every((a) => a.url.endsWith('/index.archive') && a.status === 206), JSON.stringify(answers));
        const read = server.log.filter((l) => l.path.endsWith('/index.archive'));
        assert.ok(read.length >= 3 && read.every((l) => l.status === 206), JSON.stringify(read));
        const bytesRead = read.reduce((sum, l) => sum + l.bytes, 0);
        assert.ok(bytesRead < archiveSize * 0.6, `a query and an article read ${bytesRead} of the archive's ${archiveSize} bytes`);
        // Kept under their own URLs: the core, the blocks and the texts read.
        await page.waitForFunction(async (folder) => {
          const keys = (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => r.url)))).flat();
          const parts = keys.filter((u) => u.startsWith(folder));
          return parts.includes(folder + 'core.bin') && parts.some((u) => /\/t\d+\.bin$/.test(u)) && parts.some((u) => /\/p\d+\.bin$/.test(u));
        }, `${server.url}texts/${id}/`, { timeout: 30000 });
        // Saving the whole archive reads every part out of the archive file too.
        await page.goBack();
        await shown(page, '화웨이');
        await saveWholeArchive(page);
        assert.ok((await page.textContent('.offline-panel')).includes(`저장한 아카이브 ${size(PART_BYTES)}`));
        assert.ok(server.log.every((l) => !l.path.endsWith('.bin')), 'no part fetched as a file');

        await server.close(); // the network is gone for the page
        await page.reload();
        const offline = await shown(page, '화웨이');
        assert.equal(offline.count, online.count);
        assert.deepEqual(offline.titles, online.titles);
        assert.deepEqual(offline.snippets, online.snippets);
        const never = await search(page, '블록체인');
        assert.ok(never.titles.length >= 2 && never.snippets.every((t) => t.length > 20), JSON.stringify(never));
        assert.deepEqual(panics, []);
      }));

      // A host that sends the whole file for a range (the harness's node server does): the page
      // says so, and the archive is not downloaded.
      await withServer([dir, '/', { headers: {} }], (whole) => withPage(async ({ page }) => {
        await page.goto(whole.url);
        await page.waitForFunction(() => /Range/.test(document.body.textContent), null, { timeout: 30000 });
        assert.match(await page.textContent('body'), /the host sends whole files only/);
        assert.ok(whole.log.filter((l) => l.path.endsWith('.archive')).length <= 1, 'one try, then the reason');
        await screenshot(page, 'archive-no-ranges');
      }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the single file needs no saving: no control, no service worker', async () => {
    await withContext(browser, { offline: true }, async ({ page }) => {
      await page.goto('file://' + path.join(DIST, 'jikji.html'));
      await search(page, '화웨이');
      assert.equal(await page.evaluate(() => !!document.querySelector('.offline-toggle')), false);
    });
  });
});
