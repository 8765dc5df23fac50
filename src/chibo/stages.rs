//! A member's stages after their own proposal, as the workspace's member card shows and edits
//! them (`tusoi_core::chibo::stages`): the line of levels at each stage, and, opened on tap, a
//! review entered from paper, the vote tally typed as numbers, the chi bộ's proposal (from the
//! most votes only when asked), the decision, a re-rating and an appeal. Every change is one
//! `StageEdit` sent to the session, which keeps it with the workspace. And the two cards typed
//! once for the whole chi bộ ([`MeetingCards`]): the meeting's ballots and the cấp ủy's decision.

use tusoi_core::base::messages::t;
use tusoi_core::base::number::{format_points, parse_typed_decimal};
use tusoi_core::chibo::messages::{ct, ctf, ChiBoMsg};
use tusoi_core::chibo::roster::MemberKey;
use tusoi_core::chibo::session::Event as SessionEvent;
use tusoi_core::chibo::stages::{Appeal, StageEdit};
use tusoi_core::chibo::table::{Row, Stage};
use tusoi_core::forms::rating::Rating;
use yew::prelude::*;

/// What a card sends: whose stages, and the change.
pub type OnStage = Callback<(MemberKey, StageEdit)>;

#[derive(Properties, PartialEq)]
pub struct MeetingProps {
    /// How many members the meeting's ballots would go to (`Tally::without_ballots`); no card at 0.
    pub ballots: usize,
    /// How many members the cấp ủy's decision would decide (`Tally::undecided`); no card at 0.
    pub undecided: usize,
    /// Where `Event::BallotsForAll` and `Event::DecidedAsProposed` (the session's) go.
    pub send: Callback<SessionEvent>,
}

/// The two cards typed once for the whole chi bộ: "Số phiếu của hội nghị" (the ballots issued
/// and returned, given to every member voted on) and "Quyết định của cấp ủy cho cả chi bộ" (its
/// body, number and date, deciding every member the chi bộ proposed). Whom each goes to, and so
/// the count on its button, is the core's (`chibo::session::awaiting_ballots`,
/// `awaiting_decision`).
#[function_component(MeetingCards)]
pub fn meeting_cards(props: &MeetingProps) -> Html {
    let ballots_issued = use_node_ref();
    let ballots_returned = use_node_ref();
    let decision_body = use_node_ref();
    let decision_number = use_node_ref();
    let decision_date = use_node_ref();
    let on_ballots = {
        let send = props.send.clone();
        let refs = (ballots_issued.clone(), ballots_returned.clone());
        Callback::from(move |_: MouseEvent| {
            let value = |r: &NodeRef| super::typed(r).trim().parse::<u32>().unwrap_or(0);
            send.emit(SessionEvent::BallotsForAll {
                issued: value(&refs.0),
                returned: value(&refs.1),
            });
        })
    };
    let on_decide = {
        let send = props.send.clone();
        let refs = (
            decision_body.clone(),
            decision_number.clone(),
            decision_date.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            send.emit(SessionEvent::DecidedAsProposed {
                body: super::typed(&refs.0),
                number: super::typed(&refs.1),
                date: super::typed(&refs.2),
            });
        })
    };
    html! {
        <>
            if props.ballots > 0 {
                <section class="card" aria-labelledby="ws-ballots-title" id="ws-ballots">
                    <h2 id="ws-ballots-title">{ ct(ChiBoMsg::WsBallotsTitle) }</h2>
                    <p class="muted">{ ct(ChiBoMsg::WsBallotsHelp) }</p>
                    <div class="field ws-count">
                        <label for="ws-ballots-issued">{ ct(ChiBoMsg::WsVoteIssued) }</label>
                        <input id="ws-ballots-issued" type="number" inputmode="numeric" min="0" ref={ballots_issued} />
                    </div>
                    <div class="field ws-count">
                        <label for="ws-ballots-returned">{ ct(ChiBoMsg::WsVoteReturned) }</label>
                        <input id="ws-ballots-returned" type="number" inputmode="numeric" min="0" ref={ballots_returned} />
                    </div>
                    <p class="actions">
                        <button class="primary" id="ws-ballots-all" onclick={on_ballots}>{ ctf(ChiBoMsg::WsBallotsAll, &[("count", &props.ballots.to_string())]) }</button>
                    </p>
                </section>
            }
            if props.undecided > 0 {
                <section class="card" aria-labelledby="ws-decide-title" id="ws-decide">
                    <h2 id="ws-decide-title">{ ct(ChiBoMsg::WsDecideTitle) }</h2>
                    <p class="muted">{ ct(ChiBoMsg::WsDecideHelp) }</p>
                    <div class="field">
                        <label for="ws-decide-body">{ ct(ChiBoMsg::WsDecisionBody) }</label>
                        <input id="ws-decide-body" type="text" ref={decision_body} />
                    </div>
                    <div class="field">
                        <label for="ws-decide-number">{ ct(ChiBoMsg::WsDecisionNumber) }</label>
                        <input id="ws-decide-number" type="text" ref={decision_number} />
                    </div>
                    <div class="field">
                        <label for="ws-decide-date">{ ct(ChiBoMsg::WsDecisionDate) }</label>
                        <input id="ws-decide-date" type="date" ref={decision_date} />
                    </div>
                    <p class="actions">
                        <button class="primary" id="ws-decide-all" onclick={on_decide}>{ ctf(ChiBoMsg::WsDecideAll, &[("count", &props.undecided.to_string())]) }</button>
                    </p>
                </section>
            }
        </>
    }
}

