//! Checks a document against its template and returns every problem at once, in the order the form
//! prints the fields. Never panics: a document from an import may reference sections or groups the
//! template does not have, and those are simply ignored here (the importer checks the template).
//!
//! An [`Issue`] carries the id of the field to focus and a message key with its arguments, not text,
//! so the wording stays in the catalogue.

use crate::analysis::scoring::{ceiling, total};
use crate::base::messages::{t, tf, Msg};
use crate::base::number::format_points;
use crate::forms::field::{CarriedPart, FieldId, HeaderField, QuestionPart};
use crate::forms::rating::RatingList;
use crate::forms::template::{SectionKind, Template};
use crate::model::document::Document;

/// One problem in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// The field to focus.
    pub field: FieldId,
    pub key: Msg,
    /// The values for the key's placeholders.
    pub args: Vec<(&'static str, String)>,
}

impl Issue {
    /// The Vietnamese text of the problem.
    pub fn text(&self) -> String {
        let args: Vec<(&str, &str)> = self.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        tf(self.key, &args)
    }
}

/// Every problem of the document, in form order.
pub fn validate(document: &Document, template: &Template) -> Vec<Issue> {
    let mut issues = Vec::new();
    for field in HeaderField::HEADER
        .into_iter()
        .chain(template.identity.iter().copied())
    {
        // A member fills in the positions they hold; most hold none.
        if field.is_position() {
            continue;
        }
        if document.field(field).trim().is_empty() {
            issues.push(Issue {
                field: FieldId::Header(field),
                key: Msg::IssueRequiredField,
                args: vec![("field", t(field.label()).to_owned())],
            });
        }
    }
    // A form for leaders and managers: they hold at least one position.
    let positions: Vec<HeaderField> = template
        .identity
        .iter()
        .copied()
        .filter(|f| f.is_position())
        .collect();
    if template.audience == crate::forms::template::Audience::Leader
        && positions
            .iter()
            .all(|f| document.field(*f).trim().is_empty())
    {
        if let Some(first) = positions.first() {
            issues.push(Issue {
                field: FieldId::Header(*first),
                key: Msg::IssuePositionRequired,
                args: vec![],
            });
        }
    }
    for section in template.sections {
        match section.kind {
            // Carried shortcomings answer A.III item by item; each needs its status.
            SectionKind::Text
                if section.role == Some(crate::forms::template::SectionRole::Carried)
                    && !document.carried.is_empty() =>
            {
                for item in document.carried.iter().filter(|c| c.status.is_none()) {
                    issues.push(Issue {
                        field: FieldId::Carried(item.id.clone(), CarriedPart::Status),
                        key: Msg::IssueCarriedStatus,
                        args: vec![("text", item.text.clone())],
                    });
                }
            }
            // Prompts answer A.IV issue by issue: each needs its explanation, a cause and the
            // responsibility, as the form's note asks.
            SectionKind::Text
                if section.role == Some(crate::forms::template::SectionRole::Prompts)
                    && document.prompts.is_some() =>
            {
                let collective = template.is_collective();
                let prompts = document.prompts.iter().flat_map(|p| p.issues.iter());
                for (n, issue) in prompts.enumerate() {
                    let missing = if issue.content.trim().is_empty() {
                        Some(crate::forms::field::PromptPart::Content)
                    } else {
                        issue.missing(collective)
                    };
                    if let Some(part) = missing {
                        issues.push(Issue {
                            field: FieldId::Prompt(issue.id.clone(), part),
                            key: Msg::IssuePromptUnanswered,
                            args: vec![
                                ("no", (n + 1).to_string()),
                                ("part", crate::model::prompt::part_label(part).to_owned()),
                            ],
                        });
                    }
                }
            }
            SectionKind::Text
                if section.required && document.answer(section.id).trim().is_empty() =>
            {
                issues.push(Issue {
                    field: FieldId::Section(section.id.to_owned()),
                    key: Msg::IssueSectionEmpty,
                    args: vec![("section", short_heading(section.id, section.heading))],
                });
            }
            SectionKind::Questions if section.required && document.questions.is_empty() => {
                issues.push(Issue {
                    field: FieldId::Questions,
                    key: Msg::IssueNoQuestion,
                    args: vec![],
                });
            }
            SectionKind::Questions => {
                for (n, q) in document.questions.iter().enumerate() {
                    let missing = if q.question.trim().is_empty() {
                        Some((QuestionPart::Question, Msg::QuestionLabel))
                    } else if q.answer.trim().is_empty() {
                        Some((QuestionPart::Answer, Msg::AnswerLabel))
                    } else {
                        None
                    };
                    if let Some((part, label)) = missing {
                        issues.push(Issue {
                            field: FieldId::Question(q.id.clone(), part),
                            key: Msg::IssueQuestionUnanswered,
                            args: vec![
                                ("no", (n + 1).to_string()),
                                ("part", t(label).to_lowercase()),
                            ],
                        });
                    }
                }
            }
            SectionKind::Scores => check_scores(document, template, &mut issues),
            SectionKind::Rating => check_rating(document, template, &mut issues),
            SectionKind::Commitments
                if !section.optional
                    && !section.remedies
                    && (!section.study || document.study_registration)
                    && !document
                        .commitments
                        .iter()
                        .any(|c| c.section == section.id && !c.content.trim().is_empty()) =>
            {
                issues.push(Issue {
                    field: FieldId::Commitments(section.id.to_owned()),
                    key: Msg::IssueNoCommitment,
                    args: vec![(
                        "section",
                        template.heading(section, document.study_registration),
                    )],
                });
            }
            _ => {}
        }
    }
    issues
}

