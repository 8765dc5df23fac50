//! Receiving members' files for a roll-up ("kỳ tổng hợp": đảng bộ, chi bộ, year). Each file is a
//! member's export (one document or all of theirs) read with the member's own importer, so a
//! broken file, another app's file or a file from a newer version is refused with the same
//! message the member would see. Each document of an accepted file is then placed:
//!
//! - this year's documents count, each under its member (matched by name and birth date against
//!   the roster, `roster::MemberKey`);
//! - last year's documents are kept to compare with (shortcomings followed up, two years running);
//! - documents of another year or another chi bộ, without a name, or whose name fits several
//!   members, are set aside with a sentence saying why;
//! - a member who sends the same document again: the newer version (by its save time) is used,
//!   and the older stays in the inbox, visible.
//!
//! Nothing here trusts a member's text: it is kept as data and never interpreted.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::base::text::words;
use crate::chibo::messages::{ctf, ChiBoMsg};
use crate::chibo::roster::{Member, MemberKey};
use crate::forms::custom::Checking;
use crate::forms::template::{Forms, Template};
use crate::model::document::Document;
use crate::workflow::export::{parse_import, ImportError};

/// What a roll-up is of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub dang_bo: String,
    pub chi_bo: String,
    pub year: u16,
}

impl Period {
    /// The name of a file the chi bộ's workspace writes (`tong-hop-chi-bo-ap-3-2026.csv`): the CSV
    /// and the roll-up file, which the đảng ủy files by it, and the province the CLI generates.
    pub fn file_name(&self, extension: &str) -> String {
        file_name(&self.chi_bo, self.year, extension)
    }
}

/// [`Period::file_name`] from the chi bộ's name and the year alone.
pub fn file_name(chi_bo: &str, year: u16, extension: &str) -> String {
    format!(
        "tong-hop-{}-{year}.{extension}",
        crate::base::text::slug(chi_bo)
    )
}

/// A document received, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Received {
    pub document: Document,
    /// The name of the file it came in.
    pub file_name: String,
    /// When the file was received (RFC 3339, UTC).
    pub received_at: String,
    pub member: MemberKey,
    pub placement: Placement,
}

/// Where a received document stands in the roll-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// This year's document of its member, the newest of its kind.
    Current,
    /// This year's, but a newer version of the same kind came from the same member.
    Superseded,
    /// The member's document of the year before, to compare with.
    LastYear,
    /// The member's pledge for the next year, written at this year-end review ("Tạo bản cam kết
    /// năm N+1"): its commitments are counted and compared for copies with this year's texts.
    NextYear,
    /// Not counted; the file result says why.
    SetAside,
}

/// What became of one file, line by line as the workspace lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileResult {
    pub file_name: String,
    /// `None` when the file was read; else why it was refused, in the member importer's words.
    pub refused: Option<String>,
    /// One sentence per document or question: accepted, set aside, kept for comparison.
    pub lines: Vec<String>,
    /// How many of `lines` (the first ones) only say what was accepted.
    pub accepted: usize,
    /// Where the document of each line after the accepted ones went (`Current` for a note about a
    /// counted document, such as a member not on the roster).
    pub placements: Vec<Placement>,
}

/// The documents received for a roll-up, all of them, kept as they came.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Stored")]
pub struct Inbox {
    pub documents: Vec<Received>,
    /// The committees' own templates the documents carry, checked as the files came in and again
    /// when the inbox is read back: the inbox's own, so reading it registers nothing elsewhere.
    #[serde(skip)]
    forms: Forms,
}

/// An inbox as stored: its documents.
#[derive(Deserialize)]
struct Stored {
    documents: Vec<Received>,
}

impl From<Stored> for Inbox {
    fn from(stored: Stored) -> Inbox {
        let mut inbox = Inbox {
            documents: stored.documents,
            forms: Forms::default(),
        };
        for received in &inbox.documents {
            keep_form(&mut inbox.forms, &received.document);
        }
        inbox
    }
}

/// Keeps the committee's template a document carries. A form that no longer passes the checks
/// is left out: the document stays, under a template the table does not know.
fn keep_form(forms: &mut Forms, d: &Document) {
    if d.form.is_some() {
        let _ = crate::forms::custom::ensure(forms, &d.template_id, &d.title, d.form.as_ref());
    }
}

