//! The roll-up file a chi bộ sends to the level above (`tusoi-rollup`, schema
//! `schema/rollup.schema.json`): the counts and the member list with each member's standing and
//! level, without any member's text. Several chi bộ files merge into one đảng bộ file, and a merged
//! file merges again. Merging is order-independent and associative: the units are a sorted set
//! (one chi bộ counted twice is refused), counts add, lists are kept sorted, and the few scalar
//! fields combine by rules that are themselves associative (the latest time, a name kept only
//! where all files agree).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::chibo::counts::{Counts, Rerated};
use crate::chibo::intake::Period;
use crate::chibo::messages::{ct, ctf, ChiBoMsg};
use crate::chibo::roster::{Exemption, Group};
use crate::chibo::table::{Row, Stage, Standing};
use crate::forms::rating::Rating;

pub const ROLLUP_FORMAT: &str = "tusoi-rollup";
/// The version of the roll-up format this build writes and the newest it reads.
///
/// - 1: counts, groups, members with their own proposal.
/// - 2: the stages after the members' own proposals (`chibo::stages`): each member's chi bộ
///   proposal, level decided, re-rating and paper review; the counts at those stages; each unit's
///   quota cap. A version 1 file reads as one where no stage was entered and the cap is 20 %.
pub const ROLLUP_VERSION: u32 = 2;

/// A roll-up file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RollupFile {
    /// Always `tusoi-rollup`.
    pub format: String,
    pub schema_version: u32,
    /// The newest app version among the files merged into this one.
    pub app_version: String,
    /// When the newest of the merged files was made (RFC 3339, UTC).
    pub made_at: String,
    pub year: u16,
    /// The đảng bộ, when every unit counted names the same one; else empty.
    pub dang_bo: String,
    /// The chi bộ counted, sorted, each once.
    pub units: Vec<Unit>,
    /// The counts over every unit.
    pub counts: Counts,
    /// The counts per group of comparable position (for the quota), sorted by group.
    pub groups: Vec<GroupCounts>,
    /// Every member counted, sorted by unit, name and birth date.
    pub members: Vec<MemberLine>,
    /// The counts at the stages after the members' own proposals (version 2).
    #[serde(default)]
    pub stages: StageTotals,
    /// The quota's cap each unit chose, sorted by unit (version 2; 20 % where a unit has none).
    #[serde(default)]
    pub caps: Vec<UnitCap>,
}

/// The counts as the chi bộ proposed and as decided, and the re-rated: they add when files merge.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StageTotals {
    pub chi_bo: Counts,
    pub decided: Counts,
    /// Members re-rated (Mẫu 03), and how many of them went down.
    pub re_rated: u64,
    pub re_rated_down: u64,
}

impl StageTotals {
    fn add(&mut self, other: &StageTotals) {
        self.chi_bo.add(&other.chi_bo);
        self.decided.add(&other.decided);
        self.re_rated += other.re_rated;
        self.re_rated_down += other.re_rated_down;
    }

    /// A version 1 file's: nobody has a level at these stages.
    fn none(counts: &Counts) -> StageTotals {
        let unrated = Counts {
            members: counts.members,
            exempt: counts.exempt,
            not_reviewed: counts.members - counts.exempt,
            ..Counts::default()
        };
        StageTotals {
            chi_bo: unrated,
            decided: unrated,
            re_rated: 0,
            re_rated_down: 0,
        }
    }
}

/// The quota's cap a unit chose (20 or 25 percent).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct UnitCap {
    pub unit: Unit,
    pub cap_percent: u64,
}

/// A chi bộ.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct Unit {
    pub dang_bo: String,
    pub chi_bo: String,
}

/// The counts of one group; `group` is `None` for members whose group is not known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GroupCounts {
    pub group: Option<GroupKey>,
    pub counts: Counts,
}

/// A group of comparable position, as the file names it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum GroupKey {
    Leader,
    Member,
    Outside,
}

impl From<Group> for GroupKey {
    fn from(g: Group) -> GroupKey {
        match g {
            Group::Leader => GroupKey::Leader,
            Group::Member => GroupKey::Member,
            Group::Outside => GroupKey::Outside,
        }
    }
}

