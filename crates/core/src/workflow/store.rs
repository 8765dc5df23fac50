//! The one door to the device's storage, as a trait: what the app asks of a place that keeps
//! documents, whatever that place is. The web shell implements it over IndexedDB
//! (`src/storage/mod.rs` of the shell); [`MemoryStore`] implements it in memory, for a browser that gives no
//! storage and for the native tests of the editor's session. Both pass the one acceptance suite in
//! `workflow::contract`, natively for memory and in Chromium for IndexedDB, in the manner of
//! automerge-repo's `runStorageAdapterTests`.
//!
//! A save is a compare-and-set on the [`Version`] the editor believes is stored, so a tab never
//! writes over a newer version from another tab. This module knows nothing of the browser, of
//! tabs or of the page: it keeps documents, their trash marks and their export marks.

use std::cell::RefCell;
use std::collections::HashSet;

use crate::analysis::retention::{trash_expired, ExportMark};
use crate::base::messages::{t, tf, Msg};
use crate::base::util::sort_small;
use crate::model::document::{Document, DocumentSummary};
use crate::workflow::export::Exportable;

/// Which stored version a working copy descends from: its revision and save time. Both, because
/// two tabs starting from the same version may reach the same revision number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Version {
    pub revision: u64,
    pub updated_at: String,
}

impl Version {
    /// The version a document is.
    pub fn of(document: &Document) -> Version {
        document.version()
    }
}

/// A record kept with a compare-and-set on its [`Version`]: a member's document, a chi bộ's
/// roll-up (`chibo::workspace`). What the stores do with one (save only over the version the
/// writer descends from, read back, trash, delete) is the same whatever the record, and the
/// records' half of the contract (`workflow::contract::records`) holds every store of them to it.
pub trait Versioned: Clone + PartialEq + std::fmt::Debug {
    fn id(&self) -> &str;
    fn version(&self) -> Version;
    /// What the person is told when another tab saved the record first.
    fn conflict_message() -> String;
}

impl Versioned for Document {
    fn id(&self) -> &str {
        &self.id
    }

    fn version(&self) -> Version {
        Version {
            revision: self.revision,
            updated_at: self.updated_at.clone(),
        }
    }

    fn conflict_message() -> String {
        t(Msg::ConflictOtherTab).to_owned()
    }
}

/// Why a storage operation failed; `R` is the kind of record a conflict carries.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageError<R = Document> {
    /// The browser refused the write for lack of space.
    Quota,
    /// Another tab saved a newer revision of the record; nothing was written. It carries the
    /// stored version.
    Conflict(Box<R>),
    /// The record read back after a write differs from what was written.
    Mismatch,
    /// The database was written by a newer version of the app; it is left untouched.
    DatabaseTooNew,
    /// The drafts are locked at rest and this page holds no key (docs/lock.md): unlock first.
    Locked,
    /// Another tab turned the lock on or off since this page opened the store; nothing was
    /// written, and the page must be reloaded.
    LockChanged,
    /// A locked record whose tag does not verify (changed bytes, or a record moved to another
    /// place): named by its id, and the others still open.
    Damaged(String),
    /// Anything else, with the browser's own words.
    Other(String),
}

impl<R: Versioned> StorageError<R> {
    /// The message shown to the member.
    pub fn message(&self) -> String {
        match self {
            StorageError::Quota => t(Msg::ErrorQuota).to_owned(),
            StorageError::Conflict(_) => R::conflict_message(),
            StorageError::Mismatch => t(Msg::ErrorMismatch).to_owned(),
            StorageError::DatabaseTooNew => t(Msg::ErrorDatabaseTooNew).to_owned(),
            StorageError::Locked => t(Msg::ErrorLocked).to_owned(),
            StorageError::LockChanged => t(Msg::ErrorLockChanged).to_owned(),
            StorageError::Damaged(id) => tf(Msg::ErrorRecordDamaged, &[("id", id)]),
            StorageError::Other(detail) => tf(Msg::ErrorStorage, &[("detail", detail)]),
        }
    }
}

