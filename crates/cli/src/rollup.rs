//! The level above the chi bộ, natively: folders of members' files and chi bộ roll-ups in, the
//! merged roll-up, the copied-text groups across the whole set and the analysts' NDJSON bundle
//! out. Every member file goes through the same core as the browser's workspace (`chibo::intake`,
//! `chibo::table`, `chibo::rollup`, `chibo::copies`), so the figures cannot differ.
//!
//! A folder that holds files is a chi bộ; its path under the folder given (`Đảng bộ xã A/Chi bộ
//! 3`) is the unit, and the same path under several folders given is one unit (this year's files
//! beside last year's, to compare). A roster `danh-sach.csv` in it is read as the workspace reads a
//! pasted one. A file that is a roll-up (`tusoi-rollup`) is merged as it is.
//!
//! Nothing is counted twice: a file identical byte for byte to one already read, or holding a
//! document already counted in another unit, is refused with the place of the first; within a
//! unit a member who sent again is counted once, by the newest version (the workspace's rule).
//! Folders are read in parallel; the order of the results does not depend on it.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::Serialize;
use tusoi_core::analysis::lint::{Corpus, Shingles};
use tusoi_core::base::number::format_count;
use tusoi_core::chibo::arrival::{arrivals, sort, Arrival};
use tusoi_core::chibo::checks::{checks, CheckKind};
use tusoi_core::chibo::copies::{group_copies, text_shingles};
use tusoi_core::chibo::counts::{Quota, DEFAULT_QUOTA_CAP};
use tusoi_core::chibo::intake::{Inbox, Period, Placement};
use tusoi_core::chibo::messages::{ct, ChiBoMsg};
use tusoi_core::chibo::rollup::{
    parse_rollup, ExemptionKey, GroupKey, LevelKey, RollupFile, StandingKey, Unit,
};
use tusoi_core::chibo::roster::{parse_roster, Member};
use tusoi_core::chibo::table::{pledge_findings, row_texts, rows, Row, Stage, Standing};
use tusoi_core::forms::custom::Checking;
use tusoi_core::forms::template::Forms;
use tusoi_core::model::document::Document;
use tusoi_core::workflow::export::{parse_import, ImportError};

use crate::messages::{fill, CliMsg};

/// The file names a chi bộ's roster may have.
pub const ROSTER_NAMES: [&str; 3] = ["danh-sach.csv", "danh-sach.txt", "roster.csv"];

/// What to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub roots: Vec<PathBuf>,
    pub year: u16,
    /// Put the members' texts into the bundle.
    pub texts: bool,
    pub threads: usize,
    /// When the files were received (RFC 3339).
    pub now: String,
    /// The quota cap, in percent of HTTNV.
    pub cap_percent: u64,
    /// The passphrase that opens sealed files (`--passphrase-file`); without it they are refused.
    pub passphrase: Option<String>,
}

/// A chi bộ's folder: its path under the folders given, and the folders that hold it.
#[derive(Debug, Clone)]
pub struct UnitDir {
    /// `Đảng bộ xã A/Chi bộ 3`, with `/` on every system.
    pub key: String,
    pub files: Vec<PathBuf>,
    pub roster: Option<PathBuf>,
}

/// One file's outcome, as `files.tsv` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileLine {
    pub path: String,
    /// `accepted`; `note` (counted, with a remark); `last_year` (kept to compare); `next_year`
    /// (the next year's pledge, counted and compared); `superseded`
    /// (a newer version is counted); `set_aside` (not counted, with the reason); `refused`;
    /// `roll_up` (a chi bộ roll-up merged); `roster` (a line of the roster that was not used).
    pub status: &'static str,
    pub text: String,
}

