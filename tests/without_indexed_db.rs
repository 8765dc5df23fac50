//! With IndexedDB missing (as in some private modes and locked-down browsers), the app still opens,
//! works from memory and says that nothing will be kept. A test file of its own: it removes
//! `window.indexedDB` for the whole page.

#![allow(clippy::unwrap_used)] // A failed unwrap is a failed test.

use tusoi::operations;
use tusoi::storage::Store;
use tusoi_core::workflow::store::Backend as _;
use tusoi_core::Template;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn remove_indexed_db() {
    let window = web_sys::window().unwrap();
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"value".into(), &JsValue::UNDEFINED).unwrap();
    js_sys::Object::define_property(&window, &"indexedDB".into(), &descriptor);
    assert!(js_sys::Reflect::get(&window, &"indexedDB".into())
        .unwrap()
        .is_undefined());
}

#[wasm_bindgen_test]
async fn without_indexed_db_the_store_falls_back_to_memory_and_still_works() {
    remove_indexed_db();
    assert!(Store::open_indexed_db("test-missing").await.is_err());

    let store = Store::open(std::rc::Rc::new(|_| {})).await;
    assert!(
        !store.is_persistent(),
        "the app must know nothing will be kept"
    );
    let doc = operations::create(&store, Template::for_year(2025), 2025)
        .await
        .unwrap();
    assert_eq!(store.get(&doc.id).await.unwrap(), Some(doc.clone()));
    assert_eq!(store.list().await.unwrap(), vec![doc.summary()]);
}

/// The element once it is on the page. Generous: the test build is unoptimised, and Firefox
/// running it on a busy two-core machine once took over 5 s to open the editor (a CI failure of
/// `the_app_opens_with_a_red_banner_and_creates_drafts_in_memory`, 3 December 2026).
async fn wait_for(id: &str) -> Option<web_sys::Element> {
    let document = web_sys::window().unwrap().document().unwrap();
    let start = js_sys::Date::now();
    while js_sys::Date::now() - start < 30_000.0 {
        if let Some(el) = document.get_element_by_id(id) {
            return Some(el);
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    None
}

#[wasm_bindgen_test]
async fn the_app_opens_with_a_red_banner_and_creates_drafts_in_memory() {
    remove_indexed_db();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    root.set_id("app");
    document.body().unwrap().append_child(&root).unwrap();
    tusoi::run_all();

    let banner = wait_for("memory-only-banner")
        .await
        .expect("the banner shows");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    assert!(banner.text_content().unwrap().contains("KHÔNG GIỮ LẠI"));

    let create: web_sys::HtmlElement = wait_for("create").await.unwrap().dyn_into().unwrap();
    create.click();
    assert!(
        wait_for("section-A.I.1").await.is_some(),
        "the editor opens on a memory draft"
    );
    assert!(
        wait_for("memory-only-banner").await.is_some(),
        "the banner stays"
    );
}
