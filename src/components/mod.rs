//! Widgets shared by the pages: the notice, the form fields of the editor with their one delegated
//! handler, the linter's findings beside a field.

pub mod field;
pub mod findings;
pub mod notice;
pub mod phone;

pub use notice::{open_made, Notice, NoticeBox};
