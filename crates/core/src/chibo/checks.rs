//! The checks across the documents of the table's rows: each a warning with its member and the
//! sentence why (a proposal above the points, a pledge with no measurable commitment, KHTNV two
//! years running, the head above the collective, the chi bộ's vote and the decision).

use crate::base::messages::t;
use crate::base::number::format_points;
use crate::chibo::intake::{display_name, Inbox};
use crate::chibo::messages::{ctf, ChiBoMsg};
use crate::chibo::roster::Group;
use crate::chibo::stages::StageCheck;
use crate::chibo::table::{is_collective, Row, Standing, Unpaired};
use crate::forms::rating::Rating;
use crate::model::condition::Question;

/// A warning about one member (or the collective), with the sentence why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The member's name as shown.
    pub member: String,
    /// The member's row, by position in the rows checked; `None` for the collective.
    pub row: Option<usize>,
    pub kind: CheckKind,
    pub text: String,
}

/// What a check found, as the analysts' bundle names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// A review without a proposed rating.
    NoRating,
    /// A proposal above what the points allow.
    AboveCeiling,
    /// A party rating above the civil-servant rating (2019 and 2023 forms).
    AboveCivilServant,
    /// The head's rating above the collective's.
    HeadAboveCollective,
    /// Last year's shortcomings with no status.
    CarriedWithoutStatus,
    /// KHTNV this year and last year.
    TwoYearsFailed,
    /// A pledge with no measurable commitment.
    NoMeasurable,
    /// A collective proposed HTXSNV while one of its leaders was disciplined.
    CollectiveDisciplined,
    /// A person who sent files but is no roster member, or who could be several: not counted.
    Unpaired,
    /// The chi bộ's vote and the decision (`chibo::stages::StageCheck`).
    VotesNotValid,
    ReturnedOverIssued,
    ReturnedNotSplit,
    DecidedAbovePoints,
    DecisionDiffers,
}

impl From<StageCheck> for CheckKind {
    fn from(check: StageCheck) -> CheckKind {
        match check {
            StageCheck::VotesNotValid => CheckKind::VotesNotValid,
            StageCheck::ReturnedOverIssued => CheckKind::ReturnedOverIssued,
            StageCheck::ReturnedNotSplit => CheckKind::ReturnedNotSplit,
            StageCheck::DecidedAbovePoints => CheckKind::DecidedAbovePoints,
            StageCheck::DecisionDiffers => CheckKind::DecisionDiffers,
        }
    }
}

/// The head of the chi bộ among the rows: the member whose review names them "bí thư" in
/// "Chức vụ Đảng" (inferred: the forms do not mark the head otherwise).
fn is_head(row: &Row<'_>) -> bool {
    row.review.is_some_and(|r| {
        let position = crate::base::text::fold_ascii(
            &crate::base::text::words(&r.document.identity.party_position).join(" "),
        );
        position.contains("bi thu") && !position.contains("pho bi thu")
    })
}

