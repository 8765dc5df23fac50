//! The parts of the editor a pledge has: the theme and the "học tập và làm theo" registration, and
//! each section's list of commitments with target, deadline, evidence and year-end assessment. The
//! linter's findings are shown beside the field they concern.
//!
//! The fields here have no handler of their own: each carries `data-scope`, `data-id` and
//! `data-field`, and the editor's one delegated handler ([`form_event`]) turns the event into an
//! [`Edit::Form`], which the core maps to a typed edit. A closure per field cost the wasm bundle
//! several kilobytes.

use tusoi_core::analysis::lint::Finding;
use tusoi_core::base::messages::{t, tf, Msg};
use tusoi_core::forms::field::{CommitmentPart, FieldId};
use tusoi_core::forms::template::Section;
use tusoi_core::model::pledge::{Assessment, Commitment, Deadline, Target};
use tusoi_core::{Document, Edit};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::effects;

/// The id of the list of a field's findings, if it has any (for `aria-describedby`).
pub fn findings_id(findings: &[Finding], field: &str) -> Option<String> {
    findings
        .iter()
        .any(|f| f.field.dom_id() == field)
        .then(|| format!("findings-{field}"))
}

/// The findings of a field, under it.
pub fn findings_at(findings: &[Finding], field: &str) -> Html {
    let here: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.field.dom_id() == field)
        .collect();
    if here.is_empty() {
        return html! {};
    }
    html! {
        <ul class="findings" id={format!("findings-{field}")}>
            { for here.into_iter().map(|f| html! {
                <li class="finding"><strong>{ &f.reason }</strong>{ " " }{ &f.suggestion }</li>
            }) }
        </ul>
    }
}

/// Where a form field sends its value: scope, item id and field name.
#[derive(Debug, Clone, Copy)]
pub struct FieldRef<'a> {
    pub scope: &'static str,
    pub id: &'a str,
    pub field: &'static str,
}

/// A labelled one-line input of a delegated form field. Its element id is `dom`.
pub fn form_input(
    dom: String,
    label: &str,
    value: &str,
    kind: &'static str,
    to: FieldRef<'_>,
) -> Html {
    html! {
        <div class="field">
            <label for={dom.clone()}>{ label }</label>
            <input id={dom} type={kind} value={value.to_owned()}
                data-scope={to.scope} data-id={to.id.to_owned()} data-field={to.field} />
        </div>
    }
}

/// The editor's delegated handler for `input`, `change` and `click` events: an element with
/// `data-scope` reports its value (for radios, only when checked); a button with `data-add`
/// adds a commitment to that section, one with `data-remove` removes that commitment.
pub fn form_event(event: &Event, on_edit: &Callback<Edit>) {
    let Some(element) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if event.type_() == "click" {
        if let Some(section) = element.get_attribute("data-add") {
            let commitment = Commitment::new(effects::new_id(), &section);
            let field =
                FieldId::Commitment(commitment.id.clone(), CommitmentPart::Content).dom_id();
            on_edit.emit(Edit::AddCommitment(commitment));
            effects::focus_field(&field);
        } else if let Some(id) = element.get_attribute("data-remove") {
            on_edit.emit(Edit::RemoveCommitment(id));
        }
        return;
    }
    // A radio button's field is its group's name; any other element's is its id.
    let (field, value) = if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        if input.type_() == "radio" {
            if !input.checked() {
                return;
            }
            (input.name(), input.value())
        } else {
            (input.id(), input.value())
        }
    } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        effects::fit_text_area(area);
        (area.id(), area.value())
    } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        (select.id(), select.value())
    } else {
        return;
    };
    if let Some(field) = FieldId::parse(&field) {
        on_edit.emit(Edit::Form(field, value));
    }
}

/// The theme of the year and whether the pledge registers "học tập và làm theo".
pub fn theme_card(document: &Document, on_edit: &Callback<Edit>) -> Html {
    let on_study = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_edit.emit(Edit::StudyRegistration(input.checked()));
        })
    };
    let on_theme = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_edit.emit(Edit::Theme(input.value()));
        })
    };
    html! {
        <section class="card">
            <div class="check-line">
                <input type="checkbox" id="pledge-study" checked={document.study_registration} onchange={on_study} />
                <label for="pledge-study">{ t(Msg::PledgeStudyLabel) }</label>
            </div>
            if document.study_registration {
                <div class="field">
                    <label for="pledge-theme">{ t(Msg::PledgeThemeLabel) }</label>
                    <input id="pledge-theme" type="text" value={document.theme.clone()} oninput={on_theme} />
                </div>
            }
        </section>
    }
}

