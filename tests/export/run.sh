#!/usr/bin/env bash
# The export formats read back by third-party parsers: `jikji search --format` writes every
# format for the seed corpus and the articles of tests/export/archive/ (a title that is a
# spreadsheet formula, LaTeX's special characters, a body that looks like RIS and BibTeX), and
# check.py reads each back (csv, jsonschema with the CSL schema, citeproc-py, rispy,
# bibtexparser with pylatexenc) and holds it to `jikji ingest --json`.
#
#   tests/export/run.sh [JIKJI]
#
# JIKJI is the jikji binary (default: the release build, built here if need be; `./run test`
# runs this after the app's build, which made it). The parsers are installed from PyPI
# (requirements.txt) into a virtualenv under the cargo target folder, once; a changed
# requirements.txt makes it again. JIKJI_EXPORT_DIR=DIR keeps the exports in DIR (else a
# temporary folder, removed). Needs python3 with venv.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$REPO/target}"
VENV="$TARGET/export-venv"

die() { echo "tests/export/run.sh: $*" >&2; exit 1; }

if ! cmp -s "$HERE/requirements.txt" "$VENV/requirements.txt"; then
    echo "tests/export/run.sh: installing the parsers into $VENV ..." >&2
    rm -rf "$VENV"
    python3 -m venv "$VENV" || die "python3 -m venv failed (apt-get install python3-venv)"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt" >&2 \
        || die "pip install -r requirements.txt failed"
    cp "$HERE/requirements.txt" "$VENV/requirements.txt"
fi

JIKJI="${1:-}"
if [ -z "$JIKJI" ]; then
    (cd "$REPO" && cargo build -q --release -p jikji-cli)
    JIKJI="$TARGET/release/jikji"
fi

if [ -n "${JIKJI_EXPORT_DIR:-}" ]; then
    WORK="$JIKJI_EXPORT_DIR"
    rm -rf "$WORK/archive"
    mkdir -p "$WORK"
else
    WORK="$(mktemp -d)"
    trap 'rm -rf "$WORK"' EXIT
fi
mkdir "$WORK/archive"
cp "$REPO"/corpus/* "$HERE"/archive/* "$WORK/archive/"

# Every export of the empty query (all articles), side by side.
search() { "$JIKJI" search --corpus "$WORK/archive" --accessed 2026-12-07 "$@" ""; }
"$JIKJI" ingest --json "$WORK/archive" > "$WORK/articles.json" 2>/dev/null &
search --format csv > "$WORK/export.csv" &
search --format jsonl > "$WORK/export.jsonl" &
search --format csljson > "$WORK/export.json" &
search --format ris > "$WORK/export.ris" &
search --format bibtex > "$WORK/export.bib" &
search --format csv --full-text > "$WORK/full.csv" &
search --format jsonl --full-text > "$WORK/full.jsonl" &
search --format ris --full-text > "$WORK/full.ris" &
search --format bibtex --full-text > "$WORK/full.bib" &
for job in $(jobs -p); do
    wait "$job" || die "jikji failed"
done

"$VENV/bin/python" "$HERE/check.py" "$WORK"
