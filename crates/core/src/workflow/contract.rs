//! The acceptance suite every storage backend passes, written once over [`Backend`]: natively
//! against [`MemoryStore`](crate::workflow::store::MemoryStore) (`cargo test`) and in the three
//! engines against IndexedDB (`tests/storage.rs`). [`records`] is its half for any kind of record
//! ([`Records`]): the member's documents and the chi bộ's roll-ups (`tests/workspaces.rs`), in
//! memory and over IndexedDB. `fresh` makes a new, empty backend for each case, so
//! the cases never see each other's data. A failed case panics with what it expected.
//!
//! Compiled only for tests (the `contract` feature, which the web shell's tests turn on).

use std::future::Future;

use crate::forms::field::HeaderField;
use crate::forms::template::Template;
use crate::model::document::{Document, Edit};
use crate::workflow::store::{Backend, Records, StorageError, Version, Versioned};

fn sample(id: &str, name: &str) -> Document {
    let template = Template::get("HD43-2025/2B").expect("the 2025 member form");
    let mut d = Document::new(id.into(), template, 2025, "2025-12-01T08:00:00.000Z");
    d.apply(Edit::Field(HeaderField::FullName, name.into()));
    d.apply(Edit::Section(
        "A.I.2".into(),
        format!("{name}: hoàn thành 12/12 nhiệm vụ."),
    ));
    d
}

/// Runs every case, each on a fresh backend.
pub async fn run<B: Backend, F: Future<Output = B>>(mut fresh: impl FnMut() -> F) {
    put_get_list_delete(&fresh().await).await;
    save_refuses_to_overwrite_a_newer_version_from_another_tab(&fresh().await).await;
    trash_keeps_documents_for_thirty_days_then_purges_them(&fresh().await).await;
    export_marks_record_when_and_which_revision(&fresh().await).await;
    put_all_writes_every_document_and_revives_a_trashed_one(&fresh().await).await;
    a_documents_json_is_the_document_and_its_export_is_marked(&fresh().await).await;
}

pub async fn put_get_list_delete(store: &impl Backend) {
    assert_eq!(store.list().await.expect("list"), vec![]);
    let mut a = sample("a", "Nguyễn Văn An");
    let b = sample("b", "Trần Thị Bình");
    store.put(&a).await.expect("put a");
    store.put(&b).await.expect("put b");
    assert_eq!(store.get("a").await.expect("get"), Some(a.clone()));
    assert_eq!(store.get("missing").await.expect("get"), None);

    // A later save moves the document to the top of the list.
    a.apply(Edit::Title("Bản của An".into()));
    a.touch("2025-12-05T00:00:00.000Z");
    store.put(&a).await.expect("put a again");
    let list = store.list().await.expect("list");
    assert_eq!(list, vec![a.summary(), b.summary()]);

    store.delete_forever("a").await.expect("delete");
    assert_eq!(store.get("a").await.expect("get"), None);
    assert_eq!(store.list().await.expect("list"), vec![b.summary()]);
    assert_eq!(store.all().await.expect("all"), vec![b]);
}

pub async fn save_refuses_to_overwrite_a_newer_version_from_another_tab(store: &impl Backend) {
    let original = sample("a", "Hai thẻ");
    store.put(&original).await.expect("put");
    let stamp = Version::of(&original);

    // Tab one saves first.
    let mut one = original.clone();
    one.apply(Edit::Section("A.VI".into(), "Thẻ một.".into()));
    one.touch("2025-12-02T00:00:00.001Z");
    store.save(&one, &stamp).await.expect("tab one saves");

    // Tab two started from the same version and reaches the same revision number: refused.
    let mut two = original.clone();
    two.apply(Edit::Section("A.VI".into(), "Thẻ hai.".into()));
    two.touch("2025-12-02T00:00:00.002Z");
    match store.save(&two, &stamp).await {
        Err(StorageError::Conflict(stored)) => assert_eq!(*stored, one),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        store.get("a").await.expect("get"),
        Some(one.clone()),
        "tab one's text is intact"
    );

    // From the version it now knows, tab two may save.
    let mut three = one.clone();
    three.touch("2025-12-02T00:00:00.003Z");
    store
        .save(&three, &Version::of(&one))
        .await
        .expect("a save from the stored version");
    assert_eq!(store.get("a").await.expect("get"), Some(three));
}

