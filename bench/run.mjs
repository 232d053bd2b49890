// Browser benchmarks: Jikji side by side with Pagefind 1.6 and MiniSearch 7, on the same
// articles, in the same headless Chromium, in the same run.
//
//   node bench/run.mjs [--corpora seeds,wikinews,gen-10k,gen-50k] [--runs 5] [--smoke]
//                      [--jikji-dist DIR]   (reuse a build of Jikji on the seeds)
//                      [--network office]   (an emulated 40 ms, 10 Mbit/s link)
//                      [--systems jikji,jikji-archive,pagefind,pagefind-ui,minisearch]
//                      (jikji-archive: the same site built with --transport archive)
//                      [--pagefind-limit SECONDS]  (default 3600) [--minisearch-max N]  (default 100000)
//                      [--prepare-only]     (only the corpora and the peers' input; see below)
//                      [--results NAME]     (write bench/NAME.json and .md; default results)
//                      [--reuse-index]      (Jikji's index of a corpus from an earlier run, not
//                      built and timed again: to compare two builds of the app, each given by
//                      --jikji-dist, on one large index)
//
// Corpora: seeds (corpus/), wikinews (../shared/corpus/wikinews), and generated ones: gen-N,
// gen-Nk, gen-Nm (gen-10k, gen-200k, gen-1m: `jikji generate --count N`, written once to
// bench/out/NAME/NAME.jsonl). The articles are read one at a time from JSON Lines (a generated
// corpus's file; for the others, what `jikji ingest --json` reads, written once beside it), in
// one pass that counts the raw text and writes Pagefind's pages and MiniSearch's articles.json:
// the node process's memory does not grow with the corpus (BENCHMARKS.md).
// Pagefind's build is stopped after --pagefind-limit and MiniSearch (which holds every article
// in the page) is left out above --minisearch-max articles; either is recorded, with the reason,
// in results.json (`leftOut`) and results.md.
//
// A million articles (`--corpora gen-1m`; BENCHMARKS.md, "The browser benchmark ready for a
// million"): about 30 GB free disk under bench/out/gen-1m (3.0 GB of JSON Lines; a million
// Pagefind pages, 4.6 GB on disk, and Pagefind's index; Jikji's index, 4.4 GB, its site, its
// single file's archive and the jikji-archive copy), 8 GB of memory for Jikji's index build,
// and hours on two cores: Jikji's index (`jikji index`, timed; about 8 minutes on two free cores,
// then split into a copy of the app by `jikji package --index`); Pagefind is stopped after an
// hour unless it finishes; MiniSearch is left out.
//
// For each corpus: index build time; bytes the browser downloads (raw and gzip, split into code
// and data; for Jikji also the article texts it fetched); start (navigation to the first query
// answered, cold, median of the runs); typing latency over Korean keystroke sequences typed
// three times (input to results rendered, p50 and p95 over every keystroke) with what each
// system finds; memory after loading and after 100 queries. Jikji shows a result's title,
// source and date from its index at once and its snippet when the article's text has arrived:
// its start and typing are timed to both (the peers' pages render results whole, so theirs are
// one figure). Writes bench/results.json and bench/results.md (the --smoke run:
// bench/out/results.*).
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import readline from 'node:readline';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

