//! The document a member writes: a self-review or a pledge, with its header and identity
//! fields, the answer to each section, the scores and the proposed rating.
//!
//! Edits go through [`Document::apply`], so the web shell never pokes at fields itself and every
//! edit is testable here. The shell supplies the clock (`now`, an RFC 3339 string) and fresh ids.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::messages::Msg;
use crate::base::number::parse_typed_decimal;
use crate::forms::field::{CarriedPart, CheckPart, CommitmentPart, FieldId, HeaderField};
use crate::forms::rating::{Rating, RatingList};
use crate::forms::template::Template;

/// A self-review draft. This is also the unit of export and import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// A random id (UUID v4), stable for the life of the document.
    pub id: String,
    /// The form the document follows, for ever (`HD43-2025/2B`).
    pub template_id: String,
    /// The member's own name for the draft, shown in the list only.
    pub title: String,
    /// The review year.
    pub year: u16,
    /// The header block: đảng bộ, chi bộ, place and date.
    pub header: Header,
    /// The identity lines under the title.
    pub identity: Identity,
    /// The text of each section, by section id. Sections never written are absent.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// Points per score group, by group id. Groups never scored are absent.
    #[serde(default)]
    pub scores: Vec<Score>,
    /// The level the member proposes for themselves: the party-member rating, the only one on the
    /// 2025 forms.
    #[serde(default)]
    pub proposed_rating: Option<Rating>,
    /// The civil-servant rating the member proposes, on the 2019 and 2023 forms that ask for both.
    #[serde(default)]
    pub civil_servant_rating: Option<Rating>,
    /// The member's yes/no answers to the conditions of Điều 11 (`rules.rs`).
    #[serde(default)]
    pub conditions: Vec<crate::model::condition::Answer>,
    /// The local rubric the document is scored under, copied in so the export carries it.
    #[serde(default)]
    pub rubric: Option<crate::forms::rubric::Rubric>,
    /// Points per sub-criterion of the rubric; each group's points are their sum.
    #[serde(default)]
    pub criterion_scores: Vec<crate::forms::rubric::CriterionScore>,
    /// The commitments of a pledge (empty for a review).
    #[serde(default)]
    pub commitments: Vec<crate::model::pledge::Commitment>,
    /// A pledge's "học tập và làm theo" theme of the year (chuyên đề), as the đảng bộ set it.
    #[serde(default)]
    pub theme: String,
    /// The pledge also registers "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh".
    #[serde(default)]
    pub study_registration: bool,
    /// The self-check against the reference lists (reviews).
    #[serde(default)]
    pub self_check: Vec<crate::model::check::CheckEntry>,
    /// Last year's shortcomings followed up in section A.III (reviews).
    #[serde(default)]
    pub carried: Vec<crate::model::carried::CarriedItem>,
    /// The documents this one was made from or reports on, by id.
    #[serde(default)]
    pub links: Vec<crate::model::link::Link>,
    /// The upper level's prompts and the answer to each, for section IV (schema 3); `None` where
    /// no prompt was given, and section IV is then plain text as the form has it.
    #[serde(default)]
    pub prompts: Option<crate::model::prompt::Prompts>,
    /// A "bài thu hoạch"'s questions and answers (schema 3).
    #[serde(default)]
    pub questions: Vec<crate::model::study::StudyQuestion>,
    /// The committee's own template the document follows, as its file (`forms::custom`), so the
    /// document opens on a device that never imported that template (schema 4); absent for the
    /// app's built-in templates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<serde_json::Map<String, serde_json::Value>>")]
    pub form: Option<serde_json::Value>,
    /// When the document was created (RFC 3339, UTC).
    pub created_at: String,
    /// When the document was last changed (RFC 3339, UTC).
    pub updated_at: String,
    /// Goes up by one on every saved change; lets two copies be told apart.
    #[serde(default)]
    pub revision: u64,
}

/// The header block of the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Header {
    /// "ĐẢNG BỘ …", the upper party organisation.
    #[serde(default)]
    pub dang_bo: String,
    /// "CHI BỘ …".
    #[serde(default)]
    pub chi_bo: String,
    /// The place in "…, ngày … tháng … năm …".
    #[serde(default)]
    pub place: String,
    /// The date of writing, `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub date: String,
}

