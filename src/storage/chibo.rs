//! The chi bộ's workspaces (`chibo::workspace::Workspace`), in a database of their own, `tusoi-chibo`,
//! so the members' documents a secretary receives never mix with the secretary's own drafts in
//! `tusoi`: not in the list, the linter, "Xuất tất cả" or the export reminder.
//!
//! The same guarantees as drafts: every write is one read-write transaction; a save is a
//! compare-and-set on (revision, updated_at) followed by a read-back, so a tab never writes over
//! another tab's newer save (the conflict carries the stored roll-up, as a draft's carries the
//! stored draft); deleting moves to the trash first. It is the core's `Records` of roll-ups,
//! held to the records' contract in memory (`MemoryRecords`) and over IndexedDB in three engines
//! (`tests/browser/workspaces.rs`). Version 1: `workspaces` (`{id,
//! json, deleted_at?, revision?, updated_at?}`) and `summaries` (what the list shows); version 2
//! adds `meta`, whose record `lock` is `{id, generation}`.
//!
//! The lock at rest (docs/lock.md) is the member's: `tusoi`'s keyring, unlocked in the page's
//! member [`Store`]. With it on, a workspace's JSON and its summary are ciphertext under the same
//! key (a summary as `{id, deleted_at, locked}`), through the member store's cipher. This
//! database follows `tusoi`'s lock ([`ChiboStore::follow_lock`]): its `lock` record holds the
//! generation of `tusoi` it last followed, every write checks it in its own transaction, and a
//! page that finds it behind rewrites the workspaces to match. Turning the lock on switches
//! `tusoi` first, then this database; turning it off, this database first (while the key
//! exists), then `tusoi`. Each record says whether it is locked, so a browser killed between the
//! two steps leaves every record readable, and the next unlock finishes the step.

use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use serde::{Deserialize, Serialize};
use tusoi_core::chibo::workspace::{Workspace, WorkspaceSummary};
use tusoi_core::workflow::store::{MemoryRecords, Records, StorageError, Version, Versioned};
use wasm_bindgen::JsValue;

use super::{
    finish, from_idb, get_all_in, rw, set_trash_date, LockStatus, MemoryReason, OnStoreEvent, Store,
};

pub const WORKSPACE_DB: &str = "tusoi-chibo";
const WORKSPACES: &str = "workspaces";
const SUMMARIES: &str = "summaries";
const META: &str = "meta";
/// The meta record of the lock this database last followed.
const LOCK: &str = "lock";
/// The stores' names in a locked field's additional data: this database's, not `tusoi`'s.
const SEALED_WORKSPACES: &str = "tusoi-chibo/workspaces";
const SEALED_SUMMARIES: &str = "tusoi-chibo/summaries";

type Result<T> = std::result::Result<T, StorageError<Workspace>>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Record {
    id: String,
    json: String,
    #[serde(default)]
    deleted_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    revision: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    updated_at: Option<String>,
}

impl super::versioned::StoredRecord for Record {
    fn json(&self) -> &str {
        &self.json
    }

    fn stored_version(&self) -> Option<Version> {
        Some(Version {
            revision: self.revision?,
            updated_at: self.updated_at.clone()?,
        })
    }

    fn deleted_at(&self) -> Option<String> {
        self.deleted_at.clone()
    }

    fn set_deleted_at(&mut self, deleted_at: Option<String>) {
        self.deleted_at = deleted_at;
    }
}

fn json_error(e: impl std::fmt::Display) -> StorageError<Workspace> {
    StorageError::Other(e.to_string())
}

fn decode(json: &str) -> Result<Workspace> {
    serde_json::from_str(json).map_err(json_error)
}

