//! Round trips of the index format: what is built reads back the same, split or whole;
//! damage and other versions are refused with typed errors.

use super::header::{CHECKSUM_OFFSET, HEADER_LEN};
use super::*;
use crate::article::Article;
use crate::codec::{checksum, short_checksum};

pub(crate) fn article(id: &str, title: &str, body: &str) -> Article {
    let mut a = Article::new(id, title, body);
    a.source = Some("테스트".into());
    a.date = Some("2020-08-26".into());
    a
}

fn sample() -> Vec<u8> {
    let mut b = IndexBuilder::new();
    b.add(article(
        "a",
        "화웨이 칩 금지령",
        "미국이 화웨이에 대한 칩 금지령을 연장했다.\n\n화웨이는 반발했다.",
    ));
    b.add(article(
        "b",
        "중관춘 창업거리",
        "중관춘은 베이징의 실리콘밸리다.",
    ));
    b.finish()
}

#[test]
fn runs_built_apart_and_joined_give_the_same_index() {
    let articles = vec![
        article(
            "a",
            "중관춘 창업",
            "중관춘(中关村)에서 창업자들이 모였다. 창업 창업 창업 창업",
        ),
        article("b", "화웨이", "화웨이(Huawei)는 창업 투자를 늘렸다."),
        article("c", "핀둬둬", "핀둬둬(拼多多) 중관춘은 창업의 거리"),
        article("d", "중관촌", "중관촌(中關村) 소식. 화웨이 화웨이"),
        article("e", "창업", "해외창업 창업거리 중관춘"),
    ];
    let mut one = IndexBuilder::new();
    for a in articles.clone() {
        one.add(a);
    }
    let one = one.finish();
    for split in [vec![1, 4], vec![2, 2, 1], vec![1, 1, 1, 1, 1], vec![4, 1]] {
        let mut rest = articles.clone();
        let runs = split.iter().map(|&n| rest.drain(..n).collect()).collect();
        assert!(
            IndexBuilder::from_runs(runs, None).finish() == one,
            "runs of {split:?} differ"
        );
    }
}

#[test]
fn an_index_written_to_a_sink_batch_by_batch_is_the_one_built_in_memory() {
    use crate::shape::EveryCharacter;
    let articles: Vec<Article> = (0..40)
        .map(|i| {
            article(
                &format!("a{i}"),
                &format!("중관춘 기사 {i}"),
                &format!("{} 화웨이(華爲) 창업 {i}", "본문 ".repeat(i * 37 % 300)),
            )
        })
        .collect();
    let whole = IndexBuilder::from_articles_with(articles.clone(), &EveryCharacter)
        .finish_with(&EveryCharacter);
    let index = Index::open(whole.as_slice()).unwrap();
    assert!(
        index.text_chunk_count() >= 5,
        "the texts span several chunks"
    );
    assert_eq!(index.article(39).unwrap().id, "a39");
    for batch in [1, 3, 7, 40] {
        let mut writer = IndexWriter::new(std::io::Cursor::new(Vec::new()), &EveryCharacter);
        for piece in articles.chunks(batch) {
            writer.add_all(piece.to_vec()).unwrap();
        }
        assert_eq!(writer.len(), 40);
        let (sink, len) = writer.finish(&EveryCharacter).unwrap();
        let written = sink.into_inner();
        assert_eq!(len as usize, written.len());
        assert!(written == whole, "batches of {batch} differ");
    }
    let empty = IndexWriter::new(std::io::Cursor::new(Vec::new()), &EveryCharacter);
    let written = empty.finish(&EveryCharacter).unwrap().0.into_inner();
    assert!(written == IndexBuilder::new().finish(), "no article at all");
}

/// A text of `syllables` Hangul syllables in words of three, drawn by a generator seeded
/// with `seed`: texts of two seeds share next to no shingle.
fn drawn_text(seed: u64, syllables: usize) -> String {
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut text = String::new();
    for i in 0..syllables {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let syllable = char::from_u32(0xAC00 + (state % 2_000) as u32).unwrap_or('가');
        text.push(syllable);
        if i % 3 == 2 {
            text.push(' ');
        }
    }
    text
}

