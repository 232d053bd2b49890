//! `jikji package`: finishes a release build (`dist/`) for publishing, with the archive's index.
//!
//! The app's code (Trunk's output) is the same for every archive: the index is not compiled
//! into it but written beside it, so one build of the code serves any archive.
//!
//! 1. The index, split for the browser (`jikji_engine::split`) into `texts/<id>/`: the core
//!    (`core.bin`: dictionaries, heads, the directories of the other parts with their
//!    checksums), the articles (`t<n>.bin`) and the blocks (`d<n>.bin` terms, `p<n>.bin`
//!    postings, `s<n>.bin` compounds, `l<n>.bin` letters), each gzip-compressed here (hosts send `.bin` files as they are;
//!    the app unpacks them with the browser's `DecompressionStream`). The app fetches the
//!    core when it starts, a chunk when one of its articles is shown, a block when a query
//!    reads it. `<id>` is the core's checksum, written
//!    into the page (`data-jikji-index` on the app's element), so the files under one URL never
//!    change and a browser never mixes a cached part of an earlier build with a new index.
//!    The text chunks, the bulk of the bytes, then move to `texts/chunks/`, each named by its
//!    content (its checksum and length, which no two chunks of an index share): a rebuild
//!    with a week's new files publishes the chunks it left as they were under the same URLs,
//!    so a returning visitor fetches only the new ones (the files transport; an archive file
//!    and the single file hold their build's parts).
//! 2. The bootstrap Trunk writes inline into `index.html` moves to `boot.js`, so the site runs
//!    under a strict Content-Security-Policy (no `'unsafe-inline'`; only `'wasm-unsafe-eval'`).
//!    It finds the wasm relative to itself (`import.meta.url`), not to the page.
//! 3. `embed.js` and `style.embed.css`, to mount the app into an element of a host page (no
//!    frame): `<div id="jikji" data-query="…" data-source="…"></div>` plus
//!    `<script type="module" src="…/embed.js"></script>`. The styles are scoped to that element
//!    (`@scope`), and the app keeps its state in memory, not in the host's URL.
//! 4. One self-contained HTML file, `jikji.html`: styles inline, the wasm-bindgen glue
//!    imported from a `data:` URL, the wasm gzip-compressed and base64-encoded in the page, and
//!    the parts of the index as they are published, base64-encoded, all unpacked by the
//!    browser's own `DecompressionStream` (a chunk or a block when it is needed). It
//!    opens with a double click (`file://`), offline, from anywhere: a browser refuses to fetch
//!    a module script or wasm from `file://`, but not to import a `data:` URL or to instantiate
//!    bytes it already has. Above [`SINGLE_FILE_MAX_PARTS`] bytes of parts (what a browser
//!    decodes comfortably when it opens a page) the parts go to an archive file beside the
//!    page instead (`jikji.archive`: [`ARCHIVE_MAGIC`], a table of the parts, their bytes),
//!    which the page asks for once (a file picker, or dropped on it) and reads a part at a time
//!    with `Blob.slice`: opening reads the table and the core only, whatever the archive's
//!    size.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use anyhow::{bail, Context, Result};
use base64::Engine as _;

/// The file names Trunk gave the glue script, the wasm and the stylesheet (hashed names).
struct Assets {
    glue: String,
    wasm: String,
    styles: Vec<String>,
}

fn find_assets(index_html: &str) -> Result<Assets> {
    let attribute_values = |attribute: &str| -> Vec<String> {
        index_html
            .split(attribute)
            .skip(1)
            .filter_map(|rest| rest.strip_prefix('\'').or_else(|| rest.strip_prefix('"')))
            .filter_map(|rest| rest.split(['\'', '"']).next())
            .map(|v| v.trim_start_matches("./").to_owned())
            .collect()
    };
    let scripts: Vec<String> = index_html
        .split(" from '")
        .skip(1)
        .filter_map(|rest| rest.split('\'').next())
        .map(|v| v.trim_start_matches("./").to_owned())
        .collect();
    let glue = scripts
        .into_iter()
        .find(|s| s.ends_with(".js"))
        .context("no glue script import in index.html")?;
    let wasm = index_html
        .split(['\'', '"'])
        .map(|v| v.trim_start_matches("./"))
        .find(|v| v.ends_with(".wasm") && !v.contains(['/', ' ', '<']))
        .map(str::to_owned)
        .context("no wasm path in index.html")?;
    let styles = attribute_values("href=")
        .into_iter()
        .filter(|h| h.ends_with(".css"))
        .collect();
    Ok(Assets { glue, wasm, styles })
}

