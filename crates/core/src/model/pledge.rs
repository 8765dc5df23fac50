//! The yearly pledge ("bản cam kết tu dưỡng, rèn luyện, phấn đấu"): a list of commitments, each in a
//! section of the pledge template, with a measurable target, a deadline, the evidence expected and,
//! at the year's end, the member's own assessment. The assessment feeds item A.I.3 of the review.
//!
//! During the year each commitment records its progress quarter by quarter ([`Progress`]), as the
//! chi bộ checks pledges at its thematic meetings (Chỉ thị 50-CT/TW: at least once a quarter; HD
//! 12-HD/BTCTW: month by month). The last record proposes the year-end assessment
//! ([`Commitment::proposed_assessment`]); the member's own choice stays the assessment.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::messages::{t, tf, yt, ytf, Msg, YearMsg};
use crate::forms::field::CommitmentPart;

/// One commitment of a pledge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Commitment {
    /// A random id, stable for the life of the commitment; carry-over links point at it.
    pub id: String,
    /// The id of the template section the commitment belongs to.
    pub section: String,
    /// What the member commits to.
    #[serde(default)]
    pub content: String,
    /// How the result will be measured.
    #[serde(default)]
    pub target: Option<Target>,
    /// By when: `YYYY-MM-DD`, or a quarter of the pledge's year `Q1`…`Q4`; empty when not set.
    #[serde(default)]
    pub deadline: String,
    /// The product or evidence that will show the result.
    #[serde(default)]
    pub evidence: String,
    /// The member's assessment at the year's end.
    #[serde(default)]
    pub assessment: Option<Assessment>,
    /// What the member says of the result.
    #[serde(default)]
    pub comment: String,
    /// Where the commitment was carried from (a shortcoming of last year's review), if anywhere.
    #[serde(default)]
    pub origin: Option<crate::model::carried::Origin>,
    /// Its progress, one record per quarter at most, in quarter order (schema 3).
    #[serde(default)]
    pub progress: Vec<Progress>,
}

/// Where a commitment stood at a quarter's meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Progress {
    /// The quarter of the pledge's year, 1 to 4.
    #[schemars(range(min = 1, max = 4))]
    pub quarter: u8,
    #[serde(default)]
    pub status: Option<ProgressStatus>,
    /// What was done, what stands in the way.
    #[serde(default)]
    pub note: String,
    /// The evidence so far.
    #[serde(default)]
    pub evidence: String,
    /// When the record was made, `YYYY-MM-DD`; set when its status is first given.
    #[serde(default)]
    pub date: String,
}

/// The three states of a commitment during the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    /// "Chưa làm".
    NotStarted,
    /// "Đang làm".
    InProgress,
    /// "Đã xong".
    Done,
}

impl ProgressStatus {
    pub const ALL: [ProgressStatus; 3] = [
        ProgressStatus::NotStarted,
        ProgressStatus::InProgress,
        ProgressStatus::Done,
    ];

    pub fn label(self) -> &'static str {
        yt(match self {
            ProgressStatus::NotStarted => YearMsg::ProgressNotStarted,
            ProgressStatus::InProgress => YearMsg::ProgressInProgress,
            ProgressStatus::Done => YearMsg::ProgressDone,
        })
    }

    pub fn key(self) -> &'static str {
        match self {
            ProgressStatus::NotStarted => "not_started",
            ProgressStatus::InProgress => "in_progress",
            ProgressStatus::Done => "done",
        }
    }
}

/// The roman numeral of a quarter, as quarters are written ("quý III/2026").
pub fn quarter_numeral(quarter: u8) -> &'static str {
    match quarter {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "IV",
    }
}

impl Progress {
    /// "Quý II (15/06/2026): đang làm. Đã số hoá 600 hồ sơ; minh chứng: báo cáo tháng 6", as
    /// printed under the commitment.
    pub fn line(&self) -> String {
        let mut line = ytf(
            YearMsg::ProgressQuarter,
            &[("quarter", quarter_numeral(self.quarter))],
        );
        if let Some(date) = crate::base::time::parse_date(&self.date) {
            line.push_str(&format!(" ({:02}/{:02}/{})", date.2, date.1, date.0));
        }
        line.push_str(": ");
        line.push_str(self.status.map_or(yt(YearMsg::ProgressNone), |s| s.label()));
        let mut rest = Vec::new();
        if !self.note.trim().is_empty() {
            rest.push(self.note.trim().trim_end_matches('.').to_owned());
        }
        if !self.evidence.trim().is_empty() {
            rest.push(ytf(
                YearMsg::ProgressEvidencePrint,
                &[("evidence", self.evidence.trim().trim_end_matches('.'))],
            ));
        }
        if !rest.is_empty() {
            line.push_str(". ");
            line.push_str(&rest.join("; "));
        }
        line.push('.');
        line
    }

