//! The one place that reads and writes the device's storage. Nothing else in the app touches
//! IndexedDB (ARCHITECTURE.md, invariant 2).
//!
//! The database `tusoi`, version 3:
//! - `documents` (v1), key path `id`: `{id, schema_version, json, deleted_at?}`: the document as the
//!   JSON of one exported document, so what is stored is what an export would carry;
//! - `summaries` (v1), key path `id`: what the home list shows, so the list never loads a body;
//! - `exports` (v2), key path `id`: when each document was last exported, and at which revision;
//! - `meta` (v3), key path `id`: what is the member's rather than a document's, as `{id, json}`:
//!   the profile (`profile`, `model::profile::Profile`), the committees' own templates (`forms`,
//!   `forms::custom`) and the lock's generation and keyring
//!   (`keyring`, `locked.rs`).
//!
//! With the lock on (docs/lock.md), the documents' JSON, the summaries, the export marks and the
//! profile are stored as ciphertext (`locked.rs`); every write first checks, in its transaction,
//! that nobody switched the lock since this page opened the store.
//!
//! Every write is one read-write transaction, committed explicitly (`indexed_db_futures` rolls back
//! a dropped transaction). [`Store::save`] is a compare-and-set on the revision, so a tab never
//! writes over a newer version from another tab, and reads its write back to check it. When
//! IndexedDB cannot be opened the store runs from memory, and the UI says nothing will be kept.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
mod locked;
mod versioned;
pub mod chibo;
pub use locked::{Cipher, LockStatus, WEBCRYPTO};
use locked::{ExportRow, LockState, SummaryRow};

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
/// The committees' own templates kept on the device, in [`META`]: a JSON list of template files
/// (`forms::custom`), each checked again when the page reads it.
const FORMS: &str = "forms";
/// The records of [`META`] that are the member's data, sealed with the lock like documents.
const MEMBER_META: [&str; 2] = [PROFILE, FORMS];

/// A record of [`META`], `{id, json}`: one thing of the member's, as JSON. Built and read by hand
/// (`Reflect`) rather than through serde's bridge, which costs a type's code in the first load.
fn meta_record(id: &str, json: &str) -> js_sys::Object {
    let record = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&record, &"id".into(), &id.into());
    let _ = js_sys::Reflect::set(&record, &"json".into(), &json.into());
    record
}

/// A stored document. `json` is the document's JSON, or with the lock on its ciphertext; the
/// revision and save time are kept beside it so a save can compare versions inside its
/// transaction, where nothing can be decrypted (records written before them have none).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct DocumentRecord {
    id: String,
    schema_version: u32,
    json: String,
    #[serde(default)]
    deleted_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    revision: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    updated_at: Option<String>,
}

impl DocumentRecord {
    /// The version stored, when the record says it without being decoded.
    fn version(&self) -> Option<Version> {
        Some(Version {
            revision: self.revision?,
            updated_at: self.updated_at.clone()?,
        })
    }
}

impl versioned::StoredRecord for DocumentRecord {
    fn json(&self) -> &str {
        &self.json
    }

    fn stored_version(&self) -> Option<Version> {
        self.version()
    }

    fn deleted_at(&self) -> Option<String> {
        self.deleted_at.clone()
    }

    fn set_deleted_at(&mut self, deleted_at: Option<String>) {
        self.deleted_at = deleted_at;
    }
}

/// What one document is stored as: its record and its list entry, and the plain JSON that was
/// sealed into the record (for the read-back).
struct Prepared {
    record: DocumentRecord,
    summary: SummaryRow,
    plain: String,
}

/// The `Display` of indexed_db_futures' errors carries the DOMException's name and message
/// (`QuotaExceededError: …`). `Debug` would add nothing the checks need and pulls float
/// formatting into the bundle.
pub(super) fn from_idb<R>(error: impl std::fmt::Display) -> StorageError<R> {
    StorageError::from_browser_text(&error.to_string())
}

/// What a step shared by the stores of every kind of record gives (`R`: the kind the caller
/// keeps, for the conflict only a save of it can give).
pub(super) type Step<T, R> = std::result::Result<T, StorageError<R>>;

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
    /// Another tab turned the lock on or off: this page must be reloaded.
    LockChanged,
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
    memory_forms: std::cell::RefCell<Option<String>>,
    /// The lock at rest, as this page knows it (`locked.rs`).
    lock: std::cell::RefCell<LockState>,
    /// Writes under way, so locking waits for them before it drops the key.
    writing: Rc<locked::Writes>,
    /// How locked fields are encrypted, where this page can unlock ([`Store::with_cipher`]).
    cipher: Option<&'static Cipher>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("persistent", &self.is_persistent())
            .finish()
    }
}

