//! What is counted from the table's rows: the counts of a set of rows, by stage and by group, the
//! re-rated, and the quota.
//!
//! The quota (QĐ 366 Điều 11 §1.5): HTXSNV at most 20% (25% where the upper level allows) of the
//! number rated HTTNV, not of the headcount, within a group of comparable position. "Không vượt
//! quá" is read as `HTXSNV ≤ floor(cap × HTTNV)` (the research found no rounding rule). It is a
//! warning for the chi bộ; the app decides nothing.

use crate::base::messages::t;
use crate::base::number::{format_count, format_percent};
use crate::chibo::messages::{ctf, ChiBoMsg};
use crate::chibo::roster::Group;
use crate::chibo::table::{Row, Stage, Standing};
use crate::forms::rating::Rating;

/// The counts of a set of rows: `members = exempt + not_reviewed + rated`, and the levels (best
/// first: HTXSNV, HTTNV, HTNV, KHTNV) add up to `rated`. The roll-up file carries them as they are.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
pub struct Counts {
    pub members: u64,
    pub exempt: u64,
    pub not_reviewed: u64,
    pub rated: u64,
    /// By level, best first (the order of `Rating::ALL`).
    pub by_level: [u64; 4],
    /// By the highest level the points allow, among the rated with points.
    pub by_points: [u64; 4],
}

fn level_index(rating: Rating) -> usize {
    Rating::ALL.iter().position(|r| *r == rating).unwrap_or(3)
}

impl Counts {
    /// Adds another set's counts (merging roll-ups).
    pub fn add(&mut self, other: &Counts) {
        self.members += other.members;
        self.exempt += other.exempt;
        self.not_reviewed += other.not_reviewed;
        self.rated += other.rated;
        for i in 0..4 {
            self.by_level[i] += other.by_level[i];
            self.by_points[i] += other.by_points[i];
        }
    }

    /// Whether the counts add up as they must.
    pub fn consistent(&self) -> bool {
        self.members == self.exempt + self.not_reviewed + self.rated
            && self.by_level.iter().sum::<u64>() == self.rated
            && self.by_points.iter().sum::<u64>() <= self.rated
    }

    /// The counts of the members' own proposals.
    pub fn of<'r, 'a: 'r>(rows: impl IntoIterator<Item = &'r Row<'a>>) -> Counts {
        Counts::at(rows, Stage::Members)
    }

    /// The counts of the levels at a stage: a member without a level there counts as not yet
    /// rated at it, so `members = exempt + not_reviewed + rated` holds at every stage.
    pub fn at<'r, 'a: 'r>(rows: impl IntoIterator<Item = &'r Row<'a>>, stage: Stage) -> Counts {
        let mut c = Counts::default();
        for row in rows.into_iter().filter(|r| r.counted()) {
            c.members += 1;
            match (row.standing, row.level_at(stage)) {
                (Standing::Exempt(_), _) => c.exempt += 1,
                (_, None) => c.not_reviewed += 1,
                (_, Some(rating)) => {
                    c.rated += 1;
                    c.by_level[level_index(rating)] += 1;
                    if let Some(allowed) = row.allowed {
                        c.by_points[level_index(allowed)] += 1;
                    }
                }
            }
        }
        c
    }

    /// [`Counts::by_group`] at a stage.
    pub fn by_group_at(rows: &[Row<'_>], stage: Stage) -> Vec<(Option<Group>, Counts)> {
        [
            None,
            Some(Group::Leader),
            Some(Group::Member),
            Some(Group::Outside),
        ]
        .into_iter()
        .map(|g| (g, Counts::at(in_group(rows, g), stage)))
        .filter(|(_, c)| c.members > 0)
        .collect()
    }

    /// The counts of each group of comparable position that has a member, in one order (members
    /// whose group is not known first, then leaders, members, outside the political system): what
    /// the quota is checked on (QĐ 366 Đ11 §1.5). The page, the A4 summary and the roll-up file all
    /// count their groups here.
    pub fn by_group(rows: &[Row<'_>]) -> Vec<(Option<Group>, Counts)> {
        Counts::by_group_at(rows, Stage::Members)
    }

    /// "29/155 đồng chí hoàn thành xuất sắc nhiệm vụ, chiếm 18,71%", one line per level.
    pub fn level_lines(&self) -> Vec<String> {
        if self.rated == 0 {
            return vec![crate::chibo::messages::ct(ChiBoMsg::SummaryNone).to_owned()];
        }
        Rating::ALL
            .iter()
            .zip(self.by_level)
            .map(|(rating, count)| {
                ctf(
                    ChiBoMsg::SummaryLevel,
                    &[
                        ("count", &format_count(count)),
                        ("rated", &format_count(self.rated)),
                        ("level", &t(rating.label()).to_lowercase()),
                        (
                            "percent",
                            &format_percent(count, self.rated).unwrap_or_default(),
                        ),
                    ],
                )
            })
            .collect()
    }

    /// The headcount line: members, exempt, not yet reviewed, rated.
    pub fn headcount_line(&self) -> String {
        ctf(
            ChiBoMsg::SummaryHeadcount,
            &[
                ("members", &format_count(self.members)),
                ("exempt", &format_count(self.exempt)),
                ("missing", &format_count(self.not_reviewed)),
                ("rated", &format_count(self.rated)),
            ],
        )
    }
}

/// The re-rated members (QĐ 366 Điều 15.3, Mẫu 03): how many of those decided, and how many went
/// down. "x/y đảng viên được điều chỉnh mức xếp loại (xuống thấp hơn: n)".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rerated {
    pub rerated: u64,
    pub decided: u64,
    pub down: u64,
}

