//! The chi bộ's workspace (`chibo/`): a page and a wasm of their own (`src/bin/chibo.rs`), so
//! the member's app never carries them. It keeps its roll-ups in a database of its own
//! (`storage::chibo`) and reads members' files only through the core's importer; the
//! counting, the checks and the files it writes are all `tusoi_core::chibo`'s.
//!
//! Routes by the URL's hash: `#/` the roll-ups (create, open, delete through the trash), `#/ky/<id>`
//! one roll-up, `#/ky/<id>/in` its A4 summary, `#/ky/<id>/tl/<document id>` a member's document
//! read only, `#/gop` merging roll-up files from several chi bộ (`routes::View`, through the
//! one router of `routes` and `hooks::use_route`).

mod follow;
mod list;
mod merge;
mod page;
mod report;
mod stages;
mod tally;

// For the browser tests, which render them in a debug build (where Yew checks the hooks' order).
pub use page::{Page, PageProps};
pub use report::{Print, PrintProps};

use std::rc::Rc;

use tusoi_core::base::messages::{t, Msg};
use tusoi_core::chibo::messages::{ct, ChiBoMsg};
use tusoi_core::workflow::store::Records as _;
use yew::prelude::*;

use crate::components::lock::{LockButton, LockGate};
use crate::hooks::use_route::use_route;
use crate::routes::View;
use crate::storage::chibo::ChiboStore;
use crate::storage::{LockStatus, MemoryReason, OnStoreEvent, Store, StoreEvent};

/// Starts the workspace in the page's `#app` element.
pub fn run() {
    match gloo_utils::document().get_element_by_id("app") {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

/// The text an input of the page holds now (empty before it is drawn): the forms typed once and
/// read when their button is tapped (the meeting's ballots and decision, a passphrase, a letter).
fn typed(input: &NodeRef) -> String {
    input
        .cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

#[derive(Clone)]
pub struct Ctx {
    pub store: Rc<ChiboStore>,
}

impl PartialEq for Ctx {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.store, &other.store)
    }
}

impl std::fmt::Debug for Ctx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx").finish_non_exhaustive()
    }
}

#[function_component(App)]
fn app() -> Html {
    // The member's store too: its lock at rest (docs/lock.md) covers the received documents, and
    // its key, once unlocked behind the lock's gate, opens them.
    let stores = use_state(|| None::<(Rc<Store>, Rc<ChiboStore>)>);
    // Either database's upgrade waiting for another tab, or another tab's upgrade of it: said
    // above everything, as the member's app says it.
    let (db_blocked, db_replaced) = (use_state(|| false), use_state(|| false));
    {
        let stores = stores.clone();
        let (blocked, replaced) = (db_blocked.clone(), db_replaced.clone());
        use_effect_with((), move |()| {
            let on_event: OnStoreEvent = Rc::new(move |event| match event {
                StoreEvent::Blocked => blocked.set(true),
                StoreEvent::Replaced => replaced.set(true),
                _ => {}
            });
            yew::platform::spawn_local(async move {
                let member = Rc::new(
                    Store::open(on_event.clone())
                        .await
                        .with_cipher(&crate::storage::WEBCRYPTO),
                );
                if member.lock_status() == LockStatus::Off {
                    // A switch killed half-way left this database behind: it follows now.
                    let _ = crate::locking::follow_workspaces(&member).await;
                }
                let workspaces = ChiboStore::open(on_event).await.with_member(member.clone());
                // Roll-ups past their 30 days in the trash go now, as drafts do; a failure (a
                // locked store, whose summaries open only after the unlock) only delays that.
                let _ = workspaces.purge(crate::platform::clock::now_ms()).await;
                stores.set(Some((member, Rc::new(workspaces))));
            });
        });
    }
    let db_notice = if *db_replaced {
        Some(t(Msg::DbReplaced))
    } else if *db_blocked && stores.is_none() {
        Some(t(Msg::DbBlocked))
    } else {
        None
    };
    let db_banner = html! {
        if let Some(text) = db_notice {
            <div class="banner banner-danger" role="alert" id="db-banner">{ text }</div>
        }
    };
    let view = use_route::<View>();
    let Some((member, store)) = (*stores).clone() else {
        return html! {
            <>
                { db_banner }
                <main class="page"><p class="loading" role="status">{ ct(ChiBoMsg::WsTitle) }{ "…" }</p></main>
            </>
        };
    };
    let memory_banner = match store.memory_reason() {
        None => None,
        Some(MemoryReason::DatabaseTooNew) => Some(t(Msg::ErrorDatabaseTooNew)),
        Some(MemoryReason::Unavailable) => Some(ct(ChiBoMsg::WsMemoryOnly)),
    };
    let ctx = Ctx { store };
    let body = match view {
        View::List => html! { <list::List ctx={ctx.clone()} /> },
        // Keyed: another roll-up is another session.
        View::Workspace(id) => {
            let key = id.clone();
            html! { <page::Page {key} ctx={ctx.clone()} {id} /> }
        }
        View::Print(id) => html! { <report::Print ctx={ctx.clone()} {id} /> },
        View::Paper(id, paper) => {
            html! { <report::Print ctx={ctx.clone()} {id} paper={paper.clone()} /> }
        }
        View::Document(id, doc) => {
            html! { <report::MemberDocument ctx={ctx.clone()} {id} {doc} /> }
        }
        View::Merge => html! { <merge::Merge /> },
    };
    html! {
        <LockGate store={member}>
            <header class="topbar">
                <a href={View::List.href()} class="brand">{ "Tự soi · " }{ ct(ChiBoMsg::WsTitle) }</a>
                <span class="topbar-actions">
                    <a href="../" class="topbar-link">{ ct(ChiBoMsg::WsBackToApp) }</a>
                    <LockButton />
                </span>
            </header>
            { db_banner }
            if let Some(text) = memory_banner {
                <div class="banner banner-danger" role="alert" id="memory-only-banner">{ text }</div>
            }
            <main class="page">{ body }</main>
        </LockGate>
    }
}
