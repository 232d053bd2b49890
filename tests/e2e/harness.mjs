// Shared by the browser tests: serves the built app (dist/) over http on a free port, and
// starts the three browser engines the way they work on a closed network, behind one small
// page API (Playwright's, the part the tests use):
//
//   chromium  Debian's Chromium, driven by playwright-core (CDP)
//   firefox   Debian's Firefox ESR, driven by playwright-core over WebDriver BiDi
//   webkit    WebKitGTK's MiniBrowser, driven by selenium-webdriver through WebKitWebDriver
//             (classic W3C WebDriver: no page events, so the harness makes its own — see
//             WebKitPage)
//
// Each test file runs all its tests once per engine (`forEachEngine`); JIKJI_ENGINES picks
// some (e.g. JIKJI_ENGINES=firefox,webkit).
//
// Two servers. The site is served as a host serves it, by Debian's nginx (`serve`, which starts
// one of its own per call: its config and prefix in a temporary folder, a free port, no root
// needed), so compression, MIME types, ranges and caching headers are a real server's. A test
// that must alter responses — add headers (a Content-Security-Policy), serve a host page beside
// the app, collect CSP reports, slow a response down — gets the small node server instead
// (`serveNode`; `serve` hands such options to it): the embedding tests under a strict policy,
// and the screenshot of the offline control while it saves. A test that damages files (a
// missing text, a corrupt index) alters a copy of the build and serves it with nginx.
import http from 'node:http';
import net from 'node:net';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn, spawnSync } from 'node:child_process';
import { describe } from 'node:test';
import { chromium, firefox } from 'playwright-core';
import { Builder, By, Key, Origin, Button } from 'selenium-webdriver';

export const DIST = process.env.JIKJI_DIST || path.resolve(import.meta.dirname, '../../dist');
export const SCREENSHOTS = process.env.JIKJI_SCREENSHOTS || '';

/** A copy of the build in a new temporary folder named after `what` (for a test that alters
 * a file of it); returns the folder. */
export function copyOfBuild(what) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `jikji-${what}-`));
  fs.cpSync(DIST, dir, { recursive: true });
  return dir;
}

/** The folder of a build's index (`texts/<id>/`: its core and blocks). */
export function indexFolder(dist) {
  const ids = fs.readdirSync(path.join(dist, 'texts')).filter((f) => /^[0-9a-f]{16}$/.test(f));
  if (ids.length !== 1) throw new Error(`${dist}/texts: ${ids.length} index folders`);
  return path.join(dist, 'texts', ids[0]);
}

/** The folder of a build's text chunks, each named by its content (`texts/chunks/`). */
export const chunksFolder = (dist) => path.join(dist, 'texts', 'chunks');

/** A text chunk's file name where the files transport publishes it (`t<checksum>-<length>.bin`). */
export const CHUNK_FILE = /^t[0-9a-f]{8}-[0-9a-f]+\.bin$/;

export const ALL_ENGINES = ['chromium', 'firefox', 'webkit'];
export const ENGINES = (process.env.JIKJI_ENGINES || ALL_ENGINES.join(','))
  .split(',').map((e) => e.trim()).filter(Boolean);
for (const e of ENGINES) if (!ALL_ENGINES.includes(e)) throw new Error(`unknown engine ${e} (JIKJI_ENGINES)`);

