//! The memory backend: the same behaviour as IndexedDB (revision check, trash, export marks) for a
//! page whose browser gives no storage. Everything here is lost when the page closes.

use std::cell::RefCell;
use std::collections::BTreeMap;

use tusoi_core::analysis::retention::ExportMark;
use tusoi_core::{Document, DocumentSummary};

use super::StorageError;

#[derive(Default)]
pub(super) struct MemoryStore {
    documents: RefCell<BTreeMap<String, (Document, Option<String>)>>,
    exports: RefCell<BTreeMap<String, ExportMark>>,
}

impl MemoryStore {
    pub(super) fn put_all(&self, documents: &[Document]) {
        let mut map = self.documents.borrow_mut();
        for d in documents {
            map.insert(d.id.clone(), (d.clone(), None));
        }
    }

    pub(super) fn save(
        &self,
        document: &Document,
        expected: (u64, &str),
    ) -> Result<(), StorageError> {
        let mut map = self.documents.borrow_mut();
        let deleted_at = match map.get(&document.id) {
            Some((stored, _)) if (stored.revision, stored.updated_at.as_str()) != expected => {
                return Err(StorageError::Conflict(Box::new(stored.clone())));
            }
            Some((_, deleted_at)) => deleted_at.clone(),
            None => None,
        };
        map.insert(document.id.clone(), (document.clone(), deleted_at));
        Ok(())
    }

    pub(super) fn get(&self, id: &str) -> Option<Document> {
        self.documents.borrow().get(id).map(|(d, _)| d.clone())
    }

    pub(super) fn all(&self) -> Vec<Document> {
        self.documents
            .borrow()
            .values()
            .filter(|(_, del)| del.is_none())
            .map(|(d, _)| d.clone())
            .collect()
    }

    pub(super) fn summaries(&self) -> Vec<DocumentSummary> {
        self.documents
            .borrow()
            .values()
            .map(|(d, del)| DocumentSummary {
                deleted_at: del.clone(),
                ..d.summary()
            })
            .collect()
    }

    pub(super) fn set_trashed(&self, id: &str, deleted_at: Option<String>) {
        if let Some(entry) = self.documents.borrow_mut().get_mut(id) {
            entry.1 = deleted_at;
        }
    }

    pub(super) fn delete(&self, id: &str) {
        self.documents.borrow_mut().remove(id);
        self.exports.borrow_mut().remove(id);
    }

    pub(super) fn mark_exported(&self, marks: Vec<ExportMark>) {
        let mut map = self.exports.borrow_mut();
        for mark in marks {
            map.insert(mark.id.clone(), mark);
        }
    }

    pub(super) fn export_marks(&self) -> Vec<ExportMark> {
        self.exports.borrow().values().cloned().collect()
    }
}
