//! The save protocol of a store of versioned records, written once for the member's documents
//! (`storage::Store`) and the chi bộ's roll-ups (`storage::chibo`): in a read-write
//! transaction, a compare-and-set on the stored version that keeps the trash date; after it, the
//! record read back, as stored and as decrypted, and compared with what was written. What a
//! record holds, how it is sealed and how the lock's generation is checked stay each store's.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use tusoi_core::workflow::store::{StorageError, Version};

use super::{from_idb, Step};

/// A record as the store keeps it: its id, its JSON (plain, or sealed while the lock is on), its
/// trash date and, since records kept it, its version in the clear.
pub(super) trait StoredRecord: serde::Serialize + serde::de::DeserializeOwned {
    fn json(&self) -> &str;
    /// The version stored, when the record says it without being decoded.
    fn stored_version(&self) -> Option<Version>;
    fn deleted_at(&self) -> Option<String>;
    fn set_deleted_at(&mut self, deleted_at: Option<String>);
}

/// In a read-write transaction the caller has checked against the lock: writes `record` into
/// `store` if the record stored under `id` is at `expected` (or there is none), keeping its trash
/// date (a record in the trash keeps being saved there: edits are never lost), and has
/// `put_summary` write the list entry with that date. Gives `None` when written; the stored
/// record when another version is there, and nothing was written (the caller drops the
/// transaction, which then commits nothing, and says the conflict). `legacy_version` reads the
/// version of a record written before records kept it.
pub(super) async fn compare_and_put<Rec: StoredRecord, R>(
    tx: &Transaction<'_>,
    store: &str,
    id: &str,
    expected: &Version,
    record: &mut Rec,
    legacy_version: impl FnOnce(&Rec) -> Step<Version, R>,
    put_summary: impl FnOnce(Option<String>) -> Step<(), R>,
) -> Step<Option<Rec>, R> {
    let records = tx.object_store(store).map_err(from_idb)?;
    let current: Option<Rec> = records
        .get(id)
        .serde()
        .map_err(from_idb)?
        .await
        .map_err(from_idb)?;
    if let Some(current) = current {
        let stored = match current.stored_version() {
            Some(version) => version,
            None => legacy_version(&current)?,
        };
        if stored != *expected {
            return Ok(Some(current));
        }
        record.set_deleted_at(current.deleted_at());
    }
    put_summary(record.deleted_at())?;
    records.put(&*record).serde().map_err(from_idb)?;
    Ok(None)
}

/// After a committed write: the record read `back` must be what was written (`written`, as
/// stored) and, decrypted by `unseal`, the `plain` JSON; else [`StorageError::Mismatch`].
pub(super) async fn check_read_back<Rec: StoredRecord, R>(
    back: Option<Rec>,
    written: &Rec,
    plain: &str,
    unseal: impl AsyncFnOnce(String) -> Step<String, R>,
) -> Step<(), R> {
    match back {
        Some(back) if back.json() == written.json() => match unseal(back.json().to_owned()).await {
            Ok(text) if text == plain => Ok(()),
            _ => Err(StorageError::Mismatch),
        },
        _ => Err(StorageError::Mismatch),
    }
}
