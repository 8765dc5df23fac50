//! The home page: the list of drafts (title, form, year, last saved) with create, open, rename,
//! duplicate, delete after a confirmation, export one or all, and import.
//!
//! The list comes from the store's summaries, never from document bodies.

use tusoi_core::base::messages::{t, tf, Msg};
use tusoi_core::forms::template::{Audience, DocKind};
use tusoi_core::workflow::store::Backend as _;
use tusoi_core::{DocumentSummary, Template};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::import::ImportCtx;
use crate::components::{phone, Notice, NoticeBox};
use crate::hooks::use_action::{use_actions, Actions, Outcome};
use crate::hooks::use_changes::use_changes;
use crate::hooks::use_store::use_store;
use crate::operations;
use crate::routes::{navigate, Route};
use tusoi_core::analysis::retention::ExportMark;
use tusoi_core::base::environment::Kind;

#[derive(Debug, Properties)]
pub struct HomeProps {
    /// The chi bộ's workspace from this page: `./chibo/` from the site's `index.html`,
    /// `../chibo/` from `soan/` (app.rs, `PageSet`).
    #[prop_or("./chibo/")]
    pub workspace: &'static str,
    /// "Nhập" in the toolbar: the importer itself in `soan/` (`components::import::import_box`), a link
    /// to it in the first load ([`import_link`]), which so carries no importer.
    #[prop_or(import_link)]
    pub import: fn(&ImportCtx) -> Html,
}

impl PartialEq for HomeProps {
    /// `import` is fixed for a page (functions are compared by what the page passes, not by
    /// address, which Rust does not keep unique).
    fn eq(&self, other: &Self) -> bool {
        self.workspace == other.workspace
    }
}

/// "Nhập" in the first load: `soan/` at `#/nhap`, where the importer is.
pub fn import_link(_: &ImportCtx) -> Html {
    html! { <a class="button" id="import-link" href={Route::Import.href()}>{ t(Msg::ActionImport) }</a> }
}

