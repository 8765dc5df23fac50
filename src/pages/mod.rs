//! The app's pages, one per route (`hooks::use_route`). The editor is a folder of its parts.

pub mod editor;
pub mod home;
pub mod print;
pub mod settings;
pub mod steps;
pub mod trash;
