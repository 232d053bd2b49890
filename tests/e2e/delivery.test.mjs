// The three ways to use the app without a server of ours: the single offline file opened from
// file:// with the network off, dist/ published under a sub-path, and — what a damaged build
// looks like — a corrupt index showing an error page instead of a blank one. Every request is
// recorded; any that leaves the page's own origin (or file) fails the test.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { test, copyOfBuild, indexFolder, chunksFolder, CHUNK_FILE, forEachEngine, CSP_REPORTING, cspViolations, withoutHarnessCsp, DIST, serve, launch, watchErrors, watchRequests, screenshot, RESULTS_SETTLED, withServer } from './harness.mjs';

forEachEngine((engine) => {
  let browser;
  before(async () => { browser = await launch(engine); });
  after(async () => { await browser?.close(); });

  async function searchFor(page, query) {
    await page.waitForSelector('input[type=search]', { timeout: 30000 });
    await page.locator('input[type=search]').fill(query);
    await page.waitForFunction((q) => document.querySelector('.count')?.textContent.includes(q), query);
    await page.waitForSelector(RESULTS_SETTLED);
    return page.$$eval('.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
  }

  /** Searches 화웨이 and opens the first hit: results, snippets and the article's paragraphs
   * all read from `where` (the single file, or its archive file). */
  async function searchesAndReadsOffline(page, where) {
    const ids = await searchFor(page, '화웨이');
    assert.ok(ids.includes('003_f0ea3dc2add15f79-01'), `results from ${where}: ${ids}`);
    assert.ok((await page.textContent('.result .snippet')).length > 20, `snippets from ${where}`);
    await page.click('.result a');
    await page.waitForSelector('article[data-article-id]');
    assert.ok((await page.$$('article p')).length > 3, `the article's paragraphs from ${where}`);
  }

  test('the single file works from file:// with the network off', async () => {
    const file = path.join(DIST, 'jikji.html');
    assert.ok(fs.existsSync(file), 'the release build writes dist/jikji.html');
    const context = await browser.newContext({ offline: true, viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const foreign = watchRequests(page, null);
    await page.goto('file://' + file);
    await searchesAndReadsOffline(page, 'the file');
    assert.deepEqual(foreign, [], 'no request leaves the file');
    assert.deepEqual(errors, []);
    await screenshot(page, 'single-file');
    await context.close();
  });

  test('a large archive: the single file asks once for its archive file and reads it from file://', async () => {
    // Above --single-file-max the index goes to jikji.archive beside the page (0 here, so the
    // seeds do), which the reader chooses once; the page reads it a part at a time.
    const dir = copyOfBuild('archive');
    const root = path.resolve(import.meta.dirname, '../..');
    execFileSync(path.join(root, 'target/release/jikji'),
      ['package', '--dist', dir, '--corpus', path.join(root, 'corpus'), '--single-file-max', '0'], { cwd: root, stdio: 'pipe' });
    const page = path.join(dir, 'jikji.html');
    const archive = path.join(dir, 'jikji.archive');
    assert.ok(fs.statSync(archive).size > 100000, 'the archive file holds the index');
    assert.ok(!fs.readFileSync(page, 'utf8').includes('id="jikji-parts"'), 'the page holds no part of the index');
    const context = await browser.newContext({ offline: true, viewport: { width: 1100, height: 800 } });
    const tab = await context.newPage();
    const errors = watchErrors(tab);
    const foreign = watchRequests(tab, null);
    await tab.goto('file://' + page);
    await tab.waitForSelector('#jikji-archive-file');
    await screenshot(tab, 'archive-file-asked');
    // Another file is refused, and the page says why and asks again.
    await tab.setInputFiles('#jikji-archive-file', page);
    await tab.waitForFunction(() => /not a Jikji archive file/.test(document.querySelector('.archive-error')?.textContent));
    await tab.setInputFiles('#jikji-archive-file', archive);
    await searchesAndReadsOffline(tab, 'the archive file');
    assert.deepEqual(foreign, [], 'no request leaves the file');
    assert.deepEqual(errors, []);
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('without DecompressionStream the single file says why it cannot start', async () => {
    // The three engines tested have it (an older Safari or Firefox would not): the single
    // file's loader checks first and says so in place of the app — not a blank page.
    const context = await browser.newContext({ offline: true });
    await context.addInitScript(() => { delete window.DecompressionStream; });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('file://' + path.join(DIST, 'jikji.html'));
    await page.waitForFunction(() => /직지를 열 수 없습니다 · Jikji could not start: this browser lacks DecompressionStream/
      .test(document.getElementById('jikji-progress')?.textContent));
    assert.equal(await page.evaluate(() => !!document.querySelector('input[type=search]')), false, 'no half-started app');
    // The reason is logged too (Firefox's driver reports a logged Error by its name only), and
    // nothing else went wrong.
    assert.ok(errors.length >= 1 && errors.every((e) => /^console: (Error$|.*lacks DecompressionStream)/.test(e)), errors.join('\n'));
    await context.close();
  });

  test('dist/ works from a sub-path over http', async () => {
    await withServer([DIST, '/archives/2022/'], async (server) => {
      const page = await browser.newPage();
      const errors = watchErrors(page);
      const foreign = watchRequests(page, server.url.replace(/\/archives\/2022\/$/, ''));
      await page.goto(server.url);
      const ids = await searchFor(page, '중관춘');
      assert.equal(ids[0], '002_6e567526448bfc06');
      assert.deepEqual(foreign, []);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });

  test('embedded in an intranet page under a strict Content-Security-Policy', async () => {
    // No 'unsafe-inline', no 'unsafe-eval': only 'wasm-unsafe-eval' for the wasm. Violations are
    // reported to the test server (with a sample of what was refused), in every engine.
    const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'report-sample'; style-src 'self' 'report-sample'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; ${CSP_REPORTING}`;
    const host = `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>사내 포털</title></head>
  <body><h1>사내 포털</h1><p>뉴스 아카이브</p>
  <iframe id="jikji" title="직지 뉴스 아카이브" src="/tools/jikji/index.html#/?q=%EC%A4%91%EA%B4%80%EC%B6%98%20" width="1000" height="700"></iframe>
  </body></html>`;
    await withServer([DIST, '/tools/jikji/', { headers: { 'content-security-policy': csp }, pages: { '/portal.html': host } }], async (server) => {
      const page = await browser.newPage();
      const errors = watchErrors(page);
      const violations = [];
      page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text()); });
      const foreign = watchRequests(page, server.url.replace(/\/tools\/jikji\/$/, ''));
      await page.goto(server.url.replace(/tools\/jikji\/$/, 'portal.html'));
      const frame = page.frameLocator('#jikji');
      await frame.locator('.result[data-article-id="002_6e567526448bfc06"]').waitFor({ timeout: 30000 });
      assert.equal(await page.title(), '사내 포털', 'the host page keeps its title');
      assert.equal(new URL(page.url()).hash, '', 'the host page keeps its URL');
      await server.settle();
      assert.deepEqual(violations, []);
      assert.deepEqual(cspViolations(server, engine), []);
      assert.deepEqual(foreign, []);
      assert.deepEqual(withoutHarnessCsp(errors, engine), []);
      await page.close();
    });
  });

  test('mounted into an element of a host page: options, language, scoped styles, the host untouched', async () => {
    const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'report-sample'; style-src 'self' 'report-sample'; img-src 'self' data:; object-src 'none'; base-uri 'none'; ${CSP_REPORTING}`;
    const host = `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><link rel="icon" href="data:,">
  <title>사내 포털</title><link rel="stylesheet" href="/portal.css"></head>
  <body><h1 class="portal">사내 포털</h1><p class="portal-text">오늘의 공지</p>
  <div id="jikji" data-query="중관춘" data-source="한경닷컴" data-lang="en"></div>
  <script type="module" src="/tools/jikji/embed.js"></script>
  </body></html>`;
    const portalCss = 'body { background: rgb(1, 2, 3); } .portal { color: rgb(200, 0, 0); } p { margin: 7px; }';
    await withServer([DIST, '/tools/jikji/', { headers: { 'content-security-policy': csp }, pages: { '/portal.html': host, '/portal.css': portalCss } }], async (server) => {
      const page = await browser.newPage();
      const errors = watchErrors(page);
      const foreign = watchRequests(page, server.url.replace(/\/tools\/jikji\/$/, ''));
      await page.goto(server.url.replace(/tools\/jikji\/$/, 'portal.html'));
      await page.waitForSelector('#jikji .result[data-article-id]', { timeout: 30000 });
      // The fixed source filter holds: only 한경닷컴's article, whatever is typed.
      assert.deepEqual(await page.$$eval('#jikji .result', (els) => els.map((e) => e.dataset.articleId)), ['002_6e567526448bfc06']);
      await page.fill('#jikji input[type=search]', '창업');
      await page.waitForFunction(() => document.querySelector('#jikji .count')?.textContent.includes('창업'));
      // The host asked for English: the app's element says so, the host page keeps its own language.
      assert.match(await page.textContent('#jikji .count'), /^1 result for ‘창업’$/);
      assert.equal(await page.getAttribute('#jikji', 'lang'), 'en');
      assert.equal(await page.getAttribute('html', 'lang'), 'ko');
      assert.deepEqual(await page.$$eval('#jikji .result', (els) => els.map((e) => e.dataset.articleId)), ['002_6e567526448bfc06']);
      // The app's own styles reach its text fields too (WebKit applies no @scope rule to an
      // <input>: the package step repeats those rules under .jikji-embed).
      assert.equal(await page.$eval('#jikji input[type=search]', (e) => getComputedStyle(e).borderTopLeftRadius), '10px');
      assert.equal(await page.$eval('#date-from', (e) => getComputedStyle(e).borderTopLeftRadius), '8px');
      await screenshot(page, 'embedded');
      await page.click('#jikji .result a');
      await page.waitForSelector('#jikji article[data-article-id]');
      // The host keeps its URL, title, head and styles; the app's styles do not reach the host.
      assert.equal(await page.evaluate(() => document.querySelectorAll('meta[name^="citation_"]').length), 0,
        'no citation tags in the host page\'s head');
      assert.equal(new URL(page.url()).hash, '');
      assert.equal(await page.title(), '사내 포털');
      assert.equal(await page.$eval('h1.portal', (e) => getComputedStyle(e).color), 'rgb(200, 0, 0)');
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(1, 2, 3)');
      assert.equal(await page.$eval('.portal-text', (e) => getComputedStyle(e).fontFamily.includes('Noto')), false);
      assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'no global names added');
      await page.click('#jikji button.back');
      await page.waitForSelector('#jikji .result');
      await server.settle();
      assert.deepEqual(cspViolations(server, engine), [], 'nothing refused by the strict policy');
      assert.deepEqual(foreign, []);
      assert.deepEqual(withoutHarnessCsp(errors, engine), []);
      await page.close();
    });
  });

  test('mounted where @scope is unknown: the app works unstyled, the host keeps its styles', async () => {
    // The three engines tested know @scope; an older one drops the whole scoped stylesheet. A
    // copy of the build whose style.embed.css says @no-scope is what such an engine sees.
    const dir = copyOfBuild('noscope');
    const cssFile = path.join(dir, 'style.embed.css');
    const css = fs.readFileSync(cssFile, 'utf8');
    assert.ok(css.startsWith('@scope (.jikji-embed) {'));
    fs.writeFileSync(cssFile, css.replace('@scope (.jikji-embed) {', '@no-scope (.jikji-embed) {'));
    const host = `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>사내 포털</title><link rel="stylesheet" href="/portal.css"></head>
<body><h1 class="portal">사내 포털</h1><div id="jikji" data-query="중관춘"></div>
<script type="module" src="/tools/jikji/embed.js"></script></body></html>`;
    const portalCss = 'body { background: rgb(1, 2, 3); } .portal { color: rgb(200, 0, 0); }';
    const server = await serve(dir, '/tools/jikji/', { pages: { '/portal.html': host, '/portal.css': portalCss } });
    try {
      const page = await browser.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url.replace(/tools\/jikji\/$/, 'portal.html'));
      await page.waitForSelector('#jikji .result[data-article-id="002_6e567526448bfc06"]', { timeout: 30000 });
      // Unstyled: the result is no card; the host's own rules hold.
      assert.equal(await page.$eval('#jikji .result-link', (e) => getComputedStyle(e).borderTopLeftRadius), '0px');
      assert.equal(await page.$eval('h1.portal', (e) => getComputedStyle(e).color), 'rgb(200, 0, 0)');
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(1, 2, 3)');
      // It still searches and reads.
      await page.fill('#jikji input[type=search]', '창업');
      await page.waitForFunction(() => document.querySelector('#jikji .count')?.textContent.includes('창업'));
      await page.click('#jikji .result a');
      await page.waitForSelector('#jikji article[data-article-id]');
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('article texts are fetched for the results shown, not the whole archive', async () => {
    // The core and the blocks in one folder, named by the index checksum, so a cached block of
    // an older build is never used; the text chunks beside it, each named by its content.
    assert.deepEqual(fs.readdirSync(path.join(DIST, 'texts')).sort(), ['chunks', path.basename(indexFolder(DIST))].sort());
    const files = fs.readdirSync(indexFolder(DIST));
    assert.ok(!files.some((f) => /^t\d+\.bin$/.test(f)), 'no chunk left in the build\'s folder');
    const chunks = fs.readdirSync(chunksFolder(DIST)).filter((f) => CHUNK_FILE.test(f)).length;
    assert.equal(chunks, fs.readdirSync(chunksFolder(DIST)).length, 'only chunks, each named by its content');
    const blocks = files.filter((f) => /^[psdl]\d+\.bin$/.test(f)).length;
    // The chunks' addresses (what names a chunk and vouches for it) are published as blocks
    // too, but a small archive's core holds them: none is fetched to show a result.
    const addressBlocks = files.filter((f) => /^a\d+\.bin$/.test(f)).length;
    assert.ok(addressBlocks >= 1, 'the chunks\' addresses in blocks');
    await withServer([DIST], async (server) => {
      const page = await browser.newPage();
      const errors = watchErrors(page);
      const fetched = new Set();
      const fetchedBlocks = new Set();
      const fetchedAddresses = new Set();
      page.on('request', (r) => {
        const m = r.url().match(/\/texts\/chunks\/([^/]+)$/);
        if (m) fetched.add(m[1]);
        const b = r.url().match(/\/texts\/[0-9a-f]{16}\/([psdl]\d+)\.bin$/);
        if (b) fetchedBlocks.add(b[1]);
        const a = r.url().match(/\/texts\/[0-9a-f]{16}\/(a\d+)\.bin$/);
        if (a) fetchedAddresses.add(a[1]);
      });
      // Opened on a query (the whole archive, newest first, would show 20 results).
      await page.goto(server.url + '#/?q=' + encodeURIComponent('중관춘'));
      await page.waitForSelector(RESULTS_SETTLED, { timeout: 30000 });
      const ids = await page.$$eval('.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
      assert.ok(ids.length >= 1 && ids.length < 29, `a query with a few results: ${ids}`);
      assert.ok(fetched.size >= 1 && fetched.size <= ids.length, `${fetched.size} text chunks fetched for ${ids.length} results`);
      assert.ok(fetched.size < chunks, `not all ${chunks} chunks`);
      // The blocks of the index the query reads, not all of them.
      assert.ok(fetchedBlocks.size >= 1 && fetchedBlocks.size < blocks, `${[...fetchedBlocks]} of ${blocks} blocks`);
      assert.deepEqual([...fetchedAddresses], [], 'the core names the chunks');
      const snippets = await page.$$eval('.result .snippet', (els) => els.map((e) => e.textContent));
      assert.equal(snippets.length, ids.length);
      for (const s of snippets) assert.ok(s.length > 20, `a snippet from the fetched text: ${s}`);
      await page.click('.result a');
      await page.waitForSelector('article[data-article-id]');
      assert.ok((await page.$$('article p')).length > 3);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });

  test('a large archive\'s chunk addresses are blocks, fetched before the texts; those that cannot be had are named in each article\'s place', async () => {
    // Above --core-addresses-max the core leaves the chunks' addresses to blocks (0 here, so
    // the seeds do).
    const dir = copyOfBuild('noaddresses');
    const root = path.resolve(import.meta.dirname, '../..');
    execFileSync(path.join(root, 'target/release/jikji'),
      ['package', '--dist', dir, '--corpus', path.join(root, 'corpus'), '--core-addresses-max', '0'], { cwd: root, stdio: 'pipe' });
    await withServer([dir], async (server) => {
      const page = await browser.newPage();
      const addresses = new Set();
      page.on('request', (r) => { const a = r.url().match(/\/(a\d+)\.bin$/); if (a) addresses.add(a[1]); });
      await page.goto(server.url + '#/?q=' + encodeURIComponent('화웨이'));
      await page.waitForSelector('.result .snippet', { timeout: 30000 });
      assert.deepEqual([...addresses], ['a0'], 'the block of the addresses of the chunks shown');
      await page.close();
    });
    const folder = indexFolder(dir);
    for (const f of fs.readdirSync(folder).filter((f) => /^a\d+\.bin$/.test(f))) fs.rmSync(path.join(folder, f));
    await withServer([dir], async (server) => {
      const page = await browser.newPage();
      const pageErrors = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(server.url + '#/?q=' + encodeURIComponent('화웨이'));
      await page.waitForFunction(() => /화웨이.*\d+건/.test(document.querySelector('.count')?.textContent ?? ''), null, { timeout: 30000 });
      await page.waitForSelector('.result-failed .text-error');
      const failed = await page.$$eval('.result-failed .text-error', (els) => els.map((e) => [e.textContent, e.title]));
      assert.ok(failed.length >= 2, `every result named: ${failed.length}`);
      for (const [text, reason] of failed) {
        assert.match(text, /이 기사를 불러오지 못했습니다/);
        assert.match(reason, /texts\/[0-9a-f]{16}\/a0\.bin: HTTP 404/);
      }
      assert.deepEqual(pageErrors, [], 'no panic');
      await page.close();
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('an article that cannot be fetched is named in its place; the count, search and filters go on', async () => {
    const dir = copyOfBuild('notexts');
    const folder = chunksFolder(dir);
    // An article's id, from its chunk, before the chunks go.
    const [first] = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(folder, fs.readdirSync(folder)[0]))));
    for (const f of fs.readdirSync(folder)) fs.rmSync(path.join(folder, f));
    const server = await serve(dir);
    try {
      const page = await browser.newPage();
      const pageErrors = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(server.url);
      await page.waitForSelector('input[type=search]', { timeout: 30000 });
      await page.locator('input[type=search]').fill('화웨이');
      await page.waitForFunction(() => /화웨이.*\d+건/.test(document.querySelector('.count')?.textContent ?? ''));
      await page.waitForSelector('.result-failed .text-error');
      const failed = await page.$$eval('.result-failed .text-error', (els) => els.map((e) => [e.textContent, e.title]));
      assert.ok(failed.length >= 2, `every result named: ${failed.length}`);
      for (const [text, reason] of failed) {
        assert.match(text, /이 기사를 불러오지 못했습니다/);
        assert.match(reason, /texts\/chunks\/t[0-9a-f]{8}-[0-9a-f]+\.bin: HTTP 404/);
      }
      assert.ok((await page.$$('.facet')).length >= 1, 'the filters are there');
      await page.goto(server.url + '#/article/' + encodeURIComponent(first.id));
      await page.waitForSelector('.reader .text-error');
      assert.match(await page.textContent('.reader .text-error'), /이 기사를 불러오지 못했습니다/);
      assert.match(await page.textContent('.reader .text-error'), /texts\/chunks\/t[0-9a-f]{8}-[0-9a-f]+\.bin: HTTP 404/);
      assert.deepEqual(pageErrors, [], 'no panic');
      await page.close();
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a block of the index that cannot be had is named on the page, never a partial count', async () => {
    const dir = copyOfBuild('noblocks');
    const folder = indexFolder(dir);
    const postings = fs.readdirSync(folder).filter((f) => /^p\d+\.bin$/.test(f));
    assert.ok(postings.length >= 2, `postings blocks: ${postings}`);
    // One block missing, the others damaged (one flipped byte each): in the compressed file
    // (it cannot be unpacked), or in the block itself, compressed again (its checksum fails).
    fs.rmSync(path.join(folder, postings[0]));
    for (const [n, f] of postings.slice(1).entries()) {
      const file = path.join(folder, f);
      const bytes = n % 2 ? fs.readFileSync(file) : zlib.gunzipSync(fs.readFileSync(file));
      bytes[bytes.length >> 1] ^= 0x20;
      fs.writeFileSync(file, n % 2 ? bytes : zlib.gzipSync(bytes));
    }
    const server = await serve(dir);
    try {
      const page = await browser.newPage();
      const pageErrors = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(server.url);
      await page.waitForSelector('input[type=search]', { timeout: 30000 });
      await page.locator('input[type=search]').fill('화웨이');
      await page.waitForSelector('.results [role=alert]', { timeout: 30000 });
      const alert = await page.textContent('.results [role=alert]');
      assert.match(alert, /색인 일부를 불러오지 못해/);
      assert.match(alert, /p\d+\.bin: (HTTP 404|index checksum mismatch|damaged)/, alert);
      assert.equal(await page.$$eval('.result', (els) => els.length), 0, 'no partial results');
      assert.doesNotMatch(await page.textContent('.count'), /\d+건/, 'no partial count');
      assert.deepEqual(pageErrors, [], 'no panic');
      await page.close();
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a corrupt index shows an error page, not a blank one', async () => {
    // Copy the build and flip one byte of the core of the index (past its header).
    const dir = copyOfBuild('corrupt');
    const folder = indexFolder(dir);
    const core = zlib.gunzipSync(fs.readFileSync(path.join(folder, 'core.bin')));
    assert.equal(core.subarray(0, 8).toString(), 'JIKJIIDX', 'the core is an index');
    core[4096] ^= 0x20;
    fs.writeFileSync(path.join(folder, 'core.bin'), zlib.gzipSync(core));
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
});
