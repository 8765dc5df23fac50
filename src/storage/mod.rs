//! The one place that reads and writes the device's storage. Nothing else in the app touches
//! IndexedDB (ARCHITECTURE.md, invariant 2).
//!
//! The database `tusoi`, version 2:
//! - `documents` (v1), key path `id`: `{id, schema_version, json, deleted_at?}`: the document as the
//!   JSON of one exported document, so what is stored is what an export would carry;
//! - `summaries` (v1), key path `id`: what the home list shows, so the list never loads a body;
//! - `exports` (v2), key path `id`: when each document was last exported, and at which revision.
//!
//! Every write is one read-write transaction, committed explicitly (`indexed_db_futures` rolls back
//! a dropped transaction). [`Store::save`] is a compare-and-set on the revision, so a tab never
//! writes over a newer version from another tab, and reads its write back to check it. When
//! IndexedDB cannot be opened the store runs from memory, and the UI says nothing will be kept.

mod memory;

use std::collections::HashSet;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
use tusoi_core::analysis::retention::{trash_expired, ExportMark};
use tusoi_core::base::messages::{t, tf, Msg};
use tusoi_core::{Document, DocumentSummary, SCHEMA_VERSION};

use memory::MemoryStore;

/// The database the app uses.
pub const DB_NAME: &str = "tusoi";
/// The version of the database layout; see the module documentation and [`upgrade`].
pub const DB_VERSION: u32 = 2;
const DOCUMENTS: &str = "documents";
const SUMMARIES: &str = "summaries";
const EXPORTS: &str = "exports";

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
            // Pretty, like the export file: one serialiser in the bundle instead of two (~3 kB of
            // brotli); the extra whitespace is nothing next to a quota.
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

/// Why a storage operation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// The browser refused the write for lack of space.
    Quota,
    /// Another tab saved a newer revision of the document; nothing was written.
    Conflict(Box<Document>),
    /// The record read back after a write differs from what was written.
    Mismatch,
    /// The database was written by a newer version of the app; it is left untouched.
    DatabaseTooNew,
    /// Anything else, with the browser's own words.
    Other(String),
}

impl StorageError {
    /// The message shown to the member.
    pub fn message(&self) -> String {
        match self {
            StorageError::Quota => t(Msg::ErrorQuota).to_owned(),
            StorageError::Conflict(_) => t(Msg::ConflictOtherTab).to_owned(),
            StorageError::Mismatch => t(Msg::ErrorMismatch).to_owned(),
            StorageError::DatabaseTooNew => t(Msg::ErrorDatabaseTooNew).to_owned(),
            StorageError::Other(detail) => tf(Msg::ErrorStorage, &[("detail", detail)]),
        }
    }

    /// Sorts a browser error: the quota has three spellings (Chromium and Safari
    /// `QuotaExceededError`, Firefox `NS_ERROR_DOM_QUOTA_REACHED`, old WebKit `QUOTA_EXCEEDED_ERR`,
    /// code 22), all containing "quota" in some case; `VersionError` means a newer database.
    pub fn from_browser_text(text: &str) -> StorageError {
        if text.to_ascii_lowercase().contains("quota") || text.contains("(22)") {
            StorageError::Quota
        } else if text.contains("VersionError") || text.contains("less than the existing version") {
            StorageError::DatabaseTooNew
        } else {
            StorageError::Other(text.to_owned())
        }
    }

    /// The `Display` of indexed_db_futures' errors carries the DOMException's name and message
    /// (`QuotaExceededError: …`). `Debug` would add nothing the checks need and pulls float
    /// formatting into the bundle.
    fn from_idb(error: impl std::fmt::Display) -> StorageError {
        StorageError::from_browser_text(&error.to_string())
    }
}

type Result<T> = std::result::Result<T, StorageError>;

enum Backend {
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
    backend: Backend,
    memory_reason: Option<MemoryReason>,
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
    Ok(())
}

impl Store {
    /// Opens the app's database, or falls back to memory when the browser will not give one.
    /// A database from a newer app is never touched: the app then runs from memory and says why.
    pub async fn open() -> Store {
        match Store::open_indexed_db(DB_NAME).await {
            Ok(store) => store,
            Err(StorageError::DatabaseTooNew) => {
                Store::memory_because(MemoryReason::DatabaseTooNew)
            }
            Err(_) => Store::memory(),
        }
    }

