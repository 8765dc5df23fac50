//! The address of every field a member fills in: a header or identity line, a section, a score
//! group, a criterion of a rubric, a rating list, or a part of a commitment, a self-check answer
//! or a carried shortcoming. Validation issues and lint findings point at a [`FieldId`], the
//! editor's one delegated handler reads one back from the element that changed, and focusing a
//! field goes to its element. The element id is made by [`FieldId::dom_id`] and read by
//! [`FieldId::parse`], and nowhere else, so the two can never disagree.
//!
//! The DOM ids are the ones the first releases used (`identity-full-name`, `section-A.I.1`,
//! `commitment-<id>-content`, `check-NQ04-2016-A4-found`): end-to-end tests and members' bookmarks
//! of nothing depend on them, but keeping them kept every existing test as it was.

use serde::Deserialize;

use crate::base::messages::Msg;
use crate::forms::rating::RatingList;

/// One of the header or identity fields, for edits and validation. Templates list the identity
/// fields their form has, by these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeaderField {
    DangBo,
    ChiBo,
    Place,
    Date,
    FullName,
    BirthDate,
    WorkUnit,
    PartyPosition,
    GovernmentPosition,
    UnionPosition,
    CollectiveName,
    /// "Ngày kết nạp vào Đảng" (the probationary member's and the transfer's self-review).
    AdmissionDate,
    /// "Ngày chuyển sinh hoạt đảng".
    TransferDate,
    /// The resolution or course a "bài thu hoạch" is about.
    StudySubject,
}

impl HeaderField {
    /// The header block every form has, in print order.
    pub const HEADER: [HeaderField; 4] = [
        HeaderField::DangBo,
        HeaderField::ChiBo,
        HeaderField::Place,
        HeaderField::Date,
    ];

    /// The identity lines of the 2025 forms for individuals.
    pub const ALL: [HeaderField; 7] = [
        HeaderField::DangBo,
        HeaderField::ChiBo,
        HeaderField::Place,
        HeaderField::Date,
        HeaderField::FullName,
        HeaderField::BirthDate,
        HeaderField::WorkUnit,
    ];

    /// Every field, for reading an element id back.
    pub const EVERY: [HeaderField; 14] = [
        HeaderField::DangBo,
        HeaderField::ChiBo,
        HeaderField::Place,
        HeaderField::Date,
        HeaderField::FullName,
        HeaderField::BirthDate,
        HeaderField::WorkUnit,
        HeaderField::PartyPosition,
        HeaderField::GovernmentPosition,
        HeaderField::UnionPosition,
        HeaderField::CollectiveName,
        HeaderField::AdmissionDate,
        HeaderField::TransferDate,
        HeaderField::StudySubject,
    ];

    /// The field's label.
    pub fn label(self) -> Msg {
        match self {
            HeaderField::DangBo => Msg::FieldDangBo,
            HeaderField::ChiBo => Msg::FieldChiBo,
            HeaderField::Place => Msg::FieldPlace,
            HeaderField::Date => Msg::FieldDate,
            HeaderField::FullName => Msg::FieldFullName,
            HeaderField::BirthDate => Msg::FieldBirthDate,
            HeaderField::WorkUnit => Msg::FieldWorkUnit,
            HeaderField::PartyPosition => Msg::FieldPartyPosition,
            HeaderField::GovernmentPosition => Msg::FieldGovernmentPosition,
            HeaderField::UnionPosition => Msg::FieldUnionPosition,
            HeaderField::CollectiveName => Msg::FieldCollectiveName,
            HeaderField::AdmissionDate => Msg::FieldAdmissionDate,
            HeaderField::TransferDate => Msg::FieldTransferDate,
            HeaderField::StudySubject => Msg::FieldStudySubject,
        }
    }

    /// The field's part of its DOM id (see [`FieldId::dom_id`]).
    fn dom(self) -> &'static str {
        match self {
            HeaderField::DangBo => "header-dang-bo",
            HeaderField::ChiBo => "header-chi-bo",
            HeaderField::Place => "header-place",
            HeaderField::Date => "header-date",
            HeaderField::FullName => "identity-full-name",
            HeaderField::BirthDate => "identity-birth-date",
            HeaderField::WorkUnit => "identity-work-unit",
            HeaderField::PartyPosition => "identity-party-position",
            HeaderField::GovernmentPosition => "identity-government-position",
            HeaderField::UnionPosition => "identity-union-position",
            HeaderField::CollectiveName => "identity-collective-name",
            HeaderField::AdmissionDate => "identity-admission-date",
            HeaderField::TransferDate => "identity-transfer-date",
            HeaderField::StudySubject => "identity-study-subject",
        }
    }

    /// Whether the field is a position held (Đảng, chính quyền, đoàn thể): filled only by those who
    /// hold one.
    pub fn is_position(self) -> bool {
        matches!(
            self,
            HeaderField::PartyPosition
                | HeaderField::GovernmentPosition
                | HeaderField::UnionPosition
        )
    }

    /// Whether the field holds a date (`YYYY-MM-DD`).
    pub fn is_date(self) -> bool {
        matches!(
            self,
            HeaderField::Date
                | HeaderField::BirthDate
                | HeaderField::AdmissionDate
                | HeaderField::TransferDate
        )
    }
}

