// Reads the parts of a Jikji index out of one archive file, a part at a time: from a file the
// reader chose (`Blob.slice`, the single file's loader) or from a host (HTTP `Range` requests,
// boot.js and embed.js when the site was built with `--transport archive`). `jikji package`
// writes it (crates/jikji-cli/src/package.rs, `write_archive`); the layout:
//
//   "JIKJIARC"   8 bytes
//   u32 (LE)     the length H of the header
//   header       H bytes of JSON: {index, parts, pageSize, kinds: {prefix: [first, count]},
//                core: [offset, length], directory, pageStarts: [offset of each page's first
//                part]}; offsets count from the end of the header
//   core.bin     right after the header, so one read gets both
//   directory    each part's length (u32 LE), in pages of pageSize parts
//   the parts    numbered by kind (prefix) and number: part kinds[prefix][0] + n is
//                `<prefix><n>.bin` (`d0.bin`, `d1.bin`, … `t0.bin`, …)
//
// Opening reads the header and the core only, whatever the archive's size; a part costs its
// directory page (once for pageSize parts) and its own bytes. Parts are as published:
// gzip-compressed (the app unpacks them).
//
// Plain script (no `export`): `jikji package` inlines it into the single file's loader and,
// for a site built with `--transport archive`, into boot.js and embed.js.

/** The part reader of the archive that `read(start, end)` reads, checked to be the index
 * `expected.index` names; `expected.head`, when known (the page's mark), is the length of the
 * magic, the header and the core together, read at once. `label` names it in errors. */
async function openArchive(read, expected, label) {
  const text = new TextDecoder();
  const first = await read(0, expected.head || 12);
  if (first.length < 12 || text.decode(first.subarray(0, 8)) !== 'JIKJIARC') {
    throw new Error(`${label}: 직지 아카이브 파일이 아닙니다 · not a Jikji archive file`);
  }
  const length = new DataView(first.buffer, first.byteOffset, 12).getUint32(8, true);
  const headerBytes = first.length >= 12 + length ? first.subarray(12, 12 + length) : await read(12, 12 + length);
  let header;
  try {
    header = JSON.parse(text.decode(headerBytes));
  } catch (e) {
    throw new Error(`${label}: 아카이브의 목차가 손상되었습니다 · the archive's table is damaged (${e.message})`);
  }
  if (header.index !== expected.index) {
    throw new Error(`${label}: 다른 빌드의 아카이브입니다 · the archive of another build (${header.index}; this page reads ${expected.index})`);
  }
  const base = 12 + length;
  const coreAt = base + header.core[0];
  const coreLength = header.core[1];
  const core = first.length >= coreAt + coreLength ? first.slice(coreAt, coreAt + coreLength) : null;
  const pages = new Map();
  // The offset of each part of directory page `page` (and of the end of its last part).
  const page = (number) => {
    if (!pages.has(number)) {
      const count = Math.min(header.pageSize, header.parts - number * header.pageSize);
      const at = base + header.directory + number * header.pageSize * 4;
      const offsets = read(at, at + count * 4).then((bytes) => {
        const lengths = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        const starts = [base + header.pageStarts[number]];
        for (let i = 0; i < count; i++) starts.push(starts[i] + lengths.getUint32(4 * i, true));
        return starts;
      });
      offsets.catch(() => pages.delete(number));
      pages.set(number, offsets);
    }
    return pages.get(number);
  };
  return async (name) => {
    if (name === 'core.bin') return core ? core.slice() : read(coreAt, coreAt + coreLength);
    const numbered = /^([a-z]+)(\d+)\.bin$/.exec(name);
    const kind = numbered && header.kinds[numbered[1]];
    const n = numbered ? Number(numbered[2]) : NaN;
    if (!kind || !(n < kind[1])) throw new Error(`${label}: no part ${name}`);
    const part = kind[0] + n;
    const starts = await page(Math.floor(part / header.pageSize));
    const i = part % header.pageSize;
    return read(starts[i], starts[i + 1]);
  };
}

/** Reads bytes [start, end) of `url` with an HTTP Range request. A host that answers with the
 * whole file (200) is stopped at once rather than downloaded: it does not serve ranges. */
async function readRange(url, start, end) {
  if (end <= start) return new Uint8Array(0);
  const abort = new AbortController();
  const response = await fetch(url, { headers: { range: `bytes=${start}-${end - 1}` }, signal: abort.signal });
  if (response.status === 200) {
    abort.abort();
    throw new Error(`${url}: 이 서버는 파일의 일부를 보내지 않습니다 (HTTP Range) · the host sends whole files only, not the ranges this site reads: build it with --transport files`);
  }
  if (response.status !== 206) throw new Error(`${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length !== end - start) throw new Error(`${url}: ${bytes.length} bytes for a range of ${end - start}`);
  return bytes;
}

/** The part reader of the archive `texts/<index>/index.archive` in the site's folder `site`,
 * over HTTP. With `site.keep` (a published site, whose service worker cleans up), a part
 * read is kept in the worker's cache under the part's own URL (`texts/<index>/<name>`, as a
 * plain 200: the Cache API refuses 206), which is where the reader looks first: a visit's
 * parts answer again offline, as the site's files do (www/sw.js). A call with
 * `{ keep: false }` reads without keeping (the save control keeps what it saves itself). */
function archiveOverHttp(site, expected, { keep }) {
  const folder = new URL(`texts/${expected.index}/`, site);
  const url = new URL('index.archive', folder).href;
  const cacheName = `jikji-v1 ${site} parts ${expected.index}`;
  const cacheable = keep && 'serviceWorker' in navigator && typeof caches !== 'undefined';
  let opened;
  return async (name, options = {}) => {
    const partUrl = new URL(name, folder).href;
    if (cacheable) {
      const hit = await caches.match(partUrl).catch(() => undefined);
      if (hit) return new Uint8Array(await hit.arrayBuffer());
    }
    if (!opened) {
      opened = openArchive((start, end) => readRange(url, start, end), expected, url);
      opened.catch(() => { opened = undefined; });
    }
    const bytes = await (await opened)(name);
    if (cacheable && options.keep !== false) {
      caches.open(cacheName).then((cache) => cache.put(partUrl, new Response(bytes, { status: 200 }))).catch(() => {});
    }
    return bytes;
  };
}
