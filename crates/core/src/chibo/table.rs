//! The roll-up's table, one row per member, and each row's texts (for the copy check, the screen
//! and the CSV). What is counted from the rows is `chibo::counts`; the checks across the
//! documents are `chibo::checks`.
//!
//! Counting (`docs/domain.md`, and the research's §10.1): the members are the roster's when one
//! is given (a person who sent a file but is no roster member is shown, never counted: see
//! `roster::pair`), else everyone who sent a file. Exempt members (QĐ 366 Điều 5) are counted apart;
//! a member with this year's review and a proposed rating is rated; every other member is not yet
//! reviewed, so `members = exempt + not yet reviewed + rated` always holds. Percentages are of the
//! members rated, as Biểu 7B and the seeds' reports count them.

use crate::analysis::lint::{lint, Corpus};
use crate::analysis::scoring::{ceiling, total};
use crate::base::messages::t;
use crate::base::number::format_points;
use crate::chibo::intake::{display_name, Inbox, Placement, Received};
use crate::chibo::messages::{ct, ctf, ChiBoMsg};
use crate::chibo::roster::{pair, Exemption, Group, Member, MemberKey, Pairing};
use crate::chibo::stages::{MemberStages, Stages};
use crate::forms::rating::Rating;
use crate::forms::template::Template;
use crate::model::condition::{Answer, Question};
use crate::model::document::Document;
use crate::model::pledge::Deadline;
use std::collections::HashMap;

/// Where a member stands in the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Exempt(Exemption),
    /// No review of this year with a proposed rating yet.
    NotReviewed,
    Rated(Rating),
}

/// The pledge in numbers, for the table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PledgeFigures {
    pub commitments: usize,
    /// With a measurable target and a deadline.
    pub measurable: usize,
}

impl PledgeFigures {
    /// A pledge's commitments, and those with a measurable target and a deadline.
    pub fn of(pledge: &Document) -> PledgeFigures {
        let written = || {
            pledge
                .commitments
                .iter()
                .filter(|c| !c.content.trim().is_empty())
        };
        PledgeFigures {
            commitments: written().count(),
            measurable: written()
                .filter(|c| {
                    c.target.as_ref().is_some_and(|t| t.is_measurable())
                        && Deadline::parse(&c.deadline).is_some()
                })
                .count(),
        }
    }
}

/// The linter's findings on a member's pledge: computed only for the rows shown or exported,
/// since linting every pledge of a đảng bộ is the slowest thing the table could do.
pub fn pledge_findings(row: &Row<'_>, corpus: &Corpus) -> usize {
    row.pledge.map_or(0, |p| {
        row.pledge_form
            .map_or(0, |t| lint(&p.document, t, corpus).len())
    })
}

/// One member's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    pub member: Member,
    /// Sent a file but is no roster member (or there is no roster).
    pub not_in_roster: bool,
    /// Why, when a roster is given: such a row is shown, never counted ([`Row::counted`]).
    pub unpaired: Option<Unpaired>,
    pub group: Option<Group>,
    pub review: Option<&'a Received>,
    pub pledge: Option<&'a Received>,
    /// The pledge for the next year handed in with this year's review (`Placement::NextYear`).
    pub next_pledge: Option<&'a Received>,
    pub last_year: Option<&'a Document>,
    /// The templates the review and the pledge follow, built in or a committee's they carry.
    pub form: Option<&'static Template>,
    pub pledge_form: Option<&'static Template>,
    pub standing: Standing,
    /// Points of the 30-point and 70-point groups and their total, when scored.
    pub general: Option<f64>,
    pub tasks: Option<f64>,
    pub total: Option<f64>,
    /// The highest level the points allow.
    pub allowed: Option<Rating>,
    pub pledge_figures: Option<PledgeFigures>,
    pub next_pledge_figures: Option<PledgeFigures>,
    /// The proposal and points come from a review handed in on paper ("từ bản giấy").
    pub from_paper: bool,
    /// The chi bộ's vote, proposal, the decision and a re-rating (`chibo::stages`).
    pub stages: Stages,
    /// Last year's shortcomings followed up, and how many have no status.
    pub carried: usize,
    pub carried_without_status: usize,
}

