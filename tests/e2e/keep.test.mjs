// What a reader keeps (issue 29), in every engine: a saved search counts what a rebuild of the
// archive added ("새 기사 1건") and opens with it marked; an article opened is marked as read;
// everything kept exports as one file and imports into a browser that has nothing, and a
// hostile or broken file imports as text or not at all, losing nothing kept.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, forEachEngine, DIST, launch, watchErrors, screenshot, downloaded, RESULTS_SETTLED, withContext, withServer } from './harness.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A corpus folder: the seeds, plus one more file holding one new article on 화웨이. */
function seedsWithOneMoreFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-corpus-'));
  fs.cpSync(path.join(ROOT, 'corpus'), dir, { recursive: true });
  const article = {
    id: 'added-2026-12-01', title: '화웨이, 새 반도체 공장 착공', source: '테스트 통신', date: '2026-12-01',
    body: '화웨이가 선전에 새 반도체 공장을 짓기 시작했다고 1일 밝혔다. 공장은 2028년 가동을 목표로 한다.',
  };
  fs.writeFileSync(path.join(dir, 'added.jsonl'), JSON.stringify(article) + '\n');
  return { dir, id: article.id };
}

/** Builds the site in `site` again from `corpus`, under the seeds' archive id. */
function rebuild(site, corpus) {
  execFileSync(path.join(ROOT, 'target/release/jikji'),
    ['package', '--dist', site, '--corpus', corpus, '--archive-id', 'corpus'], { cwd: ROOT, stdio: 'pipe' });
}

/** Waits until the page's IndexedDB record of what it keeps (database `jikji`, store `kept`)
 * holds `text` (with `absent`, no longer holds it): a write the page has shown is done before
 * the test leaves the page. */
const storedIncludes = (page, text, { absent = false } = {}) => page.waitForFunction(({ wanted, absent }) => new Promise((resolve) => {
  const open = indexedDB.open('jikji', 1);
  // (The page opens it first, as it starts; were it not there yet, it is made as the page does.)
  open.onupgradeneeded = () => open.result.createObjectStore('kept');
  open.onsuccess = () => {
    try {
      const all = open.result.transaction('kept').objectStore('kept').getAll();
      all.onsuccess = () => { resolve(JSON.stringify(all.result).includes(wanted) !== absent); open.result.close(); };
      all.onerror = () => { resolve(false); open.result.close(); };
    } catch { resolve(false); open.result.close(); }
  };
  open.onerror = () => resolve(false);
}), { wanted: text, absent });

