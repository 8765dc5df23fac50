//! Local scoring rubrics. The centre fixes only the 30 + 70 points; each provincial committee
//! splits them into its own sub-criteria (HD 43 §1.2, §7.12; docs/domain.md, "Ratings and points"). A rubric is a JSON
//! file the member imports; a document scored under it keeps a copy (so its export carries it),
//! scores each sub-criterion and gets each group's points as their sum.
//!
//! The format's JSON Schema is generated from these types and committed as
//! `crates/core/schema/rubric.schema.json`; `docs/rubric.md` explains it with an example.

use std::collections::HashSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::messages::{t, tf, Msg};
use crate::forms::template::Template;

/// The value of `format` in every rubric file.
pub const RUBRIC_FORMAT: &str = "tusoi-rubric";
/// The newest rubric format this build reads.
pub const RUBRIC_SCHEMA_VERSION: u32 = 1;

/// A rubric file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Tự soi scoring rubric")]
pub struct Rubric {
    /// Always `tusoi-rubric`.
    #[schemars(extend("const" = "tusoi-rubric"))]
    pub format: String,
    /// The version of this format.
    #[schemars(range(min = 1))]
    pub schema_version: u32,
    /// A stable id chosen by the issuer, e.g. `hcm-2025-ca-nhan`.
    pub id: String,
    /// The rubric's name as the member sees it.
    pub name: String,
    /// Who issued it (the party committee).
    pub issuer: String,
    /// The template ids it is for (`HD43-2025/2B`, …); each group must be one of their score groups.
    pub templates: Vec<String>,
    /// The split of each score group into sub-criteria.
    pub groups: Vec<RubricGroup>,
}

/// The sub-criteria of one score group; their maxima add up to the group's maximum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RubricGroup {
    /// The score group id of the templates: `general` (30) or `tasks` (70).
    pub group: String,
    pub criteria: Vec<Criterion>,
}

/// One sub-criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Criterion {
    /// Unique within the rubric.
    pub id: String,
    pub label: String,
    /// The most points it gives; more than 0.
    pub max: f64,
}

/// The member's points for one sub-criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CriterionScore {
    pub criterion: String,
    pub points: f64,
}

/// Why a rubric file cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum RubricError {
    NotJson { line: usize, column: usize },
    NotOurs,
    TooNew { found: u64 },
    Invalid { detail: String },
    UnknownTemplate { id: String },
    UnknownGroup { group: String },
    WrongSum { group: String, sum: String, max: u8 },
    DuplicateCriterion { id: String },
    NotForTemplate,
}

impl RubricError {
    /// The message shown to the member; the file is never used when there is one.
    pub fn message(&self) -> String {
        let detail = match self {
            RubricError::NotJson { line, column } => tf(
                Msg::RubricNotJson,
                &[("line", &line.to_string()), ("column", &column.to_string())],
            ),
            RubricError::NotOurs => t(Msg::RubricNotOurs).to_owned(),
            RubricError::TooNew { found } => {
                tf(Msg::RubricTooNew, &[("found", &found.to_string())])
            }
            RubricError::Invalid { detail } => tf(Msg::RubricInvalid, &[("detail", detail)]),
            RubricError::UnknownTemplate { id } => tf(Msg::RubricUnknownTemplate, &[("id", id)]),
            RubricError::UnknownGroup { group } => tf(Msg::RubricUnknownGroup, &[("group", group)]),
            RubricError::WrongSum { group, sum, max } => tf(
                Msg::RubricWrongSum,
                &[("group", group), ("sum", sum), ("max", &max.to_string())],
            ),
            RubricError::DuplicateCriterion { id } => tf(Msg::RubricDuplicate, &[("id", id)]),
            RubricError::NotForTemplate => t(Msg::RubricNotForTemplate).to_owned(),
        };
        format!("{detail} {}", t(Msg::RubricNothingChanged))
    }
}