/** Runs `body(engine)` inside a describe block named after each engine, one after another. */
export function forEachEngine(body) {
  for (const engine of ENGINES) describe(engine, () => body(engine));
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves `root` under the URL path `prefix`: with nginx (`serveNginx`), or, when the test alters
 * responses (`headers`, `pages`, `delay`), with the node server (`serveNode`). Both resolve to
 * { url, close, log, cspReports, settle }.
 */
export async function serve(root = DIST, prefix = '/', options = {}) {
  const alters = ['headers', 'pages', 'delay'].some((k) => options[k] !== undefined);
  return alters ? serveNode(root, prefix, options) : serveNginx(root, prefix, options);
}

const NGINX = process.env.NGINX || '/usr/sbin/nginx';

/** This machine's first address that is not loopback (a page there is no secure context). */
export function lanAddress() {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list || []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

/**
 * Serves `root` under `prefix` with an nginx of its own (Debian's package, `./run test` installs
 * it), on `host` (default 127.0.0.1) and a free port, its config, logs, pid and temporary
 * folders in a new temporary folder. Resolves to { url, close, log, ... }; `close` stops it
 * (fast shutdown: the port refuses connections at once — what the offline tests call going
 * offline).
 *
 * The http block is Debian's default nginx.conf, less its SSL lines and includes: in
 * particular `gzip on` with nothing else, so `gzip_types` keeps its default, text/html only.
 * That means index.html (and jikji.html) go compressed, while .js, .css, .json (the texts),
 * .wasm and the blocks (.bin) go as they are, with no Content-Encoding: the wasm travels at its
 * full size (a host that wants it smaller adds application/wasm to gzip_types), and a block
 * could be read with a Range request (a compressed response has no byte ranges). MIME types
 * are Debian's mime.types: application/wasm for .wasm (needed by instantiateStreaming),
 * application/json for .json, application/octet-stream for .bin.
 */
export async function serveNginx(root = DIST, prefix = '/', { host = '127.0.0.1' } = {}) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`no built app in ${root}: run ./run build first`);
  }
  if (!fs.existsSync(NGINX)) throw new Error(`no nginx at ${NGINX}: ./run test installs Debian's nginx (apt-get install nginx)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-nginx-'));
  const port = await freePort(host);
  const absolute = path.resolve(root);
  const user = process.getuid?.() === 0 ? 'user root root;\n' : '';
  const conf = `# Written by tests/e2e/harness.mjs for one test; removed when it stops.
${user}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 768; }
http {
  sendfile on;
  tcp_nopush on;
  types_hash_max_size 2048;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  log_format jikji '$request_method $uri $status $body_bytes_sent';
  access_log ${dir}/access.log jikji;
  gzip on;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen ${host}:${port};
    location ${prefix} {
      alias ${absolute}/;
      index index.html;
    }
  }
}
`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const check = spawnSync(NGINX, ['-t', '-q', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx refused its config: ${check.stderr}`);
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await waitForPort(port, 10000, host);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`nginx did not start: ${stderr || e.message}`);
  }
  let stopped = false;
  const url = `http://${host}:${port}${prefix}`;
  return {
    url,
    host,
    port,
    cspReports: [],
    async settle() {},
    /** What nginx answered: { method, path, status, bytes }, from its access log. */
    get log() {
      const text = fs.existsSync(path.join(dir, 'access.log')) ? fs.readFileSync(path.join(dir, 'access.log'), 'utf8') : '';
      return text.split('\n').filter(Boolean).map((line) => {
        const [method, p, status, bytes] = line.split(' ');
        return { method, path: p, status: Number(status), bytes: Number(bytes) };
      });
    },
    async close() {
      if (!stopped) {
        stopped = true;
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Serves `root` on 127.0.0.1 under the URL path `prefix` with a small node server that can
 * alter responses; resolves to { url, close, log, cspReports, settle }. `headers` are added to
 * every response; `pages` maps extra paths to HTML served as is; `delay(path)` is how many ms
 * to hold a response back. `log` lists every request the server answered ({ method, path,
 * status }), whatever the engine; a policy with `report-uri /__csp` has its violation reports
 * collected in `cspReports` (the browser's own words, in every engine).
 */
export async function serveNode(root = DIST, prefix = '/', { headers = {}, pages = {}, delay = () => 0 } = {}) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`no built app in ${root}: run ./run build first`);
  }
  const log = [];
  const cspReports = [];
  let lastReport = 0;
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const answer = (status, type, body, extra = {}) => {
      log.push({ method: req.method, path: urlPath, status });
      res.writeHead(status, { ...(type ? { 'content-type': type } : {}), ...extra }).end(body);
    };
    if (urlPath === '/__csp' && req.method === 'POST') {
      let body = '';
      req.on('data', (d) => { body += d; });
      req.on('end', () => {
        try {
          const report = JSON.parse(body);
          cspReports.push(report['csp-report'] || report.body || report);
        } catch { cspReports.push({ unparsed: body }); }
        lastReport = Date.now();
        answer(204);
      });
      return;
    }
    if (pages[urlPath]) { answer(200, TYPES[path.extname(urlPath)] || TYPES['.html'], pages[urlPath], headers); return; }
    if (!urlPath.startsWith(prefix)) { answer(404, null, 'not under ' + prefix); return; }
    let file = path.join(root, urlPath.slice(prefix.length));
    if (!file.startsWith(root)) { answer(403); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) { answer(404, null, 'not found'); return; }
      setTimeout(() => answer(200, TYPES[path.extname(file)] || 'application/octet-stream', data, headers), delay(urlPath));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    log,
    cspReports,
    /** Waits until no CSP report has come for `quiet` ms (reports are sent asynchronously). */
    async settle(quiet = 700) {
      const start = Date.now();
      while (Date.now() - Math.max(lastReport, start) < quiet) await sleep(50);
    },
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Launches an engine with the flags this machine's closed network needs. The object has
 * Playwright's Browser API as far as the tests use it (newContext, newPage, close), and
 * `engine`, `version`.
 */
export async function launch(engine = 'chromium') {
  if (engine === 'chromium') {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    });
    return Object.assign(browser, { engine, version: browser.version() });
  }
  if (engine === 'firefox') return FirefoxBrowser.launch();
  if (engine === 'webkit') return WebKitBrowser.launch();
  throw new Error(`unknown engine ${engine}`);
}

