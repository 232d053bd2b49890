// The explorer in a real browser: facets, timeline, dates, sort, the undated bucket, reader
// navigation, URL restore, keyboard, narrow screens, dark theme.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test, copyOfBuild, forEachEngine, serve, launch, watchErrors, screenshot, RESULTS_SETTLED, resultsWhole, openApp } from './harness.mjs';

forEachEngine((engine) => {
  let server, browser;
  before(async () => { server = await serve(); browser = await launch(engine); });
  after(async () => { await browser?.close(); await server?.close(); });

  const open = (hash = '', viewport = undefined, colorScheme = 'light') =>
    openApp(browser, server.url, { hash, viewport, colorScheme, results: true });

  const whole = resultsWhole;
  const ids = (page) => page.$$eval('.result[data-article-id]', (els) => els.map((e) => e.dataset.articleId));
  const count = async (page) => Number((await page.textContent('.count')).match(/(\d+)건/)[1]);
  async function settle(page, previous) {
    // (A count shown with the last whole results while blocks arrive is not the new one.)
    await page.waitForFunction(({ p, settled }) => document.querySelector('.count')?.textContent !== p
      && !document.querySelector('.results.stale') && document.querySelector(settled), { p: previous, settled: RESULTS_SETTLED });
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
    assert.match(decodeURIComponent(page.url()), /q=창업/, 'the query stays');
    // Other sources keep their counts (disjunctive facets) so a second can be added.
    assert.ok(await page.locator('[data-facet-source="36kr"]').count() === 1);
    await screenshot(page, 'filters');
    // The chip removes the filter.
    await page.click('.chip');
    await page.waitForFunction((n) => document.querySelector('.count').textContent.includes(`${n}건`), before);
    assert.deepEqual(errors, []);
  });

  test('a filter chosen right after typing keeps what was typed', async () => {
    const { page, errors } = await open();
    // The filter panel is redrawn a frame after the results: it must still report the new query.
    // (Its list is re-sorted by the typed query's counts once that query's blocks and articles
    // are in; the facet is clicked once they are, so the click cannot land on a moving list.)
    await page.fill('input[type=search]', '창업');
    await whole(page);
    await page.waitForFunction(() => document.querySelector('.count').textContent.includes('창업'));
    await page.locator('[data-facet-source="36kr"] input').check();
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('source=36kr'));
    const hash = decodeURIComponent(new URL(page.url()).hash);
    assert.match(hash, /q=창업/);
    await page.waitForFunction(() => document.querySelector('.count').textContent.includes('창업'));
    assert.deepEqual(errors, []);
  });

  test('timeline, date inputs, sort and the undated bucket', async () => {
    const { page, errors } = await open();
    assert.equal(await count(page), 29);
    let previous = await page.textContent('.count');
    await page.click('.histogram .bar[data-period="2022-12"]');
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
    await page.waitForSelector(RESULTS_SETTLED);
    const oldest = await ids(page);
    assert.ok(oldest[0].startsWith('003') && oldest.indexOf(oldest.find((i) => i.startsWith('004'))) > 0);
    // Back: the order and the control follow the URL again.
    await page.goBack();
    await page.waitForFunction(() => !location.hash.includes('sort='));
    await page.waitForFunction(() => document.querySelector('#sort').value === 'relevance');
    assert.deepEqual(errors, []);
  });

  test('date fields take a year, a month or a day as people write them, and say how they read it', async () => {
    const { page, errors } = await open();
    let previous = await page.textContent('.count');
    await page.fill('#date-from', '2020년 8월');
    await page.dispatchEvent('#date-from', 'change');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('from=2020-08'));
    await settle(page, previous);
    assert.equal(await page.inputValue('#date-from'), '2020-08', 'kept as the month it is');
    assert.equal((await page.textContent('#date-from-read')).trim(), '2020년 8월 1일부터');
    previous = await page.textContent('.count');
    await page.fill('#date-to', '2020. 8. 26.');
    await page.dispatchEvent('#date-to', 'change');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('to=2020-08-26'));
    await settle(page, previous);
    assert.equal((await page.textContent('#date-to-read')).trim(), '2020년 8월 26일까지');
    const inRange = await count(page);
    assert.ok(inRange >= 1 && inRange < 29, `${inRange}`);
    assert.ok((await ids(page)).every((id) => id.startsWith('003')), 'the August 2020 issue only');
    // Not a date: said so, in the field's place; the filter stays as it was.
    const before = decodeURIComponent(new URL(page.url()).hash);
    await page.fill('#date-from', '2020-13');
    await page.dispatchEvent('#date-from', 'change');
    await page.waitForSelector('#date-from-read.date-unread');
    assert.match(await page.textContent('#date-from-read'), /날짜로 읽을 수 없습니다: 2020-13/);
    assert.equal(await page.getAttribute('#date-from', 'aria-invalid'), 'true');
    assert.equal(decodeURIComponent(new URL(page.url()).hash), before);
    assert.equal(await count(page), inRange);
    // The English interface reads the same dates in English, not in the browser's locale.
    await page.click('.lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal((await page.textContent('#date-to-read')).trim(), 'to 26 August 2020');
    assert.match(await page.textContent('#date-from-read'), /^Not a date: 2020-13/);
    await page.fill('#date-from', '2020');
    await page.dispatchEvent('#date-from', 'change');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('from=2020&'));
    assert.equal((await page.textContent('#date-from-read')).trim(), 'from 1 January 2020');
    await screenshot(page, 'date-fields');
    assert.deepEqual(errors, []);
  });

  test('timeline brush: dragging across months sets a range, a click still picks one month', async () => {
    const { page, errors } = await open();
    await page.locator('.histogram').scrollIntoViewIfNeeded();
    const centre = async (month) => {
      const b = await page.locator(`.histogram .bar[data-period="${month}"] rect.hit`).boundingBox();
      return [b.x + b.width / 2, b.y + b.height / 2];
    };
    let [ax, ay] = await centre('2020-08');
    let [bx, by] = await centre('2020-09');
    let previous = await page.textContent('.count');
    await page.mouse.move(ax, ay);
    await page.mouse.down();
    await page.mouse.move(bx, by, { steps: 5 });
    // While dragging, the brushed months show as selected.
    await page.waitForFunction(() => document.querySelectorAll('.histogram .bar.selected').length === 2);
    await page.mouse.up();
    await settle(page, previous);
    const hash = decodeURIComponent(new URL(page.url()).hash);
    assert.match(hash, /from=2020-08/);
    assert.match(hash, /to=2020-09/);
    assert.equal(await count(page), 19, '15 articles of 2020-08 and 4 of 2020-09');

    // Dragging backwards gives the same range; a plain click then narrows it to one month.
    await page.goto(server.url + '#/');
    await whole(page);
    await page.locator('.histogram').scrollIntoViewIfNeeded();
    [ax, ay] = await centre('2020-08');
    [bx, by] = await centre('2020-09');
    previous = await page.textContent('.count');
    await page.mouse.move(bx, by);
    await page.mouse.down();
    await page.mouse.move(ax, ay, { steps: 5 });
    await page.mouse.up();
    await settle(page, previous);
    assert.equal(await count(page), 19);
    previous = await page.textContent('.count');
    await page.click('.histogram .bar[data-period="2020-09"]');
    await settle(page, previous);
    assert.equal(await count(page), 4);
    assert.deepEqual(errors, []);
  });

  test('more results: the page count is in the URL and survives opening an article and coming back', async () => {
    const { page, errors } = await open();
    assert.equal((await ids(page)).length, 20);
    await page.click('button.more');
    await page.waitForFunction(() => document.querySelectorAll('.result').length === 29);
    assert.match(page.url(), /pages=2/);
    const last = (await ids(page))[28];
    await page.locator(`.result[data-article-id="${last}"] a`).scrollIntoViewIfNeeded();
    const y = await page.evaluate(() => scrollY);
    assert.ok(y > 500, `scrolled down the list (${y})`);
    await page.click(`.result[data-article-id="${last}"] a`);
    await page.waitForSelector(`article[data-article-id="${last}"]`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('.result');
    assert.equal((await ids(page)).length, 29, 'back on the list, all the pages shown before');
    await page.waitForFunction((y) => Math.abs(scrollY - y) < 40, y);
    await page.reload();
    await page.waitForSelector('.result');
    assert.equal((await ids(page)).length, 29, 'a reload keeps them too');
    // A new query starts from the first page again.
    await page.fill('input[type=search]', '창업');
    await page.waitForFunction(() => !location.hash.includes('pages='));
    assert.deepEqual(errors, []);
  });

  test('English interface: the toggle switches every label, is remembered, and switches back', async () => {
    const { page, errors } = await open();
    assert.equal(await page.getAttribute('html', 'lang'), 'ko');
    await page.click('.lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal((await page.textContent('.count')).trim(), 'All 29 articles');
    assert.equal(await page.getAttribute('input[type=search]', 'placeholder'), 'Search — e.g. 화웨이, 중관춘, 창업');
    assert.match(await page.textContent('#sort'), /Newest first/);
    assert.match(await page.textContent('footer.footer'), /searched in your browser only/);
    assert.match(await page.textContent('button.undated'), /^Undated \(3\)$/);
    // The interface's own words carry no Korean (article text, sources and the examples aside).
    const hangul = /[\uAC00-\uD7A3]/;
    const chrome = await page.$$eval('.filter-title, .count, .dates label, .filters-button, footer.footer',
      (els) => els.map((e) => e.textContent));
    assert.ok(chrome.length > 5 && chrome.every((t) => !hangul.test(t)), chrome.join(' | '));

    // Remembered: a reload keeps English; the reader speaks it too.
    await page.reload();
    await whole(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await screenshot(page, 'english');
    await page.click('.result a');
    await page.waitForSelector('article[data-article-id]');
    assert.equal((await page.textContent('button.back')).trim(), '← All articles');
    assert.match(await page.textContent('.article-actions'), /Copy link/);
    await page.keyboard.press('Escape');
    await whole(page);
    await page.click('.lang-toggle');
    await page.waitForFunction(() => document.documentElement.lang === 'ko');
    assert.match(await page.textContent('.count'), /전체 기사 29건/);
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

  test('without light-dark() the themes come from the scheme and the toggle', async () => {
    // The three engines tested have light-dark(); an older one drops every colour written
    // with it. A copy of the build whose stylesheet names it no-light-dark() (in its @supports
    // test too) is what such an engine sees: the fallback colours must apply, both themes.
    const dir = copyOfBuild('nolightdark');
    const css = fs.readdirSync(dir).find((n) => /^style-.*\.css$/.test(n));
    const text = fs.readFileSync(path.join(dir, css), 'utf8');
    assert.ok(text.includes('@supports not (color: light-dark('), 'the stylesheet has its fallback');
    fs.writeFileSync(path.join(dir, css), text.replaceAll('light-dark(', 'no-light-dark('));
    const html = path.join(dir, 'index.html');
    fs.writeFileSync(html, fs.readFileSync(html, 'utf8').replace(/ integrity="[^"]*"/g, ''));
    const copy = await serve(dir);
    try {
      const bg = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const light = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: 'light' });
      const page = await light.newPage();
      const errors = watchErrors(page);
      await page.goto(copy.url);
      await page.waitForSelector('.result');
      assert.equal(await page.evaluate(() => CSS.supports('color', 'no-light-dark(#000, #fff)')), false);
      assert.equal(await bg(page), 'rgb(248, 246, 241)', 'the light colours');
      assert.equal(await page.$eval('.result-link', (e) => getComputedStyle(e).backgroundColor), 'rgb(255, 255, 255)');
      await page.click('.theme-toggle');
      assert.equal(await bg(page), 'rgb(22, 20, 15)', 'the toggle picks the dark colours');
      assert.deepEqual(errors, []);
      await light.close();
      const dark = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: 'dark' });
      const night = await dark.newPage();
      await night.goto(copy.url);
      await night.waitForSelector('.result');
      assert.equal(await bg(night), 'rgb(22, 20, 15)', "the system's dark scheme");
      await night.click('.theme-toggle');
      assert.equal(await bg(night), 'rgb(248, 246, 241)', 'the toggle picks the light colours');
      await dark.close();
    } finally {
      await copy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // Contrast audit: every piece of visible text against the background it is drawn on (the
  // first opaque one up the tree, translucent layers blended), in both themes, on the results
  // with highlights and a filter chip, the filter panel with a selection, and the reader.
  async function lowContrast(page) {
    return page.evaluate(() => {
      const parse = (c) => {
        let m = c.match(/^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)$/);
        if (m) return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
        m = c.match(/^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)$/);
        if (m) return [m[1] * 255, m[2] * 255, m[3] * 255, m[4] === undefined ? 1 : +m[4]];
        throw new Error(`colour format not understood: ${c}`);
      };
      const over = (top, under) => {
        const a = top[3];
        return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
      };
      const background = (el) => {
        const layers = [];
        for (let e = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c[3] > 0) layers.push(c);
          if (c[3] >= 1) break;
        }
        let colour = [255, 255, 255, 1];
        for (const layer of layers.reverse()) colour = over(layer, colour);
        return colour;
      };
      const luminance = ([r, g, b]) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const failures = [];
      let checked = 0;
      for (const el of document.querySelectorAll('body *')) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || el.closest('[disabled], .visually-hidden, svg, noscript')) continue;
        const style = getComputedStyle(el);
        const rect = el.getBoundingClientRect();
        if (style.visibility === 'hidden' || style.display === 'none' || rect.width === 0 || rect.height === 0) continue;
        const bg = background(el);
        const fg = over(parse(style.color), bg);
        const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        checked++;
        if (ratio < (large ? 3 : 4.5)) {
          failures.push(`${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
        }
      }
      return { checked, failures };
    });
  }

  test('contrast: all text meets WCAG AA in the light and the dark theme', async () => {
    for (const scheme of ['light', 'dark']) {
      const { page, errors } = await open('#/?q=' + encodeURIComponent('창업') + '&source=36kr', undefined, scheme);
      await page.waitForSelector('.result mark');
      const pages = [['results', await lowContrast(page)]];
      await page.click('.result a');
      await page.waitForSelector('article mark');
      await page.keyboard.press('n');
      pages.push(['reader', await lowContrast(page)]);
      await page.goto(server.url + '#/?undated=1');
      await page.waitForSelector('.result');
      pages.push(['undated', await lowContrast(page)]);
      for (const [name, { checked, failures }] of pages) {
        console.log(`contrast ${scheme} ${name}: ${checked} text elements, ${failures.length} below AA`);
        assert.ok(checked > 20, `${scheme} ${name}: only ${checked} elements checked`);
        assert.deepEqual(failures, [], `${scheme} ${name}`);
      }
      assert.deepEqual(errors, []);
    }
  });
});