/// A level as the reports abbreviate it (HTXSNV, HTTNV, HTNV, KHTNV), so the line of a member's
/// stages fits a phone's width.
fn level_text(r: Option<Rating>) -> String {
    r.map_or_else(
        || ct(ChiBoMsg::WsStageNone).to_owned(),
        |r| tusoi_core::chibo::meeting::short_label(r).to_owned(),
    )
}

/// "Tự đề xuất: … · Chi bộ: … · Quyết định: …", with "từ bản giấy" where the proposal is paper's.
pub fn stage_line(r: &Row<'_>) -> Html {
    let mut member = level_text(r.level_at(Stage::Members));
    if r.from_paper {
        member = format!("{member} ({})", ct(ChiBoMsg::WsFromPaper));
    }
    html! {
        <p class="ws-stage-line">{ ctf(ChiBoMsg::WsStageLine, &[
            ("member", &member),
            ("chibo", &level_text(r.level_at(Stage::ChiBo))),
            ("decided", &level_text(r.level_at(Stage::Decided))),
        ]) }</p>
    }
}

/// A `<select>` of the four levels and "—", sending `edit` of the level chosen.
fn level_select(
    id: String,
    label: ChiBoMsg,
    value: Option<Rating>,
    send: Callback<StageEdit>,
    edit: fn(Option<Rating>) -> StageEdit,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        send.emit(edit(Rating::from_key(&select.value())));
    });
    html! {
        <div class="field">
            <label for={id.clone()}>{ ct(label) }</label>
            <select {id} {onchange}>
                <option value="" selected={value.is_none()}>{ ct(ChiBoMsg::WsStageNone) }</option>
                { for Rating::ALL.iter().map(|r| html! {
                    <option value={r.key()} selected={value == Some(*r)}>{ t(r.label()) }</option>
                }) }
            </select>
        </div>
    }
}

/// A number field (ballots, votes), sending `edit` of what is typed (empty is 0).
fn count_input(
    id: String,
    label: String,
    value: u32,
    send: Callback<StageEdit>,
    edit: impl Fn(u32) -> StageEdit + 'static,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let text = input.value();
        let n = text.trim().parse::<u32>().unwrap_or(0);
        send.emit(edit(n));
    });
    html! {
        <div class="field ws-count">
            <label for={id.clone()}>{ label }</label>
            <input {id} type="number" inputmode="numeric" min="0" value={value.to_string()} {oninput} />
        </div>
    }
}