impl<R> StorageError<R> {
    /// The same failure of a step that writes no record of `R`'s kind (opening, a transaction,
    /// the cipher): every failure but a conflict, which only a save of an `R` gives.
    pub fn recast<S>(self) -> StorageError<S> {
        match self {
            StorageError::Quota => StorageError::Quota,
            StorageError::Conflict(_) => StorageError::Other("conflict".into()),
            StorageError::Mismatch => StorageError::Mismatch,
            StorageError::DatabaseTooNew => StorageError::DatabaseTooNew,
            StorageError::Locked => StorageError::Locked,
            StorageError::LockChanged => StorageError::LockChanged,
            StorageError::Damaged(id) => StorageError::Damaged(id),
            StorageError::Other(detail) => StorageError::Other(detail),
        }
    }

    /// Sorts a browser error: the quota has three spellings (Chromium and Safari
    /// `QuotaExceededError`, Firefox `NS_ERROR_DOM_QUOTA_REACHED`, old WebKit `QUOTA_EXCEEDED_ERR`,
    /// code 22), all containing "quota" in some case; `VersionError` means a newer database.
    pub fn from_browser_text(text: &str) -> StorageError<R> {
        if text.to_ascii_lowercase().contains("quota") || text.contains("(22)") {
            StorageError::Quota
        } else if text.contains("VersionError") || text.contains("less than the existing version") {
            StorageError::DatabaseTooNew
        } else {
            StorageError::Other(text.to_owned())
        }
    }
}

pub type Result<T> = std::result::Result<T, StorageError>;

/// A document as the JSON a store keeps of it, through the text as a stored record is read.
fn as_json(document: &Document) -> Result<serde_json::Value> {
    serde_json::to_string_pretty(document)
        .and_then(|text| serde_json::from_str(&text))
        .map_err(|e| StorageError::Other(e.to_string()))
}

/// A place that keeps documents. The nine operations are what a backend must do; the rest are
/// built on them once, here, so every backend behaves alike.
///
/// The futures are not `Send`: IndexedDB lives on the page's one thread, and the app never
/// moves a store between threads.
#[allow(async_fn_in_trait)]
pub trait Backend {
    /// Writes documents (new ones, copies, imports): all of them, or none. A document written here
    /// is live again even if it was in the trash.
    async fn put_all(&self, documents: &[Document]) -> Result<()>;
    /// Saves an edited document if the stored one is `expected`; otherwise writes nothing and
    /// returns [`StorageError::Conflict`] with the stored version. A document in the trash stays
    /// there: edits are never lost, and it can be restored.
    async fn save(&self, document: &Document, expected: &Version) -> Result<()>;
    /// One document, live or in the trash.
    async fn get(&self, id: &str) -> Result<Option<Document>>;
    /// Every live document.
    async fn all(&self) -> Result<Vec<Document>>;
    /// The list entry of every document, the trash included, in any order.
    async fn summaries(&self) -> Result<Vec<DocumentSummary>>;
    /// Moves a document to the trash (`Some(when)`) or back out of it (`None`).
    async fn set_trashed(&self, id: &str, deleted_at: Option<String>) -> Result<()>;
    /// Deletes a document for good, with its summary and export mark.
    async fn delete_forever(&self, id: &str) -> Result<()>;
    /// Records export marks, replacing earlier ones of the same documents.
    async fn mark_exported(&self, marks: &[ExportMark]) -> Result<()>;
    /// The last export of every document that was ever exported.
    async fn export_marks(&self) -> Result<Vec<ExportMark>>;

    /// One document, live or in the trash, as the JSON of this version
    /// ([`SCHEMA_VERSION`](crate::workflow::export::SCHEMA_VERSION): an older record is migrated)
    /// without reading it into its type. The home page exports with it: reading a body into its
    /// type is the largest part of the first load it does not need (docs/size.md). A store of
    /// typed documents gives their JSON.
    async fn get_json(&self, id: &str) -> Result<Option<serde_json::Value>> {
        self.get(id).await?.as_ref().map(as_json).transpose()
    }

    /// Every live document as [`Backend::get_json`] gives it, for "Xuất tất cả".
    async fn all_json(&self) -> Result<Vec<serde_json::Value>> {
        self.all().await?.iter().map(as_json).collect()
    }

    /// Writes one document without a revision check (creation, rename from the list).
    async fn put(&self, document: &Document) -> Result<()> {
        self.put_all(std::slice::from_ref(document)).await
    }