#[test]
fn reprints_read_back_from_a_sink_are_grouped_as_in_memory() {
    use crate::shape::EveryCharacter;
    // Ten stories, each run three times (the later two with a byline), a day apart, the
    // versions ten articles apart so that they fall in different chunks and batches.
    let articles: Vec<Article> = (0..30u64)
        .map(|i| {
            let (story, version) = (i % 10, i / 10);
            let mut body = drawn_text(story, 300);
            if version > 0 {
                body.push_str(&format!("\n\n기자 {i}"));
            }
            let mut a = article(&format!("a{i}"), &format!("기사 {story}"), &body);
            a.date = Some(format!("2021-03-0{}", 3 - version));
            a
        })
        .collect();
    let whole = IndexBuilder::from_articles_with(articles.clone(), &EveryCharacter)
        .finish_with(&EveryCharacter);
    let index = Index::open(whole.as_slice()).unwrap();
    assert!(
        index.text_chunk_count() >= 5,
        "the texts span several chunks"
    );
    for doc in 0..30 {
        let story = doc % 10;
        // The first version is the earliest dated: the third run.
        assert_eq!(index.reprints_of(doc), &[story + 20, story, story + 10]);
    }
    for batch in [1, 4, 30] {
        let mut writer = IndexWriter::new(std::io::Cursor::new(Vec::new()), &EveryCharacter);
        for piece in articles.chunks(batch) {
            writer.add_all(piece.to_vec()).unwrap();
        }
        let written = writer.finish(&EveryCharacter).unwrap().0.into_inner();
        assert!(written == whole, "batches of {batch} differ");
    }
}

#[test]
fn round_trip_keeps_articles_terms_and_positions() {
    let index = Index::open(sample()).unwrap();
    assert_eq!(index.article_count(), 2);
    assert_eq!(index.article(1).unwrap().title, "중관춘 창업거리");
    assert_eq!(index.doc_by_id("b"), Some(1));
    let postings = index.postings_of("화웨이").unwrap();
    assert_eq!(postings.len(), 1);
    assert_eq!(postings[0].doc, 0);
    assert_eq!(postings[0].title_positions, vec![0]);
    assert!(
        postings[0].body_positions.is_empty(),
        "화웨이에 and 화웨이는 are other terms"
    );
    assert_eq!(
        index.postings_of("화웨이는").unwrap()[0].body_positions,
        vec![6]
    );
    assert_eq!(index.postings_of("칩").unwrap()[0].body_positions, vec![3]);
    assert!(index.postings_of("없는말").unwrap().is_empty());
    assert_eq!(index.docs[1].title_tokens, 2);
}

