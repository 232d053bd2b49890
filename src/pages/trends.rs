//! The trend page (`#/trends`): up to five queries on one timeline, a line each, counted by
//! the engine ([`jikji_engine::Index::trend`]: the search's own counts, under the result
//! list's filters), as counts per month (per year over long spans) or as each month's share
//! of all its articles. Drawn as SVG by the page, with the same figures in a table; a point or
//! a figure opens that period's results for that query; the figures export as one wide CSV.
//! Computed when the page is shown, never while typing on the results page.

use std::rc::Rc;

use jikji_engine::search::MAX_TREND_LINES;
use jikji_engine::Trend;
use jikji_export::{trend_csv, TrendColumns};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{use_strings, Strings};
use crate::index_data::IndexHandle;
use crate::navigation::Navigation;
use crate::route::{Route, SearchState, TrendView};
use crate::texts::use_texts;

#[derive(Properties, PartialEq)]
pub struct TrendsPageProps {
    pub index: IndexHandle,
    pub view: TrendView,
    /// The result list's filters (applied to every line) and the list to go back to.
    pub state: SearchState,
    pub on_navigate: Callback<Navigation>,
}

#[function_component(TrendsPage)]
pub fn trends_page(props: &TrendsPageProps) -> Html {
    let t = use_strings();
    let texts = use_texts();
    // One count per view and filters, made again when blocks it lacked arrive.
    let trend = {
        let index = props.index.clone();
        use_memo(
            (
                props.view.lines.clone(),
                props.state.clone(),
                texts.blocks_generation(),
            ),
            move |(lines, state, _)| {
                let queries: Vec<&str> = lines.iter().map(String::as_str).collect();
                index.trend(&queries, &state.options(0))
            },
        )
    };
    {
        let texts = texts.clone();
        use_effect_with(trend.missing_blocks.clone(), move |missing| {
            texts.request_blocks(missing.iter().copied())
        });
    }
    let failed = texts.blocks_failure(&trend.missing_blocks);
    let counting = !trend.missing_blocks.is_empty() && failed.is_none();
    let on_lines = {
        let (view, on_navigate) = (props.view.clone(), props.on_navigate.clone());
        Callback::from(move |lines: Vec<String>| {
            on_navigate.emit(Navigation::Trend(TrendView {
                lines,
                ..view.clone()
            }))
        })
    };
    let toggle = |share: bool| {
        let view = TrendView {
            share,
            ..props.view.clone()
        };
        props
            .on_navigate
            .reform(move |_: MouseEvent| Navigation::Trend(view.clone()))
    };
    let back = Route::Search(props.state.clone()).to_hash();
    html! {
        <section class="trends" aria-labelledby="trends-title">
            <nav class="reader-nav">
                <a class="back" href={back}>{ t.back_to_results }</a>
            </nav>
            <h1 id="trends-title">{ t.trends }</h1>
            <TrendQueries lines={props.view.lines.clone()} on_lines={on_lines} />
            <p class="trend-filters">{ (t.trend_filters)(&filters_said(t, &props.state)) }</p>
            <div class="trend-measure" role="group" aria-label={t.trends}>
                <button type="button" class="trend-counts" aria-pressed={(!props.view.share).to_string()} onclick={toggle(false)}>{ t.trend_counts }</button>
                <button type="button" class="trend-shares" aria-pressed={props.view.share.to_string()} onclick={toggle(true)}>{ t.trend_shares }</button>
            </div>
            if let Some(reason) = failed {
                <p class="text-error" role="alert">{ (t.blocks_failed)(&reason) }</p>
            } else if counting {
                <p class="trend-status" aria-busy="true">{ t.trend_counting }</p>
            } else if trend.lines.is_empty() {
            } else if trend.periods.is_empty() {
                <p class="empty">{ t.trend_empty }</p>
            } else {
                <TrendFigures trend={trend.clone()} share={props.view.share} state={props.state.clone()} />
            }
        </section>
    }
}

/// The filters of the list, in words ("KIC · 2020-08 – 2021-01"), or that there are none.
fn filters_said(t: &Strings, state: &SearchState) -> String {
    let mut parts: Vec<String> = state.sources.clone();
    match (&state.from, &state.to) {
        (None, None) => {}
        (from, to) => parts.push(format!(
            "{} – {}",
            from.as_deref().unwrap_or(""),
            to.as_deref().unwrap_or("")
        )),
    }
    if parts.is_empty() {
        t.trend_no_filters.to_owned()
    } else {
        parts.join(" · ")
    }
}

