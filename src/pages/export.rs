//! Export from the result list: every article of the current results (query, sources, dates,
//! order) as one file for a spreadsheet (CSV), a script (JSON Lines) or a reference manager
//! (RIS, BibTeX, CSL-JSON), written by `jikji-export` as the CLI's `search --format` writes it.
//! The articles' texts are fetched first (a few articles a chunk), with the count on the page;
//! an export is made when asked, never while typing.

use std::rc::Rc;

use jikji_engine::{Article, DocId, SearchOptions, SearchResults};
use jikji_export::{Entry, Format, Options, Text};
use yew::prelude::*;

use crate::i18n::{use_strings, Strings};
use crate::index_data::IndexHandle;
use crate::route::SearchState;
use crate::texts::{use_search_texts, use_texts};

/// Most articles one file takes: every article's text is fetched and held for it. Results with
/// more export in parts of this many, each a file of its own, all of them offered.
pub const EXPORT_MAX: usize = 5_000;

/// The parts results of `total` articles export in: `(first, last)` positions, from 1.
pub fn export_parts(total: usize) -> Vec<(usize, usize)> {
    (0..total.div_ceil(EXPORT_MAX))
        .map(|part| (part * EXPORT_MAX + 1, ((part + 1) * EXPORT_MAX).min(total)))
        .collect()
}

/// What an export was asked for: its format, the search, which part (from 0), and which text
/// goes with each article.
type Asked = (Format, SearchState, usize, Text);

#[derive(Properties, PartialEq)]
pub struct ExportResultsProps {
    pub index: IndexHandle,
    pub state: SearchState,
    /// Articles the results hold (the list's total).
    pub total: usize,
}

/// The "내보내기" menu of a result list and the export under way.
#[function_component(ExportResults)]
pub fn export_results(props: &ExportResultsProps) -> Html {
    let t = use_strings();
    let texts = use_texts();
    let asked = use_state(|| None::<Asked>);
    let done = use_state(|| None::<String>);
    let part = use_state(|| 0usize);
    let full_text = use_state(|| false);
    // A new query or new filters end an export under way and its message.
    {
        let (asked, done, part) = (asked.clone(), done.clone(), part.clone());
        use_effect_with(props.state.clone().first_page(), move |_| {
            (asked.set(None), done.set(None), part.set(0));
        });
    }
    let parts_of_total = export_parts(props.total);
    // The articles to export, once asked: the list's, in its order.
    let hits = use_export_search(&props.index, &asked, texts.blocks_generation());
    let (docs, missing_blocks) = hits
        .as_ref()
        .as_ref()
        .map(|r| {
            let docs: Vec<DocId> = r.hits.iter().map(|h| h.doc).collect();
            (docs, r.missing_blocks.clone())
        })
        .unwrap_or_default();
    let parts = use_search_texts(&props.index, &missing_blocks, &docs);
    // An export is whole or not made: a block or an article that cannot be had stops it.
    let failed = parts.blocks_failed.clone().or_else(|| {
        parts
            .articles_failed
            .first()
            .map(|(_, reason)| reason.clone())
    });
    // Everything here: the file is written and offered, once.
    let ready = hits
        .as_ref()
        .as_ref()
        .filter(|_| !parts.incomplete && parts.articles_failed.is_empty());
    let file = ready
        .zip((*asked).clone())
        .map(|(results, (format, _, part, which))| {
            let (text, n) = export_file(&props.index, results, format, which);
            (
                file_name(format, part, parts_of_total.len()),
                format,
                text,
                n,
            )
        });
    use_offer_file(file, &asked, &done);
    let start = {
        let (asked, done, state, part, full_text) = (
            asked.clone(),
            done.clone(),
            props.state.clone(),
            *part,
            *full_text,
        );
        Callback::from(move |format: Format| {
            let which = if full_text { Text::Full } else { Text::Snippet };
            done.set(None);
            asked.set(Some((format, state.clone(), part, which)));
        })
    };
    let status = match (failed, hits.as_ref().as_ref()) {
        _ if asked.is_none() => (*done).clone(),
        (Some(reason), _) => Some((t.export_failed)(&reason)),
        (None, Some(results)) => Some(reading_status(t, &props.index, results)),
        (None, None) => (*done).clone(),
    };
    export_menu(
        t,
        &ExportMenu {
            busy: asked.is_some(),
            full_text,
            parts: &parts_of_total,
            part,
            total: props.total,
            status,
            on_format: start,
        },
    )
}

/// The name of the file of `part` (from 0) of an export in `format` made in `parts` parts.
fn file_name(format: Format, part: usize, parts: usize) -> String {
    match parts {
        0 | 1 => format!("jikji-results.{}", format.extension()),
        count => format!("jikji-results-{}of{count}.{}", part + 1, format.extension()),
    }
}

/// What the export menu shows.
struct ExportMenu<'a> {
    /// An export is under way: the choices wait.
    busy: bool,
    /// The whole text instead of the snippet, as chosen.
    full_text: UseStateHandle<bool>,
    /// The parts the results export in (first and last, from 1), and the one chosen.
    parts: &'a [(usize, usize)],
    part: UseStateHandle<usize>,
    total: usize,
    status: Option<String>,
    on_format: Callback<Format>,
}