// The browser tests' node server, compressing as a host does (text types and wasm gzip, when
// the browser accepts it) and answering ranges (Jikji's --transport archive).
import { serveNode } from '../tests/e2e/harness/server.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'bench', 'out');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const SMOKE = args.includes('--smoke');
const RUNS = Number(arg('--runs', SMOKE ? 1 : 5));
const CORPORA = arg('--corpora', SMOKE ? 'seeds' : 'seeds,wikinews,gen-10k').split(',');
const JIKJI_DIST = arg('--jikji-dist', null);
const REUSE_INDEX = process.argv.includes('--reuse-index');
// `--network office`: every page on an emulated office link (40 ms latency, 10 Mbit/s down,
// 5 up; Chromium's network emulation), where round trips and bytes cost what they do on a
// real host. Default: localhost as it is.
const NETWORK = arg('--network', null);
// `--systems jikji,pagefind-ui`: measure only these (default: all four).
const SYSTEMS = arg('--systems', 'jikji,pagefind,pagefind-ui,minisearch').split(',');
// `--pagefind-limit S`: Pagefind's build of a corpus is stopped after S seconds (default an
// hour) and Pagefind left out of that corpus, with the reason in the results.
const PAGEFIND_LIMIT_S = Number(arg('--pagefind-limit', 3600));
// `--minisearch-max N`: MiniSearch's page holds every article and its index in the tab's memory;
// above N articles it is left out of the corpus, with the reason in the results. The default is
// twice the largest corpus it was measured on, kept under the JavaScript heap a Chromium tab may
// hold (BENCHMARKS.md, "The browser benchmark ready for a million").
const MINISEARCH_MAX = Number(arg('--minisearch-max', 100000));
// `--prepare-only`: only make the corpora and the peers' input (pages, articles.json) and count
// their text, as a run does first; nothing built, no browser, no results written.
const PREPARE_ONLY = args.includes('--prepare-only');
// `--results NAME`: write bench/NAME.json and NAME.md (default `results`, `results-<network>` on an
// emulated link), so that a run of one corpus leaves the committed results of the others.
const RESULTS = arg('--results', null);
const LINKS = { office: { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 } };
if (NETWORK && !LINKS[NETWORK]) throw new Error(`unknown --network ${NETWORK} (known: ${Object.keys(LINKS)})`);
const WIKINEWS = path.join(ROOT, '..', 'shared', 'corpus', 'wikinews', 'wikinews_ko.jsonl');

/** What a Korean user types, keystroke by keystroke (IME states included). */
const SEQUENCES = [
  ['ㅎ', '화', '환', '화웨', '화웨이'],
  ['ㅈ', '주', '중', '중ㄱ', '중과', '중관', '중관ㅊ', '중관추', '중관춘'],
  ['창', '창어', '창업'],
  ['중국', '중국 ', '중국 기', '중국 기업'],
  ['ㅈ', 'ㅈㄱ', 'ㅈㄱㅊ'],
];
const START_QUERY = '중관춘';
/** The sequences are typed this many times (p50 and p95 over every keystroke of every round). */
const TYPING_ROUNDS = SMOKE ? 1 : 3;

// The smoke run (CI) reuses the debug CLI the tests built; the full run uses a release one.
const PROFILE = SMOKE ? [] : ['--release'];
const jikji = (...a) => execFileSync('cargo', ['run', '-q', ...PROFILE, '-p', 'jikji-cli', '--', ...a], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 30 });
const time = (f) => { const t = process.hrtime.bigint(); f(); return Number(process.hrtime.bigint() - t) / 1e6; };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/** The number of articles a `gen-N`, `gen-Nk` or `gen-Nm` corpus names (gen-10k, gen-1m), or null. */
function generatedCount(name) {
  const m = /^gen-(\d+)([km]?)$/.exec(name);
  return m ? Number(m[1]) * { '': 1, k: 1e3, m: 1e6 }[m[2]] : null;
}

/**
 * The corpus as a file or folder Jikji ingests (`source`), and its articles as a JSON Lines
 * file (`jsonl`) that `articlesOf` streams: for a generated corpus the generator's file itself;
 * for the others (small) what `jikji ingest --json` reads, written once under bench/out.
 */
function prepareCorpus(name) {
  const dir = path.join(OUT, name);
  const count = generatedCount(name);
  if (name !== 'seeds' && name !== 'wikinews' && count == null) throw new Error(`unknown corpus ${name} (known: seeds, wikinews, gen-N, gen-Nk, gen-Nm)`);
  fs.mkdirSync(dir, { recursive: true });
  if (count != null) {
    const source = path.join(dir, `${name}.jsonl`);
    if (!fs.existsSync(source)) jikji('generate', '--count', String(count), '--out', source);
    return { name, dir, source, jsonl: source };
  }
  const source = name === 'seeds' ? path.join(ROOT, 'corpus') : WIKINEWS;
  if (!fs.existsSync(source)) return null;
  const jsonl = path.join(dir, 'articles.jsonl');
  const articles = JSON.parse(jikji('ingest', '--json', source).toString());
  fs.writeFileSync(jsonl, articles.map((a) => JSON.stringify(a) + '\n').join(''));
  return { name, dir, source, jsonl };
}

