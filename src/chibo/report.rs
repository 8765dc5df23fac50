//! What the workspace reports: the summary lines, the chart of the four levels, the A4 summary
//! ("Tổng hợp kết quả tự đánh giá, xếp loại chất lượng đảng viên năm N") and a member's document
//! shown read only in its official layout.

use std::rc::Rc;
use tusoi_core::base::messages::t;
use tusoi_core::base::number::format_count;
use tusoi_core::chibo::counts::Counts;
use tusoi_core::chibo::intake::display_name;
use tusoi_core::chibo::messages::{ct, ctf, ChiBoMsg};
use tusoi_core::chibo::summary::summary_page;
use tusoi_core::chibo::workspace::Workspace;
use tusoi_core::forms::rating::Rating;

use yew::prelude::*;

use super::Ctx;
use crate::hooks::use_workspace::{use_workspace, Loaded};
use crate::platform::clock;
use crate::routes::View;

/// The headcount, one line per level in the reports' words, and how the percentages are rounded.
pub fn summary_lines(counts: &Counts) -> Html {
    html! {
        <div class="ws-summary">
            <p class="ws-headcount">{ counts.headcount_line() }</p>
            <ul class="ws-levels">
                { for counts.level_lines().into_iter().map(|l| html! { <li>{ l }</li> }) }
            </ul>
            <p class="muted">{ ct(ChiBoMsg::SummaryRounding) }</p>
        </div>
    }
}

