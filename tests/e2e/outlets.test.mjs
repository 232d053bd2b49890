// One name per outlet and citations, in a real browser: the source facet counts an outlet
// under every spelling of its name (and says which), its filter takes them all; the reader
// carries citation meta tags for reference managers, the results COinS.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, forEachEngine, serve, launch, screenshot, resultsWhole, openApp } from './harness.mjs';

forEachEngine((engine) => {
  let server, browser;
  before(async () => { server = await serve(); browser = await launch(engine); });
  after(async () => { await browser?.close(); await server?.close(); });

  const open = (hash = '') => openApp(browser, server.url, { hash, results: true });
  const whole = resultsWhole;
  const count = async (page) => Number((await page.textContent('.count')).match(/(\d+)건/)[1]);

  test('an outlet is counted once under every spelling of its name, and filtered by all', async () => {
    const { page, errors } = await open();
    assert.equal(await count(page), 29);
    // The seeds write KIC China two ways: 한국혁신센터(KIC)중국 (3 articles) and
    // 글로벌혁신센터(KIC 중국) (1); the name in parentheses makes them one outlet.
    const selector = '[data-facet-source="한국혁신센터(KIC)중국"]';
    await page.waitForSelector(selector);
    const total = Number(await page.textContent(`${selector} .facet-count`));
    const listed = await page.getAttribute(selector, 'title');
    const spellings = [...listed.matchAll(/([^:·]+?) (\d+)건/g)].map((m) => [m[1].trim(), Number(m[2])]);
    assert.deepEqual(spellings.map(([s]) => s).sort(), ['글로벌혁신센터(KIC 중국)', '한국혁신센터(KIC)중국'], listed);
    assert.equal(total, spellings.reduce((sum, [, n]) => sum + n, 0), 'the outlet counts the sum of its spellings');
    assert.equal(total, 4);
    assert.match(await page.textContent(`${selector} .facet-spellings`), /표기 2가지/);
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-facet-source="글로벌혁신센터(KIC 중국)"]').length), 0,
      'the other spelling is not an outlet of its own');
    const previous = await page.textContent('.count');
    await page.locator(`${selector} input`).check();
    await page.waitForFunction((p) => document.querySelector('.count')?.textContent !== p
      && !document.querySelector('.results.stale'), previous);
    await whole(page);
    assert.equal(await count(page), total, 'the filter takes every spelling');
    const sources = await page.$$eval('.result .meta', (els) => els.map((e) => e.textContent));
    assert.equal(sources.length, total);
    for (const meta of sources) {
      assert.ok(spellings.some(([s]) => meta.includes(s)), `${meta} is one of the spellings`);
    }
    await screenshot(page, 'outlet-spellings');
    assert.deepEqual(errors, []);
  });

  test('the reader carries citation meta tags, the results COinS', async () => {
    const { page, errors } = await open('#/?q=' + encodeURIComponent('중관춘 '));
    const coins = await page.$$eval('.result .Z3988', (els) => els.map((e) => e.getAttribute('title')));
    assert.ok(coins.length > 0);
    for (const title of coins) {
      const fields = new URLSearchParams(title);
      assert.equal(fields.get('ctx_ver'), 'Z39.88-2004');
      assert.ok(fields.get('rft.atitle')?.length > 0, title);
    }
    const first = new URLSearchParams(coins[0]);
    await page.click('.result-link');
    await page.waitForSelector('.reader h1, article h1');
    await page.waitForFunction(() => document.querySelector('meta[name="citation_title"]'));
    const meta = (name) => page.evaluate((n) => document.querySelector(`meta[name="${n}"]`)?.getAttribute('content') ?? null, name);
    const heading = (await page.evaluate(() => document.querySelector('h1').textContent)).trim();
    assert.equal(await meta('citation_title'), heading);
    assert.equal(await meta('citation_title'), first.get('rft.atitle'), 'the reader and its result cite the same title');
    assert.equal(await meta('citation_publisher'), first.get('rft.jtitle'));
    assert.equal(await meta('citation_language'), 'ko');
    if (first.get('rft.date')) {
      assert.equal(await meta('citation_publication_date'), first.get('rft.date').replaceAll('-', '/'));
    }
    // Back in the results, the tags of the article are gone.
    await page.goBack();
    await page.waitForFunction(() => !document.querySelector('meta[name="citation_title"]'));
    assert.deepEqual(errors, []);
  });
});