/** The articles of `corpus`, one at a time, read line by line from its JSON Lines file. */
async function* articlesOf(corpus) {
  const lines = readline.createInterface({ input: fs.createReadStream(corpus.jsonl), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line);
}

/**
 * Walks the articles once, handing each (with its number) to every sink's `add`, then calls
 * their `finish`: the corpus is never in memory whole.
 */
async function walkArticles(corpus, sinks) {
  let i = 0;
  for await (const article of articlesOf(corpus)) {
    for (const sink of sinks) await sink.add(article, i);
    i++;
  }
  for (const sink of sinks) await sink.finish?.();
  return i;
}

/** Counts the articles and their raw text (title and body: UTF-8 bytes, and gzip -9 of them
 * all, one after another with a newline between, compressed as a stream). */
function textTotals() {
  const totals = { articles: 0, rawText: 0, rawTextGzip: 0 };
  const gzip = zlib.createGzip({ level: 9 });
  gzip.on('data', (chunk) => { totals.rawTextGzip += chunk.length; });
  const write = async (text) => { if (!gzip.write(text)) await once(gzip, 'drain'); };
  return {
    totals,
    add: async (a, i) => {
      totals.articles++;
      totals.rawText += Buffer.byteLength(a.title + a.body);
      await write((i ? '\n' : '') + a.title + '\n' + a.body);
    },
    finish: async () => { gzip.end(); await once(gzip, 'end'); },
  };
}

function buildJikji(corpus) {
  const indexFile = path.join(corpus.dir, 'index.jikji');
  const reused = REUSE_INDEX && fs.existsSync(indexFile);
  if (reused) console.log(`${corpus.name}: Jikji's index reused from an earlier run (${indexFile}), not timed`);
  const build = reused ? null : time(() => jikji('index', '--corpus', corpus.source, '--out', indexFile));
  const site = path.join(corpus.dir, 'jikji');
  fs.rmSync(site, { recursive: true, force: true });
  fs.cpSync(jikjiApp(), site, { recursive: true });
  if (!(corpus.name === 'seeds' && JIKJI_DIST)) {
    // The index just timed, split into the copy of the app (its seeds' parts replaced).
    jikji('package', '--dist', site, '--index', indexFile);
  }
  return { build, page: 'jikji/index.html' };
}

/** A release build of the app (the same code for every archive): --jikji-dist if given, else
 * built once per run with `./run build` (on the seeds) into bench/out/app. */
let appDist = null;
function jikjiApp() {
  if (appDist) return appDist;
  appDist = JIKJI_DIST ?? path.join(OUT, 'app');
  if (!JIKJI_DIST) {
    execFileSync(path.join(ROOT, 'run'), ['build', '--out', appDist], { cwd: ROOT, stdio: 'inherit' });
  }
  return appDist;
}

/** The Jikji site of `corpus` (built first) with its index as one archive file read with
 * HTTP Range requests (`--transport archive`), from the same index. */
function buildJikjiArchive(corpus) {
  const site = path.join(corpus.dir, 'jikji-archive');
  fs.rmSync(site, { recursive: true, force: true });
  fs.cpSync(path.join(corpus.dir, 'jikji'), site, { recursive: true });
  jikji('package', '--dist', site, '--index', path.join(corpus.dir, 'index.jikji'), '--transport', 'archive');
  return { build: null, page: 'jikji-archive/index.html' };
}

/** The site Pagefind indexes: a page an article (a sink of `walkArticles`). */
function pagefindPages(corpus) {
  const site = path.join(corpus.dir, 'pagefind');
  fs.rmSync(site, { recursive: true, force: true });
  fs.mkdirSync(path.join(site, 'a'), { recursive: true });
  return {
    add: (a, i) => {
      const body = a.body.split('\n\n').map((p) => `<p>${esc(p)}</p>`).join('');
      fs.writeFileSync(path.join(site, 'a', `${i}.html`),
        `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>${esc(a.title)}</title></head>` +
        `<body><main data-pagefind-body><h1>${esc(a.title)}</h1><p>${esc(a.source)} ${esc(a.date)}</p>${body}</main></body></html>`);
    },
  };
}

/**
 * Runs `command` (and whatever it starts: its own process group) for at most `limitMs`; then
 * kills the group. Resolves to its wall time in ms, or null when it was stopped at the limit.
 */
function runWithin(command, args, limitMs) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: 'inherit', detached: true });
    let stopped = false;
    const timer = setTimeout(() => { stopped = true; process.kill(-child.pid, 'SIGKILL'); }, limitMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (stopped) resolve(null);
      else if (code === 0) resolve(Number(process.hrtime.bigint() - started) / 1e6);
      else reject(new Error(`${command} exited with ${code ?? signal}`));
    });
  });
}