    /// Opens (creating or upgrading) a database by name. While another tab holds an older version
    /// open, the browser blocks the upgrade; the page is told (`tusoi-db-blocked`) so it can say
    /// which tabs to close, and the open goes on when they are closed.
    pub async fn open_indexed_db(name: &str) -> Result<Store> {
        let db = Database::open(name)
            .with_version(DB_VERSION)
            .with_on_blocked(|_| {
                crate::effects::publish_signal("tusoiDbBlocked", "tusoi-db-blocked");
                Ok(())
            })
            .with_on_upgrade_needed(|event, db| {
                // Versions are whole numbers; IndexedDB reports them as f64.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                upgrade(event.old_version() as u64, &db)
            })
            .await
            .map_err(StorageError::from_idb)?;
        // Another tab that upgrades the database must not be blocked by this one: close, and let
        // the page ask for a reload.
        if let Ok(mut changes) = db.version_changes() {
            wasm_bindgen_futures::spawn_local(async move {
                if changes.recv().await.is_some() {
                    changes.db().clone().close();
                    crate::effects::publish_signal("tusoiDbReplaced", "tusoi-db-replaced");
                }
            });
        }
        Ok(Store {
            backend: Backend::IndexedDb(db),
            memory_reason: None,
        })
    }

    /// A store that keeps documents in memory only.
    pub fn memory() -> Store {
        Store::memory_because(MemoryReason::Unavailable)
    }

    fn memory_because(reason: MemoryReason) -> Store {
        Store {
            backend: Backend::Memory(MemoryStore::default()),
            memory_reason: Some(reason),
        }
    }

    /// Whether documents survive closing the page.
    pub fn is_persistent(&self) -> bool {
        matches!(self.backend, Backend::IndexedDb(_))
    }

    /// Why the store runs from memory, if it does.
    pub fn memory_reason(&self) -> Option<MemoryReason> {
        self.memory_reason
    }

    /// Closes the connection (tests use it to prove data outlives a connection).
    pub fn close(self) {
        if let Backend::IndexedDb(db) = self.backend {
            db.close();
        }
    }

    fn db(&self) -> Option<&Database> {
        match &self.backend {
            Backend::IndexedDb(db) => Some(db),
            Backend::Memory(_) => None,
        }
    }

    /// Writes documents (new ones, copies, imports) in one transaction: all of them, or none. A
    /// document written here is live again even if it was in the trash.
    pub async fn put_all(&self, documents: &[Document]) -> Result<()> {
        let db = match &self.backend {
            Backend::Memory(m) => {
                m.put_all(documents);
                return Ok(());
            }
            Backend::IndexedDb(db) => db,
        };
        let tx = db
            .transaction([DOCUMENTS, SUMMARIES])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(StorageError::from_idb)?;
        {
            let docs = tx.object_store(DOCUMENTS).map_err(StorageError::from_idb)?;
            let sums = tx.object_store(SUMMARIES).map_err(StorageError::from_idb)?;
            for d in documents {
                let record = DocumentRecord::new(d, None)?;
                sums.put(record.summary(d))
                    .serde()
                    .map_err(StorageError::from_idb)?;
                // Requests go out when built; the commit below waits for all of them.
                docs.put(record).serde().map_err(StorageError::from_idb)?;
            }
        }
        finish(tx).await?;
        for d in documents {
            crate::sync::announce(&d.id, d.revision);
        }
        Ok(())
    }

    /// Writes one document without a revision check (creation, rename from the list).
    pub async fn put(&self, document: &Document) -> Result<()> {
        self.put_all(std::slice::from_ref(document)).await
    }