#[function_component(Home)]
pub fn home(props: &HomeProps) -> Html {
    let store = use_store();
    let list = use_state(|| None::<Result<Vec<DocumentSummary>, String>>);
    // Where the app runs: in an iPhone's browser tab the reminder comes after 3 days, not 14.
    let environment = *use_memo((), |()| crate::platform::environment::read());
    // Documents whose changes were not exported for that many days, when each was last exported,
    // and how many are in the trash.
    let reminder = use_state(|| 0usize);
    let marks = use_state(Vec::<ExportMark>::new);
    // In an iPhone's tab, why to install first; on Android, the browser's install, once.
    let ios_tab_dismissed = use_state(phone::ios_tab_dismissed);
    let install_offered = use_state(phone::install_offered);
    let install_ready = crate::hooks::use_window_signal::use_window_signal(
        "tusoiInstallPrompt",
        "tusoi-install-ready",
    )
    .is_some();
    let trash_count = use_state(|| 0usize);
    let generation = use_state(|| 0u32);
    let notice = use_state(|| None::<Notice>);
    // The row whose deletion waits for a confirmation.
    let confirming = use_state(|| None::<String>);
    let year = use_state(crate::platform::clock::default_year);

    {
        let (store, list, reminder, trash_count, exported) = (
            store.clone(),
            list.clone(),
            reminder.clone(),
            trash_count.clone(),
            marks.clone(),
        );
        let days = environment.reminder_days();
        use_effect_with(*generation, move |_| {
            spawn_local(async move {
                let summaries = store.list().await.map_err(|e| e.message());
                if let Ok(items) = &summaries {
                    let marks = store.export_marks().await.unwrap_or_default();
                    let now = crate::platform::clock::now_ms();
                    reminder.set(tusoi_core::workflow::library::reminder_count(
                        items, &marks, now, days,
                    ));
                    exported.set(marks);
                }
                trash_count.set(store.list_trash().await.map_or(0, |t| t.len()));
                list.set(Some(summaries));
            });
        });
    }
    let reload = {
        let generation = generation.clone();
        move || generation.set(generation.wrapping_add(1))
    };
    // Buttons that change what is stored reload the list when done.
    let actions = use_actions(
        notice.clone(),
        Callback::from({
            let reload = reload.clone();
            move |()| reload()
        }),
    );
    // Another tab saved, imported or deleted: show the list as it is now.
    use_changes({
        let reload = reload.clone();
        Callback::from(move |_| reload())
    });

    // The form: proposed from who the member is and the year, unless they pick another.
    let audience = use_state(|| Audience::Member);
    let picked = use_state(|| None::<String>);
    // The committees' own templates the page knows (soan/ reads the device's; `components::forms`).
    let forms = crate::templates::known();
    let template = picked
        .as_deref()
        .and_then(|id| forms.get(id))
        .unwrap_or_else(|| Template::propose(*audience, *year));

    // Creating opens the editor: nothing to reload here.
    let opening = use_actions(notice.clone(), Callback::noop());
    let create = |template: &'static Template, year: u16| {
        opening.callback(move |store| async move {
            let doc = operations::create(&store, template, year)
                .await
                .map_err(|e| e.message())?;
            navigate(&Route::Editor { id: doc.id });
            Ok(None)
        })
    };
    let on_create = create(template, *year);

    // Last year's review on this device, if any: the new review can follow it up.
    let previous = match &*list {
        Some(Ok(list)) => {
            tusoi_core::workflow::library::last_years_review(&forms, list, *year).cloned()
        }
        _ => None,
    };
    let on_create_pledge = create(forms.pledge_for(*year), *year);

    let on_year = {
        let (year, picked) = (year.clone(), picked.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Ok(y) = select.value().parse() {
                year.set(y);
                picked.set(None);
            }
        })
    };
    let on_audience = {
        let (audience, picked) = (audience.clone(), picked.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(a) = Audience::from_key(&select.value()) {
                audience.set(a);
                picked.set(None);
            }
        })
    };
    let on_form = {
        let picked = picked.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            picked.set(Some(select.value()));
        })
    };

    let on_export_all =
        actions.callback(|store| async move { operations::export_all(&store).await });

    // A row's actions also close the row's dialog.
    let row_actions = RowActions {
        actions: use_actions(
            notice.clone(),
            Callback::from({
                let (reload, confirming) = (reload.clone(), confirming.clone());
                move |()| {
                    confirming.set(None);
                    reload();
                }
            }),
        ),
        confirming: confirming.clone(),
    };

    let own = forms.custom();
    // Old forms stay available for reading and finishing old drafts.
    let years: Vec<u16> = (2019..=crate::platform::clock::default_year().max(2025) + 1).collect();
    html! {
        <section class="home">
            <h1>{ t(Msg::HomeTitle) }</h1>
            <p class="lead">{ t(Msg::HomePrivacy) }</p>

            if environment.kind == Kind::IosTab && !*ios_tab_dismissed && matches!(&*list, Some(Ok(l)) if l.is_empty()) {
                { phone::ios_tab_card(&ios_tab_dismissed) }
            }
            if install_ready && !*install_offered && environment.may_offer_install() && matches!(&*list, Some(Ok(l)) if !l.is_empty()) {
                { phone::install_offer(&install_offered) }
            }
            <div class="create card">
                <label for="create-audience">{ t(Msg::AudienceLabel) }</label>
                <select id="create-audience" onchange={on_audience}>
                    { for Audience::ALL.into_iter().map(|a| html! {
                        <option value={a.key()} selected={a == *audience}>{ t(a.label()) }</option>
                    }) }
                </select>
                <label for="create-year">{ t(Msg::CreateYearLabel) }</label>
                <select id="create-year" onchange={on_year}>
                    { for years.iter().rev().map(|y| html! {
                        <option value={y.to_string()} selected={*y == *year}>{ y }</option>
                    }) }
                </select>
                <label for="create-form">{ t(Msg::OtherFormLabel) }</label>
                <select id="create-form" onchange={on_form}>
                    { for Template::all().iter().filter(|t| !t.is_pledge()).map(|t| form_option(t, template)) }
                    // The committee's own, registered by soan/ from the device (`components::forms`).
                    if !own.is_empty() {
                        <optgroup label={t(Msg::OwnFormsGroup)}>
                            { for own.iter().map(|t| form_option(t, template)) }
                        </optgroup>
                    }
                </select>
                <p class="muted" id="create-guidance">{ &template.guidance }</p>
                if own.is_empty() {
                    <p class="muted" id="create-own-forms"><a href={Route::Settings.href()}>{ t(Msg::OwnFormsHint) }</a></p>
                }
                if let Some(note) = &template.unverified {
                    <p class="inferred" id="create-unverified">{ tf(Msg::TemplateUnverified, &[("note", note)]) }</p>
                }
                <div class="actions">
                    <button class="primary" id="create" onclick={on_create}>{ t(if template.is_review() { Msg::ActionCreate } else { Msg::ActionCreateOther }) }</button>
                    if let Some(previous) = &previous {
                        <a class="button" id="create-from-previous" href={Route::NextReview { id: previous.id.clone() }.href()}>
                            { tf(Msg::ActionReviewFromYear, &[("year", &year.to_string()), ("title", &previous.title)]) }
                        </a>
                    }
                    <button id="create-pledge" onclick={on_create_pledge}>{ tf(Msg::ActionCreatePledgeYear, &[("year", &year.to_string())]) }</button>
                </div>
            </div>

            <div class="toolbar">
                <button id="export-all" onclick={on_export_all.clone()}
                    disabled={!matches!(&*list, Some(Ok(l)) if !l.is_empty())}>{ t(Msg::ActionExportAll) }</button>
                { (props.import)(&ImportCtx { notice: notice.clone(), reload: Callback::from({
                    let reload = reload.clone();
                    move |()| reload()
                }) }) }
            </div>

            <NoticeBox notice={(*notice).clone()} />

            if *reminder > 0 {
                <div class="card dialog" role="status" id="export-reminder">
                    <p>{ tf(Msg::ReminderExport, &[("count", &reminder.to_string()), ("days", &environment.reminder_days().to_string())]) }</p>
                    <button class="primary" id="reminder-export-all" onclick={on_export_all.clone()}>{ t(Msg::ActionExportAll) }</button>
                </div>
            }

            {
                match &*list {
                    None => html! { <p class="loading" role="status">{ t(Msg::Loading) }</p> },
                    Some(Err(message)) => html! { <p class="notice notice-error" role="alert">{ message }</p> },
                    Some(Ok(items)) if items.is_empty() => html! { <p class="empty" id="empty-list">{ t(Msg::HomeEmpty) }</p> },
                    Some(Ok(items)) => html! {
                        <ul class="drafts" id="drafts">
                            { for items.iter().map(|s| row(s, marks.iter().find(|m| m.id == s.id), &row_actions)) }
                        </ul>
                    },
                }
            }
            if *trash_count > 0 {
                <p><a href={Route::Trash.href()} class="trash-link">{ tf(Msg::TrashLink, &[("count", &trash_count.to_string())]) }</a></p>
            }
            // The chi bộ's workspace is a page and a wasm of its own, fetched only when opened.
            <p><a href={props.workspace} id="workspace-link">{ t(Msg::WorkspaceLink) }</a></p>
        </section>
    }
}

