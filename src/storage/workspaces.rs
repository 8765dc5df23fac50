//! The chi bộ's workspaces (`chibo::workspace::Workspace`), in a database of their own, `tusoi-chibo`,
//! so the members' documents a secretary receives never mix with the secretary's own drafts in
//! `tusoi`: not in the list, the linter, "Xuất tất cả" or the export reminder.
//!
//! The same guarantees as drafts: every write is one read-write transaction over both stores; a
//! save is a compare-and-set on (revision, updated_at) followed by a read-back, so a tab never
//! writes over another tab's newer save; deleting moves to the trash first. Version 1:
//! `workspaces` (`{id, json, deleted_at?}`) and `summaries` (what the list shows).

use std::cell::RefCell;
use std::collections::BTreeMap;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use serde::{Deserialize, Serialize};
use tusoi_core::chibo::messages::{ct, ChiBoMsg};
use tusoi_core::chibo::workspace::{Workspace, WorkspaceSummary};
use tusoi_core::workflow::store::{StorageError, Version};

use super::{finish, from_idb, get_all, rw};

pub const WORKSPACE_DB: &str = "tusoi-chibo";
const WORKSPACES: &str = "workspaces";
const SUMMARIES: &str = "summaries";

type Result<T> = std::result::Result<T, StorageError>;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Record {
    id: String,
    json: String,
    #[serde(default)]
    deleted_at: Option<String>,
}

fn encode(workspace: &Workspace, deleted_at: Option<String>) -> Result<(Record, WorkspaceSummary)> {
    let json = serde_json::to_string(workspace).map_err(|e| StorageError::Other(e.to_string()))?;
    let summary = WorkspaceSummary {
        deleted_at: deleted_at.clone(),
        ..workspace.summary()
    };
    Ok((
        Record {
            id: workspace.id.clone(),
            json,
            deleted_at,
        },
        summary,
    ))
}

fn decode(record: &Record) -> Result<Workspace> {
    serde_json::from_str(&record.json).map_err(|e| StorageError::Other(e.to_string()))
}

fn newer_elsewhere() -> StorageError {
    StorageError::Other(ct(ChiBoMsg::WorkspaceNewerElsewhere).to_owned())
}

/// Where the workspaces are kept: IndexedDB, or memory when the browser gives none.
pub struct WorkspaceStore {
    db: Option<Database>,
    memory: RefCell<BTreeMap<String, (Workspace, Option<String>)>>,
}

impl std::fmt::Debug for WorkspaceStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkspaceStore")
            .field("persistent", &self.db.is_some())
            .finish()
    }
}

impl WorkspaceStore {
    /// Opens the workspaces' database, or keeps them in memory when it cannot be opened.
    pub async fn open() -> WorkspaceStore {
        WorkspaceStore::open_named(WORKSPACE_DB)
            .await
            .unwrap_or_else(|_| WorkspaceStore::memory())
    }

    /// Opens (creating) a database by name; tests use their own names.
    pub async fn open_named(name: &str) -> Result<WorkspaceStore> {
        let db = Database::open(name)
            .with_version(1u32)
            .with_on_upgrade_needed(|event, db| {
                if event.old_version() < 1.0 {
                    db.create_object_store(WORKSPACES)
                        .with_key_path("id".into())
                        .build()?;
                    db.create_object_store(SUMMARIES)
                        .with_key_path("id".into())
                        .build()?;
                }
                Ok(())
            })
            .await
            .map_err(from_idb)?;
        Ok(WorkspaceStore {
            db: Some(db),
            memory: RefCell::default(),
        })
    }

    pub fn memory() -> WorkspaceStore {
        WorkspaceStore {
            db: None,
            memory: RefCell::default(),
        }
    }

    pub fn is_persistent(&self) -> bool {
        self.db.is_some()
    }

