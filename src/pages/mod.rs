//! One module per page of the app.

pub mod editor;
pub mod home;
pub mod print;
pub mod settings;
pub mod trash;
