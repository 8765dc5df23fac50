//! The app's frame: opens the store, provides it to the pages, and routes by the URL's hash (a hash
//! router needs no rewrite rules, so any static web server and any sub-path will do).

use std::rc::Rc;

use tusoi_core::{t, Msg};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::effects::{apply_update, use_window_signal};
use crate::pages::{editor::Editor, home::Home, settings::Settings};
use crate::storage::Store;

/// The pages of the app.
#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/doc/:id")]
    Editor { id: String },
    #[at("/cai-dat")]
    Settings,
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
    }
}

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let store = use_state(|| None::<Rc<Store>>);
    let update_ready = use_window_signal("tusoiUpdateReady", "tusoi-update-ready").is_some();
    {
        let store = store.clone();
        use_effect_with((), move |()| {
            yew::platform::spawn_local(async move {
                store.set(Some(Rc::new(Store::open().await)));
            });
        });
    }
    let Some(store) = (*store).clone() else {
        return html! {
            <>
                <header class="topbar"><span class="brand">{ t(Msg::AppName) }</span></header>
                <main class="page"><p class="loading" role="status">{ t(Msg::Loading) }</p></main>
            </>
        };
    };
    let persistent = store.is_persistent();
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
                if !persistent {
                    <div class="banner banner-danger" role="alert" id="memory-only-banner">
                        { t(Msg::MemoryOnlyBanner) }
                    </div>
                }
                <main class="page">
                    <Switch<Route> render={switch} />
                </main>
            </HashRouter>
        </ContextProvider<AppContext>>
    }
}