// --- Firefox ----------------------------------------------------------------------------
//
// Playwright's BiDi Firefox ignores `colorScheme`; the preference below decides what
// `prefers-color-scheme` says (0 dark, 1 light), for the whole browser. So a dark context gets
// a second Firefox, started the first time one is asked for.
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

class FirefoxBrowser {
  static async launch() {
    const b = new FirefoxBrowser();
    b.light = await FirefoxBrowser.start(1);
    b.engine = 'firefox';
    b.version = b.light.version();
    return b;
  }
  static start(scheme) {
    return firefox.launch({
      channel: 'moz-firefox',
      executablePath: FIREFOX,
      headless: true,
      firefoxUserPrefs: {
        'layout.css.prefers-color-scheme.content-override': scheme,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'browser.safebrowsing.update.enabled': false,
        'app.update.enabled': false,
      },
    });
  }
  async newContext(options = {}) {
    const { colorScheme = 'light', ...rest } = options;
    if (colorScheme === 'dark') {
      this.dark ||= await FirefoxBrowser.start(0);
      return this.dark.newContext(rest);
    }
    return this.light.newContext(rest);
  }
  async newPage(options) {
    const context = await this.newContext(options);
    const page = await context.newPage();
    page.once('close', () => context.close().catch(() => {}));
    return page;
  }
  async close() {
    await this.light?.close();
    await this.dark?.close();
  }
}

// --- WebKit -----------------------------------------------------------------------------
//
// WebKitGTK's MiniBrowser in automation mode, one WebKitWebDriver (and so one browser
// process, with its own ephemeral storage) per context, all on one Xvfb display. The window is
// full-screen (no toolbar), then sized to the viewport, so innerWidth × innerHeight is exactly
// the viewport asked for — 360 px wide included, narrower than the toolbar would allow.
//
// Classic WebDriver has no page events, so the harness makes them:
// - every request of the page goes through a recording proxy (the session's proxy
//   capability), which forwards those to 127.0.0.1 and refuses the rest: it emits `request`,
//   `response` and `requestfailed` as Playwright does, and `offline` refuses everything;
// - the proxy adds one external script (`/__harness/hook.js`, same origin, so allowed by
//   `script-src 'self'`) at the start of every HTML page it forwards, which records uncaught
//   errors, unhandled rejections, console.error and CSP violations in the page (under a
//   Symbol, no global name); a file:// page is opened from a copy with the same hook inline.
//   The page API collects those after every call and emits `pageerror` and `console`.
const MINIBROWSER = process.env.WEBKIT_MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const WEBKITDRIVER = process.env.WEBKIT_DRIVER || 'WebKitWebDriver';
const HOOK_KEY = 'jikji-harness';
const HOOK = `(() => {
  const key = Symbol.for(${JSON.stringify(HOOK_KEY)});
  if (window[key]) return;
  const log = (window[key] = []);
  const text = (v) => (v instanceof Error ? v.message : typeof v === 'object' ? (() => { try { return JSON.stringify(v); } catch { return String(v); } })() : String(v));
  addEventListener('error', (e) => log.push({ kind: 'pageerror', text: e.message || text(e.error) }));
  addEventListener('unhandledrejection', (e) => log.push({ kind: 'pageerror', text: text(e.reason) }));
  addEventListener('securitypolicyviolation', (e) => log.push({ kind: 'console', type: 'error',
    text: 'Content Security Policy: refused ' + e.blockedURI + ' (' + e.violatedDirective + ') ' + (e.sample || '') }));
  for (const type of ['error', 'warn']) {
    const original = console[type];
    console[type] = function (...args) {
      log.push({ kind: 'console', type: type === 'warn' ? 'warning' : type, text: args.map(text).join(' ') });
      return original.apply(this, args);
    };
  }
})();`;

function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, host, () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}

async function waitForPort(port, timeout = 10000, host = '127.0.0.1') {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, host, () => { c.end(); resolve(true); });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`nothing listens on port ${port}`);
}

function injectHook(html, tag) {
  const at = html.search(/<head[^>]*>/i);
  if (at < 0) return tag + html;
  const end = html.indexOf('>', at) + 1;
  return html.slice(0, end) + tag + html.slice(end);
}

// The hosts the WebKit proxy forwards to: loopback and this machine's own addresses (a page on
// one of those is not a secure context: the offline tests' plain-http intranet host).
const OWN_HOSTS = new Set(['127.0.0.1', ...Object.values(os.networkInterfaces()).flat()
  .filter((a) => a && a.family === 'IPv4').map((a) => a.address)]);