/// The checks across documents, each a warning with its member.
pub fn checks(rows: &[Row<'_>], inbox: &Inbox) -> Vec<Warning> {
    let collective = inbox
        .current()
        .find(|r| is_collective(inbox, &r.document))
        .map(|r| &r.document);
    let mut out = Vec::new();
    let label = |r: Rating| t(r.label()).to_owned();
    for (at, row) in rows.iter().enumerate() {
        let name = row.member.full_name.clone();
        let mut warn = |kind: CheckKind, text: String| {
            out.push(Warning {
                member: name.clone(),
                row: Some(at),
                kind,
                text,
            })
        };
        if let Some(unpaired) = row.unpaired {
            warn(
                CheckKind::Unpaired,
                ctf(
                    match unpaired {
                        Unpaired::NotOnRoster => ChiBoMsg::CheckNotOnRoster,
                        Unpaired::ByHand => ChiBoMsg::CheckPairByHand,
                    },
                    &[("member", &name)],
                ),
            );
        }
        for check in row.stages.checks(row.allowed) {
            warn(
                check.into(),
                row.stages.check_text(check, &name, row.allowed),
            );
        }
        let Some(review) = row.review.map(|r| &r.document) else {
            continue;
        };
        if row.standing == Standing::NotReviewed && row.member.exemption.is_none() {
            warn(
                CheckKind::NoRating,
                ctf(ChiBoMsg::CheckNoRating, &[("member", &name)]),
            );
        }
        if let (true, Standing::Rated(p), Some(a), Some(total)) =
            (row.above_points(), row.standing, row.allowed, row.total)
        {
            warn(
                CheckKind::AboveCeiling,
                ctf(
                    ChiBoMsg::CheckAboveCeiling,
                    &[
                        ("member", &name),
                        ("proposed", &label(p)),
                        ("total", &format_points(total)),
                        ("allowed", &label(a)),
                    ],
                ),
            );
        }
        if let (Some(party), Some(civil)) = (review.proposed_rating, review.civil_servant_rating) {
            if party < civil {
                warn(
                    CheckKind::AboveCivilServant,
                    ctf(
                        ChiBoMsg::CheckAboveCivil,
                        &[
                            ("member", &name),
                            ("party", &label(party)),
                            ("civil", &label(civil)),
                        ],
                    ),
                );
            }
        }
        if let (Some(head), Some(coll)) = (
            review.proposed_rating.filter(|_| is_head(row)),
            collective.and_then(|c| c.proposed_rating),
        ) {
            if head < coll {
                warn(
                    CheckKind::HeadAboveCollective,
                    ctf(
                        ChiBoMsg::CheckHeadAboveCollective,
                        &[
                            ("member", &name),
                            ("head", &label(head)),
                            ("collective", &label(coll)),
                        ],
                    ),
                );
            }
        }
        if row.carried_without_status > 0 {
            warn(
                CheckKind::CarriedWithoutStatus,
                ctf(
                    ChiBoMsg::CheckCarriedNoStatus,
                    &[
                        ("member", &name),
                        ("count", &row.carried_without_status.to_string()),
                    ],
                ),
            );
        }
        if let (Some(Rating::KhongHoanThanh), Some(last)) = (review.proposed_rating, row.last_year)
        {
            if last.proposed_rating == Some(Rating::KhongHoanThanh) {
                warn(
                    CheckKind::TwoYearsFailed,
                    ctf(
                        ChiBoMsg::CheckTwoYearsFailed,
                        &[
                            ("member", &name),
                            ("previous", &last.year.to_string()),
                            ("year", &review.year.to_string()),
                        ],
                    ),
                );
            }
        }
        if row
            .pledge_figures
            .is_some_and(|p| p.commitments > 0 && p.measurable == 0)
        {
            warn(
                CheckKind::NoMeasurable,
                ctf(ChiBoMsg::CheckNoMeasurable, &[("member", &name)]),
            );
        }
    }
    // A collective proposed HTXSNV while one of its leaders says they were disciplined.
    if let Some(c) = collective.filter(|c| c.proposed_rating == Some(Rating::HoanThanhXuatSac)) {
        for row in rows.iter().filter(|r| r.group == Some(Group::Leader)) {
            if row.answer(Question::Disciplined) == Some(true) {
                out.push(Warning {
                    member: display_name(inbox.forms(), c),
                    row: None,
                    kind: CheckKind::CollectiveDisciplined,
                    text: ctf(
                        ChiBoMsg::CheckCollectiveDisciplined,
                        &[("member", &row.member.full_name)],
                    ),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chibo::roster::Member;
    use crate::chibo::table::rows as table_rows;
    use crate::chibo::table::tests::{inbox_of, member, review};
    use crate::forms::field::HeaderField;
    use crate::forms::template::Template;
    use crate::model::document::{Document, Edit};

    #[test]
    fn each_check_names_the_member_and_says_why() {
        let roster: Vec<Member> = ["An", "Bình", "Cường"].into_iter().map(member).collect();
        let mut above = review("An", Some(Rating::HoanThanhXuatSac), Some((25.0, 60.0)));
        above.title = "Bản của An".into();
        let mut civil = Document::new(
            "c".into(),
            Template::get("HD25-2023/02A").expect("02A"),
            2026,
            "2026-11-01T00:00:00.000Z",
        );
        civil.apply(Edit::Field(HeaderField::FullName, "Bình".into()));
        civil.apply(Edit::Rating(Some(Rating::HoanThanhTot)));
        civil.apply(Edit::CivilServantRating(Some(Rating::HoanThanh)));
        let unrated = review("Cường", None, None);
        let inbox = inbox_of(vec![above, civil, unrated], &roster);
        let rows = table_rows(&roster, &inbox);
        let warnings = checks(&rows, &inbox);
        let texts: Vec<&str> = warnings.iter().map(|w| w.text.as_str()).collect();
        assert!(
            texts
                .iter()
                .any(|t| t
                    .starts_with("An đề xuất “Hoàn thành xuất sắc nhiệm vụ” nhưng tổng điểm 85")),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t
                    .starts_with("Bình tự xếp loại đảng viên “Hoàn thành tốt nhiệm vụ” cao hơn"))
        );
        assert!(texts
            .iter()
            .any(|t| t.starts_with("Cường đã gửi bản kiểm điểm nhưng chưa tự xếp loại")));
        assert!(rows[0].above_points());
        assert!(!rows[1].above_points());
    }

    #[test]
    fn two_years_failed_shortcomings_without_status_the_head_and_a_disciplined_leader_are_flagged()
    {
        use crate::model::carried::{CarriedItem, Origin};
        let mut roster: Vec<Member> = ["An", "Bình"].into_iter().map(member).collect();
        roster[1].group = Some(Group::Leader);
        // An: KHTNV this year and last, two shortcomings without a status.
        let mut an = review("An", Some(Rating::KhongHoanThanh), None);
        for id in ["s1", "s2"] {
            an.carried.push(CarriedItem {
                id: id.into(),
                origin: Origin {
                    document: "old".into(),
                    section: "A.II.1".into(),
                    item: 0,
                },
                text: "Chậm báo cáo".into(),
                remedy: false,
                prompt: false,
                status: None,
                note: String::new(),
            });
        }
        let mut an_last = review("An", Some(Rating::KhongHoanThanh), None);
        an_last.id = "an-2025".into();
        an_last.year = 2025;
        // Bình: the head (Bí thư), HTXSNV, disciplined this year.
        let mut binh = review("Bình", Some(Rating::HoanThanhXuatSac), None);
        binh.apply(Edit::Field(
            HeaderField::PartyPosition,
            "Bí thư chi bộ".into(),
        ));
        binh.apply(Edit::Condition(Question::Disciplined, Some(true)));
        // The collective's report, Mẫu 01, proposed HTXSNV... and HTTNV for the head check.
        let t01 = Template::get("HD43-2025/01").expect("Mẫu 01");
        let mut collective = Document::new("c".into(), t01, 2026, "2026-11-01T00:00:00.000Z");
        collective.apply(Edit::Field(HeaderField::CollectiveName, "Chi bộ 1".into()));
        collective.apply(Edit::Rating(Some(Rating::HoanThanhTot)));
        let inbox = inbox_of(vec![an, an_last, binh.clone(), collective.clone()], &roster);
        let rows = table_rows(&roster, &inbox);
        let warnings = checks(&rows, &inbox);
        let texts: Vec<&str> = warnings.iter().map(|w| w.text.as_str()).collect();
        assert!(
            texts.iter().any(|t| t
                .starts_with("An ở mức “Không hoàn thành nhiệm vụ” hai năm liền (2025 và 2026)")),
            "{texts:?}"
        );
        assert!(texts
            .iter()
            .any(|t| t.starts_with("An chưa nêu mức khắc phục của 2 hạn chế")));
        assert!(texts.iter().any(|t| t.starts_with("Bình (người đứng đầu) tự xếp loại “Hoàn thành xuất sắc nhiệm vụ” cao hơn mức của tập thể “Hoàn thành tốt nhiệm vụ”")));
        assert!(
            !texts.iter().any(|t| t.contains("Tập thể đề xuất")),
            "the collective is not HTXSNV"
        );

        // The collective proposed HTXSNV while its leader was disciplined.
        collective.apply(Edit::Rating(Some(Rating::HoanThanhXuatSac)));
        let inbox = inbox_of(vec![binh, collective], &roster);
        let rows = table_rows(&roster, &inbox);
        let warnings = checks(&rows, &inbox);
        assert!(
            warnings.iter().any(|w| w.text.starts_with(
                "Tập thể đề xuất “Hoàn thành xuất sắc nhiệm vụ” trong khi Bình (lãnh đạo)"
            )),
            "{warnings:?}"
        );
        // The collective's report is not a member: it has no row.
        assert_eq!(rows.len(), 2);
    }
}