/// Where a member's level is read: their own proposal, the chi bộ's proposal, the level decided
/// (after a re-rating). The reports publish the last.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Stage {
    #[default]
    Members,
    ChiBo,
    Decided,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Members, Stage::ChiBo, Stage::Decided];

    pub fn label(self) -> &'static str {
        ct(match self {
            Stage::Members => ChiBoMsg::StageMembers,
            Stage::ChiBo => ChiBoMsg::StageChiBo,
            Stage::Decided => ChiBoMsg::StageDecided,
        })
    }

    /// The latest stage every rated member has reached (their own proposal when nobody has a
    /// later one): the summary's headline.
    pub fn headline(rows: &[Row<'_>]) -> Stage {
        let rated: Vec<&Row<'_>> = rows
            .iter()
            .filter(|r| r.counted() && matches!(r.standing, Standing::Rated(_)))
            .collect();
        [Stage::Decided, Stage::ChiBo]
            .into_iter()
            .find(|s| !rated.is_empty() && rated.iter().all(|r| r.level_at(*s).is_some()))
            .unwrap_or(Stage::Members)
    }
}

impl Row<'_> {
    /// The member's level at a stage, if they have one there. An exempt member has none.
    pub fn level_at(&self, stage: Stage) -> Option<Rating> {
        if matches!(self.standing, Standing::Exempt(_)) {
            return None;
        }
        match stage {
            Stage::Members => match self.standing {
                Standing::Rated(r) => Some(r),
                _ => None,
            },
            Stage::ChiBo => self.stages.proposed,
            Stage::Decided => self.stages.decided(),
        }
    }

    /// Whether the row counts among the members: every row without a roster; with one, the
    /// roster's members only, so the headcount is the roster's.
    pub fn counted(&self) -> bool {
        self.unpaired.is_none()
    }

    /// The roster's members (their indices) this person could be, to pair by hand: a person
    /// waiting for the secretary ([`Unpaired::ByHand`]) with a birth date, and the roster's members
    /// of the same name without one (the birth date is then written on the member's line). None
    /// for anyone else.
    pub fn pair_with(&self, roster: &[Member]) -> Vec<usize> {
        if self.unpaired != Some(Unpaired::ByHand) || self.member.birth_date.is_empty() {
            return Vec::new();
        }
        let name = self.member.key().name;
        roster
            .iter()
            .enumerate()
            .filter(|(_, m)| m.birth_date.is_empty() && m.key().name == name)
            .map(|(i, _)| i)
            .collect()
    }

    /// The proposal is better than the points allow (`Rating` orders best first).
    pub fn above_points(&self) -> bool {
        matches!((self.standing, self.allowed), (Standing::Rated(p), Some(a)) if p < a)
    }

    /// The yes/no answers of the review to the conditions of Điều 11.
    pub fn answers(&self) -> &[Answer] {
        self.review
            .map_or(&[], |r| r.document.conditions.as_slice())
    }

    pub fn answer(&self, question: Question) -> Option<bool> {
        self.answers()
            .iter()
            .find(|a| a.question == question)
            .map(|a| a.yes)
    }
}

pub(crate) fn is_collective(inbox: &Inbox, document: &Document) -> bool {
    inbox
        .template(document)
        .is_some_and(Template::is_collective)
}

/// Whether the table reads a document: a member's review or pledge. A collective's report is the
/// chi bộ's own; a probationary member's or a transfer's self-review, or a "bài thu hoạch", is not
/// part of the yearly roll-up.
fn counted(inbox: &Inbox, document: &Document) -> bool {
    !is_collective(inbox, document)
        && inbox
            .template(document)
            .is_some_and(|t| t.is_review() || t.is_pledge())
}

fn is_pledge(inbox: &Inbox, document: &Document) -> bool {
    inbox.template(document).is_some_and(Template::is_pledge)
}

/// The person a document is of: its own folded name and birth date, whatever the roster says
/// ([`pair`] says whose on the roster).
fn person(document: &Document) -> MemberKey {
    MemberKey::new(&document.identity.full_name, &document.identity.birth_date)
}

/// The rows of the table, in the roster's order, then the persons who sent files but are no
/// roster member (by name). Each person who sent files is paired with a roster member
/// ([`pair`]); when a roster is given, the headcount is the roster's: a person not paired is shown
/// ([`Row::unpaired`]) but counted nowhere, so nobody is counted twice. Linear in the documents.
pub fn rows<'a>(roster: &[Member], inbox: &'a Inbox) -> Vec<Row<'a>> {
    rows_with(roster, inbox, &[])
}

