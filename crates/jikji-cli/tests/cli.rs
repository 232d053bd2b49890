//! The `jikji` binary, run as a user runs it, over the project's seed corpus.

use serde_json::Value;

mod common;
use common::jikji;

fn search_json(args: &[&str]) -> Value {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let out = jikji(&all);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

#[test]
fn search_json_has_the_documented_shape() {
    let v = search_json(&["화웨이"]);
    let total = v["total"].as_u64().unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert!(total >= 2, "화웨이 appears in at least two seed files");
    assert_eq!(hits.len() as u64, total.min(10));
    for hit in hits {
        for key in ["id", "title", "source", "date", "score", "snippet"] {
            assert!(hit.get(key).is_some(), "hit lacks {key}: {hit}");
        }
        assert!(hit["snippet"].as_str().unwrap().contains("화웨이"), "{hit}");
        assert!(hit["score"].as_f64().unwrap() > 0.0);
    }
    let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert!(
        ids.contains(&"003_f0ea3dc2add15f79-01"),
        "the newsletter article on the Huawei chip ban"
    );
    assert!(
        !ids.contains(&"001_c0e2c6cc898f512e"),
        "001 never mentions 화웨이"
    );
}

#[test]
fn search_json_has_facets_matched_words_and_suggestions() {
    // 중관촌 is in one seed article (inside two names): the count is of it; 중관춘, one
    // letter apart, is offered with its own count and the query that takes the offer.
    let v = search_json(&["--limit", "30", "중관촌"]);
    assert_eq!(v["total"], 1);
    assert_eq!(v["suggestions"][0]["word"], "중관촌");
    assert_eq!(v["suggestions"][0]["also"][0], "중관춘");
    assert_eq!(v["suggestions"][0]["merged"], false);
    assert_eq!(v["suggestions"][0]["counts"][0], 3);
    assert_eq!(v["suggestions"][0]["query"], "중관촌 | 중관춘");
    let matched = |v: &serde_json::Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|h| h["matched"].as_array().unwrap())
            .filter_map(|m| m.as_str().map(String::from))
            .collect()
    };
    let own = matched(&v);
    assert!(own.iter().all(|m| m.starts_with("중관촌")), "{own:?}");
    // Taken, the offer counts both.
    let taken = search_json(&["--limit", "30", "중관촌 | 중관춘"]);
    assert_eq!(taken["total"], 4);
    assert!(matched(&taken).iter().any(|m| m.starts_with("중관춘")));
    let v = search_json(&["--limit", "30", ""]);
    assert_eq!(v["total"], 29);
    assert_eq!(v["facets"]["month"]["2020-08"], 15);
    assert_eq!(v["facets"]["undated"], 3);
    assert_eq!(v["facets"]["source"]["36kr"], 1);
}

#[test]
fn filters_sorting_and_paging_flags() {
    let v = search_json(&["--source", "36kr", "--source", "WIRED", ""]);
    let ids: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");
    let v = search_json(&[
        "--from", "2022", "--sort", "oldest", "--limit", "50", "창업",
    ]);
    assert!(v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["date"].as_str().unwrap() >= "2022-01-01"));
    let first = search_json(&["--limit", "1", "--offset", "1", "창업"]);
    let both = search_json(&["--limit", "2", "창업"]);
    assert_eq!(first["hits"][0]["id"], both["hits"][1]["id"]);
    let out = jikji(&["search", "--from", "yesterday", "창업"]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("not a date"));
}

#[test]
fn aliases_lists_the_mined_groups() {
    let out = jikji(&["aliases"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l == "拼多多 = 핀둬둬"), "{text}");
}

#[test]
fn limit_and_ranking_follow_the_query() {
    let v = search_json(&["--limit", "1", "중관춘"]);
    assert!(v["total"].as_u64().unwrap() >= 2);
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0]["id"], "002_6e567526448bfc06",
        "the article titled with 중관춘 ranks first"
    );
}

