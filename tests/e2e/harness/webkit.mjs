// WebKitGTK's MiniBrowser, driven by selenium-webdriver through WebKitWebDriver (classic W3C
// WebDriver), behind a copy of Playwright's page API as far as the tests use it.
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
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Builder, By, Key, Origin, Button } from 'selenium-webdriver';

import { freePort, sleep, waitForPort } from './server.mjs';
import { HOOK, HOOK_KEY, injectHook, startProxy } from './proxy.mjs';

const MINIBROWSER = process.env.WEBKIT_MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const WEBKITDRIVER = process.env.WEBKIT_DRIVER || 'WebKitWebDriver';

// WebKitWebDriver has been seen to stop answering a command (twice in a CI run: the run then
// waited for its whole time limit). So every command has a deadline, past which the context's
// driver and browser are killed and the command fails with `BrowserHung`: the test says what
// hung, and `harness.mjs`'s `test` runs it once more in a new browser. The deadline is well
// past the page-load and script timeouts the session is given, so a slow page still fails as
// a page, not as a hang.
const PAGE_TIMEOUT_MS = 60000;
const COMMAND_DEADLINE_MS = 100000;

/** A WebKit browser that stopped answering a WebDriver command (and was killed). */
export class BrowserHung extends Error {
  constructor(what, ms) {
    super(`WebKit: WebKitWebDriver did not answer ${what} in ${ms / 1000} s; its browser was killed`);
    this.name = 'BrowserHung';
  }
}