/// A text or date field, sending `edit` of what is typed.
fn text_input(
    id: String,
    label: ChiBoMsg,
    kind: &'static str,
    value: &str,
    send: Callback<StageEdit>,
    edit: fn(String) -> StageEdit,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        send.emit(edit(input.value()));
    });
    html! {
        <div class="field">
            <label for={id.clone()}>{ ct(label) }</label>
            <input {id} type={kind} value={value.to_owned()} {oninput} />
        </div>
    }
}

/// Points typed the Vietnamese way ("27,5"), sent as typed (`parse_typed_decimal`: "27," is 27
/// while the decimals come); an emptied field forgets them.
fn points_input(
    id: String,
    label: ChiBoMsg,
    value: Option<f64>,
    send: Callback<StageEdit>,
    edit: fn(Option<f64>) -> StageEdit,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let text = input.value();
        if text.trim().is_empty() {
            send.emit(edit(None));
        } else if let Some(p) = parse_typed_decimal(&text) {
            send.emit(edit(Some(p)));
        }
    });
    html! {
        <div class="field">
            <label for={id.clone()}>{ ct(label) }</label>
            <input {id} type="text" inputmode="decimal" value={value.map(format_points).unwrap_or_default()} {oninput} />
        </div>
    }
}

/// The stages of a member, opened on tap: paper, vote, proposal, decision, re-rating, appeal.
/// `n` tells the card's fields apart (the row's position). Closed, only the summary is drawn;
/// `on_toggle` says when the member opens or closes it.
pub fn stages_form(
    r: &Row<'_>,
    n: usize,
    on_stage: &OnStage,
    open: bool,
    on_toggle: &Callback<(MemberKey, bool)>,
) -> Html {
    let key = r.member.key();
    let ontoggle = {
        let (on_toggle, key) = (on_toggle.clone(), key.clone());
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            on_toggle.emit((key.clone(), details.has_attribute("open")));
        })
    };
    if !open {
        return html! {
            <details class="ws-stages" data-member={r.member.full_name.clone()} {ontoggle}>
                <summary>{ ct(ChiBoMsg::WsStagesTitle) }</summary>
            </details>
        };
    }
    let send = {
        let on_stage = on_stage.clone();
        Callback::from(move |edit: StageEdit| on_stage.emit((key.clone(), edit)))
    };
    let s = &r.stages;
    let id = |what: &str| format!("ws-{n}-{what}");
    let vote = s.vote.clone().unwrap_or_default();
    let paper = s.paper.clone().unwrap_or_default();
    let decision = s.decision.clone();
    let rerating = s.rerating.clone();
    let checks = s.checks(r.allowed);
    let on_most = {
        let send = send.clone();
        Callback::from(move |_: MouseEvent| send.emit(StageEdit::ProposeMostVoted))
    };
    let on_appeal = {
        let send = send.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            send.emit(StageEdit::Appeal(Appeal::from_key(&select.value())));
        })
    };
    html! {
        <details class="ws-stages" data-member={r.member.full_name.clone()} open=true {ontoggle}>
            <summary>{ ct(ChiBoMsg::WsStagesTitle) }</summary>
            if !checks.is_empty() {
                <ul class="ws-stage-checks">
                    { for checks.iter().map(|c| html! { <li>{ "⚠ " }{ s.check_text(*c, &r.member.full_name, r.allowed) }</li> }) }
                </ul>
            }
            if r.review.is_none() {
                <fieldset class="ws-paper">
                    <legend>{ ct(ChiBoMsg::WsPaperTitle) }</legend>
                    { level_select(id("paper-rating"), ChiBoMsg::WsPaperRating, paper.rating, send.clone(), StageEdit::PaperRating) }
                    { points_input(id("paper-general"), ChiBoMsg::WsPaperGeneral, paper.general, send.clone(), StageEdit::PaperGeneral) }
                    { points_input(id("paper-tasks"), ChiBoMsg::WsPaperTasks, paper.tasks, send.clone(), StageEdit::PaperTasks) }
                </fieldset>
            }
            <fieldset class="ws-vote">
                <legend>{ ct(ChiBoMsg::WsVoteTitle) }</legend>
                { count_input(id("issued"), ct(ChiBoMsg::WsVoteIssued).to_owned(), vote.issued, send.clone(), StageEdit::Issued) }
                { count_input(id("returned"), ct(ChiBoMsg::WsVoteReturned).to_owned(), vote.returned, send.clone(), StageEdit::Returned) }
                { count_input(id("valid"), ct(ChiBoMsg::WsVoteValid).to_owned(), vote.valid, send.clone(), StageEdit::Valid) }
                { count_input(id("invalid"), ct(ChiBoMsg::WsVoteInvalid).to_owned(), vote.invalid, send.clone(), StageEdit::Invalid) }
                { for (0..5).map(|at| {
                    let label = match Rating::ALL.get(at) {
                        Some(r) => ctf(ChiBoMsg::WsVoteFor, &[("level", t(r.label()))]),
                        None => ct(ChiBoMsg::WsVoteNotRated).to_owned(),
                    };
                    count_input(id(&format!("votes-{at}")), label, vote.votes[at], send.clone(), move |n| StageEdit::Votes(at, n))
                }) }
                <p class="actions">
                    <button class="ws-propose-most" onclick={on_most} disabled={s.most_voted().is_none()}>{ ct(ChiBoMsg::WsProposeMostVoted) }</button>
                </p>
                if s.vote.is_some() && s.most_voted().is_none() {
                    <p class="muted">{ ct(ChiBoMsg::WsProposeMostVotedNone) }</p>
                }
            </fieldset>
            { level_select(id("proposed"), ChiBoMsg::WsChiBoProposed, s.proposed, send.clone(), StageEdit::Proposed) }
            <fieldset class="ws-decision">
                <legend>{ ct(ChiBoMsg::WsDecisionTitle) }</legend>
                { level_select(id("decided"), ChiBoMsg::WsDecisionRating, decision.as_ref().map(|d| d.rating), send.clone(), StageEdit::DecisionRating) }
                if let Some(d) = &decision {
                    { text_input(id("decision-body"), ChiBoMsg::WsDecisionBody, "text", &d.body, send.clone(), StageEdit::DecisionBody) }
                    { text_input(id("decision-number"), ChiBoMsg::WsDecisionNumber, "text", &d.number, send.clone(), StageEdit::DecisionNumber) }
                    { text_input(id("decision-date"), ChiBoMsg::WsDecisionDate, "date", &d.date, send.clone(), StageEdit::DecisionDate) }
                }
            </fieldset>
            if decision.is_some() {
                <fieldset class="ws-rerate">
                    <legend>{ ct(ChiBoMsg::WsRerateTitle) }</legend>
                    { level_select(id("rerated"), ChiBoMsg::WsRerateRating, rerating.as_ref().map(|r| r.rating), send.clone(), StageEdit::ReratingRating) }
                    if let Some(x) = &rerating {
                        { text_input(id("rerate-reason"), ChiBoMsg::WsRerateReason, "text", &x.reason, send.clone(), StageEdit::ReratingReason) }
                        { text_input(id("rerate-number"), ChiBoMsg::WsDecisionNumber, "text", &x.number, send.clone(), StageEdit::ReratingNumber) }
                        { text_input(id("rerate-date"), ChiBoMsg::WsDecisionDate, "date", &x.date, send.clone(), StageEdit::ReratingDate) }
                    }
                    <div class="field">
                        <label for={id("appeal")}>{ ct(ChiBoMsg::WsAppeal) }</label>
                        <select id={id("appeal")} onchange={on_appeal}>
                            <option value="" selected={s.appeal.is_none()}>{ ct(ChiBoMsg::WsStageNone) }</option>
                            { for Appeal::ALL.iter().map(|a| html! {
                                <option value={a.key()} selected={s.appeal == Some(*a)}>{ a.label() }</option>
                            }) }
                        </select>
                    </div>
                </fieldset>
            }
        </details>
    }
}
