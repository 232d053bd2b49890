//! The timeline of the filter panel: matching articles per month (per year over long spans)
//! as an inline SVG histogram, with the undated articles as a bucket of their own. A click on
//! a bar selects its period, shift-click extends the selection to a range, and a drag across
//! the bars (mouse, pen or touch) brushes one; Enter or Space on a focused bar acts as a click.

use yew::prelude::*;

use super::filters::FacetProps;
use crate::i18n::{use_strings, Strings};
use crate::route::SearchState;

/// More months than this are shown as years: a bar must stay wide enough to hit, and every
/// bar is re-drawn on each keystroke.
const MAX_MONTH_BARS: usize = 48;

/// The timeline's bars from the first to the last month with articles, gaps included: months
/// (`YYYY-MM`), or years (`YYYY`) when there are more than `MAX_MONTH_BARS` months.
fn periods(first: &str, last: &str) -> Vec<String> {
    let parse = |m: &str| -> Option<(i32, i32)> {
        Some((m.get(..4)?.parse().ok()?, m.get(5..7)?.parse().ok()?))
    };
    let (Some((mut y, mut m)), Some((ly, lm))) = (parse(first), parse(last)) else {
        return Vec::new();
    };
    let months = (ly - y) * 12 + (lm - m) + 1;
    if months > MAX_MONTH_BARS as i32 {
        return (y..=ly).map(|year| format!("{year:04}")).collect();
    }
    let mut out = Vec::new();
    while (y, m) <= (ly, lm) {
        out.push(format!("{y:04}-{m:02}"));
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    out
}

/// A histogram of matching articles per month, or per year over a long span (inline SVG), with
/// the undated bucket apart. Clicking a bar selects its period; shift-click extends the
/// selection to a range; dragging across the bars (mouse, pen or touch) brushes a range.
#[function_component(Timeline)]
pub fn timeline(props: &FacetProps) -> Html {
    let t = use_strings();
    // While brushing: the bar indexes where the drag started and where it is now.
    let brush = use_state(|| None::<(usize, usize)>);
    let chart = use_node_ref();
    let facets = &props.facets;
    // No dated article (or months that read as no period, not `YYYY-MM`): no chart.
    let months = match (facets.months.first(), facets.months.last()) {
        (Some(first), Some(last)) => periods(&first.0, &last.0),
        _ => Vec::new(),
    };
    if months.is_empty() {
        return html! {
            <div class="filter-group timeline">
                <div class="filter-title">{ t.date }</div>
                { undated_button(props, t) }
            </div>
        };
    }
    let counts = bar_counts(&months, &facets.months);
    let max = counts.iter().copied().max().unwrap_or(1).max(1);
    // Bars at most 24 units wide, so a single month is a bar, not a block.
    let bar = (WIDTH / months.len().max(1) as f64).min(24.0);
    let in_range = selection(&months, *brush, &props.state);
    let handlers = brush_handlers(&brush, &chart, &months, bar, props);
    let first_year = months
        .first()
        .map(|m| m[..4].to_owned())
        .unwrap_or_default();
    let last_year = months.last().map(|m| m[..4].to_owned()).unwrap_or_default();
    html! {
        <div class="filter-group timeline">
            <div class="filter-title">{ t.date }</div>
            <svg ref={chart} class={classes!("histogram", brush.is_some().then_some("brushing"))} viewBox={format!("0 0 {WIDTH} {HEIGHT}")}
                preserveAspectRatio="none" role="group" aria-label={t.per_month} title={t.timeline_hint}
                onpointerdown={handlers.down} onpointermove={handlers.moved} onpointerup={handlers.up}
                onpointercancel={handlers.leave.clone()} onpointerleave={handlers.leave}>
                { for months.iter().enumerate().map(|(i, m)| {
                    let selected = in_range(i, m);
                    timeline_bar(t, &TimelineBar { period: m, index: i, count: counts[i], max, width: bar, selected }, props)
                }) }
            </svg>
            <div class="axis"><span>{ first_year }</span><span>{ last_year }</span></div>
            { undated_button(props, t) }
        </div>
    }
}

/// The chart's size in its own units (stretched to the panel's width).
const WIDTH: f64 = 260.0;
const HEIGHT: f64 = 64.0;

/// Articles per bar: the facet's months summed into their period.
fn bar_counts(periods: &[String], months: &[(String, usize)]) -> Vec<usize> {
    let mut counts = vec![0usize; periods.len()];
    for (month, n) in months {
        if let Some(i) = periods.iter().position(|p| month.starts_with(p.as_str())) {
            counts[i] += n;
        }
    }
    counts
}

/// Whether the bar `i` (of the period `m`) is selected: in the range being brushed, else in
/// the state's dates. Dates from the URL may be anything: they are compared at the bars'
/// precision (month or year), sliced only where it is safe.
fn selection(
    periods: &[String],
    brush: Option<(usize, usize)>,
    state: &SearchState,
) -> impl Fn(usize, &str) -> bool {
    let precision = periods.first().map_or(7, String::len);
    let cut = |d: Option<&String>| {
        d.map(|d| d.get(..precision).unwrap_or(d).to_owned())
            .unwrap_or_default()
    };
    let (from, to) = (cut(state.from.as_ref()), cut(state.to.as_ref()));
    let brushed = brush.map(|(a, b)| (a.min(b), a.max(b)));
    move |i: usize, m: &str| match brushed {
        Some((a, b)) => (a..=b).contains(&i),
        None => !from.is_empty() && m >= from.as_str() && (to.is_empty() || m <= to.as_str()),
    }
}

/// The chart's pointer handlers, which brush a range of bars.
struct BrushHandlers {
    down: Callback<PointerEvent>,
    moved: Callback<PointerEvent>,
    up: Callback<PointerEvent>,
    leave: Callback<PointerEvent>,
}

/// A press starts a brush on the bar under the pointer, a move extends it, a release over two
/// or more bars sets the range (a press and release on one bar is a click, handled by the bar
/// itself), leaving the chart drops it.
fn brush_handlers(
    brush: &UseStateHandle<Option<(usize, usize)>>,
    chart: &NodeRef,
    periods: &[String],
    bar: f64,
    props: &FacetProps,
) -> BrushHandlers {
    // The bar under the pointer, from its x across the chart (stretched to the chart's width).
    let last_bar = periods.len().saturating_sub(1);
    // (Yew delegates events, so the event's current target is not the chart: measure the node.)
    let chart = chart.clone();
    let bar_at = move |event: &PointerEvent| -> Option<usize> {
        let rect = chart.cast::<web_sys::Element>()?.get_bounding_client_rect();
        let x = (f64::from(event.client_x()) - rect.left()) / rect.width().max(1.0) * WIDTH;
        Some(((x / bar).floor().max(0.0) as usize).min(last_bar))
    };
    let down = {
        let (brush, bar_at) = (brush.clone(), bar_at.clone());
        Callback::from(move |event: PointerEvent| {
            if event.is_primary() && event.button() == 0 {
                if let Some(i) = bar_at(&event) {
                    brush.set(Some((i, i)));
                }
            }
        })
    };
    let moved = {
        let brush = brush.clone();
        Callback::from(move |event: PointerEvent| {
            if let (Some((start, end)), Some(i)) = (*brush, bar_at(&event)) {
                if i != end {
                    brush.set(Some((start, i)));
                }
            }
        })
    };
    let up = {
        let (brush, state, on_state, periods) = (
            brush.clone(),
            props.state.clone(),
            props.on_state.clone(),
            periods.to_vec(),
        );
        Callback::from(move |_: PointerEvent| {
            if let Some((a, b)) = *brush {
                if a != b {
                    let (a, b) = (a.min(b), a.max(b));
                    on_state.emit(SearchState {
                        from: Some(periods[a].clone()),
                        to: Some(periods[b].clone()),
                        undated: false,
                        ..state.clone()
                    });
                }
            }
            brush.set(None);
        })
    };
    let leave = {
        let brush = brush.clone();
        Callback::from(move |_: PointerEvent| brush.set(None))
    };
    BrushHandlers {
        down,
        moved,
        up,
        leave,
    }
}

/// What a click on the bar of `period` selects: that period alone (or nothing, when it was
/// selected alone), or with shift and a selection, the range from it to the selection's far
/// end. Never the undated bucket.
fn clicked(state: &SearchState, period: &str, shift: bool) -> SearchState {
    let mut next = SearchState {
        undated: false,
        ..state.clone()
    };
    let same = state.from.as_deref() == Some(period) && state.to.as_deref() == Some(period);
    if shift && state.from.is_some() {
        let from = state.from.clone().unwrap_or_default();
        let (a, b) = if period < from.as_str() {
            (period.to_owned(), state.to.clone().unwrap_or(from))
        } else {
            (from, period.to_owned())
        };
        next.from = Some(a);
        next.to = Some(b);
    } else if same {
        next.from = None;
        next.to = None;
    } else {
        next.from = Some(period.to_owned());
        next.to = Some(period.to_owned());
    }
    next
}

/// One bar of the timeline.
struct TimelineBar<'a> {
    period: &'a str,
    /// Its place on the chart, from 0.
    index: usize,
    count: usize,
    /// The largest count of a bar (the full height).
    max: usize,
    width: f64,
    selected: bool,
}

