//! The sections of a form in the editor: headings, the text of each section with the form's note
//! and the app's hint, the scores with their total and the level it allows, the ratings with the
//! conditions of Điều 11, and a pledge's commitments. Text, points and ratings report through the
//! editor's delegated handler; only the conditions' radios and the rubric's file have handlers.

use tusoi_core::analysis::lint::Finding;
use tusoi_core::analysis::rules;
use tusoi_core::analysis::scoring::{ceiling, total};
use tusoi_core::base::messages::{et, etf, EditorMsg};
use tusoi_core::base::messages::{t, Msg};
use tusoi_core::base::number::format_points;
use tusoi_core::forms::rating::RatingList;
use tusoi_core::forms::template::{Section, SectionKind, SectionRole};
use tusoi_core::model::condition::Question;
use tusoi_core::{Document, Edit, FieldId, Rating, Template};
use yew::prelude::*;

use super::{pledge, prompts, self_check, study};
use crate::components::findings::{findings_at, findings_id};

/// What the sections of the editor are drawn from.
pub struct View<'a> {
    pub document: &'a Document,
    pub template: &'a Template,
    pub on_edit: &'a Callback<Edit>,
    pub on_rubric_file: &'a Callback<Event>,
    pub on_prompts_file: &'a Callback<Event>,
    pub findings: &'a [Finding],
    pub origin_title: &'a dyn Fn(&str) -> String,
}

pub fn render_section(section: &Section, view: &View<'_>) -> Html {
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
        SectionKind::Questions => {
            study::questions_section(section, template, document, view.findings)
        }
        SectionKind::Commitments => pledge::commitments_section(
            section,
            template,
            document,
            view.findings,
            guidance(template, section, false),
            view.origin_title,
        ),
    }
}

/// The form's note and the app's hint under a heading; the hint is labelled as the app's.
/// `inferred`: say when the section was not seen in a reproduction of the form (a pledge has no
/// official form at all; its template says so once, at the top).
fn guidance(template: &Template, section: &Section, inferred: bool) -> Html {
    html! {
        <>
            if let Some(note) = template.note(section) {
                <p class="form-note" id={format!("note-{}", section.id)}>
                    <span class="tag">{ et(EditorMsg::FormNote) }{ ": " }</span><em>{ note }</em>
                </p>
            }
            if let Some(hint) = template.hint(section) {
                <details class="hint">
                    <summary>{ et(EditorMsg::AppHint) }</summary>
                    <p>{ hint }</p>
                </details>
            }
            if inferred && !section.verified {
                <p class="inferred">{ et(EditorMsg::InferredNote) }</p>
            }
        </>
    }
}

