#!/usr/bin/env python3
"""Korean matching of Jikji against two reference analyzers, Nori and Kiwi.

Run it through bench/korean/run.sh, which sets up the references (bench/korean/setup.sh) and
builds Jikji. What it measures (see BENCHMARKS.md, "Korean matching against Nori and Kiwi"):

1. Noun sets. For each noun of bench/korean/nouns.tsv (Hangul nouns of two or more syllables
   that both analyzers tag NNG or NNP somewhere in the corpus), the articles where Nori sees
   it as a noun token and those where Kiwi does are the references. A system's result set is
   scored with
       recall    = |system ∩ (Nori ∩ Kiwi)| / |Nori ∩ Kiwi|
       precision = |system ∩ (Nori ∪ Kiwi)| / |system|
   micro-averaged over the nouns (sums over all nouns, then one division), over two samples
   of nouns: nouns.tsv, spread evenly over frequency classes, and nouns_random.tsv, drawn
   uniformly from the same candidates (as a held-out check draws them: mostly rare nouns,
   the ones where similar spellings come into play). A system's set is every article its
   query returns, what its total counts (Jikji: variants merged where a word finds nothing,
   aliases, compounds; its offers of similar words are not counted unless taken, and the
   figure with every offer taken is reported apart). The systems are
   Jikji (`jikji search --queries`), Nori as a search engine (a Lucene index with
   KoreanAnalyzer, every term of the analysed noun required) and Kiwi as a search engine (the
   articles whose Kiwi noun tokens include every noun token of Kiwi's analysis of the noun).

2. Known items. For a fixed sample of articles, three nouns that carry a particle in the
   article's text (중관춘에서) make two queries: the three words as written, and the three
   nouns each with another particle (중관춘으로). Figure: the share of queries whose article
   ranks first, and in the top 10. Jikji answers with its own ranking; Nori with Lucene's BM25
   over KoreanAnalyzer terms, any term matching (a BooleanQuery of SHOULD clauses, what
   Elasticsearch's match query does); Kiwi with the same BM25 formula over Kiwi's content
   tokens, computed here.

The reference analyses and the reference systems' answers depend only on the corpus and the
query files, so they are cached (under --cache); only Jikji runs every time.
"""

import argparse
import bisect
import collections
import functools
import hashlib
import json
import math
import random
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The seed of every sample; changing it changes nouns.tsv and the known-item files.
SEED = 16
NOUN_SAMPLE = 400
# The seed of the uniform sample (nouns_random.tsv); any other than SEED.
UNIFORM_SEED = 28
KNOWN_ITEM_SAMPLE = 300
NOUN_TAGS = {"NNG", "NNP"}

# The particles a swapped query chooses from, by group: (after a final consonant, after a
# vowel). 으로/로 has a third case, handled in particle_form: 로 after the final ㄹ (서울로).
PARTICLE_GROUPS = [
    ("은", "는"),
    ("이", "가"),
    ("을", "를"),
    ("의", "의"),
    ("에", "에"),
    ("에서", "에서"),
    ("으로", "로"),
    ("과", "와"),
    ("도", "도"),
]
# Every particle form, longest first, so 에서 is tried before 에 and 으로 before 로.
PARTICLE_FORMS = sorted({f for g in PARTICLE_GROUPS for f in g}, key=len, reverse=True)


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def is_hangul(word):
    """True when every character is a precomposed Hangul syllable."""
    return bool(word) and all("가" <= c <= "힣" for c in word)


def final_consonant(syllable):
    """The index (1..27) of the syllable's final consonant, 0 when it has none."""
    return (ord(syllable) - 0xAC00) % 28


def particle_form(noun, group):
    """The form of a particle group that follows `noun` (the 받침 rule)."""
    after_consonant, after_vowel = group
    final = final_consonant(noun[-1])
    if group == ("으로", "로") and final == 8:  # ㄹ: 서울로, not 서울으로
        return "로"
    return after_consonant if final else after_vowel


def group_of(particle):
    return next(g for g in PARTICLE_GROUPS if particle in g)


def sha256(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode())
        h.update(b"\0")
    return h.hexdigest()[:16]


# ---------------------------------------------------------------------------------------
# The corpus

def load_corpus(path):
    """The articles of a JSON Lines file: [{"id", "text"}]. An article's text is what Jikji
    searches: its title, a newline, its body, and its source on a last line (Jikji's index
    holds the source in the body field, so all three systems see it)."""
    articles = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                a = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}: line {n} is not JSON: {e}")
            if "id" not in a or "body" not in a:
                sys.exit(f"{path}: line {n} has no id or body (the evaluation needs both)")
            text = (a.get("title") or "") + "\n" + a["body"]
            if a.get("source"):
                text += "\n" + a["source"]
            articles.append({"id": a["id"], "text": text})
    if not articles:
        sys.exit(f"{path}: no article")
    return articles


def check_jikji_ids(jikji, corpus, articles):
    """Jikji must see the same articles under the same ids, or no figure means anything."""
    out = subprocess.run([jikji, "ingest", "--json", str(corpus)], capture_output=True)
    if out.returncode != 0:
        sys.exit(f"`{jikji} ingest --json {corpus}` failed:\n{out.stderr.decode()}")
    seen = [a["id"] for a in json.loads(out.stdout)]
    ours = [a["id"] for a in articles]
    if seen != ours:
        missing = sorted(set(ours) - set(seen))[:5]
        extra = sorted(set(seen) - set(ours))[:5]
        sys.exit(f"Jikji's ingest of {corpus} gives other article ids than the file holds "
                 f"(missing {missing}, extra {extra}); the evaluation matches hits by id")


def docs_tsv(articles):
    """The articles as NoriRef.java reads them: id, title, the rest of the text (body and
    source), with \\, tab, newline escaped."""
    def esc(s):
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    lines = []
    for a in articles:
        title, rest = a["text"].split("\n", 1)
        lines.append(f"{esc(a['id'])}\t{esc(title)}\t{esc(rest)}\n")
    return "".join(lines)


# ---------------------------------------------------------------------------------------
# The reference analyses (cached)