/** Pagefind's index of the pages `pagefindPages` wrote, built within --pagefind-limit: the
 * build's time, or `skipped` (why) when it was stopped. */
async function buildPagefind(corpus) {
  const site = path.join(corpus.dir, 'pagefind');
  const bin = path.join(ROOT, 'bench', 'node_modules', '.bin', 'pagefind');
  const build = await runWithin(bin, ['--site', site, '--quiet'], PAGEFIND_LIMIT_S * 1000);
  if (build == null) {
    fs.rmSync(path.join(site, 'pagefind'), { recursive: true, force: true });
    return { skipped: `Pagefind's build was stopped after ${PAGEFIND_LIMIT_S} s (--pagefind-limit), unfinished` };
  }
  fs.writeFileSync(path.join(site, 'bench.html'), `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Pagefind</title></head><body>
<input type="search"><p class="count"></p><ol id="results"></ol>
<script type="module">
const pagefind = await import('./pagefind/pagefind.js');
await pagefind.init();
const list = document.getElementById('results');
window.benchSearch = async (q) => {
  const search = await pagefind.search(q);
  const shown = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  list.replaceChildren(...shown.map((d) => Object.assign(document.createElement('li'), { textContent: d.meta.title + ' — ' + d.excerpt.replace(/<[^>]+>/g, '') })));
  return search.results.length;
};
window.benchReady = true;
</script></body></html>`);
  // Pagefind as a site ships it: its default interface (pagefind-ui.js and .css, which wait
  // 300 ms after a keystroke before searching), driven by typing into it.
  fs.writeFileSync(path.join(site, 'ui.html'), `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Pagefind UI</title>
<link href="./pagefind/pagefind-ui.css" rel="stylesheet"><script src="./pagefind/pagefind-ui.js"></script></head><body>
<div id="search"></div>
<script>window.addEventListener('DOMContentLoaded', () => { new PagefindUI({ element: '#search', showSubResults: false }); });</script>
</body></html>`);
  return { build, page: 'pagefind/bench.html' };
}

/**
 * MiniSearch's page loads every article (articles.json, written here as the articles pass: the
 * bytes of `JSON.stringify` of them all) and indexes them in the page's memory.
 */
function miniSearchArticles(corpus) {
  const site = path.join(corpus.dir, 'minisearch');
  fs.mkdirSync(site, { recursive: true });
  const file = fs.openSync(path.join(site, 'articles.json'), 'w');
  return {
    add: (a, id) => { fs.writeSync(file, (id ? ',' : '[') + JSON.stringify({ id, title: a.title, body: a.body, source: a.source, date: a.date })); },
    finish: () => { fs.writeSync(file, fs.fstatSync(file).size ? ']' : '[]'); fs.closeSync(file); },
  };
}

function buildMiniSearch(corpus) {
  const site = path.join(corpus.dir, 'minisearch');
  fs.copyFileSync(path.join(ROOT, 'bench', 'node_modules', 'minisearch', 'dist', 'umd', 'index.js'), path.join(site, 'minisearch.js'));
  fs.writeFileSync(path.join(site, 'bench.html'), `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>MiniSearch</title></head><body>
<input type="search"><p class="count"></p><ol id="results"></ol>
<script src="minisearch.js"></script>
<script type="module">
const docs = await (await fetch('articles.json')).json();
const started = performance.now();
const index = new MiniSearch({ fields: ['title', 'body'], storeFields: ['title'], searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 3 } } });
index.addAll(docs);
window.benchBuildMs = performance.now() - started;
const list = document.getElementById('results');
window.benchSearch = async (q) => {
  const results = q.trim() ? index.search(q) : [];
  list.replaceChildren(...results.slice(0, 20).map((r) => Object.assign(document.createElement('li'), { textContent: r.title })));
  return results.length;
};
window.benchReady = true;
</script></body></html>`);
  return { build: null, page: 'minisearch/bench.html' };
}

