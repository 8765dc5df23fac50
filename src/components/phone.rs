//! What the app says and offers where it runs on a phone as members reach it
//! (`tusoi_core::base::environment`): in an app's own browser (Zalo, Facebook, …) the screen
//! before any typing and the line on every page after; in an iPhone's browser tab, why to install
//! first; on Android, the browser's own "install" once a draft is saved; and, where a download may
//! vanish, a file's content to copy instead.

use std::rc::Rc;

use tusoi_core::base::environment::{Environment, Platform};
use tusoi_core::base::messages::{t, tf, Msg};
use yew::prelude::*;

use crate::platform::environment as env;
use crate::platform::files::{copy_text, Body, Outgoing};

/// The session's answer "Vẫn tiếp tục ở đây", kept while this tab lives (both pages see it).
const CONTINUED: &str = "tusoi-in-app-continue";
/// "Vẫn soạn trong Safari": kept on the device, so it is asked again only if Safari deleted the
/// site's data, which is when it matters again.
const IOS_TAB_DISMISSED: &str = "tusoi-ios-tab-ok";
/// The install offer is made once.
const INSTALL_OFFERED: &str = "tusoi-install-offered";

/// Whether the member chose to go on in an app's browser, in this tab.
pub fn continued_in_app() -> bool {
    env::session_flag(CONTINUED)
}

/// The first screen in an app's own browser: what may be lost, how to open the same address in a
/// real browser, and "Vẫn tiếp tục ở đây". `copied` is what became of "Chép địa chỉ". A plain
/// function of the root's state rather than a component: each component costs the first load
/// about 1 kB.
pub fn in_app_screen(
    e: &Environment,
    copied: &UseStateHandle<Option<bool>>,
    on_continue: Callback<()>,
) -> Html {
    let app = e.in_app().map_or("", |a| a.name());
    let browser = e.real_browser();
    let address = env::address();
    let on_copy = {
        let (copied, address) = (copied.clone(), address.clone());
        Callback::from(move |_: MouseEvent| {
            let (copied, address) = (copied.clone(), address.clone());
            yew::platform::spawn_local(async move { copied.set(Some(copy_text(&address).await)) });
        })
    };
    let on_continue = Callback::from(move |_: MouseEvent| {
        env::set_session_flag(CONTINUED);
        on_continue.emit(());
    });
    let steps = match e.platform {
        Platform::Ios => Msg::InAppStepsIos,
        _ => Msg::InAppStepsAndroid,
    };
    html! {
        <section class="card dialog in-app" role="alertdialog" aria-labelledby="in-app-title" id="in-app">
            <h1 id="in-app-title">{ t(Msg::InAppTitle) }</h1>
            <p>{ tf(Msg::InAppBody, &[("app", app), ("browser", browser)]) }</p>
            <p id="in-app-steps">{ t(steps) }</p>
            <p class="address" id="in-app-address">{ &address }</p>
            <div class="actions">
                if e.platform == Platform::Android {
                    <a class="button primary" id="in-app-chrome" href={env::chrome_intent()}>{ t(Msg::InAppOpenChrome) }</a>
                }
                <button id="in-app-copy" onclick={on_copy}>{ t(Msg::CopyAddress) }</button>
                <button id="in-app-continue" onclick={on_continue}>{ t(Msg::InAppContinue) }</button>
            </div>
            if let Some(ok) = **copied {
                <p role="status" id="in-app-copied">{
                    if ok { tf(Msg::AddressCopied, &[("browser", browser)]) } else { t(Msg::AddressNotCopied).to_owned() }
                }</p>
            }
        </section>
    }
}

/// The line every page keeps in an app's browser once the member chose to go on there; "Cách
/// mở" shows the first screen again.
pub fn risk_line(e: &Environment, on_how: Callback<MouseEvent>) -> Html {
    let Some(app) = e.in_app() else {
        return Html::default();
    };
    html! {
        <div class="banner banner-warn" role="note" id="in-app-line">
            { tf(Msg::InAppLine, &[("app", app.name()), ("browser", e.real_browser())]) }{ " " }
            <button class="link" id="in-app-how" onclick={on_how}>{ t(Msg::InAppHow) }</button>
        </div>
    }
}

