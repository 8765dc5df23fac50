//! "Nhập" on the home page of `soan/`: a file the member picked or pasted ("Dán nội dung tệp", the
//! text an app's browser let them copy), a sealed file's passphrase, and the choice for documents
//! already on the device. Only `soan/` links it: the home page of the first load links to it
//! (`#/nhap`), so the first load carries neither the importer nor its dialogs (docs/size.md).

use std::rc::Rc;

use tusoi_core::base::messages::{et, fill, t, tf, EditorMsg, Msg};
use tusoi_core::workflow::export::{ImportPlan, Resolution};
use tusoi_core::workflow::sealed::{st, SealMsg};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::Notice;
use crate::hooks::use_store::use_store;
use crate::operations;

/// What "Nhập" needs of the home page: its notice, and a way to show the list again.
#[derive(Debug)]
pub struct ImportCtx {
    pub notice: UseStateHandle<Option<Notice>>,
    pub reload: Callback<()>,
}

/// The id of the pasted text's box.
const PASTE_INPUT: &str = "import-paste";

/// "Nhập" with its dialogs, inside the home page's toolbar (`Home`'s `import`).
pub fn import_box(ctx: &ImportCtx) -> Html {
    html! { <ImportBox notice={ctx.notice.clone()} reload={ctx.reload.clone()} /> }
}

#[derive(Debug, Properties, PartialEq)]
pub struct ImportProps {
    pub notice: UseStateHandle<Option<Notice>>,
    pub reload: Callback<()>,
}

