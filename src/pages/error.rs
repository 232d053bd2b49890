//! Shown instead of the app when it cannot work (e.g. a corrupt index): never a blank page.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorPageProps {
    pub title: AttrValue,
    pub message: AttrValue,
}

#[function_component(ErrorPage)]
pub fn error_page(props: &ErrorPageProps) -> Html {
    html! {
        <div class="error-page" role="alert">
            <h1>{ props.title.clone() }</h1>
            <pre>{ props.message.clone() }</pre>
        </div>
    }
}
