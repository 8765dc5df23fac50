//! The prompts file ("tệp gợi ý kiểm điểm"): the chi bộ's workspace writes the upper level's
//! prompt letter as a small JSON file (`tusoi-goi-y`, `schema/prompts.schema.json`), and a member
//! imports it into section IV of their review instead of typing each issue. The shape of the
//! letter itself is not official (`docs/domain.md`: no central form was found); the file holds
//! what the member's answer needs: who issued it, its number and date, the year, and the issues in
//! order.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::base::messages::{yt, ytf, YearMsg};
use crate::model::prompt::{PromptIssue, Prompts};

/// The value of the `format` field of a prompts file.
pub const PROMPTS_FORMAT: &str = "tusoi-goi-y";
/// The version of the prompts file this build writes and the newest it reads.
pub const PROMPTS_SCHEMA_VERSION: u32 = 1;
/// A prompts file is a few kilobytes; anything much larger is another file.
pub const MAX_PROMPTS_BYTES: usize = 1024 * 1024;

/// A prompt letter as the workspace writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Tự soi prompts file (gợi ý kiểm điểm)")]
pub struct PromptLetter {
    /// Always `tusoi-goi-y`.
    #[schemars(extend("const" = "tusoi-goi-y"))]
    pub format: String,
    #[schemars(range(min = 1))]
    pub schema_version: u32,
    /// The version of the app that wrote the file.
    #[serde(default)]
    pub app_version: String,
    /// The review year the prompts are for.
    pub year: u16,
    /// The issuing body ("Ban Thường vụ Đảng ủy xã …").
    pub body: String,
    /// The letter's number.
    #[serde(default)]
    pub number: String,
    /// The letter's date, `YYYY-MM-DD`, or empty.
    #[serde(default)]
    pub date: String,
    /// The collective or persons the letter is addressed to, as written; for the member to see.
    #[serde(default)]
    pub recipient: String,
    /// The issues, in the letter's order.
    pub issues: Vec<LetterIssue>,
    /// The committee's own templates sent with the letter (`forms::custom`, `docs/forms.md`): the
    /// member's app checks them and keeps them on the device. Absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(with = "Vec<serde_json::Map<String, serde_json::Value>>")]
    pub templates: Vec<serde_json::Value>,
}

/// One issue of the letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LetterIssue {
    /// The issue as the letter words it.
    pub content: String,
}

/// Why a prompts file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptFileError {
    TooLarge,
    NotJson,
    /// A member's export, not a prompts file.
    IsExport,
    NotOurs,
    TooNew(u64),
    /// A field is missing or of the wrong type.
    Bad(String),
    NoIssues,
    /// The letter is for another year than the review.
    WrongYear {
        found: u16,
        year: u16,
    },
}

impl PromptFileError {
    /// What to tell the member, in Vietnamese: what happened and what to do.
    pub fn message(&self) -> String {
        match self {
            PromptFileError::TooLarge => yt(YearMsg::PromptFileTooLarge).to_owned(),
            PromptFileError::NotJson => yt(YearMsg::PromptFileNotJson).to_owned(),
            PromptFileError::IsExport => yt(YearMsg::PromptFileIsExport).to_owned(),
            PromptFileError::NotOurs => yt(YearMsg::PromptFileNotOurs).to_owned(),
            PromptFileError::TooNew(found) => ytf(
                YearMsg::PromptFileTooNew,
                &[
                    ("found", &found.to_string()),
                    ("supported", &PROMPTS_SCHEMA_VERSION.to_string()),
                ],
            ),
            PromptFileError::Bad(detail) => {
                ytf(YearMsg::PromptFileBad, &[("detail", detail.as_str())])
            }
            PromptFileError::NoIssues => yt(YearMsg::PromptFileNoIssues).to_owned(),
            PromptFileError::WrongYear { found, year } => ytf(
                YearMsg::PromptsWrongYear,
                &[("found", &found.to_string()), ("year", &year.to_string())],
            ),
        }
    }
}

