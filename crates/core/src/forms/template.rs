//! Official forms as data. Each form version is one JSON file under `crates/core/templates/`;
//! `build.rs` checks each file and turns it into a static [`Template`] (no JSON parser for templates
//! in the wasm: 8.4 kB of brotli, docs/size.md). Adding a form is adding a file and its name to `TEMPLATES` in
//! `build.rs`, never new UI code.
//!
//! A template keeps the form's own wording. Where docs/domain.md ("Which guidance and which forms") marks a part as inferred,
//! the part carries `verified: false`, and the UI says it has not been checked against the original.

use serde::Deserialize;

use crate::base::messages::Msg;
use crate::forms::field::HeaderField;
use crate::forms::rating::RatingList;

/// A template id such as `HD43-2025/2B`: the guidance that issued the form, then the form's letter.
pub type TemplateId = str;

/// What a template makes: a self-review or a pledge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    #[default]
    Review,
    Pledge,
    /// The probationary member's self-review before becoming a full member (HD 06 §4.2).
    Probation,
    /// The self-review of the year before a transfer of party activity (HD 06 §10.1).
    Transfer,
    /// A "bài thu hoạch" after studying a resolution or a course.
    Study,
}

/// Who writes a form: the first question when a document is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// "Cá nhân giữ chức vụ lãnh đạo, quản lý".
    Leader,
    /// A member without a leadership post, working in the political system.
    Member,
    /// A member not working in the political system (retired, students, private sector…).
    Outside,
    /// A party committee, chi bộ or leadership collective.
    Collective,
}

impl Audience {
    pub const ALL: [Audience; 4] = [
        Audience::Member,
        Audience::Leader,
        Audience::Outside,
        Audience::Collective,
    ];

    pub fn label(self) -> Msg {
        match self {
            Audience::Leader => Msg::AudienceLeader,
            Audience::Member => Msg::AudienceMember,
            Audience::Outside => Msg::AudienceOutside,
            Audience::Collective => Msg::AudienceCollective,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Audience::Leader => "leader",
            Audience::Member => "member",
            Audience::Outside => "outside",
            Audience::Collective => "collective",
        }
    }

    pub fn from_key(key: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// An official form, version by version.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// Stable id, kept by every document for ever (`HD43-2025/2B`).
    pub id: &'static str,
    /// What the template makes.
    pub document: DocKind,
    /// The guidance that annexes the form.
    pub guidance: &'static str,
    /// The regulation whose criteria the form applies.
    pub regulation: &'static str,
    /// The code printed at the top right of the form.
    pub code: &'static str,
    /// Whom the form is for, in the guidance's words (the file's `audience`).
    pub audience_text: &'static str,
    /// Who writes this form, for proposing it (the file's `kind`).
    pub audience: Audience,
    /// The first review year the form applies to.
    pub first_year: u16,
    /// The last review year the form applies to, if a newer guidance replaced it.
    pub last_year: Option<u16>,
    /// The identity lines under the title, in print order (the header block is on every form).
    pub identity: &'static [HeaderField],
    /// The rating lists of the last section, in print order.
    pub rating_lists: &'static [RatingListSpec],
    /// What of this template was reconstructed rather than read in a reproduction of the form;
    /// shown where the form is chosen. `None` when everything was verified.
    pub unverified: Option<&'static str>,
    /// The title printed on the form.
    pub title: &'static str,
    /// The second title line of a pledge that also registers "học tập và làm theo".
    pub study_title: Option<&'static str>,
    /// A pledge's opening paragraph, printed before the sections.
    pub opening: Option<&'static str>,
    /// A pledge's closing paragraph, printed before the signature.
    pub closing: Option<&'static str>,
    /// The subtitle printed under the title.
    pub subtitle: Provenanced,
    /// The sections in the order the form prints them.
    pub sections: &'static [Section],
    /// The score groups of part B.I, with their maximum points.
    pub score_groups: &'static [ScoreGroup],
    /// The signature block at the end of the member's part.
    pub signature: Signature,
    /// The blocks others fill in (manager, chi bộ, đảng uỷ), printed blank. Seen on the pre-2025
    /// forms; assumed still present in 2025 (docs/domain.md, "Which guidance and which forms"), which `unverified` says.
    pub approval_blocks: &'static [ApprovalBlock],
    /// A committee's template only (`forms::custom`): its sections' texts, which a built-in
    /// template keeps in `tips.rs` instead.
    pub own_texts: &'static [SectionTexts],
    /// A committee's template only: its file, as every document made from it carries it
    /// (`Document::form`).
    pub own_file: Option<&'static serde_json::Value>,
}

/// "NGƯỜI TỰ KIỂM ĐIỂM / (Ký, ghi rõ họ tên)".
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub title: &'static str,
    pub note: &'static str,
}