#[test]
fn a_split_index_reads_texts_once_given_and_rejects_wrong_ones() {
    // Long bodies, so the texts make several chunks.
    let long = "중관춘 창업 거리의 이야기. ".repeat(TEXT_CHUNK_BYTES / 40);
    let mut builder = IndexBuilder::new();
    for i in 0..9 {
        builder.add(article(
            &format!("a{i}"),
            &format!("기사 {i}"),
            &format!("{long} 번호{i}"),
        ));
    }
    let whole = builder.finish();
    // A small archive's core keeps the chunks' addresses: no block is needed for a chunk.
    let small = split(&whole).unwrap();
    let small_core = Index::open(small.core.as_slice()).unwrap();
    assert_eq!(small_core.missing_address(0), None);
    small_core.add_texts(0, small.chunks[0]).unwrap();
    // Past `CORE_ADDRESSES_MAX` (here 0 bytes) they are blocks, the core holding nothing twice.
    let parts = split_with(&whole, 0).unwrap();
    assert!(parts.core.len() < small.core.len());
    assert!(parts.chunks.len() >= 3, "{} chunks", parts.chunks.len());
    let chunks: usize = parts.chunks.iter().map(|c| c.len()).sum();
    let blocks: usize = parts.blocks.iter().map(|(_, b)| b.len()).sum();
    assert_eq!(parts.core.len() + chunks + blocks, whole.len());
    assert!(split(&parts.core).is_err(), "a core cannot be split again");
    let split = parts;
    assert_eq!(
        stored_checksum(&split.core),
        Some(checksum(&split.core[CHECKSUM_OFFSET + 8..]))
    );

    let whole = Index::open(whole.as_slice()).unwrap();
    let core = Index::open(split.core.clone()).unwrap();
    assert_eq!(core.article_count(), 9);
    let id = whole.id(4).unwrap().to_owned();
    assert_eq!(id, whole.article(4).unwrap().id);
    assert_eq!(core.id(4), None, "an id comes with its article's text");
    assert!(matches!(core.find_id(&id), Err(Error::Absent)));
    assert!(matches!(core.article_keys(), Err(Error::Absent)));
    let wanted_ids = core.take_missing_blocks();
    assert!(!wanted_ids.is_empty() && wanted_ids.iter().all(|b| matches!(b, Block::Ids(_))));
    assert_eq!(core.doc_by_id(&id), None);
    assert!(core.article(4).is_none(), "no article yet");
    let chunk = core.missing_text(4).unwrap();
    assert_eq!(whole.missing_text(4), None);
    // A chunk is named and checked by its addresses block, which the core does not hold.
    let address_block = core.missing_address(chunk).unwrap();
    assert!(matches!(address_block, Block::Addresses(_)));
    assert_eq!(whole.missing_address(chunk), None);
    assert_eq!(core.text_chunk_address(chunk), None);
    assert!(matches!(
        core.add_texts(chunk, split.chunks[chunk]),
        Err(Error::Absent)
    ));
    for (block, bytes) in &split.blocks {
        core.add_block(*block, bytes).unwrap();
    }
    assert_eq!(core.doc_by_id(&id), Some(4), "once its ids block is here");
    let keys: Vec<u32> = (0..9)
        .map(|doc| article_key(whole.id(doc).unwrap()))
        .collect();
    assert_eq!(core.article_keys().unwrap(), keys);
    assert_eq!(whole.article_keys().unwrap(), keys);
    assert_eq!(
        keys.iter().collect::<std::collections::HashSet<_>>().len(),
        9
    );
    assert_eq!(core.find_id("no such article").unwrap(), None);

    // The hit is found and ranked without its text, and says which chunk it awaits.
    let results = core.search("번호4", &crate::SearchOptions::default());
    assert_eq!(results.hits.len(), 1);
    assert_eq!(
        (results.hits[0].doc, results.hits[0].awaiting_text),
        (4, Some(chunk))
    );
    assert!(results.hits[0].snippet.text.is_empty());
    assert!(results.hits[0].title_highlights.is_empty());
    assert!(core
        .complete_hit(&results.hits[0], &results.prepared)
        .is_none());

    let mut damaged = split.chunks[chunk].to_vec();
    damaged[5] ^= 1;
    assert!(matches!(
        core.add_texts(chunk, &damaged),
        Err(Error::Checksum { .. })
    ));
    assert!(
        core.add_texts(chunk, split.chunks[(chunk + 1) % split.chunks.len()])
            .is_err(),
        "another chunk"
    );
    assert!(
        core.add_texts(split.chunks.len(), b"[]").is_err(),
        "no such chunk"
    );
    assert!(core.article(4).is_none());

    core.add_texts(chunk, split.chunks[chunk]).unwrap();
    assert_eq!(core.article(4), whole.article(4));
    assert_eq!(core.missing_text(4), None);
    assert_eq!(core.id(4), Some(id.as_str()));
    // An article whose text is here is found by its id without the ids dictionary's block.
    let fresh = Index::open(split.core.clone()).unwrap();
    let addresses = split
        .blocks
        .iter()
        .find(|(b, _)| *b == address_block)
        .unwrap();
    fresh.add_block(address_block, addresses.1).unwrap();
    assert_eq!(fresh.missing_address(chunk), None);
    assert_eq!(
        fresh.text_chunk_address(chunk),
        whole.text_chunk_address(chunk)
    );
    fresh.add_texts(chunk, split.chunks[chunk]).unwrap();
    assert_eq!(fresh.find_id(&id).unwrap(), Some(4));
    assert!(fresh.take_missing_blocks().is_empty());
    let again = core.search("번호4", &crate::SearchOptions::default());
    assert_eq!(again.hits[0].awaiting_text, None);
    assert!(again.hits[0].snippet.text.contains("번호4"));
    let completed = core.complete_hit(&results.hits[0], &results.prepared);
    assert_eq!(
        completed
            .as_ref()
            .map(|hit| (&hit.snippet, &hit.title_highlights)),
        Some((&again.hits[0].snippet, &again.hits[0].title_highlights)),
        "filled in without searching"
    );
    assert_eq!(whole.article(4).unwrap().title, "기사 4");
    for (number, bytes) in split.chunks.iter().enumerate() {
        core.add_texts(number, bytes).unwrap();
    }
    assert!(
        core.articles().eq(whole.articles()),
        "every article whole again"
    );
}