/// What the buttons of a row need.
struct RowActions {
    actions: Actions,
    confirming: UseStateHandle<Option<String>>,
}

impl RowActions {
    /// A callback that runs an async action on the store, then closes the row's dialog, reloads
    /// the list and shows the outcome.
    fn run<F, Fut>(&self, action: F) -> Callback<MouseEvent>
    where
        F: Fn(std::rc::Rc<crate::storage::Store>) -> Fut + 'static,
        Fut: std::future::Future<Output = Outcome> + 'static,
    {
        self.actions.callback(action)
    }

    fn confirm(&self, id: Option<String>) -> Callback<MouseEvent> {
        let confirming = self.confirming.clone();
        Callback::from(move |_| confirming.set(id.clone()))
    }
}

/// A form in the create form's list: its code (or title) and whom it is for.
fn form_option(t: &Template, picked: &Template) -> Html {
    html! {
        <option value={t.id.to_owned()} selected={t.id == picked.id}>
            { format!("{} — {}", if t.code.is_empty() { t.title } else { t.code }, t.audience_text) }
        </option>
    }
}

fn row(summary: &DocumentSummary, mark: Option<&ExportMark>, actions: &RowActions) -> Html {
    let id = summary.id.clone();
    let form =
        crate::templates::get(&summary.template_id).map_or(summary.template_id.clone(), |tpl| {
            match tpl.document {
                DocKind::Review => tpl.code.to_owned(),
                DocKind::Pledge => t(Msg::KindPledge).to_owned(),
                DocKind::Probation => t(Msg::KindProbation).to_owned(),
                DocKind::Transfer => t(Msg::KindTransfer).to_owned(),
                DocKind::Study => t(Msg::KindStudy).to_owned(),
            }
        });
    let confirming = (*actions.confirming).clone();

    let on_delete = actions.run({
        let (id, title) = (id.clone(), summary.title.clone());
        move |store| {
            let (id, title) = (id.clone(), title.clone());
            async move {
                operations::trash(&store, &id)
                    .await
                    .map_err(|e| e.message())?;
                Ok(Some(Notice::Info(tf(
                    Msg::MovedToTrash,
                    &[("title", &title)],
                ))))
            }
        }
    });
    let on_export = actions.run({
        let id = id.clone();
        move |store| {
            let id = id.clone();
            async move { operations::export_json(&store, &id).await }
        }
    });

    let body = match confirming {
        Some(ref rid) if *rid == id => html! {
            <div class="confirm" role="alertdialog">
                <p>{ tf(Msg::ConfirmDelete, &[("title", &summary.title)]) }</p>
                <div class="actions">
                    <button class="danger confirm-delete" onclick={on_delete}>{ t(Msg::ActionDelete) }</button>
                    <button onclick={actions.confirm(None)}>{ t(Msg::ActionCancel) }</button>
                </div>
            </div>
        },
        _ => html! {
            <div class="actions">
                // These two read the body: steps of soan/ (`pages::steps`).
                <a class="button action-rename" href={Route::Rename { id: id.clone() }.href()}>{ t(Msg::ActionRename) }</a>
                <a class="button action-duplicate" href={Route::Copy { id: id.clone() }.href()}>{ t(Msg::ActionDuplicate) }</a>
                <button class="action-export" onclick={on_export}>{ t(Msg::ActionExport) }</button>
                <button class="danger action-delete" onclick={actions.confirm(Some(id.clone()))}>{ t(Msg::ActionDelete) }</button>
            </div>
        },
    };

    html! {
        <li class="draft card" data-id={id.clone()}>
            <a href={Route::Editor { id: id.clone() }.href()} class="draft-title">{ &summary.title }</a>
            <dl class="meta">
                <div><dt>{ t(Msg::ListForm) }</dt><dd>{ form }</dd></div>
                <div><dt>{ t(Msg::ListYear) }</dt><dd>{ summary.year }</dd></div>
                <div><dt>{ t(Msg::ListSaved) }</dt><dd>{ crate::platform::clock::local_date_time(&summary.updated_at) }</dd></div>
            </dl>
            <p class="exported muted">{ match mark {
                Some(m) => tf(Msg::ExportedOn, &[("date", &crate::platform::clock::local_date_time(&m.exported_at))]),
                None => t(Msg::NeverExported).to_owned(),
            } }</p>
            { body }
        </li>
    }
}