    fn is_empty(&self) -> bool {
        self.status.is_none() && self.note.trim().is_empty() && self.evidence.trim().is_empty()
    }
}

/// A change to one quarter's progress record.
#[derive(Debug, Clone, PartialEq)]
pub enum ProgressEdit {
    Status(Option<ProgressStatus>),
    Note(String),
    Evidence(String),
    Date(String),
}

/// A measurable target: a number with a unit, or an outcome that will have happened or not.
/// Externally tagged (`{"number": {"value": 12, "unit": "buổi"}}`): an internally tagged enum
/// makes serde buffer the object, which costs the wasm bundle more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// "12 buổi", "100 %", "3 sáng kiến".
    Number {
        #[serde(default)]
        value: Option<f64>,
        #[serde(default)]
        unit: String,
    },
    /// A yes/no outcome: "Bảo vệ xong luận văn thạc sĩ".
    Outcome {
        #[serde(default)]
        outcome: String,
    },
}

impl Target {
    /// Whether the target can be checked at the year's end.
    pub fn is_measurable(&self) -> bool {
        match self {
            Target::Number { value, unit } => {
                value.is_some_and(|v| v > 0.0 && v.is_finite()) && !unit.trim().is_empty()
            }
            Target::Outcome { outcome } => !outcome.trim().is_empty(),
        }
    }

    /// The target as printed: "12 buổi", or the outcome.
    pub fn display(&self) -> String {
        match self {
            Target::Number { value, unit } => match value {
                Some(v) => format!("{} {}", crate::base::number::format_points(*v), unit.trim()),
                None => unit.trim().to_owned(),
            },
            Target::Outcome { outcome } => outcome.trim().to_owned(),
        }
    }
}

/// A deadline: a day or a quarter of the pledge's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    Date { year: u16, month: u8, day: u8 },
    Quarter(u8),
}

impl Deadline {
    /// Reads the stored form (`2026-06-30`, `Q2`); `None` for empty or malformed text.
    pub fn parse(text: &str) -> Option<Deadline> {
        let text = text.trim();
        if let Some(q) = text.strip_prefix('Q') {
            return match q.parse::<u8>() {
                Ok(q @ 1..=4) => Some(Deadline::Quarter(q)),
                _ => None,
            };
        }
        let date = crate::base::time::parse_date(text)?;
        Some(Deadline::Date {
            year: date.0,
            month: date.1,
            day: date.2,
        })
    }

    /// The deadline as printed: "30/6/2026", "quý II/2026".
    pub fn display(self, year: u16) -> String {
        match self {
            Deadline::Date { year, month, day } => format!("{day:02}/{month:02}/{year}"),
            Deadline::Quarter(q) => tf(
                Msg::DeadlineQuarter,
                &[
                    ("quarter", ["I", "II", "III", "IV"][usize::from(q - 1)]),
                    ("year", &year.to_string()),
                ],
            ),
        }
    }
}

/// The year-end self-assessment of a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Assessment {
    /// "Vượt".
    Exceeded,
    /// "Đạt".
    Met,
    /// "Chưa đạt".
    NotMet,
}

impl Assessment {
    pub const ALL: [Assessment; 3] = [Assessment::Exceeded, Assessment::Met, Assessment::NotMet];

    pub fn label(self) -> &'static str {
        t(match self {
            Assessment::Exceeded => Msg::AssessmentExceeded,
            Assessment::Met => Msg::AssessmentMet,
            Assessment::NotMet => Msg::AssessmentNotMet,
        })
    }

    pub fn key(self) -> &'static str {
        match self {
            Assessment::Exceeded => "exceeded",
            Assessment::Met => "met",
            Assessment::NotMet => "not_met",
        }
    }
}

