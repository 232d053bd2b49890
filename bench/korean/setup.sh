#!/usr/bin/env bash
# Sets up the two reference analyzers of the Korean evaluation in REF_DIR (default:
# target/korean-ref of this repository), once; later runs find them and return at once.
#
#   Nori: Lucene 8 with its Korean analyzer, from Debian's liblucene8-java package
#         (apt-get download + dpkg -x: no root needed, nothing installed system-wide).
#         Set JIKJI_LUCENE_DEB to use a .deb downloaded before.
#   Kiwi: kiwipiepy and its model (inside the wheel) from PyPI, in a virtualenv.
#
# Needs: java 11 or later, python3 with venv, apt-get and dpkg (Debian or Ubuntu).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REF="${1:-${CARGO_TARGET_DIR:-$REPO/target}/korean-ref}"
LUCENE_VERSION=8.8.1-4
KIWI=(kiwipiepy==0.24.1 kiwipiepy-model==0.24.0)

die() { echo "setup.sh: $*" >&2; exit 1; }
mkdir -p "$REF"

# Java, for the Nori side (a single-file program needs Java 11+).
command -v java >/dev/null || die "java is not installed (apt-get install openjdk-17-jre-headless)"
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
[ "${java_major:-0}" -ge 11 ] || die "java ${java_major:-?} is too old; NoriRef.java needs 11 or later"

# Lucene and Nori.
if ! ls "$REF"/lucene/usr/share/java/lucene-analyzers-nori-*.jar >/dev/null 2>&1; then
    deb="${JIKJI_LUCENE_DEB:-}"
    if [ -z "$deb" ]; then
        deb=$(ls "$REF"/liblucene8-java_*_all.deb 2>/dev/null | head -1 || true)
    fi
    if [ -z "$deb" ]; then
        echo "setup.sh: downloading liblucene8-java $LUCENE_VERSION (Debian) ..." >&2
        command -v apt-get >/dev/null || die "apt-get is missing: download liblucene8-java_${LUCENE_VERSION}_all.deb yourself and set JIKJI_LUCENE_DEB"
        # apt-get download writes into the current directory.
        if ! (cd "$REF" && apt-get download "liblucene8-java=$LUCENE_VERSION" >&2); then
            echo "setup.sh: version $LUCENE_VERSION is not in the apt lists; trying the one that is (the figures may differ from the committed ones)" >&2
            (cd "$REF" && apt-get download liblucene8-java >&2) \
                || die "apt-get download liblucene8-java failed (try: sudo apt-get update)"
        fi
        deb=$(ls "$REF"/liblucene8-java_*_all.deb | head -1)
    fi
    [ -f "$deb" ] || die "$deb: no such file"
    rm -rf "$REF/lucene"
    dpkg -x "$deb" "$REF/lucene" || die "dpkg -x $deb failed"
    ls "$REF"/lucene/usr/share/java/lucene-analyzers-nori-*.jar >/dev/null 2>&1 \
        || die "$deb holds no lucene-analyzers-nori jar"
    basename "$deb" | sed 's/^liblucene8-java_\(.*\)_all.deb$/\1/' > "$REF/lucene/VERSION"
    echo "setup.sh: Lucene from $(basename "$deb") in $REF/lucene" >&2
fi

# Kiwi.
if ! "$REF/venv/bin/python" -c "import kiwipiepy" >/dev/null 2>&1; then
    echo "setup.sh: installing ${KIWI[*]} into $REF/venv ..." >&2
    rm -rf "$REF/venv"
    python3 -m venv "$REF/venv" || die "python3 -m venv failed (apt-get install python3-venv)"
    "$REF/venv/bin/pip" install --quiet "${KIWI[@]}" >&2 || die "pip install ${KIWI[*]} failed"
    "$REF/venv/bin/python" -c "import kiwipiepy" || die "kiwipiepy does not import"
fi