/// One member of the bundle: who, where, how they stand, the figures; texts only on request.
/// A member counted from a chi bộ's roll-up file has what the file holds (standing, levels at
/// each stage) and nothing of their documents (points, pledges, findings, texts).
#[derive(Debug, Clone, Serialize)]
pub struct BundleLine {
    pub unit: String,
    pub dang_bo: String,
    pub chi_bo: String,
    pub year: u16,
    /// `file`: counted from the member's own file; `roll_up`: from the chi bộ's roll-up file.
    pub source: &'static str,
    pub full_name: String,
    pub birth_date: String,
    pub group: Option<GroupKey>,
    pub standing: StandingKey,
    pub exemption: Option<ExemptionKey>,
    pub not_in_roster: bool,
    /// The quota's cap of the member's chi bộ: the one it chose (roll-up file) or `--cap`.
    pub cap_percent: u64,
    pub form: Option<String>,
    pub points_general: Option<f64>,
    pub points_tasks: Option<f64>,
    pub points_total: Option<f64>,
    pub proposed: Option<LevelKey>,
    pub allowed: Option<LevelKey>,
    pub above_points: bool,
    pub civil_servant: Option<LevelKey>,
    /// The level the chi bộ proposed after its vote, the level decided (after a re-rating), and
    /// whether a re-rating (Mẫu 03) changed it, and down; `from_paper`: the review was handed in
    /// on paper and entered by the secretary. Only a chi bộ's roll-up file carries these.
    pub chi_bo_proposed: Option<LevelKey>,
    pub decided: Option<LevelKey>,
    pub re_rated: bool,
    pub re_rated_down: bool,
    pub from_paper: bool,
    pub pledge_commitments: Option<usize>,
    pub pledge_measurable: Option<usize>,
    pub pledge_findings: Option<usize>,
    /// The pledge for the next year handed in with the review, when there is one.
    pub next_pledge_commitments: Option<usize>,
    pub next_pledge_measurable: Option<usize>,
    pub carried: usize,
    pub carried_without_status: usize,
    pub findings: Vec<CheckKind>,
    /// How many copy groups the member's texts are in.
    pub copy_groups: usize,
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub texts: Option<Vec<PlacedText>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlacedText {
    pub place: String,
    pub text: String,
}

/// A group of copied texts in `copies.json`.
#[derive(Debug, Clone, Serialize)]
pub struct CopyOut {
    /// How many members.
    pub members: usize,
    /// The lowest similarity of a text to the group's first, 0 to 1.
    pub similarity: f64,
    /// The group's first text.
    pub text: String,
    pub places: Vec<CopyPlace>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CopyPlace {
    pub unit: String,
    pub full_name: String,
    pub birth_date: String,
    pub place: String,
}

/// A file read: its path, its content's hash and length, and the ids and titles of its documents
/// of the year.
type FileIdentity = (PathBuf, (u64, usize), Vec<(String, String)>);

/// What a unit's folder gave.
#[derive(Debug)]
struct UnitOutcome {
    at: usize,
    files: Vec<FileLine>,
    /// The unit's own roll-up, when it has member files or a roster.
    rollup: Option<RollupFile>,
    /// Roll-up files found in the folder, with their path.
    given: Vec<(String, RollupFile)>,
    lines: Vec<BundleLine>,
    /// (row, place, text, shingles) of each text to compare.
    texts: Vec<(u32, String, String, Shingles)>,
    identity: Vec<FileIdentity>,
    /// Whether the folder holds a document of the year (else it holds last year's files or a
    /// roster only, to compare).
    current: bool,
    refused: usize,
    set_aside: usize,
    no_measurable: usize,
    read: usize,
}

impl UnitOutcome {
    /// A file not counted, with the sentence why.
    fn refuse(&mut self, path: String, text: String) {
        self.refused += 1;
        self.files.push(FileLine {
            path,
            status: "refused",
            text,
        });
    }
}

/// Everything a run wrote, for the caller's summary and the tests.
#[derive(Debug)]
pub struct Report {
    pub rollup: Option<RollupFile>,
    pub files: Vec<FileLine>,
    pub bundle: Vec<BundleLine>,
    pub copies: Vec<CopyOut>,
    pub units: usize,
    pub read: usize,
    pub refused: usize,
    pub set_aside: usize,
    pub no_measurable: usize,
    /// Units over the quota in a group, by the proposals and by the levels the points allow.
    pub quota_units: usize,
    pub quota_units_allowed: usize,
    /// Seconds each step took: reading and counting the folders, the copy check, the bundle.
    pub steps: Vec<(&'static str, f64)>,
}

/// The unit key of a folder under a root.
fn key_of(root: &Path, dir: &Path) -> String {
    let rel = dir.strip_prefix(root).unwrap_or(dir);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() {
        root.file_name()
            .map_or_else(|| ".".to_owned(), |n| n.to_string_lossy().into_owned())
    } else {
        parts.join("/")
    }
}

/// The chi bộ folders under the roots, sorted by key, each with its files sorted.
pub fn walk(roots: &[PathBuf]) -> Result<Vec<UnitDir>, String> {
    let mut units: std::collections::BTreeMap<String, UnitDir> = Default::default();
    for root in roots {
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let entries = fs::read_dir(&dir).map_err(|e| {
                fill(
                    CliMsg::NotAFolder,
                    &[
                        ("path", &dir.display().to_string()),
                        ("reason", &e.to_string()),
                    ],
                )
            })?;
            let mut files = Vec::new();
            let mut roster = None;
            for entry in entries.flatten() {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                // Hidden files and what systems leave beside files (Thumbs.db, desktop.ini, a Mac's
                // "._" copies and __MACOSX folder) are skipped, as the workspace skips them in a ZIP.
                if name.starts_with('.')
                    || name == "__MACOSX"
                    || tusoi_core::base::zip::is_system_clutter(&name)
                {
                    continue;
                }
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_dir() {
                    stack.push(path);
                } else if ROSTER_NAMES.contains(&name.to_lowercase().as_str()) {
                    roster = Some(path);
                } else if kind.is_file() {
                    files.push(path);
                }
            }
            if files.is_empty() && roster.is_none() {
                continue;
            }
            let key = key_of(root, &dir);
            let unit = units.entry(key.clone()).or_insert_with(|| UnitDir {
                key,
                files: Vec::new(),
                roster: None,
            });
            unit.files.extend(files);
            if unit.roster.is_none() {
                unit.roster = roster;
            }
        }
    }
    let mut out: Vec<UnitDir> = units.into_values().collect();
    for u in &mut out {
        u.files.sort();
    }
    Ok(out)
}

/// FNV-1a of a file's bytes: which files are the same, byte for byte (checked on a match).
fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The most frequent non-empty value, ties to the first in sorted order.
fn most_common<'a>(values: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for v in values.map(str::trim).filter(|v| !v.is_empty()) {
        *counts.entry(v).or_default() += 1;
    }
    let mut best: Vec<(&str, usize)> = counts.into_iter().collect();
    best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    best.first().map(|(v, _)| (*v).to_owned())
}