    /// Every workspace's list entry, the trash included, most recently saved first.
    pub async fn summaries(&self) -> Result<Vec<WorkspaceSummary>> {
        let mut list: Vec<WorkspaceSummary> = match &self.db {
            None => self
                .memory
                .borrow()
                .values()
                .map(|(w, del)| WorkspaceSummary {
                    deleted_at: del.clone(),
                    ..w.summary()
                })
                .collect(),
            Some(db) => get_all(db, SUMMARIES).await?,
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

    pub async fn get(&self, id: &str) -> Result<Option<Workspace>> {
        if self.db.is_none() {
            return Ok(self.memory.borrow().get(id).map(|(w, _)| w.clone()));
        }
        self.record(id).await?.map(|r| decode(&r)).transpose()
    }

    /// Writes a new workspace.
    pub async fn put(&self, workspace: &Workspace) -> Result<()> {
        let Some(db) = &self.db else {
            self.memory
                .borrow_mut()
                .insert(workspace.id.clone(), (workspace.clone(), None));
            return Ok(());
        };
        let (record, summary) = encode(workspace, None)?;
        let tx = rw(db, &[WORKSPACES, SUMMARIES])?;
        tx.object_store(SUMMARIES)
            .map_err(from_idb)?
            .put(summary)
            .serde()
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
        let Some(db) = &self.db else {
            let mut map = self.memory.borrow_mut();
            if let Some((stored, _)) = map.get(&workspace.id) {
                if (stored.revision, &stored.updated_at)
                    != (expected.revision, &expected.updated_at)
                {
                    return Err(newer_elsewhere());
                }
            }
            let deleted = map.get(&workspace.id).and_then(|(_, d)| d.clone());
            map.insert(workspace.id.clone(), (workspace.clone(), deleted));
            return Ok(());
        };
        let written = {
            let tx = rw(db, &[WORKSPACES, SUMMARIES])?;
            let store = tx.object_store(WORKSPACES).map_err(from_idb)?;
            let current: Option<Record> = store
                .get(workspace.id.as_str())
                .serde()
                .map_err(from_idb)?
                .await
                .map_err(from_idb)?;
            let deleted_at = match current {
                Some(current) => {
                    let stored = decode(&current)?;
                    if (stored.revision, &stored.updated_at)
                        != (expected.revision, &expected.updated_at)
                    {
                        return Err(newer_elsewhere());
                    }
                    current.deleted_at
                }
                None => None,
            };
            let (record, summary) = encode(workspace, deleted_at)?;
            tx.object_store(SUMMARIES)
                .map_err(from_idb)?
                .put(summary)
                .serde()
                .map_err(from_idb)?;
            store.put(record.clone()).serde().map_err(from_idb)?;
            finish(tx).await?;
            record.json
        };
        match self.record(&workspace.id).await? {
            Some(back) if back.json == written => Ok(()),
            _ => Err(StorageError::Mismatch),
        }
    }

    /// Moves a workspace to the trash (`Some(when)`) or back (`None`).
    pub async fn set_trashed(&self, id: &str, deleted_at: Option<String>) -> Result<()> {
        let Some(db) = &self.db else {
            if let Some(entry) = self.memory.borrow_mut().get_mut(id) {
                entry.1 = deleted_at;
            }
            return Ok(());
        };
        let tx = rw(db, &[WORKSPACES, SUMMARIES])?;
        let store = tx.object_store(WORKSPACES).map_err(from_idb)?;
        let current: Option<Record> = store
            .get(id)
            .serde()
            .map_err(from_idb)?
            .await
            .map_err(from_idb)?;
        let Some(current) = current else {
            return Ok(());
        };
        let workspace = decode(&current)?;
        let (record, summary) = encode(&workspace, deleted_at)?;
        tx.object_store(SUMMARIES)
            .map_err(from_idb)?
            .put(summary)
            .serde()
            .map_err(from_idb)?;
        store.put(record).serde().map_err(from_idb)?;
        finish(tx).await
    }

    /// Deletes a workspace for good.
    pub async fn delete_forever(&self, id: &str) -> Result<()> {
        let Some(db) = &self.db else {
            self.memory.borrow_mut().remove(id);
            return Ok(());
        };
        let tx = rw(db, &[WORKSPACES, SUMMARIES])?;
        for name in [WORKSPACES, SUMMARIES] {
            tx.object_store(name)
                .map_err(from_idb)?
                .delete(id)
                .build()
                .map_err(from_idb)?;
        }
        finish(tx).await
    }
}
