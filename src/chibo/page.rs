//! One roll-up: the roster, the files received (picked or dropped, many at once), the summary in
//! the reports' words with its chart, the quota per group, the checks, the copied texts, the
//! table, and the outputs (CSV, the roll-up file, the A4 summary).
//!
//! The page renders the core's `chibo::session` and reads files for it
//! (`hooks::use_workspace_session` carries out its effects): every change is saved at once with a
//! compare-and-set on the workspace's revision, one save at a time; another tab's newer save is
//! taken when nothing here is unsaved and never overwritten.

use std::rc::Rc;

use tusoi_core::base::messages::t;
use tusoi_core::chibo::messages::{ct, ctf, ChiBoMsg};
use tusoi_core::chibo::rollup::RollupFile;
use tusoi_core::chibo::roster::{display_day, MemberKey};
use tusoi_core::chibo::session::{Event as SessionEvent, Load, SaveState};
use tusoi_core::chibo::table::{csv_rows, points_text, standing_text, Row};
use tusoi_core::chibo::view::{Filter, Sort};
use tusoi_core::forms::rating::Rating;
use tusoi_core::workflow::sealed::{st, SealMsg};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::report::not_found;
use super::Ctx;
use crate::components::{Notice, NoticeBox};
use crate::hooks::use_workspace_session::use_workspace_session;
use crate::platform::timing::{mark, measure};
use crate::platform::{clock, files};
use crate::routes::View;

#[derive(Debug, PartialEq, Properties)]
pub struct PageProps {
    pub ctx: Ctx,
    pub id: String,
}

/// A pick of fewer files than this is sized before it is read (see `read_all`).
const SIZED_PICK: usize = 1_000;
/// The files of a large pick read at once.
const FILES_PER_BATCH: usize = 2_000;

/// Reads the files of a pick or a drop one after another, so a large batch never freezes the
/// page (each await lets the page draw), and hands them to the session all at once
/// (`Event::FilesRead`): the roster is indexed and the newest versions settled once for the
/// batch. Returns the files read, and those refused before the core saw them, with why.
///
/// A ZIP archive stands for the files it holds (`chibo::archive`, in the session): one read
/// instead of one per file, which is what makes 10.000 files fast (docs/performance.md).
async fn read_all(
    picked: Vec<web_sys::File>,
    progress: UseStateHandle<Option<(usize, usize)>>,
) -> (Vec<(String, Vec<u8>)>, Vec<(String, String)>) {
    let total = picked.len();
    mark("tusoi-receive-start");
    let mut read: Vec<(String, Vec<u8>)> = Vec::with_capacity(total);
    let mut refused: Vec<(String, String)> = Vec::new();
    // A file too large to be an export is refused, as the member's own import refuses it, in the
    // same words.
    let too_large = |name: &str, size: u64, refused: &mut Vec<(String, String)>| {
        let error = tusoi_core::workflow::export::check_size(size).err();
        if let Some(e) = &error {
            refused.push((name.to_owned(), e.message()));
        }
        error.is_some()
    };
    // In Chromium the first `File.size` of a picked file is a synchronous call to the browser
    // process, about 0,4 ms: 3,8 s for 10.000 files, more than reading them (docs/performance.md).
    // So a small pick (a chi bộ's, a phone's) is sized first and read in batches of at most 64 MB,
    // a large file refused before it is read; a large pick (a đảng bộ's, on a computer) is read in
    // batches of a number of files and each file's size checked on its bytes.
    let sized_first = total < SIZED_PICK;
    let mut batches: Vec<Vec<web_sys::File>> = vec![Vec::new()];
    let mut bytes_in_batch = 0.0;
    // Each file's name as the list shows it, in the order of the batches.
    let mut names: Vec<String> = Vec::with_capacity(total);
    for file in picked {
        // A folder picked whole ("Chọn cả thư mục…") brings the system's clutter too, and its
        // files are shown under their path in it (two members' files may share a name).
        let path = relative_path(&file);
        if tusoi_core::base::zip::is_system_clutter(&path) {
            continue;
        }
        let name = if path.is_empty() { file.name() } else { path };
        let size = if sized_first { file.size() } else { 0.0 };
        if sized_first && too_large(&name, size as u64, &mut refused) {
            continue;
        }
        let full = batches.last().map_or(0, Vec::len);
        if full > 0 && (bytes_in_batch + size > 64.0 * 1_048_576.0 || full >= FILES_PER_BATCH) {
            batches.push(Vec::new());
            bytes_in_batch = 0.0;
        }
        bytes_in_batch += size;
        if let Some(last) = batches.last_mut() {
            last.push(file);
            names.push(name);
        }
    }
    let mut names = names.into_iter();
    let mut done = 0;
    for batch in &batches {
        progress.set(Some((done, total)));
        done += batch.len();
        for (bytes, name) in files::read_files(batch).await.into_iter().zip(&mut names) {
            match bytes {
                Ok(bytes) if !sized_first && too_large(&name, bytes.len() as u64, &mut refused) => {
                }
                Ok(bytes) => read.push((name, bytes)),
                Err(detail) => refused.push((
                    name,
                    tusoi_core::base::messages::tf(
                        tusoi_core::Msg::ImportReadFailed,
                        &[("detail", &detail)],
                    ),
                )),
            }
        }
    }
    measure("tusoi-read", "tusoi-receive-start");
    progress.set(None);
    (read, refused)
}

