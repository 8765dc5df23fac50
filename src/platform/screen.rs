//! Keeping the screen on while the member's phone shows a QR loop (the Screen Wake Lock API,
//! `navigator.wakeLock`, where the browser has it: Chrome 84+, Safari 16.4+; not Firefox ESR).
//! Without it the page says so, and the member touches the screen before it dims.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};

/// A wake lock asked for; released when dropped, even if the browser grants it later.
#[derive(Debug)]
pub struct Awake(Rc<RefCell<Holding>>);

#[derive(Debug, Default)]
struct Holding {
    sentinel: Option<JsValue>,
    released: bool,
}

fn release(sentinel: &JsValue) {
    if let Ok(f) = js_sys::Reflect::get(sentinel, &JsValue::from_str("release")) {
        if let Ok(f) = f.dyn_into::<js_sys::Function>() {
            // A promise; a lock the browser already let go of rejects, which says nothing new.
            let _ = f.call0(sentinel);
        }
    }
}

/// Asks the browser to keep the screen on; `None` where it cannot (no API here).
pub fn keep_on() -> Option<Awake> {
    let navigator = web_sys::window()?.navigator();
    let lock = js_sys::Reflect::get(&navigator, &JsValue::from_str("wakeLock"))
        .ok()
        .filter(|v| v.is_object())?;
    let request: js_sys::Function = js_sys::Reflect::get(&lock, &JsValue::from_str("request"))
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = request
        .call1(&lock, &JsValue::from_str("screen"))
        .ok()?
        .dyn_into()
        .ok()?;
    let holding = Rc::new(RefCell::new(Holding::default()));
    let later = holding.clone();
    wasm_bindgen_futures::spawn_local(async move {
        // Refused (the page hidden, a browser's policy): the screen may dim, nothing else.
        if let Ok(sentinel) = wasm_bindgen_futures::JsFuture::from(promise).await {
            let mut h = later.borrow_mut();
            if h.released {
                release(&sentinel);
            } else {
                h.sentinel = Some(sentinel);
            }
        }
    });
    Some(Awake(holding))
}

impl Drop for Awake {
    fn drop(&mut self) {
        let mut h = self.0.borrow_mut();
        h.released = true;
        if let Some(sentinel) = h.sentinel.take() {
            release(&sentinel);
        }
    }
}
