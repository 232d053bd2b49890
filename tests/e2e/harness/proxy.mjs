// The recording proxy a WebKit context's requests go through (classic WebDriver has no page
// events): it forwards requests to this machine's own addresses and refuses the rest, emits
// `request`, `response` and `requestfailed` as Playwright does (`offline` refuses everything),
// and adds one external script (`/__harness/hook.js`, same origin, so allowed by
// `script-src 'self'`) at the start of every HTML page it forwards: the hook, which records
// uncaught errors, unhandled rejections, console.error and CSP violations in the page (under
// a Symbol, no global name), for the page API to collect (webkit.mjs).
import http from 'node:http';
import os from 'node:os';
import zlib from 'node:zlib';

import { TYPES } from './server.mjs';

/** Where the hook keeps what it recorded (`Symbol.for(HOOK_KEY)` on each window). */
export const HOOK_KEY = 'jikji-harness';
export const HOOK = `(() => {
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

/** `html` with `tag` at the start of its <head> (or of the text, without one). */
export function injectHook(html, tag) {
  const at = html.search(/<head[^>]*>/i);
  if (at < 0) return tag + html;
  const end = html.indexOf('>', at) + 1;
  return html.slice(0, end) + tag + html.slice(end);
}

// The hosts the WebKit proxy forwards to: loopback and this machine's own addresses (a page on// one of those is not a secure context: the offline tests' plain-http intranet host).
const OWN_HOSTS = new Set(['127.0.0.1', ...Object.values(os.networkInterfaces()).flat()
  .filter((a) => a && a.family === 'IPv4').map((a) => a.address)]);

/** The recording proxy of one WebKit context; `emit(event, payload)` feeds the page. *//** The recording proxy of one WebKit context; `emit(event, payload)` feeds the page; resolves
 * to { port, close }. */
export async function startProxy(emit, { offline = false, script = () => HOOK } = {}) {
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