/// The identity lines of the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Identity {
    /// "Họ và tên".
    #[serde(default)]
    pub full_name: String,
    /// "Ngày sinh", `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub birth_date: String,
    /// "Đơn vị công tác".
    #[serde(default)]
    pub work_unit: String,
    /// "Chức vụ Đảng" (forms for leaders).
    #[serde(default)]
    pub party_position: String,
    /// "Chức vụ chính quyền" (forms for leaders).
    #[serde(default)]
    pub government_position: String,
    /// "Chức vụ đoàn thể" (forms for leaders).
    #[serde(default)]
    pub union_position: String,
    /// The name of the collective (the collective report, Mẫu 01).
    #[serde(default)]
    pub collective_name: String,
    /// "Ngày kết nạp vào Đảng", `YYYY-MM-DD`, or empty (schema 3).
    #[serde(default)]
    pub admission_date: String,
    /// "Ngày chuyển sinh hoạt đảng", `YYYY-MM-DD`, or empty (schema 3).
    #[serde(default)]
    pub transfer_date: String,
    /// The resolution, topic or course a "bài thu hoạch" is about (schema 3).
    #[serde(default)]
    pub study_subject: String,
}

/// The member's text for one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Answer {
    /// The section id of the template, `A.I.1`.
    pub section: String,
    pub text: String,
}

/// The member's points for one score group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Score {
    /// The score group id of the template, `general` or `tasks`.
    pub group: String,
    pub points: f64,
}

/// One change the member makes in the editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Title(String),
    Field(HeaderField, String),
    /// The text of a section, by section id.
    Section(String, String),
    /// The points of a score group, by group id; `None` clears it.
    Score(String, Option<f64>),
    Rating(Option<Rating>),
    /// The civil-servant rating of the 2019 and 2023 forms.
    CivilServantRating(Option<Rating>),
    /// The answer to a condition of Điều 11; `None` clears it.
    Condition(crate::model::condition::Question, Option<bool>),
    /// Scores the document under a rubric, or stops (`None`; the group points stay).
    Rubric(Option<Box<crate::forms::rubric::Rubric>>),
    /// The points of a rubric's sub-criterion; `None` clears them.
    Criterion(String, Option<f64>),
    /// Adds a commitment at the end of its section.
    AddCommitment(crate::model::pledge::Commitment),
    /// Changes a commitment, by id.
    Commitment(String, crate::model::pledge::CommitmentEdit),
    /// Removes a commitment, by id.
    RemoveCommitment(String),
    Theme(String),
    StudyRegistration(bool),
    /// The self-check answer for a reference item, by key.
    Check(String, crate::model::check::CheckEdit),
    /// Changes a carried shortcoming, by id.
    Carried(String, crate::model::carried::CarriedEdit),
    /// Links another document in a role, replacing the link the role had.
    Link(crate::model::link::Link),
    /// Changes the prompts ("gợi ý kiểm điểm") and their answers.
    Prompts(crate::model::prompt::PromptEdit),
    /// Adds a question of a "bài thu hoạch" at the end.
    AddQuestion(crate::model::study::StudyQuestion),
    /// Removes a question, by id.
    RemoveQuestion(String),
    /// A question's wording or its answer, by id.
    Question(String, crate::forms::field::QuestionPart, String),
    /// A field's new value as the editor's one delegated handler reads it from the element that
    /// changed; [`Document::form_edit`] makes it the typed edit.
    Form(FieldId, String),
}

/// What the home page lists for a document: small, so the list never loads document bodies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: String,
    pub title: String,
    pub template_id: String,
    pub year: u16,
    #[serde(default)]
    pub created_at: String,
    pub updated_at: String,
    #[serde(default)]
    pub revision: u64,
    /// When the document was moved to the trash; `None` for a live document. Storage state, not
    /// part of the document, so it is never exported.
    #[serde(default)]
    pub deleted_at: Option<String>,
}

impl Document {
    /// A new, empty document for a template and year.
    pub fn new(id: String, template: &Template, year: u16, now: &str) -> Document {
        Document {
            id,
            template_id: template.id.to_owned(),
            title: crate::base::messages::tf(
                match template.document {
                    crate::forms::template::DocKind::Pledge => Msg::DefaultPledgeTitle,
                    crate::forms::template::DocKind::Probation => Msg::DefaultProbationTitle,
                    crate::forms::template::DocKind::Transfer => Msg::DefaultTransferTitle,
                    crate::forms::template::DocKind::Study => Msg::DefaultStudyTitle,
                    crate::forms::template::DocKind::Review => Msg::DefaultTitle,
                },
                &[("year", &year.to_string())],
            ),
            year,
            header: Header::default(),
            identity: Identity::default(),
            answers: Vec::new(),
            scores: Vec::new(),
            proposed_rating: None,
            civil_servant_rating: None,
            conditions: Vec::new(),
            rubric: None,
            criterion_scores: Vec::new(),
            commitments: Vec::new(),
            theme: String::new(),
            study_registration: false,
            self_check: Vec::new(),
            carried: Vec::new(),
            links: Vec::new(),
            prompts: None,
            questions: Vec::new(),
            form: template.own_file.cloned(),
            created_at: now.to_owned(),
            updated_at: now.to_owned(),
            revision: 0,
        }
    }