#[derive(Properties, PartialEq)]
struct TrendQueriesProps {
    lines: Vec<String>,
    on_lines: Callback<Vec<String>>,
}

/// The queries, one field each: drawn when the form is sent (Enter or the button); a line
/// is removed by its button; another field is added up to five.
#[function_component(TrendQueries)]
fn trend_queries(props: &TrendQueriesProps) -> Html {
    let t = use_strings();
    let fields = use_state(|| props.lines.len().max(1));
    {
        let fields = fields.clone();
        use_effect_with(props.lines.len(), move |&n| fields.set(n.max(1)));
    }
    let form = use_node_ref();
    let read = {
        let form = form.clone();
        move || -> Vec<String> {
            let Some(form) = form.cast::<web_sys::Element>() else {
                return Vec::new();
            };
            let inputs = form.query_selector_all("input.trend-query");
            let mut lines = Vec::new();
            for i in 0..inputs.as_ref().map_or(0, |l| l.length()) {
                let input = inputs.as_ref().ok().and_then(|l| l.item(i));
                if let Some(input) =
                    input.and_then(|n| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(n).ok())
                {
                    let value = input.value();
                    if !value.trim().is_empty() {
                        lines.push(value.trim().to_owned());
                    }
                }
            }
            lines
        }
    };
    let on_submit = {
        let (read, on_lines) = (read.clone(), props.on_lines.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_lines.emit(read());
        })
    };
    let add = {
        let fields = fields.clone();
        Callback::from(move |_| fields.set((*fields + 1).min(MAX_TREND_LINES)))
    };
    html! {
        <form class="trend-queries" ref={form} onsubmit={on_submit}>
            { for (0..*fields).map(|i| {
                let value = props.lines.get(i).cloned().unwrap_or_default();
                let remove = {
                    let (lines, on_lines) = (props.lines.clone(), props.on_lines.clone());
                    Callback::from(move |_| {
                        let mut lines = lines.clone();
                        if i < lines.len() {
                            lines.remove(i);
                        }
                        on_lines.emit(lines);
                    })
                };
                html! {
                    <div class={classes!("trend-query-row", format!("trend-line-{i}"))} key={format!("{i}:{value}")}>
                        <span class="trend-swatch" aria-hidden="true"></span>
                        <input class="trend-query" type="search" value={value} aria-label={(t.trend_query)(i + 1)} placeholder={(t.trend_query)(i + 1)} />
                        if i < props.lines.len() {
                            <button type="button" class="trend-remove" aria-label={t.trend_remove} title={t.trend_remove} onclick={remove}>{ "×" }</button>
                        }
                    </div>
                }
            }) }
            <div class="trend-query-actions">
                if *fields < MAX_TREND_LINES {
                    <button type="button" class="trend-add" onclick={add}>{ t.trend_add }</button>
                }
                <button type="submit" class="trend-draw">{ t.trend_draw }</button>
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct TrendFiguresProps {
    pub trend: Rc<Trend>,
    pub share: bool,
    pub state: SearchState,
}

/// Chart geometry, in the SVG's own units (it scales to the page's width).
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 30.0;
/// Most period labels under the chart.
const MAX_LABELS: usize = 8;

/// The chart, its readout, the legend, the table and the export.
#[function_component(TrendFigures)]
pub(crate) fn trend_figures(props: &TrendFiguresProps) -> Html {
    let t = use_strings();
    let trend = &props.trend;
    // The point under the pointer or the focus: (line, period).
    let hovered = use_state(|| None::<(usize, usize)>);
    let on_hover = {
        let hovered = hovered.clone();
        Callback::from(move |at| hovered.set(at))
    };
    let csv = {
        let trend = trend.clone();
        Callback::from(move |_| {
            let text = trend_csv(&trend, TrendColumns::All);
            super::saved::download("jikji-trend.csv", "text/csv", &text);
        })
    };
    html! {
        <>
        <p class="trend-readout" aria-live="polite">
            { hovered.map(|(l, i)| point_label(t, trend, l, i)).unwrap_or_else(|| t.trend_hint.to_owned()) }
        </p>
        if trend.yearly {
            <p class="trend-note">{ t.trend_per_year }</p>
        }
        { trend_chart(t, &TrendChart { trend, share: props.share, state: &props.state, hovered: *hovered, on_hover }) }
        <ul class="trend-legend">
            { for trend.lines.iter().enumerate().map(|(l, line)| html! {
                <li class={format!("trend-line-{l}")}>
                    <span class="trend-swatch" aria-hidden="true"></span>
                    <span class="trend-legend-query">{ &line.query }</span>
                    { " " }<span class="trend-legend-total">{ (t.trend_line_total)(line.total) }</span>
                </li>
            }) }
        </ul>
        <TrendTable trend={trend.clone()} state={props.state.clone()} />
        <div class="kept-file">
            <button type="button" class="trend-export" onclick={csv}>{ t.trend_export }</button>
        </div>
        </>
    }
}

/// What a point says: its period, query, count, the period's total and the share.
fn point_label(t: &Strings, trend: &Trend, line: usize, i: usize) -> String {
    (t.trend_point)(
        &trend.periods[i],
        &trend.lines[line].query,
        trend.lines[line].counts[i],
        trend.totals[i],
        &percent(trend.share(line, i)),
    )
}

/// Where a trend's values go on the chart: counts, or shares of each period's articles.
struct Scale<'a> {
    trend: &'a Trend,
    share: bool,
    /// The value at the top of the chart (a round figure).
    top: f64,
}

