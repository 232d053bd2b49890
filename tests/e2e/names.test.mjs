// Names, in a real browser: the archive's names are listed (fetched only when shown), found by
// any spelling, and each has a page whose count is the search's, with its months, outlets and
// the names most often in the same articles, each a link.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, forEachEngine, serve, launch, screenshot, resultsWhole, openApp } from './harness.mjs';

forEachEngine((engine) => {
  let server, browser;
  before(async () => { server = await serve(); browser = await launch(engine); });
  after(async () => { await browser?.close(); await server?.close(); });

  const open = (hash = '', { results = true } = {}) => openApp(browser, server.url, { hash, results });
  const fetched = (page, pattern) => page.evaluate((p) => performance.getEntriesByType('resource')
    .map((e) => e.name).filter((n) => new RegExp(p).test(n)), pattern);
  const number = (text) => Number(text.match(/(\d+)/)[1]);
  // A name's page's names most often with it: [name, articles naming both].
  const namesWith = (page) => page.$$eval('.name-with li', (els) => els.map((e) =>
    [e.getAttribute('data-name'), Number(e.querySelector('.name-count').textContent.match(/\d+/)[0])]));

  test('the names are fetched when shown, listed most named first, found by any spelling', async () => {
    const { page, errors } = await open();
    assert.deepEqual(await fetched(page, '/n\\d+\\.bin'), [], 'no names block before the names page');
    await page.click('.names-link');
    await page.waitForSelector('.names-list li');
    assert.ok((await fetched(page, '/n\\d+\\.bin')).length > 0, 'the names blocks are fetched for the page');
    const counts = await page.$$eval('.names-list li .name-count', (els) => els.map((e) => Number(e.textContent.match(/\d+/)[0])));
    assert.ok(counts.length > 20, `${counts.length} names`);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'most named first');
    assert.ok(number(await page.textContent('.names-intro')) >= counts.length, 'the intro counts every name');
    await screenshot(page, 'names');
    // 핀둬둬 is written 拼多多 too: the box finds it by its Hanzi.
    await page.fill('.names-filter', '拼多多');
    await page.waitForFunction(() => document.querySelectorAll('.names-list li').length === 1);
    assert.equal(await page.getAttribute('.names-list li', 'data-name'), '핀둬둬');
    assert.match(await page.textContent('.names-list li .name-spellings'), /拼多多/);
    assert.deepEqual(errors, []);
  });

  test("a name's page counts as search does, by month and outlet, and links the names with it", async () => {
    const { page: results } = await open('#/?q=' + encodeURIComponent('화웨이'));
    const searched = number(await results.textContent('.count'));
    const { page, errors } = await open('#/names', { results: false });
    await page.waitForSelector('.names-list li[data-name="화웨이"]');
    const listed = number(await page.textContent('.names-list li[data-name="화웨이"] .name-count'));
    await page.click('.names-list li[data-name="화웨이"] .name-link');
    await page.waitForSelector('.name-articles');
    assert.equal((await page.textContent('#names-title')).trim(), '화웨이');
    const total = number(await page.textContent('.name-articles'));
    assert.equal(total, searched, 'the page counts what the search finds');
    assert.equal(total, listed, 'and what the list says');
    // The months add up to the dated articles; the outlets to no more than the articles.
    await page.waitForSelector('.trend-chart .trend-point');
    const months = await page.$$eval('.trend-point', (els) => els.map((e) => Number(e.getAttribute('data-count'))));
    const dated = months.reduce((a, b) => a + b, 0);
    assert.ok(dated > 0 && dated <= total, `${dated} dated of ${total}`);
    const outlets = await page.$$eval('.name-outlets li .name-count', (els) => els.map((e) => Number(e.textContent)));
    assert.ok(outlets.length > 0 && outlets.every((n) => n >= 1 && n <= total), String(outlets));
    // The names most often with it: each count no more than its own, each a link to its page.
    const withs = await namesWith(page);
    assert.ok(withs.length > 0);
    assert.ok(withs.every(([, n]) => n >= 1 && n <= total), JSON.stringify(withs));
    await screenshot(page, 'name-page');
    const [other, both] = withs[0];
    await page.click('.name-with li:first-child .name-both');
    await resultsWhole(page);
    assert.equal(number(await page.textContent('.count')), both, `화웨이 ${other}: the articles naming both`);
    await page.goBack();
    await page.waitForSelector('.name-with li');
    await page.click('.name-with li:first-child .name-link');
    await page.waitForFunction((o) => document.querySelector('#names-title')?.textContent.trim() === o, other);
    // Counted both ways alike: 화웨이 is among its names with the same count, or every name
    // listed there is with it as often or more.
    const back = await namesWith(page);
    const mutual = back.find(([n]) => n === '화웨이');
    if (mutual) assert.equal(mutual[1], both);
    else assert.ok(back.every(([, n]) => n >= both), JSON.stringify(back));
    assert.deepEqual(errors, []);
  });
});
