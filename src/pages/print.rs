//! The official A4 page of a document, for "In / Lưu PDF": the two-column header, the form code,
//! title, identity lines, every section with the member's text, the score lines, the ratings with
//! ☐ and ☒, the signature block and the blank approval blocks. On screen it is a preview with a
//! toolbar; `@media print` in `styles/app.css` hides everything but the page and sets A4 margins.

use tusoi_core::base::messages::{et, EditorMsg};
use tusoi_core::base::messages::{t, Msg};
use tusoi_core::forms::custom::ensure;
use tusoi_core::workflow::store::Backend as _;
use tusoi_core::Document;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::a4::a4;
use crate::components::{Notice, NoticeBox};
use crate::hooks::use_store::use_store;
use crate::routes::Route;

#[derive(Debug, Properties, PartialEq)]
pub struct PrintProps {
    pub id: String,
}

#[function_component(Print)]
pub fn print(props: &PrintProps) -> Html {
    let store = use_store();
    let document = use_state(|| None::<Result<Option<Document>, String>>);
    let notice = use_state(|| None::<Notice>);
    {
        let (store, document) = (store.clone(), document.clone());
        use_effect_with(props.id.clone(), move |id| {
            let id = id.clone();
            spawn_local(async move {
                document.set(Some(store.get(&id).await.map_err(|e| e.message())))
            });
        });
    }
    let doc = match &*document {
        None => return html! { <p class="loading" role="status">{ t(Msg::Loading) }</p> },
        Some(Err(message)) => {
            return html! { <p class="notice notice-error" role="alert">{ message }</p> }
        }
        Some(Ok(None)) => {
            return html! { <p class="notice notice-error" role="alert">{ t(Msg::DraftNotFound) }</p> }
        }
        Some(Ok(Some(doc))) => doc,
    };
    // A committee's own template comes with the document (`forms::custom`).
    let template = match crate::templates::update(|forms| {
        ensure(forms, &doc.template_id, &doc.title, doc.form.as_ref())
    }) {
        Ok(template) => template,
        Err(problems) => {
            return html! { <p class="notice notice-error" role="alert" id="form-problems">{ problems.join(" ") }</p> }
        }
    };
    let on_print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });

    let on_word = {
        let doc = doc.clone();
        let notice = notice.clone();
        Callback::from(move |_| {
            notice.set(
                crate::operations::export_word(&doc).unwrap_or_else(|m| Some(Notice::Error(m))),
            );
        })
    };

    html! {
        <>
            <div class="no-print"><NoticeBox notice={(*notice).clone()} /></div>
            <div class="print-toolbar no-print">
                <a href={Route::Editor { id: doc.id.clone() }.href()} class="back">{ "← " }{ et(EditorMsg::PrintBack) }</a>
                <button class="primary" id="print-now" onclick={on_print}>{ et(EditorMsg::ActionPrint) }</button>
                <button id="print-word" onclick={on_word}>{ t(Msg::ActionWord) }</button>
            </div>
            <p class="muted no-print">{ et(EditorMsg::PrintHint) }</p>
            { a4(doc, template) }
        </>
    }
}
