//! The browser, for the rest of the shell: every call into `web_sys` outside storage and the
//! components' own event handling goes through here, one module per part of the browser.

pub mod clock;
pub mod crypto;
pub mod dom;
pub mod environment;
pub mod files;
pub mod ids;
pub mod persistence;
pub mod scanner;
pub mod screen;
pub mod service_worker;
pub mod timing;
