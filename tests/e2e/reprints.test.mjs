// Reprints grouped and related articles (issue 30), on a build of the app on
// tests/fixtures/reprints (JIKJI_REPRINTS_DIST): seed articles and their reprints in other
// outlets. A story printed three times is one result that opens its versions, the count says
// how many stories and how many articles, the filter panel still counts articles; the reader
// links the other versions and lists related articles with the words they share, whose block
// is fetched when the reader shows it, not before the first result.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, forEachEngine, serve, launch, watchErrors, watchRequests, screenshot, RESULTS_SETTLED } from './harness.mjs';

forEachEngine((engine) => {
  const DIST = process.env.JIKJI_REPRINTS_DIST;
  const skip = !DIST && 'JIKJI_REPRINTS_DIST not set (./run test sets it)';
  let server, browser;
  before(async () => { if (DIST) { server = await serve(DIST); browser = await launch(engine); } });
  after(async () => { await browser?.close(); await server?.close(); });

  test('a reprinted story is one result that opens its versions; facets count articles', { skip }, async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const foreign = watchRequests(page, server.url.replace(/\/$/, ''));
    await page.goto(server.url + '#/?q=' + encodeURIComponent('화웨이 '));
    await page.waitForSelector(RESULTS_SETTLED);
    assert.equal((await page.$$('.result[data-article-id]')).length, 2, 'four articles, two stories');
    const count = await page.textContent('.count');
    assert.match(count, /4건/, `the count of articles: ${count}`);
    assert.match(count, /묶어 2건/, `the count of stories: ${count}`);
    const badge = await page.textContent('.versions-toggle');
    assert.match(badge, /같은 기사 3건 · 매체 3곳/, badge);
    // The related blocks are the reader's: none was fetched for the results.
    assert.ok(!(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/r\d+\.bin$/.test(e.name)))),
      'no related block before the reader');
    await page.click('.versions-toggle');
    await page.waitForSelector('.version-list li[data-article-id]');
    const versions = await page.$$eval('.version-list li', (items) => items.map((li) => li.dataset.articleId).sort());
    const shown = await page.$eval('.result:has(.versions) ', (li) => li.dataset.articleId);
    assert.deepEqual([shown, ...versions].sort(), ['01-chip-ban', '02-chip-ban-reprint', '03-chip-ban-cut']);
    const sourceCounts = await page.$$eval('.filters input[type="checkbox"]', (boxes) => boxes.length);
    assert.equal(sourceCounts, 4, 'the filter panel lists the four outlets of the four articles');
    await screenshot(page, 'reprints-grouped');
    await page.click('.version-list a');
    await page.waitForSelector('article[data-article-id]');
    assert.ok(versions.includes(await page.getAttribute('article', 'data-article-id')), 'a version opens');
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  });

  test('the reader links the other versions and lists related articles with their reason', { skip }, async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(server.url + '#/article/02-chip-ban-reprint');
    await page.waitForSelector('.versions-box li[data-article-id]');
    const versions = await page.$$eval('.versions-box li[data-article-id]', (items) => items.map((li) => li.dataset.articleId).sort());
    assert.deepEqual(versions, ['01-chip-ban', '03-chip-ban-cut']);
    assert.match(await page.textContent('.versions-box'), /첫 판/, 'the first version is named');
    await page.waitForSelector('.related-box li[data-article-id]');
    const related = await page.$$eval('.related-box li[data-article-id]', (items) => items.map((li) => li.dataset.articleId));
    assert.ok(related.includes('04-beijing-blockchain'), `the other article on 화웨이 is related: ${related}`);
    assert.ok(!related.some((id) => id.startsWith('0') && id.includes('chip-ban')), 'versions are not listed as related');
    const reason = await page.$eval('.related-box li[data-article-id="04-beijing-blockchain"] .related-reason', (e) => e.textContent);
    assert.match(reason, /같은 낱말: .*화웨이/, reason);
    assert.ok(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/r\d+\.bin$/.test(e.name))),
      'the related block was fetched for the reader');
    await page.evaluate(() => document.querySelector('.versions-box').scrollIntoView({ block: 'start' }));
    await screenshot(page, 'reader-versions-related');
    // Within a year: the 2019 article on 중관춘 is more than a year from this 2020 one.
    await page.goto(server.url + '#/article/06-kic-investment');
    await page.waitForSelector('.related-box li[data-article-id]');
    const all = await page.$$eval('.related-box li[data-article-id]', (items) => items.map((li) => li.dataset.articleId));
    await page.click('.related-near input');
    await page.waitForFunction(() => !document.querySelector('.related-box li[data-article-id="08-zhongguancun"]'));
    const near = await page.$$eval('.related-box li[data-article-id]', (items) => items.map((li) => li.dataset.articleId));
    assert.ok(all.includes('08-zhongguancun'), `the 2019 article is related at all: ${all}`);
    assert.ok(!near.includes('08-zhongguancun'), `not within a year: ${near}`);
    assert.deepEqual(errors, []);
  });
});
