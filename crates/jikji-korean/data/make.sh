#!/usr/bin/env bash
# Regenerates the lexicon (lexicon.fst, contexts.tsv, connections.tsv, matrix.bin.gz) from the dictionary of Lucene's Nori
# analyzer — mecab-ko-dic, Apache-2.0 — as Debian packages it (liblucene8-java). Needs Java 17,
# Python 3 and apt-get (no Maven). The outputs are committed; building Jikji never runs this.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="${JIKJI_LEXICON_WORK:-$HERE/../../../target/lexicon-work}"
mkdir -p "$WORK"
cd "$WORK"
if [ ! -d lucene/usr/share/java ]; then
  apt-get download liblucene8-java
  dpkg -x liblucene8-java_*.deb lucene
fi
CP="lucene/usr/share/java/*"
mkdir -p classes
javac -cp "$CP" -d classes "$HERE/NoriExport.java"
java -cp "classes:$CP" org.apache.lucene.analysis.ko.dict.NoriExport entries.tsv "$HERE/connections.tsv" matrix.bin
gzip -9 -n -c matrix.bin > "$HERE/matrix.bin.gz"
python3 "$HERE/reduce.py" entries.tsv lexicon.tsv
cd "$HERE/.."
cargo run -q --release --example build_lexicon -- "$WORK/lexicon.tsv" "$HERE/lexicon.fst" "$HERE/contexts.tsv"
ls -l "$HERE/lexicon.fst" "$HERE/contexts.tsv" "$HERE/connections.tsv" "$HERE/matrix.bin.gz"