/// A block printed blank for others to fill in.
#[derive(Debug, Clone, PartialEq)]
pub struct ApprovalBlock {
    pub heading: Option<&'static str>,
    pub lines: &'static [&'static str],
    pub signer: &'static str,
    pub signer_note: Option<&'static str>,
}

/// A piece of text with whether it was seen in a reproduction of the official form.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenanced {
    pub text: &'static str,
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
    /// A pledge's list of commitments.
    Commitments,
    /// The committee's questions of a "bài thu hoạch", each with its answer.
    Questions,
}

/// One heading of the form.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The form's own numbering, `A.I.1`, used as the answer's key.
    pub id: &'static str,
    pub kind: SectionKind,
    /// The heading exactly as the form prints it.
    pub heading: &'static str,

    /// The form marks the section "(nếu có)".
    pub optional: bool,
    /// The section must be filled before the document is complete.
    pub required: bool,
    /// Seen in a reproduction of the official form (docs/domain.md, "Which guidance and which forms").
    pub verified: bool,
    /// The length under which the linter calls a text too short to be specific.
    pub min_chars: Option<usize>,
    /// Where a new pledge puts last review's remedies (A.VI).
    pub remedies: bool,
    /// What the section is for carry-over and the self-check, whatever its number on this form.
    pub role: Option<SectionRole>,
    /// Shown only when the pledge registers "học tập và làm theo".
    pub study: bool,
}

/// The sections carry-over and the self-check read or fill. Forms number them differently (the
/// pledge item is A.I.3 on 2B, A.I.6 on 2A, I.6 on the 2019 form), so templates name them.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SectionRole {
    /// Political quality and ethics: the self-check's summary goes here (A.I.1).
    SelfCheck,
    /// "Việc thực hiện cam kết tu dưỡng…": the pledge's results go here.
    PledgeResults,
    /// "Hạn chế, khuyết điểm" (A.II.1): carried into next year's review.
    Shortcomings,
    /// Last review's shortcomings, followed up (A.III).
    Carried,
    /// "Phương hướng, biện pháp khắc phục" (A.VI): carried into next year's review and pledge.
    Remedies,
    /// "Giải trình những vấn đề được gợi ý kiểm điểm" (A.IV): one block per prompt issue where the
    /// upper level gave prompts (`model::prompt`).
    Prompts,
}

/// A rating list of the form: which rating, and its heading.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingListSpec {
    pub list: RatingList,
    pub label: &'static str,
}

/// A score group of part B.I.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreGroup {
    pub id: &'static str,
    pub label: &'static str,
    pub max: u8,
}

/// A section's note, writing tip and examples, kept apart from the templates' statics so that only
/// the editor, the print page and the linter link them (`build.rs`, docs/size.md).
#[derive(Debug, PartialEq)]
pub struct SectionTexts {
    pub template: &'static str,
    pub section: &'static str,
    /// The form's own guidance note, printed in italics on the form.
    pub note: Option<&'static str>,
    /// The app's writing tip. Never official text; the UI labels it as the app's.
    pub hint: Option<&'static str>,
    /// Specific examples shown to the member; the linter flags text copied from them.
    pub examples: &'static [&'static str],
}

static TEXTS: &[SectionTexts] = include!(concat!(env!("OUT_DIR"), "/tips.rs"));

/// The templates a page or a run knows: the built-in ones and the committees' own it was given
/// (`forms::custom`). A value, passed to what needs it as the clock and the ids are: nothing in the
/// core registers a template behind a caller's back, so what a function does depends only on what
/// it is given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Forms {
    custom: Vec<&'static Template>,
}