/// Whether the member went on in an iPhone's browser tab ("Vẫn soạn trong Safari"), on this
/// device.
pub fn ios_tab_dismissed() -> bool {
    env::device_flag(IOS_TAB_DISMISSED)
}

/// In an iPhone's browser tab, before the first draft: the 7-day deletion, that the home-screen
/// app does not see the tab's drafts, and how to install. `dismissed` hides it once the member
/// goes on.
pub fn ios_tab_card(dismissed: &UseStateHandle<bool>) -> Html {
    let dismissed = dismissed.clone();
    let on_continue = Callback::from(move |_: MouseEvent| {
        env::set_device_flag(IOS_TAB_DISMISSED);
        dismissed.set(true);
    });
    html! {
        <section class="card dialog" aria-labelledby="ios-tab-title" id="ios-tab">
            <h2 id="ios-tab-title">{ t(Msg::IosTabTitle) }</h2>
            <p>{ t(Msg::IosTabBody) }</p>
            <p id="ios-tab-steps">{ t(Msg::IosTabSteps) }</p>
            <p class="muted">{ t(Msg::IosTabReminder) }</p>
            <div class="actions">
                <button id="ios-tab-continue" onclick={on_continue}>{ t(Msg::IosTabContinue) }</button>
            </div>
        </section>
    }
}

/// Whether the install offer was already made on this device.
pub fn install_offered() -> bool {
    env::device_flag(INSTALL_OFFERED)
}

/// On Android, once a draft is saved: the browser's own install prompt (`beforeinstallprompt`,
/// caught by `sw/register.js`), offered once, with why. The caller shows it only where the
/// browser offered one and it was not made before; `offered` hides it after either answer.
pub fn install_offer(offered: &UseStateHandle<bool>) -> Html {
    let answer = |install: bool| {
        let offered = offered.clone();
        Callback::from(move |_: MouseEvent| {
            env::set_device_flag(INSTALL_OFFERED);
            if install {
                env::prompt_install();
            }
            offered.set(true);
        })
    };
    html! {
        <section class="card" id="install-offer">
            <p>{ t(Msg::InstallOffer) }</p>
            <div class="actions">
                <button class="primary" id="install-app" onclick={answer(true)}>{ t(Msg::InstallAction) }</button>
                <button id="install-later" onclick={answer(false)}>{ t(Msg::InstallLater) }</button>
            </div>
        </section>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct CopyProps {
    pub file: Rc<Outgoing>,
}

/// A file's text where a download may vanish: copied at once (the tap that asked for it still
/// counts as the member's), with "Sao chép nội dung tệp" to copy again and the text itself to
/// select by hand if the browser refuses.
#[function_component(CopyPanel)]
pub fn copy_panel(props: &CopyProps) -> Html {
    let copied = use_state(|| None::<bool>);
    let text = match &props.file.body {
        Body::Text(text) => text.clone(),
        Body::Bytes(_) => String::new(),
    };
    let copy = {
        let (copied, text) = (copied.clone(), text.clone());
        Callback::from(move |()| {
            let (copied, text) = (copied.clone(), text.clone());
            yew::platform::spawn_local(async move { copied.set(Some(copy_text(&text).await)) });
        })
    };
    {
        let copy = copy.clone();
        use_effect_with(props.file.clone(), move |_| copy.emit(()));
    }
    let count = text.chars().count();
    html! {
        <section class="card dialog" role="status" aria-labelledby="copy-title" id="copy-file">
            <h2 id="copy-title">{ t(Msg::CopyTitle) }</h2>
            <p>{ tf(Msg::CopyBody, &[("name", &props.file.name)]) }</p>
            <p id="copy-status">{ match *copied {
                Some(true) => tf(Msg::CopyDone, &[("count", &tusoi_core::base::number::format_count(count as u64))]),
                Some(false) => t(Msg::CopyFailed).to_owned(),
                None => String::new(),
            } }</p>
            <div class="actions">
                <button class="primary" id="copy-again" onclick={copy.reform(|_: MouseEvent| ())}>{ t(Msg::CopyTitle) }</button>
            </div>
            <textarea id="copy-text" readonly=true rows="4" aria-label={t(Msg::CopyTitle)} value={text} />
        </section>
    }
}
