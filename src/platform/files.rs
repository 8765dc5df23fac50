//! Files in and out: offering a text file for download, reading the file the member picked.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Offers a text file for download under a name, as the member asked for it.
pub fn download(file_name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    offer(file_name, &JsValue::from_str(text), mime)
}

/// Offers a binary file (a Word file) for download under a name.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), JsValue> {
    offer(file_name, &js_sys::Uint8Array::from(bytes), mime)
}

fn offer(file_name: &str, part: &JsValue, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = gloo_utils::document();
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

/// What became of a file the member asked to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// The system share sheet is open with the file (Zalo, e-mail, …).
    Shared,
    /// The browser cannot share this file, so it was downloaded instead.
    Downloaded,
}

/// Opens the system share sheet with a text file when the browser can share it (Web Share with
/// files: phones, Safari), and downloads it otherwise (desktop Firefox, Linux). Called straight
/// from the tap: an `await` before `share()` would lose the tap's user activation. Chromium shares
/// only some file types, so the caller names the file `….txt`; `canShare` is asked about the real
/// file, not a stand-in. A sheet the member dismisses (`AbortError`) is not an error; any other
/// failure goes to `failed`.
pub fn share_or_download(
    file_name: &str,
    text: &str,
    failed: impl FnOnce(String) + 'static,
) -> Result<Sent, JsValue> {
    let navigator = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .navigator();
    // Firefox on the desktop has neither method; calling one that is missing would throw.
    let has = |name: &str| {
        js_sys::Reflect::get(&navigator, &JsValue::from_str(name)).is_ok_and(|f| f.is_function())
    };
    if has("canShare") && has("share") {
        let options = web_sys::FilePropertyBag::new();
        options.set_type("text/plain");
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let file = web_sys::File::new_with_str_sequence_and_options(&parts, file_name, &options)?;
        let data = web_sys::ShareData::new();
        data.set_files(&js_sys::Array::of1(&file));
        data.set_title(file_name);
        if navigator.can_share_with_data(&data) {
            let promise = navigator.share_with_data(&data);
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = JsFuture::from(promise).await {
                    let dismissed = e
                        .dyn_ref::<web_sys::DomException>()
                        .is_some_and(|d| d.name() == "AbortError");
                    if !dismissed {
                        failed(crate::platform::dom::js_error_text(e));
                    }
                }
            });
            return Ok(Sent::Shared);
        }
    }
    download(file_name, text, "text/plain")?;
    Ok(Sent::Downloaded)
}

/// The bytes of a file the member picked.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(crate::platform::dom::js_error_text)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The bytes of many files, read by the browser all at once: one wait for the batch instead of
/// one per file, which for thousands of files is most of the time. If any read fails, each file is
/// read again on its own, so one unreadable file has its own error and the others their bytes.
pub async fn read_files(files: &[web_sys::File]) -> Vec<Result<Vec<u8>, String>> {
    use crate::platform::timing::{mark, measure};
    mark("tusoi-read-ask");
    let reads = js_sys::Array::new();
    for file in files {
        reads.push(&file.array_buffer());
    }
    measure("tusoi-read-asked", "tusoi-read-ask");
    if let Ok(all) = JsFuture::from(js_sys::Promise::all(&reads)).await {
        measure("tusoi-read-answered", "tusoi-read-ask");
        mark("tusoi-read-copy");
        let out = js_sys::Array::from(&all)
            .iter()
            .map(|buffer| Ok(js_sys::Uint8Array::new(&buffer).to_vec()))
            .collect();
        measure("tusoi-read-copied", "tusoi-read-copy");
        return out;
    }
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        out.push(read_file(file).await);
    }
    out
}

/// The file the member picked in a file input, taken from its `change` event. The input is
/// cleared, so the same file can be picked again after a fix.
pub fn picked_file(event: &web_sys::Event) -> Option<web_sys::File> {
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}
