//! Text with highlighted ranges, rendered as text nodes and `<mark>` elements (never as HTML,
//! so article text can contain anything).

use std::ops::Range;
use std::rc::Rc;

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HighlightedProps {
    pub text: AttrValue,
    /// Sorted, disjoint byte ranges of `text` on character boundaries (as the engine returns).
    pub ranges: Rc<Vec<Range<usize>>>,
}

#[function_component(Highlighted)]
pub fn highlighted(props: &HighlightedProps) -> Html {
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