export class WebKitBrowser {
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
    // Its own process group, so that a kill takes the MiniBrowser it starts too.
    this.driverProcess = spawn(WEBKITDRIVER, [`--port=${port}`], {
      stdio: 'ignore',
      detached: true,
      env: { ...process.env, DISPLAY: this.browser.display, LIBGL_ALWAYS_SOFTWARE: '1' },
    });
    await waitForPort(port);
    const proxy = `127.0.0.1:${this.proxy.port}`;
    const args = ['--automation', '--full-screen'];
    if (colorScheme === 'dark') args.push('--dark-mode');
    const driver = new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args },
      proxy: { proxyType: 'manual', httpProxy: proxy, sslProxy: proxy, noProxy: [] },
      timeouts: { pageLoad: PAGE_TIMEOUT_MS, script: PAGE_TIMEOUT_MS, implicit: 0 },
    }).build();
    this.withDeadlines(driver.getExecutor());
    this.driver = await this.deadline('a new session', driver);
    await this.driver.manage().window().setRect({ width: viewport.width, height: viewport.height });
    const inner = await this.driver.executeScript('return [innerWidth, innerHeight]');
    if (inner[0] !== viewport.width || inner[1] !== viewport.height) {
      throw new Error(`WebKit viewport ${inner.join('×')}, not ${viewport.width}×${viewport.height}`);
    }
  }
  /** Gives every command sent through `executor` a deadline (see `BrowserHung`). */
  withDeadlines(executor) {
    const execute = executor.execute.bind(executor);
    executor.execute = (command) => (this.hung ? Promise.reject(this.hung) : this.deadline(command.getName(), execute(command)));
  }
  /** `promise`, or `BrowserHung` (and the driver and browser killed) if it takes too long. */
  async deadline(what, promise, ms = COMMAND_DEADLINE_MS) {
    let timer;
    const expired = new Promise((_, reject) => {
      timer = setTimeout(() => { this.hung = new BrowserHung(what, ms); this.kill(); reject(this.hung); }, ms);
    });
    try {
      return await Promise.race([promise, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
  kill() {
    this.killed = true;
    try { process.kill(-this.driverProcess.pid, 'SIGKILL'); } catch { /* gone already */ }
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
    if (!this.killed) await this.driver?.quit().catch(() => {});
    this.kill();
    await this.proxy?.close();
  }
}

const KEYS = { Escape: Key.ESCAPE, Enter: Key.ENTER, ArrowDown: Key.ARROW_DOWN, ArrowUp: Key.ARROW_UP, Shift: Key.SHIFT, Tab: Key.TAB, Backspace: Key.BACK_SPACE };

// Selectors the page API takes: CSS, optionally inside a same-origin frame.
const FIND = `const find = (frame, sel) => { let d = document; if (frame) { d = document.querySelector(frame)?.contentDocument; if (!d) return null; } return d.querySelector(sel); };
const visible = (e) => { if (!e || !e.isConnected) return false; const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };`;

/**
 * The centre of the first box of the element `sel`, or of its content's, that nothing covers,
 * scrolled into view (run in the page).
 */
function centreOf(sel) {
  const el = document.querySelector(sel);
  el.scrollIntoView({ block: 'center', inline: 'center' });
  // WebKit scrolls an element in a later CSS column (the names list) as if it stood in the
  // first, out of view (the same misplaced scroll makes WebKitWebDriver's click fail): then the
  // page is scrolled by the element's box.
  const r = el.getBoundingClientRect();
  if (r.bottom < 0 || r.right < 0 || r.top > innerHeight || r.left > innerWidth) {
    window.scrollBy(r.left + r.width / 2 - innerWidth / 2, r.top + r.height / 2 - innerHeight / 2);
  }
  // (An inline link around blocks has no centre of its own: the centre of one of its boxes.)
  for (const part of [el, ...el.querySelectorAll('*')]) {
    for (const r of [part.getBoundingClientRect(), ...part.getClientRects()]) {
      if (r.width < 1 || r.height < 1) continue;
      const x = r.x + r.width / 2, y = r.y + r.height / 2;
      const hit = document.elementFromPoint(x, y);
      if (hit && (el === hit || el.contains(hit))) return { x: Math.round(x), y: Math.round(y) };
    }
  }
  return null;
}

export class WebKitPage {
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
      try {
        value = await this.run(fn, arg, frame);
      } catch (e) {
        // Between documents a script fails: poll again. A script's own error, or a hung driver, ends it.
        if (/JavascriptError|in the page/.test(String(e)) || e instanceof BrowserHung) throw e;
        value = undefined;
      }
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
  /**
   * Clicks `sel` as Playwright does: once it is visible and still, at its centre, again while
   * something covers it — and again if the click never reached it: WebKitWebDriver has been
   * seen to report a click done that the page never received (a listener on the document says
   * whether one did, so a click that arrived is never repeated).
   */
  click(sel, { timeout = 30000 } = {}) {
    return this.op(async () => {
      const end = Date.now() + timeout;
      for (;;) {
        await this.waitFor(sel, { timeout: Math.max(1, end - Date.now()) });
        await this.waitStable(sel, end);
        await this.listenForClick(sel);
        try {
          await this.clickOnce(sel);
        } catch (e) {
          // Covered, moving or replaced: try again, as Playwright's actionability checks do.
          if (!/intercepted|not ?interactable|stale|NoSuchElement/i.test(e.name + e.message) || Date.now() > end) throw e;
          await sleep(50);
          continue;
        }
        if (await this.clickArrived()) return;
        if (Date.now() > end) throw new Error(`WebKit: a click on ${sel} never reached the page`);
        console.error(`WebKit harness: a click on ${sel} did not reach the page; clicking again`);
      }
    });
  }
  /** WebDriver's element click; where WebKitWebDriver finds no box to click, the centre of one. */
  async clickOnce(sel) {
    try {
      await (await this.driver.findElement(By.css(sel))).click();
    } catch (e) {
      // WebKitWebDriver finds no interactable box for an SVG <g>: click where Playwright does,
      // the centre of the element, once nothing covers it.
      if (!/not ?interactable/i.test(e.name + e.message)) throw e;
      const at = await this.run(centreOf, sel);
      if (!at) throw e;
      await this.driver.actions({ async: true }).move({ x: at.x, y: at.y, origin: Origin.VIEWPORT, duration: 0 })
        .press(Button.LEFT).release(Button.LEFT).perform();
    }
  }
  /** Records, in the page, whether the next click lands on `sel` or inside it. */
  listenForClick(sel) {
    return this.run((sel) => {
      const key = Symbol.for('jikji harness click');
      if (!document[key]) {
        document.addEventListener('click', (e) => {
          const wanted = document[key];
          if (e.target instanceof Element && e.target.closest(wanted.sel)) wanted.arrived = true;
        }, { capture: true });
      }
      document[key] = { sel, arrived: false };
    }, sel);
  }
  /** Whether the click arrived (or the page it was on has gone: a link was followed). */
  async clickArrived() {
    const arrived = () => this.run(() => document[Symbol.for('jikji harness click')]?.arrived ?? true).catch(() => true);
    if (await arrived()) return true;
    await sleep(200);
    return arrived();
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