/// A field of a document, as validation, the linter and the editor address it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldId {
    /// The draft's own name, shown in the list only.
    Title,
    Header(HeaderField),
    /// A section's text, by section id (`A.I.1`).
    Section(String),
    /// A score group's points, by group id (`general`).
    Score(String),
    /// A rating list (its first choice is focused).
    Rating(RatingList),
    /// A rubric's sub-criterion, by criterion id.
    Criterion(String),
    /// A pledge section's list of commitments, focused at its "add" button, by section id.
    Commitments(String),
    /// A part of a commitment, by commitment id.
    Commitment(String, CommitmentPart),
    /// A part of the self-check answer for a reference item, by item key (`NQ04-2016/A4`).
    Check(String, CheckPart),
    /// A part of a carried shortcoming, by id.
    Carried(String, CarriedPart),
    /// A part of a commitment's progress record: the commitment's id and the quarter (1 to 4).
    Progress(String, u8, ProgressPart),
    /// A line of the prompt letter's source (cơ quan, số, ngày).
    PromptSource(PromptSourcePart),
    /// A part of the answer to one prompt issue, by the id.
    Prompt(String, PromptPart),
    /// The list of questions of a "bài thu hoạch" (its add button).
    Questions,
    /// A question of a "bài thu hoạch" or its answer, by the question's id.
    Question(String, QuestionPart),
}

/// The parts of a commitment the editor shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommitmentPart {
    Content,
    /// A number, an outcome, or none.
    TargetKind,
    TargetValue,
    TargetUnit,
    TargetOutcome,
    /// A quarter, "a date", or none.
    Deadline,
    /// The day, when the deadline is a date.
    Date,
    Evidence,
    Assessment,
    Comment,
}

impl CommitmentPart {
    pub const ALL: [CommitmentPart; 10] = [
        CommitmentPart::Content,
        CommitmentPart::TargetKind,
        CommitmentPart::TargetValue,
        CommitmentPart::TargetUnit,
        CommitmentPart::TargetOutcome,
        CommitmentPart::Deadline,
        CommitmentPart::Date,
        CommitmentPart::Evidence,
        CommitmentPart::Assessment,
        CommitmentPart::Comment,
    ];

    fn dom(self) -> &'static str {
        match self {
            CommitmentPart::Content => "content",
            CommitmentPart::TargetKind => "target",
            CommitmentPart::TargetValue => "value",
            CommitmentPart::TargetUnit => "unit",
            CommitmentPart::TargetOutcome => "outcome",
            CommitmentPart::Deadline => "deadline",
            CommitmentPart::Date => "date",
            CommitmentPart::Evidence => "evidence",
            CommitmentPart::Assessment => "assessment",
            CommitmentPart::Comment => "comment",
        }
    }
}

/// The parts of a self-check answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckPart {
    /// "Không có" / "Có biểu hiện".
    Found,
    Action,
    By,
}

impl CheckPart {
    pub const ALL: [CheckPart; 3] = [CheckPart::Found, CheckPart::Action, CheckPart::By];

    fn dom(self) -> &'static str {
        match self {
            CheckPart::Found => "found",
            CheckPart::Action => "action",
            CheckPart::By => "by",
        }
    }
}

/// The parts of a carried shortcoming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CarriedPart {
    Status,
    Note,
}

impl CarriedPart {
    pub const ALL: [CarriedPart; 2] = [CarriedPart::Status, CarriedPart::Note];

    fn dom(self) -> &'static str {
        match self {
            CarriedPart::Status => "status",
            CarriedPart::Note => "note",
        }
    }
}

/// The part named at the end of `rest` (`<id>-<part>`), and the id before it.
/// A part of a commitment's quarterly progress record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgressPart {
    Status,
    Note,
    Evidence,
    Date,
}

impl ProgressPart {
    pub const ALL: [ProgressPart; 4] = [
        ProgressPart::Status,
        ProgressPart::Note,
        ProgressPart::Evidence,
        ProgressPart::Date,
    ];

    fn dom(self) -> &'static str {
        match self {
            ProgressPart::Status => "status",
            ProgressPart::Note => "note",
            ProgressPart::Evidence => "evidence",
            ProgressPart::Date => "date",
        }
    }
}

