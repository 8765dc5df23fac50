//! The one place that reads and writes the device's storage. Nothing else in the app touches
//! IndexedDB (ARCHITECTURE.md, invariant 2).
//!
//! Layout of the database `tusoi` (version 1):
//! - `documents`, key path `id`: `{id, schema_version, json}`, the document as the export JSON of
//!   one document, so what is stored is exactly what an export would carry;
//! - `summaries`, key path `id`: the few fields the home list shows, so the list never loads a
//!   document body.
//!
//! Both stores are written in one read-write transaction that is committed explicitly
//! (`indexed_db_futures` rolls back a dropped transaction). When IndexedDB cannot be opened the
//! store runs from memory, and the UI shows a red banner: nothing will be kept.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::{Deserialize, Serialize};
use tusoi_core::messages::{tf, Msg};
use tusoi_core::{Document, DocumentSummary, SCHEMA_VERSION};

/// The database the app uses.
pub const DB_NAME: &str = "tusoi";
const DB_VERSION: u32 = 1;
const DOCUMENTS: &str = "documents";
const SUMMARIES: &str = "summaries";

/// A stored document.
#[derive(Debug, Serialize, Deserialize)]
struct DocumentRecord {
    id: String,
    schema_version: u32,
    json: String,
}

/// Why a storage operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The browser refused the write for lack of space.
    Quota,
    /// Anything else, with the browser's own words for the message.
    Other(String),
}

impl StorageError {
    /// The message shown to the member.
    pub fn message(&self) -> String {
        match self {
            StorageError::Quota => tusoi_core::t(Msg::ErrorQuota).to_owned(),
            StorageError::Other(detail) => tf(Msg::ErrorStorage, &[("detail", detail)]),
        }
    }

    fn from_idb(error: impl std::fmt::Display) -> StorageError {
        let text = error.to_string();
        // Chromium and Safari say QuotaExceededError, Firefox NS_ERROR_DOM_QUOTA_REACHED, old
        // WebKit QUOTA_EXCEEDED_ERR (code 22): all of them contain "quota" in some case.
        if text.to_ascii_lowercase().contains("quota") {
            StorageError::Quota
        } else {
            StorageError::Other(text)
        }
    }
}

type Result<T> = std::result::Result<T, StorageError>;

enum Backend {
    IndexedDb(Database),
    /// Used when IndexedDB is missing or refuses to open; lost when the page closes.
    Memory(RefCell<BTreeMap<String, Document>>),
}

/// The app's document store.
pub struct Store {
    backend: Backend,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("persistent", &self.is_persistent())
            .finish()
    }
}

impl Store {
    /// Opens the app's database, or falls back to memory when the browser will not give one.
    pub async fn open() -> Store {
        match Store::open_indexed_db(DB_NAME).await {
            Ok(store) => store,
            Err(_) => Store::memory(),
        }
    }

    /// Opens (creating or upgrading) a database by name.
    pub async fn open_indexed_db(name: &str) -> Result<Store> {
        let db = Database::open(name)
            .with_version(DB_VERSION)
            .with_on_upgrade_needed(|event, db| {
                // Versions are whole numbers; IndexedDB reports them as f64.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let old = event.old_version() as u64;
                if old < 1 {
                    db.create_object_store(DOCUMENTS)
                        .with_key_path("id".into())
                        .build()?;
                    db.create_object_store(SUMMARIES)
                        .with_key_path("id".into())
                        .build()?;
                }
                Ok(())
            })
            .await
            .map_err(StorageError::from_idb)?;
        Ok(Store {
            backend: Backend::IndexedDb(db),
        })
    }

    /// A store that keeps documents in memory only.
    pub fn memory() -> Store {
        Store {
            backend: Backend::Memory(RefCell::new(BTreeMap::new())),
        }
    }

    /// Whether documents survive closing the page.
    pub fn is_persistent(&self) -> bool {
        matches!(self.backend, Backend::IndexedDb(_))
    }

    /// Closes the connection (tests use it to prove data outlives a connection).
    pub fn close(self) {
        if let Backend::IndexedDb(db) = self.backend {
            db.close();
        }
    }

    /// Writes one document and its summary.
    pub async fn put(&self, document: &Document) -> Result<()> {
        self.put_all(std::slice::from_ref(document)).await
    }

