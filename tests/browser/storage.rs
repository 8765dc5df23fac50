//! The storage module against real IndexedDB in headless Chromium (`cargo xtask test`): the
//! storage contract every backend passes, and what only IndexedDB can show (closing and reopening,
//! imports through the operations). Each test opens its own database, so tests in the same run
//! never see each other's data.

#![allow(clippy::unwrap_used)] // A failed unwrap is a failed test.

use tusoi::operations;
use tusoi::storage::Store;
use tusoi_core::workflow::export::Resolution;
use tusoi_core::workflow::store::Backend as _;
use tusoi_core::{Document, Edit, ExportEnvelope, HeaderField, Template};
use wasm_bindgen_test::*;

fn template() -> &'static Template {
    Template::get("HD43-2025/2B").unwrap()
}

fn sample(id: &str, name: &str) -> Document {
    let mut d = Document::new(id.into(), template(), 2025, "2025-12-01T08:00:00.000Z");
    d.apply(Edit::Field(HeaderField::FullName, name.into()));
    d.apply(Edit::Section(
        "A.I.2".into(),
        format!("{name}: hoàn thành 12/12 nhiệm vụ."),
    ));
    d
}

async fn open(name: &str) -> Store {
    Store::open_indexed_db(name)
        .await
        .expect("IndexedDB opens in Chromium")
}

#[wasm_bindgen_test]
async fn documents_survive_closing_and_reopening_the_database() {
    let name = "test-reopen";
    let store = open(name).await;
    let a = sample("a", "Lê Văn Cường");
    store.put(&a).await.unwrap();
    store.close();

    let store = open(name).await;
    assert_eq!(store.get("a").await.unwrap(), Some(a.clone()));
    assert_eq!(store.list().await.unwrap(), vec![a.summary()]);
}

#[wasm_bindgen_test]
async fn a_failed_import_leaves_the_store_unchanged() {
    let store = open("test-failed-import").await;
    let a = sample("a", "Phạm Thị Dung");
    store.put(&a).await.unwrap();
    let before = store.all().await.unwrap();

    let good = ExportEnvelope::new(vec![sample("new", "X")], "2025-12-03T00:00:00.000Z").to_json();
    let broken: Vec<Vec<u8>> = vec![
        good.as_bytes()[..good.len() / 2].to_vec(),
        b"not json".to_vec(),
        br#"{"format":"other","schema_version":1,"documents":[]}"#.to_vec(),
        good.replace(
            &format!("\"schema_version\": {}", tusoi_core::SCHEMA_VERSION),
            "\"schema_version\": 99",
        )
        .into_bytes(),
        good.replace("HD43-2025/2B", "HD99/9").into_bytes(),
    ];
    for bytes in broken {
        let result = operations::prepare_import(&store, &bytes).await;
        let message = result.expect_err("a broken file is refused");
        assert!(!message.is_empty());
        assert_eq!(store.all().await.unwrap(), before, "after: {message}");
    }
}

#[wasm_bindgen_test]
async fn import_with_a_conflict_replaces_or_keeps_both_by_choice() {
    let store = open("test-import-conflict").await;
    let local = sample("a", "Bản trên máy");
    store.put(&local).await.unwrap();
    let incoming = sample("a", "Bản nhập vào");
    let file = ExportEnvelope::new(
        vec![incoming.clone(), sample("b", "Bản mới")],
        "2025-12-03T00:00:00.000Z",
    )
    .to_json();

    let plan = operations::prepare_import(&store, file.as_bytes())
        .await
        .unwrap();
    assert_eq!(plan.conflicts.len(), 1);
    assert_eq!(
        operations::finish_import(&store, plan, Resolution::KeepBoth)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        store.get("a").await.unwrap(),
        Some(local),
        "kept, not overwritten"
    );
    assert_eq!(store.list().await.unwrap().len(), 3);

    let plan = operations::prepare_import(&store, file.as_bytes())
        .await
        .unwrap();
    assert_eq!(
        plan.conflicts.len(),
        2,
        "a and b are both on the device now"
    );
    operations::finish_import(&store, plan, Resolution::Replace)
        .await
        .unwrap();
    assert_eq!(store.get("a").await.unwrap(), Some(incoming));
    assert_eq!(store.list().await.unwrap().len(), 3);
}

#[wasm_bindgen_test]
async fn the_memory_store_works_when_indexed_db_is_unavailable() {
    let store = Store::memory();
    assert!(!store.is_persistent());
    let a = sample("a", "Võ Văn Em");
    store.put(&a).await.unwrap();
    assert_eq!(store.get("a").await.unwrap(), Some(a.clone()));
    assert_eq!(store.list().await.unwrap(), vec![a.summary()]);
    store.delete_forever("a").await.unwrap();
    assert!(store.all().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn duplicate_and_rename_store_their_result() {
    let store = open("test-duplicate-rename").await;
    let a = sample("a", "Đặng Thị Giang");
    store.put(&a).await.unwrap();
    let copy = operations::duplicate(&store, "a").await.unwrap().unwrap();
    assert_ne!(copy.id, "a");
    assert_eq!(
        store.get(&copy.id).await.unwrap().unwrap().answers,
        a.answers
    );

    operations::rename(&store, "a", "  Bản chính  ")
        .await
        .unwrap();
    let renamed = store.get("a").await.unwrap().unwrap();
    assert_eq!(renamed.title, "Bản chính");
    assert_eq!(renamed.revision, a.revision + 1);
}

#[wasm_bindgen_test]
async fn imported_documents_count_as_exported_at_import_time() {
    let store = open("test-import-marks").await;
    let file = ExportEnvelope::new(
        vec![sample("a", "Một"), sample("b", "Hai")],
        "2025-12-03T00:00:00.000Z",
    )
    .to_json();
    let plan = operations::prepare_import(&store, file.as_bytes())
        .await
        .unwrap();
    operations::finish_import(&store, plan, Resolution::KeepBoth)
        .await
        .unwrap();
    let marks = store.export_marks().await.unwrap();
    let mut ids: Vec<&str> = marks.iter().map(|m| m.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["a", "b"]);
    // Fifteen days on, nothing imported and unchanged earns the reminder.
    let later = tusoi_core::base::time::millis_from_rfc3339(&marks[0].exported_at).unwrap()
        + 15 * 86_400_000;
    for summary in store.list().await.unwrap() {
        let mark = marks.iter().find(|m| m.id == summary.id);
        assert!(!tusoi_core::analysis::retention::needs_export_reminder(
            &summary,
            mark,
            later,
            tusoi_core::base::environment::REMINDER_DAYS
        ));
    }
}

/// The acceptance suite every backend passes (`tusoi_core::workflow::contract`: put/get/list
/// order, the compare-and-set refusal, the trash and its purge, export marks, put-all), here
/// against IndexedDB; `cargo test` runs the same cases against the memory backend. The quota
/// spellings are tested natively, beside `StorageError`.
#[wasm_bindgen_test]
async fn indexed_db_passes_the_storage_contract() {
    let mut n = 0;
    tusoi_core::workflow::contract::run(|| {
        n += 1;
        let name = format!("test-contract-{n}");
        async move {
            let store = open(&name).await;
            assert!(store.is_persistent());
            store
        }
    })
    .await;
    // And the records' half, the one the chi bộ's roll-ups pass too (`tests/browser/workspaces.rs`).
    let mut n = 0;
    tusoi_core::workflow::contract::records(
        || {
            n += 1;
            let name = format!("test-records-{n}");
            async move { open(&name).await }
        },
        tusoi_core::workflow::contract::sample_document,
        tusoi_core::workflow::contract::edited_document,
    )
    .await;
}
