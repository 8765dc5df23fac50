//! The roll-up file a chi bộ sends to the level above (`tusoi-rollup`, schema
//! `schema/rollup.schema.json`): the counts and the member list with each member's standing and
//! level, without any member's text. Several chi bộ files merge into one đảng bộ file, and a merged
//! file merges again. Merging is order-independent and associative: the units are a sorted set
//! (one chi bộ counted twice is refused), counts add, lists are kept sorted, and the few scalar
//! fields combine by rules that are themselves associative (the latest time, a name kept only
//! where all files agree).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::chibo::intake::Period;
use crate::chibo::messages::{ct, ctf, ChiBoMsg};
use crate::chibo::roster::{Exemption, Group};
use crate::chibo::table::{Counts, Row, Standing};
use crate::forms::rating::Rating;

pub const ROLLUP_FORMAT: &str = "tusoi-rollup";
pub const ROLLUP_VERSION: u32 = 1;

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
    /// The roll-up of one chi bộ's table.
    pub fn of(period: &Period, rows: &[Row<'_>], now: &str) -> RollupFile {
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
        let mut groups: Vec<GroupCounts> = Vec::new();
        for f in files {
            counts.add(&f.counts);
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
        }))
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
    let file: RollupFile = serde_json::from_value(value).map_err(|_| RollupError::NotOurs)?;
    let groups_add_up = {
        let mut sum = Counts::default();
        for g in &file.groups {
            sum.add(&g.counts);
        }
        sum == file.counts
    };
    if !file.counts.consistent()
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
            members.push(MemberLine {
                chi_bo: chi_bo.clone(),
                full_name: format!("Người {i}"),
                birth_date: String::new(),
                group,
                standing,
                exemption: None,
                proposed,
                allowed: None,
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
                chi_bo,
            }],
            counts: file_counts,
            groups,
            members,
        }
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
        let newer = a
            .to_json()
            .replace("\"schema_version\": 1", "\"schema_version\": 9");
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
