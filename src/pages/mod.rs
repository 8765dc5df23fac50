//! The app's pages, one per route (`hooks::use_route`). The editor is a folder of its parts.

pub mod editor;
pub mod forms;
pub mod home;
pub mod import;
pub mod lock;
pub mod print;
pub mod settings;
pub mod trash;
