//! The app's context: the open store, provided by the root component to every page.

use std::rc::Rc;

use yew::prelude::*;

use crate::storage::Store;

/// What every page may use.
#[derive(Debug, Clone)]
pub struct AppContext {
    pub store: Rc<Store>,
}

impl PartialEq for AppContext {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.store, &other.store)
    }
}

/// The store of the running app; pages are only rendered once it is open.
#[hook]
pub fn use_store() -> Rc<Store> {
    // Pages are rendered inside the provider of `App` and nowhere else.
    use_context::<AppContext>()
        .expect("AppContext is provided by App")
        .store
}
