//! Light and dark themes: the system's by default, a toggle remembered in localStorage.

use yew::prelude::*;

use crate::i18n::use_strings;

const STORAGE_KEY: &str = "jikji-theme";

fn stored() -> Option<String> {
    gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()?
        .get_item(STORAGE_KEY)
        .ok()
        .flatten()
}

fn system_dark() -> bool {
    gloo::utils::window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// The theme goes on `<html>`, or, embedded, on the app's own element (its styles are scoped).
fn apply(theme: &str) {
    let target = if crate::embed::is_embedded() {
        crate::embed::root()
    } else {
        gloo::utils::document().document_element()
    };
    if let Some(root) = target {
        let _ = root.set_attribute("data-theme", theme);
    }
}

#[function_component(ThemeToggle)]
pub fn theme_toggle() -> Html {
    let dark = use_state(|| stored().map_or_else(system_dark, |t| t == "dark"));
    {
        let explicit = stored().is_some();
        use_effect_with(*dark, move |&dark| {
            if explicit || dark != system_dark() {
                apply(if dark { "dark" } else { "light" });
            }
        });
    }
    let onclick = {
        let dark = dark.clone();
        Callback::from(move |_| {
            let next = !*dark;
            let theme = if next { "dark" } else { "light" };
            if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
                let _ = storage.set_item(STORAGE_KEY, theme);
            }
            apply(theme);
            dark.set(next);
        })
    };
    let t = use_strings();
    let label = if *dark { t.to_light } else { t.to_dark };
    html! {
        <button class="icon-button theme-toggle" type="button" aria-label={label} title={label} {onclick}>
            { if *dark { "☀" } else { "☾" } }
        </button>
    }
}
