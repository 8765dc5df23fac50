//! The yes/no conditions of QĐ 366-QĐ/TW Điều 11 that a document records the member's answer to
//! (`docs/domain.md`, rating rules). What the answers allow is decided in `analysis::rules`; this
//! module only names the questions and holds the answers, so the document can carry them.

use crate::base::messages::EditorMsg;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::forms::template::Audience;

/// A yes/no question of the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// HTXSNV: at least 30% of tasks exceeded (for leaders: in the units they lead).
    Exceeded30Percent,
    /// HTXSNV: every shortcoming pointed out at the previous review remedied (or none).
    ShortcomingsRemedied,
    /// HTTNV: 100% of tasks done on time, with quality and efficiency.
    AllTasksOnTime,
    /// HTNV: 100% of tasks done, no more than 20% behind schedule.
    AllTasksDone,
    /// KHTNV (everyone): concluded by a competent authority to show degradation, "tự diễn biến",
    /// "tự chuyển hoá".
    Degradation,
    /// KHTNV (everyone): disciplined (khiển trách or above) for a violation related to duty.
    Disciplined,
    /// KHTNV (members): violated what party members must not do, or the duty to set an example.
    ForbiddenOrExample,
    /// KHTNV (members): more than 50% of the year's tasks not completed.
    HalfTasksFailed,
    /// KHTNV (leaders): units complete < 70% of the plan, miss the 5 basic targets, or > 50% of
    /// units they are responsible for are rated KHTNV.
    UnitsFailed,
    /// KHTNV (leaders): > 50% low confidence at a confidence vote in the year.
    LowConfidence,
    /// KHTNV (leaders): corruption, waste or negativity disciplined in a unit they directly manage.
    CorruptionInUnit,
}

impl Question {
    /// The questions asked of an audience, in the order they are shown.
    pub fn for_audience(audience: Audience) -> &'static [Question] {
        use Question::*;
        match audience {
            Audience::Leader => &[
                Exceeded30Percent,
                ShortcomingsRemedied,
                AllTasksOnTime,
                AllTasksDone,
                Degradation,
                Disciplined,
                UnitsFailed,
                LowConfidence,
                CorruptionInUnit,
            ],
            Audience::Member | Audience::Outside => &[
                Exceeded30Percent,
                ShortcomingsRemedied,
                AllTasksOnTime,
                AllTasksDone,
                Degradation,
                Disciplined,
                ForbiddenOrExample,
                HalfTasksFailed,
            ],
            // The collective's conditions are not modelled: its level comes from the points.
            Audience::Collective => &[],
        }
    }

    /// Whether "có" to this question forces "Không hoàn thành nhiệm vụ".
    pub fn disqualifies(self) -> bool {
        !matches!(
            self,
            Question::Exceeded30Percent
                | Question::ShortcomingsRemedied
                | Question::AllTasksOnTime
                | Question::AllTasksDone
        )
    }

    /// The question's text.
    pub fn text(self) -> EditorMsg {
        match self {
            Question::Exceeded30Percent => EditorMsg::QExceeded30,
            Question::ShortcomingsRemedied => EditorMsg::QRemedied,
            Question::AllTasksOnTime => EditorMsg::QOnTime,
            Question::AllTasksDone => EditorMsg::QAllDone,
            Question::Degradation => EditorMsg::QDegradation,
            Question::Disciplined => EditorMsg::QDisciplined,
            Question::ForbiddenOrExample => EditorMsg::QForbidden,
            Question::HalfTasksFailed => EditorMsg::QHalfFailed,
            Question::UnitsFailed => EditorMsg::QUnitsFailed,
            Question::LowConfidence => EditorMsg::QLowConfidence,
            Question::CorruptionInUnit => EditorMsg::QCorruption,
        }
    }

    /// The question's name in files (its serde name), written out so the bundle needs no JSON
    /// tree to find it; `every_question_key_is_its_serde_name` keeps the two in step.
    pub fn key(self) -> &'static str {
        match self {
            Question::Exceeded30Percent => "exceeded30_percent",
            Question::ShortcomingsRemedied => "shortcomings_remedied",
            Question::AllTasksOnTime => "all_tasks_on_time",
            Question::AllTasksDone => "all_tasks_done",
            Question::Degradation => "degradation",
            Question::Disciplined => "disciplined",
            Question::ForbiddenOrExample => "forbidden_or_example",
            Question::HalfTasksFailed => "half_tasks_failed",
            Question::UnitsFailed => "units_failed",
            Question::LowConfidence => "low_confidence",
            Question::CorruptionInUnit => "corruption_in_unit",
        }
    }
}

/// The member's answer to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Answer {
    pub question: Question,
    pub yes: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_key_is_its_serde_name() {
        let mut seen = std::collections::HashSet::new();
        for audience in [Audience::Leader, Audience::Member] {
            for q in Question::for_audience(audience) {
                let json = serde_json::to_string(q).expect("a question serialises");
                assert_eq!(json, format!("\"{}\"", q.key()));
                seen.insert(*q);
            }
        }
        // Every variant is asked of someone, so the loop above saw them all.
        assert_eq!(seen.len(), 11);
    }
}