/// A change to one field of a commitment.
#[derive(Debug, Clone, PartialEq)]
pub enum CommitmentEdit {
    Content(String),
    Target(Option<Target>),
    Deadline(String),
    Evidence(String),
    Assessment(Option<Assessment>),
    Comment(String),
    /// A quarter's progress record (1 to 4).
    Progress(u8, ProgressEdit),
}

impl Commitment {
    /// The edit a part of the editor's form makes with its new value, given the commitment as it
    /// is (a number keeps its unit when its value changes, and the other way round). `deadline`
    /// takes `Q1`…`Q4` or empty, `date` a `YYYY-MM-DD` day.
    pub fn form_edit(&self, part: CommitmentPart, value: &str) -> CommitmentEdit {
        let number = || match &self.target {
            Some(Target::Number { value, unit }) => (*value, unit.clone()),
            _ => (None, String::new()),
        };
        match part {
            CommitmentPart::Content => CommitmentEdit::Content(value.to_owned()),
            CommitmentPart::Evidence => CommitmentEdit::Evidence(value.to_owned()),
            CommitmentPart::Comment => CommitmentEdit::Comment(value.to_owned()),
            CommitmentPart::Deadline | CommitmentPart::Date => {
                CommitmentEdit::Deadline(value.to_owned())
            }
            CommitmentPart::Assessment => {
                CommitmentEdit::Assessment(Assessment::ALL.into_iter().find(|a| a.key() == value))
            }
            CommitmentPart::TargetKind => CommitmentEdit::Target(match (value, &self.target) {
                ("number", Some(t @ Target::Number { .. }))
                | ("outcome", Some(t @ Target::Outcome { .. })) => Some(t.clone()),
                ("number", _) => Some(Target::Number {
                    value: None,
                    unit: String::new(),
                }),
                ("outcome", _) => Some(Target::Outcome {
                    outcome: String::new(),
                }),
                _ => None,
            }),
            CommitmentPart::TargetValue => CommitmentEdit::Target(Some(Target::Number {
                value: crate::base::number::parse_typed_decimal(value),
                unit: number().1,
            })),
            CommitmentPart::TargetUnit => CommitmentEdit::Target(Some(Target::Number {
                value: number().0,
                unit: value.to_owned(),
            })),
            CommitmentPart::TargetOutcome => CommitmentEdit::Target(Some(Target::Outcome {
                outcome: value.to_owned(),
            })),
        }
    }

    /// An empty commitment in a section.
    pub fn new(id: String, section: &str) -> Commitment {
        Commitment {
            id,
            section: section.to_owned(),
            content: String::new(),
            target: None,
            deadline: String::new(),
            evidence: String::new(),
            assessment: None,
            comment: String::new(),
            origin: None,
            progress: Vec::new(),
        }
    }

    /// The record of a quarter, if any.
    pub fn progress_at(&self, quarter: u8) -> Option<&Progress> {
        self.progress.iter().find(|p| p.quarter == quarter)
    }

    /// The latest quarter with a status: where the commitment stands now.
    pub fn latest_progress(&self) -> Option<&Progress> {
        self.progress.iter().rev().find(|p| p.status.is_some())
    }

    /// The assessment the last quarter's record proposes, with that quarter: done (in any
    /// quarter) is "đạt"; not done at the fourth quarter's record is "chưa đạt". Nothing is
    /// proposed for a commitment still under way before the year's last quarter, nor before any
    /// status is recorded. "Vượt" is never proposed: only the member can say a result went beyond
    /// its target.
    pub fn proposed_assessment(&self) -> Option<(Assessment, &Progress)> {
        let last = self.latest_progress()?;
        let assessment = match last.status? {
            ProgressStatus::Done => Assessment::Met,
            ProgressStatus::InProgress | ProgressStatus::NotStarted if last.quarter == 4 => {
                Assessment::NotMet
            }
            ProgressStatus::InProgress | ProgressStatus::NotStarted => return None,
        };
        Some((assessment, last))
    }