#[test]
fn works_from_a_borrowed_slice() {
    let bytes = sample();
    let index = Index::open(bytes.as_slice()).unwrap();
    assert_eq!(index.article_count(), 2);
}

#[test]
fn rejects_other_versions_with_a_typed_error() {
    let mut bytes = sample();
    bytes[8..12].copy_from_slice(&99u32.to_le_bytes());
    assert_eq!(
        Index::open(bytes).err(),
        Some(Error::Version {
            expected: FORMAT_VERSION,
            got: 99
        })
    );
}

#[test]
fn rejects_wrong_magic_and_damage() {
    assert_eq!(
        Index::open(b"not an index at all".to_vec()).err(),
        Some(Error::Magic)
    );
    assert_eq!(Index::open(Vec::new()).err(), Some(Error::Magic));
    let bytes = sample();
    for at in [HEADER_LEN, HEADER_LEN + 3, bytes.len() / 2, bytes.len() - 1] {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x40;
        assert!(
            matches!(Index::open(damaged), Err(Error::Checksum { .. })),
            "flip at {at}"
        );
    }
    for len in [9, 20, HEADER_LEN, bytes.len() - 1] {
        assert!(
            Index::open(bytes[..len].to_vec()).is_err(),
            "truncated to {len}"
        );
    }
}

#[test]
fn damage_is_named_by_the_section_it_is_in() {
    let bytes = sample();
    let index = Index::open(bytes.as_slice()).unwrap();
    let mut checked = 0;
    for (i, name) in SECTION_NAMES.iter().enumerate() {
        let range = index.section_ranges[i].clone();
        if range.is_empty() {
            continue;
        }
        let mut damaged = bytes.clone();
        damaged[range.start + range.len() / 2] ^= 0x10;
        match Index::open(damaged) {
            Err(Error::Checksum { part, .. }) => {
                assert_eq!(part, format!("its {name} section"));
                checked += 1;
            }
            other => panic!("{name}: {:?}", other.err()),
        }
    }
    assert!(checked >= 8, "{checked} sections checked");
    // A section's offset changed in the table: the header is named.
    let mut damaged = bytes.clone();
    damaged[CHECKSUM_OFFSET + 8] ^= 0x01;
    match Index::open(damaged) {
        Err(e @ Error::Checksum { .. }) => {
            assert!(e.to_string().contains("in its header"), "{e}")
        }
        other => panic!("{:?}", other.err()),
    }
}