/**
 * Drives Jikji's real search box: resolves when the result count for the query is shown and
 * the results rendered have their snippets (the article texts they need have arrived), as the
 * Pagefind page waits for its results' fragments. `benchShownAt` records when the results
 * (count, titles, sources, dates: all in the embedded index) were on screen.
 */
/** Types into Pagefind's default interface; resolves once its result titles are shown. */
const PAGEFIND_UI_DRIVER = () => {
  window.benchSearch = (q) => new Promise((resolve) => {
    const input = document.querySelector('.pagefind-ui__search-input');
    const done = () => {
      const message = document.querySelector('.pagefind-ui__message')?.textContent ?? '';
      const titles = document.querySelectorAll('.pagefind-ui__result-link');
      const count = Number((message.replace(/,/g, '').match(/\d+/) || [0])[0]);
      const answered = message.includes(q.trim()) && (count === 0 || titles.length > 0);
      if (answered) {
        if (window.benchShownAt == null) window.benchShownAt = performance.now();
        observer.disconnect();
        resolve(count);
      }
      return answered;
    };
    const observer = new MutationObserver(done);
    observer.observe(document.getElementById('search'), { subtree: true, childList: true, characterData: true });
    input.value = q;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    if (!q.trim()) { observer.disconnect(); resolve(0); } else done();
  });
  window.benchReady = true;
};

const JIKJI_DRIVER = () => {
  window.benchSearch = (q) => new Promise((resolve) => {
    const input = document.querySelector('input[type=search]');
    const done = () => {
      const text = document.querySelector('.count')?.textContent ?? '';
      const waiting = document.querySelector('.result-list[aria-busy="true"]');
      const shown = q.trim() && text.includes(`‘${q.trim()}’`);
      if (shown && window.benchShownAt == null) window.benchShownAt = performance.now();
      if (shown && !waiting) {
        observer.disconnect();
        resolve(Number((text.match(/(\d+)건/) || [0, 0])[1]));
        return true;
      }
      return false;
    };
    const observer = new MutationObserver(done);
    observer.observe(document.getElementById('jikji'), { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] });
    input.value = q;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    if (!q.trim()) { observer.disconnect(); resolve(0); } else done();
  });
  window.benchReady = true;
};