#[function_component(ImportBox)]
fn import_box_component(props: &ImportProps) -> Html {
    let store = use_store();
    let notice = props.notice.clone();
    let reload = {
        let reload = props.reload.clone();
        move || reload.emit(())
    };
    let pending_import = use_state(|| None::<ImportPlan>);
    // A sealed file picked to import (its name and bytes), until its passphrase opens it; and
    // what the dialog says meanwhile (working, or why it did not open).
    let pending_sealed = use_state(|| None::<Rc<(String, Vec<u8>)>>);
    let sealed_status = use_state(|| None::<String>);
    // What a picked or pasted file holds: a sealed file asks for its passphrase first (the dialog
    // below); anything else is read and checked at once.
    let take = {
        let (store, notice, pending_import, pending_sealed) = (
            store.clone(),
            notice.clone(),
            pending_import.clone(),
            pending_sealed.clone(),
        );
        let reload = reload.clone();
        Rc::new(move |name: String, bytes: Vec<u8>| {
            let (store, notice, pending_import, pending_sealed, reload) = (
                store.clone(),
                notice.clone(),
                pending_import.clone(),
                pending_sealed.clone(),
                reload.clone(),
            );
            spawn_local(async move {
                if tusoi_core::workflow::sealed::is_sealed(&bytes) {
                    notice.set(None);
                    pending_sealed.set(Some(Rc::new((name, bytes))));
                    return;
                }
                prepare(&store, &bytes, &notice, &pending_import, reload).await;
            });
        })
    };
    let on_import_file = {
        let (notice, take) = (notice.clone(), take.clone());
        Callback::from(move |e: Event| {
            let Some(file) = crate::platform::files::picked_file(&e) else {
                return;
            };
            let (notice, take) = (notice.clone(), take.clone());
            spawn_local(async move {
                // Refuse a huge file before reading it into memory.
                if let Err(e) = tusoi_core::workflow::export::check_size(file.size() as u64) {
                    notice.set(Some(Notice::Error(import_failed(&e.message()))));
                    return;
                }
                match crate::platform::files::read_file(&file).await {
                    Ok(bytes) => take(file.name(), bytes),
                    Err(detail) => {
                        let text = tf(Msg::ImportReadFailed, &[("detail", &detail)]);
                        notice.set(Some(Notice::Error(import_failed(&text))));
                    }
                }
            });
        })
    };
    // "Dán nội dung tệp": the text of a file the member copied (from an app's browser, a message),
    // taken exactly as the same file picked would be.
    let pasting = use_state(|| false);
    let on_paste_open = {
        let pasting = pasting.clone();
        Callback::from(move |_: MouseEvent| pasting.set(!*pasting))
    };
    let on_paste = {
        let (notice, take, pasting) = (notice.clone(), take.clone(), pasting.clone());
        Callback::from(move |_: MouseEvent| {
            let text = crate::platform::dom::input_text(PASTE_INPUT).unwrap_or_default();
            if text.trim().is_empty() {
                notice.set(Some(Notice::Error(et(EditorMsg::PasteEmpty).to_owned())));
                return;
            }
            if let Err(e) = tusoi_core::workflow::export::check_size(text.len() as u64) {
                notice.set(Some(Notice::Error(import_failed(&e.message()))));
                return;
            }
            pasting.set(false);
            take(et(EditorMsg::PastedName).to_owned(), text.into_bytes());
        })
    };
    // A sealed file's passphrase, read from its input when asked, kept nowhere (invariant 19).
    let open_sealed = {
        let (store, notice, pending_import, pending_sealed, sealed_status) = (
            store.clone(),
            notice.clone(),
            pending_import.clone(),
            pending_sealed.clone(),
            sealed_status.clone(),
        );
        let reload = reload.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(sealed) = (*pending_sealed).clone() else {
                return;
            };
            let passphrase = crate::platform::dom::input_text(SEALED_INPUT).unwrap_or_default();
            if passphrase.is_empty() {
                sealed_status.set(Some(st(SealMsg::PassphraseEmpty).to_owned()));
                return;
            }
            let (store, notice, pending_import, pending_sealed, sealed_status, reload) = (
                store.clone(),
                notice.clone(),
                pending_import.clone(),
                pending_sealed.clone(),
                sealed_status.clone(),
                reload.clone(),
            );
            sealed_status.set(Some(st(SealMsg::OpenSealedWorking).to_owned()));
            spawn_local(async move {
                match crate::sealing::open_bytes(&sealed.1, &passphrase).await {
                    Err(message) => sealed_status.set(Some(message)),
                    Ok(plain) => {
                        pending_sealed.set(None);
                        sealed_status.set(None);
                        prepare(&store, &plain, &notice, &pending_import, reload).await;
                    }
                }
            });
        })
    };
    let cancel_sealed = {
        let (notice, pending_sealed, sealed_status) = (
            notice.clone(),
            pending_sealed.clone(),
            sealed_status.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            pending_sealed.set(None);
            sealed_status.set(None);
            notice.set(Some(Notice::Info(t(Msg::ImportNothingStored).to_owned())));
        })
    };

    let resolve_import = {
        let (store, notice, pending_import) =
            (store.clone(), notice.clone(), pending_import.clone());
        let reload = reload.clone();
        move |resolution: Option<Resolution>| {
            let (store, notice, pending_import, reload) = (
                store.clone(),
                notice.clone(),
                pending_import.clone(),
                reload.clone(),
            );
            Callback::from(move |_| {
                let plan = (*pending_import).clone();
                pending_import.set(None);
                let (store, notice, reload) = (store.clone(), notice.clone(), reload.clone());
                match (plan, resolution) {
                    (Some(plan), Some(resolution)) => spawn_local(async move {
                        finish(&store, plan, resolution, &notice).await;
                        reload();
                    }),
                    _ => notice.set(Some(Notice::Info(t(Msg::ImportNothingStored).to_owned()))),
                }
            })
        }
    };

    html! {
        <>
                <label class="button" for="import-file">{ t(Msg::ActionImport) }</label>
                <input id="import-file" class="visually-hidden" type="file" accept=".json,.txt,application/json,text/plain"
                    onchange={on_import_file} />
            <button id="import-paste-open" onclick={on_paste_open}>{ et(EditorMsg::PasteAction) }</button>
            if *pasting {
                <div class="card" id="import-paste-box">
                    <label for={PASTE_INPUT}>{ et(EditorMsg::PasteLabel) }</label>
                    <textarea id={PASTE_INPUT} rows="4" spellcheck="false" autocapitalize="off" />
                    <div class="actions">
                        <button class="primary" id="import-paste-go" onclick={on_paste}>{ et(EditorMsg::PasteImport) }</button>
                    </div>
                </div>
            }
            if let Some(sealed) = &*pending_sealed {
                <form class="card dialog" role="alertdialog" aria-labelledby="sealed-title" id="import-sealed" onsubmit={open_sealed}>
                    <h2 id="sealed-title">{ st(SealMsg::OpenSealedTitle) }</h2>
                    <p>{ fill(st(SealMsg::OpenSealedExplain), &[("name", &sealed.0)]) }</p>
                    <label for={SEALED_INPUT}>{ st(SealMsg::SealPassphrase) }</label>
                    <input id={SEALED_INPUT} type="password" autocomplete="off" spellcheck="false" autocapitalize="off" />
                    if let Some(text) = &*sealed_status {
                        <p class="notice" role="alert" id="import-sealed-status">{ text }</p>
                    }
                    <div class="actions">
                        <button class="primary" id="import-sealed-open" type="submit">{ st(SealMsg::OpenSealedAction) }</button>
                        <button id="import-sealed-cancel" type="button" onclick={cancel_sealed}>{ t(Msg::ActionCancel) }</button>
                    </div>
                </form>
            }
            if let Some(plan) = &*pending_import {
                <div class="card dialog" role="alertdialog" aria-labelledby="conflict-title" id="import-conflict">
                    <h2 id="conflict-title">{ t(Msg::ImportConflictTitle) }</h2>
                    <p>{ tf(Msg::ImportConflictBody, &[
                        ("count", &plan.conflicts.len().to_string()),
                        ("titles", &plan.conflicts.iter().map(|d| format!("“{}”", d.title)).collect::<Vec<_>>().join(", ")),
                    ]) }</p>
                    <div class="actions">
                        <button id="import-replace" onclick={resolve_import(Some(Resolution::Replace))}>{ t(Msg::ActionReplace) }</button>
                        <button id="import-keep-both" class="primary" onclick={resolve_import(Some(Resolution::KeepBoth))}>{ t(Msg::ActionKeepBoth) }</button>
                        <button id="import-cancel" onclick={resolve_import(None)}>{ t(Msg::ActionCancel) }</button>
                    </div>
                </div>
            }
        </>
    }
}