/// One member in the file: who, where, and how they stand; never their texts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct MemberLine {
    pub chi_bo: String,
    pub full_name: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub group: Option<GroupKey>,
    /// `exempt`, `not_reviewed` or `rated`.
    pub standing: StandingKey,
    #[serde(default)]
    pub exemption: Option<ExemptionKey>,
    /// The level proposed, when rated.
    #[serde(default)]
    pub proposed: Option<LevelKey>,
    /// The highest level the points allow, when scored.
    #[serde(default)]
    pub allowed: Option<LevelKey>,
    /// The level the chi bộ proposed (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chi_bo_proposed: Option<LevelKey>,
    /// The level decided, after a re-rating (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided: Option<LevelKey>,
    /// Re-rated (Mẫu 03), and whether down (version 2).
    #[serde(default, skip_serializing_if = "is_false")]
    pub re_rated: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub re_rated_down: bool,
    /// The review was handed in on paper and entered by the secretary (version 2).
    #[serde(default, skip_serializing_if = "is_false")]
    pub from_paper: bool,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference.
fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum StandingKey {
    Exempt,
    NotReviewed,
    Rated,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ExemptionKey {
    WorkAndActivity,
    Suspended,
    NewMember,
}

/// A level, best first, with the keys the member's export uses.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LevelKey {
    HoanThanhXuatSac,
    HoanThanhTot,
    HoanThanh,
    KhongHoanThanh,
}

impl From<Rating> for LevelKey {
    fn from(r: Rating) -> LevelKey {
        match r {
            Rating::HoanThanhXuatSac => LevelKey::HoanThanhXuatSac,
            Rating::HoanThanhTot => LevelKey::HoanThanhTot,
            Rating::HoanThanh => LevelKey::HoanThanh,
            Rating::KhongHoanThanh => LevelKey::KhongHoanThanh,
        }
    }
}

/// Why a roll-up file cannot be read or merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RollupError {
    NotJson,
    NotOurs,
    TooNew { found: u64 },
    Inconsistent,
    OtherYear { found: u16, expected: u16 },
    UnitTwice { chi_bo: String },
}

impl RollupError {
    /// What happened and what to do, in Vietnamese.
    pub fn message(&self) -> String {
        match self {
            RollupError::NotJson => ct(ChiBoMsg::RollupNotJson).to_owned(),
            RollupError::NotOurs => ct(ChiBoMsg::RollupNotOurs).to_owned(),
            RollupError::TooNew { found } => {
                ctf(ChiBoMsg::RollupTooNew, &[("found", &found.to_string())])
            }
            RollupError::Inconsistent => ct(ChiBoMsg::RollupInconsistent).to_owned(),
            RollupError::OtherYear { found, expected } => ctf(
                ChiBoMsg::RollupOtherYear,
                &[
                    ("found", &found.to_string()),
                    ("expected", &expected.to_string()),
                ],
            ),
            RollupError::UnitTwice { chi_bo } => {
                ctf(ChiBoMsg::RollupUnitTwice, &[("chi_bo", chi_bo)])
            }
        }
    }
}

fn standing_keys(standing: Standing) -> (StandingKey, Option<ExemptionKey>, Option<LevelKey>) {
    match standing {
        Standing::Exempt(e) => (
            StandingKey::Exempt,
            Some(match e {
                Exemption::WorkAndActivity => ExemptionKey::WorkAndActivity,
                Exemption::Suspended => ExemptionKey::Suspended,
                Exemption::NewMember => ExemptionKey::NewMember,
            }),
            None,
        ),
        Standing::NotReviewed => (StandingKey::NotReviewed, None, None),
        Standing::Rated(r) => (StandingKey::Rated, None, Some(r.into())),
    }
}

