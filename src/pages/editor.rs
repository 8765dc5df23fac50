//! The editor of one document: header and identity fields, every section of its form with the
//! form's note, the scores with their total and the level it allows, the proposed rating, and the
//! list of problems, each a link to its field.
//!
//! Autosave: the first edit after a save starts a 500 ms timer (later edits do not push it back);
//! when it fires, or at once when the page is hidden or closed (`visibilitychange`, `pagehide`) or
//! the editor is left, the document is saved. The
//! status line says when it was saved or what went wrong; after a failure the text stays on screen
//! and in memory, and the next edit tries again.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use tusoi_core::analysis::lint::{lint, Corpus, Finding};
use tusoi_core::analysis::rules;
use tusoi_core::analysis::scoring::{ceiling, total};
use tusoi_core::base::messages::{t, tf, Msg};
use tusoi_core::base::number::format_points;
use tusoi_core::forms::rating::RatingList;
use tusoi_core::forms::rubric::{parse_rubric, RubricError};
use tusoi_core::forms::template::{Section, SectionKind, SectionRole};
use tusoi_core::model::condition::Question;
use tusoi_core::workflow::export::parse_import;
use tusoi_core::{validate, Document, Edit, FieldId, HeaderField, Rating, Template};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::{links, pledge, self_check};
use crate::app::{use_store, Route};
use crate::components::{Notice, NoticeBox};
use crate::storage::{StorageError, Store};
use crate::sync::{use_changes, Change};
use crate::{effects, operations};

/// How long typing must pause before a save.
pub const AUTOSAVE_DELAY_MS: u32 = 500;

#[derive(Debug, Properties, PartialEq)]
pub struct EditorProps {
    pub id: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Ready,
    Missing,
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
enum SaveStatus {
    Idle,
    Pending,
    Saving,
    Saved(String),
    Failed(String),
    Conflict,
}

/// Which stored version a working copy descends from: its revision and save time.
type Stamp = (u64, String);

fn stamp(document: &Document) -> Stamp {
    (document.revision, document.updated_at.clone())
}

/// The working copy and the autosave state, shared by callbacks and timers.
#[derive(Default)]
struct Session {
    document: Option<Document>,
    /// Changed since the last save began.
    dirty: bool,
    timer: Option<Timeout>,
    /// The version the next save expects to find stored: the last save begun (saves are issued in
    /// order, and IndexedDB runs them in order).
    base: Stamp,
    /// The version the last successful save wrote.
    confirmed: Stamp,
    /// A newer version saved by another tab; autosave stops until the member chooses.
    conflict: Option<Document>,
}

impl Session {
    fn load(&mut self, document: Document) {
        self.base = stamp(&document);
        self.confirmed = stamp(&document);
        self.document = Some(document);
        self.dirty = false;
        self.timer = None;
        self.conflict = None;
    }
}

/// Saves the working copy if it changed. Safe to call at any time, as often as needed.
fn save_now(
    store: &Rc<Store>,
    session: &Rc<RefCell<Session>>,
    status: &UseStateHandle<SaveStatus>,
) {
    let (snapshot, expected) = {
        let mut s = session.borrow_mut();
        // Dropping a running timer is fine: wasm-bindgen defers freeing a closure that is executing.
        s.timer = None;
        if !s.dirty || s.conflict.is_some() {
            return;
        }
        let s = &mut *s;
        let Some(document) = s.document.as_mut() else {
            return;
        };
        document.touch(&effects::now());
        s.dirty = false;
        let expected = std::mem::replace(&mut s.base, stamp(document));
        (document.clone(), expected)
    };
    status.set(SaveStatus::Saving);
    let (store, session, status) = (store.clone(), session.clone(), status.clone());
    // The store issues its requests on the first poll, which happens in this same task of the event
    // loop, before a closing page is torn down.
    spawn_local(async move {
        let result = store.save(&snapshot, (expected.0, &expected.1)).await;
        let mut s = session.borrow_mut();
        // Another document was opened meanwhile: its stamps are not this save's to touch.
        if s.document.as_ref().is_some_and(|d| d.id != snapshot.id) {
            if let Err(e) = result {
                status.set(SaveStatus::Failed(e.message()));
            }
            return;
        }
        match result {
            Ok(()) => {
                s.confirmed = stamp(&snapshot);
                request_persistence_once();
                if s.dirty {
                    status.set(SaveStatus::Pending);
                } else {
                    let key = if store.is_persistent() {
                        Msg::SavedAt
                    } else {
                        Msg::SavedInMemoryAt
                    };
                    status.set(SaveStatus::Saved(tf(
                        key,
                        &[("time", &effects::local_time())],
                    )));
                }
            }
            // What is stored is what this tab last wrote: an earlier save of ours failed, not
            // another tab. Try again from there.
            Err(StorageError::Conflict(stored)) if stamp(&stored) == s.confirmed => {
                s.base = s.confirmed.clone();
                s.dirty = true;
                drop(s);
                save_now(&store, &session, &status);
            }
            Err(StorageError::Conflict(stored)) => {
                s.base = s.confirmed.clone();
                s.dirty = true;
                s.conflict = Some(*stored);
                status.set(SaveStatus::Conflict);
            }
            Err(e) => {
                // Keep the change marked unsaved and in memory, so the next edit or page-hide tries
                // again; the status line says what happened and offers the export.
                s.base = s.confirmed.clone();
                s.dirty = true;
                status.set(SaveStatus::Failed(e.message()));
            }
        }
    });
}

/// Asks once per page for persistent storage, after the first save (`domain`: issue 6).
fn request_persistence_once() {
    static ASKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if !ASKED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        effects::request_persistence();
    }
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let store = use_store();
    let session = use_mut_ref(Session::default);
    let load = use_state(|| Load::Loading);
    let status = use_state(|| SaveStatus::Idle);
    let notice = use_state(|| None::<Notice>);
    let redraw = use_force_update();
    // The member's other documents (for links, carry-over and the linter) and the trash ids.
    let others = use_state(|| Rc::new(Vec::<Document>::new()));
    let on_device = use_state(|| Rc::new(Vec::<(String, bool)>::new()));
    // A colleague's file loaded to compare against: its name and documents, in memory only.
    let compare = use_state(|| None::<Rc<(String, Vec<Document>)>>);

