"""Reads the files `jikji search --format …` wrote back with third-party parsers, and holds
every article in them to what `jikji ingest --json` says of it.

    check.py DIR

DIR holds articles.json (`jikji ingest --json` of the archive), the exports of the empty
query (every article) as export.csv, export.jsonl, export.json (CSL-JSON), export.ris and
export.bib, all with the access date ACCESSED, and full.csv, full.jsonl, full.ris and full.bib
(--full-text).

Parsers: Python's csv (utf-8-sig), json, jsonschema with the CSL-JSON schema, citeproc-py
(renders a bibliography with its bundled style), rispy, and bibtexparser with pylatexenc
turning the LaTeX back into text.

csl-data.json is the Citation Style Language's schema of CSL-JSON as it is
(schemas/input/csl-data.json of github.com/citation-style-language/schema at e3ce254, v1.0;
MIT License, (c) 2007-2018 Citation Style Language and contributors).
"""

import csv
import io
import json
import os
import sys

ACCESSED = "2026-12-07"
HERE = os.path.dirname(os.path.abspath(__file__))
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_ID = "formula"  # the fixture whose title is a spreadsheet formula

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def equal(got, want, what):
    check(got == want, f"{what}: got {shorten(got)}, want {shorten(want)}")


def shorten(value, most=200):
    text = repr(value)
    return text if len(text) <= most else text[:most] + "…"


def read(directory, name, mode="r"):
    kwargs = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
    with open(os.path.join(directory, name), mode, **kwargs) as f:
        return f.read()


def date_parts(iso):
    return [int(p) for p in iso.split("-")] if iso else None


def formula_article(articles):
    ids = [i for i, a in articles.items() if a["title"].startswith("=HYPERLINK")]
    check(len(ids) == 1, f"one article of the archive has the formula title: {ids}")
    return ids[0] if ids else None


def check_csv(directory, articles, name, last):
    raw = read(directory, name, "rb")
    check(raw.startswith(b"\xef\xbb\xbf"), f"{name} starts with the UTF-8 byte-order mark")
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = ["id", "title", "source", "date", "url", "file", last]
    equal(rows[0], header, f"{name} header")
    records = [dict(zip(header, row)) for row in rows[1:]]
    equal(len(records), len(articles), f"{name} rows")
    for row in records:
        for key, cell in row.items():
            check(not cell.startswith(FORMULA_STARTS), f"{name}: {key} cell {cell!r} runs as a formula")
        article = articles.get(row["id"])
        if article is None:
            failures.append(f"{name}: unknown id {row['id']!r}")
            continue
        plain = {key: uninert(cell) for key, cell in row.items()}
        for key in ["title", "source", "date", "url"]:
            equal(plain[key], article.get(key) or "", f"{name} {row['id']} {key}")
        equal(plain["file"], article["origin"]["file"], f"{name} {row['id']} file")
        if last == "text":
            equal(row["text"], article["body"], f"{name} {row['id']} text")
        else:
            check(row["snippet"].strip(), f"{name} {row['id']} has a snippet")
    formula = formula_article(articles)
    title = next((r["title"] for r in records if r["id"] == formula), "")
    check(title.startswith("'=HYPERLINK("), f"{name}: the formula title is inert: {title!r}")
    check("중관춘" in title, f"{name}: Korean survives in the formula title: {title!r}")


