// The explorer in a real browser: facets, timeline, dates, sort, the undated bucket, reader
// navigation, URL restore, keyboard, narrow screens, dark theme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchErrors, screenshot } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(hash = '', viewport = { width: 1200, height: 900 }, colorScheme = 'light') {
  const context = await browser.newContext({ viewport, locale: 'ko-KR', colorScheme });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url + hash);
  await page.waitForSelector('input[type=search]');
  await page.waitForSelector('.count');
  return { page, errors };
}

const ids = (page) => page.$$eval('.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
const count = async (page) => Number((await page.textContent('.count')).match(/(\d+)건/)[1]);
async function settle(page, previous) {
  await page.waitForFunction((p) => document.querySelector('.count')?.textContent !== p, previous);
}

test('the source facet filters results and keeps its counts', async () => {
  const { page, errors } = await open('#/?q=' + encodeURIComponent('창업 '));
  const before = await count(page);
  const facet = page.locator('[data-facet-source="한국혁신센터(KIC)중국"]');
  assert.equal(Number(await facet.locator('.facet-count').textContent()), 2, 'two KIC articles mention 창업');
  const previous = await page.textContent('.count');
  await facet.locator('input').check();
  await settle(page, previous);
  assert.equal(await count(page), 2);
  assert.ok(before > 2);
  assert.match(decodeURIComponent(page.url()), /source=한국혁신센터\(KIC\)중국/);
  // Other sources keep their counts (disjunctive facets) so a second can be added.
  assert.ok(await page.locator('[data-facet-source="36kr"]').count() === 1);
  await screenshot(page, 'filters');
  // The chip removes the filter.
  await page.click('.chip');
  await page.waitForFunction((n) => document.querySelector('.count').textContent.includes(`${n}건`), before);
  assert.deepEqual(errors, []);
});

test('timeline, date inputs, sort and the undated bucket', async () => {
  const { page, errors } = await open();
  assert.equal(await count(page), 29);
  let previous = await page.textContent('.count');
  await page.click('.histogram .bar[data-month="2022-12"]');
  await settle(page, previous);
  assert.equal(await count(page), 7, 'the 2022-12 issue has 7 articles');
  assert.ok((await ids(page)).every((id) => id.startsWith('004')));

  previous = await page.textContent('.count');
  await page.fill('#date-from', '2020-08-26');
  await page.dispatchEvent('#date-from', 'change');
  await page.fill('#date-to', '2020-08-27');
  await page.dispatchEvent('#date-to', 'change');
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('to=2020-08-27'));
  await page.waitForFunction(() => !document.querySelector('.count').textContent.includes('7건'));
  const days = await ids(page);
  assert.ok(days.length >= 3 && days.every((id) => id.startsWith('003')), `${days}`);

  previous = await page.textContent('.count');
  await page.click('button.undated');
  await settle(page, previous);
  assert.equal(await count(page), 3);
  assert.deepEqual((await ids(page)).sort(), ['000_f764500f61ec45ef', '001_c0e2c6cc898f512e', '002_6e567526448bfc06']);

  // Sort: oldest first puts the 2020 newsletter before the 2022 one.
  await page.goto(server.url + '#/?q=' + encodeURIComponent('창업 '));
  await page.waitForSelector('.result');
  await page.selectOption('#sort', 'oldest');
  await page.waitForFunction(() => location.hash.includes('sort=oldest'));
  await page.waitForTimeout(100);
  const oldest = await ids(page);
  assert.ok(oldest[0].startsWith('003') && oldest.indexOf(oldest.find((i) => i.startsWith('004'))) > 0);
  assert.deepEqual(errors, []);
});

test('reader: match navigation, previous/next article, reload restores the view', async () => {
  const { page, errors } = await open('#/?q=' + encodeURIComponent('창업 '));
  const list = await ids(page);
  await page.click(`.result[data-article-id="${list[1]}"] a`);
  await page.waitForSelector(`article[data-article-id="${list[1]}"]`);
  const total = await page.$$eval('article mark', (m) => m.length);
  assert.ok(total >= 2);
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  assert.match(await page.textContent('.match-count'), new RegExp(`2/${total}`));
  assert.equal(await page.$$eval('article mark.current', (m) => m.length), 1);
  await page.keyboard.press('Shift+N');
  assert.match(await page.textContent('.match-count'), new RegExp(`1/${total}`));
  await screenshot(page, 'reader-matches');

  await page.click('button.nav-article.next');
  await page.waitForSelector(`article[data-article-id="${list[2]}"]`);
  await page.click('button.nav-article.previous');
  await page.waitForSelector(`article[data-article-id="${list[1]}"]`);

  await page.reload();
  await page.waitForSelector(`article[data-article-id="${list[1]}"]`);
  assert.equal(await page.inputValue('input[type=search]'), '창업 ');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.result');
  assert.deepEqual(errors, []);
});

test('keyboard: / focuses search, arrows and j/k move, Enter opens, Esc returns', async () => {
  const { page, errors } = await open('#/?q=' + encodeURIComponent('화웨이 '));
  await page.waitForSelector('.result');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('j');
  const focused = await page.evaluate(() => document.activeElement.closest('.result')?.dataset.articleId);
  const list = await ids(page);
  assert.equal(focused, list[1]);
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`article[data-article-id="${list[0]}"]`);
  await page.keyboard.press('Escape');
  await page.waitForSelector('.result');
  assert.deepEqual(errors, []);
});

test('phone width: filters in a drawer; dark theme', async () => {
  const { page, errors } = await open('#/?q=' + encodeURIComponent('중관춘 '), { width: 360, height: 740 });
  assert.equal(await page.isVisible('#filters'), false, 'filters start hidden on a phone');
  await page.click('.filters-button');
  assert.equal(await page.isVisible('#filters'), true);
  await screenshot(page, 'phone-filters');
  await page.click('.drawer-close');
  assert.equal(await page.isVisible('#filters'), false);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 360 px (overflow ${overflow})`);
  await screenshot(page, 'phone');

  const dark = await open('#/?q=' + encodeURIComponent('화웨이 '), { width: 1200, height: 900 }, 'dark');
  const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(22, 20, 15)', 'the system dark theme applies');
  await dark.page.click('.theme-toggle');
  assert.equal(await dark.page.evaluate(() => document.documentElement.dataset.theme), 'light');
  await dark.page.click('.theme-toggle');
  assert.equal(await dark.page.evaluate(() => localStorage.getItem('jikji-theme')), 'dark');
  await screenshot(dark.page, 'dark');
  assert.deepEqual(errors, []);
  assert.deepEqual(dark.errors, []);
});