    /// Writes several documents in one transaction: all of them are stored, or none.
    pub async fn put_all(&self, documents: &[Document]) -> Result<()> {
        match &self.backend {
            Backend::Memory(map) => {
                let mut map = map.borrow_mut();
                for d in documents {
                    map.insert(d.id.clone(), d.clone());
                }
                Ok(())
            }
            Backend::IndexedDb(db) => {
                let tx = db
                    .transaction([DOCUMENTS, SUMMARIES])
                    .with_mode(TransactionMode::Readwrite)
                    .build()
                    .map_err(StorageError::from_idb)?;
                {
                    let docs = tx.object_store(DOCUMENTS).map_err(StorageError::from_idb)?;
                    let sums = tx.object_store(SUMMARIES).map_err(StorageError::from_idb)?;
                    for d in documents {
                        let record = DocumentRecord {
                            id: d.id.clone(),
                            schema_version: SCHEMA_VERSION,
                            json: serde_json::to_string(d)
                                .map_err(|e| StorageError::Other(e.to_string()))?,
                        };
                        // Requests go out when built; the commit below waits for all of them.
                        docs.put(record).serde().map_err(StorageError::from_idb)?;
                        sums.put(d.summary())
                            .serde()
                            .map_err(StorageError::from_idb)?;
                    }
                }
                tx.commit().await.map_err(StorageError::from_idb)
            }
        }
    }

    /// Reads one document.
    pub async fn get(&self, id: &str) -> Result<Option<Document>> {
        match &self.backend {
            Backend::Memory(map) => Ok(map.borrow().get(id).cloned()),
            Backend::IndexedDb(db) => {
                let tx = db
                    .transaction(DOCUMENTS)
                    .build()
                    .map_err(StorageError::from_idb)?;
                let store = tx.object_store(DOCUMENTS).map_err(StorageError::from_idb)?;
                let record: Option<DocumentRecord> = store
                    .get(id)
                    .serde()
                    .map_err(StorageError::from_idb)?
                    .await
                    .map_err(StorageError::from_idb)?;
                record.map(|r| decode(&r)).transpose()
            }
        }
    }

    /// Reads every document, for "Xuất tất cả".
    pub async fn all(&self) -> Result<Vec<Document>> {
        match &self.backend {
            Backend::Memory(map) => Ok(map.borrow().values().cloned().collect()),
            Backend::IndexedDb(db) => {
                let tx = db
                    .transaction(DOCUMENTS)
                    .build()
                    .map_err(StorageError::from_idb)?;
                let store = tx.object_store(DOCUMENTS).map_err(StorageError::from_idb)?;
                let records: Vec<DocumentRecord> = store
                    .get_all()
                    .serde()
                    .map_err(StorageError::from_idb)?
                    .await
                    .map_err(StorageError::from_idb)?
                    .collect::<std::result::Result<_, _>>()
                    .map_err(StorageError::from_idb)?;
                records.iter().map(decode).collect()
            }
        }
    }

    /// The list entries of every document, most recently saved first.
    pub async fn list(&self) -> Result<Vec<DocumentSummary>> {
        let mut list: Vec<DocumentSummary> = match &self.backend {
            Backend::Memory(map) => map.borrow().values().map(Document::summary).collect(),
            Backend::IndexedDb(db) => {
                let tx = db
                    .transaction(SUMMARIES)
                    .build()
                    .map_err(StorageError::from_idb)?;
                let store = tx.object_store(SUMMARIES).map_err(StorageError::from_idb)?;
                store
                    .get_all()
                    .serde()
                    .map_err(StorageError::from_idb)?
                    .await
                    .map_err(StorageError::from_idb)?
                    .collect::<std::result::Result<_, _>>()
                    .map_err(StorageError::from_idb)?
            }
        };
        list.sort_by(|a, b| {
            b.updated_at
                .cmp(&a.updated_at)
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(list)
    }

    /// The ids of every stored document.
    pub async fn ids(&self) -> Result<HashSet<String>> {
        Ok(self.list().await?.into_iter().map(|s| s.id).collect())
    }

    /// Deletes a document and its summary in one transaction.
    pub async fn delete(&self, id: &str) -> Result<()> {
        match &self.backend {
            Backend::Memory(map) => {
                map.borrow_mut().remove(id);
                Ok(())
            }
            Backend::IndexedDb(db) => {
                let tx = db
                    .transaction([DOCUMENTS, SUMMARIES])
                    .with_mode(TransactionMode::Readwrite)
                    .build()
                    .map_err(StorageError::from_idb)?;
                for name in [DOCUMENTS, SUMMARIES] {
                    let store = tx.object_store(name).map_err(StorageError::from_idb)?;
                    store.delete(id).build().map_err(StorageError::from_idb)?;
                }
                tx.commit().await.map_err(StorageError::from_idb)
            }
        }
    }
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
    serde_json::from_str(&record.json).map_err(|e| StorageError::Other(e.to_string()))
}
