//! The app's frame: opens the store, provides it to the pages ([`AppContext`]), shows the page the
//! URL's hash names ([`use_route`]) and the banners: memory only (or database too new), update
//! ready, database replaced.
//!
//! The member's app is two pages, each with its own wasm ([`PageSet`]): the site's `index.html`
//! has the home page and the trash ([`HomePages`]), which is all a first visit downloads;
//! `soan/index.html` has every page, the editor, the print page and the settings among them
//! ([`AllPages`]). A route the home page's wasm does not have opens the other page with the same
//! hash; from there on, the member stays in it.

use std::rc::Rc;
use tusoi_core::workflow::store::Backend as _;

use tusoi_core::base::messages::{t, tf, Msg};
use yew::prelude::*;

use crate::components::forms::WithForms;
use crate::components::lock::{LockButton, LockGate};
use crate::hooks::use_route::use_route;
use crate::hooks::use_store::AppContext;
use crate::hooks::use_window_signal::use_window_signal;
use crate::pages::steps::{CopyStep, NextReviewStep, RenameStep};
use crate::pages::{editor::Editor, home::Home, print::Print, settings::Settings, trash::Trash};
use crate::platform::service_worker::apply_update;
use crate::routes::Route;
use crate::storage::{Cipher, LockStatus, MemoryReason, OnStoreEvent, Store, StoreEvent};

/// The pages one wasm has. Only the pages a set names are linked into its wasm.
pub trait PageSet: 'static {
    /// The page for a route, or `None` where it is in the other page ([`EDITOR_PAGE`]).
    fn page(route: &Route) -> Option<Html>;
    /// Whether every page is here. Where not, a store in memory (no IndexedDB) sends the member
    /// to the page that has them all at once: drafts in memory do not survive a change of page.
    /// So does a store locked at rest: the lock's screens and code are only in that page.
    const ALL: bool;
    /// How the store encrypts, where this set can unlock; none in the first load.
    fn cipher() -> Option<&'static Cipher>;
    /// The app as this set shows it: behind the lock's gate ([`LockGate`]: the lock screen,
    /// "Khoá", the idle lock) where the set can unlock, as it is where not.
    fn gate(store: Rc<Store>, app: Html) -> Html;
    /// "Khoá" in the top bar, where the set can lock.
    fn lock_button() -> Html;
}

/// The site's `index.html`: what a member first sees, the list of drafts and the trash, without
/// the editor, the print page or the settings. The inline script `xtask dist` (`site.rs`) writes into
/// `index.html` (`DEEP_LINK_SCRIPT`) sends the routes this set lacks to `soan/` before the wasm:
/// change the two together.
#[derive(Debug)]
pub struct HomePages;

impl PageSet for HomePages {
    const ALL: bool = false;
    fn cipher() -> Option<&'static Cipher> {
        None
    }
    fn gate(_: Rc<Store>, app: Html) -> Html {
        app
    }
    fn lock_button() -> Html {
        Html::default()
    }
    fn page(route: &Route) -> Option<Html> {
        match route {
            Route::Home | Route::NotFound => Some(html! { <Home /> }),
            Route::Trash => Some(html! { <Trash /> }),
            Route::Editor { .. }
            | Route::Print { .. }
            | Route::Settings
            | Route::Import
            | Route::Copy { .. }
            | Route::Rename { .. }
            | Route::NextReview { .. } => None,
        }
    }
}

/// `soan/index.html`: every page.
#[derive(Debug)]
pub struct AllPages;

impl PageSet for AllPages {
    const ALL: bool = true;
    fn cipher() -> Option<&'static Cipher> {
        Some(&crate::storage::WEBCRYPTO)
    }
    fn gate(store: Rc<Store>, app: Html) -> Html {
        html! { <LockGate {store}>{ app }</LockGate> }
    }
    fn lock_button() -> Html {
        html! { <LockButton /> }
    }
    fn page(route: &Route) -> Option<Html> {
        let page = match route {
            Route::Editor { id } => html! { <Editor id={id.clone()} /> },
            Route::Print { id } => html! { <Print id={id.clone()} /> },
            Route::Home | Route::NotFound | Route::Import => html! {
                <Home workspace="../chibo/" import={crate::components::import::import_box as fn(&crate::components::import::ImportCtx) -> Html} />
            },
            Route::Settings => html! { <Settings /> },
            Route::Copy { id } => html! { <CopyStep id={id.clone()} /> },
            Route::Rename { id } => html! { <RenameStep id={id.clone()} /> },
            Route::NextReview { id } => html! { <NextReviewStep id={id.clone()} /> },
            other => HomePages::page(other)?,
        };
        // The committees' templates kept on the device, added to the page's before any page reads them.
        Some(html! { <WithForms>{ page }</WithForms> })
    }
}