    {
        let (store, session, load) = (store.clone(), session.clone(), load.clone());
        let (others, on_device, status) = (others.clone(), on_device.clone(), status.clone());
        use_effect_with(props.id.clone(), move |id| {
            // Another document opened in this editor (a link, "Tạo … từ bản này"): the one on
            // screen is saved first, so nothing typed in the last 500 ms is lost.
            save_now(&store, &session, &status);
            let id = id.clone();
            spawn_local(async move {
                match store.get(&id).await {
                    Ok(Some(document)) => {
                        session.borrow_mut().load(document);
                        load.set(Load::Ready);
                        // Also when the editor moves from one document to another.
                        effects::fit_after_render();
                    }
                    Ok(None) => load.set(Load::Missing),
                    Err(e) => load.set(Load::Failed(e.message())),
                }
                // Best effort: without them the editor works, only without comparisons.
                let live = store.all().await.unwrap_or_default();
                let trash = store.list_trash().await.unwrap_or_default();
                let mut ids: Vec<(String, bool)> =
                    live.iter().map(|d| (d.id.clone(), false)).collect();
                ids.extend(trash.into_iter().map(|d| (d.id, true)));
                on_device.set(Rc::new(ids));
                others.set(Rc::new(live.into_iter().filter(|d| d.id != id).collect()));
            });
        });
    }

    // Once the document is on screen, size the text areas to their text.
    use_effect_with((*load).clone(), |load| {
        if *load == Load::Ready {
            effects::fit_all_text_areas();
        }
    });

    // Save at once when the page is hidden or closed, and when the editor is left.
    {
        let (store, session, status) = (store.clone(), session.clone(), status.clone());
        use_effect_with((), move |()| {
            let flush = Rc::new(move || save_now(&store, &session, &status));
            let document = gloo_utils_document();
            let on_hidden = {
                let flush = flush.clone();
                let doc = document.clone();
                EventListener::new(&document, "visibilitychange", move |_| {
                    if doc.visibility_state() == web_sys::VisibilityState::Hidden {
                        flush();
                    }
                })
            };
            let on_pagehide = {
                let flush = flush.clone();
                web_sys::window().map(|w| EventListener::new(&w, "pagehide", move |_| flush()))
            };
            move || {
                drop(on_hidden);
                drop(on_pagehide);
                flush();
            }
        });
    }