impl PromptLetter {
    /// A letter of the current format.
    pub fn new(year: u16, body: &str, number: &str, date: &str, issues: &[String]) -> Self {
        PromptLetter {
            format: PROMPTS_FORMAT.to_owned(),
            schema_version: PROMPTS_SCHEMA_VERSION,
            app_version: crate::base::util::APP_VERSION.to_owned(),
            year,
            body: body.trim().to_owned(),
            number: number.trim().to_owned(),
            date: date.trim().to_owned(),
            recipient: String::new(),
            issues: issues
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .map(|c| LetterIssue {
                    content: c.to_owned(),
                })
                .collect(),
            templates: Vec::new(),
        }
    }

    /// The file's text: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The letter as a document's prompts, each issue with a fresh id and no answer yet.
    pub fn to_prompts(&self, new_id: &mut dyn FnMut() -> String) -> Prompts {
        Prompts {
            body: self.body.clone(),
            number: self.number.clone(),
            date: self.date.clone(),
            issues: self
                .issues
                .iter()
                .map(|i| PromptIssue::new(new_id(), &i.content))
                .collect(),
        }
    }
}

/// Reads a prompts file for a review of `year`; never panics on any input.
pub fn parse_letter(bytes: &[u8], year: u16) -> Result<PromptLetter, PromptFileError> {
    if bytes.len() > MAX_PROMPTS_BYTES {
        return Err(PromptFileError::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|_| PromptFileError::NotJson)?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(PROMPTS_FORMAT) => {}
        Some(crate::workflow::export::EXPORT_FORMAT) => return Err(PromptFileError::IsExport),
        _ => return Err(PromptFileError::NotOurs),
    }
    match value.get("schema_version").and_then(|v| v.as_u64()) {
        Some(v) if v > u64::from(PROMPTS_SCHEMA_VERSION) => return Err(PromptFileError::TooNew(v)),
        Some(v) if v >= 1 => {}
        _ => return Err(PromptFileError::Bad("schema_version".to_owned())),
    }
    let letter: PromptLetter =
        serde_json::from_value(value).map_err(|e| PromptFileError::Bad(e.to_string()))?;
    if letter.issues.iter().all(|i| i.content.trim().is_empty()) {
        return Err(PromptFileError::NoIssues);
    }
    if letter.year != year {
        return Err(PromptFileError::WrongYear {
            found: letter.year,
            year,
        });
    }
    Ok(letter)
}

/// The committees' templates a file holds, for "Nhập tệp mẫu": a template file on its own, or the
/// templates a prompts file carries. Each is still to be checked (`forms::custom::check`).
pub fn templates_in(bytes: &[u8]) -> Result<Vec<serde_json::Value>, String> {
    use crate::forms::custom::{ft, FormMsg};
    if bytes.len() > MAX_PROMPTS_BYTES {
        return Err(ft(FormMsg::FormFileTooLarge).to_owned());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        crate::base::messages::fill(
            ft(FormMsg::FormNotJson),
            &[
                ("line", &e.line().to_string()),
                ("column", &e.column().to_string()),
            ],
        )
    })?;
    match value.get("format").and_then(|f| f.as_str()) {
        None if value.is_object() => Ok(vec![value]),
        Some(PROMPTS_FORMAT) => match value.get("templates").and_then(|t| t.as_array()) {
            Some(templates) if !templates.is_empty() => Ok(templates.clone()),
            _ => Err(ft(FormMsg::FormPromptsWithout).to_owned()),
        },
        Some(crate::workflow::export::EXPORT_FORMAT) => Err(ft(FormMsg::FormIsExport).to_owned()),
        _ => Err(ft(FormMsg::FormNotOurs).to_owned()),
    }
}

