//! The notice under an action: what happened, or what went wrong and what to do.

use tusoi_core::Document;
use yew::prelude::*;

use crate::app::{navigate, Route};
use crate::platform::files::{Delivered, Outgoing};
use crate::storage::StorageError;

/// A message for the member after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Info(String),
    Error(String),
    /// A file whose text is offered to copy, where a download may vanish.
    Copy(std::rc::Rc<Outgoing>),
}

impl Notice {
    /// What the member is told of a file handed over: that a download was asked for (not that it
    /// happened), the file's text to copy, or why it cannot leave from here; nothing when the
    /// share sheet opened.
    pub fn of_delivered(delivered: Delivered) -> Option<Notice> {
        use tusoi_core::base::messages::{tf, Msg};
        match delivered {
            Delivered::Shared => None,
            Delivered::Requested { name, instead } => Some(Notice::Info(tf(
                if instead {
                    Msg::SentDownloaded
                } else {
                    Msg::DownloadRequested
                },
                &[("name", &name)],
            ))),
            Delivered::Copy(file) => Some(Notice::Copy(file)),
            Delivered::Cannot { name } => Some(Notice::Error(tf(
                Msg::CannotLeave,
                &[
                    ("name", &name),
                    (
                        "browser",
                        crate::platform::environment::read().real_browser(),
                    ),
                ],
            ))),
        }
    }
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
        Some(Notice::Copy(file)) => {
            html! { <crate::components::phone::CopyPanel file={file.clone()} /> }
        }
    }
}

/// After "Tạo … từ bản này": opens what was made and gives the message that says what it is, or
/// says why nothing was made (an outcome for `hooks::use_action`).
pub fn open_made(made: Result<(Document, String), StorageError>) -> Result<Option<Notice>, String> {
    let (doc, message) = made.map_err(|e| e.message())?;
    navigate(&Route::Editor { id: doc.id });
    Ok(Some(Notice::Info(message)))
}
