//! The one place that reads and writes the device's storage. Nothing else in the app touches
//! IndexedDB (ARCHITECTURE.md, invariant 2).
//!
//! The database `tusoi`, version 3:
//! - `documents` (v1), key path `id`: `{id, schema_version, json, deleted_at?}`: the document as the
//!   JSON of one exported document, so what is stored is what an export would carry;
//! - `summaries` (v1), key path `id`: what the home list shows, so the list never loads a body;
//! - `exports` (v2), key path `id`: when each document was last exported, and at which revision;
//! - `meta` (v3), key path `id`: what is the member's rather than a document's, as `{id, json}`:
//!   the profile (`profile`, `model::profile::Profile`), later the lock's keyring (docs/lock.md).
//!
//! Every write is one read-write transaction, committed explicitly (`indexed_db_futures` rolls back
//! a dropped transaction). [`Store::save`] is a compare-and-set on the revision, so a tab never
//! writes over a newer version from another tab, and reads its write back to check it. When
//! IndexedDB cannot be opened the store runs from memory, and the UI says nothing will be kept.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
pub mod workspaces;

use std::rc::Rc;

use tusoi_core::analysis::retention::ExportMark;
use tusoi_core::base::messages::{t, tf, Msg};
use tusoi_core::model::profile::Profile;
use tusoi_core::workflow::store::MemoryStore;
pub use tusoi_core::workflow::store::{Backend, StorageError, Version};
use tusoi_core::{Document, DocumentSummary, SCHEMA_VERSION};

/// The database the app uses.
pub const DB_NAME: &str = "tusoi";
/// The version of the database layout; see the module documentation and `upgrade`.
pub const DB_VERSION: u32 = 3;
const DOCUMENTS: &str = "documents";
const SUMMARIES: &str = "summaries";
const EXPORTS: &str = "exports";
const META: &str = "meta";
/// The profile's record in [`META`].
const PROFILE: &str = "profile";

/// A record of [`META`], `{id, json}`: one thing of the member's, as JSON. Built and read by hand
/// (`Reflect`) rather than through serde's bridge, which costs a type's code in the first load.
fn meta_record(id: &str, json: &str) -> js_sys::Object {
    let record = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&record, &"id".into(), &id.into());
    let _ = js_sys::Reflect::set(&record, &"json".into(), &json.into());
    record
}

/// A stored document.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct DocumentRecord {
    id: String,
    schema_version: u32,
    json: String,
    #[serde(default)]
    deleted_at: Option<String>,
}

impl DocumentRecord {
    fn new(document: &Document, deleted_at: Option<String>) -> Result<DocumentRecord> {
        Ok(DocumentRecord {
            id: document.id.clone(),
            schema_version: SCHEMA_VERSION,
            // Pretty, like the export file: one serialiser in the bundle instead of two
            // (docs/size.md); the extra whitespace is nothing next to a quota.
            json: serde_json::to_string_pretty(document)
                .map_err(|e| StorageError::Other(e.to_string()))?,
            deleted_at,
        })
    }

    fn summary(&self, document: &Document) -> DocumentSummary {
        DocumentSummary {
            deleted_at: self.deleted_at.clone(),
            ..document.summary()
        }
    }
}

/// The `Display` of indexed_db_futures' errors carries the DOMException's name and message
/// (`QuotaExceededError: …`). `Debug` would add nothing the checks need and pulls float
/// formatting into the bundle.
pub(super) fn from_idb(error: impl std::fmt::Display) -> StorageError {
    StorageError::from_browser_text(&error.to_string())
}

type Result<T> = std::result::Result<T, StorageError>;

/// What the store tells the page, as it happens: typed, so storage knows nothing of tabs or of
/// the page's globals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreEvent {
    /// Another tab holds an older version of the database open, so the upgrade waits.
    Blocked,
    /// Another tab upgraded the database; this connection was closed and the page must reload.
    Replaced,
    /// A write committed: the document and its revision (0 for a trash move or a deletion).
    Written { id: String, revision: u64 },
    /// Documents were exported from a store that keeps nothing (the banner says when).
    ExportedFromMemory,
}