class Refs:
    """Where the references live and how to run them; caches their answers."""

    def __init__(self, ref_dir, cache_dir, articles):
        self.lucene_cp = str(ref_dir / "lucene" / "usr" / "share" / "java" / "*")
        self.cache = cache_dir
        self.cache.mkdir(parents=True, exist_ok=True)
        self.articles = articles
        # Every cached answer is keyed by the texts analysed (and the analyzer's code).
        docs = docs_tsv(articles)
        self.corpus_key = sha256(docs)
        self.nori_src = HERE / "NoriRef.java"
        self.docs_tsv = self.cache / f"docs-{self.corpus_key}.tsv"
        if not self.docs_tsv.exists():
            self.docs_tsv.write_text(docs, encoding="utf-8")
        self._kiwi = None

    def kiwi(self):
        if self._kiwi is None:
            from kiwipiepy import Kiwi  # installed by setup.sh into the venv
            self._kiwi = Kiwi()
        return self._kiwi

    def kiwi_version(self):
        import kiwipiepy
        return kiwipiepy.__version__

    def java(self, *args):
        cmd = ["java", "-cp", self.lucene_cp, str(self.nori_src), *map(str, args)]
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"NoriRef failed ({' '.join(cmd)}):\n{out.stderr}")

    def nori_tokens(self):
        """Per article, Nori's tokens: [(term, tag, start, end)] (cached)."""
        key = sha256(self.corpus_key, self.nori_src.read_bytes())
        path = self.cache / f"nori-tokens-{key}.tsv"
        if not path.exists():
            log("Nori: analysing the corpus (cached afterwards) ...")
            tmp = path.with_suffix(".tmp")
            self.java("analyze", self.docs_tsv, tmp)
            tmp.rename(path)
        docs = [[] for _ in self.articles]
        with open(path, encoding="utf-8") as f:
            for line in f:
                d, term, tag, start, end = line.rstrip("\n").split("\t")
                docs[int(d)].append((term, tag, int(start), int(end)))
        return docs

    def kiwi_tokens(self):
        """Per article, Kiwi's tokens: [(form, tag, start, end)] (cached)."""
        key = sha256(self.corpus_key, self.kiwi_version(), "kiwi-tokens-1")
        path = self.cache / f"kiwi-tokens-{key}.json"
        if not path.exists():
            log("Kiwi: analysing the corpus (cached afterwards) ...")
            kiwi = self.kiwi()
            docs = [[(t.form, t.tag, t.start, t.start + t.len) for t in kiwi.tokenize(a["text"])]
                    for a in self.articles]
            path.write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
        return [[tuple(t) for t in doc] for doc in json.loads(path.read_text(encoding="utf-8"))]

    def nori_search(self, queries, mode, top):
        """Nori (Lucene + KoreanAnalyzer) answers: {id: (total, terms, [hit ids])} (cached)."""
        text = "".join(f"{qid}\t{q}\n" for qid, q in queries)
        key = sha256(self.corpus_key, self.nori_src.read_bytes(), text, mode, top)
        path = self.cache / f"nori-search-{key}.tsv"
        if not path.exists():
            log(f"Nori: searching {len(queries)} queries ({mode}) (cached afterwards) ...")
            qpath = self.cache / f"queries-{key}.tsv"
            qpath.write_text(text, encoding="utf-8")
            tmp = path.with_suffix(".tmp")
            self.java("search", self.docs_tsv, qpath, mode, top, tmp)
            tmp.rename(path)
        answers = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                qid, total, terms, hits = line.rstrip("\n").split("\t")
                answers[qid] = (int(total), terms.split(), hits.split())
        return answers

    def kiwi_analyse_queries(self, queries):
        """Kiwi's tokens of each query string: {query: [(form, tag)]} (cached)."""
        key = sha256(self.kiwi_version(), "\n".join(sorted(set(queries))), "kiwi-queries-1")
        path = self.cache / f"kiwi-queries-{key}.json"
        if not path.exists():
            kiwi = self.kiwi()
            out = {q: [(t.form, t.tag) for t in kiwi.tokenize(q)] for q in sorted(set(queries))}
            path.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
        return {q: [tuple(t) for t in ts]
                for q, ts in json.loads(path.read_text(encoding="utf-8")).items()}


# ---------------------------------------------------------------------------------------
# Jikji

@functools.cache
def ungrouped(jikji):
    """`--no-group` where the binary groups the versions of a reprinted story into one hit
    (the evaluation counts articles: every one its own hit), else nothing."""
    out = subprocess.run([jikji, "search", "--help"], capture_output=True)
    return ["--no-group"] if b"--no-group" in out.stdout else []


def jikji_batch(jikji, corpus, queries, limit, cache, name):
    """Runs `jikji search --queries FILE --json --limit N --corpus CORPUS`; returns
    ({id: (total, [hit ids], [matched words per hit], [suggestions])}, seconds)."""
    qpath = cache / f"jikji-{name}.tsv"
    qpath.write_text("".join(f"{qid}\t{q}\n" for qid, q in queries), encoding="utf-8")
    cmd = [jikji, "search", "--queries", str(qpath), "--json", "--limit", str(limit),
           "--corpus", str(corpus)] + ungrouped(jikji)
    start = time.monotonic()
    out = subprocess.run(cmd, capture_output=True)
    seconds = time.monotonic() - start
    if out.returncode != 0:
        sys.exit(f"`{' '.join(cmd)}` failed:\n{out.stderr.decode(errors='replace')}")
    answers = {}
    for n, line in enumerate(out.stdout.decode().splitlines(), 1):
        try:
            v = json.loads(line)
        except json.JSONDecodeError as e:
            sys.exit(f"{' '.join(cmd)}: output line {n} is not JSON ({e}); does this jikji "
                     f"print JSON Lines for --queries?")
        hits = v["hits"]
        if len(hits) < min(v["total"], limit):
            sys.exit(f"jikji: query {v['id']} has total {v['total']} but {len(hits)} hits")
        answers[v["id"]] = (v["total"], [h["id"] for h in hits],
                            [h.get("matched") or [] for h in hits], v.get("suggestions") or [])
    expected = [qid for qid, _ in queries]
    if list(answers) != expected:
        sys.exit(f"jikji answered {len(answers)} queries, not the {len(expected)} asked, "
                 f"in order")
    return answers, seconds


# ---------------------------------------------------------------------------------------
# Noun sets

def token_docs(tokens, tags=None):
    """{token: set of article indexes} over the tokens of every article (those tagged with
    one of `tags`, when given)."""
    out = collections.defaultdict(set)
    for d, doc in enumerate(tokens):
        for form, tag, *_ in doc:
            if tags is None or tag in tags:
                out[form].add(d)
    return out


