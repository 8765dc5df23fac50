//! "Hiện mã QR": the member's file shown as a loop of QR codes for the secretary's phone to read,
//! with nothing between the two phones (`tusoi_core::base::frames`). The screen is kept on while
//! it shows (where the browser can), the brightness hint and a frame counter are on screen, and
//! "Dừng" ends it.

use std::rc::Rc;

use gloo_timers::callback::Interval;
use tusoi_core::base::frames::{encode, Symbol, FRAMES_PER_SECOND};
use tusoi_core::base::messages::{et, etf, EditorMsg};
use yew::prelude::*;

#[derive(Debug, Properties, PartialEq)]
pub struct Props {
    /// The file's text: what "Gửi" or "Xuất có mật khẩu" would hand over.
    pub text: Rc<str>,
    pub on_close: Callback<()>,
}

/// Each frame drawn once: modules a side and the SVG path of the dark ones.
fn drawn(text: &str) -> Vec<(usize, String)> {
    encode(text.as_bytes())
        .iter()
        .filter_map(|f| Symbol::of(f))
        .map(|s| (s.size, s.svg_path()))
        .collect()
}

#[function_component(QrLoop)]
pub fn qr_loop(props: &Props) -> Html {
    let frames = use_memo(props.text.clone(), |text| drawn(text));
    let at = use_state(|| 0_usize);
    // Whether the screen is kept on: `None` until asked.
    let awake = use_state(|| None::<bool>);
    {
        let (at, awake, total) = (at.clone(), awake.clone(), frames.len());
        use_effect_with(frames.clone(), move |_| {
            let lock = crate::platform::screen::keep_on();
            awake.set(Some(lock.is_some()));
            let mut k = 0;
            at.set(0);
            let tick = Interval::new(1000 / FRAMES_PER_SECOND, move || {
                k = (k + 1) % total.max(1);
                at.set(k);
            });
            move || {
                drop(tick);
                drop(lock);
            }
        });
    }
    let k = (*at).min(frames.len().saturating_sub(1));
    let code = frames.get(k).map_or_else(Html::default, |(size, path)| {
        let side = size + 8;
        html! {
            <svg class="qr-code" id="qr-code" viewBox={format!("-4 -4 {side} {side}")} role="img"
                aria-label={etf(EditorMsg::QrCounter, &[("n", &(k + 1).to_string()), ("total", &frames.len().to_string())])}
                data-frame={(k + 1).to_string()} data-frames={frames.len().to_string()} shape-rendering="crispEdges">
                <rect x="-4" y="-4" width={side.to_string()} height={side.to_string()} fill="#fff" />
                <path d={path.clone()} fill="#000" />
            </svg>
        }
    });
    let stop = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="card dialog qr-loop" role="dialog" aria-labelledby="qr-title" id="qr-loop">
            <h2 id="qr-title">{ et(EditorMsg::QrTitle) }</h2>
            <p>{ et(EditorMsg::QrExplain) }</p>
            { code }
            <p class="qr-counter" id="qr-counter" aria-live="off">
                { etf(EditorMsg::QrCounter, &[("n", &(k + 1).to_string()), ("total", &frames.len().to_string())]) }
            </p>
            <p class="muted" id="qr-hint">{ et(EditorMsg::QrBrightness) }</p>
            if *awake == Some(false) {
                <p class="muted" id="qr-awake">{ et(EditorMsg::QrNoWakeLock) }</p>
            }
            <div class="actions">
                <button class="primary" id="qr-stop" onclick={stop}>{ et(EditorMsg::QrStop) }</button>
            </div>
        </div>
    }
}