    /// Every list entry, most recently saved first (ties by id, so the order is stable).
    async fn sorted_summaries(&self) -> Result<Vec<DocumentSummary>> {
        let mut list = self.summaries().await?;
        sort_small(&mut list, |a, b| {
            (&b.updated_at, &a.id) < (&a.updated_at, &b.id)
        });
        Ok(list)
    }

    /// The list entries of the live documents, most recently saved first.
    async fn list(&self) -> Result<Vec<DocumentSummary>> {
        let mut list = self.sorted_summaries().await?;
        list.retain(|s| s.deleted_at.is_none());
        Ok(list)
    }

    /// The list entries of the documents in the trash.
    async fn list_trash(&self) -> Result<Vec<DocumentSummary>> {
        let mut list = self.sorted_summaries().await?;
        list.retain(|s| s.deleted_at.is_some());
        Ok(list)
    }

    /// The ids of every stored document, the trash included.
    async fn ids(&self) -> Result<HashSet<String>> {
        Ok(self.summaries().await?.into_iter().map(|s| s.id).collect())
    }

    /// Deletes for good the documents whose 30 days in the trash are over; returns how many (the
    /// records' rule, [`Records::purge`]).
    async fn purge_trash(&self, now_ms: i64) -> Result<usize>
    where
        Self: Sized,
    {
        Records::<Document>::purge(self, now_ms).await
    }

    /// Records that documents were exported at `now`, at their current revisions.
    async fn mark_exported_now<D: Exportable>(&self, documents: &[D], now: &str) -> Result<()> {
        let marks: Vec<ExportMark> = documents
            .iter()
            .map(|d| ExportMark {
                id: d.id().to_owned(),
                exported_at: now.to_owned(),
                revision: d.revision(),
            })
            .collect();
        self.mark_exported(&marks).await
    }
}

/// The records' half of a store, for any kind of record: what the records' contract
/// (`workflow::contract::records`) holds every store to, the member's documents' (every
/// [`Backend`]) and the chi bộ's roll-ups' alike. The names say "record" so that a store that is
/// also a [`Backend`] reads the same either way.
#[allow(async_fn_in_trait)]
pub trait Records<R: Versioned> {
    /// Writes a record without a revision check (creation), out of the trash.
    async fn put_record(&self, record: &R) -> std::result::Result<(), StorageError<R>>;
    /// Saves a record if the stored one is `expected`; else writes nothing and returns
    /// [`StorageError::Conflict`] with the stored one. A record in the trash stays there.
    async fn save_record(
        &self,
        record: &R,
        expected: &Version,
    ) -> std::result::Result<(), StorageError<R>>;
    /// One record, live or in the trash.
    async fn get_record(&self, id: &str) -> std::result::Result<Option<R>, StorageError<R>>;
    /// Every record's id and trash date, in any order.
    async fn trash_dates(
        &self,
    ) -> std::result::Result<Vec<(String, Option<String>)>, StorageError<R>>;
    /// Moves a record to the trash (`Some(when)`) or back (`None`).
    async fn trash_record(
        &self,
        id: &str,
        deleted_at: Option<String>,
    ) -> std::result::Result<(), StorageError<R>>;
    /// Deletes a record for good.
    async fn delete_record(&self, id: &str) -> std::result::Result<(), StorageError<R>>;

    /// Deletes for good the records whose 30 days in the trash are over; returns how many.
    async fn purge(&self, now_ms: i64) -> std::result::Result<usize, StorageError<R>> {
        let due: Vec<String> = self
            .trash_dates()
            .await?
            .into_iter()
            .filter(|(_, deleted_at)| {
                deleted_at
                    .as_deref()
                    .is_some_and(|d| trash_expired(d, now_ms))
            })
            .map(|(id, _)| id)
            .collect();
        for id in &due {
            self.delete_record(id).await?;
        }
        Ok(due.len())
    }
}

impl<B: Backend> Records<Document> for B {
    async fn put_record(&self, record: &Document) -> Result<()> {
        self.put(record).await
    }

    async fn save_record(&self, record: &Document, expected: &Version) -> Result<()> {
        self.save(record, expected).await
    }