#[test]
fn several_words_must_all_match() {
    let both = search_json(&["중관춘", "김정은"]);
    let ids: Vec<&str> = both["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["002_6e567526448bfc06"]);
    let none = search_json(&["중관춘", "없는낱말"]);
    assert_eq!(none["total"], 0);
}

#[test]
fn human_output_marks_matches() {
    let out = jikji(&["search", "--limit", "2", "화웨이"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("**화웨이**"), "{text}");
}

#[test]
fn a_missing_corpus_is_a_clear_error() {
    let out = jikji(&["search", "--corpus", "/nonexistent/jikji", "화웨이"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/jikji"), "{err}");
}

#[test]
fn ingest_json_prints_the_articles_and_reports_on_stderr() {
    let out = jikji(&["ingest", "--json", &common::repo_path("corpus")]);
    assert!(out.status.success());
    let articles: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(articles.len(), 29);
    for key in [
        "id",
        "title",
        "source",
        "date",
        "section",
        "collection",
        "author",
        "body",
        "origin",
    ] {
        assert!(
            articles.iter().all(|a| a.get(key).is_some()),
            "every article has {key}"
        );
    }
    let a = articles
        .iter()
        .find(|a| a["id"] == "003_f0ea3dc2add15f79-03")
        .unwrap();
    assert_eq!(
        a["title"],
        "핀둬둬 채소 판매, 취옹의 뜻은 술에 있지 않다는데?"
    );
    assert_eq!(a["date"], "2020-08-26");
    assert_eq!(a["collection"], "주간 중국 창업 제195호");
    assert_eq!(a["origin"]["file"], "003_f0ea3dc2add15f79.txt");
    assert!(
        a["origin"]["line_start"].as_u64().unwrap() < a["origin"]["line_end"].as_u64().unwrap()
    );
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        report.contains("003_f0ea3dc2add15f79.txt: 19 article(s), text, UTF-8; dropped"),
        "{report}"
    );
}

#[test]
fn ingest_of_nothing_readable_fails_clearly() {
    let dir = std::env::temp_dir().join(format!("jikji-cli-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    let out = jikji(&["ingest", dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("empty.txt: skipped: empty file") && err.contains("no article could be read"),
        "{err}"
    );
}

/// Text kept in no article is shown in the file's report and counted in the summary, by
/// `ingest` and by `search` (which shows only the files that lost something).
#[test]
fn text_kept_in_no_article_is_reported_and_summed_up() {
    let folder = &common::repo_path("tests/fixtures/furniture/unplaced");
    for args in [
        vec!["ingest", folder],
        vec!["search", "--corpus", folder, "텃밭"],
    ] {
        let out = jikji(&args);
        assert!(out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(
                "letter-before-contents.txt: warning: 387 characters of text kept in no article"
            ) && err.contains("— lines 6–12"),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("1 file(s) read, 0 skipped; 2 article(s); 387 characters of text kept in no article in 1 file(s)"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn help_explains_every_command() {
    let out = jikji(&["--help"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("search") && text.contains("ingest") && text.contains("index"),
        "{text}"
    );
    let out = jikji(&["search", "--help"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for flag in ["--corpus", "--limit", "--json"] {
        assert!(text.contains(flag), "search --help lacks {flag}");
    }
}

/// Writes a `--queries` file into a fresh temporary folder and returns its path.
fn queries_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("jikji-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("queries.tsv");
    std::fs::write(&path, text).unwrap();
    path
}

/// The JSON Lines of `search --json --queries FILE ARGS…`.
fn batch_json(file: &std::path::Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search", "--json", "--queries", file.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = jikji(&all);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

fn hit_ids(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_batch_answers_each_query_in_order_as_single_runs_do() {
    // Ids from a tab, and from line numbers (the blank line 2 is counted, not answered).
    let file = queries_file("batch", "hw\t화웨이\n\n중관춘\n창업 중관춘\n");
    let lines = batch_json(&file, &["--limit", "30"]);
    assert_eq!(lines.len(), 3, "{lines:?}");
    let expected = [("hw", "화웨이"), ("3", "중관춘"), ("4", "창업 중관춘")];
    for (line, (id, query)) in lines.iter().zip(expected) {
        assert_eq!(line["id"], id);
        assert_eq!(line["query"], query);
        let words: Vec<&str> = query.split(' ').collect();
        let mut args = vec!["--limit", "30"];
        args.extend(words);
        let single = search_json(&args);
        assert_eq!(line["total"], single["total"], "{query}");
        assert!(
            line["total"].as_u64().unwrap() >= 1,
            "{query} finds the seeds"
        );
        assert_eq!(
            line["hits"], single["hits"],
            "{query}: the same hits, field for field"
        );
    }
    assert!(hit_ids(&lines[0]).contains(&"003_f0ea3dc2add15f79-01".to_string()));
    assert_eq!(hit_ids(&lines[1])[0], "002_6e567526448bfc06");
    // Only the five documented keys.
    let keys: Vec<&String> = lines[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["hits", "id", "query", "suggestions", "total"]);
    std::fs::remove_dir_all(file.parent().unwrap()).unwrap();
}

#[test]
fn a_batch_pages_and_filters_every_query() {
    let file = queries_file("batch-flags", "창업\n화웨이\n");
    let lines = batch_json(&file, &["--limit", "1", "--offset", "1"]);
    for (line, query) in lines.iter().zip(["창업", "화웨이"]) {
        let single = search_json(&["--limit", "1", "--offset", "1", query]);
        assert_eq!(hit_ids(line), hit_ids(&single), "{query}");
        assert_eq!(hit_ids(line).len(), 1, "{query}: one hit after the first");
        assert_eq!(
            line["total"], single["total"],
            "paging leaves the total alone"
        );
    }
    let lines = batch_json(&file, &["--from", "2022", "--limit", "50"]);
    for line in &lines {
        for hit in line["hits"].as_array().unwrap() {
            assert!(hit["date"].as_str().unwrap() >= "2022-01-01", "{hit}");
        }
    }
    let all = batch_json(&file, &["--limit", "50"]);
    assert!(
        lines[0]["total"].as_u64() < all[0]["total"].as_u64(),
        "--from removes older articles of 창업"
    );
    std::fs::remove_dir_all(file.parent().unwrap()).unwrap();
}

#[test]
fn a_batch_without_json_heads_each_answer_with_its_id() {
    let file = queries_file("batch-text", "q-a\t화웨이\n중관춘\n");
    let out = jikji(&[
        "search",
        "--limit",
        "1",
        "--queries",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let a = text.find("=== q-a ===\n").expect(&text);
    let b = text.find("=== 2 ===\n").expect(&text);
    assert!(a < b, "{text}");
    assert!(text[a..b].contains("**화웨이**"), "{text}");
    assert!(text[b..].contains("**중관춘**"), "{text}");
    std::fs::remove_dir_all(file.parent().unwrap()).unwrap();
}

#[test]
fn batch_mistakes_are_clear_errors() {
    let file = queries_file("batch-errors", "화웨이\n");
    let path = file.to_str().unwrap();
    let out = jikji(&["search", "--queries", path, "화웨이"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--queries") && err.contains("cannot be used with"),
        "{err}"
    );

    let out = jikji(&["search", "--queries", "/nonexistent/queries.tsv"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot read the queries file /nonexistent/queries.tsv"),
        "{err}"
    );

    std::fs::write(&file, "\n\n").unwrap();
    let out = jikji(&["search", "--queries", path]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no query"));

    std::fs::write(&file, "화웨이\n\t중관춘\n").unwrap();
    let out = jikji(&["search", "--queries", path]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2") && err.contains(path), "{err}");

    let out = jikji(&["search"]);
    assert!(!out.status.success(), "a query or --queries is required");
    std::fs::remove_dir_all(file.parent().unwrap()).unwrap();
}

/// `jikji index` writes the index as the archive is read (in worker processes, to a file):
/// the bytes are the recorded ones of the seed corpus (`tests/fixtures/index-digests.tsv`,
/// the in-memory build's), and no file is left beside it.
#[test]
fn the_index_file_is_the_recorded_index_of_the_seeds() {
    let dir = std::env::temp_dir().join(format!("jikji-cli-index-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_path = dir.join("seeds.idx");
    let out = jikji(&[
        "index",
        "--corpus",
        &common::repo_path("corpus"),
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&out_path).unwrap();
    let digests =
        std::fs::read_to_string(common::repo_path("tests/fixtures/index-digests.tsv")).unwrap();
    let recorded = digests
        .lines()
        .find_map(|line| line.strip_prefix("seeds\t"))
        .expect("the seeds' digest");
    let checksum = u64::from_le_bytes(bytes[16..24].try_into().unwrap());
    assert_eq!(format!("{}\t{checksum:016x}", bytes.len()), recorded);
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["seeds.idx"], "only the index is left");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The reprints fixture (`tests/fixtures/reprints/`): seed articles and their reprints in other
/// outlets (a byline added, the last paragraph cut, another headline).
fn reprints_corpus() -> String {
    common::repo_path("tests/fixtures/reprints")
}

#[test]
fn search_json_gives_a_reprinted_story_one_hit_listing_its_other_versions() {
    let corpus = reprints_corpus();
    let v = search_json(&["--corpus", &corpus, "화웨이"]);
    assert_eq!(v["total"], 4, "four articles name 화웨이: {v}");
    assert_eq!(v["stories"], 2, "three of them are one story: {v}");
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    let story = hits
        .iter()
        .find(|h| h.get("versions").is_some())
        .expect("a hit with versions");
    let mut ids: Vec<&str> = std::iter::once(&story["id"])
        .chain(story["versions"].as_array().unwrap())
        .map(|id| id.as_str().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        ["01-chip-ban", "02-chip-ban-reprint", "03-chip-ban-cut"]
    );
    let other = hits.iter().find(|h| h.get("versions").is_none()).unwrap();
    assert_eq!(
        other["id"], "04-beijing-blockchain",
        "another story is its own hit"
    );
    assert_eq!(
        v["facets"]["source"].as_object().unwrap().len(),
        4,
        "facets count articles"
    );

    let apart = search_json(&["--corpus", &corpus, "--no-group", "화웨이"]);
    assert_eq!(apart["stories"], 4);
    assert_eq!(apart["hits"].as_array().unwrap().len(), 4);
}

#[test]
fn related_json_lists_articles_sharing_distinctive_words_with_the_reason() {
    let out = jikji(&["related", "--json", "003_f0ea3dc2add15f79-11"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = v.as_array().unwrap();
    assert!(!rows.is_empty() && rows.len() <= 5, "{v}");
    for row in rows {
        for key in ["id", "title", "score", "reason"] {
            assert!(row.get(key).is_some(), "{key} in {row}");
        }
        assert!(!row["reason"].as_array().unwrap().is_empty());
    }
    let huawei = rows
        .iter()
        .find(|r| r["id"] == "003_f0ea3dc2add15f79-01")
        .expect("the other article on 화웨이 is related");
    assert!(
        huawei["reason"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == "화웨이"),
        "{huawei}"
    );

    let missing = jikji(&["related", "no-such-id"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no article with the id"));
}
