//! Reprints: the same story run twice (in a newsletter and on a news site, in two issues),
//! found when the index is built and stored as groups, each led by its first version.
//!
//! How they are found ([`find_reprints`]):
//! 1. Each article's body becomes a set of character shingles ([`SHINGLE_CHARS`] letters or
//!    digits in a row, spaces and punctuation left out, so Korean needs no tokenizer and a
//!    respaced or repunctuated copy is still the same text), each hashed to 64 bits.
//! 2. A MinHash signature of [`SIGNATURE_LEN`] values summarises the set, by one-permutation
//!    hashing (Li, Owen and Zhang 2012: the hash's top bits choose a bin, each bin keeps its
//!    smallest hash; a bin no shingle fell in takes its right neighbour's, as in Shrivastava
//!    and Li's densification), so each shingle is hashed once, not once per value.
//! 3. LSH banding: the signature cut into [`BANDS`] bands; two articles sharing any band whole
//!    are candidates (at Jaccard 0.5 a pair is a candidate with probability 0.64, at 0.7 with
//!    0.99, at 0.2 with 0.03).
//! 4. Articles are taken in date order (undated last, then in build order). Each candidate
//!    that leads a group already is compared by the exact Jaccard similarity of the two
//!    shingle sets; the article joins the most similar group at or above
//!    [`REPRINT_THRESHOLD`], or leads a group of its own. Joining a group's first version, not
//!    any member, keeps a chain of small edits from linking stories that differ.
//!
//! The builder keeps only each article's band keys ([`band_keys_of`], computed as it is
//! indexed) and [`group_reprints`] asks for the shingles of an article only when it has a
//! candidate: the builder then reads its body back from the texts section already written.
//!
//! [`write_groups`] and [`read_groups`] are the `reprints` section: only the groups of two or
//! more, so an archive without reprints pays two bytes. The section stays in a split index's
//! core, as search counts stories over every match (see `search::collect`).

use crate::article::{Article, DocId};
use crate::codec::{write_varint, Reader};
use crate::error::Error;
use crate::fxhash::FxMap;

/// Letters or digits per shingle. Five is what data-juicer uses; for Korean it is about two
/// words. Shorter shingles make unrelated articles alike (common syllable runs), longer ones
/// make a light edit (a changed particle) cost more of the set.
pub const SHINGLE_CHARS: usize = 5;
/// MinHash values per article (bins of one-permutation hashing): 64 (a power of two, the top
/// six bits of a hash choose the bin).
pub const SIGNATURE_LEN: usize = 64;
/// Bands of LSH (each `SIGNATURE_LEN / BANDS` values): 16 bands of 4.
pub const BANDS: usize = 16;
/// Two bodies are versions of one story when their shingle sets' Jaccard similarity is at
/// least this. Chosen on labelled pairs (BENCHMARKS.md, "Reprints grouped"): at 0.4 no two
/// different stories of the development pairs are grouped (articles written to one
/// template, weekly poll reports, reach 0.38) and 98% of reprints are (a copy holding half
/// the story is at 0.48–0.55; one cut to its first of two paragraphs may fall below).
pub const REPRINT_THRESHOLD: f64 = 0.4;
/// Articles with fewer shingles than this (a line, an empty body) are never grouped: two
/// notices of one sentence say little about being one story.
pub const MIN_SHINGLES: usize = 40;

const ROWS: usize = SIGNATURE_LEN / BANDS;
const BIN_BITS: u32 = SIGNATURE_LEN.trailing_zeros();

/// The groups of reprints among `articles` (by document number): each group's first version
/// first (its earliest dated), then the others in document order; only groups of two or
/// more, in the order of their first versions' documents.
pub fn find_reprints(articles: &[Article]) -> Vec<Vec<DocId>> {
    find_reprints_at(articles, REPRINT_THRESHOLD)
}