fn level(r: Option<tusoi_core::forms::rating::Rating>) -> Option<LevelKey> {
    r.map(LevelKey::from)
}

fn exemption_word(row: &Row<'_>) -> Option<ExemptionKey> {
    match row.standing {
        Standing::Exempt(e) => Some(match e {
            tusoi_core::chibo::roster::Exemption::WorkAndActivity => ExemptionKey::WorkAndActivity,
            tusoi_core::chibo::roster::Exemption::Suspended => ExemptionKey::Suspended,
            tusoi_core::chibo::roster::Exemption::NewMember => ExemptionKey::NewMember,
        }),
        _ => None,
    }
}

/// The bundle's lines of a roll-up file given (`path`): each member under their chi bộ's unit,
/// named `đảng bộ/chi bộ` as the file names it (a folder tree named after the units, as the
/// generated province is, gives the same keys as the members' files would).
fn rollup_lines(file: &RollupFile, path: &str) -> Vec<BundleLine> {
    file.members
        .iter()
        .map(|m| {
            let mut units = file.units.iter().filter(|u| u.chi_bo == m.chi_bo);
            let unit = match (units.next(), units.next()) {
                (Some(u), None) => u.clone(),
                // Two đảng bộ with a chi bộ of that name in one merged file: the member's line
                // does not say which, so the file's đảng bộ (empty when they differ).
                _ => Unit {
                    dang_bo: file.dang_bo.clone(),
                    chi_bo: m.chi_bo.clone(),
                },
            };
            let cap_percent = file
                .caps
                .iter()
                .find(|c| c.unit == unit)
                .map_or(DEFAULT_QUOTA_CAP, |c| c.cap_percent);
            BundleLine {
                unit: format!("{}/{}", unit.dang_bo, unit.chi_bo),
                dang_bo: unit.dang_bo,
                chi_bo: unit.chi_bo,
                year: file.year,
                source: "roll_up",
                full_name: m.full_name.clone(),
                birth_date: m.birth_date.clone(),
                group: m.group,
                standing: m.standing,
                exemption: m.exemption,
                not_in_roster: false,
                cap_percent,
                form: None,
                points_general: None,
                points_tasks: None,
                points_total: None,
                proposed: m.proposed,
                allowed: m.allowed,
                // `LevelKey` orders best first.
                above_points: matches!((m.proposed, m.allowed), (Some(p), Some(a)) if p < a),
                civil_servant: None,
                chi_bo_proposed: m.chi_bo_proposed,
                decided: m.decided,
                re_rated: m.re_rated,
                re_rated_down: m.re_rated_down,
                from_paper: m.from_paper,
                pledge_commitments: None,
                pledge_measurable: None,
                pledge_findings: None,
                next_pledge_commitments: None,
                next_pledge_measurable: None,
                carried: 0,
                carried_without_status: 0,
                findings: Vec::new(),
                copy_groups: 0,
                file: Some(path.to_owned()),
                texts: None,
            }
        })
        .collect()
}