    let on_edit = {
        let (store, session, status) = (store.clone(), session.clone(), status.clone());
        Callback::from(move |edit: Edit| {
            let mut s = session.borrow_mut();
            let changed = s.document.as_mut().is_some_and(|d| d.apply(edit));
            if !changed {
                return;
            }
            s.dirty = true;
            // The timer starts at the first unsaved edit and is not pushed back by later ones, so
            // a save comes at most 500 ms after any keystroke, even while the member types on
            // without a pause: a crash loses at most the last 500 ms of typing.
            if s.timer.is_none() {
                let (store, session2, status2) = (store.clone(), session.clone(), status.clone());
                s.timer = Some(Timeout::new(AUTOSAVE_DELAY_MS, move || {
                    save_now(&store, &session2, &status2)
                }));
            }
            drop(s);
            if !matches!(*status, SaveStatus::Failed(_) | SaveStatus::Conflict) {
                status.set(SaveStatus::Pending);
            }
            redraw.force_update();
        })
    };

    // Bumped when the working copy is replaced (by another tab's version), so text areas refit.
    let swapped = use_state(|| 0u32);
    use_effect_with(*swapped, |_| effects::fit_all_text_areas());

    // Another tab saved this document: take its version if nothing here is unsaved, else ask.
    use_changes({
        let (store, session, status, swapped) = (
            store.clone(),
            session.clone(),
            status.clone(),
            swapped.clone(),
        );
        Callback::from(move |change: Change| {
            let relevant = {
                let s = session.borrow();
                s.document.as_ref().is_some_and(|d| d.id == change.id)
                    && change.revision != s.base.0
                    && change.revision != 0
            };
            if !relevant {
                return;
            }
            let (store, session, status, swapped) = (
                store.clone(),
                session.clone(),
                status.clone(),
                swapped.clone(),
            );
            spawn_local(async move {
                let Ok(Some(stored)) = store.get(&change.id).await else {
                    return;
                };
                let mut s = session.borrow_mut();
                if stamp(&stored) == s.base {
                    return;
                }
                if s.dirty {
                    s.conflict = Some(stored);
                    status.set(SaveStatus::Conflict);
                } else {
                    s.load(stored);
                    status.set(SaveStatus::Saved(tf(
                        Msg::UpdatedFromOtherTab,
                        &[("time", &effects::local_time())],
                    )));
                }
                drop(s);
                swapped.set(swapped.wrapping_add(1));
            });
        })
    });

    // The member's answer to a conflict: take the newer version, after keeping theirs as a copy if
    // they wish. Nothing is ever overwritten.
    let resolve = |keep_mine: bool| {
        let (store, session, status, notice, swapped) = (
            store.clone(),
            session.clone(),
            status.clone(),
            notice.clone(),
            swapped.clone(),
        );
        Callback::from(move |_| {
            let (store, session, status, notice, swapped) = (
                store.clone(),
                session.clone(),
                status.clone(),
                notice.clone(),
                swapped.clone(),
            );
            spawn_local(async move {
                let (mine, newer) = {
                    let s = session.borrow();
                    (s.document.clone(), s.conflict.clone())
                };
                let Some(newer) = newer else { return };
                if keep_mine {
                    if let Some(mine) = mine {
                        let copy = mine.duplicate(effects::new_id(), &effects::now());
                        match store.put(&copy).await {
                            Ok(()) => notice.set(Some(Notice::Info(tf(
                                Msg::KeptAsCopy,
                                &[("title", &copy.title)],
                            )))),
                            Err(e) => {
                                notice.set(Some(Notice::Error(e.message())));
                                return;
                            }
                        }
                    }
                }
                session.borrow_mut().load(newer);
                status.set(SaveStatus::Idle);
                swapped.set(swapped.wrapping_add(1));
            });
        })
    };