#[test]
fn a_split_index_names_the_blocks_it_lacks_and_answers_as_the_whole_once_given() {
    let mut builder = IndexBuilder::new();
    // Enough distinct words (and Hangul compounds) for several blocks of each kind.
    let syllable = |n: usize| char::from_u32(0xAC00 + (n as u32 % 399) * 28).unwrap();
    for i in 0..400 {
        let words: String = (0..120)
            .map(|w| {
                let (n, m) = ((i * 7 + w) % 2000, i * 120 + w);
                let compound = [m, m / 13, m / 131].map(syllable);
                let compound: String = compound.iter().collect();
                format!("낱말{n}쪽{} {compound}창업 ", w % 13)
            })
            .collect();
        builder.add(article(&format!("a{i}"), &format!("기사 {i}"), &words));
    }
    let whole_bytes = builder.finish();
    let parts = split(&whole_bytes).unwrap();
    let count = |f: fn(&Block) -> bool| parts.blocks.iter().filter(|(b, _)| f(b)).count();
    assert!(count(|b| matches!(b, Block::Postings(_))) >= 3);
    assert!(count(|b| matches!(b, Block::Suffixes(_))) >= 3);
    let bytes_of = |block: Block| &parts.blocks.iter().find(|(b, _)| *b == block).unwrap().1;
    let whole = Index::open(whole_bytes.clone()).unwrap();
    let core = Index::open(parts.core.clone()).unwrap();
    let options = crate::SearchOptions::default();
    let mut fetched = Vec::new();
    for query in [
        "낱말17쪽4",
        "낱말1",
        "낱말",
        "쪽3 낱말20",
        "\"낱말5쪽5\"",
        "창업",
        "외창업1",
    ] {
        let expected = whole.search(query, &options);
        assert!(
            expected.total > 0 && expected.missing_blocks.is_empty(),
            "{query}"
        );
        let before = fetched.len();
        let results = loop {
            let results = core.search(query, &options);
            if results.missing_blocks.is_empty() {
                break results;
            }
            for &block in &results.missing_blocks {
                assert!(
                    !core.has_block(block) && !fetched.contains(&block),
                    "{block:?} again"
                );
                core.add_block(block, bytes_of(block)).unwrap();
                fetched.push(block);
            }
        };
        assert_eq!(results.total, expected.total, "{query}");
        if query == "창업" {
            assert!(
                !fetched[before..]
                    .iter()
                    .any(|b| matches!(b, Block::Positions(_))),
                "a word alone reads no positions"
            );
        }
        let docs = |r: &crate::SearchResults| r.hits.iter().map(|h| h.doc).collect::<Vec<_>>();
        assert_eq!(docs(&results), docs(&expected), "{query}");
    }
    assert!(
        fetched.iter().any(|b| matches!(b, Block::Suffixes(_))),
        "compounds read suffixes"
    );
    assert!(
        fetched.iter().any(|b| matches!(b, Block::Positions(_))),
        "phrases and proximity read positions"
    );
    assert!(
        fetched.len() < parts.blocks.len(),
        "a few queries read a part of the blocks"
    );
    // A damaged or misplaced block is refused, and the block stays missing.
    let (absent, bytes) = parts
        .blocks
        .iter()
        .find(|(b, _)| !core.has_block(*b))
        .unwrap();
    let mut damaged = bytes.to_vec();
    damaged[0] ^= 1;
    assert!(matches!(
        core.add_block(*absent, &damaged),
        Err(Error::Checksum { .. })
    ));
    let other = parts.blocks.iter().find(|(b, _)| b != absent).unwrap();
    assert!(core.add_block(*absent, other.1).is_err());
    assert!(!core.has_block(*absent));
}

