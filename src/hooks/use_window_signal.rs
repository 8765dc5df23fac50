//! A value that JavaScript publishes on `window` (only `sw/register.js` does).

use wasm_bindgen::JsValue;

/// A value that `sw/register.js` publishes on `window` under `global` and announces with the window
/// event `event`: read once at mount (the script may have run first) and again on every event.
#[yew::hook]
pub fn use_window_signal(global: &'static str, event: &'static str) -> Option<String> {
    let read = move || {
        // The home page rendered at build time runs natively: no window, nothing published.
        if cfg!(not(target_arch = "wasm32")) {
            return None;
        }
        web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str(global)).ok())
            .and_then(|v| {
                if v.is_truthy() {
                    Some(v.as_string().unwrap_or_else(|| "true".into()))
                } else {
                    None
                }
            })
    };
    let value = yew::use_state(read);
    {
        let value = value.clone();
        yew::use_effect_with((), move |()| {
            let listener = web_sys::window()
                .map(|w| gloo_events::EventListener::new(&w, event, move |_| value.set(read())));
            move || drop(listener)
        });
    }
    (*value).clone()
}
