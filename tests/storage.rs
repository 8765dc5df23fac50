//! The storage module against real IndexedDB in headless Chromium (`cargo xtask test`). Each test
//! opens its own database, so tests in the same run never see each other's data.

#![allow(clippy::unwrap_used)] // A failed unwrap is a failed test.

use tusoi::operations;
use tusoi::storage::{StorageError, Store};
use tusoi_core::workflow::export::Resolution;
use tusoi_core::{Document, Edit, ExportEnvelope, HeaderField, Template};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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
async fn put_get_list_delete() {
    let store = open("test-put-get-list-delete").await;
    assert!(store.is_persistent());
    assert_eq!(store.list().await.unwrap(), vec![]);

    let mut a = sample("a", "Nguyễn Văn An");
    let b = sample("b", "Trần Thị Bình");
    store.put(&a).await.unwrap();
    store.put(&b).await.unwrap();
    assert_eq!(store.get("a").await.unwrap(), Some(a.clone()));
    assert_eq!(store.get("missing").await.unwrap(), None);

    // A later save moves the document to the top of the list.
    a.apply(Edit::Title("Bản của An".into()));
    a.touch("2025-12-05T00:00:00.000Z");
    store.put(&a).await.unwrap();
    let list = store.list().await.unwrap();
    assert_eq!(list, vec![a.summary(), b.summary()]);

    store.delete_forever("a").await.unwrap();
    assert_eq!(store.get("a").await.unwrap(), None);
    assert_eq!(store.list().await.unwrap(), vec![b.summary()]);
    assert_eq!(store.all().await.unwrap(), vec![b]);
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
        good.replace("\"schema_version\": 2", "\"schema_version\": 99")
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
async fn save_refuses_to_overwrite_a_newer_version_from_another_tab() {
    let store = open("test-save-conflict").await;
    let original = sample("a", "Hai thẻ");
    store.put(&original).await.unwrap();
    let stamp = (original.revision, original.updated_at.clone());

    // Tab one saves first.
    let mut one = original.clone();
    one.apply(Edit::Section("A.VI".into(), "Thẻ một.".into()));
    one.touch("2025-12-02T00:00:00.001Z");
    store.save(&one, (stamp.0, &stamp.1)).await.unwrap();

    // Tab two started from the same version and reaches the same revision number: refused.
    let mut two = original.clone();
    two.apply(Edit::Section("A.VI".into(), "Thẻ hai.".into()));
    two.touch("2025-12-02T00:00:00.002Z");
    match store.save(&two, (stamp.0, &stamp.1)).await {
        Err(StorageError::Conflict(stored)) => assert_eq!(*stored, one),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        store.get("a").await.unwrap(),
        Some(one.clone()),
        "tab one's text is intact"
    );

    // From the version it now knows, tab two may save.
    let mut three = one.clone();
    three.touch("2025-12-02T00:00:00.003Z");
    store
        .save(&three, (one.revision, &one.updated_at))
        .await
        .unwrap();
    assert_eq!(store.get("a").await.unwrap(), Some(three));
}

#[wasm_bindgen_test]
async fn trash_keeps_documents_for_thirty_days_then_purges_them() {
    let store = open("test-trash").await;
    let (a, b) = (sample("a", "Giữ"), sample("b", "Bỏ"));
    store.put_all(&[a.clone(), b.clone()]).await.unwrap();

    store
        .set_trashed("b", Some("2025-12-01T00:00:00.000Z".into()))
        .await
        .unwrap();
    assert_eq!(store.list().await.unwrap(), vec![a.summary()]);
    assert_eq!(
        store.all().await.unwrap(),
        vec![a.clone()],
        "the trash is not exported"
    );
    let trash = store.list_trash().await.unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(
        trash[0].deleted_at.as_deref(),
        Some("2025-12-01T00:00:00.000Z")
    );
    assert!(
        store.ids().await.unwrap().contains("b"),
        "import conflicts see the trash too"
    );

    // Edits saved into a trashed document stay in the trash.
    let mut edited = b.clone();
    edited.touch("2025-12-02T00:00:00.000Z");
    store
        .save(&edited, (b.revision, &b.updated_at))
        .await
        .unwrap();
    assert_eq!(store.list_trash().await.unwrap().len(), 1);

    store.set_trashed("b", None).await.unwrap();
    assert_eq!(store.list().await.unwrap().len(), 2);
    store
        .set_trashed("b", Some("2025-12-01T00:00:00.000Z".into()))
        .await
        .unwrap();

    let day = 86_400_000;
    let deleted = tusoi_core::base::time::millis_from_rfc3339("2025-12-01T00:00:00.000Z").unwrap();
    assert_eq!(store.purge_trash(deleted + 29 * day).await.unwrap(), 0);
    assert_eq!(store.purge_trash(deleted + 30 * day).await.unwrap(), 1);
    assert_eq!(store.get("b").await.unwrap(), None);
    assert_eq!(store.get("a").await.unwrap(), Some(a));
}

#[wasm_bindgen_test]
async fn export_marks_record_when_and_which_revision() {
    let store = open("test-export-marks").await;
    let mut a = sample("a", "Xuất");
    a.touch("2025-12-02T00:00:00.000Z");
    store.put(&a).await.unwrap();
    assert!(store.export_marks().await.unwrap().is_empty());
    store
        .mark_exported(&[a.clone()], "2025-12-03T00:00:00.000Z")
        .await
        .unwrap();
    let marks = store.export_marks().await.unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!(
        (
            marks[0].id.as_str(),
            marks[0].revision,
            marks[0].exported_at.as_str()
        ),
        ("a", 1, "2025-12-03T00:00:00.000Z")
    );
    store.delete_forever("a").await.unwrap();
    assert!(store.export_marks().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
fn quota_errors_are_recognised_in_every_spelling() {
    for text in [
        "QuotaExceededError: The quota has been exceeded.",
        "NS_ERROR_DOM_QUOTA_REACHED",
        "QUOTA_EXCEEDED_ERR: DOM Exception 22",
    ] {
        assert_eq!(
            StorageError::from_browser_text(text),
            StorageError::Quota,
            "{text}"
        );
    }
    assert_eq!(
        StorageError::from_browser_text("VersionError: less than the existing version"),
        StorageError::DatabaseTooNew
    );
    assert!(matches!(
        StorageError::from_browser_text("AbortError"),
        StorageError::Other(_)
    ));
}
