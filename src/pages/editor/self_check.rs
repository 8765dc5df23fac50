//! The parts of the review editor that look back: the self-check against the 27 manifestations and
//! the 19 articles (under the section its summary goes into, A.I.1), and last year's shortcomings
//! in A.III, each with its status. Fields report through the editor's delegated handler
//! (`components::field::delegated_edit`), by their [`FieldId`].

use tusoi_core::analysis::selfcheck;
use tusoi_core::base::messages::t;
use tusoi_core::base::messages::{et, etf, EditorMsg};
use tusoi_core::forms::field::{CarriedPart, CheckPart};
use tusoi_core::forms::reference::{Item, ReferenceList};
use tusoi_core::model::carried::CarryStatus;
use tusoi_core::{Document, Edit, FieldId};
use yew::prelude::*;

use crate::components::field::form_input;

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
            crate::platform::dom::focus_field(&FieldId::Section(section.clone()).dom_id());
            crate::platform::dom::fit_after_render();
        })
    };
    html! {
        <details class="card self-check" id="self-check" open={progress.answered > 0}>
            <summary><strong>{ et(EditorMsg::CheckTitle) }</strong>
                <span class="muted" id="check-progress">{ " " }{ etf(EditorMsg::CheckProgress, &[
                    ("answered", &progress.answered.to_string()),
                    ("total", &progress.total.to_string()),
                    ("found", &progress.found.to_string()),
                ]) }</span>
            </summary>
            <p class="muted">{ et(EditorMsg::CheckIntro) }</p>
            { for ReferenceList::all().iter().map(|list| html! {
                <section class="check-list">
                    <h3>{ &list.title }{ " (" }{ &list.document }{ ")" }</h3>
                    if let Some(note) = &list.note { <p class="inferred">{ note }</p> }
                    { for list.groups.iter().map(|group| {
                        let items: Vec<&Item> = list.items.iter().filter(|i| i.group == group.id).collect();
                        let answered = items
                            .iter()
                            .filter(|i| document.self_check.iter().any(|e| e.item == list.key(i)))
                            .count();
                        html! {
                            // One fold per group, so the 46 items do not make one endless page.
                            <details class="check-group" id={format!("check-group-{}-{}", list.id, group.id)}>
                                <summary>{ &group.title }<span class="muted">{ format!(" ({answered}/{})", items.len()) }</span></summary>
                                <ul class="check-items">
                                    { for items.into_iter().map(|item| check_item(list, item, document)) }
                                </ul>
                            </details>
                        }
                    }) }
                </section>
            }) }
            <button class="primary" id="check-fill" onclick={fill} disabled={progress.answered == 0}>{ et(EditorMsg::CheckFill) }</button>
        </details>
    }
}

/// Two or three radio buttons of a field; `item` is the element id of the item they belong to
/// (each button's id is `<item>-<value>`), `name` what the group answers for (its accessible
/// name). The group's name is the field's id, which the delegated handler reads.
fn choices(
    item: &str,
    field: &FieldId,
    name: &str,
    options: &[(&'static str, &'static str)],
    current: Option<&str>,
) -> Html {
    let group = field.dom_id();
    html! {
        <div class="choices" role="radiogroup" aria-label={name.to_owned()} id={group.clone()} tabindex="-1">
            { for options.iter().map(|(value, label)| html! {
                <label class="choice">
                    <input type="radio" id={format!("{item}-{value}")} name={group.clone()} value={*value}
                        checked={current == Some(*value)} />
                    { *label }
                </label>
            }) }
        </div>
    }
}

fn check_item(list: &ReferenceList, item: &Item, document: &Document) -> Html {
    let key = list.key(item);
    let dom = format!("check-{}-{}", list.id, item.id);
    let entry = document.self_check.iter().find(|e| e.item == key);
    let field = |part: CheckPart| FieldId::Check(key.clone(), part);
    html! {
        <li class="check-item" id={dom.clone()}>
            <p class="check-label"><strong>{ &item.id }{ ". " }{ &item.label }</strong></p>
            <p class="muted ref-status">{ t(item.status.caption()) }
                if !item.source.is_empty() { { " · " }{ etf(EditorMsg::CheckSource, &[("source", item.source)]) } }
            </p>
            if let Some(text) = item.official_text() { <blockquote class="official">{ text }</blockquote> }
            { choices(&dom, &field(CheckPart::Found), item.label, &[("no", et(EditorMsg::CheckNo)), ("yes", et(EditorMsg::CheckYes))],
                entry.map(|e| if e.found { "yes" } else { "no" })) }
            if let Some(entry) = entry.filter(|e| e.found) {
                { form_input(&field(CheckPart::Action), et(EditorMsg::CheckAction), &entry.action, "text") }
                { form_input(&field(CheckPart::By), et(EditorMsg::CheckBy), &entry.by, "text") }
            }
        </li>
    }
}

/// Last year's shortcomings and remedies in A.III, each with its status and a note.
pub fn carried(document: &Document) -> Html {
    let statuses: Vec<(&'static str, &'static str)> = CarryStatus::ALL
        .into_iter()
        .map(|s| (s.key(), s.label()))
        .collect();
    html! {
        <div class="carried" id="carried">
            <p><strong>{ et(EditorMsg::CarryTitle) }</strong></p>
            <ol>
                { for document.carried.iter().map(|item| {
                    let dom = format!("carried-{}", item.id);
                    let field = |part: CarriedPart| FieldId::Carried(item.id.clone(), part);
                    let from = if item.prompt {
                        tusoi_core::base::messages::et(tusoi_core::base::messages::EditorMsg::CarryFromPrompts)
                    } else if item.remedy {
                        et(EditorMsg::CarryFromRemedies)
                    } else {
                        et(EditorMsg::CarryFromShortcomings)
                    };
                    html! {
                        <li class="carried-item" id={dom.clone()}>
                            <p>{ &item.text }<span class="muted">{ " · " }{ from }</span></p>
                            { choices(&dom, &field(CarriedPart::Status), &item.text, &statuses, item.status.map(CarryStatus::key)) }
                            { form_input(&field(CarriedPart::Note), et(EditorMsg::CarryNote), &item.note, "text") }
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
