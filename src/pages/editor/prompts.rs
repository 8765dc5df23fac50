//! Section IV of a review where the upper level gave written prompts ("gợi ý kiểm điểm"): the
//! letter's source, then one block per issue with the explanation, the causes, the
//! responsibility and the remedy, and whether the review concluded it is a shortcoming. Without
//! prompts the section stays the form's plain text, with a button to start the list and one to
//! import the chi bộ's prompts file.
//!
//! The fields have no handlers of their own: the editor's delegated handler reads them by their
//! [`FieldId`]; the buttons carry `data-prompts` (start, add, clear) or `data-prompt-remove`.

use tusoi_core::analysis::lint::Finding;
use tusoi_core::base::messages::{et, etf, EditorMsg};
use tusoi_core::forms::field::{PromptPart, PromptSourcePart};
use tusoi_core::model::prompt::{part_label, PromptIssue, Prompts};
use tusoi_core::{Document, FieldId, Template};
use yew::prelude::*;

use crate::components::field::form_input;
use crate::components::findings::findings_at;

/// The prompts of section IV, above its free text.
pub fn panel(
    document: &Document,
    template: &Template,
    findings: &[Finding],
    on_file: &Callback<Event>,
) -> Html {
    let Some(prompts) = &document.prompts else {
        return html! {
            <div class="prompts prompts-empty" id="prompts">
                <p class="muted">{ et(EditorMsg::PromptsIntro) }</p>
                <p class="actions">
                    <button id="prompts-start" data-prompts="start">{ et(EditorMsg::PromptsStart) }</button>
                    { file_button(on_file) }
                </p>
            </div>
        };
    };
    let collective = template.is_collective();
    html! {
        <div class="prompts" id="prompts">
            <fieldset class="prompts-source">
                <legend>{ et(EditorMsg::PromptsTitle) }</legend>
                { source_input(prompts, PromptSourcePart::Body, EditorMsg::PromptsBody, "text") }
                <div class="prompts-source-row">
                    { source_input(prompts, PromptSourcePart::Number, EditorMsg::PromptsNumber, "text") }
                    { source_input(prompts, PromptSourcePart::Date, EditorMsg::PromptsDate, "date") }
                </div>
            </fieldset>
            <ol class="prompt-issues">
                { for prompts.issues.iter().enumerate().map(|(n, i)| issue(n, i, collective, findings)) }
            </ol>
            <p class="actions">
                <button id="prompts-add" data-prompts="add">{ "+ " }{ et(EditorMsg::PromptsAdd) }</button>
                { file_button(on_file) }
                <button id="prompts-clear" class="link danger" data-prompts="clear">{ et(EditorMsg::PromptsClear) }</button>
            </p>
        </div>
    }
}

fn file_button(on_file: &Callback<Event>) -> Html {
    html! {
        <label class="button" for="prompts-file">
            { et(EditorMsg::PromptsImport) }
            <input id="prompts-file" class="visually-hidden" type="file" accept=".json,application/json,.txt" onchange={on_file.clone()} />
        </label>
    }
}

fn source_input(
    prompts: &Prompts,
    part: PromptSourcePart,
    label: EditorMsg,
    kind: &'static str,
) -> Html {
    let value = match part {
        PromptSourcePart::Body => &prompts.body,
        PromptSourcePart::Number => &prompts.number,
        PromptSourcePart::Date => &prompts.date,
    };
    form_input(&FieldId::PromptSource(part), et(label), value, kind)
}

fn issue(n: usize, issue: &PromptIssue, collective: bool, findings: &[Finding]) -> Html {
    let field = |part| FieldId::Prompt(issue.id.clone(), part);
    let area = |part: PromptPart, value: &str, rows: &'static str| {
        let f = field(part);
        let id = f.dom_id();
        html! {
            <div class="field">
                <label for={id.clone()}>{ part_label(part) }</label>
                <textarea id={id} {rows} value={value.to_owned()} />
                { findings_at(findings, &f) }
            </div>
        }
    };
    let shortcoming = field(PromptPart::Shortcoming).dom_id();
    html! {
        <li class="prompt-issue" id={format!("prompt-{}", issue.id)}>
            <h4>{ etf(EditorMsg::PromptIssue, &[("no", &(n + 1).to_string())]) }</h4>
            { area(PromptPart::Content, &issue.content, "2") }
            { area(PromptPart::Explanation, &issue.explanation, "3") }
            <div class="prompt-causes">
                { area(PromptPart::CauseObjective, &issue.cause_objective, "2") }
                { area(PromptPart::CauseSubjective, &issue.cause_subjective, "2") }
            </div>
            if collective {
                { area(PromptPart::CollectiveResponsibility, &issue.collective_responsibility, "2") }
            }
            { area(PromptPart::Responsibility, &issue.responsibility, "2") }
            { area(PromptPart::Remedy, &issue.remedy, "2") }
            <div class="check-line">
                <input type="checkbox" id={shortcoming.clone()} checked={issue.shortcoming} />
                <label for={shortcoming}>{ part_label(PromptPart::Shortcoming) }</label>
            </div>
            <button class="link danger" data-prompt-remove={issue.id.clone()}>{ et(EditorMsg::PromptsRemove) }</button>
        </li>
    }
}