    fn apply_progress(&mut self, quarter: u8, edit: ProgressEdit) -> bool {
        if !(1..=4).contains(&quarter) {
            return false;
        }
        let at = match self.progress.iter().position(|p| p.quarter == quarter) {
            Some(at) => at,
            None => {
                let at = self
                    .progress
                    .iter()
                    .position(|p| p.quarter > quarter)
                    .unwrap_or(self.progress.len());
                self.progress.insert(
                    at,
                    Progress {
                        quarter,
                        status: None,
                        note: String::new(),
                        evidence: String::new(),
                        date: String::new(),
                    },
                );
                at
            }
        };
        let record = &mut self.progress[at];
        let before = record.clone();
        match edit {
            ProgressEdit::Status(v) => record.status = v,
            ProgressEdit::Note(v) => record.note = v,
            ProgressEdit::Evidence(v) => record.evidence = v,
            ProgressEdit::Date(v) => record.date = v,
        }
        let changed = *record != before;
        // A record with nothing in it is no record: the quarter shows "chưa ghi" again.
        if record.is_empty() {
            self.progress.remove(at);
        }
        changed
    }

    /// Applies a change; returns whether anything changed.
    pub fn apply(&mut self, edit: CommitmentEdit) -> bool {
        fn set<T: PartialEq>(slot: &mut T, value: T) -> bool {
            if *slot == value {
                false
            } else {
                *slot = value;
                true
            }
        }
        match edit {
            CommitmentEdit::Content(v) => set(&mut self.content, v),
            CommitmentEdit::Target(v) => set(&mut self.target, v),
            CommitmentEdit::Deadline(v) => set(&mut self.deadline, v),
            CommitmentEdit::Evidence(v) => set(&mut self.evidence, v),
            CommitmentEdit::Assessment(v) => set(&mut self.assessment, v),
            CommitmentEdit::Comment(v) => set(&mut self.comment, v),
            CommitmentEdit::Progress(quarter, edit) => self.apply_progress(quarter, edit),
        }
    }

