//! BM25F, on its own: an article's title and body frequencies of a clause's terms, weighted
//! by field and normalised by the field's length, saturated by [`K1`]; and the clause's
//! inverse document frequency. Search adds the clause scores of a query (see `search`); the
//! index stores each article's token counts ([`DocStats`], the `docs` section) and works out
//! their field weights once when it is opened.

/// BM25 term-frequency saturation. 1.2 is the usual value; 0.5–2.0 is a sensible range.
pub const K1: f32 = 1.2;
/// BM25 length normalization: 0 ignores length, 1 normalizes fully.
pub const B: f32 = 0.75;
/// How much a title occurrence outweighs a body occurrence (1 = equal; 2–5 is typical).
pub const TITLE_WEIGHT: f32 = 3.0;

/// Token counts of one article, for BM25 length normalization.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DocStats {
    pub title_tokens: u32,
    pub body_tokens: u32,
}

/// Weighted term frequencies of one document (each occurrence weighted by how its term
/// matched the query word).
#[derive(Clone, Copy, Default)]
pub struct FieldFreqs {
    pub title: f32,
    pub body: f32,
}

/// Per article, the weight of a term occurrence in its title and in its body: the title boost
/// over each field's length normalisation (BM25's `1 - b + b·length/average length`).
pub fn field_weights(docs: &[DocStats]) -> Vec<[f32; 2]> {
    let count = docs.len().max(1) as f32;
    let avg_title = (docs.iter().map(|d| d.title_tokens as f32).sum::<f32>() / count).max(1.0);
    let avg_body = (docs.iter().map(|d| d.body_tokens as f32).sum::<f32>() / count).max(1.0);
    let norm = |tokens: u32, avg: f32| 1.0 - B + B * tokens as f32 / avg;
    docs.iter()
        .map(|d| {
            [
                TITLE_WEIGHT / norm(d.title_tokens, avg_title),
                1.0 / norm(d.body_tokens, avg_body),
            ]
        })
        .collect()
}

/// The inverse document frequency of a clause found in `df` of `docs` articles.
pub fn idf(docs: usize, df: usize) -> f32 {
    let (n, df) = (docs as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// An article's BM25F term score: its weighted frequencies `f` under its field weights
/// (`field_weights`), saturated.
#[inline]
pub fn saturated(weights: [f32; 2], f: FieldFreqs) -> f32 {
    let [title, body] = weights;
    let tf = title * f.title + body * f.body;
    tf * (K1 + 1.0) / (K1 + tf)
}