/// The menu: a button per format, the choice of text, the part (for results of more than one
/// file) and what the export is doing (a view function: a component costs the app's code a
/// few kB).
fn export_menu(t: &Strings, menu: &ExportMenu) -> Html {
    let on_full_text = {
        let full_text = menu.full_text.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            full_text.set(input.checked());
        })
    };
    let on_part = {
        let part = menu.part.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            part.set(select.value().parse().unwrap_or(0));
        })
    };
    html! {
        <details class="export-results">
            <summary>{ t.export_results }</summary>
            <div class="export-formats" role="group" aria-label={t.export_results}>
                { for Format::ALL.into_iter().map(|format| html! {
                    <button type="button" class={classes!("export-format", format!("export-{}", format.extension()))}
                        disabled={menu.busy} onclick={menu.on_format.reform(move |_| format)}>{ format_label(format) }</button>
                }) }
            </div>
            <label class="export-note">
                <input type="checkbox" class="export-full-text" checked={*menu.full_text}
                    onchange={on_full_text} disabled={menu.busy} />
                { " " }{ t.export_full_text }
            </label>
            if menu.parts.len() > 1 {
                <label class="export-note">
                    { (t.export_in_parts)(EXPORT_MAX, menu.total) }
                    <select class="export-part" onchange={on_part} disabled={menu.busy}>
                        { for menu.parts.iter().enumerate().map(|(i, &(first, last))| html! {
                            <option value={i.to_string()} selected={i == *menu.part}>{ (t.export_part)(first, last) }</option>
                        }) }
                    </select>
                </label>
            }
            if let Some(status) = &menu.status {
                <p class="export-status" role="status">{ status.clone() }</p>
            }
        </details>
    }
}

/// Every article of the export's search (reprints too: the list shows a story once), once
/// `asked`; again when blocks arrive (`generation`).
#[hook]
fn use_export_search(
    index: &IndexHandle,
    asked: &UseStateHandle<Option<Asked>>,
    generation: u32,
) -> Rc<Option<SearchResults>> {
    let index = index.clone();
    use_memo(((**asked).clone(), generation), move |(asked, _)| {
        asked.as_ref().map(|(_, state, part, _)| {
            let options = SearchOptions {
                snippets: false,
                group_reprints: false,
                offset: part * EXPORT_MAX,
                limit: EXPORT_MAX,
                ..state.options(EXPORT_MAX)
            };
            index.search(&state.query, &options)
        })
    })
}

/// Offers the `file` written (its name, format, text and number of articles) as a download, once,
/// and ends the export with a message saying how many articles it holds.
#[hook]
fn use_offer_file(
    file: Option<(String, Format, String, usize)>,
    asked: &UseStateHandle<Option<Asked>>,
    done: &UseStateHandle<Option<String>>,
) {
    let t = use_strings();
    let (asked, done) = (asked.clone(), done.clone());
    use_effect_with(
        file.as_ref()
            .map(|(name, _, text, n)| (name.clone(), text.len(), *n)),
        move |_| {
            if let Some((name, format, text, n)) = file {
                super::saved::download(&name, format.media_type(), &text);
                done.set(Some((t.exported)(n)));
                asked.set(None);
            }
        },
    );
}

/// The file of `results` in `format` (their texts here) with each article's snippet or whole
/// `text`, and how many articles it holds.
fn export_file(
    index: &IndexHandle,
    results: &SearchResults,
    format: Format,
    text: Text,
) -> (String, usize) {
    let articles: Vec<&Article> = results
        .hits
        .iter()
        .filter_map(|h| index.article(h.doc))
        .collect();
    let snippets: Vec<String> = results
        .hits
        .iter()
        .map(|h| {
            index
                .complete_hit(h, &results.prepared)
                .map(|h| h.snippet.text)
                .unwrap_or_default()
        })
        .collect();
    let entries: Vec<Entry> = articles
        .iter()
        .zip(&snippets)
        .map(|(article, snippet)| Entry {
            article,
            snippet: Some(snippet.as_str()),
        })
        .collect();
    let options = Options {
        text,
        accessed: today(),
    };
    (format.write(&entries, &options), entries.len())
}

/// "Reading n of m articles": how many of the export's articles have their text here.
fn reading_status(t: &Strings, index: &IndexHandle, results: &SearchResults) -> String {
    let here = results
        .hits
        .iter()
        .filter(|h| index.missing_text(h.doc).is_none())
        .count();
    (t.export_reading)(here, results.hits.len())
}

/// A format's name in the menu.
pub fn format_label(format: Format) -> &'static str {
    match format {
        Format::Csv => "CSV (Excel)",
        Format::JsonLines => "JSON Lines",
        Format::CslJson => "CSL-JSON (Zotero)",
        Format::Ris => "RIS (EndNote, Zotero)",
        Format::Bibtex => "BibTeX",
    }
}

/// Today in UTC, the citation formats' access date.
pub fn today() -> Option<jikji_export::Date> {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    jikji_export::Date::parse(iso.get(..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_export_in_parts_that_hold_each_article_once() {
        assert_eq!(export_parts(0), []);
        assert_eq!(export_parts(8), [(1, 8)]);
        assert_eq!(export_parts(EXPORT_MAX), [(1, EXPORT_MAX)]);
        assert_eq!(export_parts(5_100), [(1, 5_000), (5_001, 5_100)]);
        let parts = export_parts(12_345);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts.last(), Some(&(10_001, 12_345)));
        let covered: usize = parts.iter().map(|(first, last)| last - first + 1).sum();
        assert_eq!(covered, 12_345);
    }
}