/// The archive's id written on its pages (`data-jikji-archive-id`): what the reader keeps
/// about an archive in a browser is kept under it, so every build of one archive must have
/// the same. `given` (`--archive-id`), else the name of the archive's folder (or file, without
/// its extension); letters, digits, `-`, `_` and `.` are kept, anything else becomes `-`.
pub fn archive_id(given: Option<&str>, corpus: &Path) -> String {
    let name = given.map(str::to_owned).unwrap_or_else(|| {
        let path = std::fs::canonicalize(corpus).unwrap_or_else(|_| corpus.to_owned());
        let stem = if path.is_dir() {
            path.file_name()
        } else {
            path.file_stem()
        };
        stem.map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let slug: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .take(80)
        .collect();
    if slug.is_empty() {
        "archive".to_owned()
    } else {
        slug
    }
}

/// The bootstrap that replaces Trunk's inline script.
const BOOT_JS: &str = "boot.js";

/// Moves the inline bootstrap of `dist/index.html` to `dist/boot.js` (idempotent).
pub fn externalize_boot(dist: &Path) -> Result<()> {
    let path = dist.join("index.html");
    let html =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let Some(start) = html.find("<script type=\"module\">") else {
        return Ok(()); // already done
    };
    let end = html[start..]
        .find("</script>")
        .map(|e| start + e + "</script>".len())
        .context("unclosed <script>")?;
    write_boot(dist, &find_assets(&html[start..end])?, None)?;
    let html = format!(
        "{}<script type=\"module\" src=\"./{BOOT_JS}\"></script>{}",
        &html[..start],
        &html[end..]
    );
    std::fs::write(&path, html).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// The script that starts the app in the site's page (`boot.js`), a template for [`fill`].
const BOOT_TEMPLATE: &str = include_str!("../../../www/package/boot.js");
/// The script that mounts the app into a host page (`embed.js`), a template for [`fill`].
const EMBED_TEMPLATE: &str = include_str!("../../../www/package/embed.js");

/// `template` with each `{name}` of `values` replaced by its value, in one pass (a value is
/// never read for names); a line that is a name alone is replaced with its newline, so an
/// empty value leaves no line (a value put there ends with its own newline). Braces that are
/// no name are kept.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let value_of = |name: &str| values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let mut out = String::with_capacity(template.len());
    for line in template.split_inclusive('\n') {
        let alone = line
            .trim_end()
            .strip_prefix('{')
            .and_then(|l| l.strip_suffix('}'))
            .and_then(value_of);
        if let Some(value) = alone {
            out.push_str(value);
            continue;
        }
        let mut rest = line;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let named = rest[open + 1..]
                .find('}')
                .and_then(|close| Some((close, value_of(&rest[open + 1..open + 1 + close])?)));
            match named {
                Some((close, value)) => {
                    out.push_str(value);
                    rest = &rest[open + close + 2..];
                }
                None => {
                    out.push('{');
                    rest = &rest[open + 1..];
                }
            }
        }
        out.push_str(rest);
    }
    out
}

/// Writes `dist/boot.js`, which starts the app; with the archive transport (`archive`: the
/// index's id and the archive's head, see [`ArchiveFile`]) it first gives the app the reader
/// of the parts in the archive file (`__jikji.part`, `www/archive.js`).
fn write_boot(dist: &Path, assets: &Assets, archive: Option<(&str, usize)>) -> Result<()> {
    let reader = archive.map_or_else(String::new, |(id, head)| {
        format!(
            "{ARCHIVE_JS}\nglobalThis.__jikji = {{ part: archiveOverHttp(new URL('./', import.meta.url).href,              {{ index: '{id}', head: {head} }}, {{ keep: true }}) }};\n"
        )
    });
    let boot = fill(
        BOOT_TEMPLATE,
        &[
            ("glue", &assets.glue),
            ("wasm", &assets.wasm),
            ("reader", &reader),
        ],
    );
    std::fs::write(dist.join(BOOT_JS), boot).context("writing boot.js")
}

/// The folder of `dist/` that holds the index's parts (in a folder named by its id).
const TEXTS_DIR: &str = "texts";

/// The core's file name in the index's folder.
pub const CORE_FILE: &str = "core.bin";

/// Writes the index `bytes`, split for the browser, into `dist/texts/<id>/`: the core
/// (`core.bin`), the article chunks (`t<n>.bin`) and the blocks (`d`, `p`, `s`, `l<n>.bin`), each
/// checked against the core's directory and gzip-compressed (by us, not by the host: a host
/// sends `.bin` files as they are); an earlier build's folder is removed. Marks the page with
/// the index's id. The core keeps the chunks' addresses up to `core_addresses_max` bytes.
/// Returns the id, how many parts there are and their bytes (compressed).
pub fn write_index(
    dist: &Path,
    bytes: &[u8],
    archive: &str,
    core_addresses_max: usize,
) -> Result<(String, usize, usize)> {
    let split =
        jikji_engine::split_with(bytes, core_addresses_max).context("splitting the index")?;
    let id = format!(
        "{:016x}",
        jikji_engine::stored_checksum(&split.core).context("index header")?
    );
    let core = jikji_engine::Index::open(split.core.as_slice()).context("the split core")?;
    let texts = dist.join(TEXTS_DIR);
    if texts.exists() {
        std::fs::remove_dir_all(&texts)
            .with_context(|| format!("removing the old {}", texts.display()))?;
    }
    let out = texts.join(&id);
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let mut written = 0;
    let mut write = |name: &str, bytes: &[u8]| -> Result<()> {
        let packed = gzip(bytes)?;
        written += packed.len();
        std::fs::write(out.join(name), packed)
            .with_context(|| format!("writing {}", out.join(name).display()))
    };
    write(CORE_FILE, &split.core)?;
    for (block, bytes) in &split.blocks {
        // The chunks' addresses are given, not only checked: they vouch for the chunks below
        // (the other blocks are only checked, not copied into the core's memory).
        if matches!(block, jikji_engine::Block::Addresses(_)) {
            core.add_block(*block, bytes)
        } else {
            core.check_block(*block, bytes)
        }
        .with_context(|| format!("{} of the split index", block.file_name()))?;
        write(&block.file_name(), bytes)?;
    }
    for (number, chunk) in split.chunks.iter().enumerate() {
        core.check_texts(number, chunk)
            .with_context(|| format!("text chunk {number} of the split index"))?;
        write(&jikji_engine::text_chunk_file_name(number), chunk)?;
    }
    mark_page(dist, &id, archive)?;
    let parts = 1 + split.chunks.len() + split.blocks.len();
    Ok((id, parts, written))
}

/// `bytes` gzip-compressed (level 9).
fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    Ok(gz.finish()?)
}