async function measure(browser, base, system, built, root) {
  const page = built.page;
  const open = async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    if (NETWORK) {
      const link = await context.newCDPSession(tab);
      await link.send('Network.enable');
      await link.send('Network.emulateNetworkConditions', LINKS[NETWORK]);
    }
    // Downloaded bytes are counted from the served files (response bodies of large wasm
    // streams are not always available to the driver).
    const responses = [];
    tab.on('response', (r) => responses.push({ url: r.url(), range: r.request().headers().range }));
    const t0 = Date.now();
    await tab.goto(base + page);
    if (system.startsWith('jikji')) {
      await tab.waitForSelector('input[type=search]', { timeout: 120000 });
      await tab.evaluate(JIKJI_DRIVER);
    }
    if (system === 'pagefind-ui') {
      await tab.waitForSelector('.pagefind-ui__search-input', { timeout: 120000 });
      await tab.evaluate(PAGEFIND_UI_DRIVER);
    }
    await tab.waitForFunction(() => window.benchReady, null, { timeout: 120000 });
    const hits = await tab.evaluate((q) => { window.benchShownAt = null; return window.benchSearch(q); }, START_QUERY);
    const [start, shown] = await tab.evaluate(() => [performance.now(), window.benchShownAt]);
    // What was fetched before the first results were on screen (code, index, blocks, texts).
    const firstResponses = responses.length;
    return { context, tab, responses, firstResponses, start, startShown: shown ?? start, hits, wall: Date.now() - t0 };
  };
  const starts = [];
  const startsShown = [];
  let session;
  for (let i = 0; i < RUNS; i++) {
    const s = await open();
    starts.push(s.start);
    startsShown.push(s.startShown);
    if (i < RUNS - 1) await s.context.close(); else session = s;
  }
  const { tab, responses } = session;
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('Performance.enable');
  const memory = async () => {
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const js = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
    const wasm = await tab.evaluate(() => globalThis.__jikji?.memory?.buffer.byteLength ?? 0);
    return Math.round((js + wasm) / 1e6 * 10) / 10;
  };
  const memLoaded = await memory();
  const typing = [];
  // The first round of typing may fetch blocks of the index; the later rounds type the same
  // keys with them already here.
  const firstRound = [];
  const laterRounds = [];
  const typingComplete = [];
  const found = {};
  const slowest = [];
  // Pagefind's interface waits 300 ms after each key: its typing says nothing more.
  for (let round = 0; round < (system === 'pagefind-ui' ? 0 : TYPING_ROUNDS); round++) {
    for (const sequence of SEQUENCES) {
      await tab.evaluate(() => window.benchSearch(''));
      for (const state of sequence) {
        // [shown, n, complete]: results on screen, hits, and with their snippets (the same for
        // the peers, whose pages render results whole).
        const t = await tab.evaluate(async (q) => {
          const t0 = performance.now();
          window.benchShownAt = null;
          const n = await window.benchSearch(q);
          const complete = performance.now() - t0;
          return [(window.benchShownAt ?? performance.now()) - t0, n, complete];
        }, state);
        typing.push(t[0]);
        (round === 0 ? firstRound : laterRounds).push(t[0]);
        typingComplete.push(t[2]);
        slowest.push([Math.round(t[0] * 10) / 10, state]);
        found[state] = t[1];
      }
    }
  }
  slowest.sort((a, b) => b[0] - a[0]);
  for (let i = 0; typing.length + i < 100; i++) await tab.evaluate((q) => window.benchSearch(q), i % 2 ? '창업' : '화웨이');
  const memAfter = await memory();
  const buildMs = system === 'minisearch' ? await tab.evaluate(() => window.benchBuildMs) : null;
  const fetched = bytesFetched(responses, base, root);
  const first = bytesFetched(responses.slice(0, session.firstResponses), base, root);
  const { code, data, texts, blocks } = fetched;
  await session.context.close();
  return { firstResultBytes: first.total, sessionBytes: fetched.total, blocks, texts, start: median(startsShown), startComplete: median(starts), starts: startsShown, startsComplete: starts, typingP50: pct(typing, 0.5), typingP95: pct(typing, 0.95), typingFirstRoundP95: pct(firstRound, 0.95), typingLaterRoundsP95: pct(laterRounds, 0.95), typingCompleteP50: pct(typingComplete, 0.5), typingCompleteP95: pct(typingComplete, 0.95), typingSlowest: slowest.slice(0, 8), found, memLoaded, memAfter, code, data, buildMs, firstHits: session.hits };
}

/**
 * The bytes (raw, gzip) of the files behind `responses`, by kind: code; data (the index, and
 * for Jikji the core of the index, the blocks and the article texts it fetched); of which
 * texts and blocks. Jikji's parts of the index are gzip-compressed files (`.bin`), sent as they are.
 */
function bytesFetched(responses, base, root) {
  let code = [0, 0], data = [0, 0], texts = [0, 0], blocks = [0, 0];
  const seen = new Set();
  for (const { url, range } of responses) {
    if (seen.has(`${url} ${range}`)) continue;
    seen.add(`${url} ${range}`);
    const file = path.join(root, decodeURIComponent(new URL(url).pathname));
    if (!url.startsWith(base) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) continue;
    if (range) {
      // A range of Jikji's archive file (its parts are gzip-compressed already).
      const [, from, to] = /^bytes=(\d+)-(\d+)$/.exec(range).map(Number);
      const length = Math.min(to + 1, fs.statSync(file).size) - from;
      data[0] += length; data[1] += length;
      continue;
    }
    const body = fs.readFileSync(file);
    // The second figure is what crosses the wire from a host that compresses its text types
    // and wasm (gzip -9); other files (blocks, Pagefind's compressed fragments) go as they are.
    const compressible = /\.(html|js|css|json|wasm)(\?|$)/.test(url);
    const sizes = [body.length, compressible ? zlib.gzipSync(body, { level: 9 }).length : body.length];
    const add = (target, [raw, gz]) => { target[0] += raw; target[1] += gz; };
    const isCode = /\.(js|css|html)(\?|$)/.test(url) || /\.wasm/.test(url) || /pagefind-entry/.test(url);
    add(isCode ? code : data, sizes);
    if (/\/texts\/([0-9a-f]{16}\/t\d+|chunks\/t[0-9a-f]{8}-[0-9a-f]+)\.bin$/.test(url)) add(texts, sizes);
    if (/\/texts\/[0-9a-f]{16}\/[psdl]\d+\.bin$/.test(url)) add(blocks, sizes);
  }
  return { code, data, texts, blocks, total: [code[0] + data[0], code[1] + data[1]] };
}