impl<'a> Scale<'a> {
    fn new(trend: &'a Trend, share: bool) -> Self {
        let mut scale = Scale {
            trend,
            share,
            top: 0.0,
        };
        let highest = (0..trend.lines.len())
            .flat_map(|l| (0..trend.periods.len()).map(move |i| (l, i)))
            .map(|(l, i)| scale.value(l, i))
            .fold(0.0, f64::max);
        scale.top = nice_top(highest, share);
        scale
    }

    fn value(&self, line: usize, i: usize) -> f64 {
        if self.share {
            self.trend.share(line, i)
        } else {
            self.trend.lines[line].counts[i] as f64
        }
    }

    fn x(&self, i: usize) -> f64 {
        LEFT + (i as f64 + 0.5) * (WIDTH - LEFT - RIGHT) / self.trend.periods.len() as f64
    }

    fn y(&self, v: f64) -> f64 {
        TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - v / self.top)
    }

    /// A value as the axis says it.
    fn figure(&self, v: f64) -> String {
        if self.share {
            percent(v)
        } else {
            format!("{}", v.round() as u64)
        }
    }
}

/// What the chart shows.
struct TrendChart<'a> {
    trend: &'a Trend,
    share: bool,
    state: &'a SearchState,
    hovered: Option<(usize, usize)>,
    on_hover: Callback<Option<(usize, usize)>>,
}