/// Names the index in `dist/index.html`: the app's element gets `data-jikji-index="<id>"`,
/// which the app reads to fetch `texts/<id>/core.bin` (an earlier mark is replaced).
fn mark_page(dist: &Path, id: &str, archive: &str) -> Result<()> {
    let path = dist.join("index.html");
    let html =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    std::fs::write(&path, with_index_mark(&html, id, archive)?)
        .with_context(|| format!("writing {}", path.display()))
}

/// `html` with the app's element (`<div id="jikji"…>`) marked with the index `id` and the
/// archive's id (see [`archive_id`]).
fn with_index_mark(html: &str, id: &str, archive: &str) -> Result<String> {
    let start = html
        .find("<div id=\"jikji\"")
        .context("no <div id=\"jikji\"> in index.html")?;
    let end = start
        + html[start..]
            .find('>')
            .context("unclosed <div id=\"jikji\">")?;
    Ok(format!(
        "{}<div id=\"jikji\" data-jikji-index=\"{id}\" data-jikji-archive-id=\"{archive}\">{}",
        &html[..start],
        &html[end + 1..]
    ))
}

/// Writes `embed.js` and `style.embed.css` beside the build, for mounting into a host page;
/// with the archive transport (`archive_head`: see [`ArchiveFile`]), embed.js reads the parts
/// out of the archive file (not kept in the host origin's caches).
pub fn write_embed(
    dist: &Path,
    (id, archive_id): (&str, &str),
    archive_head: Option<usize>,
) -> Result<()> {
    let html = std::fs::read_to_string(dist.join("index.html")).context("reading index.html")?;
    let boot = std::fs::read_to_string(dist.join(BOOT_JS)).unwrap_or_default();
    let assets = find_assets(&format!("{html}\n{boot}"))?;
    let mut css = String::new();
    for name in &assets.styles {
        css.push_str(
            &std::fs::read_to_string(dist.join(name)).with_context(|| format!("reading {name}"))?,
        );
    }
    std::fs::write(dist.join("style.embed.css"), scope_css(&css))
        .context("writing style.embed.css")?;
    let reader = archive_head.map_or_else(String::new, |head| {
        format!(
            "{ARCHIVE_JS}\nglobalThis.__jikji = {{ part: archiveOverHttp(new URL('./', import.meta.url).href, \
             {{ index: '{id}', head: {head} }}, {{ keep: false }}) }};\n"
        )
    });
    let embed = fill(
        EMBED_TEMPLATE,
        &[
            ("glue", &assets.glue),
            ("wasm", &assets.wasm),
            ("texts", TEXTS_DIR),
            ("id", id),
            ("archive_id", archive_id),
            ("reader", &reader),
        ],
    );
    std::fs::write(dist.join("embed.js"), embed).context("writing embed.js")?;
    Ok(())
}