/// A question of a "bài thu hoạch", or its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuestionPart {
    Question,
    Answer,
}

impl QuestionPart {
    pub const ALL: [QuestionPart; 2] = [QuestionPart::Question, QuestionPart::Answer];

    fn dom(self) -> &'static str {
        match self {
            QuestionPart::Question => "question",
            QuestionPart::Answer => "answer",
        }
    }
}

/// A line of the source of a prompt letter ("gợi ý kiểm điểm").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PromptSourcePart {
    Body,
    Number,
    Date,
}

impl PromptSourcePart {
    pub const ALL: [PromptSourcePart; 3] = [
        PromptSourcePart::Body,
        PromptSourcePart::Number,
        PromptSourcePart::Date,
    ];

    fn dom(self) -> &'static str {
        match self {
            PromptSourcePart::Body => "body",
            PromptSourcePart::Number => "number",
            PromptSourcePart::Date => "date",
        }
    }
}

/// A part of the answer to one prompt issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PromptPart {
    Content,
    Explanation,
    CauseObjective,
    CauseSubjective,
    Responsibility,
    CollectiveResponsibility,
    Remedy,
    Shortcoming,
}

impl PromptPart {
    pub const ALL: [PromptPart; 8] = [
        PromptPart::Content,
        PromptPart::Explanation,
        PromptPart::CauseObjective,
        PromptPart::CauseSubjective,
        PromptPart::Responsibility,
        PromptPart::CollectiveResponsibility,
        PromptPart::Remedy,
        PromptPart::Shortcoming,
    ];

    fn dom(self) -> &'static str {
        match self {
            PromptPart::Content => "content",
            PromptPart::Explanation => "explanation",
            PromptPart::CauseObjective => "objective",
            PromptPart::CauseSubjective => "subjective",
            PromptPart::Responsibility => "responsibility",
            PromptPart::CollectiveResponsibility => "collective",
            PromptPart::Remedy => "remedy",
            PromptPart::Shortcoming => "shortcoming",
        }
    }
}

fn split_part<P: Copy>(
    rest: &str,
    parts: &[P],
    dom: impl Fn(P) -> &'static str,
) -> Option<(String, P)> {
    parts.iter().find_map(|&part| {
        let id = rest.strip_suffix(dom(part))?.strip_suffix('-')?;
        (!id.is_empty()).then(|| (id.to_owned(), part))
    })
}

impl FieldId {
    /// The element id of the field in the editor. A group of radio buttons has this as its
    /// `name` and as the id of its container; each button's id adds `-<value>`.
    pub fn dom_id(&self) -> String {
        match self {
            FieldId::Title => "doc-title".to_owned(),
            FieldId::Header(field) => field.dom().to_owned(),
            FieldId::Section(id) => format!("section-{id}"),
            FieldId::Score(group) => format!("score-{group}"),
            FieldId::Rating(RatingList::Party) => "rating".to_owned(),
            FieldId::Rating(RatingList::CivilServant) => "rating-civil".to_owned(),
            FieldId::Criterion(id) => format!("criterion-{id}"),
            FieldId::Commitments(section) => format!("add-{section}"),
            FieldId::Commitment(id, part) => format!("commitment-{id}-{}", part.dom()),
            // The key's `/` is not welcome in an id that CSS selectors name.
            FieldId::Check(key, part) => format!("check-{}-{}", key.replace('/', "-"), part.dom()),
            FieldId::Carried(id, part) => format!("carried-{id}-{}", part.dom()),
            FieldId::Progress(id, quarter, part) => {
                format!("progress-{id}-q{quarter}-{}", part.dom())
            }
            FieldId::PromptSource(part) => format!("prompts-{}", part.dom()),
            FieldId::Prompt(id, part) => format!("prompt-{id}-{}", part.dom()),
            FieldId::Questions => "questions-add".to_owned(),
            FieldId::Question(id, part) => format!("question-{id}-{}", part.dom()),
        }
    }

