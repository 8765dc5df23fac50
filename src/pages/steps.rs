//! The list's steps that read a document's body, as pages of `soan/` that do the step and go on:
//! "Tạo bản sao" ([`Route::Copy`]), "Đổi tên" ([`Route::Rename`]) and "Tạo bản kiểm điểm năm
//! N+1 từ …" ([`Route::NextReview`]). The home page's buttons link here, from either page, so the
//! first load never reads a body into its type (docs/size.md, "What the home page's wasm holds");
//! its export hands the store's JSON instead (`operations::export_json`).
//!
//! A step runs once, when its page opens, and then replaces its own address: the list again, or
//! the new document's editor. Back never runs it twice.

use std::future::Future;
use std::rc::Rc;

use tusoi_core::base::messages::{et, t, EditorMsg, Msg};
use tusoi_core::workflow::store::Backend as _;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::hooks::use_store::use_store;
use crate::operations;
use crate::routes::{replace, Route};
use crate::storage::Store;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct StepProps {
    pub id: String,
}

/// Runs `step` once for the document `id`; while it runs, `doing` is shown; a failure is shown
/// with the way back to the list. On success the step has already gone on.
#[hook]
fn use_step<F, Fut>(id: &str, step: F) -> Option<String>
where
    F: FnOnce(Rc<Store>, String) -> Fut + 'static,
    Fut: Future<Output = Result<(), String>> + 'static,
{
    let store = use_store();
    let failed = use_state(|| None::<String>);
    {
        let failed = failed.clone();
        use_effect_with(id.to_owned(), move |id| {
            let id = id.clone();
            spawn_local(async move {
                if let Err(message) = step(store, id).await {
                    failed.set(Some(message));
                }
            });
        });
    }
    (*failed).clone()
}

/// What a step's page shows: that it is under way, or why it stopped.
fn step_view(doing: EditorMsg, failed: Option<String>) -> Html {
    match failed {
        None => html! { <p class="loading" role="status">{ et(doing) }</p> },
        Some(message) => html! {
            <section>
                <p class="notice notice-error" role="alert">{ message }</p>
                <p><a href={Route::Home.href()} class="back">{ "← " }{ et(EditorMsg::ActionBack) }</a></p>
            </section>
        },
    }
}

/// "Tạo bản sao": stores a copy under a new id, then shows the list with it.
#[function_component(CopyStep)]
pub fn copy_step(props: &StepProps) -> Html {
    let failed = use_step(&props.id, |store, id| async move {
        operations::duplicate(&store, &id)
            .await
            .map_err(|e| e.message())?
            .ok_or_else(|| t(Msg::DraftNotFound).to_owned())?;
        replace(&Route::Home);
        Ok(())
    });
    step_view(EditorMsg::StepCopying, failed)
}

/// "Tạo bản kiểm điểm năm N+1 từ …": makes next year's review from this one
/// (`operations::review_next`), then opens it.
#[function_component(NextReviewStep)]
pub fn next_review_step(props: &StepProps) -> Html {
    let failed = use_step(&props.id, |store, id| async move {
        let source = store
            .get(&id)
            .await
            .map_err(|e| e.message())?
            .ok_or_else(|| t(Msg::DraftNotFound).to_owned())?;
        let (review, _) = operations::review_next(&store, &source)
            .await
            .map_err(|e| e.message())?;
        replace(&Route::Editor { id: review.id });
        Ok(())
    });
    step_view(EditorMsg::StepNextReview, failed)
}

/// "Đổi tên": the document's title in a field, saved on "Lưu", back to the list either way.
#[function_component(RenameStep)]
pub fn rename_step(props: &StepProps) -> Html {
    let store = use_store();
    // The title as stored, once read: the field starts from it.
    let draft = use_state(|| None::<Result<String, String>>);
    {
        let (store, draft) = (store.clone(), draft.clone());
        use_effect_with(props.id.clone(), move |id| {
            let id = id.clone();
            spawn_local(async move {
                let title = match store.list().await {
                    Ok(list) => list
                        .into_iter()
                        .find(|s| s.id == id)
                        .map(|s| s.title)
                        .ok_or_else(|| t(Msg::DraftNotFound).to_owned()),
                    Err(e) => Err(e.message()),
                };
                draft.set(Some(title));
            });
        });
    }
    let saving_failed = use_state(|| None::<String>);
    let title = match &*draft {
        None => return html! { <p class="loading" role="status">{ t(Msg::Loading) }</p> },
        Some(Err(message)) => return step_view(EditorMsg::RenameTitle, Some(message.clone())),
        Some(Ok(title)) => title.clone(),
    };
    let input_id = format!("rename-{}", props.id);
    let on_input = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            draft.set(Some(Ok(input.value())));
        })
    };
    let on_save = {
        let (id, title, saving_failed) = (props.id.clone(), title.clone(), saving_failed.clone());
        Callback::from(move |_: MouseEvent| {
            let (store, id, title, saving_failed) = (
                store.clone(),
                id.clone(),
                title.clone(),
                saving_failed.clone(),
            );
            spawn_local(async move {
                match operations::rename(&store, &id, &title).await {
                    Ok(()) => replace(&Route::Home),
                    Err(e) => saving_failed.set(Some(e.message())),
                }
            });
        })
    };
    let on_cancel = Callback::from(|_: MouseEvent| replace(&Route::Home));
    html! {
        <section class="rename-page">
            <h1>{ et(EditorMsg::RenameTitle) }</h1>
            <div class="rename card">
                <label for={input_id.clone()}>{ et(EditorMsg::RenameLabel) }</label>
                <input id={input_id} type="text" value={title} oninput={on_input} />
                if let Some(message) = &*saving_failed {
                    <p class="notice notice-error" role="alert">{ message }</p>
                }
                <div class="actions">
                    <button class="primary rename-save" onclick={on_save}>{ t(Msg::ActionSave) }</button>
                    <button class="rename-cancel" onclick={on_cancel}>{ t(Msg::ActionCancel) }</button>
                </div>
            </div>
        </section>
    }
}