    async fn get_record(&self, id: &str) -> Result<Option<Document>> {
        self.get(id).await
    }

    async fn trash_dates(&self) -> Result<Vec<(String, Option<String>)>> {
        Ok(self
            .summaries()
            .await?
            .into_iter()
            .map(|s| (s.id, s.deleted_at))
            .collect())
    }

    async fn trash_record(&self, id: &str, deleted_at: Option<String>) -> Result<()> {
        self.set_trashed(id, deleted_at).await
    }

    async fn delete_record(&self, id: &str) -> Result<()> {
        self.delete_forever(id).await
    }
}

/// Documents in memory: the same behaviour as IndexedDB (revision check, trash, export marks) for
/// a page whose browser gives no storage. Everything here is lost when the page closes.
#[derive(Debug, Default)]
pub struct MemoryStore {
    documents: MemoryRecords<Document>,
    exports: RefCell<ById<ExportMark>>,
}

/// Records of one kind in memory, each with its trash date: the compare-and-set, the trash and
/// the delete of every store in memory, the member's documents' and the chi bộ's roll-ups'.
#[derive(Debug)]
pub struct MemoryRecords<R> {
    records: RefCell<ById<(R, Option<String>)>>,
}

impl<R> Default for MemoryRecords<R> {
    fn default() -> Self {
        MemoryRecords {
            records: RefCell::new(ById::default()),
        }
    }
}

impl<R: Versioned> MemoryRecords<R> {
    /// Writes a record without a revision check, out of the trash.
    pub fn put(&self, record: &R) {
        self.records
            .borrow_mut()
            .insert(record.id().to_owned(), (record.clone(), None));
    }

    /// Saves a record if the stored one is `expected`; else writes nothing and gives the stored
    /// one. A record in the trash stays there.
    pub fn save(&self, record: &R, expected: &Version) -> std::result::Result<(), StorageError<R>> {
        let mut map = self.records.borrow_mut();
        let deleted_at = match map.get(record.id()) {
            Some((stored, _)) if stored.version() != *expected => {
                return Err(StorageError::Conflict(Box::new(stored.clone())));
            }
            Some((_, deleted_at)) => deleted_at.clone(),
            None => None,
        };
        map.insert(record.id().to_owned(), (record.clone(), deleted_at));
        Ok(())
    }

    /// One record, live or in the trash.
    pub fn get(&self, id: &str) -> Option<R> {
        self.records.borrow().get(id).map(|(r, _)| r.clone())
    }

    /// Every record with its trash date, in the order of their ids.
    pub fn entries(&self) -> Vec<(R, Option<String>)> {
        self.records.borrow().values().cloned().collect()
    }

    /// Moves a record to the trash (`Some(when)`) or back (`None`).
    pub fn set_trashed(&self, id: &str, deleted_at: Option<String>) {
        if let Some(entry) = self.records.borrow_mut().get_mut(id) {
            entry.1 = deleted_at;
        }
    }

    /// Deletes a record for good.
    pub fn delete(&self, id: &str) {
        self.records.borrow_mut().remove(id);
    }
}

impl<R: Versioned> Records<R> for MemoryRecords<R> {
    async fn put_record(&self, record: &R) -> std::result::Result<(), StorageError<R>> {
        self.put(record);
        Ok(())
    }

    async fn save_record(
        &self,
        record: &R,
        expected: &Version,
    ) -> std::result::Result<(), StorageError<R>> {
        self.save(record, expected)
    }

    async fn get_record(&self, id: &str) -> std::result::Result<Option<R>, StorageError<R>> {
        Ok(self.get(id))
    }

    async fn trash_dates(
        &self,
    ) -> std::result::Result<Vec<(String, Option<String>)>, StorageError<R>> {
        Ok(self
            .entries()
            .into_iter()
            .map(|(r, del)| (r.id().to_owned(), del))
            .collect())
    }

    async fn trash_record(
        &self,
        id: &str,
        deleted_at: Option<String>,
    ) -> std::result::Result<(), StorageError<R>> {
        self.set_trashed(id, deleted_at);
        Ok(())
    }

    async fn delete_record(&self, id: &str) -> std::result::Result<(), StorageError<R>> {
        self.delete(id);
        Ok(())
    }
}

