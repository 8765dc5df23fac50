//! The scanner in the browser: its panel, drawn into the element the workspace gives it, the
//! camera, and the reading loop. The workspace's own wasm holds only the button that loads this
//! module and the callbacks that take a file received and the panel's closing; every word of the
//! panel is the core's (`tusoi_core::base::frames`), so it is fetched with the decoder, not with
//! the workspace.
//!
//! The panel: an explanation and "Mở máy ảnh" first (the browser asks for the camera only then);
//! while reading, the camera's picture, "Đã đọc k/n mã…", what a code read was not taken for, the
//! files received, "Bỏ tệp đang nhận" while one is half in, and "Đóng máy ảnh" throughout.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use tusoi_core::base::frames::{
    ft, scan_file_name, scan_progress, scan_received, CameraProblem, FrameMsg, Heard, Receiver,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlVideoElement, MediaStream,
};

use crate::{luma_of_rgba, read_codes, READ_SIDE};

/// The pause after each frame read: the loop shows 5 frames a second and the scanner looks about
/// twice as often, leaving the phone's processor time to draw.
const PAUSE_MS: i32 = 40;

/// The panel's elements, by the id each has in [`panel_html`].
struct Panel {
    root: Element,
    explain: Element,
    error: Element,
    status: Element,
    video: HtmlVideoElement,
    progress: Element,
    said: Element,
    received: Element,
    start: Element,
    drop: Element,
}

/// Shows `element` with `text`, or hides it. `hidden` alone would not do: the workspace's style
/// sheet gives buttons a display of their own, which wins over the attribute's.
fn show(element: &Element, text: Option<&str>) {
    let style = element.unchecked_ref::<web_sys::HtmlElement>().style();
    match text {
        Some(text) => {
            element.set_text_content(Some(text));
            let _ = element.remove_attribute("hidden");
            let _ = style.remove_property("display");
        }
        None => {
            let _ = element.set_attribute("hidden", "");
            let _ = style.set_property("display", "none");
        }
    }
}

/// The panel's markup: the catalogue's words, none of which holds markup.
fn panel_html() -> String {
    format!(
        r#"<section class="card scan" id="scan" aria-labelledby="scan-title" data-phase="explain">
<h3 id="scan-title">{title}</h3>
<p class="muted" id="scan-explain">{explain}</p>
<p class="notice notice-error" role="alert" id="scan-error" hidden></p>
<p role="status" id="scan-status" hidden></p>
<video id="scan-video" muted autoplay playsinline hidden></video>
<p role="status" id="scan-progress" hidden></p>
<p class="notice" id="scan-said" hidden></p>
<p id="scan-received" data-count="0" hidden></p>
<div class="actions"><button class="primary" id="scan-start">{start}</button><button id="scan-drop" hidden>{drop}</button><button id="scan-close">{close}</button></div>
</section>"#,
        title = ft(FrameMsg::ScanTitle),
        explain = ft(FrameMsg::ScanExplain),
        start = ft(FrameMsg::ScanStart),
        drop = ft(FrameMsg::ScanDrop),
        close = ft(FrameMsg::ScanClose),
    )
}

/// The camera while it is on.
struct Camera {
    stream: MediaStream,
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    /// The browser's `BarcodeDetector`, where it reads QR codes.
    detector: Option<JsValue>,
}

struct Inner {
    panel: Panel,
    camera: RefCell<Option<Camera>>,
    receiver: RefCell<Receiver>,
    on_file: Function,
    on_close: Function,
    /// Bumped each time the camera turns on or off: a reading loop of an earlier turn ends.
    turn: Cell<u32>,
    received: Cell<usize>,
    /// What was said last, so a misread repeated on every turn is said once.
    said: RefCell<Option<String>>,
    listeners: RefCell<Vec<Closure<dyn FnMut()>>>,
}

/// The scanner's panel, open in the workspace.
#[wasm_bindgen]
pub struct Scanner {
    inner: Rc<Inner>,
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scanner")
            .field("received", &self.inner.received.get())
            .finish_non_exhaustive()
    }
}