/// [`rows`] with the stages the secretary entered after the members' own proposals
/// (`chibo::stages`): a review entered from paper stands for a file, and each row carries its
/// member's vote, proposal, decision and re-rating.
pub fn rows_with<'a>(roster: &[Member], inbox: &'a Inbox, stages: &[MemberStages]) -> Vec<Row<'a>> {
    // By member, once: a đảng bộ's thousands of rows each find theirs in constant time.
    let stages: HashMap<&MemberKey, &Stages> =
        stages.iter().map(|s| (&s.member, &s.stages)).collect();
    let stages = &stages;
    let mut people: Vec<MemberKey> = Vec::new();
    let mut index: HashMap<MemberKey, usize> = HashMap::new();
    let mut theirs: Vec<Mine<'a>> = Vec::new();
    // Whether the person has a document counted this year (a row of their own when unpaired).
    let mut current: Vec<bool> = Vec::new();
    for r in &inbox.documents {
        if !counted(inbox, &r.document) {
            continue;
        }
        let key = person(&r.document);
        let p = *index.entry(key.clone()).or_insert_with(|| {
            people.push(key);
            theirs.push(Mine::default());
            current.push(false);
            people.len() - 1
        });
        theirs[p].take(inbox, r);
        current[p] |= r.placement == Placement::Current;
    }
    let pairing = if roster.is_empty() {
        vec![Pairing::NotOnRoster; people.len()]
    } else {
        pair(roster, &people)
    };
    let mut on_roster: Vec<Mine<'a>> = vec![Mine::default(); roster.len()];
    let mut extra: Vec<(Member, Mine<'a>, Option<Unpaired>)> = Vec::new();
    for (p, pairing) in pairing.into_iter().enumerate() {
        match pairing {
            Pairing::Member(m) => on_roster[m].merge(theirs[p]),
            _ if !current[p] => {}
            other => {
                let shown = theirs[p]
                    .review
                    .or(theirs[p].pledge)
                    .or(theirs[p].next_pledge);
                let Some(shown) = shown else { continue };
                extra.push((
                    Member {
                        full_name: display_name(inbox.forms(), &shown.document),
                        birth_date: shown.document.identity.birth_date.clone(),
                        group: None,
                        exemption: None,
                        note: String::new(),
                    },
                    theirs[p],
                    match (roster.is_empty(), other) {
                        (true, _) => None,
                        (false, Pairing::ByHand) => Some(Unpaired::ByHand),
                        (false, _) => Some(Unpaired::NotOnRoster),
                    },
                ));
            }
        }
    }
    extra.sort_by_key(|e| e.0.key());
    roster
        .iter()
        .zip(on_roster)
        .map(|(member, mine)| row(inbox, member.clone(), None, mine, stages))
        .chain(extra.into_iter().map(|(member, mine, unpaired)| {
            let mut r = row(inbox, member, unpaired, mine, stages);
            r.not_in_roster = true;
            r
        }))
        .collect()
}

/// Why a person who sent files has no roster member: counted nowhere until paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unpaired {
    /// Nobody on the roster has the name (or the birth date differs).
    NotOnRoster,
    /// Several could be this person, one name and no birth date to tell them apart.
    ByHand,
}

/// A member's documents in the inbox.
#[derive(Debug, Clone, Copy, Default)]
struct Mine<'a> {
    review: Option<&'a Received>,
    pledge: Option<&'a Received>,
    next_pledge: Option<&'a Received>,
    last_year: Option<&'a Document>,
}

impl<'a> Mine<'a> {
    /// Files a document of the member: the newest of each kind counts.
    fn take(&mut self, inbox: &Inbox, r: &'a Received) {
        let d = &r.document;
        let newer =
            |old: Option<&'a Received>| old.is_none_or(|o| d.updated_at > o.document.updated_at);
        match r.placement {
            Placement::Current if is_pledge(inbox, d) && newer(self.pledge) => {
                self.pledge = Some(r)
            }
            Placement::Current if !is_pledge(inbox, d) && newer(self.review) => {
                self.review = Some(r);
            }
            Placement::NextYear if newer(self.next_pledge) => self.next_pledge = Some(r),
            Placement::LastYear
                if !is_pledge(inbox, d)
                    && self.last_year.is_none_or(|l| d.updated_at > l.updated_at) =>
            {
                self.last_year = Some(d);
            }
            _ => {}
        }
    }