/// What kind of document, for "the same document again": a review and a pledge of one member
/// are two documents, two reviews are one sent twice.
fn kind(forms: &Forms, document: &Document) -> (crate::forms::template::DocKind, bool) {
    let template = forms.get(&document.template_id);
    let kind = template.map_or(crate::forms::template::DocKind::Review, |t| t.document);
    let collective = template.is_some_and(Template::is_collective);
    (kind, collective)
}

fn same_text(a: &str, b: &str) -> bool {
    words(a) == words(b)
}

impl Inbox {
    /// The templates the documents follow: the built-in ones and the committees' they carry.
    pub fn forms(&self) -> &Forms {
        &self.forms
    }

    /// The template a document follows, built in or a committee's it carries.
    pub fn template(&self, document: &Document) -> Option<&'static Template> {
        self.forms.get(&document.template_id)
    }

    /// Reads one file received at `now` and files its documents. The roster tells whose each
    /// document is; an empty roster accepts every named member.
    pub fn receive(
        &mut self,
        period: &Period,
        roster: &[Member],
        file_name: &str,
        bytes: &[u8],
        now: &str,
    ) -> FileResult {
        let mut results = self.receive_many(period, roster, [(file_name, bytes)], now);
        results.pop().unwrap_or_else(|| FileResult {
            file_name: file_name.to_owned(),
            refused: None,
            lines: Vec::new(),
            accepted: 0,
            placements: Vec::new(),
        })
    }

    /// [`Inbox::receive`] for many files at once: the roster is indexed once and the newest
    /// versions settled once, so a đảng bộ's thousands of files take linear time. Each file is
    /// read as it comes, so only one is held unparsed at a time.
    pub fn receive_many<'f>(
        &mut self,
        period: &Period,
        roster: &[Member],
        files: impl IntoIterator<Item = (&'f str, &'f [u8])>,
        now: &str,
    ) -> Vec<FileResult> {
        let index = RosterIndex::new(roster);
        let results = files
            .into_iter()
            .map(|(name, bytes)| {
                let parsed = parse_import(bytes, &mut Checking(&mut self.forms));
                self.receive_documents(period, &index, name, parsed, now)
            })
            .collect();
        self.settle();
        results
    }

    /// [`Inbox::receive_many`] for files already read with `parse_import`, for a caller that
    /// looks at the documents first (the command line names a folder's chi bộ from them).
    pub fn receive_parsed_many<'f>(
        &mut self,
        period: &Period,
        roster: &[Member],
        files: impl IntoIterator<Item = (&'f str, Result<Vec<Document>, ImportError>)>,
        now: &str,
    ) -> Vec<FileResult> {
        let index = RosterIndex::new(roster);
        let results = files
            .into_iter()
            .map(|(name, parsed)| self.receive_documents(period, &index, name, parsed, now))
            .collect();
        self.settle();
        results
    }

    fn receive_documents(
        &mut self,
        period: &Period,
        roster: &RosterIndex<'_>,
        file_name: &str,
        parsed: Result<Vec<Document>, ImportError>,
        now: &str,
    ) -> FileResult {
        let documents = match parsed {
            Ok(documents) => documents,
            Err(e) => {
                let reason = e.message();
                return FileResult {
                    file_name: file_name.to_owned(),
                    lines: vec![ctf(
                        ChiBoMsg::FileRefused,
                        &[("file", file_name), ("reason", &reason)],
                    )],
                    refused: Some(reason),
                    accepted: 0,
                    placements: Vec::new(),
                };
            }
        };
        let mut lines = Vec::new();
        let mut placements = Vec::new();
        let mut accepted: Vec<(String, usize)> = Vec::new();
        for document in documents {
            keep_form(&mut self.forms, &document);
            let (placement, line) = self.place(period, roster, &document);
            let member = Self::member_key(&document);
            if let Some(line) = line {
                lines.push(line);
                placements.push(placement);
            }
            if placement == Placement::Current {
                let name = display_name(&self.forms, &document);
                match accepted.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, count)) => *count += 1,
                    None => accepted.push((name, 1)),
                }
            }
            self.documents.push(Received {
                document,
                file_name: file_name.to_owned(),
                received_at: now.to_owned(),
                member,
                placement,
            });
        }
        let accepted_lines = accepted.len();
        for (member, count) in accepted {
            lines.insert(
                0,
                ctf(
                    ChiBoMsg::FileAccepted,
                    &[
                        ("member", &member),
                        (
                            "documents",
                            &ctf(ChiBoMsg::DocumentsCount, &[("count", &count.to_string())]),
                        ),
                    ],
                ),
            );
        }
        FileResult {
            file_name: file_name.to_owned(),
            refused: None,
            lines,
            accepted: accepted_lines,
            placements,
        }
    }

    /// The member a document is filed under: the person's own name and birth date, whatever the
    /// roster says, so two persons of one name are never taken for one (a later file of one
    /// would supersede the other's); the table pairs persons with the roster (`roster::pair`).
    fn member_key(document: &Document) -> MemberKey {
        MemberKey::new(&document.identity.full_name, &document.identity.birth_date)
    }

    /// Where a document goes, and the sentence to say about it (none for a plain acceptance).
    fn place(
        &self,
        period: &Period,
        roster: &RosterIndex<'_>,
        document: &Document,
    ) -> (Placement, Option<String>) {
        let title = document.title.as_str();
        let member = display_name(&self.forms, document);
        let (_, collective) = kind(&self.forms, document);
        if !collective && document.identity.full_name.trim().is_empty() {
            return (
                Placement::SetAside,
                Some(ctf(ChiBoMsg::FileNoName, &[("title", title)])),
            );
        }
        let chi_bo = &document.header.chi_bo;
        if !chi_bo.trim().is_empty()
            && !period.chi_bo.trim().is_empty()
            && !same_text(chi_bo, &period.chi_bo)
        {
            return (
                Placement::SetAside,
                Some(ctf(
                    ChiBoMsg::FileOtherChiBo,
                    &[
                        ("title", title),
                        ("found", chi_bo.trim()),
                        ("chi_bo", period.chi_bo.trim()),
                        ("member", &member),
                    ],
                )),
            );
        }
        if !collective {
            match find_member(roster, document) {
                Match::Several(count) => {
                    return (
                        Placement::SetAside,
                        Some(ctf(
                            ChiBoMsg::FileAmbiguous,
                            &[
                                ("count", &count.to_string()),
                                ("member", &member),
                                ("title", title),
                            ],
                        )),
                    )
                }
                // Counted all the same: a roster is often incomplete at first.
                Match::None if !roster.is_empty() && document.year == period.year => {
                    return (
                        Placement::Current,
                        Some(ctf(ChiBoMsg::FileNotInRoster, &[("member", &member)])),
                    );
                }
                _ => {}
            }
        }
        let (doc_kind, _) = kind(&self.forms, document);
        if !collective
            && doc_kind == crate::forms::template::DocKind::Pledge
            && document.year == period.year.saturating_add(1)
        {
            return (Placement::NextYear, None);
        }
        if document.year + 1 == period.year {
            return (
                Placement::LastYear,
                Some(ctf(
                    ChiBoMsg::FileLastYear,
                    &[
                        ("title", title),
                        ("found", &document.year.to_string()),
                        ("member", &member),
                    ],
                )),
            );
        }
        if document.year != period.year {
            return (
                Placement::SetAside,
                Some(ctf(
                    ChiBoMsg::FileOtherYear,
                    &[
                        ("title", title),
                        ("found", &document.year.to_string()),
                        ("year", &period.year.to_string()),
                    ],
                )),
            );
        }
        (Placement::Current, None)
    }

    /// Among this year's documents of one member and one kind, the newest is current and the
    /// others superseded (on equal save times, the one received last). Run after every batch of
    /// files, so the order files come in does not matter; linear in the documents.
    fn settle(&mut self) {
        let mut newest: HashMap<(&MemberKey, (crate::forms::template::DocKind, bool)), usize> =
            HashMap::new();
        for (i, r) in self.documents.iter().enumerate() {
            if !matches!(r.placement, Placement::Current | Placement::Superseded) {
                continue;
            }
            let slot = newest
                .entry((&r.member, kind(&self.forms, &r.document)))
                .or_insert(i);
            if r.document.updated_at >= self.documents[*slot].document.updated_at {
                *slot = i;
            }
        }
        let keep: std::collections::HashSet<usize> = newest.into_values().collect();
        for (i, r) in self.documents.iter_mut().enumerate() {
            if matches!(r.placement, Placement::Current | Placement::Superseded) {
                r.placement = if keep.contains(&i) {
                    Placement::Current
                } else {
                    Placement::Superseded
                };
            }
        }
    }

    /// Sentences about members who sent a document again, for the list of files.
    pub fn resubmissions(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for old in self
            .documents
            .iter()
            .filter(|d| d.placement == Placement::Superseded)
        {
            if let Some(new) = self.documents.iter().find(|d| {
                d.placement == Placement::Current
                    && d.member == old.member
                    && kind(&self.forms, &d.document) == kind(&self.forms, &old.document)
            }) {
                lines.push(ctf(
                    ChiBoMsg::FileResubmitted,
                    &[
                        ("member", &display_name(&self.forms, &new.document)),
                        ("title", &new.document.title),
                        ("newer", &day_of(&new.document.updated_at)),
                        ("older", &day_of(&old.document.updated_at)),
                    ],
                ));
            }
        }
        lines
    }

    /// This year's current documents.
    pub fn current(&self) -> impl Iterator<Item = &Received> {
        self.documents
            .iter()
            .filter(|d| d.placement == Placement::Current)
    }
}