impl Rerated {
    pub fn of(rows: &[Row<'_>]) -> Rerated {
        let mut r = Rerated::default();
        for row in rows.iter().filter(|r| r.counted()) {
            if row.level_at(Stage::Decided).is_none() {
                continue;
            }
            r.decided += 1;
            if row.stages.rerating.is_some() {
                r.rerated += 1;
                r.down += u64::from(row.stages.rerated_down());
            }
        }
        r
    }

    pub fn line(&self) -> String {
        ctf(
            ChiBoMsg::SummaryRerated,
            &[
                ("count", &format_count(self.rerated)),
                ("decided", &format_count(self.decided)),
                ("down", &format_count(self.down)),
            ],
        )
    }
}

/// The caps a chi bộ may apply: HTXSNV at most 20% of those rated HTTNV, or 25% where the
/// competent level allows it for outstanding results (QĐ 366 Đ11 §1.5; `docs/domain.md`).
pub const QUOTA_CAPS: [u64; 2] = [20, 25];

/// The cap unless the workspace chose the other one.
pub const DEFAULT_QUOTA_CAP: u64 = 20;

/// The quota of one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    /// 20, or 25 where the upper level allows it for outstanding results.
    pub cap_percent: u64,
    pub htxs: u64,
    pub httnv: u64,
}

impl Quota {
    pub fn new(counts: &[u64; 4], cap_percent: u64) -> Quota {
        Quota {
            cap_percent,
            htxs: counts[0],
            httnv: counts[1],
        }
    }

    /// The most HTXSNV the cap allows: `floor(cap × HTTNV)`.
    pub fn max(&self) -> u64 {
        self.httnv * self.cap_percent / 100
    }

    /// How many HTXSNV are over the cap.
    pub fn over(&self) -> u64 {
        self.htxs.saturating_sub(self.max())
    }

    /// The quota line of a group (`label`), from the proposals.
    pub fn line(&self, label: &str) -> String {
        let args = [
            ("group", label.to_owned()),
            ("htxs", format_count(self.htxs)),
            ("httnv", format_count(self.httnv)),
            ("cap", self.cap_percent.to_string()),
            ("max", format_count(self.max())),
            ("over", format_count(self.over())),
        ];
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        ctf(
            if self.over() > 0 {
                ChiBoMsg::QuotaOver
            } else {
                ChiBoMsg::QuotaWithin
            },
            &args,
        )
    }
}

/// The rows of a group (`None`: members whose group is not known).
pub fn in_group<'r, 'a>(
    rows: &'r [Row<'a>],
    group: Option<Group>,
) -> impl Iterator<Item = &'r Row<'a>> {
    rows.iter().filter(move |r| r.group == group)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quota_is_a_fifth_of_those_rated_httnv_at_its_edges() {
        let q = |htxs, httnv, cap| Quota::new(&[htxs, httnv, 0, 0], cap);
        // No HTTNV: not even one HTXSNV fits.
        assert_eq!((q(1, 0, 20).max(), q(1, 0, 20).over()), (0, 1));
        assert_eq!(q(0, 0, 20).over(), 0);
        // Exactly 20%: within; one more is over.
        assert_eq!((q(2, 10, 20).max(), q(2, 10, 20).over()), (2, 0));
        assert_eq!(q(3, 10, 20).over(), 1);
        // Floor, never round up: 12 HTTNV allow 2, 4 allow none.
        assert_eq!(q(0, 12, 20).max(), 2);
        assert_eq!(q(0, 4, 20).max(), 0);
        // 25% where the upper level allows: 12 HTTNV allow 3.
        assert_eq!(q(3, 12, 25).over(), 0);
        assert_eq!(q(4, 12, 25).over(), 1);
        // The seed's aggregate: 29 HTXSNV against 120 HTTNV is 5 over 20%.
        let seed = q(29, 120, 20);
        assert_eq!((seed.max(), seed.over()), (24, 5));
        assert!(seed.line("Lãnh đạo, quản lý").contains("vượt 5"));
        assert!(q(2, 10, 20).line("x").contains("trong giới hạn 20%"));
    }
}
