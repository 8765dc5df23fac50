//! What the browser reports about where the app runs (its user agent, whether it was opened from
//! the home screen, whether it can share files), read once and judged by the core
//! (`tusoi_core::base::environment`); and the two things an app's own browser needs to leave:
//! the address to copy, and Chrome's intent link on Android.

use tusoi_core::base::environment::{Environment, Reported};
use wasm_bindgen::{JsCast, JsValue};

/// Where the app runs, from what this browser reports now. The home page rendered at build time
/// (`src/bin/prerender.rs`, natively) is a real browser's.
#[cfg(not(target_arch = "wasm32"))]
pub fn read() -> Environment {
    Environment::of(&Reported::default())
}

/// Where the app runs, from what this browser reports now.
#[cfg(target_arch = "wasm32")]
pub fn read() -> Environment {
    let Some(window) = web_sys::window() else {
        return Environment::of(&Reported::default());
    };
    let navigator = window.navigator();
    let user_agent = navigator.user_agent().unwrap_or_default();
    let has = |name: &str| {
        js_sys::Reflect::get(&navigator, &JsValue::from_str(name)).is_ok_and(|f| f.is_function())
    };
    // iOS says `navigator.standalone`; the others match the manifest's display mode.
    let ios_standalone = js_sys::Reflect::get(&navigator, &JsValue::from_str("standalone"))
        .is_ok_and(|v| v.is_truthy());
    let standalone = ios_standalone
        || window
            .match_media("(display-mode: standalone)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
    Environment::of(&Reported {
        user_agent: &user_agent,
        standalone,
        can_share: has("share") && has("canShare"),
        // Asked of the browser asynchronously, and judged by nothing on the first screen.
        persisted: false,
    })
}

/// This page's address, as the member copies it into a real browser.
pub fn address() -> String {
    gloo_utils::window().location().href().unwrap_or_default()
}

/// The same address as a link that Android opens in Chrome from an app's browser.
pub fn chrome_intent() -> String {
    tusoi_core::base::environment::chrome_intent(&address())
}

/// One of `window`'s two storages (`sessionStorage` or `localStorage`), through `Reflect`: an
/// app's browser may have neither, or refuse them, and a flag there is only ever a convenience.
fn storage(which: &str) -> Option<JsValue> {
    // The home page rendered at build time runs natively, where there is no window.
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &JsValue::from_str(which))
        .ok()
        .filter(JsValue::is_object)
}

fn flag(which: &str, key: &str) -> bool {
    let Some(storage) = storage(which) else {
        return false;
    };
    js_sys::Reflect::get(&storage, &JsValue::from_str("getItem"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&storage, &JsValue::from_str(key)).ok())
        .is_some_and(|v| v.as_string().is_some())
}

fn set_flag(which: &str, key: &str) {
    let Some(storage) = storage(which) else {
        return;
    };
    if let Some(f) = js_sys::Reflect::get(&storage, &JsValue::from_str("setItem"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = f.call2(&storage, &JsValue::from_str(key), &JsValue::from_str("1"));
    }
}

/// A flag kept while this tab lives (`sessionStorage`), shared by the site's pages.
pub fn session_flag(key: &str) -> bool {
    flag("sessionStorage", key)
}

pub fn set_session_flag(key: &str) {
    set_flag("sessionStorage", key);
}

/// A flag kept on the device (`localStorage`), gone with the site's data.
pub fn device_flag(key: &str) -> bool {
    flag("localStorage", key)
}

pub fn set_device_flag(key: &str) {
    set_flag("localStorage", key);
}

/// Shows the browser's own install prompt that `sw/register.js` kept (`beforeinstallprompt`).
pub fn prompt_install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(event) = js_sys::Reflect::get(&window, &JsValue::from_str("tusoiInstallPrompt")) else {
        return;
    };
    if let Some(prompt) = js_sys::Reflect::get(&event, &JsValue::from_str("prompt"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = prompt.call0(&event);
    }
    // A prompt can be shown once.
    let _ = js_sys::Reflect::set(
        &window,
        &JsValue::from_str("tusoiInstallPrompt"),
        &JsValue::NULL,
    );
}