    /// Saves an edited document. `expected` is the (revision, updated_at) of the version the editor
    /// believes is stored: if the stored one is another, another tab saved meanwhile and nothing is
    /// written ([`StorageError::Conflict`] carries the stored version). Revision and time together,
    /// because two tabs starting from the same version may reach the same revision number. After
    /// the write, the record is read back and compared with what was written
    /// ([`StorageError::Mismatch`]).
    pub async fn save(&self, document: &Document, expected: (u64, &str)) -> Result<()> {
        let db = match &self.backend {
            Backend::Memory(m) => return m.save(document, expected),
            Backend::IndexedDb(db) => db,
        };
        let written = {
            let tx = db
                .transaction([DOCUMENTS, SUMMARIES])
                .with_mode(TransactionMode::Readwrite)
                .build()
                .map_err(StorageError::from_idb)?;
            let docs = tx.object_store(DOCUMENTS).map_err(StorageError::from_idb)?;
            let current: Option<DocumentRecord> = docs
                .get(document.id.as_str())
                .serde()
                .map_err(StorageError::from_idb)?
                .await
                .map_err(StorageError::from_idb)?;
            // A document in the trash keeps being saved there: edits are never lost, and it can
            // be restored.
            let deleted_at = match current {
                Some(current) => {
                    let stored = decode(&current)?;
                    if (stored.revision, stored.updated_at.as_str()) != expected {
                        return Err(StorageError::Conflict(Box::new(stored)));
                    }
                    current.deleted_at
                }
                None => None,
            };
            let record = DocumentRecord::new(document, deleted_at)?;
            let sums = tx.object_store(SUMMARIES).map_err(StorageError::from_idb)?;
            sums.put(record.summary(document))
                .serde()
                .map_err(StorageError::from_idb)?;
            docs.put(record.clone())
                .serde()
                .map_err(StorageError::from_idb)?;
            finish(tx).await?;
            record.json
        };
        crate::sync::announce(&document.id, document.revision);
        match self.record(&document.id).await? {
            Some(back) if back.json == written => Ok(()),
            _ => Err(StorageError::Mismatch),
        }
    }

    async fn record(&self, id: &str) -> Result<Option<DocumentRecord>> {
        let Some(db) = self.db() else { return Ok(None) };
        let tx = db
            .transaction(DOCUMENTS)
            .build()
            .map_err(StorageError::from_idb)?;
        let store = tx.object_store(DOCUMENTS).map_err(StorageError::from_idb)?;
        store
            .get(id)
            .serde()
            .map_err(StorageError::from_idb)?
            .await
            .map_err(StorageError::from_idb)
    }

    async fn records(&self) -> Result<Vec<DocumentRecord>> {
        let Some(db) = self.db() else {
            return Ok(Vec::new());
        };
        get_all(db, DOCUMENTS).await
    }

    /// Reads one document, live or in the trash.
    pub async fn get(&self, id: &str) -> Result<Option<Document>> {
        if let Backend::Memory(m) = &self.backend {
            return Ok(m.get(id));
        }
        self.record(id).await?.map(|r| decode(&r)).transpose()
    }

    /// Every live document, for "Xuất tất cả".
    pub async fn all(&self) -> Result<Vec<Document>> {
        if let Backend::Memory(m) = &self.backend {
            return Ok(m.all());
        }
        self.records()
            .await?
            .iter()
            .filter(|r| r.deleted_at.is_none())
            .map(decode)
            .collect()
    }

    async fn summaries(&self) -> Result<Vec<DocumentSummary>> {
        let mut list: Vec<DocumentSummary> = match &self.backend {
            Backend::Memory(m) => m.summaries(),
            Backend::IndexedDb(db) => get_all(db, SUMMARIES).await?,
        };
        tusoi_core::base::util::sort_small(&mut list, |a, b| {
            (&b.updated_at, &a.id) < (&a.updated_at, &b.id)
        });
        Ok(list)
    }

    /// The list entries of the live documents, most recently saved first.
    pub async fn list(&self) -> Result<Vec<DocumentSummary>> {
        Ok(self
            .summaries()
            .await?
            .into_iter()
            .filter(|s| s.deleted_at.is_none())
            .collect())
    }

    /// The list entries of the documents in the trash.
    pub async fn list_trash(&self) -> Result<Vec<DocumentSummary>> {
        Ok(self
            .summaries()
            .await?
            .into_iter()
            .filter(|s| s.deleted_at.is_some())
            .collect())
    }

    /// The ids of every stored document, the trash included.
    pub async fn ids(&self) -> Result<HashSet<String>> {
        Ok(self.summaries().await?.into_iter().map(|s| s.id).collect())
    }

    /// Moves a document to the trash (`Some(now)`) or back out of it (`None`).
    pub async fn set_trashed(&self, id: &str, deleted_at: Option<String>) -> Result<()> {
        let db = match &self.backend {
            Backend::Memory(m) => {
                m.set_trashed(id, deleted_at);
                return Ok(());
            }
            Backend::IndexedDb(db) => db,
        };
        let tx = db
            .transaction([DOCUMENTS, SUMMARIES])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(StorageError::from_idb)?;
        let docs = tx.object_store(DOCUMENTS).map_err(StorageError::from_idb)?;
        let current: Option<DocumentRecord> = docs
            .get(id)
            .serde()
            .map_err(StorageError::from_idb)?
            .await
            .map_err(StorageError::from_idb)?;
        let Some(mut record) = current else {
            return Ok(());
        };
        let document = decode(&record)?;
        record.deleted_at = deleted_at;
        let sums = tx.object_store(SUMMARIES).map_err(StorageError::from_idb)?;
        sums.put(record.summary(&document))
            .serde()
            .map_err(StorageError::from_idb)?;
        docs.put(record).serde().map_err(StorageError::from_idb)?;
        finish(tx).await?;
        crate::sync::announce(id, 0);
        Ok(())
    }

