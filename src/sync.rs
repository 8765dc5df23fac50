//! Tabs tell each other about saves over a `BroadcastChannel`, so a tab with an older copy of a
//! document knows before it writes (and the store's revision check stops it if it tries).
//!
//! A message is `"<tab>|<document id>|<revision>"`; a tab ignores its own messages. The store
//! announces every write it commits; pages subscribe with [`use_changes`].

use std::sync::OnceLock;

use wasm_bindgen::JsValue;

const CHANNEL: &str = "tusoi";

/// A change another tab made: the document and its new revision (0 for a deletion or trash move).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: String,
    pub revision: u64,
}

fn tab_id() -> &'static str {
    static TAB: OnceLock<String> = OnceLock::new();
    TAB.get_or_init(crate::effects::new_id)
}

/// Tells other tabs that a document changed.
pub fn announce(id: &str, revision: u64) {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&JsValue::from_str(&format!("{}|{id}|{revision}", tab_id())));
        channel.close();
    }
}

fn parse(message: &str) -> Option<Change> {
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

/// Calls `on_change` for every change another tab announces, while the component is mounted.
#[yew::hook]
pub fn use_changes(on_change: yew::Callback<Change>) {
    yew::use_effect_with((), move |()| {
        let channel = web_sys::BroadcastChannel::new(CHANNEL).ok();
        let listener = channel.as_ref().map(|c| {
            gloo_events::EventListener::new(c, "message", move |event| {
                let data =
                    wasm_bindgen::JsCast::unchecked_ref::<web_sys::MessageEvent>(event).data();
                if let Some(change) = data.as_string().as_deref().and_then(parse) {
                    on_change.emit(change);
                }
            })
        });
        move || {
            drop(listener);
            if let Some(c) = channel {
                c.close();
            }
        }
    });
}