/** The recording proxy of one WebKit context; `emit(event, payload)` feeds the page. */
async function startProxy(emit, { offline = false, script = () => HOOK } = {}) {
  const proxy = http.createServer((req, res) => {
    const url = req.url;
    const target = new URL(url);
    const request = { url: () => url, method: () => req.method };
    emit('request', request);
    const local = target.protocol === 'http:' && OWN_HOSTS.has(target.hostname);
    if (!local || offline) {
      emit('requestfailed', { ...request, failure: () => ({ errorText: offline ? 'offline' : 'refused by the test proxy' }) });
      res.writeHead(502).end();
      req.resume();
      return;
    }
    if (target.pathname === '/__harness/hook.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' }).end(script());
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    const upstream = http.request({ host: target.hostname, port: target.port || 80, method: req.method, path: target.pathname + target.search, headers }, (up) => {
      emit('response', { url: () => url, status: () => up.statusCode });
      const type = up.headers['content-type'] || '';
      if (!type.startsWith('text/html')) { res.writeHead(up.statusCode, up.headers); up.pipe(res); return; }
      const chunks = [];
      up.on('data', (c) => chunks.push(c));
      up.on('end', () => {
        // nginx compresses HTML (gzip on): unpack it to add the hook, send it unpacked.
        let raw = Buffer.concat(chunks);
        if (up.headers['content-encoding'] === 'gzip') raw = zlib.gunzipSync(raw);
        const body = injectHook(raw.toString('utf8'), '<script src="/__harness/hook.js"></script>');
        const h = { ...up.headers, 'content-length': Buffer.byteLength(body) };
        delete h['transfer-encoding'];
        delete h['content-encoding'];
        res.writeHead(up.statusCode, h).end(body);
      });
    });
    upstream.on('error', (e) => { emit('requestfailed', { ...request, failure: () => ({ errorText: e.message }) }); res.writeHead(502).end(); });
    req.pipe(upstream);
  });
  proxy.on('connect', (req, socket) => {
    const url = `https://${req.url}`;
    const request = { url: () => url, method: () => 'CONNECT' };
    emit('request', request);
    emit('requestfailed', { ...request, failure: () => ({ errorText: 'refused by the test proxy' }) });
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  return { port: proxy.address().port, close: () => new Promise((r) => { proxy.closeAllConnections?.(); proxy.close(r); }) };
}

class WebKitBrowser {
  static async launch() {
    const b = new WebKitBrowser();
    b.engine = 'webkit';
    b.contexts = new Set();
    b.xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1200x24', '-nolisten', 'tcp'],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    b.display = ':' + await new Promise((resolve, reject) => {
      b.xvfb.stdio[3].once('data', (d) => resolve(String(d).trim()));
      b.xvfb.once('error', reject);
      b.xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
    });
    const probe = await b.newContext();
    b.version = (await probe.driver.getCapabilities()).get('browserVersion');
    await probe.close();
    return b;
  }
  async newContext({ viewport = { width: 1280, height: 720 }, colorScheme = 'light', offline = false } = {}) {
    const context = new WebKitContext(this);
    this.contexts.add(context);
    await context.start({ viewport, colorScheme, offline });
    return context;
  }
  async newPage(options) {
    const context = await this.newContext(options);
    const page = await context.newPage();
    page.ownsContext = true;
    return page;
  }
  async close() {
    for (const c of [...this.contexts]) await c.close();
    this.xvfb?.kill();
  }
}

class WebKitContext {
  constructor(browser) { this.browser = browser; this.page = null; this.initScripts = []; }
  /** Playwright's addInitScript: runs before the page's own scripts (with the hook). */
  async addInitScript(fn) { this.initScripts.push(`(${fn})();`); }
  script() { return [HOOK, ...this.initScripts].join('\n'); }
  async start({ viewport, colorScheme, offline }) {
    this.page = new WebKitPage(this);
    this.proxy = await startProxy((event, payload) => this.page.emit(event, payload), { offline, script: () => this.script() });
    const port = await freePort();
    this.driverProcess = spawn(WEBKITDRIVER, [`--port=${port}`], {
      stdio: 'ignore',
      env: { ...process.env, DISPLAY: this.browser.display, LIBGL_ALWAYS_SOFTWARE: '1' },
    });
    await waitForPort(port);
    const proxy = `127.0.0.1:${this.proxy.port}`;
    const args = ['--automation', '--full-screen'];
    if (colorScheme === 'dark') args.push('--dark-mode');
    this.driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args },
      proxy: { proxyType: 'manual', httpProxy: proxy, sslProxy: proxy, noProxy: [] },
    }).build();
    await this.driver.manage().window().setRect({ width: viewport.width, height: viewport.height });
    const inner = await this.driver.executeScript('return [innerWidth, innerHeight]');
    if (inner[0] !== viewport.width || inner[1] !== viewport.height) {
      throw new Error(`WebKit viewport ${inner.join('×')}, not ${viewport.width}×${viewport.height}`);
    }
  }
  async newPage() {
    if (this.page.used) throw new Error('one page per WebKit context');
    this.page.used = true;
    return this.page;
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    this.browser.contexts.delete(this);
    await this.driver?.quit().catch(() => {});
    this.driverProcess?.kill();
    await this.proxy?.close();
  }
}