/// [`find_reprints`] at another similarity threshold (for measuring it).
pub fn find_reprints_at(articles: &[Article], threshold: f64) -> Vec<Vec<DocId>> {
    let keyed: Vec<(DocId, BandKeys)> = articles
        .iter()
        .enumerate()
        .filter_map(|(doc, a)| Some((doc as DocId, band_keys_of(&a.body)?)))
        .collect();
    let dates: Vec<Option<&str>> = articles.iter().map(|a| a.date.as_deref()).collect();
    let found: Result<_, std::convert::Infallible> =
        group_reprints(&keyed, &date_order(&dates), threshold, &mut |doc| {
            Ok(shingles(&articles[doc as usize].body))
        });
    found.unwrap_or_else(|never| match never {})
}

/// The LSH band keys of an article's body (see the module docs), all that is kept of it to
/// find its candidates; `None` for a body too short to group (`MIN_SHINGLES`).
pub type BandKeys = [u64; BANDS];

/// The band keys of `body`, computed as the article is indexed.
pub fn band_keys_of(body: &str) -> Option<BandKeys> {
    signature(&shingles(body)).map(|signature| band_keys(&signature))
}

/// The documents in the order reprints are grouped in: by date (undated last), then by
/// document number; `dates` by document.
pub fn date_order(dates: &[Option<&str>]) -> Vec<DocId> {
    let mut order: Vec<DocId> = (0..dates.len() as DocId).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&dates[a as usize], &dates[b as usize]);
        x.is_none().cmp(&y.is_none()).then(x.cmp(y)).then(a.cmp(&b))
    });
    order
}

/// Shingle sets read for the exact comparisons kept at most (hashes, 64 MiB): past it the
/// ones kept are dropped and read again when asked for.
const SHINGLES_KEPT: usize = 8 << 20;

/// The groups of reprints (as [`find_reprints`] gives them) among the documents `keyed` (each
/// with its band keys; the others are never grouped), taken in `order`. `shingles_of` gives a
/// document's shingle set (see [`shingles`]) when a candidate is to be compared exactly: only
/// the documents that share a band with an earlier group's first version are read.
pub fn group_reprints<E>(
    keyed: &[(DocId, BandKeys)],
    order: &[DocId],
    threshold: f64,
    shingles_of: &mut dyn FnMut(DocId) -> Result<Vec<u64>, E>,
) -> Result<Vec<Vec<DocId>>, E> {
    let shared = shared_keys(keyed);
    let keys_of: FxMap<DocId, &BandKeys> = keyed.iter().map(|(doc, keys)| (*doc, keys)).collect();
    // Per shared key, the group leaders with that band so far.
    let mut buckets: Vec<Vec<DocId>> = vec![Vec::new(); shared.len()];
    let mut members: FxMap<DocId, Vec<DocId>> = FxMap::default();
    let mut kept: FxMap<DocId, Vec<u64>> = FxMap::default();
    let mut kept_hashes = 0usize;
    for &doc in order {
        let Some(keys) = keys_of.get(&doc) else {
            continue;
        };
        let slots: Vec<usize> = keys
            .iter()
            .filter_map(|key| shared.binary_search(key).ok())
            .collect();
        let mut candidates: Vec<DocId> = slots
            .iter()
            .flat_map(|&slot| &buckets[slot])
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(DocId, f64)> = None;
        if !candidates.is_empty() {
            let own = shingles_of(doc)?;
            for leader in candidates {
                if !kept.contains_key(&leader) {
                    if kept_hashes > SHINGLES_KEPT {
                        kept.clear();
                        kept_hashes = 0;
                    }
                    let read = shingles_of(leader)?;
                    kept_hashes += read.len();
                    kept.insert(leader, read);
                }
                let similarity = jaccard(&own, &kept[&leader]);
                let better = best.is_none_or(|(at, most)| {
                    similarity.total_cmp(&most).then(at.cmp(&leader)).is_gt()
                });
                if similarity >= threshold && better {
                    best = Some((leader, similarity));
                }
            }
            if best.is_none() {
                kept_hashes += own.len();
                kept.insert(doc, own);
            }
        }
        match best {
            Some((leader, _)) => members.entry(leader).or_default().push(doc),
            None => slots.iter().for_each(|&slot| buckets[slot].push(doc)),
        }
    }
    let mut groups: Vec<Vec<DocId>> = members
        .into_iter()
        .map(|(leader, mut others)| {
            others.sort_unstable();
            std::iter::once(leader).chain(others).collect()
        })
        .collect();
    groups.sort_unstable_by_key(|g| g[0]);
    Ok(groups)
}