/// Whether a unit of the bundle's lines proposes more HTXSNV than its cap allows in a group of
/// comparable position: by the members' proposals, and by the levels their points allow.
fn over_quota(lines: &[BundleLine]) -> (bool, bool) {
    let mut groups: std::collections::BTreeMap<Option<GroupKey>, ([u64; 4], [u64; 4])> =
        Default::default();
    for l in lines.iter().filter(|l| l.standing == StandingKey::Rated) {
        let (by_level, by_points) = groups.entry(l.group).or_default();
        if let Some(p) = l.proposed {
            by_level[p as usize] += 1;
        }
        if let Some(a) = l.allowed {
            by_points[a as usize] += 1;
        }
    }
    let cap = lines.first().map_or(DEFAULT_QUOTA_CAP, |l| l.cap_percent);
    let over = |counts: &[u64; 4]| Quota::new(counts, cap).over() > 0;
    (
        groups.values().any(|(l, _)| over(l)),
        groups.values().any(|(_, p)| over(p)),
    )
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Reads and counts one unit; `excluded` files are listed with their reason and not read.
fn process_unit(
    at: usize,
    unit: &UnitDir,
    options: &Options,
    corpus: &Corpus,
    excluded: &HashMap<PathBuf, String>,
    done: &AtomicUsize,
) -> UnitOutcome {
    let mut out = UnitOutcome {
        at,
        files: Vec::new(),
        rollup: None,
        given: Vec::new(),
        lines: Vec::new(),
        texts: Vec::new(),
        identity: Vec::new(),
        current: false,
        refused: 0,
        set_aside: 0,
        no_measurable: 0,
        read: 0,
    };
    let roster: Vec<Member> = match &unit.roster {
        Some(path) => match fs::read(path) {
            Ok(bytes) => {
                let (members, problems) = parse_roster(&String::from_utf8_lossy(&bytes));
                for p in problems {
                    out.files.push(FileLine {
                        path: display(path),
                        status: "roster",
                        text: fill(
                            CliMsg::RosterProblem,
                            &[("path", &display(path)), ("message", &p.message)],
                        ),
                    });
                }
                members
            }
            Err(e) => {
                out.files.push(FileLine {
                    path: display(path),
                    status: "roster",
                    text: fill(CliMsg::CannotRead, &[("reason", &e.to_string())]),
                });
                Vec::new()
            }
        },
        None => Vec::new(),
    };

    let mut parsed: Vec<(String, Result<Vec<Document>, ImportError>)> = Vec::new();
    // Members' files made from their committee's own template carry it: checked and kept for
    // this chi bộ's files.
    let mut forms = Forms::default();
    for path in &unit.files {
        done.fetch_add(1, Ordering::Relaxed);
        let name = display(path);
        if let Some(reason) = excluded.get(path) {
            out.refuse(name, reason.clone());
            continue;
        }
        // Too large to be an export: refused before it is read, in the words the workspace and
        // the member's import use.
        if let Err(e) = fs::metadata(path)
            .map(|m| m.len())
            .map_or(Ok(()), tusoi_core::workflow::export::check_size)
        {
            out.refuse(name, e.message());
            continue;
        }
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                out.refuse(
                    name,
                    fill(CliMsg::CannotRead, &[("reason", &e.to_string())]),
                );
                continue;
            }
        };
        // Sorted as the workspace sorts what it receives (`chibo::arrival`): a ZIP archive
        // stands for the files it holds, each named `archive.zip › path`; an entry that cannot be
        // read is refused, the rest count; a sealed file is opened and sorted again; a roll-up is
        // told by its format field, whatever its size.
        for (entry_name, arrival) in arrivals(&name, bytes) {
            // A file's place in the duplicate checks: its path, or for an archive's entry the
            // name it is listed under.
            let key = if entry_name == name {
                path.clone()
            } else {
                PathBuf::from(&entry_name)
            };
            let name = entry_name;
            if key != *path {
                if let Some(reason) = excluded.get(&key) {
                    out.refuse(name, reason.clone());
                    continue;
                }
            }
            if let Arrival::Refused(why) = arrival {
                out.refuse(name, why);
                continue;
            }
            out.read += 1;
            let arrival = match arrival {
                Arrival::Sealed(bytes) => {
                    let Some(passphrase) = &options.passphrase else {
                        out.refuse(name, CliMsg::Sealed.text().to_owned());
                        continue;
                    };
                    match tusoi_core::workflow::sealed_native::open(&bytes, passphrase) {
                        Ok(plain) => sort(plain),
                        Err(e) => {
                            out.refuse(name, e.message());
                            continue;
                        }
                    }
                }
                arrival => arrival,
            };
            let (bytes, rollup) = match arrival {
                Arrival::Member(bytes) => (bytes, false),
                Arrival::Rollup(bytes) => (bytes, true),
                // A sealed file inside a sealed one (a refused one has left above).
                Arrival::Sealed(_) | Arrival::Refused(_) => {
                    out.refuse(name, ct(ChiBoMsg::WsSealedInSealed).to_owned());
                    continue;
                }
            };
            let identity = (content_hash(&bytes), bytes.len());
            // A roll-up is given as it is; a member's file that only quotes the format's name
            // goes on to the import.
            if rollup {
                match parse_rollup(&bytes) {
                    Ok(file) => {
                        out.identity.push((key.clone(), identity, Vec::new()));
                        out.given.push((name, file));
                        continue;
                    }
                    Err(tusoi_core::chibo::rollup::RollupError::NotOurs) => {}
                    Err(e) => {
                        out.refuse(name, e.message());
                        continue;
                    }
                }
            }
            let documents = parse_import(&bytes, &mut Checking(&mut forms));
            drop(bytes);
            let ids = documents.as_ref().map_or_else(
                |_| Vec::new(),
                |docs| {
                    docs.iter()
                        .filter(|d| d.year == options.year)
                        .map(|d| (d.id.clone(), d.title.clone()))
                        .collect()
                },
            );
            out.identity.push((key.clone(), identity, ids));
            parsed.push((name, documents));
        }
    }
    if parsed.is_empty() && unit.roster.is_none() {
        return out;
    }
    out.current = parsed.iter().any(|(_, r)| {
        r.as_ref()
            .is_ok_and(|docs| docs.iter().any(|d| d.year == options.year))
    });

    // The chi bộ and đảng bộ the documents name, else the folder's names.
    let this_year = || {
        parsed
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok())
            .flatten()
            .filter(|d| d.year == options.year)
    };
    let mut parts = unit.key.rsplit('/');
    let folder = parts.next().unwrap_or_default().to_owned();
    let parent = parts.next().unwrap_or_default().to_owned();
    let period = Period {
        dang_bo: most_common(this_year().map(|d| d.header.dang_bo.as_str())).unwrap_or(parent),
        chi_bo: most_common(this_year().map(|d| d.header.chi_bo.as_str())).unwrap_or(folder),
        year: options.year,
    };
    let mut inbox = Inbox::default();
    let results = inbox.receive_parsed_many(
        &period,
        &roster,
        parsed.iter_mut().map(|(n, r)| {
            let taken = std::mem::replace(r, Ok(Vec::new()));
            (n.as_str(), taken)
        }),
        &options.now,
    );
    for result in results {
        if let Some(reason) = result.refused {
            out.refuse(result.file_name, reason);
            continue;
        }
        for (n, line) in result.lines.into_iter().enumerate() {
            let placement = n
                .checked_sub(result.accepted)
                .and_then(|k| result.placements.get(k).copied());
            let status = match placement {
                None => "accepted",
                Some(Placement::Current) => "note",
                Some(Placement::LastYear) => "last_year",
                Some(Placement::NextYear) => "next_year",
                Some(Placement::Superseded) => "superseded",
                Some(Placement::SetAside) => {
                    out.set_aside += 1;
                    "set_aside"
                }
            };
            out.files.push(FileLine {
                path: result.file_name.clone(),
                status,
                text: line,
            });
        }
    }
    for line in inbox.resubmissions() {
        out.files.push(FileLine {
            path: unit.key.clone(),
            status: "superseded",
            text: line,
        });
    }
    let table = rows(&roster, &inbox);
    let warnings = checks(&table, &inbox);
    let mut findings: Vec<Vec<CheckKind>> = vec![Vec::new(); table.len()];
    for w in &warnings {
        if let Some(row) = w.row {
            findings[row].push(w.kind);
        }
    }
    let rollup = RollupFile::of(&period, &table, options.cap_percent, &options.now);
    for (n, row) in table.iter().enumerate() {
        let review = row.review.map(|r| &r.document);
        let mut texts = Vec::new();
        row_texts(row, |place, text| {
            let set = text_shingles(text);
            if !set.is_empty() {
                out.texts
                    .push((n as u32, place.clone(), text.to_owned(), set));
            }
            if options.texts && !text.trim().is_empty() {
                texts.push(PlacedText {
                    place,
                    text: text.to_owned(),
                });
            }
        });
        if findings[n].contains(&CheckKind::NoMeasurable) {
            out.no_measurable += 1;
        }
        let (standing, proposed) = match row.standing {
            Standing::Exempt(_) => (StandingKey::Exempt, None),
            Standing::NotReviewed => (StandingKey::NotReviewed, None),
            Standing::Rated(r) => (StandingKey::Rated, Some(LevelKey::from(r))),
        };
        out.lines.push(BundleLine {
            unit: unit.key.clone(),
            dang_bo: period.dang_bo.clone(),
            chi_bo: period.chi_bo.clone(),
            year: options.year,
            source: "file",
            full_name: row.member.full_name.clone(),
            birth_date: row.member.birth_date.clone(),
            group: row.group.map(GroupKey::from),
            standing,
            exemption: exemption_word(row),
            not_in_roster: row.not_in_roster,
            cap_percent: options.cap_percent,
            form: review.map(|d| d.template_id.clone()),
            points_general: row.general,
            points_tasks: row.tasks,
            points_total: row.total,
            proposed,
            allowed: level(row.allowed).filter(|_| proposed.is_some()),
            above_points: row.above_points(),
            civil_servant: level(review.and_then(|d| d.civil_servant_rating)),
            chi_bo_proposed: level(row.level_at(Stage::ChiBo)),
            decided: level(row.level_at(Stage::Decided)),
            re_rated: row.stages.rerating.is_some(),
            re_rated_down: row.stages.rerated_down(),
            from_paper: row.from_paper,
            pledge_commitments: row.pledge_figures.map(|p| p.commitments),
            pledge_measurable: row.pledge_figures.map(|p| p.measurable),
            pledge_findings: row.pledge.map(|_| pledge_findings(row, corpus)),
            next_pledge_commitments: row.next_pledge_figures.map(|p| p.commitments),
            next_pledge_measurable: row.next_pledge_figures.map(|p| p.measurable),
            carried: row.carried,
            carried_without_status: row.carried_without_status,
            findings: std::mem::take(&mut findings[n]),
            copy_groups: 0,
            file: row.review.or(row.pledge).map(|r| r.file_name.clone()),
            texts: options.texts.then_some(texts),
        });
    }
    // Documents set aside or superseded are in the file lines already; a unit without a row
    // (a folder of roll-up files only) has no roll-up of its own.
    if !table.is_empty() {
        out.rollup = Some(rollup);
    }
    out
}