    let corpus = use_memo(
        ((*others).clone(), (*compare).clone()),
        |(others, compare)| {
            let mut corpus = Corpus::with_examples();
            for document in others.iter() {
                corpus.add_mine(document);
            }
            if let Some(compare) = compare {
                corpus.add_colleague(&compare.0, &compare.1);
            }
            corpus
        },
    );
    let on_compare_file = {
        let (compare, notice) = (compare.clone(), notice.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (compare, notice) = (compare.clone(), notice.clone());
            spawn_local(async move {
                let parsed = match effects::read_file(&file).await {
                    Ok(bytes) => parse_import(&bytes).map_err(|e| e.message()),
                    Err(detail) => Err(tf(Msg::ImportReadFailed, &[("detail", &detail)])),
                };
                match parsed {
                    Ok(documents) => compare.set(Some(Rc::new((file.name(), documents)))),
                    Err(message) => notice.set(Some(Notice::Error(message))),
                }
            });
        })
    };
    let on_compare_clear = {
        let compare = compare.clone();
        Callback::from(move |_| compare.set(None))
    };

    match &*load {
        Load::Loading => return html! { <p class="loading" role="status">{ t(Msg::Loading) }</p> },
        Load::Missing => return not_found(t(Msg::DraftNotFound)),
        Load::Failed(message) => return not_found(message),
        Load::Ready => {}
    }
    let s = session.borrow();
    let Some(document) = s.document.as_ref() else {
        return not_found(t(Msg::DraftNotFound));
    };
    let Some(template) = Template::get(&document.template_id) else {
        return not_found(&tf(
            Msg::ImportUnknownTemplate,
            &[
                ("title", &document.title),
                ("template", &document.template_id),
            ],
        ));
    };

    // Exports the working copy, what the member sees, saved or not.
    let on_export = {
        let (store, session, notice) = (store.clone(), session.clone(), notice.clone());
        Callback::from(move |_| {
            let Some(document) = session.borrow().document.clone() else {
                return;
            };
            let (store, notice) = (store.clone(), notice.clone());
            spawn_local(async move {
                let title = document.title.clone();
                if let Err(message) = operations::export(&store, vec![document], &title).await {
                    notice.set(Some(Notice::Error(message)));
                }
            });
        })
    };

    // A rubric file the member picked: used only if it is valid and made for this form.
    let on_rubric_file = {
        let (on_edit, notice) = (on_edit.clone(), notice.clone());
        let template_id = document.template_id.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let (on_edit, notice, template_id) =
                (on_edit.clone(), notice.clone(), template_id.clone());
            spawn_local(async move {
                let parsed = match effects::read_file(&file).await {
                    Ok(bytes) => parse_rubric(&bytes)
                        .and_then(|r| {
                            if r.fits(&template_id) {
                                Ok(r)
                            } else {
                                Err(RubricError::NotForTemplate)
                            }
                        })
                        .map_err(|e| e.message()),
                    Err(detail) => Err(tf(Msg::ImportReadFailed, &[("detail", &detail)])),
                };
                match parsed {
                    Ok(rubric) => {
                        notice.set(Some(Notice::Info(tf(
                            Msg::RubricUsing,
                            &[("name", &rubric.name), ("issuer", &rubric.issuer)],
                        ))));
                        on_edit.emit(Edit::Rubric(Some(Box::new(rubric))));
                    }
                    Err(message) => notice.set(Some(Notice::Error(message))),
                }
            });
        })
    };

    let issues = validate(document, template);
    let findings = lint(document, template, &corpus);
    let origin_title = |id: &str| {
        others
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.title.clone())
            .or_else(|| {
                document
                    .links
                    .iter()
                    .find(|l| l.document == id)
                    .map(|l| l.title.clone())
            })
            .unwrap_or_else(|| id.to_owned())
    };
    let view = View {
        document,
        template,
        on_edit: &on_edit,
        on_rubric_file: &on_rubric_file,
        findings: &findings,
        origin_title: &origin_title,
    };
    let compare_summary = compare.as_ref().map(|c| (c.0.clone(), c.1.len()));
    let relations = links::card(links::Relations {
        store: &store,
        document,
        template,
        others: &others,
        on_device: &on_device,
        on_edit: &on_edit,
        notice: &notice,
        compare: compare_summary.as_ref(),
        on_compare_file,
        on_compare_clear,
    });
    let on_form = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: Event| pledge::form_event(&e, &on_edit))
    };
    html! {
        <article class="editor" oninput={on_form.reform(|e: InputEvent| e.into())} onchange={on_form.clone()}
            onclick={on_form.reform(|e: MouseEvent| e.into())}>
            <div class="editor-bar">
                <a href={Route::Home.href()} class="back">{ "← " }{ t(Msg::ActionBack) }</a>
                <span class="actions">
                    <a href={Route::Print { id: document.id.clone() }.href()} class="button print-link">{ t(Msg::ActionPrint) }</a>
                    <button id="export-one" onclick={on_export.clone()}>{ t(Msg::ActionExport) }</button>
                </span>
            </div>
            { status_line(&status) }
            if matches!(*status, SaveStatus::Failed(_)) {
                <p class="actions"><button class="primary" id="failed-export" onclick={on_export.clone()}>{ t(Msg::ActionExport) }</button></p>
            }
            if s.conflict.is_some() {
                <div class="card dialog" role="alertdialog" aria-labelledby="conflict-text" id="conflict">
                    <p id="conflict-text">{ t(Msg::ConflictOtherTab) }</p>
                    <div class="actions">
                        <button class="primary" id="conflict-load" onclick={resolve(false)}>{ t(Msg::ConflictLoadNewer) }</button>
                        <button id="conflict-keep" onclick={resolve(true)}>{ t(Msg::ConflictKeepMine) }</button>
                    </div>
                </div>
            }
            <NoticeBox notice={(*notice).clone()} />
            if !issues.is_empty() {
                <p class="problems-link">
                    <button class="link" id="problems-link" onclick={Callback::from(|_| effects::focus_field("problems-title"))}>
                        { tf(Msg::ProblemsCount, &[("count", &issues.len().to_string())]) }
                    </button>
                </p>
            }

            <header class="form-title">
                <p class="form-code">{ &template.code }</p>
                <h1>{ &template.title }
                    if document.study_registration {
                        if let Some(study) = &template.study_title { <br />{ study } }
                    }
                </h1>
                <p>{ tf(Msg::YearLine, &[("year", &document.year.to_string())]) }</p>
                if !template.subtitle.text.is_empty() {
                    <p class="subtitle">{ &template.subtitle.text }</p>
                }
                if let Some(note) = &template.unverified {
                    <p class="inferred" id="template-unverified">{ tf(Msg::TemplateUnverified, &[("note", note)]) }</p>
                }
            </header>

            <section class="card" aria-labelledby="header-title">
                <h2 id="header-title">{ t(Msg::EditorHeader) }</h2>
                { text_input("doc-title", t(Msg::EditorTitleLabel), &document.title, &on_edit, Edit::Title) }
                { for HeaderField::HEADER.into_iter().chain(template.identity.iter().copied()).map(|f| field_input(f, document, &on_edit)) }
            </section>

            if template.is_pledge() { { pledge::theme_card(document, &on_edit) } }

            { for template.sections.iter().map(|section| render_section(section, &view)) }

            { relations }

            <section class="card problems" aria-labelledby="problems-title" id="problems">
                <h2 id="problems-title" tabindex="-1">{ t(Msg::ProblemsTitle) }</h2>
                if issues.is_empty() {
                    <p>{ t(Msg::ProblemsNone) }</p>
                } else {
                    <ul>
                        { for issues.iter().map(|issue| {
                            let field = issue.field.dom_id();
                            html! {
                                <li><button class="link" data-field={field.clone()}
                                    onclick={Callback::from(move |_| effects::focus_field(&field))}>{ issue.text() }</button></li>
                            }
                        }) }
                    </ul>
                }
                if !findings.is_empty() {
                    <h3 id="findings-title">{ t(Msg::LintTitle) }{ format!(" ({})", findings.len()) }</h3>
                    <ul id="findings-list">
                        { for findings.iter().map(|f| {
                            let field = f.field.dom_id();
                            html! {
                                <li><button class="link" data-field={field.clone()}
                                    onclick={Callback::from(move |_| effects::focus_field(&field))}>{ &f.reason }</button></li>
                            }
                        }) }
                    </ul>
                }
            </section>
        </article>
    }
}