forEachEngine((engine) => {
  let browser;
  before(async () => { browser = await launch(engine); });
  after(async () => { await browser?.close(); });

  const ids = (page) => page.$$eval('.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
  async function results(page, query) {
    await page.waitForFunction(({ q, settled }) => document.querySelector('.count')?.textContent.includes(q)
      && document.querySelector(settled), { q: query, settled: RESULTS_SETTLED }, { timeout: 30000 });
  }
  /** The text of the file a button (`selector`) offers to download. */
  const exported = (page, selector = '.export-kept') => downloaded(page, selector);

  test('a saved search says what a rebuild added and marks it; read marks; export, import, a hostile file', async () => {
    const site = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-keep-'));
    fs.cpSync(DIST, site, { recursive: true });
    const corpus = seedsWithOneMoreFile();
    const files = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-kept-files-'));
    await withServer([site], async (server) => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      try {
        const page = await context.newPage();
        const errors = watchErrors(page);
        await page.goto(server.url + '#/?q=' + encodeURIComponent('화웨이 '));
        await results(page, '화웨이');
        const before = await ids(page);
        assert.equal(before.length, 3, `${before}`);

        // Save the search under its query.
        await page.click('.save-search');
        assert.equal(await page.inputValue('.save-name'), '화웨이');
        await page.click('.save-confirm');
        // Said saved once the browser has stored it (a moment after: "저장 중…").
        await page.waitForSelector('.saved-as:not(.storing)');
        assert.match(await page.textContent('.saved-as'), /저장한 검색: 화웨이/);

        // Open an article: it is read from now on.
        await page.click(`.result[data-article-id="${before[1]}"] a`);
        await page.waitForSelector(`article[data-article-id="${before[1]}"]`);
        await page.goBack();
        await results(page, '화웨이');
        await page.waitForSelector(`.result.read[data-article-id="${before[1]}"]`);
        assert.equal((await page.$$('.result.read')).length, 1);

        // The start page lists it, with nothing new.
        await page.goto(server.url + '#/');
        await page.waitForSelector('.saved-search .new-count:not(.counting)');
        assert.equal(await page.textContent('.saved-search .saved-link'), '화웨이');
        assert.equal(await page.textContent('.saved-search .new-count'), '새 기사 없음');

        // The archive is rebuilt with one more file; the same page, reloaded, counts it.
        rebuild(site, corpus.dir);
        await page.goto('about:blank');
        await page.goto(server.url + '#/');
        await page.waitForFunction(() => /새 기사 \d+건|새 기사 없음/.test(document.querySelector('.saved-search .new-count')?.textContent ?? ''), null, { timeout: 30000 });
        assert.equal(await page.textContent('.saved-search .new-count'), '새 기사 1건');
        await screenshot(page, 'saved-searches');

        // Opened from the list, the new article is marked; the one read still is.
        await page.click('.saved-search .saved-link');
        await results(page, '화웨이');
        assert.deepEqual(await page.$$eval('.result.fresh', (els) => els.map((e) => e.dataset.articleId)), [corpus.id]);
        assert.match(await page.textContent('.result.fresh .fresh-badge'), /새 기사/);
        await page.waitForSelector(`.result.read[data-article-id="${before[1]}"]`);
        assert.equal((await ids(page)).length, 4);
        await screenshot(page, 'saved-search-new');
        // Seen now: nothing new on the start page.
        await page.goto(server.url + '#/');
        await page.waitForFunction(() => document.querySelector('.saved-search .new-count')?.textContent === '새 기사 없음', null, { timeout: 30000 });

        // Export everything kept.
        const text = await exported(page);
        const file = JSON.parse(text);
        assert.equal(file.kind, 'jikji-kept');
        assert.equal(file.archive, 'corpus');
        assert.deepEqual(file.saved.map((s) => s.name), ['화웨이']);
        assert.equal(file.read.length, 1);
        const exportFile = path.join(files, 'kept.json');
        fs.writeFileSync(exportFile, text);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }

      // A browser that keeps nothing yet (a new context: its own storage) imports the file.
      const fresh = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      try {
        const page = await fresh.newPage();
        const errors = watchErrors(page);
        await page.goto(server.url + '#/?q=' + encodeURIComponent('반도체 '));
        await results(page, '반도체');
        // Save one of its own first: an import adds, it does not replace.
        await page.click('.save-search');
        await page.click('.save-confirm');
        await page.waitForSelector('.saved-as');
        await page.goto(server.url + '#/');
        await page.waitForSelector('.saved-search');
        await page.setInputFiles('.import-kept input', path.join(files, 'kept.json'));
        await page.waitForFunction(() => /가져왔습니다/.test(document.querySelector('.import-report')?.textContent ?? ''));
        assert.match(await page.textContent('.import-report'), /저장한 검색 1개, 읽은 기사 1건/);
        await page.waitForFunction(() => document.querySelectorAll('.saved-search').length === 2);

        // A hostile file: its names are text, its unknown parameters dropped; nothing runs and
        // nothing kept goes.
        const hostile = path.join(files, 'hostile.json');
        fs.writeFileSync(hostile, JSON.stringify({
          kind: 'jikji-kept', version: 1, archive: '<img src=x onerror="window.__owned=1">',
          saved: [{ name: '<img src=x onerror="window.__owned=1">', view: 'q=%3Cscript%3E&javascript:alert(1)=1', seen: [1], opened: 0 }],
          read: [],
        }));
        await page.setInputFiles('.import-kept input', hostile);
        await page.waitForFunction(() => document.querySelectorAll('.saved-search').length === 3);
        assert.match(await page.textContent('.import-report'), /다른 아카이브\(<img src=x onerror="window.__owned=1">\)/);
        const names = await page.$$eval('.saved-link', (els) => els.map((e) => e.textContent));
        assert.deepEqual(names, ['반도체', '화웨이', '<img src=x onerror="window.__owned=1">']);
        assert.equal(await page.evaluate(() => document.querySelectorAll('.saved-searches img').length), 0);
        // A broken file: said so, nothing changed.
        const broken = path.join(files, 'broken.json');
        fs.writeFileSync(broken, '{"kind": "jikji-kept", "version": 1, "saved": [');
        await page.setInputFiles('.import-kept input', broken);
        await page.waitForFunction(() => /가져오지 못했습니다/.test(document.querySelector('.import-report')?.textContent ?? ''));
        assert.equal((await page.$$('.saved-search')).length, 3);
        await page.waitForTimeout(300);
        assert.equal(await page.evaluate(() => window.__owned), undefined);
        await screenshot(page, 'saved-searches-imported');
        assert.deepEqual(errors, []);
      } finally {
        await fresh.close();
        for (const dir of [site, corpus.dir, files]) fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  // The single file, opened from file://: each engine keeps a local file's storage its own way
  // (Chromium one store for every local file, Firefox one per file); the page keeps saved
  // searches where the engine lets it, and says so where it does not.
  test('the single file from file:// keeps a saved search across a reload', async () => {
    const context = await browser.newContext({ offline: true, viewport: { width: 1100, height: 900 } });
    try {
      const page = await context.newPage();
      const errors = watchErrors(page);
      const file = 'file://' + path.join(DIST, 'jikji.html');
      await page.goto(file + '#/?q=' + encodeURIComponent('창업 '));
      await results(page, '창업');
      await page.click('.save-search');
      await page.click('.save-confirm');
      await page.waitForSelector('.saved-as');
      // The page writes what it keeps a moment after it shows it saved: leave once it is stored.
      await storedIncludes(page, '창업');
      await page.goto('about:blank');
      await page.goto(file + '#/');
      await page.waitForSelector('.saved-search .new-count:not(.counting)', { timeout: 30000 });
      assert.equal(await page.textContent('.saved-search .saved-link'), '창업');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  // Mounted into an element of a host page (embed.js): the app keeps what the reader saves in
  // the host's origin, under the archive's id, and finds it again after the host page reloads.
  test('mounted into a host page, a saved search is kept across a reload', async () => {
    const host = `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>사내 포털</title></head>
  <body><h1>사내 포털</h1><div id="jikji"></div><script type="module" src="/tools/jikji/embed.js"></script></body></html>`;
    await withServer([DIST, '/tools/jikji/', { pages: { '/portal.html': host } }], (server) =>
      withContext(browser, { viewport: { width: 1100, height: 900 } }, async ({ page }) => {
        const errors = watchErrors(page);
        const portal = server.url.replace(/tools\/jikji\/$/, 'portal.html');
        await page.goto(portal);
        await page.waitForSelector('#jikji input[type=search]', { timeout: 30000 });
        await page.fill('#jikji input[type=search]', '창업');
        await results(page, '창업');
        await page.click('#jikji .save-search');
        await page.click('#jikji .save-confirm');
        await page.waitForSelector('#jikji .saved-as');
        await storedIncludes(page, '창업');
        await page.goto('about:blank');
        await page.goto(portal);
        await page.waitForSelector('#jikji .saved-search .new-count:not(.counting)', { timeout: 30000 });
        assert.equal(await page.textContent('#jikji .saved-search .saved-link'), '창업');
        assert.equal(new URL(page.url()).hash, '', 'the host page keeps its URL');
        assert.deepEqual(errors, []);
      }));
  });

  // The page says a search is saved once the browser has committed it, not as it asks to:
  // here a transaction the test holds on the store keeps the page's write waiting, so the
  // moment between is long enough to see ("저장 중…", and leaving would ask first).
  test('a saved search says saving until the browser has stored it, then saved', async () => {
    await withServer([DIST], (server) => withContext(browser, { viewport: { width: 1100, height: 900 } }, async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(server.url + '#/?q=' + encodeURIComponent('창업 '));
      await results(page, '창업');
      await page.evaluate(() => new Promise((resolve, reject) => {
        const open = indexedDB.open('jikji', 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          // A read-write transaction kept alive by one read after another until released:
          // the page's own read-write transaction on the store waits behind it.
          const store = open.result.transaction('kept', 'readwrite').objectStore('kept');
          const hold = () => { if (!window.releaseStore) store.count().onsuccess = hold; };
          store.count().onsuccess = () => { resolve(); hold(); };
        };
      }));
      await page.click('.save-search');
      await page.click('.save-confirm');
      await page.waitForSelector('.saved-as');
      assert.match(await page.getAttribute('.saved-as', 'class'), /\bstoring\b/, 'not said saved while not stored');
      assert.match(await page.textContent('.saved-as'), /저장 중/);
      await page.evaluate(() => { window.releaseStore = true; });
      await page.waitForSelector('.saved-as:not(.storing)');
      assert.match(await page.textContent('.saved-as'), /저장한 검색: 창업/);
      await storedIncludes(page, '창업');
      assert.deepEqual(errors, []);
    }));
  });

  test('much kept in this browser only brings a reminder to export it, which the export takes away', async () => {
    await withServer([DIST], (server) => withContext(browser, { viewport: { width: 1100, height: 900 } }, async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(server.url + '#/?q=' + encodeURIComponent('창업 '));
      await results(page, '창업');
      const articles = (await ids(page)).slice(0, 4);
      assert.equal(articles.length, 4);
      for (const id of articles) {
        await page.goto(server.url + '#/article/' + encodeURIComponent(id));
        await page.waitForSelector(`article[data-article-id="${id}"] p`);
        await page.click('.clip-article');
        await page.waitForSelector('.clip-article[aria-pressed="true"]');
      }
      // Four things kept: no reminder yet.
      await page.goto(server.url + '#/');
      await page.waitForSelector('.export-kept');
      assert.equal((await page.$$('.export-reminder')).length, 0, 'four things: no reminder');
      // A saved search makes five.
      await page.goto(server.url + '#/?q=' + encodeURIComponent('화웨이 '));
      await results(page, '화웨이');
      await page.click('.save-search');
      await page.click('.save-confirm');
      await page.waitForSelector('.saved-as');
      await page.goto(server.url + '#/');
      await page.waitForSelector('.export-reminder');
      assert.match(await page.textContent('.export-reminder'), /저장한 검색·클리핑·메모 5건이 이 브라우저에만 있습니다/);
      await screenshot(page, 'export-reminder');
      // Exported: the reminder goes, and stays gone after a reload (what is kept says so).
      const file = JSON.parse(await exported(page));
      assert.equal(file.clips.length, 4);
      assert.equal(file.saved.length, 1);
      assert.equal(file.unexported, undefined, 'the count is not in the file');
      await page.waitForFunction(() => !document.querySelector('.export-reminder'));
      await storedIncludes(page, 'unexported', { absent: true });
      await page.reload();
      await page.waitForSelector('.saved-search'); // what is kept has been read
      assert.equal((await page.$$('.export-reminder')).length, 0, 'no reminder after the export');
      assert.deepEqual(errors, []);
    }));
  });

  test('clip an article and a passage, add a note, export as Markdown; imported elsewhere, they are back', async () => {
    await withServer([DIST], async (server) => {
      const files = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-clips-'));
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      let passage;
      try {
        const page = await context.newPage();
        const errors = watchErrors(page);
        await page.goto(server.url + '#/article/002_6e567526448bfc06');
        await page.waitForSelector('article[data-article-id] p');
        const title = (await page.textContent('article h1')).trim();
        await page.click('.clip-article');
        await page.waitForSelector('.clip-article[aria-pressed="true"]');
        // Nothing selected: the page says what to do.
        await page.click('.clip-passage');
        await page.waitForFunction(() => /먼저 기사 본문에서/.test(document.querySelector('.clip-said')?.textContent ?? ''));
        // Select the start of the second paragraph, as a reader's drag would.
        passage = await page.evaluate(() => {
          const p = document.querySelectorAll('article > p:not(.meta):not(.byline):not(.caption)')[1];
          const node = p.firstChild;
          const range = document.createRange();
          range.setStart(node, 0);
          range.setEnd(node, Math.min(40, node.textContent.length));
          const selection = getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          return selection.toString();
        });
        assert.ok(passage.length >= 10, passage);
        await page.click('.clip-passage');
        await page.waitForFunction(() => /스크랩했습니다/.test(document.querySelector('.clip-said')?.textContent ?? ''));
        await page.click('.clip-said a');
        await page.waitForSelector('.clippings .clip');
        assert.equal((await page.$$('.clip')).length, 2);
        assert.equal((await page.textContent('.clip blockquote')).trim(), passage.trim());
        assert.deepEqual(await page.$$eval('.clip-title', (els) => els.map((e) => e.textContent.trim())), [title, title]);
        // The note is kept a moment after typing stops.
        await page.fill('.clip:has(blockquote) textarea', '강의 자료로 쓸 것');
        await page.waitForFunction(async () => {
          const open = indexedDB.open('jikji');
          const db = await new Promise((r) => { open.onsuccess = () => r(open.result); });
          const get = db.transaction('kept').objectStore('kept').get('corpus');
          const value = await new Promise((r) => { get.onsuccess = () => r(get.result); });
          db.close();
          return typeof value === 'string' && value.includes('강의 자료로 쓸 것');
        }, null, { timeout: 10000 });
        await screenshot(page, 'clippings');
        const markdown = await exported(page, '.export-markdown');
        assert.ok(markdown.includes(`## ${title}`), markdown);
        assert.ok(markdown.includes(`> ${passage.trim().split('\n')[0]}`), markdown);
        assert.ok(markdown.includes('강의 자료로 쓸 것'), markdown);
        // In the export formats: each clipped article, its passage as its text.
        const clipsCsv = (await exported(page, '.export-clips-csv')).replace(/^\ufeff/, '');
        assert.ok(clipsCsv.startsWith('id,title,source,date,url,file,snippet\r\n'), clipsCsv.slice(0, 80));
        assert.ok(clipsCsv.includes(title), clipsCsv);
        const clipsRis = await exported(page, '.export-clips-ris');
        assert.equal(clipsRis.match(/^TY {2}- NEWS/gm).length, 2);
        assert.ok(clipsRis.includes(passage.trim().split('\n')[0].trim()), clipsRis);
        // The link goes back to the article.
        await page.click('.clip:has(blockquote) .clip-title');
        await page.waitForSelector('article[data-article-id="002_6e567526448bfc06"]');
        await page.goto(server.url + '#/');
        const text = await exported(page);
        fs.writeFileSync(path.join(files, 'kept.json'), text);
        assert.equal(JSON.parse(text).clips.length, 2);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
      // Storage cleared (another browser): import, and the clippings are back with the note.
      const fresh = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      try {
        const page = await fresh.newPage();
        await page.goto(server.url);
        // The footer leads to the clippings page, where a browser that keeps nothing imports.
        // (Clicked once the list above it is drawn: while it grows, the footer moves down.)
        await page.waitForSelector(RESULTS_SETTLED);
        await page.click('.footer-clippings');
        await page.waitForSelector('.clippings .empty');
        await page.setInputFiles('.import-kept input', path.join(files, 'kept.json'));
        await page.waitForFunction(() => /스크랩 2건/.test(document.querySelector('.import-report')?.textContent ?? ''));
        await page.waitForSelector('.clippings .clip');
        assert.equal((await page.$$('.clip')).length, 2);
        assert.equal(await page.inputValue('.clip:has(blockquote) textarea'), '강의 자료로 쓸 것');
        assert.equal((await page.textContent('.clip blockquote')).trim(), passage.trim());
      } finally {
        await fresh.close();
        fs.rmSync(files, { recursive: true, force: true });
      }
    });
  });
});