    /// The value of a header or identity field.
    pub fn field(&self, field: HeaderField) -> &str {
        match field {
            HeaderField::DangBo => &self.header.dang_bo,
            HeaderField::ChiBo => &self.header.chi_bo,
            HeaderField::Place => &self.header.place,
            HeaderField::Date => &self.header.date,
            HeaderField::FullName => &self.identity.full_name,
            HeaderField::BirthDate => &self.identity.birth_date,
            HeaderField::WorkUnit => &self.identity.work_unit,
            HeaderField::PartyPosition => &self.identity.party_position,
            HeaderField::GovernmentPosition => &self.identity.government_position,
            HeaderField::UnionPosition => &self.identity.union_position,
            HeaderField::CollectiveName => &self.identity.collective_name,
            HeaderField::AdmissionDate => &self.identity.admission_date,
            HeaderField::TransferDate => &self.identity.transfer_date,
            HeaderField::StudySubject => &self.identity.study_subject,
        }
    }

    fn field_mut(&mut self, field: HeaderField) -> &mut String {
        match field {
            HeaderField::DangBo => &mut self.header.dang_bo,
            HeaderField::ChiBo => &mut self.header.chi_bo,
            HeaderField::Place => &mut self.header.place,
            HeaderField::Date => &mut self.header.date,
            HeaderField::FullName => &mut self.identity.full_name,
            HeaderField::BirthDate => &mut self.identity.birth_date,
            HeaderField::WorkUnit => &mut self.identity.work_unit,
            HeaderField::PartyPosition => &mut self.identity.party_position,
            HeaderField::GovernmentPosition => &mut self.identity.government_position,
            HeaderField::UnionPosition => &mut self.identity.union_position,
            HeaderField::CollectiveName => &mut self.identity.collective_name,
            HeaderField::AdmissionDate => &mut self.identity.admission_date,
            HeaderField::TransferDate => &mut self.identity.transfer_date,
            HeaderField::StudySubject => &mut self.identity.study_subject,
        }
    }

    /// The text of a section, empty when never written.
    pub fn answer(&self, section: &str) -> &str {
        self.answers
            .iter()
            .find(|a| a.section == section)
            .map_or("", |a| a.text.as_str())
    }

    /// The points of a score group, if scored.
    pub fn score(&self, group: &str) -> Option<f64> {
        self.scores
            .iter()
            .find(|s| s.group == group)
            .map(|s| s.points)
    }

    /// The points of a rubric's sub-criterion, if scored.
    pub fn criterion_score(&self, criterion: &str) -> Option<f64> {
        self.criterion_scores
            .iter()
            .find(|c| c.criterion == criterion)
            .map(|c| c.points)
    }

