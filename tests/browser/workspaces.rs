//! The chi bộ's workspaces in their own IndexedDB database, in headless Chromium: they outlive the
//! connection, a save from a stale copy (another tab) is refused and writes nothing, deleting goes
//! through the trash. (That the secretary's own drafts stay apart is the end-to-end journey's to
//! show, in `e2e/chibo.test.mjs`.)

#![allow(clippy::unwrap_used)] // A failed unwrap is a failed test.

use tusoi::storage::chibo::ChiboStore;
use tusoi_core::chibo::intake::Period;
use tusoi_core::chibo::workspace::Workspace;
use tusoi_core::workflow::store::{StorageError, Version};
use wasm_bindgen_test::*;

fn period() -> Period {
    Period {
        dang_bo: "Đảng bộ phường".into(),
        chi_bo: "Chi bộ 4".into(),
        year: 2026,
    }
}

/// The records' contract of the core (`workflow::contract::records`), over IndexedDB: the
/// compare-and-set with its typed conflict, the trash and the delete, as the member's documents
/// and the roll-ups in memory pass it natively. Each case in a database of its own.
#[wasm_bindgen_test]
async fn roll_ups_over_indexed_db_pass_the_records_contract() {
    let fresh = std::cell::Cell::new(0);
    tusoi_core::workflow::contract::records(
        || {
            fresh.set(fresh.get() + 1);
            let name = format!("test-workspace-records-{}", fresh.get());
            async move { ChiboStore::open_named(&name).await.unwrap() }
        },
        |id| Workspace::new(id.into(), period(), "2026-12-01T00:00:00.000Z"),
        |w, at| {
            let mut w = w.clone();
            w.set_roster(&format!(
                "Nguyễn Văn An,02/09/1980\nSửa lúc {at},01/01/1990"
            ));
            w.touch(at);
            w
        },
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_workspace_is_kept_apart_saved_by_compare_and_set_and_deleted_through_the_trash() {
    let store = ChiboStore::open_named("test-workspaces").await.unwrap();
    assert!(store.is_persistent());
    let mut w = Workspace::new("w1".into(), period(), "2026-12-01T00:00:00.000Z");
    store.put(&w).await.unwrap();

    // One tab saves a roster.
    let loaded = Version {
        revision: w.revision,
        updated_at: w.updated_at.clone(),
    };
    w.set_roster("Nguyễn Văn An,02/09/1980");
    w.touch("2026-12-01T00:00:01.000Z");
    store.save(&w, &loaded).await.unwrap();

    // Another tab, still holding the first version, is refused and writes nothing.
    let mut stale = Workspace::new("w1".into(), period(), "2026-12-01T00:00:00.000Z");
    stale.set_roster("Trần Thị Bình");
    stale.touch("2026-12-01T00:00:02.000Z");
    // The conflict is typed and carries the stored roll-up, as a draft's carries the draft.
    match store.save(&stale, &loaded).await {
        Err(StorageError::Conflict(stored)) => {
            assert_eq!(stored.roster_text, "Nguyễn Văn An,02/09/1980")
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        store.get("w1").await.unwrap().unwrap().roster_text,
        "Nguyễn Văn An,02/09/1980"
    );

    // It outlives the connection.
    let store = ChiboStore::open_named("test-workspaces").await.unwrap();
    assert_eq!(store.get("w1").await.unwrap(), Some(w.clone()));

    // Deleting goes to the trash first, and can be undone.
    store
        .set_trashed("w1", Some("2026-12-02T00:00:00.000Z".into()))
        .await
        .unwrap();
    let list = store.summaries().await.unwrap();
    assert_eq!(
        list[0].deleted_at.as_deref(),
        Some("2026-12-02T00:00:00.000Z")
    );
    store.set_trashed("w1", None).await.unwrap();
    assert_eq!(store.summaries().await.unwrap()[0].deleted_at, None);
    store.delete_forever("w1").await.unwrap();
    assert!(store.summaries().await.unwrap().is_empty());
}

/// A `tusoi-chibo` database as version 1 wrote it (before the lock's `meta` store), written by
/// hand: it opens at version 2 with its roll-up intact, saved as before.
#[wasm_bindgen_test]
async fn a_version_1_workspace_database_upgrades_with_its_roll_ups_intact() {
    use indexed_db_futures::database::Database;
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;

    let name = "test-workspaces-v1";
    let w = Workspace::new("w1".into(), period(), "2026-12-01T00:00:00.000Z");
    {
        let db = Database::open(name)
            .with_version(1u32)
            .with_on_upgrade_needed(|_, db| {
                db.create_object_store("workspaces")
                    .with_key_path("id".into())
                    .build()?;
                db.create_object_store("summaries")
                    .with_key_path("id".into())
                    .build()?;
                Ok(())
            })
            .await
            .unwrap();
        let tx = db
            .transaction(["workspaces", "summaries"])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .unwrap();
        let record = js_sys::JSON::parse(
            &serde_json::json!({"id": "w1", "json": serde_json::to_string(&w).unwrap()})
                .to_string(),
        )
        .unwrap();
        let summary = js_sys::JSON::parse(&serde_json::to_string(&w.summary()).unwrap()).unwrap();
        tx.object_store("workspaces")
            .unwrap()
            .put(record)
            .primitive()
            .unwrap();
        tx.object_store("summaries")
            .unwrap()
            .put(summary)
            .primitive()
            .unwrap();
        tx.commit().await.unwrap();
        db.close();
    }
    let store = ChiboStore::open_named(name).await.unwrap();
    assert_eq!(store.get("w1").await.unwrap(), Some(w.clone()));
    assert_eq!(store.summaries().await.unwrap(), vec![w.summary()]);
    // Saved by compare-and-set although the old record keeps no version beside its JSON.
    let mut edited = w.clone();
    edited.set_roster("Nguyễn Văn An,02/09/1980");
    edited.touch("2026-12-01T00:00:01.000Z");
    let loaded = Version {
        revision: w.revision,
        updated_at: w.updated_at.clone(),
    };
    store.save(&edited, &loaded).await.unwrap();
    assert_eq!(store.get("w1").await.unwrap(), Some(edited));
}

/// Renders the workspace's page or summary into a fresh element of the document.
fn mount(props: RenderProps) -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Render>::with_root_and_props(root.clone(), props).render();
    root
}

/// Renders the workspace's page or summary and waits for `id` to appear in it.
async fn rendered(props: RenderProps, id: &str) -> bool {
    let root = mount(props);
    let found = until(&root, &format!("#{id}"), |_| true).await;
    root.remove();
    found
}

/// The element of `root` that `css` selects, as the type it is.
fn element<T: wasm_bindgen::JsCast>(root: &web_sys::Element, css: &str) -> T {
    use wasm_bindgen::JsCast as _;
    root.query_selector(css).unwrap().unwrap().unchecked_into()
}

#[derive(yew::Properties, PartialEq)]
struct RenderProps {
    ctx: tusoi::chibo::Ctx,
    id: String,
    print: bool,
}

#[yew::function_component(Render)]
fn render(props: &RenderProps) -> yew::Html {
    use yew::html;
    if props.print {
        html! { <tusoi::chibo::Print ctx={props.ctx.clone()} id={props.id.clone()} /> }
    } else {
        html! { <tusoi::chibo::Page ctx={props.ctx.clone()} id={props.id.clone()} /> }
    }
}

/// The workspace's page and its A4 summary, rendered while their roll-up loads and again once it
/// has: in this debug build Yew checks that every render calls the same hooks in the same order
/// (it panics on a hook after an early return, as both once had), so the loaded page only appears
/// if the order held.
#[wasm_bindgen_test]
async fn the_workspace_and_its_a4_summary_call_the_same_hooks_while_loading_and_once_loaded() {
    let store = ChiboStore::open_named("test-workspace-render")
        .await
        .unwrap();
    let mut w = Workspace::new("w1".into(), period(), "2026-12-01T00:00:00.000Z");
    w.set_roster("Nguyễn Văn An,02/09/1980");
    store.put(&w).await.unwrap();
    let ctx = tusoi::chibo::Ctx {
        store: std::rc::Rc::new(store),
    };
    let page = RenderProps {
        ctx: ctx.clone(),
        id: "w1".into(),
        print: false,
    };
    assert!(
        rendered(page, "ws-roster").await,
        "the loaded workspace page"
    );
    let print = RenderProps {
        ctx,
        id: "w1".into(),
        print: true,
    };
    assert!(rendered(print, "a4-counts").await, "the loaded A4 summary");
}

/// Whether leaving the page now would make the browser ask first: a `beforeunload` that the page
/// cancels.
fn leaving_is_questioned() -> bool {
    let init = web_sys::EventInit::new();
    init.set_cancelable(true);
    let event = web_sys::Event::new_with_event_init_dict("beforeunload", &init).unwrap();
    !web_sys::window().unwrap().dispatch_event(&event).unwrap()
}

/// Waits up to five seconds for `selector` in `root` to exist and return true of `ok`.
async fn until(
    root: &web_sys::Element,
    selector: &str,
    ok: impl Fn(&web_sys::Element) -> bool,
) -> bool {
    let start = js_sys::Date::now();
    while js_sys::Date::now() - start < 5_000.0 {
        if root
            .query_selector(selector)
            .unwrap()
            .is_some_and(|e| ok(&e))
        {
            return true;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    false
}

/// A change is written a moment after it is made (after the page has drawn it, then the
/// transaction): until it is stored the page says so and the browser asks before the page is
/// closed or reloaded, and once it is stored the page says that and closes without a question.
#[wasm_bindgen_test]
async fn a_workspace_closed_before_its_change_is_stored_makes_the_browser_ask_first() {
    let store = ChiboStore::open_named("test-workspace-unsaved")
        .await
        .unwrap();
    let w = Workspace::new("w1".into(), period(), "2026-12-01T00:00:00.000Z");
    store.put(&w).await.unwrap();
    let ctx = tusoi::chibo::Ctx {
        store: std::rc::Rc::new(store),
    };
    let root = mount(RenderProps {
        ctx: ctx.clone(),
        id: "w1".into(),
        print: false,
    });
    let state = |s: &'static str| {
        move |e: &web_sys::Element| e.get_attribute("data-state").as_deref() == Some(s)
    };
    assert!(
        until(&root, "#ws-save-state", state("saved")).await,
        "loaded, nothing to save"
    );
    assert!(
        !leaving_is_questioned(),
        "nothing unsaved: the page closes without a question"
    );

    let area: web_sys::HtmlTextAreaElement = element(&root, "#ws-roster");
    area.set_value("Nguyễn Văn An,02/09/1980");
    area.dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    let apply: web_sys::HtmlElement = element(&root, "#ws-roster-apply");
    apply.click();
    assert!(leaving_is_questioned(), "the roster's save is under way");
    assert!(
        until(&root, "#ws-save-state", state("saving")).await
            || ctx.store.get("w1").await.unwrap().unwrap().roster.len() == 1,
        "the page says it is saving (unless the save already ended)"
    );
    assert!(
        until(&root, "#ws-save-state", state("saved")).await,
        "stored"
    );
    assert!(
        !leaving_is_questioned(),
        "stored: the page closes without a question"
    );
    assert_eq!(ctx.store.get("w1").await.unwrap().unwrap().roster.len(), 1);
    root.remove();
}

/// The workspaces' database opens as the member's does (`storage::open_database`): one of a
/// newer app is refused and left as it was, and another tab's upgrade closes this connection and
/// is told, so that tab is never blocked.
#[wasm_bindgen_test]
async fn a_newer_workspace_database_is_left_untouched_and_another_tab_s_upgrade_is_not_blocked() {
    use indexed_db_futures::database::Database;
    use indexed_db_futures::prelude::*;

    let name = "test-workspace-newer";
    let newer = Database::open(name)
        .with_version(9u32)
        .with_on_upgrade_needed(|_, db| {
            db.create_object_store("workspaces")
                .with_key_path("id".into())
                .build()?;
            Ok(())
        })
        .await
        .unwrap();
    newer.close();
    assert!(matches!(
        ChiboStore::open_named(name).await,
        Err(StorageError::DatabaseTooNew)
    ));
    let again = Database::open(name).with_version(9u32).await.unwrap();
    assert_eq!(again.version() as u32, 9, "left at its own version");
    again.close();

    let name = "test-workspace-replaced";
    let replaced = std::rc::Rc::new(std::cell::Cell::new(false));
    let on_event: tusoi::storage::OnStoreEvent = {
        let replaced = replaced.clone();
        std::rc::Rc::new(move |event| {
            if event == tusoi::storage::StoreEvent::Replaced {
                replaced.set(true);
            }
        })
    };
    let store = ChiboStore::open_with_events(name, on_event).await.unwrap();
    store
        .put(&Workspace::new(
            "w1".into(),
            period(),
            "2026-12-01T00:00:00.000Z",
        ))
        .await
        .unwrap();
    // A newer page in another tab upgrades the database: not blocked by this one.
    let upgraded = Database::open(name).with_version(3u32).await.unwrap();
    assert_eq!(upgraded.version() as u32, 3);
    upgraded.close();
    assert!(replaced.get(), "this page is told to reload");
}