def uninert(cell):
    """A cell as it was before the export neutralised it."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def check_jsonl(directory, articles, name, last):
    lines = read(directory, name).splitlines()
    equal(len(lines), len(articles), f"{name} lines")
    for line in lines:
        item = json.loads(line)
        article = articles[item["id"]]
        for key in ["title", "source", "date", "section", "author", "url"]:
            equal(item[key], article.get(key), f"{name} {item['id']} {key}")
        equal(item["file"], article["origin"]["file"], f"{name} {item['id']} file")
        if last == "text":
            equal(item["text"], article["body"], f"{name} {item['id']} text")
        check(last in item and ({"snippet", "text"} - {last}).isdisjoint(item), f"{name}: {last} only")


def check_csl(directory, articles):
    import jsonschema
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
    from citeproc import formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(read(directory, "export.json"))
    with open(os.path.join(HERE, "csl-data.json"), encoding="utf-8") as f:
        schema = json.load(f)
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(items))
    check(not errors, f"CSL-JSON against the CSL schema: {[e.message for e in errors[:3]]}")
    equal(len(items), len(articles), "CSL-JSON items")
    for item in items:
        article = articles[item["id"]]
        equal(item["type"], "article-newspaper", f"CSL {item['id']} type")
        equal(item["title"], article["title"], f"CSL {item['id']} title")
        equal(item.get("container-title"), article.get("source"), f"CSL {item['id']} container-title")
        equal(item.get("URL"), article.get("url"), f"CSL {item['id']} URL")
        equal(item.get("section"), article.get("section"), f"CSL {item['id']} section")
        issued = item.get("issued", {}).get("date-parts", [None])[0]
        equal(issued, date_parts(article.get("date")), f"CSL {item['id']} issued")
        equal(item["accessed"], {"date-parts": [date_parts(ACCESSED)]}, f"CSL {item['id']} accessed")
        author = article.get("author")
        equal(item.get("author"), [{"literal": author}] if author else None, f"CSL {item['id']} author")

    # citeproc-py reads the items and renders them with the style it ships.
    style_path = os.path.join(
        os.path.dirname(sys.modules["citeproc"].__file__), "data", "styles", "harvard-cite-them-right.csl"
    )
    bibliography = CitationStylesBibliography(
        CitationStylesStyle(style_path, validate=False), CiteProcJSON(items), formatter.plain
    )
    formula = formula_article(articles)
    bibliography.register(Citation([CitationItem(formula.lower())]))  # citeproc-py keys in lower case
    rendered = "\n".join(str(entry) for entry in bibliography.bibliography())
    for want in [articles[formula]["title"], articles[formula]["source"], "2020", "2026"]:
        check(want in rendered, f"citeproc-py renders {want!r}: {rendered!r}")


def words(text):
    """The text with every run of white space as one space (RIS keeps a value on one line)."""
    return " ".join(text.split())


def check_ris(directory, articles, name="export.ris"):
    import rispy

    raw = read(directory, name)
    lines = raw.split("\r\n")
    equal(lines[-1], "", "RIS ends with CRLF")
    check("\n" not in raw.replace("\r\n", ""), "RIS has CRLF line ends only")
    entries = rispy.loads(raw)
    equal(len(entries), len(articles), "RIS records")
    for entry in entries:
        article = articles[entry["id"]]
        what = f"{name} {entry['id']}"
        equal(entry["type_of_reference"], "NEWS", f"{what} TY")
        equal(entry["title"], article["title"], f"{what} TI")
        equal(entry.get("secondary_title"), article.get("source"), f"{what} T2")
        equal(entry.get("urls"), [article["url"]] if article.get("url") else None, f"{what} UR")
        equal(entry.get("authors"), [article["author"]] if article.get("author") else None, f"{what} AU")
        equal(entry.get("section"), article.get("section"), f"{what} SE")
        date = article.get("date")
        equal(entry.get("date"), date.replace("-", "/") if date else None, f"{what} DA")
        equal(entry.get("year"), date[:4] if date else None, f"{what} PY")
        equal(entry.get("access_date"), ACCESSED.replace("-", "/"), f"{what} Y2")
        check(entry.get("abstract"), f"{what} has an AB")
        if name == "full.ris":
            equal(words(entry["abstract"]), words(article["body"]), f"{what} AB")


def latex_to_text(value):
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    # LaTeX's own \textbraceleft, \textbraceright and \textasciicircum print {, } and ^;
    # pylatexenc 2.11 drops the first two and gives ˆ (U+02C6) for the third.
    context = get_default_latex_context_db().filter_context()
    context.add_context_category(
        "latex-text-commands",
        prepend=True,
        macros=[
            MacroTextSpec("textbraceleft", "{"),
            MacroTextSpec("textbraceright", "}"),
            MacroTextSpec("textasciicircum", "^"),
        ],
    )
    return LatexNodes2Text(latex_context=context, math_mode="verbatim").latex_to_text(value)


def braces_balance(value):
    """Whether BibTeX would find the field's end where it is: BibTeX counts every brace, a
    backslash before one or not (bibtexparser is more lenient)."""
    depth = 0
    for c in value:
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


def check_bibtex(directory, articles, name="export.bib"):
    import bibtexparser

    library = bibtexparser.parse_string(read(directory, name))
    check(not library.failed_blocks, f"BibTeX blocks that failed: {library.failed_blocks[:2]}")
    entries = library.entries
    equal(len(entries), len(articles), "BibTeX entries")
    keys = [e.key for e in entries]
    equal(len(set(keys)), len(keys), "BibTeX keys are unique")
    for key in keys:
        check(key.isascii() and " " not in key, f"BibTeX key {key!r} is ASCII without spaces")
    # The records are in the order of the search, as the JSON Lines are.
    ids = [json.loads(line)["id"] for line in read(directory, "export.jsonl").splitlines()]
    for entry, article_id in zip(entries, ids):
        article = articles[article_id]
        what = f"{name} {entry.key}"
        fields = {key: field.value for key, field in entry.fields_dict.items()}
        for key, value in fields.items():
            check(braces_balance(value), f"{what} {key}: braces unbalanced as BibTeX counts them")
        equal(entry.entry_type, "article", f"{what} type")
        equal(fields.get("entrysubtype"), "newspaper", f"{what} entrysubtype")
        equal(latex_to_text(fields["title"]), article["title"], f"{what} title")
        for outlet in ["journaltitle", "journal"]:
            source = fields.get(outlet)
            equal(source and latex_to_text(source), article.get("source"), f"{what} {outlet}")
        author = fields.get("author")
        equal(author and latex_to_text(author.strip("{}")), article.get("author"), f"{what} author")
        date = article.get("date")
        equal(fields.get("date"), date, f"{what} date")
        parts = date_parts(date) or []
        for field, part in zip(["year", "month", "day"], parts):
            equal(fields.get(field), str(part), f"{what} {field}")
        equal(fields.get("url"), article.get("url"), f"{what} url")
        equal(fields.get("urldate"), ACCESSED, f"{what} urldate")
        if name == "full.bib":
            body = latex_to_text(fields["abstract"])
            equal(words(body), words(article["body"]), f"{what} abstract")


def main():
    directory = sys.argv[1]
    with open(os.path.join(directory, "articles.json"), encoding="utf-8") as f:
        articles = {a["id"]: a for a in json.load(f)}
    check(any("중관춘" in a["title"] for a in articles.values()), "the archive has a 중관춘 title")
    check_csv(directory, articles, "export.csv", "snippet")
    check_csv(directory, articles, "full.csv", "text")
    check_jsonl(directory, articles, "export.jsonl", "snippet")
    check_jsonl(directory, articles, "full.jsonl", "text")
    check_csl(directory, articles)
    check_ris(directory, articles)
    check_ris(directory, articles, "full.ris")
    check_bibtex(directory, articles)
    check_bibtex(directory, articles, "full.bib")
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    if failures:
        sys.exit(f"{len(failures)} check(s) failed")
    print(f"export formats: {len(articles)} articles read back from CSV, JSON Lines, CSL-JSON "
          "(schema, citeproc-py), RIS (rispy) and BibTeX (bibtexparser, pylatexenc)")


if __name__ == "__main__":
    main()