/// `webkitRelativePath` (web-sys has no binding for it): empty unless a folder was picked whole.
fn relative_path(file: &web_sys::File) -> String {
    js_sys::Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|p| p.as_string())
        .unwrap_or_default()
}

/// What the secretary is told of a file handed over (`files::hand_over`), or why it failed.
pub(crate) fn handed(delivered: Result<files::Delivered, wasm_bindgen::JsValue>) -> Option<Notice> {
    delivered.map_or_else(
        |e| Some(Notice::Error(crate::platform::dom::js_error_text(e))),
        Notice::of_delivered,
    )
}

fn file_list(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// A `<select>`'s value, from its change event.
fn chosen(e: &Event) -> String {
    let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
    select.value()
}

#[function_component(Page)]
pub fn page(props: &PageProps) -> Html {
    let ctx = props.ctx.clone();
    let runner = use_workspace_session(&ctx.store, &props.id);
    // What the page says of an output handed over (the session says what saving said).
    let said = use_state(|| None::<Notice>);
    let progress = use_state(|| None::<(usize, usize)>);
    // Whether the list of every file received is open (it is drawn only then).
    let files_open = use_state(|| false);
    // The members whose stages are open: only their forms are drawn, so a keystroke in one of a
    // chi bộ's 155 cards redraws one form, not 155 (measured: the journey's 155 tallies took
    // 136 s with every form drawn).
    let open_stages = use_state(std::collections::HashSet::<MemberKey>::new);
    // "Quét mã QR": the element the scanner's own module draws its panel into
    // (`platform::scanner`), and the scanner's callbacks while the page is open (dropped with the
    // page, they turn the camera off).
    let scan_slot = use_node_ref();
    let scanner = use_mut_ref(|| None::<crate::platform::scanner::Scanner>);
    // The passphrase of sealed files: in the input only, read when files arrive, never saved.
    let passphrase = use_node_ref();
    // The box "Dán nội dung tệp" reads from.
    let pasted = use_node_ref();

    let send = |event: fn(String) -> SessionEvent| {
        let runner = runner.clone();
        Callback::from(move |e: Event| runner.send(event(chosen(&e))))
    };
    // "Là đồng chí thứ … trong danh sách": a person paired by hand with a roster member.
    let on_pair = {
        let runner = runner.clone();
        Callback::from(move |(member, birth_date): (usize, String)| {
            runner.send(SessionEvent::PairedByHand { member, birth_date });
        })
    };
    let on_stages_toggle = {
        let open_stages = open_stages.clone();
        Callback::from(move |(member, open): (MemberKey, bool)| {
            let mut set = (*open_stages).clone();
            let changed = if open {
                set.insert(member)
            } else {
                set.remove(&member)
            };
            if changed {
                open_stages.set(set);
            }
        })
    };
    // A change to a member's stages (vote, proposal, decision, re-rating, paper review).
    let on_stage = {
        let runner = runner.clone();
        Callback::from(move |(member, edit)| runner.send(SessionEvent::StageEdited(member, edit)))
    };
    let on_roster_input = {
        let runner = runner.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            runner.send(SessionEvent::RosterTyped(area.value()));
        })
    };
    // A roster saved from a spreadsheet as CSV: its text goes into the box, to check and apply.
    let on_roster_file = {
        let (runner, notice) = (runner.clone(), said.clone());
        Callback::from(move |e: Event| {
            let Some(file) = files::picked_file(&e) else {
                return;
            };
            let (runner, notice) = (runner.clone(), notice.clone());
            spawn_local(async move {
                match files::read_file(&file).await {
                    Ok(bytes) => runner.send(SessionEvent::RosterTyped(
                        String::from_utf8_lossy(&bytes).into_owned(),
                    )),
                    Err(detail) => notice.set(Some(Notice::Error(detail))),
                }
            });
        })
    };
    let on_roster_apply = {
        let runner = runner.clone();
        Callback::from(move |_| runner.send(SessionEvent::RosterApplied))
    };
    let receive = {
        let (runner, progress, passphrase) = (runner.clone(), progress.clone(), passphrase.clone());
        Rc::new(move |picked: Vec<web_sys::File>| {
            if picked.is_empty() {
                return;
            }
            let (runner, progress) = (runner.clone(), progress.clone());
            let passphrase = super::typed(&passphrase);
            spawn_local(async move {
                let (read, refused) = read_all(picked, progress).await;
                runner.files_read(read, refused, passphrase);
                measure("tusoi-receive", "tusoi-receive-start");
            });
        })
    };
    let on_pick = {
        let receive = receive.clone();
        Callback::from(move |e: Event| {
            mark("tusoi-picked");
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let picked = input.files().map(|l| file_list(&l)).unwrap_or_default();
            input.set_value("");
            receive(picked);
        })
    };
    let on_drop = {
        let receive = receive.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            mark("tusoi-picked");
            let picked = e
                .data_transfer()
                .and_then(|d| d.files())
                .map(|l| file_list(&l))
                .unwrap_or_default();
            receive(picked);
        })
    };
    let on_dragover = Callback::from(|e: DragEvent| e.prevent_default());
    // "Dán nội dung tệp": a member's file as text (copied where their browser could not download
    // it), made a file and received exactly as a picked one: the same checks, the same refusals,
    // a sealed one opened with the passphrase above.
    let on_paste = {
        let (receive, pasted, notice) = (receive.clone(), pasted.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(input) = pasted.cast::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            let text = input.value();
            if text.trim().is_empty() {
                notice.set(Some(Notice::Error(ct(ChiBoMsg::WsPasteEmpty).to_owned())));
                return;
            }
            let name = ctf(ChiBoMsg::WsPastedName, &[("time", &clock::local_time())]);
            match files::pasted_file(&name, &text) {
                Ok(file) => {
                    input.set_value("");
                    notice.set(None);
                    receive(vec![file]);
                }
                Err(e) => notice.set(Some(Notice::Error(crate::platform::dom::js_error_text(e)))),
            }
        })
    };
    // "Quét mã QR": each file read from a member's QR codes is received exactly as a picked one.
    let on_scan = {
        let (receive, notice) = (receive.clone(), said.clone());
        let (slot, scanner) = (scan_slot.clone(), scanner.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(element) = slot.cast::<web_sys::Element>() else {
                return;
            };
            let (receive, notice) = (receive.clone(), notice.clone());
            let opened = crate::platform::scanner::open(
                &element,
                move |file| receive(vec![file]),
                move || {
                    notice.set(Some(Notice::Error(
                        ct(ChiBoMsg::WsScanLoadFailed).to_owned(),
                    )))
                },
            );
            if opened.is_some() {
                *scanner.borrow_mut() = opened;
            }
        })
    };
    let on_filter = send(|v| SessionEvent::FilterChosen(Filter::parse(&v)));
    let on_sort = send(|v| SessionEvent::SortChosen(Sort::parse(&v)));
    // The cap is the workspace's, saved with it: the A4 summary and its Word file read it too.
    let on_cap = send(|v| SessionEvent::CapChosen(v.parse().unwrap_or(0)));
    let on_more = {
        let runner = runner.clone();
        Callback::from(move |_| runner.send(SessionEvent::MoreRows))
    };
    let on_more_notes = {
        let runner = runner.clone();
        Callback::from(move |_| runner.send(SessionEvent::MoreNotes))
    };

    let session = runner.session.borrow();
    match session.load() {
        Load::Loading => {
            return html! { <p class="loading" role="status">{ t(tusoi_core::Msg::Loading) }</p> }
        }
        Load::Missing => return not_found(),
        Load::Failed(message) => {
            return html! { <p class="notice notice-error" role="alert">{ message }</p> }
        }
        Load::Ready => {}
    }
    let Some(ws) = session.workspace() else {
        return not_found();
    };
    // The table's rows, once per render; what is counted from them was counted when they changed
    // (`Tally`). Measured, so the benchmark's "rows" step is the table's.
    mark("tusoi-rows-start");
    let rows = session.rows();
    measure("tusoi-rows", "tusoi-rows-start");
    let tally = session.tally();
    let (filter, sort, limit, notes_limit) = (
        session.filter,
        session.sort,
        session.limit,
        session.notes_limit,
    );
    let notice = (*said)
        .clone()
        .or_else(|| session.notice.clone().map(Notice::Error));
    let save_state = session.save_state();
    let period = &ws.period;
    // Shared with the session, not copied: a render (a key in the roster box) costs no copy of a
    // đảng bộ's roll-up.
    let Some(ws_rc) = session.shared() else {
        return not_found();
    };
    let ws = &ws_rc;

    // The CSV and the roll-up file are written when asked for, not on every render: for 10.000
    // members each costs as much as the table itself.
    let on_csv = {
        let (ws, notice) = (ws.clone(), said.clone());
        Callback::from(move |_| {
            let rows = ws.rows();
            let (heads, cells) = csv_rows(&rows, ws.quota_cap);
            let name = ws.period.file_name("csv");
            let text = tusoi_core::chibo::csv::write(&heads, &cells);
            let file = files::Outgoing::text(name, text, "text/csv;charset=utf-8");
            notice.set(handed(files::hand_over(file, false, |_| {})));
        })
    };
    let on_rollup = {
        let (ws, notice) = (ws.clone(), said.clone());
        Callback::from(move |_| {
            let rows = ws.rows();
            let file = RollupFile::of(&ws.period, &rows, ws.quota_cap, &clock::now());
            let name = ws.period.file_name("json");
            let file = files::Outgoing::text(name, file.to_json(), "application/json");
            notice.set(handed(files::hand_over(file, false, |_| {})));
        })
    };

    // The files that need a look, refused ones first (newest first within each), drawn a hundred
    // at a time: 10.000 members not yet on the roster are 10.000 notes.
    let attention = session.attention();
    let shown = session.shown(&rows);
    let roster_problems = session.roster_problems();
    let roster_text = session.roster_text().to_owned();
    let corpus = tusoi_core::analysis::lint::Corpus::with_examples();
    // The meeting's ballots and the cấp ủy's decision, each typed once for the whole chi bộ.
    let on_meeting = {
        let runner = runner.clone();
        Callback::from(move |event: SessionEvent| runner.send(event))
    };
    let cards = Cards {
        workspace: &ws.id,
        year: ws.period.year,
        corpus: &corpus,
        roster: &ws.roster,
        on_pair: on_pair.clone(),
        on_stage: on_stage.clone(),
        open_stages: &open_stages,
        on_stages_toggle: on_stages_toggle.clone(),
    };

    html! {
        <section class="workspace">
            <p><a href={View::List.href()} class="back">{ "← " }{ ct(ChiBoMsg::WsBack) }</a></p>
            <h1 id="ws-title">{ ctf(ChiBoMsg::WsPeriodLine, &[("chi_bo", &period.chi_bo), ("dang_bo", &period.dang_bo), ("year", &period.year.to_string())]) }</h1>
            <NoticeBox notice={notice} />
            <p class={classes!("ws-save", (save_state != SaveState::Saved).then_some("ws-unsaved"))}
                role="status" id="ws-save-state" data-state={format!("{save_state:?}").to_lowercase()}>
                { ct(match save_state {
                    SaveState::Saved => ChiBoMsg::WsSaveSaved,
                    SaveState::Saving => ChiBoMsg::WsSaveSaving,
                    SaveState::Failed => ChiBoMsg::WsSaveFailed,
                }) }
            </p>

            <section class="card" aria-labelledby="ws-roster-title">
                <h2 id="ws-roster-title">{ ct(ChiBoMsg::WsRosterTitle) }</h2>
                <p class="muted">{ ct(ChiBoMsg::WsRosterHelp) }</p>
                <label for="ws-roster" class="visually-hidden">{ ct(ChiBoMsg::WsRosterTitle) }</label>
                <textarea id="ws-roster" rows="6" value={roster_text} oninput={on_roster_input} />
                <div class="actions">
                    <button class="primary" id="ws-roster-apply" onclick={on_roster_apply}>{ ct(ChiBoMsg::WsRosterApply) }</button>
                    <label class="button" for="ws-roster-file">{ ct(ChiBoMsg::WsRosterFile) }</label>
                    <input id="ws-roster-file" class="visually-hidden" type="file" accept=".csv,.txt,text/csv,text/plain" onchange={on_roster_file} />
                </div>
                <p class="muted" id="ws-roster-count">{ ctf(ChiBoMsg::WsRosterCount, &[("count", &ws.roster.len().to_string())]) }</p>
                if !roster_problems.is_empty() {
                    <ul class="findings" id="ws-roster-problems">
                        { for roster_problems.iter().map(|p| html! { <li class="finding">{ &p.message }</li> }) }
                    </ul>
                }
            </section>

            <section class="card drop-zone" aria-labelledby="ws-receive-title" ondrop={on_drop} ondragover={on_dragover} id="ws-drop">
                <h2 id="ws-receive-title">{ ct(ChiBoMsg::WsReceiveTitle) }</h2>
                <p class="muted">{ ct(ChiBoMsg::WsReceiveHelp) }</p>
                <div class="actions">
                    <label class="button primary" for="ws-files">{ ct(ChiBoMsg::WsReceivePick) }</label>
                    <input id="ws-files" class="visually-hidden" type="file" multiple=true
                        accept=".json,.txt,.zip,application/json,text/plain,application/zip" onchange={on_pick.clone()} />
                    <label class="button" for="ws-folder">{ ct(ChiBoMsg::WsReceiveFolder) }</label>
                    <input id="ws-folder" class="visually-hidden" type="file" multiple=true
                        webkitdirectory=true onchange={on_pick} />
                    <button id="ws-scan" onclick={on_scan}>{ ct(ChiBoMsg::WsScan) }</button>
                </div>
                <div class="field">
                    <label for="ws-passphrase">{ st(SealMsg::SealedWorkspacePassphrase) }</label>
                    <input id="ws-passphrase" ref={passphrase} type="password" autocomplete="off"
                        autocapitalize="off" spellcheck="false" aria-describedby="ws-passphrase-note" />
                    <p class="muted" id="ws-passphrase-note">{ st(SealMsg::SealedWorkspaceNote) }</p>
                </div>
                // Below the passphrase, which a sealed file read from QR codes is opened with.
                <div id="scan-slot" ref={scan_slot}></div>
                <details class="ws-paste" id="ws-paste">
                    <summary>{ ct(ChiBoMsg::WsPasteTitle) }</summary>
                    <p class="muted">{ ct(ChiBoMsg::WsPasteHelp) }</p>
                    <textarea id="ws-paste-text" ref={pasted} rows="4" spellcheck="false" autocapitalize="off"
                        aria-label={ct(ChiBoMsg::WsPasteTitle)} />
                    <div class="actions">
                        <button id="ws-paste-receive" onclick={on_paste}>{ ct(ChiBoMsg::WsPasteReceive) }</button>
                    </div>
                </details>
                if let Some((done, total)) = *progress {
                    <p role="status" id="ws-progress">{ ctf(ChiBoMsg::WsReceiving, &[("done", &done.to_string()), ("total", &total.to_string())]) }</p>
                }
                if !ws.files.is_empty() {
                    <p id="ws-files-count">{ ctf(ChiBoMsg::WsFilesCount, &[
                        ("files", &ws.files.len().to_string()),
                        ("refused", &ws.files.iter().filter(|f| f.refused).count().to_string()),
                        ("notes", &ws.files.iter().filter(|f| !f.refused && f.needs_attention()).count().to_string()),
                    ]) }</p>
                    <details class="ws-files" id="ws-file-notes" open=true>
                        <summary>{ ct(ChiBoMsg::WsFilesAttention) }</summary>
                        <ul>
                            { for attention.iter().take(notes_limit).map(|f| file_item(f)) }
                            { for ws.inbox.resubmissions().iter().map(|l| html! { <li class="ws-file"><p>{ l }</p></li> }) }
                        </ul>
                        if attention.len() > notes_limit {
                            <p><button id="ws-file-notes-more" onclick={on_more_notes}>
                                { ctf(ChiBoMsg::WsShowMoreFiles, &[("count", &(attention.len() - notes_limit).to_string())]) }
                            </button></p>
                        }
                    </details>
                    // Drawn only while open: 10.000 files are 30.000 elements, a second of the
                    // roll-up's first frame for a list nobody has asked to see yet.
                    <details class="ws-files" id="ws-file-results" open={*files_open}
                        ontoggle={{ let files_open = files_open.clone(); Callback::from(move |e: Event| {
                            let details: web_sys::HtmlDetailsElement = e.target_unchecked_into();
                            files_open.set(details.open());
                        }) }}>
                        <summary>{ ct(ChiBoMsg::WsFilesTitle) }{ format!(" ({})", ws.files.len()) }</summary>
                        if *files_open {
                            <ul>{ for ws.files.iter().rev().map(file_item) }</ul>
                        }
                    </details>
                }
            </section>

            // The ballots once there is a roster: the sheet lists the roster's members.
            <super::stages::MeetingCards
                ballots={if ws.roster.is_empty() { 0 } else { tally.without_ballots }}
                undecided={tally.undecided}
                send={on_meeting} />

            { super::tally::summary_card(tally) }
            { super::tally::quota_card(tally, ws.quota_cap, on_cap) }
            { super::tally::checks_card(&tally.warnings) }
            { super::tally::copies_card(&tally.copies) }

            <section class="card" aria-labelledby="ws-table-title" id="ws-table">
                <h2 id="ws-table-title">{ ct(ChiBoMsg::WsTableTitle) }{ format!(" ({}/{})", shown.len(), rows.len()) }</h2>
                <label for="ws-filter">{ ct(ChiBoMsg::WsFilter) }</label>
                <select id="ws-filter" onchange={on_filter}>
                    <option value="all" selected={filter == Filter::All}>{ ct(ChiBoMsg::WsFilterAll) }</option>
                    <option value="problems" selected={filter == Filter::Problems}>{ ct(ChiBoMsg::WsFilterProblems) }</option>
                    <option value="missing" selected={filter == Filter::Missing}>{ ct(ChiBoMsg::WsFilterMissing) }</option>
                    <option value="above" selected={filter == Filter::Above}>{ ct(ChiBoMsg::WsFilterAbove) }</option>
                    <option value="undecided" selected={filter == Filter::Undecided}>{ ct(ChiBoMsg::WsFilterUndecided) }</option>
                    <option value="differs" selected={filter == Filter::DecisionDiffers}>{ ct(ChiBoMsg::WsFilterDiffers) }</option>
                    <option value="rerated" selected={filter == Filter::Rerated}>{ ct(ChiBoMsg::WsFilterRerated) }</option>
                    { for Rating::ALL.iter().enumerate().map(|(i, r)| html! {
                        <option value={format!("level-{i}")} selected={filter == Filter::Level(i)}>{ t(r.label()) }</option>
                    }) }
                </select>
                <label for="ws-sort">{ ct(ChiBoMsg::WsSort) }</label>
                <select id="ws-sort" onchange={on_sort}>
                    <option value="roster" selected={sort == Sort::Roster}>{ ct(ChiBoMsg::WsSortRoster) }</option>
                    <option value="name" selected={sort == Sort::Name}>{ ct(ChiBoMsg::WsSortName) }</option>
                    <option value="level" selected={sort == Sort::Level}>{ ct(ChiBoMsg::WsSortLevel) }</option>
                    <option value="points" selected={sort == Sort::Points}>{ ct(ChiBoMsg::WsSortPoints) }</option>
                </select>
                <ul class="ws-rows" id="ws-rows">
                    { for shown.iter().take(limit).enumerate().map(|(n, r)| member_row(n, r, &cards)) }
                </ul>
                if shown.len() > limit {
                    <p><button id="ws-more" onclick={on_more}>
                        { ctf(ChiBoMsg::WsShowMore, &[("count", &(shown.len() - limit).to_string())]) }
                    </button></p>
                }
            </section>

            <super::follow::FollowCard workspace={ws.clone()} />
            <super::follow::PromptsFileCard year={ws.period.year} />

            <section class="card" aria-labelledby="ws-outputs-title">
                <h2 id="ws-outputs-title">{ ct(ChiBoMsg::WsOutputsTitle) }</h2>
                <div class="actions">
                    <button id="ws-csv" onclick={on_csv}>{ ct(ChiBoMsg::WsCsv) }</button>
                    <button id="ws-rollup" onclick={on_rollup}>{ ct(ChiBoMsg::WsRollupFile) }</button>
                    <a class="button" id="ws-print" href={View::Print(ws.id.clone()).href()}>{ ct(ChiBoMsg::WsPrint) }</a>
                    // The papers of the rating meeting: reference forms, no central one exists.
                    { for tusoi_core::chibo::meeting::Paper::ALL.iter().map(|p| html! {
                        <a class="button" id={format!("ws-paper-{}", p.key())} href={View::Paper(ws.id.clone(), p.key().to_owned()).href()}>{ p.action() }</a>
                    }) }
                </div>
            </section>
        </section>
    }
}