/// The files of later units that repeat an earlier unit's: identical bytes, or a document of the
/// year counted there. Units are taken in key order, so the first place wins whatever the threads.
/// Whether two files of the same size and hash hold the same bytes: read again and compared
/// where both are files on the disk; an archive's entry is trusted to its hash and size.
fn same_bytes(a: &Path, b: &Path) -> bool {
    match (fs::read(a), fs::read(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => !(a.is_file() && b.is_file()),
    }
}

fn duplicates(units: &[UnitDir], outcomes: &[UnitOutcome]) -> Vec<HashMap<PathBuf, String>> {
    let mut by_content: HashMap<(u64, usize), PathBuf> = HashMap::new();
    let mut by_document: HashMap<&str, (usize, &Path)> = HashMap::new();
    let mut excluded: Vec<HashMap<PathBuf, String>> = vec![HashMap::new(); units.len()];
    for outcome in outcomes {
        for (path, identity, ids) in &outcome.identity {
            if let Some(first) = by_content.get(identity) {
                if same_bytes(first, path) {
                    excluded[outcome.at].insert(
                        path.clone(),
                        fill(CliMsg::DuplicateFile, &[("other", &display(first))]),
                    );
                    continue;
                }
            }
            let earlier = ids.iter().find_map(|(id, title)| {
                by_document
                    .get(id.as_str())
                    .filter(|(u, _)| *u != outcome.at)
                    .map(|(u, p)| (title, *u, *p))
            });
            if let Some((title, u, p)) = earlier {
                excluded[outcome.at].insert(
                    path.clone(),
                    fill(
                        CliMsg::CountedElsewhere,
                        &[
                            ("title", title),
                            ("unit", &units[u].key),
                            ("other", &display(p)),
                        ],
                    ),
                );
                continue;
            }
            by_content.insert(*identity, path.clone());
            for (id, _) in ids {
                by_document.entry(id.as_str()).or_insert((outcome.at, path));
            }
        }
    }
    excluded
}

/// Runs the units on the threads, reporting progress through `tick(done, total)`.
fn run_units(
    units: &[UnitDir],
    which: &[usize],
    options: &Options,
    corpus: &Corpus,
    excluded: &[HashMap<PathBuf, String>],
    tick: &mut dyn FnMut(usize, usize),
) -> Vec<UnitOutcome> {
    let total: usize = which.iter().map(|&u| units[u].files.len()).sum();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let (send, receive) = mpsc::channel::<UnitOutcome>();
    let mut outcomes = Vec::with_capacity(which.len());
    std::thread::scope(|scope| {
        for _ in 0..options.threads.max(1) {
            let send = send.clone();
            let (next, done) = (&next, &done);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&u) = which.get(i) else { break };
                let outcome = process_unit(u, &units[u], options, corpus, &excluded[u], done);
                if send.send(outcome).is_err() {
                    break;
                }
            });
        }
        drop(send);
        loop {
            match receive.recv_timeout(std::time::Duration::from_millis(200)) {
                Ok(outcome) => outcomes.push(outcome),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            tick(done.load(Ordering::Relaxed), total);
        }
    });
    outcomes.sort_by_key(|o| o.at);
    outcomes
}

