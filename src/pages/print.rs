//! The official A4 page of a document, for "In / Lưu PDF": the two-column header, the form code,
//! title, identity lines, every section with the member's text, the score lines, the ratings with
//! ☐ and ☒, the signature block and the blank approval blocks. On screen it is a preview with a
//! toolbar; `@media print` in `styles/app.css` hides everything but the page and sets A4 margins.

use tusoi_core::analysis::scoring::total;
use tusoi_core::base::messages::{t, tf, Msg};
use tusoi_core::base::number::format_points;
use tusoi_core::forms::rating::RatingList;
use tusoi_core::forms::template::{Section, SectionKind, SectionRole};
use tusoi_core::model::pledge::Deadline;
use tusoi_core::workflow::carry;
use tusoi_core::workflow::store::Backend as _;
use tusoi_core::{Document, HeaderField, Rating, Template};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::app::{use_store, Route};

#[derive(Debug, Properties, PartialEq)]
pub struct PrintProps {
    pub id: String,
}

/// "…, ngày 15 tháng 12 năm 2025" from the place and a `YYYY-MM-DD` date; dots where empty, as on
/// a blank form.
fn place_and_date(document: &Document) -> String {
    let place = if document.header.place.trim().is_empty() {
        "……"
    } else {
        document.header.place.trim()
    };
    let mut parts = document.header.date.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) if y.len() == 4 => tf(
            Msg::PrintDateLine,
            &[
                ("place", place),
                ("day", d.trim_start_matches('0')),
                ("month", m.trim_start_matches('0')),
                ("year", y),
            ],
        ),
        _ => tf(
            Msg::PrintDateLine,
            &[
                ("place", place),
                ("day", "…"),
                ("month", "…"),
                ("year", "…"),
            ],
        ),
    }
}

/// "CHI BỘ KHU PHỐ 3", whether the member typed "khu phố 3" or "Chi bộ khu phố 3".
fn org_line(key: Msg, typed: &str) -> String {
    let upper = tusoi_core::base::text::to_upper(or_dots(typed));
    let prefix = tf(key, &[("name", "")]);
    let name = upper
        .strip_prefix(prefix.trim())
        .map_or(upper.as_str(), str::trim);
    tf(key, &[("name", name)])
}

fn points_line(label: &str, points: Option<f64>, max: u16) -> String {
    let points = points.map_or("…".to_owned(), format_points);
    tf(
        Msg::PrintPoints,
        &[
            ("label", label),
            ("points", &points),
            ("max", &max.to_string()),
        ],
    )
}

fn or_dots(text: &str) -> &str {
    if text.trim().is_empty() {
        "……………………"
    } else {
        text.trim()
    }
}

/// `dd/mm/yyyy` from `YYYY-MM-DD`.
fn vietnamese_date(date: &str) -> String {
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => date.to_owned(),
    }
}

#[function_component(Print)]
pub fn print(props: &PrintProps) -> Html {
    let store = use_store();
    let document = use_state(|| None::<Result<Option<Document>, String>>);
    {
        let (store, document) = (store.clone(), document.clone());
        use_effect_with(props.id.clone(), move |id| {
            let id = id.clone();
            spawn_local(async move {
                document.set(Some(store.get(&id).await.map_err(|e| e.message())))
            });
        });
    }
    let doc = match &*document {
        None => return html! { <p class="loading" role="status">{ t(Msg::Loading) }</p> },
        Some(Err(message)) => {
            return html! { <p class="notice notice-error" role="alert">{ message }</p> }
        }
        Some(Ok(None)) => {
            return html! { <p class="notice notice-error" role="alert">{ t(Msg::DraftNotFound) }</p> }
        }
        Some(Ok(Some(doc))) => doc,
    };
    let Some(template) = Template::get(&doc.template_id) else {
        return html! { <p class="notice notice-error" role="alert">{ t(Msg::DraftNotFound) }</p> };
    };
    let on_print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });

    html! {
        <>
            <div class="print-toolbar no-print">
                <a href={Route::Editor { id: doc.id.clone() }.href()} class="back">{ "← " }{ t(Msg::PrintBack) }</a>
                <button class="primary" id="print-now" onclick={on_print}>{ t(Msg::ActionPrint) }</button>
            </div>
            <p class="muted no-print">{ t(Msg::PrintHint) }</p>
            { a4(doc, template) }
        </>
    }
}

