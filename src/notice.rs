//! What the member is told after an action (a value: `components::NoticeBox` shows it). Below the
//! hooks and the components, so an action's outcome (`hooks::use_action`, the editor's session)
//! can say what happened without knowing the widget.

use tusoi_core::Document;

use crate::platform::files::{Delivered, Outgoing};
use crate::routes::{navigate, Route};
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

/// After "Tạo … từ bản này": opens what was made and gives the message that says what it is, or
/// says why nothing was made (an outcome for `hooks::use_action`).
pub fn open_made(made: Result<(Document, String), StorageError>) -> Result<Option<Notice>, String> {
    let (doc, message) = made.map_err(|e| e.message())?;
    navigate(&Route::Editor { id: doc.id });
    Ok(Some(Notice::Info(message)))
}