fn text_section(section: &Section, view: &View<'_>) -> Html {
    let document = view.document;
    let field = FieldId::Section(section.id.to_owned());
    let id = field.dom_id();
    let carried = section.role == Some(SectionRole::Carried) && !document.carried.is_empty();
    let text = document.answer(section.id).to_owned();
    // The form's note and the linter's findings describe the field to a screen reader.
    let described: Vec<String> = view
        .template
        .note(section)
        .map(|_| format!("note-{}", section.id))
        .into_iter()
        .chain(findings_id(view.findings, &field))
        .collect();
    let describedby = (!described.is_empty()).then(|| described.join(" "));
    let count = text.chars().count();
    html! {
        <div class="card section" data-section={section.id}>
            <label for={id.clone()} class="section-heading">
                { &section.heading }
                if section.optional { { " " }<span class="optional">{ t(Msg::OptionalMark) }</span> }
            </label>
            { guidance(view.template, section, true) }
            if carried {
                { self_check::carried(document) }
                <p class="muted">{ et(EditorMsg::CarryMoreText) }</p>
            }
            if section.role == Some(SectionRole::Prompts) {
                { prompts::panel(document, view.template, view.findings, view.on_prompts_file) }
            }
            <textarea id={id.clone()} rows="4" value={text} aria-describedby={describedby} />
            <p class="count muted">{ etf(EditorMsg::CharCount, &[("count", &count.to_string())]) }</p>
            { findings_at(view.findings, &field) }
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
    // Read back by the delegated handler, which parses `27,5` and `27.5` alike.
    let input = |field: FieldId, label: &str, max: String, value: Option<f64>| {
        let id = field.dom_id();
        // What the member is typing stays as typed while it means the stored number ("27," is
        // 27): a redraw that comes late, after the next key, must not write "27" over "27,".
        let typed = crate::platform::dom::input_text(&id)
            .filter(|t| tusoi_core::base::number::parse_typed_decimal(t) == value);
        let shown = typed.unwrap_or_else(|| value.map(format_points).unwrap_or_default());
        html! {
            <div class="field score">
                <label for={id.clone()}>{ label }</label>
                <span class="score-input">
                    <input id={id} type="text" inputmode="decimal" value={shown} />
                    <span class="max">{ format!("/{max}") }</span>
                </span>
            </div>
        }
    };
    html! {
        <fieldset class="card section scores" data-section={section.id}>
            <legend class="section-heading">{ &section.heading }</legend>
            { guidance(template, section, true) }
            if let Some(rubric) = &document.rubric {
                <p class="rubric-using" id="rubric-using">{ etf(EditorMsg::RubricUsing, &[("name", &rubric.name), ("issuer", &rubric.issuer)]) }</p>
            }
            { for template.score_groups.iter().map(|group| {
                let criteria = document.rubric.as_ref().map(|r| r.criteria(group.id)).unwrap_or_default();
                if criteria.is_empty() {
                    input(FieldId::Score(group.id.to_owned()), group.label, group.max.to_string(), document.score(group.id))
                } else {
                    html! {
                        <fieldset class="rubric-group" id={FieldId::Score(group.id.to_owned()).dom_id()}>
                            <legend>{ &group.label }</legend>
                            { for criteria.iter().map(|c| {
                                input(FieldId::Criterion(c.id.clone()), &c.label, format_points(c.max), document.criterion_score(&c.id))
                            }) }
                            <p class="subtotal">{ etf(EditorMsg::RubricSubtotal, &[
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
                    Some(total) => etf(EditorMsg::ScoreSuggests, &[("total", &format_points(total)), ("level", t(ceiling(total).label()))]),
                    None => et(EditorMsg::ScoreIncomplete).to_owned(),
                }
            }</p>
            <details class="hint rubric-tools">
                <summary>{ et(EditorMsg::RubricImport) }</summary>
                <p>{ et(EditorMsg::RubricHelp) }</p>
                <div class="actions">
                    <label class="button" for="rubric-file">{ et(EditorMsg::RubricImport) }</label>
                    <input id="rubric-file" class="visually-hidden" type="file" accept=".json,application/json" onchange={on_rubric_file.clone()} />
                    if document.rubric.is_some() {
                        <button id="rubric-remove" onclick={{ let on_edit = on_edit.clone(); Callback::from(move |_| on_edit.emit(Edit::Rubric(None))) }}>{ et(EditorMsg::RubricRemove) }</button>
                    }
                </div>
            </details>
        </fieldset>
    }
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
            { guidance(template, section, true) }
            { for template.rating_lists.iter().map(|spec| {
                let chosen = match spec.list {
                    RatingList::Party => document.proposed_rating,
                    RatingList::CivilServant => document.civil_servant_rating,
                };
                // The group's name is the field's id, which the delegated handler reads.
                let prefix = FieldId::Rating(spec.list).dom_id();
                let choices = html! {
                    { for Rating::ALL.into_iter().map(|rating| {
                        let id = format!("{prefix}-{}", rating.key());
                        html! {
                            <div class="choice">
                                <input type="radio" name={prefix.clone()} id={id.clone()} value={rating.key()}
                                    checked={chosen == Some(rating)} />
                                <label for={id}>{ t(rating.label()) }</label>
                            </div>
                        }
                    }) }
                };
                if several {
                    html! {
                        <fieldset class="rating-list" id={prefix.clone()}>
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
    let questions = Question::for_audience(template.audience);
    if template.score_groups.is_empty() || questions.is_empty() {
        return html! {};
    }
    let suggestion = rules::suggest(
        total(document, template),
        &document.conditions,
        template.audience,
    );
    html! {
        <div class="conditions" id="conditions">
            <h4>{ et(EditorMsg::ConditionsTitle) }</h4>
            <p class="muted">{ et(EditorMsg::ConditionsHelp) }</p>
            { for questions.iter().map(|q| {
                let key = q.key();
                let current = document.conditions.iter().find(|a| a.question == *q).map(|a| a.yes);
                let radio = |value: bool, label: EditorMsg| {
                    let id = format!("q-{key}-{}", if value { "yes" } else { "no" });
                    let on_edit = on_edit.clone();
                    let q = *q;
                    let onchange = Callback::from(move |_: Event| on_edit.emit(Edit::Condition(q, Some(value))));
                    html! {
                        <span class="choice">
                            <input type="radio" name={format!("q-{key}")} id={id.clone()} checked={current == Some(value)} {onchange} />
                            <label for={id}>{ et(label) }</label>
                        </span>
                    }
                };
                html! {
                    <fieldset class="question">
                        <legend>{ et(q.text()) }</legend>
                        <div class="yes-no">{ radio(true, EditorMsg::AnswerYes) }{ radio(false, EditorMsg::AnswerNo) }</div>
                    </fieldset>
                }
            }) }
            if let Some(s) = suggestion {
                <p class="suggestion" id="rules-suggestion"><strong>{ etf(EditorMsg::RulesSuggest, &[("level", t(s.level.label()))]) }</strong></p>
                if !s.reasons.is_empty() {
                    <ul class="reasons">{ for s.reasons.iter().map(|r| html! { <li>{ t(*r) }</li> }) }</ul>
                }
            }
            <p class="muted" id="quota-note">{ et(EditorMsg::QuotaNote) }</p>
        </div>
    }
}