fn not_found(message: &str) -> Html {
    html! {
        <section>
            <p class="notice notice-error" role="alert">{ message }</p>
            <a href={Route::Home.href()}>{ t(Msg::ActionBack) }</a>
        </section>
    }
}

fn status_line(status: &SaveStatus) -> Html {
    let (class, text) = match status {
        SaveStatus::Idle => ("status", String::new()),
        SaveStatus::Pending => ("status", t(Msg::Unsaved).to_owned()),
        SaveStatus::Saving => ("status", t(Msg::Saving).to_owned()),
        SaveStatus::Saved(text) => ("status status-ok", text.clone()),
        SaveStatus::Failed(text) => ("status status-error", text.clone()),
        SaveStatus::Conflict => ("status status-error", t(Msg::ConflictOtherTab).to_owned()),
    };
    let role = if matches!(status, SaveStatus::Failed(_) | SaveStatus::Conflict) {
        "alert"
    } else {
        "status"
    };
    html! { <p class={class} role={role} id="save-status" aria-live="polite">{ text }</p> }
}

fn text_input(
    id: &str,
    label: &str,
    value: &str,
    on_edit: &Callback<Edit>,
    edit: fn(String) -> Edit,
) -> Html {
    let on_edit = on_edit.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        on_edit.emit(edit(input.value()));
    });
    html! {
        <div class="field">
            <label for={id.to_owned()}>{ label }</label>
            <input id={id.to_owned()} type="text" value={value.to_owned()} {oninput} />
        </div>
    }
}