    /// Applies one edit. Returns whether anything changed, so that an edit that changes nothing
    /// (the same text typed again) does not trigger a save.
    pub fn apply(&mut self, edit: Edit) -> bool {
        match edit {
            Edit::Title(title) => self.set_title(title),
            Edit::Field(field, value) => self.set_field(field, value),
            Edit::Section(section, text) => self.set_section(section, text),
            Edit::Score(group, points) => {
                let old = self.score(&group);
                if old == points {
                    return false;
                }
                self.scores.retain(|s| s.group != group);
                if let Some(points) = points {
                    self.scores.push(Score { group, points });
                }
                true
            }
            Edit::Rating(rating) => {
                let changed = self.proposed_rating != rating;
                self.proposed_rating = rating;
                changed
            }
            Edit::Condition(question, value) => {
                let old = self
                    .conditions
                    .iter()
                    .find(|a| a.question == question)
                    .map(|a| a.yes);
                if old == value {
                    return false;
                }
                self.conditions.retain(|a| a.question != question);
                if let Some(yes) = value {
                    self.conditions
                        .push(crate::model::condition::Answer { question, yes });
                }
                true
            }
            Edit::Rubric(rubric) => {
                let rubric = rubric.map(|r| *r);
                if self.rubric == rubric {
                    return false;
                }
                self.rubric = rubric;
                self.criterion_scores.clear();
                true
            }
            Edit::Criterion(criterion, points) => {
                let Some(group) = self.rubric.as_ref().and_then(|r| {
                    r.groups
                        .iter()
                        .find(|g| g.criteria.iter().any(|c| c.id == criterion))
                        .cloned()
                }) else {
                    return false;
                };
                let old = self.criterion_score(&criterion);
                if old == points {
                    return false;
                }
                self.criterion_scores.retain(|c| c.criterion != criterion);
                if let Some(points) = points {
                    self.criterion_scores
                        .push(crate::forms::rubric::CriterionScore { criterion, points });
                }
                // The group's points are the sum once every sub-criterion is scored.
                let scores: Option<Vec<f64>> = group
                    .criteria
                    .iter()
                    .map(|c| self.criterion_score(&c.id))
                    .collect();
                let sum = scores.map(|s| (s.iter().sum::<f64>() * 100.0).round() / 100.0);
                self.apply(Edit::Score(group.group.clone(), sum));
                true
            }
            Edit::CivilServantRating(rating) => {
                let changed = self.civil_servant_rating != rating;
                self.civil_servant_rating = rating;
                changed
            }
            Edit::AddCommitment(commitment) => {
                if self.commitments.iter().any(|c| c.id == commitment.id) {
                    return false;
                }
                // After the last commitment of the same section, so sections stay together.
                let at = self
                    .commitments
                    .iter()
                    .rposition(|c| c.section == commitment.section)
                    .map_or(self.commitments.len(), |i| i + 1);
                self.commitments.insert(at, commitment);
                true
            }
            Edit::Commitment(id, edit) => self
                .commitments
                .iter_mut()
                .find(|c| c.id == id)
                .is_some_and(|c| c.apply(edit)),
            Edit::RemoveCommitment(id) => {
                let before = self.commitments.len();
                self.commitments.retain(|c| c.id != id);
                self.commitments.len() != before
            }
            Edit::Theme(theme) => replace(&mut self.theme, theme),
            Edit::StudyRegistration(on) => {
                let changed = self.study_registration != on;
                self.study_registration = on;
                changed
            }
            Edit::Check(item, edit) => {
                use crate::model::check::{CheckEdit, CheckEntry};
                let at = self.self_check.iter().position(|e| e.item == item);
                match (edit, at) {
                    (CheckEdit::Found(None), Some(i)) => {
                        self.self_check.remove(i);
                        true
                    }
                    (CheckEdit::Found(None), None) => false,
                    (CheckEdit::Found(Some(found)), Some(i)) => {
                        let changed = self.self_check[i].found != found;
                        self.self_check[i].found = found;
                        changed
                    }
                    (CheckEdit::Found(Some(found)), None) => {
                        self.self_check.push(CheckEntry {
                            item,
                            found,
                            action: String::new(),
                            by: String::new(),
                        });
                        true
                    }
                    (CheckEdit::Action(text), Some(i)) => {
                        replace(&mut self.self_check[i].action, text)
                    }
                    (CheckEdit::By(text), Some(i)) => replace(&mut self.self_check[i].by, text),
                    (CheckEdit::Action(_) | CheckEdit::By(_), None) => false,
                }
            }
            Edit::Carried(id, edit) => {
                use crate::model::carried::CarriedEdit;
                let Some(item) = self.carried.iter_mut().find(|c| c.id == id) else {
                    return false;
                };
                match edit {
                    CarriedEdit::Status(status) => {
                        let changed = item.status != status;
                        item.status = status;
                        changed
                    }
                    CarriedEdit::Note(note) => replace(&mut item.note, note),
                }
            }
            Edit::Form(field, value) => match self.form_edit(&field, &value) {
                Some(edit) => self.apply(edit),
                None => false,
            },
            Edit::Link(link) => self.link(link),
            Edit::Prompts(crate::model::prompt::PromptEdit::Set(prompts)) => {
                let changed = self.prompts != prompts;
                self.prompts = prompts;
                changed
            }
            Edit::Prompts(crate::model::prompt::PromptEdit::Import(letter))
                if self.prompts.is_none() =>
            {
                self.prompts = Some(letter);
                true
            }
            Edit::Prompts(edit) => self.prompts.as_mut().is_some_and(|p| p.apply(edit)),
            Edit::AddQuestion(question) => {
                if self.questions.iter().any(|q| q.id == question.id) {
                    return false;
                }
                self.questions.push(question);
                true
            }
            Edit::RemoveQuestion(id) => {
                let before = self.questions.len();
                self.questions.retain(|q| q.id != id);
                before != self.questions.len()
            }
            Edit::Question(id, part, value) => {
                let Some(q) = self.questions.iter_mut().find(|q| q.id == id) else {
                    return false;
                };
                match part {
                    crate::forms::field::QuestionPart::Question => replace(&mut q.question, value),
                    crate::forms::field::QuestionPart::Answer => replace(&mut q.answer, value),
                }
            }
        }
    }

