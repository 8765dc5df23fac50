//! The editor's autosave in headless Chromium: the real Yew editor rendered into the page, typed
//! into with real input events, saving into real IndexedDB.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A failed unwrap is a failed test.

use std::rc::Rc;
use tusoi_core::workflow::store::Backend as _;

use tusoi::hooks::use_store::AppContext;
use tusoi::pages::editor::{Editor, AUTOSAVE_DELAY_MS};
use tusoi::storage::Store;
use tusoi_core::{Document, Template};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
struct HarnessProps {
    context: AppContext,
    id: String,
}

#[function_component(Harness)]
fn harness(props: &HarnessProps) -> Html {
    html! {
        <ContextProvider<AppContext> context={props.context.clone()}>
            <Editor id={props.id.clone()} />
        </ContextProvider<AppContext>>
    }
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// Waits until `check` holds, polling every 10 ms, for at most `limit_ms`.
async fn wait_until<F, Fut>(limit_ms: f64, mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = js_sys::Date::now();
    while js_sys::Date::now() - start < limit_ms {
        if check().await {
            return true;
        }
        sleep(10).await;
    }
    false
}

/// Renders the editor of a fresh document and waits for its first text area.
async fn mount(db: &str) -> (Rc<Store>, String, web_sys::Element) {
    let store = Rc::new(Store::open_indexed_db(db).await.unwrap());
    let doc = Document::new(
        "doc-1".into(),
        Template::get("HD43-2025/2B").unwrap(),
        2025,
        "2025-12-01T00:00:00.000Z",
    );
    store.put(&doc).await.unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Harness>::with_root_and_props(
        root.clone(),
        HarnessProps {
            context: AppContext {
                store: store.clone(),
            },
            id: doc.id.clone(),
        },
    )
    .render();
    assert!(
        wait_until(5_000.0, || async {
            document().get_element_by_id("section-A.I.1").is_some()
        })
        .await
    );
    (store, doc.id, root)
}

fn type_into(id: &str, text: &str) {
    let area: web_sys::HtmlTextAreaElement = document()
        .get_element_by_id(id)
        .unwrap()
        .dyn_into()
        .unwrap();
    area.set_value(text);
    // As the browser fires it when the member types: `input` bubbles, and the editor listens for
    // it once, on the form, for every field.
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    area.dispatch_event(&event).unwrap();
}

fn status_text() -> String {
    document()
        .get_element_by_id("save-status")
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn typing_is_saved_after_the_autosave_delay_without_any_button() {
    let (store, id, root) = mount("test-autosave-delay").await;
    let text = "Hoàn thành 12/12 nhiệm vụ, vượt 4 nhiệm vụ.";
    type_into("section-A.I.2", text);
    assert_eq!(
        store.get(&id).await.unwrap().unwrap().answer("A.I.2"),
        "",
        "not saved on the keystroke"
    );

    let saved = wait_until(f64::from(AUTOSAVE_DELAY_MS) + 1_500.0, || {
        let store = store.clone();
        let id = id.clone();
        async move { store.get(&id).await.unwrap().unwrap().answer("A.I.2") == text }
    })
    .await;
    assert!(saved, "saved within the delay");
    assert!(
        wait_until(1_000.0, || async {
            status_text().starts_with("Đã lưu lúc ")
        })
        .await,
        "{}",
        status_text()
    );
    let stored = store.get(&id).await.unwrap().unwrap();
    assert_eq!(stored.revision, 1);
    root.remove();
}

#[wasm_bindgen_test]
async fn pagehide_saves_at_once_without_waiting_for_the_delay() {
    let (store, id, root) = mount("test-autosave-pagehide").await;
    type_into("section-A.VI", "Học xong lớp tin học trước 30/6.");
    let window = web_sys::window().unwrap();
    assert_eq!(
        store.writes_under_way(),
        0,
        "typing alone waits for the delay"
    );
    window
        .dispatch_event(&web_sys::Event::new("pagehide").unwrap())
        .unwrap();
    // The save is decided while the event is handled, not when the delay ends: counted at once.
    assert_eq!(store.writes_under_way(), 1, "saved at once on pagehide");
    // Then it lands, however slow the browser's storage is that moment.
    let saved = wait_until(5_000.0, || {
        let store = store.clone();
        let id = id.clone();
        async move {
            store.get(&id).await.unwrap().unwrap().answer("A.VI")
                == "Học xong lớp tin học trước 30/6."
        }
    })
    .await;
    assert!(saved);
    root.remove();
}