def sample_nouns(nori_nouns, kiwi_nouns):
    """400 Hangul nouns of 2+ syllables both analyzers tag as nouns, spread over frequencies:
    the candidates fall in buckets by the number of articles where either sees them (1, 2-3,
    4-7, 8-15, ...), and each bucket gives an equal share (a small bucket gives all it has,
    its unused share going to the others), drawn with a fixed seed."""
    candidates = sorted(w for w in set(nori_nouns) & set(kiwi_nouns)
                        if len(w) >= 2 and is_hangul(w))
    buckets = collections.defaultdict(list)
    for w in candidates:
        df = len(nori_nouns[w] | kiwi_nouns[w])
        buckets[int(math.log2(df))].append(w)
    rng = random.Random(SEED)
    chosen, left = [], NOUN_SAMPLE
    order = sorted(buckets, key=lambda b: len(buckets[b]))  # smallest first
    for i, b in enumerate(order):
        share = left // (len(order) - i)
        take = rng.sample(buckets[b], min(share, len(buckets[b])))
        chosen += take
        left -= len(take)
    return sorted(chosen), len(candidates)


def read_or_write_nouns(path, nori_nouns, kiwi_nouns, resample):
    if path.exists() and not resample:
        nouns = [l.split("\t")[0] for l in path.read_text(encoding="utf-8").splitlines()[1:] if l]
        return nouns, None
    nouns, candidates = sample_nouns(nori_nouns, kiwi_nouns)
    with open(path, "w", encoding="utf-8") as f:
        f.write("noun\tnori_articles\tkiwi_articles\tboth_articles\n")
        for w in nouns:
            n, k = nori_nouns[w], kiwi_nouns[w]
            f.write(f"{w}\t{len(n)}\t{len(k)}\t{len(n & k)}\n")
    log(f"wrote {path} ({len(nouns)} of {candidates} candidate nouns)")
    return nouns, candidates


def sample_nouns_uniform(nori_nouns, kiwi_nouns):
    """400 of the same candidates as sample_nouns, drawn uniformly (most are rare)."""
    candidates = sorted(w for w in set(nori_nouns) & set(kiwi_nouns)
                        if len(w) >= 2 and is_hangul(w))
    return sorted(random.Random(UNIFORM_SEED).sample(candidates, NOUN_SAMPLE)), len(candidates)


def read_or_write_uniform(path, nori_nouns, kiwi_nouns, resample):
    if path.exists() and not resample:
        return [l.split("\t")[0] for l in path.read_text(encoding="utf-8").splitlines()[1:] if l]
    nouns, candidates = sample_nouns_uniform(nori_nouns, kiwi_nouns)
    with open(path, "w", encoding="utf-8") as f:
        f.write("noun\tnori_articles\tkiwi_articles\tboth_articles\n")
        for w in nouns:
            n, k = nori_nouns[w], kiwi_nouns[w]
            f.write(f"{w}\t{len(n)}\t{len(k)}\t{len(n & k)}\n")
    log(f"wrote {path} ({len(nouns)} of {candidates} candidate nouns, uniformly)")
    return nouns


def set_scores(results, nouns, both, either):
    """Micro recall and precision of {noun: set of article indexes}."""
    found = relevant = hits = correct = 0
    for w in nouns:
        got = results[w]
        found += len(got & both[w])
        relevant += len(both[w])
        hits += len(got)
        correct += len(got & either[w])
    return {"recall": found / relevant if relevant else None,
            "precision": correct / hits if hits else None,
            "relevant": relevant, "returned": hits, "returned_correct": correct,
            "relevant_found": found}


# A word: a run of Hangul, of digits, or of other letters, so spaces, punctuation and a
# change of script separate words ('중관춘'에서 gives 중관춘 and 에서, 1일부터 gives 1 and
# 일부터), as Jikji's tokenizer separates them.
WORD = re.compile(r"[가-힣ㄱ-ㅎㅏ-ㅣ]+|\d+|[^\W\d_가-힣ㄱ-ㅎㅏ-ㅣ]+")


def core_words(text):
    """The words of a text with their spans: [(word, start, end)]."""
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


def false_positives(name, results, nouns, either, words_of, jikji_matched=None,
                    query_terms=None):
    """The system's hits that neither reference holds, by noun and by the word of the article
    that holds the noun; each (noun, article) is classed by where the noun sits in that word.
    jikji_matched: {(noun, article): the words Jikji says matched}; query_terms: {noun: the
    terms a reference system searched for it}, shown when they are not the noun itself."""
    by_noun = collections.Counter()
    by_word = collections.defaultdict(collections.Counter)
    kinds = collections.Counter()
    for w in nouns:
        for d in sorted(results[w] - either[w]):
            by_noun[w] += 1
            containing = sorted({word for word, _, _ in words_of[d] if w in word})
            if not containing:
                # No word holds the noun: a fuzzy or alias match (Jikji says which word).
                matched = (jikji_matched or {}).get((w, d)) or ["?"]
                kinds["not in the text (a similar word, an alias, or other query terms "
                      "matched)"] += 1
                for m in matched:
                    by_word[w][f"~{m}"] += 1
                continue
            if w in containing:
                kinds["the word itself, which both analyzers read otherwise (대한 in 에 대한)"] += 1
            elif any(word.startswith(w) for word in containing):
                kinds["at the start of a longer word (비자 in 비자금을)"] += 1
            else:
                kinds["inside a longer word (비자 in 소비자)"] += 1
            for word in containing:
                by_word[w][word] += 1
    worst = [{"noun": w, "articles": n,
              "words": [[word, c] for word, c in by_word[w].most_common(4)],
              "query_terms": (query_terms or {}).get(w, [w])}
             for w, n in sorted(by_noun.items(), key=lambda x: (-x[1], x[0]))]
    return {"system": name, "pairs": sum(by_noun.values()), "kinds": dict(kinds.most_common()),
            "worst": worst}


def false_negatives(results, nouns, both, words_of):
    """The (noun, article) pairs both references hold that the system missed."""
    out = []
    for w in nouns:
        for d in sorted(both[w] - results[w]):
            words = sorted({word for word, _, _ in words_of[d] if w in word})
            out.append({"noun": w, "article": d, "words": words[:3]})
    return out


