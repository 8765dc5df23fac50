//! The notice under an action: what happened, or what went wrong and what to do.

use tusoi_core::Document;
use yew::prelude::*;

use crate::app::{navigate, Route};
use crate::storage::StorageError;

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

/// After "Tạo … từ bản này": opens what was made and gives the message that says what it is, or
/// says why nothing was made (an outcome for `hooks::use_action`).
pub fn open_made(made: Result<(Document, String), StorageError>) -> Result<Option<String>, String> {
    let (doc, message) = made.map_err(|e| e.message())?;
    navigate(&Route::Editor { id: doc.id });
    Ok(Some(message))
}