fn file_item(f: &tusoi_core::chibo::workspace::FileLog) -> Html {
    html! {
        <li class={classes!("ws-file", f.refused.then_some("refused"))} data-file={f.file_name.clone()}>
            <strong>{ &f.file_name }</strong>
            { for f.lines.iter().map(|l| html! { <p>{ l }</p> }) }
        </li>
    }
}

/// What every member card of the page shares.
struct Cards<'a> {
    workspace: &'a str,
    year: u16,
    corpus: &'a tusoi_core::analysis::lint::Corpus,
    roster: &'a [tusoi_core::chibo::roster::Member],
    on_pair: Callback<(usize, String)>,
    on_stage: super::stages::OnStage,
    open_stages: &'a std::collections::HashSet<MemberKey>,
    on_stages_toggle: Callback<(MemberKey, bool)>,
}

/// One member as a card (the `n`-th shown): readable on a 390 px phone without scrolling sideways.
fn member_row(n: usize, r: &Row<'_>, cards: &Cards<'_>) -> Html {
    use tusoi_core::chibo::table::Unpaired;
    let Cards {
        workspace,
        year,
        corpus,
        roster,
        on_pair,
        on_stage,
        open_stages,
        on_stages_toggle,
    } = cards;
    let year = *year;
    // The roster's members this person could be: one name, no birth date to tell them apart.
    let pair_with = r.pair_with(roster);
    let form = r.form.map_or(String::new(), |t| t.code.to_owned());
    let item = |label: ChiBoMsg, value: String| {
        if value.is_empty() {
            html! {}
        } else {
            html! { <div><dt>{ ct(label) }</dt><dd>{ value }</dd></div> }
        }
    };
    let yes_no = {
        let answers = r.answers();
        if answers.is_empty() {
            String::new()
        } else {
            let yes = answers.iter().filter(|a| a.yes).count();
            format!("{yes}/{}", answers.len())
        }
    };
    html! {
        <li class="ws-row card" data-member={r.member.full_name.clone()}>
            <p class="ws-name"><strong>{ &r.member.full_name }</strong>
                if r.unpaired == Some(Unpaired::ByHand) {
                    <span class="ws-unpaired">{ " · " }{ ct(ChiBoMsg::WsPairByHand) }</span>
                } else if r.not_in_roster {
                    <span class="muted">{ " · " }{ ct(ChiBoMsg::WsNotInRoster) }</span>
                }
            </p>
            if !pair_with.is_empty() {
                <p class="actions ws-pair">
                    { for pair_with.iter().map(|&i| {
                        let (on_pair, birth) = (on_pair.clone(), r.member.birth_date.clone());
                        html! {
                            <button class="ws-pair-with" data-member={i.to_string()}
                                onclick={Callback::from(move |_: MouseEvent| on_pair.emit((i, birth.clone())))}>
                                { ctf(ChiBoMsg::WsPairWith, &[("n", &(i + 1).to_string())]) }
                            </button>
                        }
                    }) }
                </p>
            }
            { super::stages::stage_line(r) }
            if r.above_points() { <p class="ws-above">{ "⚠ " }{ ct(ChiBoMsg::WsAboveMark) }</p> }
            // The figures open on tap: a member is a line or two in the list (#31).
            <details class="ws-more">
            <summary>{ ct(ChiBoMsg::WsMoreDetails) }</summary>
            <dl class="meta">
                { item(ChiBoMsg::WsColBirth, display_day(&r.member.birth_date)) }
                { item(ChiBoMsg::WsColGroup, r.group.map_or(String::new(), |g| g.label().to_owned())) }
                { item(ChiBoMsg::WsColForm, form) }
                { item(ChiBoMsg::WsColStanding, standing_text(r)) }
                { item(ChiBoMsg::WsColPoints, points_text(r)) }
                { item(ChiBoMsg::WsColAllowed, r.allowed.map_or(String::new(), |a| t(a.label()).to_owned())) }
                { item(ChiBoMsg::WsColConditions, yes_no) }
                { item(ChiBoMsg::WsColPledge, r.pledge_figures.map_or(String::new(), |p| ctf(ChiBoMsg::WsPledgeLine, &[
                    ("commitments", &p.commitments.to_string()),
                    ("measurable", &p.measurable.to_string()),
                    ("findings", &tusoi_core::chibo::table::pledge_findings(r, corpus).to_string()),
                ]))) }
                if let Some(p) = r.next_pledge_figures {
                    <div><dt>{ ctf(ChiBoMsg::WsColNextPledge, &[("year", &(year + 1).to_string())]) }</dt><dd>{ ctf(ChiBoMsg::WsNextPledgeLine, &[
                        ("commitments", &p.commitments.to_string()),
                        ("measurable", &p.measurable.to_string()),
                    ]) }</dd></div>
                }
                { item(ChiBoMsg::WsColCarried, if r.carried == 0 { String::new() } else {
                    ctf(ChiBoMsg::WsCarriedLine, &[("count", &r.carried.to_string()), ("missing", &r.carried_without_status.to_string())])
                }) }
                { item(ChiBoMsg::WsColPrompts, r.review.and_then(|x| x.document.prompts.as_ref()).map_or(String::new(), |p| ctf(ChiBoMsg::PromptsCount, &[
                    ("n", &p.issues.len().to_string()),
                    ("answered", &p.issues.iter().filter(|i| i.missing(false).is_none()).count().to_string()),
                ]))) }
                { item(ChiBoMsg::WsColFile, r.review.map_or(String::new(), |x| clock::local_date_time(&x.received_at))) }
            </dl>
            </details>
            if r.counted() {
                { super::stages::stages_form(r, n, on_stage, open_stages.contains(&r.member.key()), on_stages_toggle) }
            }
            <p class="actions">
                { for r.review.iter().chain(r.pledge.iter()).map(|x| html! {
                    <a href={View::Document((*workspace).to_owned(), x.document.id.clone()).href()}>{ ct(ChiBoMsg::WsView) }{ ": " }{ &x.document.title }</a>
                }) }
            </p>
        </li>
    }
}