#[test]
fn two_chunks_of_the_same_bytes_get_distinct_addresses() {
    // One article long enough to fill a chunk, written twice: the same bytes twice.
    let long = "중관춘 창업 거리의 이야기. ".repeat(TEXT_CHUNK_BYTES / 20);
    let a = article("a", "같은 기사", &long);
    let mut writer = texts::TextWriter::new();
    let mut out = Vec::new();
    writer.push(&a, &mut out);
    writer.push(&a, &mut out);
    let finished = writer.finish(&mut out);
    assert_eq!(finished.len, out.len());
    let mut chunks = texts::read_chunks(&finished.chunks, 2).unwrap();
    texts::place_chunks(&mut chunks, &finished.addresses, finished.len).unwrap();
    assert_eq!(chunks.len(), 2, "each copy fills a chunk of its own");
    let (first, second) = (&chunks[0], &chunks[1]);
    let bytes = |c: &texts::TextChunk| &out[c.inline.clone().unwrap()];
    assert!(bytes(second).ends_with(b" ]"), "the second copy is padded");
    let address = |c: &texts::TextChunk| (short_checksum(bytes(c)), bytes(c).len());
    assert_ne!(address(first), address(second));
    for chunk in [first, second] {
        let articles: Vec<Article> = serde_json::from_slice(bytes(chunk)).unwrap();
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].body, a.body);
    }
}

#[test]
fn chunks_whose_addresses_are_shared_are_refused() {
    let mut chunks_section = Vec::new();
    crate::codec::write_varint(&mut chunks_section, 2);
    let mut addresses = Vec::new();
    for _ in 0..2 {
        crate::codec::write_varint(&mut chunks_section, 1);
        crate::codec::write_varint(&mut addresses, 10);
        addresses.extend_from_slice(&7u32.to_le_bytes());
    }
    let mut chunks = texts::read_chunks(&chunks_section, 2).unwrap();
    let refused = texts::place_chunks(&mut chunks, &addresses, 20);
    assert!(
        matches!(&refused, Err(Error::Corrupt { what }) if what.contains("address")),
        "{:?}",
        refused.err()
    );
}

#[test]
fn the_addresses_of_many_chunks_are_cut_into_blocks() {
    let mut builder = IndexBuilder::new();
    let body = "중관춘 창업 거리의 이야기. ".repeat(TEXT_CHUNK_BYTES / 20);
    let count = ADDRESS_BLOCK_CHUNKS + 10;
    for i in 0..count {
        builder.add(article(&format!("a{i}"), "기사", &body));
    }
    let whole = builder.finish();
    let split = split_with(&whole, 0).unwrap();
    let index = Index::open(whole.as_slice()).unwrap();
    assert_eq!(index.text_chunk_count(), count);
    let address_blocks: Vec<&(Block, &[u8])> = split
        .blocks
        .iter()
        .filter(|(b, _)| matches!(b, Block::Addresses(_)))
        .collect();
    assert_eq!(address_blocks.len(), 2);
    let core = Index::open(split.core.as_slice()).unwrap();
    let last = count - 1;
    assert_eq!(core.missing_address(last), Some(Block::Addresses(1)));
    assert_eq!(core.missing_address(count), None, "no such chunk");
    let (block, bytes) = address_blocks[1];
    core.add_block(*block, bytes).unwrap();
    assert_eq!(
        core.text_chunk_address(last),
        index.text_chunk_address(last)
    );
    assert_eq!(
        core.text_chunk_address(0),
        None,
        "its block is still to fetch"
    );
    core.add_texts(last, split.chunks[last]).unwrap();
    assert_eq!(core.article(last as DocId), index.article(last as DocId));
}

#[test]
fn every_chunk_of_an_index_has_its_own_address() {
    let long = "중관춘 창업 거리의 이야기. ".repeat(TEXT_CHUNK_BYTES / 40);
    let mut builder = IndexBuilder::new();
    for i in 0..9 {
        builder.add(article(&format!("a{i}"), "기사", &long));
    }
    let index = Index::open(builder.finish()).unwrap();
    let addresses: std::collections::HashSet<String> = (0..index.text_chunk_count())
        .map(|n| index.text_chunk_address(n).unwrap())
        .collect();
    assert!(index.text_chunk_count() >= 3);
    assert_eq!(addresses.len(), index.text_chunk_count());
    assert!(addresses
        .iter()
        .all(|a| a.starts_with('t') && a.ends_with(".bin")));
}
