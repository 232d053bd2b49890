//! The "use it offline" control in the top bar: a button that opens a small panel, which says
//! what already works offline, saves the whole archive with a progress bar, shows the storage
//! it takes and whether the browser keeps it, and removes it again — or, where saving is not
//! offered (a page that is not a secure context, a browser without service workers), says
//! why. The state and the work are `crate::offline`'s; this only shows them.

use yew::prelude::*;

use crate::i18n::use_strings;
use crate::offline::{Availability, OfflineStatus, Saved};

#[derive(Properties, PartialEq)]
pub struct OfflineControlProps {
    pub status: OfflineStatus,
    pub on_save: Callback<()>,
    pub on_remove: Callback<()>,
    /// The panel opens: the figures may have changed since they were read.
    pub on_open: Callback<()>,
}

#[function_component(OfflineControl)]
pub fn offline_control(props: &OfflineControlProps) -> Html {
    let t = use_strings();
    let open = use_state(|| false);
    let status = &props.status;
    if status.availability == Availability::Hidden {
        return html! {};
    }
    let saved =
        matches!(status.saved, Saved::Yes) && status.availability == Availability::Available;
    let label = if saved {
        t.offline_button_saved
    } else {
        t.offline_button
    };
    let toggle = {
        let (open, on_open) = (open.clone(), props.on_open.clone());
        Callback::from(move |_: MouseEvent| {
            if !*open {
                on_open.emit(());
            }
            open.set(!*open)
        })
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                open.set(false);
            }
        })
    };
    let state = state_name(status);
    let panel = if *open {
        html! {
            <section id="offline-panel" class="offline-panel" aria-labelledby="offline-title"
                data-offline-state={state} {onkeydown}>
                <div class="offline-head">
                    <h2 id="offline-title">{ t.offline_title }</h2>
                    <button class="offline-close" type="button" aria-label={t.close} title={t.close}
                        onclick={close}>{"×"}</button>
                </div>
                { body(t, props) }
            </section>
        }
    } else {
        html! {}
    };
    html! {
        <div class="offline">
            <button class={classes!("icon-button", "offline-toggle", saved.then_some("saved"))} type="button"
                aria-label={label} title={label} aria-expanded={open.to_string()}
                aria-controls="offline-panel" data-offline-state={state} onclick={toggle}>
                { icon(saved) }
                <span class="offline-label" aria-hidden="true">{ t.offline_short }</span>
            </button>
            { panel }
        </div>
    }
}

/// The panel's content for the state.
fn body(t: &'static crate::i18n::Strings, props: &OfflineControlProps) -> Html {
    let status = &props.status;
    match &status.availability {
        Availability::Hidden => return html! {},
        Availability::Insecure => {
            return html! { <p class="offline-why">{ t.offline_insecure }</p> };
        }
        Availability::Unsupported(reason) => {
            return html! { <p class="offline-why">{ (t.offline_unsupported)(reason) }</p> };
        }
        Availability::Starting => {
            return html! { <p class="offline-note">{ t.offline_checking }</p> };
        }
        Availability::Available => {}
    }
    let save = props.on_save.reform(|_: MouseEvent| ());
    let remove = props.on_remove.reform(|_: MouseEvent| ());
    // What it takes: the archive as saved, and what the whole site uses (where the browser
    // says: WebKitGTK has no StorageManager); not while saving, when both are changing.
    let archive = match (&status.saved, status.archive_bytes) {
        (Saved::Yes, Some(bytes)) => Some((t.offline_archive_size)(&size(bytes))),
        _ => None,
    };
    let site = status
        .usage
        .map(|(used, quota)| (t.offline_usage)(&size(used), &size(quota)));
    let usage = (!matches!(status.saved, Saved::Saving { .. })
        && (archive.is_some() || site.is_some()))
    .then(|| {
        html! {
            <p class="offline-usage">
                { for archive.map(|a| html! { <span>{ a }</span> }) }
                { for site.map(|s| html! { <span>{ s }</span> }) }
            </p>
        }
    });
    let action = match &status.saved {
        Saved::Unknown => html! { <p class="offline-note">{ t.offline_checking }</p> },
        Saved::No => html! {
            <>
                <p>{ (t.offline_whole)(status.parts) }</p>
                <button class="offline-save" type="button" onclick={save}>{ t.offline_save }</button>
            </>
        },
        Saved::Saving { done, total, bytes } => html! {
            <div class="offline-progress-box" role="status">
                <progress class="offline-progress" max={total.to_string()} value={done.to_string()}
                    aria-label={t.offline_save}></progress>
                <p class="offline-note">{ (t.offline_saving)(*done, *total, &size(*bytes)) }</p>
            </div>
        },
        Saved::Yes => html! {
            <>
                <p class="offline-done"><span class="offline-check" aria-hidden="true">{"✓"}</span>{ t.offline_saved }</p>
                { match status.persisted {
                    Some(true) => html! { <p class="offline-note">{ t.offline_persisted }</p> },
                    Some(false) => html! { <p class="offline-note">{ t.offline_not_persisted }</p> },
                    None => html! {},
                } }
                <button class="offline-remove" type="button" onclick={remove}>{ t.offline_remove }</button>
            </>
        },
        Saved::Failed(reason) => html! {
            <>
                <p class="offline-why" role="alert">{ (t.offline_failed)(reason) }</p>
                <button class="offline-save" type="button" onclick={save}>{ t.offline_retry }</button>
            </>
        },
    };
    html! {
        <>
            <p class="offline-kept">{ t.offline_kept }</p>
            { action }
            { usage }
        </>
    }
}

/// What the control shows, for tests and styles (`data-offline-state`).
fn state_name(status: &OfflineStatus) -> &'static str {
    match (&status.availability, &status.saved) {
        (Availability::Hidden, _) => "hidden",
        (Availability::Insecure, _) => "insecure",
        (Availability::Unsupported(_), _) => "unsupported",
        (Availability::Starting, _) | (Availability::Available, Saved::Unknown) => "checking",
        (Availability::Available, Saved::No) => "not-saved",
        (Availability::Available, Saved::Saving { .. }) => "saving",
        (Availability::Available, Saved::Yes) => "saved",
        (Availability::Available, Saved::Failed(_)) => "failed",
    }
}

/// A download-to-device arrow; a check over the tray once the archive is saved.
fn icon(saved: bool) -> Html {
    let mark = if saved {
        html! { <path d="M6 10.5l4 4 8-8.5" /> }
    } else {
        html! { <><path d="M12 3.5v11" /><path d="M7.5 10.5l4.5 4.5 4.5-4.5" /></> }
    };
    html! {
        <svg class="offline-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"
            fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
            { mark }
            <path d="M4.5 19.5h15" />
        </svg>
    }
}

/// A byte count for people: 830 B, 412 kB, 1.4 MB, 2.1 GB.
fn size(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000.0 {
        return format!("{} B", bytes.round());
    }
    let mut value = bytes / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(830.0), "830 B");
        assert_eq!(size(412_300.0), "412 kB");
        assert_eq!(size(1_400_000.0), "1.4 MB");
        assert_eq!(size(2_100_000_000.0), "2.1 GB");
    }
}
