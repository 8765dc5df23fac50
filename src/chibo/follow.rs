//! Two cards of a roll-up for the year between reviews: the pledges at a quarter's thematic
//! meeting (each member's commitments and where they stood, from the pledge files received), and
//! the prompts file ("gợi ý kiểm điểm") the secretary writes for a member to import into section
//! IV of their review.

use std::rc::Rc;

use tusoi_core::base::messages::fill;
use tusoi_core::chibo::follow::{follow_up, FollowRow};
use tusoi_core::chibo::messages::{ct, ctf, ChiBoMsg};
use tusoi_core::chibo::roster::display_day;
use tusoi_core::chibo::workspace::Workspace;
use tusoi_core::forms::custom::{check, ft, FormMsg};
use tusoi_core::model::pledge::quarter_numeral;
use tusoi_core::workflow::prompt_file::{file_name, templates_in, PromptLetter};
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::{Notice, NoticeBox};
use crate::platform::{clock, files};

#[derive(Debug, Properties, PartialEq)]
pub struct FollowProps {
    pub workspace: Rc<Workspace>,
}

/// The pledges at a quarter: the sentence with the counts, then each member's commitments.
#[function_component(FollowCard)]
pub fn follow_card(props: &FollowProps) -> Html {
    let ws = &props.workspace;
    // This quarter during the roll-up's year, the last one after it.
    let quarter = use_state(|| match clock::local_quarter() {
        (year, q) if year == ws.period.year => q,
        (year, _) if year < ws.period.year => 1,
        _ => 4,
    });
    let on_quarter = {
        let quarter = quarter.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            quarter.set(select.value().parse().unwrap_or(4));
        })
    };
    let rows = ws.rows();
    let (follow, counts) = follow_up(&rows, *quarter);
    html! {
        <section class="card" aria-labelledby="ws-follow-title" id="ws-follow">
            <h2 id="ws-follow-title">{ ct(ChiBoMsg::FollowTitle) }</h2>
            <p class="muted">{ ct(ChiBoMsg::FollowIntro) }</p>
            <label for="ws-follow-quarter">{ ct(ChiBoMsg::FollowQuarter) }</label>
            <select id="ws-follow-quarter" onchange={on_quarter}>
                { for (1..=4u8).map(|q| html! {
                    <option value={q.to_string()} selected={*quarter == q}>{ format!("{}/{}", quarter_numeral(q), ws.period.year) }</option>
                }) }
            </select>
            <p id="ws-follow-sentence" role="status">{ counts.sentence(*quarter, ws.period.year) }</p>
            <ul class="ws-follow" id="ws-follow-list">
                { for follow.iter().map(member) }
            </ul>
        </section>
    }
}