/// Draws the scanner's panel into `slot` and waits for "Mở máy ảnh". `on_file(file)` takes each
/// file received, a `File` named "mã QR số n, lúc hh:mm:ss" for the workspace to receive as a
/// picked one; `on_close()` is called after "Đóng máy ảnh", once the camera is off (`start.js`
/// then empties the slot).
#[wasm_bindgen]
pub fn open(slot: Element, on_file: Function, on_close: Function) -> Result<Scanner, JsValue> {
    slot.set_inner_html(&panel_html());
    let find = |id: &str| -> Result<Element, JsValue> {
        slot.query_selector(&format!("#{id}"))?
            .ok_or_else(|| JsValue::from_str(id))
    };
    let panel = Panel {
        root: find("scan")?,
        explain: find("scan-explain")?,
        error: find("scan-error")?,
        status: find("scan-status")?,
        video: find("scan-video")?.unchecked_into(),
        progress: find("scan-progress")?,
        said: find("scan-said")?,
        received: find("scan-received")?,
        start: find("scan-start")?,
        drop: find("scan-drop")?,
    };
    let close = find("scan-close")?;
    let inner = Rc::new(Inner {
        panel,
        camera: RefCell::new(None),
        receiver: RefCell::new(Receiver::new()),
        on_file,
        on_close,
        turn: Cell::new(0),
        received: Cell::new(0),
        said: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
    });
    let on = |element: &Element, act: fn(&Rc<Inner>)| {
        let weak: Weak<Inner> = Rc::downgrade(&inner);
        let listener = Closure::<dyn FnMut()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                act(&inner);
            }
        });
        let _ =
            element.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref());
        inner.listeners.borrow_mut().push(listener);
    };
    on(&inner.panel.start, |inner| {
        wasm_bindgen_futures::spawn_local(start(inner.clone()));
    });
    on(&inner.panel.drop, |inner| {
        inner.receiver.borrow_mut().drop_partial();
        inner.said.replace(None);
        inner.show_progress();
    });
    on(&close, |inner| {
        inner.stop();
        // After this handler has returned: the workspace drops the scanner, and its callbacks,
        // when told.
        let on_close = inner.on_close.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = on_close.call0(&JsValue::NULL);
        });
    });
    Ok(Scanner { inner })
}

#[wasm_bindgen]
impl Scanner {
    /// Turns the camera off (the workspace's page left, or the panel closed).
    pub fn close(&self) {
        self.inner.stop();
    }
}

/// "Mở máy ảnh": asks for the rear camera and starts reading, or says why it cannot.
async fn start(inner: Rc<Inner>) {
    inner.set_phase("opening");
    show(&inner.panel.error, None);
    show(&inner.panel.start, None);
    show(&inner.panel.status, Some(ft(FrameMsg::ScanOpening)));
    let opened = open_camera(&inner.panel.video).await;
    show(&inner.panel.status, None);
    match opened {
        Ok(camera) => {
            let decoder = if camera.detector.is_some() {
                "BarcodeDetector"
            } else {
                "wasm"
            };
            let _ = inner.panel.root.set_attribute("data-decoder", decoder);
            inner.camera.replace(Some(camera));
            inner.set_phase("reading");
            show(&inner.panel.explain, None);
            // Its style set here, not in the workspace's style sheet, which the workspace's
            // first load would carry; through the CSSOM, which the page's CSP allows.
            let style = inner.panel.video.style();
            for (property, value) in [
                ("display", "block"),
                ("width", "100%"),
                ("max-height", "60vh"),
                ("background", "#000"),
                ("border-radius", "6px"),
                ("object-fit", "contain"),
            ] {
                let _ = style.set_property(property, value);
            }
            let _ = inner.panel.video.remove_attribute("hidden");
            inner.show_progress();
            inner.turn.set(inner.turn.get() + 1);
            run(inner.clone(), inner.turn.get()).await;
        }
        Err(problem) => {
            inner.set_phase("failed");
            show(&inner.panel.error, Some(&problem.message()));
            show(&inner.panel.start, Some(ft(FrameMsg::ScanStart)));
        }
    }
}

