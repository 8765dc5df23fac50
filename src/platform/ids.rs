//! Fresh ids for documents and their items.

/// A fresh document id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
