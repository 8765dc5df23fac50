//! "Xuất có mật khẩu" (docs/sealed.md): the working copy sealed under a passphrase typed twice,
//! then sent or downloaded. The passphrase is read from its inputs when the member asks to seal,
//! handed to `operations::seal`, and kept nowhere: not in the component's state, not after the
//! card closes (ARCHITECTURE.md, invariant 19).

use std::rc::Rc;
use tusoi_core::base::messages::{et, EditorMsg};

use tusoi_core::base::messages::{fill, t, Msg};
use tusoi_core::workflow::sealed::{check_new_passphrase, st, SealMsg};
use tusoi_core::Document;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::Notice;
use crate::hooks::use_store::use_store;
use crate::platform::dom::input_text;

const FIRST: &str = "seal-passphrase";
const SECOND: &str = "seal-passphrase-again";

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Asking {
        error: Option<String>,
    },
    Working,
    /// The sealed file, and the working copy it holds (marked as exported once it leaves).
    Ready {
        name: Rc<str>,
        text: Rc<str>,
        document: Rc<Document>,
    },
}

#[derive(Debug, Properties, PartialEq)]
pub struct Props {
    /// The working copy, what the member sees, saved or not.
    pub working_copy: Callback<(), Option<Document>>,
    pub on_close: Callback<()>,
}

/// The card under the editor's bar, while "Xuất có mật khẩu" is open.
#[function_component(SealCard)]
pub fn seal_card(props: &Props) -> Html {
    let store = use_store();
    let step = use_state(|| Step::Asking { error: None });
    let shown = use_state(|| false);
    let told = use_state(|| None::<Notice>);
    let qr = use_state(|| false);

    let on_make = {
        let (step, working_copy) = (step.clone(), props.working_copy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let first = input_text(FIRST).unwrap_or_default();
            let second = input_text(SECOND).unwrap_or_default();
            if let Err(error) = check_new_passphrase(&first, &second) {
                step.set(Step::Asking { error: Some(error) });
                return;
            }
            let Some(document) = working_copy.emit(()) else {
                return;
            };
            step.set(Step::Working);
            let step = step.clone();
            spawn_local(async move {
                step.set(match crate::operations::seal(&document, &first).await {
                    Ok((name, text)) => Step::Ready {
                        name: name.into(),
                        text: text.into(),
                        document: Rc::new(document),
                    },
                    Err(error) => Step::Asking { error: Some(error) },
                });
            });
        })
    };
    let deliver = |share: bool| {
        let (step, store, told) = (step.clone(), store.clone(), told.clone());
        Callback::from(move |_: MouseEvent| {
            let Step::Ready {
                name,
                text,
                document,
            } = &*step
            else {
                return;
            };
            let later = told.clone();
            let failed = move |reason: String| {
                later.set(Some(Notice::Error(tusoi_core::base::messages::etf(
                    EditorMsg::ShareFailed,
                    &[("reason", &reason)],
                ))));
            };
            let sent = crate::operations::deliver(
                &store,
                (**document).clone(),
                (name.to_string(), text.to_string()),
                share,
                failed,
            );
            told.set(sent.unwrap_or_else(|m| Some(Notice::Error(m))));
        })
    };
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |_: Event| shown.set(!*shown))
    };
    let kind = if *shown { "text" } else { "password" };
    let close = props.on_close.reform(|_: MouseEvent| ());

    let body = match &*step {
        _ if !crate::platform::crypto::available() => {
            html! { <p class="notice notice-error" role="alert" id="seal-error">{ st(SealMsg::SealedNoCrypto) }</p> }
        }
        Step::Ready { name, text, .. } => html! {
            <>
                <p role="status" id="seal-ready">{ fill(et(EditorMsg::SealReady), &[("name", name)]) }</p>
                <div class="actions">
                    <button class="primary" id="seal-send" onclick={deliver(true)}>{ et(EditorMsg::ActionSend) }</button>
                    <button id="seal-download" onclick={deliver(false)}>{ et(EditorMsg::SealDownload) }</button>
                    <button id="seal-qr" aria-expanded={qr.to_string()} onclick={{ let qr = qr.clone(); Callback::from(move |_: MouseEvent| qr.set(!*qr)) }}>{ et(EditorMsg::QrShow) }</button>
                </div>
                if *qr {
                    <crate::components::qr::QrLoop text={text.clone()} on_close={{ let qr = qr.clone(); Callback::from(move |()| qr.set(false)) }} />
                }
                { match &*told {
                    Some(Notice::Copy(file)) => html! { <crate::components::phone::CopyPanel file={file.clone()} /> },
                    Some(Notice::Info(text) | Notice::Error(text)) => html! { <p class="notice" role="status" id="seal-told">{ text }</p> },
                    None => Html::default(),
                } }
            </>
        },
        step => {
            let working = *step == Step::Working;
            let error = match step {
                Step::Asking { error } => error.clone(),
                _ => None,
            };
            html! {
                <form onsubmit={on_make}>
                    <p>{ et(EditorMsg::SealExplain) }</p>
                    <label for={FIRST}>{ st(SealMsg::SealPassphrase) }</label>
                    <input id={FIRST} type={kind} autocomplete="new-password" spellcheck="false" autocapitalize="off" />
                    <label for={SECOND}>{ et(EditorMsg::SealPassphraseAgain) }</label>
                    <input id={SECOND} type={kind} autocomplete="new-password" spellcheck="false" autocapitalize="off" />
                    <label class="check"><input type="checkbox" id="seal-show" checked={*shown} onchange={toggle} />{ et(EditorMsg::SealShow) }</label>
                    <p class="muted">{ et(EditorMsg::SealKeyboardNote) }</p>
                    if let Some(error) = error {
                        <p class="notice notice-error" role="alert" id="seal-error">{ error }</p>
                    }
                    <div class="actions">
                        <button class="primary" id="seal-make" type="submit" disabled={working}>
                            { if working { et(EditorMsg::SealWorking) } else { et(EditorMsg::SealMake) } }
                        </button>
                    </div>
                </form>
            }
        }
    };
    html! {
        <div class="card dialog" role="dialog" aria-labelledby="seal-title" id="seal-card">
            <h2 id="seal-title">{ et(EditorMsg::SealTitle) }</h2>
            { body }
            <div class="actions">
                <button id="seal-close" onclick={close}>
                    { if matches!(*step, Step::Ready { .. }) { et(EditorMsg::SealClose) } else { t(Msg::ActionCancel) } }
                </button>
            </div>
        </div>
    }
}
