//! A file's articles between being read and being kept: [`Pending`] holds them until the
//! file's report says whether they stay (a file read a piece at a time that fails before its
//! end keeps none: `FileReport::keep`), in memory up to [`Pending::BUDGET`] bytes of text and
//! past that in a temporary file, one JSON line an article, so a file of a million articles is
//! never held whole. [`Pending::drain`] hands them on in order, a batch at a time.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use jikji_engine::Article;

/// The articles of the file being read, in the order read.
pub struct Pending {
    /// The articles since the last spill (all of them while within the budget).
    held: Vec<Article>,
    /// The text bytes of `held`.
    held_bytes: usize,
    /// Where the articles before `held` went, once the budget was passed.
    spilled: Option<Spill>,
    budget: usize,
}

/// The temporary file of a [`Pending`], removed when it is dropped.
struct Spill {
    file: BufWriter<File>,
    path: PathBuf,
    count: usize,
}

impl Drop for Spill {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Default for Pending {
    fn default() -> Self {
        Pending::with_budget(Pending::BUDGET)
    }
}

impl Pending {
    /// The text held in memory before the articles go to a temporary file: 256 MiB, a few
    /// seconds of reading; a smaller budget writes more files' articles out and back.
    pub const BUDGET: usize = 256 << 20;

    /// Articles handed on by [`Pending::drain`] at a time.
    pub const BATCH: usize = 4_096;

    /// A pending store that writes its articles out past `budget` bytes of text.
    pub fn with_budget(budget: usize) -> Self {
        Pending {
            held: Vec::new(),
            held_bytes: 0,
            spilled: None,
            budget,
        }
    }

    /// The articles held.
    pub fn len(&self) -> usize {
        self.held.len() + self.spilled.as_ref().map_or(0, |s| s.count)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether some of the articles are in a temporary file.
    pub fn is_spilled(&self) -> bool {
        self.spilled.is_some()
    }

    /// Adds the articles read next; past the budget, what is held goes to the temporary file
    /// (if no temporary file can be written, they stay in memory).
    pub fn extend(&mut self, articles: impl IntoIterator<Item = Article>) {
        for article in articles {
            self.held_bytes += text_bytes(&article);
            self.held.push(article);
        }
        if self.held_bytes > self.budget && self.spill().is_ok() {
            self.held.clear();
            self.held_bytes = 0;
        }
    }

    /// Writes the held articles to the temporary file (created on first need).
    fn spill(&mut self) -> io::Result<()> {
        if self.spilled.is_none() {
            self.spilled = Some(Spill::create()?);
        }
        let spill = self.spilled.as_mut().expect("created above");
        for article in &self.held {
            serde_json::to_writer(&mut spill.file, article)?;
            spill.file.write_all(b"\n")?;
        }
        spill.count += self.held.len();
        Ok(())
    }

    /// Hands the articles on to `each` in order, at most [`Pending::BATCH`] at a time. An
    /// error reading back the temporary file ends the hand-over; it says how many articles
    /// were not handed on.
    pub fn drain(mut self, mut each: impl FnMut(Vec<Article>)) -> Result<(), String> {
        if let Some(mut spill) = self.spilled.take() {
            let mut handed = 0;
            read_back(&mut spill, |batch| {
                handed += batch.len();
                each(batch)
            })
            .map_err(|e| {
                format!(
                    "{} of its articles could not be read back from the temporary file {} ({e}) and are left out",
                    spill.count - handed,
                    spill.path.display()
                )
            })?;
        }
        let mut held = std::mem::take(&mut self.held).into_iter().peekable();
        while held.peek().is_some() {
            each(held.by_ref().take(Self::BATCH).collect());
        }
        Ok(())
    }

    /// The articles, all in memory (for callers that keep them all anyway); an error as
    /// [`Pending::drain`]'s.
    pub fn into_articles(self) -> Result<Vec<Article>, String> {
        let mut articles = Vec::with_capacity(self.len());
        self.drain(|batch| articles.extend(batch))?;
        Ok(articles)
    }
}

impl Spill {
    fn create() -> io::Result<Spill> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "jikji-pending-{}-{}.jsonl",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let file = File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        Ok(Spill {
            file: BufWriter::with_capacity(1 << 20, file),
            path,
            count: 0,
        })
    }
}

/// Reads the articles of `spill` back, in order, a batch at a time.
fn read_back(spill: &mut Spill, mut each: impl FnMut(Vec<Article>)) -> io::Result<()> {
    spill.file.flush()?;
    let file = spill.file.get_mut();
    file.seek(SeekFrom::Start(0))?;
    let mut lines = BufReader::with_capacity(1 << 20, &*file).lines();
    let mut batch = Vec::with_capacity(Pending::BATCH);
    for _ in 0..spill.count {
        let line = lines
            .next()
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "the file is short"))??;
        batch.push(serde_json::from_str(&line)?);
        if batch.len() == Pending::BATCH {
            each(std::mem::take(&mut batch));
        }
    }
    if !batch.is_empty() {
        each(batch);
    }
    Ok(())
}

/// The bytes of an article's text (title, body, captions): what holding it costs, near enough.
fn text_bytes(article: &Article) -> usize {
    article.title.len()
        + article.body.len()
        + article.captions.iter().map(|c| c.text.len()).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles(n: usize) -> Vec<Article> {
        (0..n)
            .map(|i| {
                Article::new(
                    format!("a{i}"),
                    format!("제목 {i}"),
                    "본문 ".repeat(i % 7 + 1),
                )
            })
            .collect()
    }

    #[test]
    fn articles_past_the_budget_go_to_a_file_and_come_back_in_order() {
        let all = articles(10_000);
        let mut pending = Pending::with_budget(1_000);
        for piece in all.chunks(37) {
            pending.extend(piece.to_vec());
        }
        assert!(pending.is_spilled(), "10,000 articles are past 1,000 bytes");
        assert_eq!(pending.len(), all.len());
        let mut batches = 0;
        let mut back = Vec::new();
        pending
            .drain(|batch| {
                assert!(!batch.is_empty() && batch.len() <= Pending::BATCH);
                batches += 1;
                back.extend(batch);
            })
            .unwrap();
        assert_eq!(back, all);
        assert!(batches >= 3);
    }

    #[test]
    fn articles_within_the_budget_stay_in_memory() {
        let all = articles(50);
        let mut pending = Pending::default();
        pending.extend(all.clone());
        assert!(!pending.is_spilled());
        assert_eq!(pending.into_articles().unwrap(), all);
    }
}
