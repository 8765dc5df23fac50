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
pub mod locking;
pub mod notice;
pub mod operations;
pub mod pages;
pub mod routes;
pub mod sealing;
pub mod platform;
pub mod storage;
pub mod sync;
pub mod templates;
pub mod chibo;

/// Starts the home page's app (`index.html`: the list of drafts and the trash; [`app::HomePages`]).
pub fn run() {
    start::<app::HomePages>();
}

/// Starts the app with every page (`soan/index.html`, the editor, print and settings pages among
/// them; [`app::AllPages`]).
pub fn run_all() {
    start::<app::AllPages>();
}

/// Starts the app in the page's `#app` element. Where `index.html` carries the build's copy of the
/// home page (`#prerendered`), `#app` is hidden and empty, and the app shows itself when it is
/// ready ([`platform::dom::reveal_app`]); otherwise the loading text in `#app` is replaced at once.
fn start<P: app::PageSet>() {
    let document = gloo_utils::document();
    match document.get_element_by_id("app") {
        Some(root) => {
            if document
                .get_element_by_id(platform::dom::PRERENDERED)
                .is_none()
            {
                root.set_inner_html("");
            }
            yew::Renderer::<app::App<P>>::with_root(root).render();
        }
        None => {
            yew::Renderer::<app::App<P>>::new().render();
        }
    }
}