/// The folder of the page with every page, beside the site's `index.html`.
pub const EDITOR_PAGE: &str = "soan/";

/// Leaves this page for [`EDITOR_PAGE`] at the same hash, without a history entry of its own.
fn open_editor_page() {
    let location = gloo_utils::window().location();
    let hash = location.hash().unwrap_or_default();
    let _ = location.replace(&format!("{EDITOR_PAGE}{hash}"));
}

#[function_component(Pages)]
fn pages<P: PageSet>() -> Html {
    let route = use_route();
    let page = P::page(&route);
    let elsewhere = page.is_none();
    use_effect_with(elsewhere, |elsewhere| {
        if *elsewhere {
            open_editor_page();
        }
    });
    page.unwrap_or_else(|| html! { <p class="loading" role="status">{ t(Msg::Loading) }</p> })
}

/// The root component, with the pages of `P`.
#[function_component(App)]
pub fn app<P: PageSet>() -> Html {
    let store = use_state(|| None::<Rc<Store>>);
    // Published by `sw/register.js`, which is JavaScript: a window global and event.
    let update_ready = use_window_signal("tusoiUpdateReady", "tusoi-update-ready").is_some();
    // What the store reports, as typed events.
    let db_blocked = use_state(|| false);
    let db_replaced = use_state(|| false);
    // Another tab turned the lock on or off: like an upgrade, this page must reload.
    let lock_changed = use_state(|| false);
    let memory_exported_at = use_state(|| None::<String>);
    // Where the app runs: in an app's own browser, its first screen says what may be lost before
    // anything is typed, until the member chooses to go on here (components::phone).
    let environment = *use_memo((), |()| crate::platform::environment::read());
    let in_app_screen = use_state(|| {
        environment.in_app().is_some() && !crate::components::phone::continued_in_app()
    });
    let address_copied = use_state(|| None::<bool>);
    {
        let store = store.clone();
        let (blocked, replaced, exported, lock_changed) = (
            db_blocked.clone(),
            db_replaced.clone(),
            memory_exported_at.clone(),
            lock_changed.clone(),
        );
        use_effect_with((), move |()| {
            let on_event: OnStoreEvent = Rc::new(move |event| match event {
                StoreEvent::Blocked => blocked.set(true),
                StoreEvent::Replaced => replaced.set(true),
                StoreEvent::Written { id, revision } => crate::sync::announce(&id, revision),
                StoreEvent::ExportedFromMemory => {
                    exported.set(Some(crate::platform::clock::local_time()));
                }
                StoreEvent::LockChanged => lock_changed.set(true),
            });
            yew::platform::spawn_local(async move {
                let opened = Store::open(on_event).await;
                let opened = match P::cipher() {
                    Some(cipher) => opened.with_cipher(cipher),
                    None => opened,
                };
                // The lock's screens are in the page with every page, and so must be a store
                // that lives in memory only.
                let elsewhere =
                    opened.memory_reason().is_some() || opened.lock_status() != LockStatus::Off;
                if elsewhere && !P::ALL {
                    open_editor_page();
                    return;
                }
                // Documents past their 30 days in the trash go now; a failure only delays that
                // (a locked store's summaries cannot be read before the unlock: the next start).
                let _ = opened.purge_trash(crate::platform::clock::now_ms()).await;
                store.set(Some(Rc::new(opened)));
            });
        });
    }
    // The build's copy of the home page gives way once the app can show a page, or say why not.
    let ready = store.is_some() || *db_blocked;
    use_effect_with(ready, |ready| {
        if *ready {
            crate::platform::dom::reveal_app();
        }
    });
    let Some(store) = (*store).clone() else {
        return loading(*db_blocked);
    };
    if *in_app_screen {
        let go_on = {
            let in_app_screen = in_app_screen.clone();
            Callback::from(move |()| in_app_screen.set(false))
        };
        return frame(
            Html::default(),
            crate::components::phone::in_app_screen(&environment, &address_copied, go_on),
            Html::default(),
        );
    }
    let risk_line = {
        let in_app_screen = in_app_screen.clone();
        crate::components::phone::risk_line(
            &environment,
            Callback::from(move |_| in_app_screen.set(true)),
        )
    };
    let memory_banner = match (store.memory_reason(), (*memory_exported_at).clone()) {
        (None, _) => None,
        (Some(MemoryReason::DatabaseTooNew), _) => Some(t(Msg::ErrorDatabaseTooNew).to_owned()),
        (Some(MemoryReason::Unavailable), Some(time)) => {
            Some(tf(Msg::MemoryExportedAt, &[("time", &time)]))
        }
        (Some(MemoryReason::Unavailable), None) => Some(t(Msg::MemoryOnlyBanner).to_owned()),
    };
    let banners = html! {
        <>
            { risk_line }
            if update_ready {
                <div class="banner banner-update" role="status" id="update-banner">
                    { t(Msg::UpdateReady) }{ " " }
                    <button id="update-reload" onclick={Callback::from(|_| apply_update())}>{ t(Msg::UpdateReload) }</button>
                </div>
            }
            if let Some(text) = memory_banner {
                <div class="banner banner-danger" role="alert" id="memory-only-banner">{ text }</div>
            }
            if *db_replaced {
                <div class="banner banner-danger" role="alert" id="db-replaced">{ t(Msg::DbReplaced) }</div>
            }
            if *lock_changed {
                <div class="banner banner-danger" role="alert" id="lock-changed">
                    { t(Msg::ErrorLockChanged) }{ " " }
                    <button onclick={Callback::from(|_| reload())}>{ t(Msg::UpdateReload) }</button>
                </div>
            }
        </>
    };
    let app = html! {
        <ContextProvider<AppContext> context={AppContext { store: store.clone() }}>
            { frame(banners, html! { <Pages<P> /> }, P::lock_button()) }
        </ContextProvider<AppContext>>
    };
    P::gate(store, app)
}