/// The official page of a document, from its template: what "In / Lưu PDF" prints, and what the
/// chi bộ's workspace shows of a member's document (read only; every text is shown as text).
pub fn a4(doc: &Document, template: &Template) -> Html {
    html! {
            <article class="a4" id="a4">
                <p class="a4-code">{ &template.code }</p>
                <table class="a4-header" role="presentation">
                    <tr>
                        <td class="a4-org">
                            <div>{ org_line(Msg::PrintDangBo, &doc.header.dang_bo) }</div>
                            <div class="a4-strong">{ org_line(Msg::PrintChiBo, &doc.header.chi_bo) }</div>
                            <div>{ "*" }</div>
                        </td>
                        <td class="a4-party">
                            <div class="a4-underline a4-strong">{ t(Msg::PrintParty) }</div>
                            <div class="a4-date"><em>{ place_and_date(doc) }</em></div>
                        </td>
                    </tr>
                </table>
                <h1 class="a4-title">{ &template.title }
                    if doc.study_registration {
                        if let Some(study) = &template.study_title { <br />{ study } }
                    }
                </h1>
                <p class="a4-center">{ tf(Msg::YearLine, &[("year", &doc.year.to_string())]) }</p>
                if doc.study_registration && !doc.theme.trim().is_empty() {
                    <p class="a4-center" id="a4-theme"><em>{ tf(Msg::PledgeThemeLine, &[("year", &doc.year.to_string()), ("theme", doc.theme.trim())]) }</em></p>
                }
                if !template.subtitle.text.is_empty() {
                    <p class="a4-center"><em>{ &template.subtitle.text }</em></p>
                }
                <div class="a4-identity">
                    { for template.identity.iter().map(|f| {
                        let value = doc.field(*f);
                        let value = if f.is_date() { vietnamese_date(value) } else { value.to_owned() };
                        html! { <p>{ format!("{}: {}", t(f.label()), or_dots(&value)) }</p> }
                    }) }
                    if !template.identity.contains(&HeaderField::CollectiveName) {
                        <p>{ format!("{}: {}", t(Msg::FieldChiBo), or_dots(&doc.header.chi_bo)) }</p>
                    }
                </div>
                if let Some(opening) = &template.opening { <p class="a4-text">{ opening }</p> }
                { for template.sections.iter().map(|section| match section.kind {
                    SectionKind::Heading => html! { <h2 class="a4-heading">{ &section.heading }</h2> },
                    SectionKind::Text => html! {
                        <section class="a4-section">
                            <h3>{ &section.heading }if section.optional { { " " }{ t(Msg::OptionalMark) } }</h3>
                            <p class="a4-text">{
                                if section.role == Some(SectionRole::Carried) && !doc.carried.is_empty() {
                                    carry::carried_paragraph(doc)
                                } else {
                                    doc.answer(section.id).to_owned()
                                }
                            }</p>
                        </section>
                    },
                    SectionKind::Commitments if section.study && !doc.study_registration => html! {},
                    SectionKind::Commitments => commitments(doc, template, section),
                    SectionKind::Scores => html! {
                        <section class="a4-section">
                            <h3>{ &section.heading }</h3>
                            if let Some(note) = &section.note { <p><em>{ note }</em></p> }
                            { for template.score_groups.iter().map(|g| html! {
                                <>
                                    <p>{ points_line(g.label, doc.score(g.id), u16::from(g.max)) }</p>
                                    { for doc.rubric.iter().flat_map(|r| r.criteria(g.id)).map(|c| html! {
                                        <p class="a4-criterion">{ format!("- {}: {}/{}", c.label, doc.criterion_score(&c.id).map_or("…".to_owned(), format_points), format_points(c.max)) }</p>
                                    }) }
                                </>
                            }) }
                            <p class="a4-strong">{ points_line(t(Msg::ScoreTotal), total(doc, template), template.max_total()) }</p>
                        </section>
                    },
                    SectionKind::Rating => html! {
                        <section class="a4-section">
                            <h3>{ &section.heading }</h3>
                            { for template.rating_lists.iter().map(|spec| {
                                let chosen = match spec.list {
                                    RatingList::Party => doc.proposed_rating,
                                    RatingList::CivilServant => doc.civil_servant_rating,
                                };
                                html! {
                                    <div class="a4-ratings">
                                        if template.rating_lists.len() > 1 { <p>{ &spec.label }</p> }
                                        { for Rating::ALL.into_iter().map(|r| html! {
                                            <p>{ if chosen == Some(r) { "☒ " } else { "☐ " } }{ t(r.label()) }</p>
                                        }) }
                                    </div>
                                }
                            }) }
                            if let Some(note) = &section.note { <p><em>{ note }</em></p> }
                        </section>
                    },
                }) }
                if let Some(closing) = &template.closing { <p class="a4-text">{ closing }</p> }
                <div class="a4-signature">
                    <p class="a4-strong">{ &template.signature.title }</p>
                    <p><em>{ &template.signature.note }</em></p>
                    <p class="a4-signed-name">{ doc.field(if template.identity.contains(&HeaderField::FullName) { HeaderField::FullName } else { HeaderField::CollectiveName }) }</p>
                </div>
                { for template.approval_blocks.iter().map(|block| html! {
                    <section class="a4-approval">
                        if let Some(heading) = &block.heading { <h3 class="a4-center">{ heading }</h3> }
                        { for block.lines.iter().map(|line| html! { <p>{ line }{ " ……………………………………" }</p> }) }
                        <div class="a4-signature">
                            <p class="a4-strong">{ &block.signer }</p>
                            if let Some(note) = &block.signer_note { <p><em>{ note }</em></p> }
                        </div>
                    </section>
                }) }
            </article>
    }
}