/// Reads every folder and rolls it all up. `tick(done, total)` is called as files are read.
pub fn run(options: &Options, tick: &mut dyn FnMut(usize, usize)) -> Result<Report, String> {
    let mut steps = Vec::new();
    let mut clock = std::time::Instant::now();
    let mut step = |name: &'static str| {
        steps.push((name, clock.elapsed().as_secs_f64()));
        clock = std::time::Instant::now();
    };
    let units = walk(&options.roots)?;
    let corpus = Corpus::with_examples();
    let none: Vec<HashMap<PathBuf, String>> = vec![HashMap::new(); units.len()];
    let all: Vec<usize> = (0..units.len()).collect();
    let mut outcomes = run_units(&units, &all, options, &corpus, &none, tick);
    // Files repeating an earlier unit's are taken out, and their units read again without them.
    let excluded = duplicates(&units, &outcomes);
    let again: Vec<usize> = (0..units.len())
        .filter(|&u| !excluded[u].is_empty())
        .collect();
    if !again.is_empty() {
        for redone in run_units(&units, &again, options, &corpus, &excluded, tick) {
            let at = redone.at;
            outcomes[at] = redone;
        }
    }

    step("read");
    // Roll-ups: the files given first, then each unit's own, each chi bộ once and of the year.
    // A chi bộ's roll-up file counts its chi bộ; a folder of that chi bộ holding no document of
    // the year (last year's files beside, a roster) is then only there to compare.
    let mut files: Vec<FileLine> = Vec::new();
    let mut accepted: Vec<RollupFile> = Vec::new();
    let mut seen_units: std::collections::BTreeMap<Unit, String> = Default::default();
    let mut take = |file: RollupFile, from: &str| -> Result<(), FileLine> {
        if file.year != options.year {
            return Err(FileLine {
                path: from.to_owned(),
                status: "set_aside",
                text: fill(
                    CliMsg::RollupOtherYear,
                    &[
                        ("found", &file.year.to_string()),
                        ("year", &options.year.to_string()),
                    ],
                ),
            });
        }
        if let Some((unit, other)) = file
            .units
            .iter()
            .find_map(|u| seen_units.get(u).map(|o| (u, o)))
        {
            return Err(FileLine {
                path: from.to_owned(),
                status: "refused",
                text: fill(
                    CliMsg::UnitTwice,
                    &[
                        ("chi_bo", &format!("{} / {}", unit.dang_bo, unit.chi_bo)),
                        ("other", other),
                    ],
                ),
            });
        }
        for u in &file.units {
            seen_units.insert(u.clone(), from.to_owned());
        }
        accepted.push(file);
        Ok(())
    };
    let (mut refused, mut set_aside, mut read, mut no_measurable) = (0, 0, 0, 0);
    let mut quota_units = 0;
    let mut quota_units_allowed = 0;
    let mut given_lines: Vec<BundleLine> = Vec::new();
    for outcome in &mut outcomes {
        for (path, file) in std::mem::take(&mut outcome.given) {
            let (u, m) = (file.units.len(), file.counts.members);
            let lines = rollup_lines(&file, &path);
            match take(file, &path) {
                Ok(()) => {
                    for unit in lines.chunk_by(|a, b| a.unit == b.unit) {
                        let (by_level, by_points) = over_quota(unit);
                        quota_units += usize::from(by_level);
                        quota_units_allowed += usize::from(by_points);
                    }
                    given_lines.extend(lines);
                    files.push(FileLine {
                        path,
                        status: "roll_up",
                        text: fill(
                            CliMsg::RollupAccepted,
                            &[
                                ("units", &format_count(u as u64)),
                                ("members", &format_count(m)),
                            ],
                        ),
                    });
                }
                Err(line) => {
                    refused += usize::from(line.status == "refused");
                    files.push(line);
                }
            }
        }
    }
    for outcome in &mut outcomes {
        let unit = &units[outcome.at];
        files.append(&mut outcome.files);
        refused += outcome.refused;
        set_aside += outcome.set_aside;
        read += outcome.read;
        no_measurable += outcome.no_measurable;
        if let Some(file) = outcome.rollup.take() {
            // The quota within each group of comparable position, as the workspace shows it.
            let over = |by_points: bool| {
                file.groups.iter().any(|g| {
                    let counts = if by_points {
                        &g.counts.by_points
                    } else {
                        &g.counts.by_level
                    };
                    Quota::new(counts, options.cap_percent).over() > 0
                })
            };
            let (by_level, by_points) = (over(false), over(true));
            match take(file, &unit.key) {
                Ok(()) => {
                    quota_units += usize::from(by_level);
                    quota_units_allowed += usize::from(by_points);
                }
                Err(mut line) => {
                    if line.status == "refused" && !outcome.current {
                        line.status = "last_year";
                        line.text = fill(CliMsg::ComparedOnly, &[("reason", &line.text)]);
                    } else if line.status == "refused" {
                        refused += 1;
                    }
                    files.push(line);
                    // The unit's members are not counted: drop its lines too.
                    outcome.lines.clear();
                    outcome.texts.clear();
                }
            }
        }
    }
    let units_counted: usize = accepted.iter().map(|f| f.units.len()).sum();
    let rollup = RollupFile::merge_all(&accepted).map_err(|e| e.message())?;

    // The copy check across everything read.
    let mut owners: Vec<u32> = Vec::new();
    let mut sets: Vec<Shingles> = Vec::new();
    let mut where_: Vec<(u32, u32, String, String)> = Vec::new();
    let mut offsets: Vec<u32> = Vec::with_capacity(outcomes.len());
    let mut members_so_far = 0_u32;
    for outcome in &mut outcomes {
        offsets.push(members_so_far);
        for (row, place, text, set) in std::mem::take(&mut outcome.texts) {
            owners.push(members_so_far + row);
            sets.push(set);
            where_.push((outcome.at as u32, row, place, text));
        }
        members_so_far += outcome.lines.len() as u32;
    }
    step("merge");
    let groups = group_copies(&owners, &sets);
    drop(sets);
    let mut copies = Vec::with_capacity(groups.len());
    let mut in_groups: HashMap<u32, usize> = HashMap::new();
    let line_of = |outcomes: &[UnitOutcome], unit: u32, row: u32| -> (String, String, String) {
        // Outcomes are in unit order, one per unit.
        let o = outcomes
            .get(unit as usize)
            .and_then(|o| o.lines.get(row as usize));
        o.map_or_else(Default::default, |l| {
            (l.unit.clone(), l.full_name.clone(), l.birth_date.clone())
        })
    };
    for g in &groups {
        let mut owners_seen = HashSet::new();
        let mut places = Vec::with_capacity(g.texts.len());
        for &t in &g.texts {
            let (unit, row, place, _) = &where_[t];
            if owners_seen.insert(owners[t]) {
                *in_groups.entry(owners[t]).or_default() += 1;
            }
            let (unit_key, full_name, birth_date) = line_of(&outcomes, *unit, *row);
            places.push(CopyPlace {
                unit: unit_key,
                full_name,
                birth_date,
                place: place.clone(),
            });
        }
        copies.push(CopyOut {
            members: g.owners,
            similarity: (g.similarity * 10_000.0).floor() / 10_000.0,
            text: where_[g.texts[0]].3.clone(),
            places,
        });
    }
    step("copies");
    let mut bundle = Vec::with_capacity(members_so_far as usize);
    for (outcome, &offset) in outcomes.iter_mut().zip(&offsets) {
        for (row, mut line) in std::mem::take(&mut outcome.lines).into_iter().enumerate() {
            line.copy_groups = in_groups.get(&(offset + row as u32)).copied().unwrap_or(0);
            bundle.push(line);
        }
    }
    bundle.extend(given_lines);
    step("bundle");
    Ok(Report {
        steps,
        rollup,
        files,
        bundle,
        copies,
        units: units_counted,
        read,
        refused,
        set_aside,
        no_measurable,
        quota_units,
        quota_units_allowed,
    })
}