impl RollupFile {
    /// The roll-up of one chi bộ's table, with its quota cap.
    pub fn of(period: &Period, rows: &[Row<'_>], cap_percent: u64, now: &str) -> RollupFile {
        let groups: Vec<GroupCounts> = Counts::by_group(rows)
            .into_iter()
            .map(|(g, counts)| GroupCounts {
                group: g.map(GroupKey::from),
                counts,
            })
            .collect();
        let mut members: Vec<MemberLine> = rows
            .iter()
            .map(|r| {
                let (standing, exemption, proposed) = standing_keys(r.standing);
                MemberLine {
                    chi_bo: period.chi_bo.clone(),
                    full_name: r.member.full_name.clone(),
                    birth_date: r.member.birth_date.clone(),
                    group: r.group.map(GroupKey::from),
                    standing,
                    exemption,
                    proposed,
                    allowed: r.allowed.filter(|_| proposed.is_some()).map(LevelKey::from),
                    chi_bo_proposed: r.level_at(Stage::ChiBo).map(LevelKey::from),
                    decided: r.level_at(Stage::Decided).map(LevelKey::from),
                    re_rated: r.stages.rerating.is_some(),
                    re_rated_down: r.stages.rerated_down(),
                    from_paper: r.from_paper,
                }
            })
            .collect();
        members.sort();
        RollupFile {
            format: ROLLUP_FORMAT.to_owned(),
            schema_version: ROLLUP_VERSION,
            app_version: crate::base::util::APP_VERSION.to_owned(),
            made_at: now.to_owned(),
            year: period.year,
            dang_bo: period.dang_bo.clone(),
            units: vec![Unit {
                dang_bo: period.dang_bo.clone(),
                chi_bo: period.chi_bo.clone(),
            }],
            counts: Counts::of(rows),
            groups,
            members,
            stages: {
                let rerated = Rerated::of(rows);
                StageTotals {
                    chi_bo: Counts::at(rows, Stage::ChiBo),
                    decided: Counts::at(rows, Stage::Decided),
                    re_rated: rerated.rerated,
                    re_rated_down: rerated.down,
                }
            },
            caps: vec![UnitCap {
                unit: Unit {
                    dang_bo: period.dang_bo.clone(),
                    chi_bo: period.chi_bo.clone(),
                },
                cap_percent,
            }],
        }
    }

    /// Two roll-ups as one: order-independent and associative (`merge_all` of the two).
    pub fn merge(&self, other: &RollupFile) -> Result<RollupFile, RollupError> {
        RollupFile::merge_all(&[self.clone(), other.clone()])
            .map(|merged| merged.unwrap_or_else(|| self.clone()))
    }

    /// Many roll-ups as one, in one pass: the units and members are sorted once, so a đảng bộ of
    /// 3,317 chi bộ merges in linear-logarithmic time where merging one file at a time would copy
    /// the growing member list each time. The same in any order and grouping
    /// (`merging_is_order_independent_and_associative_on_random_roll_ups`,
    /// `merge_all_equals_merging_two_by_two_in_any_order`). `None` for no files.
    pub fn merge_all(files: &[RollupFile]) -> Result<Option<RollupFile>, RollupError> {
        let Some(first) = files.first() else {
            return Ok(None);
        };
        if let Some(other) = files.iter().find(|f| f.year != first.year) {
            return Err(RollupError::OtherYear {
                found: other.year,
                expected: first.year,
            });
        }
        let mut units: Vec<Unit> = files.iter().flat_map(|f| f.units.iter().cloned()).collect();
        units.sort();
        if let Some(twice) = units.windows(2).find(|w| w[0] == w[1]) {
            return Err(RollupError::UnitTwice {
                chi_bo: twice[0].chi_bo.clone(),
            });
        }
        let mut counts = Counts::default();
        let mut stages = StageTotals::default();
        let mut groups: Vec<GroupCounts> = Vec::new();
        for f in files {
            counts.add(&f.counts);
            stages.add(&f.stages);
            for g in &f.groups {
                match groups.iter_mut().find(|x| x.group == g.group) {
                    Some(x) => x.counts.add(&g.counts),
                    None => groups.push(g.clone()),
                }
            }
        }
        groups.sort_by_key(|g| g.group);
        let mut members: Vec<MemberLine> = files
            .iter()
            .flat_map(|f| f.members.iter().cloned())
            .collect();
        members.sort();
        let mut caps: Vec<UnitCap> = files.iter().flat_map(|f| f.caps.iter().cloned()).collect();
        caps.sort();
        let same_dang_bo = files.iter().all(|f| f.dang_bo == first.dang_bo);
        Ok(Some(RollupFile {
            format: ROLLUP_FORMAT.to_owned(),
            schema_version: ROLLUP_VERSION,
            app_version: files
                .iter()
                .map(|f| &f.app_version)
                .max()
                .cloned()
                .unwrap_or_default(),
            made_at: files
                .iter()
                .map(|f| &f.made_at)
                .max()
                .cloned()
                .unwrap_or_default(),
            year: first.year,
            dang_bo: if same_dang_bo {
                first.dang_bo.clone()
            } else {
                String::new()
            },
            units,
            counts,
            groups,
            members,
            stages,
            caps,
        }))
    }

    /// The counts at each stage: the members' own proposals, the chi bộ's, the levels decided.
    pub fn by_stage(&self) -> [(Stage, &Counts); 3] {
        [
            (Stage::Members, &self.counts),
            (Stage::ChiBo, &self.stages.chi_bo),
            (Stage::Decided, &self.stages.decided),
        ]
    }

    /// The latest stage every rated member of every unit has reached: what the level above
    /// reports (the levels decided, once all are in).
    pub fn headline(&self) -> Stage {
        let rated = self.counts.rated;
        [
            (Stage::Decided, self.stages.decided.rated),
            (Stage::ChiBo, self.stages.chi_bo.rated),
        ]
        .into_iter()
        .find(|(_, n)| rated > 0 && *n == rated)
        .map_or(Stage::Members, |(s, _)| s)
    }

    /// The re-rated members of every unit merged.
    pub fn rerated(&self) -> Rerated {
        Rerated {
            rerated: self.stages.re_rated,
            decided: self.stages.decided.rated,
            down: self.stages.re_rated_down,
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Reads a roll-up file, checking that it is one, of a version this app knows, and that its counts
/// add up.
/// Whether a file says it is a roll-up: its `format` field, which the app writes first in a
/// roll-up as in an export, names [`ROLLUP_FORMAT`] within the file's first 4 KB, whatever the
/// file's size (a đảng bộ's merged roll-up of 15.000 members is several MB). A member's text that
/// quotes the name has its quotes escaped, so it is no match; anything else that matches and is
/// not one is told apart by [`parse_rollup`] (`RollupError::NotOurs`).
pub fn looks_like_rollup(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let marker = format!("\"{ROLLUP_FORMAT}\"");
    head.windows(marker.len()).any(|w| w == marker.as_bytes())
}

pub fn parse_rollup(bytes: &[u8]) -> Result<RollupFile, RollupError> {
    let text = std::str::from_utf8(bytes).map_err(|_| RollupError::NotJson)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| RollupError::NotJson)?;
    if value.get("format").and_then(|f| f.as_str()) != Some(ROLLUP_FORMAT) {
        return Err(RollupError::NotOurs);
    }
    match value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
    {
        Some(v) if v > u64::from(ROLLUP_VERSION) => return Err(RollupError::TooNew { found: v }),
        Some(_) => {}
        None => return Err(RollupError::NotOurs),
    }
    let version = value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    let mut file: RollupFile = serde_json::from_value(value).map_err(|_| RollupError::NotOurs)?;
    if version < 2 {
        // Before the stages: nobody has a level after their own proposal, every unit's cap 20 %.
        file.stages = StageTotals::none(&file.counts);
        file.caps = file
            .units
            .iter()
            .map(|u| UnitCap {
                unit: u.clone(),
                cap_percent: crate::chibo::counts::DEFAULT_QUOTA_CAP,
            })
            .collect();
        file.schema_version = ROLLUP_VERSION;
    }
    let groups_add_up = {
        let mut sum = Counts::default();
        for g in &file.groups {
            sum.add(&g.counts);
        }
        sum == file.counts
    };
    let stages_add_up = [&file.stages.chi_bo, &file.stages.decided].iter().all(|c| {
        c.consistent() && c.members == file.counts.members && c.exempt == file.counts.exempt
    }) && file.stages.re_rated_down <= file.stages.re_rated
        && file.stages.re_rated <= file.stages.decided.rated;
    if !file.counts.consistent()
        || !stages_add_up
        || !file.groups.iter().all(|g| g.counts.consistent())
        || !groups_add_up
        || file.members.len() as u64 != file.counts.members
    {
        return Err(RollupError::Inconsistent);
    }
    Ok(file)
}

/// The JSON Schema of the roll-up format, as committed.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(RollupFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_roll_up_is_known_by_its_format_field_at_its_head_not_by_a_quote_deeper_in() {
        let rollup = br#"{"format": "tusoi-rollup", "schema_version": 1}"#;
        assert!(looks_like_rollup(rollup));
        let mut large = rollup.to_vec();
        large.extend(std::iter::repeat_n(b' ', 5 * 1024 * 1024));
        assert!(looks_like_rollup(&large), "whatever its size");
        let export = br#"{"format": "tusoi-export", "documents": []}"#;
        assert!(!looks_like_rollup(export));
        // Quoted in a member's text, the quotes are escaped: not the field's value.
        let quoting = br#"{"format": "tusoi-export", "note": "\"tusoi-rollup\""}"#;
        assert!(!looks_like_rollup(quoting));
        assert_eq!(parse_rollup(export), Err(RollupError::NotOurs));
    }

    /// A small random roll-up of one unit, from a seed.
    fn random_rollup(seed: u64, unit: usize) -> RollupFile {
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let chi_bo = format!("Chi bộ {unit}");
        let mut members = Vec::new();
        let mut file_counts = Counts::default();
        let mut groups: Vec<GroupCounts> = Vec::new();
        let mut stages = StageTotals::default();
        let levels = [
            LevelKey::HoanThanhXuatSac,
            LevelKey::HoanThanhTot,
            LevelKey::HoanThanh,
            LevelKey::KhongHoanThanh,
        ];
        for i in 0..next(12) {
            let group = [
                None,
                Some(GroupKey::Leader),
                Some(GroupKey::Member),
                Some(GroupKey::Outside),
            ][next(4) as usize];
            let mut c = Counts {
                members: 1,
                ..Counts::default()
            };
            let (standing, proposed) = match next(5) {
                0 => {
                    c.exempt = 1;
                    (StandingKey::Exempt, None)
                }
                1 => {
                    c.not_reviewed = 1;
                    (StandingKey::NotReviewed, None)
                }
                _ => {
                    let level = next(4) as usize;
                    c.rated = 1;
                    c.by_level[level] = 1;
                    (
                        StandingKey::Rated,
                        Some(
                            [
                                LevelKey::HoanThanhXuatSac,
                                LevelKey::HoanThanhTot,
                                LevelKey::HoanThanh,
                                LevelKey::KhongHoanThanh,
                            ][level],
                        ),
                    )
                }
            };
            file_counts.add(&c);
            match groups.iter_mut().find(|g| g.group == group) {
                Some(g) => g.counts.add(&c),
                None => groups.push(GroupCounts { group, counts: c }),
            }
            // The later stages, each level or none (index 4), for the members not exempt.
            let mut later = |stage: &mut Counts| {
                let at = if standing == StandingKey::Exempt {
                    4
                } else {
                    next(5) as usize
                };
                stage.members += 1;
                match (standing, levels.get(at)) {
                    (StandingKey::Exempt, _) => stage.exempt += 1,
                    (_, None) => stage.not_reviewed += 1,
                    (_, Some(_)) => {
                        stage.rated += 1;
                        stage.by_level[at] += 1;
                    }
                }
                levels.get(at).copied()
            };
            let chi_bo_proposed = later(&mut stages.chi_bo);
            let decided = later(&mut stages.decided);
            let re_rated = decided.is_some() && next(3) == 0;
            let re_rated_down = re_rated && next(2) == 0;
            stages.re_rated += u64::from(re_rated);
            stages.re_rated_down += u64::from(re_rated_down);
            members.push(MemberLine {
                chi_bo: chi_bo.clone(),
                full_name: format!("Người {i}"),
                birth_date: String::new(),
                group,
                standing,
                exemption: None,
                proposed,
                allowed: None,
                chi_bo_proposed,
                decided,
                re_rated,
                re_rated_down,
                from_paper: standing == StandingKey::Rated && next(4) == 0,
            });
        }
        groups.sort_by_key(|g| g.group);
        members.sort();
        RollupFile {
            format: ROLLUP_FORMAT.into(),
            schema_version: ROLLUP_VERSION,
            app_version: format!("0.{}.0", next(3)),
            made_at: format!("2026-12-0{}T00:00:00.000Z", 1 + next(9)),
            year: 2026,
            dang_bo: ["Đảng bộ A", "Đảng bộ B"][next(2) as usize].into(),
            units: vec![Unit {
                dang_bo: String::new(),
                chi_bo: chi_bo.clone(),
            }],
            counts: file_counts,
            groups,
            members,
            stages,
            caps: vec![UnitCap {
                unit: Unit {
                    dang_bo: String::new(),
                    chi_bo,
                },
                cap_percent: [20, 25][next(2) as usize],
            }],
        }
    }

    /// A file of version 1, as the app wrote it before the stages (committed as written then),
    /// still reads and merges: nobody has a level after their own proposal, its cap is 20 %.
    #[test]
    fn a_version_1_roll_up_still_loads_and_merges_with_a_version_2_one() {
        let old = parse_rollup(include_bytes!("../../tests/fixtures/rollup-v1.json"))
            .expect("a version 1 file reads");
        assert_eq!(old.schema_version, ROLLUP_VERSION);
        assert_eq!((old.counts.members, old.counts.rated), (4, 2));
        assert_eq!(
            (
                old.stages.decided.members,
                old.stages.decided.exempt,
                old.stages.decided.rated
            ),
            (4, 1, 0)
        );
        assert_eq!(old.caps.len(), 1);
        assert_eq!(old.caps[0].cap_percent, 20);
        assert!(old
            .members
            .iter()
            .all(|m| m.decided.is_none() && !m.re_rated));
        let new = random_rollup(7, 9);
        assert_eq!(
            old.headline(),
            Stage::Members,
            "nothing decided in a version 1 file"
        );
        let merged = old.merge(&new).expect("merges");
        assert_eq!(merged.rerated().decided, new.stages.decided.rated);
        assert_eq!(merged, new.merge(&old).expect("merges"));
        assert_eq!(merged.stages.decided.members, 4 + new.counts.members);
        assert_eq!(parse_rollup(merged.to_json().as_bytes()), Ok(merged));
    }

    /// A chi bộ's file carries what its workspace entered after the members' proposals and the
    /// cap it chose: a 25 % workspace writes 25 %.
    #[test]
    fn a_workspaces_roll_up_carries_its_stages_and_its_cap() {
        use crate::chibo::roster::MemberKey;
        use crate::chibo::stages::{edit, StageEdit};
        use crate::chibo::workspace::Workspace;
        let period = Period {
            dang_bo: "Đảng bộ xã Tân Phú".into(),
            chi_bo: "Chi bộ ấp 3".into(),
            year: 2026,
        };
        let mut ws = Workspace::new("w".into(), period, "2026-12-01T00:00:00.000Z");
        ws.set_roster("An\nBình");
        assert!(ws.set_quota_cap(25));
        for (name, level) in [("An", Rating::HoanThanhTot), ("Bình", Rating::HoanThanhTot)] {
            let key = MemberKey::new(name, "");
            for e in [
                StageEdit::PaperRating(Some(level)),
                StageEdit::Proposed(Some(level)),
                StageEdit::DecisionRating(Some(level)),
            ] {
                edit(&mut ws.stages, &key, e);
            }
        }
        edit(
            &mut ws.stages,
            &MemberKey::new("Bình", ""),
            StageEdit::ReratingRating(Some(Rating::KhongHoanThanh)),
        );
        let file = RollupFile::of(
            &ws.period,
            &ws.rows(),
            ws.quota_cap,
            "2026-12-20T00:00:00.000Z",
        );
        assert_eq!(file.caps[0].cap_percent, 25);
        assert_eq!(file.stages.decided.by_level, [0, 1, 0, 1]);
        assert_eq!((file.stages.re_rated, file.stages.re_rated_down), (1, 1));
        let binh = file.members.iter().find(|m| m.full_name == "Bình").unwrap();
        assert_eq!(
            (binh.decided, binh.re_rated_down, binh.from_paper),
            (Some(LevelKey::KhongHoanThanh), true, true)
        );
        assert_eq!(parse_rollup(file.to_json().as_bytes()), Ok(file));
    }

    /// The stages' counts must add up as the members' do: a file whose decided counts do not is
    /// refused as inconsistent.
    #[test]
    fn a_roll_up_whose_stage_counts_do_not_add_up_is_refused() {
        let mut file = random_rollup(3, 1);
        file.stages.decided.members += 1;
        assert_eq!(
            parse_rollup(file.to_json().as_bytes()),
            Err(RollupError::Inconsistent)
        );
    }

    #[test]
    fn merging_is_order_independent_and_associative_on_random_roll_ups() {
        for seed in 1..=300 {
            let (a, b, c) = (
                random_rollup(seed, 1),
                random_rollup(seed + 1000, 2),
                random_rollup(seed + 2000, 3),
            );
            let ab = a.merge(&b).expect("disjoint units merge");
            assert_eq!(ab, b.merge(&a).expect("merge"), "seed {seed}: a+b = b+a");
            let left = ab.merge(&c).expect("merge");
            let right = a.merge(&b.merge(&c).expect("merge")).expect("merge");
            assert_eq!(left, right, "seed {seed}: (a+b)+c = a+(b+c)");
            assert!(left.counts.consistent());
            assert_eq!(
                left.counts.members,
                a.counts.members + b.counts.members + c.counts.members
            );
            assert_eq!(left.members.len() as u64, left.counts.members);
            // A merged file reads back as it was written.
            assert_eq!(parse_rollup(left.to_json().as_bytes()), Ok(left));
        }
    }

    #[test]
    fn merge_all_equals_merging_two_by_two_in_any_order() {
        for seed in 1..=100 {
            let files: Vec<RollupFile> = (0..5)
                .map(|u| random_rollup(seed * 10 + u as u64, u + 1))
                .collect();
            let folded = files[1..]
                .iter()
                .try_fold(files[0].clone(), |acc, f| acc.merge(f))
                .expect("disjoint units merge");
            let mut reversed = files.clone();
            reversed.reverse();
            reversed.rotate_left((seed % 5) as usize);
            for order in [&files, &reversed] {
                assert_eq!(
                    RollupFile::merge_all(order),
                    Ok(Some(folded.clone())),
                    "seed {seed}"
                );
            }
        }
        assert_eq!(RollupFile::merge_all(&[]), Ok(None));
        let a = random_rollup(7, 1);
        assert_eq!(
            RollupFile::merge_all(&[a.clone(), random_rollup(8, 2), a.clone()]),
            Err(RollupError::UnitTwice {
                chi_bo: "Chi bộ 1".into()
            })
        );
        let mut other = random_rollup(8, 2);
        other.year -= 1;
        assert!(matches!(
            RollupFile::merge_all(&[a, other]),
            Err(RollupError::OtherYear { .. })
        ));
    }

    #[test]
    fn a_chi_bo_counted_twice_another_year_or_a_tampered_file_is_refused() {
        let a = random_rollup(7, 1);
        assert_eq!(
            a.merge(&a),
            Err(RollupError::UnitTwice {
                chi_bo: "Chi bộ 1".into()
            })
        );
        let mut other = random_rollup(8, 2);
        other.year = 2025;
        assert!(matches!(
            a.merge(&other),
            Err(RollupError::OtherYear { .. })
        ));
        let mut tampered = random_rollup(9, 3);
        tampered.counts.rated += 1;
        assert_eq!(
            parse_rollup(tampered.to_json().as_bytes()),
            Err(RollupError::Inconsistent)
        );
        let newer = a.to_json().replace(
            &format!("\"schema_version\": {ROLLUP_VERSION}"),
            "\"schema_version\": 9",
        );
        assert_eq!(
            parse_rollup(newer.as_bytes()),
            Err(RollupError::TooNew { found: 9 })
        );
        assert_eq!(parse_rollup(b"{}"), Err(RollupError::NotOurs));
        assert_eq!(parse_rollup(b"\xff"), Err(RollupError::NotJson));
        for e in [RollupError::NotJson, RollupError::Inconsistent] {
            assert!(!e.message().is_empty());
        }
    }

    /// Regenerate with `UPDATE_SCHEMA=1 cargo test -p tusoi-core`.
    #[test]
    fn committed_rollup_schema_matches_the_types() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/rollup.schema.json");
        let generated = json_schema();
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(path, &generated).expect("write the schema");
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "{path} is out of date: run UPDATE_SCHEMA=1 cargo test -p tusoi-core and commit it"
        );
    }
}