/// The band keys that two documents or more of `keyed` have, sorted: only these can make a
/// candidate.
fn shared_keys(keyed: &[(DocId, BandKeys)]) -> Vec<u64> {
    let mut all: Vec<u64> = keyed
        .iter()
        .flat_map(|(_, keys)| keys.iter().copied())
        .collect();
    all.sort_unstable();
    let mut shared: Vec<u64> = all
        .windows(2)
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| pair[0])
        .collect();
    shared.dedup();
    shared
}

/// The sorted, distinct hashes of `text`'s shingles: runs of `SHINGLE_CHARS` letters or
/// digits (lowercased; spaces and punctuation left out).
pub fn shingles(text: &str) -> Vec<u64> {
    let mut letters: Vec<char> = Vec::with_capacity(text.len() / 3);
    for c in text.chars() {
        push_letter(c, &mut letters);
    }
    let mut hashes: Vec<u64> = letters
        .windows(SHINGLE_CHARS)
        .map(|window| {
            let folded = window.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &c| {
                (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3)
            });
            mix(folded)
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// `c` lowercased onto `letters` if it is a letter or digit. ASCII and Hangul syllables, most
/// of a Korean archive's text, are told apart without Unicode's tables.
fn push_letter(c: char, letters: &mut Vec<char>) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            letters.push(c.to_ascii_lowercase());
        }
    } else if matches!(c, '\u{AC00}'..='\u{D7A3}') {
        letters.push(c);
    } else if c.is_alphanumeric() {
        letters.extend(c.to_lowercase());
    }
}

/// The Jaccard similarity of two sorted sets: shared over all.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// The one-permutation MinHash signature of a shingle set; `None` for a set too small to
/// group (`MIN_SHINGLES`).
fn signature(shingles: &[u64]) -> Option<[u64; SIGNATURE_LEN]> {
    if shingles.len() < MIN_SHINGLES {
        return None;
    }
    let mut bins = [u64::MAX; SIGNATURE_LEN];
    for &hash in shingles {
        let bin = (hash >> (64 - BIN_BITS)) as usize;
        bins[bin] = bins[bin].min(hash << BIN_BITS);
    }
    // Densification: an empty bin takes the value of the next filled bin to its right
    // (circularly), marked with the distance so two bins borrowing from one differ.
    let filled = bins;
    for (i, bin) in bins.iter_mut().enumerate() {
        if *bin == u64::MAX {
            let (distance, value) = (1..SIGNATURE_LEN)
                .map(|d| (d, filled[(i + d) % SIGNATURE_LEN]))
                .find(|&(_, v)| v != u64::MAX)
                .unwrap_or((0, u64::MAX));
            *bin = mix(value ^ distance as u64);
        }
    }
    Some(bins)
}

/// One key per band: the band's number and values hashed together.
fn band_keys(signature: &[u64; SIGNATURE_LEN]) -> BandKeys {
    let mut keys = [0; BANDS];
    for (band, rows) in signature.chunks(ROWS).enumerate() {
        keys[band] = rows.iter().fold(band as u64, |h, &v| mix(h ^ v));
    }
    keys
}

/// SplitMix64's finaliser: spreads every input bit over the output.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The `reprints` section: varint group count, then per group varint member count, varint
/// first version, and the others as varint deltas in increasing order (the first delta from 0).
pub(super) fn write_groups(groups: &[Vec<DocId>]) -> Vec<u8> {
    let mut out = Vec::new();
    write_varint(&mut out, groups.len() as u64);
    for group in groups {
        write_varint(&mut out, group.len() as u64);
        write_varint(&mut out, u64::from(group[0]));
        let mut last = 0;
        for &doc in &group[1..] {
            write_varint(&mut out, u64::from(doc - last));
            last = doc;
        }
    }
    out
}

/// The reprint groups as [`Index`](super::Index) holds them: each group's members (the first
/// version first), and per document its group's number (`u32::MAX`: none).
#[derive(Default)]
pub(super) struct ReprintGroups {
    pub(super) groups: Vec<Box<[DocId]>>,
    pub(super) group_of: Vec<u32>,
}

