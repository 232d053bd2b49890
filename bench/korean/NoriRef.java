// The Nori side of the Korean evaluation (bench/korean/eval.py runs it; see BENCHMARKS.md).
//
// Lucene's KoreanAnalyzer with its defaults is what Elasticsearch calls the `nori` analyzer:
// the Nori tokenizer with decompound mode DISCARD (a compound gives its parts, not itself),
// punctuation discarded, the default part-of-speech stop filter (particles, endings, adverbs,
// determiners, suffixes, ... removed), Hanja read as Hangul, lower case.
//
// Run as a single-file program (Java 11+), with the Lucene jars of Debian's liblucene8-java:
//
//   java -cp "LUCENE/usr/share/java/*" NoriRef.java analyze DOCS.tsv OUT.tsv
//   java -cp "LUCENE/usr/share/java/*" NoriRef.java search DOCS.tsv QUERIES.tsv and|or TOPN OUT.tsv
//
// DOCS.tsv: one article a line, `id<TAB>title<TAB>body`, with `\`, tab and newline escaped as
// `\\`, `\t`, `\n`. An article's text is its title, a newline, its body.
//
// analyze writes one token a line: `doc<TAB>term<TAB>tag<TAB>start<TAB>end`, where doc is the
// article's line number from 0, tag the token's part of speech (Sejong tag, e.g. NNG) and
// start/end are offsets in code points (not UTF-16 units) into the article's text.
//
// search indexes every article's text in one field with KoreanAnalyzer (Lucene's default
// similarity, BM25 with k1 = 1.2, b = 0.75), then for each query line (`id<TAB>query`)
// analyses the query with the same analyzer and runs a BooleanQuery of its terms: every term
// required (`and`) or any term (`or`, what Elasticsearch's match query does by default). It
// writes `id<TAB>total<TAB>terms<TAB>hits`: the exact number of matching articles, the
// query's terms separated by spaces, and the ids of the best TOPN articles in rank order
// (score, then article order), separated by spaces.

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

public class NoriRef {
    /** One article of DOCS.tsv. */
    record Doc(String id, String text) {}

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("analyze")) {
            analyze(readDocs(Path.of(args[1])), Path.of(args[2]));
        } else if (args.length == 6 && args[0].equals("search")
                && (args[3].equals("and") || args[3].equals("or"))) {
            search(readDocs(Path.of(args[1])), Path.of(args[2]), args[3].equals("and"),
                    Integer.parseInt(args[4]), Path.of(args[5]));
        } else {
            System.err.println("usage: NoriRef analyze DOCS.tsv OUT.tsv\n"
                    + "       NoriRef search DOCS.tsv QUERIES.tsv and|or TOPN OUT.tsv");
            System.exit(2);
        }
    }

    /** Undoes the escaping of DOCS.tsv: `\\`, `\t`, `\n`. */
    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static List<Doc> readDocs(Path path) throws IOException {
        List<Doc> docs = new ArrayList<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (f.length != 3) {
                throw new IOException(path + ": line " + (docs.size() + 1) + " has "
                        + f.length + " fields, not id, title, body");
            }
            docs.add(new Doc(unescape(f[0]), unescape(f[1]) + "\n" + unescape(f[2])));
        }
        return docs;
    }

    /** Every token KoreanAnalyzer emits for every article, with its tag and offsets. */
    static void analyze(List<Doc> docs, Path out) throws IOException {
        try (Analyzer analyzer = new KoreanAnalyzer();
                BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int d = 0; d < docs.size(); d++) {
                String text = docs.get(d).text();
                try (TokenStream ts = analyzer.tokenStream("text", text)) {
                    CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                    OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
                    PartOfSpeechAttribute pos = ts.addAttribute(PartOfSpeechAttribute.class);
                    ts.reset();
                    while (ts.incrementToken()) {
                        // In DISCARD mode every token emitted is a single morpheme, so its left
                        // and right tags are the same; the left one is its tag.
                        POS.Tag tag = pos.getLeftPOS();
                        int start = text.codePointCount(0, offset.startOffset());
                        int end = start + text.codePointCount(offset.startOffset(), offset.endOffset());
                        w.write(d + "\t" + term + "\t" + (tag == null ? "?" : tag.name())
                                + "\t" + start + "\t" + end + "\n");
                    }
                    ts.end();
                }
            }
        }
    }

    /** The terms KoreanAnalyzer makes of a query, in order. */
    static List<String> terms(Analyzer analyzer, String query) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", query)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                terms.add(term.toString());
            }
            ts.end();
        }
        return terms;
    }

    static void search(List<Doc> docs, Path queries, boolean all, int topN, Path out)
            throws IOException {
        try (Analyzer analyzer = new KoreanAnalyzer();
                ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                for (Doc doc : docs) {
                    Document d = new Document();
                    d.add(new StoredField("id", doc.id()));
                    d.add(new TextField("text", doc.text(), Field.Store.NO));
                    writer.addDocument(d);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(dir);
                    BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                for (String line : Files.readAllLines(queries, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split("\t", 2);
                    if (f.length != 2) {
                        throw new IOException(queries + ": a line without id<TAB>query: " + line);
                    }
                    List<String> terms = terms(analyzer, f[1]);
                    StringBuilder hits = new StringBuilder();
                    int total = 0;
                    if (!terms.isEmpty()) {
                        BooleanQuery.Builder b = new BooleanQuery.Builder();
                        for (String t : terms) {
                            b.add(new TermQuery(new Term("text", t)),
                                    all ? BooleanClause.Occur.MUST : BooleanClause.Occur.SHOULD);
                        }
                        Query q = b.build();
                        total = searcher.count(q);
                        TopDocs top = searcher.search(q, topN);
                        for (ScoreDoc sd : top.scoreDocs) {
                            if (hits.length() > 0) {
                                hits.append(' ');
                            }
                            hits.append(searcher.doc(sd.doc).get("id"));
                        }
                    }
                    w.write(f[0] + "\t" + total + "\t" + String.join(" ", terms) + "\t" + hits + "\n");
                }
            }
        }
    }
}