def offers_taken(jikji, corpus, queries, answers, limit, cache, name, index_of):
    """Jikji's sets with every offer of similar words taken (the query each offer names, as
    its button writes it): {query id: set of article indexes}, for the queries that had one;
    and the number of such queries."""
    taken = []
    for qid, q in queries:
        query = q
        for s in answers[qid][3]:
            if not s.get("merged") and s.get("query"):
                query = s["query"]
        if query != q:
            taken.append((qid, query))
    if not taken:
        return {}, 0
    out, _ = jikji_batch(jikji, corpus, taken, limit, cache, name)
    return {qid: {index_of[h] for h in out[qid][1]} for qid, _ in taken}, len(taken)


def uniform_sample_scores(args, refs, articles, index_of, nouns, tokens):
    """Recall and precision of the three systems on the uniform sample (see the module doc),
    Jikji's also with its offers taken, and its worst false positives there."""
    nori_nouns, kiwi_nouns, nori_any, kiwi_any, words_of = tokens
    both = {w: nori_any.get(w, set()) & kiwi_any.get(w, set()) for w in nouns}
    either = {w: nori_any.get(w, set()) | kiwi_any.get(w, set()) for w in nouns}
    queries = [(f"u{i + 1:03}", w) for i, w in enumerate(nouns)]
    limit = len(articles) + 1
    answers, _ = jikji_batch(args.jikji, args.corpus, queries, limit, args.cache, "uniform")
    jikji_sets, matched = {}, {}
    for qid, w in queries:
        _, hits, words, _ = answers[qid]
        jikji_sets[w] = {index_of[h] for h in hits}
        for h, m in zip(hits, words):
            matched[(w, index_of[h])] = m
    taken, offered = offers_taken(args.jikji, args.corpus, queries, answers, limit,
                                  args.cache, "uniform-taken", index_of)
    jikji_taken = {w: taken.get(qid, jikji_sets[w]) for qid, w in queries}
    nori_ans = refs.nori_search(queries, "and", len(articles))
    nori_sets = {w: {index_of[h] for h in nori_ans[qid][2]} for qid, w in queries}
    kiwi_q = refs.kiwi_analyse_queries(nouns)
    kiwi_sets = {}
    for w in nouns:
        parts = [f for f, tag in kiwi_q[w] if tag in NOUN_TAGS]
        kiwi_sets[w] = set.intersection(*(kiwi_nouns.get(p, set()) for p in parts)) \
            if parts else set()
    res = {"count": len(nouns), "relevant": sum(len(both[w]) for w in nouns),
           "with_offers": offered}
    for name, sets in (("jikji", jikji_sets), ("jikji_offers_taken", jikji_taken),
                       ("nori", nori_sets), ("kiwi", kiwi_sets)):
        res[name] = set_scores(sets, nouns, both, either)
    res["false_positives"] = false_positives("jikji", jikji_sets, nouns, either, words_of,
                                             jikji_matched=matched)
    return res


# ---------------------------------------------------------------------------------------
# Known items

def eligible_words(text, nori_doc, kiwi_doc):
    """The words of an article that are one noun plus one particle of PARTICLE_GROUPS, read
    so by both analyzers: Kiwi gives exactly [noun NNG/NNP, particle J*] for the word, Nori
    exactly [noun NNG/NNP] (its stop filter drops particles). [(noun, particle, word)]."""
    kiwi_starts = [t[2] for t in kiwi_doc]  # both lists are in text order
    nori_starts = [t[2] for t in nori_doc]

    def within(tokens, starts, s, e):
        return tokens[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]

    out = []
    for word, s, e in core_words(text):
        particle = next((p for p in PARTICLE_FORMS if word.endswith(p) and len(word) > len(p)),
                        None)
        if particle is None:
            continue
        noun = word[: -len(particle)]
        if len(noun) < 2 or not is_hangul(noun):
            continue
        # Kiwi: the noun, then the particle, nothing else inside the word.
        kiwi_word = within(kiwi_doc, kiwi_starts, s, e)
        if [(f, tag[:1]) for f, tag, _, _ in kiwi_word] != [(noun, "N"), (particle, "J")] \
                or kiwi_word[0][1] not in NOUN_TAGS:
            continue
        # Nori: the noun alone.
        nori_word = within(nori_doc, nori_starts, s, e)
        if [(t, tag in NOUN_TAGS) for t, tag, _, _ in nori_word] != [(noun, True)]:
            continue
        out.append((noun, particle, word))
    return out


def make_known_items(articles, nori_tokens, kiwi_tokens):
    """For a fixed sample of the articles with three distinct eligible nouns: three of them
    (a seeded draw), as written and with swapped particles. Returns two lists of
    (article id, query), in article order."""
    rng = random.Random(SEED)
    candidates = []
    for d, a in enumerate(articles):
        first = {}  # noun -> its first eligible (particle, word, position)
        for i, (noun, particle, word) in enumerate(
                eligible_words(a["text"], nori_tokens[d], kiwi_tokens[d])):
            first.setdefault(noun, (particle, word, i))
        if len(first) >= 3:
            candidates.append((d, first))
    sample = sorted(rng.sample(range(len(candidates)), min(KNOWN_ITEM_SAMPLE, len(candidates))))
    written, swapped = [], []
    for c in sample:
        d, first = candidates[c]
        nouns = sorted(rng.sample(sorted(first), 3), key=lambda n: first[n][2])
        written.append((articles[d]["id"], " ".join(first[n][1] for n in nouns)))
        words = []
        for n in nouns:
            own = group_of(first[n][0])
            other = rng.choice([g for g in PARTICLE_GROUPS if g != own])
            words.append(n + particle_form(n, other))
        swapped.append((articles[d]["id"], " ".join(words)))
    return written, swapped, len(candidates)


def read_queries(path):
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            qid, q = line.split("\t", 1)
            out.append((qid, q))
    return out


def write_queries(path, queries):
    path.write_text("".join(f"{qid}\t{q}\n" for qid, q in queries), encoding="utf-8")


# Kiwi's content tokens for BM25: what Nori's default stop filter keeps, in Kiwi's tags.
# Dropped: particles (J*), endings (E*), adverbs and determiners (MA*, MM), interjections (IC),
# prefixes and suffixes (XP*, XS*), punctuation and symbols (S* but SL, SH, SN), unknowns.
def kiwi_content(tag):
    return (tag.startswith(("NN", "NP", "NR", "VV", "VA", "VX", "VC", "XR", "W_"))
            or tag in ("SL", "SH", "SN"))


