//! The parts of the review editor that look back: the self-check against the 27 manifestations and
//! the 19 articles (under A.I.1, whose summary it writes), and last year's shortcomings in A.III,
//! each with its status.

use tusoi_core::carry::{CarriedEdit, CarryStatus};
use tusoi_core::messages::{t, tf, Msg};
use tusoi_core::reference::{Item, ReferenceList};
use tusoi_core::selfcheck::{self, CheckEdit};
use tusoi_core::{Document, Edit};
use yew::prelude::*;

use super::pledge::line_input;
use crate::effects;

/// The self-check panel under the section it summarises into (`section`).
pub fn panel(document: &Document, section: &str, on_edit: &Callback<Edit>) -> Html {
    let progress = selfcheck::progress(document);
    let fill = {
        let on_edit = on_edit.clone();
        let summary = selfcheck::summary(document);
        let current = document.answer(section).to_owned();
        let section = section.to_owned();
        Callback::from(move |_| {
            on_edit.emit(Edit::Section(
                section.clone(),
                selfcheck::fill_section(&current, &summary),
            ));
            effects::focus_field(&tusoi_core::validation::section_field_id(&section));
            effects::fit_all_text_areas();
        })
    };
    html! {
        <details class="card self-check" id="self-check" open={progress.answered > 0}>
            <summary><strong>{ t(Msg::CheckTitle) }</strong>
                <span class="muted" id="check-progress">{ " " }{ tf(Msg::CheckProgress, &[
                    ("answered", &progress.answered.to_string()),
                    ("total", &progress.total.to_string()),
                    ("found", &progress.found.to_string()),
                ]) }</span>
            </summary>
            <p class="muted">{ t(Msg::CheckIntro) }</p>
            { for ReferenceList::all().iter().map(|list| html! {
                <section class="check-list">
                    <h3>{ &list.title }{ " (" }{ &list.document }{ ")" }</h3>
                    if let Some(note) = &list.note { <p class="inferred">{ note }</p> }
                    { for list.groups.iter().map(|group| html! {
                        <>
                            if list.groups.len() > 1 { <h4>{ &group.title }</h4> }
                            <ol class="check-items">
                                { for list.items.iter().filter(|i| i.group == group.id).map(|item| check_item(list, item, document, on_edit)) }
                            </ol>
                        </>
                    }) }
                </section>
            }) }
            <button class="primary" id="check-fill" onclick={fill} disabled={progress.answered == 0}>{ t(Msg::CheckFill) }</button>
        </details>
    }
}

fn check_item(
    list: &ReferenceList,
    item: &Item,
    document: &Document,
    on_edit: &Callback<Edit>,
) -> Html {
    let key = list.key(item);
    let dom = format!("check-{}-{}", list.id, item.id);
    let entry = document.self_check.iter().find(|e| e.item == key);
    let set = |found: bool| {
        let (on_edit, key) = (on_edit.clone(), key.clone());
        Callback::from(move |_: Event| {
            on_edit.emit(Edit::Check(key.clone(), CheckEdit::Found(Some(found))))
        })
    };
    let edit = |make: fn(String) -> CheckEdit| {
        let (on_edit, key) = (on_edit.clone(), key.clone());
        Callback::from(move |v: String| on_edit.emit(Edit::Check(key.clone(), make(v))))
    };
    html! {
        <li class="check-item" id={dom.clone()}>
            <p class="check-label"><strong>{ &item.id }{ ". " }{ &item.label }</strong></p>
            <p class="muted ref-status">{ t(item.status.caption()) }
                if !item.source.is_empty() { { " · " }{ tf(Msg::CheckSource, &[("source", &item.source)]) } }
            </p>
            if let Some(text) = item.official_text() { <blockquote class="official">{ text }</blockquote> }
            <div class="choices" role="radiogroup">
                <label class="choice"><input type="radio" id={format!("{dom}-no")} name={dom.clone()} checked={entry.is_some_and(|e| !e.found)} onchange={set(false)} />{ t(Msg::CheckNo) }</label>
                <label class="choice"><input type="radio" id={format!("{dom}-yes")} name={dom.clone()} checked={entry.is_some_and(|e| e.found)} onchange={set(true)} />{ t(Msg::CheckYes) }</label>
            </div>
            if let Some(entry) = entry.filter(|e| e.found) {
                { line_input(format!("{dom}-action"), t(Msg::CheckAction), &entry.action, "text", edit(CheckEdit::Action)) }
                { line_input(format!("{dom}-by"), t(Msg::CheckBy), &entry.by, "text", edit(CheckEdit::By)) }
            }
        </li>
    }
}

/// Last year's shortcomings and remedies in A.III, each with its status and a note.
pub fn carried(document: &Document, on_edit: &Callback<Edit>) -> Html {
    html! {
        <div class="carried" id="carried">
            <p><strong>{ t(Msg::CarryTitle) }</strong></p>
            <ol>
                { for document.carried.iter().map(|item| {
                    let dom = format!("carried-{}", item.id);
                    let set = |status: CarryStatus| {
                        let (on_edit, id) = (on_edit.clone(), item.id.clone());
                        Callback::from(move |_: Event| on_edit.emit(Edit::Carried(id.clone(), CarriedEdit::Status(Some(status)))))
                    };
                    let on_note = {
                        let (on_edit, id) = (on_edit.clone(), item.id.clone());
                        Callback::from(move |v: String| on_edit.emit(Edit::Carried(id.clone(), CarriedEdit::Note(v))))
                    };
                    let from = if item.remedy { Msg::CarryFromRemedies } else { Msg::CarryFromShortcomings };
                    html! {
                        <li class="carried-item" id={dom.clone()}>
                            <p>{ &item.text }<span class="muted">{ " · " }{ t(from) }</span></p>
                            <fieldset class="choices" id={format!("{dom}-status")} tabindex="-1">
                                <legend class="visually-hidden">{ &item.text }</legend>
                                { for CarryStatus::ALL.into_iter().map(|s| html! {
                                    <label class="choice">
                                        <input type="radio" id={format!("{dom}-{}", s.key())} name={format!("{dom}-status")} checked={item.status == Some(s)} onchange={set(s)} />
                                        { s.label() }
                                    </label>
                                }) }
                            </fieldset>
                            { line_input(format!("{dom}-note"), t(Msg::CarryNote), &item.note, "text", on_note) }
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
