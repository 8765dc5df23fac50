//! What the workspace reports: the summary lines, the chart of the four levels, the A4 summary
//! ("Tổng hợp kết quả tự đánh giá, xếp loại chất lượng đảng viên năm N") and a member's document
//! shown read only in its official layout.

use std::rc::Rc;
use tusoi_core::base::messages::t;
use tusoi_core::base::number::{format_count, format_percent};
use tusoi_core::chibo::intake::display_name;
use tusoi_core::chibo::messages::{ct, ctf, ChiBoMsg};
use tusoi_core::chibo::roster::Group;
use tusoi_core::chibo::table::{in_group, rows, Counts, Quota};
use tusoi_core::chibo::workspace::Workspace;
use tusoi_core::forms::rating::Rating;
use tusoi_core::forms::template::Template;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::{Ctx, View};
use crate::platform::clock;

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
                        <text x="0" y={(y + 17).to_string()} class="bar-label">{ short_label(*r) }</text>
                        <text x={(114 + w).to_string()} y={(y + 17).to_string()} class="bar-value">{ format_count(n) }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

fn short_label(r: Rating) -> &'static str {
    match r {
        Rating::HoanThanhXuatSac => "HTXSNV",
        Rating::HoanThanhTot => "HTTNV",
        Rating::HoanThanh => "HTNV",
        Rating::KhongHoanThanh => "KHTNV",
    }
}

/// A roll-up as loaded for a page: not yet, failed, not found, or the workspace.
pub type Loaded = Option<Result<Option<Rc<Workspace>>, String>>;

/// Loads a roll-up from the store when the page opens (and when `id` changes). The handle lets a
/// page put the saved version in place after a change.
#[hook]
pub fn use_workspace(ctx: &Ctx, id: &str) -> UseStateHandle<Loaded> {
    let workspace = use_state(|| None::<Result<Option<Rc<Workspace>>, String>>);
    {
        let (ctx, workspace) = (ctx.clone(), workspace.clone());
        use_effect_with(id.to_owned(), move |id| {
            let id = id.clone();
            spawn_local(async move {
                let got = ctx.store.get(&id).await.map_err(|e| e.message());
                workspace.set(Some(got.map(|w| w.map(Rc::new))));
            });
        });
    }
    workspace
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

fn not_found() -> Html {
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
}

/// The A4 summary of a roll-up: the forms' header, the title, the counts table, the quota line per
/// group and the chi bộ's signature block.
#[function_component(Print)]
pub fn print(props: &PrintProps) -> Html {
    let state = use_workspace(&props.ctx, &props.id);
    let ws = match loaded(&state) {
        Ok(ws) => ws,
        Err(page) => return page,
    };
    let rows = rows(&ws.roster, &ws.inbox);
    let counts = Counts::of(&rows);
    let p = &ws.period;
    let on_print = Callback::from(|_| {
        let _ = gloo_utils::window().print();
    });
    let today = clock::now();
    let date = tusoi_core::chibo::roster::display_day(&today[..10]);
    html! {
        <>
            <div class="print-toolbar no-print">
                <a href={View::Workspace(ws.id.clone()).href()} class="back">{ "← " }{ ct(ChiBoMsg::WsBack) }</a>
                <button class="primary" id="print-now" onclick={on_print}>{ ct(ChiBoMsg::WsPrint) }</button>
            </div>
            <article class="a4" id="a4">
                <table class="a4-header" role="presentation">
                    <tr>
                        <td class="a4-org">
                            <div>{ p.dang_bo.to_uppercase() }</div>
                            <div class="a4-strong">{ p.chi_bo.to_uppercase() }</div>
                            <div>{ "*" }</div>
                        </td>
                        <td class="a4-party">
                            <div class="a4-underline a4-strong">{ t(tusoi_core::Msg::PrintParty) }</div>
                            <div class="a4-date"><em>{ date }</em></div>
                        </td>
                    </tr>
                </table>
                <h1 class="a4-title">{ ctf(ChiBoMsg::WsPrintTitle, &[("year", &p.year.to_string())]) }</h1>
                <p>{ counts.headcount_line() }</p>
                <table class="a4-counts" id="a4-counts">
                    <thead><tr>
                        <th>{ ct(ChiBoMsg::WsPrintLevel) }</th>
                        <th>{ ct(ChiBoMsg::WsPrintCount) }</th>
                        <th>{ ct(ChiBoMsg::WsPrintPercent) }</th>
                    </tr></thead>
                    <tbody>
                        { for Rating::ALL.iter().zip(counts.by_level).map(|(r, n)| html! {
                            <tr>
                                <td>{ t(r.label()) }</td>
                                <td class="num">{ format_count(n) }</td>
                                <td class="num">{ format_percent(n, counts.rated).unwrap_or_default() }</td>
                            </tr>
                        }) }
                        <tr class="a4-strong">
                            <td>{ ct(ChiBoMsg::WsPrintHeadcount) }</td>
                            <td class="num">{ format_count(counts.rated) }</td>
                            <td class="num">{ format_percent(counts.rated, counts.rated).unwrap_or_default() }</td>
                        </tr>
                    </tbody>
                </table>
                <ul class="a4-lines">
                    { for counts.level_lines().into_iter().map(|l| html! { <li>{ l }</li> }) }
                </ul>
                <p><em>{ ct(ChiBoMsg::SummaryRounding) }</em></p>
                { for [None, Some(Group::Leader), Some(Group::Member), Some(Group::Outside)].into_iter().filter_map(|g| {
                    let c = Counts::of(in_group(&rows, g));
                    (c.members > 0).then(|| {
                        let label = g.map_or(ct(ChiBoMsg::WsGroupUnknown), Group::label);
                        html! { <p class="a4-quota">{ Quota::new(&c.by_level, 20).line(label) }</p> }
                    })
                }) }
                <div class="a4-signature">
                    <p class="a4-strong">{ ct(ChiBoMsg::WsPrintSigner) }</p>
                    <p class="a4-strong">{ ct(ChiBoMsg::WsPrintSignerRole) }</p>
                    <p class="a4-signed-name">{ "\u{00a0}" }</p>
                </div>
            </article>
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
    let state = use_workspace(&props.ctx, &props.id);
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
    let Some(template) = Template::get(&received.document.template_id) else {
        return not_found();
    };
    html! {
        <>
            <div class="print-toolbar no-print">
                <a href={View::Workspace(ws.id.clone()).href()} class="back">{ "← " }{ ct(ChiBoMsg::WsBack) }</a>
            </div>
            <p class="muted no-print" id="ws-read-only">{ ctf(ChiBoMsg::WsReadOnly, &[
                ("member", &display_name(&received.document)),
                ("file", &received.file_name),
                ("time", &clock::local_date_time(&received.received_at)),
            ]) }</p>
            { crate::pages::print::a4(&received.document, template) }
        </>
    }
}
