//! What the workspace's table shows of its rows: the secretary's filter ("Cần xem lại", "Chưa
//! nộp", above the points, one level) and order (the roster's, by name, by level then points, by
//! points), as values the page keeps and a pure function it calls. The page draws what this
//! gives; the rules are tested here.

use crate::chibo::checks::Warning;
use crate::chibo::table::{Row, Standing};
use crate::forms::rating::Rating;

/// Which rows the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    /// The rows a check warned about.
    Problems,
    /// The members with no review yet.
    Missing,
    /// Those who proposed a level above what their points allow.
    Above,
    /// One proposed level (its index in `Rating::ALL`).
    Level(usize),
    /// Rated members without a level decided yet ("chưa có quyết định").
    Undecided,
    /// A decision that differs from the chi bộ's proposal ("khác đề xuất").
    DecisionDiffers,
    /// Re-rated members ("xếp loại lại").
    Rerated,
}

impl Filter {
    /// The filter a `<select>`'s value names (`Filter::key`'s inverse); anything else is `All`.
    pub fn parse(value: &str) -> Filter {
        match value {
            "problems" => Filter::Problems,
            "missing" => Filter::Missing,
            "above" => Filter::Above,
            "undecided" => Filter::Undecided,
            "differs" => Filter::DecisionDiffers,
            "rerated" => Filter::Rerated,
            v => v
                .strip_prefix("level-")
                .and_then(|n| n.parse().ok())
                .filter(|i| *i < Rating::ALL.len())
                .map_or(Filter::All, Filter::Level),
        }
    }

    /// The `<select>` value of the filter.
    pub fn key(self) -> String {
        match self {
            Filter::All => "all".into(),
            Filter::Problems => "problems".into(),
            Filter::Missing => "missing".into(),
            Filter::Above => "above".into(),
            Filter::Level(i) => format!("level-{i}"),
            Filter::Undecided => "undecided".into(),
            Filter::DecisionDiffers => "differs".into(),
            Filter::Rerated => "rerated".into(),
        }
    }
}

/// The order of the table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// The roster's order.
    #[default]
    Roster,
    /// By name as Vietnamese lists are: the given name, then the family and middle names, in the
    /// alphabet's order (`base::text::name_order_key`).
    Name,
    /// Best level first, then the most points; then not reviewed, then exempt.
    Level,
    /// The most points first; no points last.
    Points,
}

impl Sort {
    /// The order a `<select>`'s value names; anything else is the roster's.
    pub fn parse(value: &str) -> Sort {
        match value {
            "name" => Sort::Name,
            "level" => Sort::Level,
            "points" => Sort::Points,
            _ => Sort::Roster,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Sort::Roster => "roster",
            Sort::Name => "name",
            Sort::Level => "level",
            Sort::Points => "points",
        }
    }
}

