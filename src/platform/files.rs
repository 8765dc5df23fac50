//! Files in and out: the one way a file leaves the app (shared, downloaded or copied, as where
//! the app runs allows), and reading the files the member picked or pasted.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A file the member asked for: its name, its content and its type.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub name: String,
    pub body: Body,
    pub mime: &'static str,
}

/// What a file holds: text (an export, a CSV, a roll-up) or bytes (a Word file).
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Text(String),
    Bytes(Vec<u8>),
}

impl Outgoing {
    pub fn text(name: String, text: String, mime: &'static str) -> Outgoing {
        Outgoing {
            name,
            body: Body::Text(text),
            mime,
        }
    }

    pub fn bytes(name: String, bytes: Vec<u8>, mime: &'static str) -> Outgoing {
        Outgoing {
            name,
            body: Body::Bytes(bytes),
            mime,
        }
    }

    fn part(&self) -> JsValue {
        match &self.body {
            Body::Text(text) => JsValue::from_str(text),
            Body::Bytes(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
        }
    }
}

/// What became of a file the member asked for. Only `Shared` and `Requested` put a file in the
/// member's hands (as far as the page can know): the others say what to do instead.
#[derive(Debug, Clone, PartialEq)]
pub enum Delivered {
    /// The system share sheet is open with the file (Zalo, e-mail, Files, …).
    Shared,
    /// The browser was asked to download it: asked, not known to have happened. `instead` when
    /// the member asked to share and the browser cannot share this file.
    Requested { name: String, instead: bool },
    /// An app's browser, where a download may vanish: the file's text is offered to copy.
    Copy(std::rc::Rc<Outgoing>),
    /// An app's browser, and a file that is not text (a Word file): it cannot leave from here.
    Cannot { name: String },
}

impl Delivered {
    /// Whether the member now holds the file (for the export reminder).
    pub fn handed(&self) -> bool {
        matches!(self, Delivered::Shared | Delivered::Requested { .. })
    }
}

/// The one way every file leaves the app (ARCHITECTURE.md, invariant 25): shared, downloaded,
/// copied or refused as where the app runs allows (`Environment::hand_over`). `share` when the
/// member asked to send it ("Gửi"). Called straight from the tap: an `await` before `share()`
/// would lose the tap's user activation. Chromium shares only some file types, so a document is
/// named `….txt`, and `canShare` is asked about the real file, not a stand-in; where it says no,
/// the file is downloaded instead. A sheet the member dismisses (`AbortError`) is not an error;
/// any other failure goes to `failed`.
pub fn hand_over(
    file: Outgoing,
    share: bool,
    failed: impl FnOnce(String) + 'static,
) -> Result<Delivered, JsValue> {
    use tusoi_core::base::environment::HandOver;
    let text = matches!(file.body, Body::Text(_));
    match crate::platform::environment::read().hand_over(share, text) {
        HandOver::Copy => Ok(Delivered::Copy(std::rc::Rc::new(file))),
        HandOver::Cannot => Ok(Delivered::Cannot { name: file.name }),
        HandOver::Share if try_share(&file, failed)? => Ok(Delivered::Shared),
        _ => {
            download(&file)?;
            // Asked to send, and downloaded: said so, with what to do with the file.
            Ok(Delivered::Requested {
                name: file.name,
                instead: share,
            })
        }
    }
}

/// Opens the share sheet with `file` if the browser can share it; false where it cannot.
fn try_share(file: &Outgoing, failed: impl FnOnce(String) + 'static) -> Result<bool, JsValue> {
    let navigator = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .navigator();
    // Firefox on the desktop has neither method; calling one that is missing would throw.
    let has = |name: &str| {
        js_sys::Reflect::get(&navigator, &JsValue::from_str(name)).is_ok_and(|f| f.is_function())
    };
    if !(has("canShare") && has("share")) {
        return Ok(false);
    }
    let options = web_sys::FilePropertyBag::new();
    options.set_type(if matches!(file.body, Body::Text(_)) {
        "text/plain"
    } else {
        file.mime
    });
    let parts = js_sys::Array::of1(&file.part());
    let shared = web_sys::File::new_with_blob_sequence_and_options(&parts, &file.name, &options)?;
    let data = web_sys::ShareData::new();
    data.set_files(&js_sys::Array::of1(&shared));
    data.set_title(&file.name);
    if !navigator.can_share_with_data(&data) {
        return Ok(false);
    }
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
    Ok(true)
}

/// Asks the browser to download `file` under its name.
fn download(file: &Outgoing) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&file.part());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(file.mime);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = gloo_utils::document();
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(&file.name);
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

/// Puts `text` on the clipboard; whether the browser took it.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| c.is_object());
    let Some(clipboard) = clipboard else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")) else {
        return false;
    };
    let Ok(write) = write.dyn_into::<js_sys::Function>() else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) else {
        return false;
    };
    JsFuture::from(js_sys::Promise::from(promise)).await.is_ok()
}

/// A file made of text the member pasted, named `name`: it then goes where a picked file goes.
pub fn pasted_file(name: &str, text: &str) -> Result<web_sys::File, JsValue> {
    let options = web_sys::FilePropertyBag::new();
    options.set_type("text/plain");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    web_sys::File::new_with_str_sequence_and_options(&parts, name, &options)
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
