//! Tabs tell each other about saves over a `BroadcastChannel`, so a tab with an older copy of a
//! document knows before it writes (and the store's revision check stops it if it tries).
//!
//! A message is `"<tab>|<document id>|<revision>"`; a tab ignores its own messages. The store
//! reports every write it commits and the app announces it; pages subscribe with
//! `hooks::use_changes`.

use std::sync::OnceLock;

use wasm_bindgen::JsValue;

/// The channel every tab of the app shares.
pub const CHANNEL: &str = "tusoi";

/// A change another tab made: the document and its new revision (0 for a deletion or trash move).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: String,
    pub revision: u64,
}

fn tab_id() -> &'static str {
    static TAB: OnceLock<String> = OnceLock::new();
    TAB.get_or_init(crate::platform::ids::new_id)
}

/// Tells other tabs that a document changed.
pub fn announce(id: &str, revision: u64) {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&JsValue::from_str(&format!("{}|{id}|{revision}", tab_id())));
        channel.close();
    }
}

/// The change a message announces, unless this tab sent it.
pub fn parse(message: &str) -> Option<Change> {
    let mut parts = message.splitn(3, '|');
    let (tab, id, revision) = (parts.next()?, parts.next()?, parts.next()?);
    if tab == tab_id() {
        return None;
    }
    Some(Change {
        id: id.to_owned(),
        revision: revision.parse().ok()?,
    })
}
