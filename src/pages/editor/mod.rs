//! The editor of one document: header and identity fields, every section of its form with the
//! form's note, the scores with their total and the level it allows, the proposed rating, and the
//! list of problems, each a link to its field.
//!
//! Autosave is the core's session (`tusoi_core::workflow::session`, where its rules are written
//! and tested); this component renders the working copy and its status line, and tells the
//! session what happens: edits, the page hidden or closed (`visibilitychange`, `pagehide`), the
//! editor left or another document opened, other tabs' saves, the member's choice on a conflict.

use std::rc::Rc;
use tusoi_core::base::messages::{et, etf, EditorMsg};

use gloo_events::EventListener;
use tusoi_core::analysis::lint::{lint, Corpus};
use tusoi_core::base::messages::fill;
use tusoi_core::base::messages::{t, tf, Msg};
use tusoi_core::forms::custom::{ensure, ft, Checking, FormMsg};
use tusoi_core::forms::rubric::{parse_rubric, RubricError};
use tusoi_core::model::prompt::PromptEdit;
use tusoi_core::workflow::export::parse_import;
use tusoi_core::workflow::prompt_file::parse_letter;
use tusoi_core::workflow::session::{Event as SessionEvent, SaveStatus};
use tusoi_core::workflow::store::Backend;
use tusoi_core::{validate, Document, Edit, FieldId, HeaderField};
use yew::platform::spawn_local;
use yew::prelude::*;

mod links;
mod pledge;
mod prompts;
mod sections;
mod seal;
mod self_check;
mod study;

use crate::components::field::{delegated_edit, header_input, text_input};
use crate::components::{Notice, NoticeBox};
use crate::hooks::use_action::use_actions;
use crate::hooks::use_changes::use_changes;
use crate::hooks::use_session::use_session;
use crate::hooks::use_store::use_store;
use crate::operations;
use crate::routes::Route;
use crate::sync::Change;
use sections::{render_section, View};

/// How long after the first unsaved edit the document is saved (the core's rule).
pub use tusoi_core::workflow::session::AUTOSAVE_DELAY_MS;

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

/// An `Rc` compared by address: the same list, not an equal one (a memo's dependency that would
/// otherwise compare every document on every render). Holding it keeps the address its own.
#[derive(Debug)]
struct Same<T>(Rc<T>);

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// How long typing must pause before the problems and the linter's findings are computed again.
const SETTLE_MS: u32 = 300;

/// What follows the working copy after a pause in typing: its problems, the linter's findings,
/// and the copy the browser's own Print draws from.
#[derive(Debug)]
struct Analysis {
    issues: Vec<tusoi_core::analysis::validation::Issue>,
    findings: Vec<tusoi_core::analysis::lint::Finding>,
    document: Document,
}

#[derive(Debug, Properties)]
struct PrintCopyProps {
    analysis: Rc<Analysis>,
    template: &'static tusoi_core::Template,
}

impl PartialEq for PrintCopyProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.analysis, &other.analysis) && std::ptr::eq(self.template, other.template)
    }
}

/// What the browser's own Print (Ctrl+P) prints from the editor: the official page, drawn again
/// only when typing pauses (a component, so a keystroke's render skips it: it was a third of a
/// keystroke's cost).
#[function_component(PrintCopy)]
fn print_copy(props: &PrintCopyProps) -> Html {
    crate::components::a4::a4(&props.analysis.document, props.template)
}

/// What `settled` keeps: the key the analysis was computed for, and the analysis.
type Settled = Option<(Key, Rc<Analysis>)>;

/// What an analysis was computed for: the edits typed, and the rest (other edits, versions
/// swapped in, the linter's corpus, the document open: "Tạo … từ bản này" opens another one in
/// the same editor, and its problems are drawn with it, not the last document's).
type Key = (u64, (u64, u32, usize, String));