    /// Another person's documents paired with the same member (a file without a birth date and
    /// one with it): the newest of each kind counts.
    fn merge(&mut self, other: Mine<'a>) {
        let newest = |a: Option<&'a Received>, b: Option<&'a Received>| match (a, b) {
            (Some(x), Some(y)) if y.document.updated_at > x.document.updated_at => Some(y),
            (a, b) => a.or(b),
        };
        self.review = newest(self.review, other.review);
        self.pledge = newest(self.pledge, other.pledge);
        self.next_pledge = newest(self.next_pledge, other.next_pledge);
        self.last_year = match (self.last_year, other.last_year) {
            (Some(x), Some(y)) if y.updated_at > x.updated_at => Some(y),
            (a, b) => a.or(b),
        };
    }
}

fn row<'a>(
    inbox: &Inbox,
    member: Member,
    unpaired: Option<Unpaired>,
    mine: Mine<'a>,
    all_stages: &HashMap<&MemberKey, &Stages>,
) -> Row<'a> {
    let stages = all_stages
        .get(&member.key())
        .map(|s| (*s).clone())
        .unwrap_or_default();
    // A review handed in on paper counts where no file came.
    let paper = stages.paper.clone().filter(|_| mine.review.is_none());
    let Mine {
        review,
        pledge,
        next_pledge,
        last_year,
    } = mine;
    let template = review.and_then(|r| inbox.template(&r.document));
    let pledge_form = pledge.and_then(|p| inbox.template(&p.document));
    let group = member
        .group
        .or_else(|| template.and_then(Group::of_template));
    let standing = match (
        member.exemption,
        review
            .and_then(|r| r.document.proposed_rating)
            .or(paper.as_ref().and_then(|p| p.rating)),
    ) {
        (Some(e), _) => Standing::Exempt(e),
        (None, Some(rating)) => Standing::Rated(rating),
        (None, None) => Standing::NotReviewed,
    };
    let score = |group: &str| review.and_then(|r| r.document.score(group));
    let (general, tasks) = match &paper {
        Some(p) => (p.general, p.tasks),
        None => (score("general"), score("tasks")),
    };
    let total = match (review, template, &paper) {
        (Some(r), Some(t), _) if !t.score_groups.is_empty() => total(&r.document, t),
        (None, _, Some(_)) => general.zip(tasks).map(|(g, t)| g + t),
        _ => None,
    };
    let figures = |p: &Received| PledgeFigures::of(&p.document);
    let (pledge_figures, next_pledge_figures) = (pledge.map(figures), next_pledge.map(figures));
    let carried = review.map_or(&[][..], |r| r.document.carried.as_slice());
    Row {
        member,
        not_in_roster: false,
        unpaired,
        group,
        review,
        pledge,
        next_pledge,
        last_year,
        form: template,
        pledge_form,
        standing,
        general,
        tasks,
        total,
        allowed: total.map(ceiling),
        from_paper: paper.is_some(),
        stages,
        pledge_figures,
        next_pledge_figures,
        carried: carried.len(),
        carried_without_status: carried.iter().filter(|c| c.status.is_none()).count(),
    }
}

