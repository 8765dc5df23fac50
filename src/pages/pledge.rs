//! The parts of the editor a pledge has: the theme and the "học tập và làm theo" registration, and
//! each section's list of commitments with target, deadline, evidence and year-end assessment. The
//! linter's findings are shown beside the field they concern.

use tusoi_core::lint::{commitment_field_id, Finding};
use tusoi_core::messages::{t, tf, Msg};
use tusoi_core::pledge::{Assessment, Commitment, CommitmentEdit, Target};
use tusoi_core::template::Section;
use tusoi_core::{Document, Edit};
use yew::prelude::*;

use crate::effects;

/// The findings of a field, under it.
pub fn findings_at(findings: &[Finding], field: &str) -> Html {
    let here: Vec<&Finding> = findings.iter().filter(|f| f.field == field).collect();
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

/// A one-line input that reports its value.
pub fn line_input(
    id: String,
    label: &str,
    value: &str,
    kind: &'static str,
    on: Callback<String>,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        on.emit(input.value());
    });
    html! {
        <div class="field">
            <label for={id.clone()}>{ label }</label>
            <input id={id} type={kind} value={value.to_owned()} {oninput} />
        </div>
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
    html! {
        <section class="card">
            <div class="check-line">
                <input type="checkbox" id="pledge-study" checked={document.study_registration} onchange={on_study} />
                <label for="pledge-study">{ t(Msg::PledgeStudyLabel) }</label>
            </div>
            if document.study_registration {
                { line_input("pledge-theme".into(), t(Msg::PledgeThemeLabel), &document.theme, "text",
                    on_edit.reform(Edit::Theme)) }
            }
        </section>
    }
}

/// A commitments section: its guidance, examples, commitments and the add button.
pub fn commitments_section(
    section: &Section,
    document: &Document,
    on_edit: &Callback<Edit>,
    findings: &[Finding],
    guidance: Html,
    origin_title: &dyn Fn(&str) -> String,
) -> Html {
    if section.study && !document.study_registration {
        return html! {};
    }
    let add = {
        let (on_edit, section_id) = (on_edit.clone(), section.id.clone());
        Callback::from(move |_| {
            let commitment = Commitment::new(effects::new_id(), &section_id);
            let field = commitment_field_id(&commitment.id, "content");
            on_edit.emit(Edit::AddCommitment(commitment));
            effects::focus_field(&field);
        })
    };
    let items: Vec<&Commitment> = document
        .commitments
        .iter()
        .filter(|c| c.section == section.id)
        .collect();
    html! {
        <div class="card section" data-section={section.id.clone()}>
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
                { for items.into_iter().map(|c| commitment(c, document.year, on_edit, findings, origin_title)) }
            </ol>
            <button id={format!("add-{}", section.id)} class="add-commitment" onclick={add}>{ "+ " }{ t(Msg::CommitmentAdd) }</button>
        </div>
    }
}