/**
 * One pass over the corpus's articles: their counts, and what the peers are built from
 * (Pagefind's pages, MiniSearch's articles.json) for the systems measured. The entry of
 * results.json, with the systems left out of this corpus and why (`leftOut`).
 */
async function prepareInputs(corpus) {
  const wanted = (s) => SYSTEMS.includes(s);
  const totals = textTotals();
  const sinks = [totals];
  if (wanted('pagefind') || wanted('pagefind-ui')) sinks.push(pagefindPages(corpus));
  const leftOut = {};
  // The generated corpora say their size up front; the others are small.
  const count = generatedCount(corpus.name);
  if (wanted('minisearch') && count > MINISEARCH_MAX) {
    leftOut.minisearch = `${count} articles, over --minisearch-max ${MINISEARCH_MAX}: its page holds them all and their index in the tab's memory`;
    fs.rmSync(path.join(corpus.dir, 'minisearch'), { recursive: true, force: true });
  } else if (wanted('minisearch')) sinks.push(miniSearchArticles(corpus));
  await walkArticles(corpus, sinks);
  return { ...totals.totals, leftOut, systems: {} };
}

const describe = (name, entry) => `${name}: ${entry.articles} articles, raw text ${kB(entry.rawText)} (gzip ${kB(entry.rawTextGzip)})${Object.entries(entry.leftOut).map(([s, why]) => `; ${s} left out: ${why}`).join('')}`;