/// The app's stylesheet scoped to the embedded element: page-level selectors (`:root`, `html`,
/// `body`) become the element itself, and nothing matches outside it. WebKit (2.50, and so
/// Safari) applies no rule inside `@scope` to a text field (`<input>`), so the rules for
/// `input` follow again outside it, each selector under `.jikji-embed`: the same declarations,
/// still only inside the element.
fn scope_css(css: &str) -> String {
    let mut scoped = css.replace(":root", ":scope");
    for element in ["html", "body"] {
        scoped = scoped.replace(&format!("\n{element} {{"), "\n:scope {");
    }
    let fields = input_rules(css);
    let mut out = format!("@scope (.jikji-embed) {{\n{scoped}\n}}\n");
    if !fields.is_empty() {
        out.push_str(
            "/* Text fields again, outside @scope, which WebKit does not apply to them. */\n",
        );
        out.push_str(&fields);
    }
    out
}

/// The top-level style rules of `css` with a selector for an `input` element, only those
/// selectors, each prefixed with `.jikji-embed `.
fn input_rules(css: &str) -> String {
    let bytes = css.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    let mut start = 0;
    while i < bytes.len() {
        if css[i..].starts_with("/*") {
            i = css[i + 2..]
                .find("*/")
                .map_or(bytes.len(), |e| i + 2 + e + 2);
            start = i;
            continue;
        }
        match bytes[i] {
            b'{' => {
                let prelude = css[start..i].trim();
                // The block, up to its matching brace (nested blocks of at-rules included).
                let mut depth = 0usize;
                let mut end = i;
                while end < bytes.len() {
                    match bytes[end] {
                        b'{' => depth += 1,
                        b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    end += 1;
                }
                let block = &css[i..(end + 1).min(css.len())];
                if !prelude.starts_with('@') {
                    let selectors: Vec<String> = split_selectors(prelude)
                        .into_iter()
                        .filter(|s| has_input(s))
                        .map(|s| format!(".jikji-embed {}", s.replace(":root", "").trim()))
                        .collect();
                    if !selectors.is_empty() {
                        out.push_str(&format!("{} {}\n", selectors.join(", "), block));
                    }
                }
                i = end + 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    out
}

/// A selector list split at its top-level commas.
fn split_selectors(list: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let (mut depth, mut from) = (0i32, 0);
    for (at, c) in list.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(list[from..at].trim().to_string());
                from = at + 1;
            }
            _ => {}
        }
    }
    parts.push(list[from..].trim().to_string());
    parts
}

/// Whether a selector names the `input` element (a type selector, not a class or id).
fn has_input(selector: &str) -> bool {
    selector.match_indices("input").any(|(at, _)| {
        let before = selector[..at].chars().next_back();
        let after = selector[at + 5..].chars().next();
        !matches!(before, Some(c) if c.is_alphanumeric() || matches!(c, '.' | '#' | '-' | '_' | '[' | '='))
            && !matches!(after, Some(c) if c.is_alphanumeric() || matches!(c, '-' | '_'))
    })
}

/// Writes the single file for the build in `dist`, whose index `write_index` put in
/// `dist/texts/<id>/`, to `out`; returns its size in bytes.
/// Above this many bytes of index parts (gzip-compressed), [`bundle`] writes them to an archive
/// file beside the page instead of into it (see the module doc).
pub const SINGLE_FILE_MAX_PARTS: usize = 32_000_000;

/// The first bytes of an archive file (its layout: `www/archive.js`).
pub const ARCHIVE_MAGIC: &[u8; 8] = b"JIKJIARC";

/// What [`bundle`] wrote.
pub enum Bundle {
    /// One page holding everything: its size.
    OneFile(usize),
    /// A page (its size), and an archive file (its path and size) holding the index.
    WithArchive(usize, std::path::PathBuf, usize),
}

/// The parts of the index as `write_index` wrote them (gzip-compressed), by file name.
fn read_parts(dist: &Path, id: &str) -> Result<std::collections::BTreeMap<String, Vec<u8>>> {
    let folder = dist.join(TEXTS_DIR).join(id);
    let mut parts = std::collections::BTreeMap::new();
    for entry in
        std::fs::read_dir(&folder).with_context(|| format!("reading {}", folder.display()))?
    {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".bin") {
            let bytes = std::fs::read(folder.join(&name))?;
            parts.insert(name, bytes);
        }
    }
    Ok(parts)
}

