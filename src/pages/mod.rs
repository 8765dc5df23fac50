//! One module per page of the app.

pub mod editor;
pub mod home;
pub mod links;
pub mod pledge;
pub mod print;
pub mod self_check;
pub mod settings;
pub mod trash;