fn member(row: &FollowRow<'_>) -> Html {
    html! {
        <li class="ws-follow-member" data-member={row.member.full_name.clone()}>
            <p><strong>{ &row.member.full_name }</strong>
                if let Some(saved) = row.saved {
                    <span class="muted">{ " (" }{ ctf(ChiBoMsg::FollowSaved, &[("date", &display_day(saved))]) }{ ")" }</span>
                }
            </p>
            if row.saved.is_none() {
                <p class="muted">{ ct(ChiBoMsg::FollowNoPledge) }</p>
            } else {
                <ol>
                    { for row.items.iter().map(|item| {
                        let status = item.record.and_then(|r| r.status);
                        html! {
                            <li data-status={status.map_or("", |s| s.key())}>
                                { item.content }{ " — " }
                                <strong>{ status.map_or(ct(ChiBoMsg::FollowUnrecorded), |s| s.label()) }</strong>
                                if let Some(r) = item.record.filter(|r| !r.note.trim().is_empty()) {
                                    { ". " }{ r.note.trim() }
                                }
                                if let Some(r) = item.record.filter(|r| !r.evidence.trim().is_empty()) {
                                    { ". " }{ ctf(ChiBoMsg::FollowEvidence, &[("evidence", r.evidence.trim())]) }
                                }
                            </li>
                        }
                    }) }
                </ol>
            }
        </li>
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct PromptsProps {
    pub year: u16,
}

/// The prompts file: the letter typed once, downloaded as `goi-y-kiem-diem-….json`.
#[function_component(PromptsFileCard)]
pub fn prompts_file_card(props: &PromptsProps) -> Html {
    let notice = use_state(|| None::<Notice>);
    let refs = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    // The committee's own templates to send with the letter, checked when picked.
    let templates = use_state(Vec::<serde_json::Value>::new);
    let on_form_file = {
        let (notice, templates) = (notice.clone(), templates.clone());
        Callback::from(move |e: Event| {
            let Some(file) = files::picked_file(&e) else {
                return;
            };
            let (notice, templates) = (notice.clone(), templates.clone());
            yew::platform::spawn_local(async move {
                let values = match files::read_file(&file).await {
                    Ok(bytes) => templates_in(&bytes).map_err(|m| vec![m]),
                    Err(detail) => Err(vec![detail]),
                };
                // Every template must pass; their titles name them in the notice.
                let checked = values.and_then(|values| {
                    let mut problems = Vec::new();
                    let mut names = Vec::new();
                    for value in &values {
                        match check(value.clone()) {
                            Ok(c) => names.push(format!("“{}”", c.template.title)),
                            Err(found) => problems.extend(found),
                        }
                    }
                    if problems.is_empty() {
                        Ok((values, names))
                    } else {
                        Err(problems)
                    }
                });
                match checked {
                    Ok((values, names)) => {
                        notice.set(Some(Notice::Info(ctf(
                            ChiBoMsg::PromptsFileFormAdded,
                            &[
                                ("count", &values.len().to_string()),
                                ("names", &names.join(", ")),
                            ],
                        ))));
                        templates.set(values);
                    }
                    Err(problems) => {
                        notice.set(Some(Notice::Error(format!(
                            "{} {}",
                            fill(
                                ft(FormMsg::FormProblems),
                                &[("count", &problems.len().to_string())]
                            ),
                            problems.join(" ")
                        ))));
                        templates.set(Vec::new());
                    }
                }
            });
        })
    };
    let on_make = {
        let (notice, refs, year) = (notice.clone(), refs.clone(), props.year);
        let templates = templates.clone();
        Callback::from(move |_| {
            let issues: Vec<String> = refs
                .4
                .cast::<HtmlTextAreaElement>()
                .map(|a| a.value())
                .unwrap_or_default()
                .lines()
                .map(str::to_owned)
                .collect();
            let mut letter = PromptLetter::new(
                year,
                &super::typed(&refs.0),
                &super::typed(&refs.1),
                &super::typed(&refs.2),
                &issues,
            );
            letter.recipient = super::typed(&refs.3).trim().to_owned();
            letter.templates = (*templates).clone();
            if letter.body.is_empty() || letter.issues.is_empty() {
                return notice.set(Some(Notice::Error(
                    ct(ChiBoMsg::PromptsFileMissing).to_owned(),
                )));
            }
            let name = file_name(&letter);
            let file = files::Outgoing::text(name.clone(), letter.to_json(), "application/json");
            match files::hand_over(file, false, |_| {}) {
                Ok(files::Delivered::Requested { .. }) => notice.set(Some(Notice::Info(ctf(
                    ChiBoMsg::PromptsFileMade,
                    &[("name", &name), ("n", &letter.issues.len().to_string())],
                )))),
                Ok(other) => notice.set(Notice::of_delivered(other)),
                Err(_) => notice.set(Some(Notice::Error(
                    ct(ChiBoMsg::PromptsFileFailed).to_owned(),
                ))),
            }
        })
    };
    let input = |id: &'static str, label: ChiBoMsg, r: &NodeRef, kind: &'static str| {
        html! {
            <div class="field">
                <label for={id}>{ ct(label) }</label>
                <input {id} type={kind} ref={r.clone()} />
            </div>
        }
    };
    html! {
        <section class="card" aria-labelledby="ws-prompts-title" id="ws-prompts">
            <h2 id="ws-prompts-title">{ ct(ChiBoMsg::PromptsFileTitle) }</h2>
            <p class="muted">{ ct(ChiBoMsg::PromptsFileIntro) }</p>
            { input("ws-prompts-body", ChiBoMsg::PromptsFileBody, &refs.0, "text") }
            { input("ws-prompts-number", ChiBoMsg::PromptsFileNumber, &refs.1, "text") }
            { input("ws-prompts-date", ChiBoMsg::PromptsFileDate, &refs.2, "date") }
            { input("ws-prompts-recipient", ChiBoMsg::PromptsFileRecipient, &refs.3, "text") }
            <div class="field">
                <label for="ws-prompts-issues">{ ct(ChiBoMsg::PromptsFileIssues) }</label>
                <textarea id="ws-prompts-issues" rows="4" ref={refs.4.clone()} />
            </div>
            <div class="field">
                <label for="ws-prompts-form">{ ct(ChiBoMsg::PromptsFileForm) }</label>
                <input id="ws-prompts-form" type="file" accept=".json,application/json" onchange={on_form_file} />
            </div>
            <NoticeBox notice={(*notice).clone()} />
            <p class="actions"><button id="ws-prompts-make" onclick={on_make}>{ ct(ChiBoMsg::PromptsFileMake) }</button></p>
        </section>
    }
}