/// A commitments section: its guidance, examples, commitments and the add button.
pub fn commitments_section(
    section: &Section,
    document: &Document,
    findings: &[Finding],
    guidance: Html,
    origin_title: &dyn Fn(&str) -> String,
) -> Html {
    if section.study && !document.study_registration {
        return html! {};
    }
    let items: Vec<&Commitment> = document
        .commitments
        .iter()
        .filter(|c| c.section == section.id)
        .collect();
    html! {
        <div class="card section" data-section={section.id}>
            <h3 class="section-heading">
                { &section.heading }
                if section.optional { { " " }<span class="optional">{ t(Msg::OptionalMark) }</span> }
            </h3>
            { guidance }
            if !section.examples.is_empty() {
                <details class="hint examples">
                    <summary>{ t(Msg::ExamplesTitle) }</summary>
                    <ul>{ for section.examples.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
                </details>
            }
            if items.is_empty() { <p class="muted">{ t(Msg::CommitmentsEmpty) }</p> }
            <ol class="commitments">
                { for items.into_iter().map(|c| commitment(c, document.year, findings, origin_title)) }
            </ol>
            <button id={format!("add-{}", section.id)} class="add-commitment" data-add={section.id}>{ "+ " }{ t(Msg::CommitmentAdd) }</button>
        </div>
    }
}

fn commitment(
    c: &Commitment,
    year: u16,
    findings: &[Finding],
    origin_title: &dyn Fn(&str) -> String,
) -> Html {
    let id = c.id.as_str();
    let field = |name: &str| {
        let part = match name {
            "content" => CommitmentPart::Content,
            "target" => CommitmentPart::TargetKind,
            "value" => CommitmentPart::TargetValue,
            "unit" => CommitmentPart::TargetUnit,
            "outcome" => CommitmentPart::TargetOutcome,
            "deadline" => CommitmentPart::Deadline,
            "date" => CommitmentPart::Date,
            "evidence" => CommitmentPart::Evidence,
            "assessment" => CommitmentPart::Assessment,
            _ => CommitmentPart::Comment,
        };
        FieldId::Commitment(id.to_owned(), part).dom_id()
    };
    let to = |field: &'static str| FieldRef {
        scope: "commitment",
        id,
        field,
    };
    let kind = match &c.target {
        None => "",
        Some(Target::Number { .. }) => "number",
        Some(Target::Outcome { .. }) => "outcome",
    };
    let target_inputs = match &c.target {
        None => html! {},
        Some(Target::Number { value, unit }) => html! {
            <div class="target-number">
                { form_input(field("value"), t(Msg::CommitmentValue), &value.map(tusoi_core::base::number::format_points).unwrap_or_default(), "text", to("target-value")) }
                { form_input(field("unit"), t(Msg::CommitmentUnit), unit, "text", to("target-unit")) }
            </div>
        },
        Some(Target::Outcome { outcome }) => form_input(
            field("outcome"),
            t(Msg::CommitmentOutcome),
            outcome,
            "text",
            to("target-outcome"),
        ),
    };
    let is_date = c.deadline.len() == 10;
    let select = |name: &'static str, label: &str, options: Html| {
        html! {
            <div class="field">
                <label for={field(name)}>{ label }</label>
                <select id={field(name)} data-scope="commitment" data-id={id.to_owned()} data-field={if name == "target" { "target-kind" } else { name }}
                    aria-describedby={findings_id(findings, &field(name))}>
                    { options }
                </select>
                { findings_at(findings, &field(name)) }
            </div>
        }
    };
    let option = |value: &str, label: String, selected: bool| {
        html! {
            <option value={value.to_owned()} {selected}>{ label }</option>
        }
    };
    html! {
        <li class="commitment" id={format!("commitment-{id}")}>
            if let Some(origin) = &c.origin {
                <p class="muted carried-from">{ tf(Msg::CommitmentCarried, &[("title", &origin_title(&origin.document))]) }</p>
            }
            <div class="field">
                <label for={field("content")}>{ t(Msg::CommitmentContent) }</label>
                <textarea id={field("content")} rows="2" value={c.content.clone()}
                    data-scope="commitment" data-id={id.to_owned()} data-field="content"
                    aria-describedby={findings_id(findings, &field("content"))} />
                { findings_at(findings, &field("content")) }
            </div>
            { select("target", t(Msg::CommitmentTargetKind), html! { <>
                { option("", t(Msg::CommitmentTargetNone).to_owned(), kind.is_empty()) }
                { option("number", t(Msg::CommitmentTargetNumber).to_owned(), kind == "number") }
                { option("outcome", t(Msg::CommitmentTargetOutcome).to_owned(), kind == "outcome") }
            </> }) }
            { target_inputs }
            { select("deadline", t(Msg::CommitmentDeadline), html! { <>
                { option("", t(Msg::CommitmentTargetNone).to_owned(), c.deadline.is_empty()) }
                { for (1..=4).map(|q| {
                    let value = format!("Q{q}");
                    option(&value, Deadline::Quarter(q).display(year), c.deadline == value)
                }) }
                { option("date", t(Msg::CommitmentDeadlineDate).to_owned(), is_date) }
            </> }) }
            if is_date {
                { form_input(field("date"), t(Msg::CommitmentDeadlineDate), &c.deadline, "date", to("date")) }
            }
            { form_input(field("evidence"), t(Msg::CommitmentEvidence), &c.evidence, "text", to("evidence")) }
            <fieldset class="assessment">
                <legend>{ t(Msg::CommitmentAssessment) }</legend>
                { for Assessment::ALL.into_iter().map(|a| {
                    let input_id = format!("{}-{}", field("assessment"), a.key());
                    html! {
                        <label for={input_id.clone()} class="choice">
                            <input type="radio" id={input_id} name={field("assessment")} value={a.key()} checked={c.assessment == Some(a)}
                                data-scope="commitment" data-id={id.to_owned()} data-field="assessment" />
                            { a.label() }
                        </label>
                    }
                }) }
            </fieldset>
            if c.assessment.is_some() {
                { form_input(field("comment"), t(Msg::CommitmentComment), &c.comment, "text", to("comment")) }
            }
            <button class="link danger remove-commitment" data-remove={id.to_owned()}>{ t(Msg::CommitmentRemove) }</button>
        </li>
    }
}
