//! The parts of the editor a pledge has: the theme and the "học tập và làm theo" registration, and
//! each section's list of commitments with target, deadline, evidence and year-end assessment. The
//! linter's findings are shown beside the field they concern.
//!
//! The commitments' fields have no handler of their own: the editor's one delegated handler
//! (`components::field::delegated_edit`) reads them by their [`FieldId`].

use tusoi_core::analysis::lint::Finding;
use tusoi_core::base::messages::{t, tf, Msg};
use tusoi_core::base::number::format_points;
use tusoi_core::forms::field::{CommitmentPart, FieldId};
use tusoi_core::forms::template::Section;
use tusoi_core::model::pledge::{Assessment, Commitment, Deadline, Target};
use tusoi_core::{Document, Edit};
use yew::prelude::*;

use crate::components::field::form_input;
use crate::components::findings::{findings_at, findings_id};

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
    template: &tusoi_core::Template,
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
                { template.heading(section, document.study_registration) }
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
            <button id={FieldId::Commitments(section.id.to_owned()).dom_id()} class="add-commitment" data-add={section.id}>{ "+ " }{ t(Msg::CommitmentAdd) }</button>
        </div>
    }
}

fn commitment(
    c: &Commitment,
    year: u16,
    findings: &[Finding],
    origin_title: &dyn Fn(&str) -> String,
) -> Html {
    let part = |part: CommitmentPart| FieldId::Commitment(c.id.clone(), part);
    let dom = |p: CommitmentPart| part(p).dom_id();
    let kind = match &c.target {
        None => "",
        Some(Target::Number { .. }) => "number",
        Some(Target::Outcome { .. }) => "outcome",
    };
    let target_inputs = match &c.target {
        None => html! {},
        Some(Target::Number { value, unit }) => html! {
            <div class="target-number">
                { form_input(&part(CommitmentPart::TargetValue), t(Msg::CommitmentValue), &value.map(format_points).unwrap_or_default(), "text") }
                { form_input(&part(CommitmentPart::TargetUnit), t(Msg::CommitmentUnit), unit, "text") }
            </div>
        },
        Some(Target::Outcome { outcome }) => form_input(
            &part(CommitmentPart::TargetOutcome),
            t(Msg::CommitmentOutcome),
            outcome,
            "text",
        ),
    };
    let is_date = c.deadline.len() == 10;
    let select = |p: CommitmentPart, label: &str, options: Html| {
        let field = part(p);
        html! {
            <div class="field">
                <label for={field.dom_id()}>{ label }</label>
                <select id={field.dom_id()} aria-describedby={findings_id(findings, &field)}>
                    { options }
                </select>
                { findings_at(findings, &field) }
            </div>
        }
    };
    let option = |value: &str, label: String, selected: bool| {
        html! {
            <option value={value.to_owned()} {selected}>{ label }</option>
        }
    };
    let content = part(CommitmentPart::Content);
    html! {
        <li class="commitment" id={format!("commitment-{}", c.id)}>
            if let Some(origin) = &c.origin {
                <p class="muted carried-from">{ tf(Msg::CommitmentCarried, &[("title", &origin_title(&origin.document))]) }</p>
            }
            <div class="field">
                <label for={content.dom_id()}>{ t(Msg::CommitmentContent) }</label>
                <textarea id={content.dom_id()} rows="2" value={c.content.clone()}
                    aria-describedby={findings_id(findings, &content)} />
                { findings_at(findings, &content) }
            </div>
            { select(CommitmentPart::TargetKind, t(Msg::CommitmentTargetKind), html! { <>
                { option("", t(Msg::CommitmentTargetNone).to_owned(), kind.is_empty()) }
                { option("number", t(Msg::CommitmentTargetNumber).to_owned(), kind == "number") }
                { option("outcome", t(Msg::CommitmentTargetOutcome).to_owned(), kind == "outcome") }
            </> }) }
            { target_inputs }
            { select(CommitmentPart::Deadline, t(Msg::CommitmentDeadline), html! { <>
                { option("", t(Msg::CommitmentTargetNone).to_owned(), c.deadline.is_empty()) }
                { for (1..=4).map(|q| {
                    let value = format!("Q{q}");
                    option(&value, Deadline::Quarter(q).display(year), c.deadline == value)
                }) }
                { option("date", t(Msg::CommitmentDeadlineDate).to_owned(), is_date) }
            </> }) }
            if is_date {
                { form_input(&part(CommitmentPart::Date), t(Msg::CommitmentDeadlineDate), &c.deadline, "date") }
            }
            { form_input(&part(CommitmentPart::Evidence), t(Msg::CommitmentEvidence), &c.evidence, "text") }
            <fieldset class="assessment">
                <legend>{ t(Msg::CommitmentAssessment) }</legend>
                { for Assessment::ALL.into_iter().map(|a| {
                    let group = dom(CommitmentPart::Assessment);
                    let input_id = format!("{group}-{}", a.key());
                    html! {
                        <label for={input_id.clone()} class="choice">
                            <input type="radio" id={input_id} name={group} value={a.key()} checked={c.assessment == Some(a)} />
                            { a.label() }
                        </label>
                    }
                }) }
            </fieldset>
            if c.assessment.is_some() {
                { form_input(&part(CommitmentPart::Comment), t(Msg::CommitmentComment), &c.comment, "text") }
            }
            <button class="link danger remove-commitment" data-remove={c.id.clone()}>{ t(Msg::CommitmentRemove) }</button>
        </li>
    }
}