impl Forms {
    /// The template with this id: a built-in one, else a committee's this value holds.
    pub fn get(&self, id: &TemplateId) -> Option<&'static Template> {
        Template::get(id).or_else(|| self.custom.iter().copied().find(|t| t.id == id))
    }

    /// The committees' own templates, in the order they came.
    pub fn custom(&self) -> &[&'static Template] {
        &self.custom
    }

    /// Adds a committee's template, in place of one of the same id. Callers never pass a built-in
    /// one (`forms::custom::check` refuses its id).
    pub fn add(&mut self, template: &'static Template) {
        self.custom.retain(|t| t.id != template.id);
        self.custom.push(template);
    }

    /// Forgets a committee's template (removed from the device); documents made from it keep
    /// their copy of the file and bring it back when opened.
    pub fn remove(&mut self, id: &TemplateId) {
        self.custom.retain(|t| t.id != id);
    }

    /// The pledge template for a year: the committee's own that applies to the year (the
    /// newest), else the newest built-in one that applies, else the first.
    pub fn pledge_for(&self, year: u16) -> &'static Template {
        let own = self
            .custom
            .iter()
            .copied()
            .filter(|t| t.is_pledge() && t.applies_to(year))
            .max_by_key(|t| t.first_year);
        own.unwrap_or_else(|| Template::pledge_for(year))
    }

    /// Whether `form` is the file of the committee's template held under `id`.
    pub fn has_file(&self, id: &TemplateId, form: &serde_json::Value) -> bool {
        self.custom
            .iter()
            .any(|t| t.id == id && t.own_file == Some(form))
    }
}

/// What reading a file does with the committee's templates its documents carry
/// (`workflow::export::parse_import`). [`Forms`] takes a carried form on its id, unchecked: the
/// home page's wasm does not link the checker (docs/size.md), and soan/ checks the form when it
/// opens the document. `forms::custom::Checking` checks each form and keeps it.
pub trait FormCheck {
    /// Whether a template of this id is known, built in or a committee's.
    fn knows(&self, id: &TemplateId) -> bool;
    /// A document's committee template (id, the document's title, the file) checked and kept,
    /// or `None` where this reader does not check.
    fn check(
        &mut self,
        id: &TemplateId,
        title: &str,
        form: &serde_json::Value,
    ) -> Option<Result<(), String>>;
}

impl FormCheck for Forms {
    fn knows(&self, id: &TemplateId) -> bool {
        self.get(id).is_some()
    }

    fn check(
        &mut self,
        _: &TemplateId,
        _: &str,
        _: &serde_json::Value,
    ) -> Option<Result<(), String>> {
        None
    }
}

