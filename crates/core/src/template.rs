//! Official forms as data. Each form version is one JSON file under `crates/core/templates/`,
//! embedded at compile time and parsed on first use; adding a form is adding a file and a line to
//! [`BUILT_IN`], never new UI code.
//!
//! A template keeps the form's own wording. Where `../shared/domain.md` marks a part as inferred,
//! the part carries `verified: false`, and the UI says it has not been checked against the original.

use std::sync::OnceLock;

use serde::Deserialize;

/// A template id such as `HD43-2025/2B`: the guidance that issued the form, then the form's letter.
pub type TemplateId = str;

/// The JSON of every template this build knows.
const BUILT_IN: &[&str] = &[include_str!("../templates/HD43-2025-2B.json")];

/// An official form, version by version.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Stable id, kept by every document for ever (`HD43-2025/2B`).
    pub id: String,
    /// The guidance that annexes the form.
    pub guidance: String,
    /// The regulation whose criteria the form applies.
    pub regulation: String,
    /// The code printed at the top right of the form.
    pub code: String,
    /// Whom the form is for, in the guidance's words.
    pub audience: String,
    /// The first review year the form applies to.
    pub first_year: u16,
    /// The title printed on the form.
    pub title: String,
    /// The subtitle printed under the title.
    pub subtitle: Provenanced,
    /// The sections in the order the form prints them.
    pub sections: Vec<Section>,
    /// The score groups of part B.I, with their maximum points.
    pub score_groups: Vec<ScoreGroup>,
}

/// A piece of text with whether it was seen in a reproduction of the official form.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Provenanced {
    pub text: String,
    pub verified: bool,
}

/// What a section asks of the member.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// A heading that groups the sections under it; nothing to fill.
    Heading,
    /// Free text.
    Text,
    /// The score groups (part B.I).
    Scores,
    /// The proposed rating (part B.II).
    Rating,
}

/// One heading of the form.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The form's own numbering, `A.I.1`, used as the answer's key.
    pub id: String,
    pub kind: SectionKind,
    /// The heading exactly as the form prints it.
    pub heading: String,
    /// The form's own guidance note, printed in italics on the form.
    #[serde(default)]
    pub note: Option<String>,
    /// The app's writing tip. Never official text; the UI labels it as the app's.
    #[serde(default)]
    pub hint: Option<String>,
    /// The form marks the section "(nếu có)".
    #[serde(default)]
    pub optional: bool,
    /// The section must be filled before the document is complete.
    #[serde(default)]
    pub required: bool,
    /// Seen in a reproduction of the official form (`domain.md` "VERIFIED").
    pub verified: bool,
}

/// A score group of part B.I.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScoreGroup {
    pub id: String,
    pub label: String,
    pub max: u8,
}

impl Template {
    /// Every built-in template, parsed once.
    pub fn all() -> &'static [Template] {
        static ALL: OnceLock<Vec<Template>> = OnceLock::new();
        ALL.get_or_init(|| {
            BUILT_IN
                .iter()
                .map(|json| {
                    // The files are part of the build and a test parses every one of them, so a
                    // broken file never reaches a user.
                    #[allow(clippy::expect_used)]
                    serde_json::from_str(json).expect("built-in template parses")
                })
                .collect()
        })
    }

    /// The built-in template with this id.
    pub fn get(id: &TemplateId) -> Option<&'static Template> {
        Template::all().iter().find(|t| t.id == id)
    }

    /// The template of the guidance in force for a review year, for a member without a leadership post.
    pub fn for_year(year: u16) -> &'static Template {
        let all = Template::all();
        all.iter()
            .filter(|t| t.first_year <= year)
            .max_by_key(|t| t.first_year)
            .unwrap_or(&all[0])
    }

    /// The sections the member writes text into.
    pub fn text_sections(&self) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(|s| s.kind == SectionKind::Text)
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The score group with this id.
    pub fn score_group(&self, id: &str) -> Option<&ScoreGroup> {
        self.score_groups.iter().find(|g| g.id == id)
    }

    /// The maximum total of all score groups (100 on the 2025 forms).
    pub fn max_total(&self) -> u16 {
        self.score_groups.iter().map(|g| u16::from(g.max)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_template_parses_with_unique_ids() {
        let all = Template::all();
        assert_eq!(all.len(), BUILT_IN.len());
        for t in all {
            let mut ids: Vec<_> = t.sections.iter().map(|s| s.id.as_str()).collect();
            let n = ids.len();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), n, "{}: duplicate section ids", t.id);
            assert!(
                !(t.sections.iter().any(|s| s.required && s.optional)),
                "{}",
                t.id
            );
        }
    }

    #[test]
    fn mau_2b_2025_has_every_heading_of_the_form_in_order() {
        let t = Template::get("HD43-2025/2B").unwrap();
        let ids: Vec<_> = t.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "A", "A.I", "A.I.1", "A.I.2", "A.I.3", "A.II", "A.II.1", "A.II.2", "A.III", "A.IV",
                "A.V", "A.VI", "B", "B.I", "B.II"
            ]
        );
        assert_eq!(t.code, "Mẫu 02B-HD KĐ.ĐG 2025");
        assert_eq!(t.max_total(), 100);
        assert_eq!(t.score_group("general").unwrap().max, 30);
        assert_eq!(t.score_group("tasks").unwrap().max, 70);
        // The form marks IV and V "(nếu có)"; the notes of III and IV are the form's own.
        assert!(t.section("A.IV").unwrap().optional && t.section("A.V").unwrap().optional);
        assert!(t
            .section("A.III")
            .unwrap()
            .note
            .as_deref()
            .unwrap()
            .starts_with("Kiểm điểm rõ"));
        assert!(t
            .section("B.I")
            .unwrap()
            .note
            .as_deref()
            .unwrap()
            .contains("Phụ lục 4"));
        // domain.md §2.1: the 2B subtitle is inferred, so it must not claim to be verified.
        assert!(!t.subtitle.verified);
    }

    #[test]
    fn the_2025_form_applies_from_2025_on() {
        assert_eq!(Template::for_year(2025).id, "HD43-2025/2B");
        assert_eq!(Template::for_year(2026).id, "HD43-2025/2B");
    }
}