fn check_scores(document: &Document, template: &Template, issues: &mut Vec<Issue>) {
    if let Some(rubric) = &document.rubric {
        for criterion in rubric.groups.iter().flat_map(|g| g.criteria.iter()) {
            if document
                .criterion_score(&criterion.id)
                .is_some_and(|p| !(0.0..=criterion.max).contains(&p))
            {
                issues.push(Issue {
                    field: FieldId::Criterion(criterion.id.clone()),
                    key: Msg::IssueScoreOutOfRange,
                    args: vec![
                        ("group", criterion.label.to_owned()),
                        ("max", format_points(criterion.max)),
                    ],
                });
            }
        }
    }
    for group in template.score_groups {
        let field = FieldId::Score(group.id.to_owned());
        match document.score(group.id) {
            None => issues.push(Issue {
                field: field.clone(),
                key: Msg::IssueScoreMissing,
                args: vec![("group", group.label.to_owned())],
            }),
            Some(points) if !(0.0..=f64::from(group.max)).contains(&points) => issues.push(Issue {
                field,
                key: Msg::IssueScoreOutOfRange,
                args: vec![
                    ("group", group.label.to_owned()),
                    ("max", group.max.to_string()),
                ],
            }),
            Some(_) => {}
        }
    }
}

fn check_rating(document: &Document, template: &Template, issues: &mut Vec<Issue>) {
    if template
        .rating_lists
        .iter()
        .any(|l| l.list == RatingList::CivilServant)
    {
        match (document.civil_servant_rating, document.proposed_rating) {
            (None, _) => issues.push(Issue {
                field: FieldId::Rating(RatingList::CivilServant),
                key: Msg::IssueCivilRatingMissing,
                args: vec![],
            }),
            // Better is smaller: the levels are ordered best first.
            (Some(civil), Some(party)) if party < civil => issues.push(Issue {
                field: FieldId::Rating(RatingList::Party),
                key: Msg::IssuePartyAboveCivil,
                args: vec![],
            }),
            _ => {}
        }
    }
    let Some(proposed) = document.proposed_rating else {
        issues.push(Issue {
            field: FieldId::Rating(RatingList::Party),
            key: Msg::IssueRatingMissing,
            args: vec![],
        });
        return;
    };
    if template.score_groups.is_empty() {
        return;
    }
    // Only a level above what the points allow contradicts the thresholds: a lower one may follow
    // from the other conditions of Điều 11, which the points do not show.
    let scores_in_range = template.score_groups.iter().all(|g| {
        document
            .score(g.id)
            .is_some_and(|p| (0.0..=f64::from(g.max)).contains(&p))
    });
    if let (true, Some(total)) = (scores_in_range, total(document, template)) {
        let allowed = ceiling(total);
        if proposed < allowed {
            issues.push(Issue {
                field: FieldId::Rating(RatingList::Party),
                key: Msg::IssueRatingAboveScore,
                args: vec![
                    ("proposed", t(proposed.label()).to_owned()),
                    ("total", format_points(total)),
                    ("allowed", t(allowed.label()).to_owned()),
                ],
            });
        }
    }
}

