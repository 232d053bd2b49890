//! Light and dark themes: the system's by default, a toggle remembered in localStorage. The
//! theme goes on the mount's marked element (`<html>`, or, embedded, the app's own element).

use web_sys::Element;
use yew::prelude::*;

use crate::embed::Mount;

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

fn apply(target: Option<&Element>, theme: &str) {
    if let Some(target) = target {
        let _ = target.set_attribute("data-theme", theme);
    }
}

/// The theme shown (`true`: dark) and the callback that switches and remembers it. Until the
/// reader toggles, the page follows the system (no `data-theme` is set unless it differs).
#[hook]
pub fn use_theme(mount: &Mount) -> (bool, Callback<()>) {
    let dark = use_state(|| stored().map_or_else(system_dark, |t| t == "dark"));
    let target = use_memo(mount.clone(), Mount::marked_element);
    {
        let explicit = stored().is_some();
        let target = target.clone();
        use_effect_with(*dark, move |&dark| {
            if explicit || dark != system_dark() {
                apply(
                    target.as_ref().as_ref(),
                    if dark { "dark" } else { "light" },
                );
            }
        });
    }
    let toggle = {
        let dark = dark.clone();
        Callback::from(move |()| {
            let next = !*dark;
            let theme = if next { "dark" } else { "light" };
            if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
                let _ = storage.set_item(STORAGE_KEY, theme);
            }
            apply(target.as_ref().as_ref(), theme);
            dark.set(next);
        })
    };
    (*dark, toggle)
}
