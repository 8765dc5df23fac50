//! The app's frame: opens the store, provides it to the pages, and routes by the URL's hash (a hash
//! router needs no rewrite rules, so any static web server and any sub-path will do).

use std::rc::Rc;

use tusoi_core::messages::{t, tf, Msg};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::effects::{apply_update, use_window_signal};
use crate::pages::{editor::Editor, home::Home, print::Print, settings::Settings, trash::Trash};
use crate::storage::{MemoryReason, Store};

/// The pages of the app.
#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/doc/:id")]
    Editor { id: String },
    #[at("/cai-dat")]
    Settings,
    #[at("/thung-rac")]
    Trash,
    #[at("/in/:id")]
    Print { id: String },
    #[not_found]
    #[at("/404")]
    NotFound,
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
            <HashRouter>
                <header class="topbar">
                    <Link<Route> to={Route::Home} classes="brand">{ t(Msg::AppName) }</Link<Route>>
                    <Link<Route> to={Route::Settings} classes="topbar-link">{ t(Msg::SettingsLink) }</Link<Route>>
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
                    <Switch<Route> render={switch} />
                </main>
            </HashRouter>
        </ContextProvider<AppContext>>
    }
}
