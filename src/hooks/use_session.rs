//! The effect runner of the editor's session, in the role of Crux's `web-yew/src/core.rs`: it
//! sends each event to the core's [`Session`], then carries out the effects it returns (the one
//! autosave timer, the store's save and its watchdog, read and copy, the announcement to other tabs, the request
//! for persistent storage, notices, redraws) and feeds their results back as events. No save rule
//! lives here: they are all in `tusoi_core::workflow::session`, tested natively.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use tusoi_core::workflow::session::{Effect, Event, Session};
use tusoi_core::workflow::store::{Backend, Version};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::notice::Notice;
use crate::storage::Store;

/// The session of the open document and what carries out its effects.
pub struct SessionRunner {
    pub session: RefCell<Session>,
    store: Rc<Store>,
    timer: RefCell<Option<Timeout>>,
    /// The watchdog of the latest save. Saves are answered in order, so when an earlier one hangs
    /// the latest goes unanswered too, and one watchdog is enough.
    watchdog: RefCell<Option<Timeout>>,
    redraw: UseForceUpdateHandle,
    notice: UseStateHandle<Option<Notice>>,
    /// Bumped when the working copy is replaced by another version, so text areas refit.
    pub swapped: UseStateHandle<u32>,
    swaps: std::cell::Cell<u32>,
    /// While an event of typing is handled ([`SessionRunner::send_typed`]), its redraw waits.
    typing: std::cell::Cell<bool>,
    /// The redraw that waits for a pause in typing.
    later: RefCell<Option<Timeout>>,
    /// Whether the event being handled is something the member did other than typing.
    acted: std::cell::Cell<bool>,
    me: Weak<SessionRunner>,
}

/// How long the rest of the form waits for a pause in typing before it is drawn again.
const TYPING_REDRAW_MS: u32 = 250;

impl std::fmt::Debug for SessionRunner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionRunner").finish_non_exhaustive()
    }
}

impl PartialEq for SessionRunner {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl SessionRunner {
    /// Handles one event and everything it leads to.
    pub fn send(&self, event: Event) {
        // What the member did (a click, a choice, a reply to a conflict) is drawn at once.
        let acted = matches!(event, Event::Edited(_) | Event::Resolve { .. });
        self.acted.set(acted && !self.typing.get());
        let effects = self.session.borrow_mut().update(
            event,
            &crate::platform::clock::now(),
            &mut crate::platform::ids::new_id,
        );
        for effect in effects {
            self.run(effect);
        }
    }

    /// Handles an edit typed into a text field. The field already shows what was typed, so the
    /// rest of the form (the status, counts, what depends on the text) is drawn again only after
    /// a pause (`TYPING_REDRAW_MS` after the last key), not on every key: a keystroke then costs
    /// what it changes. A redraw asked for meanwhile by the autosave (its status) joins that
    /// one; what the member does otherwise (a click, a choice) is drawn at once, with everything.
    pub fn send_typed(&self, event: Event) {
        self.typing.set(true);
        self.send(event);
        self.typing.set(false);
    }

    /// Draws the form now if a redraw waits for a pause in typing: called when the member leaves
    /// the field or reaches for something else (focus out, a pointer down), so what they click
    /// next is drawn from what they typed.
    pub fn flush_typing(&self) {
        if self.later.borrow().is_some() {
            self.flush();
        }
    }

    /// Draws the form now, with whatever waits for a pause in typing (the browser's Print).
    pub fn flush(&self) {
        self.later.borrow_mut().take();
        self.redraw.force_update();
    }

    fn run(&self, effect: Effect) {
        let Some(me) = self.me.upgrade() else { return };
        match effect {
            Effect::ArmTimer { ms } => {
                let weak = self.me.clone();
                // Replacing a running timer cancels it; dropping one that is firing is fine, as
                // wasm-bindgen defers freeing a closure that is executing.
                *self.timer.borrow_mut() = Some(Timeout::new(ms, move || {
                    if let Some(me) = weak.upgrade() {
                        me.send(Event::TimerFired);
                    }
                }));
            }
            Effect::Save { document, expected } => {
                // Counted from now, so the lock ("Khoá") waits for this save to end, though its
                // task starts after the page that asked for it has closed.
                let pending = me.store.writing();
                // The store issues its requests on the first poll, which happens in this same
                // task of the event loop, before a closing page is torn down.
                spawn_local(async move {
                    // The store reports the committed write to other tabs itself.
                    let result = me.store.save(&document, &expected).await;
                    drop(pending);
                    me.send(Event::SaveDone {
                        id: document.id.clone(),
                        version: Version::of(&document),
                        result,
                    });
                });
            }
            Effect::Watch { save, ms } => {
                let weak = self.me.clone();
                *self.watchdog.borrow_mut() = Some(Timeout::new(ms, move || {
                    if let Some(me) = weak.upgrade() {
                        me.send(Event::SaveOverdue { save });
                    }
                }));
            }
            Effect::Fetch { id } => spawn_local(async move {
                if let Ok(found) = me.store.get(&id).await {
                    me.send(Event::Fetched(found));
                }
            }),
            Effect::StoreCopy(copy) => {
                let pending = me.store.writing();
                spawn_local(async move {
                    let result = match me.store.put(&copy).await {
                        Ok(()) => Ok(copy.title.clone()),
                        Err(e) => Err(e.message()),
                    };
                    drop(pending);
                    me.send(Event::CopyStored(result));
                })
            }
            Effect::RequestPersistence => request_persistence_once(),
            Effect::Notice { error, text } => self.notice.set(Some(if error {
                Notice::Error(text)
            } else {
                Notice::Info(text)
            })),
            Effect::Replaced => {
                // The handle holds the value of the render it came from: count here.
                self.swaps.set(self.swaps.get().wrapping_add(1));
                self.swapped.set(self.swaps.get());
            }
            Effect::Render if self.typing.get() => {
                let weak = self.me.clone();
                *self.later.borrow_mut() = Some(Timeout::new(TYPING_REDRAW_MS, move || {
                    if let Some(me) = weak.upgrade() {
                        me.later.borrow_mut().take();
                        me.redraw.force_update();
                    }
                }));
            }
            // While the member is typing, the save's status waits for the same pause: it is
            // drawn with everything else a moment after the last key.
            Effect::Render if !self.acted.get() && self.later.borrow().is_some() => {}
            Effect::Render => self.flush(),
        }
    }
}

/// Asks once per page for persistent storage, after the first save (a browser may evict storage
/// that was never marked persistent; `navigator.storage.persist()`).
fn request_persistence_once() {
    static ASKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if !ASKED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        crate::platform::persistence::request_persistence();
    }
}

/// The editor's session runner, made once per mounted editor. Notices go to `notice`.
#[hook]
pub fn use_session(store: Rc<Store>, notice: UseStateHandle<Option<Notice>>) -> Rc<SessionRunner> {
    let redraw = use_force_update();
    let swapped = use_state(|| 0u32);
    let runner = use_memo((), move |()| {
        Rc::new_cyclic(|me| SessionRunner {
            session: RefCell::new(Session::new(store.is_persistent())),
            store,
            timer: RefCell::new(None),
            watchdog: RefCell::new(None),
            redraw,
            notice,
            swapped,
            swaps: std::cell::Cell::new(0),
            typing: std::cell::Cell::new(false),
            later: RefCell::new(None),
            acted: std::cell::Cell::new(false),
            me: me.clone(),
        })
    });
    (*runner).clone()
}