def kiwi_term(form, tag):
    return form.lower() if tag == "SL" else form


class Bm25:
    """Lucene's BM25 (k1 = 1.2, b = 0.75, idf = ln(1 + (N - df + 0.5) / (df + 0.5))), without
    Lucene's lossy length encoding. Ties rank in article order, as in Lucene."""

    def __init__(self, docs, k1=1.2, b=0.75):
        self.k1, self.b = k1, b
        self.n = len(docs)
        self.lengths = [len(d) for d in docs]
        self.avg = sum(self.lengths) / self.n
        self.postings = collections.defaultdict(dict)
        for d, terms in enumerate(docs):
            for t in terms:
                self.postings[t][d] = self.postings[t].get(d, 0) + 1

    def rank(self, terms, top):
        scores = collections.defaultdict(float)
        for t in terms:  # a repeated query term counts again, as a repeated Lucene clause
            post = self.postings.get(t)
            if not post:
                continue
            idf = math.log(1 + (self.n - len(post) + 0.5) / (len(post) + 0.5))
            for d, tf in post.items():
                norm = self.k1 * (1 - self.b + self.b * self.lengths[d] / self.avg)
                scores[d] += idf * tf / (tf + norm)
        return sorted(scores, key=lambda d: (-scores[d], d))[:top]


def known_item_scores(ranked, copies=None):
    """ranked: [(article id, [hit ids in rank order])] -> first and top-10 shares. `copies`:
    article id -> the ids of the articles with the same text (itself included); a copy of the
    known item counts as the item, as no ranking can tell two equal texts apart."""
    n = len(ranked)
    same = lambda aid: (copies or {}).get(aid, {aid})
    first = sum(1 for aid, hits in ranked if hits[:1] and hits[0] in same(aid))
    top10 = sum(1 for aid, hits in ranked if same(aid) & set(hits[:10]))
    return {"queries": n, "first": first / n, "top10": top10 / n}


def copies_of(articles):
    """Article id -> the ids of every article with the same text (title, body and source),
    itself included; only for articles that have a copy."""
    by_text = collections.defaultdict(set)
    for a in articles:
        by_text[a["text"]].add(a["id"])
    return {aid: ids for ids in by_text.values() if len(ids) > 1 for aid in ids}


def nouns_alone(written, swapped):
    """The known-item queries with their particles dropped: each word of a query as written
    and the same word swapped share the noun, and each ends in one of PARTICLE_FORMS.
    [(article id, query)]."""
    out = []
    for (aid, w), (aid2, sw) in zip(written, swapped):
        assert aid == aid2, "the two known-item files list the same articles in order"
        nouns = []
        for a, b in zip(w.split(), sw.split()):
            noun = next((a[:k] for k in range(len(a) - 1, 0, -1)
                         if a[:k] == b[:k] and a[k:] in PARTICLE_FORMS
                         and b[k:] in PARTICLE_FORMS), None)
            if noun is None:
                sys.exit(f"known item {aid}: {a} and {b} are not one noun with two particles")
            nouns.append(noun)
        out.append((aid, " ".join(nouns)))
    return out


# ---------------------------------------------------------------------------------------
# Report

def fmt(x):
    return "—" if x is None else f"{x:.3f}"