/// Parts per page of an archive file's directory (4 kB of lengths a page).
const ARCHIVE_PAGE_SIZE: usize = 1024;

/// What [`write_archive`] wrote: the file's size, and how many of its first bytes hold the
/// header and the core (what a reader opening it needs, read at once).
pub struct ArchiveFile {
    pub size: usize,
    pub head: usize,
}

/// Each kind of part (by its name's prefix) with its first part number and count, as the
/// archive's header lists them (`{"d": [0, 5], …}`).
type ArchiveKinds = serde_json::Map<String, serde_json::Value>;

/// The parts other than the core, in archive order (by kind, then number), and each kind's
/// first part number and count. Every kind's numbers must run from 0 without a gap.
fn archive_order(
    parts: &std::collections::BTreeMap<String, Vec<u8>>,
) -> Result<(Vec<&[u8]>, ArchiveKinds)> {
    let mut kinds =
        std::collections::BTreeMap::<&str, std::collections::BTreeMap<usize, &[u8]>>::new();
    for (name, bytes) in parts {
        if name == CORE_FILE {
            continue;
        }
        let stem = name
            .strip_suffix(".bin")
            .context("a part not named <kind><n>.bin")?;
        let digits = stem
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(stem.len());
        let number: usize = stem[digits..]
            .parse()
            .with_context(|| format!("part {name}: not named <kind><n>.bin"))?;
        kinds
            .entry(&stem[..digits])
            .or_default()
            .insert(number, bytes);
    }
    let (mut order, mut table) = (Vec::new(), serde_json::Map::new());
    for (kind, numbered) in kinds {
        if numbered.keys().copied().ne(0..numbered.len()) {
            bail!(
                "the parts {kind}<n>.bin are not numbered 0 to {}",
                numbered.len() - 1
            );
        }
        table.insert(
            kind.to_owned(),
            serde_json::json!([order.len(), numbered.len()]),
        );
        order.extend(numbered.into_values());
    }
    Ok((order, table))
}

/// Writes an archive file of the index's `parts` (see `www/archive.js` for its layout and
/// its reader): the header, the core, a directory of the other parts' lengths in pages, the
/// parts.
fn write_archive(
    parts: &std::collections::BTreeMap<String, Vec<u8>>,
    id: &str,
    out: &Path,
) -> Result<ArchiveFile> {
    let core = parts.get(CORE_FILE).context("no core among the parts")?;
    let (order, kinds) = archive_order(parts)?;
    let directory = core.len();
    let mut page_starts = Vec::new();
    let mut offset = directory + 4 * order.len();
    for (number, bytes) in order.iter().enumerate() {
        if number % ARCHIVE_PAGE_SIZE == 0 {
            page_starts.push(offset);
        }
        offset += bytes.len();
    }
    let header = serde_json::to_vec(&serde_json::json!({
        "index": id,
        "parts": order.len(),
        "pageSize": ARCHIVE_PAGE_SIZE,
        "kinds": kinds,
        "core": [0, core.len()],
        "directory": directory,
        "pageStarts": page_starts,
    }))?;
    let mut file = std::io::BufWriter::new(
        std::fs::File::create(out).with_context(|| format!("writing {}", out.display()))?,
    );
    file.write_all(ARCHIVE_MAGIC)?;
    file.write_all(&u32::try_from(header.len())?.to_le_bytes())?;
    file.write_all(&header)?;
    file.write_all(core)?;
    for bytes in &order {
        file.write_all(&u32::try_from(bytes.len())?.to_le_bytes())?;
    }
    for bytes in &order {
        file.write_all(bytes)?;
    }
    file.flush()?;
    let base = ARCHIVE_MAGIC.len() + 4 + header.len();
    Ok(ArchiveFile {
        size: base + offset,
        head: base + core.len(),
    })
}

/// How the static site's parts reach the browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Transport {
    /// Each part its own file (the core and the blocks in `texts/<id>/`, the text chunks in
    /// `texts/chunks/` named by their content): any static host.
    Files,
    /// One archive file, `texts/<id>/index.archive`, read with HTTP Range requests: one file
    /// whatever the archive's size (for hosts that cap the number of files).
    Archive,
}

