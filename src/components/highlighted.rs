//! Text with highlighted ranges, rendered as text nodes and `<mark>` elements (never as HTML,
//! so article text can contain anything); in the reader, clipped passages as well
//! (`<span class="clipped">`, around the marks inside them).

use std::ops::Range;
use std::rc::Rc;

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HighlightedProps {
    pub text: AttrValue,
    /// Sorted, disjoint byte ranges of `text` on character boundaries (as the engine returns).
    pub ranges: Rc<Vec<Range<usize>>>,
    /// Byte ranges of clipped passages, on character boundaries.
    #[prop_or_default]
    pub clipped: Rc<Vec<Range<usize>>>,
}

#[function_component(Highlighted)]
pub fn highlighted(props: &HighlightedProps) -> Html {
    if !props.clipped.is_empty() {
        return with_clipped(props.text.as_str(), &props.ranges, &props.clipped);
    }
    let text = props.text.as_str();
    let mut parts = Vec::with_capacity(props.ranges.len() * 2 + 1);
    let mut last = 0;
    for range in props.ranges.iter() {
        let (Some(before), Some(marked)) = (text.get(last..range.start), text.get(range.clone()))
        else {
            continue;
        };
        parts.push(html! { {before.to_owned()} });
        parts.push(html! { <mark>{marked.to_owned()}</mark> });
        last = range.end;
    }
    parts.push(html! { {text.get(last..).unwrap_or_default().to_owned()} });
    html! { <>{ for parts }</> }
}

/// `text` cut where a mark or a clipped passage starts or ends; each piece a mark or not, the
/// clipped ones wrapped in a span.
fn with_clipped(text: &str, marks: &[Range<usize>], clipped: &[Range<usize>]) -> Html {
    let mut cuts: Vec<usize> = marks
        .iter()
        .chain(clipped)
        .flat_map(|r| [r.start, r.end])
        .chain([0, text.len()])
        .filter(|&at| text.is_char_boundary(at))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let inside =
        |ranges: &[Range<usize>], at: usize| ranges.iter().any(|r| r.start <= at && at < r.end);
    let mut out: Vec<Html> = Vec::new();
    let mut clip: Vec<Html> = Vec::new();
    for pair in cuts.windows(2) {
        let piece = text[pair[0]..pair[1]].to_owned();
        let piece = if inside(marks, pair[0]) {
            html! { <mark>{ piece }</mark> }
        } else {
            html! { { piece } }
        };
        if inside(clipped, pair[0]) {
            clip.push(piece);
        } else {
            if !clip.is_empty() {
                out.push(html! { <span class="clipped">{ for clip.drain(..) }</span> });
            }
            out.push(piece);
        }
    }
    if !clip.is_empty() {
        out.push(html! { <span class="clipped">{ for clip.drain(..) }</span> });
    }
    html! { <>{ for out }</> }
}

/// Where the lines of `passages` occur in `text`, as sorted byte ranges.
pub fn passage_ranges(text: &str, passages: &[String]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = passages
        .iter()
        .flat_map(|p| p.lines())
        .map(str::trim)
        .filter(|line| line.chars().count() >= 2)
        .flat_map(|line| {
            text.match_indices(line)
                .map(|(at, found)| at..at + found.len())
        })
        .collect();
    ranges.sort_by_key(|r| r.start);
    ranges
}