const kB = (n) => `${(n / 1000).toFixed(0)} kB`;
const ms = (n) => (n == null ? '—' : `${n < 10 ? n.toFixed(1) : n.toFixed(0)} ms`);

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  if (PREPARE_ONLY) {
    for (const name of CORPORA) {
      const corpus = prepareCorpus(name);
      if (corpus) console.log(describe(name, await prepareInputs(corpus)));
    }
    return;
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc'],
  });
  const results = { date: new Date().toISOString(), runs: RUNS, network: NETWORK ? { name: NETWORK, ...LINKS[NETWORK] } : 'localhost', corpora: {} };
  for (const name of CORPORA) {
    const corpus = prepareCorpus(name);
    if (!corpus) { console.log(`${name}: not present, skipped`); continue; }
    const entry = await prepareInputs(corpus);
    console.log(describe(name, entry));
    const wanted = (s) => SYSTEMS.includes(s) && !entry.leftOut[s];
    const pagefind = wanted('pagefind') || wanted('pagefind-ui') ? await buildPagefind(corpus) : null;
    if (pagefind?.skipped) {
      for (const s of ['pagefind', 'pagefind-ui']) if (wanted(s)) entry.leftOut[s] = pagefind.skipped;
      console.log(`  pagefind: ${pagefind.skipped}`);
    }
    const all = {
      jikji: (wanted('jikji') || wanted('jikji-archive')) && buildJikji(corpus),
      'jikji-archive': wanted('jikji-archive') && buildJikjiArchive(corpus),
      pagefind: wanted('pagefind') && pagefind,
      'pagefind-ui': wanted('pagefind-ui') && { build: pagefind.build, page: 'pagefind/ui.html' },
      minisearch: wanted('minisearch') && buildMiniSearch(corpus),
    };
    const systems = Object.fromEntries(Object.entries(all).filter(([, built]) => built));
    const server = await serveNode(corpus.dir, '/', { compress: true, ranges: true, app: false });
    const base = server.url;
    for (const [system, built] of Object.entries(systems)) {
      const m = await measure(browser, base, system, built, corpus.dir);
      entry.systems[system] = { build: built.build ?? m.buildMs, ...m };
      console.log(`  ${system}: start ${ms(m.start)} (with snippets ${ms(m.startComplete)}), typing p50 ${ms(m.typingP50)} p95 ${ms(m.typingP95)} (first round ${ms(m.typingFirstRoundP95)}, later ${ms(m.typingLaterRoundsP95)}), with snippets ${ms(m.typingCompleteP50)} / ${ms(m.typingCompleteP95)} (slowest: ${m.typingSlowest.slice(0, 4).map(([t, q]) => `${q} ${t} ms`).join(', ')}), first results after ${kB(m.firstResultBytes[1])} gzip, session ${kB(m.sessionBytes[1])} gzip`);
    }
    await server.close();
    results.corpora[name] = entry;
  }
  await browser.close();
  // The smoke run (CI) writes beside its build output, so the committed full results stay; a
  // run on an emulated link writes its own files.
  const target = SMOKE ? OUT : path.join(ROOT, 'bench');
  const name = RESULTS ?? (NETWORK ? `results-${NETWORK}` : 'results');
  fs.writeFileSync(path.join(target, `${name}.json`), JSON.stringify(results, null, 1) + '\n');
  const link = NETWORK ? `, on an emulated ${NETWORK} link (${LINKS[NETWORK].latency} ms, ${LINKS[NETWORK].downloadThroughput * 8 / 1e6} Mbit/s)` : ', localhost';
  let md = `# Browser benchmark results\n\n${results.date}, headless Chromium${link}, ${RUNS} cold start(s) per system (median).\n`;
  for (const [name, c] of Object.entries(results.corpora)) {
    md += `\n## ${name}: ${c.articles} articles, raw text ${kB(c.rawText)} (gzip ${kB(c.rawTextGzip)})\n\n`;
    md += '| system | index build | first results after (gzip) | session: code (gzip) | session: data (gzip) | of which index blocks | of which article texts | start: results (with snippets) | typing p50 / p95: results | p95 first round / later rounds | with snippets | memory loaded → after 100 queries |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n';
    for (const [s, m] of Object.entries(c.systems)) {
      const part = (p) => (p && p[0] ? `${kB(p[0])} (${kB(p[1])})` : '—');
      md += `| ${s} | ${ms(m.build)} | ${part(m.firstResultBytes)} | ${kB(m.code[0])} (${kB(m.code[1])}) | ${kB(m.data[0])} (${kB(m.data[1])}) | ${part(m.blocks)} | ${part(m.texts)} | ${ms(m.start)} (${ms(m.startComplete)}) | ${ms(m.typingP50)} / ${ms(m.typingP95)} | ${ms(m.typingFirstRoundP95)} / ${ms(m.typingLaterRoundsP95)} | ${ms(m.typingCompleteP50)} / ${ms(m.typingCompleteP95)} | ${m.memLoaded} → ${m.memAfter} MB |\n`;
    }
    for (const [s, why] of Object.entries(c.leftOut)) md += `| ${s} | left out: ${why} |||||||||||\n`;
    if (!Object.keys(c.systems).length) continue;
    md += '\nSlowest keystrokes (ms, results shown): ' + Object.entries(c.systems).map(([s, m]) => `${s} ${m.typingSlowest.slice(0, 5).map(([t, q]) => `${q} ${t}`).join(', ')}`).join('; ') + '\n';
    md += '\nWhat each finds (hits) for the last state of each typing sequence, and on the way:\n\n| query | ' + Object.keys(c.systems).join(' | ') + ' |\n|---|' + Object.keys(c.systems).map(() => '---|').join('') + '\n';
    for (const q of SEQUENCES.flat().filter((q, i, a) => a.indexOf(q) === i)) {
      md += `| ${q} | ${Object.values(c.systems).map((m) => m.found[q] ?? "—").join(' | ')} |\n`;
    }
  }
  fs.writeFileSync(path.join(target, `${name}.md`), md);
  console.log(`wrote ${path.relative(ROOT, target)}/${name}.json and ${name}.md`);
}

main().catch((e) => { console.error(e); process.exit(1); });
