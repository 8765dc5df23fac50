//! The workspace page's cards drawn from what the session counted (`tusoi_core::chibo::session::
//! Tally`): the summary, the quota, the checks and the copied texts. They compute nothing: the
//! counts, the headline stage and the quota's lines are the core's.

use tusoi_core::chibo::checks::Warning;
use tusoi_core::chibo::counts::{Quota, QUOTA_CAPS};
use tusoi_core::chibo::messages::{ct, ctf, ChiBoMsg};
use tusoi_core::chibo::session::{group_label, Tally};
use tusoi_core::chibo::table::Stage;
use yew::prelude::*;

use super::report::{chart, stage_table, summary_lines};

/// "Kết quả tự đánh giá": the headline stage's counts and chart; the stages side by side once a
/// later stage has a level, with the re-rated; each group's counts where there are several.
pub fn summary_card(tally: &Tally) -> Html {
    let (headline_counts, headline_groups) = tally.headline_counts();
    let later_stages = tally.later_stages();
    let (headline, by_stage, rerated) = (&tally.headline, &tally.by_stage, &tally.rerated);
    html! {
        <section class="card" aria-labelledby="ws-summary-title" id="ws-summary">
            <h2 id="ws-summary-title">{ ct(ChiBoMsg::WsSummaryTitle) }</h2>
            { summary_lines(headline_counts) }
            { chart(headline_counts) }
            if later_stages {
                <p class="muted" id="ws-headline">{ ctf(ChiBoMsg::WsHeadline, &[("stage", headline.label())]) }</p>
                <h3>{ ct(ChiBoMsg::WsStagesSummaryTitle) }</h3>
                { stage_table(by_stage) }
                if rerated.decided > 0 {
                    <p id="ws-rerated">{ rerated.line() }</p>
                }
            }
            if headline_groups.len() > 1 {
                <h3>{ ct(ChiBoMsg::WsByGroupTitle) }</h3>
                { for headline_groups.iter().map(|(g, c)| html! {
                    <div class="ws-group">
                        <h4>{ group_label(*g) }</h4>
                        { summary_lines(c) }
                    </div>
                }) }
            }
        </section>
    }
}

/// The quota at the chosen cap (20 or 25 %, the workspace's), per group, at each stage with a
/// level entered: the proposals' line, and what the points would allow.
pub fn quota_card(tally: &Tally, cap: u64, on_cap: Callback<Event>) -> Html {
    let later_stages = tally.later_stages();
    let by_stage = &tally.by_stage;
    html! {
        <section class="card" aria-labelledby="ws-quota-title" id="ws-quota">
            <h2 id="ws-quota-title">{ ct(ChiBoMsg::WsQuotaTitle) }</h2>
            <p class="muted">{ ct(ChiBoMsg::WsQuotaNote) }</p>
            <label for="ws-cap">{ ct(ChiBoMsg::WsQuotaCap) }</label>
            <select id="ws-cap" onchange={on_cap}>
                { for QUOTA_CAPS.iter().map(|c| html! {
                    <option value={c.to_string()} selected={cap == *c}>{ format!("{c}%") }</option>
                }) }
            </select>
            { for by_stage.iter().filter(|(s, c, _)| *s == Stage::Members || c.rated > 0).map(|(stage, _, stage_groups)| html! {
            <>
            if later_stages {
                <h3 class="ws-quota-stage">{ stage.label() }</h3>
            }
            <ul class="ws-quota-lines" data-stage={format!("{stage:?}")}>
                { for stage_groups.iter().map(|(g, c)| (group_label(*g), c)).map(|(label, c)| {
                    let q = Quota::new(&c.by_level, cap);
                    let by_points = Quota::new(&c.by_points, cap);
                    html! {
                        <li class={classes!("ws-quota-line", (q.over() > 0).then_some("over"))}>
                            <p>{ q.line(label) }</p>
                            <p class="muted">{ ctf(ChiBoMsg::QuotaByPoints, &[
                                ("htxs", &by_points.htxs.to_string()),
                                ("httnv", &by_points.httnv.to_string()),
                                ("max", &by_points.max().to_string()),
                                ("cap", &cap.to_string()),
                            ]) }</p>
                        </li>
                    }
                }) }
            </ul>
            </>
            }) }
        </section>
    }
}

/// The checks across documents, each a sentence naming the member.
pub fn checks_card(warnings: &[Warning]) -> Html {
    html! {
        <section class="card" aria-labelledby="ws-checks-title" id="ws-checks">
            <h2 id="ws-checks-title">{ ct(ChiBoMsg::WsChecksTitle) }{ format!(" ({})", warnings.len()) }</h2>
            if warnings.is_empty() {
                <p>{ ct(ChiBoMsg::WsChecksNone) }</p>
            } else {
                <ul class="findings">{ for warnings.iter().map(|w| html! { <li class="finding">{ &w.text }</li> }) }</ul>
            }
        </section>
    }
}

/// The groups of copied texts, the first fifty: each with its sentence and the shared text.
pub fn copies_card(copies: &[(String, String)]) -> Html {
    html! {
        <section class="card" aria-labelledby="ws-copies-title" id="ws-copies">
            <h2 id="ws-copies-title">{ ct(ChiBoMsg::WsCopiesTitle) }{ format!(" ({})", copies.len()) }</h2>
            if copies.is_empty() {
                <p>{ ct(ChiBoMsg::WsCopiesNone) }</p>
            } else {
                <ul class="ws-copies">
                    { for copies.iter().take(50).map(|(sentence, text)| html! {
                        <li class="ws-copy">
                            <p><strong>{ sentence }</strong></p>
                            <blockquote>{ text }</blockquote>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
