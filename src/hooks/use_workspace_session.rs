//! The effect runner of a roll-up's page, as `use_session` is the editor's: it sends each event to
//! the core's [`WorkspaceSession`], then carries out the effects it returns (the store's save,
//! opening sealed files, redraws) and feeds their results back as events. It loads the workspace
//! when the page opens, tells other tabs of each save and hears of theirs. No rule lives here:
//! they are in `tusoi_core::chibo::session`, tested natively.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use tusoi_core::chibo::session::{Effect, Event, WorkspaceSession};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::hooks::use_changes::use_changes;
use crate::platform::timing::{mark, measure};
use crate::storage::chibo::ChiboStore;

/// A roll-up's session and what carries out its effects.
pub struct WorkspaceRunner {
    pub session: RefCell<WorkspaceSession>,
    store: Rc<ChiboStore>,
    redraw: UseForceUpdateHandle,
    /// The passphrase typed for the sealed files of the batch being read, until they are opened.
    passphrase: RefCell<String>,
    me: Weak<WorkspaceRunner>,
}

impl std::fmt::Debug for WorkspaceRunner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkspaceRunner").finish_non_exhaustive()
    }
}

impl PartialEq for WorkspaceRunner {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl WorkspaceRunner {
    /// Handles one event and everything it leads to.
    pub fn send(&self, event: Event) {
        let effects = self
            .session
            .borrow_mut()
            .update(event, &crate::platform::clock::now());
        for effect in effects {
            self.run(effect);
        }
    }

    /// Files read from a pick, a drop or a paste, with the passphrase typed for the sealed ones.
    pub fn files_read(
        &self,
        read: Vec<(String, Vec<u8>)>,
        refused: Vec<(String, String)>,
        passphrase: String,
    ) {
        let given = !passphrase.is_empty();
        *self.passphrase.borrow_mut() = passphrase;
        mark("tusoi-file-start");
        self.send(Event::FilesRead {
            read,
            refused,
            passphrase: given,
        });
        measure("tusoi-file", "tusoi-file-start");
    }

    fn run(&self, effect: Effect) {
        match effect {
            Effect::Render => self.redraw.force_update(),
            Effect::Save {
                workspace,
                expected,
            } => {
                let (store, me) = (self.store.clone(), self.me.clone());
                spawn_local(async move {
                    // On screen first, then saved: the summary does not wait for the write (its
                    // serialisation held 10.000 files' summary back by about a second).
                    crate::platform::dom::after_paint().await;
                    let result = store.save(&workspace, &expected).await;
                    if result.is_ok() {
                        crate::sync::announce(&workspace.id, workspace.revision);
                    }
                    if let Some(me) = me.upgrade() {
                        me.send(Event::Saved(result));
                    }
                });
            }
            Effect::OpenSealed(files) => {
                // Opened all at once: the browser derives their keys in parallel, off the page's
                // thread. The passphrase is forgotten once they are.
                let passphrase = std::mem::take(&mut *self.passphrase.borrow_mut());
                let me = self.me.clone();
                spawn_local(async move {
                    mark("tusoi-unseal-start");
                    let opened = futures::future::join_all(
                        files
                            .iter()
                            .map(|(_, bytes)| crate::sealing::open_bytes(bytes, &passphrase)),
                    )
                    .await;
                    measure("tusoi-unseal", "tusoi-unseal-start");
                    let opened = files
                        .into_iter()
                        .map(|(name, _)| name)
                        .zip(opened)
                        .collect();
                    if let Some(me) = me.upgrade() {
                        mark("tusoi-file-start");
                        me.send(Event::SealedOpened(opened));
                        measure("tusoi-file", "tusoi-file-start");
                    }
                });
            }
        }
    }
}

/// The session of the roll-up `id`: loaded from the store when the page opens (and when `id`
/// changes), and told of another tab's save of it.
#[hook]
pub fn use_workspace_session(store: &Rc<ChiboStore>, id: &str) -> Rc<WorkspaceRunner> {
    let redraw = use_force_update();
    let runner = {
        let store = store.clone();
        (*use_memo(id.to_owned(), move |_| {
            Rc::new_cyclic(|me| WorkspaceRunner {
                session: RefCell::new(WorkspaceSession::new()),
                store,
                redraw,
                passphrase: RefCell::new(String::new()),
                me: me.clone(),
            })
        }))
        .clone()
    };
    {
        let (store, runner) = (store.clone(), runner.clone());
        use_effect_with(id.to_owned(), move |id| {
            let id = id.clone();
            spawn_local(async move {
                let got = store.get(&id).await.map_err(|e| e.message());
                runner.send(Event::Loaded(got));
            });
        });
    }
    {
        let (store, runner, id) = (store.clone(), runner.clone(), id.to_owned());
        use_changes(Callback::from(move |change: crate::sync::Change| {
            if change.id != id {
                return;
            }
            let (store, runner) = (store.clone(), runner.clone());
            spawn_local(async move {
                if let Ok(Some(theirs)) = store.get(&change.id).await {
                    runner.send(Event::SavedElsewhere(theirs));
                }
            });
        }));
    }
    // While a change is not stored, closing or reloading the page asks first (the browser's own
    // question): the write of a large batch takes a moment, and a page closed during it loses
    // the batch. Asked of the session when the page is left, so the answer is never stale.
    {
        let runner = runner.clone();
        use_effect_with((), move |()| {
            let listener = gloo_events::EventListener::new_with_options(
                &gloo_utils::window(),
                "beforeunload",
                gloo_events::EventListenerOptions::enable_prevent_default(),
                move |event| {
                    if runner.session.borrow().unsaved() {
                        event.prevent_default();
                        // Older engines ask only when `returnValue` is set.
                        let _ = js_sys::Reflect::set(
                            event,
                            &"returnValue".into(),
                            &wasm_bindgen::JsValue::TRUE,
                        );
                    }
                },
            );
            move || drop(listener)
        });
    }
    runner
}
