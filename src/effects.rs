//! The browser's side effects other than storage: the clock, fresh ids, downloads and reading the
//! file the member picked. Kept in one module so components stay declarative.

use tusoi_core::base::time::rfc3339_from_millis;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Now, as the RFC 3339 UTC text documents carry.
pub fn now() -> String {
    // `Date.now()` is a whole number of milliseconds well inside i64.
    #[allow(clippy::cast_possible_truncation)]
    rfc3339_from_millis(js_sys::Date::now() as i64)
}

/// A fresh document id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The review year to propose: the current year, except in January, when last year's review is
/// usually still being finished (reviews close by 31/12, special units by 15/01).
pub fn default_year() -> u16 {
    let date = js_sys::Date::new_0();
    let year = u16::try_from(date.get_full_year()).unwrap_or(2025);
    if date.get_month() == 0 {
        year - 1
    } else {
        year
    }
}

/// `hh:mm:ss` in the device's local time.
pub fn local_time() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// `dd/mm/yyyy hh:mm` in local time for an RFC 3339 instant.
pub fn local_date_time(rfc3339: &str) -> String {
    let d = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if d.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Offers a text file for download under a name, as the member asked for it.
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = gloo_utils_document();
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?
        .append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    // Revoking at once can cancel the download in some browsers; a minute is plenty.
    gloo_timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// A file name for an export: `tu-soi-<what>-<yyyy-mm-dd>.json`, ASCII only so every system keeps it.
pub fn export_file_name(what: &str) -> String {
    let slug: String = fold_ascii(what)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let date = &now()[..10];
    format!("tu-soi-{slug}-{date}.json")
}

/// Drops Vietnamese diacritics for file names.
fn fold_ascii(text: &str) -> String {
    const FROM: &str = "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ";
    const TO: &str = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydAAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD";
    text.chars()
        .map(|c| {
            FROM.chars()
                .position(|f| f == c)
                .and_then(|i| TO.chars().nth(i))
                .unwrap_or(c)
        })
        .collect()
}

/// The bytes of a file the member picked.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(js_error_text)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

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

fn gloo_utils_document() -> web_sys::Document {
    // The app only runs in a window with a document; index.html is what loads it.
    #[allow(clippy::expect_used)]
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Moves focus to a field and scrolls it into view, for the links of the problem list.
pub fn focus_field(id: &str) {
    if let Some(el) = gloo_utils_document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            el.scroll_into_view_with_scroll_into_view_options(&options);
            let _ = el.focus();
        }
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
    if let Ok(list) = gloo_utils_document().query_selector_all("textarea") {
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

/// A value that `sw/register.js` publishes on `window` under `global` and announces with the window
/// event `event`: read once at mount (the script may have run first) and again on every event.
#[yew::hook]
pub fn use_window_signal(global: &'static str, event: &'static str) -> Option<String> {
    let read = move || {
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

/// Asks `sw/register.js` to let the waiting version take over; it reloads the page when it has.
pub fn apply_update() {
    if let (Some(window), Ok(event)) =
        (web_sys::window(), web_sys::Event::new("tusoi-apply-update"))
    {
        let _ = window.dispatch_event(&event);
    }
}

/// Publishes a text value the way `sw/register.js` publishes its status: a global and a window event.
pub fn publish_value(global: &str, event: &str, value: &str) {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(
            &window,
            &JsValue::from_str(global),
            &JsValue::from_str(value),
        );
        if let Ok(e) = web_sys::Event::new(event) {
            let _ = window.dispatch_event(&e);
        }
    }
}

/// Publishes a signal the way `sw/register.js` does: a truthy global and a window event, read by
/// [`use_window_signal`].
pub fn publish_signal(global: &str, event: &str) {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &JsValue::from_str(global), &JsValue::TRUE);
        if let Ok(e) = web_sys::Event::new(event) {
            let _ = window.dispatch_event(&e);
        }
    }
}

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

/// `1,2 MB` for a number of bytes.
pub fn human_bytes(bytes: f64) -> String {
    let (value, unit) = if bytes >= 1e9 {
        (bytes / 1e9, "GB")
    } else if bytes >= 1e6 {
        (bytes / 1e6, "MB")
    } else {
        (bytes / 1e3, "KB")
    };
    format!(
        "{} {unit}",
        tusoi_core::base::number::format_fixed(value, 1)
    )
}

/// Milliseconds since the epoch, now.
pub fn now_ms() -> i64 {
    // `Date.now()` is a whole number of milliseconds well inside i64.
    #[allow(clippy::cast_possible_truncation)]
    let ms = js_sys::Date::now() as i64;
    ms
}
