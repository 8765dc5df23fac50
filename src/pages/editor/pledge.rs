//! The parts of the editor a pledge has: the theme and the "học tập và làm theo" registration, and
//! each section's list of commitments with target, deadline, evidence and year-end assessment. The
//! linter's findings are shown beside the field they concern.
//!
//! The commitments' fields have no handler of their own: the editor's one delegated handler
//! (`components::field::delegated_edit`) reads them by their [`FieldId`].

use tusoi_core::analysis::lint::Finding;
use tusoi_core::base::messages::{et, etf, EditorMsg};
use tusoi_core::base::messages::{t, Msg};
use tusoi_core::base::messages::{yt, ytf, YearMsg};
use tusoi_core::base::number::format_points;
use tusoi_core::forms::field::ProgressPart;
use tusoi_core::forms::field::{CommitmentPart, FieldId};
use tusoi_core::forms::template::Section;
use tusoi_core::model::pledge::{
    quarter_numeral, Assessment, Commitment, Deadline, ProgressStatus, Target,
};
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
                <label for="pledge-study">{ et(EditorMsg::PledgeStudyLabel) }</label>
            </div>
            if document.study_registration {
                <div class="field">
                    <label for="pledge-theme">{ et(EditorMsg::PledgeThemeLabel) }</label>
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
            if !template.examples(section).is_empty() {
                <details class="hint examples">
                    <summary>{ et(EditorMsg::ExamplesTitle) }</summary>
                    <ul>{ for template.examples(section).iter().map(|e| html! { <li>{ e }</li> }) }</ul>
                </details>
            }
            if items.is_empty() { <p class="muted">{ et(EditorMsg::CommitmentsEmpty) }</p> }
            <ol class="commitments">
                { for items.into_iter().map(|c| commitment(c, document.year, findings, origin_title)) }
            </ol>
            <button id={FieldId::Commitments(section.id.to_owned()).dom_id()} class="add-commitment" data-add={section.id}>{ "+ " }{ et(EditorMsg::CommitmentAdd) }</button>
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
                { form_input(&part(CommitmentPart::TargetValue), et(EditorMsg::CommitmentValue), &value.map(format_points).unwrap_or_default(), "text") }
                { form_input(&part(CommitmentPart::TargetUnit), et(EditorMsg::CommitmentUnit), unit, "text") }
            </div>
        },
        Some(Target::Outcome { outcome }) => form_input(
            &part(CommitmentPart::TargetOutcome),
            et(EditorMsg::CommitmentOutcome),
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
                <p class="muted carried-from">{ etf(EditorMsg::CommitmentCarried, &[("title", &origin_title(&origin.document))]) }</p>
            }
            <div class="field">
                <label for={content.dom_id()}>{ et(EditorMsg::CommitmentContent) }</label>
                <textarea id={content.dom_id()} rows="2" value={c.content.clone()}
                    aria-describedby={findings_id(findings, &content)} />
                { findings_at(findings, &content) }
            </div>
            { select(CommitmentPart::TargetKind, et(EditorMsg::CommitmentTargetKind), html! { <>
                { option("", et(EditorMsg::CommitmentTargetNone).to_owned(), kind.is_empty()) }
                { option("number", et(EditorMsg::CommitmentTargetNumber).to_owned(), kind == "number") }
                { option("outcome", et(EditorMsg::CommitmentTargetOutcome).to_owned(), kind == "outcome") }
            </> }) }
            { target_inputs }
            { select(CommitmentPart::Deadline, et(EditorMsg::CommitmentDeadline), html! { <>
                { option("", et(EditorMsg::CommitmentTargetNone).to_owned(), c.deadline.is_empty()) }
                { for (1..=4).map(|q| {
                    let value = format!("Q{q}");
                    option(&value, Deadline::Quarter(q).display(year), c.deadline == value)
                }) }
                { option("date", et(EditorMsg::CommitmentDeadlineDate).to_owned(), is_date) }
            </> }) }
            if is_date {
                { form_input(&part(CommitmentPart::Date), et(EditorMsg::CommitmentDeadlineDate), &c.deadline, "date") }
            }
            { form_input(&part(CommitmentPart::Evidence), et(EditorMsg::CommitmentEvidence), &c.evidence, "text") }
            <fieldset class="assessment">
                <legend>{ et(EditorMsg::CommitmentAssessment) }</legend>
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
            if let Some((proposed, from)) = c.proposed_assessment().filter(|(a, _)| c.assessment != Some(*a)) {
                <p class="proposal" id={format!("proposal-{}", c.id)}>
                    { etf(EditorMsg::ProgressProposal, &[
                        ("quarter", quarter_numeral(from.quarter)),
                        ("status", from.status.map_or("", |s| s.label())),
                        ("assessment", proposed.label()),
                    ]) }
                    { " " }
                    <button class="link" data-assess={c.id.clone()} data-value={proposed.key()}>{ et(EditorMsg::ProgressUseProposal) }</button>
                </p>
            }
            if c.assessment.is_some() {
                { form_input(&part(CommitmentPart::Comment), et(EditorMsg::CommitmentComment), &c.comment, "text") }
            }
            { progress(c) }
            <button class="link danger remove-commitment" data-remove={c.id.clone()}>{ et(EditorMsg::CommitmentRemove) }</button>
        </li>
    }
}