const KEYS = { Escape: Key.ESCAPE, Enter: Key.ENTER, ArrowDown: Key.ARROW_DOWN, ArrowUp: Key.ARROW_UP, Shift: Key.SHIFT, Tab: Key.TAB, Backspace: Key.BACK_SPACE };

// Selectors the page API takes: CSS, optionally inside a same-origin frame.
const FIND = `const find = (frame, sel) => { let d = document; if (frame) { d = document.querySelector(frame)?.contentDocument; if (!d) return null; } return d.querySelector(sel); };
const visible = (e) => { if (!e || !e.isConnected) return false; const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };`;

class WebKitPage {
  constructor(context) {
    this.context = context;
    this.listeners = {};
    this.href = 'about:blank';
    this.keyboard = {
      press: (combo) => this.op(async () => {
        const keys = combo.split('+').map((k) => KEYS[k] || k);
        let a = this.driver.actions({ async: true });
        for (const k of keys) a = a.keyDown(k);
        for (const k of [...keys].reverse()) a = a.keyUp(k);
        await a.perform();
      }),
    };
    let at = { x: 0, y: 0 };
    this.mouse = {
      move: (x, y, { steps = 1 } = {}) => this.op(async () => {
        let a = this.driver.actions({ async: true });
        for (let i = 1; i <= steps; i++) {
          const px = at.x + ((x - at.x) * i) / steps;
          const py = at.y + ((y - at.y) * i) / steps;
          a = a.move({ x: Math.round(px), y: Math.round(py), origin: Origin.VIEWPORT, duration: 0 });
        }
        await a.perform();
        at = { x, y };
      }),
      down: () => this.op(() => this.driver.actions({ async: true }).press(Button.LEFT).perform()),
      up: () => this.op(() => this.driver.actions({ async: true }).release(Button.LEFT).perform()),
    };
  }
  get driver() { return this.context.driver; }

  on(event, fn) { (this.listeners[event] ||= []).push(fn); return this; }
  once(event, fn) { const w = (p) => { this.off(event, w); fn(p); }; return this.on(event, w); }
  off(event, fn) { this.listeners[event] = (this.listeners[event] || []).filter((f) => f !== fn); return this; }
  emit(event, payload) { for (const fn of this.listeners[event] || []) fn(payload); }

  /** Runs a WebDriver call, then collects what the hook recorded and the page's URL. */
  async op(fn) {
    try {
      return await fn();
    } finally {
      await this.collect();
    }
  }
  async collect() {
    let got;
    try {
      got = await this.driver.executeScript(`const key = Symbol.for(${JSON.stringify(HOOK_KEY)}); const out = [];
        const walk = (w) => { try { const l = w[key]; if (l) out.push(...l.splice(0)); for (let i = 0; i < w.frames.length; i++) walk(w.frames[i]); } catch (e) {} };
        walk(window); return { href: location.href, out };`);
    } catch { return; } // between documents
    if (!got) return;
    this.href = this.fileCopy ? got.href.replace(this.fileCopy.copy, this.fileCopy.original) : got.href;
    for (const e of got.out) {
      if (e.kind === 'pageerror') this.emit('pageerror', { message: e.text });
      else this.emit('console', { type: () => e.type, text: () => e.text });
    }
  }