/// The rear camera (a laptop's only one otherwise), playing in `video`.
async fn open_camera(video: &HtmlVideoElement) -> Result<Camera, CameraProblem> {
    let window = web_sys::window().ok_or(CameraProblem::NoApi)?;
    // In an insecure page, and in some in-app browsers, `navigator.mediaDevices` is undefined.
    let devices =
        Reflect::get(&window.navigator(), &"mediaDevices".into()).unwrap_or(JsValue::UNDEFINED);
    if devices.is_undefined() || devices.is_null() {
        return Err(CameraProblem::NoApi);
    }
    let devices: web_sys::MediaDevices = devices.unchecked_into();
    let ideal = |value: JsValue| {
        let o = Object::new();
        let _ = Reflect::set(&o, &"ideal".into(), &value);
        o
    };
    // At a size whose frames the decoder reads at once scaled to `READ_SIDE`.
    let wanted = Object::new();
    let _ = Reflect::set(&wanted, &"facingMode".into(), &ideal("environment".into()));
    let _ = Reflect::set(&wanted, &"width".into(), &ideal(1280.into()));
    let _ = Reflect::set(&wanted, &"height".into(), &ideal(720.into()));
    let constraints = web_sys::MediaStreamConstraints::new();
    constraints.set_audio(&false.into());
    constraints.set_video(&wanted);
    let asked = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(camera_problem)?;
    let stream: MediaStream = JsFuture::from(asked)
        .await
        .map_err(camera_problem)?
        .unchecked_into();
    let document = window.document().ok_or(CameraProblem::NoApi)?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(camera_problem)?
        .unchecked_into();
    let options = Object::new();
    let _ = Reflect::set(&options, &"willReadFrequently".into(), &true.into());
    let context = canvas
        .get_context_with_context_options("2d", &options)
        .ok()
        .flatten()
        .ok_or(CameraProblem::NoApi)?
        .unchecked_into();
    let camera = Camera {
        stream,
        canvas,
        context,
        detector: barcode_detector(&window).await,
    };
    video.set_muted(true);
    video.set_src_object(Some(&camera.stream));
    if let Err(error) = video.play().map(JsFuture::from) {
        camera.stop(video);
        return Err(camera_problem(error));
    }
    Ok(camera)
}

