//! The notice under an action: what happened, or what went wrong and what to do.

use yew::prelude::*;

use crate::notice::Notice;

#[derive(Debug, Properties, PartialEq)]
pub struct NoticeProps {
    pub notice: Option<Notice>,
}

/// Shows the last notice: errors as an alert (read out at once by screen readers), the rest as status.
#[function_component(NoticeBox)]
pub fn notice_box(props: &NoticeProps) -> Html {
    match &props.notice {
        None => html! {},
        Some(Notice::Info(text)) => {
            html! { <p class="notice notice-info" role="status" id="notice">{ text }</p> }
        }
        Some(Notice::Error(text)) => {
            html! { <p class="notice notice-error" role="alert" id="notice">{ text }</p> }
        }
        Some(Notice::Copy(file)) => {
            html! { <crate::components::phone::CopyPanel file={file.clone()} /> }
        }
    }
}