pub async fn trash_keeps_documents_for_thirty_days_then_purges_them(store: &impl Backend) {
    let (a, b) = (sample("a", "Giữ"), sample("b", "Bỏ"));
    store
        .put_all(&[a.clone(), b.clone()])
        .await
        .expect("put_all");

    store
        .set_trashed("b", Some("2025-12-01T00:00:00.000Z".into()))
        .await
        .expect("trash");
    assert_eq!(store.list().await.expect("list"), vec![a.summary()]);
    assert_eq!(
        store.all().await.expect("all"),
        vec![a.clone()],
        "the trash is not exported"
    );
    let trash = store.list_trash().await.expect("trash list");
    assert_eq!(trash.len(), 1);
    assert_eq!(
        trash[0].deleted_at.as_deref(),
        Some("2025-12-01T00:00:00.000Z")
    );
    assert!(
        store.ids().await.expect("ids").contains("b"),
        "import conflicts see the trash too"
    );

    // Edits saved into a trashed document stay in the trash.
    let mut edited = b.clone();
    edited.touch("2025-12-02T00:00:00.000Z");
    store
        .save(&edited, &Version::of(&b))
        .await
        .expect("save in the trash");
    assert_eq!(store.list_trash().await.expect("trash list").len(), 1);

    store.set_trashed("b", None).await.expect("restore");
    assert_eq!(store.list().await.expect("list").len(), 2);
    store
        .set_trashed("b", Some("2025-12-01T00:00:00.000Z".into()))
        .await
        .expect("trash again");

    let day = 86_400_000;
    let deleted =
        crate::base::time::millis_from_rfc3339("2025-12-01T00:00:00.000Z").expect("a valid time");
    assert_eq!(
        store.purge_trash(deleted + 29 * day).await.expect("purge"),
        0
    );
    assert_eq!(
        store.purge_trash(deleted + 30 * day).await.expect("purge"),
        1
    );
    assert_eq!(store.get("b").await.expect("get"), None);
    assert_eq!(store.get("a").await.expect("get"), Some(a));
}

pub async fn export_marks_record_when_and_which_revision(store: &impl Backend) {
    let mut a = sample("a", "Xuất");
    a.touch("2025-12-02T00:00:00.000Z");
    store.put(&a).await.expect("put");
    assert!(store.export_marks().await.expect("marks").is_empty());
    store
        .mark_exported_now(&[a.clone()], "2025-12-03T00:00:00.000Z")
        .await
        .expect("mark");
    let marks = store.export_marks().await.expect("marks");
    assert_eq!(marks.len(), 1);
    assert_eq!(
        (
            marks[0].id.as_str(),
            marks[0].revision,
            marks[0].exported_at.as_str()
        ),
        ("a", 1, "2025-12-03T00:00:00.000Z")
    );
    store.delete_forever("a").await.expect("delete");
    assert!(store.export_marks().await.expect("marks").is_empty());
}

pub async fn put_all_writes_every_document_and_revives_a_trashed_one(store: &impl Backend) {
    let docs: Vec<Document> = (0..5)
        .map(|i| sample(&format!("d{i}"), &format!("Người {i}")))
        .collect();
    store.put_all(&docs).await.expect("put_all");
    assert_eq!(store.all().await.expect("all").len(), 5);
    store
        .set_trashed("d2", Some("2025-12-01T00:00:00.000Z".into()))
        .await
        .expect("trash");
    store.put_all(&docs[2..3]).await.expect("put again");
    assert!(store.list_trash().await.expect("trash").is_empty());
    assert_eq!(store.list().await.expect("list").len(), 5);
}

/// What the home page exports without reading a body into its type: each document's JSON reads
/// back as the document, only live ones are "all", and an export of JSON marks the revision the
/// JSON holds.
pub async fn a_documents_json_is_the_document_and_its_export_is_marked(store: &impl Backend) {
    let mut a = sample("a", "Nguyễn Văn An");
    a.touch("2025-12-02T00:00:00.000Z");
    a.touch("2025-12-03T00:00:00.000Z");
    let b = sample("b", "Trần Thị Bình");
    store.put_all(&[a.clone(), b.clone()]).await.expect("put");
    store
        .set_trashed("b", Some("2025-12-04T00:00:00.000Z".into()))
        .await
        .expect("trash b");

    let json = store
        .get_json("a")
        .await
        .expect("get_json")
        .expect("a is stored");
    let read: Document = serde_json::from_value(json.clone()).expect("the JSON is a document");
    assert_eq!(read, a);
    assert_eq!(store.get_json("missing").await.expect("get_json"), None);
    // In the trash, still there to be read; not among "all".
    let b_json = store
        .get_json("b")
        .await
        .expect("get_json b")
        .expect("b kept");
    assert_eq!(serde_json::from_value::<Document>(b_json).expect("b"), b);
    let all = store.all_json().await.expect("all_json");
    assert_eq!(all, vec![json.clone()]);

    store
        .mark_exported_now(&all, "2025-12-05T00:00:00.000Z")
        .await
        .expect("mark");
    let marks = store.export_marks().await.expect("marks");
    assert_eq!(
        marks
            .iter()
            .map(|m| (m.id.as_str(), m.revision, m.exported_at.as_str()))
            .collect::<Vec<_>>(),
        vec![("a", a.revision, "2025-12-05T00:00:00.000Z")]
    );
    assert_eq!(a.revision, 2, "two touches after creation");
}

/// A member's document for the records' contract.
pub fn sample_document(id: &str) -> Document {
    sample(id, "Nguyễn Văn An")
}

/// A later version of a document, saved at `at`.
pub fn edited_document(d: &Document, at: &str) -> Document {
    let mut d = d.clone();
    d.apply(Edit::Section("A.VI".into(), format!("Sửa lúc {at}.")));
    d.touch(at);
    d
}

