//! The upper level's written prompts ("gợi ý kiểm điểm", QĐ 366 Điều 7 §1.3 via HD 43 Mục 2):
//! numbered issues a collective or person must explain in section IV of the review, "giải trình
//! từng vấn đề được gợi ý kiểm điểm, nêu nguyên nhân, xác định trách nhiệm của cá nhân đối với
//! từng vấn đề" (the form's note, verified). The block per issue (explanation, objective and
//! subjective causes, responsibility, remedy) follows the filled sample of Mẫu 01, which is not
//! official (`docs/domain.md`, "Gợi ý kiểm điểm").
//!
//! An issue concluded as a shortcoming is carried into next year's section III like the others
//! (`workflow::carry`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::messages::{yt, YearMsg};
use crate::forms::field::{PromptPart, PromptSourcePart};

/// The prompt letter and the member's answer to each of its issues.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Prompts {
    /// The issuing body ("Ban Thường vụ Đảng ủy xã …").
    #[serde(default)]
    pub body: String,
    /// The letter's number ("125-CV/ĐU").
    #[serde(default)]
    pub number: String,
    /// The letter's date, `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub date: String,
    /// The issues, in the letter's order; numbered from 1 as printed.
    #[serde(default)]
    pub issues: Vec<PromptIssue>,
}

/// One issue of the letter and the answer to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PromptIssue {
    /// A random id, stable for the life of the issue; carry-over points at its position.
    pub id: String,
    /// The issue as the letter words it.
    #[serde(default)]
    pub content: String,
    /// "Giải trình": what happened, its context, how far it reached.
    #[serde(default)]
    pub explanation: String,
    /// "Nguyên nhân khách quan".
    #[serde(default)]
    pub cause_objective: String,
    /// "Nguyên nhân chủ quan".
    #[serde(default)]
    pub cause_subjective: String,
    /// "Trách nhiệm của cá nhân".
    #[serde(default)]
    pub responsibility: String,
    /// "Trách nhiệm của tập thể" (the collective's report, Mẫu 01).
    #[serde(default)]
    pub collective_responsibility: String,
    /// "Biện pháp khắc phục".
    #[serde(default)]
    pub remedy: String,
    /// The review concluded the issue is a shortcoming: next year's section III follows it up.
    #[serde(default)]
    pub shortcoming: bool,
}

impl PromptIssue {
    /// A new issue with its wording.
    pub fn new(id: String, content: &str) -> PromptIssue {
        PromptIssue {
            id,
            content: content.to_owned(),
            ..PromptIssue::default()
        }
    }

    /// Whether anything of the answer is written (importing the letter again asks first).
    pub fn has_answer(&self) -> bool {
        [
            &self.explanation,
            &self.cause_objective,
            &self.cause_subjective,
            &self.responsibility,
            &self.collective_responsibility,
            &self.remedy,
        ]
        .iter()
        .any(|s| !s.trim().is_empty())
    }

    /// The first part of the answer the form asks for that is still empty: the explanation, a
    /// cause, the responsibility (and the collective's, on a collective's report).
    pub fn missing(&self, collective: bool) -> Option<PromptPart> {
        let empty = |s: &str| s.trim().is_empty();
        if empty(&self.explanation) {
            Some(PromptPart::Explanation)
        } else if empty(&self.cause_objective) && empty(&self.cause_subjective) {
            Some(PromptPart::CauseSubjective)
        } else if collective && empty(&self.collective_responsibility) {
            Some(PromptPart::CollectiveResponsibility)
        } else if empty(&self.responsibility) {
            Some(PromptPart::Responsibility)
        } else {
            None
        }
    }
}

/// The label of a part of the answer, as the editor and the validation name it.
pub fn part_label(part: PromptPart) -> &'static str {
    yt(match part {
        PromptPart::Content => YearMsg::PromptContent,
        PromptPart::Explanation => YearMsg::PromptExplanation,
        PromptPart::CauseObjective => YearMsg::PromptCauseObjective,
        PromptPart::CauseSubjective => YearMsg::PromptCauseSubjective,
        PromptPart::Responsibility => YearMsg::PromptResponsibility,
        PromptPart::CollectiveResponsibility => YearMsg::PromptCollectiveResponsibility,
        PromptPart::Remedy => YearMsg::PromptRemedy,
        PromptPart::Shortcoming => YearMsg::PromptShortcoming,
    })
}

/// A change to the prompts of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptEdit {
    /// "Có văn bản gợi ý kiểm điểm": starts the list (with one empty issue), or stops it
    /// (`None`): section IV is then written as plain text again.
    Set(Option<Prompts>),
    /// A prompt letter imported: its source and issues replace the list, keeping the answers to
    /// issues of the same wording ([`Prompts::replace_from`]).
    Import(Prompts),
    Source(PromptSourcePart, String),
    /// Adds an issue at the end.
    Add(PromptIssue),
    /// Removes an issue, by id.
    Remove(String),
    /// Changes a part of an issue, by id; the shortcoming flag takes `"true"` or `"false"`.
    Part(String, PromptPart, String),
}

