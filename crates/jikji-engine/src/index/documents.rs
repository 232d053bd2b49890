//! The per-document sections of the core: `heads` (each article's source and date: what
//! search, filters, facets and ordering need of every article; the rest of an article travels
//! with its text, in its chunk, and its id also in the ids dictionary) and `docs` (each
//! article's token counts, for BM25), and the facet columns derived from the heads on open
//! (source, month, date rank).

use super::DocId;
use crate::bm25::DocStats;
use crate::codec::{write_varint, Reader};
use crate::error::Error;
use crate::fxhash::FxMap;
use crate::outlets::{group_outlets, Merged, OutletRules, OutletTable};

/// What the core keeps of each article beyond the facet columns: its date as written, by
/// document id.
pub(super) struct Heads {
    /// Per article, its date's number among `date_names` (`u32::MAX`: undated).
    date_numbers: Vec<u32>,
    date_names: Vec<Box<str>>,
}

impl Heads {
    /// The number of articles.
    pub(super) fn count(&self) -> usize {
        self.date_numbers.len()
    }

    /// Article `doc`'s date as written.
    pub(super) fn date(&self, doc: DocId) -> Option<&str> {
        let number = *self.date_numbers.get(doc as usize)?;
        self.date_names.get(number as usize).map(AsRef::as_ref)
    }
}

/// Per article, its source and month (`YYYY-MM`) as indexes into `source_names` and
/// `month_names` (`u32::MAX` when unknown), and its date's rank among the archive's dates (1 =
/// oldest; 0 = undated), so filters, facets and ordering compare integers, not strings.
pub(super) struct FacetColumns {
    pub(super) sources_column: Vec<u32>,
    pub(super) months_column: Vec<u32>,
    pub(super) source_names: Vec<String>,
    /// The outlets the sources are spellings of (`outlets`), by source number.
    pub(super) outlets: OutletTable,
    pub(super) month_names: Vec<String>,
    pub(super) date_ranks: Vec<u32>,
}

/// The distinct values of `values`, sorted, and each value's number among them (`u32::MAX`
/// for none).
fn numbered<'a>(values: impl Iterator<Item = Option<&'a str>>) -> (Vec<&'a str>, Vec<u32>) {
    let values: Vec<Option<&str>> = values.collect();
    let mut names: Vec<&str> = values.iter().flatten().copied().collect();
    names.sort_unstable();
    names.dedup();
    let number_of: FxMap<&str, u32> = names
        .iter()
        .enumerate()
        .map(|(i, name)| (*name, i as u32))
        .collect();
    let numbers = values
        .iter()
        .map(|v| v.map_or(u32::MAX, |v| number_of[v]))
        .collect();
    (names, numbers)
}