/// Where the store sends its [`StoreEvent`]s.
pub type OnStoreEvent = Rc<dyn Fn(StoreEvent)>;

enum Place {
    IndexedDb(Database),
    /// Used when IndexedDB is missing or refuses to open; lost when the page closes.
    Memory(MemoryStore),
}

/// Why the app runs from memory, for the banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemoryReason {
    Unavailable,
    DatabaseTooNew,
}

/// The app's document store.
pub struct Store {
    backend: Place,
    memory_reason: Option<MemoryReason>,
    on_event: OnStoreEvent,
    /// The profile of a store in memory.
    memory_profile: std::cell::RefCell<Option<Profile>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("persistent", &self.is_persistent())
            .finish()
    }
}

/// Creates or upgrades the layout, one version step at a time, so a database of any earlier
/// version reaches the current one. Steps only add; they never drop a store with data.
fn upgrade(old_version: u64, db: &Database) -> indexed_db_futures::Result<()> {
    if old_version < 1 {
        db.create_object_store(DOCUMENTS)
            .with_key_path("id".into())
            .build()?;
        db.create_object_store(SUMMARIES)
            .with_key_path("id".into())
            .build()?;
    }
    if old_version < 2 {
        db.create_object_store(EXPORTS)
            .with_key_path("id".into())
            .build()?;
    }
    if old_version < 3 {
        db.create_object_store(META)
            .with_key_path("id".into())
            .build()?;
    }
    Ok(())
}

impl Store {
    /// Opens the app's database, or falls back to memory when the browser will not give one.
    /// A database from a newer app is never touched: the app then runs from memory and says why.
    pub async fn open(on_event: OnStoreEvent) -> Store {
        match Store::open_with_events(DB_NAME, on_event.clone()).await {
            Ok(store) => store,
            Err(StorageError::DatabaseTooNew) => {
                Store::memory_because(MemoryReason::DatabaseTooNew, on_event)
            }
            Err(_) => Store::memory_because(MemoryReason::Unavailable, on_event),
        }
    }

    /// Opens (creating or upgrading) a database by name. While another tab holds an older version
    /// open, the browser blocks the upgrade; the page is told ([`StoreEvent::Blocked`]) so it can say
    /// which tabs to close, and the open goes on when they are closed.
    pub async fn open_indexed_db(name: &str) -> Result<Store> {
        Store::open_with_events(name, Rc::new(|_| {})).await
    }

