//! Locks the app again after the member's idle time (docs/lock.md): no key, pointer or touch for
//! that many minutes, the time the page spends hidden included (a hidden page gets no input).
//! Checked every few seconds and whenever the page is shown again.

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::platform::clock::now_ms;

/// Calls `lock` once `minutes` pass without input; nothing while `minutes` is `None` (the lock
/// is off, or the app is already locked).
#[hook]
pub fn use_idle_lock(minutes: Option<u32>, lock: Callback<()>) {
    use_effect_with(minutes, move |minutes| {
        let mut keep: Vec<EventListener> = Vec::new();
        let mut interval = None;
        if let Some(minutes) = *minutes {
            let limit = i64::from(minutes) * 60_000;
            let last = Rc::new(Cell::new(now_ms()));
            let window = gloo_utils::window();
            for event in ["pointerdown", "keydown", "touchstart", "wheel"] {
                let last = last.clone();
                keep.push(EventListener::new(&window, event, move |_| {
                    last.set(now_ms())
                }));
            }
            let check = Rc::new(move || {
                if now_ms() - last.get() >= limit {
                    lock.emit(());
                }
            });
            let on_shown = check.clone();
            keep.push(EventListener::new(
                &gloo_utils::document(),
                "visibilitychange",
                move |_| {
                    if !gloo_utils::document().hidden() {
                        on_shown();
                    }
                },
            ));
            interval = Some(Interval::new(5_000, move || check()));
        }
        move || {
            drop(keep);
            drop(interval);
        }
    });
}