    /// Deletes a document for good, with its summary and export mark, in one transaction.
    pub async fn delete_forever(&self, id: &str) -> Result<()> {
        let db = match &self.backend {
            Backend::Memory(m) => {
                m.delete(id);
                return Ok(());
            }
            Backend::IndexedDb(db) => db,
        };
        let tx = db
            .transaction([DOCUMENTS, SUMMARIES, EXPORTS])
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(StorageError::from_idb)?;
        for name in [DOCUMENTS, SUMMARIES, EXPORTS] {
            let store = tx.object_store(name).map_err(StorageError::from_idb)?;
            store.delete(id).build().map_err(StorageError::from_idb)?;
        }
        finish(tx).await?;
        crate::sync::announce(id, 0);
        Ok(())
    }

    /// Deletes for good the documents whose 30 days in the trash are over; returns how many.
    pub async fn purge_trash(&self, now_ms: i64) -> Result<usize> {
        let due: Vec<String> = self
            .list_trash()
            .await?
            .into_iter()
            .filter(|s| {
                s.deleted_at
                    .as_deref()
                    .is_some_and(|d| trash_expired(d, now_ms))
            })
            .map(|s| s.id)
            .collect();
        for id in &due {
            self.delete_forever(id).await?;
        }
        Ok(due.len())
    }

    /// Records that documents were exported now, at their current revisions.
    pub async fn mark_exported(&self, documents: &[Document], now: &str) -> Result<()> {
        let marks: Vec<ExportMark> = documents
            .iter()
            .map(|d| ExportMark {
                id: d.id.clone(),
                exported_at: now.to_owned(),
                revision: d.revision,
            })
            .collect();
        let db = match &self.backend {
            Backend::Memory(m) => {
                m.mark_exported(marks);
                return Ok(());
            }
            Backend::IndexedDb(db) => db,
        };
        let tx = db
            .transaction(EXPORTS)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(StorageError::from_idb)?;
        {
            let store = tx.object_store(EXPORTS).map_err(StorageError::from_idb)?;
            for mark in marks {
                store.put(mark).serde().map_err(StorageError::from_idb)?;
            }
        }
        finish(tx).await
    }

    /// The last export of every document that was ever exported.
    pub async fn export_marks(&self) -> Result<Vec<ExportMark>> {
        let db = match &self.backend {
            Backend::Memory(m) => return Ok(m.export_marks()),
            Backend::IndexedDb(db) => db,
        };
        get_all(db, EXPORTS).await
    }
}

/// Every record of an object store, in one read-only transaction.
async fn get_all<T: serde::de::DeserializeOwned>(
    db: &Database,
    store_name: &str,
) -> Result<Vec<T>> {
    let tx = db
        .transaction(store_name)
        .build()
        .map_err(StorageError::from_idb)?;
    let store = tx
        .object_store(store_name)
        .map_err(StorageError::from_idb)?;
    store
        .get_all()
        .serde()
        .map_err(StorageError::from_idb)?
        .await
        .map_err(StorageError::from_idb)?
        .collect::<std::result::Result<_, _>>()
        .map_err(StorageError::from_idb)
}

/// Waits for a read-write transaction to finish and says why it failed. Every request has been
/// issued, so the browser commits it at once; the outcome is awaited here, never left to a drop
/// (which would roll it back). `Transaction::commit` of indexed_db_futures 0.6 reports an abort
/// without its reason, and the reason is what tells a full disk (`QuotaExceededError`, which
/// Chromium raises only when the transaction commits) from anything else.
async fn finish(tx: indexed_db_futures::transaction::Transaction<'_>) -> Result<()> {
    let done = tx.on_done().map_err(StorageError::from_idb)?;
    if done.await.is_ok() {
        return Ok(());
    }
    Err(tx.error().map_or_else(
        || StorageError::Other(t(Msg::ErrorAborted).to_owned()),
        StorageError::from_idb,
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