/// One bar: its period's articles, a click (or Enter or Space when focused) selects it (a view
/// function: a component per bar would cost the app's code a few kB and each bar a scope).
fn timeline_bar(t: &Strings, props: &TimelineBar, facet: &FacetProps) -> Html {
    let (n, bar, i) = (props.count, props.width, props.index);
    let h = if n == 0 {
        1.0
    } else {
        4.0 + (HEIGHT - 6.0) * n as f64 / props.max as f64
    };
    let class = classes!(
        "bar",
        props.selected.then_some("selected"),
        (n == 0).then_some("zero")
    );
    let label = (t.month_bar)(&props.period, n);
    let onclick = {
        let (state, on_state, period) = (
            facet.state.clone(),
            facet.on_state.clone(),
            props.period.to_owned(),
        );
        Callback::from(move |event: MouseEvent| {
            on_state.emit(clicked(&state, &period, event.shift_key()))
        })
    };
    // Enter or Space on a focused bar acts like a click (a click event on the bar itself).
    let onkeydown = {
        let onclick = onclick.clone();
        Callback::from(move |event: KeyboardEvent| {
            if matches!(event.key().as_str(), "Enter" | " ") {
                event.prevent_default();
                let init = web_sys::MouseEventInit::new();
                init.set_shift_key(event.shift_key());
                if let Ok(synthetic) = MouseEvent::new_with_mouse_event_init_dict("click", &init) {
                    onclick.emit(synthetic);
                }
            }
        })
    };
    html! {
        <g class={class} data-period={props.period.to_owned()} {onclick}
            tabindex="0" role="button" aria-label={label.clone()} {onkeydown}>
            <title>{ label }</title>
            <rect x={format!("{:.2}", i as f64 * bar)} y="0" width={format!("{:.2}", bar)} height={format!("{HEIGHT}")} class="hit" />
            <rect x={format!("{:.2}", i as f64 * bar + bar * 0.1)} y={format!("{:.2}", HEIGHT - h)}
                width={format!("{:.2}", (bar * 0.8).max(0.8))} height={format!("{h:.2}")} />
        </g>
    }
}