fn reload() {
    let _ = gloo_utils::window().location().reload();
}

/// The frame while the store opens (and, blocked by another tab, why it waits).
fn loading(blocked: bool) -> Html {
    html! {
        <>
            <header class="topbar"><span class="brand">{ t(Msg::AppName) }</span></header>
            <main class="page">
                <p class="loading" role="status">{ t(Msg::Loading) }</p>
                if blocked {
                    <p class="notice notice-error" role="alert" id="db-blocked">{ t(Msg::DbBlocked) }</p>
                }
            </main>
        </>
    }
}

/// The frame of every page: the top bar (with "Khoá" while the lock is on and open), the banners,
/// the page.
fn frame(banners: Html, page: Html, lock_button: Html) -> Html {
    html! {
        <>
            <header class="topbar">
                <a href={Route::Home.href()} class="brand">{ t(Msg::AppName) }</a>
                <span class="topbar-actions">
                    <a href={Route::Settings.href()} class="topbar-link">{ t(Msg::SettingsLink) }</a>
                    { lock_button }
                </span>
            </header>
            { banners }
            <main class="page">{ page }</main>
        </>
    }
}

/// The home page as a member first sees it, with no drafts yet and its list still loading, in the
/// app's frame, rendered by Yew's server-side renderer from the same components. Run at build
/// time by `src/bin/prerender.rs`; `xtask dist` (`site.rs`) puts it into `index.html`.
#[cfg(feature = "ssr")]
pub async fn prerender() -> String {
    yew::LocalServerRenderer::<Prerendered>::new()
        .hydratable(false)
        .render()
        .await
}

#[cfg(feature = "ssr")]
#[function_component(Prerendered)]
fn prerendered() -> Html {
    // An empty store in memory: nothing reads it while rendering, the effects never run.
    let store = use_memo((), |()| Rc::new(Store::memory()));
    html! {
        <ContextProvider<AppContext> context={AppContext { store: (*store).clone() }}>
            { frame(Html::default(), html! { <Home /> }, Html::default()) }
            <p class="starting" role="status">{ t(Msg::Starting) }</p>
            // Shown by the start script (xtask/src/site.rs) when the wasm cannot be loaded or run.
            <p class="start-failed notice notice-error" role="alert" hidden=true>{ t(Msg::StartFailed) }</p>
            <noscript><p class="notice notice-error">{ t(Msg::NoScript) }</p></noscript>
        </ContextProvider<AppContext>>
    }
}