fn js_text(value: &JsValue) -> String {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

fn field(record: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(record, &name.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn set(record: &JsValue, name: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(record, &name.into(), value);
}

/// Where the workspaces are kept: IndexedDB, or memory when the browser gives none.
pub struct ChiboStore {
    db: Option<Database>,
    /// Where the browser gives no IndexedDB: the core's records in memory, held to the same
    /// contract.
    memory: MemoryRecords<Workspace>,
    /// The member's store, whose lock (and key, once unlocked) this database follows.
    member: Option<Rc<Store>>,
    /// Why the roll-ups are kept in memory, if they are.
    memory_reason: Option<MemoryReason>,
}

impl std::fmt::Debug for ChiboStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChiboStore")
            .field("persistent", &self.db.is_some())
            .finish()
    }
}

fn lock_record(generation: u64) -> js_sys::Object {
    let record = js_sys::Object::new();
    set(&record, "id", &LOCK.into());
    set(&record, "generation", &JsValue::from(generation as f64));
    record
}

/// The workspaces' layout version.
const WORKSPACE_DB_VERSION: u32 = 2;

/// Creates or upgrades the workspaces' layout, one version step at a time; steps only add.
fn upgrade(old_version: u64, db: &Database) -> indexed_db_futures::Result<()> {
    if old_version < 1 {
        super::add_stores(db, &[WORKSPACES, SUMMARIES])?;
    }
    if old_version < 2 {
        super::add_stores(db, &[META])?;
    }
    Ok(())
}

impl ChiboStore {
    /// Opens the workspaces' database, or keeps them in memory when it cannot be opened (and
    /// leaves a database of a newer app untouched), telling `on_event` of a blocked upgrade and of
    /// another tab's (`storage::open_database`, as the member's store).
    pub async fn open(on_event: OnStoreEvent) -> ChiboStore {
        match ChiboStore::open_with_events(WORKSPACE_DB, on_event).await {
            Ok(store) => store,
            Err(StorageError::DatabaseTooNew) => {
                ChiboStore::memory_because(MemoryReason::DatabaseTooNew)
            }
            Err(_) => ChiboStore::memory(),
        }
    }

    /// Opens (creating or upgrading) a database by name; tests use their own names.
    pub async fn open_named(name: &str) -> Result<ChiboStore> {
        ChiboStore::open_with_events(name, Rc::new(|_| {})).await
    }

    /// [`ChiboStore::open_named`], telling `on_event` what happens.
    pub async fn open_with_events(name: &str, on_event: OnStoreEvent) -> Result<ChiboStore> {
        let db = super::open_database(name, WORKSPACE_DB_VERSION, upgrade, &on_event).await?;
        Ok(ChiboStore {
            db: Some(db),
            memory: MemoryRecords::default(),
            member: None,
            memory_reason: None,
        })
    }

    pub fn memory() -> ChiboStore {
        ChiboStore::memory_because(MemoryReason::Unavailable)
    }

    fn memory_because(reason: MemoryReason) -> ChiboStore {
        ChiboStore {
            db: None,
            memory: MemoryRecords::default(),
            member: None,
            memory_reason: Some(reason),
        }
    }

    /// Follows the lock of the member's `store` (which holds the key once unlocked).
    pub fn with_member(mut self, store: Rc<Store>) -> ChiboStore {
        self.member = Some(store);
        self
    }

    pub fn is_persistent(&self) -> bool {
        self.db.is_some()
    }

    /// Why the roll-ups are kept in memory, if they are.
    pub fn memory_reason(&self) -> Option<MemoryReason> {
        self.memory_reason
    }

    /// `plain` as this database keeps it: ciphertext while the member's lock is on.
    async fn seal(&self, store: &str, id: &str, plain: String) -> Result<String> {
        match &self.member {
            Some(member) => member
                .seal(store, id, plain)
                .await
                .map_err(StorageError::recast),
            None => Ok(plain),
        }
    }

    /// The plain text of a stored field.
    async fn unseal(&self, store: &str, id: &str, field: String) -> Result<String> {
        match &self.member {
            Some(member) => member
                .unseal(store, id, field)
                .await
                .map_err(StorageError::recast),
            None if field.starts_with("v1.") => Err(StorageError::Locked),
            None => Ok(field),
        }
    }

    /// A workspace's record and list entry as this database keeps them.
    async fn encode(
        &self,
        workspace: &Workspace,
        deleted_at: Option<String>,
    ) -> Result<(Record, JsValue, String)> {
        let plain = serde_json::to_string(workspace).map_err(json_error)?;
        let summary = WorkspaceSummary {
            deleted_at: deleted_at.clone(),
            ..workspace.summary()
        };
        let summary = serde_json::to_string(&summary).map_err(json_error)?;
        let record = Record {
            id: workspace.id.clone(),
            json: self
                .seal(SEALED_WORKSPACES, &workspace.id, plain.clone())
                .await?,
            deleted_at: deleted_at.clone(),
            revision: Some(workspace.revision),
            updated_at: Some(workspace.updated_at.clone()),
        };
        let row = self.summary_row(&workspace.id, deleted_at, summary).await?;
        Ok((record, row, plain))
    }

    /// A summary's JSON as stored: the object itself, or `{id, deleted_at, locked}`.
    async fn summary_row(
        &self,
        id: &str,
        deleted_at: Option<String>,
        json: String,
    ) -> Result<JsValue> {
        let sealed = self.seal(SEALED_SUMMARIES, id, json.clone()).await?;
        if sealed == json {
            return js_sys::JSON::parse(&json).map_err(|_| json_error("summary"));
        }
        let row = js_sys::Object::new();
        set(&row, "id", &id.into());
        set(
            &row,
            "deleted_at",
            &deleted_at.map_or(JsValue::NULL, |d| d.into()),
        );
        set(&row, "locked", &sealed.into());
        Ok(row.into())
    }

    /// A stored summary row's JSON, decrypted when locked.
    async fn summary_json(&self, row: &JsValue) -> Result<String> {
        let id = field(row, "id")
            .and_then(|i| i.as_string())
            .unwrap_or_default();
        match field(row, "locked").and_then(|l| l.as_string()) {
            Some(locked) => self.unseal(SEALED_SUMMARIES, &id, locked).await,
            None => Ok(js_text(row)),
        }
    }

    /// The lock's generation this page's member store knows (0 without one).
    fn member_generation(&self) -> u64 {
        self.member.as_ref().map_or(0, |m| m.lock_generation())
    }

    /// Fails unless the database has followed the lock to the generation this page knows: then
    /// what the page writes (locked or not) is what every record of the database is.
    async fn check_lock(&self, tx: &Transaction<'_>) -> Result<()> {
        super::locked::check_generation(tx, LOCK, self.member_generation()).await
    }

    /// Every workspace's list entry, the trash included, most recently saved first.
    pub async fn summaries(&self) -> Result<Vec<WorkspaceSummary>> {
        let mut list: Vec<WorkspaceSummary> = match &self.db {
            None => self
                .memory
                .entries()
                .into_iter()
                .map(|(w, deleted_at)| WorkspaceSummary {
                    deleted_at,
                    ..w.summary()
                })
                .collect(),
            Some(db) => {
                let rows = all_rows(db, SUMMARIES).await?;
                let mut list = Vec::with_capacity(rows.len());
                for row in rows {
                    let json = self.summary_json(&row).await?;
                    let summary: WorkspaceSummary =
                        serde_json::from_str(&json).map_err(json_error)?;
                    // The trash date is kept in the clear, where a trash move writes it.
                    let deleted_at = field(&row, "deleted_at").and_then(|d| d.as_string());
                    list.push(WorkspaceSummary {
                        deleted_at,
                        ..summary
                    });
                }
                list
            }
        };
        tusoi_core::base::util::sort_small(&mut list, |a, b| {
            (&b.updated_at, &a.id) < (&a.updated_at, &b.id)
        });
        Ok(list)
    }

    async fn record(&self, id: &str) -> Result<Option<Record>> {
        let Some(db) = &self.db else { return Ok(None) };
        let tx = db.transaction(WORKSPACES).build().map_err(from_idb)?;
        let store = tx.object_store(WORKSPACES).map_err(from_idb)?;
        store
            .get(id)
            .serde()
            .map_err(from_idb)?
            .await
            .map_err(from_idb)
    }

    async fn decode(&self, record: &Record) -> Result<Workspace> {
        let json = self
            .unseal(SEALED_WORKSPACES, &record.id, record.json.clone())
            .await?;
        decode(&json)
    }

    /// The workspace (its inbox checks again the committees' templates its documents carry).
    pub async fn get(&self, id: &str) -> Result<Option<Workspace>> {
        let workspace = if self.db.is_none() {
            self.memory.get(id)
        } else {
            match self.record(id).await? {
                Some(record) => Some(self.decode(&record).await?),
                None => None,
            }
        };
        Ok(workspace)
    }

    /// Writes a new workspace.
    pub async fn put(&self, workspace: &Workspace) -> Result<()> {
        let _writing = self.member.as_ref().map(|m| m.writing());
        let Some(db) = &self.db else {
            self.memory.put(workspace);
            return Ok(());
        };
        let (record, summary, _) = self.encode(workspace, None).await?;
        let tx = rw(db, &[WORKSPACES, SUMMARIES, META])?;
        self.check_lock(&tx).await?;
        tx.object_store(SUMMARIES)
            .map_err(from_idb)?
            .put(summary)
            .primitive()
            .map_err(from_idb)?;
        tx.object_store(WORKSPACES)
            .map_err(from_idb)?
            .put(record)
            .serde()
            .map_err(from_idb)?;
        finish(tx).await
    }

    /// Saves a changed workspace if the stored one is `expected`, then reads the write back. If
    /// another tab saved meanwhile, nothing is written and the error says to reload.
    pub async fn save(&self, workspace: &Workspace, expected: &Version) -> Result<()> {
        let _writing = self.member.as_ref().map(|m| m.writing());
        let Some(db) = &self.db else {
            return self.memory.save(workspace, expected);
        };
        // Encrypted before the transaction (none can be awaited inside one); the trash date,
        // known only inside it, is a clear field of both records.
        let (mut record, summary, plain) = self.encode(workspace, None).await?;
        {
            let tx = rw(db, &[WORKSPACES, SUMMARIES, META])?;
            self.check_lock(&tx).await?;
            let sums = tx.object_store(SUMMARIES).map_err(from_idb)?;
            let conflict = super::versioned::compare_and_put(
                &tx,
                WORKSPACES,
                &workspace.id,
                expected,
                &mut record,
                // Written before records kept their version: plain, decoded here.
                |current| Ok(Versioned::version(&decode(&current.json)?)),
                |deleted_at| {
                    set(
                        &summary,
                        "deleted_at",
                        &deleted_at.map_or(JsValue::NULL, |d| d.into()),
                    );
                    sums.put(&summary).primitive().map(drop).map_err(from_idb)
                },
            )
            .await?;
            if conflict.is_some() {
                // Nothing written (the transaction ends here); the conflict carries the stored
                // version, read and decoded after it.
                drop(sums);
                drop(tx);
                return Err(match self.get(&workspace.id).await? {
                    Some(stored) => StorageError::Conflict(Box::new(stored)),
                    None => StorageError::Mismatch,
                });
            }
            finish(tx).await?;
        }
        let back = self.record(&workspace.id).await?;
        super::versioned::check_read_back(back, &record, &plain, async |json| {
            self.unseal(SEALED_WORKSPACES, &workspace.id, json).await
        })
        .await
    }

    /// Moves a workspace to the trash (`Some(when)`) or back (`None`): the trash date is a clear
    /// field of both records, changed as the browser holds them; nothing is decoded.
    pub async fn set_trashed(&self, id: &str, deleted_at: Option<String>) -> Result<()> {
        let Some(db) = &self.db else {
            self.memory.set_trashed(id, deleted_at);
            return Ok(());
        };
        let tx = rw(db, &[WORKSPACES, SUMMARIES, META])?;
        self.check_lock(&tx).await?;
        set_trash_date(&tx, &[WORKSPACES, SUMMARIES], id, deleted_at).await?;
        finish(tx).await
    }

    /// Deletes a workspace for good.
    pub async fn delete_forever(&self, id: &str) -> Result<()> {
        let Some(db) = &self.db else {
            self.memory.delete(id);
            return Ok(());
        };
        let tx = rw(db, &[WORKSPACES, SUMMARIES, META])?;
        self.check_lock(&tx).await?;
        super::delete_in(&tx, &[WORKSPACES, SUMMARIES], id)?;
        finish(tx).await
    }

    /// Whether this database is not at the member's lock (switched on or off since it last
    /// followed), so [`ChiboStore::follow_lock`] has work to do.
    pub async fn behind(&self) -> Result<bool> {
        let Some(db) = &self.db else { return Ok(false) };
        let tx = db.transaction(META).build().map_err(from_idb)?;
        Ok(super::locked::stored_generation(&tx, LOCK).await? != self.member_generation())
    }

    /// Rewrites every workspace to match the member's lock: locked under the key while the lock is
    /// on and this page is unlocked, in the clear while it is off; then records the member's
    /// generation. With `off_next`, the lock is about to be turned off (the member's page still
    /// holds the key): every workspace is written in the clear, with the generation the switch
    /// will give. One transaction, which reads everything again and starts over when another tab
    /// wrote meanwhile; a record that does not open stops it, named, with nothing changed.
    pub async fn follow_lock(&self, off_next: bool) -> Result<()> {
        let (Some(db), Some(member)) = (&self.db, &self.member) else {
            return Ok(());
        };
        let status = member.lock_status();
        if status == LockStatus::Locked {
            return Err(StorageError::Locked);
        }
        let (to_locked, generation) = if off_next {
            (false, member.lock_generation() + 1)
        } else {
            (status == LockStatus::Unlocked, member.lock_generation())
        };
        super::versioned::rewrite_all(
            db,
            &[WORKSPACES, SUMMARIES, META],
            async |tx| {
                Ok(Stored {
                    generation: super::locked::stored_generation(tx, LOCK).await?,
                    records: all_records(tx).await?,
                    rows: all_tx_rows(tx, SUMMARIES).await?,
                })
            },
            async |read| {
                let mut records = Vec::with_capacity(read.records.len());
                for record in &read.records {
                    let plain = self
                        .unseal(SEALED_WORKSPACES, &record.id, record.json.clone())
                        .await?;
                    let json = if to_locked {
                        self.seal(SEALED_WORKSPACES, &record.id, plain).await?
                    } else {
                        plain
                    };
                    records.push(Record {
                        json,
                        ..record.clone()
                    });
                }
                let mut rows = Vec::with_capacity(read.rows.len());
                for row in &read.rows {
                    let id = field(row, "id")
                        .and_then(|i| i.as_string())
                        .unwrap_or_default();
                    let deleted_at = field(row, "deleted_at").and_then(|d| d.as_string());
                    let json = self.summary_json(row).await?;
                    rows.push(if to_locked {
                        self.summary_row(&id, deleted_at, json).await?
                    } else {
                        js_sys::JSON::parse(&json).map_err(|_| json_error("summary"))?
                    });
                }
                Ok((records, rows))
            },
            // The generation read with the records stands for the lock: a switch meanwhile
            // makes them differ, and it starts over.
            async |_| Ok(()),
            |tx, (records, rows): (Vec<Record>, Vec<JsValue>)| {
                let workspaces = tx.object_store(WORKSPACES).map_err(from_idb)?;
                for record in &records {
                    workspaces.put(record).serde().map_err(from_idb)?;
                }
                let summaries = tx.object_store(SUMMARIES).map_err(from_idb)?;
                for row in rows {
                    summaries.put(row).primitive().map_err(from_idb)?;
                }
                tx.object_store(META)
                    .map_err(from_idb)?
                    .put(lock_record(generation))
                    .primitive()
                    .map_err(from_idb)?;
                Ok(())
            },
        )
        .await
    }
}

/// What a lock switch rewrites in the workspaces' database, as read: the generation of the
/// member's lock it last followed, the roll-ups and their summaries.
struct Stored {
    generation: u64,
    records: Vec<Record>,
    rows: Vec<JsValue>,
}

/// The same when nothing was written between two reads (summaries compared as JSON).
impl PartialEq for Stored {
    fn eq(&self, other: &Stored) -> bool {
        self.generation == other.generation
            && self.records == other.records
            && self.rows.len() == other.rows.len()
            && self
                .rows
                .iter()
                .zip(&other.rows)
                .all(|(a, b)| js_text(a) == js_text(b))
    }
}

async fn all_records(tx: &Transaction<'_>) -> Result<Vec<Record>> {
    get_all_in(tx, WORKSPACES).await
}

async fn all_tx_rows(tx: &Transaction<'_>, name: &str) -> Result<Vec<JsValue>> {
    tx.object_store(name)
        .map_err(from_idb)?
        .get_all()
        .primitive()
        .map_err(from_idb)?
        .await
        .map_err(from_idb)?
        .collect::<std::result::Result<_, _>>()
        .map_err(from_idb)
}

async fn all_rows(db: &Database, name: &str) -> Result<Vec<JsValue>> {
    let tx = db.transaction(name).build().map_err(from_idb)?;
    all_tx_rows(&tx, name).await
}

/// The records' half of a store (`workflow::store::Records`): what the records' contract runs
/// against, over IndexedDB, in `tests/browser/workspaces.rs`.
impl Records<Workspace> for ChiboStore {
    async fn put_record(&self, record: &Workspace) -> Result<()> {
        self.put(record).await
    }

    async fn save_record(&self, record: &Workspace, expected: &Version) -> Result<()> {
        self.save(record, expected).await
    }

    async fn get_record(&self, id: &str) -> Result<Option<Workspace>> {
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