/// The rows the table shows, in its order: `rows` filtered by `filter` (the checks' `warnings`
/// say which rows have problems, by position) and sorted by `sort` (stable: equal rows keep the
/// roster's order). Linear in the rows but for the sort; 10.000 rows stay quick.
pub fn shown<'r, 'a>(
    rows: &'r [Row<'a>],
    warnings: &[Warning],
    filter: Filter,
    sort: Sort,
) -> Vec<&'r Row<'a>> {
    // By row, not by name: two members may share a name, and a set keeps 10,000 rows linear.
    let warned: std::collections::HashSet<usize> = warnings.iter().filter_map(|w| w.row).collect();
    let mut shown: Vec<&Row<'_>> = rows
        .iter()
        .enumerate()
        .filter(|(at, r)| match filter {
            Filter::All => true,
            Filter::Problems => warned.contains(at),
            Filter::Missing => r.standing == Standing::NotReviewed,
            Filter::Above => r.above_points(),
            Filter::Level(i) => r.standing == Standing::Rated(Rating::ALL[i.min(3)]),
            Filter::Undecided => {
                matches!(r.standing, Standing::Rated(_)) && r.stages.decided().is_none()
            }
            Filter::DecisionDiffers => {
                matches!((&r.stages.decision, r.stages.proposed), (Some(d), Some(p)) if d.rating != p)
            }
            Filter::Rerated => r.stages.rerating.is_some(),
        })
        .map(|(_, r)| r)
        .collect();
    let level_rank = |r: &Row<'_>| match r.standing {
        Standing::Rated(rating) => Rating::ALL.iter().position(|x| *x == rating).unwrap_or(4),
        Standing::NotReviewed => 5,
        Standing::Exempt(_) => 6,
    };
    let points = |r: &Row<'_>| -r.total.unwrap_or(-1.0);
    match sort {
        Sort::Roster => {}
        Sort::Name => {
            shown.sort_by_cached_key(|r| crate::base::text::name_order_key(&r.member.full_name))
        }
        Sort::Level => shown.sort_by(|a, b| {
            level_rank(a)
                .cmp(&level_rank(b))
                .then(points(a).total_cmp(&points(b)))
        }),
        Sort::Points => shown.sort_by(|a, b| points(a).total_cmp(&points(b))),
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chibo::table::rows;
    use crate::chibo::table::tests::{inbox_of, member, review};

    fn names(shown: &[&Row<'_>]) -> Vec<String> {
        shown.iter().map(|r| r.member.full_name.clone()).collect()
    }

    #[test]
    fn the_table_filters_by_problem_missing_above_and_level_and_sorts_by_name_level_and_points() {
        let roster: Vec<_> = ["Vũ Thị Em", "An Văn Bình", "Lê Cường", "Đỗ Dũng"]
            .into_iter()
            .map(member)
            .collect();
        let inbox = inbox_of(
            vec![
                // HTXSNV proposed on 80 points: above what the points allow.
                review(
                    "Vũ Thị Em",
                    Some(Rating::HoanThanhXuatSac),
                    Some((20.0, 60.0)),
                ),
                review(
                    "An Văn Bình",
                    Some(Rating::HoanThanhTot),
                    Some((25.0, 60.0)),
                ),
                review("Lê Cường", Some(Rating::HoanThanhTot), Some((28.0, 65.0))),
            ],
            &roster,
        );
        let rows = rows(&roster, &inbox);
        let none: Vec<Warning> = Vec::new();
        let all = |f, s| names(&shown(&rows, &none, f, s));

        assert_eq!(
            all(Filter::All, Sort::Roster),
            ["Vũ Thị Em", "An Văn Bình", "Lê Cường", "Đỗ Dũng"]
        );
        assert_eq!(all(Filter::Missing, Sort::Roster), ["Đỗ Dũng"]);
        assert_eq!(all(Filter::Above, Sort::Roster), ["Vũ Thị Em"]);
        assert_eq!(
            all(Filter::Level(1), Sort::Roster),
            ["An Văn Bình", "Lê Cường"]
        );
        // By given name: Bình, Cường, Dũng (Đỗ, not last), Em.
        assert_eq!(
            all(Filter::All, Sort::Name),
            ["An Văn Bình", "Lê Cường", "Đỗ Dũng", "Vũ Thị Em"]
        );
        // Best level first, the most points within a level, then those not reviewed.
        assert_eq!(
            all(Filter::All, Sort::Level),
            ["Vũ Thị Em", "Lê Cường", "An Văn Bình", "Đỗ Dũng"]
        );
        assert_eq!(
            all(Filter::All, Sort::Points),
            ["Lê Cường", "An Văn Bình", "Vũ Thị Em", "Đỗ Dũng"]
        );
        // A warning names its row by position: two members of one name stay apart.
        let warned = vec![Warning {
            member: "Lê Cường".into(),
            row: Some(2),
            kind: crate::chibo::checks::CheckKind::NoRating,
            text: String::new(),
        }];
        assert_eq!(
            names(&shown(&rows, &warned, Filter::Problems, Sort::Roster)),
            ["Lê Cường"]
        );
    }

    #[test]
    fn the_table_filters_by_stage_undecided_decision_differs_and_rerated() {
        use crate::chibo::roster::MemberKey;
        use crate::chibo::stages::{edit, StageEdit};
        let roster: Vec<_> = ["An", "Bình", "Cường", "Dung"]
            .into_iter()
            .map(member)
            .collect();
        let inbox = inbox_of(
            ["An", "Bình", "Cường"]
                .into_iter()
                .map(|n| review(n, Some(Rating::HoanThanhTot), None))
                .collect(),
            &roster,
        );
        let mut stages = Vec::new();
        for (name, proposed, decided) in [
            ("An", Rating::HoanThanhTot, Some(Rating::HoanThanhTot)),
            ("Bình", Rating::HoanThanhTot, Some(Rating::HoanThanh)),
            ("Cường", Rating::HoanThanhTot, None),
        ] {
            let key = MemberKey::new(name, "");
            edit(&mut stages, &key, StageEdit::Proposed(Some(proposed)));
            edit(&mut stages, &key, StageEdit::DecisionRating(decided));
        }
        edit(
            &mut stages,
            &MemberKey::new("An", ""),
            StageEdit::ReratingRating(Some(Rating::HoanThanh)),
        );
        let rows = crate::chibo::table::rows_with(&roster, &inbox, &stages);
        let all = |f| names(&shown(&rows, &[], f, Sort::Roster));
        // Dung has no review: nothing to decide yet.
        assert_eq!(all(Filter::Undecided), ["Cường"]);
        assert_eq!(all(Filter::DecisionDiffers), ["Bình"]);
        assert_eq!(all(Filter::Rerated), ["An"]);
    }

    #[test]
    fn a_filter_and_an_order_read_back_from_their_select_values() {
        for f in [
            Filter::All,
            Filter::Problems,
            Filter::Missing,
            Filter::Above,
            Filter::Level(0),
            Filter::Level(3),
            Filter::Undecided,
            Filter::DecisionDiffers,
            Filter::Rerated,
        ] {
            assert_eq!(Filter::parse(&f.key()), f);
        }
        assert_eq!(Filter::parse("level-9"), Filter::All, "no fifth level");
        assert_eq!(Filter::parse("khác"), Filter::All);
        for s in [Sort::Roster, Sort::Name, Sort::Level, Sort::Points] {
            assert_eq!(Sort::parse(s.key()), s);
        }
    }
}
