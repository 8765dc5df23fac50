//! Upgrades of the IndexedDB layout: a database exactly as the first release wrote it
//! (`tests/fixtures/idb-v1.json`) opens with the current build with every document intact, and a
//! database from a newer app is refused and left untouched.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A failed unwrap is a failed test.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use tusoi::storage::{StorageError, Store, DB_VERSION};
use tusoi_core::workflow::store::Backend as _;
use tusoi_core::Document;
use wasm_bindgen_test::*;

const FIXTURE: &str = include_str!("../fixtures/idb-v1.json");

/// Writes a database by hand, at a given version, with the stores and records of the fixture,
/// without any of the app's storage code.
async fn write_raw(name: &str, version: u32) {
    let fixture = js_sys::JSON::parse(FIXTURE).unwrap();
    let db = Database::open(name)
        .with_version(version)
        .with_on_upgrade_needed(|_, db| {
            db.create_object_store("documents")
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
        .transaction(["documents", "summaries"])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    for store_name in ["documents", "summaries"] {
        let store = tx.object_store(store_name).unwrap();
        let records: js_sys::Array = js_sys::Reflect::get(&fixture, &store_name.into())
            .unwrap()
            .into();
        for record in records.iter() {
            store.put(record).primitive().unwrap();
        }
    }
    tx.commit().await.unwrap();
    db.close();
}

fn fixture_documents() -> Vec<Document> {
    let value: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
    value["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| serde_json::from_str(r["json"].as_str().unwrap()).unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn a_first_release_database_opens_with_every_document_intact_and_exports_as_json() {
    let name = "test-upgrade-from-v1";
    write_raw(name, 1).await;
    let store = Store::open_indexed_db(name)
        .await
        .expect("the v1 database upgrades");
    let expected = fixture_documents();
    assert_eq!(expected.len(), 2);
    for document in &expected {
        assert_eq!(
            store.get(&document.id).await.unwrap().as_ref(),
            Some(document)
        );
    }
    // The first load's export hands the stored JSON, migrated from schema 1 but never read into
    // its type: the file imports as these documents.
    let file = tusoi_core::ExportEnvelope::around(
        store.all_json().await.unwrap(),
        "2026-01-01T00:00:00.000Z",
    )
    .to_json();
    let mut imported = tusoi_core::workflow::export::parse_import(
        file.as_bytes(),
        &mut tusoi_core::forms::template::Forms::default(),
    )
    .unwrap();
    imported.sort_by(|a, b| a.id.cmp(&b.id));
    let mut sorted = expected.clone();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(imported, sorted);
    let one = store.get_json(&expected[0].id).await.unwrap().unwrap();
    assert_eq!(
        serde_json::from_value::<Document>(one).unwrap(),
        expected[0]
    );
    let list = store.list().await.unwrap();
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|s| s.deleted_at.is_none()));
    // What version 2 added works on the upgraded database.
    store
        .mark_exported_now(&expected[..1], "2026-01-01T00:00:00.000Z")
        .await
        .unwrap();
    assert_eq!(store.export_marks().await.unwrap().len(), 1);
    // And what version 3 added: the member's profile, none until one is saved.
    assert_eq!(store.profile().await.unwrap(), None);
    let mut profile = tusoi_core::model::profile::Profile::default();
    profile.set(tusoi_core::HeaderField::ChiBo, "Chi bộ khu phố 3");
    store.set_profile(&profile).await.unwrap();
    assert_eq!(store.profile().await.unwrap(), Some(profile.clone()));
    let mut edited = expected[0].clone();
    edited.touch("2026-01-02T00:00:00.000Z");
    store
        .save(&edited, &tusoi::storage::Version::of(&expected[0]))
        .await
        .unwrap();
    assert_eq!(store.get(&edited.id).await.unwrap(), Some(edited.clone()));
    store.close();
    let reopened = Store::open_indexed_db(name).await.unwrap();
    assert_eq!(
        reopened.profile().await.unwrap(),
        Some(profile),
        "the profile outlives the connection"
    );
    reopened.close();

    // The records were written under document schema 1; the one saved again is stored under the
    // current schema, the other is still read through the migration.
    let db = Database::open(name).await.unwrap();
    let tx = db.transaction("documents").build().unwrap();
    let documents = tx.object_store("documents").unwrap();
    let version = |record: &wasm_bindgen::JsValue| {
        js_sys::Reflect::get(record, &"schema_version".into())
            .unwrap()
            .as_f64()
            .unwrap() as u32
    };
    let saved: wasm_bindgen::JsValue = documents
        .get(edited.id.as_str())
        .primitive()
        .unwrap()
        .await
        .unwrap()
        .unwrap();
    assert_eq!(version(&saved), tusoi_core::SCHEMA_VERSION);
    let untouched: wasm_bindgen::JsValue = documents
        .get(expected[1].id.as_str())
        .primitive()
        .unwrap()
        .await
        .unwrap()
        .unwrap();
    assert_eq!(version(&untouched), 1);
    drop(tx);
    db.close();
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_app_is_refused_and_left_untouched() {
    let name = "test-newer-database";
    let newer = DB_VERSION + 7;
    write_raw(name, newer).await;
    match Store::open_indexed_db(name).await {
        Err(StorageError::DatabaseTooNew) => {}
        other => panic!("expected DatabaseTooNew, got {other:?}"),
    }
    // Open it again as its own app would: same version, same records.
    let db = Database::open(name).with_version(newer).await.unwrap();
    assert_eq!(db.version() as u32, newer);
    let tx = db.transaction("documents").build().unwrap();
    let count = tx.object_store("documents").unwrap().count().await.unwrap();
    assert_eq!(count, 2);
}

#[wasm_bindgen_test]
async fn an_upgrade_blocked_by_an_old_tab_is_announced_and_goes_on_when_it_closes() {
    let name = "test-upgrade-blocked";
    write_raw(name, 1).await;
    // Another tab of the first release, still open, that does not close on `versionchange`.
    let old_tab = Database::open(name).with_version(1u32).await.unwrap();
    // The store reports the block as a typed event.
    let blocked = std::rc::Rc::new(std::cell::Cell::new(false));
    let on_event: tusoi::storage::OnStoreEvent = {
        let blocked = blocked.clone();
        std::rc::Rc::new(move |event| {
            if event == tusoi::storage::StoreEvent::Blocked {
                blocked.set(true);
            }
        })
    };
    assert!(!blocked.get());

    let opening =
        wasm_bindgen_futures::JsFuture::from(wasm_bindgen_futures::future_to_promise(async move {
            let store = Store::open_with_events(name, on_event)
                .await
                .map_err(|e| wasm_bindgen::JsValue::from_str(&e.message()))?;
            Ok(wasm_bindgen::JsValue::from_bool(
                store.list().await.is_ok_and(|l| l.len() == 2),
            ))
        }));
    // The browser reports the block while the old tab holds the database.
    let start = js_sys::Date::now();
    while !blocked.get() {
        assert!(
            js_sys::Date::now() - start < 5_000.0,
            "the block was never announced"
        );
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    old_tab.close();
    assert_eq!(
        opening.await.unwrap(),
        wasm_bindgen::JsValue::TRUE,
        "the upgrade went on, documents intact"
    );
}