    /// [`Store::open_indexed_db`], telling `on_event` what happens.
    pub async fn open_with_events(name: &str, on_event: OnStoreEvent) -> Result<Store> {
        let blocked = on_event.clone();
        let db = Database::open(name)
            .with_version(DB_VERSION)
            .with_on_blocked(move |_| {
                blocked(StoreEvent::Blocked);
                Ok(())
            })
            .with_on_upgrade_needed(|event, db| {
                // Versions are whole numbers; IndexedDB reports them as f64.
                upgrade(event.old_version() as u64, &db)
            })
            .await
            .map_err(from_idb)?;
        // Another tab that upgrades the database must not be blocked by this one: close, and let
        // the page ask for a reload.
        if let Ok(mut changes) = db.version_changes() {
            let replaced = on_event.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if changes.recv().await.is_some() {
                    changes.db().clone().close();
                    replaced(StoreEvent::Replaced);
                }
            });
        }
        Ok(Store {
            backend: Place::IndexedDb(db),
            memory_reason: None,
            on_event,
            memory_profile: std::cell::RefCell::default(),
        })
    }

    /// A store that keeps documents in memory only.
    pub fn memory() -> Store {
        Store::memory_because(MemoryReason::Unavailable, Rc::new(|_| {}))
    }

    fn memory_because(reason: MemoryReason, on_event: OnStoreEvent) -> Store {
        Store {
            backend: Place::Memory(MemoryStore::default()),
            memory_reason: Some(reason),
            on_event,
            memory_profile: std::cell::RefCell::default(),
        }
    }

    fn written(&self, id: &str, revision: u64) {
        (self.on_event)(StoreEvent::Written {
            id: id.to_owned(),
            revision,
        });
    }

    /// Whether documents survive closing the page.
    pub fn is_persistent(&self) -> bool {
        matches!(self.backend, Place::IndexedDb(_))
    }

    /// Why the store runs from memory, if it does.
    pub fn memory_reason(&self) -> Option<MemoryReason> {
        self.memory_reason
    }

    /// The member's profile, if one was saved (settings, "Thông tin của tôi").
    pub async fn profile(&self) -> Result<Option<Profile>> {
        let Some(db) = self.db() else {
            return Ok(self.memory_profile.borrow().clone());
        };
        let tx = db.transaction(META).build().map_err(from_idb)?;
        let store = tx.object_store(META).map_err(from_idb)?;
        let record: Option<wasm_bindgen::JsValue> = store
            .get(PROFILE)
            .primitive()
            .map_err(from_idb)?
            .await
            .map_err(from_idb)?;
        let json = record
            .and_then(|r| js_sys::Reflect::get(&r, &"json".into()).ok())
            .and_then(|j| j.as_string());
        match json {
            None => Ok(None),
            Some(json) => Profile::from_json(&json)
                .map(Some)
                .ok_or_else(|| StorageError::Other(t(Msg::ErrorProfileDamaged).to_owned())),
        }
    }

    /// Saves the member's profile, in one transaction.
    pub async fn set_profile(&self, profile: &Profile) -> Result<()> {
        let Some(db) = self.db() else {
            *self.memory_profile.borrow_mut() = Some(profile.clone());
            return Ok(());
        };
        let tx = rw(db, &[META])?;
        tx.object_store(META)
            .map_err(from_idb)?
            .put(meta_record(PROFILE, &profile.to_json()))
            .primitive()
            .map_err(from_idb)?;
        finish(tx).await
    }

    /// Closes the connection (tests use it to prove data outlives a connection).
    pub fn close(self) {
        if let Place::IndexedDb(db) = self.backend {
            db.close();
        }
    }

    fn db(&self) -> Option<&Database> {
        match &self.backend {
            Place::IndexedDb(db) => Some(db),
            Place::Memory(_) => None,
        }
    }

    async fn record(&self, id: &str) -> Result<Option<DocumentRecord>> {
        let Some(db) = self.db() else { return Ok(None) };
        let tx = db.transaction(DOCUMENTS).build().map_err(from_idb)?;
        let store = tx.object_store(DOCUMENTS).map_err(from_idb)?;
        store
            .get(id)
            .serde()
            .map_err(from_idb)?
            .await
            .map_err(from_idb)
    }

    async fn records(&self) -> Result<Vec<DocumentRecord>> {
        let Some(db) = self.db() else {
            return Ok(Vec::new());
        };
        get_all(db, DOCUMENTS).await
    }
}

/// The storage door (`tusoi_core::workflow::store::Backend`) over IndexedDB, or over memory when
/// the browser gives none. Every committed write is reported as [`StoreEvent::Written`].
impl Backend for Store {
    /// Writes documents (new ones, copies, imports) in one transaction: all of them, or none. A
    /// document written here is live again even if it was in the trash.
    async fn put_all(&self, documents: &[Document]) -> Result<()> {
        let db = match &self.backend {
            Place::Memory(m) => {
                m.put_all(documents).await?;
                return Ok(());
            }
            Place::IndexedDb(db) => db,
        };
        let tx = rw(db, &[DOCUMENTS, SUMMARIES])?;
        {
            let docs = tx.object_store(DOCUMENTS).map_err(from_idb)?;
            let sums = tx.object_store(SUMMARIES).map_err(from_idb)?;
            for d in documents {
                let record = DocumentRecord::new(d, None)?;
                sums.put(record.summary(d)).serde().map_err(from_idb)?;
                // Requests go out when built; the commit below waits for all of them.
                docs.put(record).serde().map_err(from_idb)?;
            }
        }
        finish(tx).await?;
        for d in documents {
            self.written(&d.id, d.revision);
        }
        Ok(())
    }

