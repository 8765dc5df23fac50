//! The chi bộ workspace's QR scanner (`crates/scan`, built into `chibo/qr/` by `cargo xtask
//! dist`): fetched the first time "Quét mã QR" is tapped, by adding `qr/start.js` to the page,
//! so the workspace's own wasm carries neither the decoder nor the scanner's panel and words.
//! The scanner draws its panel into the slot it is given and hands back each file it reads, as a
//! `File`; the service worker keeps its files with the workspace's, for offline use (docs/qr.md).
//!
//! The slot carries the callbacks as properties (`tusoiOnFile`, `tusoiOnFailed`) and `start.js`
//! puts the scanner on it (`tusoiScanner`), and empties it on "Đóng máy ảnh": a handshake of a
//! few properties, so the workspace's first load grows by little more than the button (issue
//! #32: at most 2 kB).

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The scanner's callbacks, kept while the workspace's page is open; dropped with the page, they
/// turn the camera off if the scanner is still open.
#[derive(Debug)]
pub struct Scanner {
    slot: web_sys::Element,
    _callbacks: [Closure<dyn FnMut(JsValue)>; 2],
}

const SCRIPT: &str = "tusoi-scan";

fn scanner_in(slot: &web_sys::Element) -> JsValue {
    Reflect::get(slot, &"tusoiScanner".into()).unwrap_or(JsValue::UNDEFINED)
}

/// Opens the scanner in `slot` (loading it the first time): `on_file(file)` takes each file read
/// (named "mã QR số n, lúc …"), `on_failed()` is called when the scanner could not be fetched
/// (offline before the workspace was ever opened online). `None` when it is open already.
pub fn open(
    slot: &web_sys::Element,
    mut on_file: impl FnMut(web_sys::File) + 'static,
    mut on_failed: impl FnMut() + 'static,
) -> Option<Scanner> {
    if !scanner_in(slot).is_undefined() {
        return None;
    }
    // Boxed before they are wrapped: one closure type for wasm-bindgen's glue, not two.
    let boxed: [Box<dyn FnMut(JsValue)>; 2] = [
        Box::new(move |file: JsValue| on_file(file.unchecked_into())),
        Box::new(move |event: JsValue| {
            // `start.js` not fetched: its element goes, so the next tap tries again.
            if let Ok(script) = Reflect::get(&event, &"target".into())
                .and_then(|t| t.dyn_into::<web_sys::Element>())
            {
                script.remove();
            }
            on_failed();
        }),
    ];
    let callbacks = boxed.map(Closure::wrap);
    for (name, callback) in ["tusoiOnFile", "tusoiOnFailed"].iter().zip(&callbacks) {
        let _ = Reflect::set(slot, &(*name).into(), callback.as_ref());
    }
    let document = gloo_utils::document();
    if document.get_element_by_id(SCRIPT).is_some() {
        // Loaded before: it opens the scanner when asked.
        if let Ok(ask) = web_sys::Event::new(SCRIPT) {
            let _ = document.dispatch_event(&ask);
        }
    } else if let Ok(script) = document.create_element("script") {
        let _ =
            script.add_event_listener_with_callback("error", callbacks[1].as_ref().unchecked_ref());
        for (name, value) in [("id", SCRIPT), ("type", "module"), ("src", "qr/start.js")] {
            let _ = script.set_attribute(name, value);
        }
        if let Ok(Some(head)) = document.query_selector("head") {
            let _ = head.append_child(&script);
        }
    }
    Some(Scanner {
        slot: slot.clone(),
        _callbacks: callbacks,
    })
}

impl Drop for Scanner {
    fn drop(&mut self) {
        let scanner = scanner_in(&self.slot);
        // The camera off, then the scanner's side of the object (its panel, its listeners).
        for method in ["close", "free"] {
            if let Ok(f) =
                Reflect::get(&scanner, &method.into()).and_then(|f| f.dyn_into::<Function>())
            {
                let _ = f.call0(&scanner);
            }
        }
        let _ = Reflect::set(&self.slot, &"tusoiScanner".into(), &JsValue::UNDEFINED);
    }
}