/// The name of the archive file in the index's folder (the archive transport).
pub const SITE_ARCHIVE_FILE: &str = "index.archive";

/// The folder of `dist/texts/` where the files transport publishes the text chunks, each
/// under its address (`jikji_engine::Index::text_chunk_address`), not in the build's folder.
pub const CHUNKS_DIR: &str = "chunks";

/// The part `name` that `write_index` wrote in `folder`, unpacked.
fn read_part(folder: &Path, name: &str) -> Result<Vec<u8>> {
    let packed = std::fs::read(folder.join(name))
        .with_context(|| format!("reading {}", folder.join(name).display()))?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(packed.as_slice()),
        &mut bytes,
    )
    .with_context(|| format!("unpacking {name}"))?;
    Ok(bytes)
}

/// Moves the text chunks `write_index` wrote in `dist/texts/<id>/` (`t<n>.bin`) to
/// `dist/texts/chunks/`, each named by its address (`t<checksum>-<length>.bin`): a rebuild
/// that leaves a chunk as it was (a week's new files change the chunks that hold them, not
/// the rest) publishes it under the same URL, so a returning visitor's browser, and its
/// service worker, have it already. The core and the blocks stay in the build's folder.
/// Returns how many chunks were moved.
pub fn publish_chunks_by_address(dist: &Path, id: &str) -> Result<usize> {
    let texts = dist.join(TEXTS_DIR);
    let folder = texts.join(id);
    let core = read_part(&folder, CORE_FILE)?;
    let core = jikji_engine::Index::open(core.as_slice()).context("the split core")?;
    for block in core.blocks() {
        if matches!(block, jikji_engine::Block::Addresses(_)) {
            core.add_block(block, &read_part(&folder, &block.file_name())?)
                .with_context(|| format!("{} of the split index", block.file_name()))?;
        }
    }
    let chunks = texts.join(CHUNKS_DIR);
    std::fs::create_dir_all(&chunks).with_context(|| format!("creating {}", chunks.display()))?;
    for number in 0..core.text_chunk_count() {
        let from = folder.join(jikji_engine::text_chunk_file_name(number));
        let address = core
            .text_chunk_address(number)
            .context("a text chunk the core does not list")?;
        std::fs::rename(&from, chunks.join(&address))
            .with_context(|| format!("moving {} to {}", from.display(), chunks.display()))?;
    }
    Ok(core.text_chunk_count())
}

/// Moves the parts `write_index` wrote in `dist/texts/<id>/` into one archive file there
/// (`index.archive`, read with HTTP Range requests) and makes the page, boot.js and embed.js
/// read it. Returns what was written.
pub fn publish_as_archive(dist: &Path, (id, archive_id): (&str, &str)) -> Result<ArchiveFile> {
    let parts = read_parts(dist, id)?;
    let folder = dist.join(TEXTS_DIR).join(id);
    let written = write_archive(&parts, id, &folder.join(SITE_ARCHIVE_FILE))?;
    for name in parts.keys() {
        std::fs::remove_file(folder.join(name))
            .with_context(|| format!("removing {}", folder.join(name).display()))?;
    }
    let html = std::fs::read_to_string(dist.join("index.html")).context("reading index.html")?;
    let boot = std::fs::read_to_string(dist.join(BOOT_JS)).context("reading boot.js")?;
    write_boot(dist, &find_assets(&boot)?, Some((id, written.head)))?;
    write_embed(dist, (id, archive_id), Some(written.head))?;
    let marked = html.replacen(
        &format!("data-jikji-index=\"{id}\""),
        &format!(
            "data-jikji-index=\"{id}\" data-jikji-archive=\"{}\"",
            written.head
        ),
        1,
    );
    std::fs::write(dist.join("index.html"), marked).context("writing index.html")?;
    Ok(written)
}