/// Writes the report's files into `out`: `rollup.json`, `members.ndjson`, `copies.json`,
/// `files.tsv`.
pub fn write(report: &Report, out: &Path) -> Result<(), String> {
    let failed = |path: &Path, e: std::io::Error| {
        fill(
            CliMsg::CannotWrite,
            &[("path", &display(path)), ("reason", &e.to_string())],
        )
    };
    fs::create_dir_all(out).map_err(|e| failed(out, e))?;
    let write = |name: &str, bytes: &[u8]| {
        let path = out.join(name);
        fs::write(&path, bytes).map_err(|e| failed(&path, e))
    };
    if let Some(rollup) = &report.rollup {
        write("rollup.json", rollup.to_json().as_bytes())?;
    }
    let mut ndjson = Vec::with_capacity(report.bundle.len() * 700);
    for line in &report.bundle {
        serde_json::to_writer(&mut ndjson, line).map_err(|e| e.to_string())?;
        ndjson.push(b'\n');
    }
    write("members.ndjson", &ndjson)?;
    let copies = serde_json::to_vec_pretty(&report.copies).map_err(|e| e.to_string())?;
    write("copies.json", &copies)?;
    let mut tsv = String::from("tệp\tkết quả\tlý do\n");
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    for f in &report.files {
        tsv.push_str(&format!(
            "{}\t{}\t{}\n",
            clean(&f.path),
            f.status,
            clean(&f.text)
        ));
    }
    write("files.tsv", tsv.as_bytes())?;
    Ok(())
}

