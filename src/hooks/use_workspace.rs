//! One of the chi bộ's roll-ups, loaded for a page of the workspace.

use std::rc::Rc;

use tusoi_core::chibo::workspace::Workspace;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::storage::chibo::ChiboStore;

/// A roll-up as loaded for a page: not yet, failed, not found, or the workspace.
pub type Loaded = Option<Result<Option<Rc<Workspace>>, String>>;

/// Loads a roll-up from the store when the page opens (and when `id` changes). The handle lets a
/// page put the saved version in place after a change.
#[hook]
pub fn use_workspace(store: &Rc<ChiboStore>, id: &str) -> UseStateHandle<Loaded> {
    let workspace = use_state(|| None::<Result<Option<Rc<Workspace>>, String>>);
    {
        let (store, workspace) = (store.clone(), workspace.clone());
        use_effect_with(id.to_owned(), move |id| {
            let id = id.clone();
            spawn_local(async move {
                let got = store.get(&id).await.map_err(|e| e.message());
                workspace.set(Some(got.map(|w| w.map(Rc::new))));
            });
        });
    }
    workspace
}