/// The lines as SVG: the grid with its figures, the periods, each line's points as links to
/// the period's results, and a guide at the point hovered (a view function: a component costs
/// the app's code a few kB).
fn trend_chart(t: &Strings, props: &TrendChart) -> Html {
    let trend = props.trend;
    let scale = Scale::new(trend, props.share);
    let (top, n) = (scale.top, trend.periods.len());
    let label_step = n.div_ceil(MAX_LABELS).max(1);
    let hover = |at: Option<(usize, usize)>| props.on_hover.reform(move |_: MouseEvent| at);
    let focus = |at: (usize, usize)| props.on_hover.reform(move |_: FocusEvent| Some(at));
    let point = |l: usize, i: usize| {
        let count = trend.lines[l].counts[i];
        html! {
            <a class={classes!("trend-point", (count == 0).then_some("zero"))}
                href={period_results(props.state, &trend.lines[l].query, &trend.periods[i])}
                aria-label={point_label(t, trend, l, i)}
                data-period={trend.periods[i].clone()} data-count={count.to_string()}
                onmouseenter={hover(Some((l, i)))} onfocus={focus((l, i))}>
                <circle cx={format!("{:.1}", scale.x(i))} cy={format!("{:.1}", scale.y(scale.value(l, i)))} r="4" />
            </a>
        }
    };
    html! {
        <div class="trend-chart-wrap">
        <svg class="trend-chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={t.trend_chart}
            onmouseleave={hover(None)}>
            { for ticks(top, props.share).into_iter().map(|f| html! {
                <g class="trend-grid">
                    <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={scale.y(top * f).to_string()} y2={scale.y(top * f).to_string()} />
                    <text x={(LEFT - 6.0).to_string()} y={(scale.y(top * f) + 4.0).to_string()} text-anchor="end">{ scale.figure(top * f) }</text>
                </g>
            }) }
            { for (0..n).step_by(label_step).map(|i| html! {
                <text class="trend-period" x={scale.x(i).to_string()} y={(HEIGHT - 10.0).to_string()} text-anchor="middle">{ &trend.periods[i] }</text>
            }) }
            if let Some((_, i)) = props.hovered {
                <line class="trend-guide" x1={scale.x(i).to_string()} x2={scale.x(i).to_string()} y1={TOP.to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
            }
            { for (0..trend.lines.len()).map(|l| {
                let points: Vec<String> = (0..n).map(|i| format!("{:.1},{:.1}", scale.x(i), scale.y(scale.value(l, i)))).collect();
                html! {
                    <g class={classes!("trend-line", format!("trend-line-{l}"))} data-query={trend.lines[l].query.clone()}>
                        <polyline points={points.join(" ")} />
                        { for (0..n).map(|i| point(l, i)) }
                    </g>
                }
            }) }
        </svg>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct TrendTableProps {
    trend: Rc<Trend>,
    state: SearchState,
}

/// The same figures as the chart: a row per period; per query its count (a link to that
/// period's results) and share; the period's articles.
#[function_component(TrendTable)]
fn trend_table(props: &TrendTableProps) -> Html {
    let t = use_strings();
    let trend = &props.trend;
    html! {
        <div class="trend-table-wrap">
        <table class="trend-table">
            <caption>{ t.trend_table }</caption>
            <thead>
                <tr>
                    <th scope="col">{ if trend.yearly { t.trend_year } else { t.trend_month } }</th>
                    { for trend.lines.iter().enumerate().map(|(l, line)| html! {
                        <th scope="col" class={format!("trend-line-{l}")}><span class="trend-swatch" aria-hidden="true"></span>{ &line.query }</th>
                    }) }
                    <th scope="col">{ t.trend_all_articles }</th>
                </tr>
            </thead>
            <tbody>
                { for trend.periods.iter().enumerate().map(|(i, period)| html! {
                    <tr data-period={period.clone()}>
                        <th scope="row">{ period }</th>
                        { for trend.lines.iter().enumerate().map(|(l, line)| html! {
                            <td>
                                if line.counts[i] > 0 {
                                    <a class="trend-cell" href={period_results(&props.state, &line.query, period)}>{ line.counts[i] }</a>
                                } else {
                                    { "0" }
                                }
                                <span class="trend-cell-share">{ format!(" ({})", percent(trend.share(l, i))) }</span>
                            </td>
                        }) }
                        <td>{ trend.totals[i] }</td>
                    </tr>
                }) }
            </tbody>
        </table>
        </div>
    }
}

/// The results of `query` in `period` (a month or a year), under the list's sources.
fn period_results(state: &SearchState, query: &str, period: &str) -> String {
    Route::Search(SearchState {
        query: query.to_owned(),
        from: Some(period.to_owned()),
        to: Some(period.to_owned()),
        undated: false,
        pages: 0,
        ..state.clone()
    })
    .to_hash()
}

/// Where the value axis is labelled, as fractions of its top: the bottom, the middle when
/// that is a whole count (or any share), the top.
fn ticks(top: f64, share: bool) -> Vec<f64> {
    if share || (top / 2.0).fract() == 0.0 {
        vec![0.0, 0.5, 1.0]
    } else {
        vec![0.0, 1.0]
    }
}

/// A share as a percentage with one decimal ("7.5%").
fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// The top of the value axis: the largest value rounded up to a round number (1, 2 or 5
/// times a power of ten; for shares, whole percents), never 0.
fn nice_top(largest: f64, share: bool) -> f64 {
    if share {
        return ((largest * 100.0).ceil().max(1.0)) / 100.0;
    }
    let largest = largest.max(1.0);
    let power = 10f64.powf(largest.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&top| top >= largest)
        .unwrap_or(10.0 * power)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_ends_at_a_round_number_above_the_largest_value() {
        assert_eq!(nice_top(0.0, false), 1.0);
        assert_eq!(nice_top(3.0, false), 5.0);
        assert_eq!(nice_top(17.0, false), 20.0);
        assert_eq!(nice_top(100.0, false), 100.0);
        assert_eq!(nice_top(0.071, true), 0.08);
        assert_eq!(nice_top(0.0, true), 0.01);
    }

    #[test]
    fn a_period_opens_its_results_under_the_same_sources() {
        let state = SearchState {
            sources: vec!["KIC".into()],
            from: Some("2020".into()),
            ..SearchState::with_query("x")
        };
        let route = Route::from_hash(&period_results(&state, "화웨이", "2020-08"));
        let Route::Search(s) = route else {
            panic!("{route:?}")
        };
        assert_eq!(
            (s.query.as_str(), s.from.as_deref(), s.to.as_deref()),
            ("화웨이", Some("2020-08"), Some("2020-08"))
        );
        assert_eq!(s.sources, ["KIC"]);
    }
}