/// The summary lines the command prints.
pub fn summary(report: &Report, options: &Options) -> Vec<String> {
    let mut lines = vec![fill(
        CliMsg::Done,
        &[
            ("year", &options.year.to_string()),
            ("units", &format_count(report.units as u64)),
            ("files", &format_count(report.read as u64)),
        ],
    )];
    if let Some(r) = &report.rollup {
        lines.push(r.counts.headcount_line());
        lines.extend(r.counts.level_lines());
        // What the reports publish: the levels decided, where chi bộ have entered them.
        if r.stages.decided.rated > 0 {
            lines.push(fill(
                CliMsg::DecidedLevels,
                &[
                    ("decided", &format_count(r.stages.decided.rated)),
                    ("rated", &format_count(r.counts.rated)),
                ],
            ));
            lines.extend(r.stages.decided.level_lines());
            lines.push(r.rerated().line());
        }
    }
    lines.push(fill(
        CliMsg::QuotaUnits,
        &[
            ("cap", &options.cap_percent.to_string()),
            ("count", &format_count(report.quota_units as u64)),
            ("allowed", &format_count(report.quota_units_allowed as u64)),
        ],
    ));
    lines.push(fill(
        CliMsg::Copies,
        &[
            ("groups", &format_count(report.copies.len() as u64)),
            (
                "largest",
                &format_count(report.copies.first().map_or(0, |c| c.members) as u64),
            ),
        ],
    ));
    lines.push(fill(
        CliMsg::NoMeasurable,
        &[("count", &format_count(report.no_measurable as u64))],
    ));
    lines.push(fill(
        CliMsg::Refused,
        &[("count", &format_count(report.refused as u64))],
    ));
    lines.push(fill(
        CliMsg::SetAside,
        &[("count", &format_count(report.set_aside as u64))],
    ));
    lines
}