/// Opens database `name` at `version`, for every store of records alike: `upgrade(old_version,
/// db)` creates or upgrades its layout. While another tab holds an older version open, the
/// browser blocks the upgrade; `on_event` hears [`StoreEvent::Blocked`] (so the page can say which
/// tabs to close) and the open goes on when they are closed. A database of a newer version is
/// refused, untouched ([`StorageError::DatabaseTooNew`]). Once open, another tab's upgrade is not
/// blocked by this one: the connection closes and `on_event` hears [`StoreEvent::Replaced`].
pub(super) async fn open_database<R>(
    name: &str,
    version: u32,
    upgrade: fn(u64, &Database) -> indexed_db_futures::Result<()>,
    on_event: &OnStoreEvent,
) -> Step<Database, R> {
    let blocked = on_event.clone();
    let db = Database::open(name)
        .with_version(version)
        .with_on_blocked(move |_| {
            blocked(StoreEvent::Blocked);
            Ok(())
        })
        .with_on_upgrade_needed(move |event, db| {
            // Versions are whole numbers; IndexedDB reports them as f64.
            upgrade(event.old_version() as u64, &db)
        })
        .await
        .map_err(from_idb)?;
    if let Ok(mut changes) = db.version_changes() {
        let replaced = on_event.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if changes.recv().await.is_some() {
                changes.db().clone().close();
                replaced(StoreEvent::Replaced);
            }
        });
    }
    Ok(db)
}

/// Creates or upgrades the layout, one version step at a time, so a database of any earlier
/// version reaches the current one. Steps only add; they never drop a store with data.
fn upgrade(old_version: u64, db: &Database) -> indexed_db_futures::Result<()> {
    if old_version < 1 {
        add_stores(db, &[DOCUMENTS, SUMMARIES])?;
    }
    if old_version < 2 {
        add_stores(db, &[EXPORTS])?;
    }
    if old_version < 3 {
        add_stores(db, &[META])?;
    }
    Ok(())
}