/// The commitment's progress, quarter by quarter: a status, a note and the evidence, and the day
/// it was recorded once a status is given. Open while any quarter has a record.
fn progress(c: &Commitment) -> Html {
    let recorded = c.progress.iter().filter(|p| p.status.is_some()).count();
    html! {
        <details class="progress" id={format!("progress-{}", c.id)} open={recorded > 0}>
            <summary>{ et(EditorMsg::ProgressTitle) }{ format!(" ({recorded}/4)") }</summary>
            <p class="muted">{ et(EditorMsg::ProgressIntro) }</p>
            { for (1..=4u8).map(|q| quarter(c, q)) }
        </details>
    }
}

fn quarter(c: &Commitment, q: u8) -> Html {
    let record = c.progress_at(q);
    let field = |part| FieldId::Progress(c.id.clone(), q, part);
    let status = field(ProgressPart::Status).dom_id();
    let current = record.and_then(|r| r.status);
    let text = |part: ProgressPart| {
        record.map_or(String::new(), |r| match part {
            ProgressPart::Note => r.note.clone(),
            ProgressPart::Evidence => r.evidence.clone(),
            _ => r.date.clone(),
        })
    };
    let note = field(ProgressPart::Note).dom_id();
    html! {
        <fieldset class="quarter" data-quarter={q.to_string()}>
            <legend>{ ytf(YearMsg::ProgressQuarter, &[("quarter", quarter_numeral(q))]) }</legend>
            <div class="field">
                <label for={status.clone()}>{ et(EditorMsg::ProgressStatus) }</label>
                <select id={status}>
                    <option value="" selected={current.is_none()}>{ yt(YearMsg::ProgressNone) }</option>
                    { for ProgressStatus::ALL.into_iter().map(|s| html! {
                        <option value={s.key()} selected={current == Some(s)}>{ s.label() }</option>
                    }) }
                </select>
            </div>
            if record.is_some() {
                <div class="field">
                    <label for={note.clone()}>{ et(EditorMsg::ProgressNote) }</label>
                    <textarea id={note} rows="2" value={text(ProgressPart::Note)} />
                </div>
                { form_input(&field(ProgressPart::Evidence), et(EditorMsg::ProgressEvidence), &text(ProgressPart::Evidence), "text") }
                { form_input(&field(ProgressPart::Date), et(EditorMsg::ProgressDate), &text(ProgressPart::Date), "date") }
            }
        </fieldset>
    }
}

/// Where each commitment stands, quarter by quarter, above the pledge's sections: what the chi
/// bộ's thematic meeting asks of the member.
pub fn progress_card(document: &Document) -> Html {
    let items: Vec<&Commitment> = document
        .commitments
        .iter()
        .filter(|c| !c.content.trim().is_empty())
        .collect();
    if items.is_empty() {
        return html! {};
    }
    let cell = |c: &Commitment, q: u8| {
        let status = c.progress_at(q).and_then(|p| p.status);
        let class = status.map_or("status-none", |s| match s {
            ProgressStatus::Done => "status-done",
            ProgressStatus::InProgress => "status-doing",
            ProgressStatus::NotStarted => "status-todo",
        });
        // On a narrow screen each row stacks, and the cell names its quarter (editor.css).
        let quarter = ytf(YearMsg::ProgressQuarter, &[("quarter", quarter_numeral(q))]);
        html! { <td class={class} data-quarter={quarter}>{ status.map_or("–", |s| s.label()) }</td> }
    };
    html! {
        <section class="card progress-card" aria-labelledby="progress-card-title" id="progress-card">
            <h2 id="progress-card-title">{ et(EditorMsg::ProgressTitle) }</h2>
            <div class="table-scroll">
                <table class="progress-table">
                    <thead><tr>
                        <th scope="col">{ et(EditorMsg::CommitmentContent) }</th>
                        { for (1..=4u8).map(|q| html! { <th scope="col">{ ytf(YearMsg::ProgressQuarter, &[("quarter", quarter_numeral(q))]) }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for items.iter().map(|c| html! {
                            <tr>
                                <th scope="row"><button class="link progress-link" data-focus={format!("progress-{}", c.id)}>{ short(&c.content) }</button></th>
                                { for (1..=4u8).map(|q| cell(c, q)) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The first words of a commitment, for the overview.
fn short(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}