    /// The field an element id names: the inverse of [`FieldId::dom_id`]. `None` for an id that
    /// is no field's.
    pub fn parse(dom_id: &str) -> Option<FieldId> {
        if dom_id == "doc-title" {
            return Some(FieldId::Title);
        }
        if let Some(field) = HeaderField::EVERY.into_iter().find(|f| f.dom() == dom_id) {
            return Some(FieldId::Header(field));
        }
        match dom_id {
            "rating" => return Some(FieldId::Rating(RatingList::Party)),
            "rating-civil" => return Some(FieldId::Rating(RatingList::CivilServant)),
            _ => {}
        }
        let (kind, rest) = dom_id.split_once('-')?;
        if rest.is_empty() {
            return None;
        }
        match kind {
            "section" => Some(FieldId::Section(rest.to_owned())),
            "score" => Some(FieldId::Score(rest.to_owned())),
            "criterion" => Some(FieldId::Criterion(rest.to_owned())),
            "add" => Some(FieldId::Commitments(rest.to_owned())),
            "commitment" => split_part(rest, &CommitmentPart::ALL, CommitmentPart::dom)
                .map(|(id, part)| FieldId::Commitment(id, part)),
            "carried" => split_part(rest, &CarriedPart::ALL, CarriedPart::dom)
                .map(|(id, part)| FieldId::Carried(id, part)),
            "progress" => {
                let (key, part) = split_part(rest, &ProgressPart::ALL, ProgressPart::dom)?;
                let (id, quarter) = key.rsplit_once("-q")?;
                let quarter: u8 = quarter.parse().ok().filter(|q| (1..=4).contains(q))?;
                (!id.is_empty()).then(|| FieldId::Progress(id.to_owned(), quarter, part))
            }
            "prompts" => PromptSourcePart::ALL
                .into_iter()
                .find(|p| p.dom() == rest)
                .map(FieldId::PromptSource),
            "prompt" => split_part(rest, &PromptPart::ALL, PromptPart::dom)
                .map(|(id, part)| FieldId::Prompt(id, part)),
            "questions" if rest == "add" => Some(FieldId::Questions),
            "question" => split_part(rest, &QuestionPart::ALL, QuestionPart::dom)
                .map(|(id, part)| FieldId::Question(id, part)),
            // `NQ04-2016-A4`: the item id (`A4`, `12`) never has a dash, the list id may.
            "check" => {
                let (key, part) = split_part(rest, &CheckPart::ALL, CheckPart::dom)?;
                let (list, item) = key.rsplit_once('-')?;
                Some(FieldId::Check(format!("{list}/{item}"), part))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_id_survives_its_dom_id_and_keeps_the_ids_of_earlier_releases() {
        let cases = [
            (FieldId::Title, "doc-title"),
            (FieldId::Header(HeaderField::FullName), "identity-full-name"),
            (FieldId::Header(HeaderField::DangBo), "header-dang-bo"),
            (FieldId::Section("A.I.1".into()), "section-A.I.1"),
            (FieldId::Score("general".into()), "score-general"),
            (FieldId::Rating(RatingList::Party), "rating"),
            (FieldId::Rating(RatingList::CivilServant), "rating-civil"),
            (FieldId::Criterion("g-1".into()), "criterion-g-1"),
            (FieldId::Commitments("nhiem-vu".into()), "add-nhiem-vu"),
            (
                FieldId::Commitment("8c1f-4a2b".into(), CommitmentPart::TargetKind),
                "commitment-8c1f-4a2b-target",
            ),
            (
                FieldId::Commitment("m1".into(), CommitmentPart::Content),
                "commitment-m1-content",
            ),
            (
                FieldId::Check("NQ04-2016/A4".into(), CheckPart::Found),
                "check-NQ04-2016-A4-found",
            ),
            (
                FieldId::Check("QD37-2021/12".into(), CheckPart::By),
                "check-QD37-2021-12-by",
            ),
            (
                FieldId::Carried("c-1".into(), CarriedPart::Note),
                "carried-c-1-note",
            ),
            (
                FieldId::Progress("8c1f-4a2b".into(), 3, ProgressPart::Status),
                "progress-8c1f-4a2b-q3-status",
            ),
            (
                FieldId::PromptSource(PromptSourcePart::Number),
                "prompts-number",
            ),
            (
                FieldId::Prompt("p-1".into(), PromptPart::CauseSubjective),
                "prompt-p-1-subjective",
            ),
            (FieldId::Questions, "questions-add"),
            (
                FieldId::Question("q-1".into(), QuestionPart::Answer),
                "question-q-1-answer",
            ),
        ];
        assert_eq!(
            FieldId::parse("progress-c-q5-status"),
            None,
            "no fifth quarter"
        );
        assert_eq!(FieldId::parse("progress-q1-status"), None, "no commitment");
        for (field, dom) in cases {
            assert_eq!(field.dom_id(), dom);
            assert_eq!(FieldId::parse(dom), Some(field), "{dom}");
        }
        for field in HeaderField::EVERY {
            let id = FieldId::Header(field);
            assert_eq!(FieldId::parse(&id.dom_id()), Some(id));
        }
    }

    #[test]
    fn ids_that_name_no_field_parse_to_nothing() {
        for dom in [
            "",
            "section-",
            "commitment-x",
            "commitment--content",
            "check-A4-found",
            "carried-x-colour",
            "problems-title",
            "export-one",
        ] {
            assert_eq!(FieldId::parse(dom), None, "{dom}");
        }
    }
}