fn commitment(
    c: &Commitment,
    year: u16,
    on_edit: &Callback<Edit>,
    findings: &[Finding],
    origin_title: &dyn Fn(&str) -> String,
) -> Html {
    let id = c.id.clone();
    let field = |name: &str| commitment_field_id(&id, name);
    let edit = {
        let (on_edit, id) = (on_edit.clone(), id.clone());
        move |make: fn(String) -> CommitmentEdit| {
            let (on_edit, id) = (on_edit.clone(), id.clone());
            Callback::from(move |value: String| {
                on_edit.emit(Edit::Commitment(id.clone(), make(value)))
            })
        }
    };
    let set_target = {
        let (on_edit, id) = (on_edit.clone(), id.clone());
        Callback::from(move |target: Option<Target>| {
            on_edit.emit(Edit::Commitment(id.clone(), CommitmentEdit::Target(target)))
        })
    };
    let on_content = {
        let on = edit(CommitmentEdit::Content);
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            effects::fit_text_area(&area);
            on.emit(area.value());
        })
    };
    let on_kind = {
        let (set_target, current) = (set_target.clone(), c.target.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let target = match select.value().as_str() {
                "number" => Some(match &current {
                    Some(t @ Target::Number { .. }) => t.clone(),
                    _ => Target::Number {
                        value: None,
                        unit: String::new(),
                    },
                }),
                "outcome" => Some(match &current {
                    Some(t @ Target::Outcome { .. }) => t.clone(),
                    _ => Target::Outcome {
                        outcome: String::new(),
                    },
                }),
                _ => None,
            };
            set_target.emit(target);
        })
    };
    let kind = match &c.target {
        None => "",
        Some(Target::Number { .. }) => "number",
        Some(Target::Outcome { .. }) => "outcome",
    };
    let target_inputs = match &c.target {
        None => html! {},
        Some(Target::Number { value, unit }) => {
            let on_value = {
                let (set_target, unit) = (set_target.clone(), unit.clone());
                Callback::from(move |text: String| {
                    let value = tusoi_core::scoring::parse_decimal(&text);
                    set_target.emit(Some(Target::Number {
                        value,
                        unit: unit.clone(),
                    }));
                })
            };
            let on_unit = {
                let (set_target, value) = (set_target.clone(), *value);
                Callback::from(move |unit: String| {
                    set_target.emit(Some(Target::Number { value, unit }))
                })
            };
            html! {
                <div class="target-number">
                    { line_input(field("value"), t(Msg::CommitmentValue), &value.map(tusoi_core::scoring::format_points).unwrap_or_default(), "text", on_value) }
                    { line_input(field("unit"), t(Msg::CommitmentUnit), unit, "text", on_unit) }
                </div>
            }
        }
        Some(Target::Outcome { outcome }) => {
            let on_outcome = {
                let set_target = set_target.clone();
                Callback::from(move |outcome: String| {
                    set_target.emit(Some(Target::Outcome { outcome }))
                })
            };
            line_input(
                field("outcome"),
                t(Msg::CommitmentOutcome),
                outcome,
                "text",
                on_outcome,
            )
        }
    };
    // The deadline: a quarter, or a day picked in a date input.
    let is_date = c.deadline.len() == 10;
    let on_deadline_kind = {
        let on = edit(CommitmentEdit::Deadline);
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let value = select.value();
            on.emit(match value.as_str() {
                "date" => format!("{year}-12-31"),
                _ => value,
            });
        })
    };
    let assessment = {
        let (on_edit, id) = (on_edit.clone(), id.clone());
        move |a: Assessment| {
            let (on_edit, id) = (on_edit.clone(), id.clone());
            Callback::from(move |_: Event| {
                on_edit.emit(Edit::Commitment(
                    id.clone(),
                    CommitmentEdit::Assessment(Some(a)),
                ))
            })
        }
    };
    let remove = {
        let (on_edit, id) = (on_edit.clone(), id.clone());
        Callback::from(move |_| on_edit.emit(Edit::RemoveCommitment(id.clone())))
    };
    html! {
        <li class="commitment" id={format!("commitment-{id}")}>
            if let Some(origin) = &c.origin {
                <p class="muted carried-from">{ tf(Msg::CommitmentCarried, &[("title", &origin_title(&origin.document))]) }</p>
            }
            <div class="field">
                <label for={field("content")}>{ t(Msg::CommitmentContent) }</label>
                <textarea id={field("content")} rows="2" value={c.content.clone()} oninput={on_content} />
                { findings_at(findings, &field("content")) }
            </div>
            <div class="field">
                <label for={field("target")}>{ t(Msg::CommitmentTargetKind) }</label>
                <select id={field("target")} onchange={on_kind}>
                    <option value="" selected={kind.is_empty()}>{ t(Msg::CommitmentTargetNone) }</option>
                    <option value="number" selected={kind == "number"}>{ t(Msg::CommitmentTargetNumber) }</option>
                    <option value="outcome" selected={kind == "outcome"}>{ t(Msg::CommitmentTargetOutcome) }</option>
                </select>
                { findings_at(findings, &field("target")) }
            </div>
            { target_inputs }
            <div class="field">
                <label for={field("deadline")}>{ t(Msg::CommitmentDeadline) }</label>
                <select id={field("deadline")} onchange={on_deadline_kind}>
                    <option value="" selected={c.deadline.is_empty()}>{ t(Msg::CommitmentTargetNone) }</option>
                    { for (1..=4).map(|q| {
                        let value = format!("Q{q}");
                        html! { <option value={value.clone()} selected={c.deadline == value}>{ tusoi_core::pledge::Deadline::Quarter(q).display(year) }</option> }
                    }) }
                    <option value="date" selected={is_date}>{ t(Msg::CommitmentDeadlineDate) }</option>
                </select>
                { findings_at(findings, &field("deadline")) }
            </div>
            if is_date {
                { line_input(field("date"), t(Msg::CommitmentDeadlineDate), &c.deadline, "date", edit(CommitmentEdit::Deadline)) }
            }
            { line_input(field("evidence"), t(Msg::CommitmentEvidence), &c.evidence, "text", edit(CommitmentEdit::Evidence)) }
            <fieldset class="assessment">
                <legend>{ t(Msg::CommitmentAssessment) }</legend>
                { for Assessment::ALL.into_iter().map(|a| {
                    let input_id = format!("{}-{}", field("assessment"), a.key());
                    html! {
                        <label for={input_id.clone()} class="choice">
                            <input type="radio" id={input_id} name={field("assessment")} checked={c.assessment == Some(a)} onchange={assessment(a)} />
                            { a.label() }
                        </label>
                    }
                }) }
            </fieldset>
            if c.assessment.is_some() {
                { line_input(field("comment"), t(Msg::CommitmentComment), &c.comment, "text", edit(CommitmentEdit::Comment)) }
            }
            <button class="link danger remove-commitment" onclick={remove}>{ t(Msg::CommitmentRemove) }</button>
        </li>
    }
}
