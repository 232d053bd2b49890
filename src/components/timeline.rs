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
/// the undated bucket apart. Clicking a bar selects its period; shift-click extends the selection to a range; dragging across
/// the bars (mouse, pen or touch) brushes a range.
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
    // Articles per bar: the facet's months summed into their period.
    let mut counts = vec![0usize; months.len()];
    for (month, n) in &facets.months {
        if let Some(i) = months.iter().position(|p| month.starts_with(p.as_str())) {
            counts[i] += n;
        }
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1);
    let (width, height) = (260.0, 64.0);
    // Bars at most 24 units wide, so a single month is a bar, not a block.
    let bar = (width / months.len().max(1) as f64).min(24.0);
    // Dates from the URL may be anything: compare at the bars' precision (month or year),
    // slicing only where it is safe.
    let precision = months.first().map_or(7, String::len);
    let cut = |d: Option<&String>| {
        d.map(|d| d.get(..precision).unwrap_or(d).to_owned())
            .unwrap_or_default()
    };
    let (from, to) = (cut(props.state.from.as_ref()), cut(props.state.to.as_ref()));
    let brushed = brush.map(|(a, b)| (a.min(b), a.max(b)));
    let in_range = |i: usize, m: &str| match brushed {
        Some((a, b)) => (a..=b).contains(&i),
        None => !from.is_empty() && m >= from.as_str() && (to.is_empty() || m <= to.as_str()),
    };
    // The bar under the pointer, from its x across the chart (stretched to the chart's width).
    let last_bar = months.len() - 1;
    // (Yew delegates events, so the event's current target is not the chart: measure the node.)
    let chart_node = chart.clone();
    let bar_at = move |event: &PointerEvent| -> Option<usize> {
        let rect = chart_node
            .cast::<web_sys::Element>()?
            .get_bounding_client_rect();
        let x = (f64::from(event.client_x()) - rect.left()) / rect.width().max(1.0) * width;
        Some(((x / bar).floor().max(0.0) as usize).min(last_bar))
    };
    let onpointerdown = {
        let (brush, bar_at) = (brush.clone(), bar_at.clone());
        Callback::from(move |event: PointerEvent| {
            if event.is_primary() && event.button() == 0 {
                if let Some(i) = bar_at(&event) {
                    brush.set(Some((i, i)));
                }
            }
        })
    };
    let onpointermove = {
        let brush = brush.clone();
        Callback::from(move |event: PointerEvent| {
            if let (Some((start, end)), Some(i)) = (*brush, bar_at(&event)) {
                if i != end {
                    brush.set(Some((start, i)));
                }
            }
        })
    };
    // A drag over two or more months sets the range; a press and release on one month is a
    // click, handled by the bar itself.
    let onpointerup = {
        let (brush, state, on_state, months) = (
            brush.clone(),
            props.state.clone(),
            props.on_state.clone(),
            months.clone(),
        );
        Callback::from(move |_: PointerEvent| {
            if let Some((a, b)) = *brush {
                if a != b {
                    let (a, b) = (a.min(b), a.max(b));
                    on_state.emit(SearchState {
                        from: Some(months[a].clone()),
                        to: Some(months[b].clone()),
                        undated: false,
                        ..state.clone()
                    });
                }
            }
            brush.set(None);
        })
    };
    let onpointerleave = {
        let brush = brush.clone();
        Callback::from(move |_: PointerEvent| brush.set(None))
    };
    let click = |month: String| {
        let (state, on_state) = (props.state.clone(), props.on_state.clone());
        Callback::from(move |event: MouseEvent| {
            let mut next = SearchState {
                undated: false,
                ..state.clone()
            };
            let same = state.from.as_deref() == Some(month.as_str())
                && state.to.as_deref() == Some(month.as_str());
            if event.shift_key() && state.from.is_some() {
                let from = state.from.clone().unwrap_or_default();
                let (a, b) = if month < from {
                    (month.clone(), state.to.clone().unwrap_or(from))
                } else {
                    (from, month.clone())
                };
                next.from = Some(a);
                next.to = Some(b);
            } else if same {
                next.from = None;
                next.to = None;
            } else {
                next.from = Some(month.clone());
                next.to = Some(month.clone());
            }
            on_state.emit(next);
        })
    };
    // Enter or Space on a focused bar acts like a click (a click event on the bar itself).
    let activate = |month: String| {
        let click = click(month);
        Callback::from(move |event: KeyboardEvent| {
            if matches!(event.key().as_str(), "Enter" | " ") {
                event.prevent_default();
                let shift = event.shift_key();
                let init = web_sys::MouseEventInit::new();
                init.set_shift_key(shift);
                if let Ok(synthetic) = MouseEvent::new_with_mouse_event_init_dict("click", &init) {
                    click.emit(synthetic);
                }
            }
        })
    };
    let first_year = months
        .first()
        .map(|m| m[..4].to_owned())
        .unwrap_or_default();
    let last_year = months.last().map(|m| m[..4].to_owned()).unwrap_or_default();
    html! {
        <div class="filter-group timeline">
            <div class="filter-title">{ t.date }</div>
            <svg ref={chart} class={classes!("histogram", brush.is_some().then_some("brushing"))} viewBox={format!("0 0 {width} {height}")}
                preserveAspectRatio="none" role="group" aria-label={t.per_month} title={t.timeline_hint}
                {onpointerdown} {onpointermove} {onpointerup} onpointercancel={onpointerleave.clone()} {onpointerleave}>
                { for months.iter().enumerate().map(|(i, m)| {
                    let n = counts[i];
                    let h = if n == 0 { 1.0 } else { 4.0 + (height - 6.0) * n as f64 / max as f64 };
                    let class = classes!("bar", in_range(i, m).then_some("selected"), (n == 0).then_some("zero"));
                    let label = (t.month_bar)(m, n);
                    html! {
                        <g class={class} data-period={m.clone()} onclick={click(m.clone())}
                            tabindex="0" role="button" aria-label={label.clone()}
                            onkeydown={activate(m.clone())}>
                            <title>{ label }</title>
                            <rect x={format!("{:.2}", i as f64 * bar)} y="0" width={format!("{:.2}", bar)} height={format!("{height}")} class="hit" />
                            <rect x={format!("{:.2}", i as f64 * bar + bar * 0.1)} y={format!("{:.2}", height - h)}
                                width={format!("{:.2}", (bar * 0.8).max(0.8))} height={format!("{h:.2}")} />
                        </g>
                    }
                }) }
            </svg>
            <div class="axis"><span>{ first_year }</span><span>{ last_year }</span></div>
            { undated_button(props, t) }
        </div>
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
}
