// Hostile article text — script tags, event handlers, javascript: links, entities, RTL
// overrides, zero-width characters — renders as inert text in results, snippets, the reader
// and the page title. Uses a build of the app on tests/fixtures/hostile (JIKJI_HOSTILE_DIST).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, forEachEngine, serve, launch, watchErrors, watchRequests, RESULTS_SETTLED } from './harness.mjs';

forEachEngine((engine) => {
  const DIST = process.env.JIKJI_HOSTILE_DIST;
  let server, browser;
  before(async () => { if (DIST) { server = await serve(DIST); browser = await launch(engine); } });
  after(async () => { await browser?.close(); await server?.close(); });

  test('hostile text stays text everywhere', { skip: !DIST && 'JIKJI_HOSTILE_DIST not set (./run test sets it)' }, async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const foreign = watchRequests(page, server.url.replace(/\/$/, ''));
    await page.goto(server.url + '#/?q=' + encodeURIComponent('악성 '));
    await page.waitForSelector('.result[data-article-id]');
    const title = await page.textContent('.result-title');
    assert.match(title, /<script>window\.__pwned = 1<\/script>/, 'markup in a title is shown as text');
    await page.waitForSelector(RESULTS_SETTLED);
    const snippet = await page.textContent('.snippet');
    assert.ok(snippet.includes('<'), 'markup in a snippet is shown as text');
    await page.click('.result a');
    await page.waitForSelector('article[data-article-id]');
    const body = await page.textContent('article');
    assert.ok(body.includes('<img src=x onerror="window.__pwned=4">'));
    assert.ok(body.includes('&lt;b&gt;'), 'entities are not decoded into markup');
    assert.ok(await page.title().then((t) => t.includes('<script>')), 'the page title shows the text');
    assert.equal(await page.$$eval('article script, article img, article iframe, article svg, article a[href^="javascript"]', (e) => e.length), 0);
    // Give any injected handler a chance to run, then check that none did.
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected script ran');
    assert.deepEqual(foreign, [], 'no request to another origin (the <img src=x> never loaded)');
    assert.deepEqual(errors, []);
  });
});