    // The edits the home page makes (rename, the profile, carry-over), as methods of their own:
    // the home page's wasm links these and not `apply`, whose every arm would come with it
    // (docs/size.md). `apply` is still how the editor changes a document.

    /// [`Edit::Title`].
    pub fn set_title(&mut self, title: String) -> bool {
        replace(&mut self.title, title)
    }

    /// [`Edit::Field`].
    pub fn set_field(&mut self, field: HeaderField, value: String) -> bool {
        replace(self.field_mut(field), value)
    }

    /// [`Edit::Section`].
    pub fn set_section(&mut self, section: String, text: String) -> bool {
        match self.answers.iter_mut().find(|a| a.section == section) {
            Some(answer) => replace(&mut answer.text, text),
            None if text.is_empty() => false,
            None => {
                self.answers.push(Answer { section, text });
                true
            }
        }
    }

    /// [`Edit::Link`].
    pub fn link(&mut self, link: crate::model::link::Link) -> bool {
        if self.links.contains(&link) {
            return false;
        }
        self.links.retain(|l| l.role != link.role);
        self.links.push(link);
        true
    }

    /// [`Document::apply`] with the time of the edit: a quarter's progress record gets the day its
    /// status was first given, so the member need not type it.
    pub fn apply_at(&mut self, edit: Edit, now: &str) -> bool {
        use crate::model::pledge::{CommitmentEdit, ProgressEdit};
        let edit = match edit {
            Edit::Form(field, value) => match self.form_edit(&field, &value) {
                Some(edit) => edit,
                None => return false,
            },
            edit => edit,
        };
        let dated = match &edit {
            Edit::Commitment(id, CommitmentEdit::Progress(quarter, ProgressEdit::Status(_))) => {
                Some((id.clone(), *quarter))
            }
            _ => None,
        };
        let changed = self.apply(edit);
        if let Some((id, quarter)) = dated {
            let undated = self
                .commitments
                .iter()
                .find(|c| c.id == id)
                .and_then(|c| c.progress_at(quarter))
                .is_some_and(|p| p.date.is_empty());
            if undated && now.len() >= 10 {
                self.apply(Edit::Commitment(
                    id,
                    CommitmentEdit::Progress(quarter, ProgressEdit::Date(now[..10].to_owned())),
                ));
            }
        }
        changed
    }