/// Writes the single file `out` (see the module doc): the index's parts inside it, or, above
/// `max_parts` bytes of them, in an archive file beside it (`out` with the extension
/// `archive`).
pub fn bundle(
    dist: &Path,
    (id, archive_id): (&str, &str),
    out: &Path,
    max_parts: usize,
) -> Result<Bundle> {
    let read = |name: &str| {
        std::fs::read(dist.join(name))
            .with_context(|| format!("reading {}", dist.join(name).display()))
    };
    let index_html = String::from_utf8(read("index.html")?).context("index.html is not UTF-8")?;
    let boot = std::fs::read_to_string(dist.join(BOOT_JS)).unwrap_or_default();
    let assets = find_assets(&format!("{index_html}\n{boot}"))?;
    let glue = read(&assets.glue)?;
    let wasm = read(&assets.wasm)?;
    if !wasm.starts_with(b"\0asm") {
        bail!("{} is not a wasm module", assets.wasm);
    }
    let mut styles = String::new();
    for css in &assets.styles {
        styles.push_str(&String::from_utf8_lossy(&read(css)?));
    }
    let packed = gzip(&wasm)?;
    let b64 = base64::engine::general_purpose::STANDARD;
    let parts = read_parts(dist, id)?;
    let parts_size: usize = parts.values().map(Vec::len).sum();
    let archive = (parts_size > max_parts).then(|| out.with_extension("archive"));
    let head = index_html
        .split("<link rel=\"stylesheet\"")
        .next()
        .unwrap_or_default();
    // The single file has no boot.js beside it: its own loader starts the app.
    let mut page =
        String::with_capacity(packed.len() * 4 / 3 + glue.len() * 4 / 3 + styles.len() + 4096);
    page.push_str(head.trim_end());
    let _ = write!(
        page,
        "\n  <style>{}</style>\n</head>\n",
        styles.replace("</style", "<\\/style")
    );
    page.push_str(&with_index_mark(BODY, id, archive_id)?);
    let _ = write!(
        page,
        "<script type=\"module\">\nconst GLUE = \"data:text/javascript;base64,{}\";\n{ARCHIVE_JS}{}</script>\n",
        b64.encode(&glue),
        LOADER
    );
    let _ = writeln!(
        page,
        "<script type=\"application/octet-stream\" id=\"jikji-wasm\">{}</script>",
        b64.encode(&packed)
    );
    page.push_str(&parts_script(id, &parts, archive.as_deref())?);
    std::fs::write(out, &page).with_context(|| format!("writing {}", out.display()))?;
    Ok(match archive {
        Some(archive) => {
            let size = write_archive(&parts, id, &archive)?.size;
            Bundle::WithArchive(page.len(), archive, size)
        }
        None => {
            // An earlier build's archive file would only mislead.
            let _ = std::fs::remove_file(out.with_extension("archive"));
            Bundle::OneFile(page.len())
        }
    })
}

/// The single file's last script and its end: where the index's parts are, the `archive` file
/// beside it (its name, asked for by the page) or the `parts` themselves, base64-encoded.
fn parts_script(
    id: &str,
    parts: &std::collections::BTreeMap<String, Vec<u8>>,
    archive: Option<&Path>,
) -> Result<String> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let script = match archive {
        Some(archive) => {
            let name = archive
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            format!(
                "<script type=\"application/json\" id=\"jikji-archive\">{}</script>",
                serde_json::json!({ "index": id, "file": name })
            )
        }
        None => {
            let encoded: std::collections::BTreeMap<&String, String> = parts
                .iter()
                .map(|(name, bytes)| (name, b64.encode(bytes)))
                .collect();
            format!(
                "<script type=\"application/json\" id=\"jikji-parts\">{}</script>",
                serde_json::to_string(&encoded)?
            )
        }
    };
    Ok(format!("{script}\n</body>\n</html>\n"))
}

/// The single file's `<body>` up to its scripts: the app's element, with a line saying that
/// it is opening (the loader writes its progress there).
const BODY: &str = include_str!("../../../www/package/body.html");

/// The reader of archive files (`www/archive.js`), inlined where a page reads one.
const ARCHIVE_JS: &str = include_str!("../../../www/archive.js");

