//! The page itself: focusing a field, sizing text areas to their text, reading a JS error.

use wasm_bindgen::{JsCast, JsValue};

/// The message of a JS error value.
pub fn js_error_text(value: JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .or_else(|| {
            js_sys::JSON::stringify(&value)
                .ok()
                .and_then(|s| s.as_string())
        })
        .unwrap_or_default()
}

/// Resolves once the browser has painted what was rendered before the call: a zero timeout
/// queued from an animation frame runs after that frame's paint. A hidden page gets no frames,
/// so a quarter of a second resolves it anyway: what waits for the paint is never held back long.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        let done = resolve.clone();
        let after_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            let done = wasm_bindgen::closure::Closure::once_into_js(move || {
                let _ = done.call0(&JsValue::NULL);
            });
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(done.unchecked_ref());
            }
        });
        let fallback = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let _ = window.request_animation_frame(after_frame.unchecked_ref());
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(fallback.unchecked_ref(), 250);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Asks the member a yes/no question with the browser's own dialog; `false` where none can show.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false)
}

/// Opens a `<details>` and brings its summary into view with focus (the overview of a pledge's
/// progress leads to each commitment's record).
pub fn open_and_focus(id: &str) {
    if let Some(el) = gloo_utils::document().get_element_by_id(id) {
        let _ = el.set_attribute("open", "");
        if let Ok(Some(summary)) = el.query_selector("summary") {
            scroll_and_focus(summary);
        }
    }
}

/// Moves focus to a field and scrolls it into view, for the links of the problem list.
pub fn focus_field(id: &str) {
    if let Some(el) = gloo_utils::document().get_element_by_id(id) {
        scroll_and_focus(el);
    }
}

fn scroll_and_focus(el: web_sys::Element) {
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&options);
        let _ = el.focus();
    }
}

/// Grows a text area to fit its text, so the member never scrolls inside a small box on a phone.
pub fn fit_text_area(area: &web_sys::HtmlTextAreaElement) {
    let style = area.style();
    let _ = style.set_property("height", "auto");
    let _ = style.set_property("height", &format!("{}px", area.scroll_height() + 2));
}

/// Sizes every text area once the current render has reached the page (for text set by a button).
pub fn fit_after_render() {
    gloo_timers::callback::Timeout::new(0, fit_all_text_areas).forget();
}

/// Fits every text area on the page (after a document is loaded).
pub fn fit_all_text_areas() {
    if let Ok(list) = gloo_utils::document().query_selector_all("textarea") {
        for i in 0..list.length() {
            if let Some(area) = list
                .get(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                fit_text_area(&area);
            }
        }
    }
}

/// The id of the copy of the home page that `index.html` carries from the build (`cargo
/// xtask dist`, `xtask/src/site.rs`), shown, inert, until the app has started.
pub const PRERENDERED: &str = "prerendered";

/// Replaces the build's copy of the home page with the app, in one step, so the member sees no
/// flash: the app has rendered into the hidden `#app` meanwhile. Then tells `sw/register.js` that
/// the app has started (`window.tusoiStarted`, the event "tusoi-started"): the service worker is
/// registered only then. Does nothing the second time.
pub fn reveal_app() {
    let document = gloo_utils::document();
    if let Some(copy) = document.get_element_by_id(PRERENDERED) {
        copy.remove();
        if let Some(app) = document.get_element_by_id("app") {
            let _ = app.remove_attribute("hidden");
        }
    }
    let window = gloo_utils::window();
    let started = wasm_bindgen::JsValue::from_str("tusoiStarted");
    if js_sys::Reflect::get(&window, &started).is_ok_and(|v| v.is_truthy()) {
        return;
    }
    let _ = js_sys::Reflect::set(&window, &started, &wasm_bindgen::JsValue::TRUE);
    if let Ok(event) = web_sys::Event::new("tusoi-started") {
        let _ = window.dispatch_event(&event);
    }
}

/// The text an input holds now, if the page has it (`None` before the first render).
pub fn input_text(id: &str) -> Option<String> {
    gloo_utils::document()
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()
        .map(|input| input.value())
}