    /// One line for A.I.3 of the review and for print: content, target, deadline, assessment.
    pub fn result_line(&self, year: u16) -> String {
        let mut line = self.content.trim().trim_end_matches('.').to_owned();
        let mut details = Vec::new();
        if let Some(target) = self.target.as_ref().filter(|t| t.is_measurable()) {
            details.push(tf(Msg::LineTarget, &[("target", &target.display())]));
        }
        if let Some(deadline) = Deadline::parse(&self.deadline) {
            details.push(tf(
                Msg::LineDeadline,
                &[("deadline", &deadline.display(year))],
            ));
        }
        if let Some(last) = self.latest_progress() {
            let mut progress = ytf(
                YearMsg::ProgressLine,
                &[
                    ("quarter", quarter_numeral(last.quarter)),
                    ("year", &year.to_string()),
                    ("status", last.status.map_or("", |s| s.label())),
                ],
            );
            if !last.note.trim().is_empty() {
                progress.push_str(&format!(", {}", last.note.trim().trim_end_matches('.')));
            }
            details.push(progress);
        }
        if !details.is_empty() {
            line.push_str(&format!(" ({})", details.join("; ")));
        }
        line.push_str(": ");
        line.push_str(match self.assessment {
            Some(a) => a.label(),
            None => t(Msg::AssessmentNone),
        });
        if !self.comment.trim().is_empty() {
            line.push_str(" (");
            line.push_str(self.comment.trim().trim_end_matches('.'));
            line.push(')');
        }
        line.push('.');
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_is_measurable_with_a_positive_number_and_a_unit_or_an_outcome() {
        let n = |value, unit: &str| Target::Number {
            value,
            unit: unit.into(),
        };
        assert!(n(Some(12.0), "buổi").is_measurable());
        assert!(!n(Some(12.0), " ").is_measurable(), "no unit");
        assert!(!n(None, "buổi").is_measurable(), "no number");
        assert!(!n(Some(0.0), "buổi").is_measurable());
        assert!(!n(Some(f64::NAN), "buổi").is_measurable());
        assert!(Target::Outcome {
            outcome: "Bảo vệ xong luận văn".into()
        }
        .is_measurable());
        assert!(!Target::Outcome { outcome: "".into() }.is_measurable());
        assert_eq!(n(Some(2.5), "giờ/tuần").display(), "2,5 giờ/tuần");
    }

    #[test]
    fn progress_is_kept_one_record_per_quarter_in_order_and_proposes_the_assessment() {
        let mut c = Commitment::new("c1".into(), "nhiem-vu");
        c.content = "Số hoá hồ sơ".into();
        assert_eq!(c.proposed_assessment(), None);
        let status = |q, s| CommitmentEdit::Progress(q, ProgressEdit::Status(s));
        assert!(c.apply(status(3, Some(ProgressStatus::InProgress))));
        assert!(c.apply(status(1, Some(ProgressStatus::NotStarted))));
        assert!(!c.apply(status(1, Some(ProgressStatus::NotStarted))));
        assert!(
            !c.apply(status(5, Some(ProgressStatus::Done))),
            "no fifth quarter"
        );
        let quarters: Vec<u8> = c.progress.iter().map(|p| p.quarter).collect();
        assert_eq!(quarters, [1, 3]);
        assert_eq!(
            c.proposed_assessment(),
            None,
            "still under way in the third quarter: too early to propose"
        );
        assert!(c.apply(CommitmentEdit::Progress(
            4,
            ProgressEdit::Note("Xong 1.200 hồ sơ".into())
        )));
        assert_eq!(
            c.proposed_assessment(),
            None,
            "a note without a status proposes nothing"
        );
        assert!(c.apply(status(4, Some(ProgressStatus::InProgress))));
        let (assessment, from) = c.proposed_assessment().unwrap();
        assert_eq!((assessment, from.quarter), (Assessment::NotMet, 4));
        assert!(c.apply(status(4, Some(ProgressStatus::Done))));
        assert_eq!(c.proposed_assessment().unwrap().0, Assessment::Met);
        assert_eq!(c.assessment, None, "a proposal is not the member's choice");
        // Emptied, a record goes away.
        assert!(c.apply(status(1, None)));
        assert_eq!(c.progress.len(), 2);
        assert!(c
            .result_line(2026)
            .contains("quý IV/2026: đã xong, Xong 1.200 hồ sơ"));
    }

    #[test]
    fn a_progress_record_prints_its_quarter_date_status_note_and_evidence() {
        let p = Progress {
            quarter: 2,
            status: Some(ProgressStatus::InProgress),
            note: "Đã số hoá 600 hồ sơ.".into(),
            evidence: "Báo cáo tháng 6".into(),
            date: "2026-06-15".into(),
        };
        assert_eq!(
            p.line(),
            "Quý II (15/06/2026): đang làm. Đã số hoá 600 hồ sơ; minh chứng: Báo cáo tháng 6."
        );
    }

    #[test]
    fn deadlines_are_a_date_or_a_quarter() {
        assert_eq!(Deadline::parse("Q2"), Some(Deadline::Quarter(2)));
        assert_eq!(Deadline::parse("Q5"), None);
        assert_eq!(Deadline::parse(""), None);
        assert_eq!(Deadline::parse("2026-02-30"), None);
        assert_eq!(
            Deadline::parse("2026-06-30").map(|d| d.display(2026)),
            Some("30/06/2026".into())
        );
        assert_eq!(Deadline::Quarter(3).display(2026), "quý III/2026");
    }

    #[test]
    fn the_result_line_says_what_was_promised_and_how_it_went() {
        let mut c = Commitment::new("c1".into(), "nhiem-vu");
        c.apply(CommitmentEdit::Content(
            "Số hoá hồ sơ lưu trữ của phòng.".into(),
        ));
        c.apply(CommitmentEdit::Target(Some(Target::Number {
            value: Some(1200.0),
            unit: "hồ sơ".into(),
        })));
        c.apply(CommitmentEdit::Deadline("Q3".into()));
        assert_eq!(
            c.result_line(2026),
            "Số hoá hồ sơ lưu trữ của phòng (chỉ tiêu: 1200 hồ sơ; hạn: quý III/2026): chưa tự đánh giá."
        );
        assert!(c.apply(CommitmentEdit::Assessment(Some(Assessment::Exceeded))));
        assert!(!c.apply(CommitmentEdit::Assessment(Some(Assessment::Exceeded))));
        c.apply(CommitmentEdit::Comment("đã số hoá 1.350 hồ sơ".into()));
        assert!(c
            .result_line(2026)
            .ends_with(": vượt (đã số hoá 1.350 hồ sơ)."));
    }
}
