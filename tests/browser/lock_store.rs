//! The lock at rest against real IndexedDB and WebCrypto (docs/lock.md, issue 13): a locked store
//! passes the storage contract, holds no plaintext of what was typed (the raw records read back
//! without the app's code), asks for the passphrase or the recovery code after reopening, names a
//! record whose tag fails while the others open, refuses a write from a page opened before another
//! switched the lock, changes its passphrase without rewriting a record, and turns off again with
//! every document as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A failed unwrap is a failed test.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use std::rc::Rc;
use tusoi::locking::{self, Secret};
use tusoi::storage::{LockStatus, StorageError, Store};
use tusoi_core::analysis::retention::ExportMark;
use tusoi_core::model::profile::Profile;
use tusoi_core::workflow::store::{Backend as _, Version};
use tusoi_core::{Document, Edit, HeaderField, Template};

use tusoi::storage::chibo::ChiboStore;
use tusoi_core::chibo::intake::Period;
use tusoi_core::chibo::workspace::Workspace;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

const PASSPHRASE: &str = "Cây đa đầu làng 1975";
/// Typed into documents, the profile and titles; must never be found in a locked database.
const MARKER: &str = "Quyết-Thắng-7319";

fn sample(id: &str) -> Document {
    let template = Template::get("HD43-2025/2B").unwrap();
    let mut d = Document::new(id.into(), template, 2025, "2025-12-01T08:00:00.000Z");
    d.apply(Edit::Field(HeaderField::FullName, format!("{MARKER} {id}")));
    d.apply(Edit::Section(
        "A.I.2".into(),
        format!("{MARKER}: hoàn thành 12/12 nhiệm vụ."),
    ));
    d.title = format!("Bản của {MARKER}");
    d
}

async fn open(name: &str) -> Rc<Store> {
    Rc::new(Store::open_indexed_db(name).await.expect("IndexedDB opens"))
}

/// Every record of every store of the member's database, as the browser keeps it, read without
/// the app's storage code.
async fn raw_dump(name: &str) -> String {
    raw_stores(name, &["documents", "summaries", "exports", "meta"]).await
}

async fn raw_stores(name: &str, stores: &[&str]) -> String {
    let db = Database::open(name).await.unwrap();
    let stores = stores.to_vec();
    let mut dump = String::new();
    {
        let tx = db.transaction(stores.clone()).build().unwrap();
        for store in stores {
            let all: Vec<JsValue> = tx
                .object_store(store)
                .unwrap()
                .get_all()
                .primitive()
                .unwrap()
                .await
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for record in all {
                dump.push_str(
                    &js_sys::JSON::stringify(&record)
                        .unwrap()
                        .as_string()
                        .unwrap(),
                );
                dump.push('\n');
            }
        }
    }
    db.close();
    dump
}

/// Replaces one record's field by hand, as a damaged disk or a meddler would.
async fn overwrite_field(name: &str, store: &str, id: &str, field: &str, value: &str) {
    let db = Database::open(name).await.unwrap();
    let tx = db
        .transaction(store)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let object_store = tx.object_store(store).unwrap();
    let record: JsValue = object_store
        .get(id)
        .primitive()
        .unwrap()
        .await
        .unwrap()
        .unwrap();
    js_sys::Reflect::set(&record, &field.into(), &value.into()).unwrap();
    object_store.put(record).primitive().unwrap();
    tx.commit().await.unwrap();
    db.close();
}

async fn fill(store: &Store) -> (Vec<Document>, Profile, ExportMark, Vec<serde_json::Value>) {
    let docs = vec![sample("a"), sample("b"), sample("c")];
    store.put_all(&docs).await.unwrap();
    store
        .set_trashed("c", Some("2025-12-02T08:00:00.000Z".into()))
        .await
        .unwrap();
    let mut profile = Profile::default();
    profile.set(HeaderField::FullName, &format!("{MARKER} hồ sơ"));
    store.set_profile(&profile).await.unwrap();
    // A committee's template kept on the device (`components::forms`), its title typed by a person.
    let forms = vec![serde_json::json!({ "id": "DB-X/cam-ket", "title": format!("{MARKER} mẫu") })];
    store.set_forms(&forms).await.unwrap();
    let mark = ExportMark {
        id: "a".into(),
        exported_at: "2025-12-03T08:00:00.000Z".into(),
        revision: 0,
    };
    store
        .mark_exported(std::slice::from_ref(&mark))
        .await
        .unwrap();
    (docs, profile, mark, forms)
}