fn undated_button(props: &FacetProps, t: &Strings) -> Html {
    let (state, on_state) = (props.state.clone(), props.on_state.clone());
    let selected = state.undated;
    let onclick = Callback::from(move |_| {
        on_state.emit(SearchState {
            undated: !state.undated,
            from: None,
            to: None,
            ..state.clone()
        });
    });
    html! {
        <button type="button" class={classes!("undated", selected.then_some("selected"))} aria-pressed={selected.to_string()} {onclick}>
            { (t.undated_bucket)(props.facets.undated) }
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_months_over_four_years_at_most_then_years() {
        assert_eq!(
            periods("2020-08", "2020-10"),
            ["2020-08", "2020-09", "2020-10"]
        );
        assert_eq!(periods("2020-08", "2022-12").len(), 29);
        assert_eq!(periods("2019-01", "2022-12").len(), MAX_MONTH_BARS);
        assert_eq!(
            periods("2009-01", "2023-12"),
            (2009..=2023).map(|y| y.to_string()).collect::<Vec<_>>()
        );
        assert_eq!(
            periods("1890-01", "2023-12").len(),
            134,
            "a long archive is not cut short"
        );
        assert!(periods("garbage", "2023-12").is_empty());
    }

    #[test]
    fn a_click_selects_a_period_again_clears_it_and_shift_makes_a_range() {
        let none = SearchState::default();
        let alone = clicked(&none, "2020-08", false);
        assert_eq!(
            (alone.from.as_deref(), alone.to.as_deref()),
            (Some("2020-08"), Some("2020-08"))
        );
        let cleared = clicked(&alone, "2020-08", false);
        assert_eq!((cleared.from, cleared.to), (None, None));
        let later = clicked(&alone, "2020-11", true);
        assert_eq!(
            (later.from.as_deref(), later.to.as_deref()),
            (Some("2020-08"), Some("2020-11"))
        );
        let earlier = clicked(&later, "2020-05", true);
        assert_eq!(
            (earlier.from.as_deref(), earlier.to.as_deref()),
            (Some("2020-05"), Some("2020-11"))
        );
        let undated = SearchState {
            undated: true,
            ..SearchState::default()
        };
        assert!(!clicked(&undated, "2020-08", false).undated);
    }

    #[test]
    fn a_bar_counts_the_months_of_its_period() {
        let years = periods("2009-01", "2023-12");
        let counts = bar_counts(
            &years,
            &[
                ("2009-03".into(), 2),
                ("2009-11".into(), 3),
                ("2023-01".into(), 1),
            ],
        );
        assert_eq!(
            (counts[0], counts[14], counts.iter().sum::<usize>()),
            (5, 1, 6)
        );
    }
}
