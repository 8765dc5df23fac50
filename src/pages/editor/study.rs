//! The parts of the editor the other documents have: a "bài thu hoạch"'s questions, each with
//! its answer (added with `data-question-add`, removed with `data-question-remove`, read by the
//! delegated handler), and the dates a probationary member's or a transfer's self-review turns on.

use tusoi_core::analysis::lint::Finding;
use tusoi_core::base::messages::{et, etf, EditorMsg};
use tusoi_core::base::messages::{t, Msg};
use tusoi_core::forms::field::QuestionPart;
use tusoi_core::forms::template::{DocKind, Section};
use tusoi_core::model::study::{display, probation_dates, transfer_period, StudyQuestion};
use tusoi_core::{Document, FieldId, Template};
use yew::prelude::*;

use crate::components::findings::{findings_at, findings_id};

/// The questions section: each question and its answer, then the add button.
pub fn questions_section(
    section: &Section,
    template: &Template,
    document: &Document,
    findings: &[Finding],
) -> Html {
    html! {
        <div class="card section" data-section={section.id}>
            <h3 class="section-heading">{ section.heading }</h3>
            <p class="muted">{ et(EditorMsg::QuestionsIntro) }</p>
            if let Some(hint) = template.hint(section) {
                <details class="hint">
                    <summary>{ et(EditorMsg::AppHint) }</summary>
                    <p>{ hint }</p>
                </details>
            }
            <ol class="questions">
                { for document.questions.iter().map(|q| question(q, findings)) }
            </ol>
            <button id={FieldId::Questions.dom_id()} data-question-add="true">{ "+ " }{ et(EditorMsg::QuestionAdd) }</button>
        </div>
    }
}

fn question(q: &StudyQuestion, findings: &[Finding]) -> Html {
    let area = |part: QuestionPart, label: Msg, value: &str, rows: &'static str| {
        let field = FieldId::Question(q.id.clone(), part);
        let id = field.dom_id();
        html! {
            <div class="field">
                <label for={id.clone()}>{ t(label) }</label>
                <textarea id={id} {rows} value={value.to_owned()} aria-describedby={findings_id(findings, &field)} />
                { findings_at(findings, &field) }
            </div>
        }
    };
    html! {
        <li class="question" id={format!("question-{}", q.id)}>
            { area(QuestionPart::Question, Msg::QuestionLabel, &q.question, "2") }
            { area(QuestionPart::Answer, Msg::AnswerLabel, &q.answer, "6") }
            <button class="link danger" data-question-remove={q.id.clone()}>{ et(EditorMsg::QuestionRemove) }</button>
        </li>
    }
}

/// Under the identity: when the probation ends and by when the chi bộ must consider it, or which
/// year a transfer's self-review covers.
pub fn dates_card(document: &Document, template: &Template) -> Html {
    let line = match template.document {
        DocKind::Probation => match probation_dates(&document.identity.admission_date) {
            Some((due, deadline)) => etf(
                EditorMsg::ProbationDates,
                &[
                    (
                        "admitted",
                        &tusoi_core::chibo::roster::display_day(&document.identity.admission_date),
                    ),
                    ("due", &display(due)),
                    ("deadline", &display(deadline)),
                ],
            ),
            None => et(EditorMsg::ProbationNoDate).to_owned(),
        },
        DocKind::Transfer => match transfer_period(&document.identity.transfer_date) {
            Some((from, to)) => etf(
                EditorMsg::TransferPeriodNote,
                &[("from", &display(from)), ("to", &display(to))],
            ),
            None => et(EditorMsg::TransferNoDate).to_owned(),
        },
        _ => return html! {},
    };
    html! { <p class="notice notice-info" id="document-dates" role="status">{ line }</p> }
}