/// Decodes the packed wasm in slices (showing progress), unpacks it with the browser's
/// DecompressionStream, and starts the app; any failure is shown in place of the app. The
/// parts of the index are in the page, or in an archive file the reader is asked for (read a
/// part at a time with `Blob.slice`).
const LOADER: &str = include_str!("../../../www/package/loader.js");

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(names: &[&str]) -> std::collections::BTreeMap<String, Vec<u8>> {
        names
            .iter()
            .map(|n| (n.to_string(), n.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn a_template_is_filled_once_and_a_name_alone_on_its_line_takes_the_line() {
        let template = "import x from './{glue}';\n{reader}\nrun({ at: '{id}', y: {z} });\n";
        let filled = |reader| {
            fill(
                template,
                &[("glue", "a{id}.js"), ("id", "7"), ("reader", reader)],
            )
        };
        assert_eq!(
            filled(""),
            "import x from './a{id}.js';\nrun({ at: '7', y: {z} });\n"
        );
        assert_eq!(
            filled("read();\n"),
            "import x from './a{id}.js';\nread();\nrun({ at: '7', y: {z} });\n"
        );
    }

    #[test]
    fn an_archive_lists_each_part_where_its_bytes_are() {
        let parts = parts(&["core.bin", "d0.bin", "d1.bin", "t0.bin", "t1.bin", "t2.bin"]);
        let file = std::env::temp_dir().join(format!("jikji-archive-{}", std::process::id()));
        let written = write_archive(&parts, "0123456789abcdef", &file).unwrap();
        let bytes = std::fs::read(&file).unwrap();
        std::fs::remove_file(&file).unwrap();
        assert_eq!(written.size, bytes.len());
        let length = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
        let header: serde_json::Value = serde_json::from_slice(&bytes[12..12 + length]).unwrap();
        let base = 12 + length;
        assert_eq!(&bytes[base..written.head], b"core.bin");
        // The parts in order, each at the page's start plus the lengths before it.
        let directory = base + header["directory"].as_u64().unwrap() as usize;
        let mut at = base + header["pageStarts"][0].as_u64().unwrap() as usize;
        let mut found = Vec::new();
        for n in 0..header["parts"].as_u64().unwrap() as usize {
            let entry = &bytes[directory + 4 * n..directory + 4 * n + 4];
            let length = u32::from_le_bytes(entry.try_into().unwrap()) as usize;
            found.push(String::from_utf8(bytes[at..at + length].to_vec()).unwrap());
            at += length;
        }
        assert_eq!(found, ["d0.bin", "d1.bin", "t0.bin", "t1.bin", "t2.bin"]);
        assert_eq!(
            header["kinds"],
            serde_json::json!({"d": [0, 2], "t": [2, 3]})
        );
    }

    #[test]
    fn an_archive_refuses_parts_numbered_with_a_gap() {
        let parts = parts(&["core.bin", "t0.bin", "t2.bin"]);
        let error = archive_order(&parts).map(|_| ()).unwrap_err();
        assert!(error.to_string().contains("not numbered 0 to 1"), "{error}");
    }

    #[test]
    fn scopes_page_selectors_to_the_element() {
        let css = scope_css(
            ":root { color: red; }\nhtml { margin: 0; }\nbody { margin: 0; }\n.a { x: y; }",
        );
        assert!(css.starts_with("@scope (.jikji-embed) {"));
        assert!(!css.contains(":root") && !css.contains("\nhtml {") && !css.contains("\nbody {"));
        assert_eq!(css.matches(":scope {").count(), 3);
    }

    #[test]
    fn repeats_the_text_field_rules_outside_the_scope() {
        let css = scope_css(
            "/* a { } */\n.search input { color: red; }\n.sort, .dates input:focus { x: y; }\n\
             .input-like { a: b; }\n[data-input] { c: d; }\n@media (max-width: 9px) { input { e: f; } }",
        );
        let (scoped, after) = css.split_once("\n}\n").unwrap();
        assert!(scoped.contains(".search input { color: red; }"));
        assert_eq!(
            after
                .lines()
                .filter(|l| !l.starts_with("/*"))
                .collect::<Vec<_>>(),
            [
                ".jikji-embed .search input { color: red; }",
                ".jikji-embed .dates input:focus { x: y; }",
            ]
        );
    }

    #[test]
    fn finds_trunks_hashed_assets() {
        let html = r#"<link rel="stylesheet" href="./style-99.css" integrity="x"/>
<script type="module">
import init, * as bindings from './jikji-app-ab.js';
const wasm = await init({ module_or_path: './jikji-app-ab_bg.wasm' });
</script>"#;
        let assets = find_assets(html).unwrap();
        assert_eq!(assets.glue, "jikji-app-ab.js");
        let boot = "import init from './jikji-app-ab.js';\nawait init({ module_or_path: new URL('./jikji-app-ab_bg.wasm', import.meta.url) });";
        let again = find_assets(&format!(
            "<link rel=\"stylesheet\" href=\"./style-99.css\"/>\n{boot}"
        ))
        .unwrap();
        assert_eq!(
            (again.glue.as_str(), again.wasm.as_str()),
            ("jikji-app-ab.js", "jikji-app-ab_bg.wasm")
        );
        assert_eq!(assets.wasm, "jikji-app-ab_bg.wasm");
        assert_eq!(assets.styles, ["style-99.css"]);
    }
}