    /// Saves an edited document. `expected` is the (revision, updated_at) of the version the editor
    /// believes is stored: if the stored one is another, another tab saved meanwhile and nothing is
    /// written ([`StorageError::Conflict`] carries the stored version). Revision and time together,
    /// because two tabs starting from the same version may reach the same revision number. After
    /// the write, the record is read back and compared with what was written
    /// ([`StorageError::Mismatch`]).
    async fn save(&self, document: &Document, expected: &Version) -> Result<()> {
        let db = match &self.backend {
            Place::Memory(m) => return m.save(document, expected).await,
            Place::IndexedDb(db) => db,
        };
        crate::platform::timing::mark("tusoi-save-start");
        let written = {
            let tx = rw(db, &[DOCUMENTS, SUMMARIES])?;
            let docs = tx.object_store(DOCUMENTS).map_err(from_idb)?;
            let current: Option<DocumentRecord> = docs
                .get(document.id.as_str())
                .serde()
                .map_err(from_idb)?
                .await
                .map_err(from_idb)?;
            // A document in the trash keeps being saved there: edits are never lost, and it can
            // be restored.
            let deleted_at = match current {
                Some(current) => {
                    let stored = decode(&current)?;
                    if Version::of(&stored) != *expected {
                        return Err(StorageError::Conflict(Box::new(stored)));
                    }
                    current.deleted_at
                }
                None => None,
            };
            let record = DocumentRecord::new(document, deleted_at)?;
            let sums = tx.object_store(SUMMARIES).map_err(from_idb)?;
            sums.put(record.summary(document))
                .serde()
                .map_err(from_idb)?;
            docs.put(record.clone()).serde().map_err(from_idb)?;
            finish(tx).await?;
            record.json
        };
        self.written(&document.id, document.revision);
        let verified = match self.record(&document.id).await? {
            Some(back) if back.json == written => Ok(()),
            _ => Err(StorageError::Mismatch),
        };
        // Written, committed and read back: the autosave's commit time in the benchmark.
        crate::platform::timing::measure_latest("tusoi-save", "tusoi-save-start");
        verified
    }

    /// Reads one document, live or in the trash.
    async fn get(&self, id: &str) -> Result<Option<Document>> {
        if let Place::Memory(m) = &self.backend {
            return m.get(id).await;
        }
        self.record(id).await?.map(|r| decode(&r)).transpose()
    }

    /// Every live document, for "Xuất tất cả".
    async fn all(&self) -> Result<Vec<Document>> {
        if let Place::Memory(m) = &self.backend {
            return m.all().await;
        }
        self.records()
            .await?
            .iter()
            .filter(|r| r.deleted_at.is_none())
            .map(decode)
            .collect()
    }

    /// Moves a document to the trash (`Some(now)`) or back out of it (`None`).
    async fn set_trashed(&self, id: &str, deleted_at: Option<String>) -> Result<()> {
        let db = match &self.backend {
            Place::Memory(m) => {
                m.set_trashed(id, deleted_at).await?;
                self.written(id, 0);
                return Ok(());
            }
            Place::IndexedDb(db) => db,
        };
        let tx = rw(db, &[DOCUMENTS, SUMMARIES])?;
        let docs = tx.object_store(DOCUMENTS).map_err(from_idb)?;
        let current: Option<DocumentRecord> = docs
            .get(id)
            .serde()
            .map_err(from_idb)?
            .await
            .map_err(from_idb)?;
        let Some(mut record) = current else {
            return Ok(());
        };
        let document = decode(&record)?;
        record.deleted_at = deleted_at;
        let sums = tx.object_store(SUMMARIES).map_err(from_idb)?;
        sums.put(record.summary(&document))
            .serde()
            .map_err(from_idb)?;
        docs.put(record).serde().map_err(from_idb)?;
        finish(tx).await?;
        self.written(id, 0);
        Ok(())
    }

    /// Deletes a document for good, with its summary and export mark, in one transaction.
    async fn delete_forever(&self, id: &str) -> Result<()> {
        let db = match &self.backend {
            Place::Memory(m) => {
                m.delete_forever(id).await?;
                self.written(id, 0);
                return Ok(());
            }
            Place::IndexedDb(db) => db,
        };
        let tx = rw(db, &[DOCUMENTS, SUMMARIES, EXPORTS])?;
        for name in [DOCUMENTS, SUMMARIES, EXPORTS] {
            let store = tx.object_store(name).map_err(from_idb)?;
            store.delete(id).build().map_err(from_idb)?;
        }
        finish(tx).await?;
        self.written(id, 0);
        Ok(())
    }

