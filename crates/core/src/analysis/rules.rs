//! The rating rules of QĐ 366-QĐ/TW Điều 11 (docs/domain.md, "Ratings and points", verified) beyond the points: the
//! conditions the upper levels also need and the cases that force "Không hoàn thành nhiệm vụ",
//! asked as yes/no questions. [`suggest`] gives the level they allow and why; the member's own
//! choice stays theirs, and the 20% quota is the chi bộ's to apply, never the member's.

use crate::analysis::scoring::ceiling;
use crate::base::messages::Msg;
use crate::forms::rating::Rating;
use crate::forms::template::Audience;
use crate::model::condition::{Answer, Question};

/// The level the rules allow, and why it is below the points' ceiling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub level: Rating,
    pub reasons: Vec<Msg>,
}

fn answer(answers: &[Answer], q: Question) -> Option<bool> {
    answers.iter().find(|a| a.question == q).map(|a| a.yes)
}

/// The highest level the points and the answers allow. `None` until the points are complete. An
/// unanswered condition of a level counts as not met, and says so: a suggestion never assumes.
pub fn suggest(total: Option<f64>, answers: &[Answer], audience: Audience) -> Option<Suggestion> {
    let questions = Question::for_audience(audience);
    let asked = |q: Question| questions.contains(&q);
    let mut reasons = Vec::new();
    if questions
        .iter()
        .any(|q| q.disqualifies() && answer(answers, *q) == Some(true))
    {
        return Some(Suggestion {
            level: Rating::KhongHoanThanh,
            reasons: vec![Msg::ReasonDisqualified],
        });
    }
    let mut level = ceiling(total?);
    // Each level's own condition, from the top down; an unmet one drops a level, where the lower
    // level's condition is checked in turn.
    loop {
        let needs: &[Question] = match level {
            Rating::HoanThanhXuatSac => {
                &[Question::Exceeded30Percent, Question::ShortcomingsRemedied]
            }
            Rating::HoanThanhTot => &[Question::AllTasksOnTime],
            Rating::HoanThanh => &[Question::AllTasksDone],
            Rating::KhongHoanThanh => break,
        };
        let unmet: Vec<Msg> = needs
            .iter()
            .filter(|q| asked(**q))
            .filter_map(|q| match answer(answers, *q) {
                Some(true) => None,
                Some(false) => Some(Msg::ReasonConditionNo),
                None => Some(Msg::ReasonConditionUnanswered),
            })
            .collect();
        if unmet.is_empty() {
            break;
        }
        reasons.extend(unmet);
        level = match level {
            Rating::HoanThanhXuatSac => Rating::HoanThanhTot,
            Rating::HoanThanhTot => Rating::HoanThanh,
            _ => Rating::KhongHoanThanh,
        };
    }
    crate::base::util::sort_small(&mut reasons, |a, b| (*a as u16) < (*b as u16));
    reasons.dedup();
    Some(Suggestion { level, reasons })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Question::*;

    fn yes(qs: &[Question]) -> Vec<Answer> {
        qs.iter()
            .map(|q| Answer {
                question: *q,
                yes: true,
            })
            .collect()
    }

    fn all_good() -> Vec<Answer> {
        let mut a = yes(&[
            Exceeded30Percent,
            ShortcomingsRemedied,
            AllTasksOnTime,
            AllTasksDone,
        ]);
        a.extend(
            [
                Degradation,
                Disciplined,
                ForbiddenOrExample,
                HalfTasksFailed,
            ]
            .map(|q| Answer {
                question: q,
                yes: false,
            }),
        );
        a
    }

    fn with(mut answers: Vec<Answer>, q: Question, value: Option<bool>) -> Vec<Answer> {
        answers.retain(|a| a.question != q);
        if let Some(yes) = value {
            answers.push(Answer { question: q, yes });
        }
        answers
    }

    #[test]
    fn the_rules_of_dieu_11_table() {
        // (total, answers, expected level)
        let cases: Vec<(f64, Vec<Answer>, Rating)> = vec![
            (95.0, all_good(), Rating::HoanThanhXuatSac),
            (
                95.0,
                with(all_good(), Exceeded30Percent, Some(false)),
                Rating::HoanThanhTot,
            ),
            (
                95.0,
                with(all_good(), ShortcomingsRemedied, None),
                Rating::HoanThanhTot,
            ),
            (
                95.0,
                with(
                    with(all_good(), Exceeded30Percent, Some(false)),
                    AllTasksOnTime,
                    Some(false),
                ),
                Rating::HoanThanh,
            ),
            (80.0, all_good(), Rating::HoanThanhTot),
            (
                80.0,
                with(all_good(), AllTasksOnTime, Some(false)),
                Rating::HoanThanh,
            ),
            (
                80.0,
                with(
                    with(all_good(), AllTasksOnTime, Some(false)),
                    AllTasksDone,
                    Some(false),
                ),
                Rating::KhongHoanThanh,
            ),
            (60.0, all_good(), Rating::HoanThanh),
            (
                60.0,
                with(all_good(), AllTasksDone, None),
                Rating::KhongHoanThanh,
            ),
            (40.0, all_good(), Rating::KhongHoanThanh),
            (
                99.0,
                with(all_good(), Disciplined, Some(true)),
                Rating::KhongHoanThanh,
            ),
            (
                99.0,
                with(all_good(), HalfTasksFailed, Some(true)),
                Rating::KhongHoanThanh,
            ),
        ];
        for (total, answers, expected) in cases {
            let s = suggest(Some(total), &answers, Audience::Member).unwrap();
            assert_eq!(s.level, expected, "{total} {answers:?}");
            assert_eq!(
                s.reasons.is_empty(),
                s.level == ceiling(total),
                "{total}: reasons exactly when below the ceiling"
            );
        }
    }

    #[test]
    fn leaders_have_their_own_disqualifiers_and_no_points_means_no_suggestion() {
        let answers = vec![Answer {
            question: UnitsFailed,
            yes: true,
        }];
        assert_eq!(
            suggest(Some(95.0), &answers, Audience::Leader)
                .unwrap()
                .level,
            Rating::KhongHoanThanh
        );
        // A member is not asked about units, so the same answer changes nothing for them.
        assert_eq!(
            suggest(
                Some(75.0),
                &with(all_good(), UnitsFailed, Some(true)),
                Audience::Member
            )
            .unwrap()
            .level,
            Rating::HoanThanhTot
        );
        assert_eq!(suggest(None, &all_good(), Audience::Member), None);
        assert!(Question::for_audience(Audience::Collective).is_empty());
        // A disqualifier decides even without points.
        assert_eq!(
            suggest(
                None,
                &[Answer {
                    question: Degradation,
                    yes: true
                }],
                Audience::Member
            )
            .unwrap()
            .level,
            Rating::KhongHoanThanh
        );
    }
}