/// The day of an RFC 3339 time as `dd/mm/yyyy`.
fn day_of(rfc3339: &str) -> String {
    crate::chibo::roster::display_day(rfc3339.get(..10).unwrap_or(rfc3339))
}

/// The name to show for a document's author (the collective's name for Mẫu 01).
pub fn display_name(forms: &Forms, document: &Document) -> String {
    let name = if kind(forms, document).1 {
        &document.identity.collective_name
    } else {
        &document.identity.full_name
    };
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the roster says of a document's member when it comes in: only for the sentence the
/// file's list says (the table pairs persons with the roster itself, `roster::pair`).
enum Match {
    One,
    Several(usize),
    None,
}

/// The roster by member key and by folded name, so each document is matched in constant time
/// however long the roster is.
#[derive(Debug)]
pub struct RosterIndex<'a> {
    roster: &'a [Member],
    by_key: HashMap<MemberKey, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

impl<'a> RosterIndex<'a> {
    pub fn new(roster: &'a [Member]) -> RosterIndex<'a> {
        let mut by_key = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, m) in roster.iter().enumerate() {
            let key = m.key();
            by_name.entry(key.name.clone()).or_default().push(i);
            by_key.entry(key).or_insert(i);
        }
        RosterIndex {
            roster,
            by_key,
            by_name,
        }
    }

    fn is_empty(&self) -> bool {
        self.roster.is_empty()
    }
}

/// The roster's member a document is of: by name and birth date; by name alone when the document
/// has no birth date (or the roster none) and only one member has that name.
fn find_member(index: &RosterIndex<'_>, document: &Document) -> Match {
    let key = MemberKey::new(&document.identity.full_name, &document.identity.birth_date);
    if index.by_key.contains_key(&key) {
        return Match::One;
    }
    let same_name: Vec<&Member> = index
        .by_name
        .get(&key.name)
        .map(|list| list.iter().map(|&i| &index.roster[i]).collect())
        .unwrap_or_default();
    match same_name.as_slice() {
        [] => Match::None,
        [one] if key.birth_date.is_empty() || one.birth_date.is_empty() => Match::One,
        // A birth date that fits nobody: another person with the same name.
        [_] => Match::None,
        several if key.birth_date.is_empty() => Match::Several(several.len()),
        _ => Match::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::field::HeaderField;
    use crate::model::document::Edit;
    use crate::workflow::export::ExportEnvelope;

    fn period() -> Period {
        Period {
            dang_bo: "Đảng bộ xã Tân Phú".into(),
            chi_bo: "Chi bộ ấp 3".into(),
            year: 2026,
        }
    }

    fn member(name: &str, birth: &str) -> Member {
        Member {
            full_name: name.into(),
            birth_date: birth.into(),
            group: None,
            exemption: None,
            note: String::new(),
        }
    }

    fn review(id: &str, name: &str, birth: &str, year: u16, saved: &str) -> Document {
        let t = Template::get("HD43-2025/2B").expect("2B");
        let mut d = Document::new(id.into(), t, year, "2026-11-01T00:00:00.000Z");
        d.apply(Edit::Field(HeaderField::FullName, name.into()));
        d.apply(Edit::Field(HeaderField::BirthDate, birth.into()));
        d.apply(Edit::Field(HeaderField::ChiBo, "CHI BỘ ẤP 3".into()));
        d.updated_at = saved.into();
        d
    }

    fn file(documents: Vec<Document>) -> Vec<u8> {
        ExportEnvelope::new(documents, "2026-12-01T00:00:00.000Z")
            .to_json()
            .into_bytes()
    }

    #[test]
    fn a_broken_or_foreign_file_is_refused_with_the_importers_reason_and_nothing_is_filed() {
        let mut inbox = Inbox::default();
        for bytes in [&b"not json"[..], br#"{"format":"other"}"#] {
            let result = inbox.receive(&period(), &[], "x.json", bytes, "2026-12-02T00:00:00Z");
            assert!(result.refused.is_some());
            assert!(result.lines[0].starts_with("Không nhận “x.json”: "));
        }
        assert!(inbox.documents.is_empty());
    }

    #[test]
    fn documents_are_filed_by_member_year_and_chi_bo_and_a_resubmission_supersedes_the_older() {
        let roster = [
            member("Nguyễn Văn An", "1980-09-02"),
            member("Trần Thị Bình", ""),
        ];
        let mut inbox = Inbox::default();
        let first = review(
            "r1",
            "Nguyễn Văn An",
            "1980-09-02",
            2026,
            "2026-11-20T00:00:00.000Z",
        );
        let last_year = review(
            "r0",
            "Nguyễn Văn An",
            "1980-09-02",
            2025,
            "2025-11-20T00:00:00.000Z",
        );
        let old = review(
            "rx",
            "Nguyễn Văn An",
            "1980-09-02",
            2019,
            "2019-11-20T00:00:00.000Z",
        );
        let result = inbox.receive(
            &period(),
            &roster,
            "an.json",
            &file(vec![first.clone(), last_year, old]),
            "2026-12-02T00:00:00.000Z",
        );
        assert!(result.refused.is_none());
        assert!(
            result.lines[0].starts_with("Đã nhận: 1 tài liệu của Nguyễn Văn An"),
            "{:?}",
            result.lines
        );
        assert!(result
            .lines
            .iter()
            .any(|l| l.contains("năm 2025") && l.contains("đối chiếu")));
        assert!(result
            .lines
            .iter()
            .any(|l| l.contains("năm 2019") && l.contains("để riêng")));

        // The same review again, saved later, in another file: it is used, the first stays.
        let mut newer = first.clone();
        newer.id = "r2".into();
        newer.updated_at = "2026-11-25T00:00:00.000Z".into();
        inbox.receive(
            &period(),
            &roster,
            "an-2.txt",
            &file(vec![newer]),
            "2026-12-03T00:00:00.000Z",
        );
        let current: Vec<&str> = inbox.current().map(|r| r.document.id.as_str()).collect();
        assert_eq!(current, ["r2"]);
        assert_eq!(inbox.documents.len(), 4, "nothing received is dropped");
        assert!(inbox.resubmissions()[0].contains("gửi lại"));

        // The older one arriving last does not take the place of the newer.
        let mut stale = first;
        stale.id = "r3".into();
        stale.updated_at = "2026-11-21T00:00:00.000Z".into();
        inbox.receive(
            &period(),
            &roster,
            "an-3.json",
            &file(vec![stale]),
            "2026-12-04T00:00:00.000Z",
        );
        let current: Vec<&str> = inbox.current().map(|r| r.document.id.as_str()).collect();
        assert_eq!(current, ["r2"]);
    }

    #[test]
    fn another_chi_bo_a_missing_name_and_an_ambiguous_name_are_set_aside_with_a_reason() {
        let roster = [
            member("Lê Văn Cường", "1970-01-01"),
            member("Lê Văn Cường", "1990-05-05"),
        ];
        let mut inbox = Inbox::default();
        let mut other = review("o", "Phạm Văn Dũng", "", 2026, "2026-11-01T00:00:00.000Z");
        other.apply(Edit::Field(HeaderField::ChiBo, "Chi bộ ấp 5".into()));
        let nameless = review("n", "", "", 2026, "2026-11-01T00:00:00.000Z");
        let ambiguous = review("a", "Lê Văn Cường", "", 2026, "2026-11-01T00:00:00.000Z");
        let told_apart = review(
            "b",
            "LÊ VĂN CƯỜNG",
            "1990-05-05",
            2026,
            "2026-11-01T00:00:00.000Z",
        );
        let result = inbox.receive(
            &period(),
            &roster,
            "many.json",
            &file(vec![other, nameless, ambiguous, told_apart]),
            "2026-12-02T00:00:00.000Z",
        );
        assert!(result
            .lines
            .iter()
            .any(|l| l.contains("Chi bộ ấp 5") && l.contains("hỏi lại")));
        assert!(result
            .lines
            .iter()
            .any(|l| l.contains("chưa ghi họ và tên")));
        assert!(result
            .lines
            .iter()
            .any(|l| l.contains("Có 2 đồng chí tên Lê Văn Cường")));
        let current: Vec<&Received> = inbox.current().collect();
        assert_eq!(current.len(), 1);
        assert_eq!(
            current[0].member,
            MemberKey::new("Lê Văn Cường", "1990-05-05")
        );
    }

    #[test]
    fn a_member_missing_from_the_roster_is_counted_and_named() {
        let roster = [member("Nguyễn Văn An", "1980-09-02")];
        let mut inbox = Inbox::default();
        let result = inbox.receive(
            &period(),
            &roster,
            "x.json",
            &file(vec![review(
                "x",
                "Hoàng Thị Hoa",
                "1999-01-01",
                2026,
                "2026-11-01T00:00:00.000Z",
            )]),
            "2026-12-02T00:00:00.000Z",
        );
        assert!(result
            .lines
            .iter()
            .any(|l| l.contains("chưa có trong danh sách")));
        assert_eq!(inbox.current().count(), 1);
    }

    /// A committee's pledge form, as `docs/examples/mau-rieng-cam-ket.json` writes it.
    fn committee_form() -> serde_json::Value {
        serde_json::from_str(include_str!(
            "../../../../docs/examples/mau-rieng-cam-ket.json"
        ))
        .expect("the documented example")
    }

    #[test]
    fn an_inbox_knows_the_committee_forms_its_documents_carry_also_once_read_back() {
        let mut member_forms = Forms::default();
        let template = crate::forms::custom::check(committee_form())
            .expect("the example passes")
            .register(&mut member_forms);
        let mut pledge = Document::new("p1".into(), template, 2026, "2026-11-01T00:00:00.000Z");
        pledge.apply(Edit::Field(HeaderField::FullName, "Đỗ Văn Hùng".into()));
        pledge.apply(Edit::Field(HeaderField::ChiBo, "Chi bộ ấp 3".into()));
        assert!(pledge.form.is_some(), "the document carries its form");

        let mut inbox = Inbox::default();
        let result = inbox.receive(
            &period(),
            &[],
            "hung.json",
            &file(vec![pledge.clone()]),
            "2026-12-02T00:00:00Z",
        );
        assert_eq!(result.accepted, 1, "{:?}", result.lines);
        assert_eq!(inbox.template(&pledge).map(|t| t.id), Some(template.id));
        assert!(
            Template::get(template.id).is_none(),
            "nothing is registered elsewhere"
        );

        let stored = serde_json::to_string(&inbox).unwrap();
        assert!(
            !stored.contains("\"forms\""),
            "the forms are the documents' own, not stored twice"
        );
        let back: Inbox = serde_json::from_str(&stored).unwrap();
        assert_eq!(back, inbox);
        assert_eq!(back.template(&pledge).map(|t| t.id), Some(template.id));
        let rows = crate::chibo::table::rows(&[], &back);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].pledge.map(|p| p.document.id.as_str()), Some("p1"));
        assert_eq!(rows[0].pledge_form.map(|t| t.id), Some(template.id));

        // Another inbox, on the same thread, knows nothing of it.
        assert!(Inbox::default().template(&pledge).is_none());
    }

    #[test]
    fn inboxes_on_many_threads_each_read_their_own_committee_forms() {
        let bytes: Vec<Vec<u8>> = (0..8)
            .map(|n| {
                let mut form = committee_form();
                form["id"] = format!("DB-{n}/cam-ket").into();
                form["code"] = format!("Mẫu {n}").into();
                let mut forms = Forms::default();
                let template = crate::forms::custom::check(form)
                    .unwrap()
                    .register(&mut forms);
                let mut d =
                    Document::new(format!("p{n}"), template, 2026, "2026-11-01T00:00:00.000Z");
                d.apply(Edit::Field(HeaderField::FullName, format!("Đảng viên {n}")));
                d.apply(Edit::Field(HeaderField::ChiBo, "Chi bộ ấp 3".into()));
                file(vec![d])
            })
            .collect();
        let codes: Vec<Vec<String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = bytes
                .iter()
                .map(|b| {
                    scope.spawn(move || {
                        let mut inbox = Inbox::default();
                        inbox.receive(&period(), &[], "f.json", b, "2026-12-02T00:00:00Z");
                        inbox
                            .forms()
                            .custom()
                            .iter()
                            .map(|t| t.code.to_owned())
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for (n, seen) in codes.iter().enumerate() {
            assert_eq!(seen, &vec![format!("Mẫu {n}")]);
        }
    }

    #[test]
    fn the_pledge_for_next_year_comes_with_the_review_and_a_review_of_next_year_is_set_aside() {
        let pledge_template = Template::pledge_for(2027);
        let mut pledge = Document::new(
            "p27".into(),
            pledge_template,
            2027,
            "2026-12-10T00:00:00.000Z",
        );
        pledge.apply(Edit::Field(HeaderField::FullName, "Nguyễn Văn An".into()));
        pledge.apply(Edit::Field(HeaderField::ChiBo, "Chi bộ ấp 3".into()));
        let this_year = review(
            "r26",
            "Nguyễn Văn An",
            "1980-09-02",
            2026,
            "2026-12-10T00:00:00.000Z",
        );
        let next_year = review(
            "r27",
            "Nguyễn Văn An",
            "1980-09-02",
            2027,
            "2026-12-10T00:00:00.000Z",
        );
        let mut inbox = Inbox::default();
        let roster = [member("Nguyễn Văn An", "1980-09-02")];
        let result = inbox.receive(
            &period(),
            &roster,
            "an.json",
            &file(vec![this_year, pledge, next_year]),
            "2026-12-11T00:00:00Z",
        );
        let placement = |id: &str| {
            inbox
                .documents
                .iter()
                .find(|d| d.document.id == id)
                .map(|d| d.placement)
        };
        assert_eq!(placement("r26"), Some(Placement::Current));
        assert_eq!(placement("p27"), Some(Placement::NextYear));
        assert_eq!(placement("r27"), Some(Placement::SetAside));
        assert!(
            result.lines.iter().any(|l| l.contains("năm 2027")),
            "only the review of 2027 is said: {:?}",
            result.lines
        );
        assert_eq!(
            result
                .lines
                .iter()
                .filter(|l| l.contains("năm 2027"))
                .count(),
            1
        );
    }

    #[test]
    fn the_workspace_s_files_are_named_after_the_chi_bo_and_the_year() {
        let period = Period {
            dang_bo: "Đảng bộ xã Tân Phú".into(),
            chi_bo: "Chi bộ Ấp 3".into(),
            year: 2026,
        };
        assert_eq!(period.file_name("csv"), "tong-hop-chi-bo-ap-3-2026.csv");
        assert_eq!(period.file_name("json"), "tong-hop-chi-bo-ap-3-2026.json");
    }
}