/// The heads section: the document count; the sources, then the dates, each as a count and
/// the distinct values sorted (varint length, UTF-8); then per article its source's number + 1
/// and its date's number + 1 (0: none); then the outlets (`outlets`): their count and each
/// one's name (in order: the number + 1 of the source spelled so, or 0 and the name), then per
/// source its outlet's number and why it is under it ([`Merged`]).
pub(super) fn write_heads(
    sources: &[Option<Box<str>>],
    dates: &[Option<Box<str>>],
    alias_groups: &[Vec<String>],
    rules: &OutletRules,
) -> Vec<u8> {
    let count = sources.len();
    let (sources, source_numbers) = numbered(sources.iter().map(Option::as_deref));
    let mut articles = vec![0; sources.len()];
    for &n in source_numbers.iter().filter(|&&n| n != u32::MAX) {
        articles[n as usize] += 1;
    }
    let spellings: Vec<(&str, usize)> = sources.iter().copied().zip(articles).collect();
    let outlets = group_outlets(&spellings, alias_groups, rules);
    let (dates, date_numbers) = numbered(dates.iter().map(Option::as_deref));
    let mut out = Vec::new();
    write_varint(&mut out, count as u64);
    let write_str = |out: &mut Vec<u8>, s: &str| {
        write_varint(out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
    };
    for names in [&sources, &dates] {
        write_varint(&mut out, names.len() as u64);
        for name in names {
            write_str(&mut out, name);
        }
    }
    for i in 0..count {
        write_varint(&mut out, u64::from(source_numbers[i].wrapping_add(1)));
        write_varint(&mut out, u64::from(date_numbers[i].wrapping_add(1)));
    }
    write_varint(&mut out, outlets.names.len() as u64);
    for name in &outlets.names {
        // Most outlets are named by one of their spellings: its number + 1; else 0 and the name.
        match sources.binary_search(&name.as_str()) {
            Ok(spelling) => write_varint(&mut out, spelling as u64 + 1),
            Err(_) => {
                write_varint(&mut out, 0);
                write_str(&mut out, name);
            }
        }
    }
    for &(outlet, why) in &outlets.of_spelling {
        write_varint(&mut out, u64::from(outlet));
        write_varint(&mut out, why as u64);
    }
    out
}

/// Reads the heads section of an index with `docs` documents, and derives the facet columns.
pub(super) fn read_heads(bytes: &[u8], docs: usize) -> Result<(Heads, FacetColumns), Error> {
    let mut r = Reader::new(bytes);
    let count = r.varint()? as usize;
    if count != docs {
        return Err(Error::corrupt(format!(
            "heads of {count} articles but {docs} document entries"
        )));
    }
    // Each entry takes at least two bytes; a larger count is a lie told by damaged bytes.
    if count > bytes.len() / 2 {
        return Err(Error::corrupt("heads count exceeds the section's size"));
    }
    let sources = read_names(&mut r)?;
    let date_names = read_names(&mut r)?;
    let (mut source_numbers, mut date_numbers) =
        (Vec::with_capacity(count), Vec::with_capacity(count));
    let number = |r: &mut Reader, names: usize, what: &str| -> Result<u32, Error> {
        match r.varint_u32()? {
            0 => Ok(u32::MAX),
            n if (n as usize) <= names => Ok(n - 1),
            n => Err(Error::corrupt(format!("{what} {n} of {names}"))),
        }
    };
    for _ in 0..count {
        source_numbers.push(number(&mut r, sources.len(), "source")?);
        date_numbers.push(number(&mut r, date_names.len(), "date")?);
    }
    let outlets = read_outlets(&mut r, &sources)?;
    let mut facets = facet_columns(&sources, &date_names, source_numbers, &date_numbers);
    facets.outlets = outlets;
    Ok((
        Heads {
            date_numbers,
            date_names,
        },
        facets,
    ))
}

/// The facet columns of articles whose sources and dates are numbered among `sources` and
/// `dates` (both sorted, so a date's number + 1 is its rank).
fn facet_columns(
    sources: &[Box<str>],
    dates: &[Box<str>],
    sources_column: Vec<u32>,
    date_numbers: &[u32],
) -> FacetColumns {
    let month_of_date: Vec<Option<&str>> = dates.iter().map(|d| d.get(..7)).collect();
    let (months, month_of_number) = numbered(month_of_date.iter().copied());
    let months_column = date_numbers
        .iter()
        .map(|&n| month_of_number.get(n as usize).copied().unwrap_or(u32::MAX))
        .collect();
    FacetColumns {
        sources_column,
        months_column,
        source_names: sources.iter().map(|s| s.to_string()).collect(),
        outlets: OutletTable::default(),
        month_names: months.into_iter().map(str::to_owned).collect(),
        date_ranks: date_numbers.iter().map(|n| n.wrapping_add(1)).collect(),
    }
}

/// A count, then that many strings (sorted, distinct, as `write_heads` writes them).
fn read_names(r: &mut Reader) -> Result<Vec<Box<str>>, Error> {
    let count = r.varint()? as usize;
    if count > r.remaining() {
        return Err(Error::corrupt("heads: more names than bytes"));
    }
    let names: Vec<Box<str>> = (0..count).map(|_| read_str(r)).collect::<Result<_, _>>()?;
    if names.windows(2).any(|w| w[0] >= w[1]) {
        return Err(Error::corrupt("heads: names out of order"));
    }
    Ok(names)
}

/// The outlets after the heads' articles (as `write_heads` writes them), for `spellings`
/// source names.
fn read_outlets(r: &mut Reader, spellings: &[Box<str>]) -> Result<OutletTable, Error> {
    let count = r.varint()? as usize;
    if count > r.remaining() {
        return Err(Error::corrupt("heads: more outlets than bytes"));
    }
    let names: Vec<String> = (0..count)
        .map(|_| match r.varint()? as usize {
            0 => read_str(r).map(String::from),
            n => spellings
                .get(n - 1)
                .map(|s| s.to_string())
                .ok_or_else(|| Error::corrupt("heads: an outlet named by no spelling")),
        })
        .collect::<Result<_, _>>()?;
    if names.windows(2).any(|w| w[0] >= w[1]) {
        return Err(Error::corrupt("heads: outlets out of order"));
    }
    let of_spelling = (0..spellings.len())
        .map(|_| {
            let outlet = r.varint_u32()?;
            let why = Merged::from_code(r.varint()?);
            match why {
                Some(why) if (outlet as usize) < names.len() => Ok((outlet, why)),
                _ => Err(Error::corrupt("heads: a source's outlet is out of range")),
            }
        })
        .collect::<Result<_, _>>()?;
    Ok(OutletTable { names, of_spelling })
}

fn read_str(r: &mut Reader) -> Result<Box<str>, Error> {
    let len = r.varint()? as usize;
    let bytes = r.bytes(len)?;
    std::str::from_utf8(bytes)
        .map(Box::from)
        .map_err(|_| Error::corrupt("heads: a string is not UTF-8"))
}

pub(super) fn read_docs(bytes: &[u8]) -> Result<Vec<DocStats>, Error> {
    let mut r = Reader::new(bytes);
    let count = r.varint_u32()? as usize;
    // Each entry takes at least two bytes; a larger count is a lie told by damaged bytes.
    if count > bytes.len() / 2 {
        return Err(Error::corrupt("document table count exceeds its size"));
    }
    (0..count)
        .map(|_| {
            Ok(DocStats {
                title_tokens: r.varint_u32()?,
                body_tokens: r.varint_u32()?,
            })
        })
        .collect()
}

/// The docs section: the document count, then each article's title and body token counts.
pub(super) fn write_doc_table(docs: &[DocStats]) -> Vec<u8> {
    let mut table = Vec::new();
    write_varint(&mut table, docs.len() as u64);
    for d in docs {
        write_varint(&mut table, u64::from(d.title_tokens));
        write_varint(&mut table, u64::from(d.body_tokens));
    }
    table
}