impl Template {
    fn tips(&self, section: &Section) -> Option<&'static SectionTexts> {
        let built_in = TEXTS
            .iter()
            .find(|t| t.template == self.id && t.section == section.id);
        built_in.or_else(|| self.own_texts.iter().find(|t| t.section == section.id))
    }

    /// Whether this is one of the app's own templates rather than a committee's file.
    pub fn is_built_in(id: &TemplateId) -> bool {
        Template::all().iter().any(|t| t.id == id)
    }

    /// The form's own guidance note of a section, printed in italics on the form.
    pub fn note(&self, section: &Section) -> Option<&'static str> {
        self.tips(section).and_then(|t| t.note)
    }

    /// The app's writing tip for a section, if it has one.
    pub fn hint(&self, section: &Section) -> Option<&'static str> {
        self.tips(section).and_then(|t| t.hint)
    }

    /// The examples of a section shown to the member; the linter flags text copied from them.
    pub fn examples(&self, section: &Section) -> &'static [&'static str] {
        self.tips(section).map_or(&[], |t| t.examples)
    }

    /// Every built-in template (`build.rs` writes them from `templates/*.json`).
    pub fn all() -> &'static [Template] {
        static ALL: &[Template] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));
        ALL
    }

    /// The built-in template with this id; a committee's own is found through [`Forms::get`].
    pub fn get(id: &TemplateId) -> Option<&'static Template> {
        Template::all().iter().find(|t| t.id == id)
    }

    /// Whether the form's guidance was in force for a review year.
    pub fn applies_to(&self, year: u16) -> bool {
        self.first_year <= year && self.last_year.is_none_or(|last| year <= last)
    }

    /// The form of the guidance in force for a review year for this audience (2025 on: HD43;
    /// 2023-2024: HD25; 2019-2022: HD21, whose one form serves every member). Before 2019 the
    /// oldest form is proposed; after the newest guidance, the newest.
    pub fn propose(audience: Audience, year: u16) -> &'static Template {
        let all = Template::all();
        let fits = |t: &&Template| {
            t.audience == audience
                || (audience != Audience::Collective
                    && t.audience == Audience::Member
                    && t.id.starts_with("HD21"))
        };
        let reviews = || all.iter().filter(|t| t.document == DocKind::Review);
        let candidates: Vec<&Template> = reviews().filter(|t| t.audience == audience).collect();
        let in_force = reviews()
            .filter(fits)
            .filter(|t| t.applies_to(year))
            .max_by_key(|t| t.first_year);
        in_force
            .or_else(|| {
                candidates
                    .iter()
                    .copied()
                    .filter(|t| t.first_year <= year)
                    .max_by_key(|t| t.first_year)
            })
            .or_else(|| candidates.iter().copied().min_by_key(|t| t.first_year))
            .unwrap_or(&all[0])
    }

    /// The template of the guidance in force for a review year, for a member without a
    /// leadership post.
    pub fn for_year(year: u16) -> &'static Template {
        Template::propose(Audience::Member, year)
    }

    /// The built-in pledge template for a year: the newest that applies, else the first
    /// ([`Forms::pledge_for`] prefers a committee's own).
    pub fn pledge_for(year: u16) -> &'static Template {
        let all = Template::all();
        let pledges = || all.iter().filter(|t| t.is_pledge());
        pledges()
            .filter(|t| t.first_year <= year)
            .max_by_key(|t| t.first_year)
            .or_else(|| pledges().next())
            .unwrap_or(&all[0])
    }

    /// Whether a collective (a party committee, chi bộ or leadership) writes this form.
    pub fn is_collective(&self) -> bool {
        self.audience == Audience::Collective
    }

    pub fn is_pledge(&self) -> bool {
        self.document == DocKind::Pledge
    }

    /// A yearly self-review (the forms of the guidance, Mẫu 01 included), as the chi bộ rates it.
    pub fn is_review(&self) -> bool {
        self.document == DocKind::Review
    }

    /// A section's heading as shown: when the "học tập và làm theo" section is left out (the
    /// member does not register), the numbered headings after it move up by one, so a pledge reads
    /// 1 to 6 rather than 1, 2, 3, 4, 6, 7.
    pub fn heading(&self, section: &Section, study_registration: bool) -> String {
        let hidden = self
            .sections
            .iter()
            .position(|s| s.study)
            .filter(|_| !study_registration);
        let at = self.sections.iter().position(|s| s.id == section.id);
        let (Some(hidden), Some(at)) = (hidden, at) else {
            return section.heading.to_owned();
        };
        let number_end = section
            .heading
            .find(". ")
            .filter(|&n| n > 0 && section.heading[..n].bytes().all(|b| b.is_ascii_digit()));
        match (number_end, section.heading.get(..number_end.unwrap_or(0))) {
            (Some(n), Some(number)) if at > hidden => match number.parse::<u32>() {
                Ok(k) if k > 1 => format!("{}{}", k - 1, &section.heading[n..]),
                _ => section.heading.to_owned(),
            },
            _ => section.heading.to_owned(),
        }
    }

    /// The section with a role, if the form has it.
    pub fn role_section(&self, role: SectionRole) -> Option<&Section> {
        self.sections.iter().find(|s| s.role == Some(role))
    }

    /// The section that takes last review's remedies.
    pub fn remedy_section(&self) -> Option<&Section> {
        self.sections.iter().find(|s| s.remedies)
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
    fn sections_are_numbered_as_shown_when_the_study_section_is_left_out() {
        let t = Template::pledge_for(2026);
        let shown = |study: bool| -> Vec<String> {
            t.sections
                .iter()
                .filter(|s| s.kind == SectionKind::Commitments && (study || !s.study))
                .map(|s| t.heading(s, study))
                .map(|h| h.split(". ").next().unwrap_or("").to_owned())
                .collect()
        };
        assert_eq!(shown(true), ["1", "2", "3", "4", "5", "6", "7"]);
        assert_eq!(shown(false), ["1", "2", "3", "4", "5", "6"]);
        // A review's headings are as the form prints them.
        let review = Template::get("HD43-2025/2B").unwrap();
        for s in review.sections {
            assert_eq!(review.heading(s, false), s.heading);
        }
    }

    /// The rules every template keeps (unique section ids, …) are `forms::custom::problems`,
    /// held for the built-in ones by `forms::custom`'s tests.
    #[test]
    fn every_file_of_templates_is_built_in() {
        assert_eq!(
            Template::all().len(),
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/templates"))
                .unwrap()
                .count(),
        );
    }

    #[test]
    fn mau_2b_2025_has_every_heading_of_the_form_in_order() {
        let t = Template::get("HD43-2025/2B").unwrap();
        let ids: Vec<_> = t.sections.iter().map(|s| s.id).collect();
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
            .note(t.section("A.III").unwrap())
            .unwrap()
            .starts_with("Kiểm điểm rõ"));
        assert!(t
            .note(t.section("B.I").unwrap())
            .unwrap()
            .contains("Phụ lục 4"));
        // docs/domain.md, "Which guidance and which forms": the 2B subtitle is inferred, so it must not claim to be verified.
        assert!(!t.subtitle.verified);
    }

    #[test]
    fn the_form_in_force_is_proposed_by_audience_and_year() {
        // docs/domain.md, "Which guidance and which forms": the letters A and B swapped between 2023 and 2025.
        let cases = [
            (Audience::Member, 2026, "HD43-2025/2B"),
            (Audience::Member, 2025, "HD43-2025/2B"),
            (Audience::Leader, 2025, "HD43-2025/2A"),
            (Audience::Outside, 2025, "HD43-2025/2C"),
            (Audience::Collective, 2025, "HD43-2025/01"),
            (Audience::Member, 2024, "HD25-2023/02A"),
            (Audience::Member, 2023, "HD25-2023/02A"),
            (Audience::Leader, 2023, "HD25-2023/02B"),
            (Audience::Member, 2022, "HD21-2019/02"),
            (Audience::Leader, 2019, "HD21-2019/02"),
            (Audience::Outside, 2020, "HD21-2019/02"),
            (Audience::Member, 2010, "HD21-2019/02"),
        ];
        for (audience, year, id) in cases {
            assert_eq!(
                Template::propose(audience, year).id,
                id,
                "{audience:?} {year}"
            );
        }
    }

    #[test]
    fn the_pledge_template_has_commitment_sections_one_for_remedies_and_is_never_proposed_as_a_review(
    ) {
        let pledge = Template::pledge_for(2026);
        assert!(pledge.is_pledge());
        assert!(pledge
            .sections
            .iter()
            .all(|s| s.kind == SectionKind::Commitments));
        assert_eq!(pledge.sections.iter().filter(|s| s.remedies).count(), 1);
        assert!(
            pledge.sections.iter().any(|s| s.study),
            "the Chỉ thị 05 section"
        );
        assert!(
            pledge.unverified.is_some(),
            "no official pledge form exists"
        );
        for audience in Audience::ALL {
            for year in [2016, 2020, 2025, 2026] {
                assert!(Template::propose(audience, year).is_review());
            }
        }
    }

    #[test]
    fn every_template_has_identity_ratings_and_consistent_scores() {
        for t in Template::all() {
            assert!(!t.identity.is_empty(), "{}", t.id);
            if !t.is_review() {
                assert!(t.rating_lists.is_empty() && t.score_groups.is_empty());
                assert!(
                    t.unverified.is_some(),
                    "{}: no central form, so flagged",
                    t.id
                );
                continue;
            }
            assert!(!t.rating_lists.is_empty(), "{}", t.id);
            let has_scores = t.sections.iter().any(|s| s.kind == SectionKind::Scores);
            assert_eq!(has_scores, !t.score_groups.is_empty(), "{}", t.id);
            if has_scores {
                assert_eq!(t.max_total(), 100, "{}: 30 + 70", t.id);
            }
            let inferred = !t.subtitle.verified || t.sections.iter().any(|s| !s.verified);
            assert!(
                !inferred || t.unverified.is_some(),
                "{}: inferred parts must be explained",
                t.id
            );
            assert_eq!(
                t.id.starts_with("HD43"),
                t.rating_lists.len() == 1,
                "{}: one rating list in 2025, two before",
                t.id
            );
        }
    }
}