/// The problem an error of `getUserMedia` names.
fn camera_problem(error: JsValue) -> CameraProblem {
    let field = |name: &str| {
        Reflect::get(&error, &name.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    CameraProblem::of_error(&field("name"), &field("message"))
}

/// The browser's `BarcodeDetector` for QR codes, where there is one that reads them.
async fn barcode_detector(window: &web_sys::Window) -> Option<JsValue> {
    let class: Function = Reflect::get(window, &"BarcodeDetector".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let supported: Function = Reflect::get(&class, &"getSupportedFormats".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let formats = JsFuture::from(supported.call0(&class).ok()?.dyn_into::<Promise>().ok()?)
        .await
        .ok()?;
    if !Array::from(&formats).includes(&"qr_code".into(), 0) {
        return None;
    }
    let options = Object::new();
    Reflect::set(&options, &"formats".into(), &Array::of1(&"qr_code".into())).ok()?;
    Reflect::construct(&class, &Array::of1(&options)).ok()
}

/// Reads the camera's frames until the camera's `turn` ends.
async fn run(inner: Rc<Inner>, turn: u32) {
    while inner.turn.get() == turn {
        for text in inner.read_once().await {
            if inner.turn.get() != turn {
                return;
            }
            inner.hear(&text);
        }
        sleep(PAUSE_MS).await;
    }
}

async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

impl Camera {
    fn stop(&self, video: &HtmlVideoElement) {
        for track in self.stream.get_tracks().iter() {
            if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                track.stop();
            }
        }
        video.set_src_object(None);
    }
}

impl Inner {
    fn set_phase(&self, phase: &str) {
        let _ = self.panel.root.set_attribute("data-phase", phase);
    }

    /// Turns the camera off and ends the reading loop.
    fn stop(&self) {
        self.turn.set(self.turn.get() + 1);
        if let Some(camera) = self.camera.borrow_mut().take() {
            camera.stop(&self.panel.video);
            let _ = self.panel.video.style().set_property("display", "none");
        }
    }

    fn show_progress(&self) {
        let progress = self.receiver.borrow().progress();
        show(&self.panel.progress, Some(&scan_progress(progress)));
        show(&self.panel.drop, progress.map(|_| ft(FrameMsg::ScanDrop)));
        show(&self.panel.said, self.said.borrow().as_deref());
    }

    /// The codes in the camera's current frame.
    async fn read_once(&self) -> Vec<String> {
        let video = &self.panel.video;
        // HAVE_CURRENT_DATA: a frame to read.
        if video.ready_state() < 2 {
            return Vec::new();
        }
        let detector = self
            .camera
            .borrow()
            .as_ref()
            .and_then(|c| c.detector.clone());
        if let Some(detector) = detector {
            return detect(&detector, video).await.unwrap_or_default();
        }
        let camera = self.camera.borrow();
        let Some(camera) = camera.as_ref() else {
            return Vec::new();
        };
        let (width, height) = (video.video_width(), video.video_height());
        if width == 0 || height == 0 {
            return Vec::new();
        }
        let longest = width.max(height);
        let (width, height) = if longest > READ_SIDE {
            (width * READ_SIDE / longest, height * READ_SIDE / longest)
        } else {
            (width, height)
        };
        if camera.canvas.width() != width || camera.canvas.height() != height {
            camera.canvas.set_width(width);
            camera.canvas.set_height(height);
        }
        let (w, h) = (f64::from(width), f64::from(height));
        if camera
            .context
            .draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w, h)
            .is_err()
        {
            return Vec::new();
        }
        let Ok(image) = camera.context.get_image_data(0.0, 0.0, w, h) else {
            return Vec::new();
        };
        read_codes(
            &luma_of_rgba(&image.data()),
            width as usize,
            height as usize,
        )
    }

    fn hear(&self, text: &str) {
        let between = self.receiver.borrow().progress().is_none();
        let heard = self.receiver.borrow_mut().hear(text);
        if between && matches!(heard, Heard::New { .. } | Heard::Done(_)) {
            // The first frame of a file seen: `cargo xtask bench` measures from here.
            mark("tusoi-qr-first");
        }
        match heard {
            Heard::New { .. } => {
                self.said.replace(None);
                self.show_progress();
            }
            Heard::Again { .. } => {}
            Heard::Done(bytes) => {
                mark("tusoi-qr-done");
                // A short buzz where the phone can (Android): the secretary, looking at the
                // member across the table, knows the file is in without reading the screen.
                if let Some(window) = web_sys::window() {
                    let _ = window.navigator().vibrate_with_duration(120);
                }
                self.said.replace(None);
                let n = self.received.get() + 1;
                self.received.set(n);
                let _ = self
                    .panel
                    .received
                    .set_attribute("data-count", &n.to_string());
                show(&self.panel.received, Some(&scan_received(n)));
                self.show_progress();
                if let Ok(file) = file_of(&bytes, &scan_file_name(n, &local_time())) {
                    let _ = self.on_file.call1(&JsValue::NULL, &file);
                }
            }
            Heard::Said(problem) => {
                let message = problem.message();
                if self.said.borrow().as_deref() != Some(&message) {
                    self.said.replace(Some(message));
                    self.show_progress();
                }
            }
        }
    }
}

/// A file of `bytes` named `name`, as if picked.
fn file_of(bytes: &[u8], name: &str) -> Result<web_sys::File, JsValue> {
    let options = web_sys::FilePropertyBag::new();
    options.set_type("application/json");
    let parts = Array::of1(&Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence_and_options(&parts, name, &options)
}

/// The time of day, hh:mm:ss.
fn local_time() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

async fn detect(detector: &JsValue, video: &HtmlVideoElement) -> Option<Vec<String>> {
    let detect: Function = Reflect::get(detector, &"detect".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let found = detect.call1(detector, video).ok()?;
    let found = JsFuture::from(found.dyn_into::<Promise>().ok()?)
        .await
        .ok()?;
    Some(
        Array::from(&found)
            .iter()
            .filter_map(|code| Reflect::get(&code, &"rawValue".into()).ok()?.as_string())
            .collect(),
    )
}
