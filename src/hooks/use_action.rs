//! One way to run an action on the store from a button: spawn it, show its outcome in the page's
//! notice, then run `after` (reload the list, close a dialog). In the part of Yew todomvc's
//! `make_callback`; it replaces the clone-and-spawn block each button used to write out.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::notice::Notice;
use crate::storage::Store;

/// What an action ends with: `Ok(Some(notice))` shows it (a text as information, or a file to
/// copy), `Ok(None)` clears the notice, `Err(text)` shows it as an error.
pub type Outcome = Result<Option<Notice>, String>;

/// Runs actions on the store for one page.
#[derive(Clone)]
pub struct Actions {
    store: Rc<Store>,
    notice: UseStateHandle<Option<Notice>>,
    after: Callback<()>,
}

impl std::fmt::Debug for Actions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Actions").finish_non_exhaustive()
    }
}

impl Actions {
    /// Starts an action now. The future is boxed so that what follows it (the notice, `after`)
    /// is compiled once for every action rather than once per button.
    pub fn spawn(&self, future: Pin<Box<dyn Future<Output = Outcome>>>) {
        let (notice, after) = (self.notice.clone(), self.after.clone());
        spawn_local(async move {
            match future.await {
                Ok(told) => notice.set(told),
                Err(message) => notice.set(Some(Notice::Error(message))),
            }
            after.emit(());
        });
    }

    /// A callback that starts the action each time it is called, whatever the event.
    pub fn callback<E: 'static, F, Fut>(&self, action: F) -> Callback<E>
    where
        F: Fn(Rc<Store>) -> Fut + 'static,
        Fut: Future<Output = Outcome> + 'static,
    {
        let actions = self.clone();
        Callback::from(move |_: E| actions.spawn(Box::pin(action(actions.store.clone()))))
    }
}

/// The actions of a page over the app's store, with its notice; `after` runs when each ends.
#[hook]
pub fn use_actions(notice: UseStateHandle<Option<Notice>>, after: Callback<()>) -> Actions {
    Actions {
        store: crate::hooks::use_store::use_store(),
        notice,
        after,
    }
}