async fn turn_on(store: &Rc<Store>) -> String {
    let code = locking::new_recovery_code().unwrap();
    locking::turn_on(store, PASSPHRASE, &code, 5).await.unwrap();
    code
}

/// The store back from its `Rc`, to be closed (nothing else holds it once a step is done).
fn close(store: Rc<Store>) {
    Rc::try_unwrap(store)
        .expect("only the test holds the store")
        .close();
}

#[wasm_bindgen_test]
async fn a_locked_store_passes_the_storage_contract() {
    let mut n = 0;
    tusoi_core::workflow::contract::run(|| {
        n += 1;
        let name = format!("test-lock-contract-{n}");
        async move {
            let store = open(&name).await;
            turn_on(&store).await;
            assert_eq!(store.lock_status(), LockStatus::Unlocked);
            Rc::try_unwrap(store).expect("only the test holds the store")
        }
    })
    .await;
}

#[wasm_bindgen_test]
async fn with_the_lock_on_no_typed_text_is_left_in_indexed_db_and_everything_reads_back() {
    let name = "test-lock-no-plaintext";
    let store = open(name).await;
    let (docs, profile, mark, forms) = fill(&store).await;
    assert!(
        raw_dump(name).await.contains(MARKER),
        "the marker is stored plain before"
    );

    turn_on(&store).await;
    let dump = raw_dump(name).await;
    assert!(
        !dump.contains(MARKER),
        "plaintext left after the switch:\n{dump}"
    );
    assert!(!dump.contains("Bản của"), "a title left in the clear");
    assert!(!dump.contains("HD43-2025"), "the form left in the clear");

    // Reads and writes go on through the key.
    assert_eq!(store.get("a").await.unwrap(), Some(docs[0].clone()));
    assert_eq!(store.all().await.unwrap(), docs[..2].to_vec());
    assert_eq!(store.list_trash().await.unwrap()[0].id, "c");
    assert_eq!(store.profile().await.unwrap(), Some(profile));
    assert_eq!(store.forms().await.unwrap(), forms);
    assert_eq!(store.export_marks().await.unwrap(), vec![mark]);
    let mut edited = docs[0].clone();
    edited.apply(Edit::Section("A.I.3".into(), format!("{MARKER} mới gõ")));
    edited.revision += 1;
    store.save(&edited, &Version::of(&docs[0])).await.unwrap();
    assert_eq!(store.get("a").await.unwrap(), Some(edited.clone()));
    let dump = raw_dump(name).await;
    assert!(
        !dump.contains(MARKER),
        "a save after the switch wrote plaintext"
    );
    close(store);

    // Reopened: locked, nothing readable, until the passphrase is given.
    let store = open(name).await;
    assert_eq!(store.lock_status(), LockStatus::Locked);
    assert_eq!(store.get("a").await, Err(StorageError::Locked));
    assert_eq!(store.put(&sample("d")).await, Err(StorageError::Locked));
    let wrong = locking::unlock(&store, Secret::Passphrase("cây đa đầu làng 1975")).await;
    assert!(wrong.unwrap_err().contains("không đúng"));
    assert_eq!(store.lock_status(), LockStatus::Locked);
    locking::unlock(&store, Secret::Passphrase(PASSPHRASE))
        .await
        .unwrap();
    assert_eq!(store.get("a").await.unwrap(), Some(edited.clone()));

    // Turned off: every record plain again, and the same.
    locking::turn_off(&store, Secret::Passphrase(PASSPHRASE))
        .await
        .unwrap();
    assert_eq!(store.lock_status(), LockStatus::Off);
    assert!(raw_dump(name).await.contains(MARKER));
    close(store);
    let store = open(name).await;
    assert_eq!(store.lock_status(), LockStatus::Off);
    assert_eq!(store.get("a").await.unwrap(), Some(edited));
    assert_eq!(store.list().await.unwrap().len(), 2);
    assert_eq!(store.list_trash().await.unwrap().len(), 1);
    assert_eq!(store.forms().await.unwrap(), forms);
}