/// The JSON Schema of the prompts file, as committed.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(PromptLetter);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The prompts file's name: `goi-y-kiem-diem-2026-125-cv-du.json`.
pub fn file_name(letter: &PromptLetter) -> String {
    let number = crate::base::text::slug(&letter.number);
    if number.is_empty() {
        format!("goi-y-kiem-diem-{}.json", letter.year)
    } else {
        format!("goi-y-kiem-diem-{}-{number}.json", letter.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_file_or_the_templates_of_a_prompts_file_are_read_and_other_files_named() {
        let example = include_str!("../../../../docs/examples/mau-rieng-cam-ket.json");
        let alone = templates_in(example.as_bytes()).unwrap();
        assert_eq!(alone.len(), 1);
        assert_eq!(alone[0]["id"], "VI-DU/cam-ket-2026");
        // Inside a prompts file, which still reads as a letter.
        let mut with = letter();
        with.templates = alone.clone();
        let text = with.to_json();
        assert_eq!(templates_in(text.as_bytes()).unwrap(), alone);
        assert_eq!(parse_letter(text.as_bytes(), 2026).unwrap(), with);
        let without = letter().to_json();
        assert!(!without.contains("templates"));
        assert!(templates_in(without.as_bytes())
            .unwrap_err()
            .contains("không kèm mẫu riêng nào"));
        let export = crate::ExportEnvelope::new(Vec::new(), "2026-12-03T00:00:00.000Z").to_json();
        assert!(templates_in(export.as_bytes())
            .unwrap_err()
            .starts_with("Đây là tệp văn bản xuất"));
        assert!(templates_in(b"{\"format\": \"khac\"}")
            .unwrap_err()
            .contains("không phải tệp mẫu biểu"));
        assert!(templates_in(b"{\"id\": ")
            .unwrap_err()
            .starts_with("Tệp mẫu biểu không phải JSON hợp lệ (lỗi ở dòng 1"));
    }

    fn letter() -> PromptLetter {
        PromptLetter::new(
            2026,
            "Ban Thường vụ Đảng ủy xã Hoà An",
            "125-CV/ĐU",
            "2026-11-20",
            &[
                "Chậm giải ngân vốn đầu tư công".into(),
                "  ".into(),
                "Tiếp dân quá hạn".into(),
            ],
        )
    }

    #[test]
    fn a_letter_written_reads_back_with_its_issues_in_order_and_fresh_ids() {
        let text = letter().to_json();
        let back = parse_letter(text.as_bytes(), 2026).unwrap();
        assert_eq!(back, letter());
        let mut n = 0;
        let prompts = back.to_prompts(&mut || {
            n += 1;
            format!("g{n}")
        });
        let contents: Vec<(&str, &str)> = prompts
            .issues
            .iter()
            .map(|i| (i.id.as_str(), i.content.as_str()))
            .collect();
        assert_eq!(
            contents,
            [
                ("g1", "Chậm giải ngân vốn đầu tư công"),
                ("g2", "Tiếp dân quá hạn")
            ]
        );
        assert_eq!(prompts.number, "125-CV/ĐU");
        assert_eq!(file_name(&back), "goi-y-kiem-diem-2026-125-cv-du.json");
    }

    #[test]
    fn bad_prompts_files_are_refused_with_what_to_do() {
        let good = letter().to_json();
        let export = crate::ExportEnvelope::new(vec![], "2026-12-01T00:00:00.000Z").to_json();
        let cases: Vec<(Vec<u8>, PromptFileError)> = vec![
            (b"{not json".to_vec(), PromptFileError::NotJson),
            (export.into_bytes(), PromptFileError::IsExport),
            (br#"{"format":"x"}"#.to_vec(), PromptFileError::NotOurs),
            (
                good.replace("\"schema_version\": 1", "\"schema_version\": 5")
                    .into_bytes(),
                PromptFileError::TooNew(5),
            ),
            (
                good.replace("\"year\": 2026", "\"year\": 2025")
                    .into_bytes(),
                PromptFileError::WrongYear {
                    found: 2025,
                    year: 2026,
                },
            ),
            (
                PromptLetter::new(2026, "Ban", "1", "", &[])
                    .to_json()
                    .into_bytes(),
                PromptFileError::NoIssues,
            ),
            (vec![b' '; MAX_PROMPTS_BYTES + 1], PromptFileError::TooLarge),
        ];
        for (bytes, want) in cases {
            let got = parse_letter(&bytes, 2026).unwrap_err();
            assert_eq!(got, want);
            let message = got.message();
            assert!(!message.contains('{'), "{message}");
        }
        assert!(matches!(
            parse_letter(good.replace("\"body\"", "\"from\"").as_bytes(), 2026),
            Err(PromptFileError::Bad(_))
        ));
    }

    /// Regenerate with `UPDATE_SCHEMA=1 cargo test -p tusoi-core`.
    #[test]
    fn committed_prompts_schema_matches_the_types() {
        crate::base::util::tests::assert_schema_committed("prompts.schema.json", &json_schema());
    }
}
