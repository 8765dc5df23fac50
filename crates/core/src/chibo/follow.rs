//! The pledges at a quarter's thematic meeting: each member's commitments with where they stood at
//! that quarter, from the pledge files the members sent (Chỉ thị 50-CT/TW: a thematic meeting at
//! least once a quarter; HD 12-HD/BTCTW: the chi bộ reminds members who do not keep their pledge).
//! Counts are exact; the percentage's base is the commitments of the pledges received.

use crate::base::number::format_percent;
use crate::chibo::messages::{ctf, ChiBoMsg};
use crate::chibo::roster::Member;
use crate::chibo::table::Row;
use crate::model::pledge::{quarter_numeral, Progress, ProgressStatus};

/// A member's pledge at a quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowRow<'a> {
    pub member: &'a Member,
    /// When the pledge received was last saved (`YYYY-MM-DD`), `None` without a pledge.
    pub saved: Option<&'a str>,
    pub items: Vec<FollowItem<'a>>,
}

/// One commitment and its record at the quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowItem<'a> {
    pub content: &'a str,
    pub record: Option<&'a Progress>,
}

/// The quarter in numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FollowCounts {
    pub members: u64,
    pub with_pledge: u64,
    pub commitments: u64,
    pub done: u64,
    pub in_progress: u64,
    pub not_started: u64,
    /// Commitments with no status recorded for the quarter.
    pub unrecorded: u64,
}

/// Every member's commitments at `quarter` (1 to 4), in the table's order, and the counts.
pub fn follow_up<'a>(rows: &'a [Row<'a>], quarter: u8) -> (Vec<FollowRow<'a>>, FollowCounts) {
    let mut counts = FollowCounts::default();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        counts.members += 1;
        let pledge = row.pledge.map(|r| &r.document);
        let items: Vec<FollowItem<'a>> = pledge
            .iter()
            .flat_map(|p| p.commitments.iter())
            .filter(|c| !c.content.trim().is_empty())
            .map(|c| FollowItem {
                content: c.content.trim(),
                record: c.progress_at(quarter),
            })
            .collect();
        if pledge.is_some() {
            counts.with_pledge += 1;
        }
        for item in &items {
            counts.commitments += 1;
            match item.record.and_then(|r| r.status) {
                Some(ProgressStatus::Done) => counts.done += 1,
                Some(ProgressStatus::InProgress) => counts.in_progress += 1,
                Some(ProgressStatus::NotStarted) => counts.not_started += 1,
                None => counts.unrecorded += 1,
            }
        }
        out.push(FollowRow {
            member: &row.member,
            saved: pledge.map(|p| p.updated_at.get(..10).unwrap_or("")),
            items,
        });
    }
    (out, counts)
}

impl FollowCounts {
    /// "Quý III/2026: 12/15 đồng chí đã gửi bản cam kết, 40 cam kết: 18 đã xong (45,00%), …".
    pub fn sentence(&self, quarter: u8, year: u16) -> String {
        let percent = |n: u64| format_percent(n, self.commitments).unwrap_or_default();
        ctf(
            ChiBoMsg::FollowSentence,
            &[
                ("quarter", quarter_numeral(quarter)),
                ("year", &year.to_string()),
                ("with", &self.with_pledge.to_string()),
                ("members", &self.members.to_string()),
                ("commitments", &self.commitments.to_string()),
                ("done", &self.done.to_string()),
                ("done_percent", &percent(self.done)),
                ("doing", &self.in_progress.to_string()),
                ("todo", &self.not_started.to_string()),
                ("blank", &self.unrecorded.to_string()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chibo::intake::{Inbox, Period};
    use crate::chibo::roster::Group;
    use crate::chibo::table::rows;
    use crate::forms::field::HeaderField;
    use crate::model::document::{Document, Edit};
    use crate::model::pledge::{Commitment, CommitmentEdit, ProgressEdit};
    use crate::workflow::export::ExportEnvelope;

    fn member(name: &str) -> Member {
        Member {
            full_name: name.into(),
            birth_date: String::new(),
            group: Some(Group::Member),
            exemption: None,
            note: String::new(),
        }
    }

    /// A pledge with one commitment per status given for quarter 3 (`None`: no record).
    fn pledge(name: &str, statuses: &[Option<ProgressStatus>]) -> Document {
        let t = crate::forms::template::Template::pledge_for(2026);
        let mut d = Document::new(format!("p-{name}"), t, 2026, "2026-01-05T00:00:00.000Z");
        d.apply(Edit::Field(HeaderField::FullName, name.into()));
        d.apply(Edit::Field(HeaderField::ChiBo, "Chi bộ 1".into()));
        for (n, status) in statuses.iter().enumerate() {
            let id = format!("{name}-{n}");
            let mut c = Commitment::new(id.clone(), "nhiem-vu");
            c.content = format!("Việc {n} của {name}");
            d.apply(Edit::AddCommitment(c));
            d.apply(Edit::Commitment(
                id,
                CommitmentEdit::Progress(3, ProgressEdit::Status(*status)),
            ));
        }
        d
    }

    #[test]
    fn a_quarter_counts_every_commitment_of_the_pledges_received_by_its_status() {
        use ProgressStatus::*;
        let roster = [member("Lê Văn A"), member("Phạm Thị B"), member("Ngô C")];
        let documents = vec![
            pledge("Lê Văn A", &[Some(Done), Some(InProgress), None]),
            pledge("Phạm Thị B", &[Some(Done), Some(NotStarted)]),
        ];
        let period = Period {
            dang_bo: "Đảng bộ xã".into(),
            chi_bo: "Chi bộ 1".into(),
            year: 2026,
        };
        let mut inbox = Inbox::default();
        let bytes = ExportEnvelope::new(documents, "2026-09-30T00:00:00.000Z").to_json();
        inbox.receive(
            &period,
            &roster,
            "f.json",
            bytes.as_bytes(),
            "2026-10-01T00:00:00.000Z",
        );
        let rows = rows(&roster, &inbox);
        let (follow, counts) = follow_up(&rows, 3);
        assert_eq!(
            counts,
            FollowCounts {
                members: 3,
                with_pledge: 2,
                commitments: 5,
                done: 2,
                in_progress: 1,
                not_started: 1,
                unrecorded: 1,
            }
        );
        assert_eq!(follow[0].items.len(), 3);
        assert_eq!(follow[0].saved, Some("2026-01-05"));
        assert!(follow[2].items.is_empty() && follow[2].saved.is_none());
        assert_eq!(
            counts.sentence(3, 2026),
            "Quý III/2026: 2/3 đồng chí đã gửi bản cam kết, gồm 5 cam kết: 2 đã xong (40,00%), 1 đang làm, 1 chưa làm, 1 chưa ghi tiến độ quý này."
        );
        let (_, q2) = follow_up(&rows, 2);
        assert_eq!(
            (q2.commitments, q2.unrecorded),
            (5, 5),
            "nothing recorded in Q2"
        );
    }
}
