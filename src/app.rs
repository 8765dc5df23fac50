//! The app's frame: opens the store, provides it to the pages, and routes by the URL's hash (a hash
//! router needs no rewrite rules, so any static web server and any sub-path will do). The router
//! is the few lines below rather than yew-router, which cost about 8 kB of the 250 kB budget:
//! links are plain `<a href="#/…">`, and [`use_route`] follows `hashchange`.

use std::rc::Rc;

use tusoi_core::base::messages::{t, tf, Msg};
use yew::prelude::*;

use crate::effects::{apply_update, use_window_signal};
use crate::pages::{editor::Editor, home::Home, print::Print, settings::Settings, trash::Trash};
use crate::storage::{MemoryReason, Store};

/// The pages of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    Home,
    Editor { id: String },
    Settings,
    Trash,
    Print { id: String },
    NotFound,
}

impl Route {
    /// The link to the page: `#/doc/<id>`.
    pub fn href(&self) -> String {
        match self {
            Route::Home | Route::NotFound => "#/".into(),
            Route::Editor { id } => format!("#/doc/{id}"),
            Route::Settings => "#/cai-dat".into(),
            Route::Trash => "#/thung-rac".into(),
            Route::Print { id } => format!("#/in/{id}"),
        }
    }

    /// The page a URL hash names.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            [""] => Route::Home,
            ["doc", id] if !id.is_empty() => Route::Editor {
                id: (*id).to_owned(),
            },
            ["in", id] if !id.is_empty() => Route::Print {
                id: (*id).to_owned(),
            },
            ["cai-dat"] => Route::Settings,
            ["thung-rac"] => Route::Trash,
            _ => Route::NotFound,
        }
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Goes to a page, as a click on its link would.
pub fn navigate(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.href()[1..]);
    }
}

/// The current page, following `hashchange`; a new page starts at its top.
#[hook]
pub fn use_route() -> Route {
    let route = use_state(|| Route::parse(&current_hash()));
    {
        let route = route.clone();
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "hashchange", move |_| {
                    route.set(Route::parse(&current_hash()));
                    if let Some(w) = web_sys::window() {
                        w.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                })
            });
            move || drop(listener)
        });
    }
    (*route).clone()
}

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
    // Pages are rendered inside the provider below and nowhere else.
    #[allow(clippy::expect_used)]
    use_context::<AppContext>()
        .expect("AppContext is provided by App")
        .store
}

#[function_component(Pages)]
fn pages() -> Html {
    switch(use_route())
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home | Route::NotFound => html! { <Home /> },
        Route::Editor { id } => html! { <Editor {id} /> },
        Route::Settings => html! { <Settings /> },
        Route::Trash => html! { <Trash /> },
        Route::Print { id } => html! { <Print {id} /> },
    }
}

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let store = use_state(|| None::<Rc<Store>>);
    let update_ready = use_window_signal("tusoiUpdateReady", "tusoi-update-ready").is_some();
    let db_blocked = use_window_signal("tusoiDbBlocked", "tusoi-db-blocked").is_some();
    let db_replaced = use_window_signal("tusoiDbReplaced", "tusoi-db-replaced").is_some();
    let memory_exported_at = use_window_signal("tusoiMemoryExportedAt", "tusoi-memory-exported");
    {
        let store = store.clone();
        use_effect_with((), move |()| {
            yew::platform::spawn_local(async move {
                let opened = Store::open().await;
                // Documents past their 30 days in the trash go now; a failure only delays that.
                let _ = opened.purge_trash(crate::effects::now_ms()).await;
                store.set(Some(Rc::new(opened)));
            });
        });
    }
    let Some(store) = (*store).clone() else {
        return html! {
            <>
                <header class="topbar"><span class="brand">{ t(Msg::AppName) }</span></header>
                <main class="page">
                    <p class="loading" role="status">{ t(Msg::Loading) }</p>
                    if db_blocked {
                        <p class="notice notice-error" role="alert" id="db-blocked">{ t(Msg::DbBlocked) }</p>
                    }
                </main>
            </>
        };
    };
    let memory_banner = match (store.memory_reason(), memory_exported_at) {
        (None, _) => None,
        (Some(MemoryReason::DatabaseTooNew), _) => Some(t(Msg::ErrorDatabaseTooNew).to_owned()),
        (Some(MemoryReason::Unavailable), Some(time)) => {
            Some(tf(Msg::MemoryExportedAt, &[("time", &time)]))
        }
        (Some(MemoryReason::Unavailable), None) => Some(t(Msg::MemoryOnlyBanner).to_owned()),
    };
    html! {
        <ContextProvider<AppContext> context={AppContext { store }}>
                <header class="topbar">
                    <a href={Route::Home.href()} class="brand">{ t(Msg::AppName) }</a>
                    <a href={Route::Settings.href()} class="topbar-link">{ t(Msg::SettingsLink) }</a>
                </header>
                if update_ready {
                    <div class="banner banner-update" role="status" id="update-banner">
                        { t(Msg::UpdateReady) }{ " " }
                        <button id="update-reload" onclick={Callback::from(|_| apply_update())}>{ t(Msg::UpdateReload) }</button>
                    </div>
                }
                if let Some(text) = memory_banner {
                    <div class="banner banner-danger" role="alert" id="memory-only-banner">{ text }</div>
                }
                if db_replaced {
                    <div class="banner banner-danger" role="alert" id="db-replaced">{ t(Msg::DbReplaced) }</div>
                }
                <main class="page">
                    <Pages />
                </main>
        </ContextProvider<AppContext>>
    }
}