/// The levels side by side at each stage: the members' own proposals, the chi bộ's, the levels
/// decided; each cell "x/y (z%)" of the members rated at that stage.
pub fn stage_table(by_stage: &[tusoi_core::chibo::session::StageCounts]) -> Html {
    html! {
        <table class="ws-stage-table" id="ws-stage-table">
            <thead>
                <tr>
                    <th>{ ct(ChiBoMsg::WsPrintLevel) }</th>
                    { for by_stage.iter().map(|(s, _, _)| html! { <th>{ s.label() }</th> }) }
                </tr>
            </thead>
            <tbody>
                { for Rating::ALL.iter().enumerate().map(|(i, r)| html! {
                    <tr>
                        <td>{ t(r.label()) }</td>
                        { for by_stage.iter().map(|(_, c, _)| html! {
                            <td>{ format!("{}/{} ({})", format_count(c.by_level[i]), format_count(c.rated),
                                tusoi_core::base::number::format_percent(c.by_level[i], c.rated).unwrap_or_default()) }</td>
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// A bar chart of the four levels, as inline SVG with its numbers written out.
pub fn chart(counts: &Counts) -> Html {
    let max = counts.by_level.iter().copied().max().unwrap_or(0).max(1);
    // Room to the right of the longest bar for its number.
    let width = 250u64;
    html! {
        <svg class="ws-chart" viewBox="0 0 420 132" role="img" aria-label={ct(ChiBoMsg::WsChartLabel)} id="ws-chart">
            { for Rating::ALL.iter().zip(counts.by_level).enumerate().map(|(i, (r, n))| {
                let y = (i as u64) * 32 + 4;
                let w = n * width / max;
                html! {
                    <g>
                        <rect x="110" y={y.to_string()} width={w.max(1).to_string()} height="24" class={format!("bar bar-{i}")} />
                        <text x="0" y={(y + 17).to_string()} class="bar-label">{ tusoi_core::chibo::meeting::short_label(*r) }</text>
                        <text x={(114 + w).to_string()} y={(y + 17).to_string()} class="bar-value">{ format_count(n) }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

/// The workspace, or what the page shows instead: loading, the error, or "not found".
pub fn loaded(state: &Loaded) -> Result<Rc<Workspace>, Html> {
    match state {
        None => Err(html! { <p class="loading" role="status">{ "…" }</p> }),
        Some(Err(message)) => {
            Err(html! { <p class="notice notice-error" role="alert">{ message }</p> })
        }
        Some(Ok(None)) => Err(not_found()),
        Some(Ok(Some(ws))) => Ok(ws.clone()),
    }
}

pub fn not_found() -> Html {
    html! {
        <section>
            <p class="notice notice-error" role="alert">{ ct(ChiBoMsg::WsNotFound) }</p>
            <a href={View::List.href()}>{ ct(ChiBoMsg::WsBack) }</a>
        </section>
    }
}

#[derive(Debug, PartialEq, Properties)]
pub struct PrintProps {
    pub ctx: Ctx,
    pub id: String,
    /// A paper of the meeting (`chibo::meeting::Paper`'s key); the summary when empty.
    #[prop_or_default]
    pub paper: String,
}

/// The A4 summary of a roll-up (the forms' header, the title, the counts table, the quota line per
/// group and the chi bộ's signature block), or a paper of the rating meeting
/// (`chibo::meeting`): printed, or written to Word from the same blocks.
#[function_component(Print)]
pub fn print(props: &PrintProps) -> Html {
    let state = use_workspace(&props.ctx.store, &props.id);
    // Every hook before the first return: Yew checks their order in a debug build.
    let notice = use_state(|| None::<crate::components::Notice>);
    let ws = match loaded(&state) {
        Ok(ws) => ws,
        Err(page) => return page,
    };
    let today = clock::now();
    let paper = tusoi_core::chibo::meeting::Paper::from_key(&props.paper);
    let page = match paper {
        Some(p) => tusoi_core::chibo::meeting::paper(&ws, p, &today[..10]),
        None => summary_page(&ws, &today[..10]),
    };
    let on_print = Callback::from(|_| {
        let _ = gloo_utils::window().print();
    });
    let on_word = {
        let (page, notice) = (page.clone(), notice.clone());
        let p = ws.period.clone();
        Callback::from(move |_| {
            use tusoi_core::workflow::docx;
            let stem = paper.map_or("tong hop", |x| x.file_stem());
            let name = docx::file_name(
                &format!("{stem} {} {}", p.chi_bo, p.year),
                &clock::now()[..10],
            );
            let file =
                crate::platform::files::Outgoing::bytes(name, docx::write(&page), docx::DOCX_MIME);
            notice.set(super::page::handed(crate::platform::files::hand_over(
                file,
                false,
                |_| {},
            )));
        })
    };
    html! {
        <>
            <div class="no-print"><crate::components::NoticeBox notice={(*notice).clone()} /></div>
            <div class="print-toolbar no-print">
                <a href={View::Workspace(ws.id.clone()).href()} class="back">{ "← " }{ ct(ChiBoMsg::WsBack) }</a>
                <button class="primary" id="print-now" onclick={on_print}>{ ct(if paper.is_some() { ChiBoMsg::MeetingPrint } else { ChiBoMsg::WsPrint }) }</button>
                <button id="ws-word" onclick={on_word}>{ t(tusoi_core::Msg::ActionWord) }</button>
            </div>
            { crate::components::a4::page_html(&page) }
        </>
    }
}

#[derive(Debug, PartialEq, Properties)]
pub struct DocumentProps {
    pub ctx: Ctx,
    pub id: String,
    pub doc: String,
}

/// A member's document as received, read only, in its official layout.
#[function_component(MemberDocument)]
pub fn member_document(props: &DocumentProps) -> Html {
    let state = use_workspace(&props.ctx.store, &props.id);
    let ws = match loaded(&state) {
        Ok(ws) => ws,
        Err(page) => return page,
    };
    let Some(received) = ws
        .inbox
        .documents
        .iter()
        .find(|r| r.document.id == props.doc)
    else {
        return not_found();
    };
    let Some(template) = ws.inbox.template(&received.document) else {
        return not_found();
    };
    html! {
        <>
            <div class="print-toolbar no-print">
                <a href={View::Workspace(ws.id.clone()).href()} class="back">{ "← " }{ ct(ChiBoMsg::WsBack) }</a>
            </div>
            <p class="muted no-print" id="ws-read-only">{ ctf(ChiBoMsg::WsReadOnly, &[
                ("member", &display_name(ws.inbox.forms(), &received.document)),
                ("file", &received.file_name),
                ("time", &clock::local_date_time(&received.received_at)),
            ]) }</p>
            { crate::components::a4::a4(&received.document, template) }
        </>
    }
}