fn field_input(field: HeaderField, document: &Document, on_edit: &Callback<Edit>) -> Html {
    let on_edit = on_edit.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        on_edit.emit(Edit::Field(field, input.value()));
    });
    let kind = if field.is_date() { "date" } else { "text" };
    let autocomplete = match field {
        HeaderField::FullName => "name",
        HeaderField::BirthDate => "bday",
        HeaderField::WorkUnit => "organization",
        _ => "off",
    };
    html! {
        <div class="field">
            <label for={FieldId::Header(field).dom_id()}>{ t(field.label()) }</label>
            <input id={FieldId::Header(field).dom_id()} type={kind} value={document.field(field).to_owned()} {oninput} {autocomplete} />
        </div>
    }
}

/// What the sections of the editor are drawn from.
struct View<'a> {
    document: &'a Document,
    template: &'a Template,
    on_edit: &'a Callback<Edit>,
    on_rubric_file: &'a Callback<Event>,
    findings: &'a [Finding],
    origin_title: &'a dyn Fn(&str) -> String,
}

fn render_section(section: &Section, view: &View<'_>) -> Html {
    let View {
        document,
        template,
        on_edit,
        ..
    } = *view;
    let depth = section.id.matches('.').count();
    match section.kind {
        SectionKind::Heading if depth == 0 => {
            html! { <h2 class="part-heading">{ &section.heading }</h2> }
        }
        SectionKind::Heading => html! { <h3 class="group-heading">{ &section.heading }</h3> },
        SectionKind::Text => html! {
            <>
                { text_section(section, view) }
                if section.role == Some(SectionRole::SelfCheck) {
                    { self_check::panel(document, section.id, on_edit) }
                }
            </>
        },
        SectionKind::Scores => {
            scores_section(section, document, template, on_edit, view.on_rubric_file)
        }
        SectionKind::Rating => rating_section(section, document, template, on_edit),
        SectionKind::Commitments => pledge::commitments_section(
            section,
            document,
            view.findings,
            guidance(section, false),
            view.origin_title,
        ),
    }
}

/// The form's note and the app's hint under a heading; the hint is labelled as the app's.
/// `inferred`: say when the section was not seen in a reproduction of the form (a pledge has no
/// official form at all; its template says so once, at the top).
fn guidance(section: &Section, inferred: bool) -> Html {
    html! {
        <>
            if let Some(note) = &section.note {
                <p class="form-note" id={format!("note-{}", section.id)}>
                    <span class="tag">{ t(Msg::FormNote) }{ ": " }</span><em>{ note }</em>
                </p>
            }
            if let Some(hint) = &section.hint {
                <details class="hint">
                    <summary>{ t(Msg::AppHint) }</summary>
                    <p>{ hint }</p>
                </details>
            }
            if inferred && !section.verified {
                <p class="inferred">{ t(Msg::InferredNote) }</p>
            }
        </>
    }
}

fn text_section(section: &Section, view: &View<'_>) -> Html {
    let (document, on_edit) = (view.document, view.on_edit);
    let id = FieldId::Section(section.id.to_owned()).dom_id();
    let carried = section.role == Some(SectionRole::Carried) && !document.carried.is_empty();
    let text = document.answer(section.id).to_owned();
    let section_id = section.id;
    let oninput = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            effects::fit_text_area(&area);
            on_edit.emit(Edit::Section(section_id.to_owned(), area.value()));
        })
    };
    // The form's note and the linter's findings describe the field to a screen reader.
    let described: Vec<String> = section
        .note
        .as_ref()
        .map(|_| format!("note-{}", section.id))
        .into_iter()
        .chain(pledge::findings_id(view.findings, &id))
        .collect();
    let describedby = (!described.is_empty()).then(|| described.join(" "));
    let count = text.chars().count();
    html! {
        <div class="card section" data-section={section.id}>
            <label for={id.clone()} class="section-heading">
                { &section.heading }
                if section.optional { { " " }<span class="optional">{ t(Msg::OptionalMark) }</span> }
            </label>
            { guidance(section, true) }
            if carried {
                { self_check::carried(document) }
                <p class="muted">{ t(Msg::CarryMoreText) }</p>
            }
            <textarea id={id.clone()} rows="4" value={text} {oninput} aria-describedby={describedby} />
            <p class="count muted">{ tf(Msg::CharCount, &[("count", &count.to_string())]) }</p>
            { pledge::findings_at(view.findings, &id) }
        </div>
    }
}

