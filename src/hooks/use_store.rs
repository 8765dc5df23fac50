//! The app's context: the open store, provided by the root component to every page.

use std::rc::Rc;

use yew::prelude::*;

use crate::storage::Store;

/// What every page may use.
#[derive(Debug, Clone)]
pub struct AppContext {
    pub store: Rc<Store>,
    /// Locks the app now (the lock at rest, docs/lock.md): the pages close, the editor's last
    /// save ends, then the key is dropped. Stable for the app's life.
    pub lock_now: Callback<()>,
    /// Tells the app that the lock was turned on or off, so its frame follows. Stable too.
    pub lock_switched: Callback<()>,
}

impl PartialEq for AppContext {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.store, &other.store)
    }
}

/// The app's context, for what needs more than the store.
#[hook]
pub fn use_app() -> AppContext {
    // Pages are rendered inside the provider of `App` and nowhere else.
    use_context::<AppContext>().expect("AppContext is provided by App")
}

/// The store of the running app; pages are only rendered once it is open.
#[hook]
pub fn use_store() -> Rc<Store> {
    // Pages are rendered inside the provider of `App` and nowhere else.
    use_context::<AppContext>()
        .expect("AppContext is provided by App")
        .store
}