  /** Evaluates `fn(arg)` in the page (or a frame's document) and returns its value. */
  async run(fn, arg, frame = null) {
    const result = await this.driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      ${FIND}
      const fn = (${fn});
      Promise.resolve().then(() => fn(arguments[0], { find, visible, frame: ${JSON.stringify(frame)} }))
        .then((v) => done(v === undefined ? { undef: true } : { value: v }), (e) => done({ error: String(e && e.stack || e) }));`, arg);
    if (result.error) throw new Error(`in the page: ${result.error}`);
    return result.undef ? undefined : result.value;
  }
  async poll(what, fn, arg, { timeout = 30000, frame = null } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      let value;
      try { value = await this.run(fn, arg, frame); } catch (e) { if (!/JavascriptError|in the page/.test(String(e))) value = undefined; else throw e; }
      if (value) return value;
      if (Date.now() > end) throw new Error(`WebKit: timed out after ${timeout} ms waiting for ${what}`);
      await sleep(40);
      await this.collect();
    }
  }
  waitFor(sel, { timeout, frame, state = 'visible' } = {}) {
    return this.poll(`${state} ${sel}`, ({ sel, state }, { find, visible, frame }) => {
      const e = find(frame, sel);
      return state === 'attached' ? !!e : state === 'hidden' ? !visible(e) : visible(e);
    }, { sel, state }, { timeout, frame });
  }
  async element(sel) {
    await this.waitFor(sel, { state: 'attached' });
    return this.driver.findElement(By.css(sel));
  }

  // Navigation
  goto(url) {
    return this.op(async () => {
      if (url.startsWith('file://')) url = this.hookedFile(url);
      await this.driver.get(url);
    });
  }
  /** A copy of a local file with the error hook inline (no proxy sees file:// pages). */
  hookedFile(url) {
    const u = new URL(url);
    const original = decodeURIComponent(u.pathname);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jikji-webkit-'));
    const copy = path.join(dir, path.basename(original));
    fs.writeFileSync(copy, injectHook(fs.readFileSync(original, 'utf8'), `<script>${this.context.script()}</script>`));
    this.fileCopy = { original: 'file://' + original, copy: 'file://' + copy };
    return 'file://' + copy + u.hash;
  }
  reload() { return this.op(() => this.driver.navigate().refresh()); }
  goBack() { return this.op(() => this.driver.navigate().back()); }
  goForward() { return this.op(() => this.driver.navigate().forward()); }
  url() { return this.href; }
  title() { return this.op(() => this.driver.getTitle()); }

  // Queries
  waitForSelector(sel, options = {}) { return this.op(() => this.waitFor(sel, options)); }
  waitForFunction(fn, arg, { timeout } = {}) {
    return this.op(() => this.poll(`function ${String(fn).slice(0, 80)}`, `(arg) => (${fn})(arg)`, arg, { timeout }));
  }
  waitForTimeout(ms) { return this.op(() => sleep(ms)); }
  evaluate(fn, arg) { return this.op(() => this.run(`(arg) => (${fn})(arg)`, arg)); }
  $$eval(sel, fn, arg) {
    return this.op(() => this.run(`({ sel, arg }) => (${fn})(Array.from(document.querySelectorAll(sel)), arg)`, { sel, arg }));
  }
  $eval(sel, fn, arg) {
    return this.op(async () => {
      await this.waitFor(sel, { state: 'attached' });
      return this.run(`({ sel, arg }) => (${fn})(document.querySelector(sel), arg)`, { sel, arg });
    });
  }
  $$(sel) { return this.op(async () => new Array(await this.run((s) => document.querySelectorAll(s).length, sel)).fill(null)); }
  read(sel, fn, arg) {
    return this.op(async () => {
      await this.waitFor(sel, { state: 'attached' });
      return this.run(`({ sel, arg }) => (${fn})(document.querySelector(sel), arg)`, { sel, arg });
    });
  }
  textContent(sel) { return this.read(sel, (e) => e.textContent); }
  inputValue(sel) { return this.read(sel, (e) => e.value); }
  getAttribute(sel, name) { return this.read(sel, (e, n) => e.getAttribute(n), name); }
  isVisible(sel) { return this.op(() => this.run((sel, { find, visible }) => visible(find(null, sel)), sel)); }

  // Actions
  click(sel, { timeout = 30000 } = {}) {
    return this.op(async () => {
      const end = Date.now() + timeout;
      for (;;) {
        await this.waitFor(sel, { timeout: Math.max(1, end - Date.now()) });
        await this.waitStable(sel, end);
        try {
          await (await this.driver.findElement(By.css(sel))).click();
          return;
        } catch (e) {
          // WebKitWebDriver finds no interactable box for an SVG <g>: click where Playwright
          // does, the centre of the element, once nothing covers it.
          if (/not ?interactable/i.test(e.name + e.message)) {
            // (Or for an inline link around blocks: the centre of the first of its boxes, or
            // of its content's, that nothing covers.)
            const at = await this.run((sel) => {
              const el = document.querySelector(sel);
              el.scrollIntoView({ block: 'center', inline: 'center' });
              for (const part of [el, ...el.querySelectorAll('*')]) {
                for (const r of [part.getBoundingClientRect(), ...part.getClientRects()]) {
                  if (r.width < 1 || r.height < 1) continue;
                  const x = r.x + r.width / 2, y = r.y + r.height / 2;
                  const hit = document.elementFromPoint(x, y);
                  if (hit && (el === hit || el.contains(hit))) return { x: Math.round(x), y: Math.round(y) };
                }
              }
              return null;
            }, sel);
            if (at) {
              await this.driver.actions({ async: true }).move({ x: at.x, y: at.y, origin: Origin.VIEWPORT, duration: 0 })
                .press(Button.LEFT).release(Button.LEFT).perform();
              return;
            }
          }
          // Covered, moving or replaced: try again, as Playwright's actionability checks do.
          if (!/intercepted|not ?interactable|stale|NoSuchElement/i.test(e.name + e.message) || Date.now() > end) throw e;
          await sleep(50);
        }
      }
    });
  }
  /** Playwright's "stable" check: the element's box is the same over two animation frames
   * (a list still growing above it moves it, and a click would land on what took its place). */
  async waitStable(sel, end) {
    await this.poll(`${sel} to stop moving`, async (sel) => {
      const box = () => JSON.stringify(document.querySelector(sel)?.getBoundingClientRect());
      const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
      const before = box();
      await frame();
      await frame();
      return before === box();
    }, sel, { timeout: Math.max(1, end - Date.now()) });
  }
  fill(sel, value) {
    return this.op(async () => {
      await this.waitFor(sel);
      // What Playwright's fill does: focus, replace the value, one `input` event.
      await this.run(({ sel, value }) => {
        const e = document.querySelector(sel);
        e.focus();
        const proto = e instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value').set.call(e, value);
        e.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
      }, { sel, value });
    });
  }
  /** Gives a file input a file (W3C WebDriver: keys sent to a file input are its path). */
  setInputFiles(sel, file) {
    return this.op(async () => { await (await this.element(sel)).sendKeys(file); });
  }
  selectOption(sel, value) {
    return this.op(async () => {
      await this.waitFor(sel);
      await this.run(({ sel, value }) => {
        const e = document.querySelector(sel);
        e.value = value;
        e.dispatchEvent(new Event('input', { bubbles: true }));
        e.dispatchEvent(new Event('change', { bubbles: true }));
      }, { sel, value });
    });
  }
  dispatchEvent(sel, type) {
    return this.op(async () => {
      await this.waitFor(sel, { state: 'attached' });
      await this.run(({ sel, type }) => { document.querySelector(sel).dispatchEvent(new Event(type, { bubbles: true, cancelable: true, composed: true })); }, { sel, type });
    });
  }
  locator(sel) { return new WebKitLocator(this, sel); }
  frameLocator(frame) { return { locator: (sel) => new WebKitLocator(this, sel, frame) }; }

  async screenshot({ path: file } = {}) {
    // A screenshot taken at once can be blank: wait for two rendered frames first.
    await this.run(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
    const png = Buffer.from(await this.driver.takeScreenshot(), 'base64');
    if (file) fs.writeFileSync(file, png);
    return png;
  }
  async close() {
    await this.collect();
    this.emit('close', this);
    if (this.fileCopy) fs.rmSync(path.dirname(new URL(this.fileCopy.copy).pathname), { recursive: true, force: true });
    if (this.ownsContext) await this.context.close();
  }
}

class WebKitLocator {
  constructor(page, sel, frame = null) { this.page = page; this.sel = sel; this.frame = frame; }
  locator(sub) { return new WebKitLocator(this.page, `${this.sel} ${sub}`, this.frame); }
  noFrame() { if (this.frame) throw new Error('WebKit harness: only waitFor() inside a frame'); }
  waitFor({ timeout } = {}) { return this.page.op(() => this.page.waitFor(this.sel, { timeout, frame: this.frame })); }
  textContent() { this.noFrame(); return this.page.textContent(this.sel); }
  count() { this.noFrame(); return this.page.$$(this.sel).then((a) => a.length); }
  fill(v) { this.noFrame(); return this.page.fill(this.sel, v); }
  async check() {
    this.noFrame();
    if (!(await this.page.read(this.sel, (e) => e.checked))) await this.page.click(this.sel);
    if (!(await this.page.read(this.sel, (e) => e.checked))) throw new Error(`${this.sel} did not become checked`);
  }
  pressSequentially(text, { delay = 0 } = {}) {
    this.noFrame();
    return this.page.op(async () => {
      const e = await this.page.element(this.sel);
      for (const ch of text) {
        await e.sendKeys(ch);
        if (delay) await sleep(delay);
      }
    });
  }
  scrollIntoViewIfNeeded() {
    this.noFrame();
    return this.page.read(this.sel, (e) => {
      const r = e.getBoundingClientRect();
      if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) e.scrollIntoView({ block: 'center', inline: 'center' });
    });
  }
  boundingBox() {
    this.noFrame();
    return this.page.read(this.sel, (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; });
  }
}

// --- Events, the same in every engine -------------------------------------------------------

/**
 * Records every request of a page that leaves its own origin (or, from a file, anything but
 * file:, data: and blob:), so a test can fail on any call home.
 */
export function watchRequests(page, origin) {
  const foreign = [];
  page.on('request', (r) => {
    const url = r.url();
    const local = origin ? url.startsWith(origin) : /^(file|data|blob):/.test(url);
    if (!local && !/^(data|blob):/.test(url)) foreign.push(url);
  });
  return foreign;
}

/** Fails the test on any page error or console error (a panic logs one). */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  return errors;
}

/** The engine a page runs in. */
export function engineOf(page) {
  return page instanceof WebKitPage ? 'webkit' : page.context().browser().browserType().name();
}

/** The result list once every result of the page is drawn: the blocks and article texts it
 * needs have arrived (`aria-busy`), and the second pass of a new query's render has run (the
 * first draws six results, the rest follow a frame later). */
export const RESULTS_SETTLED = '.result-list[aria-busy="false"][data-rendered="all"]';

/**
 * The text of the file a click on `selector` offers to download: the page's downloads are
 * Blobs handed to a download link (`URL.createObjectURL`), read here as they are made.
 */
export async function downloaded(page, selector) {
  await page.evaluate(() => {
    if (!window.__downloads) {
      window.__downloads = [];
      const original = URL.createObjectURL;
      URL.createObjectURL = (blob) => { blob.text().then((t) => window.__downloads.push(t)); return original.call(URL, blob); };
    }
  });
  const before = await page.evaluate(() => window.__downloads.length);
  await page.click(selector);
  await page.waitForFunction((n) => window.__downloads.length > n, before);
  return page.evaluate((n) => window.__downloads[n], before);
}

/**
 * Saves a screenshot when JIKJI_SCREENSHOTS names a folder (./run screenshots): there when one
 * engine runs, else in a folder per engine.
 */
export async function screenshot(page, name) {
  if (!SCREENSHOTS) return;
  const dir = ENGINES.length === 1 ? SCREENSHOTS : path.join(SCREENSHOTS, engineOf(page));
  // The article texts of what is shown have arrived (snippets, the reader's paragraphs).
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], [data-rendered="first"]'), null, { timeout: 10000 });
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

// --- Content-Security-Policy reports ----------------------------------------------------

/** Added to a test's policy: the browser reports each violation to the test server. */
export const CSP_REPORTING = 'report-uri /__csp';

// What the driver itself does under a strict policy, told apart exactly (by engine, directive,
// the sample of what was refused — 'report-sample' is in the test's policies — and where it
// came from), never by loosening the policy or the check. Playwright's Firefox, taking a
// screenshot, adds a `<style>body {}</style>` from a script it evaluates: the report names an
// eval as its source, which the page itself cannot have (the policy allows no 'unsafe-eval'),
// and Firefox also logs it as an error naming the style's hash.
const sha256 = (text) => crypto.createHash('sha256').update(text).digest('base64');
export const HARNESS_CSP_ARTEFACTS = {
  chromium: [],
  firefox: [{
    directive: 'style-src-elem', sample: 'body {}', fromEval: true,
    logged: new RegExp(`^pageerror: .*blocked an inline style \\(style-src-elem\\).*'sha256-${sha256('body {}').replace(/[+/=]/g, '\\$&')}'`),
  }],
  webkit: [],
};

const reportLine = (r) => `${r['effective-directive'] || r['violated-directive']} refused ${r['blocked-uri'] || r.blockedURL || ''}` +
  `${r['script-sample'] ? ` "${r['script-sample']}"` : ''} in ${r['source-file'] || r['document-uri'] || ''}`;
const isArtefact = (engine, r) => HARNESS_CSP_ARTEFACTS[engine].some((a) =>
  a.directive === (r['effective-directive'] || r['violated-directive']) && a.sample === (r['script-sample'] ?? '') &&
  (!a.fromEval || / > eval$/.test(decodeURIComponent(r['source-file'] || ''))));

/** The violations the server was told of, less the driver's own (HARNESS_CSP_ARTEFACTS). */
export function cspViolations(server, engine) {
  return server.cspReports
    .filter((r) => !isArtefact(engine, r))
    .map(reportLine);
}

/** `errors` (watchErrors) less the driver's own CSP violations, where an engine logs them. */
export function withoutHarnessCsp(errors, engine) {
  return errors.filter((e) => !HARNESS_CSP_ARTEFACTS[engine].some((a) => a.logged && a.logged.test(e)));
}
