//! The web shell of Tự soi: a Yew app that shows the core's documents, keeps them in IndexedDB
//! through [`storage`], and talks to the rest of the browser through [`platform`]. Pages are
//! routes, components the widgets they share, hooks wire the browser to components (the editor's
//! session runner among them).
//!
//! The domain (forms, rules, validation, export) is in the `tusoi-core` crate; this crate only
//! renders it and talks to the browser.

pub mod app;
pub mod components;
pub mod hooks;
pub mod operations;
pub mod pages;
pub mod platform;
pub mod storage;
pub mod sync;
pub mod workspace;

/// Starts the app in the page's `#app` element, replacing the loading text of `index.html`.
pub fn run() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App>::new().render();
        }
    }
}
