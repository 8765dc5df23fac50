//! The chi bộ workspace's QR scanner (`crates/scan`, built into `chibo/qr/` by `cargo xtask
//! dist`): fetched the first time "Quét mã QR" is tapped, by adding `qr/start.js` to the page,
//! so the workspace's own wasm carries neither the decoder nor the scanner's panel and words.
//! The scanner draws its panel into the element it is given and hands back each file it reads;
//! the service worker keeps its files with the workspace's, for offline use (docs/qr.md).

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The scanner's panel, open; dropping it turns the camera off.
#[derive(Debug)]
pub struct Scanner {
    handle: JsValue,
    _on_file: Closure<dyn FnMut(JsValue)>,
    _on_close: Closure<dyn FnMut()>,
}

fn field(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn call(object: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    field(object, method).dyn_into::<Function>()?.call0(object)
}

/// The scanner's module, loaded once per page.
async fn module() -> Result<JsValue, JsValue> {
    let window = gloo_utils::window();
    let mut loading = field(&window, "tusoiScan");
    if loading.is_undefined() {
        let document = gloo_utils::document();
        let script = document.create_element("script")?;
        script.set_attribute("type", "module")?;
        script.set_attribute("src", "qr/start.js")?;
        let loaded = Promise::new(&mut |resolve, reject| {
            let _ = script.add_event_listener_with_callback("load", &resolve);
            let _ = script.add_event_listener_with_callback("error", &reject);
        });
        document
            .query_selector("head")?
            .ok_or(JsValue::NULL)?
            .append_child(&script)?;
        JsFuture::from(loaded).await?;
        loading = field(&window, "tusoiScan");
    }
    JsFuture::from(loading.dyn_into::<Promise>()?).await
}

/// Loads the scanner if needed and draws its panel into `slot`: `on_file(file)` takes each file
/// read (named "mã QR số n, lúc …"), `on_close()` follows "Đóng máy ảnh". `Err` when the scanner
/// could not be fetched (offline before the workspace was ever opened online).
pub async fn open(
    slot: &web_sys::Element,
    mut on_file: impl FnMut(web_sys::File) + 'static,
    on_close: impl FnMut() + 'static,
) -> Result<Scanner, JsValue> {
    let module = module().await?;
    let on_file =
        Closure::<dyn FnMut(JsValue)>::new(move |file: JsValue| on_file(file.unchecked_into()));
    let on_close = Closure::<dyn FnMut()>::new(on_close);
    let handle = field(&module, "open").dyn_into::<Function>()?.call3(
        &JsValue::NULL,
        slot,
        on_file.as_ref(),
        on_close.as_ref(),
    )?;
    Ok(Scanner {
        handle,
        _on_file: on_file,
        _on_close: on_close,
    })
}

impl Drop for Scanner {
    fn drop(&mut self) {
        let _ = call(&self.handle, "close");
        // The scanner's side of the object, its panel and listeners.
        let _ = call(&self.handle, "free");
    }
}