/// The records' half of the contract, for any kind of record, each case on a fresh store:
/// `sample(id)` makes a record, `edited(record, at)` a later version of it saved at `at`.
pub async fn records<R: Versioned, S: Records<R>, F: Future<Output = S>>(
    mut fresh: impl FnMut() -> F,
    sample: impl Fn(&str) -> R,
    edited: impl Fn(&R, &str) -> R,
) {
    records_put_get_delete(&fresh().await, &sample).await;
    records_refuse_a_save_over_another_tab_s_and_give_its_version(&fresh().await, &sample, &edited)
        .await;
    records_keep_a_trash_that_a_save_leaves_and_a_restore_undoes(&fresh().await, &sample, &edited)
        .await;
    records_leave_the_trash_for_good_after_30_days(&fresh().await, &sample).await;
}

async fn records_leave_the_trash_for_good_after_30_days<R: Versioned>(
    store: &impl Records<R>,
    sample: &impl Fn(&str) -> R,
) {
    let (a, b) = (sample("a"), sample("b"));
    store.put_record(&a).await.expect("put a");
    store.put_record(&b).await.expect("put b");
    store
        .trash_record("b", Some("2025-12-01T00:00:00.000Z".into()))
        .await
        .expect("trash");
    let day = 86_400_000;
    let deleted =
        crate::base::time::millis_from_rfc3339("2025-12-01T00:00:00.000Z").expect("a valid time");
    assert_eq!(store.purge(deleted + 29 * day).await.expect("purge"), 0);
    assert!(
        store.get_record("b").await.expect("get").is_some(),
        "29 days: still there"
    );
    assert_eq!(store.purge(deleted + 30 * day).await.expect("purge"), 1);
    assert_eq!(store.get_record("b").await.expect("get"), None);
    assert_eq!(
        store.get_record("a").await.expect("get"),
        Some(a),
        "a live one stays"
    );
}

async fn records_put_get_delete<R: Versioned>(
    store: &impl Records<R>,
    sample: &impl Fn(&str) -> R,
) {
    let (a, b) = (sample("a"), sample("b"));
    store.put_record(&a).await.expect("put a");
    store.put_record(&b).await.expect("put b");
    assert_eq!(store.get_record("a").await.expect("get"), Some(a));
    assert_eq!(store.get_record("missing").await.expect("get"), None);
    store.delete_record("a").await.expect("delete");
    assert_eq!(store.get_record("a").await.expect("get"), None);
    let mut left = store.trash_dates().await.expect("list");
    left.sort();
    assert_eq!(left, [("b".to_owned(), None)]);
}

async fn records_refuse_a_save_over_another_tab_s_and_give_its_version<R: Versioned>(
    store: &impl Records<R>,
    sample: &impl Fn(&str) -> R,
    edited: &impl Fn(&R, &str) -> R,
) {
    let original = sample("a");
    store.put_record(&original).await.expect("put");
    let stamp = original.version();
    // Tab one saves first; tab two, from the same version, is refused with tab one's version.
    let one = edited(&original, "2025-12-02T00:00:00.001Z");
    store
        .save_record(&one, &stamp)
        .await
        .expect("tab one saves");
    let two = edited(&original, "2025-12-02T00:00:00.002Z");
    match store.save_record(&two, &stamp).await {
        Err(StorageError::Conflict(stored)) => assert_eq!(*stored, one),
        other => panic!("expected a conflict with the stored version, got {other:?}"),
    }
    assert_eq!(store.get_record("a").await.expect("get"), Some(one.clone()));
    // From the version it now knows, tab two may save.
    let three = edited(&one, "2025-12-02T00:00:00.003Z");
    store
        .save_record(&three, &one.version())
        .await
        .expect("a save from the stored version");
    assert_eq!(store.get_record("a").await.expect("get"), Some(three));
}

async fn records_keep_a_trash_that_a_save_leaves_and_a_restore_undoes<R: Versioned>(
    store: &impl Records<R>,
    sample: &impl Fn(&str) -> R,
    edited: &impl Fn(&R, &str) -> R,
) {
    let a = sample("a");
    store.put_record(&a).await.expect("put");
    let when = Some("2025-12-01T00:00:00.000Z".to_owned());
    store.trash_record("a", when.clone()).await.expect("trash");
    assert_eq!(
        store.trash_dates().await.expect("list"),
        [("a".to_owned(), when.clone())]
    );
    // A save into a trashed record keeps it in the trash, and its text.
    let later = edited(&a, "2025-12-02T00:00:00.000Z");
    store
        .save_record(&later, &a.version())
        .await
        .expect("save in the trash");
    assert_eq!(
        store.trash_dates().await.expect("list"),
        [("a".to_owned(), when)]
    );
    assert_eq!(store.get_record("a").await.expect("get"), Some(later));
    store.trash_record("a", None).await.expect("restore");
    assert_eq!(
        store.trash_dates().await.expect("list"),
        [("a".to_owned(), None)]
    );
}
