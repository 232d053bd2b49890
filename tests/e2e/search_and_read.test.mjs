// The foundation's promise, in a real browser: type a query, see ranked results with
// highlighted snippets, open one, read it with the terms highlighted, go back to the same
// results; the query lives in the URL so reload and the back button work.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { test, forEachEngine, serve, launch, screenshot, RESULTS_SETTLED, openApp } from './harness.mjs';

forEachEngine((engine) => {
  let server, browser;
  before(async () => { server = await serve(); browser = await launch(engine); });
  after(async () => { await browser?.close(); await server?.close(); });

  const open = (hash = '') => openApp(browser, server.url, { hash, viewport: { width: 1100, height: 900 } });

  const resultIds = (page) =>
    page.$$eval('.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));

  test('empty query browses the whole archive', async () => {
    const { page, errors } = await open();
    await page.waitForSelector('.result[data-article-id]');
    assert.match(await page.textContent('.count'), /29건/, 'the seed corpus has 29 articles');
    assert.equal((await resultIds(page)).length, 20, 'the first page shows 20');
    await page.click('button.more');
    await page.waitForFunction(() => document.querySelectorAll('.result').length === 29);
    const ids = await resultIds(page);
    // Newest first: the 2022 newsletter's articles lead, undated columns come last.
    assert.match(ids[0], /^004_99558839a05c8b80-/);
    assert.match(ids[ids.length - 1], /^00[012]_/);
    assert.deepEqual(errors, []);
  });

  test('type 화웨이, read a hit, go back to the same results', async () => {
    const { page, errors } = await open();
    await page.waitForSelector('.result[data-article-id]');
    // Type the way a Korean user does: syllable by syllable.
    await page.locator('input[type=search]').pressSequentially('화웨이', { delay: 30 });
    await page.waitForFunction(() => document.querySelector('.count')?.textContent.includes('화웨이'));
    // Titles come with the index; the snippets once the texts of the results have arrived.
    await page.waitForSelector(RESULTS_SETTLED);

    const ids = await resultIds(page);
    assert.ok(ids.length >= 2, `expected several hits for 화웨이, got ${ids}`);
    assert.ok(ids.includes('003_f0ea3dc2add15f79-01'), 'the newsletter article on the Huawei chip ban');
    assert.ok(!ids.includes('001_c0e2c6cc898f512e'), 'article 001 never mentions 화웨이');
    // The snippet marks the query word as an element, not as markup in text.
    const marks = await page.$$eval('.result .snippet mark', (els) => els.map((e) => e.textContent));
    assert.ok(marks.length >= ids.length, `every snippet should highlight, got ${marks}`);
    for (const m of marks) assert.equal(m, '화웨이');
    // The URL follows the query, written just after its results are shown.
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('q=화웨이'), null, { timeout: 2000 });
    await screenshot(page, 'results');

    // Open the first hit.
    const first = ids[0];
    await page.click(`.result[data-article-id="${first}"] a`);
    const article = page.locator(`article[data-article-id="${first}"]`);
    await article.waitFor();
    const text = await article.textContent();
    assert.ok(text.includes('화웨이'), 'the article text contains the query');
    assert.ok(text.length > 800, `the reader shows the whole article, got ${text.length} chars`);
    const readerMarks = await page.$$eval('article mark', (els) => els.map((e) => e.textContent));
    assert.ok(readerMarks.length >= 1 && readerMarks.every((m) => m === '화웨이'), `reader marks: ${readerMarks}`);
    assert.match(await page.textContent('.match-count'), new RegExp(`${readerMarks.length}곳`));
    await screenshot(page, 'reader');

    // Back: the same results, the query still in the box.
    await page.goBack();
    await page.waitForSelector('.result[data-article-id]');
    assert.deepEqual(await resultIds(page), ids);
    assert.equal(await page.inputValue('input[type=search]'), '화웨이');

    // Reload restores the view from the URL.
    await page.reload();
    await page.waitForSelector('.result[data-article-id]');
    assert.deepEqual(await resultIds(page), ids);
    assert.equal(await page.inputValue('input[type=search]'), '화웨이');

    // Forward again, then the in-page back button.
    await page.goForward();
    await article.waitFor();
    await page.click('button.back');
    await page.waitForSelector('.result[data-article-id]');
    assert.deepEqual(await resultIds(page), ids);
    assert.deepEqual(errors, []);
  });

  test('a particle form is found by its noun, and no-match is said plainly', async () => {
    const { page, errors } = await open('#/?q=' + encodeURIComponent('중관춘'));
    await page.waitForSelector('.result[data-article-id]');
    const ids = await resultIds(page);
    assert.equal(ids[0], '002_6e567526448bfc06', 'the 중관춘 article ranks first (title match)');
    const titleMarks = await page.$$eval('.result:first-child .result-title mark', (els) => els.map((e) => e.textContent));
    assert.deepEqual(titleMarks, ['중관춘'], "'중관춘'은 highlights the noun only");

    await page.fill('input[type=search]', '중관춘 없는낱말');
    await page.waitForSelector('.empty');
    assert.match(await page.textContent('.count'), /0건/);
    assert.deepEqual(await resultIds(page), []);
    assert.deepEqual(errors, []);
  });

  test('Korean typing: partial syllables keep results, variants are offered or named', async () => {
    const { page, errors } = await open();
    await page.waitForSelector('.result[data-article-id]');
    const box = page.locator('input[type=search]');
    // What the IME shows on the way to 중관춘: the last syllable still incomplete.
    await box.pressSequentially('중관ㅊ', { delay: 30 });
    await page.waitForFunction(() => document.querySelector('.count')?.textContent.includes('중관ㅊ'));
    assert.ok((await resultIds(page)).includes('002_6e567526448bfc06'), '중관ㅊ keeps showing the 중관춘 article');
    // A spelling one letter off that the archive has too (in one article, inside two names):
    // the count is of it alone; the variant is offered with its own count, and one click (or
    // Enter on the button) adds it to the query, the URL with it.
    await box.fill('중관촌 ');
    await page.waitForSelector('.suggestion.offer');
    await page.waitForSelector(RESULTS_SETTLED);
    assert.match(await page.textContent('.count'), /‘중관촌’ 검색 결과 1건/);
    assert.deepEqual(await resultIds(page), ['004_99558839a05c8b80-07']);
    assert.equal(await page.textContent('.suggestion.offer'), '비슷한 낱말: 중관춘 3건 — 함께 보기');
    await screenshot(page, 'similar-words');
    await page.evaluate(() => document.querySelector('.suggestion .add-similar').focus());
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.count')?.textContent.includes('4건'));
    const both = await resultIds(page);
    assert.ok(both.includes('002_6e567526448bfc06') && both.includes('004_99558839a05c8b80-07'), `${both}`);
    assert.equal(await page.inputValue('input[type=search]'), '중관촌 | 중관춘 ');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('중관촌 | 중관춘'), null, { timeout: 2000 });
    assert.equal((await page.$$('.suggestion.offer')).length, 0, 'the offer taken is no longer offered');
    // A spelling the archive lacks altogether: its variant is searched in its place, and the
    // page says so.
    await box.fill('중관툰 ');
    await page.waitForFunction(() => document.querySelector('.count')?.textContent.includes('중관툰'));
    await page.waitForSelector('.suggestion');
    assert.match(await page.textContent('.suggestion'), /‘중관툰’ → 중관춘도 함께 보여 드립니다/);
    assert.ok((await resultIds(page)).includes('002_6e567526448bfc06'));
    // Initials only.
    await box.fill('ㅍㄷㄷ');
    await page.waitForFunction(() => document.querySelector('.count')?.textContent.includes('ㅍㄷㄷ'));
    assert.equal((await resultIds(page))[0], '003_f0ea3dc2add15f79-03');
    assert.deepEqual(errors, []);
  });

  // The app leaves Unicode normalization to the browser (String.prototype.normalize); the
  // index was normalized natively at build time. The two must agree.
  test('decomposed Hangul and full-width letters find what their usual forms find', async () => {
    const { page, errors } = await open();
    const box = page.locator('input[type=search]');
    const shown = async (query) => {
      // From the whole archive each time, so no query's count is taken for the next one's.
      await box.fill('');
      await page.waitForFunction(() => /29건/.test(document.querySelector('.count')?.textContent));
      await box.fill(query);
      await page.waitForFunction((q) => document.querySelector('.count')?.textContent.normalize('NFKC').includes(q.normalize('NFKC')), query);
      await page.waitForSelector(RESULTS_SETTLED);
      return { count: (await page.textContent('.count')).match(/[\d,]+건/)[0], ids: await resultIds(page) };
    };
    for (const [usual, other] of [['중관춘', '중관춘'.normalize('NFD')], ['AI', 'ＡＩ'], ['5G', '５Ｇ']]) {
      const expected = await shown(usual);
      assert.ok(expected.ids.length > 0, `${usual} finds articles in the seeds`);
      assert.deepEqual(await shown(other), expected, `${JSON.stringify(other)} finds what ${usual} finds`);
    }
    assert.deepEqual(errors, []);
  });

  test('an article link opens the reader directly', async () => {
    const { page, errors } = await open('#/article/002_6e567526448bfc06?q=' + encodeURIComponent('창업'));
    const article = page.locator('article[data-article-id="002_6e567526448bfc06"]');
    await article.waitFor();
    assert.match(await article.locator('h1').textContent(), /중관춘/);
    const marks = await page.$$eval('article mark', (els) => els.map((e) => e.textContent));
    assert.ok(marks.length >= 5 && marks.every((m) => m === '창업'), `marks: ${marks}`);
    // Without history to go back to, the back button goes to the results of the query.
    await page.click('button.back');
    await page.waitForSelector('.result[data-article-id="002_6e567526448bfc06"]');
    assert.deepEqual(errors, []);
  });
});