    async fn summaries(&self) -> Result<Vec<DocumentSummary>> {
        match &self.backend {
            Place::Memory(m) => m.summaries().await,
            Place::IndexedDb(db) => get_all(db, SUMMARIES).await,
        }
    }

    async fn mark_exported(&self, marks: &[ExportMark]) -> Result<()> {
        let db = match &self.backend {
            Place::Memory(m) => {
                m.mark_exported(marks).await?;
                (self.on_event)(StoreEvent::ExportedFromMemory);
                return Ok(());
            }
            Place::IndexedDb(db) => db,
        };
        let tx = rw(db, &[EXPORTS])?;
        {
            let store = tx.object_store(EXPORTS).map_err(from_idb)?;
            for mark in marks {
                store.put(mark.clone()).serde().map_err(from_idb)?;
            }
        }
        finish(tx).await
    }

    async fn export_marks(&self) -> Result<Vec<ExportMark>> {
        match &self.backend {
            Place::Memory(m) => m.export_marks().await,
            Place::IndexedDb(db) => get_all(db, EXPORTS).await,
        }
    }
}

/// A read-write transaction over `stores`, or the browser's reason it cannot be had.
pub(super) fn rw<'a>(
    db: &'a Database,
    stores: &[&str],
) -> Result<indexed_db_futures::transaction::Transaction<'a>> {
    db.transaction(stores)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .map_err(from_idb)
}

/// Every record of an object store, in one read-only transaction.
pub(super) async fn get_all<T: serde::de::DeserializeOwned>(
    db: &Database,
    store_name: &str,
) -> Result<Vec<T>> {
    let tx = db.transaction(store_name).build().map_err(from_idb)?;
    let store = tx.object_store(store_name).map_err(from_idb)?;
    store
        .get_all()
        .serde()
        .map_err(from_idb)?
        .await
        .map_err(from_idb)?
        .collect::<std::result::Result<_, _>>()
        .map_err(from_idb)
}

/// Waits for a read-write transaction to finish and says why it failed. Every request has been
/// issued, so the browser commits it at once; the outcome is awaited here, never left to a drop
/// (which would roll it back). `Transaction::commit` of indexed_db_futures 0.6 reports an abort
/// without its reason, and the reason is what tells a full disk (`QuotaExceededError`) from
/// anything else. Chromium raises it when the transaction commits, so the transaction aborts with
/// it at once. Firefox and WebKit raise it on the `put` itself: its `error` event reaches the
/// transaction first, while `transaction.error` is still empty, and the abort that carries the
/// error follows as the next task; the reason is read after that abort (issue 14).
pub(super) async fn finish(tx: indexed_db_futures::transaction::Transaction<'_>) -> Result<()> {
    use indexed_db_futures::transaction::TransactionFinishKind;
    let done = tx.on_done().map_err(from_idb)?;
    let kind = done.await;
    if kind.is_ok() {
        return Ok(());
    }
    if kind == TransactionFinishKind::Err && tx.error().is_none() {
        if let Ok(abort) = tx.on_done() {
            abort.await;
        }
    }
    Err(tx.error().map_or_else(
        || StorageError::Other(t(Msg::ErrorAborted).to_owned()),
        from_idb,
    ))
}

fn decode(record: &DocumentRecord) -> Result<Document> {
    if record.schema_version > SCHEMA_VERSION {
        return Err(StorageError::Other(tf(
            Msg::ErrorRecordTooNew,
            &[
                ("id", &record.id),
                ("found", &record.schema_version.to_string()),
            ],
        )));
    }
    let mut value: serde_json::Value =
        serde_json::from_str(&record.json).map_err(|e| StorageError::Other(e.to_string()))?;
    tusoi_core::workflow::export::migrate_document(&mut value, record.schema_version);
    serde_json::from_value(value).map_err(|e| StorageError::Other(e.to_string()))
}
