//! Persistent storage: asking the browser to keep the site's data, and what it says it keeps.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Asks the browser to keep this site's storage under pressure (`navigator.storage.persist()`).
/// Best effort: Safari ignores it in a tab; nothing depends on the answer.
pub fn request_persistence() {
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
        return;
    };
    if let Ok(promise) = storage.persist() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// Whether the browser has the StorageManager API at all (`navigator.storage`); WebKitGTK 2.50
/// has none, and older Safari had none, so nothing can say whether the data is kept.
pub fn storage_manager_present() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("storage"))
            .is_ok_and(|v| !v.is_undefined() && !v.is_null())
    })
}

/// Whether storage is persistent, and bytes used and allowed, as the browser reports them.
pub async fn storage_estimate() -> Option<(bool, f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let persisted = JsFuture::from(storage.persisted().ok()?)
        .await
        .ok()?
        .is_truthy();
    let estimate = JsFuture::from(storage.estimate().ok()?).await.ok()?;
    let number = |key: &str| {
        js_sys::Reflect::get(&estimate, &JsValue::from_str(key))
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some((
        persisted,
        number("usage").unwrap_or(0.0),
        number("quota").unwrap_or(0.0),
    ))
}