/// The analysis to show. The first time, or when anything but typing changed ([`Key`]), it is
/// computed now; when only typing changed it, the last one is shown and a timer computes it again
/// `SETTLE_MS` after the last render, so it follows within a second of the last key (the
/// browser's Print, `beforeprint`, makes it due at once).
fn settled(
    last: &Rc<std::cell::RefCell<Settled>>,
    settle: &Rc<std::cell::RefCell<(Option<gloo_timers::callback::Timeout>, bool)>>,
    redraw: &UseForceUpdateHandle,
    key: Key,
    compute: impl FnOnce() -> Analysis,
) -> Rc<Analysis> {
    let due = std::mem::take(&mut settle.borrow_mut().1);
    let current = last.borrow().clone();
    match current {
        Some((was, analysis)) if was == key => analysis,
        Some((was, analysis)) if !due && was.1 == key.1 => {
            // Weak: the timer is kept inside what it points at.
            let (timer, redraw) = (Rc::downgrade(settle), redraw.clone());
            settle.borrow_mut().0 =
                Some(gloo_timers::callback::Timeout::new(SETTLE_MS, move || {
                    if let Some(timer) = timer.upgrade() {
                        timer.borrow_mut().1 = true;
                        redraw.force_update();
                    }
                }));
            analysis
        }
        _ => {
            let analysis = Rc::new(compute());
            settle.borrow_mut().0 = None;
            *last.borrow_mut() = Some((key, analysis.clone()));
            analysis
        }
    }
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let store = use_store();
    let notice = use_state(|| None::<Notice>);
    let runner = use_session(store.clone(), notice.clone());
    // The problems and the linter's findings follow typing after a pause (`SETTLE_MS`), not on
    // every key: over a long form with a thousand documents on the device they were most of a
    // keystroke's cost on a cheap phone (docs/performance.md). `typed` counts the edits.
    let typed = use_mut_ref(|| 0u64);
    // Counts the other edits (a click, a choice): their analysis is drawn at once.
    let acted = use_mut_ref(|| 0u64);
    let analysis = use_mut_ref(|| None::<(Key, Rc<Analysis>)>);
    let settle = use_mut_ref(|| (None::<gloo_timers::callback::Timeout>, false));
    let reanalyse = use_force_update();
    // The browser's Print (Ctrl+P) draws the form first, with the analysis and the copy it
    // prints: the render runs in the event's microtasks, before the page is laid out for print.
    {
        let (runner, settle) = (runner.clone(), settle.clone());
        use_effect_with((), move |()| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "beforeprint", move |_| {
                    settle.borrow_mut().1 = true;
                    runner.flush();
                })
            });
            move || drop(listener)
        });
    }
    // "Tạo … từ bản này" opens what it made: nothing to reload here.
    let actions = use_actions(notice.clone(), Callback::noop());
    let load = use_state(|| Load::Loading);
    // The member's other documents (for links, carry-over and the linter) and the trash ids.
    let others = use_state(|| Rc::new(Vec::<Document>::new()));
    let on_device = use_state(|| Rc::new(Vec::<(String, bool)>::new()));
    // A colleague's file loaded to compare against: its name and documents, in memory only.
    let compare = use_state(|| None::<Rc<(String, Vec<Document>)>>);
    // "Xuất có mật khẩu" open under the bar.
    let sealing = use_state(|| false);
    // "Hiện mã QR": the file "Gửi" would hand over, shown as a loop of QR codes.
    let qr_text = use_state(|| None::<std::rc::Rc<str>>);

    {
        let (store, runner, load) = (store.clone(), runner.clone(), load.clone());
        let (others, on_device) = (others.clone(), on_device.clone());
        use_effect_with(props.id.clone(), move |id| {
            // Another document opened in this editor (a link, "Tạo … từ bản này"): the one on
            // screen is saved first, so nothing typed in the last 500 ms is lost.
            runner.send(SessionEvent::Flush);
            let id = id.clone();
            spawn_local(async move {
                match store.get(&id).await {
                    Ok(Some(document)) => {
                        runner.send(SessionEvent::Loaded(document));
                        load.set(Load::Ready);
                        // Also when the editor moves from one document to another.
                        crate::platform::dom::fit_after_render();
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
            crate::platform::dom::fit_all_text_areas();
        }
    });

    // Save at once when the page is hidden or closed, and when the editor is left.
    {
        let runner = runner.clone();
        use_effect_with((), move |()| {
            let flush = Rc::new(move || runner.send(SessionEvent::Flush));
            let document = gloo_utils::document();
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
                EventListener::new(&gloo_utils::window(), "pagehide", move |_| flush())
            };
            move || {
                drop(on_hidden);
                drop(on_pagehide);
                flush();
            }
        });
    }

    let on_edit = {
        let (runner, acted) = (runner.clone(), acted.clone());
        Callback::from(move |edit: Edit| {
            *acted.borrow_mut() += 1;
            runner.send(SessionEvent::Edited(edit));
        })
    };
    // Typing in a text field: the rest of the form follows after a pause (`send_typed`).
    let on_typed = {
        let (runner, typed) = (runner.clone(), typed.clone());
        Callback::from(move |edit: Edit| {
            *typed.borrow_mut() += 1;
            runner.send_typed(SessionEvent::Edited(edit));
        })
    };

    // The working copy was replaced (by another tab's version): refit the text areas.
    use_effect_with(*runner.swapped, |_| {
        crate::platform::dom::fit_all_text_areas()
    });

    // Another tab saved a document: the session decides whether it concerns the one open.
    use_changes({
        let runner = runner.clone();
        Callback::from(move |change: Change| {
            runner.send(SessionEvent::OtherTabSaved {
                id: change.id,
                revision: change.revision,
            });
        })
    });

    // The member's answer to a conflict: take the newer version, after keeping theirs as a copy if
    // they wish. Nothing is ever overwritten.
    let resolve = |keep_mine: bool| {
        let runner = runner.clone();
        Callback::from(move |_| runner.send(SessionEvent::Resolve { keep_mine }))
    };

    // Built again only when another list of documents or another file arrives: the memo's
    // dependencies compare by address ([`Same`]), since comparing a thousand documents by value
    // (`Rc`'s `==` on a type that is not `Eq`) on every keystroke was most of its render.
    let corpus = use_memo(
        (Same((*others).clone()), (*compare).clone().map(Same)),
        |(others, compare)| {
            let mut corpus = Corpus::with_examples();
            for document in others.0.iter() {
                corpus.add_mine(document);
            }
            if let Some(compare) = compare {
                corpus.add_colleague(&compare.0 .0, &compare.0 .1);
            }
            corpus
        },
    );
    let on_compare_file = {
        let (compare, notice) = (compare.clone(), notice.clone());
        Callback::from(move |e: Event| {
            let Some(file) = crate::platform::files::picked_file(&e) else {
                return;
            };
            let (compare, notice) = (compare.clone(), notice.clone());
            spawn_local(async move {
                let parsed = match crate::platform::files::read_file(&file).await {
                    Ok(bytes) => {
                        crate::templates::update(|forms| parse_import(&bytes, &mut Checking(forms)))
                            .map_err(|e| e.message())
                    }
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
    let s = runner.session.borrow();
    let status = s.status().clone();
    let Some(document) = s.document() else {
        return not_found(t(Msg::DraftNotFound));
    };
    // A committee's own template comes with the document: checked and kept for the page on
    // opening (`forms::custom::ensure`); what is wrong with it is named, and the document stays
    // as stored.
    let template = match crate::templates::update(|forms| {
        ensure(
            forms,
            &document.template_id,
            &document.title,
            document.form.as_ref(),
        )
    }) {
        Ok(template) => template,
        Err(problems) => return not_found(&problems.join(" ")),
    };

    // Exports the working copy, what the member sees, saved or not.
    let on_export = {
        let (store, runner, notice) = (store.clone(), runner.clone(), notice.clone());
        Callback::from(move |_| {
            let Some(document) = runner.session.borrow().document().cloned() else {
                return;
            };
            let (store, notice) = (store.clone(), notice.clone());
            spawn_local(async move {
                let title = document.title.clone();
                match operations::export(&store, vec![document], &title).await {
                    Ok(told) => notice.set(told),
                    Err(message) => notice.set(Some(Notice::Error(message))),
                }
            });
        })
    };

    // "Xuất có mật khẩu": a card under the bar (seal.rs).
    let open_seal = {
        let sealing = sealing.clone();
        Callback::from(move |_: MouseEvent| sealing.set(!*sealing))
    };
    let show_qr = {
        let (runner, qr_text) = (runner.clone(), qr_text.clone());
        Callback::from(move |_: MouseEvent| {
            if qr_text.is_some() {
                qr_text.set(None);
                return;
            }
            if let Some(document) = runner.session.borrow().document().cloned() {
                qr_text.set(Some(operations::send_file(&document).1.into()));
            }
        })
    };
    let close_qr = {
        let qr_text = qr_text.clone();
        Callback::from(move |()| qr_text.set(None))
    };
    let close_seal = {
        let sealing = sealing.clone();
        Callback::from(move |()| sealing.set(false))
    };
    let working_copy = {
        let runner = runner.clone();
        Callback::from(move |()| runner.session.borrow().document().cloned())
    };

    // The working copy as a Word file, what the member sees, saved or not.
    let on_word = {
        let (runner, notice) = (runner.clone(), notice.clone());
        Callback::from(move |_| {
            let Some(document) = runner.session.borrow().document().cloned() else {
                return;
            };
            match operations::export_word(&document) {
                Ok(told) => notice.set(told),
                Err(message) => notice.set(Some(Notice::Error(message))),
            }
        })
    };

    // "Gửi": the working copy to the share sheet, or downloaded where the browser cannot share.
    let on_send = {
        let (store, runner, notice) = (store.clone(), runner.clone(), notice.clone());
        Callback::from(move |_| {
            let Some(document) = runner.session.borrow().document().cloned() else {
                return;
            };
            let later = notice.clone();
            let failed = move |reason: String| {
                later.set(Some(Notice::Error(tusoi_core::base::messages::etf(
                    EditorMsg::ShareFailed,
                    &[("reason", &reason)],
                ))));
            };
            match operations::send(&store, document, failed) {
                Ok(told) => notice.set(told),
                Err(message) => notice.set(Some(Notice::Error(message))),
            }
        })
    };

    // A rubric file the member picked: used only if it is valid and made for this form.
    let on_rubric_file = {
        let (on_edit, notice) = (on_edit.clone(), notice.clone());
        let template_id = document.template_id.clone();
        Callback::from(move |e: Event| {
            let Some(file) = crate::platform::files::picked_file(&e) else {
                return;
            };
            let (on_edit, notice, template_id) =
                (on_edit.clone(), notice.clone(), template_id.clone());
            spawn_local(async move {
                let parsed = match crate::platform::files::read_file(&file).await {
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
                        notice.set(Some(Notice::Info(etf(
                            EditorMsg::RubricUsing,
                            &[("name", &rubric.name), ("issuer", &rubric.issuer)],
                        ))));
                        on_edit.emit(Edit::Rubric(Some(Box::new(rubric))));
                    }
                    Err(message) => notice.set(Some(Notice::Error(message))),
                }
            });
        })
    };

    // The chi bộ's prompts file: its issues replace the list, keeping answers already written
    // (asked first when there are any).
    let on_prompts_file = {
        let (on_edit, notice, store) = (on_edit.clone(), notice.clone(), store.clone());
        let (year, current) = (document.year, document.prompts.clone());
        Callback::from(move |e: Event| {
            let Some(file) = crate::platform::files::picked_file(&e) else {
                return;
            };
            let (on_edit, notice, current, store) = (
                on_edit.clone(),
                notice.clone(),
                current.clone(),
                store.clone(),
            );
            spawn_local(async move {
                let letter = match crate::platform::files::read_file(&file).await {
                    Ok(bytes) => parse_letter(&bytes, year).map_err(|e| e.message()),
                    Err(detail) => Err(tf(Msg::ImportReadFailed, &[("detail", &detail)])),
                };
                let letter = match letter {
                    Ok(letter) => letter,
                    Err(message) => return notice.set(Some(Notice::Error(message))),
                };
                let answered = current
                    .as_ref()
                    .is_some_and(|p| p.issues.iter().any(|i| i.has_answer()));
                if answered && !crate::platform::dom::confirm(et(EditorMsg::PromptsImportReplace)) {
                    return;
                }
                notice.set(Some(Notice::Info(etf(
                    EditorMsg::PromptsImported,
                    &[
                        ("n", &letter.issues.len().to_string()),
                        ("number", &letter.number),
                        ("body", &letter.body),
                    ],
                ))));
                let prompts = letter.to_prompts(&mut crate::platform::ids::new_id);
                on_edit.emit(Edit::Prompts(PromptEdit::Import(prompts)));
                // The committee's templates sent with the letter are kept on the device too.
                if !letter.templates.is_empty() {
                    let kept = crate::components::forms::keep(&store, letter.templates).await;
                    let said = match kept {
                        Ok(now) => fill(
                            ft(FormMsg::FormsWithPrompts),
                            &[("count", &now.templates.len().to_string())],
                        ),
                        Err(problems) => fill(
                            ft(FormMsg::FormsWithPromptsBroken),
                            &[("problems", &problems.join(" "))],
                        ),
                    };
                    notice.set(Some(Notice::Info(format!(
                        "{} {said}",
                        etf(
                            EditorMsg::PromptsImported,
                            &[
                                ("n", &letter.issues.len().to_string()),
                                ("number", &letter.number),
                                ("body", &letter.body),
                            ],
                        )
                    ))));
                }
            });
        })
    };

    let analysis = settled(
        &analysis,
        &settle,
        &reanalyse,
        (
            *typed.borrow(),
            (
                *acted.borrow(),
                *runner.swapped,
                Rc::as_ptr(&corpus) as usize,
                document.id.clone(),
            ),
        ),
        || Analysis {
            issues: validate(document, template),
            findings: lint(document, template, &corpus),
            document: document.clone(),
        },
    );
    let (issues, findings) = (&analysis.issues, &analysis.findings);
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
        on_prompts_file: &on_prompts_file,
        findings,
        origin_title: &origin_title,
    };
    let compare_summary = compare.as_ref().map(|c| (c.0.clone(), c.1.len()));
    let relations = links::card(links::Relations {
        actions: &actions,
        document,
        template,
        others: &others,
        on_device: &on_device,
        on_edit: &on_edit,
        compare: compare_summary.as_ref(),
        on_compare_file,
        on_compare_clear,
    });
    let on_form = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: Event| delegated_edit(&e, &on_edit))
    };
    // Leaving a field, or reaching for a button, draws what was typed first: a button's action
    // is then built from it.
    let flush = {
        let runner = runner.clone();
        Callback::from(move |()| runner.flush_typing())
    };
    let on_input = {
        let (on_edit, on_typed) = (on_edit.clone(), on_typed.clone());
        Callback::from(move |e: InputEvent| {
            let e: Event = e.into();
            delegated_edit(&e, if typing(&e) { &on_typed } else { &on_edit });
        })
    };
    html! {
        <>
        <article class="editor" oninput={on_input} onfocusout={flush.reform(|_: FocusEvent| ())} onpointerdown={flush.reform(|_: PointerEvent| ())} onchange={on_form.clone()}
            onclick={on_form.reform(|e: MouseEvent| e.into())}>
            <div class="editor-bar">
                <a href={Route::Home.href()} class="back">{ "← " }{ et(EditorMsg::ActionBack) }</a>
                <span class="actions">
                    <button class="primary" id="send" onclick={on_send}>{ et(EditorMsg::ActionSend) }</button>
                    <button id="show-qr" aria-expanded={qr_text.is_some().to_string()} onclick={show_qr}>{ et(EditorMsg::QrShow) }</button>
                    <a href={Route::Print { id: document.id.clone() }.href()} class="button print-link">{ et(EditorMsg::ActionPrint) }</a>
                    <button id="export-word" onclick={on_word}>{ t(Msg::ActionWord) }</button>
                    <button id="export-one" onclick={on_export.clone()}>{ t(Msg::ActionExport) }</button>
                    <button id="export-sealed" aria-expanded={sealing.to_string()} onclick={open_seal}>{ et(EditorMsg::SealTitle) }</button>
                </span>
            </div>
            if let Some(text) = &*qr_text {
                <crate::components::qr::QrLoop text={text.clone()} on_close={close_qr} />
            }
            if *sealing {
                <seal::SealCard {working_copy} on_close={close_seal} />
            }
            { status_line(&status) }
            if matches!(status, SaveStatus::Failed(_)) {
                <p class="actions"><button class="primary" id="failed-export" onclick={on_export.clone()}>{ t(Msg::ActionExport) }</button></p>
            }
            if s.conflict().is_some() {
                <div class="card dialog" role="alertdialog" aria-labelledby="conflict-text" id="conflict">
                    <p id="conflict-text">{ t(Msg::ConflictOtherTab) }</p>
                    <div class="actions">
                        <button class="primary" id="conflict-load" onclick={resolve(false)}>{ et(EditorMsg::ConflictLoadNewer) }</button>
                        <button id="conflict-keep" onclick={resolve(true)}>{ et(EditorMsg::ConflictKeepMine) }</button>
                    </div>
                </div>
            }
            <NoticeBox notice={(*notice).clone()} />
            if !issues.is_empty() {
                <p class="problems-link">
                    <button class="link" id="problems-link" onclick={Callback::from(|_| crate::platform::dom::focus_field("problems-title"))}>
                        { etf(EditorMsg::ProblemsCount, &[("count", &issues.len().to_string())]) }
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
                <h2 id="header-title">{ et(EditorMsg::EditorHeader) }</h2>
                { text_input(&FieldId::Title, et(EditorMsg::EditorTitleLabel), &document.title) }
                { for HeaderField::HEADER.into_iter().chain(template.identity.iter().copied()).map(|f| header_input(f, document)) }
                { study::dates_card(document, template) }
            </section>

            if template.is_pledge() {
                { pledge::theme_card(document, &on_edit) }
                { pledge::progress_card(document) }
            }

            { for template.sections.iter().map(|section| render_section(section, &view)) }

            { relations }

            <section class="card problems" aria-labelledby="problems-title" id="problems">
                <h2 id="problems-title" tabindex="-1">{ et(EditorMsg::ProblemsTitle) }</h2>
                if issues.is_empty() {
                    <p>{ et(EditorMsg::ProblemsNone) }</p>
                } else {
                    <ul>
                        { for issues.iter().map(|issue| {
                            let field = issue.field.dom_id();
                            html! {
                                <li><button class="link" data-field={field.clone()}
                                    onclick={Callback::from(move |_| crate::platform::dom::focus_field(&field))}>{ issue.text() }</button></li>
                            }
                        }) }
                    </ul>
                }
                if !findings.is_empty() {
                    <h3 id="findings-title">{ et(EditorMsg::LintTitle) }{ format!(" ({})", findings.len()) }</h3>
                    <ul id="findings-list">
                        { for findings.iter().map(|f| {
                            let field = f.field.dom_id();
                            html! {
                                <li><button class="link" data-field={field.clone()}
                                    onclick={Callback::from(move |_| crate::platform::dom::focus_field(&field))}>{ &f.reason }</button></li>
                            }
                        }) }
                    </ul>
                }
            </section>
        </article>
        // What the browser's own Print (Ctrl+P) prints from the editor: the official page, not
        // the form's inputs. Hidden on screen and from screen readers, who have the editor.
        <div class="print-only" aria-hidden="true"><PrintCopy analysis={analysis.clone()} {template} /></div>
        </>
    }
}

/// Whether an input event is typing into a text field (a text area or a line of text), whose own
/// element shows what was typed; a box, a choice or a number (points typed as text, with
/// `inputmode`, whose sums show beside them) is drawn at once.
fn typing(event: &Event) -> bool {
    use wasm_bindgen::JsCast;
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| match e.tag_name().as_str() {
            "TEXTAREA" => true,
            "INPUT" => {
                matches!(e.get_attribute("type").as_deref(), None | Some("text"))
                    && !e.has_attribute("inputmode")
            }
            _ => false,
        })
}

fn not_found(message: &str) -> Html {
    html! {
        <section>
            <p class="notice notice-error" role="alert">{ message }</p>
            <a href={Route::Home.href()}>{ et(EditorMsg::ActionBack) }</a>
        </section>
    }
}

fn status_line(status: &SaveStatus) -> Html {
    let class = match status {
        SaveStatus::Saved { .. } => "status status-ok",
        SaveStatus::Failed(_) | SaveStatus::Conflict => "status status-error",
        _ => "status",
    };
    let role = if status.is_alert() { "alert" } else { "status" };
    let text = status.text(crate::platform::clock::local_time_of);
    html! { <p class={class} role={role} id="save-status" aria-live="polite">{ text }</p> }
}