/// Reads the `reprints` section of an index of `doc_count` articles.
pub(super) fn read_groups(bytes: &[u8], doc_count: usize) -> Result<ReprintGroups, Error> {
    let mut r = Reader::new(bytes);
    let count = r.varint_u32()? as usize;
    if count > bytes.len() / 3 {
        return Err(Error::corrupt(
            "reprints: more groups than the section holds",
        ));
    }
    let mut groups = Vec::with_capacity(count);
    let mut group_of = vec![u32::MAX; doc_count];
    for number in 0..count as u32 {
        let len = r.varint_u32()? as usize;
        if len < 2 || len > doc_count {
            return Err(Error::corrupt("reprints: a group of the wrong size"));
        }
        let mut group = Vec::with_capacity(len);
        group.push(r.varint_u32()?);
        let mut last = 0u32;
        for _ in 1..len {
            last = last
                .checked_add(r.varint_u32()?)
                .ok_or_else(|| Error::corrupt("reprints: document number overflow"))?;
            group.push(last);
        }
        for &doc in &group {
            match group_of.get_mut(doc as usize) {
                Some(slot) if *slot == u32::MAX => *slot = number,
                _ => return Err(Error::corrupt("reprints: a document out of range or twice")),
            }
        }
        groups.push(group.into_boxed_slice());
    }
    Ok(ReprintGroups { groups, group_of })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, date: &str, body: &str) -> Article {
        Article {
            id: id.into(),
            title: id.into(),
            source: None,
            date: Some(date.into()),
            section: None,
            collection: None,
            author: None,
            url: None,
            body: body.into(),
            captions: vec![],
            origin: None,
        }
    }

    const STORY: &str = "중국 선전의 드론 기업 다장이 새 산업용 드론을 공개했다. 이 드론은 \
        배터리 한 번 충전으로 55분을 날며, 농업과 측량, 송전선 점검에 쓰인다. 회사는 올해 \
        해외 매출이 지난해보다 30% 늘었다고 밝혔다. 업계는 미국의 제재가 이어지는 가운데 \
        유럽과 동남아 시장이 성장을 이끌 것으로 본다.";
    const OTHER: &str = "베이징 중관춘의 창업 지원 기관이 올해 하반기 인공지능 스타트업 \
        스무 곳을 새로 선발했다. 선발된 기업은 사무 공간과 투자 연계, 멘토링을 받는다. \
        지원 기관은 대학 연구소와 함께 기술 이전 상담도 연다고 덧붙였다.";

    #[test]
    fn letters_are_unicodes_letters_and_digits_lowercased() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let mut fast = Vec::new();
            push_letter(c, &mut fast);
            let unicode: Vec<char> = Some(c)
                .filter(|c| c.is_alphanumeric())
                .into_iter()
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(fast, unicode, "{c:?}");
        }
    }

    #[test]
    fn a_reprint_with_a_byline_joins_its_first_version_and_another_story_does_not() {
        let articles = vec![
            article(
                "b",
                "2021-03-02",
                &format!("{STORY}\n\n김기자 kim@example.com"),
            ),
            article("a", "2021-03-01", STORY),
            article("c", "2021-03-01", OTHER),
        ];
        assert_eq!(find_reprints(&articles), vec![vec![1, 0]]);
    }

    #[test]
    fn short_texts_are_never_grouped() {
        let articles = vec![
            article("a", "2021-03-01", "짧은 공지."),
            article("b", "2021-03-02", "짧은 공지."),
        ];
        assert!(find_reprints(&articles).is_empty());
    }

    #[test]
    fn groups_read_back_as_written_and_damage_is_refused() {
        let groups = vec![vec![4, 1, 7], vec![2, 3]];
        let bytes = write_groups(&groups);
        let read = read_groups(&bytes, 8).unwrap();
        assert_eq!(read.groups.len(), 2);
        assert_eq!(&*read.groups[0], &[4, 1, 7]);
        assert_eq!(read.group_of[7], 0);
        assert_eq!(read.group_of[3], 1);
        assert_eq!(read.group_of[0], u32::MAX);
        assert!(read_groups(&bytes, 5).is_err());
        assert!(read_groups(&bytes[..bytes.len() - 1], 8).is_err());
    }
}