/// Values kept sorted by id, as a `BTreeMap` keeps them, for the few documents of a page whose
/// browser gives no storage; a sorted `Vec` because the B-tree's code for these two maps cost the
/// bundle 1 kB of brotli (docs/size.md).
#[derive(Debug)]
struct ById<V>(Vec<(String, V)>);

impl<V> Default for ById<V> {
    fn default() -> Self {
        ById(Vec::new())
    }
}

impl<V> ById<V> {
    fn find(&self, id: &str) -> std::result::Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }

    fn get(&self, id: &str) -> Option<&V> {
        self.find(id).ok().map(|i| &self.0[i].1)
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut V> {
        self.find(id).ok().map(|i| &mut self.0[i].1)
    }

    fn insert(&mut self, id: String, value: V) {
        match self.find(&id) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (id, value)),
        }
    }

    fn remove(&mut self, id: &str) {
        if let Ok(i) = self.find(id) {
            self.0.remove(i);
        }
    }

    fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }
}

impl Backend for MemoryStore {
    async fn put_all(&self, documents: &[Document]) -> Result<()> {
        for d in documents {
            self.documents.put(d);
        }
        Ok(())
    }

    async fn save(&self, document: &Document, expected: &Version) -> Result<()> {
        self.documents.save(document, expected)
    }

    async fn get(&self, id: &str) -> Result<Option<Document>> {
        Ok(self.documents.get(id))
    }

    async fn all(&self) -> Result<Vec<Document>> {
        Ok(self
            .documents
            .entries()
            .into_iter()
            .filter(|(_, del)| del.is_none())
            .map(|(d, _)| d)
            .collect())
    }

    async fn summaries(&self) -> Result<Vec<DocumentSummary>> {
        Ok(self
            .documents
            .entries()
            .into_iter()
            .map(|(d, del)| DocumentSummary {
                deleted_at: del,
                ..d.summary()
            })
            .collect())
    }

    async fn set_trashed(&self, id: &str, deleted_at: Option<String>) -> Result<()> {
        self.documents.set_trashed(id, deleted_at);
        Ok(())
    }

    async fn delete_forever(&self, id: &str) -> Result<()> {
        self.documents.delete(id);
        self.exports.borrow_mut().remove(id);
        Ok(())
    }

    async fn mark_exported(&self, marks: &[ExportMark]) -> Result<()> {
        let mut map = self.exports.borrow_mut();
        for mark in marks {
            map.insert(mark.id.clone(), mark.clone());
        }
        Ok(())
    }

    async fn export_marks(&self) -> Result<Vec<ExportMark>> {
        Ok(self.exports.borrow().values().cloned().collect())
    }
}

/// Runs a future whose every await is ready at once, as [`MemoryStore`]'s are: the native tests
/// need no executor. Panics if the future waits on anything (it would never be woken).
pub fn ready<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(value) => value,
        std::task::Poll::Pending => panic!("a memory store's future waited"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memory_store_passes_the_storage_contract() {
        ready(crate::workflow::contract::run(|| async {
            MemoryStore::default()
        }));
    }

    #[test]
    fn documents_in_memory_pass_the_records_contract_as_a_store_and_as_bare_records() {
        use crate::workflow::contract::{edited_document, records, sample_document};
        ready(records(
            || async { MemoryStore::default() },
            sample_document,
            edited_document,
        ));
        ready(records(
            || async { MemoryRecords::<Document>::default() },
            sample_document,
            edited_document,
        ));
    }

    #[test]
    fn quota_errors_are_recognised_in_every_spelling() {
        for text in [
            "QuotaExceededError: The quota has been exceeded.",
            "NS_ERROR_DOM_QUOTA_REACHED",
            "QUOTA_EXCEEDED_ERR: DOM Exception 22",
        ] {
            assert_eq!(
                StorageError::<Document>::from_browser_text(text),
                StorageError::Quota,
                "{text}"
            );
        }
        assert_eq!(
            StorageError::<Document>::from_browser_text(
                "VersionError: less than the existing version"
            ),
            StorageError::DatabaseTooNew
        );
        assert!(matches!(
            StorageError::<Document>::from_browser_text("AbortError"),
            StorageError::Other(_)
        ));
    }
}