def report(res):
    t = res["targets"]
    rows = [("Jikji", res["nouns"]["jikji"], res["known_items"]["jikji"]),
            ("Nori", res["nouns"]["nori"], res["known_items"]["nori"]),
            ("Kiwi", res["nouns"]["kiwi"], res["known_items"]["kiwi"])]
    lines = [
        "| system | recall | precision | known item, as written: first | top 10 "
        "| swapped particles: first | top 10 | nouns alone: first | top 10 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s, k in rows:
        lines.append(f"| {name} | {fmt(s['recall'])} | {fmt(s['precision'])} "
                     f"| {fmt(k['written']['first'])} | {fmt(k['written']['top10'])} "
                     f"| {fmt(k['swapped']['first'])} | {fmt(k['swapped']['top10'])} "
                     f"| {fmt(k['alone']['first'])} | {fmt(k['alone']['top10'])} |")
    lines.append(f"| target (issue 28) | ≥ {t['recall']} | ≥ {t['precision']} "
                 f"| ≥ {t['written_first']} | | ≥ {t['swapped_first']} | "
                 f"| ≥ {t['alone_first']} | |")
    return "\n".join(lines)


def verdict(res):
    t, j = res["targets"], res["nouns"]["jikji"]
    k = res["known_items"]["jikji"]
    u = res["nouns_uniform"]["jikji"]
    checks = [
        ("recall", j["recall"], t["recall"]),
        ("precision", j["precision"], t["precision"]),
        ("recall, uniform sample", u["recall"], t["recall"]),
        ("precision, uniform sample", u["precision"], t["precision"]),
        ("known item as written, first", k["written"]["first"], t["written_first"]),
        ("known item swapped, first", k["swapped"]["first"], t["swapped_first"]),
        ("known item, nouns alone, first", k["alone"]["first"], t["alone_first"]),
    ]
    out = []
    for name, got, want in checks:
        out.append(f"- {name}: {fmt(got)} {'meets' if got is not None and got >= want else 'misses'}"
                   f" the target {want}")
    pairs = [("recall", "recall"), ("precision", "precision")]
    beats = all(j[a] is not None and j[a] > max(res["nouns"][s][a] or 0 for s in ("nori", "kiwi"))
                for a, _ in pairs)
    beats &= all(k[q]["first"] > max(res["known_items"][s][q]["first"] for s in ("nori", "kiwi"))
                 for q in ("written", "swapped"))
    out.append(f"- better than both Nori and Kiwi on all four figures at once: "
               f"{'yes' if beats else 'no'}")
    return "\n".join(out)


def markdown(res):
    m = res["meta"]
    fp = res["false_positives"]["jikji"]
    out = [
        "# Korean matching: Jikji against Nori and Kiwi",
        "",
        f"Written by `bench/korean/run.sh` on {m['date']} — Jikji binary `{m['jikji']}` "
        f"({m['jikji_version']}); corpus `{m['corpus_name']}` ({m['articles']} articles, "
        f"sha256 {m['corpus_sha256']}); Lucene {m['lucene']} KoreanAnalyzer (Nori), "
        f"kiwipiepy {m['kiwi']}. How it is measured: BENCHMARKS.md, \"Korean matching against "
        f"Nori and Kiwi\".",
        "",
        report(res),
        "",
        verdict(res),
        "",
        f"- Nori: {m['nori_setup']}.",
        f"- Kiwi: {m['kiwi_setup']}.",
        f"- Jikji: `jikji search --queries FILE --json --corpus CORPUS`, a noun alone as the "
        f"query, all hits (`--limit {m['articles'] + 1}`); known items: its top 10.",
        f"- References: the articles where the analyzer has the noun as a token, any tag. "
        f"Articles are title, body and source (Jikji searches the source with the body). "
        f"{res['nouns']['nori_query_not_one_token']} nouns are not one Nori term when "
        f"analysed alone, {res['nouns']['kiwi_query_not_the_noun']} not one Kiwi noun token.",
        "",
        f"Nouns: {res['nouns']['count']} (bench/korean/nouns.tsv); {res['nouns']['relevant']} "
        f"(noun, article) pairs both analyzers see, {res['nouns']['either']} either sees. "
        f"Known items: {res['known_items']['count']} articles "
        f"(bench/korean/known_items_written.tsv, known_items_swapped.tsv; nouns alone: the "
        f"same queries without their particles). {res['known_items']['with_a_copy']} of them "
        f"have an identical copy in the corpus (same title, body and source), which counts "
        f"as the item; counting only the item itself, Jikji's firsts are "
        f"{fmt(res['known_items']['jikji']['written_without_copies']['first'])} as written, "
        f"{fmt(res['known_items']['jikji']['swapped_without_copies']['first'])} swapped and "
        f"{fmt(res['known_items']['jikji']['alone_without_copies']['first'])} alone.",
        "",
        "Returned hits and correct ones (precision's terms), relevant pairs and found ones "
        "(recall's):",
        "",
        "| system | returned | of which correct | relevant | found |",
        "|---|---:|---:|---:|---:|",
    ]
    for s in ("jikji", "nori", "kiwi"):
        n = res["nouns"][s]
        out.append(f"| {s.capitalize()} | {n['returned']} | {n['returned_correct']} "
                   f"| {n['relevant']} | {n['relevant_found']} |")
    uni = res["nouns_uniform"]
    out += ["", "The two samples of nouns: nouns.tsv (an equal share from each frequency class) "
            "and nouns_random.tsv (drawn uniformly from the same candidates: mostly rare nouns). "
            "A set is every article the query returns, as its total counts; for Jikji also "
            f"with every offer of similar words taken ({res['nouns']['with_offers']} and "
            f"{uni['with_offers']} of the queries had one):", "",
            "| sample | system | recall | precision | returned |", "|---|---|---:|---:|---:|"]
    for label, r in (("by frequency (nouns.tsv)", res["nouns"]), ("uniform (nouns_random.tsv)", uni)):
        for s, name in (("jikji", "Jikji"), ("jikji_offers_taken", "Jikji, offers taken"),
                        ("nori", "Nori"), ("kiwi", "Kiwi")):
            out.append(f"| {label} | {name} | {fmt(r[s]['recall'])} | {fmt(r[s]['precision'])} "
                       f"| {r[s]['returned']} |")
    ufp = uni["false_positives"]
    out += ["", f"Jikji's false positives on the uniform sample: {ufp['pairs']} pairs; "
            + "; ".join(f"{k}: {n}" for k, n in ufp["kinds"].items()) + ". Worst: "
            + ", ".join(f"{w['noun']} {w['articles']} ("
                        + ", ".join(x for x, _ in w['words'][:2]) + ")"
                        for w in ufp["worst"][:10]) + "."]
    strict = res["nouns"]["noun_tags_only"]
    out += ["", "The same with references of NNG/NNP tokens only (an exact word the analyzer "
            "tags otherwise, 우리/NP, 현재/MAG, is then a false positive):", "",
            "| system | recall | precision |", "|---|---:|---:|"]
    for s in ("jikji", "nori", "kiwi"):
        out.append(f"| {s.capitalize()} | {fmt(strict[s]['recall'])} "
                   f"| {fmt(strict[s]['precision'])} |")
    out += ["", f"## Jikji's false positives ({fp['pairs']} (noun, article) pairs)", "",
            "Where the noun sits in the article's words that hold it:", ""]
    for kind, n in fp["kinds"].items():
        out.append(f"- {kind}: {n}")
    out += ["", "Worst nouns (articles returned that neither analyzer sees the noun in; the "
            "words holding it, with their article counts; `~word`: no word holds the noun, "
            "Jikji matched `word`):", "",
            "| noun | articles | words |", "|---|---:|---|"]
    for w in fp["worst"][:30]:
        words = ", ".join(f"{word} ({c})" for word, c in w["words"])
        out.append(f"| {w['noun']} | {w['articles']} | {words} |")
    for s in ("nori", "kiwi"):
        f = res["false_positives"][s]
        out += ["", f"{s.capitalize()}'s false positives: {f['pairs']} pairs; the worst nouns "
                f"(the terms it searched, when the noun alone analyses otherwise):", ""]
        for w in f["worst"][:8]:
            terms = "" if w["query_terms"] == [w["noun"]] else \
                f", searched as {' + '.join(w['query_terms']) or 'nothing'}"
            words = ", ".join(f"{word} ({c})" for word, c in w["words"][:3])
            out.append(f"- {w['noun']}: {w['articles']}{terms}; {words}")
    fn = res["false_negatives"]["jikji"]
    out += ["", f"## Jikji's misses ({len(fn)} (noun, article) pairs both analyzers see)", ""]
    for x in fn[:20]:
        out.append(f"- {x['noun']} in {x['article_id']}: {', '.join(x['words']) or '(no word holds it)'}")
    for s in ("nori", "kiwi"):
        per = collections.Counter(x["noun"] for x in res["false_negatives"][s])
        worst = ", ".join(f"{w} ({n})" for w, n in per.most_common(10))
        out += ["", f"{s.capitalize()}'s misses: {len(res['false_negatives'][s])} pairs; "
                f"worst nouns: {worst or 'none'}"]
    out += ["", "## Known items Jikji does not rank first (the first 15 of each kind)", ""]
    for q in ("written", "swapped", "alone"):
        out.append(f"{q}:")
        out.append("")
        for x in res["known_items"]["jikji_misses"][q][:15]:
            out.append(f"- {x['article']} `{x['query']}`: rank {x['rank'] or '> 10'}, "
                       f"{x['total']} hits")
        out.append("")
    out += [f"Timing: Jikji {m['jikji_seconds']:.1f} s (its two batch runs, indexing included); "
            f"the whole evaluation {m['seconds']:.1f} s"
            f"{' (reference analyses cached)' if m['cached'] else ''}.", ""]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jikji", required=True, help="the jikji binary")
    ap.add_argument("--corpus", required=True, type=Path, help="the Wikinews JSON Lines")
    ap.add_argument("--ref", required=True, type=Path, help="where setup.sh put the references")
    ap.add_argument("--cache", required=True, type=Path, help="cache of reference answers")
    ap.add_argument("--out", type=Path, default=HERE, help="where results.md/.json go")
    ap.add_argument("--jikji-version", default="?", help="what to call the binary in results")
    ap.add_argument("--lucene-version", default="?")
    ap.add_argument("--resample", action="store_true",
                    help="draw nouns.tsv and the known-item files again (changes the figures)")
    args = ap.parse_args()
    start = time.monotonic()
    cached_before = any(args.cache.glob("nori-tokens-*.tsv"))

    articles = load_corpus(args.corpus)
    check_jikji_ids(args.jikji, args.corpus, articles)
    refs = Refs(args.ref, args.cache, articles)
    nori_tokens = refs.nori_tokens()
    kiwi_tokens = refs.kiwi_tokens()
    words_of = [core_words(a["text"]) for a in articles]
    index_of = {a["id"]: d for d, a in enumerate(articles)}

    # Noun sets. The nouns are drawn from the words both analyzers tag NNG/NNP somewhere; the
    # references are the articles where an analyzer has the noun as a token, whatever its tag
    # (an exact word 우리 tagged NP, or 현재 tagged MAG, is not a false match), and, as a
    # second reading, only where it tags it NNG/NNP.
    nori_nouns, kiwi_nouns = token_docs(nori_tokens, NOUN_TAGS), token_docs(kiwi_tokens, NOUN_TAGS)
    nori_any, kiwi_any = token_docs(nori_tokens), token_docs(kiwi_tokens)
    nouns, _ = read_or_write_nouns(HERE / "nouns.tsv", nori_nouns, kiwi_nouns, args.resample)
    both = {w: nori_any.get(w, set()) & kiwi_any.get(w, set()) for w in nouns}
    either = {w: nori_any.get(w, set()) | kiwi_any.get(w, set()) for w in nouns}
    both_n = {w: nori_nouns.get(w, set()) & kiwi_nouns.get(w, set()) for w in nouns}
    either_n = {w: nori_nouns.get(w, set()) | kiwi_nouns.get(w, set()) for w in nouns}

    # Known-item queries: drawn once, then read from the committed files.
    written_path = HERE / "known_items_written.tsv"
    swapped_path = HERE / "known_items_swapped.tsv"
    if args.resample or not written_path.exists() or not swapped_path.exists():
        written, swapped, eligible = make_known_items(articles, nori_tokens, kiwi_tokens)
        write_queries(written_path, written)
        write_queries(swapped_path, swapped)
        log(f"wrote {written_path.name}, {swapped_path.name} ({len(written)} of {eligible} "
            f"eligible articles)")
    written, swapped = read_queries(written_path), read_queries(swapped_path)
    for qid, _ in written + swapped:
        if qid not in index_of:
            sys.exit(f"known-item query for {qid}: no such article in {args.corpus}")

    # Jikji: all nouns with every hit, then the known items' top 10.
    noun_queries = [(f"n{i + 1:03}", w) for i, w in enumerate(nouns)]
    log(f"Jikji: {len(noun_queries)} noun queries, {len(written) + len(swapped)} known-item "
        f"queries ...")
    answers, s1 = jikji_batch(args.jikji, args.corpus, noun_queries, len(articles) + 1,
                              args.cache, "nouns")
    alone = nouns_alone(written, swapped)
    ki_queries = [(f"w:{q}", t) for q, t in written] + [(f"s:{q}", t) for q, t in swapped] \
        + [(f"a:{q}", t) for q, t in alone]
    ki_answers, s2 = jikji_batch(args.jikji, args.corpus, ki_queries, 10, args.cache, "known")
    jikji_sets, jikji_matched = {}, {}
    for (qid, w) in noun_queries:
        _, hits, matched, _ = answers[qid]
        jikji_sets[w] = {index_of[h] for h in hits}
        for h, m in zip(hits, matched):
            jikji_matched[(w, index_of[h])] = m

    # Nori as a search engine: every term of the analysed noun required.
    nori_ans = refs.nori_search(noun_queries, "and", len(articles))
    nori_sets = {w: {index_of[h] for h in nori_ans[qid][2]} for qid, w in noun_queries}
    nori_split = sum(1 for qid, _ in noun_queries if len(nori_ans[qid][1]) != 1)

    # Kiwi as a search engine: articles whose noun tokens include the noun's noun tokens.
    kiwi_q = refs.kiwi_analyse_queries([w for w in nouns]
                                       + [q for _, q in written + swapped + alone])
    kiwi_sets, kiwi_split = {}, 0
    for w in nouns:
        parts = [f for f, tag in kiwi_q[w] if tag in NOUN_TAGS]
        kiwi_split += parts != [w]
        kiwi_sets[w] = set.intersection(*(kiwi_nouns.get(p, set()) for p in parts)) \
            if parts else set()

    nouns_res = {"count": len(nouns),
                 "relevant": sum(len(both[w]) for w in nouns),
                 "either": sum(len(either[w]) for w in nouns),
                 "nori_query_not_one_token": nori_split,
                 "kiwi_query_not_the_noun": kiwi_split}
    nouns_res["noun_tags_only"] = {"relevant": sum(len(both_n[w]) for w in nouns)}
    for name, sets in (("jikji", jikji_sets), ("nori", nori_sets), ("kiwi", kiwi_sets)):
        nouns_res[name] = set_scores(sets, nouns, both, either)
        nouns_res["noun_tags_only"][name] = set_scores(sets, nouns, both_n, either_n)
    # Jikji's total must be what it returned (the limit exceeds the corpus).
    for qid, w in noun_queries:
        if answers[qid][0] != len(jikji_sets[w]):
            sys.exit(f"jikji: {w}: total {answers[qid][0]} but {len(jikji_sets[w])} hits")

    nori_terms = {w: nori_ans[qid][1] for qid, w in noun_queries}
    kiwi_terms = {w: [f for f, tag in kiwi_q[w] if tag in NOUN_TAGS] for w in nouns}
    fps = {"jikji": false_positives("jikji", jikji_sets, nouns, either, words_of,
                                    jikji_matched=jikji_matched),
           "nori": false_positives("nori", nori_sets, nouns, either, words_of,
                                   query_terms=nori_terms),
           "kiwi": false_positives("kiwi", kiwi_sets, nouns, either, words_of,
                                   query_terms=kiwi_terms)}
    fns = {name: false_negatives(sets, nouns, both, words_of)
           for name, sets in (("jikji", jikji_sets), ("nori", nori_sets), ("kiwi", kiwi_sets))}
    for x in fns["jikji"] + fns["nori"] + fns["kiwi"]:
        x["article_id"] = articles[x.pop("article")]["id"]
    taken, offered = offers_taken(args.jikji, args.corpus, noun_queries, answers,
                                  len(articles) + 1, args.cache, "nouns-taken", index_of)
    nouns_res["jikji_offers_taken"] = set_scores(
        {w: taken.get(qid, jikji_sets[w]) for qid, w in noun_queries}, nouns, both, either)
    nouns_res["with_offers"] = offered

    # The uniform sample.
    uniform = read_or_write_uniform(HERE / "nouns_random.tsv", nori_nouns, kiwi_nouns,
                                    args.resample)
    uniform_res = uniform_sample_scores(args, refs, articles, index_of, uniform,
                                        (nori_nouns, kiwi_nouns, nori_any, kiwi_any, words_of))

    # Known items.
    nori_w = refs.nori_search(written, "or", 10)
    nori_s = refs.nori_search(swapped, "or", 10)
    nori_a = refs.nori_search(alone, "or", 10)
    bm25 = Bm25([[kiwi_term(f, tag) for f, tag, _, _ in doc if kiwi_content(tag)]
                 for doc in kiwi_tokens])

    def kiwi_rank(q):
        terms = [kiwi_term(f, tag) for f, tag in kiwi_q[q] if kiwi_content(tag)]
        return [articles[d]["id"] for d in bm25.rank(terms, 10)]

    copies = copies_of(articles)
    known = {"count": len(written), "jikji": {}, "nori": {}, "kiwi": {},
             "jikji_misses": {},
             "with_a_copy": sum(1 for aid, _ in written if aid in copies)}
    for kind, queries, prefix, nori_k in (("written", written, "w:", nori_w),
                                          ("swapped", swapped, "s:", nori_s),
                                          ("alone", alone, "a:", nori_a)):
        known["jikji"][kind] = known_item_scores(
            [(aid, ki_answers[prefix + aid][1]) for aid, _ in queries], copies)
        known["nori"][kind] = known_item_scores(
            [(aid, nori_k[aid][2]) for aid, _ in queries], copies)
        known["kiwi"][kind] = known_item_scores(
            [(aid, kiwi_rank(q)) for aid, q in queries], copies)
        known["jikji"][kind + "_without_copies"] = known_item_scores(
            [(aid, ki_answers[prefix + aid][1]) for aid, _ in queries])
        misses = []
        for aid, q in queries:
            total, hits, _, _ = ki_answers[prefix + aid]
            if not (hits[:1] and hits[0] in copies.get(aid, {aid})):
                misses.append({"article": aid, "query": q, "total": total,
                               "rank": hits.index(aid) + 1 if aid in hits else None})
        known["jikji_misses"][kind] = misses

    res = {
        "meta": {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "jikji": args.jikji, "jikji_version": args.jikji_version,
            "corpus_name": args.corpus.name, "articles": len(articles),
            "corpus_sha256": hashlib.sha256(args.corpus.read_bytes()).hexdigest()[:16],
            "lucene": args.lucene_version, "kiwi": refs.kiwi_version(),
            "nori_setup": "KoreanAnalyzer defaults = Elasticsearch `nori`: decompound DISCARD, "
                          "default POS stop tags, reading form, lower case; noun tokens = "
                          "tags NNG/NNP; sets: all terms of the analysed noun required; "
                          "known items: BooleanQuery of SHOULD term clauses, BM25",
            "kiwi_setup": "Kiwi() defaults; noun tokens = tags NNG/NNP; sets: every NNG/NNP "
                          "token of the analysed noun required; known items: BM25 (k1 1.2, "
                          "b 0.75) over content tokens (Nori's default stop tags' Kiwi "
                          "equivalents dropped), any term",
            "seed": SEED, "jikji_seconds": s1 + s2,
            "seconds": time.monotonic() - start, "cached": cached_before,
        },
        "targets": {"recall": 0.995, "precision": 0.99, "written_first": 0.98,
                    "swapped_first": 0.95, "alone_first": 0.97},
        "nouns": nouns_res,
        "nouns_uniform": uniform_res,
        "known_items": known,
        "false_positives": fps,
        "false_negatives": fns,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(
        json.dumps(res, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (args.out / "results.md").write_text(markdown(res), encoding="utf-8")
    print(report(res))
    print()
    print(verdict(res))
    print()
    uni = res["nouns_uniform"]
    print("uniform sample: " + "; ".join(
        f"{s} recall {fmt(uni[s]['recall'])} precision {fmt(uni[s]['precision'])}"
        for s in ("jikji", "jikji_offers_taken", "nori", "kiwi")))
    print(f"Jikji's false positives: {fps['jikji']['pairs']} (noun, article) pairs; "
          + "; ".join(f"{k}: {n}" for k, n in fps["jikji"]["kinds"].items()))
    print("worst: " + ", ".join(
        f"{w['noun']} {w['articles']} ({', '.join(x for x, _ in w['words'][:2])})"
        for w in fps["jikji"]["worst"][:10]))
    print(f"\nwrote {args.out / 'results.md'} and results.json "
          f"({res['meta']['seconds']:.0f} s, Jikji {s1 + s2:.1f} s)")


if __name__ == "__main__":
    main()
