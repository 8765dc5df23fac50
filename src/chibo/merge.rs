//! The level above: several chi bộ's roll-up files merged into one (a merged file merges again),
//! the counts shown in the reports' words, and the merged file to send on. Nothing is stored: the
//! files are read into memory only.

use tusoi_core::chibo::messages::{ct, ctf, ChiBoMsg};
use tusoi_core::chibo::rollup::{parse_rollup, RollupFile};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::report::{chart, summary_lines};
use crate::platform::files;
use crate::routes::View;

#[function_component(Merge)]
pub fn merge() -> Html {
    let merged = use_state(|| None::<RollupFile>);
    let errors = use_state(Vec::<String>::new);
    let told = use_state(|| None::<crate::components::Notice>);
    let on_pick = {
        let (merged, errors) = (merged.clone(), errors.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let picked: Vec<web_sys::File> = input
                .files()
                .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
                .unwrap_or_default();
            input.set_value("");
            let (merged, errors) = (merged.clone(), errors.clone());
            spawn_local(async move {
                let mut acc = (*merged).clone();
                let mut problems = Vec::new();
                for file in picked {
                    let name = file.name();
                    let parsed = match files::read_file(&file).await {
                        Ok(bytes) => parse_rollup(&bytes).map_err(|e| e.message()),
                        Err(detail) => Err(detail),
                    };
                    match parsed.and_then(|f| match &acc {
                        None => Ok(f),
                        Some(a) => a.merge(&f).map_err(|e| e.message()),
                    }) {
                        Ok(next) => acc = Some(next),
                        Err(message) => problems.push(format!("{name}: {message}")),
                    }
                }
                errors.set(problems);
                merged.set(acc);
            });
        })
    };
    let on_download = {
        let (merged, told) = (merged.clone(), told.clone());
        Callback::from(move |_| {
            if let Some(file) = &*merged {
                let name = format!("tong-hop-gop-{}.json", file.year);
                let file = files::Outgoing::text(name, file.to_json(), "application/json");
                told.set(super::page::handed(files::hand_over(file, false, |_| {})));
            }
        })
    };
    html! {
        <section class="merge">
            <p><a href={View::List.href()} class="back">{ "← " }{ ct(ChiBoMsg::WsBack) }</a></p>
            <h1>{ ct(ChiBoMsg::WsMergeTitle) }</h1>
            <p class="lead">{ ct(ChiBoMsg::WsMergeHelp) }</p>
            <div class="actions">
                <label class="button primary" for="ws-merge-files">{ ct(ChiBoMsg::WsMergePick) }</label>
                <input id="ws-merge-files" class="visually-hidden" type="file" multiple=true accept=".json,application/json,text/plain" onchange={on_pick} />
            </div>
            if !errors.is_empty() {
                <ul class="findings" id="ws-merge-errors">{ for errors.iter().map(|e| html! { <li class="finding">{ e }</li> }) }</ul>
            }
            if let Some(file) = &*merged {
                <section class="card" id="ws-merged">
                    <p>{ ctf(ChiBoMsg::WsMergeUnits, &[
                        ("count", &file.units.len().to_string()),
                        ("units", &file.units.iter().map(|u| u.chi_bo.clone()).collect::<Vec<_>>().join(", ")),
                    ]) }</p>
                    // The figures of the latest stage every rated member has reached, and the
                    // stages side by side once any unit has entered them.
                    {{
                        let headline = file.headline();
                        let counts = file.by_stage().into_iter().find(|(s, _)| *s == headline).map_or(&file.counts, |(_, c)| c);
                        html! { <>{ summary_lines(counts) }{ chart(counts) }</> }
                    }}
                    if file.stages.chi_bo.rated + file.stages.decided.rated > 0 {
                        <p class="muted" id="ws-merged-headline">{ ctf(ChiBoMsg::WsHeadline, &[("stage", file.headline().label())]) }</p>
                        { super::report::stage_table(&file.by_stage().into_iter().map(|(s, c)| (s, *c, Vec::new())).collect::<Vec<_>>()) }
                        <p id="ws-merged-rerated">{ file.rerated().line() }</p>
                    }
                    <div class="actions"><button id="ws-merge-download" onclick={on_download}>{ ct(ChiBoMsg::WsMergeDownload) }</button></div>
                    <crate::components::NoticeBox notice={(*told).clone()} />
                </section>
            }
        </section>
    }
}
