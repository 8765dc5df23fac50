//! Small pieces shared by the pages.

use yew::prelude::*;

/// A message for the member after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Info(String),
    Error(String),
}

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
    }
}