/// An upgrade's step: object stores of records keyed by their `id`.
pub(super) fn add_stores(db: &Database, names: &[&str]) -> indexed_db_futures::Result<()> {
    for name in names {
        db.create_object_store(*name)
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
        Ok(Store::open_with_events(name, Rc::new(|_| {}))
            .await?
            .with_cipher(&WEBCRYPTO))
    }

    /// [`Store::open_indexed_db`], telling `on_event` what happens.
    pub async fn open_with_events(name: &str, on_event: OnStoreEvent) -> Result<Store> {
        let db = open_database(name, DB_VERSION, upgrade, &on_event).await?;
        let lock = {
            let tx = db.transaction(META).build().map_err(from_idb)?;
            let record: Option<wasm_bindgen::JsValue> = tx
                .object_store(META)
                .map_err(from_idb)?
                .get(locked::KEYRING)
                .primitive()
                .map_err(from_idb)?
                .await
                .map_err(from_idb)?;
            LockState::from_record(record)
        };
        Ok(Store {
            backend: Place::IndexedDb(db),
            memory_reason: None,
            on_event,
            memory_profile: std::cell::RefCell::default(),
            memory_forms: std::cell::RefCell::default(),
            lock: std::cell::RefCell::new(lock),
            writing: Rc::default(),
            cipher: None,
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
            memory_forms: std::cell::RefCell::default(),
            lock: std::cell::RefCell::default(),
            writing: Rc::default(),
            cipher: None,
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
        let Some(json) = self.read_meta(db, PROFILE).await? else {
            return Ok(None);
        };
        Profile::from_json(&json)
            .map(Some)
            .ok_or_else(|| StorageError::Other(t(Msg::ErrorProfileDamaged).to_owned()))
    }

    /// Saves the member's profile, in one transaction.
    pub async fn set_profile(&self, profile: &Profile) -> Result<()> {
        let Some(db) = self.db() else {
            *self.memory_profile.borrow_mut() = Some(profile.clone());
            return Ok(());
        };
        self.write_meta(db, PROFILE, profile.to_json()).await
    }

    /// The committees' own template files kept on the device (settings, "Mẫu riêng của đảng
    /// bộ"), as JSON values in the order they were added; each is checked when the page reads it.
    pub async fn forms(&self) -> Result<Vec<serde_json::Value>> {
        let json = match self.db() {
            Some(db) => self.read_meta(db, FORMS).await?,
            None => self.memory_forms.borrow().clone(),
        };
        match json {
            None => Ok(Vec::new()),
            Some(json) => serde_json::from_str(&json).map_err(|_| {
                StorageError::Other(
                    tusoi_core::forms::custom::ft(tusoi_core::forms::custom::FormMsg::FormsDamaged)
                        .to_owned(),
                )
            }),
        }
    }

    /// Replaces the committees' template files kept on the device, in one transaction.
    pub async fn set_forms(&self, forms: &[serde_json::Value]) -> Result<()> {
        let json = serde_json::to_string(forms).unwrap_or_default();
        let Some(db) = self.db() else {
            *self.memory_forms.borrow_mut() = Some(json);
            return Ok(());
        };
        self.write_meta(db, FORMS, json).await
    }

    /// A record of [`META`] that is the member's, opened with the lock's key.
    async fn read_meta(&self, db: &Database, key: &str) -> Result<Option<String>> {
        let tx = db.transaction(META).build().map_err(from_idb)?;
        let store = tx.object_store(META).map_err(from_idb)?;
        let record: Option<wasm_bindgen::JsValue> = store
            .get(key)
            .primitive()
            .map_err(from_idb)?
            .await
            .map_err(from_idb)?;
        let json = record
            .and_then(|r| js_sys::Reflect::get(&r, &"json".into()).ok())
            .and_then(|j| j.as_string());
        match json {
            Some(json) => self.unseal(META, key, json).await.map(Some),
            None => Ok(None),
        }
    }

    /// Writes a record of [`META`] that is the member's, sealed with the lock's key.
    async fn write_meta(&self, db: &Database, key: &str, plain: String) -> Result<()> {
        let _writing = self.writing();
        let json = self.seal(META, key, plain).await?;
        let tx = rw(db, &[META])?;
        self.check_lock(&tx).await?;
        tx.object_store(META)
            .map_err(from_idb)?
            .put(meta_record(key, &json))
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

    /// The records of the documents out of the trash.
    async fn live_records(&self) -> Result<Vec<DocumentRecord>> {
        let mut records = self.records().await?;
        records.retain(|r| r.deleted_at.is_none());
        Ok(records)
    }

    /// Documents as this store keeps them, prepared before the transaction that writes them: the
    /// encryption, when the lock is on, cannot be awaited inside one.
    async fn prepare(&self, documents: &[Document]) -> Result<Vec<Prepared>> {
        let sealing = self.sealing()?;
        let mut prepared = Vec::with_capacity(documents.len());
        for document in documents {
            // Pretty, like the export file: one serialiser in the bundle instead of two
            // (docs/size.md); the extra whitespace is nothing next to a quota.
            let plain = serde_json::to_string_pretty(document)
                .map_err(|e| StorageError::Other(e.to_string()))?;
            prepared.push(Prepared {
                record: DocumentRecord {
                    id: document.id.clone(),
                    schema_version: SCHEMA_VERSION,
                    json: plain.clone(),
                    deleted_at: None,
                    revision: Some(document.revision),
                    updated_at: Some(document.updated_at.clone()),
                },
                summary: locked::SummaryRow::plain(document.summary()),
                plain,
            });
        }
        match sealing {
            None => Ok(prepared),
            Some((key, cipher)) => (cipher.lock)(&key, prepared).await,
        }
    }

    /// The document a stored record holds.
    async fn decode(&self, record: &DocumentRecord) -> Result<Document> {
        serde_json::from_value(self.migrated(record).await?)
            .map_err(|e| StorageError::Other(e.to_string()))
    }

    /// The JSON of the document a stored record holds, at this version.
    async fn migrated(&self, record: &DocumentRecord) -> Result<serde_json::Value> {
        let json = self
            .unseal(DOCUMENTS, &record.id, record.json.clone())
            .await?;
        migrated(record, &json)
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
        let _writing = self.writing();
        let prepared = self.prepare(documents).await?;
        let tx = rw(db, &[DOCUMENTS, SUMMARIES, META])?;
        self.check_lock(&tx).await?;
        {
            let docs = tx.object_store(DOCUMENTS).map_err(from_idb)?;
            let sums = tx.object_store(SUMMARIES).map_err(from_idb)?;
            for p in &prepared {
                sums.put(&p.summary).serde().map_err(from_idb)?;
                // Requests go out when built; the commit below waits for all of them.
                docs.put(&p.record).serde().map_err(from_idb)?;
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
        let _writing = self.writing();
        crate::platform::timing::mark("tusoi-save-start");
        let Some(Prepared {
            mut record,
            mut summary,
            plain,
        }) = self.prepare(std::slice::from_ref(document)).await?.pop()
        else {
            return Ok(());
        };
        {
            let tx = rw(db, &[DOCUMENTS, SUMMARIES, META])?;
            self.check_lock(&tx).await?;
            let sums = tx.object_store(SUMMARIES).map_err(from_idb)?;
            let conflict = versioned::compare_and_put(
                &tx,
                DOCUMENTS,
                &document.id,
                expected,
                &mut record,
                // Written before records kept their version: plain, decoded here.
                |current| Ok(Version::of(&decode(current, &current.json)?)),
                |deleted_at| {
                    summary.deleted_at = deleted_at;
                    sums.put(&summary).serde().map(drop).map_err(from_idb)
                },
            )
            .await?;
            if let Some(current) = conflict {
                // Nothing written; the transaction ends here, and the stored version is
                // decoded after it.
                drop(sums);
                drop(tx);
                let stored = self.decode(&current).await?;
                return Err(StorageError::Conflict(Box::new(stored)));
            }
            finish(tx).await?;
        }
        self.written(&document.id, document.revision);
        // Read back as stored, then, locked, decrypted: both must be what was written.
        let back = self.record(&document.id).await?;
        let verified = versioned::check_read_back(back, &record, &plain, async |json| {
            self.unseal(DOCUMENTS, &document.id, json).await
        })
        .await;
        // Written, committed and read back: the autosave's commit time in the benchmark.
        crate::platform::timing::measure_latest("tusoi-save", "tusoi-save-start");
        verified
    }

    /// Reads one document, live or in the trash.
    async fn get(&self, id: &str) -> Result<Option<Document>> {
        if let Place::Memory(m) = &self.backend {
            return m.get(id).await;
        }
        match self.record(id).await? {
            Some(record) => self.decode(&record).await.map(Some),
            None => Ok(None),
        }
    }

    /// Every live document, for "Xuất tất cả".
    async fn all(&self) -> Result<Vec<Document>> {
        if let Place::Memory(m) = &self.backend {
            return m.all().await;
        }
        let mut all = Vec::new();
        for record in self.live_records().await? {
            all.push(self.decode(&record).await?);
        }
        Ok(all)
    }

    async fn get_json(&self, id: &str) -> Result<Option<serde_json::Value>> {
        if let Place::Memory(m) = &self.backend {
            return m.get_json(id).await;
        }
        match self.record(id).await? {
            Some(record) => self.migrated(&record).await.map(Some),
            None => Ok(None),
        }
    }

    async fn all_json(&self) -> Result<Vec<serde_json::Value>> {
        if let Place::Memory(m) = &self.backend {
            return m.all_json().await;
        }
        let mut all = Vec::new();
        for record in self.live_records().await? {
            all.push(self.migrated(&record).await?);
        }
        Ok(all)
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
        let tx = rw(db, &[DOCUMENTS, SUMMARIES, META])?;
        self.check_lock(&tx).await?;
        set_trash_date(&tx, &[DOCUMENTS, SUMMARIES], id, deleted_at).await?;
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
        let tx = rw(db, &[DOCUMENTS, SUMMARIES, EXPORTS, META])?;
        self.check_lock(&tx).await?;
        delete_in(&tx, &[DOCUMENTS, SUMMARIES, EXPORTS], id)?;
        finish(tx).await?;
        self.written(id, 0);
        Ok(())
    }

    async fn summaries(&self) -> Result<Vec<DocumentSummary>> {
        let db = match &self.backend {
            Place::Memory(m) => return m.summaries().await,
            Place::IndexedDb(db) => db,
        };
        let rows: Vec<SummaryRow> = get_all(db, SUMMARIES).await?;
        self.summaries_of(rows).await
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
        let _writing = self.writing();
        let rows = self.export_rows(marks).await?;
        let tx = rw(db, &[EXPORTS, META])?;
        self.check_lock(&tx).await?;
        {
            let store = tx.object_store(EXPORTS).map_err(from_idb)?;
            for row in &rows {
                store.put(row).serde().map_err(from_idb)?;
            }
        }
        finish(tx).await
    }

    async fn export_marks(&self) -> Result<Vec<ExportMark>> {
        let db = match &self.backend {
            Place::Memory(m) => return m.export_marks().await,
            Place::IndexedDb(db) => db,
        };
        let rows: Vec<ExportRow> = get_all(db, EXPORTS).await?;
        self.exports_of(rows).await
    }
}

/// A read-write transaction over `stores`, or the browser's reason it cannot be had.
pub(super) fn rw<'a, R>(
    db: &'a Database,
    stores: &[&str],
) -> Step<indexed_db_futures::transaction::Transaction<'a>, R> {
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
    get_all_in(&tx, store_name).await
}

/// Every record of an object store, in a transaction already open.
pub(super) async fn get_all_in<T: serde::de::DeserializeOwned, R>(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
    store_name: &str,
) -> Step<Vec<T>, R> {
    tx.object_store(store_name)
        .map_err(from_idb)?
        .get_all()
        .serde()
        .map_err(from_idb)?
        .await
        .map_err(from_idb)?
        .collect::<std::result::Result<_, _>>()
        .map_err(from_idb)
}

/// Sets the trash date of one record in each of `stores`, as the browser holds the records: the
/// field is in the clear whether the rest is locked or not (`locked.rs`), so nothing is decoded.
/// A record missing from a store leaves the others unchanged.
pub(super) async fn set_trash_date<R>(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
    stores: &[&str],
    id: &str,
    deleted_at: Option<String>,
) -> Step<(), R> {
    let date = deleted_at.map_or(wasm_bindgen::JsValue::NULL, |d| d.into());
    for name in stores {
        let store = tx.object_store(name).map_err(from_idb)?;
        let record: Option<wasm_bindgen::JsValue> = store
            .get(id)
            .primitive()
            .map_err(from_idb)?
            .await
            .map_err(from_idb)?;
        let Some(record) = record else {
            return Ok(());
        };
        js_sys::Reflect::set(&record, &"deleted_at".into(), &date)
            .map_err(|_| StorageError::Other(t(Msg::ErrorAborted).to_owned()))?;
        store.put(record).primitive().map_err(from_idb)?;
    }
    Ok(())
}

/// Deletes one record from each of `stores` (a record and its list entry, and for a document its
/// export mark), in a transaction the caller finishes.
pub(super) fn delete_in<R>(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
    stores: &[&str],
    id: &str,
) -> Step<(), R> {
    for name in stores {
        tx.object_store(name)
            .map_err(from_idb)?
            .delete(id)
            .build()
            .map_err(from_idb)?;
    }
    Ok(())
}

/// Waits for a read-write transaction to finish and says why it failed. Every request has been
/// issued, so the browser commits it at once; the outcome is awaited here, never left to a drop
/// (which would roll it back). `Transaction::commit` of indexed_db_futures 0.6 reports an abort
/// without its reason, and the reason is what tells a full disk (`QuotaExceededError`) from
/// anything else. Chromium raises it when the transaction commits, so the transaction aborts with
/// it at once. Firefox and WebKit raise it on the `put` itself: its `error` event reaches the
/// transaction first, while `transaction.error` is still empty, and the abort that carries the
/// error follows as the next task; the reason is read after that abort (issue 14).
pub(super) async fn finish<R>(tx: indexed_db_futures::transaction::Transaction<'_>) -> Step<(), R> {
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

/// The document of a record whose JSON (decrypted, if it was locked) is `json`.
fn decode(record: &DocumentRecord, json: &str) -> Result<Document> {
    serde_json::from_value(migrated(record, json)?).map_err(|e| StorageError::Other(e.to_string()))
}

/// The JSON of a record whose text (decrypted, if it was locked) is `json`, at this version: what
/// the home page exports without reading it into its type (`Backend::get_json`).
fn migrated(record: &DocumentRecord, json: &str) -> Result<serde_json::Value> {
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
        serde_json::from_str(json).map_err(|e| StorageError::Other(e.to_string()))?;
    tusoi_core::workflow::export::migrate_document(&mut value, record.schema_version);
    Ok(value)
}