#[wasm_bindgen_test]
async fn the_recovery_code_unlocks_and_a_new_passphrase_replaces_the_old_one() {
    let name = "test-lock-recovery";
    let store = open(name).await;
    store.put(&sample("a")).await.unwrap();
    let code = turn_on(&store).await;
    let before = raw_dump(name).await;
    close(store);

    let store = open(name).await;
    let refused = locking::unlock(&store, Secret::RecoveryCode("ABCD-EFGH")).await;
    assert!(
        refused.unwrap_err().contains("24"),
        "not a code is said as such"
    );
    let wrong_code = locking::new_recovery_code().unwrap();
    assert!(locking::unlock(&store, Secret::RecoveryCode(&wrong_code))
        .await
        .is_err());
    // Written down by hand: lower case, spaces for dashes.
    let typed = code.to_lowercase().replace('-', " ");
    locking::unlock(&store, Secret::RecoveryCode(&typed))
        .await
        .unwrap();
    assert_eq!(store.get("a").await.unwrap(), Some(sample("a")));

    locking::change_passphrase(&store, Secret::RecoveryCode(&code), "mật khẩu mới 2027")
        .await
        .unwrap();
    // No record was rewritten: only the keyring changed.
    let after = raw_dump(name).await;
    let records = |dump: &str| {
        dump.lines()
            .filter(|l| !l.contains("\"keyring\""))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(records(&before), records(&after));
    close(store);

    let store = open(name).await;
    assert!(locking::unlock(&store, Secret::Passphrase(PASSPHRASE))
        .await
        .is_err());
    locking::unlock(&store, Secret::Passphrase("mật khẩu mới 2027"))
        .await
        .unwrap();
    store.forget_key();
    locking::unlock(&store, Secret::RecoveryCode(&code))
        .await
        .unwrap();
    assert_eq!(store.get("a").await.unwrap(), Some(sample("a")));
}

#[wasm_bindgen_test]
async fn a_record_whose_tag_fails_is_named_and_the_others_still_open() {
    let name = "test-lock-tampered";
    let store = open(name).await;
    store.put_all(&[sample("a"), sample("b")]).await.unwrap();
    turn_on(&store).await;
    close(store);

    // b's ciphertext moved onto a: a valid record, in the wrong place.
    let dump = raw_dump(name).await;
    let b_json = dump
        .lines()
        .find(|l| l.contains("\"id\":\"b\"") && l.contains("schema_version"))
        .map(|l| js_sys::JSON::parse(l).unwrap())
        .and_then(|v| js_sys::Reflect::get(&v, &"json".into()).ok())
        .and_then(|j| j.as_string())
        .unwrap();
    overwrite_field(name, "documents", "a", "json", &b_json).await;

    let store = open(name).await;
    locking::unlock(&store, Secret::Passphrase(PASSPHRASE))
        .await
        .unwrap();
    let damaged = store.get("a").await.unwrap_err();
    assert_eq!(damaged, StorageError::Damaged("a".into()));
    assert!(damaged.message().contains("mã a"), "{}", damaged.message());
    assert_eq!(store.get("b").await.unwrap(), Some(sample("b")));
    // The list is read from the summaries, which are whole.
    assert_eq!(store.list().await.unwrap().len(), 2);
    // Turning the lock off would have to decrypt a: refused, nothing changed.
    let refused = locking::turn_off(&store, Secret::Passphrase(PASSPHRASE)).await;
    assert!(refused.unwrap_err().contains("mã a"));
    assert_eq!(store.lock_status(), LockStatus::Unlocked);
    assert_eq!(store.get("b").await.unwrap(), Some(sample("b")));
}

#[wasm_bindgen_test]
async fn a_tab_opened_before_the_switch_writes_nothing_into_the_locked_store() {
    let name = "test-lock-two-tabs";
    let first = open(name).await;
    let second = open(name).await;
    let a = sample("a");
    first.put(&a).await.unwrap();

    turn_on(&first).await;
    // The second "tab" still believes the store is plain: its save is refused as a whole.
    let mut edited = a.clone();
    edited.apply(Edit::Section("A.I.3".into(), format!("{MARKER} từ thẻ cũ")));
    edited.revision += 1;
    assert_eq!(
        second.save(&edited, &Version::of(&a)).await,
        Err(StorageError::LockChanged)
    );
    assert_eq!(
        second.put(&sample("z")).await,
        Err(StorageError::LockChanged)
    );
    assert_eq!(second.get("a").await, Err(StorageError::LockChanged));
    assert!(!raw_dump(name).await.contains("từ thẻ cũ"));
    assert_eq!(first.get("a").await.unwrap(), Some(a.clone()));
    assert_eq!(first.get("z").await.unwrap(), None);

    // And the other way: turned off in the first, the second (unlocked before) writes no
    // ciphertext into the plain store.
    let second = open(name).await;
    locking::unlock(&second, Secret::Passphrase(PASSPHRASE))
        .await
        .unwrap();
    locking::turn_off(&first, Secret::Passphrase(PASSPHRASE))
        .await
        .unwrap();
    assert_eq!(
        second.save(&edited, &Version::of(&a)).await,
        Err(StorageError::LockChanged)
    );
    assert_eq!(first.get("a").await.unwrap(), Some(a));
}

fn roll_up(id: &str) -> Workspace {
    let period = Period {
        dang_bo: "Đảng bộ phường".into(),
        chi_bo: format!("Chi bộ {MARKER}"),
        year: 2026,
    };
    let mut w = Workspace::new(id.into(), period, "2026-12-01T00:00:00.000Z");
    w.set_roster(&format!("{MARKER} Nguyễn Văn An,02/09/1980"));
    w
}

const WORKSPACE_STORES: [&str; 3] = ["workspaces", "summaries", "meta"];

#[wasm_bindgen_test]
async fn the_chi_bo_workspaces_follow_the_lock_and_a_switch_left_half_way_is_finished_at_the_next_unlock(
) {
    let (member_db, ws_db) = ("test-lock-ws-member", "test-lock-ws");
    let member = open(member_db).await;
    let ws = ChiboStore::open_named(ws_db)
        .await
        .unwrap()
        .with_member(member.clone());
    let w = roll_up("w1");
    ws.put(&w).await.unwrap();
    assert!(raw_stores(ws_db, &WORKSPACE_STORES).await.contains(MARKER));
    // A page (a tab) that opened the workspaces before the lock went on.
    let old_member = open(member_db).await;
    let old_tab = ChiboStore::open_named(ws_db)
        .await
        .unwrap()
        .with_member(old_member.clone());

    // The drafts' switch alone, as if the browser died before the workspaces' step: this
    // database is behind, every record still readable, and a write waits for it to follow.
    turn_on(&member).await;
    assert!(ws.behind().await.unwrap(), "behind the member's lock");
    assert_eq!(ws.get("w1").await.unwrap(), Some(w.clone()));
    assert_eq!(ws.put(&roll_up("w2")).await, Err(StorageError::LockChanged));
    ws.follow_lock(false).await.unwrap();
    assert!(!ws.behind().await.unwrap());
    let dump = raw_stores(ws_db, &WORKSPACE_STORES).await;
    assert!(
        !dump.contains(MARKER),
        "plaintext left in the workspaces:\n{dump}"
    );
    assert!(
        !dump.contains("Đảng bộ phường"),
        "the summary left in the clear"
    );

    // Read and saved under the key; the old tab writes nothing, plain or not.
    assert_eq!(ws.get("w1").await.unwrap(), Some(w.clone()));
    assert_eq!(
        ws.summaries().await.unwrap()[0].period.chi_bo,
        w.period.chi_bo
    );
    let mut edited = w.clone();
    edited.set_roster(&format!("{MARKER} Trần Thị Bình,03/03/1985"));
    edited.touch("2026-12-01T00:00:05.000Z");
    ws.save(
        &edited,
        &Version {
            revision: w.revision,
            updated_at: w.updated_at.clone(),
        },
    )
    .await
    .unwrap();
    ws.set_trashed("w1", Some("2026-12-02T00:00:00.000Z".into()))
        .await
        .unwrap();
    assert_eq!(
        ws.summaries().await.unwrap()[0].deleted_at.as_deref(),
        Some("2026-12-02T00:00:00.000Z")
    );
    ws.set_trashed("w1", None).await.unwrap();
    assert_eq!(
        old_tab.put(&roll_up("w3")).await,
        Err(StorageError::LockChanged)
    );
    assert!(!raw_stores(ws_db, &WORKSPACE_STORES).await.contains(MARKER));

    // Locked again: nothing opens without the key.
    member.forget_key();
    assert_eq!(ws.get("w1").await, Err(StorageError::Locked));
    locking::unlock(&member, Secret::Passphrase(PASSPHRASE))
        .await
        .unwrap();

    // Off: the workspaces first, in the clear and ahead; then the drafts. Killed between, the
    // next unlock locks the workspaces again (they follow the drafts' lock, still on).
    ws.follow_lock(true).await.unwrap();
    assert!(raw_stores(ws_db, &WORKSPACE_STORES).await.contains(MARKER));
    assert!(ws.behind().await.unwrap());
    ws.follow_lock(false).await.unwrap();
    assert!(!raw_stores(ws_db, &WORKSPACE_STORES).await.contains(MARKER));
    // And the whole way off.
    ws.follow_lock(true).await.unwrap();
    member.switch_lock(None).await.unwrap();
    assert!(!ws.behind().await.unwrap());
    assert_eq!(ws.get("w1").await.unwrap(), Some(edited));
    assert!(raw_stores(ws_db, &WORKSPACE_STORES).await.contains(MARKER));
}