/// A pledge section: each commitment with its target, deadline, evidence and, once given, the
/// year-end assessment.
fn commitments(doc: &Document, template: &Template, section: &Section) -> Html {
    let items: Vec<_> = doc
        .commitments
        .iter()
        .filter(|c| c.section == section.id && !c.content.trim().is_empty())
        .collect();
    html! {
        <section class="a4-section">
            <h3>{ template.heading(section, doc.study_registration) }</h3>
            if items.is_empty() { <p>{ "……………………………………" }</p> }
            <ol class="a4-commitments">
                { for items.into_iter().map(|c| {
                    let mut details = Vec::new();
                    if let Some(target) = c.target.as_ref().filter(|t| t.is_measurable()) {
                        details.push(format!("{}: {}", t(Msg::PrintTarget), target.display()));
                    }
                    if let Some(deadline) = Deadline::parse(&c.deadline) {
                        details.push(format!("{}: {}", t(Msg::PrintDeadline), deadline.display(doc.year)));
                    }
                    if !c.evidence.trim().is_empty() {
                        details.push(format!("{}: {}", t(Msg::PrintEvidence), c.evidence.trim()));
                    }
                    if let Some(a) = c.assessment {
                        let mut line = format!("{}: {}", t(Msg::PrintAssessment), a.label());
                        if !c.comment.trim().is_empty() {
                            line.push_str(&format!(" ({})", c.comment.trim()));
                        }
                        details.push(line);
                    }
                    html! {
                        <li>
                            <p class="a4-text">{ c.content.trim() }</p>
                            if !details.is_empty() { <p class="a4-details"><em>{ details.join("; ") }</em></p> }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