impl Prompts {
    /// Applies a change; returns whether anything changed. `Set` is the document's.
    pub fn apply(&mut self, edit: PromptEdit) -> bool {
        fn set(slot: &mut String, value: String) -> bool {
            let changed = *slot != value;
            *slot = value;
            changed
        }
        match edit {
            PromptEdit::Set(_) => false,
            PromptEdit::Import(letter) => {
                let before = self.clone();
                self.replace_from(letter);
                *self != before
            }
            PromptEdit::Source(part, value) => set(
                match part {
                    PromptSourcePart::Body => &mut self.body,
                    PromptSourcePart::Number => &mut self.number,
                    PromptSourcePart::Date => &mut self.date,
                },
                value,
            ),
            PromptEdit::Add(issue) => {
                if self.issues.iter().any(|i| i.id == issue.id) {
                    return false;
                }
                self.issues.push(issue);
                true
            }
            PromptEdit::Remove(id) => {
                let before = self.issues.len();
                self.issues.retain(|i| i.id != id);
                before != self.issues.len()
            }
            PromptEdit::Part(id, part, value) => {
                let Some(issue) = self.issues.iter_mut().find(|i| i.id == id) else {
                    return false;
                };
                match part {
                    PromptPart::Content => set(&mut issue.content, value),
                    PromptPart::Explanation => set(&mut issue.explanation, value),
                    PromptPart::CauseObjective => set(&mut issue.cause_objective, value),
                    PromptPart::CauseSubjective => set(&mut issue.cause_subjective, value),
                    PromptPart::Responsibility => set(&mut issue.responsibility, value),
                    PromptPart::CollectiveResponsibility => {
                        set(&mut issue.collective_responsibility, value)
                    }
                    PromptPart::Remedy => set(&mut issue.remedy, value),
                    PromptPart::Shortcoming => {
                        let on = value == "true";
                        let changed = issue.shortcoming != on;
                        issue.shortcoming = on;
                        changed
                    }
                }
            }
        }
    }

    /// Replaces the letter and its issues with those of a prompts file, keeping the answers
    /// already written to an issue of the same wording (folded), so importing the chi bộ's file
    /// again loses nothing.
    pub fn replace_from(&mut self, letter: Prompts) {
        let key = |i: &PromptIssue| crate::base::text::fold(i.content.trim());
        let mut issues = letter.issues;
        for issue in issues.iter_mut() {
            if let Some(old) = self.issues.iter().find(|o| key(o) == key(issue)) {
                let content = std::mem::take(&mut issue.content);
                *issue = PromptIssue {
                    content,
                    ..old.clone()
                };
            }
        }
        *self = Prompts { issues, ..letter };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issue_asks_for_its_explanation_a_cause_and_the_responsibility_in_that_order() {
        let mut i = PromptIssue::new("1".into(), "Chậm giải phóng mặt bằng");
        assert_eq!(i.missing(false), Some(PromptPart::Explanation));
        i.explanation = "Dự án chậm 6 tháng.".into();
        assert_eq!(i.missing(false), Some(PromptPart::CauseSubjective));
        i.cause_objective = "Giá đất thay đổi.".into();
        assert_eq!(i.missing(false), Some(PromptPart::Responsibility));
        i.responsibility = "Là người phụ trách trực tiếp.".into();
        assert_eq!(i.missing(false), None);
        assert_eq!(
            i.missing(true),
            Some(PromptPart::CollectiveResponsibility),
            "a collective's report names the collective's responsibility too"
        );
    }

    #[test]
    fn edits_change_the_named_issue_and_report_whether_they_did() {
        let mut p = Prompts::default();
        assert!(p.apply(PromptEdit::Add(PromptIssue::new("a".into(), "Vấn đề 1"))));
        assert!(
            !p.apply(PromptEdit::Add(PromptIssue::new("a".into(), "x"))),
            "same id"
        );
        assert!(p.apply(PromptEdit::Source(
            PromptSourcePart::Number,
            "125-CV/ĐU".into()
        )));
        assert!(p.apply(PromptEdit::Part(
            "a".into(),
            PromptPart::Shortcoming,
            "true".into()
        )));
        assert!(!p.apply(PromptEdit::Part(
            "a".into(),
            PromptPart::Shortcoming,
            "true".into()
        )));
        assert!(!p.apply(PromptEdit::Part("b".into(), PromptPart::Remedy, "x".into())));
        assert!(p.issues[0].shortcoming && p.number == "125-CV/ĐU");
        assert!(p.apply(PromptEdit::Remove("a".into())));
        assert!(p.issues.is_empty());
    }

    #[test]
    fn importing_the_letter_again_keeps_the_answers_to_issues_of_the_same_wording() {
        let mut p = Prompts::default();
        let mut old = PromptIssue::new("a".into(), "Chậm giải ngân vốn đầu tư công");
        old.explanation = "Đã giải trình.".into();
        p.issues.push(old);
        p.replace_from(Prompts {
            body: "Ban Thường vụ Đảng ủy xã".into(),
            number: "12-CV/ĐU".into(),
            date: "2026-11-20".into(),
            issues: vec![
                PromptIssue::new("x".into(), "Mới: trách nhiệm về y tế"),
                PromptIssue::new("y".into(), "chậm giải ngân vốn đầu tư công "),
            ],
        });
        assert_eq!(p.number, "12-CV/ĐU");
        assert_eq!(p.issues.len(), 2);
        assert_eq!(p.issues[1].id, "a", "the old issue's id and answer stay");
        assert_eq!(p.issues[1].explanation, "Đã giải trình.");
        assert_eq!(p.issues[1].content, "chậm giải ngân vốn đầu tư công ");
        assert_eq!(p.issues[0].explanation, "");
    }
}
