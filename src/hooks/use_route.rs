//! The current page (`routes::Route` in the member's app, `routes::View` in the workspace),
//! following `hashchange`.

use yew::prelude::*;

use crate::routes::{current_hash, Address};

/// The current page, following `hashchange`; a new page starts at its top.
#[hook]
pub fn use_route<R: Address>() -> R {
    let route = use_state(|| R::parse(&current_hash()));
    {
        let route = route.clone();
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "hashchange", move |_| {
                    route.set(R::parse(&current_hash()));
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