    /// The typed edit that a field's new value makes, as the editor's one delegated handler reads
    /// it from the element that changed (its [`FieldId`] and value). `None` when the field names
    /// no item of this document, or takes no value from an element (a commitment list).
    pub fn form_edit(&self, field: &FieldId, value: &str) -> Option<Edit> {
        use crate::model::carried::{CarriedEdit, CarryStatus};
        use crate::model::check::CheckEdit;
        Some(match field {
            FieldId::Title => Edit::Title(value.to_owned()),
            FieldId::Header(field) => Edit::Field(*field, value.to_owned()),
            FieldId::Section(id) => Edit::Section(id.clone(), value.to_owned()),
            FieldId::Score(group) => Edit::Score(group.clone(), parse_typed_decimal(value)),
            FieldId::Criterion(id) => Edit::Criterion(id.clone(), parse_typed_decimal(value)),
            FieldId::Rating(list) => {
                let rating = Rating::ALL.into_iter().find(|r| r.key() == value)?;
                match list {
                    RatingList::Party => Edit::Rating(Some(rating)),
                    RatingList::CivilServant => Edit::CivilServantRating(Some(rating)),
                }
            }
            FieldId::Commitments(_) => return None,
            FieldId::Commitment(id, part) => {
                let commitment = self.commitments.iter().find(|c| c.id == *id)?;
                let edit = if *part == CommitmentPart::Deadline && value == "date" {
                    // "Ngày cụ thể": start the day picker at the end of the pledge's year.
                    crate::model::pledge::CommitmentEdit::Deadline(format!("{}-12-31", self.year))
                } else {
                    commitment.form_edit(*part, value)
                };
                Edit::Commitment(id.clone(), edit)
            }
            FieldId::Check(key, part) => Edit::Check(
                key.clone(),
                match part {
                    CheckPart::Found => CheckEdit::Found(Some(value == "yes")),
                    CheckPart::Action => CheckEdit::Action(value.to_owned()),
                    CheckPart::By => CheckEdit::By(value.to_owned()),
                },
            ),
            FieldId::Progress(id, quarter, part) => {
                use crate::forms::field::ProgressPart;
                use crate::model::pledge::{CommitmentEdit, ProgressEdit, ProgressStatus};
                self.commitments.iter().find(|c| c.id == *id)?;
                let edit = match part {
                    ProgressPart::Status => ProgressEdit::Status(
                        ProgressStatus::ALL.into_iter().find(|s| s.key() == value),
                    ),
                    ProgressPart::Note => ProgressEdit::Note(value.to_owned()),
                    ProgressPart::Evidence => ProgressEdit::Evidence(value.to_owned()),
                    ProgressPart::Date => ProgressEdit::Date(value.to_owned()),
                };
                Edit::Commitment(id.clone(), CommitmentEdit::Progress(*quarter, edit))
            }
            FieldId::PromptSource(part) => {
                self.prompts.as_ref()?;
                Edit::Prompts(crate::model::prompt::PromptEdit::Source(
                    *part,
                    value.to_owned(),
                ))
            }
            FieldId::Prompt(id, part) => {
                self.prompts.as_ref()?.issues.iter().find(|i| i.id == *id)?;
                Edit::Prompts(crate::model::prompt::PromptEdit::Part(
                    id.clone(),
                    *part,
                    value.to_owned(),
                ))
            }
            FieldId::Questions => return None,
            FieldId::Question(id, part) => {
                self.questions.iter().find(|q| q.id == *id)?;
                Edit::Question(id.clone(), *part, value.to_owned())
            }
            FieldId::Carried(id, part) => Edit::Carried(
                id.clone(),
                match part {
                    CarriedPart::Status => {
                        CarriedEdit::Status(CarryStatus::ALL.into_iter().find(|s| s.key() == value))
                    }
                    CarriedPart::Note => CarriedEdit::Note(value.to_owned()),
                },
            ),
        })
    }

    /// Marks the document as saved at `now`: a new revision.
    pub fn touch(&mut self, now: &str) {
        self.updated_at = now.to_owned();
        self.revision += 1;
    }

    /// The list entry for this document.
    pub fn summary(&self) -> DocumentSummary {
        DocumentSummary {
            id: self.id.clone(),
            title: self.title.clone(),
            template_id: self.template_id.clone(),
            year: self.year,
            created_at: self.created_at.clone(),
            updated_at: self.updated_at.clone(),
            revision: self.revision,
            deleted_at: None,
        }
    }

    /// A copy under a new id and title, as "Nhân bản" makes it.
    pub fn duplicate(&self, new_id: String, now: &str) -> Document {
        let mut copy = self.clone();
        copy.id = new_id;
        copy.title = format!(
            "{} {}",
            self.title,
            crate::base::messages::t(Msg::CopySuffix)
        );
        copy.created_at = now.to_owned();
        copy.updated_at = now.to_owned();
        copy.revision = 0;
        copy
    }
}

