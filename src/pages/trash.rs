//! The trash: documents deleted from the list stay here for 30 days, to be restored or deleted for
//! good (after a confirmation). Documents past their 30 days are purged when the app starts.

use tusoi_core::analysis::retention::trash_days_left;
use tusoi_core::base::messages::{t, tf, Msg};
use tusoi_core::workflow::store::Backend as _;
use tusoi_core::DocumentSummary;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::{Notice, NoticeBox};
use crate::hooks::use_action::use_actions;
use crate::hooks::use_changes::use_changes;
use crate::hooks::use_store::use_store;

#[function_component(Trash)]
pub fn trash() -> Html {
    let store = use_store();
    let items = use_state(|| None::<Result<Vec<DocumentSummary>, String>>);
    let generation = use_state(|| 0u32);
    let confirming = use_state(|| None::<String>);
    let notice = use_state(|| None::<Notice>);
    {
        let (store, items) = (store.clone(), items.clone());
        use_effect_with(*generation, move |_| {
            spawn_local(async move {
                items.set(Some(store.list_trash().await.map_err(|e| e.message())))
            });
        });
    }
    let reload = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(generation.wrapping_add(1)))
    };
    use_changes(reload.reform(|_| ()));

    // Each action closes the confirmation and reloads the list when done.
    let actions = use_actions(
        notice.clone(),
        Callback::from({
            let (confirming, reload) = (confirming.clone(), reload.clone());
            move |()| {
                confirming.set(None);
                reload.emit(());
            }
        }),
    );
    let act = |id: String, title: String, restore: bool| {
        actions.callback(move |store| {
            let (id, title) = (id.clone(), title.clone());
            async move {
                if restore {
                    store
                        .set_trashed(&id, None)
                        .await
                        .map_err(|e| e.message())?;
                    Ok(Some(Notice::Info(tf(Msg::Restored, &[("title", &title)]))))
                } else {
                    store.delete_forever(&id).await.map_err(|e| e.message())?;
                    Ok(None)
                }
            }
        })
    };

    let now = crate::platform::clock::now_ms();
    html! {
        <section class="trash">
            <h1>{ t(Msg::TrashTitle) }</h1>
            <p class="lead">{ t(Msg::TrashNote) }</p>
            <NoticeBox notice={(*notice).clone()} />
            {
                match &*items {
                    None => html! { <p class="loading" role="status">{ t(Msg::Loading) }</p> },
                    Some(Err(message)) => html! { <p class="notice notice-error" role="alert">{ message }</p> },
                    Some(Ok(list)) if list.is_empty() => html! { <p class="empty" id="trash-empty">{ t(Msg::TrashEmpty) }</p> },
                    Some(Ok(list)) => html! {
                        <ul class="drafts" id="trash-list">
                            { for list.iter().map(|s| {
                                let deleted_at = s.deleted_at.clone().unwrap_or_default();
                                let days = trash_days_left(&deleted_at, now);
                                let id = s.id.clone();
                                html! {
                                    <li class="draft card" data-id={id.clone()}>
                                        <p class="draft-title">{ &s.title }</p>
                                        <p class="muted">{ crate::platform::clock::local_date_time(&deleted_at) }{ " · " }{ tf(Msg::TrashDaysLeft, &[("days", &days.to_string())]) }</p>
                                        if confirming.as_deref() == Some(id.as_str()) {
                                            <div class="confirm" role="alertdialog">
                                                <p>{ tf(Msg::ConfirmDeleteForever, &[("title", &s.title)]) }</p>
                                                <div class="actions">
                                                    <button class="danger confirm-delete-forever" onclick={act(id.clone(), s.title.clone(), false)}>{ t(Msg::ActionDeleteForever) }</button>
                                                    <button onclick={{ let c = confirming.clone(); Callback::from(move |_| c.set(None)) }}>{ t(Msg::ActionCancel) }</button>
                                                </div>
                                            </div>
                                        } else {
                                            <div class="actions">
                                                <button class="primary action-restore" onclick={act(id.clone(), s.title.clone(), true)}>{ t(Msg::ActionRestore) }</button>
                                                <button class="danger action-delete-forever" onclick={{ let (c, id) = (confirming.clone(), id.clone()); Callback::from(move |_| c.set(Some(id.clone()))) }}>{ t(Msg::ActionDeleteForever) }</button>
                                            </div>
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    },
                }
            }
        </section>
    }
}