/// The id of a sealed file's passphrase input on import.
const SEALED_INPUT: &str = "import-passphrase";

/// Reads and checks a file's (plain) bytes, then stores its documents at once, or asks how to
/// settle the conflicts first (`pending_import`).
async fn prepare(
    store: &Rc<crate::storage::Store>,
    bytes: &[u8],
    notice: &UseStateHandle<Option<Notice>>,
    pending_import: &UseStateHandle<Option<ImportPlan>>,
    reload: impl Fn(),
) {
    match operations::prepare_import(store, bytes).await {
        Err(message) => notice.set(Some(Notice::Error(import_failed(&message)))),
        Ok(plan) if plan.conflicts.is_empty() => {
            finish(store, plan, Resolution::KeepBoth, notice).await;
            reload();
        }
        Ok(plan) => {
            notice.set(None);
            pending_import.set(Some(plan));
        }
    }
}

/// Prefixes an import failure with the promise that nothing changed.
fn import_failed(message: &str) -> String {
    format!("{message} {}", t(Msg::ImportNothingStored))
}

async fn finish(
    store: &crate::storage::Store,
    plan: ImportPlan,
    resolution: Resolution,
    notice: &UseStateHandle<Option<Notice>>,
) {
    match operations::finish_import(store, plan, resolution).await {
        Ok(count) => notice.set(Some(Notice::Info(tf(
            Msg::ImportDone,
            &[("count", &count.to_string())],
        )))),
        Err(e) => notice.set(Some(Notice::Error(import_failed(&e.message())))),
    }
}
