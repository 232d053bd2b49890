//! Where the keyboard focus is, for the shortcuts: keys typed into a form field are the
//! field's, not the app's.

/// Whether the focus is in a text field, text area or select.
pub fn in_form_field() -> bool {
    gloo::utils::document()
        .active_element()
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}
