//! Widgets shared by the pages and the chi bộ's workspace: the notice, the form fields of the
//! editor with their one delegated handler, the linter's findings beside a field, the official A4
//! page, the lock's screens and gate, the committees' forms card, the phone's screens, the QR loop of a
//! hand-over without a network.

pub mod a4;
pub mod field;
pub mod forms;
pub mod import;
pub mod findings;
pub mod lock;
pub mod notice;
pub mod phone;
pub mod qr;

pub use crate::notice::{open_made, Notice};
pub use notice::NoticeBox;
