//! The light/dark toggle button. The theme itself (stored choice, system default, where it is
//! applied) is `crate::hooks::use_theme`'s.

use yew::prelude::*;

use crate::i18n::use_strings;

#[derive(Properties, PartialEq)]
pub struct ThemeToggleProps {
    /// Whether the dark theme is shown.
    pub dark: bool,
    /// Called to switch to the other theme.
    pub on_toggle: Callback<()>,
}

#[function_component(ThemeToggle)]
pub fn theme_toggle(props: &ThemeToggleProps) -> Html {
    let t = use_strings();
    let label = if props.dark { t.to_light } else { t.to_dark };
    let onclick = props.on_toggle.reform(|_: MouseEvent| ());
    html! {
        <button class="icon-button theme-toggle" type="button" aria-label={label} title={label} {onclick}>
            { if props.dark { "☀" } else { "☾" } }
        </button>
    }
}
