//! Other tabs' saves, as they announce them over the app's `BroadcastChannel` (`crate::sync`).

use crate::sync::{parse, Change, CHANNEL};

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