fn scores_section(
    section: &Section,
    document: &Document,
    template: &Template,
    on_edit: &Callback<Edit>,
    on_rubric_file: &Callback<Event>,
) -> Html {
    let total = total(document, template);
    let input = |id: String,
                 label: &str,
                 max: String,
                 value: Option<f64>,
                 edit: Rc<dyn Fn(Option<f64>) -> Edit>| {
        let on_edit = on_edit.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_edit.emit(edit(parse_points(&input.value())));
        });
        html! {
            <div class="field score">
                <label for={id.clone()}>{ label }</label>
                <span class="score-input">
                    <input id={id} type="text" inputmode="decimal" value={value.map(format_points).unwrap_or_default()} {oninput} />
                    <span class="max">{ format!("/{max}") }</span>
                </span>
            </div>
        }
    };
    html! {
        <fieldset class="card section scores" data-section={section.id}>
            <legend class="section-heading">{ &section.heading }</legend>
            { guidance(section, true) }
            if let Some(rubric) = &document.rubric {
                <p class="rubric-using" id="rubric-using">{ tf(Msg::RubricUsing, &[("name", &rubric.name), ("issuer", &rubric.issuer)]) }</p>
            }
            { for template.score_groups.iter().map(|group| {
                let criteria = document.rubric.as_ref().map(|r| r.criteria(group.id)).unwrap_or_default();
                if criteria.is_empty() {
                    let group_id = group.id;
                    input(FieldId::Score(group.id.to_owned()).dom_id(), group.label, group.max.to_string(), document.score(group.id),
                        Rc::new(move |p| Edit::Score(group_id.to_owned(), p)))
                } else {
                    html! {
                        <fieldset class="rubric-group" id={FieldId::Score(group.id.to_owned()).dom_id()}>
                            <legend>{ &group.label }</legend>
                            { for criteria.iter().map(|c| {
                                let criterion = c.id.clone();
                                input(FieldId::Criterion(c.id.clone()).dom_id(), &c.label, format_points(c.max), document.criterion_score(&c.id),
                                    Rc::new(move |p| Edit::Criterion(criterion.clone(), p)))
                            }) }
                            <p class="subtotal">{ tf(Msg::RubricSubtotal, &[
                                ("points", &document.score(group.id).map_or("…".to_owned(), format_points)),
                                ("max", &group.max.to_string()),
                            ]) }</p>
                        </fieldset>
                    }
                }
            }) }
            <p class="total" id="score-total">
                <strong>{ t(Msg::ScoreTotal) }{ ": " }</strong>
                { total.map_or("…".to_owned(), format_points) }{ format!("/{}", template.max_total()) }
            </p>
            <p class="suggestion" id="score-suggestion">{
                match total {
                    Some(total) => tf(Msg::ScoreSuggests, &[("total", &format_points(total)), ("level", t(ceiling(total).label()))]),
                    None => t(Msg::ScoreIncomplete).to_owned(),
                }
            }</p>
            <details class="hint rubric-tools">
                <summary>{ t(Msg::RubricImport) }</summary>
                <p>{ t(Msg::RubricHelp) }</p>
                <div class="actions">
                    <label class="button" for="rubric-file">{ t(Msg::RubricImport) }</label>
                    <input id="rubric-file" class="visually-hidden" type="file" accept=".json,application/json" onchange={on_rubric_file.clone()} />
                    if document.rubric.is_some() {
                        <button id="rubric-remove" onclick={{ let on_edit = on_edit.clone(); Callback::from(move |_| on_edit.emit(Edit::Rubric(None))) }}>{ t(Msg::RubricRemove) }</button>
                    }
                </div>
            </details>
        </fieldset>
    }
}