/// Parses and checks a rubric file against the templates it names. Never panics.
pub fn parse_rubric(bytes: &[u8]) -> Result<Rubric, RubricError> {
    if bytes.len() > 1024 * 1024 {
        return Err(RubricError::Invalid {
            detail: "> 1 MB".into(),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| RubricError::NotOurs)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| RubricError::NotJson {
            line: e.line(),
            column: e.column(),
        })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(RUBRIC_FORMAT) {
        return Err(RubricError::NotOurs);
    }
    match value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
    {
        Some(v) if v > u64::from(RUBRIC_SCHEMA_VERSION) => {
            return Err(RubricError::TooNew { found: v })
        }
        Some(v) if v >= 1 => {}
        _ => {
            return Err(RubricError::Invalid {
                detail: "schema_version".into(),
            })
        }
    }
    let rubric: Rubric = serde_json::from_value(value).map_err(|e| RubricError::Invalid {
        detail: e.to_string(),
    })?;
    check(&rubric)?;
    Ok(rubric)
}

/// Checks a rubric's structure against the templates it names (also run on imported documents).
pub fn check(rubric: &Rubric) -> Result<(), RubricError> {
    if rubric.templates.is_empty() || rubric.groups.is_empty() {
        return Err(RubricError::Invalid {
            detail: "templates, groups".into(),
        });
    }
    let mut ids = HashSet::new();
    for group in &rubric.groups {
        for c in &group.criteria {
            if !(c.max.is_finite() && c.max > 0.0) || c.label.trim().is_empty() {
                return Err(RubricError::Invalid {
                    detail: c.id.clone(),
                });
            }
            if !ids.insert(c.id.as_str()) {
                return Err(RubricError::DuplicateCriterion { id: c.id.clone() });
            }
        }
    }
    for id in &rubric.templates {
        let template =
            Template::get(id).ok_or_else(|| RubricError::UnknownTemplate { id: id.clone() })?;
        for group in &rubric.groups {
            let spec =
                template
                    .score_group(&group.group)
                    .ok_or_else(|| RubricError::UnknownGroup {
                        group: group.group.clone(),
                    })?;
            let sum: f64 = group.criteria.iter().map(|c| c.max).sum();
            if (sum - f64::from(spec.max)).abs() > 1e-6 {
                return Err(RubricError::WrongSum {
                    group: spec.label.to_owned(),
                    sum: crate::base::number::format_points(sum),
                    max: spec.max,
                });
            }
        }
    }
    Ok(())
}

impl Rubric {
    /// Whether the rubric may score documents of a template.
    pub fn fits(&self, template_id: &str) -> bool {
        self.templates.iter().any(|t| t == template_id)
    }

    /// The sub-criteria of a score group.
    pub fn criteria(&self, group: &str) -> &[Criterion] {
        self.groups
            .iter()
            .find(|g| g.group == group)
            .map_or(&[], |g| g.criteria.as_slice())
    }
}

/// The JSON Schema of the rubric format, as committed.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Rubric);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../../../docs/rubric-example.json");

    #[test]
    fn the_documented_example_is_a_valid_rubric() {
        let rubric = parse_rubric(EXAMPLE.as_bytes()).unwrap();
        assert!(rubric.fits("HD43-2025/2B"));
        assert_eq!(rubric.criteria("general").len(), 3);
        assert_eq!(
            rubric
                .criteria("general")
                .iter()
                .map(|c| c.max)
                .sum::<f64>(),
            30.0
        );
    }

    #[test]
    fn bad_rubrics_are_refused_with_the_reason() {
        let v: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
        let with = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v = v.clone();
            f(&mut v);
            serde_json::to_vec(&v).unwrap()
        };
        let cases: Vec<(Vec<u8>, RubricError)> = vec![
            (b"{".to_vec(), RubricError::NotJson { line: 1, column: 1 }),
            (
                br#"{"format":"tusoi-export"}"#.to_vec(),
                RubricError::NotOurs,
            ),
            (
                with(&|v| v["schema_version"] = 3.into()),
                RubricError::TooNew { found: 3 },
            ),
            (
                with(&|v| v["templates"] = serde_json::json!(["HD99/1"])),
                RubricError::UnknownTemplate {
                    id: "HD99/1".into(),
                },
            ),
            (
                with(&|v| v["groups"][0]["group"] = "bonus".into()),
                RubricError::UnknownGroup {
                    group: "bonus".into(),
                },
            ),
            (
                with(&|v| v["groups"][0]["criteria"][0]["max"] = 11.into()),
                RubricError::WrongSum {
                    group: "1. Nhóm tiêu chí chung".into(),
                    sum: "31".into(),
                    max: 30,
                },
            ),
            (
                with(&|v| {
                    v["groups"][1]["criteria"][0]["id"] =
                        v["groups"][0]["criteria"][0]["id"].clone()
                }),
                RubricError::DuplicateCriterion {
                    id: "chung-1".into(),
                },
            ),
            (
                with(&|v| v["groups"][0]["criteria"][0]["max"] = (-1).into()),
                RubricError::Invalid {
                    detail: "chung-1".into(),
                },
            ),
        ];
        for (bytes, expected) in cases {
            let got = parse_rubric(&bytes);
            match (&got, &expected) {
                (Err(RubricError::NotJson { .. }), RubricError::NotJson { .. }) => {}
                _ => assert_eq!(got, Err(expected.clone())),
            }
            let message = got.unwrap_err().message();
            assert!(
                message.ends_with("Thang điểm đang dùng không thay đổi.") && !message.contains('{'),
                "{message}"
            );
        }
    }

    /// Regenerate with `UPDATE_SCHEMA=1 cargo test -p tusoi-core`.
    #[test]
    fn committed_rubric_schema_matches_the_types() {
        crate::base::util::tests::assert_schema_committed("rubric.schema.json", &json_schema());
    }
}
