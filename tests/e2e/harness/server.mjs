// The servers of the browser tests (and of the benchmarks, bench/run.mjs). The site is served
// as a host serves it, by Debian's nginx (`serveNginx`, which starts one of its own per call:
// its config and prefix in a temporary folder, a free port, no root needed), so compression,
// MIME types, ranges and caching headers are a real server's. A test that must alter
// responses — add headers (a Content-Security-Policy), serve a host page beside the app,
// collect CSP reports, slow a response down — gets the small node server instead
// (`serveNode`; `serve` hands such options to it): the embedding tests under a strict policy,
// and the screenshot of the offline control while it saves. A test that damages files (a
// missing text, a corrupt index) alters a copy of the build (`copyOfBuild`) and serves it
// with nginx. The benchmarks use the node server compressing as a host does (`compress`,
// `ranges`).
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn, spawnSync } from 'node:child_process';

export const DIST = process.env.JIKJI_DIST || path.resolve(import.meta.dirname, '../../../dist');


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

export const TYPES = {
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
  const conf = `# Written by tests/e2e/harness/server.mjs for one test; removed when it stops.
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
 *
 * As a host that compresses (the benchmarks): `compress` sends the text types and wasm
 * gzip-compressed to a browser that accepts it (each file compressed once), other files as
 * they are; `ranges` answers a Range request for a file of no text type (`bytes=a-b`, Jikji's
 * archive file) with those bytes only, `206`, as nginx does. `app: false` serves a folder
 * that holds no built app at its root.
 */
export async function serveNode(root = DIST, prefix = '/', {
  headers = {}, pages = {}, delay = () => 0, compress = false, ranges = false, app = true,
} = {}) {
  if (app && !fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`no built app in ${root}: run ./run build first`);
  }
  const compressed = new Map();
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
    const range = ranges && !COMPRESSIBLE.includes(path.extname(file)) && /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (range) { answerRange(file, range, answer); return; }
    fs.readFile(file, (err, data) => {
      if (err) { answer(404, null, 'not found'); return; }
      const extra = { ...headers };
      if (compress && COMPRESSIBLE.includes(path.extname(file)) && /gzip/.test(req.headers['accept-encoding'] ?? '')) {
        if (!compressed.has(file)) compressed.set(file, zlib.gzipSync(data, { level: 6 }));
        data = compressed.get(file);
        extra['content-encoding'] = 'gzip';
      }
      setTimeout(() => answer(200, TYPES[path.extname(file)] || 'application/octet-stream', data, extra), delay(urlPath));
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

/** The file types a host compresses (`serveNode`'s `compress`). */
const COMPRESSIBLE = ['.html', '.js', '.wasm', '.css', '.json'];

/** Answers the bytes `range` (a match of `bytes=(from)-(to)`) of `file`, read alone. */
function answerRange(file, range, answer) {
  fs.stat(file, (err, stat) => {
    if (err || stat.isDirectory()) { answer(404, null, 'not found'); return; }
    const [from, to] = [Number(range[1]), Math.min(Number(range[2]), stat.size - 1)];
    const chunks = [];
    fs.createReadStream(file, { start: from, end: to })
      .on('data', (c) => chunks.push(c))
      .on('end', () => answer(206, 'application/octet-stream', Buffer.concat(chunks),
        { 'content-range': `bytes ${from}-${to}/${stat.size}`, 'content-length': to - from + 1 }));
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A port nothing listens on now. */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, host, () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on('error', reject);
  });
}


/** Waits until something listens on `port`. */
export async function waitForPort(port, timeout = 10000, host = '127.0.0.1') {
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
