//! The save protocol of a store of versioned records, written once for the member's documents
//! (`storage::Store`) and the chi bộ's roll-ups (`storage::chibo`): in a read-write
//! transaction, a compare-and-set on the stored version that keeps the trash date; after it, the
//! record read back, as stored and as decrypted, and compared with what was written; and at a
//! switch of the lock, every record rewritten in one transaction ([`rewrite_all`]). What a
//! record holds, how it is sealed and how the lock's generation is checked stay each store's.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use tusoi_core::workflow::lock::{lt, LockMsg};
use tusoi_core::workflow::store::{StorageError, Version};

use super::{finish, from_idb, rw, Step};

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

/// Rewrites every record of `stores` at once, crash-safe, as a switch of the lock needs: what
/// `read` gives is read in one transaction and `rewrite`n outside any (the cipher's steps cannot
/// be awaited inside one); then, in one read-write transaction, `check` must pass and `read` must
/// give the same again (else another tab wrote meanwhile, and it starts over, three times at
/// most), and `write` puts the rewritten records, which the browser commits whole or not at all.
/// Gives what `write` gave; when other tabs kept writing, that the lock is busy.
pub(super) async fn rewrite_all<C: PartialEq, W, T, R>(
    db: &Database,
    stores: &[&str],
    read: impl AsyncFn(&Transaction<'_>) -> Step<C, R>,
    rewrite: impl AsyncFn(&C) -> Step<W, R>,
    check: impl AsyncFn(&Transaction<'_>) -> Step<(), R>,
    write: impl Fn(&Transaction<'_>, W) -> Step<T, R>,
) -> Step<T, R> {
    for _attempt in 0..3 {
        let before = {
            let tx = db.transaction(stores).build().map_err(from_idb)?;
            read(&tx).await?
        };
        let rewritten = rewrite(&before).await?;
        let tx = rw(db, stores)?;
        check(&tx).await?;
        if read(&tx).await? != before {
            continue;
        }
        let written = write(&tx, rewritten)?;
        finish(tx).await?;
        return Ok(written);
    }
    Err(StorageError::Other(lt(LockMsg::LockBusy).to_owned()))
}
