#!/usr/bin/env bash
# Korean matching of Jikji against Nori (Lucene) and Kiwi on the Wikinews corpus: noun recall
# and precision, known-item search with particles as written and swapped. See BENCHMARKS.md,
# "Korean matching against Nori and Kiwi".
#
#   bench/korean/run.sh                       # builds jikji (release) from this repository
#   bench/korean/run.sh --jikji PATH/jikji    # any jikji with `search --queries FILE --json`
#   bench/korean/run.sh --corpus FILE.jsonl   # another JSON Lines archive with ids
#   bench/korean/run.sh --out DIR             # results.md/.json elsewhere than bench/korean
#
# Sets up the references the first time (bench/korean/setup.sh: a few minutes), caches their
# analyses and answers under target/korean-eval, prints the figures and writes
# bench/korean/results.md and results.json.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$REPO/target}"
JIKJI=""
CORPUS="${JIKJI_WIKINEWS:-$REPO/../shared/corpus/wikinews/wikinews_ko.jsonl}"
OUT="$HERE"
EXTRA=()

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "run.sh: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
    case "$1" in
        --jikji) [ $# -ge 2 ] || die "--jikji needs a path"; JIKJI="$2"; shift 2 ;;
        --corpus) [ $# -ge 2 ] || die "--corpus needs a file"; CORPUS="$2"; shift 2 ;;
        --out) [ $# -ge 2 ] || die "--out needs a folder"; OUT="$2"; shift 2 ;;
        --resample) EXTRA+=(--resample); shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done

[ -f "$CORPUS" ] || die "no corpus at $CORPUS (the Wikinews JSON Lines; set --corpus or JIKJI_WIKINEWS)"

if [ -z "$JIKJI" ]; then
    echo "run.sh: cargo build --release -p jikji-cli ..." >&2
    (cd "$REPO" && cargo build --release -q -p jikji-cli) || die "cargo build failed"
    JIKJI="$TARGET/release/jikji"
    # The code the binary is built from: the last commit that changed the crates, and whether
    # they have uncommitted changes.
    VERSION="built from $(cd "$REPO" && git log -1 --format=%h -- crates Cargo.toml Cargo.lock)$(cd "$REPO" && git diff --quiet HEAD -- crates Cargo.toml Cargo.lock || echo ' + uncommitted changes')"
else
    [ -x "$JIKJI" ] || die "--jikji $JIKJI: not an executable file"
    JIKJI="$(cd "$(dirname "$JIKJI")" && pwd)/$(basename "$JIKJI")"
    VERSION="given with --jikji"
fi
"$JIKJI" search --help 2>/dev/null | grep -q -- '--queries' \
    || die "$JIKJI has no \`search --queries FILE\` (the batch mode this evaluation needs)"

"$HERE/setup.sh" "$TARGET/korean-ref"
"$TARGET/korean-ref/venv/bin/python" "$HERE/test_eval.py" -q 2>/dev/null \
    || { "$TARGET/korean-ref/venv/bin/python" "$HERE/test_eval.py"; die "eval.py's own tests fail"; }

exec "$TARGET/korean-ref/venv/bin/python" "$HERE/eval.py" \
    --jikji "$JIKJI" --jikji-version "$VERSION" --corpus "$CORPUS" \
    --ref "$TARGET/korean-ref" --cache "$TARGET/korean-eval" --out "$OUT" \
    --lucene-version "$(cat "$TARGET/korean-ref/lucene/VERSION" 2>/dev/null || echo '?')" \
    ${EXTRA[@]+"${EXTRA[@]}"}