fn replace(slot: &mut String, value: String) -> bool {
    if *slot == value {
        false
    } else {
        *slot = value;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document::new(
            "id-1".into(),
            Template::get("HD43-2025/2B").unwrap(),
            2025,
            "2025-12-01T08:00:00.000Z",
        )
    }

    #[test]
    fn new_document_is_empty_and_titled_by_year() {
        let d = doc();
        assert_eq!(d.title, "Bản kiểm điểm năm 2025");
        assert_eq!(d.template_id, "HD43-2025/2B");
        assert!(d.answers.is_empty() && d.scores.is_empty() && d.proposed_rating.is_none());
        assert_eq!(d.revision, 0);
    }

    #[test]
    fn edits_change_the_document_and_report_whether_they_did() {
        let mut d = doc();
        assert!(d.apply(Edit::Field(HeaderField::FullName, "Nguyễn Văn An".into())));
        assert!(!d.apply(Edit::Field(HeaderField::FullName, "Nguyễn Văn An".into())));
        assert_eq!(d.field(HeaderField::FullName), "Nguyễn Văn An");

        assert!(
            !d.apply(Edit::Section("A.I.1".into(), String::new())),
            "empty text on a new section"
        );
        assert!(d.apply(Edit::Section("A.I.1".into(), "Gương mẫu.".into())));
        assert!(d.apply(Edit::Section("A.I.1".into(), "Gương mẫu, đúng giờ.".into())));
        assert_eq!(d.answer("A.I.1"), "Gương mẫu, đúng giờ.");
        assert_eq!(d.answers.len(), 1);

        assert!(d.apply(Edit::Score("general".into(), Some(27.5))));
        assert!(!d.apply(Edit::Score("general".into(), Some(27.5))));
        assert_eq!(d.score("general"), Some(27.5));
        assert!(d.apply(Edit::Score("general".into(), None)));
        assert_eq!(d.score("general"), None);

        assert!(d.apply(Edit::Rating(Some(Rating::HoanThanhTot))));
        assert!(!d.apply(Edit::Rating(Some(Rating::HoanThanhTot))));
        assert!(d.apply(Edit::Title("Nháp 1".into())));
    }

    #[test]
    fn under_a_rubric_the_group_points_are_the_sum_of_its_criteria() {
        let rubric = crate::forms::rubric::parse_rubric(include_bytes!(
            "../../../../docs/rubric-example.json"
        ))
        .unwrap();
        let mut d = doc();
        assert!(d.apply(Edit::Rubric(Some(Box::new(rubric)))));
        assert!(d.apply(Edit::Criterion("chung-1".into(), Some(9.5))));
        assert!(d.apply(Edit::Criterion("chung-2".into(), Some(9.0))));
        assert_eq!(d.score("general"), None, "not all criteria scored yet");
        assert!(d.apply(Edit::Criterion("chung-3".into(), Some(8.25))));
        assert_eq!(d.score("general"), Some(26.75));
        assert!(d.apply(Edit::Criterion("chung-3".into(), None)));
        assert_eq!(d.score("general"), None);
        assert!(
            !d.apply(Edit::Criterion("khong-co".into(), Some(1.0))),
            "unknown criterion"
        );
        assert!(d.apply(Edit::Rubric(None)));
        assert!(d.criterion_scores.is_empty());
    }

    #[test]
    fn duplicate_gets_new_id_title_and_revision_but_same_content() {
        let mut d = doc();
        d.apply(Edit::Section("A.VI".into(), "Học thêm tin học.".into()));
        d.touch("2025-12-02T08:00:00.000Z");
        let c = d.duplicate("id-2".into(), "2025-12-03T08:00:00.000Z");
        assert_eq!(c.id, "id-2");
        assert_eq!(c.title, "Bản kiểm điểm năm 2025 (bản sao)");
        assert_eq!(c.answers, d.answers);
        assert_eq!(c.revision, 0);
        assert_eq!(d.revision, 1);
    }

    #[test]
    fn an_imported_prompt_letter_starts_the_list_or_replaces_it_keeping_written_answers() {
        use crate::model::prompt::{PromptEdit, PromptIssue, Prompts};
        let letter = |ids: [&str; 2]| Prompts {
            number: "125-CV/ĐU".into(),
            issues: vec![
                PromptIssue::new(ids[0].into(), "Chậm giải ngân"),
                PromptIssue::new(ids[1].into(), "Tiếp dân quá hạn"),
            ],
            ..Prompts::default()
        };
        let mut d = doc();
        assert!(d.apply(Edit::Prompts(PromptEdit::Import(letter(["a", "b"])))));
        assert!(d.apply(Edit::Prompts(PromptEdit::Part(
            "b".into(),
            crate::forms::field::PromptPart::Explanation,
            "Hai phản ánh quá hạn.".into()
        ))));
        assert!(
            !d.apply(Edit::Prompts(PromptEdit::Import(letter(["c", "d"])))),
            "the same letter again changes nothing"
        );
        let issues = &d.prompts.as_ref().unwrap().issues;
        assert_eq!(issues[1].id, "b");
        assert_eq!(issues[1].explanation, "Hai phản ánh quá hạn.");
    }

    #[test]
    fn a_progress_status_is_dated_the_day_it_is_first_given() {
        use crate::forms::field::ProgressPart;
        let mut p = Document::new(
            "p".into(),
            Template::pledge_for(2026),
            2026,
            "2026-01-05T08:00:00.000Z",
        );
        p.apply(Edit::AddCommitment(crate::model::pledge::Commitment::new(
            "c".into(),
            "nhiem-vu",
        )));
        let field = |part| FieldId::Progress("c".into(), 2, part);
        assert!(p.apply_at(
            Edit::Form(field(ProgressPart::Status), "in_progress".into()),
            "2026-06-15T02:00:00.000Z"
        ));
        assert_eq!(p.commitments[0].progress[0].date, "2026-06-15");
        p.apply_at(
            Edit::Form(field(ProgressPart::Status), "done".into()),
            "2026-06-20T02:00:00.000Z",
        );
        assert_eq!(
            p.commitments[0].progress[0].date, "2026-06-15",
            "the first date stays; the member may change it"
        );
        assert!(p.apply_at(
            Edit::Form(field(ProgressPart::Date), "2026-06-30".into()),
            "2026-07-01T00:00:00.000Z"
        ));
        assert_eq!(p.commitments[0].progress[0].date, "2026-06-30");
        assert!(!p.apply_at(
            Edit::Form(
                FieldId::Progress("nope".into(), 2, ProgressPart::Note),
                "x".into()
            ),
            "2026-07-01T00:00:00.000Z"
        ));
    }

    #[test]
    fn form_fields_of_the_editor_make_typed_edits() {
        // The element the delegated handler reads: `<scope>-<id>-<part>`, as the editor names it.
        let form = |d: &mut Document, scope: &str, id: &str, field: &str, value: &str| {
            let part = match field {
                "target-kind" => "target",
                "target-value" => "value",
                "target-unit" => "unit",
                "target-outcome" => "outcome",
                other => other,
            };
            let dom = format!("{scope}-{}-{part}", id.replace('/', "-"));
            match FieldId::parse(&dom).and_then(|f| d.form_edit(&f, value)) {
                Some(edit) => d.apply(edit),
                None => false,
            }
        };
        let mut p = Document::new(
            "p".into(),
            Template::pledge_for(2026),
            2026,
            "2026-01-05T08:00:00.000Z",
        );
        p.apply(Edit::AddCommitment(crate::model::pledge::Commitment::new(
            "c".into(),
            "nhiem-vu",
        )));
        assert!(form(&mut p, "commitment", "c", "content", "Số hoá hồ sơ"));
        assert!(form(&mut p, "commitment", "c", "target-kind", "number"));
        assert!(form(&mut p, "commitment", "c", "target-value", "1.200"));
        assert!(form(&mut p, "commitment", "c", "target-unit", "hồ sơ"));
        assert!(
            !form(&mut p, "commitment", "c", "target-kind", "number"),
            "keeps the number"
        );
        assert!(form(&mut p, "commitment", "c", "deadline", "date"));
        assert_eq!(p.commitments[0].deadline, "2026-12-31");
        assert!(form(&mut p, "commitment", "c", "date", "2026-09-30"));
        assert!(form(&mut p, "commitment", "c", "assessment", "exceeded"));
        let c = &p.commitments[0];
        assert_eq!(
            c.target,
            Some(crate::model::pledge::Target::Number {
                value: Some(1200.0),
                unit: "hồ sơ".into()
            })
        );
        assert_eq!(c.deadline, "2026-09-30");
        assert_eq!(
            c.assessment,
            Some(crate::model::pledge::Assessment::Exceeded)
        );
        assert!(
            !form(&mut p, "commitment", "nope", "content", "x"),
            "unknown commitment"
        );
        assert!(
            !form(&mut p, "commitment", "c", "colour", "x"),
            "unknown field"
        );
        assert!(
            !form(&mut p, "elsewhere", "c", "content", "x"),
            "unknown scope"
        );

        let mut r = doc();
        assert!(form(&mut r, "check", "NQ04-2016/A4", "found", "yes"));
        assert!(form(
            &mut r,
            "check",
            "NQ04-2016/A4",
            "action",
            "Lập sổ theo dõi"
        ));
        assert!(r.self_check[0].found && r.self_check[0].action == "Lập sổ theo dõi");
        assert!(form(&mut r, "check", "NQ04-2016/A4", "found", "no"));
        assert!(!r.self_check[0].found);
    }
}