/// Points as typed on a Vietnamese keyboard: `27,5` or `27.5`; anything else is "not scored".
fn parse_points(text: &str) -> Option<f64> {
    tusoi_core::base::number::parse_decimal(text)
}

fn rating_section(
    section: &Section,
    document: &Document,
    template: &Template,
    on_edit: &Callback<Edit>,
) -> Html {
    // One list on the 2025 forms; the 2019 and 2023 forms ask for the civil-servant rating too.
    let several = template.rating_lists.len() > 1;
    html! {
        <fieldset class="card section rating" id="rating-section" data-section={section.id}>
            <legend class="section-heading">{ &section.heading }</legend>
            { guidance(section, true) }
            { for template.rating_lists.iter().map(|spec| {
                let (prefix, chosen) = match spec.list {
                    RatingList::Party => ("rating", document.proposed_rating),
                    RatingList::CivilServant => ("rating-civil", document.civil_servant_rating),
                };
                let choices = html! {
                    { for Rating::ALL.into_iter().map(|rating| {
                        let id = format!("{prefix}-{}", rating.key());
                        let on_edit = on_edit.clone();
                        let list = spec.list;
                        let onchange = Callback::from(move |_: Event| on_edit.emit(match list {
                            RatingList::Party => Edit::Rating(Some(rating)),
                            RatingList::CivilServant => Edit::CivilServantRating(Some(rating)),
                        }));
                        html! {
                            <div class="choice">
                                <input type="radio" name={prefix} id={id.clone()} value={rating.key()}
                                    checked={chosen == Some(rating)} {onchange} />
                                <label for={id}>{ t(rating.label()) }</label>
                            </div>
                        }
                    }) }
                };
                if several {
                    html! {
                        <fieldset class="rating-list" id={prefix}>
                            <legend>{ &spec.label }</legend>
                            { choices }
                        </fieldset>
                    }
                } else {
                    html! { <div id={prefix} class="rating-list">{ choices }</div> }
                }
            }) }
            { conditions(document, template, on_edit) }
        </fieldset>
    }
}

/// The yes/no questions of Điều 11 and the level they and the points allow (2025 forms, which
/// score on 100 points). The member's own choice above stays theirs.
fn conditions(document: &Document, template: &Template, on_edit: &Callback<Edit>) -> Html {
    let questions = Question::for_audience(template.kind);
    if template.score_groups.is_empty() || questions.is_empty() {
        return html! {};
    }
    let suggestion = rules::suggest(
        total(document, template),
        &document.conditions,
        template.kind,
    );
    html! {
        <div class="conditions" id="conditions">
            <h4>{ t(Msg::ConditionsTitle) }</h4>
            <p class="muted">{ t(Msg::ConditionsHelp) }</p>
            { for questions.iter().map(|q| {
                let key = q.key();
                let current = document.conditions.iter().find(|a| a.question == *q).map(|a| a.yes);
                let radio = |value: bool, label: Msg| {
                    let id = format!("q-{key}-{}", if value { "yes" } else { "no" });
                    let on_edit = on_edit.clone();
                    let q = *q;
                    let onchange = Callback::from(move |_: Event| on_edit.emit(Edit::Condition(q, Some(value))));
                    html! {
                        <span class="choice">
                            <input type="radio" name={format!("q-{key}")} id={id.clone()} checked={current == Some(value)} {onchange} />
                            <label for={id}>{ t(label) }</label>
                        </span>
                    }
                };
                html! {
                    <fieldset class="question">
                        <legend>{ t(q.text()) }</legend>
                        <div class="yes-no">{ radio(true, Msg::AnswerYes) }{ radio(false, Msg::AnswerNo) }</div>
                    </fieldset>
                }
            }) }
            if let Some(s) = suggestion {
                <p class="suggestion" id="rules-suggestion"><strong>{ tf(Msg::RulesSuggest, &[("level", t(s.level.label()))]) }</strong></p>
                if !s.reasons.is_empty() {
                    <ul class="reasons">{ for s.reasons.iter().map(|r| html! { <li>{ t(*r) }</li> }) }</ul>
                }
            }
            <p class="muted" id="quota-note">{ t(Msg::QuotaNote) }</p>
        </div>
    }
}

fn gloo_utils_document() -> web_sys::Document {
    // The editor only runs in a window with a document.
    #[allow(clippy::expect_used)]
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}
