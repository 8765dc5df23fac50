//! The roll-ups kept on this device: create one (đảng bộ, chi bộ, year), open, and delete through
//! a confirmation and the trash, as drafts are.

use tusoi_core::chibo::intake::Period;
use tusoi_core::chibo::messages::{ct, ctf, ChiBoMsg};
use tusoi_core::chibo::workspace::{Workspace, WorkspaceSummary};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::Ctx;
use crate::components::{Notice, NoticeBox};
use crate::platform::clock;
use crate::routes::{navigate, View};

#[derive(Debug, PartialEq, Properties)]
pub struct ListProps {
    pub ctx: Ctx,
}

fn title(s: &WorkspaceSummary) -> String {
    ctf(
        ChiBoMsg::WsPeriodLine,
        &[
            ("chi_bo", &s.period.chi_bo),
            ("dang_bo", &s.period.dang_bo),
            ("year", &s.period.year.to_string()),
        ],
    )
}

#[function_component(List)]
pub fn list(props: &ListProps) -> Html {
    let store = props.ctx.store.clone();
    let items = use_state(|| None::<Result<Vec<WorkspaceSummary>, String>>);
    let generation = use_state(|| 0u32);
    let notice = use_state(|| None::<Notice>);
    let confirming = use_state(|| None::<(String, bool)>);
    let form = use_state(|| (String::new(), String::new(), clock::default_year()));
    {
        let (store, items) = (store.clone(), items.clone());
        use_effect_with(*generation, move |_| {
            spawn_local(async move {
                items.set(Some(store.summaries().await.map_err(|e| e.message())))
            });
        });
    }
    let reload = {
        let generation = generation.clone();
        move || generation.set(generation.wrapping_add(1))
    };
    let on_create = {
        let (store, notice, form) = (store.clone(), notice.clone(), form.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (dang_bo, chi_bo, year) = (*form).clone();
            let period = Period {
                dang_bo: dang_bo.trim().to_owned(),
                chi_bo: chi_bo.trim().to_owned(),
                year,
            };
            let workspace = Workspace::new(crate::platform::ids::new_id(), period, &clock::now());
            let (store, notice) = (store.clone(), notice.clone());
            spawn_local(async move {
                match store.put(&workspace).await {
                    Ok(()) => navigate(&View::Workspace(workspace.id)),
                    Err(e) => notice.set(Some(Notice::Error(e.message()))),
                }
            });
        })
    };
    let field = |i: usize| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let (mut d, mut c, mut y) = (*form).clone();
            match i {
                0 => d = input.value(),
                1 => c = input.value(),
                _ => y = input.value().parse().unwrap_or(y),
            }
            form.set((d, c, y));
        })
    };
    let act = |id: String, name: String, forever: bool, restore: bool| {
        let (store, notice, confirming) = (store.clone(), notice.clone(), confirming.clone());
        let reload = reload.clone();
        Callback::from(move |_| {
            let (store, notice, confirming, reload) = (
                store.clone(),
                notice.clone(),
                confirming.clone(),
                reload.clone(),
            );
            let (id, name) = (id.clone(), name.clone());
            spawn_local(async move {
                let result = if forever {
                    store.delete_forever(&id).await
                } else if restore {
                    store.set_trashed(&id, None).await
                } else {
                    store.set_trashed(&id, Some(clock::now())).await
                };
                match result {
                    Ok(()) if !forever && !restore => notice.set(Some(Notice::Info(ctf(
                        ChiBoMsg::WsMovedToTrash,
                        &[("title", &name)],
                    )))),
                    Ok(()) => notice.set(None),
                    Err(e) => notice.set(Some(Notice::Error(e.message()))),
                }
                confirming.set(None);
                reload();
            });
        })
    };
    let ask = |id: String, forever: bool| {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(Some((id.clone(), forever))))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(None))
    };
    let (live, trash): (Vec<WorkspaceSummary>, Vec<WorkspaceSummary>) = match &*items {
        Some(Ok(all)) => all.iter().cloned().partition(|s| s.deleted_at.is_none()),
        _ => (Vec::new(), Vec::new()),
    };
    let row = |s: &WorkspaceSummary, in_trash: bool| {
        let name = title(s);
        let asking = confirming
            .as_ref()
            .filter(|(id, _)| *id == s.id)
            .map(|(_, f)| *f);
        html! {
            <li class="draft card" data-id={s.id.clone()}>
                if in_trash {
                    <span class="draft-title">{ &name }</span>
                } else {
                    <a href={View::Workspace(s.id.clone()).href()} class="draft-title">{ &name }</a>
                }
                <p class="muted">{ ctf(ChiBoMsg::WsDocumentsLine, &[("count", &s.documents.to_string()), ("time", &clock::local_date_time(&s.updated_at))]) }</p>
                if let Some(forever) = asking {
                    <div class="confirm" role="alertdialog">
                        <p>{ ctf(if forever { ChiBoMsg::WsConfirmDeleteForever } else { ChiBoMsg::WsConfirmDelete }, &[("title", &name)]) }</p>
                        <div class="actions">
                            <button class="danger confirm-delete" onclick={act(s.id.clone(), name.clone(), forever, false)}>{ ct(if forever { ChiBoMsg::WsDeleteForever } else { ChiBoMsg::WsDelete }) }</button>
                            <button onclick={cancel.clone()}>{ ct(ChiBoMsg::WsCancel) }</button>
                        </div>
                    </div>
                } else if in_trash {
                    <div class="actions">
                        <button class="restore" onclick={act(s.id.clone(), name.clone(), false, true)}>{ ct(ChiBoMsg::WsRestore) }</button>
                        <button class="danger delete-forever" onclick={ask(s.id.clone(), true)}>{ ct(ChiBoMsg::WsDeleteForever) }</button>
                    </div>
                } else {
                    <div class="actions">
                        <a class="button" href={View::Workspace(s.id.clone()).href()}>{ ct(ChiBoMsg::WsOpen) }</a>
                        <button class="danger action-delete" onclick={ask(s.id.clone(), false)}>{ ct(ChiBoMsg::WsDelete) }</button>
                    </div>
                }
            </li>
        }
    };
    html! {
        <section class="home">
            <h1>{ ct(ChiBoMsg::WsTitle) }</h1>
            <p class="lead">{ ct(ChiBoMsg::WsLead) }</p>
            <form class="create card" id="ws-create" onsubmit={on_create}>
                <label for="ws-dang-bo">{ ct(ChiBoMsg::WsDangBo) }</label>
                <input id="ws-dang-bo" type="text" value={form.0.clone()} oninput={field(0)} required=true />
                <label for="ws-chi-bo">{ ct(ChiBoMsg::WsChiBo) }</label>
                <input id="ws-chi-bo" type="text" value={form.1.clone()} oninput={field(1)} required=true />
                <label for="ws-year">{ ct(ChiBoMsg::WsYear) }</label>
                <input id="ws-year" type="number" inputmode="numeric" min="2019" max="2100" value={form.2.to_string()} oninput={field(2)} />
                <div class="actions"><button class="primary" id="ws-create-button" type="submit">{ ct(ChiBoMsg::WsNew) }</button></div>
            </form>
            <p><a href={View::Merge.href()} id="ws-merge-link">{ ct(ChiBoMsg::WsMergeTitle) }</a></p>
            <NoticeBox notice={(*notice).clone()} />
            <h2>{ ct(ChiBoMsg::WsListTitle) }</h2>
            {
                match &*items {
                    None => html! { <p class="loading" role="status">{ "…" }</p> },
                    Some(Err(message)) => html! { <p class="notice notice-error" role="alert">{ message }</p> },
                    Some(Ok(_)) if live.is_empty() => html! { <p class="empty" id="ws-empty">{ ct(ChiBoMsg::WsListEmpty) }</p> },
                    Some(Ok(_)) => html! { <ul class="drafts" id="ws-list">{ for live.iter().map(|s| row(s, false)) }</ul> },
                }
            }
            if !trash.is_empty() {
                <h2>{ ct(ChiBoMsg::WsTrashTitle) }</h2>
                <ul class="drafts" id="ws-trash">{ for trash.iter().map(|s| row(s, true)) }</ul>
            }
        </section>
    }
}