/// The texts the copy check compares: each current pledge's commitments and each current
/// review's sections, with their member.
pub fn texts_to_compare(rows: &[Row<'_>]) -> Vec<crate::chibo::copies::Text> {
    let mut out = Vec::new();
    for row in rows {
        let member = row.member.full_name.clone();
        row_texts(row, |place, text| {
            out.push(crate::chibo::copies::Text {
                member: member.clone(),
                place,
                text: text.to_owned(),
            });
        });
    }
    out
}

/// The texts of one row the copy check compares, each with its place ("Cam kết 3", "Cam kết 2
/// năm 2027", a section's id): the year's pledge's commitments, the next year's pledge's, then
/// the review's sections.
pub fn row_texts<'a>(row: &Row<'a>, mut each: impl FnMut(String, &'a str)) {
    if let Some(p) = row.pledge {
        for (n, c) in p.document.commitments.iter().enumerate() {
            each(
                format!("{} {}", ct(ChiBoMsg::WsColPledge), n + 1),
                &c.content,
            );
        }
    }
    if let Some(p) = row.next_pledge {
        for (n, c) in p.document.commitments.iter().enumerate() {
            each(
                ctf(
                    ChiBoMsg::PledgeNextPlace,
                    &[
                        ("n", &(n + 1).to_string()),
                        ("year", &p.document.year.to_string()),
                    ],
                ),
                &c.content,
            );
        }
    }
    if let Some(r) = row.review {
        for a in &r.document.answers {
            each(a.section.clone(), &a.text);
        }
    }
}

/// What a row's standing reads as in the table and the CSV.
pub fn standing_text(row: &Row<'_>) -> String {
    match row.standing {
        Standing::Exempt(e) => e.label().to_owned(),
        Standing::NotReviewed => ct(ChiBoMsg::WsNotReviewed).to_owned(),
        Standing::Rated(r) if row.from_paper => {
            format!("{} ({})", t(r.label()), ct(ChiBoMsg::WsFromPaper))
        }
        Standing::Rated(r) => t(r.label()).to_owned(),
    }
}

/// Points as the table shows them: `27/30, 60/70, 87/100`.
pub fn points_text(row: &Row<'_>) -> String {
    let part =
        |p: Option<f64>, max: u16| format!("{}/{max}", p.map_or("…".to_owned(), format_points));
    if row.general.is_none() && row.tasks.is_none() {
        return String::new();
    }
    format!(
        "{}, {}, {}",
        part(row.general, 30),
        part(row.tasks, 70),
        part(row.total, 100)
    )
}

/// The table as CSV cells: the header, then one row per member. Every cell is plain text; the
/// CSV writer defuses anything a spreadsheet would run. The chi bộ's quota cap is on every row, as
/// the analysts' bundle has it on every member (`cap_percent`), so the tables of several chi bộ put
/// together keep each one's cap; it is written as words ("20% số …"), which a spreadsheet keeps as
/// text, where a bare "20%" would become the number 0,2.
pub fn csv_rows(rows: &[Row<'_>], quota_cap: u64) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let corpus = Corpus::with_examples();
    let level = |r: Option<Rating>| r.map_or(String::new(), |r| t(r.label()).to_owned());
    let header = vec![
        ct(ChiBoMsg::WsColName),
        ct(ChiBoMsg::WsColBirth),
        ct(ChiBoMsg::WsColGroup),
        ct(ChiBoMsg::WsColForm),
        ct(ChiBoMsg::WsColStanding),
        ct(ChiBoMsg::WsColPoints),
        ct(ChiBoMsg::WsColAllowed),
        ct(ChiBoMsg::WsColPledge),
        ct(ChiBoMsg::WsColCarried),
        ct(ChiBoMsg::WsColFile),
        ct(ChiBoMsg::WsColCap),
        Stage::ChiBo.label(),
        Stage::Decided.label(),
        ct(ChiBoMsg::WsRerateTitle),
    ];
    let cap = ctf(ChiBoMsg::WsCapCell, &[("cap", &quota_cap.to_string())]);
    // The members only: a person not paired with the roster is no member yet (`Row::counted`).
    let body = rows
        .iter()
        .filter(|row| row.counted())
        .map(|row| {
            let form = row.form.map_or(String::new(), |t| t.code.to_owned());
            let pledge = row.pledge_figures.map_or(String::new(), |p| {
                ctf(
                    ChiBoMsg::WsPledgeLine,
                    &[
                        ("commitments", &p.commitments.to_string()),
                        ("measurable", &p.measurable.to_string()),
                        ("findings", &pledge_findings(row, &corpus).to_string()),
                    ],
                )
            });
            let carried = if row.carried == 0 {
                String::new()
            } else {
                ctf(
                    ChiBoMsg::WsCarriedLine,
                    &[
                        ("count", &row.carried.to_string()),
                        ("missing", &row.carried_without_status.to_string()),
                    ],
                )
            };
            vec![
                row.member.full_name.clone(),
                crate::chibo::roster::display_day(&row.member.birth_date),
                row.group.map_or(String::new(), |g| g.label().to_owned()),
                form,
                standing_text(row),
                points_text(row),
                row.allowed
                    .map_or(String::new(), |a| t(a.label()).to_owned()),
                pledge,
                carried,
                row.review.map_or(String::new(), |r| r.received_at.clone()),
                cap.clone(),
                level(row.level_at(Stage::ChiBo)),
                level(row.level_at(Stage::Decided)),
                row.stages.rerating.as_ref().map_or(String::new(), |x| {
                    [x.number.as_str(), x.date.as_str(), x.reason.as_str()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
            ]
        })
        .collect();
    (header, body)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::chibo::checks::{checks, CheckKind};
    use crate::chibo::counts::{Counts, Quota, Rerated};
    use crate::chibo::intake::Period;
    use crate::forms::field::HeaderField;
    use crate::model::document::Edit;
    use crate::workflow::export::ExportEnvelope;

    fn period() -> Period {
        Period {
            dang_bo: "Đảng bộ xã".into(),
            chi_bo: "Chi bộ 1".into(),
            year: 2026,
        }
    }

    pub(crate) fn member(name: &str) -> Member {
        Member {
            full_name: name.into(),
            birth_date: String::new(),
            group: Some(Group::Member),
            exemption: None,
            note: String::new(),
        }
    }

    pub(crate) fn review(
        name: &str,
        rating: Option<Rating>,
        points: Option<(f64, f64)>,
    ) -> Document {
        let t = Template::get("HD43-2025/2B").expect("2B");
        let mut d = Document::new(format!("r-{name}"), t, 2026, "2026-11-01T00:00:00.000Z");
        d.apply(Edit::Field(HeaderField::FullName, name.into()));
        d.apply(Edit::Rating(rating));
        if let Some((g, k)) = points {
            d.apply(Edit::Score("general".into(), Some(g)));
            d.apply(Edit::Score("tasks".into(), Some(k)));
        }
        d
    }

    pub(crate) fn inbox_of(documents: Vec<Document>, roster: &[Member]) -> Inbox {
        let mut inbox = Inbox::default();
        let bytes = ExportEnvelope::new(documents, "2026-12-01T00:00:00.000Z").to_json();
        inbox.receive(
            &period(),
            roster,
            "f.json",
            bytes.as_bytes(),
            "2026-12-02T00:00:00.000Z",
        );
        inbox
    }

    #[test]
    fn the_headcount_is_the_rosters_always_adds_up_and_percentages_are_of_the_members_rated() {
        let mut roster: Vec<Member> = (0..8).map(|i| member(&format!("Người {i}"))).collect();
        roster[6].exemption = Some(Exemption::Suspended);
        let docs = vec![
            review(
                "Người 0",
                Some(Rating::HoanThanhXuatSac),
                Some((28.0, 65.0)),
            ),
            review("Người 1", Some(Rating::HoanThanhTot), Some((25.0, 55.0))),
            review("Người 2", Some(Rating::HoanThanhTot), None),
            review("Người 3", Some(Rating::HoanThanh), None),
            review("Người 4", None, None),
            review("Người 6", Some(Rating::HoanThanhTot), None),
            review("Người lạ", Some(Rating::HoanThanhTot), None),
        ];
        let inbox = inbox_of(docs, &roster);
        let rows = rows(&roster, &inbox);
        assert_eq!(rows.len(), 9, "the person not on the roster gets a row");
        assert!(rows[8].not_in_roster);
        assert_eq!(rows[8].unpaired, Some(Unpaired::NotOnRoster));
        // With a roster, the headcount is the roster's: the stranger is shown, not counted.
        let c = Counts::of(&rows);
        assert_eq!((c.members, c.exempt, c.not_reviewed, c.rated), (8, 1, 3, 4));
        assert_eq!(c.members, c.exempt + c.not_reviewed + c.rated);
        assert_eq!(c.by_level, [1, 2, 1, 0]);
        let lines = c.level_lines();
        assert_eq!(
            lines[0],
            "1/4 đồng chí hoàn thành xuất sắc nhiệm vụ, chiếm 25,00%"
        );
        assert_eq!(
            lines[1],
            "2/4 đồng chí hoàn thành tốt nhiệm vụ, chiếm 50,00%"
        );
        assert_eq!(
            lines[3],
            "0/4 đồng chí không hoàn thành nhiệm vụ, chiếm 0,00%"
        );
        // Without a roster, everyone who sent a review is a member.
        let bare = Counts::of(&super::rows(&[], &inbox));
        assert_eq!((bare.members, bare.rated), (7, 6));
        assert!(c
            .headcount_line()
            .contains("được miễn kiểm điểm: 1; chưa kiểm điểm: 3"));
    }

    fn born(mut d: Document, birth: &str) -> Document {
        d.apply(Edit::Field(HeaderField::BirthDate, birth.into()));
        d
    }

    /// #31's symptom: 155 files received, then a roster of 156 names without birth dates; the
    /// summary read 311 members and the CSV had 311 rows.
    #[test]
    fn a_roster_of_names_only_given_after_the_files_pairs_them_and_the_headcount_is_the_rosters() {
        let docs: Vec<Document> = (0..155)
            .map(|i| {
                born(
                    review(&format!("Người {i}"), Some(Rating::HoanThanhTot), None),
                    &format!("1980-01-{:02}", i % 28 + 1),
                )
            })
            .collect();
        let inbox = inbox_of(docs, &[]);
        let roster: Vec<Member> = (0..156).map(|i| member(&format!("Người {i}"))).collect();
        let rows = rows(&roster, &inbox);
        assert_eq!(rows.len(), 156);
        assert!(rows.iter().all(|r| !r.not_in_roster));
        let c = Counts::of(&rows);
        assert_eq!((c.members, c.not_reviewed, c.rated), (156, 1, 155));
        assert_eq!(rows[155].review, None);
    }

    /// Two men named An, a roster line "Nguyễn Văn An" without a birth date: neither file
    /// supersedes the other, neither is counted until the secretary pairs them, and the roster's
    /// member is counted once.
    #[test]
    fn two_persons_of_one_name_are_never_one_and_never_counted_twice() {
        let roster = vec![member("Nguyễn Văn An"), member("Trần Thị Bình")];
        let an = |birth: &str, rating| {
            let mut d = born(review("Nguyễn Văn An", Some(rating), None), birth);
            d.id = format!("an-{birth}");
            d
        };
        let inbox = inbox_of(
            vec![
                an("1980-03-12", Rating::HoanThanhTot),
                an("1975-01-02", Rating::HoanThanhXuatSac),
            ],
            &roster,
        );
        let current = inbox
            .documents
            .iter()
            .filter(|r| r.placement == Placement::Current)
            .count();
        assert_eq!(current, 2, "neither An's review supersedes the other's");
        let rows = rows(&roster, &inbox);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].review, None, "the roster's An waits to be paired");
        assert_eq!(
            rows[2..].iter().map(|r| r.unpaired).collect::<Vec<_>>(),
            vec![Some(Unpaired::ByHand); 2]
        );
        let c = Counts::of(&rows);
        assert_eq!((c.members, c.not_reviewed, c.rated), (2, 2, 0));
        // Paired by hand: the birth date on the roster's line; the other An is then not on it.
        let mut paired = roster.clone();
        paired[0].birth_date = "1975-01-02".into();
        let rows = super::rows(&paired, &inbox);
        assert_eq!(
            rows[0].review.map(|r| r.document.id.as_str()),
            Some("an-1975-01-02")
        );
        assert_eq!(rows[2].unpaired, Some(Unpaired::NotOnRoster));
        let c = Counts::of(&rows);
        assert_eq!((c.members, c.not_reviewed, c.rated), (2, 1, 1));
    }

    /// #31: the levels the chi bộ proposes and the cấp ủy decides, a member without a phone
    /// entered from paper, and a re-rating down, counted as the reports count them.
    #[test]
    fn counts_by_stage_with_a_paper_review_and_a_re_rating_down() {
        use crate::chibo::stages::{edit, StageEdit};
        let roster: Vec<Member> = ["An", "Bình", "Cường", "Dung", "Em"]
            .into_iter()
            .map(member)
            .collect();
        let inbox = inbox_of(
            vec![
                review("An", Some(Rating::HoanThanhXuatSac), Some((28.0, 65.0))),
                review("Bình", Some(Rating::HoanThanhTot), None),
                review("Cường", Some(Rating::HoanThanhTot), None),
            ],
            &roster,
        );
        let mut stages = Vec::new();
        fn enter(stages: &mut Vec<MemberStages>, name: &str, edits: Vec<StageEdit>) {
            for e in edits {
                edit(stages, &MemberKey::new(name, ""), e);
            }
        }
        enter(
            &mut stages,
            "Dung",
            vec![
                StageEdit::PaperRating(Some(Rating::HoanThanhTot)),
                StageEdit::PaperGeneral(Some(20.0)),
                StageEdit::PaperTasks(Some(55.0)),
            ],
        );
        for name in ["An", "Bình", "Cường", "Dung"] {
            enter(
                &mut stages,
                name,
                vec![StageEdit::Proposed(Some(Rating::HoanThanhTot))],
            );
        }
        // Only An decided so far: the headline is the chi bộ's proposals.
        enter(
            &mut stages,
            "An",
            vec![StageEdit::DecisionRating(Some(Rating::HoanThanhTot))],
        );
        let rows_now = rows_with(&roster, &inbox, &stages);
        assert_eq!(
            Stage::headline(&rows_now),
            Stage::ChiBo,
            "every rated member has the chi bộ's proposal"
        );
        enter(
            &mut stages,
            "Bình",
            vec![StageEdit::DecisionRating(Some(Rating::HoanThanhTot))],
        );
        enter(
            &mut stages,
            "Bình",
            vec![StageEdit::ReratingRating(Some(Rating::HoanThanh))],
        );
        enter(
            &mut stages,
            "Cường",
            vec![StageEdit::DecisionRating(Some(Rating::HoanThanhXuatSac))],
        );
        enter(
            &mut stages,
            "Dung",
            vec![StageEdit::DecisionRating(Some(Rating::HoanThanhTot))],
        );
        let rows = rows_with(&roster, &inbox, &stages);

        let dung = &rows[3];
        assert!(dung.from_paper);
        assert_eq!(
            (dung.total, dung.allowed),
            (Some(75.0), Some(Rating::HoanThanhTot))
        );
        let members = Counts::at(&rows, Stage::Members);
        assert_eq!(
            (members.members, members.not_reviewed, members.rated),
            (5, 1, 4)
        );
        assert_eq!(members.by_level, [1, 3, 0, 0]);
        assert_eq!(Counts::at(&rows, Stage::ChiBo).by_level, [0, 4, 0, 0]);
        let decided = Counts::at(&rows, Stage::Decided);
        assert_eq!(decided.by_level, [1, 2, 1, 0]);
        assert!(decided.consistent());
        assert_eq!(Stage::headline(&rows), Stage::Decided);
        assert_eq!(
            decided.level_lines()[1],
            "2/4 đồng chí hoàn thành tốt nhiệm vụ, chiếm 50,00%"
        );
        let rerated = Rerated::of(&rows);
        assert_eq!((rerated.rerated, rerated.decided, rerated.down), (1, 4, 1));
        assert_eq!(
            rerated.line(),
            "1/4 đảng viên được điều chỉnh mức xếp loại (xuống thấp hơn: 1)."
        );
        // The quota on each stage, with the workspace's cap: 1 HTXSNV against 2 HTTNV decided is
        // over at 20 % and at 25 % (floor), within on the chi bộ's proposals.
        let quota = |stage, cap| {
            let (_, c) = Counts::by_group_at(&rows, stage)[0];
            Quota::new(&c.by_level, cap).over()
        };
        assert_eq!(
            (quota(Stage::Decided, 20), quota(Stage::Decided, 25)),
            (1, 1)
        );
        assert_eq!(quota(Stage::ChiBo, 25), 0);
        // Cường's decision differs from the chi bộ's proposal: said, not refused.
        let warned: Vec<(String, CheckKind)> = checks(&rows, &inbox)
            .into_iter()
            .filter(|w| w.kind == CheckKind::DecisionDiffers)
            .map(|w| (w.member, w.kind))
            .collect();
        assert_eq!(
            warned,
            vec![("Cường".to_owned(), CheckKind::DecisionDiffers)]
        );
    }

    #[test]
    fn the_csv_has_vietnamese_headers_one_row_per_member_the_chi_bo_s_cap_and_defuses_a_formula_name(
    ) {
        let roster = vec![member("=cmd|' /C calc'!A0"), member("Bình")];
        let inbox = inbox_of(
            vec![review(
                "Bình",
                Some(Rating::HoanThanhTot),
                Some((27.5, 60.0)),
            )],
            &roster,
        );
        let rows = rows(&roster, &inbox);
        let (header, body) = csv_rows(&rows, 25);
        let text = crate::chibo::csv::write(&header, &body);
        let back = crate::chibo::csv::read(&text);
        assert_eq!(back[0][0], "Họ và tên");
        assert_eq!(back.len(), 3);
        assert!(back.iter().all(|row| row.len() == header.len()));
        let cap = header
            .iter()
            .position(|h| *h == "Giới hạn hoàn thành xuất sắc nhiệm vụ")
            .expect("a column for the quota cap");
        assert_eq!(back[1][cap], "25% số hoàn thành tốt nhiệm vụ");
        assert_eq!(back[2][cap], "25% số hoàn thành tốt nhiệm vụ");
        assert_eq!(back[1][0], "'=cmd|' /C calc'!A0");
        assert_eq!(back[1][4], "Chưa kiểm điểm");
        assert_eq!(back[2][4], "Hoàn thành tốt nhiệm vụ");
        assert_eq!(back[2][5], "27,5/30, 60/70, 87,5/100");
        assert_eq!(back[2][6], "Hoàn thành tốt nhiệm vụ");
    }
}