/// "A.I.1 (Về phẩm chất chính trị…)": the section's number and the start of its heading, short
/// enough for a list on a phone.
fn short_heading(id: &str, heading: &str) -> String {
    let words: Vec<&str> = heading.split_whitespace().collect();
    let start = if words.first().is_some_and(|w| w.ends_with('.')) {
        1
    } else {
        0
    };
    let mut text: String = words[start..]
        .iter()
        .take(8)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if words.len() > start + 8 {
        text.push('…');
    }
    format!("{id} {text}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::rating::Rating;
    use crate::model::document::Edit;

    fn template() -> &'static Template {
        Template::get("HD43-2025/2B").unwrap()
    }

    fn complete() -> Document {
        let mut d = Document::new("x".into(), template(), 2025, "2025-12-01T00:00:00.000Z");
        for f in HeaderField::ALL {
            d.apply(Edit::Field(f, "2025-12-01".into()));
        }
        for s in template().text_sections() {
            d.apply(Edit::Section(s.id.to_owned(), "Nội dung cụ thể.".into()));
        }
        d.apply(Edit::Score("general".into(), Some(27.0)));
        d.apply(Edit::Score("tasks".into(), Some(60.0)));
        d.apply(Edit::Rating(Some(Rating::HoanThanhTot)));
        d
    }

    fn keys(d: &Document) -> Vec<(String, Msg)> {
        validate(d, template())
            .into_iter()
            .map(|i| (i.field.dom_id(), i.key))
            .collect()
    }

    #[test]
    fn a_complete_document_has_no_issue() {
        assert_eq!(keys(&complete()), vec![]);
    }

    #[test]
    fn an_empty_document_lists_every_missing_part_in_form_order() {
        let d = Document::new("x".into(), template(), 2025, "2025-12-01T00:00:00.000Z");
        let issues = keys(&d);
        let fields: Vec<&str> = issues.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            [
                "header-dang-bo",
                "header-chi-bo",
                "header-place",
                "header-date",
                "identity-full-name",
                "identity-birth-date",
                "identity-work-unit",
                "section-A.I.1",
                "section-A.I.2",
                "section-A.I.3",
                "section-A.II.1",
                "section-A.II.2",
                "section-A.III",
                "section-A.VI",
                "score-general",
                "score-tasks",
                "rating",
            ]
        );
    }

    #[test]
    fn optional_sections_may_stay_empty_but_whitespace_is_not_an_answer() {
        let mut d = complete();
        d.apply(Edit::Section("A.IV".into(), String::new()));
        d.apply(Edit::Section("A.VI".into(), "  \n ".into()));
        assert_eq!(
            keys(&d),
            vec![("section-A.VI".into(), Msg::IssueSectionEmpty)]
        );
        let text = validate(&d, template())[0].text();
        assert!(
            text.starts_with("Mục “A.VI Phương hướng, biện pháp"),
            "{text}"
        );
    }

    #[test]
    fn scores_outside_their_group_range_are_reported() {
        let cases = [
            (-1.0, 60.0, "score-general"),
            (31.0, 60.0, "score-general"),
            (20.0, 70.5, "score-tasks"),
        ];
        for (general, tasks, field) in cases {
            let mut d = complete();
            d.apply(Edit::Score("general".into(), Some(general)));
            d.apply(Edit::Score("tasks".into(), Some(tasks)));
            assert_eq!(
                keys(&d),
                vec![(field.into(), Msg::IssueScoreOutOfRange)],
                "{general} {tasks}"
            );
        }
    }

    #[test]
    fn a_rating_above_what_the_total_allows_is_reported_but_a_lower_one_is_not() {
        // (general, tasks, proposed, contradicts)
        let cases = [
            (27.0, 60.0, Rating::HoanThanhXuatSac, true),  // 87 < 90
            (28.0, 62.0, Rating::HoanThanhXuatSac, false), // 90
            (20.0, 45.0, Rating::HoanThanhTot, true),      // 65 < 70
            (20.0, 29.0, Rating::HoanThanh, true),         // 49 < 50
            (30.0, 70.0, Rating::HoanThanh, false),        // lower is the member's call
            (10.0, 10.0, Rating::KhongHoanThanh, false),
        ];
        for (general, tasks, proposed, contradicts) in cases {
            let mut d = complete();
            d.apply(Edit::Score("general".into(), Some(general)));
            d.apply(Edit::Score("tasks".into(), Some(tasks)));
            d.apply(Edit::Rating(Some(proposed)));
            let found = keys(&d).contains(&("rating".into(), Msg::IssueRatingAboveScore));
            assert_eq!(found, contradicts, "{general}+{tasks} {proposed:?}");
        }
        let mut d = complete();
        d.apply(Edit::Rating(Some(Rating::HoanThanhXuatSac)));
        let text = validate(&d, template())[0].text();
        assert_eq!(
            text,
            "Đề xuất “Hoàn thành xuất sắc nhiệm vụ” nhưng tổng điểm 87 chỉ cho phép tới “Hoàn thành tốt nhiệm vụ” (ngưỡng 90/70/50 điểm, Quy định 366-QĐ/TW)."
        );
    }

    #[test]
    fn older_forms_ask_for_both_ratings_and_warn_when_the_party_one_is_higher() {
        let t = Template::get("HD25-2023/02B").unwrap();
        let mut d = Document::new("x".into(), t, 2023, "2023-12-01T00:00:00.000Z");
        let fields = |d: &Document| -> Vec<(String, Msg)> {
            validate(d, t)
                .into_iter()
                .filter(|i| i.field.dom_id().starts_with("rating"))
                .map(|i| (i.field.dom_id(), i.key))
                .collect()
        };
        assert_eq!(
            fields(&d),
            vec![
                ("rating-civil".into(), Msg::IssueCivilRatingMissing),
                ("rating".into(), Msg::IssueRatingMissing)
            ]
        );
        d.apply(Edit::CivilServantRating(Some(Rating::HoanThanhTot)));
        d.apply(Edit::Rating(Some(Rating::HoanThanhXuatSac)));
        assert_eq!(
            fields(&d),
            vec![("rating".into(), Msg::IssuePartyAboveCivil)]
        );
        d.apply(Edit::Rating(Some(Rating::HoanThanhTot)));
        assert_eq!(fields(&d), vec![]);
        // No scores on the 2023 forms, so no score problems either.
        assert!(validate(&d, t)
            .iter()
            .all(|i| !i.field.dom_id().starts_with("score")));
        // The leader's identity lines are asked for.
        assert!(validate(&d, t)
            .iter()
            .any(|i| i.field.dom_id() == "identity-party-position"));
    }

    #[test]
    fn position_fields_are_optional_where_the_member_holds_none() {
        let positions = |t: &Template, d: &Document| -> Vec<String> {
            validate(d, t)
                .into_iter()
                .map(|i| i.field.dom_id())
                .filter(|f| f.ends_with("-position"))
                .collect()
        };
        // The pledge and the 2019 form (one form for every member) ask for none.
        for t in [
            Template::pledge_for(2026),
            Template::get("HD21-2019/02").unwrap(),
        ] {
            let d = Document::new("x".into(), t, 2026, "2026-01-05T00:00:00.000Z");
            assert_eq!(positions(t, &d), Vec::<String>::new(), "{}", t.id);
        }
        // The leader's form asks for at least one, once, and any one will do.
        let t = Template::get("HD43-2025/2A").unwrap();
        let mut d = Document::new("x".into(), t, 2025, "2025-12-01T00:00:00.000Z");
        assert_eq!(positions(t, &d), ["identity-party-position"]);
        d.apply(Edit::Field(
            HeaderField::GovernmentPosition,
            "Phó Chủ tịch UBND xã".into(),
        ));
        assert_eq!(positions(t, &d), Vec::<String>::new());
    }

    #[test]
    fn answers_for_sections_the_template_lacks_are_ignored_not_a_panic() {
        let mut d = complete();
        d.apply(Edit::Section("Z.9".into(), "lạ".into()));
        d.apply(Edit::Score("bonus".into(), Some(1000.0)));
        assert_eq!(keys(&d), vec![]);
    }

    #[test]
    fn carried_shortcomings_each_need_a_status_instead_of_a_iii_text() {
        let t = Template::get("HD43-2025/2B").unwrap();
        let mut previous = Document::new("p".into(), t, 2025, "2025-12-01T08:00:00.000Z");
        previous.apply(Edit::Section(
            "A.II.1".into(),
            "Chậm nộp báo cáo.\nÍt phát biểu ở chi bộ.".into(),
        ));
        let mut n = 0;
        let mut ids = move || {
            n += 1;
            format!("i{n}")
        };
        let mut d = crate::workflow::carry::review_from_previous(
            &crate::forms::template::Forms::default(),
            &previous,
            None,
            t,
            2026,
            "2026-12-01T08:00:00.000Z",
            &mut ids,
        );
        let fields = |d: &Document| -> Vec<String> {
            validate(d, t)
                .into_iter()
                .map(|i| i.field.dom_id())
                .collect()
        };
        assert!(!fields(&d).contains(&"section-A.III".to_owned()));
        assert!(fields(&d).contains(&"carried-i2-status".to_owned()));
        assert!(fields(&d).contains(&"carried-i3-status".to_owned()));
        d.apply(Edit::Carried(
            "i2".into(),
            crate::model::carried::CarriedEdit::Status(Some(
                crate::model::carried::CarryStatus::Fixed,
            )),
        ));
        assert!(!fields(&d).contains(&"carried-i2-status".to_owned()));
    }

    #[test]
    fn a_pledge_needs_a_commitment_in_each_required_section() {
        let t = Template::pledge_for(2026);
        let mut d = Document::new("p".into(), t, 2026, "2026-01-05T08:00:00.000Z");
        let fields = |d: &Document| -> Vec<String> {
            validate(d, t)
                .into_iter()
                .map(|i| i.field.dom_id())
                .collect()
        };
        let missing = fields(&d);
        assert!(missing.contains(&"add-nhiem-vu".to_owned()));
        assert!(
            !missing.contains(&"add-lam-theo".to_owned()),
            "only with the registration"
        );
        assert!(
            !missing.contains(&"add-khac-phuc".to_owned()),
            "nothing to remedy is fine"
        );
        assert!(!missing.contains(&"add-cu-tru".to_owned()), "optional");
        d.apply(Edit::StudyRegistration(true));
        assert!(fields(&d).contains(&"add-lam-theo".to_owned()));
        d.apply(Edit::AddCommitment(crate::model::pledge::Commitment::new(
            "c".into(),
            "nhiem-vu",
        )));
        assert!(
            fields(&d).contains(&"add-nhiem-vu".to_owned()),
            "an empty commitment is not one"
        );
        d.apply(Edit::Commitment(
            "c".into(),
            crate::model::pledge::CommitmentEdit::Content("Số hoá 1.200 hồ sơ.".into()),
        ));
        assert!(!fields(&d).contains(&"add-nhiem-vu".to_owned()));
    }
}
